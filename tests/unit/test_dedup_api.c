/*
 * test_dedup_api.c — the public clustering API (winnow_dedup_* in
 * include/winnow.h): which lines count as articles, the keys, summaries
 * that round-trip between stores, pair verification, and that finishing a
 * component found by hand gives what winnow_dedup_finish gives.
 *
 * Only winnow.h is used here, as an application would. Texts are made up
 * here (invented places), long enough for a signature (50+ words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winnow.h"

#define STORY                                                                                  \
    "The harbour board of Valleypost agreed on Tuesday to rebuild the northern sea wall "      \
    "before the winter storms, after engineers warned that two sections could fail. The "     \
    "work will close the promenade for three months and the ferry will leave from the old "   \
    "quay instead. Shop owners on the front said they feared losing their summer trade, but " \
    "the board promised a fund to help them through the closure and a new lighting scheme "   \
    "once the wall is finished."

static const char ORIGINAL[] = "{\"source\":\"valleypost#1\",\"date_published\":\"2024-05-02\","
                               "\"text\":\"" STORY "\"}";
/* the same story a day later, one word changed */
static const char EDITED[] = "{\"source\":\"tideline#1\",\"date_published\":\"2024-05-03\","
                             "\"text\":\"" STORY " Residents welcomed the news.\"}";
static const char OTHER[] =
    "{\"source\":\"eastmere#1\",\"text\":\"The school trust of Eastmere opened a new library "
    "on Friday with a reading by pupils of the junior class. The building, a former chapel, "
    "was restored over two years with money raised by parents and a grant from the county. "
    "It will open in the evenings for adult classes in languages, accounts and cooking, and "
    "the trust hopes to add a small cinema in the basement next spring if donations allow.\"}";

static long long add(winnow_dedup *d, const char *line)
{
    return winnow_dedup_add_json(d, line, strlen(line));
}

static void test_articles_and_other_lines(void **state)
{
    (void)state;
    winnow_dedup *d = winnow_dedup_new();
    assert_non_null(d);
    assert_int_equal(add(d, ORIGINAL), 0);
    assert_int_equal(add(d, "{\"source\":\"a\",\"error\":{\"code\":\"no_text\"},\"text\":\"x\"}"),
                     -1);
    assert_int_equal(add(d, "{\"source\":\"a\",\"skipped\":\"request\",\"text\":\"x\"}"), -1);
    assert_int_equal(add(d, "{\"title\":\"no text\"}"), -1);
    assert_int_equal(add(d, "not json at all"), -1);
    assert_int_equal(add(d, "{\"text\":\"one\"} trailing"), -1);
    assert_int_equal(add(d, "{\"text\":\"short text\"}"), 1);
    assert_int_equal(winnow_dedup_count(d), 2);
    /* keys: exact + 28 bands + lead + anchors for a long text; only the
     * exact key for a short one */
    winnow_dedup_key k[64];
    size_t n = winnow_dedup_keys(d, 0, k, 64);
    assert_true(n >= 30 && n <= 34);
    assert_int_equal(k[0].kind, WINNOW_KEY_EXACT);
    assert_int_equal(k[1].kind, WINNOW_KEY_BAND);
    assert_int_equal(k[28].band, 27);
    assert_int_equal(k[29].kind, WINNOW_KEY_LEAD);
    assert_int_equal(k[0].key, winnow_dedup_fingerprint(d, 0));
    assert_int_equal(winnow_dedup_keys(d, 1, k, 64), 1);
    assert_int_equal(winnow_dedup_signature(d, 0, NULL, 0), 112);
    assert_int_equal(winnow_dedup_signature(d, 1, NULL, 0), 0);
    assert_int_equal(winnow_dedup_keys(d, 2, k, 64), 0); /* out of range */
    /* no result before a finish */
    char *out;
    size_t len;
    assert_int_equal(winnow_dedup_result(d, 0, 0, &out, &len), WINNOW_ERR_ARG);
    winnow_dedup_free(d);
}

static void test_summary_round_trip_and_verify(void **state)
{
    (void)state;
    winnow_dedup *a = winnow_dedup_new(), *b = winnow_dedup_new();
    assert_int_equal(add(a, ORIGINAL), 0);
    assert_int_equal(add(a, EDITED), 1);
    assert_int_equal(add(a, OTHER), 2);
    assert_int_equal(winnow_dedup_verify(a, 0, 1, NULL), WINNOW_DUP_NEAR);
    assert_int_equal(winnow_dedup_verify(a, 0, 2, NULL), WINNOW_DUP_NONE);
    double sim = 0;
    assert_int_equal(winnow_dedup_verify(a, 0, 0, &sim), WINNOW_DUP_EXACT);
    assert_true(sim == 1.0);
    for (size_t i = 0; i < 3; i++) {
        size_t need = winnow_dedup_summary(a, i, NULL, 0);
        assert_true(need > 400);
        unsigned char *buf = malloc(need);
        assert_int_equal(winnow_dedup_summary(a, i, buf, need), need);
        assert_int_equal(winnow_dedup_add_summary(b, buf, need, "{}", 2), (long long)i);
        /* a damaged or cut summary is refused */
        assert_int_equal(winnow_dedup_add_summary(b, buf, need - 1, "{}", 2), -1);
        buf[0] ^= 0xff;
        assert_int_equal(winnow_dedup_add_summary(b, buf, need, "{}", 2), -1);
        free(buf);
        assert_int_equal(winnow_dedup_fingerprint(a, i), winnow_dedup_fingerprint(b, i));
        winnow_dedup_key ka[64], kb[64];
        size_t na = winnow_dedup_keys(a, i, ka, 64), nb = winnow_dedup_keys(b, i, kb, 64);
        assert_int_equal(na, nb);
        for (size_t k = 0; k < na; k++) assert_int_equal(ka[k].key, kb[k].key);
    }
    double s1, s2;
    assert_int_equal(winnow_dedup_verify(b, 0, 1, &s2), winnow_dedup_verify(a, 0, 1, &s1));
    assert_true(s1 == s2 && s1 > 0.5);
    winnow_dedup_free(a);
    winnow_dedup_free(b);
}

static char *result(winnow_dedup *d, size_t i, int explain)
{
    char *out;
    size_t len;
    assert_int_equal(winnow_dedup_result(d, i, explain, &out, &len), WINNOW_OK);
    assert_int_equal(strlen(out), len);
    return out;
}

static void test_component_by_hand_equals_finish(void **state)
{
    (void)state;
    /* whole: the edited copy (later date) is a near duplicate of the original */
    winnow_dedup *w = winnow_dedup_new();
    add(w, EDITED);
    add(w, OTHER);
    add(w, ORIGINAL);
    winnow_dedup_finish(w);
    char *r0 = result(w, 0, 1), *r1 = result(w, 1, 1), *r2 = result(w, 2, 1);
    assert_non_null(strstr(r0, "\"canonical\":false,\"duplicate_of\":\"valleypost#1\""));
    assert_non_null(strstr(r0, "\"duplicate_kind\":\"near\""));
    assert_non_null(strstr(r2, "\"canonical\":true,\"dedup_reason\":\"earliest date_published\""));
    assert_int_equal(strncmp(r1, ",\"cluster\":\"", 12), 0);
    assert_null(strstr(r1, "dedup_reason")); /* alone: no reason */

    /* by hand: the component {EDITED, ORIGINAL} in input order */
    winnow_dedup *c = winnow_dedup_new();
    add(c, EDITED);
    add(c, ORIGINAL);
    winnow_dedup_finish_component(c);
    char *c0 = result(c, 0, 1), *c1 = result(c, 1, 1);
    assert_string_equal(c0, r0);
    assert_string_equal(c1, r2);
    /* reset: the store is empty and usable again */
    winnow_dedup_reset(c);
    assert_int_equal(winnow_dedup_count(c), 0);
    assert_int_equal(add(c, OTHER), 0);
    winnow_dedup_finish_component(c);
    char *o = result(c, 0, 1);
    assert_string_equal(o, r1);
    winnow_free(r0);
    winnow_free(r1);
    winnow_free(r2);
    winnow_free(c0);
    winnow_free(c1);
    winnow_free(o);
    winnow_dedup_free(w);
    winnow_dedup_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_articles_and_other_lines),
        cmocka_unit_test(test_summary_round_trip_and_verify),
        cmocka_unit_test(test_component_by_hand_equals_finish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
