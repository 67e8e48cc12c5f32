/*
 * serve.h — `winnow serve`: a read-only web page and JSON API over an
 * article store (src/store/store.h).
 *
 * Design: the HTTP protocol is libmicrohttpd's (Debian libmicrohttpd), not
 * ours. This module only routes GET/HEAD requests to four JSON endpoints
 * that are thin wrappers around the store's read API (wn_store_search,
 * wn_store_article, wn_store_story, wn_store_summary) and to the page's
 * three static files, which are compiled into the binary (assets.c is
 * generated at build time from src/serve/page/ by scripts/embed-assets.py).
 * The server writes no SQL and never opens the database for writing.
 *
 * Threads: MHD runs a pool of `threads` worker threads, each serving its
 * connections one request at a time. The server opens one read-only
 * wn_store per worker up front (a store handle is used by one thread at a
 * time); a request takes a free handle from that pool under a mutex and
 * gives it back when its answer is built, so no handle is ever shared by
 * two threads at once. In WAL mode these readers never block an ingest
 * writing to the same database.
 *
 * Limits (all give a clear 4xx, never a hang): request line and headers
 * must fit the per-connection memory pool (MHD answers 414 / 431), idle
 * connections are closed after a timeout, the number of connections is
 * capped, query parameters have maximum lengths (400 with a JSON error),
 * only GET and HEAD are allowed (405). See docs/serve.md.
 */
#ifndef WN_SERVE_H
#define WN_SERVE_H

#include <stddef.h>

typedef struct wn_serve wn_serve;

typedef struct wn_serve_config {
    const char *db_path;  /* the store, opened read-only */
    const char *bind;     /* numeric IPv4 or IPv6 address; NULL: 127.0.0.1 */
    unsigned port;        /* 0: any free port (see wn_serve_port) */
    unsigned threads;     /* worker threads and store handles; 0: 8 */
    unsigned max_connections;     /* 0: 512 */
    unsigned timeout_seconds;     /* idle connection timeout; 0: 15 */
} wn_serve_config;

/* Request limits (bytes). The request line and headers share one
 * per-connection memory pool of WN_SERVE_CONN_MEMORY bytes. */
#define WN_SERVE_CONN_MEMORY (16 * 1024)
#define WN_SERVE_MAX_Q 1024
#define WN_SERVE_MAX_FIELD 256   /* publisher, since, lang */
#define WN_SERVE_MAX_LIMIT 100
#define WN_SERVE_MAX_OFFSET 10000

/* Opens the store handles and starts listening. Returns 0, or -1 with a
 * one-line reason in err. */
int wn_serve_start(const wn_serve_config *cfg, wn_serve **out, char *err, size_t errlen);
/* The port actually bound (useful with port 0). */
unsigned wn_serve_port(const wn_serve *s);
/* Stops listening, waits for the workers, closes the store handles. */
void wn_serve_stop(wn_serve *s);

/* ---- internal to src/serve/ -------------------------------------------- */

typedef struct wn_serve_asset {
    const char *path;          /* "/", "/app.js", ... */
    const char *content_type;  /* with charset */
    const unsigned char *data;
    size_t len;
} wn_serve_asset;

/* The page's files (generated assets.c); NULL when path is not one. */
const wn_serve_asset *wn_serve_find_asset(const char *path);

#endif
