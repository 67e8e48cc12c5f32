/*
 * hydrate.c — the story in a script-rendered page's own data.
 *
 * Modern pages often ship the article twice: a first screen of markup and
 * the whole story as JSON for the script that renders the rest
 * (`<script type="application/json" id="__NEXT_DATA__">` and the like).
 * When the markup gave little, this is the last view the extractor asks.
 * No site's schema is known; the data is searched for the two shapes a
 * story takes in such JSON:
 *
 *   - an array of paragraph objects: three or more elements whose text
 *     (the string values under text-like keys — "text", "value", "content",
 *     "html", "body", ... — in order, tags stripped) makes paragraphs; the
 *     array holding the most such text wins; each element becomes a block;
 *   - one string of HTML with three or more <p> elements (a CMS's stored
 *     body): it is parsed like a page fragment and extracted the usual way.
 *
 * The caller (extract.c) takes the result only when it is clearly longer
 * than the markup's and tells the same story. Cost: one JSON parse of the
 * page's data scripts, done only when the markup's result is short.
 */
#include "extract.h"
#include "../input/input.h"

#include <string.h>
#include <strings.h>

static int text_key(const wn_json *v)
{
    static const char *const KEYS[] = {"text", "value", "content", "html", "body", "bodyhtml",
                                       "body_html", "rendered", "markup", "paragraph",
                                       "contenthtml", "plaintext", NULL};
    if (!v->key || !v->key_len || v->key_len > 12) return 0;
    for (int i = 0; KEYS[i]; i++)
        if (strlen(KEYS[i]) == v->key_len && strncasecmp(KEYS[i], v->key, v->key_len) == 0)
            return 1;
    return 0;
}

/* characters of s outside <...> tags */
static size_t plain_len(const char *s, size_t n)
{
    size_t k = 0;
    int tag = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') tag = 1;
        else if (s[i] == '>' && tag) tag = 0;
        else if (!tag) k++;
    }
    return k;
}

static size_t count_p(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '<' && (s[i + 1] == 'p' || s[i + 1] == 'P') && (s[i + 2] == '>' || s[i + 2] == ' '))
            c++;
    return c;
}

/* the text of a paragraph element: text-like strings in order, appended
 * to out (tags stripped) when out is not NULL; returns their plain length.
 * Strings in an array under a text-like key count as text too. */
static size_t elem_text(const wn_json *v, int depth, int in_text, wn_buf *out)
{
    if (depth > 32) return 0;
    if (v->type == WN_JSON_STRING) {
        if (!in_text && !text_key(v)) return 0;
        if (out) {
            int tag = 0;
            for (size_t i = 0; i < v->len; i++) {
                char c = v->str[i];
                if (c == '<') tag = 1;
                else if (c == '>' && tag) tag = 0;
                else if (!tag) wn_buf_putc(out, c);
            }
        }
        return plain_len(v->str, v->len);
    }
    if (v->type != WN_JSON_ARRAY && v->type != WN_JSON_OBJECT) return 0;
    int it = v->type == WN_JSON_ARRAY && (in_text || text_key(v));
    size_t n = 0;
    for (const wn_json *c = v->child; c; c = c->next) n += elem_text(c, depth + 1, it, out);
    return n;
}

typedef struct best {
    const wn_json *v;
    size_t score;
    int html; /* v is a string of HTML */
} best;

/* b[0]: the best array of paragraphs, b[1]: the best HTML string */
static void walk(const wn_json *v, int depth, best *b)
{
    if (!v || depth > 48) return;
    if (v->type == WN_JSON_STRING) {
        if (v->len > 400 && text_key(v) && count_p(v->str, v->len) >= 3) {
            size_t s = plain_len(v->str, v->len);
            if (s > b[1].score) b[1] = (best){v, s, 1};
        }
        return;
    }
    if (v->type != WN_JSON_ARRAY && v->type != WN_JSON_OBJECT) return;
    if (v->type == WN_JSON_ARRAY && v->count >= 3) {
        size_t sum = 0, paras = 0;
        for (const wn_json *c = v->child; c; c = c->next) {
            if (c->type != WN_JSON_OBJECT) continue;
            size_t t = elem_text(c, 0, 0, NULL);
            sum += t;
            if (t >= 40) paras++;
        }
        if (paras >= 3 && sum > b[0].score) b[0] = (best){v, sum, 0};
    }
    for (const wn_json *c = v->child; c; c = c->next) walk(c, depth + 1, b);
}

void *wn_extract_hydrate_find(wn_doc *d, const wn_dom *dom)
{
    best *b = wn_arena_alloc(&d->arena, 2 * sizeof *b);
    memset(b, 0, 2 * sizeof *b);
    for (size_t i = 0; i < dom->jsondata.n; i++) {
        const char *src = dom->jsondata.v[i];
        size_t consumed;
        wn_json_diag diag;
        memset(&diag, 0, sizeof diag);
        walk(wn_json_parse(&d->arena, src, strlen(src), 64, &consumed, &diag), 0, b);
    }
    return b;
}

size_t wn_extract_hydrated(wn_doc *d, void *found, int which, const wn_extract_params *p)
{
    best b = ((best *)found)[which ? 1 : 0];
    if (!b.v || b.score < 400) return 0;
    size_t nb = 0;
    if (b.html) {
        /* a stored HTML body: a fragment, extracted like a page (it has
         * no data scripts of its own, so this does not recurse again) */
        wn_dom frag;
        if (wn_dom_build(&d->arena, b.v->str, b.v->len, 512, 1000000, &frag) < 0 ||
            frag.too_deep || frag.too_many)
            return 0;
        wn_extract_info info;
        return wn_extract(d, &frag, p, &info);
    }
    wn_buf t;
    wn_buf_init(&t);
    for (const wn_json *c = b.v->child; c; c = c->next) {
        if (c->type != WN_JSON_OBJECT) continue;
        wn_buf_clear(&t);
        elem_text(c, 0, 0, &t);
        if (t.len && wn_doc_add_block(d, t.data, t.len, WN_BLK_PARA, 0)) nb++;
    }
    wn_buf_free(&t);
    return nb;
}
