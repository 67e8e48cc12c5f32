/*
 * winnow.c — the public API: options, streams, documents.
 *
 * A stream owns its input bytes (read whole, gunzipped) and walks them:
 * a text or HTML input is one document; a JSON input is parsed one
 * top-level value at a time (so a JSONL dump with a broken line yields an
 * error record for that line and goes on with the next), and each value's
 * records are handed out one by one. Every document goes through the same
 * pipeline: payload -> blocks (input/dom) -> clean -> meta; rendering is
 * separate (output) so callers can read fields without it.
 *
 * Accounting rule: every input record yields exactly one winnow_doc. An
 * unreadable file, a damaged gzip stream, an empty or binary input each
 * yield one error record naming the source and the reason.
 */
#include "winnow.h"

#include "../clean/clean.h"
#include "../dom/dom.h"
#include "../input/input.h"
#include "../meta/meta.h"
#include "../output/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct winnow_options {
    winnow_format format;
    winnow_input input;
    int explain;
    size_t max_doc_bytes, max_input_bytes;
    int max_depth;
    wn_rules *rules;
};

const char *winnow_version(void) { return WINNOW_VERSION_STRING; }

const char *winnow_status_str(winnow_status st)
{
    switch (st) {
    case WINNOW_OK: return "ok";
    case WINNOW_END: return "end of input";
    case WINNOW_ERR_ARG: return "invalid argument";
    case WINNOW_ERR_IO: return "input/output error";
    case WINNOW_ERR_LIMIT: return "input exceeds a limit";
    }
    return "unknown status";
}

winnow_options *winnow_options_new(void)
{
    winnow_options *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->max_doc_bytes = (size_t)32 << 20;
    o->max_input_bytes = (size_t)1 << 30;
    o->max_depth = 256;
    o->rules = wn_rules_new();
    if (!o->rules) {
        free(o);
        return NULL;
    }
    return o;
}

void winnow_options_free(winnow_options *o)
{
    if (!o) return;
    wn_rules_free(o->rules);
    free(o);
}

winnow_status winnow_options_set_format(winnow_options *o, winnow_format f)
{
    if (!o || f < WINNOW_FORMAT_JSONL || f > WINNOW_FORMAT_MARKDOWN) return WINNOW_ERR_ARG;
    o->format = f;
    return WINNOW_OK;
}

winnow_status winnow_options_set_input(winnow_options *o, winnow_input in)
{
    if (!o || in < WINNOW_INPUT_AUTO || in > WINNOW_INPUT_HTML) return WINNOW_ERR_ARG;
    o->input = in;
    return WINNOW_OK;
}

winnow_status winnow_options_set_explain(winnow_options *o, int explain)
{
    if (!o) return WINNOW_ERR_ARG;
    o->explain = explain != 0;
    return WINNOW_OK;
}

winnow_status winnow_options_set_limit(winnow_options *o, winnow_limit which, size_t value)
{
    if (!o || value == 0) return WINNOW_ERR_ARG;
    switch (which) {
    case WINNOW_LIMIT_DOC_BYTES: o->max_doc_bytes = value; break;
    case WINNOW_LIMIT_INPUT_BYTES: o->max_input_bytes = value; break;
    case WINNOW_LIMIT_DEPTH:
        if (value > 100000) return WINNOW_ERR_ARG;
        o->max_depth = (int)value;
        break;
    default: return WINNOW_ERR_ARG;
    }
    return WINNOW_OK;
}

/* ---- the pipeline for one document ------------------------------------ */

static void run_pipeline(const winnow_options *o, wn_doc *d)
{
    if (d->is_error) return;
    if (d->payload_len > o->max_doc_bytes) {
        wn_doc_set_error(d, "too_large", "document is %zu bytes, limit is %zu", d->payload_len,
                         o->max_doc_bytes);
        return;
    }
    if (d->payload_is_html) {
        if (wn_html_to_blocks(d, d->payload, d->payload_len, o->max_depth) < 0) return;
    } else {
        wn_text_to_blocks(d, d->payload, d->payload_len);
    }
    d->payload = NULL; /* the bytes belong to the stream */
    wn_clean(d, o->rules);
    wn_meta(d);
    if (!d->field[WINNOW_FIELD_TEXT])
        wn_doc_set_error(d, "no_text", "no article text left after cleaning");
}

/* ---- streams ---------------------------------------------------------- */

struct winnow_stream {
    const winnow_options *o;
    char *source;
    char *data; /* whole input, NUL-terminated */
    size_t len, pos;
    wn_kind kind;
    int done;
    /* pending error for the whole input (unreadable, damaged gzip, ...) */
    const char *err_code;
    char err_msg[256];
    /* JSON walking */
    wn_arena json_arena;
    wn_ptrvec records;
    size_t next_record;
    size_t doc_index; /* documents produced so far */
    int multi;        /* input holds several records: number them */
    int jsonl;        /* one JSON value per line: parse line by line */
    int json_repaired;
};

static void stream_fail(winnow_stream *s, const char *code, const char *fmt, const char *arg)
{
    s->err_code = code;
    snprintf(s->err_msg, sizeof s->err_msg, fmt, arg ? arg : "");
}

static void stream_prepare(winnow_stream *s)
{
    if (s->err_code) return;
    if (wn_is_gzip(s->data, s->len)) {
        wn_buf out;
        wn_buf_init(&out);
        const char *err = NULL;
        int rc = wn_gunzip(s->data, s->len, s->o->max_input_bytes, &out, &err);
        if (rc < 0) {
            wn_buf_free(&out);
            stream_fail(s, rc == -2 ? "too_large" : "invalid_gzip", "%s", err);
            return;
        }
        free(s->data);
        s->data = wn_buf_detach(&out, &s->len);
    }
    if (s->len > s->o->max_input_bytes) {
        stream_fail(s, "too_large", "input exceeds the %s byte limit", "configured");
        return;
    }
    switch (s->o->input) {
    case WINNOW_INPUT_JSON: s->kind = WN_KIND_JSON; break;
    case WINNOW_INPUT_TEXT: s->kind = WN_KIND_TEXT; break;
    case WINNOW_INPUT_HTML: s->kind = WN_KIND_HTML; break;
    default: s->kind = wn_detect(s->data, s->len); break;
    }
    if (s->kind == WN_KIND_EMPTY) stream_fail(s, "empty_input", "input is empty%s", NULL);
    else if (s->kind == WN_KIND_BINARY)
        stream_fail(s, "binary_input", "input is binary data, not text, HTML or JSON%s", NULL);
}

static winnow_stream *stream_new(const winnow_options *o, const char *source)
{
    winnow_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->o = o;
    s->source = strdup(source ? source : "-");
    wn_arena_init(&s->json_arena);
    if (!s->source) {
        free(s);
        return NULL;
    }
    return s;
}

winnow_status winnow_stream_open_memory(const winnow_options *o, const void *data, size_t len,
                                        const char *source, winnow_stream **out)
{
    if (!o || !out || (!data && len)) return WINNOW_ERR_ARG;
    winnow_stream *s = stream_new(o, source);
    if (!s) return WINNOW_ERR_ARG;
    s->data = malloc(len + 1);
    if (!s->data) {
        winnow_stream_free(s);
        return WINNOW_ERR_LIMIT;
    }
    if (len) memcpy(s->data, data, len);
    s->data[len] = 0;
    s->len = len;
    stream_prepare(s);
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
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        stream_fail(s, "unreadable", "cannot open input: %s", strerror(errno));
        return WINNOW_OK;
    }
    wn_buf b;
    wn_buf_init(&b);
    char chunk[65536];
    size_t got;
    /* gzip input may legitimately be larger once decompressed; the raw
     * cap is the input limit as well */
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > o->max_input_bytes) {
            stream_fail(s, "too_large", "input exceeds the %s byte limit", "configured");
            break;
        }
        wn_buf_append(&b, chunk, got);
    }
    if (ferror(f) && !s->err_code)
        stream_fail(s, "unreadable", "read error: %s", strerror(errno));
    if (!is_stdin) fclose(f);
    s->data = wn_buf_detach(&b, &s->len);
    stream_prepare(s);
    return WINNOW_OK;
}

void winnow_stream_free(winnow_stream *s)
{
    if (!s) return;
    wn_arena_release(&s->json_arena);
    free(s->data);
    free(s->source);
    free(s);
}

static const char *doc_source(winnow_stream *s, wn_arena *a)
{
    if (!s->multi) return s->source;
    return wn_arena_printf(a, "%s#%zu", s->source, s->doc_index);
}

static wn_doc *new_doc(winnow_stream *s)
{
    s->doc_index++;
    wn_doc *d = wn_doc_new(NULL);
    d->field[WINNOW_FIELD_SOURCE] = doc_source(s, &d->arena);
    return d;
}

static size_t skip_space(const char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t' ||
                     p[i] == '\f'))
        i++;
    return i;
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

/* JSON Lines? Most of the first non-empty lines (up to 10) start with '{'
 * or '[' and end with '}' or ']'. Then each line is parsed on its own, so a
 * line cut off inside a string cannot swallow the next one. */
static int detect_jsonl(const char *p, size_t n)
{
    size_t i = 0, lines = 0, shaped = 0;
    while (i < n && lines < 10) {
        const char *nl = memchr(p + i, '\n', n - i);
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

/* Parses the next top-level JSON value into s->records. Returns a doc when
 * the value is an error (or holds no record), NULL when records are ready
 * or the input is over. */
static wn_doc *json_next_value(winnow_stream *s)
{
    wn_arena_release(&s->json_arena);
    s->records.n = s->records.cap = 0;
    s->records.v = NULL;
    s->next_record = 0;
    size_t i = skip_space(s->data, s->pos, s->len);
    if (i >= s->len) {
        s->done = 1;
        return NULL;
    }
    if (s->pos == 0) s->jsonl = detect_jsonl(s->data, s->len);
    size_t end = s->len;
    if (s->jsonl) {
        const char *nl = memchr(s->data + i, '\n', s->len - i);
        if (nl) end = (size_t)(nl - s->data);
    }
    size_t consumed = 0;
    wn_json_diag diag;
    memset(&diag, 0, sizeof diag);
    wn_json *v = wn_json_parse(&s->json_arena, s->data + i, end - i, s->o->max_depth,
                               &consumed, &diag);
    if (s->pos == 0 && s->jsonl) {
        s->multi = 1;
    } else if (s->pos == 0) {
        /* first value: decide whether records get numbers */
        size_t after = v ? skip_space(s->data, i + consumed, s->len) : s->len;
        s->multi = after < s->len;
        if (v && !s->multi) {
            wn_ptrvec tmp = {0};
            wn_records_collect(&s->json_arena, v, s->o->max_depth, &tmp);
            s->multi = tmp.n > 1;
        }
        if (!v) s->multi = resync(s->data, i, s->len) < s->len;
    }
    if (!v) {
        wn_doc *d = new_doc(s);
        wn_doc_set_error(d, diag.too_deep ? "too_deep" : "invalid_json",
                         "%s at byte %zu", diag.error ? diag.error : "invalid JSON",
                         i + diag.error_offset);
        s->pos = s->jsonl ? end : resync(s->data, i, s->len);
        return d;
    }
    s->pos = s->jsonl ? end : i + consumed;
    s->json_repaired = diag.repaired;
    wn_records_collect(&s->json_arena, v, s->o->max_depth, &s->records);
    if (s->records.n == 0) {
        wn_doc *d = new_doc(s);
        wn_doc_set_error(d, "no_payload", "JSON value holds no record with article text");
        return d;
    }
    return NULL;
}

winnow_status winnow_stream_next(winnow_stream *s, winnow_doc **doc)
{
    if (!s || !doc) return WINNOW_ERR_ARG;
    *doc = NULL;
    if (s->err_code) {
        if (s->done) return WINNOW_END;
        s->done = 1;
        wn_doc *d = new_doc(s);
        wn_doc_set_error(d, s->err_code, "%s", s->err_msg);
        *doc = d;
        return WINNOW_OK;
    }
    if (s->kind != WN_KIND_JSON) {
        if (s->done) return WINNOW_END;
        s->done = 1;
        wn_doc *d = new_doc(s);
        if (s->len > s->o->max_doc_bytes) {
            wn_doc_set_error(d, "too_large", "document is %zu bytes, limit is %zu", s->len,
                             s->o->max_doc_bytes);
        } else {
            d->payload = s->data;
            d->payload_len = s->len;
            d->payload_is_html = s->kind == WN_KIND_HTML;
            run_pipeline(s->o, d);
        }
        *doc = d;
        return WINNOW_OK;
    }
    while (s->next_record >= s->records.n) {
        if (s->done) return WINNOW_END;
        wn_doc *d = json_next_value(s);
        if (d) {
            *doc = d;
            return WINNOW_OK;
        }
        if (s->done) return WINNOW_END;
    }
    const wn_json *rec = s->records.v[s->next_record++];
    wn_doc *d = new_doc(s);
    d->json_repaired = s->json_repaired;
    if (wn_record_to_doc(d, rec, s->o->max_doc_bytes, s->o->max_depth) == 0)
        run_pipeline(s->o, d);
    *doc = d;
    return WINNOW_OK;
}

winnow_status winnow_process(const winnow_options *o, const void *data, size_t len,
                             const char *source, winnow_doc **doc)
{
    if (!doc) return WINNOW_ERR_ARG;
    *doc = NULL;
    winnow_stream *s;
    winnow_status st = winnow_stream_open_memory(o, data, len, source, &s);
    if (st != WINNOW_OK) return st;
    st = winnow_stream_next(s, doc);
    winnow_stream_free(s);
    return st == WINNOW_END ? WINNOW_ERR_ARG : st;
}

/* ---- documents -------------------------------------------------------- */

int winnow_doc_is_error(const winnow_doc *d) { return d ? d->is_error : 1; }

const char *winnow_doc_field(const winnow_doc *d, winnow_field f)
{
    if (!d || f < 0 || f >= WINNOW_FIELD_COUNT_) return NULL;
    return d->field[f];
}

size_t winnow_doc_word_count(const winnow_doc *d) { return d ? d->word_count : 0; }

size_t winnow_doc_author_count(const winnow_doc *d) { return d ? d->authors.n : 0; }

const char *winnow_doc_author(const winnow_doc *d, size_t i, winnow_author_part p)
{
    if (!d || i >= d->authors.n) return NULL;
    const wn_author *a = d->authors.v[i];
    switch (p) {
    case WINNOW_AUTHOR_NAME: return a->name;
    case WINNOW_AUTHOR_ROLE: return a->role;
    case WINNOW_AUTHOR_HANDLE: return a->handle;
    case WINNOW_AUTHOR_URL: return a->url;
    }
    return NULL;
}

size_t winnow_doc_tag_count(const winnow_doc *d) { return d ? d->tags.n : 0; }

const char *winnow_doc_tag(const winnow_doc *d, size_t i)
{
    return d && i < d->tags.n ? d->tags.v[i] : NULL;
}

size_t winnow_doc_removed_count(const winnow_doc *d) { return d ? d->removed.n : 0; }

const char *winnow_doc_removed_text(const winnow_doc *d, size_t i)
{
    return d && i < d->removed.n ? ((const wn_block *)d->removed.v[i])->text : NULL;
}

const char *winnow_doc_removed_reason(const winnow_doc *d, size_t i)
{
    return d && i < d->removed.n ? ((const wn_block *)d->removed.v[i])->reason : NULL;
}

winnow_status winnow_doc_render(const winnow_doc *d, winnow_format f, int explain, char **out,
                                size_t *len)
{
    if (!d || !out || f < WINNOW_FORMAT_JSONL || f > WINNOW_FORMAT_MARKDOWN)
        return WINNOW_ERR_ARG;
    wn_buf b;
    wn_buf_init(&b);
    wn_render(d, f, explain, &b);
    *out = wn_buf_detach(&b, len);
    return WINNOW_OK;
}

void winnow_doc_free(winnow_doc *d)
{
    if (!d) return;
    wn_arena a = d->arena;
    wn_arena_release(&a);
}

void winnow_free(void *p) { free(p); }
