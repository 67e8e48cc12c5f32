/*
 * html.c — an HTML page (or payload) into a document: the dom stage's
 * entry point.
 *
 * Bytes -> UTF-8 (encoding.c) -> node model (model.c) -> page metadata
 * (meta/html_meta.c) -> main-text blocks (extract/). Limits: nesting is
 * cut at max_depth, and the model stops at WN_MAX_NODES nodes; a page
 * whose main text cannot be found that way still yields what was read.
 */
#include "dom.h"
#include "../extract/extract.h"
#include "../meta/meta.h"

#include <string.h>

#define WN_MAX_NODES 4000000

int wn_html_to_blocks(wn_doc *d, const char *html, size_t n, int max_depth)
{
    size_t len;
    const char *charset;
    char *utf8 = wn_html_to_utf8(&d->arena, html, n, d->hints.charset, &len, &charset);
    wn_dom dom;
    if (wn_dom_build(&d->arena, utf8, len, max_depth, WN_MAX_NODES, &dom) < 0) {
        wn_doc_set_error(d, "invalid_html", "the HTML parser could not be created");
        return -1;
    }
    d->charset = charset;
    wn_html_meta(d, &dom);
    wn_extract_info info;
    wn_extract(d, &dom, &info);
    d->extract_method = info.method;
    d->container_known = strcmp(info.method, "body") != 0;
    return 0;
}
