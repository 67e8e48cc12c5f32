/*
 * store.h — the article store: winnow records kept in an SQLite database
 * (`winnow ingest`), searched (`winnow search`) and read (`winnow serve`).
 *
 * Design. One SQLite file (Debian's libsqlite3, FTS5) in WAL mode: one
 * writer (an ingest) and any number of readers, which never block it. The
 * database is the only state: no side files, no cache to rebuild. Each
 * record is kept as winnow renders it with --explain (the JSON line, so
 * nothing the extractor said is lost and the page shows exactly what the
 * command line would), plus columns copied out of it for filters and
 * sorting. The text is not stored twice: the full-text index (FTS5 with
 * external content) reads it back out of the JSON through a view when it
 * builds a snippet. Near-duplicate clustering is incremental: the MinHash
 * signature and the band, lead, anchor and fingerprint keys of each article
 * (src/dedup/) are rows, the keys indexed, so a new article finds its
 * candidates with a few index look-ups and is verified with the same test
 * as `winnow dedup` (wn_dedup_verify). Schema, versioning and the canonical
 * choice: docs/store.md.
 *
 * Write side (one writer): wn_store_open(.., WN_STORE_CREATE, ..), then
 * wn_store_begin / wn_store_put ... / wn_store_commit per batch. A kill
 * between commits loses the open batch only.
 *
 * Read side (the contract with src/serve/, notes in docs/store.md): search,
 * article, story, summary; each appends JSON (valid UTF-8) to a wn_buf. All
 * SQL uses bound parameters. One wn_store is used by one thread at a time.
 *
 * No global mutable state: everything lives in the wn_store.
 */
#ifndef WN_STORE_H
#define WN_STORE_H

#include "../core/core.h"
#include "winnow.h"

#include <stddef.h>
#include <stdint.h>

typedef struct wn_store wn_store;

typedef enum wn_store_status {
    WN_STORE_OK = 0,
    WN_STORE_NOTFOUND, /* no article / cluster with that id */
    WN_STORE_EQUERY,   /* malformed search query (FTS5 syntax): err says why */
    WN_STORE_EVERSION, /* database schema newer than this winnow, or not a winnow store */
    WN_STORE_EIO       /* cannot open/read/write the database: err says why */
} wn_store_status;

#define WN_STORE_READONLY 1 /* open with SQLITE_OPEN_READONLY (serve, search) */
#define WN_STORE_CREATE 2   /* create the file and schema if missing (ingest) */

/* The schema version this winnow writes (PRAGMA user_version, meta table). */
#define WN_STORE_SCHEMA_VERSION 2

/* err: caller's buffer (errlen bytes) for a one-line message. A writable
 * open upgrades an older winnow store in place (one transaction); a
 * read-only open of an older store is refused (EVERSION) with a message
 * saying to run an ingest on it once. */
wn_store_status wn_store_open(const char *path, int flags, wn_store **out, char *err,
                              size_t errlen);
void wn_store_close(wn_store *s);

/* ---- read side (the contract) ------------------------------------------ */

typedef struct wn_store_query {
    const char *match;     /* FTS5 query; NULL or "" = every article, newest first */
    const char *since;     /* ISO date "YYYY-MM-DD[...]": date_published on/after (NULL: any) */
    const char *publisher; /* case-insensitive equality with publisher or republisher */
    const char *lang;      /* ISO 639-1 (NULL: any) */
    unsigned limit;        /* 0 = 20; at most 1024 hits per call */
    unsigned offset;
    const char *mark_open, *mark_close; /* snippet markers (NULL: "\x02" and "\x03") */
    int literal;           /* 1: match is plain text, searched as one phrase (its
                              words in order; quotes, brackets, colons, stars
                              and operator words are only words) */
} wn_store_query;

/* One JSON object per line for each hit, best first:
 * {"id","title","subtitle","publisher","republisher","date_published",
 *  "language","url","snippet","cluster_id","cluster_size","score"} (absent
 * fields: no value). score = -bm25(title 10, text 1): higher is better.
 * Articles only, never error records. */
wn_store_status wn_store_search(wn_store *s, const wn_store_query *q, wn_buf *out, char *err,
                                size_t errlen);
/* The record as rendered with --explain plus "id", "cluster_id",
 * "cluster_size", "canonical_id", "ingested_at" (one object, no newline). */
wn_store_status wn_store_article(wn_store *s, int64_t id, wn_buf *out);
/* {"cluster_id","size","members":[...]}: the canonical first, then the
 * copies by similarity to it, each with a paragraph-level diff. */
wn_store_status wn_store_story(wn_store *s, int64_t cluster_id, wn_buf *out);
/* {"schema_version","articles","errors","clusters","publishers":[top 50],
 *  "languages":[...]} */
wn_store_status wn_store_summary(wn_store *s, wn_buf *out);

/* ---- write side (winnow ingest) ---------------------------------------- */

typedef enum wn_store_put_kind {
    WN_PUT_INSERTED = 0, /* a new record */
    WN_PUT_EXISTS        /* already stored (same identity and content hash) */
} wn_store_put_kind;

typedef struct wn_store_put_result {
    wn_store_put_kind kind;
    int64_t id;         /* the record's id (new or existing) */
    int64_t cluster_id; /* articles: its cluster (0: error and skip records) */
    int joined;         /* 1: a new article joined an existing cluster */
    int new_canonical;  /* 1: it became that cluster's canonical */
} wn_store_put_result;

/* Opens a write transaction (BEGIN IMMEDIATE). */
wn_store_status wn_store_begin(wn_store *s, char *err, size_t errlen);
/* Stores one record (article, error or skip) unless already stored; its
 * JSON is rendered here with explain. Inside a transaction. */
wn_store_status wn_store_put(wn_store *s, const winnow_doc *d, wn_store_put_result *r,
                             char *err, size_t errlen);
/* Commits the open transaction (the batch is durable once this returns). */
wn_store_status wn_store_commit(wn_store *s, char *err, size_t errlen);

/* ---- internal (shared by the store's .c files) ------------------------- */

struct sqlite3;
struct sqlite3_stmt;
/* Prepares (once, cached in s) statement slot k with sql. NULL on error
 * (message in err). */
struct sqlite3_stmt *wn_store_stmt(wn_store *s, int k, const char *sql, char *err,
                                   size_t errlen);
struct sqlite3 *wn_store_db(wn_store *s);
/* The write side's per-store state (ingest.c): its slot, and its release
 * (called by wn_store_close). */
void **wn_store_writer_slot(wn_store *s);
void wn_store_writer_free(wn_store *s);

#endif
