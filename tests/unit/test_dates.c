/*
 * test_dates.c — unit tests for wn_parse_date (src/meta/dates.c).
 *
 * Every input is copied into a malloc'd buffer of exactly its length (no
 * NUL terminator), so a read past s+n shows up under AddressSanitizer.
 * Results are compared as exact ISO 8601 strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/meta.h"

/* Parses s from an exact-size heap copy; returns wn_parse_date's result and
 * leaves the output in out (set to "<untouched>" beforehand). */
static int parse(const char *s, int whole, char out[32])
{
    size_t n = strlen(s);
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    strcpy(out, "<untouched>");
    int r = wn_parse_date(b, n, whole, out);
    free(b);
    return r;
}

/* s must parse (with the given `whole`) to exactly `want`. */
static void ok_w(const char *s, int whole, const char *want)
{
    char out[32];
    int r = parse(s, whole, out);
    if (r != 1) fail_msg("wn_parse_date(\"%s\", whole=%d) failed, expected %s", s, whole, want);
    if (strcmp(out, want) != 0)
        fail_msg("wn_parse_date(\"%s\", whole=%d) = \"%s\", expected \"%s\"", s, whole, out, want);
}

static void ok(const char *s, const char *want)
{
    ok_w(s, 1, want);
    ok_w(s, 0, want);
}

/* s must be rejected (with the given `whole`). */
static void bad_w(const char *s, int whole)
{
    char out[32];
    int r = parse(s, whole, out);
    if (r != 0) fail_msg("wn_parse_date(\"%s\", whole=%d) accepted it as \"%s\"", s, whole, out);
}

static void bad(const char *s)
{
    bad_w(s, 1);
    bad_w(s, 0);
}

static void test_iso8601(void **state)
{
    (void)state;
    ok("2024-03-05", "2024-03-05");
    ok("2024-03-05T08:00:00Z", "2024-03-05T08:00:00Z");
    ok("2024-03-05t08:00:00z", "2024-03-05T08:00:00Z");
    ok("2024-03-05T08:00:00", "2024-03-05T08:00:00");
    ok("2024-03-05T08:00", "2024-03-05T08:00:00");
    ok("2024-03-05 08:00:00", "2024-03-05T08:00:00");
    /* offsets: +HH:MM, +HHMM, negative, and +00:00 folded to Z */
    ok("2024-03-05T08:00:00+01:00", "2024-03-05T08:00:00+01:00");
    ok("2024-03-05T08:00:00+0530", "2024-03-05T08:00:00+05:30");
    ok("2024-03-05T08:00:00-05:00", "2024-03-05T08:00:00-05:00");
    ok("2024-03-05T08:00:00+00:00", "2024-03-05T08:00:00Z");
    /* fractional seconds are dropped, the zone is kept */
    ok("2024-03-05T08:00:00.123Z", "2024-03-05T08:00:00Z");
    ok("2024-03-05T08:00:00.123456789+02:00", "2024-03-05T08:00:00+02:00");
    ok("2024-03-05T23:59:60Z", "2024-03-05T23:59:60Z"); /* leap second */
    /* other year-first separators, single-digit fields */
    ok("2024/03/05", "2024-03-05");
    ok("2024.3.5", "2024-03-05");
    /* surrounding blanks */
    ok("  2024-03-05  ", "2024-03-05");
}

static void test_rfc822(void **state)
{
    (void)state;
    ok("Tue, 05 Mar 2024 08:00:00 GMT", "2024-03-05T08:00:00Z");
    ok("Tue, 05 Mar 2024 08:00:00 UTC", "2024-03-05T08:00:00Z");
    ok("Tue, 5 Mar 2024 08:00:00 +0000", "2024-03-05T08:00:00Z");
    ok("Tue, 05 Mar 2024 08:00:00 -0500", "2024-03-05T08:00:00-05:00");
    ok("Tuesday, 05 Mar 2024 08:00:00 GMT", "2024-03-05T08:00:00Z");
    ok("05 Mar 2024 08:00:00 GMT", "2024-03-05T08:00:00Z");
}

static void test_english_month_names(void **state)
{
    (void)state;
    ok("March 5, 2024", "2024-03-05");
    ok("March 5 2024", "2024-03-05");
    ok("march 5, 2024", "2024-03-05");
    ok("March 5th, 2024", "2024-03-05");
    ok("Mar 5, 2024", "2024-03-05");
    ok("Sept. 30, 2024", "2024-09-30");
    ok("Dec 31, 1999", "1999-12-31");
    ok("Tuesday, March 5, 2024", "2024-03-05");
    ok("Mar. 5, 2024, 8:00 a.m. ET", "2024-03-05T08:00:00");
    ok("Mar. 5, 2024, 8:00 p.m. ET", "2024-03-05T20:00:00");
    ok("March 5, 2024 12:30 am", "2024-03-05T00:30:00");
    ok("March 5, 2024 12:30 PM", "2024-03-05T12:30:00");
    ok("March 5, 2024 at 4:15 pm", "2024-03-05T16:15:00");
    ok("5 March 2024", "2024-03-05");
    ok("05 March 2024", "2024-03-05");
    ok("5 Mar 2024", "2024-03-05");
}

static void test_other_languages(void **state)
{
    (void)state;
    ok("5. März 2024", "2024-03-05");
    ok("5. März 2024, 08:00 Uhr", "2024-03-05T08:00:00");
    ok("Dienstag, 5. März 2024", "2024-03-05");
    ok("5. MÄRZ 2024", "2024-03-05"); /* non-ASCII capitals are folded too */
    ok("1 AOÛT 2024", "2024-08-01");
    ok("5 DE MARZO DE 2024", "2024-03-05");
    ok("5. Dez. 2024", "2024-12-05");
    ok("5 mars 2024", "2024-03-05");
    ok("1 août 2024", "2024-08-01");
    ok("mardi 5 mars 2024 à 08h00", "2024-03-05T08:00:00");
    ok("5 de marzo de 2024", "2024-03-05");
    ok("5 de março de 2024", "2024-03-05");
    ok("5 marzo 2024", "2024-03-05");
    ok("5 maart 2024", "2024-03-05");
}

static void test_more_languages(void **state)
{
    (void)state;
    /* ordinal days */
    ok("1er février 2024", "2024-02-01");
    ok("1º de março de 2024", "2024-03-01");
    ok("1st March 2024", "2024-03-01");
    ok("5 de mayo del 2024", "2024-05-05");
    /* weekdays of more languages, two-letter ones before a stop */
    ok("mercoledì 14 febbraio 2024", "2024-02-14");
    ok("woensdag 21 maart 2024 om 09:12", "2024-03-21T09:12:00");
    ok("segunda-feira, 1 de abril de 2024", "2024-04-01");
    ok("Mi., 06.03.2024, 17:45 Uhr", "2024-03-06T17:45:00");
    ok("14 febbraio 2024 alle ore 10:30", "2024-02-14T10:30:00");
    /* abbreviations */
    ok("12. Mrz 2024", "2024-03-12");
    ok("12 mrt 2024", "2024-03-12");
    ok("12 févr. 2024", "2024-02-12");
    /* Polish, Czech, Turkish, Russian, Scandinavian */
    ok("12 marca 2024", "2024-03-12");
    ok("3 października 2024", "2024-10-03");
    ok("12. března 2024", "2024-03-12");
    ok("12 Mart 2024", "2024-03-12");
    ok("12 ağustos 2024", "2024-08-12");
    ok("12 марта 2024", "2024-03-12");
    ok("12 СЕНТЯБРЯ 2024", "2024-09-12");
    ok("12 maj 2024", "2024-05-12");
    /* CJK */
    ok("2024年3月12日", "2024-03-12");
    ok("2024年3月12日 10:30", "2024-03-12T10:30:00");
    ok("2024년 3월 12일", "2024-03-12");
    bad("2024年13月12日");
    bad("2024年3");
}

/* WN_DATE_DAY_FIRST: slashed dates of pages that write the day first */
static void test_day_first(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(wn_parse_date_ex("02/04/2024", 10, 1, WN_DATE_DAY_FIRST, out), 1);
    assert_string_equal(out, "2024-04-02");
    assert_int_equal(wn_parse_date_ex("02/04/2024", 10, 1, 0, out), 1);
    assert_string_equal(out, "2024-02-04");
    /* a second number over 12 is the day whatever the flag */
    assert_int_equal(wn_parse_date_ex("03/25/2024", 10, 1, WN_DATE_DAY_FIRST, out), 1);
    assert_string_equal(out, "2024-03-25");
    assert_int_equal(wn_parse_date_ex("03-25-2024", 10, 1, 0, out), 1);
    assert_string_equal(out, "2024-03-25");
    const char *t = "Publicado em 02/04/2024 às 14h30";
    size_t end = 0;
    assert_int_equal(wn_find_date_ex(t, strlen(t), WN_DATE_DAY_FIRST, out, &end), 13);
    assert_string_equal(out, "2024-04-02T14:30:00");
    assert_int_equal(end, strlen(t));
    const char *u = "12. März 2024, aktualisiert 14. März 2024";
    assert_int_equal(wn_find_date_ex(u, strlen(u), 0, out, &end), 0);
    assert_int_equal(end, 14); /* "ä" is two bytes */
    assert_int_equal(wn_find_date_ex(u + end, strlen(u) - end, 0, out, NULL), 15);
    assert_string_equal(out, "2024-03-14");
}

static void test_numeric(void **state)
{
    (void)state;
    /* dotted: day first (European) */
    ok("05.03.2024", "2024-03-05");
    ok("5.3.2024", "2024-03-05");
    ok("25.12.2024", "2024-12-25");
    /* slashed: month first (US) unless the first number cannot be a month */
    ok("03/05/2024", "2024-03-05");
    ok("12/01/2024", "2024-12-01");
    ok("25/03/2024", "2024-03-25");
    ok("13/01/2024", "2024-01-13");
    /* dashed: day first */
    ok("05-03-2024", "2024-03-05");
    ok("05.03.2024 08:00", "2024-03-05T08:00:00");
    /* not a month in second place either */
    bad("13/13/2024");
    bad("25.13.2024");
    /* two-digit years are ambiguous: rejected */
    bad("05.03.24");
    bad("03/05/24");
}

static void test_unix_time(void **state)
{
    (void)state;
    ok("1709625600", "2024-03-05T08:00:00Z");
    ok("1709625600000", "2024-03-05T08:00:00Z"); /* milliseconds */
    ok("1709625600123", "2024-03-05T08:00:00Z");
    ok("951868799", "2000-02-29T23:59:59Z");     /* leap day, 9 digits */
    ok("631152000", "1990-01-01T00:00:00Z");     /* lower bound */
    bad("631151999");                            /* before 1990 */
    bad("9999999999");                           /* after 2100 */
    bad("12345678901234");                       /* too many digits */
    bad("12345678");                             /* not a timestamp, not a date */
}

static void test_whole(void **state)
{
    (void)state;
    /* whole=0: a date at the start of a longer text */
    ok_w("March 5, 2024 was a Tuesday", 0, "2024-03-05");
    ok_w("2024-03-05T08:00:00Z and more", 0, "2024-03-05T08:00:00Z");
    ok_w("5 March 2024 Berlin", 0, "2024-03-05");
    ok_w("Tue, 05 Mar 2024 08:00:00 GMT; more", 0, "2024-03-05T08:00:00Z");
    /* the date must come first: a leading word is not skipped */
    bad_w("Updated 5 March 2024", 0);
}

static void test_whole_rejects_trailing_words(void **state)
{
    (void)state;
    bad_w("March 5, 2024 was a Tuesday", 1);
    bad_w("2024-03-05 news", 1);
    bad_w("5 March 2024 Berlin", 1);
    bad_w("1709625600 seconds", 1);
    bad_w("05.03.2024 Bericht", 1);
    /* but trailing punctuation and zone abbreviations are fine */
    ok_w("March 5, 2024.", 1, "2024-03-05");
    ok_w("March 5, 2024, 8:00 a.m. EST", 1, "2024-03-05T08:00:00");
    ok_w("5. März 2024, 08:00 Uhr", 1, "2024-03-05T08:00:00");
    ok_w("2024-03-05 |", 1, "2024-03-05");
    ok_w("(March 5, 2024)", 1, "2024-03-05");
}

static void test_invalid(void **state)
{
    (void)state;
    bad("");
    bad("   ");
    bad("garbage");
    bad("not a date at all");
    bad("2024-13-05");  /* month 13 */
    bad("2024-00-05");  /* month 0 */
    bad("2024-03-00");  /* day 0 */
    bad("2024-03-32");  /* day 32 */
    bad("1800-03-05");  /* year out of range */
    bad("2101-01-01");
    bad("March 2024");  /* no day */
    bad("March 32, 2024");
    bad("Smarch 5, 2024");
    bad("5 Foo 2024");
    bad("2024-03");
    bad("2024-");
    bad("Tue,");
    bad("12:30");
    /* days that do not exist in their month */
    bad("2023-02-29");
    bad("2024-02-30");
    bad("April 31, 2024");
    bad("31.06.2024");
    ok("2024-02-29", "2024-02-29");
    ok("2000-02-29", "2000-02-29");
    bad("1900-02-29"); /* 1900 was not a leap year */
    /* times out of range: the date stands, the time is not taken */
    ok_w("2024-03-05T25:00:00Z", 0, "2024-03-05");
    bad_w("2024-03-05T25:00:00Z", 1);
}

/* Every prefix of a few long inputs: no crash, no read past the end. */
static void test_prefixes(void **state)
{
    (void)state;
    const char *in[] = {"Tue, 05 Mar 2024 08:00:00 GMT", "Mar. 5, 2024, 8:00 a.m. ET",
                        "2024-03-05T08:00:00.123456+05:30", "5 de marzo de 2024 a las 08:00",
                        "1709625600000", "Dienstag, 5. März 2024, 08:00 Uhr"};
    for (size_t k = 0; k < sizeof in / sizeof *in; k++) {
        size_t n = strlen(in[k]);
        for (size_t l = 0; l <= n; l++) {
            char *b = malloc(l ? l : 1);
            assert_non_null(b);
            memcpy(b, in[k], l);
            char out[32];
            for (int whole = 0; whole <= 1; whole++) {
                if (wn_parse_date(b, l, whole, out)) assert_true(strlen(out) < 32);
            }
            free(b);
        }
    }
}


/* wn_find_date: the first date in a short text, a preceding time added */
static void find_ok(const char *s, const char *want, long at)
{
    size_t n = strlen(s);
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    char out[32] = "<untouched>";
    long r = wn_find_date(b, n, out);
    free(b);
    if (r != at) fail_msg("wn_find_date(\"%s\") = %ld, expected %ld", s, r, at);
    if (at >= 0 && strcmp(out, want) != 0)
        fail_msg("wn_find_date(\"%s\") gave \"%s\", expected \"%s\"", s, out, want);
}

static void test_find_date(void **state)
{
    (void)state;
    find_ok("Published 8:00 PM EST, Tue December 19, 2023", "2023-12-19T20:00:00", 23);
    find_ok("By Jane Doe | 5 mars 2024", "2024-03-05", 14);
    find_ok("Dec 18, 2023 3 min read", "2023-12-18", 0);
    find_ok("Posted: Dec 22, 2023 5:05 pm", "2023-12-22T17:05:00", 8);
    find_ok("20 Dec 2023 10:35 am ET By Ann Poe", "2023-12-20T10:35:00", 0);
    find_ok("Updated 7.30am, 03.04.2024", "2024-04-03T07:30:00", 16);
    find_ok("10 minute read", NULL, -1);
    find_ok("Chapter 12: the 2023 season", NULL, -1);
    find_ok("", NULL, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_rfc822),
        cmocka_unit_test(test_english_month_names),
        cmocka_unit_test(test_other_languages),
        cmocka_unit_test(test_more_languages),
        cmocka_unit_test(test_day_first),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_unix_time),
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_whole_rejects_trailing_words),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_find_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
