/*
 * records.c — find the articles inside a parsed JSON dump, and what each
 * one says about itself.
 *
 * Scrapers and APIs nest records in whatever shape they like: a bare
 * object, arrays of arrays, {"articles": {"results": [...]}}, a listing
 * whose children are {"kind", "data": {...}}, a WordPress post whose
 * title is {"rendered": ...} and whose authors sit in "_embedded". No list
 * of names can keep up, so nothing here is keyed on a tool: member names
 * are read word by word (fields.c) and every candidate is confirmed by
 * the shape of its value.
 *
 * Records. An object is a record when it holds an article text itself: a
 * member whose name says body, text, content, html, markdown, ... (or a
 * summary when nothing better is there) with a non-empty string, a list of
 * strings, or a wrapper object ({"rendered": "<p>..."}) as value; the
 * members of envelopes ("data", "metadata", "fields", a one-element list)
 * count as the object's own. The walk stops at the first record on each
 * path (a status's nested "reblog" is part of it) and never enters
 * authors, publishers, media or links.
 *
 * Fields. The record's subtree is walked (depth and node budgets keep it
 * linear) with a context: inside "author"/"account" objects members are a
 * person's name, handle and page; inside "source"/"publisher"/"feed" a
 * publisher's name or domain; inside "image"/"media" an image URL; inside
 * "crawl"/"request"/"headers" fetch dates and URLs; "links", "comments",
 * "card", "entities" and the like are about something else and skipped.
 * A list of {"property": NAME, "content": VALUE} pairs (meta tags dumped
 * as a list) reads as fields named NAME. Each scalar that fits a role is a
 * candidate with a class (how specific its name is) and a depth
 * (envelopes and wrappers do not count), and the best one wins: lower
 * class, then shallower, then first in the record. Values are confirmed
 * by shape: a date must parse (ISO, RFC 822, Unix seconds or
 * milliseconds in 1990-2100, GDELT's compact 20240512T091500Z), a URL must
 * be http(s), a language a code or a language's name, an author a name
 * (a handle such as "tidewatcher" goes to the author's handle; e-mail
 * addresses and numeric or hex ids are neither). Precedence is written in
 * docs/records.md: published over crawled (a modification date is never
 * the publication), canonical over the page's URL over fetched ones, a
 * name over a handle, plain text over HTML over Markdown.
 *
 * Sources. Every hint remembers the path of the field it came from
 * ("record:metadata.author"), shown by --explain; the scalar fields no
 * output field took are kept (bounded) as hints.extra.
 */
#include "input.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "../meta/meta.h"
#include "fields.h"

#define WALK_DEPTH 10     /* levels below the record that are read */
#define WALK_NODES 4096   /* values visited per record */
#define ARRAY_ITEMS 32    /* list elements read */
#define MAX_PERSONS 20
#define MAX_TAGS 50
#define MAX_EXTRA 64
#define EXTRA_CHARS 200
#define ANC_DEPTH 16      /* depth given to the fields of the objects around a record */
#define PATH_MAX_LEN 240
#define WALK_NEST 64      /* containers open at once (envelopes add no depth) */

/* ---- small value helpers ------------------------------------------------ */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_scalar(const wn_json *v)
{
    return v && (v->type == WN_JSON_STRING || v->type == WN_JSON_NUMBER || v->type == WN_JSON_BOOL);
}

static int nonblank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i])) return 1;
    return 0;
}

static int looks_like_url(const char *s)
{
    if (!s) return 0;
    size_t k = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
    if (!k || !s[k] || s[k] == '/') return 0;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '\n' || *p == '\t') return 0;
    return 1;
}

/* "jane@tideline.example" */
static int looks_like_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(s, ' ')) return 0;
    return strchr(at + 1, '.') != NULL;
}

/* "tideline.example", "www.tideline.example": letters, digits, dashes and
 * dots, a last label of 2 to 7 letters */
static int looks_like_domain(const char *s)
{
    size_t n = strlen(s), dots = 0, last = 0;
    if (n < 4 || n > 120) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (i == 0 || s[i - 1] == '.') return 0;
            dots++;
            last = i + 1;
        } else if (!isalnum((unsigned char)c) && c != '-') {
            return 0;
        }
    }
    if (!dots || n - last < 2 || n - last > 7) return 0;
    for (size_t i = last; i < n; i++)
        if (!isalpha((unsigned char)s[i])) return 0;
    return 1;
}

/* the host of an http URL, without "www." */
static const char *url_host(wn_arena *a, const char *u)
{
    const char *p = strstr(u, "://");
    if (!p) return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (n > 4 && !strncasecmp(p, "www.", 4)) p += 4, n -= 4;
    return n ? wn_arena_strndup(a, p, n) : NULL;
}

/* HTML entities common in JSON text fields ("&#8211;", "&amp;") */
static void put_entity(wn_buf *b, const char *s, size_t n, size_t *i)
{
    static const struct {
        const char *name;
        int32_t cp;
    } E[] = {{"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
             {"apos", '\''},     {"nbsp", 0xA0},      {"ndash", 0x2013},   {"mdash", 0x2014},
             {"hellip", 0x2026}, {"rsquo", 0x2019},   {"lsquo", 0x2018},   {"ldquo", 0x201C},
             {"rdquo", 0x201D},  {"laquo", 0xAB},     {"raquo", 0xBB},     {"copy", 0xA9}};
    size_t k = *i + 1, e = k;
    while (e < n && e - k < 10 && s[e] != ';' && !is_space(s[e])) e++;
    int32_t cp = -1;
    if (e < n && s[e] == ';' && e > k) {
        if (s[k] == '#') {
            long v = 0;
            int hex = k + 1 < e && (s[k + 1] == 'x' || s[k + 1] == 'X');
            size_t q = k + 1 + (size_t)hex;
            for (; q < e; q++) {
                int dgt = isdigit((unsigned char)s[q]) ? s[q] - '0'
                          : hex && isxdigit((unsigned char)s[q]) ? (tolower((unsigned char)s[q]) - 'a' + 10)
                                                                 : -1;
                if (dgt < 0 || v > 0x10FFFF) break;
                v = v * (hex ? 16 : 10) + dgt;
            }
            if (q == e && q > k + 1 + (size_t)hex && v > 0 && v <= 0x10FFFF) cp = (int32_t)v;
        } else {
            for (size_t j = 0; j < sizeof E / sizeof *E; j++)
                if (strlen(E[j].name) == e - k && !memcmp(E[j].name, s + k, e - k)) cp = E[j].cp;
            if (cp < 0) { /* the other HTML 4 names ("&eacute;"), libxml2's table */
                char nm[16];
                memcpy(nm, s + k, e - k);
                nm[e - k] = 0;
                const htmlEntityDesc *ed = htmlEntityLookup((const xmlChar *)nm);
                if (ed) cp = (int32_t)ed->value;
            }
        }
    }
    if (cp <= 0) {
        wn_buf_putc(b, '&');
        *i += 1;
        return;
    }
    char out[4];
    wn_buf_append(b, out, (size_t)wn_utf8_encode(cp, out));
    *i = e + 1;
}

/* a field's text as one clean line: entities decoded, tags dropped when
 * strip_tags, whitespace normalised; NULL when empty */
static const char *clean_text(wn_doc *d, const char *s, size_t n, int strip_tags)
{
    wn_buf b;
    wn_buf_init(&b);
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            put_entity(&b, s, n, &i);
        } else if (strip_tags && s[i] == '<' && i + 1 < n &&
                   (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            const char *gt = memchr(s + i, '>', n - i);
            if (!gt) break;
            wn_buf_putc(&b, ' ');
            i = (size_t)(gt - s) + 1;
        } else {
            wn_buf_putc(&b, s[i++]);
        }
    }
    size_t len = 0;
    char *r = b.len ? wn_normalize_space(&d->arena, b.data, b.len, &len) : NULL;
    wn_buf_free(&b);
    return len ? r : NULL;
}

/* the scalar text of a value: a string or number, or the text of a
 * wrapper object or a one-element list */
static const wn_json *unwrap(const wn_json *v, int depth)
{
    if (!v || depth > 4) return NULL;
    if (is_scalar(v)) return v;
    if (v->type == WN_JSON_ARRAY) return v->count == 1 ? unwrap(v->child, depth + 1) : NULL;
    if (v->type != WN_JSON_OBJECT) return NULL;
    for (const wn_json *m = v->child; m; m = m->next) {
        if (!m->key) continue;
        wn_key k;
        wn_key_analyze(m->key, m->key_len, &k);
        if (k.wrapper && (is_scalar(m) || m->type == WN_JSON_ARRAY || m->type == WN_JSON_OBJECT)) {
            const wn_json *r = unwrap(m, depth + 1);
            if (r) return r;
        }
    }
    return NULL;
}

/* ---- records ----------------------------------------------------------- */

/* a body text of v (string, wrapper, list of strings) */
static int has_text(const wn_json *v, int depth)
{
    if (!v || depth > 4) return 0;
    if (v->type == WN_JSON_STRING) return nonblank(v->str, v->len);
    if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next)
            if (e->type == WN_JSON_STRING && nonblank(e->str, e->len)) return 1;
        return v->count == 1 && has_text(v->child, depth + 1);
    }
    if (v->type == WN_JSON_OBJECT) {
        const wn_json *u = unwrap(v, depth);
        return u && u->type == WN_JSON_STRING && nonblank(u->str, u->len);
    }
    return 0;
}

/* does obj hold an article text itself (summary_ok: a summary will do)?
 * Envelopes and one-element lists count as the object's own members. */
static int holds_text(const wn_json *obj, int depth, int summary_ok)
{
    if (depth > 3) return 0;
    if (obj->type == WN_JSON_ARRAY) return obj->count == 1 && holds_text(obj->child, depth + 1, 0);
    if (obj->type != WN_JSON_OBJECT) return 0;
    for (const wn_json *m = obj->child; m; m = m->next) {
        if (!m->key) continue;
        wn_key k;
        wn_key_analyze(m->key, m->key_len, &k);
        int cls, alt, alt_cls, role = wn_key_role(&k, WN_CTX_NONE, 1, &cls, &alt, &alt_cls);
        if ((role == WN_F_BODY || (summary_ok && role == WN_F_SUMMARY)) && has_text(m, 0)) return 1;
        if ((m->type == WN_JSON_OBJECT || m->type == WN_JSON_ARRAY) && role == WN_F_NONE &&
            wn_key_context(&k, m->key, m->key_len) == WN_CTX_ENVELOPE && holds_text(m, depth + 1, 0))
            return 1;
    }
    return 0;
}

typedef struct collector {
    wn_arena *a;
    int max_depth;
    wn_ptrvec *out;
    const wn_json *stack[WN_RECORD_ANC];
    int nstack;
} collector;

static void collect(collector *c, const wn_json *v, int depth)
{
    if (depth > c->max_depth) return;
    if (v->type == WN_JSON_OBJECT && holds_text(v, 0, 1)) {
        wn_record *r = wn_arena_alloc(c->a, sizeof *r);
        r->obj = v;
        /* the outermost objects around it (deeper ones are not kept) */
        r->nanc = c->nstack < WN_RECORD_ANC ? c->nstack : WN_RECORD_ANC;
        for (int i = 0; i < r->nanc; i++) r->anc[i] = c->stack[i];
        wn_ptrvec_push(c->a, c->out, r);
        return;
    }
    if (v->type != WN_JSON_OBJECT && v->type != WN_JSON_ARRAY) return;
    int pushed = 0;
    if (v->type == WN_JSON_OBJECT) {
        if (c->nstack < WN_RECORD_ANC) c->stack[c->nstack] = v;
        c->nstack++;
        pushed = 1;
    }
    for (const wn_json *m = v->child; m; m = m->next) {
        if (m->type != WN_JSON_OBJECT && m->type != WN_JSON_ARRAY) continue;
        if (m->key) { /* not into authors, publishers, media, links */
            wn_key k;
            wn_key_analyze(m->key, m->key_len, &k);
            int ctx = wn_key_context(&k, m->key, m->key_len);
            if (ctx != WN_CTX_NONE && ctx != WN_CTX_ENVELOPE) continue;
        }
        collect(c, m, depth + 1);
    }
    if (pushed) c->nstack--;
}

void wn_records_collect(wn_arena *a, const wn_json *root, int max_depth, wn_ptrvec *out)
{
    collector c = {.a = a, .max_depth = max_depth, .out = out};
    collect(&c, root, 0);
}

/* ---- field candidates --------------------------------------------------- */

typedef struct cand {
    int role, cls, depth, utc, md, html;
    unsigned order;
    const wn_json *v;     /* the value (scalar, list, person or term objects) */
    const wn_json *owner; /* the object it is a member of */
    const char *path;
} cand;

typedef struct walker {
    wn_doc *d;
    wn_ptrvec cands[WN_F_ROLES]; /* cand* */
    wn_ptrvec leaves;            /* cand* with role NONE: every scalar, for "extra" */
    wn_ptrvec used;              /* const wn_json*: values an output field took */
    unsigned order;
    size_t nodes;
    int ancestor; /* walking the objects around the record */
    int nest;     /* containers open (bounds the recursion) */
    wn_buf path;
} walker;

static const char *path_str(walker *w)
{
    return wn_arena_strndup(&w->d->arena, w->path.len ? w->path.data : "", w->path.len);
}

static size_t path_push(walker *w, const char *key, size_t n)
{
    size_t old = w->path.len;
    if (w->path.len > PATH_MAX_LEN) return old;
    if (w->path.len) wn_buf_putc(&w->path, '.');
    wn_buf_append(&w->path, key, n > 80 ? 80 : n);
    return old;
}

static size_t path_index(walker *w, size_t i)
{
    size_t old = w->path.len;
    if (w->path.len <= PATH_MAX_LEN) wn_buf_printf(&w->path, "[%zu]", i);
    return old;
}

static void path_pop(walker *w, size_t old)
{
    w->path.len = old;
    if (w->path.data) w->path.data[old] = 0;
}

static void add_cand(walker *w, int role, int cls, int depth, const wn_json *v, const wn_json *owner,
                     const wn_key *k)
{
    if (w->ancestor && role != WN_F_PUBLISHER && role != WN_F_LANGUAGE) return;
    cand *c = wn_arena_alloc(&w->d->arena, sizeof *c);
    c->role = role;
    c->cls = cls;
    c->depth = depth + (w->ancestor ? ANC_DEPTH : 0);
    c->order = w->order++;
    c->v = v;
    c->owner = owner;
    c->utc = k ? k->utc : 0;
    c->md = k ? k->markdown : 0;
    c->html = k ? k->html : 0;
    c->path = path_str(w);
    wn_ptrvec_push(&w->d->arena, role ? &w->cands[role] : &w->leaves, c);
}

static void walk_value(walker *w, const wn_key *k, const wn_json *v, const wn_json *owner, int ctx,
                       int depth, int leaves_only);

static void walk_object_in(walker *w, const wn_json *obj, int ctx, int depth, int leaves_only);

static void walk_object(walker *w, const wn_json *obj, int ctx, int depth, int leaves_only)
{
    if (depth > WALK_DEPTH || w->nest >= WALK_NEST || ++w->nodes > WALK_NODES) return;
    w->nest++;
    walk_object_in(w, obj, ctx, depth, leaves_only);
    w->nest--;
}

static void walk_object_in(walker *w, const wn_json *obj, int ctx, int depth, int leaves_only)
{
    /* {"property": "og:site_name", "content": "Tideline Post"} */
    if (obj->count >= 2 && obj->count <= 3 && !leaves_only) {
        const wn_json *name = NULL, *val = NULL;
        for (const wn_json *m = obj->child; m; m = m->next) {
            if (!m->key) continue;
            wn_key k;
            wn_key_analyze(m->key, m->key_len, &k);
            if (k.pair_name && m->type == WN_JSON_STRING && !name) name = m;
            else if (k.pair_value && is_scalar(m) && !val) val = m;
        }
        if (name && val && name->len) {
            wn_key k;
            wn_key_analyze(name->str, name->len, &k);
            size_t old = path_push(w, name->str, name->len);
            walk_value(w, &k, val, obj, ctx, depth, 0);
            path_pop(w, old);
            return;
        }
    }
    for (const wn_json *m = obj->child; m; m = m->next) {
        if (!m->key) continue;
        wn_key k;
        wn_key_analyze(m->key, m->key_len, &k);
        size_t old = path_push(w, m->key, m->key_len);
        walk_value(w, &k, m, obj, ctx, depth, leaves_only);
        path_pop(w, old);
    }
}

static void walk_array(walker *w, const wn_key *k, const wn_json *arr, const wn_json *owner,
                       int ctx, int depth, int leaves_only)
{
    size_t i = 0;
    int d = arr->count == 1 ? depth : depth + 1;
    if (w->nest >= WALK_NEST) return;
    w->nest++;
    for (const wn_json *e = arr->child; e && i < ARRAY_ITEMS; e = e->next, i++) {
        if (++w->nodes > WALK_NODES) break;
        size_t old = path_index(w, i);
        if (e->type == WN_JSON_OBJECT)
            walk_object(w, e, ctx, d, leaves_only);
        else
            walk_value(w, k, e, owner, ctx, d, leaves_only);
        path_pop(w, old);
    }
    w->nest--;
}

static void walk_value(walker *w, const wn_key *k, const wn_json *v, const wn_json *owner, int ctx,
                       int depth, int leaves_only)
{
    if (depth > WALK_DEPTH || ++w->nodes > WALK_NODES || v->type == WN_JSON_NULL) return;
    int top = depth == 0 && !w->ancestor;
    if (is_scalar(v)) {
        int cls = 0, alt = 0, alt_cls = 0;
        int role = leaves_only ? WN_F_NONE : wn_key_role(k, ctx, top, &cls, &alt, &alt_cls);
        add_cand(w, WN_F_NONE, 0, depth, v, owner, NULL); /* a leaf, for "extra" */
        if (role) add_cand(w, role, cls, depth, v, owner, k);
        /* a URL field holding a bare domain ("clean_url": "valleypost.example")
         * names the site: a publisher after every publisher field */
        if (role == WN_F_URL && v->type == WN_JSON_STRING && v->len < 120 && !alt) {
            char dom[128];
            memcpy(dom, v->str, v->len);
            dom[v->len] = 0;
            if (looks_like_domain(dom)) add_cand(w, WN_F_PUBLISHER, 5, depth, v, owner, k);
        }
        if (alt) add_cand(w, alt, alt_cls, depth, v, owner, k);
        return;
    }
    if (leaves_only) {
        if (v->type == WN_JSON_OBJECT)
            walk_object(w, v, ctx, depth + 1, 1);
        else
            walk_array(w, k, v, owner, ctx, depth + 1, 1);
        return;
    }
    int cls = 0, alt = 0, alt_cls = 0;
    int role = wn_key_role(k, ctx, top, &cls, &alt, &alt_cls);
    int kctx = v->key ? wn_key_context(k, v->key, v->key_len) : WN_CTX_NONE;
    if (ctx != WN_CTX_NONE && ctx != WN_CTX_ENVELOPE) {
        /* the authors a publisher object names ("source": {"name": ...,
         * "authors": [...]}) are the record's, one level down */
        if (ctx == WN_CTX_ORG && kctx == WN_CTX_PERSON) {
            int acls, aalt, aalt_cls;
            if (wn_key_role(k, WN_CTX_NONE, 0, &acls, &aalt, &aalt_cls) == WN_F_AUTHOR) {
                add_cand(w, WN_F_AUTHOR, acls, depth + 1, v, owner, k);
                if (v->type == WN_JSON_OBJECT)
                    walk_object(w, v, ctx, depth + 1, 1);
                else
                    walk_array(w, k, v, owner, ctx, depth, 1);
                return;
            }
        }
        /* inside a publisher, image or crawl object: stay in it */
        int lo = kctx == WN_CTX_FOREIGN;
        if (v->type == WN_JSON_OBJECT)
            walk_object(w, v, ctx, depth + 1, lo);
        else
            walk_array(w, k, v, owner, ctx, depth, lo);
        return;
    }
    /* a wrapper object: {"rendered": "..."} is the field's value */
    if (v->type == WN_JSON_OBJECT && role && role != WN_F_AUTHOR && role != WN_F_TAGS &&
        kctx != WN_CTX_PERSON && kctx != WN_CTX_TERMS) {
        for (const wn_json *m = v->child; m; m = m->next) {
            if (!m->key || !is_scalar(m)) continue;
            wn_key mk;
            wn_key_analyze(m->key, m->key_len, &mk);
            if (!mk.wrapper) continue;
            size_t old = path_push(w, m->key, m->key_len);
            add_cand(w, role, cls, depth, m, v, k);
            if (alt) add_cand(w, alt, alt_cls, depth, m, v, k);
            path_pop(w, old);
            walk_object(w, v, ctx, depth, 1);
            return;
        }
    }
    switch (kctx) {
    case WN_CTX_PERSON:
        if (!role) role = WN_F_AUTHOR;
        if (role == WN_F_AUTHOR) add_cand(w, role, cls, depth, v, owner, k);
        if (v->type == WN_JSON_OBJECT)
            walk_object(w, v, ctx, depth + 1, 1);
        else
            walk_array(w, k, v, owner, ctx, depth, 1);
        return;
    case WN_CTX_TERMS:
        add_cand(w, WN_F_TAGS, role == WN_F_TAGS ? cls : 0, depth, v, owner, k);
        return;
    case WN_CTX_FOREIGN: /* about something else: listed in "extra" only */
        if (v->type == WN_JSON_OBJECT)
            walk_object(w, v, ctx, depth + 1, 1);
        else
            walk_array(w, k, v, owner, ctx, depth, 1);
        return;
    case WN_CTX_ORG:
    case WN_CTX_MEDIA:
    case WN_CTX_CRAWL:
    case WN_CTX_LINKS:
    case WN_CTX_CANONLINK:
    case WN_CTX_ALTLINK:
        if (v->type == WN_JSON_OBJECT)
            walk_object(w, v, kctx, depth + 1, 0);
        else
            walk_array(w, k, v, owner, kctx, depth, 0);
        return;
    default:
        break;
    }
    if (v->type == WN_JSON_ARRAY) {
        /* a list of strings is one body or summary (paragraphs) */
        if ((role == WN_F_BODY || role == WN_F_SUMMARY) && v->count > 1 && has_text(v, 0)) {
            add_cand(w, role, cls, depth, v, owner, k);
            walk_array(w, k, v, owner, ctx, depth, 1);
            return;
        }
        walk_array(w, k, v, owner, ctx, depth, 0);
        return;
    }
    walk_object(w, v, ctx, kctx == WN_CTX_ENVELOPE ? depth : depth + 1, 0);
}

/* ---- choosing -------------------------------------------------------------- */

static int cand_cmp(const cand *a, const cand *b)
{
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    if (a->depth != b->depth) return a->depth < b->depth ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* candidates of a role, best first (insertion sort: lists are short) */
static void sort_cands(wn_ptrvec *v)
{
    for (size_t i = 1; i < v->n; i++) {
        cand *c = v->v[i];
        size_t j = i;
        while (j > 0 && cand_cmp(v->v[j - 1], c) > 0) {
            v->v[j] = v->v[j - 1];
            j--;
        }
        v->v[j] = c;
    }
}

static void use(walker *w, const wn_json *v)
{
    wn_ptrvec_push(&w->d->arena, &w->used, (void *)v);
}

static const char *src_of(walker *w, const cand *c)
{
    return wn_arena_printf(&w->d->arena, "record:%s", c->path);
}

/* the text of a scalar candidate, clean */
static const char *cand_text(walker *w, const cand *c, int strip_tags)
{
    const wn_json *v = unwrap(c->v, 0);
    if (!v || v->type == WN_JSON_BOOL) return NULL;
    return clean_text(w->d, v->str, v->len, strip_tags);
}

static int has_letter(const char *s)
{
    for (; *s; s++)
        if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80) return 1;
    return 0;
}

static int words_in(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        if (*s == ' ') in = 0;
        else if (!in) in = 1, n++;
    }
    return n;
}

/* a date candidate as ISO 8601, or NULL */
static const char *cand_date(walker *w, const cand *c)
{
    const wn_json *v = unwrap(c->v, 0);
    if (!v || v->type == WN_JSON_BOOL) return NULL;
    const char *s = v->str;
    size_t n = v->len;
    while (n && is_space(*s)) s++, n--;
    while (n && is_space(s[n - 1])) n--;
    if (!n || n > 64) return NULL;
    char buf[40], out[32];
    size_t dg = 0;
    while (dg < n && isdigit((unsigned char)s[dg])) dg++;
    int ok = 0;
    if (dg == n || (dg < n && s[dg] == '.' && dg + 1 < n)) { /* a number */
        for (size_t i = dg + 1; i < n; i++)
            if (dg < n && !isdigit((unsigned char)s[i])) return NULL;
        if (dg >= 9 && dg <= 13) {
            ok = wn_parse_date(s, dg, 1, out); /* Unix seconds or milliseconds, 1990-2100 */
        } else if (dg == 8 || dg == 14) {          /* 20240512, 20240512091500 */
            if (dg == 8)
                snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
            else
                snprintf(buf, sizeof buf, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", s, s + 4, s + 6, s + 8,
                         s + 10, s + 12);
            ok = wn_parse_date(buf, strlen(buf), 1, out);
        }
    } else if (dg == 8 && n >= 15 && (s[8] == 'T' || s[8] == 't')) { /* 20240512T091500Z */
        size_t t = 9;
        while (t < n && isdigit((unsigned char)s[t])) t++;
        if (t - 9 == 6 && (t == n || ((s[t] == 'Z' || s[t] == 'z') && t + 1 == n))) {
            snprintf(buf, sizeof buf, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%s", s, s + 4, s + 6, s + 9,
                     s + 11, s + 13, t < n ? "Z" : "");
            ok = wn_parse_date(buf, strlen(buf), 1, out);
        }
    } else {
        ok = wn_parse_date(s, n, 1, out);
    }
    if (!ok) return NULL;
    size_t ol = strlen(out);
    if (c->utc && ol == 19) return wn_arena_printf(&w->d->arena, "%sZ", out); /* "date_gmt" */
    return wn_arena_strdup(&w->d->arena, out);
}

/* a language code from "en", "en-US", "eng", "English" */
static const char *norm_lang(walker *w, const char *s)
{
    static const char *const MAP[][3] = {
        {"en", "eng", "english"},    {"de", "deu", "german"},     {"de", "ger", "deutsch"},
        {"fr", "fra", "french"},     {"fr", "fre", "francais"},   {"es", "spa", "spanish"},
        {"it", "ita", "italian"},    {"pt", "por", "portuguese"}, {"nl", "nld", "dutch"},
        {"nl", "dut", "nederlands"}, {"ru", "rus", "russian"},    {"zh", "zho", "chinese"},
        {"zh", "chi", "mandarin"},   {"ja", "jpn", "japanese"},   {"ko", "kor", "korean"},
        {"ar", "ara", "arabic"},     {"pl", "pol", "polish"},     {"cs", "ces", "czech"},
        {"cs", "cze", "cesky"},      {"sv", "swe", "swedish"},    {"da", "dan", "danish"},
        {"no", "nor", "norwegian"},  {"fi", "fin", "finnish"},    {"tr", "tur", "turkish"},
        {"el", "ell", "greek"},      {"he", "heb", "hebrew"},     {"hi", "hin", "hindi"},
        {"uk", "ukr", "ukrainian"},  {"ro", "ron", "romanian"},   {"hu", "hun", "hungarian"},
        {"ca", "cat", "catalan"},    {"id", "ind", "indonesian"}, {"vi", "vie", "vietnamese"},
        {"th", "tha", "thai"},       {"es", "spa", "espanol"},    {"pt", "por", "portugues"}};
    size_t n = strlen(s);
    if (n < 2 || n > 24) return NULL;
    char low[25];
    for (size_t i = 0; i <= n; i++) low[i] = (char)tolower((unsigned char)s[i]);
    if (isalpha((unsigned char)low[0]) && isalpha((unsigned char)low[1]) &&
        (n == 2 || ((low[2] == '-' || low[2] == '_') && n <= 8)))
        return wn_arena_strndup(&w->d->arena, low, 2);
    for (size_t i = 0; i < sizeof MAP / sizeof *MAP; i++)
        if (!strcmp(low, MAP[i][1]) || !strcmp(low, MAP[i][2])) return MAP[i][0];
    return NULL;
}

/* the best candidate of a role whose value fits, with its value */
typedef const char *(*fit_fn)(walker *w, const cand *c);
static const char *fit_date(walker *w, const cand *c);

static const cand *best(walker *w, int role, fit_fn fit, const char **val)
{
    wn_ptrvec *v = &w->cands[role];
    sort_cands(v);
    /* publishers: a name over a domain, whatever the field's name */
    for (int pass = role == WN_F_PUBLISHER ? 0 : 1; pass < 2; pass++)
        for (size_t i = 0; i < v->n; i++) {
            const cand *c = v->v[i];
            const char *s = fit(w, c);
            if (!s || (pass == 0 && looks_like_domain(s))) continue;
            /* dates: of two fields as specific and as deep ("date" and
             * "dateTime"), the one with a time of the same day */
            if (fit == fit_date && strlen(s) == 10)
                for (size_t j = i + 1; j < v->n; j++) {
                    const cand *o = v->v[j];
                    if (o->cls != c->cls || o->depth != c->depth) break;
                    const char *t = fit(w, o);
                    if (t && strlen(t) > 10 && !strncmp(t, s, 10)) {
                        c = o;
                        s = t;
                        break;
                    }
                }
            *val = s;
            use(w, unwrap(c->v, 0));
            return c;
        }
    return NULL;
}

static const char *fit_title(walker *w, const cand *c)
{
    const char *s = cand_text(w, c, 1);
    if (!s || strlen(s) > 600 || !has_letter(s) || looks_like_url(s)) return NULL;
    if (c->cls >= 6 && words_in(s) < 2) return NULL; /* a record's bare "name" */
    return s;
}

static const char *fit_url(walker *w, const cand *c)
{
    const wn_json *v = unwrap(c->v, 0);
    if (!v || v->type != WN_JSON_STRING) return NULL;
    const char *s = clean_text(w->d, v->str, v->len, 0);
    return s && looks_like_url(s) ? s : NULL;
}

static const char *fit_date(walker *w, const cand *c) { return cand_date(w, c); }

static const char *fit_publisher(walker *w, const cand *c)
{
    const wn_json *v = unwrap(c->v, 0);
    if (!v || v->type != WN_JSON_STRING) return NULL;
    const char *s = clean_text(w->d, v->str, v->len, 1);
    if (!s || strlen(s) > 200 || !has_letter(s) || looks_like_email(s)) return NULL;
    if (!strchr(s, ' ') && strchr(s, '.') && !looks_like_url(s) && !looks_like_domain(s))
        return NULL; /* "self.portalder": a host name that is none */
    if (looks_like_url(s)) {
        if (c->cls < 4) return NULL; /* only a domain field may give its host */
        s = url_host(&w->d->arena, s);
        if (!s || !looks_like_domain(s)) return NULL;
    }
    return s; /* a domain as the record writes it */
}

static const char *fit_lang(walker *w, const cand *c)
{
    const char *s = cand_text(w, c, 0);
    return s ? norm_lang(w, s) : NULL;
}

static const char *fit_image(walker *w, const cand *c)
{
    static const char *const NOT_IMG[] = {".mp3", ".mp4", ".m4a", ".ogg", ".webm", ".wav",
                                          ".pdf", ".mov", ".m3u8", NULL};
    const char *s = fit_url(w, c);
    if (!s) return NULL;
    size_t n = strcspn(s, "?#");
    for (int i = 0; NOT_IMG[i]; i++) {
        size_t l = strlen(NOT_IMG[i]);
        if (n > l && !strncasecmp(s + n - l, NOT_IMG[i], l)) return NULL;
    }
    return s;
}

static const char *fit_summary(walker *w, const cand *c)
{
    const wn_json *v = c->v;
    if (v->type == WN_JSON_ARRAY) {
        wn_buf b;
        wn_buf_init(&b);
        for (const wn_json *e = v->child; e; e = e->next)
            if (e->type == WN_JSON_STRING) {
                if (b.len) wn_buf_putc(&b, ' ');
                wn_buf_append(&b, e->str, e->len);
            }
        const char *s = b.len ? clean_text(w->d, b.data, b.len, 1) : NULL;
        wn_buf_free(&b);
        return s;
    }
    return cand_text(w, c, 1);
}

/* ---- authors -------------------------------------------------------------- */

typedef struct person {
    const char *name, *handle, *url;
} person;

/* what a bare author string is: 1 a name (meta validates it), 2 a handle,
 * 0 neither (an e-mail address, an id, a URL) */
static int author_shape(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 200 || looks_like_url(s)) return 0;
    if (s[0] == '@' && n > 1 && !strchr(s, ' ')) return 2;
    if (looks_like_email(s)) return 0;
    if (strchr(s, ' ')) return 1;
    size_t digits = 0, lower = 0, hex = 0, odd = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) digits++;
        else if (islower(c)) lower++;
        if (isxdigit(c)) hex++;
        if (c == '_' || c == '.' || c == '-') odd++;
        else if (!isalnum(c) && c < 0x80) return 0; /* "[deleted]", "a/b" */
    }
    if (digits == n || (hex == n && n >= 12 && digits)) return 0; /* ids */
    if (n > 40) return 0;
    if (!lower) return 1; /* "AP": meta decides */
    if (isupper((unsigned char)s[0]) && !digits && !odd) return 1; /* "Reuters": meta decides */
    return 2;
}

/* a stated person's name as people write it in feeds and profiles:
 * "ivo@valleypost.example (Ivo Brannick)" (RSS 2.0's author form) and
 * "Ivo Brannick <ivo@valleypost.example>" give the name; custom emoji
 * shortcodes in a display name ("Ivo Brannick :verified:") go. NULL
 * when nothing is left. */
static const char *person_name(walker *w, const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (at && n > 3 && s[n - 1] == ')') { /* "mail (Name)" */
        const char *op = strchr(s, '(');
        if (op && op > at && op > s && op[-1] == ' ' && !memchr(s, ' ', (size_t)(op - 1 - s)))
            return clean_text(w->d, op + 1, (size_t)(s + n - 1 - op - 1), 1);
    }
    if (at && n > 3 && s[n - 1] == '>') { /* "Name <mail>" */
        const char *lt = strrchr(s, '<');
        if (lt && lt < at && lt > s) return clean_text(w->d, s, (size_t)(lt - s), 1);
    }
    if (!strchr(s, ':')) return s;
    wn_buf b;
    wn_buf_init(&b);
    for (size_t i = 0; i < n;) {
        if (s[i] == ':' && (i == 0 || s[i - 1] == ' ')) {
            size_t j = i + 1;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '-')) j++;
            if (j > i + 1 && j < n && s[j] == ':' && (j + 1 == n || s[j + 1] == ' ')) {
                i = j + 1;
                continue;
            }
        }
        wn_buf_putc(&b, s[i++]);
    }
    const char *r = b.len ? clean_text(w->d, b.data, b.len, 0) : NULL;
    wn_buf_free(&b);
    return r;
}

static void person_add(person *out, size_t *n, const char *name, const char *handle, const char *url)
{
    if (*n >= MAX_PERSONS || (!name && !handle)) return;
    out[*n].name = name;
    out[*n].handle = handle;
    out[*n].url = url;
    (*n)++;
}

static void persons_of(walker *w, const wn_json *v, int depth, person *out, size_t *n)
{
    if (!v || depth > 3 || *n >= MAX_PERSONS) return;
    if (v->type == WN_JSON_STRING) {
        const char *s = clean_text(w->d, v->str, v->len, 1);
        if (s) s = person_name(w, s);
        if (!s) return;
        int shape = author_shape(s);
        if (shape) use(w, v);
        if (shape == 1) person_add(out, n, s, NULL, NULL);
        if (shape == 2) person_add(out, n, NULL, s, NULL);
        return;
    }
    if (v->type == WN_JSON_ARRAY) {
        size_t i = 0;
        for (const wn_json *e = v->child; e && i < ARRAY_ITEMS; e = e->next, i++)
            persons_of(w, e, depth + 1, out, n);
        return;
    }
    if (v->type != WN_JSON_OBJECT) return;
    const wn_json *name = NULL, *first = NULL, *last = NULL, *handle = NULL, *url = NULL;
    for (const wn_json *m = v->child; m; m = m->next) {
        if (!m->key || m->type != WN_JSON_STRING || !nonblank(m->str, m->len)) continue;
        wn_key k;
        wn_key_analyze(m->key, m->key_len, &k);
        switch (wn_person_part(&k)) {
        case 1: if (!name) name = m; break;
        case 2: if (!first) first = m; break;
        case 3: if (!last) last = m; break;
        case 4: if (!handle) handle = m; break;
        case 5: if (!url && looks_like_url(m->str)) url = m; break;
        default: break;
        }
    }
    const char *nm = NULL, *hd = NULL, *u = NULL;
    if (name) {
        const char *s = clean_text(w->d, name->str, name->len, 1);
        if (s) s = person_name(w, s);
        int shape = s ? author_shape(s) : 0;
        if (shape == 1) nm = s;
        else if (shape == 2 && !handle) hd = s;
        if (shape) use(w, name);
    }
    if (!nm && first && last) {
        nm = wn_arena_printf(&w->d->arena, "%s %s", first->str, last->str);
        use(w, first);
        use(w, last);
    }
    if (handle) {
        hd = clean_text(w->d, handle->str, handle->len, 1);
        use(w, handle);
    }
    if (url) {
        u = clean_text(w->d, url->str, url->len, 0);
        use(w, url);
    }
    if (!nm && !hd) { /* {"value": "Jane Doe"} */
        const wn_json *x = unwrap(v, depth);
        if (x && x->type == WN_JSON_STRING) {
            persons_of(w, x, depth + 1, out, n);
            return;
        }
        /* no name of its own: the people it holds, through envelopes
         * ({"data": {"attributes": {"name": ...}}}), maps keyed by id
         * ({"77120": {"name": ...}}) and lists of persons ({"original":
         * ..., "person": [{"firstname": ..., "lastname": ...}]}) */
        for (const wn_json *m = v->child; m && *n < MAX_PERSONS; m = m->next) {
            if (!m->key || (m->type != WN_JSON_OBJECT && m->type != WN_JSON_ARRAY)) continue;
            wn_key k;
            wn_key_analyze(m->key, m->key_len, &k);
            int c = k.ntok ? wn_key_context(&k, m->key, m->key_len) : WN_CTX_ENVELOPE;
            if (c == WN_CTX_ENVELOPE || c == WN_CTX_NONE || c == WN_CTX_PERSON)
                persons_of(w, m, depth + 1, out, n);
        }
        return;
    }
    person_add(out, n, nm, hd, u);
}

/* a handle or profile URL stated beside the author ("authorUrl") */
static const char *sibling(walker *w, int role, const wn_json *owner)
{
    wn_ptrvec *v = &w->cands[role];
    sort_cands(v);
    for (size_t i = 0; i < v->n; i++) {
        const cand *c = v->v[i];
        if (c->owner != owner) continue;
        const char *s = role == WN_F_AUTHOR_URL ? fit_url(w, c) : cand_text(w, c, 1);
        if (s && (role == WN_F_AUTHOR_URL || author_shape(s) == 2 || looks_like_email(s))) {
            use(w, unwrap(c->v, 0));
            return s;
        }
    }
    return NULL;
}

static void pick_authors(walker *w)
{
    wn_hints *h = &w->d->hints;
    wn_ptrvec *v = &w->cands[WN_F_AUTHOR];
    sort_cands(v);
    person ps[MAX_PERSONS];
    size_t n = 0;
    const cand *chosen = NULL, *handles_only = NULL;
    person hp[MAX_PERSONS];
    size_t hn = 0;
    /* a name over a handle: the first candidate with a name wins */
    for (size_t i = 0; i < v->n && !chosen; i++) {
        const cand *c = v->v[i];
        person tmp[MAX_PERSONS];
        size_t tn = 0;
        persons_of(w, c->v, 0, tmp, &tn);
        int named = 0;
        for (size_t k = 0; k < tn; k++) named |= tmp[k].name != NULL;
        if (named) {
            chosen = c;
            memcpy(ps, tmp, tn * sizeof *tmp);
            n = tn;
        } else if (tn && !handles_only) {
            handles_only = c;
            memcpy(hp, tmp, tn * sizeof *tmp);
            hn = tn;
        }
    }
    if (!chosen && handles_only) {
        chosen = handles_only;
        memcpy(ps, hp, hn * sizeof *hp);
        n = hn;
        hn = 0;
    }
    const wn_json *owner = chosen ? chosen->owner : NULL;
    if (!chosen) { /* a lone "username" */
        const char *hd = NULL;
        wn_ptrvec *hv = &w->cands[WN_F_AUTHOR_HANDLE];
        sort_cands(hv);
        for (size_t i = 0; i < hv->n && !hd; i++) {
            const cand *c = hv->v[i];
            const char *s = cand_text(w, c, 1);
            if (s && author_shape(s) == 2) {
                hd = s;
                chosen = c;
                owner = c->owner;
                use(w, unwrap(c->v, 0));
            }
        }
        if (hd) person_add(ps, &n, NULL, hd, NULL);
    }
    if (n == 1) {
        if (!ps[0].handle) ps[0].handle = sibling(w, WN_F_AUTHOR_HANDLE, owner);
        if (!ps[0].handle && hn == 1) ps[0].handle = hp[0].handle;
        if (!ps[0].url) ps[0].url = sibling(w, WN_F_AUTHOR_URL, owner);
    }
    for (size_t i = 0; i < n; i++)
        /* an account known only by its handle is named by it (meta keeps
         * such an author as it is) */
        wn_author_add(&w->d->arena, &h->authors, ps[i].name ? ps[i].name : ps[i].handle, NULL,
                      ps[i].handle, ps[i].url);
    if (h->authors.n) h->authors_src = src_of(w, chosen);
}

/* ---- tags ------------------------------------------------------------------ */

static void tags_of(walker *w, const wn_json *v, int depth, wn_ptrvec *out)
{
    if (!v || depth > 3 || out->n >= MAX_TAGS) return;
    if (v->type == WN_JSON_STRING) {
        const char *s = clean_text(w->d, v->str, v->len, 1);
        if (s && has_letter(s) && !looks_like_url(s) && strlen(s) < 200)
            wn_ptrvec_push(&w->d->arena, out, (void *)s);
        return;
    }
    if (v->type == WN_JSON_ARRAY) {
        size_t i = 0;
        for (const wn_json *e = v->child; e && i < MAX_TAGS; e = e->next, i++)
            tags_of(w, e, depth + 1, out);
        return;
    }
    if (v->type != WN_JSON_OBJECT) return;
    for (const wn_json *m = v->child; m; m = m->next) { /* {"name": "Harbors", "id": 4} */
        if (!m->key) continue;
        wn_key k;
        wn_key_analyze(m->key, m->key_len, &k);
        if (m->type == WN_JSON_STRING && (wn_org_part(&k) == 1 || k.wrapper)) {
            tags_of(w, m, depth + 1, out);
            return;
        }
    }
}

static void pick_tags(walker *w)
{
    wn_ptrvec *v = &w->cands[WN_F_TAGS];
    sort_cands(v);
    /* the best list, joined by the others as specific and as deep
     * ("categories" and "tags" side by side) */
    const cand *first = NULL;
    wn_ptrvec got = {0};
    for (size_t i = 0; i < v->n; i++) {
        const cand *c = v->v[i];
        if (first && (c->cls != first->cls || c->depth != first->depth)) break;
        size_t before = got.n;
        tags_of(w, c->v, 0, &got);
        if (got.n == before) continue;
        if (!first) first = c;
        use(w, c->v);
    }
    if (!first) return;
    w->d->hints.tags = got;
    w->d->hints.tags_src = src_of(w, first);
}

/* ---- body ------------------------------------------------------------------ */

enum { SHAPE_PLAIN, SHAPE_HTML, SHAPE_MD };

static const char *body_text(walker *w, const cand *c, size_t *len)
{
    const wn_json *v = c->v;
    if (v->type == WN_JSON_ARRAY && v->count > 1) {
        wn_buf b;
        wn_buf_init(&b);
        for (const wn_json *e = v->child; e; e = e->next) {
            if (e->type != WN_JSON_STRING || !nonblank(e->str, e->len)) continue;
            if (b.len) wn_buf_putc(&b, '\n');
            wn_buf_append(&b, e->str, e->len);
        }
        char *s = b.len ? wn_arena_strndup(&w->d->arena, b.data, b.len) : NULL;
        *len = b.len;
        wn_buf_free(&b);
        return s;
    }
    v = unwrap(v, 0);
    if (!v || v->type != WN_JSON_STRING || !nonblank(v->str, v->len)) return NULL;
    *len = v->len;
    return v->str;
}

static int body_shape(const cand *c, const char *s, size_t n)
{
    if (c->md) return SHAPE_MD;
    return c->html || wn_looks_like_html(s, n) ? SHAPE_HTML : SHAPE_PLAIN;
}

/* ---- extra ------------------------------------------------------------------ */

static int was_used(const walker *w, const wn_json *v)
{
    for (size_t i = 0; i < w->used.n; i++)
        if (w->used.v[i] == v) return 1;
    return 0;
}

static void pick_extra(walker *w)
{
    wn_hints *h = &w->d->hints;
    for (size_t i = 0; i < w->leaves.n && h->extra.n < MAX_EXTRA; i++) {
        const cand *c = w->leaves.v[i];
        const wn_json *v = c->v;
        if (c->depth >= ANC_DEPTH || was_used(w, v)) continue;
        if (v->type == WN_JSON_STRING && !nonblank(v->str, v->len)) continue;
        int dup = 0;
        for (size_t k = 0; k < h->extra.n && !dup; k++)
            dup = !strcmp(((const wn_extra *)h->extra.v[k])->path, c->path);
        if (dup) continue;
        wn_extra *x = wn_arena_alloc(&w->d->arena, sizeof *x);
        x->path = c->path;
        x->is_string = v->type == WN_JSON_STRING;
        if (x->is_string) {
            size_t k = 0, chars = 0;
            while (k < v->len && chars < EXTRA_CHARS) {
                int32_t cp;
                k += (size_t)wn_utf8_decode((const unsigned char *)v->str + k, v->len - k, &cp);
                chars++;
            }
            x->value = wn_arena_strndup(&w->d->arena, v->str, k);
        } else { /* the JSON goes before the document does: a copy */
            x->value = wn_arena_strndup(&w->d->arena, v->str, v->len);
        }
        wn_ptrvec_push(&w->d->arena, &h->extra, x);
    }
}

/* ---- the record -------------------------------------------------------------- */

/* Length of text without a trailing cut-off marker: "[+N chars]",
 * "[N chars]" or "[+N characters]" (N digits, any case), with the spaces
 * before it; len when there is none. */
static size_t cut_marker(const char *t, size_t len)
{
    size_t e = len;
    while (e && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\r' || t[e - 1] == '\t')) e--;
    if (!e || t[e - 1] != ']') return len;
    size_t i = e - 1;
    static const char *const UNITS[] = {" chars", " characters"};
    size_t u = 0;
    for (; u < 2; u++) {
        size_t n = strlen(UNITS[u]);
        if (i >= n && !strncasecmp(t + i - n, UNITS[u], n)) break;
    }
    if (u == 2) return len;
    i -= strlen(UNITS[u]);
    size_t digits = 0;
    while (i && t[i - 1] >= '0' && t[i - 1] <= '9') i--, digits++;
    if (!digits || digits > 9 || !i) return len;
    if (t[i - 1] == '+') i--;
    if (!i || t[i - 1] != '[') return len;
    i--;
    while (i && (t[i - 1] == ' ' || t[i - 1] == '\t')) i--;
    return i;
}

int wn_record_to_doc(wn_doc *d, const wn_record *rec, size_t max_doc_bytes, int max_depth)
{
    wn_hints *h = &d->hints;
    (void)max_depth;
    walker w;
    memset(&w, 0, sizeof w);
    w.d = d;
    wn_buf_init(&w.path);
    walk_object(&w, rec->obj, WN_CTX_NONE, 0, 0);
    /* the objects around the record: their publisher and language */
    w.ancestor = 1;
    for (int i = rec->nanc - 1; i >= 0; i--) {
        w.nodes = 0;
        for (const wn_json *m = rec->anc[i]->child; m; m = m->next) {
            if (!m->key || (m->type != WN_JSON_OBJECT && !is_scalar(m))) continue;
            wn_key k;
            wn_key_analyze(m->key, m->key_len, &k);
            /* a publisher object ("feed", "source"), never the envelopes
             * that hold this record and its siblings */
            if (m->type == WN_JSON_OBJECT && wn_key_context(&k, m->key, m->key_len) != WN_CTX_ORG)
                continue;
            size_t old = path_push(&w, m->key, m->key_len);
            walk_value(&w, &k, m, rec->anc[i], WN_CTX_NONE, 0, 0);
            path_pop(&w, old);
        }
    }
    wn_buf_free(&w.path);

    const cand *c;
    const char *s;
    if ((c = best(&w, WN_F_TITLE, fit_title, &s))) h->title = s, h->title_src = src_of(&w, c);
    if ((c = best(&w, WN_F_SUBTITLE, fit_title, &s)))
        h->subtitle = s, h->subtitle_src = src_of(&w, c);
    if ((c = best(&w, WN_F_URL, fit_url, &s))) h->url = s, h->url_src = src_of(&w, c);
    /* published, else a crawl date (never a modification date) */
    if ((c = best(&w, WN_F_PUBLISHED, fit_date, &s)) || (c = best(&w, WN_F_CRAWLED, fit_date, &s)))
        h->date_published = s, h->date_published_src = src_of(&w, c);
    if ((c = best(&w, WN_F_MODIFIED, fit_date, &s)))
        h->date_modified = s, h->date_modified_src = src_of(&w, c);
    if ((c = best(&w, WN_F_PUBLISHER, fit_publisher, &s)))
        h->publisher = s, h->publisher_src = src_of(&w, c);
    if ((c = best(&w, WN_F_IMAGE, fit_image, &s))) h->image = s, h->image_src = src_of(&w, c);
    if ((c = best(&w, WN_F_LANGUAGE, fit_lang, &s)))
        h->language = s, h->language_src = src_of(&w, c);
    /* "Headline | The Tideline Post": the publisher's name is not the title's */
    if (h->title && h->publisher) {
        size_t tl = strlen(h->title), pl = strlen(h->publisher);
        static const char *const SEP[] = {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ", NULL};
        for (int i = 0; SEP[i]; i++) {
            size_t sl = strlen(SEP[i]);
            if (tl > pl + sl + 8 && !strcasecmp(h->title + tl - pl, h->publisher) &&
                !strncmp(h->title + tl - pl - sl, SEP[i], sl)) {
                h->title = wn_arena_strndup(&d->arena, h->title, tl - pl - sl);
                break;
            }
        }
    }
    pick_authors(&w);
    pick_tags(&w);

    /* the body: plain text over HTML over Markdown, the longest of its
     * kind; an HTML or Markdown text much longer than a short plain one
     * (a teaser) wins */
    const char *txt[3] = {0};
    size_t tlen[3] = {0};
    const cand *tc[3] = {0};
    wn_ptrvec *bv = &w.cands[WN_F_BODY];
    for (size_t i = 0; i < bv->n; i++) {
        const cand *b = bv->v[i];
        if (b->depth > 0) continue; /* the record's own */
        size_t l = 0;
        const char *t = body_text(&w, b, &l);
        if (!t) continue;
        int sh = body_shape(b, t, l);
        /* the longest; of two about as long, the one with more paragraphs */
        size_t lines = 0, best_lines = 0;
        for (size_t q = 0; q < l; q++) lines += t[q] == '\n';
        for (size_t q = 0; q < tlen[sh]; q++) best_lines += txt[sh][q] == '\n';
        if (!txt[sh] || l * 20 > tlen[sh] * 21 ||
            (l * 20 >= tlen[sh] * 19 && lines > best_lines))
            txt[sh] = t, tlen[sh] = l, tc[sh] = b;
    }
    int shape = txt[SHAPE_PLAIN] ? SHAPE_PLAIN : txt[SHAPE_HTML] ? SHAPE_HTML : SHAPE_MD;
    if (txt[SHAPE_PLAIN] && tlen[SHAPE_PLAIN] < 500) {
        if (tlen[SHAPE_HTML] > 3 * tlen[SHAPE_PLAIN]) shape = SHAPE_HTML;
        else if (tlen[SHAPE_MD] > 3 * tlen[SHAPE_PLAIN]) shape = SHAPE_MD;
    }
    const char *payload = txt[shape];
    size_t len = tlen[shape];
    const cand *which = tc[shape];
    const cand *sum_c = NULL;
    const char *sum = NULL;
    {
        wn_ptrvec *sv = &w.cands[WN_F_SUMMARY];
        sort_cands(sv);
        for (size_t i = 0; i < sv->n && !sum; i++)
            if ((sum = fit_summary(&w, sv->v[i]))) sum_c = sv->v[i];
    }
    if (!payload && sum_c) {
        /* no text field: the longest summary of the record's own is the
         * text (a lead paragraph over an abstract), the best-ranked other
         * one stays the description */
        wn_ptrvec *sv = &w.cands[WN_F_SUMMARY];
        for (size_t i = 0; i < sv->n; i++) {
            const cand *b = sv->v[i];
            size_t l = 0;
            const char *t = b->depth == 0 ? body_text(&w, b, &l) : NULL;
            if (t && l > len) payload = t, len = l, which = b;
        }
        if (payload) {
            shape = wn_looks_like_html(payload, len) ? SHAPE_HTML : SHAPE_PLAIN;
            sum = NULL, sum_c = NULL;
            for (size_t i = 0; i < sv->n && !sum; i++) {
                const cand *b = sv->v[i];
                if (b == which || b->v == which->v) continue;
                const char *t = fit_summary(&w, b);
                if (t && !strstr(payload, t)) sum = t, sum_c = b;
            }
        }
    }
    if (which) {
        use(&w, which->v);
        use(&w, unwrap(which->v, 0));
        if (which->v->type == WN_JSON_ARRAY)
            for (const wn_json *e = which->v->child; e; e = e->next) use(&w, e);
    }
    if (sum) {
        h->description = sum;
        h->description_src = src_of(&w, sum_c);
        use(&w, unwrap(sum_c->v, 0));
        use(&w, sum_c->v);
        if (sum_c->v->type == WN_JSON_ARRAY)
            for (const wn_json *e = sum_c->v->child; e; e = e->next) use(&w, e);
    }
    pick_extra(&w);
    if (!payload) {
        wn_doc_set_error(d, "no_payload", "record has no article text field");
        return -1;
    }
    if (len > max_doc_bytes) {
        wn_doc_set_error(d, "too_large", "record payload is %zu bytes, limit is %zu", len,
                         max_doc_bytes);
        return -1;
    }
    /* News APIs that give only the start of an article end it with how
     * much is missing ("... [+2345 chars]", "[412 chars]"): the marker is
     * not the publisher's words; the record says it is cut short */
    size_t cut = cut_marker(payload, len);
    if (cut < len) {
        len = cut;
        d->field[WINNOW_FIELD_TRUNCATED] = "text_cut";
    }
    /* the document outlives the parsed JSON (it may be extracted on another
     * thread while the next line is parsed): it keeps its own copy */
    if (shape == SHAPE_MD) {
        d->payload = wn_markdown_to_text(&d->arena, payload, len, &d->payload_len);
        d->payload_is_html = 0;
    } else {
        d->payload = wn_arena_strndup(&d->arena, payload, len);
        d->payload_len = len;
        d->payload_is_html = shape == SHAPE_HTML;
    }
    return 0;
}
