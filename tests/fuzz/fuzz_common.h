/*
 * fuzz_common.h — what the libFuzzer targets in tests/fuzz/ share: options
 * with small limits, a stream drain loop that renders every document in all
 * three formats, and checks of the public contract (include/winnow.h):
 *
 *   - every string a document hands out is NUL-terminated, valid UTF-8;
 *   - an error record has an error code;
 *   - winnow_doc_render gives `len` bytes with no NUL inside, ending in a
 *     newline (TEXT/MARKDOWN: empty for error records); JSONL output is one
 *     strict JSON object on one line;
 *   - stream stats add up: records = articles + errors + skipped, and with
 *     skipped records on, one document comes back per record.
 *
 * A broken contract aborts (reported by libFuzzer as a crash, with the
 * message printed first), like a sanitizer report.
 */
#ifndef WN_FUZZ_COMMON_H
#define WN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winnow.h"
#include "core/core.h"

#define FUZZ_CHECK(cond, ...)                                                         \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                      \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* Limits small enough that one input stays in the millisecond range. */
#define FUZZ_DOC_BYTES ((size_t)1 << 20)
#define FUZZ_INPUT_BYTES ((size_t)4 << 20)
#define FUZZ_DEPTH 128
#define FUZZ_NODES 100000
#define FUZZ_TIME_MS 2000

/* Options for one target, created once (LLVMFuzzerInitialize) and kept for
 * the life of the process. */
static inline winnow_options *fuzz_options(winnow_input in, int explain, int skipped)
{
    winnow_options *o = winnow_options_new();
    FUZZ_CHECK(o != NULL, "winnow_options_new");
    FUZZ_CHECK(winnow_options_set_input(o, in) == WINNOW_OK, "set_input");
    FUZZ_CHECK(winnow_options_set_explain(o, explain) == WINNOW_OK, "set_explain");
    FUZZ_CHECK(winnow_options_set_skipped(o, skipped) == WINNOW_OK, "set_skipped");
    FUZZ_CHECK(winnow_options_set_threads(o, 1) == WINNOW_OK, "set_threads");
    FUZZ_CHECK(winnow_options_set_limit(o, WINNOW_LIMIT_DOC_BYTES, FUZZ_DOC_BYTES) == WINNOW_OK,
               "limit");
    FUZZ_CHECK(winnow_options_set_limit(o, WINNOW_LIMIT_INPUT_BYTES, FUZZ_INPUT_BYTES) ==
                   WINNOW_OK, "limit");
    FUZZ_CHECK(winnow_options_set_limit(o, WINNOW_LIMIT_DEPTH, FUZZ_DEPTH) == WINNOW_OK, "limit");
    FUZZ_CHECK(winnow_options_set_limit(o, WINNOW_LIMIT_NODES, FUZZ_NODES) == WINNOW_OK, "limit");
    FUZZ_CHECK(winnow_options_set_limit(o, WINNOW_LIMIT_TIME_MS, FUZZ_TIME_MS) == WINNOW_OK,
               "limit");
    return o;
}

/* ---- contract checks ---------------------------------------------------- */

/* Reads every byte of p[0..n), so a length that overruns its buffer shows
 * up under AddressSanitizer. */
static volatile unsigned char fuzz_sink;
static inline void fuzz_touch(const char *p, size_t n)
{
    unsigned char sum = 0;
    for (size_t i = 0; i < n; i++) sum ^= (unsigned char)p[i];
    fuzz_sink = sum;
}

/* s is NULL or a NUL-terminated valid UTF-8 string (strlen walks it, so a
 * missing terminator shows up under AddressSanitizer). */
static inline void fuzz_check_str(const char *s, const char *what)
{
    if (!s) return;
    size_t n = strlen(s);
    FUZZ_CHECK(wn_utf8_valid(s, n), "%s is not valid UTF-8", what);
}

/* strict JSON (RFC 8259) value at *p; returns 0 on success */
static int fuzz_json_value(const char **p, const char *end, int depth);

static inline void fuzz_json_ws(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')) (*p)++;
}

static inline int fuzz_json_string(const char **p, const char *end)
{
    if (*p >= end || **p != '"') return -1;
    (*p)++;
    while (*p < end) {
        unsigned char c = (unsigned char)**p;
        if (c == '"') {
            (*p)++;
            return 0;
        }
        if (c < 0x20) return -1;
        if (c == '\\') {
            (*p)++;
            if (*p >= end) return -1;
            char e = **p;
            if (e == 'u') {
                for (int k = 0; k < 4; k++) {
                    (*p)++;
                    if (*p >= end) return -1;
                    char h = **p;
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return -1;
                }
            } else if (!strchr("\"\\/bfnrt", e) || e == 0) {
                return -1;
            }
        }
        (*p)++;
    }
    return -1;
}

static inline int fuzz_json_number(const char **p, const char *end)
{
    const char *s = *p;
    if (s < end && *s == '-') s++;
    if (s >= end) return -1;
    if (*s == '0') {
        s++;
    } else if (*s >= '1' && *s <= '9') {
        while (s < end && *s >= '0' && *s <= '9') s++;
    } else {
        return -1;
    }
    if (s < end && *s == '.') {
        s++;
        if (s >= end || !(*s >= '0' && *s <= '9')) return -1;
        while (s < end && *s >= '0' && *s <= '9') s++;
    }
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '+' || *s == '-')) s++;
        if (s >= end || !(*s >= '0' && *s <= '9')) return -1;
        while (s < end && *s >= '0' && *s <= '9') s++;
    }
    *p = s;
    return 0;
}

static int fuzz_json_value(const char **p, const char *end, int depth)
{
    if (depth > 1000) return -1;
    fuzz_json_ws(p, end);
    if (*p >= end) return -1;
    char c = **p;
    if (c == '"') return fuzz_json_string(p, end);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        (*p)++;
        fuzz_json_ws(p, end);
        if (*p < end && **p == close) {
            (*p)++;
            return 0;
        }
        for (;;) {
            if (c == '{') {
                fuzz_json_ws(p, end);
                if (fuzz_json_string(p, end)) return -1;
                fuzz_json_ws(p, end);
                if (*p >= end || **p != ':') return -1;
                (*p)++;
            }
            if (fuzz_json_value(p, end, depth + 1)) return -1;
            fuzz_json_ws(p, end);
            if (*p >= end) return -1;
            if (**p == ',') {
                (*p)++;
                continue;
            }
            if (**p == close) {
                (*p)++;
                return 0;
            }
            return -1;
        }
    }
    static const char *const lit[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lit[k]);
        if ((size_t)(end - *p) >= l && memcmp(*p, lit[k], l) == 0) {
            *p += l;
            return 0;
        }
    }
    return fuzz_json_number(p, end);
}

static inline void fuzz_check_render(const winnow_doc *d, winnow_format f, int explain)
{
    char *out = NULL;
    size_t len = 0;
    winnow_status st = winnow_doc_render(d, f, explain, &out, &len);
    FUZZ_CHECK(st == WINNOW_OK, "winnow_doc_render returned %d", (int)st);
    FUZZ_CHECK(out != NULL, "winnow_doc_render gave no buffer");
    FUZZ_CHECK(out[len] == 0 && strlen(out) == len, "render: len %zu, strlen %zu", len,
               strlen(out));
    FUZZ_CHECK(wn_utf8_valid(out, len), "render (format %d) is not valid UTF-8", (int)f);
    if (f == WINNOW_FORMAT_JSONL) {
        FUZZ_CHECK(len > 0 && out[len - 1] == '\n', "JSONL render does not end in a newline");
        FUZZ_CHECK(memchr(out, '\n', len - 1) == NULL, "JSONL render spans several lines");
        const char *p = out, *end = out + len - 1;
        fuzz_json_ws(&p, end);
        FUZZ_CHECK(p < end && *p == '{', "JSONL render is not an object: %.200s", out);
        FUZZ_CHECK(fuzz_json_value(&p, end, 0) == 0, "JSONL render is not strict JSON: %.300s",
                   out);
        fuzz_json_ws(&p, end);
        FUZZ_CHECK(p == end, "JSONL render has trailing bytes: %.300s", out);
    } else if (winnow_doc_is_error(d)) {
        FUZZ_CHECK(len == 0, "error record renders as %zu bytes in format %d", len, (int)f);
    } else if (len > 0) {
        FUZZ_CHECK(out[len - 1] == '\n', "render (format %d) does not end in a newline", (int)f);
    }
    winnow_free(out);
}

static inline void fuzz_check_doc(const winnow_doc *d)
{
    for (int f = 0; f < WINNOW_FIELD_COUNT_; f++) {
        char what[32];
        snprintf(what, sizeof what, "field %d", f);
        fuzz_check_str(winnow_doc_field(d, (winnow_field)f), what);
    }
    FUZZ_CHECK(winnow_doc_field(d, WINNOW_FIELD_COUNT_) == NULL, "field past the last");
    if (winnow_doc_is_error(d) || winnow_doc_is_skip(d))
        FUZZ_CHECK(winnow_doc_field(d, WINNOW_FIELD_ERROR_CODE) != NULL,
                   "error/skip record without an error code");
    size_t na = winnow_doc_author_count(d);
    for (size_t i = 0; i <= na; i++)
        for (int p = WINNOW_AUTHOR_NAME; p <= WINNOW_AUTHOR_EMAIL; p++) {
            const char *s = winnow_doc_author(d, i, (winnow_author_part)p);
            if (i == na) FUZZ_CHECK(s == NULL, "author %zu past the count", i);
            fuzz_check_str(s, "author part");
        }
    size_t nt = winnow_doc_tag_count(d);
    for (size_t i = 0; i <= nt; i++) {
        const char *s = winnow_doc_tag(d, i);
        if (i == nt) FUZZ_CHECK(s == NULL, "tag %zu past the count", i);
        else FUZZ_CHECK(s != NULL, "tag %zu is NULL", i);
        fuzz_check_str(s, "tag");
    }
    size_t nr = winnow_doc_removed_count(d);
    for (size_t i = 0; i < nr; i++) {
        fuzz_check_str(winnow_doc_removed_text(d, i), "removed text");
        fuzz_check_str(winnow_doc_removed_reason(d, i), "removed reason");
    }
    (void)winnow_doc_word_count(d);
    fuzz_check_render(d, WINNOW_FORMAT_JSONL, 0);
    fuzz_check_render(d, WINNOW_FORMAT_JSONL, 1);
    fuzz_check_render(d, WINNOW_FORMAT_TEXT, 0);
    fuzz_check_render(d, WINNOW_FORMAT_MARKDOWN, 1);
}

/* Opens a memory stream on data, drains it (checking every document) and
 * frees it. Returns the number of documents. */
static inline size_t fuzz_run_stream(const winnow_options *o, const uint8_t *data, size_t size,
                                     int skipped_on)
{
    winnow_stream *s = NULL;
    winnow_status st = winnow_stream_open_memory(o, data, size, "fuzz-input", &s);
    FUZZ_CHECK(st == WINNOW_OK && s != NULL, "winnow_stream_open_memory returned %d", (int)st);
    size_t docs = 0, skips = 0, errors = 0, articles = 0;
    winnow_doc *d = NULL;
    for (;;) {
        st = winnow_stream_next(s, &d);
        if (st == WINNOW_END) break;
        FUZZ_CHECK(st == WINNOW_OK && d != NULL, "winnow_stream_next returned %d", (int)st);
        docs++;
        if (winnow_doc_is_skip(d)) skips++;
        else if (winnow_doc_is_error(d)) errors++;
        else articles++;
        fuzz_check_doc(d);
        winnow_doc_free(d);
        d = NULL;
    }
    /* after the end, the stream stays at the end */
    FUZZ_CHECK(winnow_stream_next(s, &d) == WINNOW_END, "stream_next after WINNOW_END");
    winnow_stats stats;
    memset(&stats, 0, sizeof stats);
    winnow_stream_stats(s, &stats);
    FUZZ_CHECK(stats.records == stats.articles + stats.errors + stats.skipped,
               "stats: records %llu != articles %llu + errors %llu + skipped %llu",
               stats.records, stats.articles, stats.errors, stats.skipped);
    FUZZ_CHECK(stats.articles == articles && stats.errors == errors,
               "stats: %llu articles, %llu errors; returned %zu and %zu", stats.articles,
               stats.errors, articles, errors);
    if (skipped_on)
        FUZZ_CHECK(stats.skipped == skips && stats.records == docs,
                   "stats: %llu records, %llu skipped; returned %zu docs, %zu skips",
                   stats.records, stats.skipped, docs, skips);
    FUZZ_CHECK(docs >= 1, "an input yielded no document at all");
    const char *reason = NULL;
    unsigned long long count = 0;
    size_t nreasons = winnow_stream_skip_reason(s, 0, &reason, &count);
    for (size_t i = 0; i < nreasons; i++) {
        reason = NULL;
        winnow_stream_skip_reason(s, i, &reason, &count);
        fuzz_check_str(reason, "skip reason");
    }
    winnow_stream_free(s);
    return docs;
}

#endif
