/*
 * measure.c — words, stopwords and the document's language.
 *
 * Every block is tokenised once into \w+ words (Unicode letters, marks,
 * digits), each lowercased word looked up in the generated stopword table,
 * which answers with two bit masks of languages: those whose (broad)
 * stopword list holds the word, used for stopword density, and those whose
 * (short, most-frequent-words) identification list holds it. The
 * document's language is the one with the most identification hits, each
 * weighted by how specific the word is (a word in 16 lists says little).
 * Scripts without word spaces (Chinese, Japanese, Thai) have no stopword
 * lists; they are recognised by their characters, and their blocks are
 * measured in characters instead of words.
 */
#include "clean.h"

#include <string.h>

#define MAX_WORD 64

typedef struct scan {
    double lang_score[64];
    size_t han, kana, hangul, thai, letters;
} scan;

static int is_cjk(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x0E00 && cp <= 0x0E7F) || (cp >= 0x20000 && cp <= 0x2A6DF);
}

/* counts words/stopword masks of a block; fills per-language scores */
static void measure_block(wn_block *b, scan *sc, uint64_t *masks, size_t *nmasks,
                          size_t cap, size_t nlang)
{
    const unsigned char *p = (const unsigned char *)b->text;
    size_t n = b->len, i = 0;
    unsigned words = 0, cjk = 0;
    char w[MAX_WORD + 8];
    size_t wl = 0;
    int in_word = 0, too_long = 0;
    *nmasks = 0;
    for (;;) {
        int32_t cp = -1;
        int l = 1;
        if (i < n) {
            if (p[i] < 0x80) cp = p[i];
            else l = wn_utf8_decode(p + i, n - i, &cp);
        }
        int word = i < n && cp >= 0 && wn_uc_is_word(cp);
        if (word && is_cjk(cp)) {
            cjk++;
            if (cp >= 0x3040 && cp <= 0x30FF) sc->kana++;
            else if (cp >= 0x0E00 && cp <= 0x0E7F) sc->thai++;
            else sc->han++;
            word = 0; /* CJK characters are not words here */
        }
        if (word) {
            if (cp >= 0xAC00 && cp <= 0xD7AF) sc->hangul++;
            if (wn_uc_is_letter(cp)) sc->letters++;
            if (!in_word) {
                in_word = 1;
                wl = 0;
                too_long = 0;
            }
            if (!too_long) {
                int32_t lc = wn_uc_tolower(cp);
                if (wl + 4 > MAX_WORD) too_long = 1;
                else wl += (size_t)wn_utf8_encode(lc, w + wl);
            }
        } else if (in_word) {
            in_word = 0;
            words++;
            if (!too_long) {
                /* Greek final sigma: lowercasing per character gives σ */
                if (wl >= 2 && (unsigned char)w[wl - 2] == 0xCF &&
                    (unsigned char)w[wl - 1] == 0x83)
                    w[wl - 1] = (char)0x82;
                uint64_t id, m = wn_stopword_mask(w, wl, &id);
                if (m && *nmasks < cap) masks[(*nmasks)++] = m;
                if (id) {
                    double wgt = 1.0 / (double)__builtin_popcountll(id);
                    for (size_t li = 0; li < nlang; li++)
                        if (id & ((uint64_t)1 << li)) sc->lang_score[li] += wgt;
                }
            }
        }
        if (i >= n) break;
        i += (size_t)l;
    }
    b->words = words + cjk / 2;
    b->cjk_chars = cjk;
}

void wn_measure(wn_doc *d)
{
    scan sc;
    memset(&sc, 0, sizeof sc);
    size_t cap = 0;
    for (size_t k = 0; k < d->nblocks; k++)
        if (d->blocks[k].len > cap) cap = d->blocks[k].len;
    /* at most one stopword per two bytes */
    uint64_t *masks = wn_arena_alloc(&d->arena, (cap / 2 + 2) * sizeof *masks);
    uint64_t **all = wn_arena_alloc(&d->arena, (d->nblocks + 1) * sizeof *all);
    size_t *counts = wn_arena_alloc(&d->arena, (d->nblocks + 1) * sizeof *counts);
    size_t nlang = wn_lang_count();

    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *b = &d->blocks[k];
        size_t nm;
        measure_block(b, &sc, masks, &nm, cap / 2 + 2, nlang);
        all[k] = nm ? wn_arena_alloc(&d->arena, nm * sizeof *masks) : NULL;
        if (nm) memcpy(all[k], masks, nm * sizeof *masks);
        counts[k] = nm;
    }

    size_t cjk = sc.han + sc.kana + sc.thai;
    int best = -1;
    if (cjk > sc.letters) {
        d->language = sc.thai > sc.han + sc.kana ? "th" : sc.kana * 10 > cjk ? "ja" : "zh";
    } else {
        double bs = 0;
        for (size_t li = 0; li < nlang; li++)
            if (sc.lang_score[li] > bs) {
                bs = sc.lang_score[li];
                best = (int)li;
            }
        if (best >= 0 && bs >= 2.0) d->language = wn_lang_codes[best];
    }
    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *b = &d->blocks[k];
        if (best < 0) {
            /* no list for this language: punctuation-rich CJK blocks count
             * as prose, others not */
            b->stopwords = b->cjk_chars >= 10 ? b->words * 2 / 5 : 0;
            continue;
        }
        unsigned sw = 0;
        for (size_t j = 0; j < counts[k]; j++)
            if (all[k][j] & ((uint64_t)1 << best)) sw++;
        b->stopwords = sw;
    }
}
