/*
 * dedup.c — repeated blocks, and the text folding used to compare blocks.
 *
 * Scrapers repeat: a dek printed above and below the headline, the first
 * paragraphs duplicated by a "read more" expander, a pull quote. Two blocks
 * are the same when their folded forms (lowercase letters and digits, one
 * space between words) are equal, which forgives case, punctuation,
 * typographic vs straight quotes and spacing. Fingerprints are xxh64 of the
 * folded form in an open-addressing set: linear in the document.
 * The first occurrence stays; later ones are removed as "duplicate". Very
 * short blocks (a cell, "Yes") may legitimately repeat and are left alone.
 */
#include "clean.h"

#include <string.h>
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

void wn_dedup(wn_doc *d)
{
    size_t cap = 16;
    while (cap < d->nblocks * 2) cap *= 2;
    uint64_t *set = wn_arena_alloc(&d->arena, cap * sizeof *set);
    size_t *first = wn_arena_alloc(&d->arena, cap * sizeof *first);
    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *b = &d->blocks[k];
        size_t fl;
        char *f = wn_fold(&d->arena, b->text, b->len, &fl);
        b->fp = XXH3_64bits(f, fl) | 1; /* never 0: 0 marks an empty slot */
        if (b->words < DEDUP_MIN_WORDS) continue;
        size_t h = (size_t)b->fp & (cap - 1);
        int seen = 0;
        while (set[h]) {
            if (set[h] == b->fp) {
                seen = 1;
                break;
            }
            h = (h + 1) & (cap - 1);
        }
        if (seen) {
            if (b->role == WN_ROLE_BODY) wn_remove(b, "duplicate");
            b->dup = 1;
            d->blocks[first[h]].repeated = 1;
        } else {
            set[h] = b->fp;
            first[h] = k;
        }
    }
}
