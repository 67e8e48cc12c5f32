/*
 * stream.c — inputs into documents, in order, on as many cores as asked.
 *
 * An input is opened as a byte source (input/source.c: file, stdin or
 * memory, gzip undone on the fly) and sniffed from its first bytes:
 *   - WARC archives and JSON Lines are streamed record by record, so their
 *     size is not bounded by memory (only each record is);
 *   - everything else (an HTML page, a text file, one JSON document, a
 *     feed) is read whole, up to the input limit, and split into documents.
 * "Producing" a document (splitting the input, parsing a JSONL line, reading
 * a WARC record) happens in the caller's thread; extracting it (the
 * pipeline) happens in worker threads when more than one is configured. A
 * ring of in-flight documents keeps the workers busy while results are
 * handed back strictly in input order.
 *
 * Accounting rule: every input record yields exactly one document — an
 * article, an error record, or a skip record (returned only when asked
 * for, always counted). An unreadable file, a damaged gzip stream, an
 * empty or binary input each yield an error record naming the source.
 *
 * Ranges (winnow_stream_open_range): one large JSON Lines file is split
 * between processes at line starts. A JSONL file is read line by line and
 * a line's records depend on that line alone, so a range read on its own
 * gives exactly the records the whole file gives for those lines; only the
 * numbering ("path#N") needs the count of records before the range, which
 * winnow_stream_count finds by reading without extracting (the JSON is
 * parsed, since one line may hold several records, but no record is
 * filled or cleaned). The file's kind is still sniffed from its head, so a
 * range that starts with odd lines is read as the whole file would read it.
 */
#include "lib.h"

#include "../input/feeds.h"
#include "../input/input.h"
#include "../input/warc.h"
#include "../meta/meta.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum mode { M_WHOLE, M_JSONL, M_WARC, M_FEED };
enum slot_state { S_EMPTY, S_QUEUED, S_RUNNING, S_DONE };

#define HEAD_BYTES 65536
#define MAX_REASONS 32

typedef struct slot {
    wn_doc *d;
    int state;
} slot;

struct winnow_stream {
    const winnow_options *o;
    char *source;
    wn_source *src;
    char *src_mem; /* memory streams: the bytes a streamed source reads */
    enum mode mode;
    int done; /* the producer has nothing more */
    /* an error for the input itself (unreadable, too large, ...) */
    const char *err_code;
    char err_msg[256];
    int err_pending;
    /* whole-input mode */
    char *data;
    size_t len, pos;
    wn_kind kind;
    int whole_emitted;
    /* JSON walking (whole JSON documents and JSONL lines) */
    wn_arena json_arena;
    wn_ptrvec records;
    size_t next_record;
    int jsonl_lines; /* whole mode: the input is JSON Lines held in memory */
    /* JSONL streaming */
    char *chunk;
    size_t cpos, clen;
    int src_end;
    wn_buf line;
    int line_too_long;
    /* WARC */
    wn_warc *warc;
    unsigned long long header_warnings; /* header lines skipped, summed */
    /* feeds */
    wn_feed *feed;
    size_t feed_next;
    /* numbering and counts */
    int counting;     /* winnow_stream_count: records are counted, not filled */
    size_t doc_index; /* the last record's number (a range starts after its first_record) */
    int multi;
    winnow_stats stats;
    char *skip_reason[MAX_REASONS];
    unsigned long long skip_count[MAX_REASONS];
    size_t nreasons;
    /* workers */
    int nthreads;
    pthread_t *threads;
    int started, stopping;
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    slot *ring;
    size_t cap, head, count;
};

/* ---- helpers ----------------------------------------------------------- */

static wn_doc *new_doc(winnow_stream *s)
{
    s->doc_index++;
    wn_doc *d = wn_doc_new(NULL);
    if (s->multi)
        d->field[WINNOW_FIELD_SOURCE] = wn_arena_printf(&d->arena, "%s#%zu", s->source,
                                                       s->doc_index);
    else
        d->field[WINNOW_FIELD_SOURCE] = wn_arena_strdup(&d->arena, s->source);
    return d;
}

static wn_doc *error_doc(winnow_stream *s, const char *code, const char *msg)
{
    wn_doc *d = new_doc(s);
    wn_doc_set_error(d, code, "%s", msg);
    return d;
}

static size_t skip_space(const char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t' ||
                     p[i] == '\f'))
        i++;
    return i;
}

/* JSON Lines? Most of the first non-empty lines (up to 10) start with '{'
 * or '[' and end with '}' or ']' (a last line cut by the peek window does
 * not count against). */
static int detect_jsonl(const char *p, size_t n, int complete)
{
    size_t i = 0, lines = 0, shaped = 0;
    while (i < n && lines < 10) {
        const char *nl = memchr(p + i, '\n', n - i);
        if (!nl && !complete) {
            /* the window ends inside a line: after whole record lines, a
             * line that opens like a record counts as one (records with
             * their full text run to many KiB a line) */
            size_t a = skip_space(p, i, n);
            if (lines && a < n && (p[a] == '{' || p[a] == '[')) lines++, shaped++;
            break;
        }
        size_t e = nl ? (size_t)(nl - p) : n, a = skip_space(p, i, e), b = e;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\r' || p[b - 1] == '\t')) b--;
        if (b > a) {
            lines++;
            if ((p[a] == '{' || p[a] == '[') && (p[b - 1] == '}' || p[b - 1] == ']')) shaped++;
        }
        i = e + 1;
    }
    return lines >= 2 && shaped * 2 > lines;
}

/* after a broken JSON value: resume at the next line that starts a value */
static size_t resync(const char *p, size_t from, size_t n)
{
    size_t i = from;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        if (!nl) return n;
        i = (size_t)(nl - p) + 1;
        size_t j = skip_space(p, i, n);
        if (j < n && (p[j] == '{' || p[j] == '[')) return j;
    }
    return n;
}

/* ---- opening ----------------------------------------------------------- */

static void input_error(winnow_stream *s, const char *code, const char *msg)
{
    s->err_code = code;
    snprintf(s->err_msg, sizeof s->err_msg, "%s", msg);
    s->err_pending = 1;
}

/* reads the whole (decompressed) input, up to the input limit */
static void read_whole(winnow_stream *s)
{
    wn_buf b;
    wn_buf_init(&b);
    char *tmp = malloc(HEAD_BYTES);
    if (!tmp) abort();
    long n;
    while ((n = wn_source_read(s->src, tmp, HEAD_BYTES)) > 0) {
        if (b.len + (size_t)n > s->o->max_input_bytes) {
            char msg[128];
            snprintf(msg, sizeof msg, "input is larger than the %zu byte limit",
                     s->o->max_input_bytes);
            input_error(s, "too_large", msg);
            break;
        }
        wn_buf_append(&b, tmp, (size_t)n);
    }
    free(tmp);
    if (n < 0 && !s->err_pending) {
        const char *e = wn_source_error(s->src);
        input_error(s, wn_source_is_gzip(s->src) ? "invalid_gzip" : "unreadable",
                    e ? e : "read error");
    }
    s->len = b.len;
    s->data = wn_buf_detach(&b, NULL);
    if (s->err_pending) return;
    switch (s->o->input) {
    case WINNOW_INPUT_JSON: s->kind = WN_KIND_JSON; break;
    case WINNOW_INPUT_TEXT: s->kind = WN_KIND_TEXT; break;
    case WINNOW_INPUT_HTML: s->kind = WN_KIND_HTML; break;
    default: s->kind = wn_detect(s->data, s->len); break;
    }
    if (s->kind != WN_KIND_EMPTY && wn_detect(s->data, s->len) == WN_KIND_EMPTY)
        s->kind = WN_KIND_EMPTY; /* a forced input kind does not make nothing something */
    if (s->kind == WN_KIND_BINARY && s->o->input == WINNOW_INPUT_AUTO &&
        wn_feed_sniff(s->data, s->len))
        s->kind = WN_KIND_TEXT; /* a UTF-16 feed without BOM, an EBCDIC one: the feed reader decodes it */
    if (s->kind == WN_KIND_EMPTY) input_error(s, "empty_input", "input is empty");
    else if (s->kind == WN_KIND_BINARY)
        input_error(s, "binary_input", "input is binary data, not text, HTML or JSON");
    else if (s->kind == WN_KIND_JSON)
        s->jsonl_lines = detect_jsonl(s->data, s->len, 1);
}

static long warc_read(void *ctx, void *buf, size_t n)
{
    return wn_source_read_raw(ctx, buf, n);
}

/* how an input is read, from its first (decompressed) bytes: a WARC
 * archive or JSON Lines are streamed, anything else is read whole */
static enum mode head_mode(const winnow_options *o, wn_source *src)
{
    static const size_t HEAD_PEEK = 65536; /* what one read of the source holds */
    char *head = malloc(HEAD_PEEK);
    if (!head) abort();
    size_t hn = wn_source_peek(src, head, HEAD_PEEK);
    size_t i = skip_space(head, 0, hn);
    int auto_kind = o->input == WINNOW_INPUT_AUTO;
    enum mode m = M_WHOLE;
    /* WARC/1.x, and the drafts before the standard (ClueWeb09: WARC/0.18) */
    if (auto_kind && hn - i >= 8 && memcmp(head + i, "WARC/", 5) == 0 &&
        (head[i + 5] == '1' || head[i + 5] == '0') && head[i + 6] == '.' &&
        head[i + 7] >= '0' && head[i + 7] <= '9')
        m = M_WARC;
    else if ((auto_kind || o->input == WINNOW_INPUT_JSON) && detect_jsonl(head, hn, 0))
        m = M_JSONL;
    free(head);
    return m;
}

static void jsonl_setup(winnow_stream *s)
{
    s->mode = M_JSONL;
    s->multi = 1;
    s->chunk = malloc(HEAD_BYTES);
    if (!s->chunk) abort();
    wn_buf_init(&s->line);
}

static void stream_open(winnow_stream *s)
{
    enum mode m = head_mode(s->o, s->src);
    int auto_kind = s->o->input == WINNOW_INPUT_AUTO;
    if (m == M_WARC) {
        s->mode = M_WARC;
        s->multi = 1;
        s->warc = wn_warc_new(warc_read, s->src, s->o->max_doc_bytes);
        if (!s->warc) abort();
        return;
    }
    if (m == M_JSONL) {
        jsonl_setup(s);
        return;
    }
    s->mode = M_WHOLE;
    read_whole(s);
    if (!s->err_pending && auto_kind && wn_feed_sniff(s->data, s->len)) {
        const char *err = NULL;
        s->feed = wn_feed_parse(&s->json_arena, s->data, s->len, s->o->max_depth, &err);
        if (s->feed) {
            s->mode = M_FEED;
            s->multi = wn_feed_count(s->feed) > 1;
            if (wn_feed_count(s->feed) == 0)
                input_error(s, "no_payload", "feed has no items");
        }
    }
}

static winnow_stream *stream_new(const winnow_options *o, const char *source)
{
    winnow_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->o = o;
    s->source = strdup(source ? source : "-");
    if (!s->source) {
        free(s);
        return NULL;
    }
    wn_arena_init(&s->json_arena);
    s->stats.bytes_total = -1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    s->nthreads = o->threads > 0 ? o->threads : (cpus > 0 ? (int)cpus : 1);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->work, NULL);
    pthread_cond_init(&s->finished, NULL);
    return s;
}

winnow_status winnow_stream_open_memory(const winnow_options *o, const void *data, size_t len,
                                        const char *source, winnow_stream **out)
{
    if (!o || !out || (!data && len)) return WINNOW_ERR_ARG;
    winnow_stream *s = stream_new(o, source);
    if (!s) return WINNOW_ERR_ARG;
    /* the stream keeps its own copy: the caller's buffer may go away */
    s->data = malloc(len + 1);
    if (!s->data) {
        winnow_stream_free(s);
        return WINNOW_ERR_LIMIT;
    }
    if (len) memcpy(s->data, data, len);
    s->data[len] = 0;
    s->src = wn_source_open_memory(s->data, len);
    if (!s->src) abort();
    char *copy = s->data; /* read_whole replaces s->data */
    s->stats.bytes_total = (long long)len;
    stream_open(s);
    if (s->data != copy) {
        /* whole mode re-read the bytes (gunzipped): the copy can go, but the
         * source still points at it until closed */
        wn_source_close(s->src);
        s->src = NULL;
        free(copy);
    } else {
        s->data = NULL; /* streamed modes read through the source */
        s->src_mem = copy;
    }
    *out = s;
    return WINNOW_OK;
}

winnow_status winnow_stream_open_file(const winnow_options *o, const char *path,
                                      winnow_stream **out)
{
    if (!o || !path || !out) return WINNOW_ERR_ARG;
    winnow_stream *s = stream_new(o, path);
    if (!s) return WINNOW_ERR_ARG;
    *out = s;
    const char *err = NULL;
    s->src = wn_source_open_file(path, &err);
    if (!s->src) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open input: %s", err);
        input_error(s, "unreadable", msg);
        s->mode = M_WHOLE;
        return WINNOW_OK;
    }
    s->stats.bytes_total = wn_source_size(s->src);
    stream_open(s);
    return WINNOW_OK;
}

static wn_doc *produce(winnow_stream *s);

winnow_status winnow_stream_open_range(const winnow_options *o, const char *path,
                                       unsigned long long offset, unsigned long long length,
                                       unsigned long long first_record, winnow_stream **out)
{
    if (!o || !path || !out || strcmp(path, "-") == 0) return WINNOW_ERR_ARG;
    *out = NULL;
    /* what the file is, decided from its head as winnow_stream_open_file
     * decides it (and without reading more): only a plain JSON Lines file
     * is read line by line, so only such a file has ranges that mean the
     * same as the whole */
    const char *err = NULL;
    wn_source *head = wn_source_open_file(path, &err);
    if (!head) return WINNOW_ERR_IO;
    int jsonl = !wn_source_is_gzip(head) && head_mode(o, head) == M_JSONL;
    wn_source_close(head);
    if (!jsonl) return WINNOW_ERR_ARG;
    wn_source *src = wn_source_open_file_range(path, offset, length, &err);
    if (!src) return WINNOW_ERR_ARG;
    winnow_stream *s = stream_new(o, path);
    if (!s) {
        wn_source_close(src);
        return WINNOW_ERR_ARG;
    }
    s->src = src;
    jsonl_setup(s); /* as the file's head decided, whatever the range starts with */
    s->stats.bytes_total = wn_source_size(s->src);
    s->doc_index = (size_t)first_record;
    *out = s;
    return WINNOW_OK;
}

winnow_status winnow_stream_count(winnow_stream *s, unsigned long long *records)
{
    if (!s || !records || s->started) return WINNOW_ERR_ARG;
    s->counting = 1;
    wn_doc *d;
    while ((d = produce(s)) != NULL) winnow_doc_free(d);
    if (s->src) s->stats.bytes_read = wn_source_raw_bytes(s->src);
    *records = s->stats.records;
    return WINNOW_OK;
}

/* ---- producing documents ------------------------------------------------ */

static void count_skip(winnow_stream *s, const char *reason)
{
    s->stats.skipped++;
    for (size_t i = 0; i < s->nreasons; i++)
        if (strcmp(s->skip_reason[i], reason) == 0) {
            s->skip_count[i]++;
            return;
        }
    if (s->nreasons < MAX_REASONS) {
        char *copy = strdup(reason); /* the document holding it goes away */
        if (!copy) abort();
        s->skip_reason[s->nreasons] = copy;
        s->skip_count[s->nreasons++] = 1;
    }
}

/* one JSON value (a whole document, or a line) into s->records; 0, or -1
 * with *diag saying why */
static int json_value(winnow_stream *s, const char *p, size_t n, size_t *consumed,
                      wn_json_diag *diag)
{
    wn_arena_release(&s->json_arena);
    memset(&s->records, 0, sizeof s->records);
    s->next_record = 0;
    memset(diag, 0, sizeof *diag);
    wn_json *v = wn_json_parse(&s->json_arena, p, n, s->o->max_depth, consumed, diag);
    if (!v) return -1;
    wn_records_collect(&s->json_arena, v, s->o->max_depth, &s->records);
    return 0;
}

/* the error document for a value that failed or held no record */
static wn_doc *json_error(winnow_stream *s, int rc, const wn_json_diag *diag, size_t base)
{
    wn_doc *d = new_doc(s);
    if (rc < 0)
        wn_doc_set_error(d, diag->too_deep ? "too_deep" : "invalid_json", "%s at byte %zu",
                         diag->error ? diag->error : "invalid JSON", base + diag->error_offset);
    else
        wn_doc_set_error(d, "no_payload", "JSON value holds no record with article text");
    return d;
}

static wn_doc *next_record_doc(winnow_stream *s)
{
    const wn_record *rec = s->records.v[s->next_record++];
    wn_doc *d = new_doc(s);
    if (!s->counting) wn_record_to_doc(d, rec, s->o->max_doc_bytes, s->o->max_depth);
    return d;
}

static wn_doc *produce_whole(winnow_stream *s)
{
    if (s->kind != WN_KIND_JSON) {
        if (s->whole_emitted) return NULL;
        s->whole_emitted = 1;
        wn_doc *d = new_doc(s);
        if (s->len > s->o->max_doc_bytes) {
            wn_doc_set_error(d, "too_large", "document is %zu bytes, limit is %zu", s->len,
                             s->o->max_doc_bytes);
        } else {
            d->payload = s->data; /* lives as long as the stream */
            d->payload_len = s->len;
            d->payload_is_html = s->kind == WN_KIND_HTML;
        }
        return d;
    }
    for (;;) {
        if (s->next_record < s->records.n) return next_record_doc(s);
        size_t i = skip_space(s->data, s->pos, s->len);
        if (i >= s->len) return NULL;
        size_t end = s->len;
        if (s->jsonl_lines) {
            const char *nl = memchr(s->data + i, '\n', s->len - i);
            if (nl) end = (size_t)(nl - s->data);
        }
        size_t consumed = 0;
        wn_json_diag diag;
        int rc = json_value(s, s->data + i, end - i, &consumed, &diag);
        if (s->pos == 0) {
            /* records are numbered when the input holds more than one */
            size_t after = rc == 0 ? skip_space(s->data, i + consumed, s->len) : s->len;
            s->multi = s->jsonl_lines || after < s->len || s->records.n > 1 ||
                       (rc < 0 && resync(s->data, i, s->len) < s->len);
        }
        if (rc < 0) {
            s->pos = s->jsonl_lines ? end : resync(s->data, i, s->len);
            if (s->pos == 0) s->pos = s->len;
            return json_error(s, rc, &diag, i);
        }
        s->pos = s->jsonl_lines ? end : i + consumed;
        if (s->records.n == 0) return json_error(s, 0, &diag, i);
    }
}

/* next line of a streamed JSONL input into s->line; 0 at the end */
static int read_line(winnow_stream *s)
{
    wn_buf_clear(&s->line);
    s->line_too_long = 0;
    int any = 0;
    for (;;) {
        if (s->cpos >= s->clen) {
            if (s->src_end) return any;
            long n = wn_source_read(s->src, s->chunk, HEAD_BYTES);
            if (n <= 0) {
                s->src_end = 1;
                if (n < 0) {
                    const char *e = wn_source_error(s->src);
                    input_error(s, wn_source_is_gzip(s->src) ? "invalid_gzip" : "unreadable",
                                e ? e : "read error");
                    return 0; /* the partial line is the damaged record */
                }
                return any;
            }
            s->cpos = 0;
            s->clen = (size_t)n;
        }
        any = 1;
        const char *p = s->chunk + s->cpos;
        const char *nl = memchr(p, '\n', s->clen - s->cpos);
        size_t take = nl ? (size_t)(nl - p) : s->clen - s->cpos;
        if (!s->line_too_long) {
            if (s->line.len + take > s->o->max_doc_bytes + 4096) {
                s->line_too_long = 1;
                wn_buf_clear(&s->line);
            } else {
                wn_buf_append(&s->line, p, take);
            }
        }
        s->cpos += take + (nl ? 1 : 0);
        if (nl) return 1;
    }
}

static wn_doc *produce_jsonl(winnow_stream *s)
{
    for (;;) {
        if (s->next_record < s->records.n) return next_record_doc(s);
        if (!read_line(s)) return NULL;
        if (s->line_too_long) {
            wn_doc *d = new_doc(s);
            wn_doc_set_error(d, "too_large", "line is longer than the %zu byte limit",
                             s->o->max_doc_bytes);
            return d;
        }
        size_t i = skip_space(s->line.data, 0, s->line.len);
        if (i >= s->line.len) continue; /* blank line: not a record */
        size_t consumed;
        wn_json_diag diag;
        int rc = json_value(s, s->line.data + i, s->line.len - i, &consumed, &diag);
        if (rc < 0 || s->records.n == 0) return json_error(s, rc, &diag, 0);
    }
}

/* a header value as a field: header bytes are not promised UTF-8, fields
 * are; NULL when absent or blank */
static const char *header_field(wn_doc *d, const char *v)
{
    if (!v) return NULL;
    size_t n;
    char *t = wn_normalize_space(&d->arena, v, strlen(v), &n);
    return n ? t : NULL;
}

/* Provenance of an archive record, on articles, errors and skips alike:
 * what was fetched, when, under which record id (the canonical url is
 * decided later, from the page) */
static void warc_provenance(wn_doc *d, const wn_warc_record *r)
{
    const char **f = d->field;
    f[WINNOW_FIELD_FETCH_URL] = header_field(d, r->target_uri);
    f[WINNOW_FIELD_WARC_TREC_ID] = header_field(d, r->trec_id);
    f[WINNOW_FIELD_WARC_RECORD_ID] = header_field(d, r->record_id);
    if (!f[WINNOW_FIELD_WARC_RECORD_ID]) f[WINNOW_FIELD_WARC_RECORD_ID] = f[WINNOW_FIELD_WARC_TREC_ID];
    char iso[32];
    if (r->date && wn_parse_date(r->date, strlen(r->date), 1, iso)) {
        f[WINNOW_FIELD_FETCH_DATE] = wn_arena_strdup(&d->arena, iso);
        d->hints.fetch_date = f[WINNOW_FIELD_FETCH_DATE];
    }
    /* a record cut short (WARC-Truncated, the end of the archive, or an
     * HTTP body that stops early) keeps what there is, and says so */
    f[WINNOW_FIELD_TRUNCATED] = header_field(d, r->truncated);
    if (!f[WINNOW_FIELD_TRUNCATED] && r->payload_truncated) f[WINNOW_FIELD_TRUNCATED] = "payload";
}

static wn_doc *produce_warc(winnow_stream *s)
{
    for (;;) {
        wn_warc_record r;
        int rc = wn_warc_next(s->warc, &r);
        if (rc == 0) return NULL;
        wn_doc *d = new_doc(s);
        warc_provenance(d, &r);
        s->header_warnings += r.header_warnings;
        if (rc < 0) {
            wn_doc_set_error(d, "invalid_warc", "%s", r.error ? r.error : "damaged WARC record");
            return d;
        }
        const char *type = wn_warc_type_name(r.type);
        /* conversion records hold extracted text (Common Crawl WET) */
        int content = r.type == WN_WARC_RESPONSE || r.type == WN_WARC_RESOURCE ||
                      r.type == WN_WARC_CONVERSION;
        int is_text = r.type == WN_WARC_CONVERSION && !r.is_html && r.media_type &&
                      strncmp(r.media_type, "text/", 5) == 0;
        if (!content) {
            wn_doc_set_skip(d, type, "WARC %s record", type);
        } else if (r.too_large) {
            wn_doc_set_error(d, "too_large", "WARC record larger than the %zu byte limit",
                             s->o->max_doc_bytes);
        } else if (r.payload_too_large) {
            wn_doc_set_error(d, "too_large", "decoded HTTP body larger than the %zu byte limit",
                             s->o->max_doc_bytes);
        } else if (r.payload_error && !r.payload_truncated) {
            wn_doc_set_error(d, "invalid_http", "%s", r.payload_error);
        } else if (!r.is_html && !is_text) {
            wn_doc_set_skip(d, "not_html", "WARC %s record with %s content", type,
                            r.media_type ? r.media_type : "unknown");
        } else if (r.http_status && (r.http_status < 200 || r.http_status >= 300)) {
            wn_doc_set_skip(d, "http_status", "HTTP status %d", r.http_status);
        } else {
            d->payload = wn_arena_strndup(&d->arena, r.payload, r.payload_len);
            d->payload_len = r.payload_len;
            d->payload_is_html = r.is_html;
            wn_hints *h = &d->hints;
            if (d->field[WINNOW_FIELD_FETCH_URL]) {
                h->url = d->field[WINNOW_FIELD_FETCH_URL];
                h->url_src = "warc";
            }
            if (r.charset) h->charset = wn_arena_strdup(&d->arena, r.charset);
        }
        if (d->is_skip) {
            count_skip(s, d->field[WINNOW_FIELD_ERROR_CODE]);
            if (!s->o->skipped) {
                s->stats.records++; /* counted here: produce() never sees it */
                winnow_doc_free(d);
                continue;
            }
        }
        return d;
    }
}

static wn_doc *produce_feed(winnow_stream *s)
{
    if (s->feed_next >= wn_feed_count(s->feed)) return NULL;
    wn_doc *d = new_doc(s);
    wn_feed_item_to_doc(s->feed, s->feed_next++, d);
    return d;
}

/* the next document, ready for the pipeline (or already an error), or
 * NULL at the end */
static wn_doc *produce(winnow_stream *s)
{
    if (s->done) return NULL;
    wn_doc *d = NULL;
    if (!s->err_pending || s->mode != M_WHOLE) {
        switch (s->mode) {
        case M_WHOLE: d = s->err_pending ? NULL : produce_whole(s); break;
        case M_JSONL: d = produce_jsonl(s); break;
        case M_WARC: d = produce_warc(s); break;
        case M_FEED: d = produce_feed(s); break;
        }
    }
    if (!d && s->err_pending) {
        /* damage to the input itself ends it: one error record, then done */
        s->err_pending = 0;
        s->done = 1;
        d = error_doc(s, s->err_code, s->err_msg);
    }
    if (!d) {
        s->done = 1;
        return NULL;
    }
    s->stats.records++; /* skips are counted when produced, the rest when done */
    return d;
}

/* ---- workers ------------------------------------------------------------ */

static void *worker(void *arg)
{
    winnow_stream *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        slot *job = NULL;
        for (size_t k = 0; k < s->count; k++) {
            slot *sl = &s->ring[(s->head + k) % s->cap];
            if (sl->state == S_QUEUED) {
                job = sl;
                break;
            }
        }
        if (!job) {
            if (s->stopping) break;
            pthread_cond_wait(&s->work, &s->mu);
            continue;
        }
        job->state = S_RUNNING;
        wn_doc *d = job->d;
        pthread_mutex_unlock(&s->mu);
        wn_run_pipeline(s->o, d);
        pthread_mutex_lock(&s->mu);
        job->state = S_DONE;
        pthread_cond_broadcast(&s->finished);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static int start_workers(winnow_stream *s)
{
    s->cap = (size_t)s->nthreads * 8 + 8;
    s->ring = calloc(s->cap, sizeof *s->ring);
    s->threads = calloc((size_t)s->nthreads, sizeof *s->threads);
    if (!s->ring || !s->threads) abort();
    int made = 0;
    for (int i = 0; i < s->nthreads; i++)
        if (pthread_create(&s->threads[i], NULL, worker, s) == 0) made++;
    s->nthreads = made;
    s->started = 1;
    return made > 0;
}

static void stop_workers(winnow_stream *s)
{
    if (!s->started) return;
    pthread_mutex_lock(&s->mu);
    s->stopping = 1;
    pthread_cond_broadcast(&s->work);
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < s->nthreads; i++) pthread_join(s->threads[i], NULL);
    for (size_t k = 0; k < s->count; k++) winnow_doc_free(s->ring[(s->head + k) % s->cap].d);
    free(s->ring);
    free(s->threads);
    s->started = 0;
}

static void account(winnow_stream *s, const wn_doc *d)
{
    if (d->is_skip) return; /* counted when produced */
    if (d->is_error) s->stats.errors++;
    else s->stats.articles++;
}

winnow_status winnow_stream_next(winnow_stream *s, winnow_doc **doc)
{
    if (!s || !doc) return WINNOW_ERR_ARG;
    *doc = NULL;
    /* one document (a page, a text file): no workers to start */
    int single = s->mode == M_WHOLE && s->kind != WN_KIND_JSON;
    if (s->nthreads <= 1 || single || (!s->started && !start_workers(s))) {
        wn_doc *d = produce(s);
        if (s->src) s->stats.bytes_read = wn_source_raw_bytes(s->src);
        if (!d) return WINNOW_END;
        wn_run_pipeline(s->o, d);
        account(s, d);
        *doc = d;
        return WINNOW_OK;
    }
    /* keep the ring full, then wait for the oldest */
    pthread_mutex_lock(&s->mu);
    while (s->count < s->cap && !s->done) {
        pthread_mutex_unlock(&s->mu);
        wn_doc *d = produce(s);
        pthread_mutex_lock(&s->mu);
        if (!d) break;
        slot *sl = &s->ring[(s->head + s->count) % s->cap];
        sl->d = d;
        sl->state = S_QUEUED;
        s->count++;
        pthread_cond_signal(&s->work);
    }
    if (s->src) s->stats.bytes_read = wn_source_raw_bytes(s->src);
    if (s->count == 0) {
        pthread_mutex_unlock(&s->mu);
        return WINNOW_END;
    }
    slot *first = &s->ring[s->head];
    while (first->state != S_DONE) {
        /* rather than sleep, extract a queued document here too: the
         * reading thread is then never idle while work is waiting */
        slot *job = NULL;
        for (size_t k = 0; k < s->count && !job; k++) {
            slot *sl = &s->ring[(s->head + k) % s->cap];
            if (sl->state == S_QUEUED) job = sl;
        }
        if (!job) {
            pthread_cond_wait(&s->finished, &s->mu);
            continue;
        }
        job->state = S_RUNNING;
        pthread_mutex_unlock(&s->mu);
        wn_run_pipeline(s->o, job->d);
        pthread_mutex_lock(&s->mu);
        job->state = S_DONE;
        pthread_cond_broadcast(&s->finished);
    }
    wn_doc *d = first->d;
    first->d = NULL;
    first->state = S_EMPTY;
    s->head = (s->head + 1) % s->cap;
    s->count--;
    pthread_mutex_unlock(&s->mu);
    account(s, d);
    *doc = d;
    return WINNOW_OK;
}

void winnow_stream_free(winnow_stream *s)
{
    if (!s) return;
    stop_workers(s);
    if (s->warc) wn_warc_free(s->warc);
    wn_source_close(s->src);
    free(s->src_mem);
    wn_arena_release(&s->json_arena);
    wn_buf_free(&s->line);
    free(s->chunk);
    free(s->data);
    free(s->source);
    for (size_t i = 0; i < s->nreasons; i++) free(s->skip_reason[i]);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->work);
    pthread_cond_destroy(&s->finished);
    free(s);
}

void winnow_stream_stats(const winnow_stream *s, winnow_stats *st)
{
    if (!s || !st) return;
    *st = s->stats;
}

unsigned long long winnow_stream_header_warnings(const winnow_stream *s)
{
    return s ? s->header_warnings : 0;
}

size_t winnow_stream_skip_reason(const winnow_stream *s, size_t i, const char **reason,
                                 unsigned long long *count)
{
    if (!s) return 0;
    if (i < s->nreasons) {
        if (reason) *reason = s->skip_reason[i];
        if (count) *count = s->skip_count[i];
    }
    return s->nreasons;
}

winnow_status winnow_process(const winnow_options *o, const void *data, size_t len,
                             const char *source, winnow_doc **doc)
{
    if (!doc) return WINNOW_ERR_ARG;
    *doc = NULL;
    winnow_stream *s;
    winnow_status st = winnow_stream_open_memory(o, data, len, source, &s);
    if (st != WINNOW_OK) return st;
    s->nthreads = 1; /* one document: no workers */
    st = winnow_stream_next(s, doc);
    winnow_stream_free(s);
    return st == WINNOW_END ? WINNOW_ERR_ARG : st;
}
