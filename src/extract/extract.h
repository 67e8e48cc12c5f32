/*
 * extract.h — the main text of an HTML page, from the document model.
 *
 * Structural evidence first (an itemprop=articleBody element), then
 * candidate scoring in the manner of Readability (paragraph-like nodes
 * score by length and commas and give their score to their ancestors;
 * class/id hints and link density adjust it; the best candidate's siblings
 * that look like content join it). Inside the chosen container, subtrees
 * that are navigation, asides, forms, hidden, link lists or marked by
 * class/id as comments, share bars, related stories, newsletters or ads
 * are pruned, and the rest becomes blocks at every block-level boundary.
 * The clean stage then removes what only text reveals.
 */
#ifndef WN_EXTRACT_H
#define WN_EXTRACT_H

#include "../core/doc.h"
#include "../dom/dom.h"

typedef struct wn_extract_info {
    const char *method;   /* "articleBody", "candidate", "body" */
    uint32_t container;   /* node index of the chosen container */
} wn_extract_info;

/* Appends the page's main-text blocks to d. Returns the number of blocks. */
size_t wn_extract(wn_doc *d, const wn_dom *dom, wn_extract_info *info);

#endif
