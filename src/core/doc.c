/*
 * doc.c — creation of documents and blocks, and whitespace normalisation.
 *
 * Normalisation is done once, when a block enters the document, so every
 * later rule sees the same clean text: single spaces, no zero-width
 * characters or BOMs, valid UTF-8. Content punctuation (typographic quotes,
 * dashes, ellipses) is never rewritten: what users read must be what the
 * publisher wrote.
 */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

wn_doc *wn_doc_new(const char *source)
{
    wn_arena a;
    wn_arena_init(&a);
    wn_doc *d = wn_arena_alloc(&a, sizeof *d);
    d->arena = a;
    d->field[WINNOW_FIELD_SOURCE] = wn_arena_strdup(&d->arena, source ? source : "-");
    return d;
}

/* code and formatted message into the error/skip fields */
static void set_code(wn_doc *d, const char *code, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    d->field[WINNOW_FIELD_ERROR_CODE] = wn_arena_strdup(&d->arena, code);
    size_t n;
    d->field[WINNOW_FIELD_ERROR_MESSAGE] =
        wn_utf8_sanitize(&d->arena, msg, strlen(msg), &n, NULL);
}

void wn_doc_set_error(wn_doc *d, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_code(d, code, fmt, ap);
    va_end(ap);
    d->is_error = 1;
}

void wn_doc_set_skip(wn_doc *d, const char *reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_code(d, reason, fmt, ap);
    va_end(ap);
    d->is_skip = 1;
}

char *wn_normalize_space(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = wn_arena_alloc(a, n * 3 + 1);
    size_t o = 0, i = 0;
    int pending_space = 0;
    while (i < n) {
        int32_t cp;
        int l, bad = 0;
        if (p[i] < 0x80) {
            cp = p[i];
            l = 1;
        } else {
            l = wn_utf8_decode(p + i, n - i, &cp);
            if (cp < 0) {
                cp = 0xFFFD;
                bad = 1;
            }
        }
        if (cp == 0 || wn_uc_is_invisible(cp)) {
            i += (size_t)l;
            continue;
        }
        if (wn_uc_is_space(cp) || (cp < 0x20) || cp == 0x7F) {
            pending_space = 1;
            i += (size_t)l;
            continue;
        }
        if (pending_space && o) out[o++] = ' ';
        pending_space = 0;
        if (bad)
            o += (size_t)wn_utf8_encode(0xFFFD, out + o);
        else {
            memcpy(out + o, p + i, (size_t)l);
            o += (size_t)l;
        }
        i += (size_t)l;
    }
    out[o] = 0;
    *out_len = o;
    return wn_nfc(a, out, out_len);
}

/* Text in NFC, the form a reader's search and comparisons expect: pages
 * written with decomposed letters ("a" + U+0308) are composed. Only text
 * holding a combining diacritic (U+0300-U+036F) or a Hangul jamo
 * (U+1100-U+11FF) is normalised; the rest is returned as it is, so the
 * common case costs one scan. */
char *wn_nfc(wn_arena *a, char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = *len, i;
    for (i = 0; i + 1 < n; i++)
        if ((p[i] == 0xCC && p[i + 1] >= 0x80) || (p[i] == 0xCD && p[i + 1] <= 0xAF) ||
            (p[i] == 0xE1 && i + 2 < n && p[i + 1] >= 0x84 && p[i + 1] <= 0x87))
            break;
    if (i + 1 >= n) return s;
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0 || !m) {
        free(m);
        return s;
    }
    char *out = wn_arena_strndup(a, (const char *)m, (size_t)r);
    free(m);
    *len = (size_t)r;
    return out;
}

/* Preformatted text keeps its lines and indentation: only invisible
 * characters, carriage returns, trailing spaces and blank lines at either
 * end go. */
static char *normalize_pre(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    size_t clean_len;
    char *clean = wn_utf8_sanitize(a, s, n, &clean_len, NULL);
    char *out = wn_arena_alloc(a, clean_len + 1);
    size_t o = 0, line_start = 0;
    const unsigned char *p = (const unsigned char *)clean;
    for (size_t i = 0; i < clean_len;) {
        int32_t cp;
        int l = wn_utf8_decode(p + i, clean_len - i, &cp);
        if (cp == '\r' || wn_uc_is_invisible(cp)) {
            i += (size_t)l;
            continue;
        }
        if (cp == '\n') {
            while (o > line_start && (out[o - 1] == ' ' || out[o - 1] == '\t')) o--;
            if (o > 0) out[o++] = '\n'; /* no blank lines before the first */
            line_start = o;
            i += (size_t)l;
            continue;
        }
        if (cp == 0xA0) {
            out[o++] = ' ';
            i += (size_t)l;
            continue;
        }
        memcpy(out + o, clean + i, (size_t)l);
        o += (size_t)l;
        i += (size_t)l;
    }
    while (o > 0 && (out[o - 1] == '\n' || out[o - 1] == ' ' || out[o - 1] == '\t')) o--;
    out[o] = 0;
    *out_len = o;
    return out;
}

wn_block *wn_doc_add_block(wn_doc *d, const char *text, size_t len, wn_block_kind kind,
                           int level)
{
    size_t n;
    char *t = kind == WN_BLK_PRE ? normalize_pre(&d->arena, text, len, &n)
                                 : wn_normalize_space(&d->arena, text, len, &n);
    if (n == 0) return NULL;
    if (d->nblocks == d->cap_blocks) {
        size_t cap = d->cap_blocks ? d->cap_blocks * 2 : 32;
        wn_block *nb = wn_arena_alloc(&d->arena, cap * sizeof *nb);
        if (d->nblocks) memcpy(nb, d->blocks, d->nblocks * sizeof *nb);
        d->blocks = nb;
        d->cap_blocks = cap;
    }
    wn_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->text = t;
    b->len = n;
    b->kind = kind;
    b->level = level;
    return b;
}

wn_block *wn_doc_split_block(wn_doc *d, size_t k, size_t cut)
{
    if (d->nblocks == d->cap_blocks) {
        size_t cap = d->cap_blocks * 2;
        wn_block *nb = wn_arena_alloc(&d->arena, cap * sizeof *nb);
        memcpy(nb, d->blocks, d->nblocks * sizeof *nb);
        d->blocks = nb;
        d->cap_blocks = cap;
    }
    memmove(&d->blocks[k + 2], &d->blocks[k + 1], (d->nblocks - k - 1) * sizeof *d->blocks);
    d->nblocks++;
    wn_block *head = &d->blocks[k], *tail = &d->blocks[k + 1];
    *tail = *head;
    const char *t = head->text;
    size_t n = head->len, h = cut;
    while (h > 0 && t[h - 1] == ' ') h--;
    size_t s = cut;
    while (s < n && t[s] == ' ') s++;
    tail->text = wn_arena_strndup(&d->arena, t + s, n - s);
    tail->len = n - s;
    head->text = wn_arena_strndup(&d->arena, t, h);
    head->len = h;
    head->md = tail->md = NULL; /* the inline Markdown no longer lines up */
    return tail;
}

wn_author *wn_author_add(wn_arena *a, wn_ptrvec *v, const char *name, const char *role,
                         const char *handle, const char *url)
{
    if (!name || !*name) return NULL;
    for (size_t i = 0; i < v->n; i++) {
        wn_author *x = v->v[i];
        if (strcmp(x->name, name) == 0) { /* merge what the new sighting adds */
            if (!x->role && role) x->role = wn_arena_strdup(a, role);
            if (!x->handle && handle) x->handle = wn_arena_strdup(a, handle);
            if (!x->url && url) x->url = wn_arena_strdup(a, url);
            return x;
        }
    }
    wn_author *au = wn_arena_alloc(a, sizeof *au);
    au->name = wn_arena_strdup(a, name);
    au->role = role ? wn_arena_strdup(a, role) : NULL;
    au->handle = handle ? wn_arena_strdup(a, handle) : NULL;
    au->url = url ? wn_arena_strdup(a, url) : NULL;
    au->email = NULL;
    wn_ptrvec_push(a, v, au);
    return au;
}
