/*
 * stream.c — `winnow dedup --order stream`: clustering in one pass over a
 * window of the last N articles.
 *
 * The batch mode (cluster.c, jsonl.c) sees every record before it decides
 * anything, so it needs a second pass and memory for every article. Here a
 * record is compared only with the N articles (with words) before it, and
 * a cluster is final — written — when its newest member has N articles
 * after it: nothing can join it any more. That gives one pass, no spool,
 * and memory bounded by what is held: the window's records (line, summary,
 * signature, keys) plus the older members of clusters that still have a
 * member in the window. The price: a copy arriving more than N articles
 * after the last member of its story starts a new cluster.
 *
 * Index. A hash map from key to a doubly linked list of nodes (newest
 * first), one node per (key, record in the window): the record's
 * fingerprint, its LSH band keys, its lead key and its anchor keys (the
 * same keys the batch mode sorts; each kind salted so kinds never meet).
 * A record leaving the window unlinks its nodes, so the index never holds
 * more than N records' keys. Hash buckets rather than the batch mode's
 * sorted runs because the set changes with every record; a new record
 * looks at most SMALL_RUN of the newest records under each key (the batch
 * mode's bound on long runs of shared boilerplate), so work per record is
 * bounded too.
 *
 * Clusters. A new record first looks for an exact copy (its fingerprint):
 * found, it joins that record's cluster and needs no other comparison
 * (the copy already met everything in the window). Otherwise every
 * candidate not yet in its cluster is verified with wn_dedup_verify (the
 * batch mode's test) and the verified pairs are joined by union-find over
 * the held records; the root keeps the member list, the count and the
 * newest member's number. A final cluster of two or more goes through a
 * small wn_dedup_store (reset, add_summary, finish_component): the same
 * canonical choice and the same chain splitting as the batch mode, on the
 * summaries already computed. A written cluster is gone: a later copy
 * starts a new one (its id is still the fingerprint of its canonical, so a
 * late copy of an exact text gets the same id).
 *
 * Output order: clusters in the order they become final, each cluster's
 * records together in input order; texts without words are final at once.
 */
#include "dedup.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define SMALL_RUN 16
#define SALT_FP 0x9e3779b97f4a7c15ull
#define SALT_LEAD 0xc2b2ae3d27d4eb4full
#define SALT_ANCHOR 0x165667b19e3779f9ull

typedef struct item {
    uint64_t seq;   /* article number (articles with words) */
    uint64_t last;  /* root: number of the newest member */
    char *data;     /* payload, then source, publisher, republisher, date */
    size_t len;     /* payload bytes */
    size_t o_pub, o_repub, o_date; /* offsets into data, 0: absent */
    size_t o_src;
    uint64_t line_hash;
    wn_text_summary sum;
    uint32_t *sig;   /* hashes values, allocated with the slot */
    uint32_t *nodes; /* index nodes of the record, nkeys of them */
    uint32_t nkeys;
    uint32_t uf;     /* union-find parent */
    uint32_t next;   /* member list; free list when unused */
    uint32_t tail, count; /* root: last member of the list, members */
    int tag;
} item;

typedef struct node {
    uint64_t key;
    uint32_t item, prev, next;
} node;

typedef struct slot {
    uint64_t key; /* 0: empty */
    uint32_t head;
} slot;

struct wn_dedup_window {
    wn_dedup_params p;
    size_t window;
    wn_dedup_emit emit;
    void *ctx;
    wn_minhash *mh;
    wn_arena scratch;
    wn_dedup_store *store; /* canonical choice of a final cluster */
    item *it;
    size_t nit, itcap;
    uint32_t free_it;
    node *nd;
    size_t nnd, ndcap;
    uint32_t free_nd;
    slot *map;
    size_t mapcap, mapn;
    uint32_t *ring; /* the window: item indices, oldest at ring[head] */
    size_t head, count;
    uint64_t seq;
    uint32_t *mem;  /* scratch: members of a final cluster */
    size_t memcap;
    size_t held, max_held;
};


wn_dedup_window *wn_dedup_window_new(const wn_dedup_params *p, size_t window, wn_dedup_emit emit,
                                     void *ctx)
{
    if (wn_dedup_params_check(p) || window < 1 || window > (NONE >> 2)) return NULL;
    wn_dedup_window *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->p = *p;
    w->window = window;
    w->emit = emit;
    w->ctx = ctx;
    w->free_it = w->free_nd = NONE;
    w->mh = wn_minhash_new(p);
    w->store = wn_dedup_new(p);
    w->ring = malloc(window * sizeof *w->ring);
    if (!w->mh || !w->store || !w->ring) {
        wn_dedup_window_free(w);
        return NULL;
    }
    wn_arena_init(&w->scratch);
    return w;
}

void wn_dedup_window_free(wn_dedup_window *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->nit; i++) {
        free(w->it[i].data);
        free(w->it[i].sig);
        free(w->it[i].nodes);
    }
    free(w->it);
    free(w->nd);
    free(w->map);
    free(w->ring);
    free(w->mem);
    wn_minhash_free(w->mh);
    wn_dedup_free(w->store);
    wn_arena_release(&w->scratch);
    free(w);
}

size_t wn_dedup_window_max_held(const wn_dedup_window *w) { return w->max_held; }

/* ---- the key index ---------------------------------------------------- */

static size_t home(const wn_dedup_window *w, uint64_t key)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 17) & (w->mapcap - 1);
}

static slot *map_find(wn_dedup_window *w, uint64_t key)
{
    if (!w->mapcap) return NULL;
    for (size_t h = home(w, key);; h = (h + 1) & (w->mapcap - 1)) {
        if (!w->map[h].key) return NULL;
        if (w->map[h].key == key) return &w->map[h];
    }
}

static slot *map_insert(wn_dedup_window *w, uint64_t key)
{
    if ((w->mapn + 1) * 2 > w->mapcap) {
        size_t oc = w->mapcap, nc = oc ? oc * 2 : 4096;
        slot *old = w->map;
        w->map = calloc(nc, sizeof *w->map);
        if (!w->map) wn_oom();
        w->mapcap = nc;
        for (size_t i = 0; i < oc; i++)
            if (old[i].key) {
                size_t h = home(w, old[i].key);
                while (w->map[h].key) h = (h + 1) & (nc - 1);
                w->map[h] = old[i];
            }
        free(old);
    }
    size_t h = home(w, key);
    while (w->map[h].key) h = (h + 1) & (w->mapcap - 1);
    w->map[h].key = key;
    w->map[h].head = NONE;
    w->mapn++;
    return &w->map[h];
}

/* Linear probing deletion without tombstones: later entries of the probe
 * run move back into the hole when their home allows it. */
static void map_delete(wn_dedup_window *w, slot *s)
{
    size_t mask = w->mapcap - 1, i = (size_t)(s - w->map), j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!w->map[j].key) break;
        size_t k = home(w, w->map[j].key);
        if (i <= j ? (i < k && k <= j) : (i < k || k <= j)) continue;
        w->map[i] = w->map[j];
        i = j;
    }
    w->map[i].key = 0;
    w->mapn--;
}

static uint32_t node_add(wn_dedup_window *w, uint64_t key, uint32_t idx)
{
    uint32_t n;
    if (w->free_nd != NONE) {
        n = w->free_nd;
        w->free_nd = w->nd[n].next;
    } else {
        if (w->nnd == w->ndcap) {
            w->ndcap = w->ndcap ? w->ndcap * 2 : 4096;
            w->nd = wn_xrealloc(w->nd, w->ndcap * sizeof *w->nd);
        }
        n = (uint32_t)w->nnd++;
    }
    slot *s = map_find(w, key);
    if (!s) s = map_insert(w, key);
    node *x = &w->nd[n];
    x->key = key;
    x->item = idx;
    x->prev = NONE;
    x->next = s->head;
    if (s->head != NONE) w->nd[s->head].prev = n;
    s->head = n;
    return n;
}

static void node_remove(wn_dedup_window *w, uint32_t n)
{
    node *x = &w->nd[n];
    if (x->next != NONE) w->nd[x->next].prev = x->prev;
    if (x->prev != NONE) {
        w->nd[x->prev].next = x->next;
    } else {
        slot *s = map_find(w, x->key);
        if (s) {
            s->head = x->next;
            if (s->head == NONE) map_delete(w, s);
        }
    }
    x->next = w->free_nd;
    w->free_nd = n;
}

/* The keys of a record: fingerprint first. */
static size_t keys_of(const wn_dedup_window *w, const item *x, uint64_t *k)
{
    size_t n = 0;
    if (!x->sum.words) return 0;
    k[n++] = x->sum.fp ^ SALT_FP;
    if (!x->sum.has_sig) return n;
    for (unsigned b = 0; b < w->p.bands; b++) k[n++] = wn_minhash_band(&w->p, x->sig, b);
    if (x->sum.lead) k[n++] = x->sum.lead ^ SALT_LEAD;
    for (unsigned a = 0; a < WN_DEDUP_ANCHORS && x->sum.anchors[a]; a++)
        k[n++] = x->sum.anchors[a] ^ SALT_ANCHOR;
    return n;
}

/* ---- union-find over held records ------------------------------------- */

static uint32_t find(item *it, uint32_t i)
{
    while (it[i].uf != i) {
        it[i].uf = it[it[i].uf].uf;
        i = it[i].uf;
    }
    return i;
}

static void unite(item *it, uint32_t a, uint32_t b)
{
    a = find(it, a);
    b = find(it, b);
    if (a == b) return;
    if (it[a].count < it[b].count) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    it[b].uf = a;
    it[it[a].tail].next = b; /* b is the head of its own list */
    it[a].tail = it[b].tail;
    it[a].count += it[b].count;
    if (it[b].last > it[a].last) it[a].last = it[b].last;
}

static void view_of(const item *x, wn_dedup_view *v)
{
    v->fp = x->sum.fp;
    v->nums[0] = x->sum.nums[0];
    v->nums[1] = x->sum.nums[1];
    v->words = x->sum.words;
    v->shingles = x->sum.shingles;
    v->sig = x->sum.has_sig ? x->sig : NULL;
}

/* ---- writing a final cluster ------------------------------------------ */

static void release(wn_dedup_window *w, uint32_t i)
{
    item *x = &w->it[i];
    free(x->data);
    x->data = NULL;
    x->next = w->free_it;
    w->free_it = i;
    w->held--;
}

static void in_of(const item *x, wn_dedup_in *in)
{
    memset(in, 0, sizeof *in);
    in->source = x->data + x->o_src;
    in->publisher = x->o_pub ? x->data + x->o_pub : NULL;
    in->republisher = x->o_repub ? x->data + x->o_repub : NULL;
    in->date_published = x->o_date ? x->data + x->o_date : NULL;
    in->line_hash = x->line_hash;
}

static void write_single(wn_dedup_window *w, uint32_t i)
{
    const item *x = &w->it[i];
    wn_dedup_out o;
    memset(&o, 0, sizeof o);
    o.cluster = x->sum.words ? x->sum.fp : x->line_hash;
    o.canonical = 1;
    o.reason = WN_CANON_SINGLE;
    w->emit(w->ctx, x->data, x->len, x->tag, &o);
    release(w, i);
}

static void write_cluster(wn_dedup_window *w, uint32_t root)
{
    item *it = w->it;
    size_t n = it[root].count;
    if (n == 1) {
        write_single(w, root);
        return;
    }
    if (n > w->memcap) {
        w->memcap = n * 2;
        w->mem = wn_xrealloc(w->mem, w->memcap * sizeof *w->mem);
    }
    /* the root heads its member list (unite appends the other list);
     * the list is in join order: sort by number for input order */
    size_t k = 0;
    for (uint32_t m = root; m != NONE && k < n; m = it[m].next) w->mem[k++] = m;
    for (size_t a = 1; a < k; a++) {
        uint32_t v = w->mem[a];
        size_t b = a;
        while (b > 0 && it[w->mem[b - 1]].seq > it[v].seq) {
            w->mem[b] = w->mem[b - 1];
            b--;
        }
        w->mem[b] = v;
    }
    wn_dedup_reset(w->store);
    for (size_t a = 0; a < k; a++) {
        const item *x = &it[w->mem[a]];
        wn_dedup_in in;
        in_of(x, &in);
        wn_dedup_add_summary(w->store, &in, &x->sum, x->sum.has_sig ? x->sig : NULL);
    }
    wn_dedup_finish_component(w->store);
    for (size_t a = 0; a < k; a++) {
        wn_dedup_out o;
        wn_dedup_result(w->store, a, &o);
        const item *x = &it[w->mem[a]];
        w->emit(w->ctx, x->data, x->len, x->tag, &o);
    }
    for (size_t a = 0; a < k; a++) release(w, w->mem[a]);
}

/* The oldest record leaves the window: its keys go; its cluster is final
 * when it was the cluster's newest member. */
static void evict(wn_dedup_window *w)
{
    uint32_t i = w->ring[w->head];
    w->head = (w->head + 1) % w->window;
    w->count--;
    item *x = &w->it[i];
    for (uint32_t k = 0; k < x->nkeys; k++) node_remove(w, x->nodes[k]);
    x->nkeys = 0;
    uint32_t r = find(w->it, i);
    if (w->it[r].last == w->it[i].seq) write_cluster(w, r);
}

/* ---- adding ----------------------------------------------------------- */

static size_t put_str(char *d, size_t off, const char *s)
{
    size_t l = strlen(s);
    memcpy(d + off, s, l + 1);
    return off + l + 1;
}

void wn_dedup_window_add(wn_dedup_window *w, const wn_dedup_in *in, const char *payload,
                         size_t len, int tag, const wn_text_summary **sum_out,
                         const uint32_t **sig_out)
{
    uint32_t i;
    if (w->free_it != NONE) {
        i = w->free_it;
        w->free_it = w->it[i].next;
    } else {
        if (w->nit >= NONE - 1) wn_oom();
        if (w->nit == w->itcap) {
            w->itcap = w->itcap ? w->itcap * 2 : 1024;
            w->it = wn_xrealloc(w->it, w->itcap * sizeof *w->it);
        }
        i = (uint32_t)w->nit++;
        memset(&w->it[i], 0, sizeof w->it[i]);
        w->it[i].sig = malloc(w->p.hashes * sizeof *w->it[i].sig);
        w->it[i].nodes = malloc((w->p.bands + 2 + WN_DEDUP_ANCHORS) * sizeof *w->it[i].nodes);
        if (!w->it[i].sig || !w->it[i].nodes) wn_oom();
    }
    item *x = &w->it[i];
    wn_minhash_text(w->mh, &w->scratch, in->text, in->text_len, &x->sum, x->sig);
    wn_arena_release(&w->scratch);
    if (sum_out) *sum_out = &x->sum;
    if (sig_out) *sig_out = x->sum.has_sig ? x->sig : NULL;

    const char *src = in->source ? in->source : "";
    size_t need = len + 1 + strlen(src) + 1 + (in->publisher ? strlen(in->publisher) + 1 : 0) +
                  (in->republisher ? strlen(in->republisher) + 1 : 0) +
                  (in->date_published ? strlen(in->date_published) + 1 : 0);
    x->data = malloc(need);
    if (!x->data) wn_oom();
    if (len) memcpy(x->data, payload, len);
    x->data[len] = 0;
    x->len = len;
    x->o_src = len + 1;
    size_t off = put_str(x->data, x->o_src, src);
    x->o_pub = x->o_repub = x->o_date = 0;
    if (in->publisher) x->o_pub = off, off = put_str(x->data, off, in->publisher);
    if (in->republisher) x->o_repub = off, off = put_str(x->data, off, in->republisher);
    if (in->date_published) x->o_date = off, off = put_str(x->data, off, in->date_published);
    x->line_hash = in->line_hash;
    x->tag = tag;
    x->uf = i;
    x->next = NONE;
    x->tail = i;
    x->count = 1;
    x->nkeys = 0;
    w->held++;
    if (w->held > w->max_held) w->max_held = w->held;
    if (!x->sum.words) { /* never a duplicate: final now */
        x->seq = x->last = w->seq;
        write_single(w, i);
        return;
    }
    x->seq = x->last = ++w->seq;

    uint64_t keys[WN_DEDUP_MAX_HASHES + 2 + WN_DEDUP_ANCHORS];
    size_t nk = keys_of(w, x, keys);
    wn_dedup_view vx, vc;
    view_of(x, &vx);
    int exact = 0;
    slot *s = map_find(w, keys[0]);
    for (uint32_t n = s ? s->head : NONE, seen = 0; n != NONE && seen < SMALL_RUN;
         n = w->nd[n].next, seen++) {
        uint32_t c = w->nd[n].item;
        if (w->it[c].sum.fp == x->sum.fp) {
            unite(w->it, i, c);
            exact = 1;
            break;
        }
    }
    for (size_t k = 1; !exact && k < nk; k++) {
        s = map_find(w, keys[k]);
        for (uint32_t n = s ? s->head : NONE, seen = 0; n != NONE && seen < SMALL_RUN;
             n = w->nd[n].next, seen++) {
            uint32_t c = w->nd[n].item;
            if (find(w->it, c) == find(w->it, i)) continue;
            double sim;
            view_of(&w->it[c], &vc);
            if (wn_dedup_verify(&w->p, &vx, &vc, &sim) != WN_DUP_NONE) unite(w->it, i, c);
        }
    }
    x = &w->it[i];
    for (size_t k = 0; k < nk; k++) x->nodes[x->nkeys++] = node_add(w, keys[k], i);
    uint32_t r = find(w->it, i);
    if (w->it[r].last < x->seq) w->it[r].last = x->seq;

    /* compared with the N before it; now the oldest of those leaves */
    if (w->count == w->window) evict(w);
    w->ring[(w->head + w->count) % w->window] = i;
    w->count++;
}

void wn_dedup_window_flush(wn_dedup_window *w)
{
    while (w->count) evict(w);
}
