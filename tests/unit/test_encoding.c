/*
 * test_encoding.c — unit tests for wn_html_to_utf8 (src/dom/encoding.c).
 *
 * Each case builds its page bytes by hand (the legacy encodings' bytes are
 * spelled out, so the expectation does not depend on the converter under
 * test) and compares the output byte for byte, plus the charset reported
 * in *used. Inputs are passed as exact-size heap copies without a
 * terminating NUL, so a read past the end shows up under ASan. The last
 * case feeds thousands of random buffers (fixed-seed PRNG) with every kind
 * of charset label and checks the output is always valid, NUL-free UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "dom/dom.h"

#include "arena_fixture.h"

static void hexdump(char *dst, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    dst[0] = 0;
    for (size_t i = 0; i < n && o + 4 < cap; i++)
        o += (size_t)snprintf(dst + o, cap - o, "%02X ", (unsigned char)s[i]);
}

/* Converts in (n bytes, exact-size copy) and checks output and charset. */
static void conv(const char *in, size_t n, const char *declared, const char *want,
                 size_t want_len, const char *want_used)
{
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n) memcpy(copy, in, n);
    size_t len = 12345;
    const char *used = NULL;
    char *out = wn_html_to_utf8(&arena, copy, n, declared, &len, &used);
    free(copy);
    assert_non_null(out);
    assert_non_null(used);
    if (len != want_len || memcmp(out, want, want_len) != 0 || out[len] != 0) {
        char got[512], exp[512];
        hexdump(got, sizeof got, out, len);
        hexdump(exp, sizeof exp, want, want_len);
        fail_msg("output (%zu bytes): %s\nexpected (%zu bytes): %s", len, got, want_len, exp);
    }
    assert_string_equal(used, want_used);
}

/* string literals: sizeof - 1 keeps embedded NULs */
#define CONV(in, decl, want, used) conv(in, sizeof(in) - 1, decl, want, sizeof(want) - 1, used)

/* the charset a page is read as (output not checked) */
static const char *used_for(const char *in, size_t n, const char *declared)
{
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n) memcpy(copy, in, n);
    size_t len;
    const char *used = NULL;
    char *out = wn_html_to_utf8(&arena, copy, n, declared, &len, &used);
    free(copy);
    assert_non_null(out);
    assert_true(wn_utf8_valid(out, len));
    return used;
}

#define USED(in, decl) used_for(in, sizeof(in) - 1, decl)

/* ---- Unicode ---------------------------------------------------------- */

static void test_utf8_plain(void **state)
{
    (void)state;
    CONV("<p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80</p>", NULL,
         "<p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80</p>", "utf-8");
    CONV("<p>plain ascii</p>", NULL, "<p>plain ascii</p>", "utf-8");
}

static void test_utf8_bom(void **state)
{
    (void)state;
    CONV("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", NULL, "<p>caf\xC3\xA9</p>", "utf-8");
    /* the BOM beats both the caller and the page */
    CONV("\xEF\xBB\xBF<meta charset=koi8-r><p>caf\xC3\xA9</p>", "windows-1252",
         "<meta charset=koi8-r><p>caf\xC3\xA9</p>", "utf-8");
    /* only the BOM: empty page */
    CONV("\xEF\xBB\xBF", NULL, "", "utf-8");
}

static void test_utf16le_bom(void **state)
{
    (void)state;
    /* "<p>é€😀</p>" */
    CONV("\xFF\xFE<\0p\0>\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE<\0/\0p\0>\0", "shift_jis",
         "<p>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80</p>", "utf-16le");
}

static void test_utf16be_bom(void **state)
{
    (void)state;
    CONV("\xFE\xFF\0<\0p\0>\0\xE9\x20\xAC\xD8\x3D\xDE\x00\0<\0/\0p\0>", NULL,
         "<p>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80</p>", "utf-16be");
}

static void test_utf16_damaged(void **state)
{
    (void)state;
    /* lone high surrogate before 'a', lone low surrogate, odd last byte */
    CONV("\xFF\xFE\x3D\xD8" "a\0" "\x00\xDC" "b\0" "c", NULL,
         "\xEF\xBF\xBD" "a" "\xEF\xBF\xBD" "b" "\xEF\xBF\xBD", "utf-16le");
    /* a high surrogate cut off by the end */
    CONV("\xFE\xFF\0x\xD8\x3D", NULL, "x\xEF\xBF\xBD", "utf-16be");
}

static void test_utf16_declared_without_bom(void **state)
{
    (void)state;
    /* believed when the bytes have NULs ... */
    CONV("<\0p\0>\0\xE9\0", "utf-16", "<p>\xC3\xA9", "utf-16le");
    CONV("\0<\0p\0>\0\xE9", "UTF-16BE", "<p>\xC3\xA9", "utf-16be");
    /* ... not for an ASCII page a server calls utf-16 */
    CONV("<p>caf\xC3\xA9</p>", "utf-16", "<p>caf\xC3\xA9</p>", "utf-8");
    /* a meta tag saying UTF-16 means UTF-8 */
    CONV("<meta charset=utf-16><p>caf\xC3\xA9</p>", NULL,
         "<meta charset=utf-16><p>caf\xC3\xA9</p>", "utf-8");
}

/* ---- windows-1252 ----------------------------------------------------- */

static void test_1252_meta_charset(void **state)
{
    (void)state;
    CONV("<html><head><meta charset=windows-1252></head><p>\x93" "caf\xE9\x94</p>", NULL,
         "<html><head><meta charset=windows-1252></head><p>\xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D</p>",
         "windows-1252");
    /* quoted, mixed case, after other attributes and tags */
    CONV("<!DOCTYPE html><head><title>t</title><meta name=x CHARSET = 'Windows-1252' />"
         "\x93\xE9\x94",
         NULL,
         "<!DOCTYPE html><head><title>t</title><meta name=x CHARSET = 'Windows-1252' />"
         "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D",
         "windows-1252");
}

static void test_1252_http_equiv(void **state)
{
    (void)state;
    CONV("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x93\xE9\x94",
         NULL,
         "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
         "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D",
         "windows-1252");
    /* content first, upper case, single quotes, no space before charset */
    CONV("<META CONTENT='text/html;charset=ISO-8859-2' HTTP-EQUIV='content-type'>\xB3", NULL,
         "<META CONTENT='text/html;charset=ISO-8859-2' HTTP-EQUIV='content-type'>\xC5\x82",
         "iso-8859-2");
    /* quoted charset inside content */
    CONV("<meta http-equiv=content-type content='text/html; charset=\"koi8-r\"'>\xF0", NULL,
         "<meta http-equiv=content-type content='text/html; charset=\"koi8-r\"'>\xD0\x9F",
         "koi8-r");
}

static void test_1252_detected(void **state)
{
    (void)state;
    CONV("<p>\x93" "caf\xE9\x94</p>", NULL, "<p>\xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D</p>",
         "windows-1252");
    /* an é at the very end is not taken for a cut-off UTF-8 sequence */
    CONV("caf\xE9", NULL, "caf\xC3\xA9", "windows-1252");
    /* all of 0x80..0x9F, including the five undefined bytes (C1 controls),
     * and the Latin-1 range around them */
    CONV("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8A\x8B\x8C\x8D\x8E\x8F"
         "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9A\x9B\x9C\x9D\x9E\x9F\xA0\xFF",
         NULL,
         "\xE2\x82\xAC\xC2\x81\xE2\x80\x9A\xC6\x92\xE2\x80\x9E\xE2\x80\xA6\xE2\x80\xA0"
         "\xE2\x80\xA1\xCB\x86\xE2\x80\xB0\xC5\xA0\xE2\x80\xB9\xC5\x92\xC2\x8D\xC5\xBD"
         "\xC2\x8F\xC2\x90\xE2\x80\x98\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\xA2"
         "\xE2\x80\x93\xE2\x80\x94\xCB\x9C\xE2\x84\xA2\xC5\xA1\xE2\x80\xBA\xC5\x93"
         "\xC2\x9D\xC5\xBE\xC5\xB8\xC2\xA0\xC3\xBF",
         "windows-1252");
}

static void test_latin1_means_1252(void **state)
{
    (void)state;
    CONV("\x93\xE9\x94", "iso-8859-1", "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D", "windows-1252");
    CONV("\x93\xE9\x94", "latin1", "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D", "windows-1252");
    CONV("\x93\xE9\x94", "US-ASCII", "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D", "windows-1252");
}

/* ---- other charsets --------------------------------------------------- */

static void test_iso8859_2(void **state)
{
    (void)state;
    CONV("<p>\xB3\xF3\xBF\xB3o</p>", "iso-8859-2", "<p>\xC5\x82\xC3\xB3\xC5\xBC\xC5\x82o</p>",
         "iso-8859-2");
    CONV("\xB3", "latin2", "\xC5\x82", "iso-8859-2");
}

static void test_shift_jis(void **state)
{
    (void)state;
    /* 日本語 */
    CONV("<meta charset=\"Shift_JIS\"><p>\x93\xFA\x96\x7B\x8C\xEA</p>", NULL,
         "<meta charset=\"Shift_JIS\"><p>\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E</p>", "shift_jis");
    CONV("\x93\xFA\x96\x7B\x8C\xEA", "x-sjis", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
         "shift_jis");
    /* read as windows-31j, as browsers do: 0x5C is a backslash, 0x8740 the
     * NEC circled digit one */
    CONV("\x5C\x87\x40", "shift_jis", "\x5C\xE2\x91\xA0", "shift_jis");
    /* an undefined byte and a lead byte cut off by the end: U+FFFD each */
    CONV("a\xA0" "b\x93\xFA\x93", "sjis", "a\xEF\xBF\xBD" "b\xE6\x97\xA5\xEF\xBF\xBD",
         "shift_jis");
}

static void test_gbk(void **state)
{
    (void)state;
    /* 中文 */
    CONV("<p>\xD6\xD0\xCE\xC4</p>", "gb2312", "<p>\xE4\xB8\xAD\xE6\x96\x87</p>", "gb18030");
    CONV("<meta charset=gbk>\xD6\xD0\xCE\xC4", NULL,
         "<meta charset=gbk>\xE4\xB8\xAD\xE6\x96\x87", "gb18030");
    /* GBK's euro sign */
    CONV("\x80", "GBK", "\xE2\x82\xAC", "gb18030");
}

static void test_euc_kr(void **state)
{
    (void)state;
    /* 한국어 */
    CONV("<meta http-equiv=Content-Type content=\"text/html; charset=euc-kr\">\xC7\xD1\xB1\xB9\xBE\xEE",
         NULL,
         "<meta http-equiv=Content-Type content=\"text/html; charset=euc-kr\">"
         "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",
         "euc-kr");
    /* read as windows-949: 0x8C63 is a UHC extension syllable */
    CONV("\x8C\x63", "euc-kr", "\xEB\x98\xA0", "euc-kr");
}

static void test_more_charsets(void **state)
{
    (void)state;
    /* Привет in KOI8-R */
    CONV("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r",
         "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "koi8-r");
    /* 中文 in Big5 */
    CONV("\xA4\xA4\xA4\xE5", "big5", "\xE4\xB8\xAD\xE6\x96\x87", "big5");
    /* 日本語 in ISO-2022-JP: stateful, escape sequences */
    CONV("\x1B$BF|K\\8l\x1B(B!", "iso-2022-jp", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E!",
         "iso-2022-jp");
    /* 日本語 in EUC-JP */
    CONV("\xC6\xFC\xCB\xDC\xB8\xEC", "euc-jp", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "euc-jp");
    /* Привет in windows-1251 */
    CONV("\xCF\xF0\xE8\xE2\xE5\xF2", "cp1251",
         "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "windows-1251");
}

/* ---- precedence and overrides ----------------------------------------- */

static void test_declared_beats_meta(void **state)
{
    (void)state;
    /* 0xB3 is ł in ISO-8859-2, ³ in windows-1252 */
    CONV("<meta charset=windows-1252>\xB3", "iso-8859-2", "<meta charset=windows-1252>\xC5\x82",
         "iso-8859-2");
    /* a whole Content-Type value is understood */
    CONV("<meta charset=windows-1252>\xB3", "text/html; charset=ISO-8859-2",
         "<meta charset=windows-1252>\xC5\x82", "iso-8859-2");
    /* meta beats detection */
    CONV("<meta charset=iso-8859-2>\xB3", NULL, "<meta charset=iso-8859-2>\xC5\x82",
         "iso-8859-2");
}

static void test_utf8_misdeclared_single_byte(void **state)
{
    (void)state;
    CONV("<meta charset=iso-8859-1><p>caf\xC3\xA9</p>", NULL,
         "<meta charset=iso-8859-1><p>caf\xC3\xA9</p>", "utf-8");
    CONV("<p>\xE2\x80\x9Cq\xE2\x80\x9D</p>", "windows-1252", "<p>\xE2\x80\x9Cq\xE2\x80\x9D</p>",
         "utf-8");
    /* a cut-off sequence at the end does not save the declaration */
    CONV("caf\xC3\xA9 \xE2\x80", "koi8-r", "caf\xC3\xA9 \xEF\xBF\xBD", "utf-8");
    /* with one invalid sequence the declaration stands */
    CONV("\xC3\xA9\xB3", "iso-8859-2", "\xC4\x82\xC5\xA0\xC5\x82", "iso-8859-2");
}

static void test_utf8_misdeclared_cjk(void **state)
{
    (void)state;
    /* eight or more UTF-8 characters and nothing invalid: UTF-8 */
    CONV("\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87"
         "\xE4\xB8\xAD\xE6\x96\x87",
         "gb2312",
         "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87"
         "\xE4\xB8\xAD\xE6\x96\x87",
         "utf-8");
    /* fewer: the declaration stands */
    assert_string_equal(USED("\xE4\xB8\xAD\xE6\x96\x87", "gb2312"), "gb18030");
}

static void test_utf8_declared_invalid(void **state)
{
    (void)state;
    /* a few bad bytes in a UTF-8 page: U+FFFD each (maximal subparts) */
    CONV("<p>caf\xC3\xA9 na\xC3\xAFve \xFF \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80</p>", "utf-8",
         "<p>caf\xC3\xA9 na\xC3\xAFve \xEF\xBF\xBD \xE2\x80\x9Cq\xE2\x80\x9D \xEF\xBF\xBD</p>",
         "utf-8");
    CONV("<meta charset=UTF-8>\xC3\xA9\x80", NULL, "<meta charset=UTF-8>\xC3\xA9\xEF\xBF\xBD",
         "utf-8");
    /* windows-1252 throughout, declared UTF-8: read as windows-1252 */
    CONV("<meta charset=utf-8><p>\x93" "caf\xE9\x94 na\xEFve</p>", NULL,
         "<meta charset=utf-8><p>\xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D na\xC3\xAFve</p>",
         "windows-1252");
    /* undeclared, mostly UTF-8 with one damaged byte: stays UTF-8 */
    CONV("\xC3\xA9\xC3\xA9\x80", NULL, "\xC3\xA9\xC3\xA9\xEF\xBF\xBD", "utf-8");
}

static void test_garbage_labels(void **state)
{
    (void)state;
    const char *junk[] = {"", "   ", "utf-9", "bogus", "x-unknown-charset", "charset=",
                          "text/html; charset=nonsense", "iso-2022-kr", "\x93\xFF",
                          "utf-8-but-much-longer-than-any-label-could-ever-be-xxxxxxxx"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        CONV("\x93\xE9\x94", junk[i], "\xE2\x80\x9C\xC3\xA9\xE2\x80\x9D", "windows-1252");
        CONV("caf\xC3\xA9", junk[i], "caf\xC3\xA9", "utf-8");
    }
    /* an unknown meta charset is ignored as well */
    CONV("<meta charset=klingon>\xB3", NULL, "<meta charset=klingon>\xC2\xB3", "windows-1252");
}

static void test_label_aliases(void **state)
{
    (void)state;
    static const struct {
        const char *label, *used;
    } t[] = {
        {"utf8", "utf-8"},           {"UTF-8", "utf-8"},          {"x-sjis", "shift_jis"},
        {"iso-8859-1", "windows-1252"}, {"windows-1252", "windows-1252"},
        {"gb2312", "gb18030"},       {"shift_jis", "shift_jis"},  {"euc-kr", "euc-kr"},
        {"koi8-r", "koi8-r"},        {"big5", "big5"},            {"latin1", "windows-1252"},
        {" \"Shift-JIS\" ", "shift_jis"}, {"ISO8859-2", "iso-8859-2"},
        {"ISO_8859-9", "windows-1254"}, {"ks_c_5601-1987", "euc-kr"},
        {"iso-8859-15", "iso-8859-15"}, {"KOI8-U", "koi8-u"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *u = USED("<p>ascii</p>", t[i].label);
        if (strcmp(u, t[i].used) != 0)
            fail_msg("label \"%s\": used %s, expected %s", t[i].label, u, t[i].used);
    }
}

static void test_prescan_rules(void **state)
{
    (void)state;
    /* in a comment: not a declaration */
    assert_string_equal(USED("<!-- <meta charset=iso-8859-2> -->\xB3", NULL), "windows-1252");
    /* in another tag's attribute: not a declaration */
    assert_string_equal(USED("<div title='<meta charset=iso-8859-2>'>\xB3", NULL),
                        "windows-1252");
    /* content= without http-equiv: not a declaration */
    assert_string_equal(USED("<meta content='text/html; charset=iso-8859-2'>\xB3", NULL),
                        "windows-1252");
    /* the first charset attribute counts */
    assert_string_equal(USED("<meta charset=iso-8859-2 charset=koi8-r>\xB3", NULL),
                        "iso-8859-2");
    /* a repeated attribute is ignored: the first one counts */
    assert_string_equal(USED("<meta http-equiv=content-type content='text/html' "
                             "content='text/html; charset=iso-8859-2'>\xB3", NULL),
                        "windows-1252");
    assert_string_equal(USED("<meta http-equiv=refresh http-equiv=content-type "
                             "content='text/html; charset=iso-8859-2'>\xB3", NULL),
                        "windows-1252");
    /* '/' ends an attribute name; ';' ends an unquoted charset in content */
    assert_string_equal(USED("<meta x/charset=iso-8859-2>\xB3", NULL), "iso-8859-2");
    assert_string_equal(USED("<meta http-equiv=content-type "
                             "content='text/html; charset=iso-8859-2;x=y'>\xB3", NULL),
                        "iso-8859-2");
    /* <meta> needs a space or slash after the name */
    assert_string_equal(USED("<metacharset=iso-8859-2>\xB3", NULL), "windows-1252");
    assert_string_equal(USED("<meta/charset=iso-8859-2>\xB3", NULL), "iso-8859-2");
    /* "<!-->" is a whole comment */
    assert_string_equal(USED("<!--><meta charset=iso-8859-2>\xB3", NULL), "iso-8859-2");
    /* an unterminated tag at the end */
    assert_string_equal(USED("<meta charset=\"iso-8859-2", NULL), "utf-8");

    /* only the first 4 KiB are searched */
    size_t pad = 4100;
    const char *tail = "<meta charset=iso-8859-2>\xB3";
    char *buf = malloc(pad + strlen(tail));
    assert_non_null(buf);
    memset(buf, ' ', pad);
    memcpy(buf + pad, tail, strlen(tail));
    assert_string_equal(used_for(buf, pad + strlen(tail), NULL), "windows-1252");
    /* ... and one inside them counts */
    assert_string_equal(used_for(buf + 200, pad - 200 + strlen(tail), NULL), "iso-8859-2");
    free(buf);
}

static void test_empty_and_nul(void **state)
{
    (void)state;
    const char *labels[] = {NULL, "utf-8", "shift_jis", "utf-16le", "windows-1252", "euc-kr"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t len = 99;
        const char *used = NULL;
        char *out = wn_html_to_utf8(&arena, "", 0, labels[i], &len, &used);
        assert_non_null(out);
        assert_int_equal(len, 0);
        assert_int_equal(out[0], 0);
        assert_non_null(used);
    }
    size_t len = 99;
    const char *used = NULL;
    char *out = wn_html_to_utf8(&arena, NULL, 0, NULL, &len, &used);
    assert_non_null(out);
    assert_int_equal(len, 0);
    assert_string_equal(used, "utf-8");
    /* NUL bytes are dropped, whatever the path */
    CONV("a\0b\xC3\xA9", NULL, "ab\xC3\xA9", "utf-8");
    CONV("a\0b\xE9", NULL, "ab\xC3\xA9", "windows-1252");
    CONV("a\0b\xB3", "iso-8859-2", "ab\xC5\x82", "iso-8859-2");
    CONV("\xFF\xFE" "a\0\0\0b\0", NULL, "ab", "utf-16le");
}

/* ---- robustness ------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static void test_random_bytes(void **state)
{
    (void)state;
    static const char *labels[] = {
        NULL, "utf-8", "windows-1252", "iso-8859-2", "shift_jis", "gb2312", "euc-kr",
        "big5", "koi8-r", "euc-jp", "iso-2022-jp", "utf-16le", "utf-16be", "windows-1251",
        "x-mac-cyrillic", "ibm866", "windows-874", "garbage", "text/html; charset=sjis"};
    static const char *prefixes[] = {"", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
                                     "<meta charset=shift_jis>", "<meta charset=utf-8>",
                                     "<meta http-equiv=content-type content='charset=big5'>",
                                     "\x1B$B"};
    const size_t nlab = sizeof labels / sizeof labels[0];
    const size_t npre = sizeof prefixes / sizeof prefixes[0];
    unsigned char buf[700];
    for (int iter = 0; iter < 4000; iter++) {
        size_t pl = 0, n = 0;
        const char *pre = prefixes[rng() % npre];
        pl = strlen(pre);
        memcpy(buf, pre, pl);
        n = pl + rng() % 600;
        int mode = (int)(rng() % 4);
        for (size_t i = pl; i < n; i++) {
            unsigned r = (unsigned)rng();
            if (mode == 0) buf[i] = (unsigned char)r;                     /* any byte */
            else if (mode == 1) buf[i] = (unsigned char)(0x80 | (r & 0x7F)); /* high only */
            else if (mode == 2) buf[i] = (unsigned char)((r & 3) ? 0x20 + r % 95 : 0x80 + (r >> 8) % 128);
            else buf[i] = (unsigned char)((r & 1) ? 0 : r >> 8); /* many NULs */
        }
        const char *decl = labels[rng() % nlab];
        unsigned char *copy = malloc(n ? n : 1);
        assert_non_null(copy);
        memcpy(copy, buf, n);
        size_t len = 0;
        const char *used = NULL;
        char *out = wn_html_to_utf8(&arena, (const char *)copy, n, decl, &len, &used);
        free(copy);
        assert_non_null(out);
        assert_non_null(used);
        if (!wn_utf8_valid(out, len) || out[len] != 0 || strlen(out) != len)
            fail_msg("iteration %d (%s, %s): output not valid NUL-free UTF-8", iter,
                     decl ? decl : "NULL", used);
        if (iter % 256 == 255) wn_arena_release(&arena); /* keep memory flat */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_utf8_plain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf16le_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf16be_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf16_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf16_declared_without_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_1252_meta_charset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_1252_http_equiv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_1252_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_latin1_means_1252, setup, teardown),
        cmocka_unit_test_setup_teardown(test_iso8859_2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shift_jis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gbk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_euc_kr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_more_charsets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_declared_beats_meta, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_misdeclared_single_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_misdeclared_cjk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8_declared_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_label_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prescan_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_bytes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
