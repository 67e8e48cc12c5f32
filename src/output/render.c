/*
 * render.c — JSONL, plain text and Markdown writers.
 *
 * JSONL is the contract: one object per line, fixed field order, fields
 * without a value omitted (never null), always valid UTF-8 (strings are
 * re-validated here, so even a bug upstream cannot emit a broken byte).
 * Text is the body only — what corpus builders feed to indexers — and
 * Markdown adds the headline, dek and byline around it.
 */
#include "output.h"

#include <string.h>

void wn_json_string(wn_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    wn_buf_reserve(out, n + 2);
    wn_buf_putc(out, '"');
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            run++;
            i++;
            continue;
        }
        if (run) wn_buf_append(out, (const char *)p + i - run, run);
        run = 0;
        if (c < 0x80) {
            char esc[7] = {'\\', 0};
            switch (c) {
            case '"': esc[1] = '"'; break;
            case '\\': esc[1] = '\\'; break;
            case '\n': esc[1] = 'n'; break;
            case '\t': esc[1] = 't'; break;
            case '\r': esc[1] = 'r'; break;
            case '\b': esc[1] = 'b'; break;
            case '\f': esc[1] = 'f'; break;
            default:
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                wn_buf_append(out, esc, 6);
                i++;
                continue;
            }
            wn_buf_append(out, esc, 2);
            i++;
            continue;
        }
        int32_t cp;
        int l = wn_utf8_decode(p + i, n - i, &cp);
        if (cp < 0) {
            wn_buf_append(out, "\xEF\xBF\xBD", 3);
        } else if (cp == 0x2028 || cp == 0x2029) {
            wn_buf_puts(out, cp == 0x2028 ? "\\u2028" : "\\u2029");
        } else {
            wn_buf_append(out, (const char *)p + i, (size_t)l);
        }
        i += (size_t)l;
    }
    if (run) wn_buf_append(out, (const char *)p + i - run, run);
    wn_buf_putc(out, '"');
}

static void key(wn_buf *out, int *first, const char *k)
{
    if (!*first) wn_buf_putc(out, ',');
    *first = 0;
    wn_buf_putc(out, '"');
    wn_buf_puts(out, k);
    wn_buf_puts(out, "\":");
}

static void str_field(wn_buf *out, int *first, const char *k, const char *v)
{
    if (!v) return;
    key(out, first, k);
    wn_json_string(out, v, strlen(v));
}

/* --explain: where each field came from */
static void render_sources(const wn_doc *d, wn_buf *out)
{
    static const struct {
        winnow_field f;
        const char *name;
    } F[] = {{WINNOW_FIELD_URL, "url"},
             {WINNOW_FIELD_TITLE, "title"},
             {WINNOW_FIELD_SUBTITLE, "subtitle"},
             {WINNOW_FIELD_PUBLISHER, "publisher"},
             {WINNOW_FIELD_REPUBLISHER, "republisher"},
             {WINNOW_FIELD_DATE_PUBLISHED, "date_published"},
             {WINNOW_FIELD_DATE_MODIFIED, "date_modified"},
             {WINNOW_FIELD_LANGUAGE, "language"},
             {WINNOW_FIELD_DESCRIPTION, "description"},
             {WINNOW_FIELD_IMAGE, "image"},
             {WINNOW_FIELD_TEXT, "text"}};
    int first = 1;
    wn_buf_puts(out, ",\"sources\":{");
    if (d->authors_src) str_field(out, &first, "authors", d->authors_src);
    if (d->tags_src) str_field(out, &first, "tags", d->tags_src);
    for (size_t i = 0; i < sizeof F / sizeof *F; i++)
        if (d->field[F[i].f] && d->field_src[F[i].f])
            str_field(out, &first, F[i].name, d->field_src[F[i].f]);
    wn_buf_putc(out, '}');
}

/* where an archive record came from, beside the canonical url: the
 * fetched URL, the record's ids and fetch date, and whether it is whole */
static void render_provenance(const wn_doc *d, wn_buf *out, int *first)
{
    const char *const *f = d->field;
    str_field(out, first, "fetch_url", f[WINNOW_FIELD_FETCH_URL]);
    str_field(out, first, "warc_record_id", f[WINNOW_FIELD_WARC_RECORD_ID]);
    str_field(out, first, "warc_trec_id", f[WINNOW_FIELD_WARC_TREC_ID]);
    str_field(out, first, "fetch_date", f[WINNOW_FIELD_FETCH_DATE]);
    if (f[WINNOW_FIELD_TRUNCATED]) {
        key(out, first, "truncated");
        wn_buf_puts(out, "true");
        str_field(out, first, "truncated_reason", f[WINNOW_FIELD_TRUNCATED]);
    }
}

/* the fields an article and an error or skip record share: everything
 * found but the text */
static void render_fields(const wn_doc *d, wn_buf *out, int *firstp)
{
    const char *const *f = d->field;
    int first = *firstp;
    str_field(out, &first, "url", f[WINNOW_FIELD_URL]);
    render_provenance(d, out, &first);
    str_field(out, &first, "title", f[WINNOW_FIELD_TITLE]);
    str_field(out, &first, "subtitle", f[WINNOW_FIELD_SUBTITLE]);
    if (d->authors.n) {
        key(out, &first, "authors");
        wn_buf_putc(out, '[');
        for (size_t i = 0; i < d->authors.n; i++) {
            const wn_author *a = d->authors.v[i];
            int af = 1;
            if (i) wn_buf_putc(out, ',');
            wn_buf_putc(out, '{');
            str_field(out, &af, "name", a->name);
            str_field(out, &af, "role", a->role);
            str_field(out, &af, "handle", a->handle);
            str_field(out, &af, "url", a->url);
            str_field(out, &af, "email", a->email);
            wn_buf_putc(out, '}');
        }
        wn_buf_putc(out, ']');
    }
    str_field(out, &first, "publisher", f[WINNOW_FIELD_PUBLISHER]);
    str_field(out, &first, "republisher", f[WINNOW_FIELD_REPUBLISHER]);
    str_field(out, &first, "date_published", f[WINNOW_FIELD_DATE_PUBLISHED]);
    str_field(out, &first, "date_modified", f[WINNOW_FIELD_DATE_MODIFIED]);
    str_field(out, &first, "language", f[WINNOW_FIELD_LANGUAGE]);
    str_field(out, &first, "description", f[WINNOW_FIELD_DESCRIPTION]);
    str_field(out, &first, "image", f[WINNOW_FIELD_IMAGE]);
    if (d->tags.n) {
        key(out, &first, "tags");
        wn_buf_putc(out, '[');
        for (size_t i = 0; i < d->tags.n; i++) {
            if (i) wn_buf_putc(out, ',');
            const char *t = d->tags.v[i];
            wn_json_string(out, t, strlen(t));
        }
        wn_buf_putc(out, ']');
    }
    *firstp = first;
}

/* --explain: every removed block with its reason, and each field's source */
static void render_explain(const wn_doc *d, wn_buf *out, int *firstp)
{
    key(out, firstp, "removed");
    wn_buf_putc(out, '[');
    for (size_t i = 0; i < d->removed.n; i++) {
        const wn_block *b = d->removed.v[i];
        if (i) wn_buf_putc(out, ',');
        wn_buf_puts(out, "{\"text\":");
        wn_json_string(out, b->text, b->len);
        wn_buf_puts(out, ",\"reason\":");
        wn_json_string(out, b->reason, strlen(b->reason));
        wn_buf_printf(out, ",\"at\":%zu}", b->at);
    }
    wn_buf_putc(out, ']');
    render_sources(d, out);
    /* a JSON record's fields no output field took */
    if (d->hints.extra.n) {
        wn_buf_puts(out, ",\"extra\":{");
        for (size_t i = 0; i < d->hints.extra.n; i++) {
            const wn_extra *x = d->hints.extra.v[i];
            if (i) wn_buf_putc(out, ',');
            wn_json_string(out, x->path, strlen(x->path));
            wn_buf_putc(out, ':');
            if (x->is_string)
                wn_json_string(out, x->value, strlen(x->value));
            else
                wn_buf_puts(out, x->value);
        }
        wn_buf_putc(out, '}');
    }
}

static void render_json(const wn_doc *d, int explain, wn_buf *out)
{
    const char *const *f = d->field;
    int first = 1;
    wn_buf_putc(out, '{');
    str_field(out, &first, "source", f[WINNOW_FIELD_SOURCE]);
    if (d->is_error || d->is_skip) {
        /* what went wrong, then whatever was found before it did: a feed
         * item without content still has its title, link and date */
        key(out, &first, d->is_error ? "error" : "skipped");
        wn_buf_puts(out, d->is_error ? "{\"code\":" : "{\"reason\":");
        const char *c = f[WINNOW_FIELD_ERROR_CODE], *m = f[WINNOW_FIELD_ERROR_MESSAGE];
        wn_json_string(out, c, strlen(c));
        wn_buf_puts(out, ",\"message\":");
        wn_json_string(out, m, strlen(m));
        wn_buf_putc(out, '}');
        render_fields(d, out, &first);
        if (explain) render_explain(d, out, &first);
        wn_buf_puts(out, "}\n");
        return;
    }
    render_fields(d, out, &first);
    str_field(out, &first, "text", f[WINNOW_FIELD_TEXT] ? f[WINNOW_FIELD_TEXT] : "");
    key(out, &first, "word_count");
    wn_buf_printf(out, "%zu", d->word_count);
    if (explain) render_explain(d, out, &first);
    wn_buf_puts(out, "}\n");
}

static void render_text(const wn_doc *d, wn_buf *out)
{
    const char *t = d->field[WINNOW_FIELD_TEXT];
    if (!t) return;
    wn_buf_puts(out, t);
    wn_buf_putc(out, '\n');
}

static void render_markdown(const wn_doc *d, wn_buf *out)
{
    const char *const *f = d->field;
    if (f[WINNOW_FIELD_TITLE]) wn_buf_printf(out, "# %s\n\n", f[WINNOW_FIELD_TITLE]);
    if (f[WINNOW_FIELD_SUBTITLE]) wn_buf_printf(out, "*%s*\n\n", f[WINNOW_FIELD_SUBTITLE]);
    if (d->authors.n) {
        wn_buf_puts(out, "By ");
        for (size_t i = 0; i < d->authors.n; i++) {
            const wn_author *a = d->authors.v[i];
            if (i) wn_buf_puts(out, i + 1 == d->authors.n ? " and " : ", ");
            wn_buf_puts(out, a->name);
        }
        wn_buf_puts(out, "\n\n");
    }
    int prev_list = 0;
    for (size_t k = 0; k < d->nblocks; k++) {
        const wn_block *b = &d->blocks[k];
        if (b->role != WN_ROLE_BODY) continue;
        int list = b->kind == WN_BLK_LIST_ITEM;
        const char *t = b->md && b->kind != WN_BLK_PRE ? b->md : b->text;
        if (prev_list && !list) wn_buf_putc(out, '\n');
        switch (b->kind) {
        case WN_BLK_HEADING:
            wn_buf_printf(out, "%.*s %s\n\n", b->level < 2 ? 2 : b->level > 6 ? 6 : b->level,
                          "######", t);
            break;
        case WN_BLK_LIST_ITEM: wn_buf_printf(out, "- %s\n", t); break;
        case WN_BLK_QUOTE: wn_buf_printf(out, "> %s\n\n", t); break;
        case WN_BLK_PRE: wn_buf_printf(out, "```\n%s\n```\n\n", t); break;
        default: wn_buf_printf(out, "%s\n\n", t); break;
        }
        prev_list = list;
    }
    if (prev_list) wn_buf_putc(out, '\n');
}

void wn_render(const wn_doc *d, winnow_format f, int explain, wn_buf *out)
{
    if (f == WINNOW_FORMAT_JSONL) {
        render_json(d, explain, out);
        return;
    }
    if (d->is_error || d->is_skip) return;
    if (f == WINNOW_FORMAT_TEXT) {
        render_text(d, out);
    } else {
        size_t start = out->len;
        render_markdown(d, out);
        /* blocks end with a blank line; the document ends with one newline */
        while (out->len > start + 1 && out->data[out->len - 1] == '\n' &&
               out->data[out->len - 2] == '\n')
            out->len--;
        out->data[out->len] = 0;
    }
}
