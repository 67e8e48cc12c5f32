/*
 * ingest.c — the write side: one record into the store, and incremental
 * near-duplicate clustering.
 *
 * Identity. A record is stored once per (identity, content hash): the
 * identity is its canonical URL, else its source's file name and record
 * number (without the directory: the same file ingested from elsewhere is
 * the same record; two files of one name hold the same record only when
 * their texts are equal, which the hash says); the hash is xxh3 of its text
 * (error and skip records: of their code and message). Ingesting the same
 * input again finds every record already there (WN_PUT_EXISTS); a page
 * whose text changed under the same URL is a new record (the old one is
 * kept: the store is an archive).
 *
 * Clustering, one article at a time against everything stored. The keys of
 * `winnow dedup --order stream` (src/dedup/stream.c): the exact fingerprint,
 * the LSH band keys of the MinHash signature, the lead key and the anchor
 * keys, each salted by kind. They are rows of dedup_key (primary key (key,
 * article_id): one index, looked up by key). A new article looks up each of
 * its keys (at most CAND_PER_KEY rows each, the oldest first: a key shared
 * by hundreds of copies of one story still leads to that story), verifies
 * each distinct candidate with wn_dedup_verify on the stored signatures,
 * and joins the cluster of the most similar verified one. No candidate: it
 * starts a cluster whose id is its own article id (ids never change, so a
 * link to a story stays valid). An exact copy stores only its fingerprint
 * key (its band keys would only lengthen the runs of keys its original
 * already holds). Clusters are never merged or split after the fact: an
 * article that would bridge two clusters joins the closer one.
 *
 * Canonical. When an article joins, the cluster's canonical is chosen again
 * over its members with the rules of the dedup stage (cluster.c): first a
 * member whose publisher another member names as the original (that member
 * has a republisher different from its publisher) and which is not itself a
 * repost; then the earliest date_published (undated last); then the most
 * words; then the earliest ingested. So the original ingested next week,
 * after its reposts, becomes the canonical of their cluster; the cluster id
 * stays the id of its first article.
 */
#include "store.h"

#include "../dedup/dedup.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#define SALT_FP 0x9e3779b97f4a7c15ull
#define SALT_LEAD 0xc2b2ae3d27d4eb4full
#define SALT_ANCHOR 0x165667b19e3779f9ull
#define CAND_PER_KEY 16
#define MAX_CAND 128
#define MAX_KEYS (1 + WN_DEDUP_MAX_HASHES + 1 + WN_DEDUP_ANCHORS)
#define MAX_MEMBERS 5000 /* members looked at when the canonical is chosen again */

enum { /* statement slots of the write side (read.c uses 20 and up) */
    S_FIND = 0,
    S_INSERT,
    S_FTS,
    S_SIG_PUT,
    S_SIG_GET,
    S_KEY_PUT,
    S_KEY_GET,
    S_CLUSTER_OF,
    S_NEXT_ID,
    S_CLUSTER_NEW,
    S_CLUSTER_GROW,
    S_MEMBERS,
    S_CANON_SET
};

typedef struct writer {
    wn_dedup_params p;
    wn_minhash *mh;
    wn_arena scratch;
    wn_buf json;
    uint32_t *sig, *csig;
    char now[32];
} writer;

void wn_store_writer_free(wn_store *s)
{
    void **slot = wn_store_writer_slot(s);
    writer *w = *slot;
    if (!w) return;
    wn_minhash_free(w->mh);
    wn_arena_release(&w->scratch);
    wn_buf_free(&w->json);
    free(w->sig);
    free(w->csig);
    free(w);
    *slot = NULL;
}

static writer *get_writer(wn_store *s)
{
    void **slot = wn_store_writer_slot(s);
    if (*slot) return *slot;
    writer *w = calloc(1, sizeof *w);
    if (!w) wn_oom();
    wn_dedup_params_default(&w->p);
    w->mh = wn_minhash_new(&w->p);
    if (!w->mh) wn_oom();
    wn_arena_init(&w->scratch);
    wn_buf_init(&w->json);
    w->sig = calloc(w->p.hashes, sizeof *w->sig);
    w->csig = calloc(w->p.hashes, sizeof *w->csig);
    if (!w->sig || !w->csig) wn_oom();
    *slot = w;
    return w;
}

static wn_store_status sqlerr(wn_store *s, char *err, size_t errlen, const char *what)
{
    if (err) snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(wn_store_db(s)));
    return WN_STORE_EIO;
}

static int exec1(wn_store *s, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(wn_store_db(s), sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    if (err) snprintf(err, errlen, "%s", msg ? msg : "error");
    sqlite3_free(msg);
    return -1;
}

wn_store_status wn_store_begin(wn_store *s, char *err, size_t errlen)
{
    writer *w = get_writer(s);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(w->now, sizeof w->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return exec1(s, "BEGIN IMMEDIATE", err, errlen) ? WN_STORE_EIO : WN_STORE_OK;
}

/* WAL frames after which a commit waits for the readers to move on so that
 * the log can start over (see wn_store_commit): 4096 pages of 16 KiB */
#define WAL_RESTART_FRAMES 4096

/* Commits the batch. SQLite's automatic checkpoints are PASSIVE: they copy
 * what they can but never wait for readers, and while `winnow serve`
 * answers requests there is always a reader, so the WAL would only grow
 * (400+ MB in a 30 s ingest under load). Once the log holds
 * WAL_RESTART_FRAMES frames the writer asks for a RESTART checkpoint, which
 * waits (busy timeout) until every reader reads the newest snapshot -- a
 * request takes milliseconds -- and lets the next transaction write the log
 * from its start; journal_size_limit then truncates the file. A checkpoint
 * that cannot finish is not an error: the data is committed either way. */
wn_store_status wn_store_commit(wn_store *s, char *err, size_t errlen)
{
    if (exec1(s, "COMMIT", err, errlen)) return WN_STORE_EIO;
    int log = 0, done = 0;
    sqlite3 *db = wn_store_db(s);
    if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK &&
        log >= WAL_RESTART_FRAMES)
        sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_RESTART, &log, &done);
    return WN_STORE_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int keys_of(const writer *w, const wn_text_summary *sum, uint64_t *k)
{
    int n = 0;
    if (!sum->words) return 0;
    k[n++] = sum->fp ^ SALT_FP;
    if (!sum->has_sig) return n;
    for (unsigned b = 0; b < w->p.bands; b++) k[n++] = wn_minhash_band(&w->p, w->sig, b);
    if (sum->lead) k[n++] = sum->lead ^ SALT_LEAD;
    for (unsigned a = 0; a < WN_DEDUP_ANCHORS && sum->anchors[a]; a++)
        k[n++] = sum->anchors[a] ^ SALT_ANCHOR;
    return n;
}

/* Loads the dedup view of a stored article into v (signature into buf). */
static int load_view(wn_store *s, const writer *w, int64_t id, wn_dedup_view *v, uint32_t *buf)
{
    sqlite3_stmt *st = wn_store_stmt(s, S_SIG_GET,
                                     "SELECT fp, nums0, nums1, words, shingles, sig FROM signature"
                                     " WHERE article_id=?",
                                     NULL, 0);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) return -1;
    v->fp = (uint64_t)sqlite3_column_int64(st, 0);
    v->nums[0] = (uint64_t)sqlite3_column_int64(st, 1);
    v->nums[1] = (uint64_t)sqlite3_column_int64(st, 2);
    v->words = (uint32_t)sqlite3_column_int(st, 3);
    v->shingles = (uint32_t)sqlite3_column_int(st, 4);
    const void *b = sqlite3_column_blob(st, 5);
    int bl = sqlite3_column_bytes(st, 5);
    v->sig = NULL;
    if (b && bl == (int)(w->p.hashes * sizeof *buf)) {
        memcpy(buf, b, (size_t)bl);
        v->sig = buf;
    }
    sqlite3_reset(st);
    return 0;
}

static void fold(char *dst, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < cap; i++) dst[i] = (char)tolower((unsigned char)s[i]);
    dst[i] = 0;
}

typedef struct member {
    int64_t id, date;
    int words, evidence;
    char pub[128], repub[128];
} member;

/* < 0 when a is the better canonical (the order of cluster.c) */
static int better(const member *a, const member *b)
{
    if (a->evidence != b->evidence) return b->evidence - a->evidence;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    if (a->words != b->words) return a->words > b->words ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Chooses the canonical of cluster cid again over its members. */
static wn_store_status rechoose(wn_store *s, int64_t cid, int64_t newid, int *is_new_canon,
                                char *err, size_t errlen)
{
    sqlite3_stmt *st = wn_store_stmt(s, S_MEMBERS,
                                     "SELECT id, publisher, republisher, date_key, word_count"
                                     " FROM article WHERE cluster_id=? ORDER BY id LIMIT ?",
                                     err, errlen);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_int(st, 2, MAX_MEMBERS);
    member *m = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            m = wn_xrealloc(m, cap * sizeof *m);
        }
        member *x = &m[n++];
        x->id = sqlite3_column_int64(st, 0);
        fold(x->pub, sizeof x->pub, (const char *)sqlite3_column_text(st, 1));
        fold(x->repub, sizeof x->repub, (const char *)sqlite3_column_text(st, 2));
        x->date = sqlite3_column_type(st, 3) == SQLITE_NULL ? INT64_MAX : sqlite3_column_int64(st, 3);
        x->words = sqlite3_column_int(st, 4);
        x->evidence = 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(m);
        return sqlerr(s, err, errlen, "cluster members");
    }
    /* evidence: a member's publisher named as the original by a repost */
    for (size_t i = 0; i < n; i++) {
        if (m[i].repub[0] || !m[i].pub[0]) continue;
        for (size_t j = 0; j < n && !m[i].evidence; j++)
            m[i].evidence = j != i && m[j].repub[0] && strcmp(m[j].repub, m[j].pub) &&
                            !strcmp(m[j].pub, m[i].pub);
    }
    size_t c = 0, r = SIZE_MAX;
    for (size_t i = 1; i < n; i++)
        if (better(&m[i], &m[c]) < 0) c = i;
    for (size_t i = 0; i < n; i++)
        if (i != c && (r == SIZE_MAX || better(&m[i], &m[r]) < 0)) r = i;
    const char *reason = "single";
    if (r != SIZE_MAX) {
        reason = m[c].evidence                ? "republisher"
                 : m[c].date != m[r].date     ? "date"
                 : m[c].words != m[r].words   ? "length"
                                              : "order";
    }
    wn_store_status ret = WN_STORE_OK;
    if (n) {
        *is_new_canon = m[c].id == newid;
        st = wn_store_stmt(s, S_CANON_SET, "UPDATE cluster SET canonical_id=?, reason=? WHERE id=?",
                           err, errlen);
        if (!st) ret = WN_STORE_EIO;
        else {
            sqlite3_bind_int64(st, 1, m[c].id);
            sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, cid);
            if (sqlite3_step(st) != SQLITE_DONE) ret = sqlerr(s, err, errlen, "cluster update");
        }
    }
    free(m);
    return ret;
}

wn_store_status wn_store_put(wn_store *s, const winnow_doc *d, wn_store_put_result *r,
                             char *err, size_t errlen)
{
    writer *w = get_writer(s);
    memset(r, 0, sizeof *r);
    int kind = winnow_doc_is_skip(d) ? 2 : winnow_doc_is_error(d) ? 1 : 0;
    const char *f[WINNOW_FIELD_COUNT_];
    for (int i = 0; i < WINNOW_FIELD_COUNT_; i++) f[i] = winnow_doc_field(d, (winnow_field)i);
    const char *text = kind == 0 ? (f[WINNOW_FIELD_TEXT] ? f[WINNOW_FIELD_TEXT] : "") : NULL;
    const char *ident = f[WINNOW_FIELD_URL];
    if (!ident) { /* the source's file name and record number: not the directory */
        ident = f[WINNOW_FIELD_SOURCE] ? f[WINNOW_FIELD_SOURCE] : "-";
        const char *slash = strrchr(ident, '/');
        if (slash && slash[1]) ident = slash + 1;
    }
    uint64_t h;
    if (kind == 0) {
        h = XXH3_64bits(text, strlen(text));
    } else {
        const char *c = f[WINNOW_FIELD_ERROR_CODE] ? f[WINNOW_FIELD_ERROR_CODE] : "";
        const char *m = f[WINNOW_FIELD_ERROR_MESSAGE] ? f[WINNOW_FIELD_ERROR_MESSAGE] : "";
        XXH3_state_t *xs = XXH3_createState();
        if (!xs) wn_oom();
        XXH3_64bits_reset(xs);
        XXH3_64bits_update(xs, &kind, sizeof kind);
        XXH3_64bits_update(xs, c, strlen(c) + 1);
        XXH3_64bits_update(xs, m, strlen(m));
        h = XXH3_64bits_digest(xs);
        XXH3_freeState(xs);
    }

    sqlite3_stmt *st = wn_store_stmt(s, S_FIND,
                                     "SELECT id, cluster_id FROM article WHERE ident=? AND content_hash=?",
                                     err, errlen);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_text(st, 1, ident, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)h);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->kind = WN_PUT_EXISTS;
        r->id = sqlite3_column_int64(st, 0);
        r->cluster_id = sqlite3_column_int64(st, 1);
        sqlite3_reset(st);
        return WN_STORE_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "look-up");

    /* clustering first (candidates are earlier articles), then the row */
    wn_text_summary sum;
    memset(&sum, 0, sizeof sum);
    int64_t best = 0;
    double best_sim = -1;
    wn_dup_kind best_kind = WN_DUP_NONE;
    uint64_t keys[MAX_KEYS];
    int nkeys = 0;
    if (kind == 0) {
        wn_minhash_text(w->mh, &w->scratch, text, strlen(text), &sum, w->sig);
        wn_arena_release(&w->scratch);
        nkeys = keys_of(w, &sum, keys);
        int64_t cand[MAX_CAND];
        size_t nc = 0;
        st = wn_store_stmt(s, S_KEY_GET, "SELECT article_id FROM dedup_key WHERE key=? LIMIT ?",
                           err, errlen);
        if (!st) return WN_STORE_EIO;
        for (int k = 0; k < nkeys && nc < MAX_CAND; k++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, (int64_t)keys[k]);
            sqlite3_bind_int(st, 2, CAND_PER_KEY);
            while ((rc = sqlite3_step(st)) == SQLITE_ROW && nc < MAX_CAND) {
                int64_t id = sqlite3_column_int64(st, 0);
                size_t j = 0;
                while (j < nc && cand[j] != id) j++;
                if (j == nc) cand[nc++] = id;
            }
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                sqlite3_reset(st);
                return sqlerr(s, err, errlen, "candidates");
            }
        }
        sqlite3_reset(st);
        wn_dedup_view me = {sum.fp, {sum.nums[0], sum.nums[1]}, sum.words, sum.shingles,
                            sum.has_sig ? w->sig : NULL};
        for (size_t j = 0; j < nc; j++) {
            wn_dedup_view o;
            if (load_view(s, w, cand[j], &o, w->csig)) continue;
            double sim;
            wn_dup_kind dk = wn_dedup_verify(&w->p, &me, &o, &sim);
            if (dk != WN_DUP_NONE && sim > best_sim) {
                best = cand[j];
                best_sim = sim;
                best_kind = dk;
            }
        }
    }

    /* the new row's id (one writer: the largest id + 1, which SQLite would
     * give it too) and its cluster, so the row is written once */
    st = wn_store_stmt(s, S_NEXT_ID, "SELECT coalesce(max(id), 0) + 1 FROM article", err, errlen);
    if (!st) return WN_STORE_EIO;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return sqlerr(s, err, errlen, "next id");
    }
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    int64_t cid = id;
    if (best) {
        st = wn_store_stmt(s, S_CLUSTER_OF, "SELECT cluster_id FROM article WHERE id=?", err, errlen);
        if (!st) return WN_STORE_EIO;
        sqlite3_bind_int64(st, 1, best);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            cid = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }

    char *json;
    size_t jlen;
    if (winnow_doc_render(d, WINNOW_FORMAT_JSONL, 1, &json, &jlen) != WINNOW_OK) {
        snprintf(err, errlen, "cannot render a record");
        return WN_STORE_EIO;
    }
    while (jlen && json[jlen - 1] == '\n') jlen--;
    int64_t dkey = 0;
    int has_date = f[WINNOW_FIELD_DATE_PUBLISHED] &&
                   wn_dedup_date_key(f[WINNOW_FIELD_DATE_PUBLISHED], &dkey);
    st = wn_store_stmt(s, S_INSERT,
                       "INSERT INTO article(ident, content_hash, kind, source, url, title, subtitle,"
                       " publisher, republisher, date_published, date_modified, language, word_count,"
                       " is_error, error_code, date_key, ingested_at, dup_kind, similarity, record,"
                       " id, cluster_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       err, errlen);
    if (!st) {
        winnow_free(json);
        return WN_STORE_EIO;
    }
    sqlite3_bind_text(st, 1, ident, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)h);
    sqlite3_bind_int(st, 3, kind);
    bind_text(st, 4, f[WINNOW_FIELD_SOURCE]);
    bind_text(st, 5, f[WINNOW_FIELD_URL]);
    bind_text(st, 6, f[WINNOW_FIELD_TITLE]);
    bind_text(st, 7, f[WINNOW_FIELD_SUBTITLE]);
    bind_text(st, 8, f[WINNOW_FIELD_PUBLISHER]);
    bind_text(st, 9, f[WINNOW_FIELD_REPUBLISHER]);
    bind_text(st, 10, f[WINNOW_FIELD_DATE_PUBLISHED]);
    bind_text(st, 11, f[WINNOW_FIELD_DATE_MODIFIED]);
    bind_text(st, 12, f[WINNOW_FIELD_LANGUAGE]);
    if (kind == 0) sqlite3_bind_int64(st, 13, (int64_t)winnow_doc_word_count(d));
    sqlite3_bind_int(st, 14, kind == 1);
    bind_text(st, 15, kind ? f[WINNOW_FIELD_ERROR_CODE] : NULL);
    if (has_date) sqlite3_bind_int64(st, 16, dkey);
    sqlite3_bind_text(st, 17, w->now, -1, SQLITE_STATIC);
    if (best) {
        sqlite3_bind_text(st, 18, wn_dup_kind_name(best_kind), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 19, best_sim);
    }
    sqlite3_bind_text(st, 20, json, (int)jlen, SQLITE_STATIC);
    sqlite3_bind_int64(st, 21, id);
    if (kind == 0) sqlite3_bind_int64(st, 22, cid);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    winnow_free(json);
    if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "insert");
    r->kind = WN_PUT_INSERTED;
    r->id = id;
    if (kind != 0) return WN_STORE_OK;

    st = wn_store_stmt(s, S_FTS, "INSERT INTO article_fts(rowid, title, text) VALUES(?,?,?)", err,
                       errlen);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, f[WINNOW_FIELD_TITLE]);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "full-text index");

    if (sum.words) {
        st = wn_store_stmt(s, S_SIG_PUT, "INSERT INTO signature VALUES(?,?,?,?,?,?,?)", err, errlen);
        if (!st) return WN_STORE_EIO;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)sum.fp);
        sqlite3_bind_int64(st, 3, (int64_t)sum.nums[0]);
        sqlite3_bind_int64(st, 4, (int64_t)sum.nums[1]);
        sqlite3_bind_int(st, 5, (int)sum.words);
        sqlite3_bind_int(st, 6, (int)sum.shingles);
        if (sum.has_sig) sqlite3_bind_blob(st, 7, w->sig, (int)(w->p.hashes * sizeof *w->sig),
                                           SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "signature");
        if (best_kind == WN_DUP_EXACT) nkeys = 1; /* the original holds the rest */
        st = wn_store_stmt(s, S_KEY_PUT, "INSERT OR IGNORE INTO dedup_key VALUES(?,?)", err, errlen);
        if (!st) return WN_STORE_EIO;
        for (int k = 0; k < nkeys; k++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, (int64_t)keys[k]);
            sqlite3_bind_int64(st, 2, id);
            if (sqlite3_step(st) != SQLITE_DONE) {
                sqlite3_reset(st);
                return sqlerr(s, err, errlen, "dedup keys");
            }
        }
        sqlite3_reset(st);
    }

    r->cluster_id = cid;
    if (cid == id) {
        st = wn_store_stmt(s, S_CLUSTER_NEW,
                           "INSERT INTO cluster(id, canonical_id, size, reason) VALUES(?,?,1,'single')",
                           err, errlen);
        if (!st) return WN_STORE_EIO;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "cluster");
        r->new_canonical = 1;
        return WN_STORE_OK;
    }
    r->joined = 1;
    st = wn_store_stmt(s, S_CLUSTER_GROW, "UPDATE cluster SET size=size+1 WHERE id=?", err, errlen);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_int64(st, 1, cid);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return sqlerr(s, err, errlen, "cluster");
    return rechoose(s, cid, id, &r->new_canonical, err, errlen);
}
