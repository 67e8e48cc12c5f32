/*
 * html.c — libxml2 HTML tree to winnow blocks.
 *
 * One depth-first walk. Inline text accumulates in a buffer; entering or
 * leaving a block-level element flushes it as a block whose kind comes from
 * the nearest block ancestor (heading, list item, quote, ...). <br> also
 * flushes: in scraped payloads it separates paragraphs far more often than
 * it breaks a line inside one. Table cells are joined with " | " into one
 * block per row, so tables read as text rows.
 *
 * The walk is iterative over depth by an explicit cap: a hostile page
 * nested 100k deep cannot overflow the stack.
 */
#include "dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

typedef struct walker {
    wn_doc *d;
    wn_buf text;
    wn_block_kind kind;
    int level;
    int max_depth;
    int too_deep;
} walker;

static int name_in(const char *name, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (strcasecmp(name, set[i]) == 0) return 1;
    return 0;
}

static const char *const SKIP[] = {"script", "style", "noscript", "template", "svg", "math",
                                   "iframe", "object", "embed", "canvas", "button", "select",
                                   "option", "textarea", "input", "nav", "head", "form",
                                   "video", "audio", "map", NULL};
static const char *const BLOCK[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
    "table", "ul", "ol", "dl", "dt", "dd", "figcaption", "caption", "figure", "section",
    "article", "header", "footer", "main", "aside", "address", "hr", "body", "center",
    "details", "summary", "fieldset", "legend", "thead", "tbody", "tfoot", NULL};

static void flush(walker *w)
{
    if (w->text.len) {
        wn_doc_add_block(w->d, w->text.data, w->text.len, w->kind, w->level);
        wn_buf_clear(&w->text);
    }
}

static void walk(walker *w, xmlNode *n, int depth)
{
    if (depth > w->max_depth) {
        w->too_deep = 1;
        return;
    }
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) wn_buf_puts(&w->text, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (name_in(name, SKIP)) continue;
        if (strcasecmp(name, "br") == 0) {
            flush(w);
            continue;
        }
        if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0) {
            if (w->text.len) wn_buf_puts(&w->text, " | ");
            walk(w, n->children, depth + 1);
            continue;
        }
        if (!name_in(name, BLOCK)) {
            walk(w, n->children, depth + 1);
            continue;
        }
        flush(w);
        wn_block_kind saved_kind = w->kind;
        int saved_level = w->level;
        if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
            w->kind = WN_BLK_HEADING;
            w->level = name[1] - '0';
        } else if (strcasecmp(name, "li") == 0 || strcasecmp(name, "dd") == 0 ||
                   strcasecmp(name, "dt") == 0) {
            w->kind = WN_BLK_LIST_ITEM;
        } else if (strcasecmp(name, "blockquote") == 0) {
            w->kind = WN_BLK_QUOTE;
        } else if (strcasecmp(name, "pre") == 0) {
            w->kind = WN_BLK_PRE;
        } else if (strcasecmp(name, "tr") == 0) {
            w->kind = WN_BLK_TABLE_ROW;
        } else if (strcasecmp(name, "figcaption") == 0 || strcasecmp(name, "caption") == 0) {
            w->kind = WN_BLK_CAPTION;
        } else if (strcasecmp(name, "p") == 0 && w->kind != WN_BLK_QUOTE &&
                   w->kind != WN_BLK_LIST_ITEM) {
            w->kind = WN_BLK_PARA;
        }
        walk(w, n->children, depth + 1);
        flush(w);
        w->kind = saved_kind;
        w->level = saved_level;
    }
}

static const char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static void set_hint(wn_doc *d, const char **slot, const char *v)
{
    if (*slot || !v) return;
    size_t n;
    char *s = wn_normalize_space(&d->arena, v, strlen(v), &n);
    if (n) *slot = s;
}

/* <head> metadata (title, meta, link rel=canonical) and <html lang>. */
static void read_head(wn_doc *d, xmlNode *n, int depth)
{
    if (depth > 8) return;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (strcasecmp(name, "html") == 0) set_hint(d, &d->hints.language, attr(n, "lang"));
        if (strcasecmp(name, "title") == 0 && n->children && n->children->content) {
            if (!d->hints.title) {
                xmlChar *t = xmlNodeGetContent(n);
                if (t) {
                    set_hint(d, &d->page_title, (const char *)t);
                    xmlFree(t);
                }
            }
        } else if (strcasecmp(name, "meta") == 0) {
            const char *key = attr(n, "property");
            if (!key) key = attr(n, "name");
            if (!key) key = attr(n, "itemprop");
            const char *v = attr(n, "content");
            if (!key || !v) continue;
            wn_hints *h = &d->hints;
            if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title") ||
                !strcasecmp(key, "headline"))
                set_hint(d, &h->title, v);
            else if (!strcasecmp(key, "description") || !strcasecmp(key, "og:description"))
                set_hint(d, &h->description, v);
            else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
                     !strcasecmp(key, "parsely-author")) {
                if (strncmp(v, "http", 4) != 0) {
                    size_t ln;
                    char *s = wn_normalize_space(&d->arena, v, strlen(v), &ln);
                    if (ln) wn_author_add(&d->arena, &h->authors, s, NULL, NULL, NULL);
                }
            } else if (!strcasecmp(key, "og:site_name"))
                set_hint(d, &h->site_name, v);
            else if (!strcasecmp(key, "article:published_time") ||
                     !strcasecmp(key, "datePublished") || !strcasecmp(key, "pubdate") ||
                     !strcasecmp(key, "date"))
                set_hint(d, &h->date_published, v);
            else if (!strcasecmp(key, "article:modified_time") ||
                     !strcasecmp(key, "dateModified") || !strcasecmp(key, "og:updated_time"))
                set_hint(d, &h->date_modified, v);
            else if (!strcasecmp(key, "og:image") || !strcasecmp(key, "twitter:image"))
                set_hint(d, &h->image, v);
            else if (!strcasecmp(key, "og:url"))
                set_hint(d, &h->url, v);
            else if (!strcasecmp(key, "article:tag") || !strcasecmp(key, "keywords")) {
                size_t ln;
                char *s = wn_normalize_space(&d->arena, v, strlen(v), &ln);
                if (ln) wn_ptrvec_push(&d->arena, &h->tags, s);
            }
        } else if (strcasecmp(name, "link") == 0) {
            const char *rel = attr(n, "rel");
            if (rel && strcasecmp(rel, "canonical") == 0) {
                const char *href = attr(n, "href");
                if (href && strncmp(href, "http", 4) == 0) {
                    d->hints.url = NULL; /* canonical beats og:url */
                    set_hint(d, &d->hints.url, href);
                }
            }
        }
        if (strcasecmp(name, "html") == 0 || strcasecmp(name, "head") == 0)
            read_head(d, n->children, depth + 1);
    }
}

int wn_html_to_blocks(wn_doc *d, const char *html, size_t n, int max_depth)
{
    if (n > (size_t)0x7fffffff) {
        wn_doc_set_error(d, "too_large", "HTML document over 2 GiB");
        return -1;
    }
    const char *enc = wn_utf8_valid(html, n) ? "UTF-8" : NULL;
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT);
    if (!doc) {
        wn_doc_set_error(d, "invalid_html", "the HTML parser could not build a document");
        return -1;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    read_head(d, root, 0);
    walker w = {.d = d, .kind = WN_BLK_PARA, .max_depth = max_depth};
    wn_buf_init(&w.text);
    walk(&w, root, 0);
    flush(&w);
    wn_buf_free(&w.text);
    xmlFreeDoc(doc);
    if (w.too_deep) {
        wn_doc_set_error(d, "too_deep", "HTML nesting deeper than %d", max_depth);
        return -1;
    }
    return 0;
}
