/*
 * cluster.c — records into stories: candidates, verification, union-find,
 * and the choice of the original.
 *
 * Store. Per record only what clustering and the canonical choice need:
 * the fingerprint, lead key, word and shingle counts, a date key, interned
 * publisher and republisher, the source string (duplicate_of names it) and
 * a signature slot. Exact duplicates share one signature slot (a table
 * from fingerprint to the first record with it), so a feed of identical
 * copies costs a record each, not a signature each. Bytes per record:
 * sizeof(rec) (72) + hashes * 4 (448 by default; first copy of a text
 * only) + the source string + 8 to 16 in the fingerprint table, and the
 * driver's one byte per line: about 530 + the source's length.
 *
 * Candidates. Only the first record of each exact text takes part. For
 * each LSH band in turn (and then for the lead key) an array of (key,
 * record) is sorted and runs of equal keys give candidate pairs: one band
 * in memory at a time, deterministic, no hash-table buckets. A run of up
 * to 16 records is verified pair by pair; a longer one (shared
 * boilerplate, a story syndicated hundreds of times) pairs each record
 * with the run's first and with its predecessor, which keeps the work
 * linear and still connects a run of copies.
 *
 * Verification, for a pair (S shorter by shingle count, L longer), from
 * the two signatures alone (wn_sig_compare counts the slots where they are
 * equal, where S holds the smaller minimum, where L does):
 *   near       equal slots / hashes >= near (estimated Jaccard);
 *   contained  equal / (equal + S-smaller) >= contain: in a slot where S
 *              holds the minimum of the union, that minimum is a shingle of
 *              S, and it is shared exactly when the slots are equal; so the
 *              ratio estimates |S ∩ L| / |S| without the texts. Needs at
 *              least 4 such slots (S not tiny next to L); reported when S
 *              has under 80% of L's shingles or the Jaccard is too low for
 *              near.
 *
 * Clusters. Verified pairs are joined by union-find. Union-find alone
 * chains: A~B and B~C joins A and C even when they share nothing. So each
 * component is then split around its canonical: the canonical is chosen,
 * every member is verified against it (exact fingerprint, near or
 * contained), and the members that fail form the next round, which picks
 * its own canonical (at most 16 rounds; what is left then stays alone).
 *
 * Canonical (the original publication when the evidence says so), by this
 * order: a record whose publisher another member names as the original
 * (that member has a republisher: winnow found a syndication footer or
 * site name saying it reposted the publisher's story) and which is not
 * itself a repost; then the earliest date_published (dated before undated;
 * a date without a time after that day's times); then the longest text (in
 * words); then input order.
 */
#include "dedup.h"

#include "../clean/clean.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define NONE UINT32_MAX
#define SMALL_RUN 16
#define MAX_ROUNDS 16
#define MIN_CONTAIN_SLOTS 4
#define CONTAIN_RATIO 0.8
#define FIGURES_MIN 3 /* figures a text needs before they can tell it apart */

typedef struct rec {
    uint64_t fp, lead;
    uint64_t anchors[WN_DEDUP_ANCHORS];
    uint64_t nums[2];    /* the figures the text holds (a 128-bit set) */
    int64_t date;        /* INT64_MAX: no date */
    size_t source;       /* offset into the pool */
    uint32_t pub, repub; /* interned (offset + 1 into the pool), 0: none */
    uint32_t words, shingles;
    uint32_t sig;        /* signature slot, NONE: no signature */
    uint32_t uf;         /* union-find parent; after finish: canonical */
    uint32_t reason_rec; /* REPUBLISHER: the record naming the publisher */
    uint16_t sim;        /* thousandths of the estimated Jaccard */
    uint8_t kind, reason;
    uint8_t flags;
} rec;

#define F_NOWORDS 1  /* no words: never clustered */
#define F_FIRST 2    /* first record of its exact text */
#define F_EVIDENCE 4 /* scratch: named as publisher by another member */

struct wn_dedup_store {
    wn_dedup_params p;
    wn_minhash *mh;
    rec *r;
    size_t n, cap;
    uint32_t *sigs;
    size_t nsig, sigcap;
    wn_buf pool;         /* sources and folded publisher names */
    uint32_t *fptab;     /* record index + 1, open addressing by fp */
    size_t fpcap;
    uint32_t *itab;      /* interned names: pool offset + 1 */
    size_t icap, ni;
    wn_arena scratch;
    wn_text_summary last;
    int finished;
};

const char *wn_dup_kind_name(wn_dup_kind k)
{
    switch (k) {
    case WN_DUP_EXACT: return "exact";
    case WN_DUP_NEAR: return "near";
    case WN_DUP_CONTAINED: return "contained";
    default: return NULL;
    }
}


wn_dedup_store *wn_dedup_new(const wn_dedup_params *p)
{
    if (wn_dedup_params_check(p)) return NULL;
    wn_dedup_store *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->p = *p;
    d->mh = wn_minhash_new(p);
    if (!d->mh) {
        free(d);
        return NULL;
    }
    wn_buf_init(&d->pool);
    wn_buf_putc(&d->pool, 0); /* offset 0 is the empty string */
    wn_arena_init(&d->scratch);
    return d;
}

void wn_dedup_free(wn_dedup_store *d)
{
    if (!d) return;
    wn_minhash_free(d->mh);
    free(d->r);
    free(d->sigs);
    free(d->fptab);
    free(d->itab);
    wn_buf_free(&d->pool);
    wn_arena_release(&d->scratch);
    free(d);
}

size_t wn_dedup_count(const wn_dedup_store *d) { return d->n; }
const wn_dedup_params *wn_dedup_get_params(const wn_dedup_store *d) { return &d->p; }

size_t wn_dedup_bytes(const wn_dedup_store *d)
{
    return sizeof(rec) + d->p.hashes * sizeof(uint32_t) + 8;
}

static size_t pool_add(wn_dedup_store *d, const char *s, size_t n)
{
    size_t off = d->pool.len;
    wn_buf_append(&d->pool, s, n);
    wn_buf_putc(&d->pool, 0);
    return off;
}

static const char *pool_str(const wn_dedup_store *d, size_t off) { return d->pool.data + off; }

/* Publisher names are compared folded (case, punctuation and spacing
 * ignored): "The Daily Planet" names "the daily planet". */
static uint32_t intern(wn_dedup_store *d, const char *s)
{
    if (!s || !*s) return 0;
    size_t fl;
    char *f = wn_fold(&d->scratch, s, strlen(s), &fl);
    if (!fl) return 0;
    if (d->ni * 2 >= d->icap) {
        size_t nc = d->icap ? d->icap * 2 : 64;
        uint32_t *t = calloc(nc, sizeof *t);
        if (!t) wn_oom();
        for (size_t i = 0; i < d->icap; i++)
            if (d->itab[i]) {
                const char *k = pool_str(d, d->itab[i] - 1);
                size_t h = (size_t)XXH3_64bits(k, strlen(k)) & (nc - 1);
                while (t[h]) h = (h + 1) & (nc - 1);
                t[h] = d->itab[i];
            }
        free(d->itab);
        d->itab = t;
        d->icap = nc;
    }
    size_t h = (size_t)XXH3_64bits(f, fl) & (d->icap - 1);
    while (d->itab[h]) {
        if (strcmp(pool_str(d, d->itab[h] - 1), f) == 0) return d->itab[h];
        h = (h + 1) & (d->icap - 1);
    }
    size_t off = pool_add(d, f, fl);
    if (off + 1 > UINT32_MAX) return 0; /* a 4 GiB pool of names: stop interning */
    d->itab[h] = (uint32_t)(off + 1);
    d->ni++;
    return d->itab[h];
}

/* the first record with fingerprint fp, or NONE; inserts idx when absent */
static uint32_t fp_first(wn_dedup_store *d, uint64_t fp, uint32_t idx)
{
    if ((d->n + 1) * 2 >= d->fpcap) {
        size_t nc = d->fpcap ? d->fpcap * 2 : 1024;
        uint32_t *t = calloc(nc, sizeof *t);
        if (!t) wn_oom();
        for (size_t i = 0; i < d->fpcap; i++)
            if (d->fptab[i]) {
                size_t h = (size_t)d->r[d->fptab[i] - 1].fp & (nc - 1);
                while (t[h]) h = (h + 1) & (nc - 1);
                t[h] = d->fptab[i];
            }
        free(d->fptab);
        d->fptab = t;
        d->fpcap = nc;
    }
    size_t h = (size_t)fp & (d->fpcap - 1);
    while (d->fptab[h]) {
        uint32_t j = d->fptab[h] - 1;
        if (d->r[j].fp == fp) return j;
        h = (h + 1) & (d->fpcap - 1);
    }
    d->fptab[h] = idx + 1;
    return NONE;
}

static const uint32_t *sig_of(const wn_dedup_store *d, const rec *x)
{
    return x->sig == NONE ? NULL : d->sigs + (size_t)x->sig * d->p.hashes;
}

/* Makes room for one more record and its signature; returns the slot. */
static uint32_t *grow(wn_dedup_store *d)
{
    if (d->n >= NONE - 1) { /* 4 billion records: more than the ids can name */
        fputs("winnow: too many records for one dedup run\n", stderr);
        abort();
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->r = wn_xrealloc(d->r, d->cap * sizeof *d->r);
    }
    if (d->nsig == d->sigcap) {
        d->sigcap = d->sigcap ? d->sigcap * 2 : 1024;
        d->sigs = wn_xrealloc(d->sigs, d->sigcap * d->p.hashes * sizeof *d->sigs);
    }
    return d->sigs + d->nsig * d->p.hashes;
}

/* Adds the record whose summary is s and whose signature is already in the
 * slot grow() returned. */
static size_t add_summary(wn_dedup_store *d, const wn_dedup_in *in, const wn_text_summary *s)
{
    uint32_t idx = (uint32_t)d->n;
    rec *x = &d->r[idx];
    memset(x, 0, sizeof *x);
    x->sig = NONE;
    x->uf = idx;
    x->words = s->words;
    x->shingles = s->shingles;
    x->lead = s->lead;
    memcpy(x->anchors, s->anchors, sizeof x->anchors);
    memcpy(x->nums, s->nums, sizeof x->nums);
    if (s->words == 0) {
        x->flags = F_NOWORDS;
        x->fp = in->line_hash;
    } else {
        x->fp = s->fp;
        uint32_t first = fp_first(d, s->fp, idx);
        if (first == NONE) {
            x->flags = F_FIRST;
            if (s->has_sig) x->sig = (uint32_t)d->nsig++;
        } else {
            x->uf = first;
            x->sig = d->r[first].sig;
        }
    }
    if (!in->date_published || !wn_dedup_date_key(in->date_published, &x->date))
        x->date = INT64_MAX;
    x->source = pool_add(d, in->source ? in->source : "", in->source ? strlen(in->source) : 0);
    x->pub = intern(d, in->publisher);
    x->repub = intern(d, in->republisher);
    d->n++;
    wn_arena_release(&d->scratch);
    return idx;
}

size_t wn_dedup_add(wn_dedup_store *d, const wn_dedup_in *in, const wn_text_summary **sum_out,
                    const uint32_t **sig_out)
{
    uint32_t *sig = grow(d);
    wn_text_summary *s = &d->last;
    wn_minhash_text(d->mh, &d->scratch, in->text, in->text_len, s, sig);
    size_t idx = add_summary(d, in, s);
    if (sum_out) *sum_out = s;
    if (sig_out) *sig_out = sig_of(d, &d->r[idx]);
    return idx;
}

size_t wn_dedup_add_summary(wn_dedup_store *d, const wn_dedup_in *in, const wn_text_summary *s,
                            const uint32_t *sig)
{
    uint32_t *slot = grow(d);
    if (s->has_sig && sig) memcpy(slot, sig, d->p.hashes * sizeof *slot);
    wn_text_summary t = *s;
    if (!sig) t.has_sig = 0;
    return add_summary(d, in, &t);
}

void wn_dedup_reset(wn_dedup_store *d)
{
    d->n = 0;
    d->nsig = 0;
    if (d->fptab) memset(d->fptab, 0, d->fpcap * sizeof *d->fptab);
    if (d->itab) memset(d->itab, 0, d->icap * sizeof *d->itab);
    d->ni = 0;
    d->pool.len = 1; /* offset 0 stays the empty string */
    d->finished = 0;
}

/* ---- union-find ------------------------------------------------------- */

static uint32_t find(rec *r, uint32_t i)
{
    while (r[i].uf != i) {
        r[i].uf = r[r[i].uf].uf;
        i = r[i].uf;
    }
    return i;
}

static void unite(rec *r, uint32_t a, uint32_t b)
{
    a = find(r, a);
    b = find(r, b);
    if (a == b) return;
    if (a < b) r[b].uf = a; /* smaller index as root: deterministic */
    else r[a].uf = b;
}

/* ---- verification ----------------------------------------------------- */

wn_dup_kind wn_dedup_verify(const wn_dedup_params *p, const wn_dedup_view *a,
                            const wn_dedup_view *b, double *sim)
{
    *sim = 0;
    if (!a->words || !b->words) return WN_DUP_NONE;
    if (a->fp == b->fp) {
        *sim = 1;
        return WN_DUP_EXACT;
    }
    const uint32_t *sa = a->sig, *sb = b->sig;
    if (!sa || !sb) return WN_DUP_NONE;
    wn_sig_cmp c;
    wn_sig_compare(sa, sb, p->hashes, &c);
    double J = (double)c.eq / p->hashes;
    *sim = J;
    int a_short = a->shingles < b->shingles || (a->shingles == b->shingles && a->words <= b->words);
    unsigned s_lt = a_short ? c.a_lt : c.b_lt;
    const wn_dedup_view *S = a_short ? a : b, *L = a_short ? b : a;
    /* Wire templates (results, earnings, road closures) tell different
     * stories in the same words: the figures differ. A copy keeps the
     * figures of the part it copies, so when the shorter text holds a few
     * and most of them are not in the longer one, the two are not one
     * story. */
    int sn = __builtin_popcountll(S->nums[0]) + __builtin_popcountll(S->nums[1]);
    int both = __builtin_popcountll(S->nums[0] & L->nums[0]) +
               __builtin_popcountll(S->nums[1] & L->nums[1]);
    if (sn >= FIGURES_MIN && both * 2 < sn) return WN_DUP_NONE;
    int near = J >= p->near;
    int cont = c.eq + s_lt >= MIN_CONTAIN_SLOTS && c.eq >= p->contain * (c.eq + s_lt);
    if (cont && ((double)S->shingles < CONTAIN_RATIO * L->shingles || !near))
        return WN_DUP_CONTAINED;
    return near ? WN_DUP_NEAR : WN_DUP_NONE;
}

static void view_of(const wn_dedup_store *d, const rec *x, wn_dedup_view *v)
{
    v->fp = x->fp;
    v->nums[0] = x->nums[0];
    v->nums[1] = x->nums[1];
    v->words = (x->flags & F_NOWORDS) ? 0 : x->words;
    v->shingles = x->shingles;
    v->sig = sig_of(d, x);
}

void wn_dedup_view_at(const wn_dedup_store *d, size_t i, wn_dedup_view *v)
{
    view_of(d, &d->r[i], v);
}

void wn_dedup_summary_at(const wn_dedup_store *d, size_t i, wn_text_summary *s,
                         const uint32_t **sig)
{
    const rec *x = &d->r[i];
    memset(s, 0, sizeof *s);
    s->fp = x->fp;
    s->lead = x->lead;
    memcpy(s->anchors, x->anchors, sizeof s->anchors);
    memcpy(s->nums, x->nums, sizeof s->nums);
    s->words = (x->flags & F_NOWORDS) ? 0 : x->words;
    s->shingles = x->shingles;
    *sig = sig_of(d, x);
    s->has_sig = *sig != NULL;
}

static wn_dup_kind related(const wn_dedup_store *d, uint32_t i, uint32_t j, double *sim)
{
    wn_dedup_view a, b;
    view_of(d, &d->r[i], &a);
    view_of(d, &d->r[j], &b);
    return wn_dedup_verify(&d->p, &a, &b, sim);
}

/* ---- candidates ------------------------------------------------------- */

typedef struct keyed {
    uint64_t key;
    uint32_t idx;
} keyed;

static int cmp_keyed(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void try_pair(wn_dedup_store *d, uint32_t i, uint32_t j)
{
    if (find(d->r, i) == find(d->r, j)) return;
    double sim;
    if (related(d, i, j, &sim) != WN_DUP_NONE) unite(d->r, i, j);
}

static void runs(wn_dedup_store *d, keyed *k, size_t n)
{
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t s = 0; s < n;) {
        size_t e = s + 1;
        while (e < n && k[e].key == k[s].key) e++;
        if (e - s <= SMALL_RUN) {
            for (size_t x = s; x < e; x++)
                for (size_t y = x + 1; y < e; y++) try_pair(d, k[x].idx, k[y].idx);
        } else {
            for (size_t x = s + 1; x < e; x++) {
                try_pair(d, k[s].idx, k[x].idx);
                try_pair(d, k[x - 1].idx, k[x].idx);
            }
        }
        s = e;
    }
}

/* ---- canonical -------------------------------------------------------- */

/* < 0 when record a is the better canonical */
static int better(const rec *r, uint32_t a, uint32_t b)
{
    const rec *x = &r[a], *y = &r[b];
    int ex = !!(x->flags & F_EVIDENCE), ey = !!(y->flags & F_EVIDENCE);
    if (ex != ey) return ey - ex;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    if (x->words != y->words) return x->words > y->words ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Marks F_EVIDENCE on the members of m[0..n) whose publisher another member
 * (a repost) names; names is scratch of n entries. Returns for each marked
 * record the first naming member in r[].reason_rec. */
static void mark_evidence(rec *r, const uint32_t *m, size_t n, uint32_t *names)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        r[m[i]].flags &= (uint8_t)~F_EVIDENCE;
        if (r[m[i]].repub && r[m[i]].pub && r[m[i]].repub != r[m[i]].pub) names[k++] = r[m[i]].pub;
    }
    if (!k) return;
    qsort(names, k, sizeof *names, cmp_u32);
    for (size_t i = 0; i < n; i++) {
        rec *x = &r[m[i]];
        if (x->repub || !x->pub || !bsearch(&x->pub, names, k, sizeof *names, cmp_u32)) continue;
        x->flags |= F_EVIDENCE;
        for (size_t j = 0; j < n; j++)
            if (r[m[j]].repub && r[m[j]].pub == x->pub && r[m[j]].repub != x->pub) {
                x->reason_rec = m[j];
                break;
            }
    }
}

/* The canonical's reason: the first criterion on which it beats the best
 * of the other members of its cluster. */
static wn_canon_reason reason_of(const rec *r, uint32_t c, uint32_t runner)
{
    const rec *x = &r[c], *y = &r[runner];
    if (x->flags & F_EVIDENCE) return WN_CANON_REPUBLISHER;
    if (x->date != y->date) return WN_CANON_DATE;
    if (x->words != y->words) return WN_CANON_LENGTH;
    return WN_CANON_ORDER;
}

static void settle(wn_dedup_store *d, uint32_t *m, size_t n, uint32_t *scratch)
{
    rec *r = d->r;
    for (int round = 0; n && round < MAX_ROUNDS; round++) {
        mark_evidence(r, m, n, scratch);
        uint32_t c = m[0];
        for (size_t i = 1; i < n; i++)
            if (better(r, m[i], c) < 0) c = m[i];
        size_t left = 0;
        uint32_t runner = NONE;
        for (size_t i = 0; i < n; i++) {
            uint32_t x = m[i];
            if (x == c) continue;
            double sim;
            wn_dup_kind k = related(d, x, c, &sim);
            if (k == WN_DUP_NONE) {
                m[left++] = x;
                continue;
            }
            r[x].uf = c;
            r[x].kind = (uint8_t)k;
            r[x].sim = (uint16_t)(sim * 1000 + 0.5);
            if (runner == NONE || better(r, x, runner) < 0) runner = x;
        }
        r[c].uf = c;
        r[c].kind = WN_DUP_NONE;
        r[c].reason = (uint8_t)(runner == NONE ? WN_CANON_SINGLE : reason_of(r, c, runner));
        n = left;
    }
    for (size_t i = 0; i < n; i++) { /* rounds exhausted: alone */
        r[m[i]].uf = m[i];
        r[m[i]].kind = WN_DUP_NONE;
        r[m[i]].reason = WN_CANON_SINGLE;
    }
}

static void components(wn_dedup_store *d);

void wn_dedup_finish_component(wn_dedup_store *d)
{
    if (d->finished) return;
    d->finished = 1;
    for (size_t i = 0; i < d->n; i++) d->r[i].uf = 0;
    components(d);
}

void wn_dedup_finish(wn_dedup_store *d)
{
    if (d->finished) return;
    d->finished = 1;
    rec *r = d->r;
    size_t n = d->n;
    /* exact copies already point at their first record (uf) */
    size_t nk = 0;
    for (size_t i = 0; i < n; i++)
        if ((r[i].flags & F_FIRST) && r[i].sig != NONE) nk++;
    keyed *k = malloc((nk ? nk : 1) * WN_DEDUP_ANCHORS * sizeof *k);
    if (!k) wn_oom();
    for (unsigned b = 0; b <= d->p.bands; b++) { /* the last round: lead keys */
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (!(r[i].flags & F_FIRST) || r[i].sig == NONE) continue;
            k[m].key = b < d->p.bands ? wn_minhash_band(&d->p, sig_of(d, &r[i]), b) : r[i].lead;
            k[m++].idx = (uint32_t)i;
        }
        runs(d, k, m);
    }
    /* and one round of anchors, all of a record's in one table: a copy
     * that lost its first paragraph meets the original on a later anchor */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(r[i].flags & F_FIRST) || r[i].sig == NONE) continue;
        for (unsigned a = 0; a < WN_DEDUP_ANCHORS && r[i].anchors[a]; a++) {
            k[m].key = r[i].anchors[a];
            k[m++].idx = (uint32_t)i;
        }
    }
    runs(d, k, m);
    free(k);
    components(d);
}

/* Splits every union-find component around its canonical (settle). */
static void components(wn_dedup_store *d)
{
    rec *r = d->r;
    size_t n = d->n;
    /* components, members in input order (counting sort by root) */
    uint32_t *start = calloc(n + 1, sizeof *start);
    uint32_t *mem = malloc((n ? n : 1) * sizeof *mem);
    uint32_t *scratch = malloc((n ? n : 1) * sizeof *scratch);
    uint32_t *root = malloc((n ? n : 1) * sizeof *root);
    if (!start || !mem || !scratch || !root) wn_oom();
    for (size_t i = 0; i < n; i++) {
        root[i] = find(r, (uint32_t)i);
        start[root[i] + 1]++;
    }
    for (size_t i = 0; i < n; i++) start[i + 1] += start[i];
    memset(scratch, 0, n * sizeof *scratch);
    for (size_t i = 0; i < n; i++) mem[start[root[i]] + scratch[root[i]]++] = (uint32_t)i;
    for (size_t i = 0; i < n; i++) {
        size_t cnt = start[i + 1] - start[i];
        if (!cnt) continue;
        settle(d, mem + start[i], cnt, scratch);
    }
    free(start);
    free(mem);
    free(scratch);
    free(root);
}

void wn_dedup_result(const wn_dedup_store *d, size_t i, wn_dedup_out *o)
{
    const rec *x = &d->r[i], *c = &d->r[x->uf];
    memset(o, 0, sizeof *o);
    o->cluster = c->fp;
    o->canonical = x->uf == i;
    if (!o->canonical) {
        o->duplicate_of = pool_str(d, c->source);
        o->similarity = x->sim / 1000.0;
        o->kind = (wn_dup_kind)x->kind;
    } else {
        o->reason = (wn_canon_reason)x->reason;
        if (o->reason == WN_CANON_REPUBLISHER)
            o->reason_source = pool_str(d, d->r[x->reason_rec].source);
    }
}

/* ---- dates ------------------------------------------------------------ */

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* days since 1970-01-01 of a proleptic Gregorian date */
static int64_t days_from_civil(int y, int m, int dd)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int wn_dedup_date_key(const char *s, int64_t *key)
{
    int y, mo, da, hh = 0, mi = 0, ss = 0;
    size_t n = strlen(s);
    if (n < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &da) || mo < 1 || mo > 12 || da < 1 || da > 31)
        return 0;
    int64_t day = days_from_civil(y, mo, da);
    if (n == 10 || (s[10] != 'T' && s[10] != ' ')) {
        *key = (day * 86400 + 86399) * 2 + 1; /* after every time of that day */
        return 1;
    }
    const char *t = s + 11;
    if (strlen(t) < 5 || !digits(t, 2, &hh) || t[2] != ':' || !digits(t + 3, 2, &mi) || hh > 24 ||
        mi > 59)
        return 0;
    t += 5;
    if (t[0] == ':' && digits(t + 1, 2, &ss)) t += 3;
    if (*t == '.')
        while (*++t >= '0' && *t <= '9') {
        }
    int64_t off = 0;
    if (*t == '+' || *t == '-') {
        int oh, om = 0;
        if (!digits(t + 1, 2, &oh)) return 0;
        const char *q = t + 3;
        if (*q == ':') q++;
        if (digits(q, 2, &om)) q += 2;
        off = (oh * 60 + om) * 60 * (*t == '-' ? -1 : 1);
    }
    *key = (day * 86400 + hh * 3600 + mi * 60 + ss - off) * 2;
    return 1;
}
