/*
 * test_json.c — unit tests for the strict-then-lenient JSON parser.
 *
 * Every input is copied into a malloc'd buffer of exactly its length, so a
 * read past buf+len shows up under AddressSanitizer. Values are checked
 * byte for byte; repairs are checked by flag and count, so a change in what
 * counts as a repair is a deliberate, visible change.
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

#include "input/input.h"

#include "arena_fixture.h"

/* Parses n bytes of s from an exact-size heap copy. */
static wn_json *parse_depth(const char *s, size_t n, int depth, size_t *consumed,
                            wn_json_diag *d)
{
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    wn_json *v = wn_json_parse(&arena, b, n, depth, consumed, d);
    free(b);
    return v;
}

static wn_json *parse(const char *s, size_t *consumed, wn_json_diag *d)
{
    return parse_depth(s, strlen(s), 256, consumed, d);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void assert_str(const wn_json *v, const char *want)
{
    assert_non_null(v);
    assert_int_equal(v->type, WN_JSON_STRING);
    assert_int_equal(v->len, strlen(want));
    assert_string_equal(v->str, want);
}

static void assert_num(const wn_json *v, const char *want)
{
    assert_non_null(v);
    assert_int_equal(v->type, WN_JSON_NUMBER);
    assert_int_equal(v->len, strlen(want));
    assert_string_equal(v->str, want);
}

/* Parses s, which must need no repair and be consumed whole. */
static wn_json *strict_ok(const char *s)
{
    size_t c = 99;
    wn_json_diag d;
    wn_json *v = parse(s, &c, &d);
    assert_non_null(v);
    assert_null(d.error);
    assert_int_equal(d.repaired, 0);
    assert_int_equal(d.repairs, 0);
    assert_int_equal(c, strlen(s));
    return v;
}

/* Parses s, which must parse only with `repairs` repairs, consumed whole. */
static wn_json *repaired_ok(const char *s, unsigned repairs)
{
    size_t c = 99;
    wn_json_diag d;
    wn_json *v = parse(s, &c, &d);
    assert_non_null(v);
    assert_null(d.error);
    assert_int_equal(d.repaired, 1);
    assert_int_equal(d.repairs, repairs);
    assert_int_equal(c, strlen(s));
    return v;
}

/* Parses s, which must fail with `error` at `offset`. */
static void fails(const char *s, const char *error, size_t offset)
{
    size_t c = 99;
    wn_json_diag d;
    assert_null(parse(s, &c, &d));
    assert_int_equal(c, 0);
    assert_non_null(d.error);
    assert_string_equal(d.error, error);
    assert_int_equal(d.error_offset, offset);
    assert_int_equal(d.too_deep, 0);
    assert_int_equal(d.repaired, 0);
}

/* ---- strict ------------------------------------------------------------ */

static void test_strict_scalars(void **state)
{
    (void)state;
    wn_json *v = strict_ok("null");
    assert_int_equal(v->type, WN_JSON_NULL);
    v = strict_ok("true");
    assert_int_equal(v->type, WN_JSON_BOOL);
    assert_string_equal(v->str, "true");
    v = strict_ok("false");
    assert_int_equal(v->type, WN_JSON_BOOL);
    assert_string_equal(v->str, "false");
    assert_int_equal(v->len, 5);

    const char *nums[] = {"0", "-0", "42", "-123", "3.25", "12.5e-3", "1E+10", "6e7", "-0.0"};
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++) assert_num(strict_ok(nums[k]), nums[k]);
    assert_str(strict_ok("\"hello, world\""), "hello, world");
    assert_str(strict_ok("\"\""), "");

    /* leading whitespace and BOMs are skipped; consumed counts them */
    size_t c;
    wn_json_diag d;
    v = parse(" \t\r\n 17 ", &c, &d);
    assert_num(v, "17");
    assert_int_equal(c, 7);
    v = parse("\xEF\xBB\xBF\n{\"a\":1}", &c, &d);
    assert_non_null(v);
    assert_int_equal(v->type, WN_JSON_OBJECT);
    assert_int_equal(c, 11);
    assert_int_equal(d.repaired, 0);

    /* a number stops where its grammar does; the rest is left to the caller */
    assert_num(parse("01", &c, &d), "0");
    assert_int_equal(c, 1);
    fails("1.", "invalid number", 0);
    fails("-", "invalid number", 0);
    fails("1e+", "invalid number", 0);
    fails(".5", "unexpected character", 0);
    fails("nul", "unexpected character", 0);
}

static void test_strict_containers(void **state)
{
    (void)state;
    wn_json *v = strict_ok("{\"a\": [1, \"two\", true, null, {\"b\": {}}],\n"
                           " \"c\": [], \"k\\u00e9y\": -5, \"a\": 2}");
    assert_int_equal(v->type, WN_JSON_OBJECT);
    assert_int_equal(v->count, 4);

    const wn_json *a = wn_json_get(v, "a"); /* first of the duplicates */
    assert_non_null(a);
    assert_ptr_equal(a, v->child);
    assert_int_equal(a->key_len, 1);
    assert_string_equal(a->key, "a");
    assert_int_equal(a->type, WN_JSON_ARRAY);
    assert_int_equal(a->count, 5);
    const wn_json *e = a->child;
    assert_num(e, "1");
    assert_null(e->key);
    assert_str(e = e->next, "two");
    assert_int_equal((e = e->next)->type, WN_JSON_BOOL);
    assert_int_equal((e = e->next)->type, WN_JSON_NULL);
    assert_int_equal((e = e->next)->type, WN_JSON_OBJECT);
    assert_null(e->next);
    const wn_json *b = wn_json_get(e, "b");
    assert_non_null(b);
    assert_int_equal(b->type, WN_JSON_OBJECT);
    assert_int_equal(b->count, 0);
    assert_null(b->child);

    const wn_json *c = wn_json_get(v, "c");
    assert_int_equal(c->type, WN_JSON_ARRAY);
    assert_int_equal(c->count, 0);
    assert_null(c->child);
    assert_num(wn_json_get(v, "k\xC3\xA9y"), "-5");
    assert_num(v->child->next->next->next, "2");
    assert_null(v->child->next->next->next->next);

    assert_null(wn_json_get(v, "missing"));
    assert_null(wn_json_get(v, ""));
    assert_null(wn_json_get(NULL, "a"));
    assert_null(wn_json_get(a, "a")); /* an array has no members */
    assert_null(wn_json_get(a->child, "a"));
}

/* empty key, empty containers, whitespace everywhere; consumed stops
 * right after the closing brace */
static void test_strict_whitespace_and_empty(void **state)
{
    (void)state;
    size_t c;
    wn_json_diag d;
    wn_json *v = parse(" { \"\" : [ ] , \"x\" : { } } ", &c, &d);
    assert_non_null(v);
    assert_int_equal(c, 25);
    assert_int_equal(v->count, 2);
    assert_non_null(wn_json_get(v, ""));
    assert_int_equal(wn_json_get(v, "")->type, WN_JSON_ARRAY);
}

static void test_escapes_and_surrogates(void **state)
{
    (void)state;
    assert_str(strict_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""), "\"\\/\b\f\n\r\t");
    assert_str(strict_ok("\"\\u00e9\\u00C9\\u20AC\\u0041\""), "\xC3\xA9\xC3\x89\xE2\x82\xAC" "A");
    assert_str(strict_ok("\"\\uD83D\\uDE00!\""), "\xF0\x9F\x98\x80!");
    /* lone surrogates become U+FFFD; the strict parse still succeeds */
    assert_str(strict_ok("\"a\\uD800b\""), "a\xEF\xBF\xBD" "b");
    assert_str(strict_ok("\"\\uDC00\""), "\xEF\xBF\xBD");
    assert_str(strict_ok("\"\\uD800\\uD800\\uDC00\""), "\xEF\xBF\xBD\xF0\x90\x80\x80");
    assert_str(strict_ok("\"\\uD800\\n\""), "\xEF\xBF\xBD\n");
    assert_str(strict_ok("\"\\uD800\""), "\xEF\xBF\xBD");
    /* NUL would cut the C string short: it becomes U+FFFD too */
    assert_str(strict_ok("\"x\\u0000y\""), "x\xEF\xBF\xBDy");
    /* raw UTF-8 passes through untouched */
    assert_str(strict_ok("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\""), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* not a structural error: replaced on the strict path, no repair; a
     * truncated sequence (E2 82) is one maximal subpart, so one U+FFFD */
    assert_str(strict_ok("\"a\xFF" "b\xC0\x80" "c\xE2\x82\""),
               "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD");
    assert_str(strict_ok("\"\xED\xA0\x80\""), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* in a key too */
    wn_json *v = strict_ok("{\"k\x80\": 1}");
    assert_int_equal(v->child->key_len, 4);
    assert_string_equal(v->child->key, "k\xEF\xBF\xBD");
    /* outside a string it is a syntax error */
    fails("\xFF", "unexpected character", 0);
}

static void test_depth_cap(void **state)
{
    (void)state;
    enum { N = 10000 };
    char *s = malloc(2 * N);
    assert_non_null(s);
    memset(s, '[', N);
    memset(s + N, ']', N);
    size_t c = 7;
    wn_json_diag d;
    for (int balanced = 0; balanced < 2; balanced++) {
        assert_null(parse_depth(s, balanced ? 2 * N : N, 256, &c, &d));
        assert_int_equal(d.too_deep, 1);
        assert_string_equal(d.error, "nesting too deep");
        assert_int_equal(d.error_offset, 256);
        assert_int_equal(d.repaired, 0);
        assert_int_equal(c, 0);
    }
    /* exactly max_depth levels are fine, one more is not */
    memcpy(s + 256, s + N, 256);
    wn_json *v = parse_depth(s, 512, 256, &c, &d);
    assert_non_null(v);
    assert_int_equal(c, 512);
    int depth = 0;
    for (const wn_json *e = v; e; e = e->child) depth++;
    assert_int_equal(depth, 256);
    assert_null(parse_depth("[[1]]", 5, 1, &c, &d));
    assert_int_equal(d.too_deep, 1);
    assert_non_null(parse_depth("[1]", 3, 1, &c, &d));
    assert_int_equal(d.too_deep, 0);
    /* a huge max_depth is capped rather than trusted with the stack */
    memset(s, '[', N);
    assert_null(parse_depth(s, N, 1 << 30, &c, &d));
    assert_int_equal(d.too_deep, 1);
    free(s);

    /* deep objects, and depth reached only by the lenient pass */
    char *o = malloc(6 * N + 8), *q = o;
    for (int k = 0; k < N; k++) q += sprintf(q, "{\"a\":");
    assert_null(parse_depth(o, (size_t)(q - o), 256, &c, &d));
    assert_int_equal(d.too_deep, 1);
    q = o + sprintf(o, "[\xE2\x80\x98x\xE2\x80\x99, ");
    memset(q, '[', N);
    assert_null(parse_depth(o, (size_t)(q - o) + N, 256, &c, &d));
    assert_int_equal(d.too_deep, 1);
    assert_int_equal(d.repaired, 0);
    free(o);
}

static void test_unterminated(void **state)
{
    (void)state;
    fails("{\"a\": \"abc", "unterminated string", 6);
    fails("\"abc\\", "unterminated string", 0);
    fails("\"\\u12", "unterminated string", 0);
    fails("[1, 2", "unterminated array", 0);
    fails("[1,", "unterminated array", 0);
    fails("[", "unterminated array", 0);
    fails("{\"a\": 1", "unterminated object", 0);
    fails("{\"a\"", "unterminated object", 0);
    fails("{\"a\":", "unterminated object", 0);
    fails("{", "unterminated object", 0);
    fails("{\"a\": [1, {\"b\": 2}", "unterminated array", 6);
    /* typographic delimiters: still no invented closing */
    fails("{\xE2\x80\x9C" "a\xE2\x80\x9D: \xE2\x80\x9C" "abc", "unterminated string", 10);
    fails("{\xE2\x80\x9C" "a\xE2\x80\x9D: \xE2\x80\x9C" "abc\xE2\x80\x9D", "unterminated object", 0);
    fails("", "no JSON value", 0);
    fails(" \n\t", "no JSON value", 3);
    fails("\xEF\xBB\xBF", "no JSON value", 3);
}

static void test_other_failures(void **state)
{
    (void)state;
    fails("{\"a\" 1}", "expected ':'", 5);
    fails("[1 x]", "expected ',' or ']'", 3);
    fails("{\"a\": 1 x}", "expected ',' or '}'", 8);
    fails("{1: 2}", "expected a string key", 1);
    fails("@", "unexpected character", 0);
    fails("[tru]", "unexpected character", 1);
}

static void test_consumed_back_to_back(void **state)
{
    (void)state;
    const char *s = "{\"a\":1}\n{\"a\":2}\n";
    size_t len = strlen(s), off = 0, c;
    wn_json_diag d;
    for (int k = 1; k <= 2; k++) {
        wn_json *v = parse_depth(s + off, len - off, 256, &c, &d);
        assert_non_null(v);
        assert_int_equal(d.repaired, 0);
        assert_int_equal(c, k == 1 ? 7 : 8);
        char want[2] = {(char)('0' + k), 0};
        assert_num(wn_json_get(v, "a"), want);
        off += c;
    }
    assert_null(parse_depth(s + off, len - off, 256, &c, &d));
    assert_string_equal(d.error, "no JSON value");

    /* garbage after a value is the caller's business */
    assert_num(parse("[1]x", &c, &d)->child, "1");
    assert_int_equal(c, 3);
    assert_str(parse("\"a\"\"b\"", &c, &d), "a");
    assert_int_equal(c, 3);
    /* NULL out-parameters are allowed */
    assert_non_null(wn_json_parse(&arena, "[]", 2, 256, NULL, NULL));
}

/* ---- lenient ------------------------------------------------------------ */

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */
#define LS "\xE2\x80\x98" /* ‘ */
#define RS "\xE2\x80\x99" /* ’ */

static void test_typographic_record(void **state)
{
    (void)state;
    /* opened with U+201D, closed with U+201C, raw newlines inside */
    wn_json *v = repaired_ok("[[{" LQ "value" RQ ":" RQ "\nLine with " LQ "inner quotes" RQ
                             " and Kyiv" RS "s apostrophe.\nSecond line.\n" LQ "}]]",
                             5); /* 2 delimiters, 3 raw newlines */
    assert_int_equal(v->type, WN_JSON_ARRAY);
    assert_int_equal(v->count, 1);
    assert_int_equal(v->child->type, WN_JSON_ARRAY);
    assert_int_equal(v->child->count, 1);
    const wn_json *o = v->child->child;
    assert_int_equal(o->type, WN_JSON_OBJECT);
    assert_int_equal(o->count, 1);
    assert_str(wn_json_get(o, "value"),
               "\nLine with " LQ "inner quotes" RQ " and Kyiv" RS "s apostrophe.\nSecond line.\n");

    /* a key closes only before ':' */
    v = repaired_ok("{" LQ "the " LQ "best" RQ " one" RQ ": 1, \"a \"b\" c\": 2}", 3);
    assert_int_equal(v->count, 2);
    assert_num(wn_json_get(v, "the " LQ "best" RQ " one"), "1");
    assert_num(wn_json_get(v, "a \"b\" c"), "2");

    /* other double-like delimiters: „ ‟ ″ */
    v = repaired_ok("{\xE2\x80\x9E" "a\xE2\x80\x9F: \xE2\x80\xB3" "b\xE2\x80\xB3}", 2);
    assert_str(wn_json_get(v, "a"), "b");
}

static void test_single_typographic(void **state)
{
    (void)state;
    wn_json *v = repaired_ok("{" LS "title" RS ": " LS "It" RS "s here" RS ", " LS "n" RS ": 1}", 3);
    assert_int_equal(v->count, 2);
    assert_str(wn_json_get(v, "title"), "It" RS "s here");
    assert_num(wn_json_get(v, "n"), "1");

    /* ASCII single quotes, with an apostrophe inside; ‚ opener */
    v = repaired_ok("{'a': 'it's', 'b': \xE2\x80\x9Ax" RS "}", 4);
    assert_str(wn_json_get(v, "a"), "it's");
    assert_str(wn_json_get(v, "b"), "x");
    /* a double quote inside single delimiters is plain text */
    v = repaired_ok("['say \"hi\"', 'x']", 2);
    assert_str(v->child, "say \"hi\"");
}

static void test_comma_followed_by_text(void **state)
{
    (void)state;
    wn_json *v = repaired_ok("{" LQ "text" RQ ": " LQ "He said " LQ "stop," RQ " then left." RQ
                             ", " LQ "id" RQ ": 2}", 3);
    assert_int_equal(v->count, 2);
    assert_str(wn_json_get(v, "text"), "He said " LQ "stop," RQ " then left.");
    assert_num(wn_json_get(v, "id"), "2");

    /* closing quote then ',' then text; and a quoted phrase after ',' */
    v = repaired_ok("{" LQ "q" RQ ": " LQ LQ "on the table" RQ ", he said, " LQ "no" RQ " more" RQ
                    ", " LQ "id" RQ ": 3}", 3);
    assert_str(wn_json_get(v, "q"), LQ "on the table" RQ ", he said, " LQ "no" RQ " more");
    assert_num(wn_json_get(v, "id"), "3");

    /* arrays: a ',' must lead to a whole value, not a word or a number in text */
    v = repaired_ok("[" LQ "He said " LQ "stop," RQ " then left." RQ ", " LQ "a " LQ "x" RQ
                    ", 5 more" RQ ", " LQ "b " LQ "y" RQ ", true story" RQ ", 7, true]", 3);
    assert_int_equal(v->count, 5);
    const wn_json *e = v->child;
    assert_str(e, "He said " LQ "stop," RQ " then left.");
    assert_str(e = e->next, "a " LQ "x" RQ ", 5 more");
    assert_str(e = e->next, "b " LQ "y" RQ ", true story");
    assert_num(e = e->next, "7");
    assert_int_equal(e->next->type, WN_JSON_BOOL);
}

static void test_unescaped_inner_quotes(void **state)
{
    (void)state;
    wn_json *v = repaired_ok("{\"t\": \"a \"quoted\" word\", \"u\": 1}", 2);
    assert_int_equal(v->count, 2);
    assert_str(wn_json_get(v, "t"), "a \"quoted\" word");
    assert_num(wn_json_get(v, "u"), "1");
    /* ending the value with an inner quote, and in an array */
    v = repaired_ok("{\"t\": \"say \"hi\"\", \"u\": [\"x \"y\", z\"]}", 4);
    assert_str(wn_json_get(v, "t"), "say \"hi\"");
    assert_str(wn_json_get(v, "u")->child, "x \"y\", z");
    /* typographic quotes in a valid ASCII string: strict, untouched */
    v = strict_ok("{\"a\": \"He said " LQ "hi," RQ " ok\"}");
    assert_str(wn_json_get(v, "a"), "He said " LQ "hi," RQ " ok");
    /* mixed: an ASCII opener closed by a typographic quote */
    v = repaired_ok("{\"a\": \"b" RQ ", \"c\": 1}", 1);
    assert_str(wn_json_get(v, "a"), "b");
}

static void test_trailing_and_missing_commas(void **state)
{
    (void)state;
    wn_json *v = repaired_ok("[1, 2, ]", 1);
    assert_int_equal(v->count, 2);
    assert_num(v->child->next, "2");
    v = repaired_ok("{\"a\": [1,], \"b\": {\"c\": true,},}", 3);
    assert_int_equal(v->count, 2);
    assert_int_equal(wn_json_get(v, "a")->count, 1);
    assert_int_equal(wn_json_get(v, "b")->count, 1);

    v = repaired_ok("{\"a\": 1 \"b\": 2}", 1);
    assert_int_equal(v->count, 2);
    assert_num(wn_json_get(v, "b"), "2");
    v = repaired_ok("{\"a\": \"x\"\n \"b\": \"y\"}", 1);
    assert_str(wn_json_get(v, "a"), "x");
    assert_str(wn_json_get(v, "b"), "y");
    v = repaired_ok("[1 2 {\"x\": 3} [] \"s\"]", 4);
    assert_int_equal(v->count, 5);
    v = repaired_ok("[\"a\" \"b\", " LQ "c" RQ "\n" LQ "d" RQ "]", 4); /* 2 commas, 2 delimiters */
    assert_int_equal(v->count, 4);
    assert_str(v->child, "a");
    assert_str(v->child->next, "b");
    assert_str(v->child->next->next->next, "d");
    /* a quoted phrase inside the text is not a new element */
    v = repaired_ok("[\"a \"b\" c\"]", 2);
    assert_str(v->child, "a \"b\" c");

    /* but not between a value and arbitrary text */
    size_t c;
    wn_json_diag d;
    assert_null(parse("{\"a\": \"x\" 1}", &c, &d));
    assert_string_equal(d.error, "expected ',' or '}'"); /* the strict error */
    assert_int_equal(d.error_offset, 10);
    /* a leading comma is not repaired */
    assert_null(parse("[,1]", &c, &d));
    assert_string_equal(d.error, "unexpected character");
}

static void test_raw_controls_and_escapes(void **state)
{
    (void)state;
    wn_json *v = repaired_ok("{\"a\": \"line1\nline2\tend\r\"}", 3);
    assert_str(wn_json_get(v, "a"), "line1\nline2\tend\r");
    /* a raw NUL becomes U+FFFD */
    size_t c;
    wn_json_diag d;
    v = parse_depth("[\"a\0b\"]", 7, 256, &c, &d);
    assert_non_null(v);
    assert_int_equal(d.repaired, 1);
    assert_str(v->child, "a\xEF\xBF\xBD" "b");
    /* unknown escapes: \' drops the backslash, others keep it */
    v = repaired_ok("{\"a\": \"it\\'s \\x41 \\q \\u12G4 \\" RQ "\"}", 5);
    assert_str(wn_json_get(v, "a"), "it's \\x41 \\q \\u12G4 \\" RQ);
    /* strict rejects them: the repaired flag tells */
    v = repaired_ok("\"\\a\"", 1);
    assert_str(v, "\\a");
}

static void test_large_string(void **state)
{
    (void)state;
    enum { BIG = 20 * 1024 * 1024 };
    char *s = malloc(BIG + 64);
    assert_non_null(s);
    size_t c;
    wn_json_diag d;
    for (int mode = 0; mode < 3; mode++) {
        /* 0: plain ASCII delimiters, copied in one run; 1: escapes every
         * KiB (decoded path); 2: typographic delimiters and inner quotes */
        size_t n = (size_t)sprintf(s, mode == 2 ? "{" LQ "body" RQ ": " LQ : "{\"body\": \"");
        size_t body = n, want = 0;
        for (size_t k = 0; n < body + BIG; k++, want++) {
            if (mode == 1 && k % 1024 == 1023) {
                memcpy(s + n, "\\n", 2), n += 2; /* decodes to one byte */
            } else if (mode == 2 && k % 1024 == 1023) {
                memcpy(s + n, RQ, 3), n += 3, want += 2; /* kept as is */
            } else {
                s[n++] = (char)('a' + k % 26);
            }
        }
        n += (size_t)sprintf(s + n, mode == 2 ? RQ "}" : "\"}");
        double t0 = now();
        wn_json *v = parse_depth(s, n, 256, &c, &d);
        double dt = now() - t0;
        assert_non_null(v);
        assert_int_equal(c, n);
        assert_int_equal(d.repaired, mode == 2);
        const wn_json *b = wn_json_get(v, "body");
        assert_non_null(b);
        assert_int_equal(b->len, want);
        assert_int_equal(strlen(b->str), b->len);
        assert_int_equal(b->str[0], 'a');
        assert_true(dt < 10.0); /* generous: sanitizer builds are slow */
        fprintf(stderr, "    20 MB string, mode %d: %.3f s\n", mode, dt);
    }
    free(s);
}

static void test_adversarial_linear(void **state)
{
    (void)state;
    /* Every inner quote forces a look-ahead; the parse must stay linear. */
    enum { REP = 200000 };
    /* ok[]: whether the object and the array form parse */
    static const int ok[][2] = {{1, 1}, {1, 0}, {1, 1}, {1, 1}};
    const char *pats[] = {RQ ", " LQ "a" RQ " x ", RQ ", " LS "xxxxxxxx" RQ " ", "\", \"k\" ",
                          RQ " , 1 x, "};
    char *s = malloc(REP * 24 + 64);
    assert_non_null(s);
    size_t c;
    wn_json_diag d;
    for (size_t pk = 0; pk < sizeof pats / sizeof *pats; pk++) {
        for (int arr = 0; arr < 2; arr++) {
            size_t n = (size_t)sprintf(s, arr ? "[" LQ : "{" LQ "k" RQ ": " LQ), pl = strlen(pats[pk]);
            for (int k = 0; k < REP; k++) memcpy(s + n, pats[pk], pl), n += pl;
            n += (size_t)sprintf(s + n, arr ? RQ "]" : RQ "}");
            double t0 = now();
            wn_json *v = parse_depth(s, n, 256, &c, &d);
            double dt = now() - t0;
            if (ok[pk][arr]) {
                assert_non_null(v);
                assert_int_equal(c, n);
            } else {
                assert_null(v);
            }
            assert_true(dt < 5.0);
        }
    }
    free(s);
}

/* ---- robustness --------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Checks the invariants of a parsed tree; returns the number of nodes. */
static size_t check_tree(const wn_json *v, int depth)
{
    assert_true(depth <= 64);
    size_t nodes = 1;
    switch (v->type) {
    case WN_JSON_STRING:
    case WN_JSON_NUMBER:
    case WN_JSON_BOOL:
        assert_non_null(v->str);
        assert_int_equal(strlen(v->str), v->len);
        assert_true(wn_utf8_valid(v->str, v->len));
        break;
    case WN_JSON_ARRAY:
    case WN_JSON_OBJECT: {
        size_t n = 0;
        for (const wn_json *e = v->child; e; e = e->next, n++) {
            if (v->type == WN_JSON_OBJECT) {
                assert_non_null(e->key);
                assert_int_equal(strlen(e->key), e->key_len);
                assert_true(wn_utf8_valid(e->key, e->key_len));
            } else {
                assert_null(e->key);
            }
            nodes += check_tree(e, depth + 1);
        }
        assert_int_equal(n, v->count);
        break;
    }
    default:
        assert_int_equal(v->type, WN_JSON_NULL);
    }
    return nodes;
}

static void test_random_garbage(void **state)
{
    (void)state;
    static const char *tok[] = {"{", "}", "[", "]", ",", ":", "\"", LQ, RQ, LS, RS, "'", "\\",
                                "\\u", "D83D", "\\uDC00", "a", "1", "-", ".", "e", "true",
                                "null", " ", "\n", "\xFF", "\xE2\x80", "\0", "\"k\":", "x"};
    enum { ROUNDS = 4000 };
    char *buf = malloc(2048);
    assert_non_null(buf);
    unsigned ok = 0, repaired = 0, failed = 0;
    for (int r = 0; r < ROUNDS; r++) {
        size_t n = 0, want = rnd() % 400;
        if (r % 2) {
            while (n < want) buf[n++] = (char)rnd();
        } else {
            while (n < want) {
                const char *t = tok[rnd() % (sizeof tok / sizeof *tok)];
                size_t l = *t ? strlen(t) : 1;
                memcpy(buf + n, t, l), n += l;
            }
        }
        /* JSONL-style: parse values until one fails */
        size_t off = 0, c;
        for (int guard = 0; guard < 1000; guard++) {
            wn_json_diag d;
            wn_json *v = parse_depth(buf + off, n - off, 16, &c, &d);
            if (!v) {
                assert_non_null(d.error);
                assert_true(d.error_offset <= n - off);
                assert_int_equal(c, 0);
                failed++;
                break;
            }
            assert_null(d.error);
            assert_true(c > 0 && c <= n - off);
            assert_true(check_tree(v, 0) > 0);
            ok++;
            repaired += (unsigned)d.repaired;
            off += c;
        }
        if (r % 500 == 499) { /* keep the arena small */
            wn_arena_release(&arena);
        }
    }
    assert_true(ok > 100);
    assert_true(repaired > 10);
    assert_true(failed > 100);
    free(buf);
}

static void test_every_prefix(void **state)
{
    (void)state;
    const char *doc = "\xEF\xBB\xBF{\"a\": [1, -2.5e3, \"x\\u00e9\\uD83D\\uDE00\", {\"b\": null}],"
                      " " LQ "c" RQ ": " LS "d " LQ "e" RQ RS ", 'f': [true, false,],}";
    size_t len = strlen(doc), c;
    wn_json_diag d;
    for (size_t n = 0; n < len; n++) {
        assert_null(parse_depth(doc, n, 256, &c, &d));
        assert_non_null(d.error);
    }
    wn_json *v = parse_depth(doc, len, 256, &c, &d);
    assert_non_null(v);
    assert_int_equal(c, len);
    assert_int_equal(v->count, 3);
    assert_str(wn_json_get(v, "a")->child->next->next, "x\xC3\xA9\xF0\x9F\x98\x80");
    assert_str(wn_json_get(v, "c"), "d " LQ "e" RQ);
    assert_int_equal(wn_json_get(v, "f")->count, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_strict_scalars),
        T(test_strict_containers),
        T(test_strict_whitespace_and_empty),
        T(test_escapes_and_surrogates),
        T(test_invalid_utf8),
        T(test_depth_cap),
        T(test_unterminated),
        T(test_other_failures),
        T(test_consumed_back_to_back),
        T(test_typographic_record),
        T(test_single_typographic),
        T(test_comma_followed_by_text),
        T(test_unescaped_inner_quotes),
        T(test_trailing_and_missing_commas),
        T(test_raw_controls_and_escapes),
        T(test_large_string),
        T(test_adversarial_linear),
        T(test_random_garbage),
        T(test_every_prefix),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
