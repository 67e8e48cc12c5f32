/*
 * dedup_api.c — the public face of the clustering stage (winnow_dedup_* in
 * winnow.h) over src/dedup/.
 *
 * A winnow_dedup is a wn_dedup_store with the default parameters plus what
 * a caller needs to drive it record by record: line classification as
 * `winnow dedup` does it (so the same lines give the same clusters), the
 * candidate keys of each record, pair verification by index, and a
 * summary format to move records between stores (between processes of a
 * cluster) without their text.
 *
 * Summary format: a fixed header (magic, version, signature length) then
 * the wn_text_summary fields and the signature, in host byte order. It is
 * an exchange format between copies of the same build, not a file format:
 * the magic and the length check reject anything else.
 *
 * Why the keys are enough to reproduce wn_dedup_finish exactly: there the
 * first record of each exact text (by fingerprint) takes part in candidate
 * search and later copies join it; candidate runs are formed per band, for
 * the lead key, and for all anchors together, each run sorted by record
 * index. A copy has the same keys as its first record, so a group of
 * (kind, band, key) holds the first wherever it holds a copy; dropping
 * members whose fingerprint an earlier member has leaves exactly the runs
 * wn_dedup_finish sees. docs/python.md spells the rules out for callers.
 */
#include "lib.h"

#include "../dedup/dedup.h"
#include "../input/input.h"
#include "../output/output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SUMMARY_MAGIC 0x31534e57u /* "WNS1" */
#define MAX_DEPTH 512

struct winnow_dedup {
    wn_dedup_params p;
    wn_dedup_store *s;
    wn_arena a;      /* per-call scratch: the parsed line */
    size_t lines;    /* lines seen by add_json: names records without a source */
    int finished;
};

typedef struct summary_head {
    uint32_t magic, hashes;
    uint64_t fp, lead;
    uint64_t anchors[WN_DEDUP_ANCHORS];
    uint64_t nums[2];
    uint32_t words, shingles;
    uint32_t has_sig, pad;
} summary_head;

winnow_dedup *winnow_dedup_new(void)
{
    winnow_dedup *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    wn_dedup_params_default(&d->p);
    d->s = wn_dedup_new(&d->p);
    if (!d->s) {
        free(d);
        return NULL;
    }
    wn_arena_init(&d->a);
    return d;
}

void winnow_dedup_free(winnow_dedup *d)
{
    if (!d) return;
    wn_dedup_free(d->s);
    wn_arena_release(&d->a);
    free(d);
}

void winnow_dedup_reset(winnow_dedup *d)
{
    if (!d) return;
    wn_dedup_reset(d->s);
    d->lines = 0;
    d->finished = 0;
}

size_t winnow_dedup_count(const winnow_dedup *d) { return d ? wn_dedup_count(d->s) : 0; }

/* A single JSON object filling the line (trailing blanks allowed), or NULL. */
static const wn_json *parse_object(winnow_dedup *d, const char *s, size_t n)
{
    size_t used = 0;
    wn_json_diag dg;
    const wn_json *v = wn_json_parse(&d->a, s, n, MAX_DEPTH, &used, &dg);
    if (!v || v->type != WN_JSON_OBJECT) return NULL;
    for (size_t i = used; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return NULL;
    return v;
}

static const char *str_member(const wn_json *o, const char *k)
{
    const wn_json *v = wn_json_get(o, k);
    return v && v->type == WN_JSON_STRING ? v->str : NULL;
}

static void meta_of(const wn_json *o, wn_dedup_in *in)
{
    in->publisher = str_member(o, "publisher");
    in->republisher = str_member(o, "republisher");
    in->date_published = str_member(o, "date_published");
}

long long winnow_dedup_add_json(winnow_dedup *d, const char *line, size_t len)
{
    if (!d || (!line && len) || d->finished) return -1;
    if (!line) line = "";
    d->lines++;
    long long idx = -1;
    const wn_json *o = parse_object(d, line, len);
    const wn_json *t = o ? wn_json_get(o, "text") : NULL;
    if (o && t && t->type == WN_JSON_STRING && !wn_json_get(o, "error") &&
        !wn_json_get(o, "skipped") && !wn_json_get(o, "skip")) {
        wn_dedup_in in;
        memset(&in, 0, sizeof in);
        in.source = str_member(o, "source");
        if (!in.source) in.source = wn_arena_printf(&d->a, "-#%zu", d->lines);
        meta_of(o, &in);
        in.text = t->str;
        in.text_len = t->len;
        in.line_hash = XXH3_64bits(line, len);
        idx = (long long)wn_dedup_add(d->s, &in, NULL, NULL);
    }
    wn_arena_release(&d->a);
    return idx;
}

/* article i's summary and signature (NULL: none); 0 when d is NULL or i
 * out of range */
static int summary_of(const winnow_dedup *d, size_t i, wn_text_summary *s, const uint32_t **sig)
{
    if (!d || i >= wn_dedup_count(d->s)) return 0;
    wn_dedup_summary_at(d->s, i, s, sig);
    return 1;
}

size_t winnow_dedup_summary(const winnow_dedup *d, size_t i, void *buf, size_t cap)
{
    wn_text_summary s;
    const uint32_t *sig;
    if (!summary_of(d, i, &s, &sig)) return 0;
    size_t need = sizeof(summary_head) + (sig ? d->p.hashes * sizeof(uint32_t) : 0);
    if (!buf || cap < need) return need;
    summary_head h;
    memset(&h, 0, sizeof h);
    h.magic = SUMMARY_MAGIC;
    h.hashes = sig ? d->p.hashes : 0;
    h.fp = s.fp;
    h.lead = s.lead;
    memcpy(h.anchors, s.anchors, sizeof h.anchors);
    memcpy(h.nums, s.nums, sizeof h.nums);
    h.words = s.words;
    h.shingles = s.shingles;
    h.has_sig = sig != NULL;
    memcpy(buf, &h, sizeof h);
    if (sig) memcpy((char *)buf + sizeof h, sig, d->p.hashes * sizeof(uint32_t));
    return need;
}

long long winnow_dedup_add_summary(winnow_dedup *d, const void *summary, size_t len,
                                   const char *meta, size_t meta_len)
{
    if (!d || !summary || !meta || d->finished || len < sizeof(summary_head)) return -1;
    summary_head h;
    memcpy(&h, summary, sizeof h);
    if (h.magic != SUMMARY_MAGIC || (h.hashes != 0 && h.hashes != d->p.hashes) ||
        len != sizeof h + (size_t)h.hashes * sizeof(uint32_t) || (h.has_sig != 0) != (h.hashes != 0))
        return -1;
    const wn_json *o = parse_object(d, meta, meta_len);
    if (!o) {
        wn_arena_release(&d->a);
        return -1;
    }
    wn_text_summary s;
    memset(&s, 0, sizeof s);
    s.fp = h.fp;
    s.lead = h.lead;
    memcpy(s.anchors, h.anchors, sizeof s.anchors);
    memcpy(s.nums, h.nums, sizeof s.nums);
    s.words = h.words;
    s.shingles = h.shingles;
    s.has_sig = h.has_sig != 0;
    uint32_t *sig = NULL;
    if (h.hashes) {
        sig = malloc(h.hashes * sizeof *sig); /* the summary need not be aligned */
        if (!sig) wn_oom();
        memcpy(sig, (const char *)summary + sizeof h, h.hashes * sizeof *sig);
    }
    wn_dedup_in in;
    memset(&in, 0, sizeof in);
    in.source = str_member(o, "source");
    if (!in.source) in.source = "";
    meta_of(o, &in);
    in.line_hash = h.fp; /* a text without words keeps its line's id */
    long long idx = (long long)wn_dedup_add_summary(d->s, &in, &s, sig);
    free(sig);
    wn_arena_release(&d->a);
    return idx;
}

size_t winnow_dedup_keys(const winnow_dedup *d, size_t i, winnow_dedup_key *keys, size_t cap)
{
    wn_text_summary s;
    const uint32_t *sig;
    if (!summary_of(d, i, &s, &sig)) return 0;
    size_t n = 0;
#define PUT(k, b, v)                                                                            \
    do {                                                                                        \
        if (n < cap && keys) keys[n] = (winnow_dedup_key){(k), (b), (unsigned long long)(v)};    \
        n++;                                                                                    \
    } while (0)
    if (s.words) PUT(WINNOW_KEY_EXACT, 0, s.fp);
    if (sig) {
        for (unsigned b = 0; b < d->p.bands; b++)
            PUT(WINNOW_KEY_BAND, b, wn_minhash_band(&d->p, sig, b));
        PUT(WINNOW_KEY_LEAD, 0, s.lead);
        for (unsigned a = 0; a < WN_DEDUP_ANCHORS && s.anchors[a]; a++)
            PUT(WINNOW_KEY_ANCHOR, 0, s.anchors[a]);
    }
#undef PUT
    return n;
}

size_t winnow_dedup_signature(const winnow_dedup *d, size_t i, unsigned *sig, size_t cap)
{
    wn_text_summary s;
    const uint32_t *g;
    if (!summary_of(d, i, &s, &g) || !g) return 0;
    for (size_t k = 0; sig && k < cap && k < d->p.hashes; k++) sig[k] = g[k];
    return d->p.hashes;
}

unsigned long long winnow_dedup_fingerprint(const winnow_dedup *d, size_t i)
{
    if (!d || i >= wn_dedup_count(d->s)) return 0;
    wn_dedup_view v;
    wn_dedup_view_at(d->s, i, &v);
    return v.fp;
}

winnow_dup_kind winnow_dedup_verify(const winnow_dedup *d, size_t i, size_t j, double *similarity)
{
    double sim = 0;
    winnow_dup_kind k = WINNOW_DUP_NONE;
    if (d && i < wn_dedup_count(d->s) && j < wn_dedup_count(d->s)) {
        wn_dedup_view a, b;
        wn_dedup_view_at(d->s, i, &a);
        wn_dedup_view_at(d->s, j, &b);
        switch (wn_dedup_verify(&d->p, &a, &b, &sim)) {
        case WN_DUP_EXACT: k = WINNOW_DUP_EXACT; break;
        case WN_DUP_NEAR: k = WINNOW_DUP_NEAR; break;
        case WN_DUP_CONTAINED: k = WINNOW_DUP_CONTAINED; break;
        default: break;
        }
    }
    if (similarity) *similarity = sim;
    return k;
}

void winnow_dedup_finish(winnow_dedup *d)
{
    if (!d || d->finished) return;
    wn_dedup_finish(d->s);
    d->finished = 1;
}

void winnow_dedup_finish_component(winnow_dedup *d)
{
    if (!d || d->finished) return;
    wn_dedup_finish_component(d->s);
    d->finished = 1;
}

winnow_status winnow_dedup_result(const winnow_dedup *d, size_t i, int explain, char **out,
                                  size_t *len)
{
    if (!d || !out || !d->finished || i >= wn_dedup_count(d->s)) return WINNOW_ERR_ARG;
    wn_dedup_out x;
    wn_dedup_result(d->s, i, &x);
    wn_buf b;
    wn_buf_init(&b);
    wn_dedup_put_fields(&b, &x, explain);
    *out = wn_buf_detach(&b, len);
    return WINNOW_OK;
}

winnow_status winnow_dedup_render(winnow_dedup *d, size_t i, const char *line, size_t len,
                                  int explain, char **out, size_t *out_len)
{
    if (!d || !out || (!line && len) || !d->finished || i >= wn_dedup_count(d->s))
        return WINNOW_ERR_ARG;
    wn_dedup_out x;
    wn_dedup_result(d->s, i, &x);
    wn_buf b;
    wn_buf_init(&b);
    int rc = wn_dedup_render_line(&d->a, MAX_DEPTH, line, len, &x, explain, &b);
    wn_arena_release(&d->a);
    if (rc < 0) {
        wn_buf_free(&b);
        return WINNOW_ERR_ARG;
    }
    *out = wn_buf_detach(&b, out_len);
    return WINNOW_OK;
}
