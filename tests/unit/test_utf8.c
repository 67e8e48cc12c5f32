/*
 * test_utf8.c — unit tests for the UTF-8 primitives (src/core/utf8.c) and
 * block whitespace normalisation (wn_normalize_space, src/core/doc.c).
 *
 * Decoding follows the Unicode "maximal subpart" practice: an ill-formed
 * sequence is reported with the length of its longest valid prefix (at
 * least 1), so a caller replaces exactly that many bytes by one U+FFFD.
 * Inputs are exact-size heap copies so over-reads show up under ASan.
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
#include "core/doc.h"

#include "arena_fixture.h"

/* Decodes the n bytes at s (exact-size copy); checks length and code point. */
static void dec(const char *s, size_t n, int want_len, int32_t want_cp)
{
    unsigned char *b = malloc(n);
    assert_non_null(b);
    memcpy(b, s, n);
    int32_t cp = 12345;
    int l = wn_utf8_decode(b, n, &cp);
    free(b);
    if (l != want_len || cp != want_cp) {
        char hex[64] = "";
        for (size_t i = 0; i < n && i < 8; i++) sprintf(hex + strlen(hex), "%02X ", (unsigned char)s[i]);
        fail_msg("decode(%s) = len %d cp %ld, expected len %d cp %ld", hex, l, (long)cp,
                 want_len, (long)want_cp);
    }
}

#define DEC(lit, len, cp) dec(lit, sizeof(lit) - 1, len, cp)

static void test_decode_valid(void **state)
{
    (void)state;
    DEC("A", 1, 0x41);
    DEC("\x7F", 1, 0x7F);
    DEC("\0", 1, 0);
    DEC("\xC2\x80", 2, 0x80);
    DEC("\xC3\xA9", 2, 0xE9);            /* é */
    DEC("\xDF\xBF", 2, 0x7FF);
    DEC("\xE0\xA0\x80", 3, 0x800);
    DEC("\xE2\x80\x9C", 3, 0x201C);      /* “ */
    DEC("\xED\x9F\xBF", 3, 0xD7FF);      /* last before the surrogates */
    DEC("\xEE\x80\x80", 3, 0xE000);
    DEC("\xEF\xBB\xBF", 3, 0xFEFF);      /* BOM */
    DEC("\xEF\xBF\xBD", 3, 0xFFFD);
    DEC("\xEF\xBF\xBF", 3, 0xFFFF);
    DEC("\xF0\x90\x80\x80", 4, 0x10000);
    DEC("\xF0\x9F\x98\x80", 4, 0x1F600); /* 😀 */
    DEC("\xF4\x8F\xBF\xBF", 4, 0x10FFFF);
    /* only the first character is decoded */
    DEC("\xC3\xA9xyz", 2, 0xE9);
}

static void test_decode_invalid(void **state)
{
    (void)state;
    /* lone continuation bytes and bytes that never start a sequence */
    DEC("\x80", 1, -1);
    DEC("\xBF", 1, -1);
    DEC("\xFE", 1, -1);
    DEC("\xFF", 1, -1);
    DEC("\xF5\x80\x80\x80", 1, -1);
    DEC("\xF8\x88\x80\x80\x80", 1, -1);
    /* overlongs */
    DEC("\xC0\x80", 1, -1);
    DEC("\xC1\xBF", 1, -1);
    DEC("\xE0\x80\x80", 1, -1);
    DEC("\xE0\x9F\xBF", 1, -1);
    DEC("\xF0\x80\x80\x80", 1, -1);
    DEC("\xF0\x8F\xBF\xBF", 1, -1);
    /* surrogates U+D800..U+DFFF */
    DEC("\xED\xA0\x80", 1, -1);
    DEC("\xED\xBF\xBF", 1, -1);
    /* above U+10FFFF */
    DEC("\xF4\x90\x80\x80", 1, -1);
    DEC("\xF4\xBF\xBF\xBF", 1, -1);
    /* truncated: the maximal valid prefix is one bad sequence */
    DEC("\xC3", 1, -1);
    DEC("\xE2", 1, -1);
    DEC("\xE2\x80", 2, -1);
    DEC("\xF0\x9F", 2, -1);
    DEC("\xF0\x9F\x98", 3, -1);
    /* interrupted by a non-continuation byte */
    DEC("\xC3" "A", 1, -1);
    DEC("\xE2\x80" "A", 2, -1);
    DEC("\xF0\x9F\x98" "A", 3, -1);
    DEC("\xE2\xC3\xA9", 1, -1);
    DEC("\xE2\x80\xE2\x80\x9C", 2, -1);
}

static void test_encode(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(wn_utf8_encode(0x41, out), 1);
    assert_memory_equal(out, "A", 1);
    assert_int_equal(wn_utf8_encode(0xE9, out), 2);
    assert_memory_equal(out, "\xC3\xA9", 2);
    assert_int_equal(wn_utf8_encode(0x201C, out), 3);
    assert_memory_equal(out, "\xE2\x80\x9C", 3);
    assert_int_equal(wn_utf8_encode(0x1F600, out), 4);
    assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
    /* not encodable -> U+FFFD */
    assert_int_equal(wn_utf8_encode(0xD800, out), 3);
    assert_memory_equal(out, "\xEF\xBF\xBD", 3);
    assert_int_equal(wn_utf8_encode(0x110000, out), 3);
    assert_memory_equal(out, "\xEF\xBF\xBD", 3);
    assert_int_equal(wn_utf8_encode(-1, out), 3);
    assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_valid(void **state)
{
    (void)state;
    assert_int_equal(wn_utf8_valid("", 0), 1);
    assert_int_equal(wn_utf8_valid("plain ascii", 11), 1);
    assert_int_equal(wn_utf8_valid("caf\xC3\xA9 \xF0\x9F\x98\x80", 10), 1);
    assert_int_equal(wn_utf8_valid("caf\xC3", 4), 0);
    assert_int_equal(wn_utf8_valid("\xED\xA0\x80", 3), 0);
    assert_int_equal(wn_utf8_valid("a\x80" "b", 3), 0);
    /* an embedded NUL is valid UTF-8 */
    assert_int_equal(wn_utf8_valid("a\0b", 3), 1);
}

/* sanitize(s) must be exactly `want` with `nbad` replacements */
static void san(const char *s, size_t n, const char *want, size_t nbad)
{
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    size_t len = 999, bad = 999;
    char *out = wn_utf8_sanitize(&arena, b, n, &len, &bad);
    free(b);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(bad, nbad);
    assert_int_equal(wn_utf8_valid(out, len), 1);
}

#define SAN(lit, want, nbad) san(lit, sizeof(lit) - 1, want, nbad)
#define FFFD "\xEF\xBF\xBD"

static void test_sanitize(void **state)
{
    (void)state;
    SAN("", "", 0);
    SAN("hello", "hello", 0);
    SAN("caf\xC3\xA9", "caf\xC3\xA9", 0);
    SAN("caf\xE9", "caf" FFFD, 1);                          /* Latin-1 é */
    SAN("a\x80\x80" "b", "a" FFFD FFFD "b", 2);             /* each stray byte */
    SAN("a\xE2\x80" "b", "a" FFFD "b", 1);                  /* maximal subpart */
    SAN("\xF0\x9F\x98", FFFD, 1);                           /* truncated at the end */
    SAN("\xED\xA0\x80", FFFD FFFD FFFD, 3);                 /* surrogate: 3 bad bytes */
    SAN("\xC0\xAF", FFFD FFFD, 2);                          /* overlong '/' */
    SAN("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4);
    SAN("a\0b\0", "ab", 0);                                 /* NULs dropped */
    SAN("\xEF\xBF\xBD", FFFD, 0);                           /* a real U+FFFD is fine */

    /* NULL out-params are allowed */
    char *o = wn_utf8_sanitize(&arena, "x\xFF", 2, NULL, NULL);
    assert_string_equal(o, "x" FFFD);

    /* every byte value in every position: output always valid */
    unsigned char all[512];
    for (int i = 0; i < 512; i++) all[i] = (unsigned char)(i * 7 + (i >> 3));
    size_t len, bad;
    char *out = wn_utf8_sanitize(&arena, (const char *)all, sizeof all, &len, &bad);
    assert_int_equal(wn_utf8_valid(out, len), 1);
    assert_true(bad > 0);
    assert_null(memchr(out, 0, len));
}

/* normalize(s) must be exactly `want` */
static void norm(const char *s, size_t n, const char *want)
{
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    size_t len = 999;
    char *out = wn_normalize_space(&arena, b, n, &len);
    free(b);
    assert_non_null(out);
    if (strcmp(out, want) != 0) fail_msg("normalize: got \"%s\", expected \"%s\"", out, want);
    assert_int_equal(len, strlen(want));
}

#define NORM(lit, want) norm(lit, sizeof(lit) - 1, want)

static void test_normalize_space(void **state)
{
    (void)state;
    NORM("", "");
    NORM("   ", "");
    NORM("Hello world", "Hello world");
    NORM("  Hello   world  ", "Hello world");
    NORM("Hello\tworld", "Hello world");
    NORM("Hello\n\n\tworld\r\n", "Hello world");
    NORM("Hello\xC2\xA0world", "Hello world");               /* NBSP */
    NORM("Hello\xC2\xA0\xC2\xA0 world", "Hello world");
    NORM("Hello\xE2\x80\x89world", "Hello world");           /* thin space */
    NORM("Hello\xE2\x80\xAFworld", "Hello world");           /* narrow NBSP */
    NORM("Hello\xE3\x80\x80world", "Hello world");           /* ideographic space */
    NORM("Hello\xE2\x80\xA8world", "Hello world");           /* line separator */
    NORM("Hel\xE2\x80\x8Blo", "Hello");                      /* zero-width space */
    NORM("Hel\xE2\x80\x8C\xE2\x80\x8Dlo", "Hello");          /* ZWNJ, ZWJ */
    NORM("\xEF\xBB\xBFHello", "Hello");                      /* BOM */
    NORM("Hel\xC2\xADlo", "Hello");                          /* soft hyphen */
    NORM("\xE2\x80\x8E" "abc\xE2\x80\x8F", "abc");           /* LRM, RLM */
    NORM("a \xE2\x80\x8B b", "a b");       /* invisible between spaces: one space */
    NORM("a\0b", "ab");                    /* NUL dropped, not a space */
    NORM("a\x01\x7F" "b", "a b");          /* control characters are blanks */
    /* typographic quotes, dashes and ellipses are left exactly as written */
    NORM("\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s\xE2\x80\xA6",
         "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s\xE2\x80\xA6");
    NORM("\"straight\" 'quotes'", "\"straight\" 'quotes'");
    /* invalid UTF-8 becomes U+FFFD, one per maximal subpart */
    NORM("caf\xE9 ok", "caf" FFFD " ok");
    NORM("a\xE2\x80 b", "a" FFFD " b");
    NORM("\xF0\x9F\x98", FFFD);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_decode_valid), T(test_decode_invalid), T(test_encode),
        T(test_valid),        T(test_sanitize),       T(test_normalize_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
