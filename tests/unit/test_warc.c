/*
 * test_warc.c — unit tests for the streaming WARC reader (src/input/warc.c).
 *
 * Every archive is generated here (records as text, gzip with zlib), so
 * nothing binary is committed and each damaged case is exact: where the
 * file is cut, which gzip member is corrupted, by how much a
 * Content-Length lies. Inputs are fed through a read callback that hands
 * out at most `step` bytes per call (1 byte at a time must give the same
 * records as bulk reads), and from exact-size heap copies so a read past
 * the end shows up under AddressSanitizer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <brotli/encode.h>
#include <zlib.h>

#include "core/core.h"
#include "input/warc.h"

/* ---- input source ------------------------------------------------------ */

typedef struct {
    const unsigned char *p;
    size_t n, pos;
    size_t step;     /* most bytes per read call */
    size_t fail_at;  /* return -1 once pos reaches this (0: never) */
} src;

static long src_read(void *ctx, void *buf, size_t n)
{
    src *s = ctx;
    if (s->fail_at && s->pos >= s->fail_at) return -1;
    size_t left = s->n - s->pos;
    if (n > left) n = left;
    if (s->step && n > s->step) n = s->step;
    memcpy(buf, s->p + s->pos, n);
    s->pos += n;
    return (long)n;
}

/* ---- archive builders -------------------------------------------------- */

static unsigned idseq;

static void rec_append(wn_buf *b, const char *ver, const char *type, const char *uri,
                       const char *ctype, const char *extra, const char *block, size_t blen)
{
    wn_buf_printf(b, "%s\r\nWARC-Type: %s\r\n", ver, type);
    if (uri) wn_buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
    wn_buf_printf(b, "WARC-Date: 2024-05-01T12:00:00Z\r\n"
                     "WARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\n",
                  ++idseq);
    if (ctype) wn_buf_printf(b, "Content-Type: %s\r\n", ctype);
    if (extra) wn_buf_puts(b, extra);
    wn_buf_printf(b, "Content-Length: %zu\r\n\r\n", blen);
    wn_buf_append(b, block, blen);
    wn_buf_append(b, "\r\n\r\n", 4);
}

/* one gzip member holding s[0..n), appended to out */
static void gz_append(wn_buf *out, const void *s, size_t n, int level)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&zs, n);
    wn_buf_reserve(out, bound);
    zs.next_in = (unsigned char *)(uintptr_t)s;
    zs.avail_in = (uInt)n;
    zs.next_out = (unsigned char *)out->data + out->len;
    zs.avail_out = (uInt)bound;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out->len += bound - zs.avail_out;
    deflateEnd(&zs);
}

/* zlib-wrapped (windowBits 15) or raw (-15) deflate */
static void deflate_append(wn_buf *out, const void *s, size_t n, int bits)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&zs, n);
    wn_buf_reserve(out, bound);
    zs.next_in = (unsigned char *)(uintptr_t)s;
    zs.avail_in = (uInt)n;
    zs.next_out = (unsigned char *)out->data + out->len;
    zs.avail_out = (uInt)bound;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out->len += bound - zs.avail_out;
    deflateEnd(&zs);
}

/* brotli (quality 0-11) of s[0..n), appended to out */
static void br_append(wn_buf *out, const void *s, size_t n, int quality)
{
    size_t cap = BrotliEncoderMaxCompressedSize(n);
    if (cap == 0) cap = n + 1024;
    wn_buf_reserve(out, cap);
    size_t got = cap;
    assert_true(BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, n,
                                      (const uint8_t *)s, &got,
                                      (uint8_t *)out->data + out->len));
    out->len += got;
}

/* http_record's codings beside zlib's window bits */
enum { BR = 100, GZ_BR = 101 };

enum { PLAIN, GZ_PER_RECORD, GZ_WHOLE };
static const char *const layout_name[] = {"plain", "gzip per record", "whole-file gzip"};

#define MAX_PARTS 64
typedef struct {
    wn_buf part[MAX_PARTS]; /* one serialised record (or raw junk) each */
    size_t n;
} parts;

static wn_buf *part_new(parts *p)
{
    assert_true(p->n < MAX_PARTS);
    wn_buf *b = &p->part[p->n++];
    wn_buf_init(b);
    return b;
}

static void parts_free(parts *p)
{
    for (size_t i = 0; i < p->n; i++) wn_buf_free(&p->part[i]);
    p->n = 0;
}

static void assemble(const parts *p, int layout, wn_buf *out)
{
    wn_buf_init(out);
    if (layout == PLAIN) {
        for (size_t i = 0; i < p->n; i++) wn_buf_append(out, p->part[i].data, p->part[i].len);
    } else if (layout == GZ_PER_RECORD) {
        for (size_t i = 0; i < p->n; i++) gz_append(out, p->part[i].data, p->part[i].len, 6);
    } else {
        wn_buf all;
        wn_buf_init(&all);
        for (size_t i = 0; i < p->n; i++) wn_buf_append(&all, p->part[i].data, p->part[i].len);
        gz_append(out, all.data ? all.data : "", all.len, 6);
        wn_buf_free(&all);
    }
}

/* ---- the standard archive ---------------------------------------------- */

static const char html_body[] =
    "<!DOCTYPE html><html><head><title>Caf\xe9</title></head>"
    "<body><p>Caf\xe9 cr\xe8me br\xfbl\xe9" "e, \x93quoted\x94" ".</p></body></html>";
static const char jpeg_body[] = "\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";
#define JPEG_LEN (sizeof jpeg_body - 1)
static const char resource_body[] = "<html><body><p>A resource page.</p></body></html>";

static void std_parts(parts *p, const char *ver)
{
    static const char info[] = "software: winnow-test/1.0\r\nformat: WARC File Format 1.1\r\n";
    rec_append(part_new(p), ver, "warcinfo", NULL, "application/warc-fields", NULL, info,
               sizeof info - 1);

    static const char req[] = "GET /news/1 HTTP/1.1\r\nHost: example.com\r\n\r\n";
    rec_append(part_new(p), ver, "request", "http://example.com/news/1",
               "application/http; msgtype=request", NULL, req, sizeof req - 1);

    wn_buf blk;
    wn_buf_init(&blk);
    wn_buf_printf(&blk, "HTTP/1.1 200 OK\r\nServer: test\r\n"
                        "Content-Type: text/html; charset=windows-1252\r\n"
                        "Content-Length: %zu\r\n\r\n", sizeof html_body - 1);
    wn_buf_append(&blk, html_body, sizeof html_body - 1);
    rec_append(part_new(p), ver, "response", "http://example.com/news/1",
               "application/http; msgtype=response", NULL, blk.data, blk.len);

    wn_buf_clear(&blk);
    blk.len = 0;
    wn_buf_printf(&blk, "HTTP/1.0 200 OK\r\nContent-Type: image/jpeg\r\n"
                        "Content-Length: %zu\r\n\r\n", JPEG_LEN);
    wn_buf_append(&blk, jpeg_body, JPEG_LEN);
    rec_append(part_new(p), ver, "response", "http://example.com/img/1.jpg",
               "application/http;msgtype=response", NULL, blk.data, blk.len);
    wn_buf_free(&blk);

    static const char meta[] = "fetchTimeMs: 12\r\ncharset-detected: windows-1252\r\n";
    rec_append(part_new(p), ver, "metadata", "http://example.com/news/1",
               "application/warc-fields", NULL, meta, sizeof meta - 1);

    rec_append(part_new(p), ver, "resource", "file:///pages/resource.html",
               "text/html", NULL, resource_body, sizeof resource_body - 1);
}

/* ---- running the reader ------------------------------------------------ */

typedef struct {
    int rc;
    char error[96];
    wn_warc_type type;
    char uri[128], version[16], media[64], charset[32], ctype[96], date[40], id[64];
    char http_ctype[96];
    int status, is_html, too_large;
    uint64_t content_length, offset;
    size_t block_len, payload_len;
    char payload[512]; /* first bytes */
    unsigned long payload_crc;
    char perr[64];
    int cut_short, ptrunc, ptoolarge;
    unsigned warnings;
    char truncated[24], trec[48];
} result;

#define MAX_RESULTS 4096
static result results[MAX_RESULTS];
static size_t seen_records, seen_errors; /* over all runs, for the fuzz tests */

static void copy_str(char *dst, size_t cap, const char *s)
{
    if (!s) {
        strcpy(dst, "(null)");
        return;
    }
    snprintf(dst, cap, "%s", s);
}

/* Reads data[0..n) to the end; fills results[]; returns how many calls
 * returned a record or an error. Checks that every call makes progress
 * and that the reader keeps returning 0 at the end. */
static size_t run(const void *data, size_t n, size_t step, size_t max_record, size_t *peak)
{
    unsigned char *copy = malloc(n ? n : 1); /* exact size: ASan sees overreads */
    assert_non_null(copy);
    if (n) memcpy(copy, data, n);
    src s = {copy, n, 0, step, 0};
    wn_warc *w = wn_warc_new(src_read, &s, max_record);
    size_t count = 0;
    wn_warc_record r;
    int rc;
    while ((rc = wn_warc_next(w, &r)) != 0) {
        assert_true(rc == 1 || rc == -1);
        if (count >= MAX_RESULTS || count > n + 8) fail_msg("reader does not terminate");
        result *x = &results[count++];
        memset(x, 0, sizeof *x);
        x->rc = rc;
        if (rc > 0) seen_records++;
        else seen_errors++;
        if (rc < 0) {
            assert_non_null(r.error);
            copy_str(x->error, sizeof x->error, r.error);
            continue;
        }
        assert_null(r.error);
        x->type = r.type;
        copy_str(x->uri, sizeof x->uri, r.target_uri);
        copy_str(x->version, sizeof x->version, r.version);
        copy_str(x->media, sizeof x->media, r.media_type);
        copy_str(x->charset, sizeof x->charset, r.charset);
        copy_str(x->ctype, sizeof x->ctype, r.content_type);
        copy_str(x->http_ctype, sizeof x->http_ctype, r.http_content_type);
        copy_str(x->date, sizeof x->date, r.date);
        copy_str(x->id, sizeof x->id, r.record_id);
        copy_str(x->perr, sizeof x->perr, r.payload_error);
        copy_str(x->truncated, sizeof x->truncated, r.truncated);
        copy_str(x->trec, sizeof x->trec, r.trec_id);
        x->cut_short = r.cut_short;
        x->ptrunc = r.payload_truncated;
        x->ptoolarge = r.payload_too_large;
        x->warnings = r.header_warnings;
        if (r.cut_short) assert_non_null(r.truncated);
        x->status = r.http_status;
        x->is_html = r.is_html;
        x->too_large = r.too_large;
        x->content_length = r.content_length;
        x->offset = r.offset;
        x->block_len = r.block_len;
        if (r.too_large) assert_null(r.block);
        else if (r.block_len) assert_non_null(r.block);
        if (r.block && r.block_len) { /* touch every byte: ASan checks the bounds */
            volatile unsigned char sum = 0;
            for (size_t i = 0; i < r.block_len; i++) sum ^= (unsigned char)r.block[i];
            (void)sum;
        }
        x->payload_len = r.payload_len;
        if (r.payload_len) {
            assert_non_null(r.payload);
            size_t k = r.payload_len < sizeof x->payload - 1 ? r.payload_len : sizeof x->payload - 1;
            memcpy(x->payload, r.payload, k);
            x->payload_crc = crc32(0, (const unsigned char *)r.payload, (uInt)r.payload_len);
        }
        if (peak) {
            size_t b = wn_warc_buffer_bytes(w);
            if (b > *peak) *peak = b;
        }
    }
    for (int k = 0; k < 3; k++) assert_int_equal(wn_warc_next(w, &r), 0);
    if (peak) {
        size_t b = wn_warc_buffer_bytes(w);
        if (b > *peak) *peak = b;
    }
    wn_warc_free(w);
    free(copy);
    return count;
}

static size_t run_buf(const wn_buf *b, size_t step, size_t max_record)
{
    return run(b->data ? b->data : "", b->len, step, max_record, NULL);
}

/* one line per result, for comparing runs */
static void describe(size_t count, wn_buf *out)
{
    wn_buf_init(out);
    for (size_t i = 0; i < count; i++) {
        const result *x = &results[i];
        if (x->rc < 0) wn_buf_printf(out, "E %s\n", x->error);
        else
            wn_buf_printf(out, "R %s %s %s %d %s %s %d %d %zu %zu %lx %s %d %u @%llu\n",
                          wn_warc_type_name(x->type), x->version, x->uri, x->status, x->media,
                          x->charset, x->is_html, x->too_large, x->block_len, x->payload_len,
                          x->payload_crc, x->perr, x->cut_short, x->warnings,
                          (unsigned long long)x->offset);
    }
}

static void expect_record(size_t i, wn_warc_type type, const char *uri)
{
    if (results[i].rc != 1)
        fail_msg("result %zu: expected a %s record, got error \"%s\"", i, wn_warc_type_name(type),
                 results[i].error);
    assert_int_equal(results[i].type, type);
    if (uri) assert_string_equal(results[i].uri, uri);
}

static void expect_error(size_t i, const char *msg)
{
    if (results[i].rc != -1)
        fail_msg("result %zu: expected error \"%s\", got a %s record (%s)", i, msg,
                 wn_warc_type_name(results[i].type), results[i].uri);
    assert_string_equal(results[i].error, msg);
}

/* the six records of std_parts, starting at results[i] */
static void check_std_results(size_t i, const char *ver)
{
    expect_record(i, WN_WARC_WARCINFO, "(null)");
    assert_string_equal(results[i].version, ver);
    assert_string_equal(results[i].ctype, "application/warc-fields");
    assert_int_equal(results[i].payload_len, 0);
    assert_int_equal(results[i].is_html, 0);
    assert_string_equal(results[i].date, "2024-05-01T12:00:00Z");
    assert_true(strncmp(results[i].id, "<urn:uuid:", 10) == 0);

    expect_record(i + 1, WN_WARC_REQUEST, "http://example.com/news/1");
    assert_int_equal(results[i + 1].status, 0);
    assert_int_equal(results[i + 1].payload_len, 0);

    const result *h = &results[i + 2];
    expect_record(i + 2, WN_WARC_RESPONSE, "http://example.com/news/1");
    assert_string_equal(h->version, ver);
    assert_int_equal(h->status, 200);
    assert_string_equal(h->http_ctype, "text/html; charset=windows-1252");
    assert_string_equal(h->media, "text/html");
    assert_string_equal(h->charset, "windows-1252");
    assert_int_equal(h->is_html, 1);
    assert_int_equal(h->too_large, 0);
    assert_int_equal(h->payload_len, sizeof html_body - 1);
    assert_memory_equal(h->payload, html_body, sizeof html_body - 1);
    assert_string_equal(h->perr, "(null)");
    assert_int_equal(h->content_length, h->block_len);

    const result *j = &results[i + 3];
    expect_record(i + 3, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
    assert_int_equal(j->status, 200);
    assert_string_equal(j->media, "image/jpeg");
    assert_string_equal(j->charset, "(null)");
    assert_int_equal(j->is_html, 0);
    assert_int_equal(j->payload_len, JPEG_LEN);
    assert_memory_equal(j->payload, jpeg_body, JPEG_LEN);

    expect_record(i + 4, WN_WARC_METADATA, "http://example.com/news/1");
    assert_int_equal(results[i + 4].payload_len, 0);

    const result *r = &results[i + 5];
    expect_record(i + 5, WN_WARC_RESOURCE, "file:///pages/resource.html");
    assert_string_equal(r->media, "text/html");
    assert_int_equal(r->is_html, 1);
    assert_int_equal(r->status, 0);
    assert_int_equal(r->payload_len, sizeof resource_body - 1);
    assert_memory_equal(r->payload, resource_body, sizeof resource_body - 1);
    assert_int_equal(r->block_len, r->payload_len);
}

/* ---- tests: layouts and versions --------------------------------------- */

static void check_layout(int layout, const char *ver)
{
    parts p = {0};
    std_parts(&p, ver);
    wn_buf a;
    assemble(&p, layout, &a);
    size_t n = run_buf(&a, 0, 1 << 20);
    if (n != 6) fail_msg("%s %s: %zu results, expected 6", layout_name[layout], ver, n);
    check_std_results(0, ver);
    /* record offsets are positions in the decompressed stream */
    size_t off = 0;
    for (size_t i = 0; i < p.n; i++) {
        assert_int_equal(results[i].offset, off);
        off += p.part[i].len;
    }
    wn_buf_free(&a);
    parts_free(&p);
}

static void test_uncompressed(void **state)
{
    (void)state;
    check_layout(PLAIN, "WARC/1.0");
    check_layout(PLAIN, "WARC/1.1");
}

static void test_gzip_per_record(void **state)
{
    (void)state;
    check_layout(GZ_PER_RECORD, "WARC/1.0");
    check_layout(GZ_PER_RECORD, "WARC/1.1");
}

static void test_gzip_whole_file(void **state)
{
    (void)state;
    check_layout(GZ_WHOLE, "WARC/1.0");
    check_layout(GZ_WHOLE, "WARC/1.1");
}

/* 1.0 and 1.1 records mixed in one archive; other versions are damage */
static void test_versions(void **state)
{
    (void)state;
    parts p = {0};
    rec_append(part_new(&p), "WARC/1.0", "resource", "a:1", "text/plain", NULL, "one", 3);
    rec_append(part_new(&p), "WARC/1.1", "resource", "a:2", "text/plain", NULL, "two", 3);
    rec_append(part_new(&p), "WARC/2.0", "resource", "a:3", "text/plain", NULL, "three", 5);
    rec_append(part_new(&p), "WARC/0.17", "resource", "a:4", "text/plain", NULL, "four", 4);
    rec_append(part_new(&p), "WARC/0.18", "resource", "a:4b", "text/plain", NULL, "four b", 6);
    rec_append(part_new(&p), "WARC/1.1  ", "resource", "a:5", "text/plain", NULL, "five", 4);
    rec_append(part_new(&p), "WARC/1.0 junk", "resource", "a:6", "text/plain", NULL, "six", 3);
    rec_append(part_new(&p), "WARC/1.0", "resource", "a:7", "text/plain", NULL, "seven", 5);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        size_t n = run_buf(&a, 0, 4096);
        assert_int_equal(n, 8);
        expect_record(0, WN_WARC_RESOURCE, "a:1");
        assert_string_equal(results[0].version, "WARC/1.0");
        assert_string_equal(results[0].payload, "one");
        assert_string_equal(results[0].media, "text/plain");
        expect_record(1, WN_WARC_RESOURCE, "a:2");
        assert_string_equal(results[1].version, "WARC/1.1");
        expect_error(2, "bad WARC version line"); /* 2.0 */
        expect_record(3, WN_WARC_RESOURCE, "a:4"); /* the drafts: 0.17, 0.18 */
        assert_string_equal(results[3].version, "WARC/0.17");
        expect_record(4, WN_WARC_RESOURCE, "a:4b");
        assert_string_equal(results[4].version, "WARC/0.18");
        assert_string_equal(results[4].payload, "four b");
        expect_record(5, WN_WARC_RESOURCE, "a:5");  /* trailing blanks are fine */
        assert_string_equal(results[5].version, "WARC/1.1");
        expect_error(6, "bad WARC version line"); /* "WARC/1.0 junk" */
        expect_record(7, WN_WARC_RESOURCE, "a:7");
        wn_buf_free(&a);
    }
    parts_free(&p);
}

/* ---- tests: HTTP bodies ------------------------------------------------ */

static const char big_html_fmt[] =
    "<!doctype html><html><body><h1>Title %d</h1><p>Paragraph text that repeats "
    "so gzip has something to do. Paragraph text that repeats.</p></body></html>";

/* response record whose HTTP body is `body` sent with the given encodings;
 * chunk: 0 = not chunked, else chunk size */
static void http_record(wn_buf *out, const char *uri, const char *ctype_line, const char *cenc,
                        int bits, size_t chunk, const char *body, size_t blen)
{
    wn_buf enc;
    wn_buf_init(&enc);
    if (!cenc || bits == 0) wn_buf_append(&enc, body, blen);
    else if (bits == 31) gz_append(&enc, body, blen, 9);
    else if (bits == BR) br_append(&enc, body, blen, 9);
    else if (bits == GZ_BR) {
        wn_buf g;
        wn_buf_init(&g);
        gz_append(&g, body, blen, 6);
        br_append(&enc, g.data, g.len, 5);
        wn_buf_free(&g);
    } else deflate_append(&enc, body, blen, bits);
    wn_buf blk;
    wn_buf_init(&blk);
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\n");
    if (ctype_line) wn_buf_puts(&blk, ctype_line);
    if (cenc) wn_buf_printf(&blk, "Content-Encoding: %s\r\n", cenc);
    if (chunk) wn_buf_puts(&blk, "Transfer-Encoding: chunked\r\n\r\n");
    else wn_buf_printf(&blk, "Content-Length: %zu\r\n\r\n", enc.len);
    if (chunk) {
        for (size_t i = 0; i < enc.len; i += chunk) {
            size_t k = enc.len - i < chunk ? enc.len - i : chunk;
            wn_buf_printf(&blk, i % 2 ? "%zx\r\n" : "%zX;ext=1\r\n", k);
            wn_buf_append(&blk, enc.data + i, k);
            wn_buf_puts(&blk, "\r\n");
        }
        wn_buf_puts(&blk, "0\r\nX-Trailer: yes\r\n\r\n");
    } else if (enc.len) {
        wn_buf_append(&blk, enc.data, enc.len);
    }
    rec_append(out, "WARC/1.1", "response", uri, "application/http; msgtype=response", NULL,
               blk.data, blk.len);
    wn_buf_free(&enc);
    wn_buf_free(&blk);
}

static void test_http_encodings(void **state)
{
    (void)state;
    char body[600];
    int blen = snprintf(body, sizeof body, big_html_fmt, 1);
    const char *ct = "Content-Type: text/html; charset=\"UTF-8\"\r\n";
    parts p = {0};
    http_record(part_new(&p), "u:chunked+gzip", ct, "gzip", 31, 7, body, (size_t)blen);
    http_record(part_new(&p), "u:chunked", ct, NULL, 0, 10, body, (size_t)blen);
    http_record(part_new(&p), "u:gzip", ct, "gzip", 31, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:x-gzip-1byte-chunks", ct, "x-gzip", 31, 1, body, (size_t)blen);
    http_record(part_new(&p), "u:deflate-zlib", ct, "deflate", 15, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:deflate-raw", ct, "deflate", -15, 33, body, (size_t)blen);
    http_record(part_new(&p), "u:says-gzip-isnt", ct, "gzip", 0, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:identity", ct, "identity", 0, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:br", ct, "br", BR, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:br-chunked", ct, "br", BR, 5, body, (size_t)blen);
    http_record(part_new(&p), "u:gzip,br", ct, "gzip, br", GZ_BR, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:gzip,identity,br-chunked", ct, "gzip,identity , BR", GZ_BR, 3,
                body, (size_t)blen);
    http_record(part_new(&p), "u:says-br-isnt", ct, "br", 0, 0, body, (size_t)blen);
    http_record(part_new(&p), "u:compress", ct, "compress", 0, 0, body, (size_t)blen);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        size_t n = run_buf(&a, 0, 1 << 20);
        assert_int_equal(n, 14);
        for (size_t i = 0; i < 13; i++) {
            const result *x = &results[i];
            expect_record(i, WN_WARC_RESPONSE, NULL);
            if (strcmp(x->perr, "(null)") != 0) fail_msg("%s: payload error %s", x->uri, x->perr);
            if (x->payload_len != (size_t)blen)
                fail_msg("%s (%s): payload %zu bytes, expected %d", x->uri, layout_name[layout],
                         x->payload_len, blen);
            assert_memory_equal(x->payload, body, (size_t)blen);
            assert_string_equal(x->media, "text/html");
            assert_string_equal(x->charset, "UTF-8");
            assert_int_equal(x->is_html, 1);
        }
        /* an unknown coding is not decoded: the body is passed on, marked,
         * not HTML */
        expect_record(13, WN_WARC_RESPONSE, "u:compress");
        assert_string_equal(results[13].perr, "unsupported Content-Encoding");
        assert_int_equal(results[13].is_html, 0);
        assert_int_equal(results[13].payload_len, (size_t)blen);
        wn_buf_free(&a);
    }
    parts_free(&p);
}

/* bodies cut short (Common Crawl truncates at 1 MB) keep what they have */
static void test_http_damaged_bodies(void **state)
{
    (void)state;
    char body[600];
    int blen = snprintf(body, sizeof body, big_html_fmt, 2);
    wn_buf gz;
    wn_buf_init(&gz);
    gz_append(&gz, body, (size_t)blen, 9);
    parts p = {0};
    wn_buf blk;
    /* gzip body cut in half, with WARC-Truncated */
    wn_buf_init(&blk);
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
    wn_buf_append(&blk, gz.data, gz.len / 2);
    rec_append(part_new(&p), "WARC/1.0", "response", "u:cut-gzip", "application/http", "WARC-Truncated: length\r\n",
               blk.data, blk.len);
    /* chunked body cut inside a chunk */
    wn_buf_clear(&blk);
    blk.len = 0;
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
    wn_buf_printf(&blk, "%x\r\n", blen);
    wn_buf_append(&blk, body, 40);
    rec_append(part_new(&p), "WARC/1.0", "response", "u:cut-chunk", "application/http", NULL,
               blk.data, blk.len);
    /* corrupt gzip body */
    wn_buf_clear(&blk);
    blk.len = 0;
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
    wn_buf_append(&blk, gz.data, 10);
    wn_buf_append(&blk, "\xff\xff\xff\xff\xff\xff", 6);
    rec_append(part_new(&p), "WARC/1.0", "response", "u:bad-gzip", "application/http", NULL,
               blk.data, blk.len);
    /* a gzip bomb larger than the cap */
    char *zeros = calloc(1, 200000);
    assert_non_null(zeros);
    wn_buf bomb;
    wn_buf_init(&bomb);
    gz_append(&bomb, zeros, 200000, 9);
    free(zeros);
    wn_buf_clear(&blk);
    blk.len = 0;
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
    wn_buf_append(&blk, bomb.data, bomb.len);
    rec_append(part_new(&p), "WARC/1.0", "response", "u:bomb", "application/http", NULL,
               blk.data, blk.len);
    /* head without body (HEAD request, 304) and without blank line */
    rec_append(part_new(&p), "WARC/1.0", "response", "u:304", "application/http",
               NULL, "HTTP/1.1 304 Not Modified\r\nETag: x", 34);
    /* not HTTP at all */
    rec_append(part_new(&p), "WARC/1.0", "response", "u:nohttp", "application/http",
               NULL, "<html>hello</html>", 18);
    /* 100 Continue before the real response */
    static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\n"
                               "content-type: TEXT/HTML\r\n\r\n<p>gone</p>";
    rec_append(part_new(&p), "WARC/1.0", "response", "u:100", "application/http", NULL, cont,
               sizeof cont - 1);
    /* body declared chunked but stored de-chunked (a writer that decoded it) */
    static const char dech[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>plain</html>";
    rec_append(part_new(&p), "WARC/1.0", "response", "u:dechunked", "application/http", NULL,
               dech, sizeof dech - 1);
    wn_buf_free(&blk);
    wn_buf_free(&bomb);

    wn_buf a;
    assemble(&p, PLAIN, &a);
    size_t n = run_buf(&a, 0, 64 << 10);
    assert_int_equal(n, 8);
    expect_record(0, WN_WARC_RESPONSE, "u:cut-gzip");
    assert_string_equal(results[0].perr, "truncated Content-Encoding");
    assert_int_equal(results[0].ptrunc, 1); /* cut short, not corrupt */
    assert_string_equal(results[0].truncated, "length");
    assert_true(results[0].payload_len > 0 && results[0].payload_len < (size_t)blen);
    assert_memory_equal(results[0].payload, body, results[0].payload_len);
    assert_int_equal(results[0].is_html, 1);

    expect_record(1, WN_WARC_RESPONSE, "u:cut-chunk");
    assert_string_equal(results[1].perr, "truncated chunked body");
    assert_int_equal(results[1].ptrunc, 1);
    assert_string_equal(results[1].truncated, "(null)");
    assert_int_equal(results[1].payload_len, 40);
    assert_memory_equal(results[1].payload, body, 40);

    expect_record(2, WN_WARC_RESPONSE, "u:bad-gzip");
    assert_string_equal(results[2].perr, "corrupt Content-Encoding");
    assert_int_equal(results[2].ptrunc, 0);
    assert_int_equal(results[2].is_html, 0);

    expect_record(3, WN_WARC_RESPONSE, "u:bomb");
    assert_string_equal(results[3].perr, "decoded payload exceeds the size limit");
    assert_int_equal(results[3].ptoolarge, 1);
    assert_int_equal(results[3].ptrunc, 0);
    assert_int_equal(results[3].payload_len, 64 << 10);

    expect_record(4, WN_WARC_RESPONSE, "u:304");
    assert_int_equal(results[4].status, 304);
    assert_int_equal(results[4].payload_len, 0);
    assert_int_equal(results[4].is_html, 0);

    /* not HTTP at all: the block is the payload (old crawlers), with a
     * warning, not an error */
    expect_record(5, WN_WARC_RESPONSE, "u:nohttp");
    assert_string_equal(results[5].perr, "(null)");
    assert_int_equal(results[5].warnings, 1);
    assert_string_equal(results[5].payload, "<html>hello</html>");
    assert_int_equal(results[5].is_html, 1); /* sniffed */

    expect_record(6, WN_WARC_RESPONSE, "u:100");
    assert_int_equal(results[6].status, 404);
    assert_string_equal(results[6].media, "text/html");
    assert_string_equal(results[6].payload, "<p>gone</p>");

    expect_record(7, WN_WARC_RESPONSE, "u:dechunked");
    assert_string_equal(results[7].payload, "<html>plain</html>");
    assert_string_equal(results[7].perr, "(null)");
    wn_buf_free(&a);
    wn_buf_free(&gz);
    parts_free(&p);
}

static void test_is_html(void **state)
{
    (void)state;
    parts p = {0};
    /* no HTTP Content-Type: sniffed (BOM, whitespace, case) */
    static const char r1[] = "HTTP/1.1 200 OK\r\n\r\n\xEF\xBB\xBF \r\n<!DOCTYPE HTML><title>x</title>";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:1", "application/http", NULL, r1, sizeof r1 - 1);
    static const char r2[] = "HTTP/1.1 200 OK\r\n\r\n<HtMl lang=en>";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:2", "application/http", NULL, r2, sizeof r2 - 1);
    static const char r3[] = "HTTP/1.1 200 OK\r\n\r\n{\"json\": \"<html>\"}";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:3", "application/http", NULL, r3, sizeof r3 - 1);
    /* declared types win over sniffing */
    static const char r4[] = "HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n<?xml?>";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:4", "application/http", NULL, r4, sizeof r4 - 1);
    static const char r5[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n<html>";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:5", "application/http", NULL, r5, sizeof r5 - 1);
    /* resource without a Content-Type: sniffed; with one: the type */
    rec_append(part_new(&p), "WARC/1.1", "resource", "u:6", NULL, NULL, "<!doctype html>", 15);
    rec_append(part_new(&p), "WARC/1.1", "resource", "u:7", "text/plain; charset=utf-8", NULL, "<html>", 6);
    /* conversion (Common Crawl WET text) */
    rec_append(part_new(&p), "WARC/1.1", "conversion", "u:8", "text/plain", NULL, "Some text.", 10);
    /* revisit with HTTP headers only */
    static const char r9[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    rec_append(part_new(&p), "WARC/1.1", "revisit", "u:9", "application/http; msgtype=response", NULL, r9, sizeof r9 - 1);
    static const char r10[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>hi</html>";
    rec_append(part_new(&p), "WARC/1.1", "response", "u:10", NULL, NULL, r10, sizeof r10 - 1);
    wn_buf a;
    assemble(&p, PLAIN, &a);
    assert_int_equal(run_buf(&a, 0, 4096), 10);
    int want[] = {1, 1, 0, 1, 0, 1, 0, 0, 0};
    for (size_t i = 0; i < 9; i++)
        if (results[i].is_html != want[i]) fail_msg("record %s: is_html %d", results[i].uri, results[i].is_html);
    assert_string_equal(results[0].media, "(null)");
    assert_string_equal(results[3].media, "application/xhtml+xml");
    assert_string_equal(results[6].charset, "utf-8");
    assert_int_equal(results[7].type, WN_WARC_CONVERSION);
    assert_string_equal(results[7].payload, "Some text.");
    assert_int_equal(results[8].type, WN_WARC_REVISIT);
    assert_int_equal(results[8].status, 200); /* head parsed, no payload */
    assert_string_equal(results[8].media, "text/html");
    assert_int_equal(results[8].payload_len, 0);
    /* a response without a WARC Content-Type is still parsed as HTTP */
    assert_int_equal(results[9].type, WN_WARC_RESPONSE);
    assert_int_equal(results[9].status, 200);
    assert_string_equal(results[9].payload, "<html>hi</html>");
    assert_int_equal(results[9].is_html, 1);
    wn_buf_free(&a);
    parts_free(&p);
}

/* bare LF, folded lines, any case of names, <uri>, all fields listed */
static void test_header_syntax(void **state)
{
    (void)state;
    static const char arc[] =
        "\r\n\n" /* blank lines before the first record are skipped */
        "WARC/1.0\n"
        "warc-type: RESPONSE\n"
        "WARC-TARGET-URI: <http://example.com/a b>\n"
        "WARC-Date:2024-01-02T03:04:05Z   \n"
        "X-Folded: first\n"
        "  second\n"
        "\tthird\n"
        "X-Empty:\n"
        " continued\n"
        "no colon here\n"
        "content-type:   application/http;msgtype=response  \n"
        "CONTENT-LENGTH: 68\n"
        "\n"
        "HTTP/1.1 200 OK\nContent-type: text/html;charset=ISO-8859-1\n\n<p>x</p>"
        "\n\n"
        "WARC/1.1\r\n"
        "WARC-Type: resource\r\n"
        "WARC-Target-URI: urn:x\r\n"
        "Content-Length: 0\r\n"
        "\r\n"
        "\r\n\r\n";
    size_t n = run(arc, sizeof arc - 1, 0, 4096, NULL);
    assert_int_equal(n, 2);
    expect_record(0, WN_WARC_RESPONSE, "http://example.com/a b");
    assert_string_equal(results[0].date, "2024-01-02T03:04:05Z");
    assert_string_equal(results[0].ctype, "application/http;msgtype=response");
    assert_int_equal(results[0].content_length, 68);
    assert_int_equal(results[0].status, 200);
    assert_string_equal(results[0].charset, "ISO-8859-1");
    assert_string_equal(results[0].payload, "<p>x</p>");
    assert_int_equal(results[0].is_html, 1);
    expect_record(1, WN_WARC_RESOURCE, "urn:x");
    assert_int_equal(results[1].block_len, 0);

    /* the field list, with folding */
    src s = {(const unsigned char *)arc, sizeof arc - 1, 0, 0, 0};
    wn_warc *w = wn_warc_new(src_read, &s, 4096);
    wn_warc_record r;
    assert_int_equal(wn_warc_next(w, &r), 1);
    assert_string_equal(r.type_name, "RESPONSE");
    assert_string_equal(wn_warc_field_get(r.fields, r.n_fields, "x-folded"), "first second third");
    assert_string_equal(wn_warc_field_get(r.fields, r.n_fields, "X-Empty"), "continued");
    assert_null(wn_warc_field_get(r.fields, r.n_fields, "no colon here"));
    assert_int_equal(r.n_fields, 7);
    assert_string_equal(wn_warc_field_get(r.http_fields, r.n_http_fields, "CONTENT-TYPE"),
                        "text/html;charset=ISO-8859-1");
    assert_string_equal(r.http_content_type, "text/html;charset=ISO-8859-1");
    assert_int_equal(wn_warc_next(w, &r), 1);
    assert_int_equal(wn_warc_next(w, &r), 0);
    wn_warc_free(w);
}

/* ---- tests: WARC/0.18 as ClueWeb09 wrote it ------------------------------ */

/* LF line ends, a warcinfo record first, WARC-TREC-ID, header names in odd
 * case, a Content-Length with trailing blanks, header lines that are not
 * "Name: value" (skipped and counted, never a failed archive), blank
 * lines between records, HTTP heads with bare LF, without a status line,
 * or missing altogether. */
static void test_clueweb09(void **state)
{
    (void)state;
    static const char page[] = "<html><body><p>Ferry news.</p></body></html>";
    static const char info[] = "software: a crawler\nformat: WARC file version 0.18\n";
    parts p = {0};
    wn_buf_printf(part_new(&p),
                  "WARC/0.18\nWARC-Type: warcinfo\nWARC-Date: 2009-03-65T08:43:19-0800\n"
                  "WARC-Record-ID: <urn:uuid:i1>\nContent-Type: application/warc-fields\n"
                  "Content-Length: %zu\n\n%s\n\n",
                  sizeof info - 1, info);
    wn_buf http1;
    wn_buf_init(&http1);
    wn_buf_printf(&http1, "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\n"
                          "a line without colon\nServer: x\n\n%s", page);
    wn_buf_printf(part_new(&p),
                  "WARC/0.18\nwarc-type: response\nWARC-TARGET-URI: http://tideline.example/a\n"
                  "WARC-Date: 2009-01-13T18:05:10-0800\nWARC-Record-ID: <urn:uuid:r1>\n"
                  "WARC-TREC-ID: fieldcrawl09-en0000-00-00000\n"
                  "this line has no colon\n: no name\n"
                  "Content-Type: application/http;msgtype=response\n"
                  "WARC-Identified-Payload-Type: \n"
                  "content-length: %zu   \n\n",
                  http1.len);
    wn_buf_append(&p.part[1], http1.data, http1.len);
    wn_buf_puts(&p.part[1], "\n\n\n\n"); /* extra blank lines before the next */
    wn_buf http2;
    wn_buf_init(&http2);
    wn_buf_printf(&http2, "Content-Type: text/html\nContent-Length: %zu\n\n%s", sizeof page - 1,
                  page);
    wn_buf_printf(part_new(&p),
                  "WARC/0.18\nWARC-Type: response\nWARC-Target-URI: http://tideline.example/b\n"
                  "WARC-TREC-ID: fieldcrawl09-en0000-00-00001\n"
                  "Content-Type: application/http;msgtype=response\nContent-Length: %zu\n\n",
                  http2.len + 3); /* counted before CR LF became LF: runs over */
    wn_buf_append(&p.part[2], http2.data, http2.len);
    wn_buf_puts(&p.part[2], "\n\n");
    wn_buf_printf(part_new(&p),
                  "WARC/0.18\nWARC-Type: response\nWARC-Target-URI: http://tideline.example/c\n"
                  "Content-Type: application/http;msgtype=response\nContent-Length: %zu\n\n%s\n\n",
                  sizeof page - 1, page);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        for (size_t step = 0; step <= 1; step++) {
            wn_buf a;
            assemble(&p, layout, &a);
            size_t n = run_buf(&a, step, 4096);
            if (n != 4) {
                wn_buf d;
                describe(n, &d);
                fail_msg("%s: %zu results:\n%s", layout_name[layout], n, d.data);
            }
            expect_record(0, WN_WARC_WARCINFO, "(null)");
            assert_string_equal(results[0].version, "WARC/0.18");
            assert_string_equal(results[0].date, "2009-03-65T08:43:19-0800");
            assert_int_equal(results[0].warnings, 0);

            const result *r = &results[1];
            expect_record(1, WN_WARC_RESPONSE, "http://tideline.example/a");
            assert_string_equal(r->trec, "fieldcrawl09-en0000-00-00000");
            assert_string_equal(r->id, "<urn:uuid:r1>");
            assert_int_equal(r->content_length, http1.len);
            assert_int_equal(r->status, 200);
            assert_string_equal(r->charset, "utf-8");
            assert_string_equal(r->payload, page);
            assert_int_equal(r->is_html, 1);
            assert_int_equal(r->warnings, 3); /* two in the WARC head, one in the HTTP head */

            r = &results[2];
            expect_record(2, WN_WARC_RESPONSE, "http://tideline.example/b");
            assert_string_equal(r->trec, "fieldcrawl09-en0000-00-00001");
            assert_string_equal(r->id, "(null)");
            assert_int_equal(r->status, 0); /* no status line: its head is read */
            assert_string_equal(r->media, "text/html");
            assert_string_equal(r->payload, page);
            assert_string_equal(r->perr, "(null)");
            assert_int_equal(r->warnings, 2); /* and the Content-Length */
            assert_int_equal(r->block_len, http2.len);

            r = &results[3];
            expect_record(3, WN_WARC_RESPONSE, "http://tideline.example/c");
            assert_string_equal(r->payload, page); /* no HTTP head at all */
            assert_int_equal(r->is_html, 1);
            assert_string_equal(r->perr, "(null)");
            assert_int_equal(r->warnings, 1);
            wn_buf_free(&a);
        }
    }
    wn_buf_free(&http1);
    wn_buf_free(&http2);
    parts_free(&p);
}

/* ---- tests: brotli limits and damage ----------------------------------- */

static void test_brotli_limits(void **state)
{
    (void)state;
    char body[600];
    int blen = snprintf(body, sizeof body, big_html_fmt, 7);
    const char *ct = "Content-Type: text/html\r\n";
    parts p = {0};
    /* a bomb: 4 MB of one letter, a few hundred bytes of brotli */
    size_t big = (size_t)4 << 20;
    char *letters = malloc(big);
    assert_non_null(letters);
    memset(letters, 'a', big);
    http_record(part_new(&p), "u:bomb", ct, "br", BR, 0, letters, big);
    http_record(part_new(&p), "u:bomb-chunked", ct, "br", BR, 100, letters, big);
    free(letters);
    /* cut short: the part decoded is kept, marked */
    wn_buf enc, blk;
    wn_buf_init(&enc);
    wn_buf_init(&blk);
    br_append(&enc, body, (size_t)blen, 9);
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n");
    wn_buf_append(&blk, enc.data, enc.len * 2 / 3);
    rec_append(part_new(&p), "WARC/1.1", "response", "u:br-cut", "application/http",
               "WARC-Truncated: length\r\n", blk.data, blk.len);
    /* corrupt: bytes that neither decode nor read as markup */
    wn_buf_clear(&blk);
    blk.len = 0;
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n"
                      "\xff\xfe\xfd\xfc garbage that is not brotli");
    rec_append(part_new(&p), "WARC/1.1", "response", "u:br-bad", "application/http", NULL,
               blk.data, blk.len);
    http_record(part_new(&p), "u:after", ct, "br", BR, 0, body, (size_t)blen);
    wn_buf_free(&enc);
    wn_buf_free(&blk);
    for (int layout = PLAIN; layout <= GZ_PER_RECORD; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        size_t peak = 0;
        size_t n = run(a.data, a.len, 0, 64 << 10, &peak);
        assert_int_equal(n, 5);
        for (size_t i = 0; i < 2; i++) {
            expect_record(i, WN_WARC_RESPONSE, NULL);
            assert_int_equal(results[i].ptoolarge, 1);
            assert_string_equal(results[i].perr, "decoded payload exceeds the size limit");
            assert_int_equal(results[i].payload_len, 64 << 10); /* stopped at the cap */
        }
        /* the output buffers stayed at the cap (the decoder's own window is
         * outside this count, and bounded by brotli's 16 MB maximum) */
        if (peak > 600000) fail_msg("peak buffers %zu bytes", peak);
        expect_record(2, WN_WARC_RESPONSE, "u:br-cut");
        assert_int_equal(results[2].ptrunc, 1);
        assert_string_equal(results[2].perr, "truncated Content-Encoding");
        assert_true(results[2].payload_len > 0 && results[2].payload_len < (size_t)blen);
        assert_memory_equal(results[2].payload, body, results[2].payload_len);
        expect_record(3, WN_WARC_RESPONSE, "u:br-bad");
        assert_string_equal(results[3].perr, "corrupt Content-Encoding");
        assert_int_equal(results[3].is_html, 0);
        assert_int_equal(results[3].payload_len, 0);
        expect_record(4, WN_WARC_RESPONSE, "u:after");
        assert_int_equal(results[4].payload_len, (size_t)blen);
        assert_memory_equal(results[4].payload, body, (size_t)blen);
        wn_buf_free(&a);
    }
    parts_free(&p);
}

/* ---- tests: limits and damage ------------------------------------------ */

static void test_too_large(void **state)
{
    (void)state;
    parts p = {0};
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:small", "text/plain", NULL, "small", 5);
    char *big = malloc(300000);
    assert_non_null(big);
    for (size_t i = 0; i < 300000; i++) big[i] = (char)('a' + i % 26);
    wn_buf blk;
    wn_buf_init(&blk);
    wn_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    wn_buf_append(&blk, big, 300000);
    rec_append(part_new(&p), "WARC/1.0", "response", "u:big", "application/http", NULL, blk.data, blk.len);
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:after", "text/html", NULL, "<html>", 6);
    /* exactly at the cap is not too large */
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:exact", "text/plain", NULL, big, 4096);
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:over", "text/plain", NULL, big, 4097);
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:last", "text/plain", NULL, "end", 3);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        size_t peak = 0;
        size_t n = run(a.data, a.len, 0, 4096, &peak);
        assert_int_equal(n, 6);
        expect_record(0, WN_WARC_RESOURCE, "u:small");
        expect_record(1, WN_WARC_RESPONSE, "u:big");
        assert_int_equal(results[1].too_large, 1);
        assert_int_equal(results[1].content_length, blk.len);
        assert_int_equal(results[1].block_len, 0);
        assert_int_equal(results[1].payload_len, 0);
        assert_string_equal(results[1].date, "2024-05-01T12:00:00Z");
        expect_record(2, WN_WARC_RESOURCE, "u:after");
        assert_int_equal(results[2].too_large, 0);
        assert_int_equal(results[2].is_html, 1);
        expect_record(3, WN_WARC_RESOURCE, "u:exact");
        assert_int_equal(results[3].too_large, 0);
        assert_int_equal(results[3].block_len, 4096);
        expect_record(4, WN_WARC_RESOURCE, "u:over");
        assert_int_equal(results[4].too_large, 1);
        expect_record(5, WN_WARC_RESOURCE, "u:last");
        /* a 300 KB record did not make the reader hold 300 KB */
        if (peak > 700000) fail_msg("%s: peak buffers %zu bytes", layout_name[layout], peak);
        if (layout == PLAIN) {
            /* cut inside the too-large block: still too large, and cut */
            n = run(a.data, p.part[0].len + 150000, 0, 4096, NULL);
            assert_int_equal(n, 2);
            expect_record(1, WN_WARC_RESPONSE, "u:big");
            assert_int_equal(results[1].too_large, 1);
            assert_int_equal(results[1].cut_short, 1);
            assert_string_equal(results[1].truncated, "end_of_file");
        }
        wn_buf_free(&a);
    }
    wn_buf_free(&blk);
    free(big);
    parts_free(&p);
}

static void test_truncated(void **state)
{
    (void)state;
    parts p = {0};
    std_parts(&p, "WARC/1.1");
    size_t before = p.part[0].len + p.part[1].len; /* start of record 3 */
    size_t rec3 = p.part[2].len;

    wn_buf a;
    assemble(&p, PLAIN, &a);
    /* cut inside record 3's block: the record as far as it goes, marked;
     * inside its header, right after its version line: errors */
    size_t cuts[] = {before + rec3 - 30, before + 40, before + 10, before + 3};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        size_t n = run(a.data, cuts[c], c == 0 ? 1 : 0, 4096, NULL);
        assert_int_equal(n, 3);
        expect_record(0, WN_WARC_WARCINFO, NULL);
        expect_record(1, WN_WARC_REQUEST, NULL);
        if (c == 0) {
            expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
            assert_int_equal(results[2].cut_short, 1);
            assert_string_equal(results[2].truncated, "end_of_file");
            assert_int_equal(results[2].status, 200);
            assert_int_equal(results[2].is_html, 1);
            /* the block is what there is: the record's last 26 bytes are
             * missing (30 cut, minus its closing CRLF CRLF) */
            assert_int_equal(results[2].block_len, results[2].content_length - 26);
            assert_int_equal(results[2].payload_len, sizeof html_body - 1 - 26);
            assert_memory_equal(results[2].payload, html_body, results[2].payload_len);
        } else {
            expect_error(2, c == 3 ? "bad WARC version line" : "truncated WARC header");
        }
    }
    /* cut inside the final CRLF CRLF: the record is complete, no error */
    size_t n = run(a.data, a.len - 2, 0, 4096, NULL);
    assert_int_equal(n, 6);
    check_std_results(0, "WARC/1.1");
    wn_buf_free(&a);

    /* gzip per record: cut inside member 3 */
    assemble(&p, GZ_PER_RECORD, &a);
    wn_buf m;
    wn_buf_init(&m);
    gz_append(&m, p.part[0].data, p.part[0].len, 6);
    gz_append(&m, p.part[1].data, p.part[1].len, 6);
    size_t m3 = m.len;
    wn_buf_free(&m);
    n = run(a.data, m3 + 40, 0, 4096, NULL);
    assert_int_equal(n, 3);
    expect_record(0, WN_WARC_WARCINFO, NULL);
    expect_record(1, WN_WARC_REQUEST, NULL);
    expect_error(2, "truncated gzip"); /* not even its header came out */
    /* cut inside member 3 after its header: the record, marked, and no
     * separate error (the cut is the record's) */
    wn_buf_init(&m);
    gz_append(&m, p.part[2].data, p.part[2].len, 6);
    size_t cut = m3 + m.len - 40;
    wn_buf_free(&m);
    n = run(a.data, cut, 7, 4096, NULL);
    assert_int_equal(n, 3);
    expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
    assert_int_equal(results[2].cut_short, 1);
    assert_string_equal(results[2].truncated, "end_of_file");
    assert_true(results[2].payload_len > 0 && results[2].payload_len < sizeof html_body - 1);
    assert_memory_equal(results[2].payload, html_body, results[2].payload_len);
    /* cut between members: a clean end */
    n = run(a.data, m3, 0, 4096, NULL);
    assert_int_equal(n, 2);
    /* cut inside the last member's 8-byte trailer: every record is there,
     * then the damage is reported */
    n = run(a.data, a.len - 3, 0, 4096, NULL);
    assert_int_equal(n, 7);
    check_std_results(0, "WARC/1.1");
    expect_error(6, "truncated gzip");
    wn_buf_free(&a);

    /* whole-file gzip cut in the middle: records up to the cut, then the
     * cut one as far as it goes or, when the cut is in a header, an error */
    assemble(&p, GZ_WHOLE, &a);
    for (size_t k = 2; k <= 9; k++) {
        n = run(a.data, a.len * k / 10, 0, 4096, NULL);
        assert_true(n >= 1);
        for (size_t i = 0; i + 1 < n; i++) {
            assert_int_equal(results[i].rc, 1);
            assert_int_equal(results[i].cut_short, 0);
        }
        if (results[n - 1].rc < 0) expect_error(n - 1, "truncated gzip");
        else assert_int_equal(results[n - 1].cut_short, 1);
    }
    wn_buf_free(&a);
    parts_free(&p);
}

static void test_garbage_between_records(void **state)
{
    (void)state;
    static const char junk2[] = "\x00\x01\x02xxWARC/1.0 \xff\xfe\r\n\x1f\x8b\r\n";
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        /* junk after record 2; binary junk (NUL, "WARC/1." not at a line
         * start, a gzip magic) after record 4; junk at the very end */
        parts s = {0}, p = {0};
        std_parts(&s, "WARC/1.0");
        p.part[0] = s.part[0];
        p.part[1] = s.part[1];
        p.n = 2;
        wn_buf_puts(part_new(&p), "this line is not a record\r\nnor is this one\r\n");
        p.part[3] = s.part[2];
        p.part[4] = s.part[3];
        p.n = 5;
        wn_buf_append(part_new(&p), junk2, sizeof junk2 - 1);
        p.part[6] = s.part[4];
        p.part[7] = s.part[5];
        p.n = 8;
        wn_buf_puts(part_new(&p), "trailing junk");
        wn_buf a;
        assemble(&p, layout, &a);
        size_t n = run_buf(&a, 0, 4096);
        if (n != 9) {
            wn_buf d;
            describe(n, &d);
            fail_msg("%s: %zu results:\n%s", layout_name[layout], n, d.data);
        }
        expect_record(0, WN_WARC_WARCINFO, NULL);
        expect_record(1, WN_WARC_REQUEST, NULL);
        expect_error(2, "bad WARC version line");
        expect_record(3, WN_WARC_RESPONSE, "http://example.com/news/1");
        assert_int_equal(results[3].payload_len, sizeof html_body - 1);
        expect_record(4, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
        expect_error(5, "bad WARC version line");
        expect_record(6, WN_WARC_METADATA, NULL);
        expect_record(7, WN_WARC_RESOURCE, NULL);
        expect_error(8, "bad WARC version line");
        wn_buf_free(&a);
        parts_free(&p);
    }
}

static void test_corrupt_gzip_member(void **state)
{
    (void)state;
    parts p = {0};
    std_parts(&p, "WARC/1.1");
    /* members one by one, so we know where member 3 starts */
    wn_buf a;
    wn_buf_init(&a);
    size_t start[6];
    for (size_t i = 0; i < p.n; i++) {
        start[i] = a.len;
        gz_append(&a, p.part[i].data, p.part[i].len, 6);
    }
    /* first deflate byte of member 3 (after the 10-byte gzip header):
     * block type 11 is invalid */
    unsigned char save = (unsigned char)a.data[start[2] + 10];
    a.data[start[2] + 10] = (char)0xff;
    size_t n = run_buf(&a, 0, 4096);
    assert_int_equal(n, 6);
    expect_record(0, WN_WARC_WARCINFO, NULL);
    expect_record(1, WN_WARC_REQUEST, NULL);
    expect_error(2, "corrupt gzip");
    expect_record(3, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
    assert_int_equal(results[3].payload_len, JPEG_LEN);
    expect_record(4, WN_WARC_METADATA, NULL);
    expect_record(5, WN_WARC_RESOURCE, NULL);
    a.data[start[2] + 10] = (char)save;

    /* a bad CRC in member 4's trailer: the data decoded, but it is damaged */
    size_t crc_at = start[4] - 8;
    a.data[crc_at] ^= 0x55;
    n = run_buf(&a, 0, 4096);
    assert_int_equal(n, 6);
    expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
    expect_error(3, "corrupt gzip");
    expect_record(4, WN_WARC_METADATA, NULL);
    expect_record(5, WN_WARC_RESOURCE, NULL);
    a.data[crc_at] ^= 0x55;

    /* garbage between two members */
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_append(&b, a.data, start[3]);
    wn_buf_puts(&b, "GARBAGE");
    wn_buf_append(&b, a.data + start[3], a.len - start[3]);
    n = run_buf(&b, 0, 4096);
    assert_int_equal(n, 7);
    expect_record(2, WN_WARC_RESPONSE, NULL);
    expect_error(3, "garbage after gzip member");
    expect_record(4, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
    expect_record(6, WN_WARC_RESOURCE, NULL);
    wn_buf_free(&b);

    /* zero padding between members is tolerated */
    wn_buf_init(&b);
    wn_buf_append(&b, a.data, start[3]);
    wn_buf_append(&b, "\0\0\0\0", 4);
    wn_buf_append(&b, a.data + start[3], a.len - start[3]);
    assert_int_equal(run_buf(&b, 0, 4096), 6);
    check_std_results(0, "WARC/1.1");
    wn_buf_free(&b);
    wn_buf_free(&a);

    /* whole-file gzip corrupted in the middle: what came before, one
     * error, and the end */
    assemble(&p, GZ_WHOLE, &a);
    for (size_t i = a.len / 2; i < a.len / 2 + 16; i++) a.data[i] = (char)0xA5;
    n = run_buf(&a, 0, 4096);
    assert_true(n >= 1);
    size_t errors = 0;
    for (size_t i = 0; i < n; i++) errors += results[i].rc < 0;
    assert_true(errors >= 1 && errors <= 3);
    wn_buf_free(&a);
    parts_free(&p);
}

/* rewrites the Content-Length of a serialised record */
static void set_content_length(wn_buf *r, size_t value)
{
    char *cl = strstr(r->data, "Content-Length: ");
    assert_non_null(cl);
    const char *rest = strchr(cl, '\r');
    wn_buf fixed;
    wn_buf_init(&fixed);
    wn_buf_append(&fixed, r->data, (size_t)(cl - r->data));
    wn_buf_printf(&fixed, "Content-Length: %zu", value);
    wn_buf_append(&fixed, rest, r->len - (size_t)(rest - r->data));
    wn_buf_free(r);
    *r = fixed;
}

static size_t content_length(const wn_buf *r)
{
    const char *cl = strstr(r->data, "Content-Length: ");
    assert_non_null(cl);
    return strtoul(cl + 16, NULL, 10);
}

static void test_content_length_lies(void **state)
{
    (void)state;
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        /* record 3 says 30 bytes more than it has (ClueWeb09: lengths
         * counted before CR LF became LF): it runs over the start of record
         * 4, so its block ends there, with a warning; record 4 is read */
        parts p = {0};
        std_parts(&p, "WARC/1.1");
        size_t len3 = content_length(&p.part[2]);
        set_content_length(&p.part[2], len3 + 30);
        wn_buf a;
        assemble(&p, layout, &a);
        size_t n = run_buf(&a, 0, 4096);
        assert_int_equal(n, 6);
        expect_record(1, WN_WARC_REQUEST, NULL);
        assert_int_equal(results[1].warnings, 0);
        expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
        assert_int_equal(results[2].warnings, 1);
        assert_int_equal(results[2].content_length, len3 + 30);
        assert_int_equal(results[2].block_len, len3);
        assert_int_equal(results[2].payload_len, sizeof html_body - 1);
        assert_int_equal(results[2].cut_short, 0);
        expect_record(3, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
        expect_record(4, WN_WARC_METADATA, NULL);
        expect_record(5, WN_WARC_RESOURCE, NULL);
        wn_buf_free(&a);

        /* the last record's Content-Length runs past the end of input: as
         * for an archive cut short, the record is what there is */
        set_content_length(&p.part[5], content_length(&p.part[5]) + 50);
        assemble(&p, layout, &a);
        n = run_buf(&a, 0, 4096);
        assert_int_equal(n, 6);
        expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
        assert_int_equal(results[2].warnings, 1);
        expect_record(5, WN_WARC_RESOURCE, "file:///pages/resource.html");
        assert_int_equal(results[5].cut_short, 1);
        assert_int_equal(results[5].block_len, sizeof resource_body - 1 + 4);
        wn_buf_free(&a);

        /* record 2's Content-Length is far too long (past the end, within
         * the cap): it ends where record 3 starts, later records are found */
        set_content_length(&p.part[1], 30000);
        assemble(&p, layout, &a);
        n = run_buf(&a, 0, 65536);
        assert_int_equal(n, 6);
        expect_record(0, WN_WARC_WARCINFO, NULL);
        expect_record(1, WN_WARC_REQUEST, "http://example.com/news/1");
        assert_int_equal(results[1].warnings, 1);
        assert_int_equal(results[1].cut_short, 0);
        expect_record(2, WN_WARC_RESPONSE, "http://example.com/news/1");
        assert_int_equal(results[2].payload_len, sizeof html_body - 1);
        expect_record(3, WN_WARC_RESPONSE, "http://example.com/img/1.jpg");
        wn_buf_free(&a);
        parts_free(&p);
    }

    /* too short, missing, malformed */
    parts p = {0};
    wn_buf *b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 5\r\n\r\n0123456789\r\n\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:2", "text/plain", NULL, "two", 3);
    b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: u:nocl\r\n\r\nbody\r\n\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:4", "text/plain", NULL, "four", 4);
    b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nContent-Length: 12x\r\n\r\n0123456789ab\r\n\r\n");
    b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nContent-Length: 99999999999999999999999\r\n\r\nx\r\n\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:7", "text/plain", NULL, "seven", 5);
    wn_buf a;
    assemble(&p, PLAIN, &a);
    size_t n = run_buf(&a, 0, 4096);
    assert_int_equal(n, 7);
    expect_error(0, "record does not end where its Content-Length says");
    expect_record(1, WN_WARC_RESOURCE, "u:2");
    expect_error(2, "missing Content-Length");
    expect_record(3, WN_WARC_RESOURCE, "u:4");
    expect_error(4, "bad Content-Length");
    expect_error(5, "bad Content-Length");
    expect_record(6, WN_WARC_RESOURCE, "u:7");
    wn_buf_free(&a);
    parts_free(&p);
}

/* a header that never ends, and one cut short by the next record */
static void test_bad_headers(void **state)
{
    (void)state;
    parts p = {0};
    wn_buf *b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nWARC-Type: resource\r\n");
    for (int i = 0; i < 3000; i++) wn_buf_printf(b, "X-Field-%d: %040d\r\n", i, i);
    wn_buf_puts(b, "Content-Length: 0\r\n\r\n\r\n\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:2", "text/plain", NULL, "two", 3);
    b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: u:cut\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:4", "text/plain", NULL, "four", 4);
    b = part_new(&p);
    wn_buf_puts(b, "WARC/1.0"); /* a version line 100 KB long */
    for (int i = 0; i < 100000; i++) wn_buf_putc(b, '0');
    wn_buf_puts(b, "\r\n");
    rec_append(part_new(&p), "WARC/1.0", "resource", "u:6", "text/plain", NULL, "six", 3);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        size_t n = run_buf(&a, 0, 4096);
        assert_int_equal(n, 6);
        expect_error(0, "WARC header too long");
        expect_record(1, WN_WARC_RESOURCE, "u:2");
        expect_error(2, "truncated WARC header");
        expect_record(3, WN_WARC_RESOURCE, "u:4");
        expect_error(4, "bad WARC version line");
        expect_record(5, WN_WARC_RESOURCE, "u:6");
        wn_buf_free(&a);
    }
    parts_free(&p);
}

static void test_empty_input(void **state)
{
    (void)state;
    assert_int_equal(run("", 0, 0, 4096, NULL), 0);
    assert_int_equal(run("\r\n\r\n\n", 5, 0, 4096, NULL), 0);
    wn_buf g;
    wn_buf_init(&g);
    gz_append(&g, "", 0, 6);
    assert_int_equal(run_buf(&g, 0, 4096), 0);
    gz_append(&g, "\r\n", 2, 6); /* two members, blank */
    assert_int_equal(run_buf(&g, 0, 4096), 0);
    wn_buf_free(&g);
    /* a lone gzip magic byte, a bare gzip header */
    assert_int_equal(run("\x1f", 1, 0, 4096, NULL), 1);
    expect_error(0, "bad WARC version line");
    assert_int_equal(run("\x1f\x8b", 2, 0, 4096, NULL), 1);
    expect_error(0, "truncated gzip");
    /* not a WARC at all */
    assert_int_equal(run("<html></html>", 13, 0, 4096, NULL), 1);
    expect_error(0, "bad WARC version line");
}

static void test_read_error(void **state)
{
    (void)state;
    parts p = {0};
    std_parts(&p, "WARC/1.1");
    for (int layout = PLAIN; layout <= GZ_PER_RECORD; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        src s = {(const unsigned char *)a.data, a.len, 0, 100, a.len * 3 / 4};
        wn_warc *w = wn_warc_new(src_read, &s, 4096);
        wn_warc_record r;
        int rc, ok = 0, err = 0;
        while ((rc = wn_warc_next(w, &r)) != 0) {
            if (rc > 0) ok++;
            else {
                err++;
                assert_string_equal(r.error, "read error");
            }
            assert_true(ok + err < 20);
        }
        assert_int_equal(err, 1);
        assert_true(ok >= 2 && ok < 6);
        wn_warc_free(w);
        wn_buf_free(&a);
    }
    parts_free(&p);
}

/* ---- tests: robustness ------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* random records built from WARC and HTTP fragments, with a
 * Content-Length that is usually right: gets past the version line into
 * header, block, HTTP, chunked and gzip parsing */
static size_t token_soup(unsigned char *buf, size_t cap)
{
    static const char *const head[] = {
        "WARC-Type: response\r\n", "WARC-Type: resource\r\n", "WARC-Type: revisit\r\n",
        "Content-Type: application/http\r\n", "Content-Type: text/html; charset=\"x\r\n",
        "WARC-Target-URI: <http://x/>\r\n", " folded\r\n", "\n", "X: y\n"};
    static const char *const body[] = {
        "HTTP/1.1 200 OK\r\n", "HTTP/1.1 100 Continue\r\n\r\n", "Transfer-Encoding: chunked\r\n",
        "Content-Encoding: gzip\r\n", "Content-Encoding: deflate\r\n", "Content-Type: text/html\r\n",
        "\r\n", "a\r\n", "3;e\r\nabc\r\n", "0\r\n\r\n", "ffffffffffffffff\r\n",
        "\x1f\x8b\x08\x00\0\0\0\0\0\x03", "\x78\x9c", "\x03\0", "<html>", "WARC/1.0\r\n"};
    size_t n = 0;
    while (n + 400 < cap && rng() % 16) {
        n += (size_t)snprintf((char *)buf + n, cap - n, "%s",
                              rng() % 8 ? (rng() % 2 ? "WARC/1.0\r\n" : "WARC/1.1\n") : "WARC/1.x\r\n");
        for (int k = (int)(rng() % 5); k > 0; k--)
            n += (size_t)snprintf((char *)buf + n, cap - n, "%s", head[rng() % 9]);
        unsigned char b[300];
        size_t bl = 0;
        while (bl < 200 && rng() % 12) {
            if (rng() % 4) {
                const char *t = body[rng() % 16];
                size_t l = strlen(t);
                if (t[0] == 0x1f) l = 10; /* has NULs */
                memcpy(b + bl, t, l);
                bl += l;
            } else {
                for (size_t l = (size_t)(rng() % 20); l > 0; l--) b[bl++] = (unsigned char)rng();
            }
        }
        size_t cl = rng() % 4 ? bl : bl + (size_t)(rng() % 9) - 4;
        n += (size_t)snprintf((char *)buf + n, cap - n, "Content-Length: %zu\r\n\r\n", cl);
        memcpy(buf + n, b, bl);
        n += bl;
        n += (size_t)snprintf((char *)buf + n, cap - n, "%s", rng() % 8 ? "\r\n\r\n" : "\n");
    }
    return n;
}

static void test_random_bytes(void **state)
{
    (void)state;
    static const char *const seeds[] = {"WARC/1.0\r\n", "WARC/1.1\n", "Content-Length: 10\r\n",
                                        "\r\n\r\n", "HTTP/1.1 200 OK\r\n", "\x1f\x8b\x08\0",
                                        "WARC-Type: response\r\n", "Content-Length: 0\r\n\r\n"};
    unsigned char buf[2048];
    seen_records = seen_errors = 0;
    for (int iter = 0; iter < 4000; iter++) {
        size_t n = (size_t)(rng() % sizeof buf);
        for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)rng();
        if (iter % 2) { /* sprinkle WARC-looking pieces */
            for (int k = 0; k < 8 && n > 32; k++) {
                const char *s = seeds[rng() % 8];
                size_t at = (size_t)(rng() % (n - 24));
                memcpy(buf + at, s, strlen(s));
            }
            if (iter % 4 == 1 && n > 10) memcpy(buf, "WARC/1.0\r\n", 10);
        }
        if (iter % 7 == 0 && n > 2) memcpy(buf, "\x1f\x8b", 2);
        if (iter % 3 == 2) n = token_soup(buf, sizeof buf);
        run(buf, n, iter % 5 == 0 ? 1 + rng() % 7 : 0, 1 + (size_t)(rng() % 1024), NULL);
        if (iter % 10 == 0) { /* the same bytes as a gzip member */
            wn_buf g;
            wn_buf_init(&g);
            gz_append(&g, buf, n, 1);
            if (iter % 20 == 0 && g.len > 12) g.data[10 + rng() % (g.len - 12)] ^= 0x10;
            run_buf(&g, iter % 4 == 0 ? 1 + rng() % 5 : 0, 1 + (size_t)(rng() % 1024));
            wn_buf_free(&g);
        }
    }
    print_message("      4000 random buffers: %zu records, %zu errors\n", seen_records, seen_errors);
    assert_true(seen_errors > 4000 / 2);
}

/* valid archives with random damage: flipped bytes, cuts, splices */
static void test_mutated_archives(void **state)
{
    (void)state;
    parts p = {0};
    std_parts(&p, "WARC/1.0");
    char body[600];
    int blen = snprintf(body, sizeof body, big_html_fmt, 3);
    http_record(part_new(&p), "u:cg", "Content-Type: text/html\r\n", "gzip", 31, 13, body, (size_t)blen);
    http_record(part_new(&p), "u:df", NULL, "deflate", -15, 0, body, (size_t)blen);
    seen_records = seen_errors = 0;
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        unsigned char *m = malloc(a.len * 2);
        assert_non_null(m);
        for (int iter = 0; iter < 700; iter++) {
            memcpy(m, a.data, a.len);
            size_t n = a.len;
            int flips = 1 + (int)(rng() % 8);
            for (int k = 0; k < flips; k++) m[rng() % n] ^= (unsigned char)(1 + rng() % 255);
            if (iter % 3 == 0) n = (size_t)(rng() % n);
            if (iter % 5 == 0 && n > 100) { /* duplicate a stretch */
                size_t from = (size_t)(rng() % (n / 2)), len = (size_t)(rng() % (n / 2));
                memmove(m + from + len, m + from, n - from);
                n += len;
            }
            run(m, n, iter % 4 == 0 ? 1 + rng() % 5 : 0, 64 + (size_t)(rng() % 4096), NULL);
        }
        free(m);
        wn_buf_free(&a);
    }
    print_message("      2100 damaged archives: %zu records, %zu errors\n", seen_records, seen_errors);
    assert_true(seen_records > 2100 && seen_errors > 2100 / 2);
    parts_free(&p);
}

/* reading 1 byte (or 3, or 4099) at a time gives the same as bulk reads,
 * on good and damaged archives */
static void test_small_reads(void **state)
{
    (void)state;
    parts p = {0};
    std_parts(&p, "WARC/1.1");
    char body[600];
    int blen = snprintf(body, sizeof body, big_html_fmt, 4);
    http_record(part_new(&p), "u:cg", "Content-Type: text/html\r\n", "gzip", 31, 5, body, (size_t)blen);
    wn_buf *j = part_new(&p);
    wn_buf_puts(j, "junk\r\n");
    rec_append(part_new(&p), "WARC/1.1", "resource", "u:big", "text/plain", NULL, body, (size_t)blen);
    rec_append(part_new(&p), "WARC/1.1", "resource", "u:end", "text/plain", NULL, "end", 3);
    for (int layout = PLAIN; layout <= GZ_WHOLE; layout++) {
        wn_buf a;
        assemble(&p, layout, &a);
        for (int cut = 0; cut < 2; cut++) {
            size_t n = cut ? a.len - 200 : a.len;
            wn_buf ref, got;
            size_t cnt = run(a.data, n, 0, 256, NULL);
            if (!cut) assert_int_equal(cnt, 10);
            describe(cnt, &ref);
            size_t steps[] = {1, 3, 4099};
            for (size_t s = 0; s < 3; s++) {
                describe(run(a.data, n, steps[s], 256, NULL), &got);
                if (strcmp(ref.data, got.data) != 0)
                    fail_msg("%s, %zu-byte reads differ:\n%s\nvs bulk:\n%s", layout_name[layout],
                             steps[s], got.data, ref.data);
                wn_buf_free(&got);
            }
            wn_buf_free(&ref);
        }
        wn_buf_free(&a);
    }
    parts_free(&p);
}

/* ---- throughput -------------------------------------------------------- */

/* serves a set of pre-built gzip members round-robin until `total` bytes */
typedef struct {
    wn_buf *member;
    size_t n_members, cur, pos;
    size_t served, total;
} gen;

static long gen_read(void *ctx, void *buf, size_t n)
{
    gen *g = ctx;
    size_t out = 0;
    while (out < n && g->served < g->total) {
        wn_buf *m = &g->member[g->cur];
        size_t k = m->len - g->pos;
        if (k > n - out) k = n - out;
        memcpy((char *)buf + out, m->data + g->pos, k);
        out += k;
        g->pos += k;
        if (g->pos == m->len) {
            g->pos = 0;
            g->cur = (g->cur + 1) % g->n_members;
            g->served += m->len; /* whole members only: the file stays valid */
        }
    }
    return (long)out;
}

static void test_throughput(void **state)
{
    (void)state;
    enum { MEMBERS = 24 };
    const size_t max_record = 1 << 20;
    wn_buf member[MEMBERS];
    size_t html_records = 0;
    for (int i = 0; i < MEMBERS; i++) {
        wn_buf_init(&member[i]);
        wn_buf page;
        wn_buf_init(&page);
        wn_buf_printf(&page, "<!DOCTYPE html><html><head><title>Story %d</title></head><body>", i);
        size_t target = 8000 + (size_t)(rng() % 60000);
        while (page.len < target) { /* half text, half noise: compresses ~2-3x */
            wn_buf_printf(&page, "<p>Paragraph %llu of the story, with words.</p>",
                          (unsigned long long)(rng() % 100000));
            for (int k = 0; k < 12; k++) wn_buf_printf(&page, "%02x", (unsigned)(rng() & 0xff));
        }
        wn_buf_puts(&page, "</body></html>");
        wn_buf rec;
        wn_buf_init(&rec);
        char uri[64];
        snprintf(uri, sizeof uri, "https://news.example/%d", i);
        if (i == 5) { /* a record over the cap: drained */
            wn_buf big;
            wn_buf_init(&big);
            while (big.len < 3 * max_record) wn_buf_printf(&big, "%016llx", (unsigned long long)rng());
            rec_append(&rec, "WARC/1.0", "resource", uri, "application/octet-stream", NULL, big.data, big.len);
            wn_buf_free(&big);
        } else if (i % 3 == 0) {
            http_record(&rec, uri, "Content-Type: text/html; charset=utf-8\r\n", "gzip", 31, 4096,
                        page.data, page.len);
        } else {
            wn_buf blk;
            wn_buf_init(&blk);
            wn_buf_printf(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n\r\n", page.len);
            wn_buf_append(&blk, page.data, page.len);
            rec_append(&rec, "WARC/1.0", "response", uri, "application/http; msgtype=response", NULL,
                       blk.data, blk.len);
            wn_buf_free(&blk);
        }
        gz_append(&member[i], rec.data, rec.len, 1);
        if (i != 5) html_records++;
        wn_buf_free(&rec);
        wn_buf_free(&page);
    }
    (void)html_records;
    gen g = {member, MEMBERS, 0, 0, 0, (size_t)50 << 20};
    wn_warc *w = wn_warc_new(gen_read, &g, max_record);
    wn_warc_record r;
    int rc;
    size_t records = 0, html = 0, large = 0, peak = 0;
    uint64_t decompressed = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while ((rc = wn_warc_next(w, &r)) != 0) {
        if (rc < 0) fail_msg("error at record %zu: %s", records, r.error);
        records++;
        html += r.is_html;
        large += r.too_large;
        decompressed += r.content_length;
        if (r.is_html && r.payload_len < 8000) fail_msg("short payload %zu", r.payload_len);
        size_t b = wn_warc_buffer_bytes(w);
        if (b > peak) peak = b;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    wn_warc_free(w);
    for (int i = 0; i < MEMBERS; i++) wn_buf_free(&member[i]);
    assert_true(records > 100);
    assert_int_equal(records, html + large);
    assert_true(large > 0);
    /* bounded: a few MB plus the record cap, whatever the archive size */
    if (peak > max_record + ((size_t)4 << 20)) fail_msg("peak buffers %zu bytes", peak);
    print_message("      throughput: %.1f MB gzip (%.1f MB of WARC content) in %.2f s = "
                  "%.1f MB/s compressed, %.1f MB/s decompressed; %zu records; peak buffers %.2f MB\n",
                  g.served / 1048576.0, decompressed / 1048576.0, secs,
                  g.served / 1048576.0 / secs, decompressed / 1048576.0 / secs, records,
                  peak / 1048576.0);
    assert_true(secs < 120);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uncompressed),
        cmocka_unit_test(test_gzip_per_record),
        cmocka_unit_test(test_gzip_whole_file),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_http_encodings),
        cmocka_unit_test(test_http_damaged_bodies),
        cmocka_unit_test(test_is_html),
        cmocka_unit_test(test_header_syntax),
        cmocka_unit_test(test_clueweb09),
        cmocka_unit_test(test_brotli_limits),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_garbage_between_records),
        cmocka_unit_test(test_corrupt_gzip_member),
        cmocka_unit_test(test_content_length_lies),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_mutated_archives),
        cmocka_unit_test(test_small_reads),
        cmocka_unit_test(test_throughput),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
