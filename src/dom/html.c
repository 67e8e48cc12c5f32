/*
 * html.c — an HTML page (or payload) into the document model: the dom
 * stage's entry point.
 *
 * Bytes -> UTF-8 (encoding.c) -> node model (model.c). Nothing here knows
 * what an article is: pipeline.c hands the model to the meta and extract
 * stages. A page nested deeper than max_depth or with more than max_nodes
 * nodes is refused with an error record (too_deep, too_large): the model
 * stops growing at the limit, so memory stays bounded either way.
 */
#include "dom.h"

int wn_html_parse(wn_doc *d, const char *html, size_t n, int max_depth, size_t max_nodes,
                  wn_dom *dom)
{
    size_t len;
    const char *charset;
    char *utf8 = wn_html_to_utf8(&d->arena, html, n, d->hints.charset, &len, &charset);
    if (wn_dom_build(&d->arena, utf8, len, max_depth, max_nodes, dom) < 0) {
        wn_doc_set_error(d, "invalid_html", "the HTML parser could not be created");
        return -1;
    }
    if (dom->too_deep) {
        wn_doc_set_error(d, "too_deep", "HTML nested deeper than %d elements", max_depth);
        return -1;
    }
    if (dom->too_many) {
        wn_doc_set_error(d, "too_large", "HTML has more than %zu nodes", max_nodes);
        return -1;
    }
    d->charset = charset;
    return 0;
}
