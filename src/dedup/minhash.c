/*
 * minhash.c — what a text is reduced to for clustering: a fingerprint, a
 * lead key and a MinHash signature.
 *
 * Tokens are the words the rest of winnow counts (runs of \w, Unicode
 * aware), lowercased: the folded form of src/clean/dedup.c, so case,
 * punctuation, quotes and line wrapping never make two copies differ.
 *   - fingerprint: xxh3 of the folded text; equal fingerprints are exact
 *     duplicates (and the cluster id is the canonical's fingerprint).
 *   - shingles: every run of `shingle` consecutive words (5 by default:
 *     long enough that unrelated stories rarely share one, short enough
 *     that one edited word changes only 5 of them), hashed by xxh3 over the
 *     words' own 64-bit hashes (their count is kept: it says which of two
 *     texts is the shorter).
 *   - signature: for each of `hashes` hash functions, the minimum over the
 *     shingles. The functions are one hash plus cheap permutations:
 *     h_j(x) = (a_j * x + b_j) >> 32 over 64-bit words with odd a_j
 *     (multiply-add-shift), a_j and b_j drawn from splitmix64 with a fixed
 *     seed, so signatures are identical in every run. Measured on 300
 *     synthetic pairs each at Jaccard 0.14, 0.39 and 0.78: no bias, and the
 *     error is the theoretical sqrt(J(1-J)/112) (0.032, 0.044, 0.038). (A
 *     cheaper variant multiplying the two 32-bit halves by 32-bit constants
 *     had 1.6x that error: its functions are correlated.) The fraction of equal slots
 *     of two signatures estimates the Jaccard similarity of the shingle
 *     sets; 112 slots give a standard error of at most 0.047.
 *   - lead key: xxh3 of the first 20 words. A copy trimmed to its first
 *     paragraphs keeps them, while its Jaccard to the original can be far
 *     too low for LSH bands to bring the two together.
 * Texts under min_words words get a fingerprint only: a headline or a
 * teaser says too little to be called the same story on its words.
 */
#include "dedup.h"

#include "../clean/clean.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

struct wn_minhash {
    wn_dedup_params p;
    uint64_t *a, *b;
};

void wn_dedup_params_default(wn_dedup_params *p)
{
    p->shingle = WN_DEDUP_SHINGLE;
    p->hashes = WN_DEDUP_HASHES;
    p->bands = WN_DEDUP_BANDS;
    p->rows = WN_DEDUP_ROWS;
    p->near = WN_DEDUP_NEAR;
    p->contain = WN_DEDUP_CONTAIN;
    p->min_words = WN_DEDUP_MIN_WORDS;
}

const char *wn_dedup_params_check(const wn_dedup_params *p)
{
    if (p->shingle < 1 || p->shingle > 32) return "shingle size must be 1..32 words";
    if (p->hashes < 1 || p->hashes > WN_DEDUP_MAX_HASHES) return "hashes must be 1..1024";
    if (p->bands < 1 || p->rows < 1 || p->bands * p->rows > p->hashes)
        return "bands x rows must be at least 1 and at most the number of hashes";
    if (!(p->near > 0 && p->near <= 1)) return "near threshold must be in (0, 1]";
    if (!(p->contain > 0 && p->contain <= 1)) return "containment threshold must be in (0, 1]";
    if (p->min_words > 1000000) return "min-words must be at most 1000000";
    return NULL;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

wn_minhash *wn_minhash_new(const wn_dedup_params *p)
{
    wn_minhash *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->p = *p;
    m->a = malloc(p->hashes * sizeof *m->a);
    m->b = malloc(p->hashes * sizeof *m->b);
    if (!m->a || !m->b) {
        wn_minhash_free(m);
        return NULL;
    }
    uint64_t s = 0x77696E6E6F77ull; /* fixed: signatures never depend on the run */
    for (unsigned j = 0; j < p->hashes; j++) {
        m->a[j] = splitmix64(&s) | 1;
        m->b[j] = splitmix64(&s);
    }
    return m;
}

void wn_minhash_free(wn_minhash *m)
{
    if (!m) return;
    free(m->a);
    free(m->b);
    free(m);
}

/* The signature loop, compiled twice (AVX2 and baseline x86-64; the loader
 * picks one for the CPU): the minima of 4 functions per instruction. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static void signature(const uint64_t *restrict A, const uint64_t *restrict B, unsigned H,
                      const uint64_t *wh, size_t ns, size_t w, uint32_t *restrict S)
{
    for (unsigned j = 0; j < H; j++) S[j] = UINT32_MAX;
    for (size_t i = 0; i < ns; i++) {
        uint64_t x = XXH3_64bits(wh + i, w * 8);
        for (unsigned j = 0; j < H; j++) {
            uint32_t h = (uint32_t)((A[j] * x + B[j]) >> 32);
            S[j] = h < S[j] ? h : S[j];
        }
    }
}

void wn_minhash_text(wn_minhash *m, wn_arena *scratch, const char *text, size_t n,
                     wn_text_summary *out, uint32_t *sig)
{
    const wn_dedup_params *p = &m->p;
    size_t flen;
    char *f = wn_fold(scratch, text, n, &flen);
    memset(out, 0, sizeof *out);
    out->fp = XXH3_64bits(f, flen);

    /* word hashes */
    size_t nw = 0;
    for (size_t i = 0; i < flen; i++)
        if (f[i] == ' ') nw++;
    if (flen) nw++;
    out->words = nw > UINT32_MAX ? UINT32_MAX : (uint32_t)nw;
    if (nw < p->min_words || nw == 0) return;
    uint64_t *wh = wn_arena_alloc(scratch, nw * sizeof *wh);
    size_t k = 0, start = 0;
    int digit = 0;
    for (size_t i = 0; i <= flen; i++) {
        if (i == flen || f[i] == ' ') {
            wh[k] = XXH3_64bits(f + start, i - start);
            /* the story's figures: one bit of 128 for each */
            if (digit) out->nums[(wh[k] >> 63) & 1] |= 1ull << ((wh[k] >> 57) & 63);
            k++;
            start = i + 1;
            digit = 0;
        } else if (f[i] >= '0' && f[i] <= '9') {
            digit = 1;
        }
    }
    out->lead = XXH3_64bits(wh, (nw < WN_DEDUP_LEAD_WORDS ? nw : WN_DEDUP_LEAD_WORDS) * 8) | 1;
    /* anchors: runs of words starting where a word's hash has three chosen
     * bits clear (about one word in eight), so they fall on the same words
     * in every copy whatever was added or cut before them */
    size_t na = 0;
    for (size_t i = 0; i < nw && i < WN_DEDUP_ANCHOR_SCAN && na < WN_DEDUP_ANCHORS; i++)
        if (((wh[i] >> 29) & 7) == 0 && i + WN_DEDUP_ANCHOR_WORDS <= nw) {
            out->anchors[na++] = XXH3_64bits(wh + i, WN_DEDUP_ANCHOR_WORDS * 8) | 1;
            i += WN_DEDUP_ANCHOR_WORDS - 1; /* anchors do not overlap */
        }

    /* shingles and signature (a repeated shingle changes no minimum) */
    size_t w = p->shingle < nw ? p->shingle : nw;
    size_t ns = nw - w + 1;
    out->shingles = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
    signature(m->a, m->b, p->hashes, wh, ns, w, sig);
    out->has_sig = 1;
}

uint64_t wn_minhash_band(const wn_dedup_params *p, const uint32_t *sig, unsigned b)
{
    return XXH3_64bits_withSeed(sig + (size_t)b * p->rows, p->rows * sizeof *sig, b + 1);
}

void wn_sig_compare(const uint32_t *a, const uint32_t *b, unsigned m, wn_sig_cmp *c)
{
    unsigned eq = 0, lt = 0, gt = 0;
    for (unsigned j = 0; j < m; j++) {
        eq += a[j] == b[j];
        lt += a[j] < b[j];
        gt += a[j] > b[j];
    }
    c->eq = eq;
    c->a_lt = lt;
    c->b_lt = gt;
}
