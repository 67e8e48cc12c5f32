/*
 * records.c — find the articles inside a parsed JSON dump.
 *
 * Scrapers nest records in whatever shape their framework emits: a bare
 * object, an array of objects, arrays of arrays, {"items": [...]}, a
 * WordPress REST object whose content is {"rendered": "<p>..."}. We walk
 * the tree and call an object a record when it holds a payload field (a
 * non-empty string, a list of strings, or an object with a rendered/html/
 * text string); containers are descended into. Field names are matched
 * case-insensitively against lists of the names scrapers and CMSes use.
 *
 * Among several payload fields the longest full-body one wins (dumps often
 * carry both an excerpt and the body); summary-like fields are used only
 * when no body field exists, and otherwise become the description.
 */
#include "input.h"

#include <string.h>
#include <strings.h>

static const char *const BODY_KEYS[] = {
    "articleBody", "content:encoded", "content_encoded", "body", "content", "text",
    "html", "value", "article", "full_text", "fulltext", "body_html", "content_html",
    "raw_html", "article_text", "maintext", "main_text", "story", NULL};
static const char *const SUMMARY_KEYS[] = {"description", "summary", "excerpt", "abstract",
                                           "lead", "teaser", NULL};
static const char *const TITLE_KEYS[] = {"title", "headline", "name", NULL};
static const char *const SUBTITLE_KEYS[] = {"subtitle", "subheadline", "dek", "standfirst",
                                            "alternativeHeadline", NULL};
static const char *const URL_KEYS[] = {"canonical_url", "canonicalUrl", "canonical", "url",
                                       "link", "permalink", "source_url", "sourceUrl",
                                       "href", "guid", "id", NULL};
static const char *const AUTHOR_KEYS[] = {"author", "authors", "creator", "dc:creator",
                                          "byline", "writer", "by", NULL};
static const char *const PUB_KEYS[] = {"datePublished", "date_published", "published",
                                       "published_at", "publishedAt", "pubDate",
                                       "publish_date", "date", "created_at", "created",
                                       "time", "timestamp", NULL};
static const char *const MOD_KEYS[] = {"dateModified", "date_modified", "modified",
                                       "updated", "updated_at", "updatedAt",
                                       "last_modified", NULL};
static const char *const PUBLISHER_KEYS[] = {"publisher", "source", "site_name", "siteName",
                                             "site", "outlet", "feed_title", NULL};
static const char *const IMAGE_KEYS[] = {"image", "image_url", "imageUrl", "top_image",
                                         "thumbnail", "featured_image", "banner_image",
                                         NULL};
static const char *const LANG_KEYS[] = {"language", "lang", "inLanguage", "locale", NULL};
static const char *const TAG_KEYS[] = {"tags", "keywords", "categories", "category",
                                       "section", NULL};
/* inside a payload object */
static const char *const INNER_KEYS[] = {"rendered", "html", "value", "text", "content",
                                         "body", "#text", "raw", NULL};
/* inside a person/organisation object */
static const char *const NAME_KEYS[] = {"name", "display_name", "displayName", "title",
                                        "value", NULL};

static const wn_json *member(const wn_json *obj, const char *const *keys)
{
    if (!obj || obj->type != WN_JSON_OBJECT) return NULL;
    for (size_t k = 0; keys[k]; k++)
        for (const wn_json *m = obj->child; m; m = m->next)
            if (m->key && strcasecmp(m->key, keys[k]) == 0) return m;
    return NULL;
}

/* The text of a payload value: a string, an object with an inner string,
 * or an array of strings joined by newlines. NULL if none. */
static const char *payload_text(wn_arena *a, const wn_json *v, size_t *len, int depth)
{
    if (!v || depth > 4) return NULL;
    if (v->type == WN_JSON_STRING) {
        size_t i = 0;
        while (i < v->len && (v->str[i] == ' ' || v->str[i] == '\n' || v->str[i] == '\t' ||
                              v->str[i] == '\r'))
            i++;
        if (i == v->len) return NULL;
        *len = v->len;
        return v->str;
    }
    if (v->type == WN_JSON_OBJECT) {
        const wn_json *in = member(v, INNER_KEYS);
        return in ? payload_text(a, in, len, depth + 1) : NULL;
    }
    if (v->type == WN_JSON_ARRAY && v->count > 0) {
        wn_buf b;
        wn_buf_init(&b);
        for (const wn_json *e = v->child; e; e = e->next) {
            if (e->type != WN_JSON_STRING) {
                wn_buf_free(&b);
                return NULL;
            }
            if (b.len) wn_buf_putc(&b, '\n');
            wn_buf_append(&b, e->str, e->len);
        }
        if (b.len == 0) {
            wn_buf_free(&b);
            return NULL;
        }
        char *s = wn_arena_strndup(a, b.data, b.len);
        *len = b.len;
        wn_buf_free(&b);
        return s;
    }
    return NULL;
}

/* best body payload of obj, or a summary one when summary_ok */
static const char *find_payload(wn_arena *a, const wn_json *obj, size_t *len,
                                const wn_json **which, int summary_ok)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (const wn_json *m = obj->child; m; m = m->next) {
        if (!m->key) continue;
        int is_body = 0;
        for (size_t k = 0; BODY_KEYS[k]; k++)
            if (strcasecmp(m->key, BODY_KEYS[k]) == 0) is_body = 1;
        if (!is_body) continue;
        size_t l = 0;
        const char *t = payload_text(a, m, &l, 0);
        if (t && l > best_len) {
            best = t;
            best_len = l;
            *which = m;
        }
    }
    if (!best && summary_ok) {
        const wn_json *m = member(obj, SUMMARY_KEYS);
        if (m && (best = payload_text(a, m, &best_len, 0))) *which = m;
    }
    *len = best_len;
    return best;
}

static int is_record(wn_arena *a, const wn_json *v)
{
    if (v->type != WN_JSON_OBJECT) return 0;
    size_t len;
    const wn_json *which;
    return find_payload(a, v, &len, &which, 1) != NULL;
}

static void collect(wn_arena *a, const wn_json *v, int depth, int max_depth, wn_ptrvec *out)
{
    if (depth > max_depth) return;
    if (v->type == WN_JSON_OBJECT && is_record(a, v)) {
        wn_ptrvec_push(a, out, (void *)v);
        return;
    }
    if (v->type == WN_JSON_OBJECT || v->type == WN_JSON_ARRAY)
        for (const wn_json *c = v->child; c; c = c->next) collect(a, c, depth + 1, max_depth, out);
}

void wn_records_collect(wn_arena *a, const wn_json *root, int max_depth, wn_ptrvec *out)
{
    collect(a, root, 0, max_depth, out);
}

/* ---- hints ------------------------------------------------------------ */

/* A short string from a value: a string, a number, or a named object. */
static const char *scalar(wn_doc *d, const wn_json *v)
{
    if (!v) return NULL;
    if (v->type == WN_JSON_STRING || v->type == WN_JSON_NUMBER) {
        size_t n;
        char *s = wn_normalize_space(&d->arena, v->str, v->len, &n);
        return n ? s : NULL;
    }
    if (v->type == WN_JSON_OBJECT) return scalar(d, member(v, NAME_KEYS));
    if (v->type == WN_JSON_ARRAY && v->child) return scalar(d, v->child);
    return NULL;
}

static const char *hint(wn_doc *d, const wn_json *rec, const char *const *keys)
{
    return scalar(d, member(rec, keys));
}

static int looks_like_url(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

static void add_author_value(wn_doc *d, const wn_json *v, int depth)
{
    if (!v || depth > 3) return;
    if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next) add_author_value(d, e, depth + 1);
        return;
    }
    const char *name = scalar(d, v);
    if (!name) return;
    const char *url = NULL, *handle = NULL;
    if (v->type == WN_JSON_OBJECT) {
        static const char *const U[] = {"url", "link", "uri", NULL};
        static const char *const H[] = {"twitter", "handle", "username", NULL};
        url = scalar(d, member(v, U));
        handle = scalar(d, member(v, H));
    }
    /* "By Jane Doe and John Roe" as one string is split by meta later */
    wn_author_add(&d->arena, &d->hints.authors, name, NULL, handle, url);
}

static void add_tags_value(wn_doc *d, const wn_json *v)
{
    if (!v) return;
    if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next) {
            const char *t = scalar(d, e);
            if (t) wn_ptrvec_push(&d->arena, &d->hints.tags, (void *)t);
        }
        return;
    }
    const char *s = scalar(d, v);
    if (!s) return;
    /* "a, b, c" */
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        size_t n;
        char *t = wn_normalize_space(&d->arena, p, l, &n);
        if (n) wn_ptrvec_push(&d->arena, &d->hints.tags, t);
        if (!e) break;
        p = e + 1;
    }
}

int wn_record_to_doc(wn_doc *d, const wn_json *rec, size_t max_doc_bytes, int max_depth)
{
    wn_hints *h = &d->hints;
    (void)max_depth;
    h->title = hint(d, rec, TITLE_KEYS);
    h->subtitle = hint(d, rec, SUBTITLE_KEYS);
    for (size_t k = 0; URL_KEYS[k] && !h->url; k++) {
        const char *keys[2] = {URL_KEYS[k], NULL};
        const char *u = hint(d, rec, keys);
        if (looks_like_url(u)) h->url = u;
    }
    add_author_value(d, member(rec, AUTHOR_KEYS), 0);
    h->date_published = hint(d, rec, PUB_KEYS);
    h->date_modified = hint(d, rec, MOD_KEYS);
    const wn_json *pub = member(rec, PUBLISHER_KEYS);
    if (pub && !(pub->type == WN_JSON_STRING && looks_like_url(pub->str)))
        h->publisher = scalar(d, pub);
    const wn_json *img = member(rec, IMAGE_KEYS);
    if (img && img->type == WN_JSON_OBJECT) {
        static const char *const U[] = {"url", "src", "href", NULL};
        h->image = scalar(d, member(img, U));
    } else {
        h->image = scalar(d, img);
    }
    h->language = hint(d, rec, LANG_KEYS);
    add_tags_value(d, member(rec, TAG_KEYS));
    /* every hint so far was stated by the record */
    const char **src[] = {&h->title_src, &h->subtitle_src, &h->url_src, &h->date_published_src,
                          &h->date_modified_src, &h->publisher_src, &h->image_src,
                          &h->language_src};
    const char *val[] = {h->title, h->subtitle, h->url, h->date_published, h->date_modified,
                         h->publisher, h->image, h->language};
    for (size_t i = 0; i < sizeof src / sizeof *src; i++)
        if (val[i]) *src[i] = "record";
    if (h->authors.n) h->authors_src = "record";
    if (h->tags.n) h->tags_src = "record";

    size_t len = 0;
    const wn_json *which = NULL;
    const char *payload = find_payload(&d->arena, rec, &len, &which, 1);
    if (!payload) {
        wn_doc_set_error(d, "no_payload", "record has no article text field");
        return -1;
    }
    /* a summary field not used as the payload is the description */
    const wn_json *sum = member(rec, SUMMARY_KEYS);
    if (sum && sum != which) {
        size_t sl;
        const char *st = payload_text(&d->arena, sum, &sl, 0);
        if (st) {
            size_t n;
            char *s = wn_normalize_space(&d->arena, st, sl, &n);
            if (n) {
                h->description = s;
                h->description_src = "record";
            }
        }
    }
    if (len > max_doc_bytes) {
        wn_doc_set_error(d, "too_large", "record payload is %zu bytes, limit is %zu", len,
                         max_doc_bytes);
        return -1;
    }
    /* the document outlives the parsed JSON (it may be extracted on another
     * thread while the next line is parsed): it keeps its own copy */
    d->payload = wn_arena_strndup(&d->arena, payload, len);
    d->payload_len = len;
    d->payload_is_html = wn_looks_like_html(payload, len);
    return 0;
}
