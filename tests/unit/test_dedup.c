/*
 * test_dedup.c — unit tests for the clustering stage (src/dedup/):
 * MinHash estimates against the true Jaccard of synthetic texts, chain
 * splitting around the canonical, containment, the canonical order, date
 * keys, and determinism (same records, same ids, in any order).
 *
 * Texts are made of numbered pseudo-words ("w123"), so every shingle of a
 * text is known and the true Jaccard of two texts can be counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"

/* words first..first+n-1 as text */
static char *words(unsigned first, unsigned n)
{
    char *s = malloc((size_t)n * 12 + 1);
    assert_non_null(s);
    size_t o = 0;
    for (unsigned i = 0; i < n; i++) o += (size_t)sprintf(s + o, "%sw%u", i ? " " : "", first + i);
    s[o] = 0;
    return s;
}

static size_t add(wn_dedup_store *d, const char *src, const char *text, const char *date,
                  const char *pub, const char *repub)
{
    wn_dedup_in in;
    memset(&in, 0, sizeof in);
    in.source = src;
    in.text = text;
    in.text_len = strlen(text);
    in.date_published = date;
    in.publisher = pub;
    in.republisher = repub;
    return wn_dedup_add(d, &in, NULL, NULL);
}

/* Estimated Jaccard of two runs of distinct words overlapping by `shared`
 * words is within 4 standard errors of the truth (5-word shingles). */
static void test_estimate(void **state)
{
    (void)state;
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    wn_minhash *m = wn_minhash_new(&p);
    assert_non_null(m);
    wn_arena a;
    wn_arena_init(&a);
    uint32_t *s1 = malloc(p.hashes * sizeof *s1), *s2 = malloc(p.hashes * sizeof *s2);
    assert_true(s1 && s2);
    const unsigned n = 400;
    for (unsigned shift = 0; shift <= 300; shift += 60) {
        char *t1 = words(0, n), *t2 = words(shift, n);
        wn_text_summary x, y;
        wn_minhash_text(m, &a, t1, strlen(t1), &x, s1);
        wn_minhash_text(m, &a, t2, strlen(t2), &y, s2);
        assert_true(x.has_sig && y.has_sig);
        assert_int_equal(x.shingles, n - 4);
        wn_sig_cmp c;
        wn_sig_compare(s1, s2, p.hashes, &c);
        double shared = shift < n - 4 ? (double)(n - 4 - shift) : 0;
        double truth = shared / (2.0 * (n - 4) - shared);
        double est = (double)c.eq / p.hashes;
        double se = sqrt(truth * (1 - truth) / p.hashes) + 0.01;
        if (fabs(est - truth) > 4 * se)
            fail_msg("shift %u: estimate %.3f, truth %.3f", shift, est, truth);
        free(t1);
        free(t2);
        wn_arena_release(&a);
    }
    free(s1);
    free(s2);
    wn_minhash_free(m);
}

/* A chain A~B~C where A and C are not close: with bands sensitive enough
 * to propose every pair, union-find joins all three, and the split around
 * the canonical (A, the earliest) leaves C on its own or with B, never in
 * A's cluster. */
static void test_chain_split(void **state)
{
    (void)state;
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    p.bands = 56;
    p.rows = 2;
    /* J(A,B) = J(B,C) = 196/396 ~ 0.49, J(A,C) = 96/496 ~ 0.19 */
    p.near = 0.3;
    wn_dedup_store *d = wn_dedup_new(&p);
    assert_non_null(d);
    char *a = words(0, 300), *b = words(100, 300), *c = words(200, 300);
    add(d, "a", a, "2024-01-01", NULL, NULL);
    add(d, "b", b, "2024-01-02", NULL, NULL);
    add(d, "c", c, "2024-01-03", NULL, NULL);
    wn_dedup_finish(d);
    wn_dedup_out oa, ob, oc;
    wn_dedup_result(d, 0, &oa);
    wn_dedup_result(d, 1, &ob);
    wn_dedup_result(d, 2, &oc);
    assert_true(oa.canonical);
    assert_false(ob.canonical);
    assert_string_equal(ob.duplicate_of, "a");
    assert_int_equal(ob.kind, WN_DUP_NEAR);
    assert_true(oc.canonical); /* split off: its own cluster */
    assert_true(oc.cluster != oa.cluster);
    free(a);
    free(b);
    free(c);
    wn_dedup_free(d);
}

/* The first 80 words of a 600-word text are contained in it; a text of 80
 * other words is not, and neither is a text sharing only its lead. */
static void test_contained(void **state)
{
    (void)state;
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    wn_dedup_store *d = wn_dedup_new(&p);
    char *full = words(0, 600), *lead = words(0, 80), *other = words(5000, 80);
    char *head = words(0, 20), *tail = words(9000, 200);
    char *same_lead = malloc(strlen(head) + strlen(tail) + 2);
    assert_non_null(same_lead);
    sprintf(same_lead, "%s %s", head, tail); /* the lead key's 20 words, then others */
    add(d, "full", full, NULL, NULL, NULL);
    add(d, "lead", lead, NULL, NULL, NULL);
    add(d, "other", other, NULL, NULL, NULL);
    add(d, "same_lead", same_lead, NULL, NULL, NULL);
    wn_dedup_finish(d);
    wn_dedup_out o;
    wn_dedup_result(d, 0, &o);
    assert_true(o.canonical);
    wn_dedup_result(d, 1, &o);
    assert_false(o.canonical);
    assert_int_equal(o.kind, WN_DUP_CONTAINED);
    assert_string_equal(o.duplicate_of, "full");
    assert_true(o.similarity < 0.3);
    wn_dedup_result(d, 2, &o);
    assert_true(o.canonical);
    wn_dedup_result(d, 3, &o);
    assert_true(o.canonical);
    free(full);
    free(lead);
    free(other);
    free(same_lead);
    free(head);
    free(tail);
    wn_dedup_free(d);
}

/* Canonical order: republisher evidence, then date, then length, then
 * input order; and the ids do not depend on the order of the records. */
static void test_canonical_and_order(void **state)
{
    (void)state;
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    char *t = words(0, 200), *longer = words(0, 230);
    const char *src[4] = {"copy", "orig", "early", "long"};
    const char *txt[4] = {t, t, t, longer};
    const char *date[4] = {"2024-03-01", "2024-03-05", "2024-02-01T10:00:00Z", NULL};
    const char *pub[4] = {"The Planet", "the planet", "Other", NULL};
    const char *repub[4] = {"Aggregator", NULL, NULL, NULL};
    uint64_t id[2][4];
    for (int pass = 0; pass < 2; pass++) {
        wn_dedup_store *d = wn_dedup_new(&p);
        for (int k = 0; k < 4; k++) {
            int i = pass ? 3 - k : k;
            add(d, src[i], txt[i], date[i], pub[i], repub[i]);
        }
        wn_dedup_finish(d);
        for (int k = 0; k < 4; k++) {
            int i = pass ? 3 - k : k;
            wn_dedup_out o;
            wn_dedup_result(d, (size_t)k, &o);
            id[pass][i] = o.cluster;
            if (i == 1) {
                assert_true(o.canonical);
                assert_int_equal(o.reason, WN_CANON_REPUBLISHER);
                assert_string_equal(o.reason_source, "copy");
            } else {
                assert_false(o.canonical);
                assert_string_equal(o.duplicate_of, "orig");
            }
        }
        wn_dedup_free(d);
    }
    for (int i = 0; i < 4; i++) assert_true(id[0][i] == id[0][1] && id[1][i] == id[0][1]);

    /* without the evidence: the earliest date */
    wn_dedup_store *d = wn_dedup_new(&p);
    for (int i = 0; i < 4; i++) add(d, src[i], txt[i], date[i], pub[i], NULL);
    wn_dedup_finish(d);
    wn_dedup_out o;
    wn_dedup_result(d, 2, &o);
    assert_true(o.canonical);
    assert_int_equal(o.reason, WN_CANON_DATE);
    wn_dedup_free(d);
    free(t);
    free(longer);
}

static void test_date_keys(void **state)
{
    (void)state;
    int64_t a, b, c, d;
    assert_true(wn_dedup_date_key("2024-06-02T09:30:00+02:00", &a));
    assert_true(wn_dedup_date_key("2024-06-02T08:00:00Z", &b));
    assert_true(wn_dedup_date_key("2024-06-02", &c));
    assert_true(wn_dedup_date_key("2024-06-03T00:00", &d));
    assert_true(a < b);
    assert_true(b < c); /* a date without a time after that day's times */
    assert_true(c < d);
    assert_false(wn_dedup_date_key("yesterday", &a));
    assert_false(wn_dedup_date_key("2024-13-01", &a));
    assert_false(wn_dedup_date_key("2024-06-02Tab", &a));
    assert_false(wn_dedup_date_key("", &a));
}

static void test_params(void **state)
{
    (void)state;
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    assert_null(wn_dedup_params_check(&p));
    p.bands = 29;
    assert_non_null(wn_dedup_params_check(&p)); /* 29 x 4 > 112 */
    wn_dedup_params_default(&p);
    p.shingle = 0;
    assert_non_null(wn_dedup_params_check(&p));
    assert_null(wn_dedup_new(&p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_estimate),        cmocka_unit_test(test_chain_split),
        cmocka_unit_test(test_contained),       cmocka_unit_test(test_canonical_and_order),
        cmocka_unit_test(test_date_keys),       cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
