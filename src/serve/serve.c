/*
 * serve.c — routing, parameter checks and answers of `winnow serve` (the
 * design, thread model and limits are described atop serve.h).
 *
 * Every answer carries the same security headers: a Content-Security-Policy
 * that allows only the binary's own script and style (no inline script, no
 * other origin, no framing), X-Content-Type-Options: nosniff, a
 * Content-Type with its charset, and no Referer leaking to the article
 * links. The JSON comes from the store, which writes valid UTF-8 with every
 * string escaped; the page writes each string as a DOM text node, so an
 * article's markup never becomes markup again.
 */
#include "serve.h"

#include "../core/core.h"
#include "../output/output.h"
#include "../store/store.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

struct wn_serve {
    struct MHD_Daemon *daemon;
    unsigned port;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    wn_store **all;   /* every handle, for closing */
    wn_store **idle;  /* the free ones (a stack) */
    size_t n, nidle;
    /* /api/summary counts every row (seconds on a large store) and every
     * page load asks for it: its answer is kept for SUMMARY_TTL seconds. */
    pthread_mutex_t summary_mu;
    char *summary;
    size_t summary_len;
    struct timespec summary_at;
};

#define SUMMARY_TTL 10

static const char CSP[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
static const char JSON_TYPE[] = "application/json; charset=utf-8";

/* ---- the store handle pool --------------------------------------------- */

static wn_store *pool_take(wn_serve *s)
{
    pthread_mutex_lock(&s->mu);
    while (s->nidle == 0) pthread_cond_wait(&s->cv, &s->mu);
    wn_store *h = s->idle[--s->nidle];
    pthread_mutex_unlock(&s->mu);
    return h;
}

static void pool_give(wn_serve *s, wn_store *h)
{
    pthread_mutex_lock(&s->mu);
    s->idle[s->nidle++] = h;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* ---- answers ------------------------------------------------------------ */

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const char *type,
                              const void *data, size_t len, enum MHD_ResponseMemoryMode mode,
                              int api)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE) free((void *)data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, api ? "no-store" : "no-cache");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Hands the buffer's storage to MHD (freed with free() once sent). */
static enum MHD_Result answer_buf(struct MHD_Connection *c, unsigned status, wn_buf *b)
{
    size_t len = 0;
    wn_buf_cstr(b);
    char *data = wn_buf_detach(b, &len);
    return answer(c, status, JSON_TYPE, data, len, MHD_RESPMEM_MUST_FREE, 1);
}

static enum MHD_Result answer_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_puts(&b, "{\"error\":");
    wn_json_string(&b, msg, strlen(msg));
    wn_buf_printf(&b, ",\"status\":%u}", status);
    return answer_buf(c, status, &b);
}

static enum MHD_Result answer_store_error(struct MHD_Connection *c, wn_store_status st,
                                          const char *err, const char *what)
{
    char msg[600];
    switch (st) {
    case WN_STORE_NOTFOUND:
        snprintf(msg, sizeof msg, "no %s with that id", what);
        return answer_error(c, MHD_HTTP_NOT_FOUND, msg);
    case WN_STORE_EQUERY:
        snprintf(msg, sizeof msg, "malformed query: %s", err && *err ? err : "syntax error");
        return answer_error(c, MHD_HTTP_BAD_REQUEST, msg);
    default:
        snprintf(msg, sizeof msg, "store error: %s", err && *err ? err : "cannot read the database");
        return answer_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, msg);
    }
}

/* ---- parameters ---------------------------------------------------------- */

typedef struct param_error {
    unsigned status;
    char msg[160];
} param_error;

/* The value of query parameter `key` (NULL when absent or empty). Sets
 * pe->status on a value that is too long, holds a NUL byte or is not
 * UTF-8. */
static const char *param(struct MHD_Connection *c, const char *key, size_t max, param_error *pe)
{
    const char *v = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, key, strlen(key), &v, &n) != MHD_YES ||
        !v || n == 0)
        return NULL;
    if (pe->status) return NULL;
    if (n > max) {
        pe->status = MHD_HTTP_BAD_REQUEST;
        snprintf(pe->msg, sizeof pe->msg, "parameter %s is too long (%zu bytes, at most %zu)", key, n,
                 max);
        return NULL;
    }
    if (memchr(v, 0, n) || !wn_utf8_valid(v, n)) {
        pe->status = MHD_HTTP_BAD_REQUEST;
        snprintf(pe->msg, sizeof pe->msg, "parameter %s is not valid UTF-8 text", key);
        return NULL;
    }
    return v;
}

static void bad(param_error *pe, const char *key, const char *why)
{
    if (pe->status) return;
    pe->status = MHD_HTTP_BAD_REQUEST;
    snprintf(pe->msg, sizeof pe->msg, "parameter %s %s", key, why);
}

/* A decimal number of at most 18 digits in [lo, hi]; def when absent. */
static long long param_num(struct MHD_Connection *c, const char *key, long long lo, long long hi,
                           long long def, param_error *pe)
{
    const char *v = param(c, key, 18, pe);
    if (!v) return def;
    long long x = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9') {
            bad(pe, key, "must be a decimal number");
            return def;
        }
        x = x * 10 + (*p - '0');
    }
    if (x < lo || x > hi) {
        char why[80];
        snprintf(why, sizeof why, "must be between %lld and %lld", lo, hi);
        bad(pe, key, why);
        return def;
    }
    return x;
}

/* since: YYYY-MM-DD, optionally followed by a time (digits, T : . + - Z). */
static int valid_since(const char *v)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (v[i] != '-') return 0;
        } else if (v[i] < '0' || v[i] > '9') {
            return 0;
        }
    }
    for (const char *p = v + 10; *p; p++)
        if (!strchr("0123456789T:.+-Z", *p)) return 0;
    return 1;
}

static int valid_lang(const char *v)
{
    size_t n = strlen(v);
    if (n < 2 || n > 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] < 'a' || v[i] > 'z') return 0;
    return 1;
}

/* ---- endpoints ----------------------------------------------------------- */

static enum MHD_Result api_search(wn_serve *s, struct MHD_Connection *c)
{
    param_error pe = {0};
    wn_store_query q;
    memset(&q, 0, sizeof q);
    q.match = param(c, "q", WN_SERVE_MAX_Q, &pe);
    q.since = param(c, "since", WN_SERVE_MAX_FIELD, &pe);
    q.publisher = param(c, "publisher", WN_SERVE_MAX_FIELD, &pe);
    q.lang = param(c, "lang", WN_SERVE_MAX_FIELD, &pe);
    q.limit = (unsigned)param_num(c, "limit", 1, WN_SERVE_MAX_LIMIT, 20, &pe);
    q.offset = (unsigned)param_num(c, "offset", 0, WN_SERVE_MAX_OFFSET, 0, &pe);
    q.literal = (int)param_num(c, "literal", 0, 1, 0, &pe);
    if (q.since && !valid_since(q.since)) bad(&pe, "since", "must be a date YYYY-MM-DD");
    if (q.lang && !valid_lang(q.lang)) bad(&pe, "lang", "must be a language code (2 letters)");
    if (pe.status) return answer_error(c, pe.status, pe.msg);

    wn_buf jsonl, out;
    wn_buf_init(&jsonl);
    char err[512] = "";
    wn_store *h = pool_take(s);
    wn_store_status st = wn_store_search(h, &q, &jsonl, err, sizeof err);
    pool_give(s, h);
    if (st != WN_STORE_OK) {
        wn_buf_free(&jsonl);
        return answer_store_error(c, st, err, "article");
    }
    /* JSONL -> one JSON array */
    wn_buf_init(&out);
    wn_buf_reserve(&out, jsonl.len + 4);
    wn_buf_putc(&out, '[');
    size_t i = 0, items = 0;
    while (i < jsonl.len) {
        const char *line = jsonl.data + i;
        const char *nl = memchr(line, '\n', jsonl.len - i);
        size_t n = nl ? (size_t)(nl - line) : jsonl.len - i;
        i += n + (nl ? 1 : 0);
        if (n == 0) continue;
        if (items++) wn_buf_puts(&out, ",\n");
        wn_buf_append(&out, line, n);
    }
    wn_buf_puts(&out, "]\n");
    wn_buf_free(&jsonl);
    return answer_buf(c, MHD_HTTP_OK, &out);
}

typedef wn_store_status (*by_id_fn)(wn_store *, int64_t, wn_buf *);

static enum MHD_Result api_by_id(wn_serve *s, struct MHD_Connection *c, const char *key,
                                 by_id_fn fn, const char *what)
{
    param_error pe = {0};
    if (!param(c, key, 18, &pe) && !pe.status) {
        char msg[80];
        snprintf(msg, sizeof msg, "parameter %s is required", key);
        return answer_error(c, MHD_HTTP_BAD_REQUEST, msg);
    }
    long long id = param_num(c, key, 1, INT64_MAX / 10, 0, &pe);
    if (pe.status) return answer_error(c, pe.status, pe.msg);
    wn_buf out;
    wn_buf_init(&out);
    wn_store *h = pool_take(s);
    wn_store_status st = fn(h, (int64_t)id, &out);
    pool_give(s, h);
    if (st != WN_STORE_OK) {
        wn_buf_free(&out);
        return answer_store_error(c, st, "", what);
    }
    return answer_buf(c, MHD_HTTP_OK, &out);
}

static enum MHD_Result api_summary(wn_serve *s, struct MHD_Connection *c)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    wn_buf out;
    wn_buf_init(&out);
    pthread_mutex_lock(&s->summary_mu);
    if (s->summary && now.tv_sec - s->summary_at.tv_sec < SUMMARY_TTL)
        wn_buf_append(&out, s->summary, s->summary_len);
    pthread_mutex_unlock(&s->summary_mu);
    if (out.len) return answer_buf(c, MHD_HTTP_OK, &out);

    wn_store *h = pool_take(s);
    wn_store_status st = wn_store_summary(h, &out);
    pool_give(s, h);
    if (st != WN_STORE_OK) {
        wn_buf_free(&out);
        return answer_store_error(c, st, "", "summary");
    }
    char *copy = malloc(out.len);
    if (!copy) wn_oom();
    memcpy(copy, out.data, out.len);
    pthread_mutex_lock(&s->summary_mu);
    free(s->summary);
    s->summary = copy;
    s->summary_len = out.len;
    s->summary_at = now;
    pthread_mutex_unlock(&s->summary_mu);
    return answer_buf(c, MHD_HTTP_OK, &out);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    wn_serve *s = cls;
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
        *upload_data_size = 0; /* a body is not read: the answer closes the exchange */
        return answer_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD are allowed");
    }
    /* The first call only announces the request (its headers are read):
     * answering then would make MHD close the connection after the
     * answer (no keep-alive), so the answer is given on the second call,
     * when the (empty) request body has been read. A GET body is ignored. */
    static const char seen = 1;
    if (!*con_cls) {
        *con_cls = (void *)&seen;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!strcmp(url, "/api/search")) return api_search(s, c);
    if (!strcmp(url, "/api/article")) return api_by_id(s, c, "id", wn_store_article, "article");
    if (!strcmp(url, "/api/story")) return api_by_id(s, c, "cluster", wn_store_story, "story");
    if (!strcmp(url, "/api/summary")) return api_summary(s, c);
    if (!strncmp(url, "/api/", 5)) return answer_error(c, MHD_HTTP_NOT_FOUND, "no such endpoint");
    const wn_serve_asset *a = wn_serve_find_asset(url);
    if (a)
        return answer(c, MHD_HTTP_OK, a->content_type, a->data, a->len, MHD_RESPMEM_PERSISTENT, 0);
    static const char nf[] = "not found\n";
    return answer(c, MHD_HTTP_NOT_FOUND, "text/plain; charset=utf-8", nf, sizeof nf - 1,
                  MHD_RESPMEM_PERSISTENT, 0);
}

/* ---- start / stop -------------------------------------------------------- */

static void close_handles(wn_serve *s)
{
    for (size_t i = 0; i < s->n; i++) wn_store_close(s->all[i]);
    free(s->all);
    free(s->idle);
    free(s->summary);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->summary_mu);
    free(s);
}

int wn_serve_start(const wn_serve_config *cfg, wn_serve **out, char *err, size_t errlen)
{
    *out = NULL;
    unsigned threads = cfg->threads ? cfg->threads : 8;
    if (threads > 64) threads = 64;
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    if (cfg->port > 65535) {
        snprintf(err, errlen, "port %u out of range", cfg->port);
        return -1;
    }

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)cfg->port);
    } else if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)cfg->port);
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "--bind %s: not a numeric IPv4 or IPv6 address", bind);
        return -1;
    }

    wn_serve *s = calloc(1, sizeof *s);
    if (!s) wn_oom();
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->summary_mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->all = calloc(threads, sizeof *s->all);
    s->idle = calloc(threads, sizeof *s->idle);
    if (!s->all || !s->idle) wn_oom();
    for (unsigned i = 0; i < threads; i++) {
        char serr[512] = "";
        wn_store_status st = wn_store_open(cfg->db_path, WN_STORE_READONLY, &s->all[i], serr,
                                           sizeof serr);
        if (st != WN_STORE_OK) {
            snprintf(err, errlen, "%s: %s", cfg->db_path, *serr ? serr : "cannot open the store");
            close_handles(s);
            return -1;
        }
        s->n++;
        s->idle[s->nidle++] = s->all[i];
    }

    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, handle, s,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WN_SERVE_CONN_MEMORY,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections ? cfg->max_connections : 512u,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_seconds ? cfg->timeout_seconds : 15u,
        MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s port %u: %s", bind, cfg->port,
                 errno ? strerror(errno) : "libmicrohttpd refused to start");
        close_handles(s);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *out = s;
    return 0;
}

unsigned wn_serve_port(const wn_serve *s) { return s->port; }

void wn_serve_stop(wn_serve *s)
{
    if (!s) return;
    MHD_stop_daemon(s->daemon);
    close_handles(s);
}
