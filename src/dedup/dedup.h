/*
 * dedup.h — the stage after output: near-duplicate clustering of article
 * records (`winnow dedup`, `winnow --dedup`).
 *
 * It works on winnow's JSONL, not on documents, so that it composes with
 * any earlier run (`winnow a.warc.gz | winnow dedup`) and so that memory
 * per record is a fixed-size summary, never the text:
 *
 *   minhash.c  tokens (lowercase words, as the rest of winnow counts them),
 *              the exact fingerprint of the folded text, word shingles,
 *              MinHash signatures, LSH band keys, the lead key
 *   cluster.c  the record store (signature + the few fields the canonical
 *              choice needs), candidate pairs from LSH bands and lead keys,
 *              pair verification (Jaccard or containment), union-find, and
 *              the canonical choice with chain splitting
 *   jsonl.c    the two passes over JSONL inputs: pass 1 reads each line
 *              (spooling unseekable input to a temporary file) and adds
 *              articles to the store; pass 2 re-reads and writes every line
 *              back, in input order, with the cluster fields spliced in;
 *              or (--order stream) one pass through stream.c
 *   stream.c   one pass over a window of the last N articles: incremental
 *              key index, union-find over the records held, each cluster
 *              written once N articles have followed its newest member
 *
 * The program (src/cli/) drives it through jsonl.c; the public API
 * (winnow_dedup_* in winnow.h, src/lib/dedup.c) exposes the store with its
 * default parameters, record by record, for callers that distribute the
 * candidate search themselves (python/winnow/dask.py).
 *
 * No global mutable state: everything lives in a wn_dedup_store.
 */
#ifndef WN_DEDUP_H
#define WN_DEDUP_H

#include "../core/core.h"

#include <stdint.h>
#include <stdio.h>

/* ---- parameters ------------------------------------------------------- */

#define WN_DEDUP_SHINGLE 5      /* words per shingle */
#define WN_DEDUP_BANDS 28       /* LSH bands ... */
#define WN_DEDUP_ROWS 4         /* ... of this many hashes each */
#define WN_DEDUP_HASHES 112     /* signature length (>= bands * rows) */
#define WN_DEDUP_MAX_HASHES 1024
#define WN_DEDUP_NEAR 0.5       /* estimated Jaccard for "near" */
#define WN_DEDUP_CONTAIN 0.5    /* estimated containment for "contained" */
#define WN_DEDUP_MIN_WORDS 50   /* shorter texts cluster only when identical */
#define WN_DEDUP_LEAD_WORDS 20  /* words hashed into the lead key */
#define WN_DEDUP_ANCHORS 4      /* anchor keys per text ... */
#define WN_DEDUP_ANCHOR_WORDS 12 /* ... each the hash of this many words ... */
#define WN_DEDUP_ANCHOR_SCAN 400 /* ... starting at a content-chosen word among the first 400 */

typedef struct wn_dedup_params {
    unsigned shingle, hashes, bands, rows;
    double near, contain;
    unsigned min_words;
} wn_dedup_params;

void wn_dedup_params_default(wn_dedup_params *p);
/* NULL when valid, else a message saying what is wrong. */
const char *wn_dedup_params_check(const wn_dedup_params *p);

/* ---- signatures (minhash.c) ------------------------------------------- */

/* What pass 1 keeps of a text. */
typedef struct wn_text_summary {
    uint64_t fp;       /* xxh3 of the folded text (casefolded words, one space) */
    uint64_t lead;     /* xxh3 of the first WN_DEDUP_LEAD_WORDS words; 0: none */
    uint64_t anchors[WN_DEDUP_ANCHORS]; /* content-defined anchor keys; 0: none */
    uint64_t nums[2];  /* 128-bit set of the words holding a digit ("4.2", "2024") */
    uint32_t words;    /* tokens */
    uint32_t shingles; /* shingles (words - shingle + 1) */
    int has_sig;       /* words >= min_words: sig is filled */
} wn_text_summary;

typedef struct wn_minhash wn_minhash;
/* Seeds of the hash family come from a fixed constant: signatures are the
 * same in every run and on every machine. */
wn_minhash *wn_minhash_new(const wn_dedup_params *p);
void wn_minhash_free(wn_minhash *m);
/* Summarises text (UTF-8, n bytes); sig must hold p->hashes values. The
 * scratch arena is released by the caller. */
void wn_minhash_text(wn_minhash *m, wn_arena *scratch, const char *text, size_t n,
                     wn_text_summary *out, uint32_t *sig);
/* Key of band b (0-based) of a signature: depends on the band index too,
 * so keys of different bands never meet in one global table. */
uint64_t wn_minhash_band(const wn_dedup_params *p, const uint32_t *sig, unsigned b);

/* Slot comparison of two signatures of m hashes. */
typedef struct wn_sig_cmp {
    unsigned eq, a_lt, b_lt; /* a == b; a's minimum smaller; b's smaller */
} wn_sig_cmp;
void wn_sig_compare(const uint32_t *a, const uint32_t *b, unsigned m, wn_sig_cmp *c);

/* ---- clustering (cluster.c) ------------------------------------------- */

typedef enum wn_dup_kind { WN_DUP_NONE = 0, WN_DUP_EXACT, WN_DUP_NEAR, WN_DUP_CONTAINED } wn_dup_kind;
const char *wn_dup_kind_name(wn_dup_kind k);

/* One article as pass 1 sees it. Strings need not outlive the call. */
typedef struct wn_dedup_in {
    const char *source;
    const char *publisher, *republisher; /* NULL when absent */
    const char *date_published;          /* ISO 8601, NULL when absent */
    const char *text;
    size_t text_len;
    uint64_t line_hash; /* fallback cluster id for a text without words */
} wn_dedup_in;

/* Why a canonical was chosen (multi-record clusters). */
typedef enum wn_canon_reason {
    WN_CANON_SINGLE = 0,
    WN_CANON_REPUBLISHER,
    WN_CANON_DATE,
    WN_CANON_LENGTH,
    WN_CANON_ORDER
} wn_canon_reason;

/* What pass 2 writes for record i. */
typedef struct wn_dedup_out {
    uint64_t cluster;        /* id: fingerprint of the canonical's folded text */
    int canonical;           /* 1 on the record standing for the cluster */
    const char *duplicate_of; /* canonical's source (NULL on canonicals) */
    double similarity;       /* estimated Jaccard to the canonical */
    wn_dup_kind kind;        /* NONE on canonicals */
    wn_canon_reason reason;  /* canonicals of clusters of 2+ */
    const char *reason_source; /* REPUBLISHER: the record naming the publisher */
} wn_dedup_out;

typedef struct wn_dedup_store wn_dedup_store;
wn_dedup_store *wn_dedup_new(const wn_dedup_params *p);
void wn_dedup_free(wn_dedup_store *d);
/* Adds an article; returns its index (0-based, in the order added). If
 * sig_out is not NULL it receives a pointer to the record's signature (NULL
 * for texts too short to have one), valid until the next call. */
size_t wn_dedup_add(wn_dedup_store *d, const wn_dedup_in *in, const wn_text_summary **sum_out,
                    const uint32_t **sig_out);
/* Adds an article whose summary and signature (NULL: none) the caller
 * already has (wn_minhash_text); in->text is not read. */
size_t wn_dedup_add_summary(wn_dedup_store *d, const wn_dedup_in *in, const wn_text_summary *s,
                            const uint32_t *sig);
/* Clusters everything added. Call once. */
void wn_dedup_finish(wn_dedup_store *d);
/* Instead of wn_dedup_finish: everything added is one component (the
 * caller found the pairs); chooses its canonical and splits off the members
 * not close to it, as wn_dedup_finish does for each component. */
void wn_dedup_finish_component(wn_dedup_store *d);
/* Empties the store for reuse (keeps its allocations). */
void wn_dedup_reset(wn_dedup_store *d);

/* What verification reads of a record. */
typedef struct wn_dedup_view {
    uint64_t fp;
    uint64_t nums[2];
    uint32_t words, shingles; /* words 0: never a duplicate */
    const uint32_t *sig;      /* NULL: no signature (only exact copies) */
} wn_dedup_view;
/* Is a a copy of b or b of a (exact, near, contained; NONE: no)? *sim gets
 * the estimated Jaccard. The one test both modes use. */
wn_dup_kind wn_dedup_verify(const wn_dedup_params *p, const wn_dedup_view *a,
                            const wn_dedup_view *b, double *sim);
size_t wn_dedup_count(const wn_dedup_store *d);
/* Record i as verification reads it, and its summary and signature (NULL:
 * none; exact copies share their first record's), as wn_minhash_text gave
 * them (fp is the line hash when the text has no words). For callers that
 * find the candidate pairs themselves (the public winnow_dedup_* API). */
void wn_dedup_view_at(const wn_dedup_store *d, size_t i, wn_dedup_view *v);
void wn_dedup_summary_at(const wn_dedup_store *d, size_t i, wn_text_summary *s,
                         const uint32_t **sig);
void wn_dedup_result(const wn_dedup_store *d, size_t i, wn_dedup_out *out);
/* Bytes held per record (for the documentation and --stats). */
size_t wn_dedup_bytes(const wn_dedup_store *d);
const wn_dedup_params *wn_dedup_get_params(const wn_dedup_store *d);

/* Parses an ISO 8601 date (YYYY-MM-DD[THH:MM[:SS][.f][Z|±HH:MM]]) into a
 * sortable key: earlier instants sort first; a date without a time sorts
 * after the times of that day. Returns 0 when unparseable. */
int wn_dedup_date_key(const char *s, int64_t *key);

/* ---- streaming (stream.c) --------------------------------------------- */

/* Receives each record as its cluster becomes final: the payload and tag
 * given to wn_dedup_window_add and the record's fields (strings valid
 * during the call). */
typedef void (*wn_dedup_emit)(void *ctx, const char *payload, size_t len, int tag,
                              const wn_dedup_out *out);
typedef struct wn_dedup_window wn_dedup_window;
/* window: articles a record is compared with (>= 1). NULL when invalid. */
wn_dedup_window *wn_dedup_window_new(const wn_dedup_params *p, size_t window, wn_dedup_emit emit,
                                     void *ctx);
void wn_dedup_window_free(wn_dedup_window *w);
/* Adds an article with its payload (copied, held until written); may emit
 * the records of clusters that become final. *sum_out and *sig_out (when
 * not NULL) get the record's summary and signature, valid until the next
 * call. */
void wn_dedup_window_add(wn_dedup_window *w, const wn_dedup_in *in, const char *payload,
                         size_t len, int tag, const wn_text_summary **sum_out,
                         const uint32_t **sig_out);
/* End of input: every cluster is final; emits the rest. */
void wn_dedup_window_flush(wn_dedup_window *w);
/* The most records held at once (window plus open clusters' older members). */
size_t wn_dedup_window_max_held(const wn_dedup_window *w);

/* ---- JSONL driver (jsonl.c) ------------------------------------------- */

typedef struct wn_dedup_input {
    const char *path; /* "-" = stdin; shown in error records */
    FILE *spooled;    /* non-NULL: already spooled JSONL (seekable, read from 0) */
} wn_dedup_input;

typedef struct wn_dedup_run {
    wn_dedup_params params;
    int explain;          /* dedup_reason on canonicals of clusters of 2+ */
    int drop_duplicates;  /* keep canonicals and non-articles only */
    int stream;           /* --order stream: one pass over a window (stream.c) */
    size_t window;        /* articles in the window (stream) */
    FILE *bands;          /* --emit-bands: one line per article, or NULL */
    size_t max_line;      /* longer lines pass through unparsed */
    int max_depth;
} wn_dedup_run;

typedef struct wn_dedup_stats {
    size_t lines, articles, clusters, duplicates;
    size_t exact, near, contained;
    size_t errors, skips, other_json, not_json, unreadable;
    size_t dropped, bytes_per_record;
    size_t max_held;      /* stream: most records held at once */
} wn_dedup_stats;

/* Appends a record's cluster fields as JSON members, each preceded by a
 * comma (",\"cluster\":...,\"canonical\":..."): what both passes write. */
void wn_dedup_put_fields(wn_buf *o, const wn_dedup_out *x, int explain);

/* Appends to o what `winnow dedup` writes for article line s (len bytes,
 * no newline) with the fields x, newline included: the fields spliced
 * before the closing brace when the line parsed strictly, is valid UTF-8
 * and holds no dedup field yet; else the line rendered again from its
 * lenient parse, old dedup fields dropped. Returns -1 (o untouched) when the
 * line is not one JSON object. Parses into a (the caller releases it). */
int wn_dedup_render_line(wn_arena *a, int max_depth, const char *s, size_t len,
                         const wn_dedup_out *x, int explain, wn_buf *o);

/* Runs both passes over the inputs and writes to out. Returns 0, or -1 when
 * the output could not be written (message in *err). */
int wn_dedup_jsonl(const wn_dedup_run *r, const wn_dedup_input *in, size_t n, FILE *out,
                   wn_dedup_stats *st, const char **err);

#endif
