/*
 * model.c — SAX events from libxml2's HTML parser into winnow's node array.
 *
 * Why not libxml2's own tree: it is generic (namespaces, DTD, entities,
 * properties as linked lists of nodes) and costs about a quarter of the
 * parse time to build and free; our model is one array, one text buffer and
 * a few attributes per element, released with the document's arena. The
 * builder only relies on three events (start tag with attributes, end tag,
 * text), so another tokenizer can feed it later.
 *
 * libxml2's HTML parser already applies the HTML tag rules (implied end
 * tags, auto-closing <p> and <li>, misnested formatting), so events arrive
 * balanced. One of its rules is not the browsers': an end tag is ignored
 * when an element of higher "end priority" (a <div>) is open inside the
 * element it closes, so `<nav><div>...</nav>` or `<noscript><div></noscript>`
 * nests the rest of the page inside the nav or noscript. Browsers close the
 * element and everything open inside it. libxml2 reports the refusal as a
 * tag-name mismatch naming both tags (in ctxt->lastError, checked at every
 * event); the builder then closes the element in its own model, keeps a
 * mirror of libxml2's stack, and ignores libxml2's later end events for
 * the elements it has already closed. Text is accumulated in one buffer; consecutive text events under
 * the same parent are merged into one text node. Script and style contents
 * are dropped, except JSON-LD scripts, which are kept for metadata, and
 * other JSON scripts big enough to hold a story (the data a script-rendered
 * page is built from), kept for the extractor's last view.
 */
#define _GNU_SOURCE /* strcasestr */
#include "dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const TAG_NAMES[WN_TAG_COUNT_] = {
    [WN_TAG_OTHER] = "", [WN_TAG_ROOT] = "#root", [WN_TAG_HTML] = "html",
    [WN_TAG_HEAD] = "head", [WN_TAG_BODY] = "body", [WN_TAG_TITLE] = "title",
    [WN_TAG_META] = "meta", [WN_TAG_LINK] = "link", [WN_TAG_SCRIPT] = "script",
    [WN_TAG_STYLE] = "style", [WN_TAG_NOSCRIPT] = "noscript", [WN_TAG_TEMPLATE] = "template",
    [WN_TAG_SVG] = "svg", [WN_TAG_MATH] = "math", [WN_TAG_IFRAME] = "iframe",
    [WN_TAG_OBJECT] = "object", [WN_TAG_EMBED] = "embed", [WN_TAG_CANVAS] = "canvas",
    [WN_TAG_VIDEO] = "video", [WN_TAG_AUDIO] = "audio", [WN_TAG_MAP] = "map",
    [WN_TAG_FORM] = "form", [WN_TAG_BUTTON] = "button", [WN_TAG_SELECT] = "select",
    [WN_TAG_OPTION] = "option", [WN_TAG_TEXTAREA] = "textarea", [WN_TAG_INPUT] = "input",
    [WN_TAG_LABEL] = "label", [WN_TAG_NAV] = "nav", [WN_TAG_ASIDE] = "aside",
    [WN_TAG_FOOTER] = "footer", [WN_TAG_HEADER] = "header", [WN_TAG_MAIN] = "main",
    [WN_TAG_ARTICLE] = "article", [WN_TAG_SECTION] = "section", [WN_TAG_DIV] = "div",
    [WN_TAG_SPAN] = "span", [WN_TAG_P] = "p", [WN_TAG_H1] = "h1", [WN_TAG_H2] = "h2",
    [WN_TAG_H3] = "h3", [WN_TAG_H4] = "h4", [WN_TAG_H5] = "h5", [WN_TAG_H6] = "h6",
    [WN_TAG_UL] = "ul", [WN_TAG_OL] = "ol", [WN_TAG_LI] = "li", [WN_TAG_DL] = "dl",
    [WN_TAG_DT] = "dt", [WN_TAG_DD] = "dd", [WN_TAG_BLOCKQUOTE] = "blockquote",
    [WN_TAG_PRE] = "pre", [WN_TAG_CODE] = "code", [WN_TAG_TABLE] = "table",
    [WN_TAG_THEAD] = "thead", [WN_TAG_TBODY] = "tbody", [WN_TAG_TFOOT] = "tfoot",
    [WN_TAG_TR] = "tr", [WN_TAG_TD] = "td", [WN_TAG_TH] = "th", [WN_TAG_CAPTION] = "caption",
    [WN_TAG_FIGURE] = "figure", [WN_TAG_FIGCAPTION] = "figcaption", [WN_TAG_IMG] = "img",
    [WN_TAG_PICTURE] = "picture", [WN_TAG_SOURCE] = "source", [WN_TAG_A] = "a",
    [WN_TAG_BR] = "br", [WN_TAG_HR] = "hr", [WN_TAG_B] = "b", [WN_TAG_STRONG] = "strong",
    [WN_TAG_I] = "i", [WN_TAG_EM] = "em", [WN_TAG_U] = "u", [WN_TAG_SMALL] = "small",
    [WN_TAG_SUB] = "sub", [WN_TAG_SUP] = "sup", [WN_TAG_TIME] = "time",
    [WN_TAG_ADDRESS] = "address", [WN_TAG_CENTER] = "center", [WN_TAG_FONT] = "font",
    [WN_TAG_DETAILS] = "details", [WN_TAG_SUMMARY] = "summary",
    [WN_TAG_FIELDSET] = "fieldset", [WN_TAG_LEGEND] = "legend", [WN_TAG_CITE] = "cite",
    [WN_TAG_Q] = "q", [WN_TAG_ABBR] = "abbr", [WN_TAG_MARK] = "mark", [WN_TAG_DEL] = "del",
    [WN_TAG_INS] = "ins", [WN_TAG_S] = "s", [WN_TAG_WBR] = "wbr",
};

const char *wn_tag_name(wn_tag t)
{
    return t < WN_TAG_COUNT_ && TAG_NAMES[t] ? TAG_NAMES[t] : "";
}

wn_tag wn_tag_of(const char *name)
{
    /* linear over ~90 short names, first byte checked first: cheap enough
     * next to the parser, and no table to keep sorted */
    char c = name[0] | 0x20;
    for (int t = WN_TAG_HTML; t < WN_TAG_COUNT_; t++)
        if (TAG_NAMES[t][0] == c && (name[1] | 0x20) == (TAG_NAMES[t][1] | 0x20) &&
            strcasecmp(TAG_NAMES[t], name) == 0)
            return (wn_tag)t;
    return WN_TAG_OTHER;
}

const char *wn_node_attr(const wn_node *node, const char *name)
{
    for (uint32_t i = 0; i < node->nattr; i++)
        if (node->attr[i].name[0] == name[0] && strcmp(node->attr[i].name, name) == 0)
            return node->attr[i].value;
    return NULL;
}

/* attributes the extractor and metadata read; others are not kept */
static const char *const KEEP_ATTR[] = {
    "id", "class", "itemprop", "itemtype", "itemscope", "role", "href", "rel", "property",
    "name", "content", "datetime", "lang", "type", "src", "alt", "hidden", "aria-hidden",
    "style", "charset", "http-equiv", "title", "data-src", "pubdate", NULL};

typedef struct builder {
    wn_arena *a;
    wn_node *nodes;
    size_t n, cap, max_nodes;
    wn_buf text;          /* all text, node->text holds offsets until the end */
    uint32_t cur;         /* current open element */
    int depth, max_depth;
    int skip;             /* open elements below the depth cut */
    int raw;              /* inside script/style: text is not content */
    int jsonld;           /* inside a JSON-LD script (1) or another JSON script (2) */
    size_t jsondata_bytes; /* kept so far of the other JSON scripts */
    wn_buf ld;
    wn_dom *dom;
    htmlParserCtxtPtr ctxt;
    uint32_t *stack;      /* libxml2's open elements: our node, or 0 (not built) */
    size_t nstack, capstack;
    uint8_t *closed;      /* per node: closed by the end-tag repair */
} builder;

static uint32_t new_node(builder *b, uint8_t type)
{
    if (b->n >= b->max_nodes) {
        b->dom->too_many = 1;
        return 0;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap * 2;
        wn_node *nn = realloc(b->nodes, cap * sizeof *nn);
        uint8_t *nc = realloc(b->closed, cap);
        if (!nn || !nc) abort();
        b->nodes = nn;
        b->closed = nc;
        b->cap = cap;
    }
    b->closed[b->n] = 0;
    uint32_t i = (uint32_t)b->n++;
    wn_node *x = &b->nodes[i];
    memset(x, 0, sizeof *x);
    x->type = type;
    x->parent = b->cur;
    wn_node *p = &b->nodes[b->cur];
    if (p->last) b->nodes[p->last].next = i;
    else p->first = i;
    p->last = i;
    return i;
}

static void push(builder *b, uint32_t node)
{
    if (b->nstack == b->capstack) {
        b->capstack = b->capstack ? b->capstack * 2 : 64;
        b->stack = realloc(b->stack, b->capstack * sizeof *b->stack);
        if (!b->stack) abort();
    }
    b->stack[b->nstack++] = node;
}

/* at the end of a JSON script: JSON-LD is always kept (metadata); other
 * JSON (a script-rendered page's data) of 400+ bytes (enough to hold a
 * story), up to 16 MiB per page */
static void keep_json(builder *b)
{
    if (b->jsonld == 1 && b->ld.len)
        wn_ptrvec_push(b->a, &b->dom->jsonld, wn_arena_strndup(b->a, b->ld.data, b->ld.len));
    else if (b->jsonld == 2 && b->ld.len >= 400 && b->jsondata_bytes + b->ld.len <= (16u << 20)) {
        wn_ptrvec_push(b->a, &b->dom->jsondata, wn_arena_strndup(b->a, b->ld.data, b->ld.len));
        b->jsondata_bytes += b->ld.len;
    }
    b->jsonld = 0;
}

/* closes the current element in the model */
static void close_cur(builder *b)
{
    wn_node *x = &b->nodes[b->cur];
    if (x->tag == WN_TAG_SCRIPT || x->tag == WN_TAG_STYLE || x->tag == WN_TAG_TEMPLATE) {
        if (b->raw) b->raw--;
        if (b->jsonld) keep_json(b);
    }
    b->closed[b->cur] = 1;
    b->cur = x->parent;
    b->depth--;
}

/* closes node k of the model and everything open inside it */
static void close_to(builder *b, uint32_t k)
{
    while (b->cur && b->cur != k) close_cur(b);
    if (b->cur == k && k) close_cur(b);
}

/* an end tag libxml2 refused (see the top of this file): close the nearest
 * open element of that name, as a browser would */
static void repair(builder *b)
{
    xmlError *err = &b->ctxt->lastError;
    if (err->code != XML_ERR_TAG_NAME_MISMATCH) return;
    int refused = err->str1 && err->str2; /* "Opening and ending tag mismatch: A and B" */
    wn_tag t = refused ? wn_tag_of(err->str1) : WN_TAG_OTHER;
    xmlResetError(err);
    if (t == WN_TAG_OTHER || b->skip) return;
    for (uint32_t k = b->cur; k; k = b->nodes[k].parent)
        if (b->nodes[k].tag == t) {
            close_to(b, k);
            return;
        }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    builder *b = ctx;
    repair(b);
    if (b->skip || b->depth >= b->max_depth) {
        if (!b->skip) {
            b->nodes[b->cur].depth_cut = 1;
            b->dom->too_deep = 1;
        }
        b->skip++;
        return;
    }
    uint32_t i = new_node(b, WN_NODE_ELEMENT);
    if (!i) {
        b->skip++;
        return;
    }
    push(b, i);
    wn_node *x = &b->nodes[i];
    x->tag = (uint16_t)wn_tag_of((const char *)name);
    size_t na = 0;
    if (atts)
        for (size_t k = 0; atts[k]; k += 2) na++;
    if (na) {
        wn_attr *at = wn_arena_alloc(b->a, na * sizeof *at);
        uint32_t kept = 0;
        for (size_t k = 0; atts[k]; k += 2) {
            const char *an = (const char *)atts[k];
            for (size_t j = 0; KEEP_ATTR[j]; j++)
                if (an[0] == KEEP_ATTR[j][0] && strcmp(an, KEEP_ATTR[j]) == 0) {
                    at[kept].name = KEEP_ATTR[j];
                    at[kept].value = atts[k + 1] ? wn_arena_strdup(b->a, (const char *)atts[k + 1])
                                                 : "";
                    kept++;
                    break;
                }
        }
        x->attr = at;
        x->nattr = kept;
    }
    if (x->tag == WN_TAG_SCRIPT || x->tag == WN_TAG_STYLE || x->tag == WN_TAG_TEMPLATE) {
        b->raw++;
        const char *type = wn_node_attr(x, "type");
        if (x->tag == WN_TAG_SCRIPT && type && strcasecmp(type, "application/ld+json") == 0) {
            b->jsonld = 1;
            wn_buf_clear(&b->ld);
        } else if (x->tag == WN_TAG_SCRIPT && type && strcasestr(type, "json")) {
            b->jsonld = 2;
            wn_buf_clear(&b->ld);
        }
    }
    b->cur = i;
    b->depth++;
}

static void on_end(void *ctx, const xmlChar *name)
{
    builder *b = ctx;
    (void)name;
    repair(b);
    if (b->skip) {
        b->skip--;
        return;
    }
    if (b->cur == 0 || !b->nstack) return; /* unbalanced: ignore */
    uint32_t k = b->stack[--b->nstack];
    if (b->closed[k]) return; /* the repair closed it already */
    close_to(b, k); /* k is the current element, but after a repair */
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    builder *b = ctx;
    repair(b);
    if (b->skip || len <= 0) return;
    if (b->raw) {
        if (b->jsonld) wn_buf_append(&b->ld, (const char *)ch, (size_t)len);
        return;
    }
    wn_node *p = &b->nodes[b->cur];
    if (p->last && b->nodes[p->last].type == WN_NODE_TEXT &&
        (size_t)(uintptr_t)b->nodes[p->last].text + b->nodes[p->last].len == b->text.len) {
        b->nodes[p->last].len += (uint32_t)len; /* merge with the previous text */
    } else {
        uint32_t i = new_node(b, WN_NODE_TEXT);
        if (!i) return;
        b->nodes[i].text = (const char *)(uintptr_t)b->text.len; /* offset for now */
        b->nodes[i].len = (uint32_t)len;
    }
    wn_buf_append(&b->text, (const char *)ch, (size_t)len);
}

int wn_dom_build(wn_arena *a, const char *html, size_t n, int max_depth, size_t max_nodes,
                 wn_dom *dom)
{
    memset(dom, 0, sizeof *dom);
    if (n > 0x7fffffff) return -1;
    builder b = {.a = a, .cap = 1024, .max_nodes = max_nodes ? max_nodes : 1, .max_depth = max_depth,
                 .dom = dom};
    b.nodes = malloc(b.cap * sizeof *b.nodes);
    b.closed = malloc(b.cap);
    if (!b.nodes || !b.closed) abort();
    b.closed[0] = 0;
    memset(&b.nodes[0], 0, sizeof b.nodes[0]);
    b.nodes[0].tag = WN_TAG_ROOT;
    b.n = 1;
    wn_buf_init(&b.text);
    wn_buf_init(&b.ld);

    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(n ? html : " ", n ? (int)n : 1);
    if (!ctxt) {
        free(b.nodes);
        free(b.closed);
        return -1;
    }
    xmlSAXHandler *sax = (xmlSAXHandler *)ctxt->sax;
    memset(sax, 0, sizeof *sax);
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->cdataBlock = on_text;
    sax->initialized = 1; /* SAX1-style callbacks, as the HTML parser uses */
    ctxt->userData = &b;
    b.ctxt = ctxt;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
    htmlFreeParserCtxt(ctxt);

    /* move nodes and text into the arena, offsets become pointers */
    char *text = wn_arena_strndup(a, b.text.data ? b.text.data : "", b.text.len);
    dom->nodes = wn_arena_alloc(a, b.n * sizeof *dom->nodes);
    memcpy(dom->nodes, b.nodes, b.n * sizeof *dom->nodes);
    dom->n = b.n;
    for (size_t i = 0; i < b.n; i++)
        if (dom->nodes[i].type == WN_NODE_TEXT)
            dom->nodes[i].text = text + (size_t)(uintptr_t)dom->nodes[i].text;
    free(b.nodes);
    free(b.closed);
    free(b.stack);
    wn_buf_free(&b.text);
    wn_buf_free(&b.ld);
    return 0;
}
