/*
 * test_fields.c — unit tests for member-name analysis (src/input/fields.c)
 * and the Markdown flattener (src/input/markdown.c).
 *
 * Roles are checked on names as tools write them and on names no tool
 * listed, so that the word rules, not a list, are what is tested.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "input/fields.h"
#include "input/input.h"

static int role(const char *key, int ctx, int *cls)
{
    wn_key k;
    int c, alt, alt_cls;
    wn_key_analyze(key, strlen(key), &k);
    int r = wn_key_role(&k, ctx, 1, &c, &alt, &alt_cls);
    if (cls) *cls = c;
    return r;
}

static int ctx_of(const char *key)
{
    wn_key k;
    wn_key_analyze(key, strlen(key), &k);
    return wn_key_context(&k, key, strlen(key));
}

static void table_sorted(void **state)
{
    (void)state;
    assert_true(wn_key_table_ok());
}

static void dates(void **state)
{
    (void)state;
    int a, b;
    assert_int_equal(role("date_publish", WN_CTX_NONE, &a), WN_F_PUBLISHED);
    assert_int_equal(role("publishedAt", WN_CTX_NONE, NULL), WN_F_PUBLISHED);
    assert_int_equal(role("pubDate", WN_CTX_NONE, NULL), WN_F_PUBLISHED);
    assert_int_equal(role("created_utc", WN_CTX_NONE, NULL), WN_F_PUBLISHED);
    assert_int_equal(role("datePosted", WN_CTX_NONE, NULL), WN_F_PUBLISHED);
    assert_int_equal(role("dateTimePub", WN_CTX_NONE, &b), WN_F_PUBLISHED);
    assert_int_equal(role("date", WN_CTX_NONE, &a), WN_F_PUBLISHED);
    assert_true(b < a); /* a publication word is more specific than "date" */
    assert_int_equal(role("updated_at", WN_CTX_NONE, NULL), WN_F_MODIFIED);
    assert_int_equal(role("lastmod", WN_CTX_NONE, NULL), WN_F_MODIFIED);
    assert_int_equal(role("seendate", WN_CTX_NONE, NULL), WN_F_CRAWLED);
    assert_int_equal(role("date_download", WN_CTX_NONE, NULL), WN_F_CRAWLED);
    assert_int_equal(role("expiresAt", WN_CTX_NONE, NULL), WN_F_NONE);
    /* a creation (a CMS draft's) yields to a publication */
    assert_int_equal(role("createdAt", WN_CTX_NONE, &a), WN_F_PUBLISHED);
    assert_int_equal(role("publishedAt", WN_CTX_NONE, &b), WN_F_PUBLISHED);
    assert_true(b < a);
    assert_int_equal(role("date", WN_CTX_NONE, &b), WN_F_PUBLISHED);
    assert_true(a < b);
    assert_int_equal(role("id", WN_CTX_NONE, NULL), WN_F_URL); /* only an http URL fits */
}

static void urls_authors_bodies(void **state)
{
    (void)state;
    int a, b, c;
    assert_int_equal(role("canonicalUrl", WN_CTX_NONE, &a), WN_F_URL);
    assert_int_equal(role("pageUrl", WN_CTX_NONE, &b), WN_F_URL);
    assert_int_equal(role("sourceURL", WN_CTX_NONE, &c), WN_F_URL);
    assert_true(a < b && b < c);
    assert_int_equal(role("urlToImage", WN_CTX_NONE, NULL), WN_F_IMAGE);
    assert_int_equal(role("site_url", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("by", WN_CTX_NONE, NULL), WN_F_AUTHOR);
    assert_int_equal(role("writer", WN_CTX_NONE, NULL), WN_F_AUTHOR);
    assert_int_equal(role("authorUrl", WN_CTX_NONE, NULL), WN_F_AUTHOR_URL);
    assert_int_equal(role("author_flair_text", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("updated_by", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("url_overridden_by_dest", WN_CTX_NONE, NULL), WN_F_URL);
    assert_int_equal(role("selftext", WN_CTX_NONE, NULL), WN_F_BODY);
    assert_int_equal(role("maintext", WN_CTX_NONE, NULL), WN_F_BODY);
    assert_int_equal(role("spoiler_text", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("content_type", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("headline", WN_CTX_NONE, NULL), WN_F_TITLE);
    assert_int_equal(role("alternativeHeadline", WN_CTX_NONE, NULL), WN_F_SUBTITLE);
    assert_int_equal(role("siteName", WN_CTX_NONE, NULL), WN_F_PUBLISHER);
    assert_int_equal(role("feed_title", WN_CTX_NONE, NULL), WN_F_PUBLISHER);
    assert_int_equal(role("source_country", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("humanLanguage", WN_CTX_NONE, NULL), WN_F_LANGUAGE);
    assert_int_equal(role("name", WN_CTX_ORG, NULL), WN_F_PUBLISHER);
    assert_int_equal(role("loadedTime", WN_CTX_CRAWL, NULL), WN_F_CRAWLED);
    /* what a name is about is its last word; split words join */
    assert_int_equal(role("article_url", WN_CTX_NONE, NULL), WN_F_URL);
    assert_int_equal(role("article.published", WN_CTX_NONE, NULL), WN_F_PUBLISHED);
    assert_int_equal(role("article:author", WN_CTX_NONE, NULL), WN_F_AUTHOR);
    assert_int_equal(role("author_title", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("link_text", WN_CTX_NONE, NULL), WN_F_NONE);
    assert_int_equal(role("media_outlet", WN_CTX_NONE, NULL), WN_F_PUBLISHER);
    assert_int_equal(role("by_line", WN_CTX_NONE, NULL), WN_F_AUTHOR);
    assert_int_equal(role("user_name", WN_CTX_NONE, NULL), WN_F_AUTHOR_HANDLE);
    assert_int_equal(role("key_words", WN_CTX_NONE, NULL), WN_F_TAGS);
    assert_int_equal(role("paragraphs", WN_CTX_NONE, NULL), WN_F_BODY);
    assert_int_equal(role("hed", WN_CTX_NONE, NULL), WN_F_TITLE);
    /* a URL as the user gave it yields to the resolved one */
    int g, r;
    assert_int_equal(role("given_url", WN_CTX_NONE, &g), WN_F_URL);
    assert_int_equal(role("resolved_url", WN_CTX_NONE, &r), WN_F_URL);
    assert_true(r < g);
    wn_key gk;
    wn_key_analyze("given_name", 10, &gk);
    assert_int_equal(wn_person_part(&gk), 2); /* still a first name in a person */
}

static void contexts(void **state)
{
    (void)state;
    assert_int_equal(ctx_of("account"), WN_CTX_PERSON);
    assert_int_equal(ctx_of("authors"), WN_CTX_PERSON);
    assert_int_equal(ctx_of("source"), WN_CTX_ORG);
    assert_int_equal(ctx_of("_source"), WN_CTX_ENVELOPE);
    assert_int_equal(ctx_of("_embedded"), WN_CTX_ENVELOPE);
    assert_int_equal(ctx_of("wp:featuredmedia"), WN_CTX_MEDIA);
    assert_int_equal(ctx_of("wp:term"), WN_CTX_TERMS);
    assert_int_equal(ctx_of("_links"), WN_CTX_LINKS);
    assert_int_equal(ctx_of("links"), WN_CTX_LINKS);
    assert_int_equal(ctx_of("outlinks"), WN_CTX_FOREIGN);
    assert_int_equal(ctx_of("alternate"), WN_CTX_ALTLINK);
    assert_int_equal(ctx_of("alternates"), WN_CTX_FOREIGN); /* hreflang versions */
    assert_int_equal(ctx_of("canonical"), WN_CTX_CANONLINK);
    assert_int_equal(ctx_of("origin"), WN_CTX_ORG);
    /* in a set of named links only the page's own one is a URL */
    assert_int_equal(role("self", WN_CTX_LINKS, NULL), WN_F_NONE);
    assert_int_equal(role("related_stories", WN_CTX_LINKS, NULL), WN_F_NONE);
    assert_int_equal(role("href", WN_CTX_LINKS, NULL), WN_F_NONE);
    assert_int_equal(role("permalink", WN_CTX_LINKS, NULL), WN_F_URL);
    assert_int_equal(role("canonical", WN_CTX_LINKS, NULL), WN_F_URL);
    int a, b;
    assert_int_equal(role("href", WN_CTX_CANONLINK, &a), WN_F_URL);
    assert_int_equal(role("href", WN_CTX_ALTLINK, &b), WN_F_URL);
    assert_true(a < b);
    assert_int_equal(role("type", WN_CTX_ALTLINK, NULL), WN_F_NONE);
    assert_int_equal(ctx_of("crawl"), WN_CTX_CRAWL);
    assert_int_equal(ctx_of("metadata"), WN_CTX_ENVELOPE);
}

static void markdown(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    const char md[] = "# Ferry Resumes\n\nThe **ferry** to [Gull Island](https://tideline.example/g)\n"
                      "sails again.\n\n![pier](https://tideline.example/p.jpg)\n- one\n- two\n\n---\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n";
    size_t n;
    const char *t = wn_markdown_to_text(&a, md, sizeof md - 1, &n);
    assert_string_equal(t, "Ferry Resumes\nThe ferry to Gull Island sails again.\none\ntwo\na b\n1 2\n");
    wn_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_sorted),
        cmocka_unit_test(dates),
        cmocka_unit_test(urls_authors_bodies),
        cmocka_unit_test(contexts),
        cmocka_unit_test(markdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
