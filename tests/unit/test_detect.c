/*
 * test_detect.c — unit tests for input sniffing (wn_detect,
 * wn_looks_like_html: src/input/detect.c) and gzip input through byte
 * sources (src/input/source.c).
 *
 * Inputs are exact-size heap copies (no NUL terminator) so reads past
 * buf+len show up under AddressSanitizer. gzip data is made in the test
 * with zlib, so the cases (multi-member, truncated, over the limit) are
 * exact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "input/input.h"

static wn_kind detect_n(const char *s, size_t n)
{
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    wn_kind k = wn_detect(b, n);
    free(b);
    return k;
}

static void expect_kind(const char *s, size_t n, wn_kind want)
{
    wn_kind k = detect_n(s, n);
    if (k != want)
        fail_msg("wn_detect(\"%.60s\") = %s, expected %s", s, wn_kind_name(k), wn_kind_name(want));
}

#define KIND(lit, want) expect_kind(lit, sizeof(lit) - 1, want)

static void test_empty_and_blank(void **state)
{
    (void)state;
    expect_kind("", 0, WN_KIND_EMPTY);
    KIND(" ", WN_KIND_EMPTY);
    KIND(" \t\r\n\f \n", WN_KIND_EMPTY);
    KIND("\xEF\xBB\xBF", WN_KIND_EMPTY);     /* a BOM alone */
    KIND("\xEF\xBB\xBF \n", WN_KIND_EMPTY);
}

static void test_binary(void **state)
{
    (void)state;
    KIND("\0", WN_KIND_BINARY);
    KIND("abc\0def", WN_KIND_BINARY);
    KIND("PK\x03\x04\x14\0\0\0\x08\0", WN_KIND_BINARY); /* zip header */
    KIND("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", WN_KIND_BINARY);
    /* many control characters, no NUL */
    KIND("\x01\x02\x03\x04\x05\x06\x07\x08 some text", WN_KIND_BINARY);
    /* runs of invalid UTF-8 */
    char junk[600];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(0x80 + (i * 37) % 0x40);
    expect_kind(junk, sizeof junk, WN_KIND_BINARY);
    /* a NUL after the first 8 KiB is not looked at: the head is text */
    size_t n = 10000;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "The quick brown fox jumps. "[i % 27];
    big[9000] = 0;
    expect_kind(big, n, WN_KIND_TEXT);
    free(big);
}

static void test_json(void **state)
{
    (void)state;
    KIND("{}", WN_KIND_JSON);
    KIND("{\"title\": \"x\"}", WN_KIND_JSON);
    KIND("  \n{ \"a\": 1 }", WN_KIND_JSON);
    KIND("\xEF\xBB\xBF{\"a\": 1}", WN_KIND_JSON);
    KIND("[]", WN_KIND_JSON);
    KIND("[{\"a\": 1}, {\"a\": 2}]", WN_KIND_JSON);
    KIND("[1, 2, 3]", WN_KIND_JSON);
    KIND("[-1]", WN_KIND_JSON);
    KIND("[\"a\"]", WN_KIND_JSON);
    KIND("[true]", WN_KIND_JSON);
    KIND("[null]", WN_KIND_JSON);
    KIND("[[", WN_KIND_JSON);
    KIND("[", WN_KIND_JSON);
    /* typographic quotes from a word processor */
    KIND("[[{\xE2\x80\x9Cvalue\xE2\x80\x9D:\xE2\x80\x9D", WN_KIND_JSON);
    KIND("{\xE2\x80\x9Ctitle\xE2\x80\x9D: \xE2\x80\x9Cx\xE2\x80\x9D}", WN_KIND_JSON);
    KIND("{'title': 'x'}", WN_KIND_JSON);
    /* JSON Lines */
    KIND("{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n", WN_KIND_JSON);
}

static void test_html(void **state)
{
    (void)state;
    KIND("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
         WN_KIND_HTML);
    KIND("<!doctype html>\n<p>x</p>", WN_KIND_HTML);
    KIND("\n  <html lang=\"en\">", WN_KIND_HTML);
    KIND("<p>Hello <b>world</b></p>", WN_KIND_HTML);
    KIND("<div class=\"article\"><p>One paragraph.</p></div>", WN_KIND_HTML);
    KIND("<p>Just one tag in a short fragment.</p>", WN_KIND_HTML);
    KIND("<!-- comment --><div>x</div>", WN_KIND_HTML);
}

static void test_text(void **state)
{
    (void)state;
    KIND("Hello world.\nA second line.", WN_KIND_TEXT);
    KIND("[Photo] The mayor opened the bridge on Monday.", WN_KIND_TEXT);
    KIND("[Photo: Reuters]\nThe mayor opened the bridge.", WN_KIND_TEXT);
    KIND("[Updated] Officials said", WN_KIND_TEXT);
    KIND("<3 love this town, said the mayor.", WN_KIND_TEXT);
    KIND("<<< Back to the index", WN_KIND_TEXT);
    KIND("{Editor's note: this story was updated.}", WN_KIND_TEXT);
    KIND("{ not json at all", WN_KIND_TEXT);
    KIND("1 + 2 < 3 is false", WN_KIND_TEXT);
    KIND("Caf\xC3\xA9 cr\xC3\xA8me \xE2\x80\x94 \xE2\x80\x9Cquoted\xE2\x80\x9D", WN_KIND_TEXT);
    /* legacy 8-bit text: isolated high bytes are still text */
    KIND("Caf\xE9 au lait and cr\xE8me br\xFBl\xE9\x65 on the menu today.", WN_KIND_TEXT);
}

/* Short prefixes of JSON-looking input must not be read past their end
 * ("[tru" must not look at a 5th byte). */
static void test_prefixes_no_overread(void **state)
{
    (void)state;
    const char *in[] = {"[true]", "[false]", "[null]", "{\xE2\x80\x9C" "a\xE2\x80\x9D: 1}",
                        "<!DOCTYPE html>", "\xEF\xBB\xBF[\xE2\x80\x98x\xE2\x80\x99]",
                        "<blockquote>x</blockquote>"};
    for (size_t k = 0; k < sizeof in / sizeof *in; k++) {
        size_t n = strlen(in[k]);
        for (size_t l = 0; l <= n; l++) {
            wn_kind kd = detect_n(in[k], l);
            assert_true(kd >= WN_KIND_EMPTY && kd <= WN_KIND_TEXT);
            char *b = malloc(l ? l : 1);
            assert_non_null(b);
            memcpy(b, in[k], l);
            (void)wn_looks_like_html(b, l);
            free(b);
        }
    }
    /* a literal cut off by the end of the input is not a literal: "[tru"
     * is text (and wn_detect did not read a fifth byte to decide) */
    KIND("[tru", WN_KIND_TEXT);
    KIND("[nul", WN_KIND_TEXT);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(wn_kind_name(WN_KIND_EMPTY), "empty");
    assert_string_equal(wn_kind_name(WN_KIND_BINARY), "binary");
    assert_string_equal(wn_kind_name(WN_KIND_JSON), "json");
    assert_string_equal(wn_kind_name(WN_KIND_HTML), "html");
    assert_string_equal(wn_kind_name(WN_KIND_TEXT), "text");
}

/* ---- gzip ------------------------------------------------------------- */

/* gzip-compresses s into a malloc'd buffer */
static unsigned char *gz(const void *s, size_t n, size_t *outlen)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, (uLong)n) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    zs.next_in = (unsigned char *)(uintptr_t)s;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *outlen = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

/* gzip input goes through a byte source (src/input/source.c): these
 * helpers read a whole memory source the way the stream reads an input. */
static int is_gzip(const void *p, size_t n)
{
    wn_source *src = wn_source_open_memory(p, n);
    assert_non_null(src);
    int g = wn_source_is_gzip(src);
    wn_source_close(src);
    return g;
}

/* 0 read to the end, -1 damaged (err set; out holds what came before),
 * -2 more than max bytes */
static int read_all(const void *p, size_t n, size_t max, wn_buf *out, const char **err)
{
    wn_source *src = wn_source_open_memory(p, n);
    assert_non_null(src);
    char chunk[4096];
    long got;
    int rc = 0;
    while ((got = wn_source_read(src, chunk, sizeof chunk)) > 0) {
        if (out->len + (size_t)got > max) {
            *err = "over the limit";
            rc = -2;
            break;
        }
        wn_buf_append(out, chunk, (size_t)got);
    }
    if (rc == 0 && got < 0) {
        *err = wn_source_error(src);
        rc = -1;
    }
    wn_source_close(src);
    return rc;
}

static void test_is_gzip(void **state)
{
    (void)state;
    assert_int_equal(is_gzip("\x1f\x8b", 2), 1);
    assert_int_equal(is_gzip("\x1f\x8b\x08\0", 4), 1);
    assert_int_equal(is_gzip("\x1f", 1), 0);
    assert_int_equal(is_gzip("", 0), 0);
    assert_int_equal(is_gzip("{\"a\"", 4), 0);
}

static void test_gunzip_valid(void **state)
{
    (void)state;
    const char *text = "{\"title\": \"Hello\", \"text\": \"World.\"}\n";
    size_t zl;
    unsigned char *z = gz(text, strlen(text), &zl);
    wn_buf out;
    wn_buf_init(&out);
    const char *err = NULL;
    assert_int_equal(read_all(z, zl, 1 << 20, &out, &err), 0);
    assert_null(err);
    assert_int_equal(out.len, strlen(text));
    assert_memory_equal(out.data, text, out.len);
    wn_buf_free(&out);

    /* the output limit may be met exactly */
    wn_buf_init(&out);
    assert_int_equal(read_all(z, zl, strlen(text), &out, &err), 0);
    assert_int_equal(out.len, strlen(text));
    wn_buf_free(&out);
    free(z);

    /* larger than one internal chunk (64 KiB): 1 MiB of varied text */
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = (char)('a' + (i * 2654435761u >> 7) % 26);
    z = gz(big, n, &zl);
    wn_buf_init(&out);
    assert_int_equal(read_all(z, zl, n, &out, &err), 0);
    assert_int_equal(out.len, n);
    assert_memory_equal(out.data, big, n);
    wn_buf_free(&out);
    free(z);
    free(big);
}

static void test_gunzip_multi_member(void **state)
{
    (void)state;
    const char *a = "{\"n\": 1}\n", *b = "{\"n\": 2}\n", *c = "{\"n\": 3}\n";
    size_t la, lb, lc;
    unsigned char *za = gz(a, strlen(a), &la), *zb = gz(b, strlen(b), &lb),
                  *zc = gz(c, strlen(c), &lc);
    size_t n = la + lb + lc;
    unsigned char *cat = malloc(n);
    assert_non_null(cat);
    memcpy(cat, za, la);
    memcpy(cat + la, zb, lb);
    memcpy(cat + la + lb, zc, lc);
    wn_buf out;
    wn_buf_init(&out);
    const char *err = NULL;
    assert_int_equal(read_all(cat, n, 1 << 20, &out, &err), 0);
    assert_null(err);
    assert_int_equal(out.len, 27);
    assert_memory_equal(out.data, "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n", 27);
    wn_buf_free(&out);
    free(cat);
    free(za);
    free(zb);
    free(zc);
}

static void test_gunzip_truncated(void **state)
{
    (void)state;
    size_t n = 200000;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = (char)('a' + (i * 2654435761u >> 9) % 26);
    size_t zl;
    unsigned char *z = gz(text, n, &zl);
    /* cut at several points: header, middle, just before the trailer (a
     * single 0x1f byte is not recognisable as gzip: not a cut point) */
    size_t cuts[] = {2, 5, 10, zl / 3, zl / 2, zl - 8, zl - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        unsigned char *p = malloc(cuts[k]);
        assert_non_null(p);
        memcpy(p, z, cuts[k]);
        wn_buf out;
        wn_buf_init(&out);
        const char *err = NULL;
        int rc = read_all(p, cuts[k], (size_t)1 << 30, &out, &err);
        if (rc != -1) fail_msg("cut at %zu of %zu: rc %d, expected -1", cuts[k], zl, rc);
        assert_non_null(err);
        assert_true(out.len <= n); /* what was recovered is a prefix */
        if (out.len) assert_memory_equal(out.data, text, out.len);
        wn_buf_free(&out);
        free(p);
    }
    free(z);
    free(text);
}

static void test_gunzip_corrupt(void **state)
{
    (void)state;
    const char *text = "hello hello hello hello";
    size_t zl;
    unsigned char *z = gz(text, strlen(text), &zl);
    wn_buf out;
    const char *err;

    /* a flipped byte in the CRC */
    z[zl - 6] ^= 0xFF;
    wn_buf_init(&out);
    err = NULL;
    assert_int_equal(read_all(z, zl, 1 << 20, &out, &err), -1);
    assert_non_null(err);
    wn_buf_free(&out);
    z[zl - 6] ^= 0xFF;

    /* trailing garbage after a complete member */
    unsigned char *g = malloc(zl + 4);
    assert_non_null(g);
    memcpy(g, z, zl);
    memcpy(g + zl, "junk", 4);
    wn_buf_init(&out);
    err = NULL;
    assert_int_equal(read_all(g, zl + 4, 1 << 20, &out, &err), -1);
    assert_non_null(err);
    wn_buf_free(&out);
    free(g);

    /* just the magic number */
    wn_buf_init(&out);
    err = NULL;
    assert_int_equal(read_all("\x1f\x8b", 2, 1 << 20, &out, &err), -1);
    assert_non_null(err);
    assert_int_equal(out.len, 0);
    wn_buf_free(&out);
    free(z);
}

static void test_gunzip_over_limit(void **state)
{
    (void)state;
    /* 4 MiB of zeros compress to a few KiB: a small gzip bomb */
    size_t n = (size_t)4 << 20;
    char *zeros = calloc(1, n);
    assert_non_null(zeros);
    size_t zl;
    unsigned char *z = gz(zeros, n, &zl);
    assert_true(zl < 16384);
    size_t limits[] = {1, 1000, 65536, n - 1};
    for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
        wn_buf out;
        wn_buf_init(&out);
        const char *err = NULL;
        int rc = read_all(z, zl, limits[k], &out, &err);
        if (rc != -2) fail_msg("limit %zu: rc %d, expected -2", limits[k], rc);
        assert_non_null(err);
        assert_true(out.len <= limits[k]);
        wn_buf_free(&out);
    }
    /* exactly the size: fine */
    wn_buf out;
    wn_buf_init(&out);
    const char *err = NULL;
    assert_int_equal(read_all(z, zl, n, &out, &err), 0);
    assert_int_equal(out.len, n);
    wn_buf_free(&out);
    free(z);
    free(zeros);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_prefixes_no_overread),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_is_gzip),
        cmocka_unit_test(test_gunzip_valid),
        cmocka_unit_test(test_gunzip_multi_member),
        cmocka_unit_test(test_gunzip_truncated),
        cmocka_unit_test(test_gunzip_corrupt),
        cmocka_unit_test(test_gunzip_over_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
