/*
 * dedup.c — repeated blocks, and the text folding used to compare blocks.
 *
 * Scrapers repeat: a dek printed above and below the headline, the first
 * paragraphs duplicated by a "read more" expander, a pull quote. Two blocks
 * are the same when their folded forms (lowercase letters and digits, one
 * space between words) are equal, which forgives case, punctuation,
 * typographic vs straight quotes and spacing. A repeat may also be split
 * differently into lines than the original (a soft-wrapped copy), so runs
 * of two or three consecutive blocks are compared as one text, both ways.
 *
 * Fingerprints are xxh3 hashes of folded forms in an open-addressing set:
 * linear in the document. The first occurrence stays; later ones are
 * removed as "duplicate". Very short blocks (a cell, "Yes") may
 * legitimately repeat and are left alone.
 */
#include "clean.h"

#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

char *wn_fold(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = wn_arena_alloc(a, n * 2 + 8);
    size_t o = 0, i = 0;
    int gap = 0;
    while (i < n) {
        int32_t cp;
        int l = 1;
        if (p[i] < 0x80) cp = p[i];
        else l = wn_utf8_decode(p + i, n - i, &cp);
        i += (size_t)l;
        if (cp >= 0 && wn_uc_is_word(cp)) {
            if (gap && o) out[o++] = ' ';
            gap = 0;
            o += (size_t)wn_utf8_encode(wn_uc_tolower(cp), out + o);
        } else {
            gap = 1;
        }
    }
    out[o] = 0;
    *out_len = o;
    return out;
}

#define DEDUP_MIN_WORDS 3
/* inside a known container (HTML), short repeats are content: the same
 * "Eat every 2-3 hours" under every meal of a plan */
#define DEDUP_MIN_LEN_CONTAINER 80
#define MAX_RUN 3

typedef struct fpset {
    uint64_t *fp;
    size_t *first; /* block index of the first occurrence */
    size_t cap;
} fpset;

/* index of the slot holding fp, or of the empty slot where it would go */
static size_t slot(const fpset *s, uint64_t fp)
{
    size_t h = (size_t)fp & (s->cap - 1);
    while (s->fp[h] && s->fp[h] != fp) h = (h + 1) & (s->cap - 1);
    return h;
}

static void insert(fpset *s, uint64_t fp, size_t first)
{
    size_t h = slot(s, fp);
    if (!s->fp[h]) {
        s->fp[h] = fp;
        s->first[h] = first;
    }
}

/* fingerprint of blocks k..k+len-1 folded and joined by spaces */
static uint64_t run_fp(char **fold, size_t *fl, size_t k, size_t len)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    for (size_t j = 0; j < len; j++) {
        if (j) XXH3_64bits_update(&st, " ", 1);
        XXH3_64bits_update(&st, fold[k + j], fl[k + j]);
    }
    return XXH3_64bits_digest(&st) | 1; /* never 0: 0 marks an empty slot */
}

static void mark_dup(wn_doc *d, size_t k, size_t first)
{
    wn_block *b = &d->blocks[k];
    if (b->role == WN_ROLE_BODY) wn_remove(b, "duplicate");
    b->dup = 1;
    d->blocks[first].repeated = 1;
}

void wn_dedup(wn_doc *d)
{
    size_t n = d->nblocks;
    if (!n) return;
    fpset set;
    set.cap = 16;
    while (set.cap < n * 2 * MAX_RUN) set.cap *= 2;
    set.fp = wn_arena_alloc(&d->arena, set.cap * sizeof *set.fp);
    set.first = wn_arena_alloc(&d->arena, set.cap * sizeof *set.first);
    char **fold = wn_arena_alloc(&d->arena, n * sizeof *fold);
    size_t *fl = wn_arena_alloc(&d->arena, n * sizeof *fl);
    for (size_t k = 0; k < n; k++) {
        fold[k] = wn_fold(&d->arena, d->blocks[k].text, d->blocks[k].len, &fl[k]);
        d->blocks[k].fp = run_fp(fold, fl, k, 1);
    }

    for (size_t k = 0; k < n; k++) {
        wn_block *b = &d->blocks[k];
        if (b->dup) goto record;
        /* a run starting here repeating one earlier block (or run) */
        for (size_t len = MAX_RUN; len >= 2; len--) {
            if (k + len > n) continue;
            unsigned words = 0;
            for (size_t j = 0; j < len; j++) words += d->blocks[k + j].words;
            if (words < 2 * DEDUP_MIN_WORDS) continue;
            if (d->container_known) continue;
            size_t h = slot(&set, run_fp(fold, fl, k, len));
            if (!set.fp[h]) continue;
            for (size_t j = 0; j < len; j++) mark_dup(d, k + j, set.first[h]);
            break;
        }
        if (!b->dup && b->words >= DEDUP_MIN_WORDS &&
            (!d->container_known || b->len >= DEDUP_MIN_LEN_CONTAINER)) {
            size_t h = slot(&set, b->fp);
            if (set.fp[h]) mark_dup(d, k, set.first[h]);
        }
    record:
        /* what later blocks may repeat: this block, and runs ending here */
        if (b->words >= DEDUP_MIN_WORDS) insert(&set, b->fp, k);
        for (size_t len = 2; len <= MAX_RUN && len <= k + 1; len++)
            insert(&set, run_fp(fold, fl, k + 1 - len, len), k + 1 - len);
    }
}
