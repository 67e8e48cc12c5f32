/*
 * extract.h — the main text of an HTML page, from the document model.
 *
 * Several views of where the story is, one parse: structural evidence
 * (every top-level itemprop=articleBody element), candidate scoring in the
 * manner of Readability (paragraph-like nodes score by length and commas
 * and give their score to their ancestors; class/id hints, scaled by the
 * text they hold, and link density adjust it; siblings that look like
 * content join the winner), a relaxed re-scoring without class-name
 * exclusions when the first result is short, and JSON-LD articleBody when
 * the markup holds far less. Inside the chosen container, subtrees that
 * are navigation, asides, forms, hidden, link lists or marked by class/id
 * as boilerplate are pruned — unless they hold the story's prose. The
 * clean stage then removes what only text reveals. docs/extraction.md
 * has the algorithm, the measurements and the failure analysis.
 */
#ifndef WN_EXTRACT_H
#define WN_EXTRACT_H

#include "../core/doc.h"
#include "../dom/dom.h"

/* Tuning constants, settable by name (winnow_options_set_param, the CLI's
 * --param) so benchmarks can cross-validate them; the defaults are the
 * measured choice (docs/extraction.md). */
typedef enum wn_xparam {
    WN_XP_POS_CHARS = 0, /* text at which a content class earns its full bonus */
    WN_XP_NEG_KEEP_PARAS, /* prose paragraphs that save a subtree from class pruning */
    WN_XP_RETRY_CHARS,   /* a result shorter than this tries the relaxed views */
    WN_XP_RETRY_GAIN,    /* ... and takes one only when this many times longer */
    WN_XP_HYDRATE_CHARS, /* a result shorter than this asks the page's JSON data */
    WN_XP_COUNT_
} wn_xparam;

typedef struct wn_extract_params {
    double v[WN_XP_COUNT_];
} wn_extract_params;

/* Fills p with the defaults. */
void wn_extract_params_default(wn_extract_params *p);
/* Index of a parameter name, or -1. */
int wn_extract_param_index(const char *name);
/* Name of parameter i (NULL past the end), for listings. */
const char *wn_extract_param_name(int i);

typedef struct wn_extract_info {
    const char *method;   /* "articleBody", "candidate", "relaxed", "json-ld",
                             "page-data", "body" */
    uint32_t container;   /* node index of the chosen container */
} wn_extract_info;

/* Appends the page's main-text blocks to d. Returns the number of blocks. */
size_t wn_extract(wn_doc *d, const wn_dom *dom, const wn_extract_params *p,
                  wn_extract_info *info);

/* Internal to the stage (hydrate.c): searches the page's JSON data scripts
 * (dom->jsondata) for the story's two shapes; the result (in d's arena) is
 * passed to wn_extract_hydrated, which appends the blocks of shape `which`
 * (0: an array of paragraph objects, 1: a string of HTML) and returns how
 * many, 0 if there is none (d may then hold blocks to drop). */
void *wn_extract_hydrate_find(wn_doc *d, const wn_dom *dom);
size_t wn_extract_hydrated(wn_doc *d, void *found, int which, const wn_extract_params *p);

#endif
