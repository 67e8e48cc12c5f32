/*
 * arena.c — bump allocator in chunks, and the growable byte buffer.
 *
 * Chunks grow geometrically (16 KiB doubling up to 1 MiB) and a request
 * larger than a chunk gets a chunk of its own, so waste stays small for both
 * tiny documents and 10 MB ones. Memory is zeroed on allocation: stages can
 * rely on fresh structs being all-zero.
 */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wn_arena_chunk {
    wn_arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
};

void wn_oom(void)
{
    fputs("winnow: out of memory\n", stderr);
    abort();
}

void *wn_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) wn_oom();
    return q;
}

void wn_arena_init(wn_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void wn_arena_release(wn_arena *a)
{
    wn_arena_chunk *c = a->head;
    while (c) {
        wn_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

void *wn_arena_alloc(wn_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    wn_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t sz = c ? c->size * 2 : 16384;
        if (sz > (1u << 20)) sz = 1u << 20;
        if (sz < n) sz = n;
        wn_arena_chunk *nc = malloc(sizeof *nc + sz);
        if (!nc) wn_oom();
        nc->used = 0;
        nc->size = sz;
        /* a big one-off block goes behind the head so the head's free room
         * stays usable for the small allocations that follow */
        if (c && sz == n && c->size - c->used > 256) {
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            a->head = nc;
        }
        c = nc;
    }
    void *p = c->mem + c->used;
    c->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *wn_arena_strndup(wn_arena *a, const char *s, size_t n)
{
    char *p = wn_arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *wn_arena_strdup(wn_arena *a, const char *s)
{
    return wn_arena_strndup(a, s, strlen(s));
}

char *wn_arena_printf(wn_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = wn_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void wn_ptrvec_push(wn_arena *a, wn_ptrvec *pv, void *p)
{
    if (pv->n == pv->cap) {
        size_t cap = pv->cap ? pv->cap * 2 : 8;
        void **v = wn_arena_alloc(a, cap * sizeof *v);
        if (pv->n) memcpy(v, pv->v, pv->n * sizeof *v);
        pv->v = v;
        pv->cap = cap;
    }
    pv->v[pv->n++] = p;
}

/* ---- buffer ----------------------------------------------------------- */

void wn_buf_init(wn_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void wn_buf_free(wn_buf *b)
{
    free(b->data);
    wn_buf_init(b);
}

void wn_buf_reserve(wn_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) wn_oom();
    b->data = d;
    b->cap = cap;
}

void wn_buf_append(wn_buf *b, const char *s, size_t n)
{
    wn_buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void wn_buf_puts(wn_buf *b, const char *s) { wn_buf_append(b, s, strlen(s)); }

void wn_buf_putc(wn_buf *b, char c) { wn_buf_append(b, &c, 1); }

void wn_buf_printf(wn_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    wn_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *wn_buf_cstr(wn_buf *b)
{
    wn_buf_reserve(b, 0);
    b->data[b->len] = 0;
    return b->data;
}

void wn_buf_clear(wn_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

char *wn_buf_detach(wn_buf *b, size_t *len)
{
    wn_buf_reserve(b, 0);
    b->data[b->len] = 0; /* a buffer never written to has fresh storage */
    char *d = b->data;
    if (len) *len = b->len;
    wn_buf_init(b);
    return d;
}
