/*
 * store.c — opening a store: the schema, its version, and upgrades.
 *
 * Versioning. A winnow store says what it is twice: PRAGMA application_id
 * (WN_APP_ID, readable without any table) and the meta table row
 * ('application', 'winnow'); and its schema version twice: PRAGMA
 * user_version and meta ('schema_version', N). Opening:
 *   - a file that is not SQLite, or an SQLite file with tables but without
 *     the winnow marks: refused (EVERSION, "not a winnow store");
 *   - version > WN_STORE_SCHEMA_VERSION: refused, "made by a newer winnow";
 *   - version < current: a writable open runs the migrations in order
 *     (MIGRATIONS[v] takes v to v+1), all in one transaction, so an
 *     interrupted upgrade leaves the old version; a read-only open refuses;
 *   - an empty file (no tables) with WN_STORE_CREATE: the schema is made by
 *     running every migration from version 0 (the empty store), so a new
 *     store and an upgraded one are built by the same code.
 * Version 0 is the store before any table of this winnow existed: an empty
 * database, or one holding only the meta table with the winnow mark (what a
 * creation interrupted before its commit cannot leave, but an older
 * pre-release could); migration 0 -> 1 creates the v1 tables.
 *
 * Statements are prepared once per store and cached by slot (wn_store_stmt).
 */
#include "store.h"

#include "../dedup/dedup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WN_APP_ID 0x574e4f57 /* "WNOW" */
#define NSTMT 48

struct wn_store {
    sqlite3 *db;
    int readonly;
    sqlite3_stmt *stmt[NSTMT];
    void *writer; /* ingest.c */
};

sqlite3 *wn_store_db(wn_store *s) { return s->db; }

sqlite3_stmt *wn_store_stmt(wn_store *s, int k, const char *sql, char *err, size_t errlen)
{
    if (k < 0 || k >= NSTMT) return NULL;
    if (s->stmt[k]) {
        sqlite3_reset(s->stmt[k]);
        sqlite3_clear_bindings(s->stmt[k]);
        return s->stmt[k];
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[k], NULL) !=
        SQLITE_OK) {
        if (err) snprintf(err, errlen, "%s", sqlite3_errmsg(s->db));
        return NULL;
    }
    return s->stmt[k];
}

/* v0 -> v1: the first schema (docs/store.md describes every column). */
static const char MIGRATE_0_1[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "INSERT OR REPLACE INTO meta VALUES('application','winnow');"
    "CREATE TABLE article("
    " id INTEGER PRIMARY KEY,"
    " ident TEXT NOT NULL,"          /* canonical url, else source */
    " content_hash INTEGER NOT NULL," /* xxh3 of the text (errors: of code and message) */
    " kind INTEGER NOT NULL,"        /* 0 article, 1 error, 2 skip */
    " source TEXT, url TEXT, title TEXT, subtitle TEXT, publisher TEXT, republisher TEXT,"
    " date_published TEXT, date_modified TEXT, language TEXT, word_count INTEGER,"
    " is_error INTEGER NOT NULL, error_code TEXT,"
    " date_key INTEGER,"             /* wn_dedup_date_key of date_published */
    " ingested_at TEXT NOT NULL,"
    " cluster_id INTEGER,"           /* articles only */
    " dup_kind TEXT, similarity REAL," /* how it joined its cluster */
    " record TEXT NOT NULL,"         /* the --explain JSON rendering */
    " UNIQUE(ident, content_hash));"
    "CREATE INDEX article_cluster ON article(cluster_id);"
    "CREATE INDEX article_date ON article(date_published);"
    "CREATE INDEX article_recent ON article(kind, date_key, id);" /* newest first */
    "CREATE INDEX article_publisher ON article(publisher COLLATE NOCASE);"
    "CREATE INDEX article_republisher ON article(republisher COLLATE NOCASE);"
    "CREATE TABLE cluster(id INTEGER PRIMARY KEY, canonical_id INTEGER NOT NULL,"
    " size INTEGER NOT NULL, reason TEXT);"
    "CREATE TABLE signature(article_id INTEGER PRIMARY KEY, fp INTEGER NOT NULL,"
    " nums0 INTEGER NOT NULL, nums1 INTEGER NOT NULL, words INTEGER NOT NULL,"
    " shingles INTEGER NOT NULL, sig BLOB);"
    "CREATE TABLE dedup_key(key INTEGER NOT NULL, article_id INTEGER NOT NULL,"
    " PRIMARY KEY(key, article_id)) WITHOUT ROWID;"
    "CREATE VIEW fts_source AS SELECT id, title, json_extract(record, '$.text') AS text"
    " FROM article;"
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='fts_source',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2');";

/* v1 -> v2: the page's filter menus (wn_store_summary) count articles by
 * publisher and by language; indexes led by kind make those counts a scan
 * of a small covering index instead of the whole table (2.0 s -> 0.02 s on
 * 100k articles). The publisher index also serves --publisher. */
static const char MIGRATE_1_2[] =
    "DROP INDEX IF EXISTS article_publisher;"
    "CREATE INDEX article_kind_publisher ON article(kind, publisher COLLATE NOCASE);"
    "CREATE INDEX article_kind_language ON article(kind, language);";

static const char *const MIGRATIONS[WN_STORE_SCHEMA_VERSION] = {MIGRATE_0_1, MIGRATE_1_2};

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

/* one integer from a query without parameters; -1 with err on failure */
static long long query_int(sqlite3 *db, const char *sql, int *rc)
{
    sqlite3_stmt *st;
    long long v = -1;
    *rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (*rc != SQLITE_OK) return -1;
    *rc = sqlite3_step(st);
    if (*rc == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
        *rc = SQLITE_OK;
    } else if (*rc == SQLITE_DONE) {
        v = 0;
        *rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return v;
}

static wn_store_status fail(wn_store *s, wn_store_status st, char *err, size_t errlen,
                            const char *fmt, const char *a, const char *b)
{
    if (err) snprintf(err, errlen, fmt, a, b);
    wn_store_close(s);
    return st;
}

wn_store_status wn_store_open(const char *path, int flags, wn_store **out, char *err,
                              size_t errlen)
{
    *out = NULL;
    wn_store *s = calloc(1, sizeof *s);
    if (!s) wn_oom();
    s->readonly = !!(flags & WN_STORE_READONLY);
    int of = s->readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | ((flags & WN_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    of |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, of, NULL) != SQLITE_OK)
        return fail(s, WN_STORE_EIO, err, errlen, "cannot open %s: %s", path,
                    s->db ? sqlite3_errmsg(s->db) : "out of memory");
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_extended_result_codes(s->db, 0);

    int rc;
    long long tables = query_int(s->db, "SELECT count(*) FROM sqlite_master", &rc);
    if (rc == SQLITE_NOTADB)
        return fail(s, WN_STORE_EVERSION, err, errlen, "%s is not a winnow store (not an SQLite database)%s",
                    path, "");
    if (rc != SQLITE_OK)
        return fail(s, WN_STORE_EIO, err, errlen, "cannot read %s: %s", path, sqlite3_errmsg(s->db));
    long long app = query_int(s->db, "PRAGMA application_id", &rc);
    long long ver = query_int(s->db, "PRAGMA user_version", &rc);
    int has_meta = query_int(s->db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
                             &rc) > 0;
    int marked = 0;
    if (has_meta)
        marked = query_int(s->db, "SELECT count(*) FROM meta WHERE key='application' AND value='winnow'",
                           &rc) > 0;
    if (tables > 0 && app != WN_APP_ID && !marked)
        return fail(s, WN_STORE_EVERSION, err, errlen,
                    "%s is not a winnow store (an SQLite database without winnow's marks)%s", path, "");
    if (tables == 0 && s->readonly)
        return fail(s, WN_STORE_EVERSION, err, errlen, "%s is not a winnow store (an empty database)%s",
                    path, "");
    if (ver > WN_STORE_SCHEMA_VERSION) {
        char v[64];
        snprintf(v, sizeof v, "%lld, this winnow reads up to %d", ver, WN_STORE_SCHEMA_VERSION);
        return fail(s, WN_STORE_EVERSION, err, errlen,
                    "%s was made by a newer winnow (store schema v%s); upgrade winnow", path, v);
    }
    if (ver < WN_STORE_SCHEMA_VERSION && s->readonly) {
        char v[64];
        snprintf(v, sizeof v, "%lld, this winnow uses v%d", ver, WN_STORE_SCHEMA_VERSION);
        return fail(s, WN_STORE_EVERSION, err, errlen,
                    "%s has an older store schema (v%s): run 'winnow ingest --db' on it once to upgrade",
                    path, v);
    }
    if (!s->readonly) {
        char e[256];
        /* 16 KiB pages (set before the first table, i.e. on a new file
         * only): records of 2-3 KB fill them to ~90%, 4 KiB pages hold one
         * such row each. A writer's cache of 64 MiB keeps the key index
         * and the top of the article table in memory. */
        if (tables == 0 && exec(s->db, "PRAGMA page_size=16384;", e, sizeof e))
            return fail(s, WN_STORE_EIO, err, errlen, "cannot set up %s: %s", path, e);
        if (exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                        " PRAGMA cache_size=-65536; PRAGMA journal_size_limit=67108864;", e, sizeof e))
            return fail(s, WN_STORE_EIO, err, errlen, "cannot set WAL mode on %s: %s", path, e);
        if (ver < WN_STORE_SCHEMA_VERSION) {
            if (exec(s->db, "BEGIN IMMEDIATE", e, sizeof e))
                return fail(s, WN_STORE_EIO, err, errlen, "cannot lock %s: %s", path, e);
            /* re-read under the lock: another winnow may have upgraded it */
            ver = query_int(s->db, "PRAGMA user_version", &rc);
            for (long long v = ver; v < WN_STORE_SCHEMA_VERSION; v++) {
                if (exec(s->db, MIGRATIONS[v], e, sizeof e)) {
                    exec(s->db, "ROLLBACK", e + 128, sizeof e - 128);
                    return fail(s, WN_STORE_EIO, err, errlen, "cannot upgrade %s: %s", path, e);
                }
            }
            char sql[512];
            snprintf(sql, sizeof sql,
                     "PRAGMA application_id=%d; PRAGMA user_version=%d;"
                     "INSERT OR REPLACE INTO meta VALUES('schema_version','%d');"
                     "INSERT OR REPLACE INTO meta VALUES('written_by','winnow %s');"
                     "INSERT OR IGNORE INTO meta VALUES('created_at',"
                     " strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now'));"
                     "INSERT OR IGNORE INTO meta VALUES('dedup_params','%d %d %dx%d');",
                     WN_APP_ID, WN_STORE_SCHEMA_VERSION, WN_STORE_SCHEMA_VERSION,
                     winnow_version(), WN_DEDUP_SHINGLE, WN_DEDUP_HASHES, WN_DEDUP_BANDS,
                     WN_DEDUP_ROWS);
            if (exec(s->db, sql, e, sizeof e) || exec(s->db, "COMMIT", e, sizeof e)) {
                exec(s->db, "ROLLBACK", e + 128, sizeof e - 128);
                return fail(s, WN_STORE_EIO, err, errlen, "cannot upgrade %s: %s", path, e);
            }
        }
    }
    *out = s;
    return WN_STORE_OK;
}

void wn_store_close(wn_store *s)
{
    if (!s) return;
    wn_store_writer_free(s);
    for (int k = 0; k < NSTMT; k++) sqlite3_finalize(s->stmt[k]);
    sqlite3_close(s->db);
    free(s);
}

void **wn_store_writer_slot(wn_store *s) { return &s->writer; }
