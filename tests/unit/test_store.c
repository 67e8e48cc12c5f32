/*
 * test_store.c — the store's read API (src/store/store.h) on a store made
 * through its write side: every JSON answer is parsed (strictly) and its
 * fields checked; then opening refusals (newer schema, foreign SQLite file,
 * not SQLite) and the upgrade of a version-0 store.
 *
 * Inputs are records of our own making (invented hosts): a story from
 * tideline.example, a copy of it from valleypost.example dated a day
 * earlier (so the copy becomes the canonical when it arrives second), an
 * unrelated story, and a record without text (an error record).
 */
#include "input/input.h"
#include "store/store.h"
#include "winnow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[256];
static wn_arena arena;

static const char *HARBOR[] = {
    "The harbor board of Tideline voted on Monday to rebuild the north pier, which has been closed "
    "since a winter storm cracked its pilings two years ago, and to reopen it to fishing boats.",
    "Engineers told the board that the new pier will stand on steel piles driven forty feet into the "
    "bay floor, with a deck wide enough for two trucks to pass while crews unload the catch.",
    "Residents who spoke at the meeting asked that the pier keep a public walkway, and the board "
    "agreed to add benches and lights along its length before the summer season begins.",
};

static char *record(const char *url, const char *title, const char *date, const char **paras,
                    size_t np, const char *extra)
{
    static char buf[8192];
    int n = snprintf(buf, sizeof buf, "{\"url\":\"%s\",\"title\":\"%s\",\"date_published\":\"%s\",\"text\":\"",
                     url, title, date);
    for (size_t i = 0; i < np; i++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s", i ? "\\n\\n" : "", paras[i]);
    if (extra) n += snprintf(buf + n, sizeof buf - (size_t)n, "\\n\\n%s", extra);
    snprintf(buf + n, sizeof buf - (size_t)n, "\"}");
    return buf;
}

static void put(wn_store *s, const char *json, wn_store_put_result *r)
{
    winnow_options *o = winnow_options_new();
    winnow_options_set_explain(o, 1);
    winnow_doc *d;
    assert_int_equal(winnow_process(o, json, strlen(json), "unit.jsonl", &d), WINNOW_OK);
    char err[256];
    assert_int_equal(wn_store_put(s, d, r, err, sizeof err), WN_STORE_OK);
    winnow_doc_free(d);
    winnow_options_free(o);
}

static const wn_json *parse(const char *s, size_t n)
{
    size_t used;
    wn_json_diag diag;
    wn_json *j = wn_json_parse(&arena, s, n, 64, &used, &diag);
    if (!j || diag.repaired) fail_msg("not strict JSON: %.*s", (int)n, s);
    return j;
}

static long long num(const wn_json *o, const char *k)
{
    const wn_json *v = wn_json_get(o, k);
    if (!v || v->type != WN_JSON_NUMBER) fail_msg("no number %s", k);
    return atoll(v->str);
}

static const char *str(const wn_json *o, const char *k)
{
    const wn_json *v = wn_json_get(o, k);
    return v && v->type == WN_JSON_STRING ? v->str : NULL;
}

static int64_t harbor, copy, other, bad, cluster;

static int setup(void **state)
{
    (void)state;
    wn_arena_init(&arena);
    snprintf(path, sizeof path, "/tmp/winnow-test-store-%d.db", (int)getpid());
    unlink(path);
    wn_store *s;
    char err[256];
    assert_int_equal(wn_store_open(path, WN_STORE_CREATE, &s, err, sizeof err), WN_STORE_OK);
    assert_int_equal(wn_store_begin(s, err, sizeof err), WN_STORE_OK);
    wn_store_put_result r;
    put(s, record("https://tideline.example/pier", "Harbor Board Votes to Rebuild North Pier",
                  "2031-05-06", HARBOR, 3, NULL), &r);
    assert_int_equal(r.kind, WN_PUT_INSERTED);
    harbor = r.id;
    cluster = r.cluster_id;
    assert_int_equal(cluster, harbor);
    /* the copy: other site, other title, one more paragraph, a day earlier */
    put(s, record("https://valleypost.example/news/pier", "Tideline will rebuild its pier",
                  "2031-05-05", HARBOR, 3,
                  "Readers can write to the harbor office with questions about the schedule."),
        &r);
    copy = r.id;
    assert_int_equal(r.cluster_id, cluster);
    assert_int_equal(r.joined, 1);
    assert_int_equal(r.new_canonical, 1);
    static const char *OTHER[] = {
        "The county library opened a reading garden behind its main branch on Saturday, with "
        "raised beds of herbs, shaded benches and a small stage for story hours in the afternoons.",
        "Librarians said the garden was paid for by a bake sale that ran every weekend last autumn "
        "and by volunteers who built the beds from wood left over after the roof was repaired."};
    put(s, record("https://tideline.example/garden", "Library Opens a Reading Garden", "2031-05-07",
                  OTHER, 2, NULL),
        &r);
    other = r.id;
    assert_int_not_equal(r.cluster_id, cluster);
    put(s, "{\"url\":\"https://tideline.example/empty\",\"title\":\"Harbor notice\"}", &r);
    bad = r.id;
    assert_int_equal(r.cluster_id, 0);
    /* the same record again: already stored */
    put(s, record("https://tideline.example/pier", "Harbor Board Votes to Rebuild North Pier",
                  "2031-05-06", HARBOR, 3, NULL), &r);
    assert_int_equal(r.kind, WN_PUT_EXISTS);
    assert_int_equal(r.id, harbor);
    assert_int_equal(wn_store_commit(s, err, sizeof err), WN_STORE_OK);
    wn_store_close(s);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    wn_arena_release(&arena);
    return 0;
}

static wn_store *ro(void)
{
    wn_store *s;
    char err[256];
    if (wn_store_open(path, WN_STORE_READONLY, &s, err, sizeof err) != WN_STORE_OK)
        fail_msg("open: %s", err);
    return s;
}

static void test_search(void **state)
{
    (void)state;
    wn_store *s = ro();
    wn_buf out;
    wn_buf_init(&out);
    char err[256];
    wn_store_query q = {0};
    q.match = "pier";
    q.mark_open = "[";
    q.mark_close = "]";
    assert_int_equal(wn_store_search(s, &q, &out, err, sizeof err), WN_STORE_OK);
    /* two hits: the title with "Pier" first (title weighted above text) */
    const char *line = wn_buf_cstr(&out), *nl;
    int n = 0;
    int64_t ids[4];
    while ((nl = strchr(line, '\n'))) {
        const wn_json *j = parse(line, (size_t)(nl - line));
        assert_true(n < 4);
        ids[n++] = num(j, "id");
        assert_non_null(strstr(str(j, "snippet"), "[pier]"));
        assert_int_equal(num(j, "cluster_id"), cluster);
        assert_int_equal(num(j, "cluster_size"), 2);
        assert_non_null(wn_json_get(j, "score"));
        line = nl + 1;
    }
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], harbor);
    assert_int_equal(ids[1], copy);
    /* filters */
    wn_buf_clear(&out);
    q.publisher = "nobody.example";
    assert_int_equal(wn_store_search(s, &q, &out, err, sizeof err), WN_STORE_OK);
    assert_int_equal(out.len, 0);
    q.publisher = NULL;
    q.since = "2031-05-06";
    assert_int_equal(wn_store_search(s, &q, &out, err, sizeof err), WN_STORE_OK);
    assert_int_equal((int)num(parse(out.data, out.len), "id"), (int)harbor);
    assert_null(strchr(out.data, '\n') + 1 == out.data + out.len ? NULL : "more than one hit");
    /* error records never show; no query: newest first */
    wn_buf_clear(&out);
    q.since = NULL;
    q.match = NULL;
    assert_int_equal(wn_store_search(s, &q, &out, err, sizeof err), WN_STORE_OK);
    assert_int_equal((int)num(parse(out.data, out.len), "id"), (int)other);
    assert_null(strstr(out.data, "Harbor notice"));
    /* malformed */
    q.match = "pier AND (";
    wn_buf_clear(&out);
    assert_int_equal(wn_store_search(s, &q, &out, err, sizeof err), WN_STORE_EQUERY);
    assert_non_null(strstr(err, "syntax"));
    wn_buf_free(&out);
    wn_store_close(s);
}

static void test_article(void **state)
{
    (void)state;
    wn_store *s = ro();
    wn_buf out;
    wn_buf_init(&out);
    assert_int_equal(wn_store_article(s, harbor, &out), WN_STORE_OK);
    const wn_json *j = parse(out.data, out.len);
    assert_int_equal(num(j, "id"), harbor);
    assert_int_equal(num(j, "cluster_id"), cluster);
    assert_int_equal(num(j, "cluster_size"), 2);
    assert_int_equal(num(j, "canonical_id"), copy);
    assert_string_equal(str(j, "title"), "Harbor Board Votes to Rebuild North Pier");
    assert_non_null(str(j, "ingested_at"));
    const wn_json *rem = wn_json_get(j, "removed");
    assert_non_null(rem);
    assert_int_equal(rem->type, WN_JSON_ARRAY);
    assert_non_null(wn_json_get(j, "sources"));
    /* the error record is an article here too */
    wn_buf_clear(&out);
    assert_int_equal(wn_store_article(s, bad, &out), WN_STORE_OK);
    j = parse(out.data, out.len);
    assert_non_null(wn_json_get(j, "error"));
    assert_null(wn_json_get(j, "cluster_id"));
    assert_int_equal(wn_store_article(s, 9999, &out), WN_STORE_NOTFOUND);
    wn_buf_free(&out);
    wn_store_close(s);
}

static void test_story(void **state)
{
    (void)state;
    wn_store *s = ro();
    wn_buf out;
    wn_buf_init(&out);
    assert_int_equal(wn_store_story(s, cluster, &out), WN_STORE_OK);
    const wn_json *j = parse(out.data, out.len);
    assert_int_equal(num(j, "size"), 2);
    const wn_json *m = wn_json_get(j, "members");
    assert_int_equal(m->count, 2);
    const wn_json *c = m->child, *d = c->next;
    /* the earlier-dated copy is the original now */
    assert_int_equal(num(c, "id"), copy);
    assert_string_equal(wn_json_get(c, "canonical")->str, "true");
    assert_null(wn_json_get(c, "diff"));
    assert_null(wn_json_get(c, "duplicate_kind"));
    assert_string_equal(wn_json_get(c, "similarity")->str, "1");
    assert_int_equal(num(d, "id"), harbor);
    assert_string_equal(wn_json_get(d, "canonical")->str, "false");
    assert_non_null(str(d, "duplicate_kind"));
    const wn_json *diff = wn_json_get(d, "diff");
    assert_non_null(diff);
    assert_string_equal(wn_json_get(diff, "title_differs")->str, "true");
    assert_int_equal(num(diff, "only_here"), 0);
    assert_int_equal(num(diff, "missing"), 1);
    const wn_json *ms = wn_json_get(diff, "missing_sample");
    assert_int_equal(ms->count, 1);
    assert_non_null(strstr(ms->child->str, "harbor office"));
    assert_int_equal(wn_store_story(s, 424242, &out), WN_STORE_NOTFOUND);
    wn_buf_free(&out);
    wn_store_close(s);
}

static void test_summary(void **state)
{
    (void)state;
    wn_store *s = ro();
    wn_buf out;
    wn_buf_init(&out);
    assert_int_equal(wn_store_summary(s, &out), WN_STORE_OK);
    const wn_json *j = parse(out.data, out.len);
    assert_int_equal(num(j, "schema_version"), WN_STORE_SCHEMA_VERSION);
    assert_int_equal(num(j, "articles"), 3);
    assert_int_equal(num(j, "errors"), 1);
    assert_int_equal(num(j, "clusters"), 2);
    const wn_json *l = wn_json_get(j, "languages");
    assert_int_equal(l->type, WN_JSON_ARRAY);
    assert_string_equal(str(l->child, "code"), "en");
    assert_int_equal(num(l->child, "articles"), 3);
    assert_non_null(wn_json_get(j, "publishers"));
    wn_buf_free(&out);
    wn_store_close(s);
}

/* a database file made by hand, then opened */
static wn_store_status open_made(const char *sql, int flags, char *err, size_t errlen)
{
    char p[300];
    snprintf(p, sizeof p, "%s.made", path);
    unlink(p);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    wn_store *s = NULL;
    wn_store_status st = wn_store_open(p, flags, &s, err, errlen);
    if (s && st == WN_STORE_OK && (flags & WN_STORE_CREATE)) {
        wn_buf out;
        wn_buf_init(&out);
        assert_int_equal(wn_store_summary(s, &out), WN_STORE_OK);
        char want[40];
        snprintf(want, sizeof want, "\"schema_version\":%d,", WN_STORE_SCHEMA_VERSION);
        assert_non_null(strstr(wn_buf_cstr(&out), want));
        wn_buf_free(&out);
    }
    wn_store_close(s);
    unlink(p);
    snprintf(p, sizeof p, "%s.made-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s.made-shm", path);
    unlink(p);
    return st;
}

static void test_versions(void **state)
{
    (void)state;
    char err[256];
    /* newer schema */
    assert_int_equal(open_made("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                               "INSERT INTO meta VALUES('application','winnow');"
                               "PRAGMA user_version=7;",
                               WN_STORE_READONLY, err, sizeof err),
                     WN_STORE_EVERSION);
    assert_non_null(strstr(err, "newer winnow"));
    /* somebody else's database */
    assert_int_equal(open_made("CREATE TABLE t(a, b); INSERT INTO t VALUES(1, 2);",
                               WN_STORE_CREATE, err, sizeof err),
                     WN_STORE_EVERSION);
    assert_non_null(strstr(err, "not a winnow store"));
    /* version 0: refused read-only, upgraded by a writer */
    const char *v0 = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                     "INSERT INTO meta VALUES('application','winnow');";
    assert_int_equal(open_made(v0, WN_STORE_READONLY, err, sizeof err), WN_STORE_EVERSION);
    assert_non_null(strstr(err, "older store schema"));
    assert_int_equal(open_made(v0, WN_STORE_CREATE, err, sizeof err), WN_STORE_OK);
    /* not SQLite at all */
    char p[300];
    snprintf(p, sizeof p, "%s.txt", path);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < 100; i++) fputs("this is a plain text file, not a database\n", f);
    fclose(f);
    wn_store *s = NULL;
    assert_int_equal(wn_store_open(p, WN_STORE_READONLY, &s, err, sizeof err), WN_STORE_EVERSION);
    assert_null(s);
    assert_non_null(strstr(err, "not a winnow store"));
    unlink(p);
    /* missing file, read-only */
    assert_int_equal(wn_store_open("/nonexistent/winnow.db", WN_STORE_READONLY, &s, err, sizeof err),
                     WN_STORE_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search),  cmocka_unit_test(test_article),
        cmocka_unit_test(test_story),   cmocka_unit_test(test_summary),
        cmocka_unit_test(test_versions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
