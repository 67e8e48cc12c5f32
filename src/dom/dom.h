/*
 * dom.h — HTML into winnow's own compact document model.
 *
 * The parser (libxml2's HTML parser, chosen by measurement: see
 * docs/design.md) is used through its SAX interface only: start tag, end
 * tag, text. model.c turns those events into a flat array of nodes (parent,
 * first/last child and next sibling as indices, tag ids, the attributes we
 * read, text as UTF-8 slices). Extraction and metadata work on this model
 * alone, so a faster tokenizer can replace libxml2 behind the same three
 * events without touching them.
 *
 * encoding.c converts a page to UTF-8 before parsing (BOM, then the
 * caller's charset, then <meta charset>/http-equiv, then detection), so the
 * parser never guesses.
 */
#ifndef WN_DOM_H
#define WN_DOM_H

#include "../core/doc.h"

/* Tags the extractor distinguishes; everything else is WN_TAG_OTHER. */
typedef enum wn_tag {
    WN_TAG_OTHER = 0,
    WN_TAG_ROOT, /* the document node (index 0) */
    WN_TAG_HTML, WN_TAG_HEAD, WN_TAG_BODY, WN_TAG_TITLE, WN_TAG_META, WN_TAG_LINK,
    WN_TAG_SCRIPT, WN_TAG_STYLE, WN_TAG_NOSCRIPT, WN_TAG_TEMPLATE, WN_TAG_SVG,
    WN_TAG_MATH, WN_TAG_IFRAME, WN_TAG_OBJECT, WN_TAG_EMBED, WN_TAG_CANVAS,
    WN_TAG_VIDEO, WN_TAG_AUDIO, WN_TAG_MAP, WN_TAG_FORM, WN_TAG_BUTTON,
    WN_TAG_SELECT, WN_TAG_OPTION, WN_TAG_TEXTAREA, WN_TAG_INPUT, WN_TAG_LABEL,
    WN_TAG_NAV, WN_TAG_ASIDE, WN_TAG_FOOTER, WN_TAG_HEADER, WN_TAG_MAIN,
    WN_TAG_ARTICLE, WN_TAG_SECTION, WN_TAG_DIV, WN_TAG_SPAN, WN_TAG_P,
    WN_TAG_H1, WN_TAG_H2, WN_TAG_H3, WN_TAG_H4, WN_TAG_H5, WN_TAG_H6,
    WN_TAG_UL, WN_TAG_OL, WN_TAG_LI, WN_TAG_DL, WN_TAG_DT, WN_TAG_DD,
    WN_TAG_BLOCKQUOTE, WN_TAG_PRE, WN_TAG_CODE, WN_TAG_TABLE, WN_TAG_THEAD,
    WN_TAG_TBODY, WN_TAG_TFOOT, WN_TAG_TR, WN_TAG_TD, WN_TAG_TH, WN_TAG_CAPTION,
    WN_TAG_FIGURE, WN_TAG_FIGCAPTION, WN_TAG_IMG, WN_TAG_PICTURE, WN_TAG_SOURCE,
    WN_TAG_A, WN_TAG_BR, WN_TAG_HR, WN_TAG_B, WN_TAG_STRONG, WN_TAG_I, WN_TAG_EM,
    WN_TAG_U, WN_TAG_SMALL, WN_TAG_SUB, WN_TAG_SUP, WN_TAG_TIME, WN_TAG_ADDRESS,
    WN_TAG_CENTER, WN_TAG_FONT, WN_TAG_DETAILS, WN_TAG_SUMMARY, WN_TAG_FIELDSET,
    WN_TAG_LEGEND, WN_TAG_CITE, WN_TAG_Q, WN_TAG_ABBR, WN_TAG_MARK, WN_TAG_DEL,
    WN_TAG_INS, WN_TAG_S, WN_TAG_WBR,
    WN_TAG_COUNT_
} wn_tag;

enum { WN_NODE_ELEMENT = 0, WN_NODE_TEXT = 1 };

typedef struct wn_attr {
    const char *name;  /* lowercase */
    const char *value; /* UTF-8, entities decoded; "" for a bare attribute */
} wn_attr;

typedef struct wn_node {
    uint32_t parent, first, last, next; /* node indices; 0 = none (0 is the root) */
    uint16_t tag;                       /* wn_tag (elements) */
    uint8_t type;                       /* WN_NODE_ELEMENT or WN_NODE_TEXT */
    uint8_t depth_cut;                  /* children dropped: nesting limit */
    uint32_t nattr;
    wn_attr *attr;     /* elements: the attributes (all of them) */
    const char *text;  /* text nodes: UTF-8 as in the page (not normalised) */
    uint32_t len;
} wn_node;

typedef struct wn_dom {
    wn_node *nodes; /* nodes[0] is the root */
    size_t n;
    /* contents of <script type="application/ld+json"> elements, in order */
    wn_ptrvec jsonld;     /* const char* (NUL-terminated) */
    /* other <script type="...json..."> contents of 400+ bytes (a script-
     * rendered page's data, such as __NEXT_DATA__), up to 16 MiB in all */
    wn_ptrvec jsondata;   /* const char* (NUL-terminated) */
    int too_deep;         /* the nesting limit cut some subtree */
    int too_many;         /* the node limit stopped the build */
} wn_dom;

/* Builds the model from UTF-8 HTML. Nesting deeper than max_depth is cut
 * (children of the deepest allowed element are dropped, dom->too_deep set);
 * the build stops at max_nodes nodes (dom->too_many). Returns 0, or -1 when
 * the parser cannot be created. Everything is allocated in a. */
int wn_dom_build(wn_arena *a, const char *html, size_t n, int max_depth, size_t max_nodes,
                 wn_dom *dom);

/* Attribute value of element node, or NULL. name must be lowercase. */
const char *wn_node_attr(const wn_node *node, const char *name);
/* Tag id of a (lowercase or mixed-case) tag name. */
wn_tag wn_tag_of(const char *name);
const char *wn_tag_name(wn_tag t);

/* Converts an HTML page's bytes to valid UTF-8. Order: a byte-order mark;
 * then `declared` (a charset from the caller or transport, may be NULL);
 * then <meta charset> / <meta http-equiv=Content-Type> in the first 4 KiB;
 * then detection (valid UTF-8, else windows-1252). A declared single-byte
 * charset is overridden when the bytes are valid UTF-8 with multi-byte
 * sequences (a common misdeclaration). Unconvertible bytes become U+FFFD.
 * Stores the charset used (lowercase, static or arena string) in *used. */
char *wn_html_to_utf8(wn_arena *a, const char *bytes, size_t n, const char *declared,
                      size_t *out_len, const char **used);

/* Parses html (n bytes, any encoding; see wn_html_to_utf8) into dom (in
 * d's arena) and records the charset used on d. Returns 0, or -1 with an
 * error set on d (invalid_html, too_deep, too_large). */
int wn_html_parse(wn_doc *d, const char *html, size_t n, int max_depth, size_t max_nodes,
                  wn_dom *dom);

#endif
