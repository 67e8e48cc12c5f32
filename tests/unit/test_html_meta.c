/*
 * test_html_meta.c — unit tests for wn_html_meta (src/meta/html_meta.c):
 * page metadata from the document model into d->hints, with sources.
 *
 * Each test builds a small handmade page with wn_dom_build, runs
 * wn_html_meta and asserts exact values and *_src names: one test per
 * source and per rejection rule, so a broken precedence shows up as the
 * wrong source. The URL resolver has its own table of cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom/dom.h"
#include "meta/meta.h"

/* not in a header yet (see html_meta.c) */
char *wn_url_resolve(wn_arena *a, const char *base, const char *ref);

static wn_doc *doc;

static int teardown(void **state)
{
    (void)state;
    if (doc) {
        wn_arena a = doc->arena;
        wn_arena_release(&a);
        doc = NULL;
    }
    return 0;
}

/* page url and fetch date may be NULL */
static wn_doc *run_with(const char *html, const char *url, const char *fetch)
{
    teardown(NULL);
    doc = wn_doc_new("test");
    if (url) {
        doc->hints.url = url;
        doc->hints.url_src = "record";
    }
    doc->hints.fetch_date = fetch;
    wn_dom dom;
    assert_int_equal(wn_dom_build(&doc->arena, html, strlen(html), 256, 1000000, &dom), 0);
    wn_html_meta(doc, &dom);
    return doc;
}

static wn_doc *run(const char *html) { return run_with(html, NULL, NULL); }

#define STR(got, want)                                                                   \
    do {                                                                                 \
        const char *g_ = (got), *w_ = (want);                                            \
        if (w_ == NULL && g_ != NULL) fail_msg("%s = \"%s\", expected NULL", #got, g_);  \
        if (w_ != NULL && (g_ == NULL || strcmp(g_, w_) != 0))                           \
            fail_msg("%s = %s%s%s, expected \"%s\"", #got, g_ ? "\"" : "",               \
                     g_ ? g_ : "NULL", g_ ? "\"" : "", w_);                              \
    } while (0)

static const wn_author *author(const wn_doc *d, size_t i)
{
    if (i >= d->hints.authors.n)
        fail_msg("author %zu missing (%zu authors)", i, d->hints.authors.n);
    return d->hints.authors.v[i];
}

static const char *tag(const wn_doc *d, size_t i)
{
    if (i >= d->hints.tags.n) fail_msg("tag %zu missing (%zu tags)", i, d->hints.tags.n);
    return d->hints.tags.v[i];
}

/* ---- JSON-LD ---------------------------------------------------------- */

static void test_jsonld_newsarticle(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><title>Other | Site</title>"
        "<script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
        "\"headline\":\"Rates rise again\",\"alternativeHeadline\":\"A third hike\","
        "\"description\":\"The bank raised rates.\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\","
        "\"url\":\"https://ex.com/jane\"},{\"@type\":\"Person\",\"name\":\"John Roe\"},"
        "{\"@type\":\"Organization\",\"name\":\"Wire Agency\"}],"
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Daily Planet\"},"
        "\"datePublished\":\"2024-03-05T08:00:00Z\","
        "\"dateModified\":\"2024-03-06T09:30:00+01:00\","
        "\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://ex.com/i.jpg\"},"
        "\"inLanguage\":\"en-GB\",\"keywords\":[\"rates\",\"economy\"],"
        "\"url\":\"https://ex.com/rates\"}"
        "</script></head><body><p>x</p></body></html>");
    STR(d->hints.title, "Rates rise again");
    STR(d->hints.title_src, "json-ld");
    STR(d->page_title, "Other | Site");
    STR(d->hints.subtitle, "A third hike");
    STR(d->hints.subtitle_src, "json-ld");
    STR(d->hints.description, "The bank raised rates.");
    STR(d->hints.description_src, "json-ld");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 0)->url, "https://ex.com/jane");
    STR(author(d, 1)->name, "John Roe");
    STR(author(d, 1)->url, NULL);
    STR(d->hints.authors_src, "json-ld");
    STR(d->hints.publisher, "Daily Planet");
    STR(d->hints.publisher_src, "json-ld");
    STR(d->hints.site_name, "Daily Planet");
    STR(d->hints.site_name_src, "json-ld");
    STR(d->hints.date_published, "2024-03-05T08:00:00Z");
    STR(d->hints.date_published_src, "json-ld");
    STR(d->hints.date_modified, "2024-03-06T09:30:00+01:00");
    STR(d->hints.date_modified_src, "json-ld");
    STR(d->hints.image, "https://ex.com/i.jpg");
    STR(d->hints.image_src, "json-ld");
    STR(d->hints.language, "en-GB");
    STR(d->hints.language_src, "json-ld");
    assert_int_equal(d->hints.tags.n, 2);
    STR(tag(d, 0), "rates");
    STR(tag(d, 1), "economy");
    STR(d->hints.tags_src, "json-ld");
    STR(d->hints.url, "https://ex.com/rates");
    STR(d->hints.url_src, "json-ld");
}

static void test_jsonld_graph(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebPage\",\"@id\":\"https://ex.com/p#webpage\",\"name\":\"Page | Site\","
        "\"datePublished\":\"2024-01-02T03:04:05+00:00\",\"description\":\"From the page.\"},"
        "{\"@type\":\"Article\",\"@id\":\"https://ex.com/p#article\",\"headline\":\"Graph story\","
        "\"author\":{\"@id\":\"https://ex.com/#/person/1\"},"
        "\"publisher\":{\"@id\":\"https://ex.com/#org\"}},"
        "{\"@type\":\"Person\",\"@id\":\"https://ex.com/#/person/1\",\"name\":\"Ann Poe\"},"
        "{\"@type\":\"Organization\",\"@id\":\"https://ex.com/#org\",\"name\":\"Example News\"}"
        "]}</script></head><body></body></html>");
    STR(d->hints.title, "Graph story");
    STR(d->hints.title_src, "json-ld");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Ann Poe");
    STR(d->hints.authors_src, "json-ld");
    STR(d->hints.publisher, "Example News");
    /* missing on the Article: taken from the WebPage */
    STR(d->hints.date_published, "2024-01-02T03:04:05Z"); /* as wn_parse_date writes it */
    STR(d->hints.date_published_src, "json-ld");
    STR(d->hints.description, "From the page.");
}

static void test_jsonld_article_beats_webpage_across_scripts(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head>"
        "<script type=\"application/ld+json\">"
        "{\"@type\":\"WebPage\",\"headline\":\"Page\"}</script>"
        "<script type=\"application/ld+json\">[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
        "{\"@type\":[\"Thing\",\"BlogPosting\"],\"name\":\"Post name\"}]</script>"
        "</head><body></body></html>");
    /* an Article type without headline gives its name */
    STR(d->hints.title, "Post name");
    STR(d->hints.title_src, "json-ld");
}

static void test_jsonld_broken_ignored(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Broken\", {{{ ]]</script>"
        "<meta property=\"og:title\" content=\"From Open Graph\">"
        "</head><body></body></html>");
    STR(d->hints.title, "From Open Graph");
    STR(d->hints.title_src, "og:title");
    assert_int_equal(d->hints.authors.n, 0);
}

static void test_jsonld_entities_decoded(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Tom &amp; Jerry&#8217;s &quot;day&quot;\"}"
        "</script></head><body></body></html>");
    STR(d->hints.title, "Tom & Jerry\xe2\x80\x99s \"day\"");
}

static void test_jsonld_org_author_is_publisher(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"H\","
        "\"author\":{\"@type\":\"NewsMediaOrganization\",\"name\":\"Wire Agency\"}}</script>"
        "<meta name=\"author\" content=\"Jane Doe\">"
        "</head><body></body></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Jane Doe");
    STR(d->hints.authors_src, "meta:author");
    STR(d->hints.publisher, "Wire Agency");
    STR(d->hints.publisher_src, "json-ld");
}

static void test_jsonld_wrapped_and_string_forms(void **state)
{
    (void)state;
    /* an HTML comment around the JSON, two values in one script, an author
     * byline string, an image array, a language object, a keywords string */
    wn_doc *d = run(
        "<html><head><script type=\"application/ld+json\"><!--\n"
        "{\"@type\":\"Organization\",\"name\":\"Org\"}\n"
        "{\"@type\":\"ReportageNewsArticle\",\"headline\":\"  Wrapped\\n story \","
        "\"author\":\"By Jane Doe and John Roe\","
        "\"publisher\":\"Planet Media\","
        "\"image\":[\"https://ex.com/1.jpg\",\"https://ex.com/2.jpg\"],"
        "\"inLanguage\":{\"@type\":\"Language\",\"name\":\"German\",\"alternateName\":\"de\"},"
        "\"keywords\":\"a, b\",\"mainEntityOfPage\":{\"@id\":\"https://ex.com/w\"}}\n"
        "--></script></head><body></body></html>");
    STR(d->hints.title, "Wrapped story");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 1)->name, "John Roe");
    STR(d->hints.publisher, "Planet Media");
    STR(d->hints.image, "https://ex.com/1.jpg");
    STR(d->hints.language, "de");
    assert_int_equal(d->hints.tags.n, 1);
    STR(tag(d, 0), "a, b");
    STR(d->hints.url, "https://ex.com/w");
    STR(d->hints.url_src, "json-ld");
}

static void test_og_title_site_suffix(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta property=\"og:site_name\" content=\"Planet\">"
                    "<meta property=\"og:title\" content=\"Budget passes | Planet\"></head>"
                    "</html>");
    STR(d->hints.title, "Budget passes");
    STR(d->hints.title_src, "og:title");
    /* a suffix that is not the site name stays */
    d = run("<html><head><meta property=\"og:site_name\" content=\"Planet\">"
            "<meta property=\"og:title\" content=\"Budget passes - a first\"></head></html>");
    STR(d->hints.title, "Budget passes - a first");
}

/* ---- Open Graph, twitter, meta ---------------------------------------- */

static void test_og_fallbacks(void **state)
{
    (void)state;
    wn_doc *d = run_with(
        "<html><head>"
        "<meta property=\"og:title\" content=\"OG title\">"
        "<meta name=\"twitter:title\" content=\"Twitter title\">"
        "<meta property=\"og:description\" content=\"OG desc\">"
        "<meta name=\"description\" content=\"Meta desc\">"
        "<meta property=\"og:image\" content=\"/img/a.jpg\">"
        "<meta name=\"twitter:image\" content=\"https://cdn.ex.com/t.jpg\">"
        "<meta property=\"og:site_name\" content=\"Example Times\">"
        "<meta name=\"application-name\" content=\"ExApp\">"
        "<meta property=\"og:locale\" content=\"en_US\">"
        "</head><body></body></html>",
        "https://www.ex.com/news/story", NULL);
    STR(d->hints.title, "OG title");
    STR(d->hints.title_src, "og:title");
    STR(d->hints.description, "OG desc");
    STR(d->hints.description_src, "og:description");
    STR(d->hints.image, "https://www.ex.com/img/a.jpg");
    STR(d->hints.image_src, "og:image");
    STR(d->hints.site_name, "Example Times");
    STR(d->hints.site_name_src, "og:site_name");
    STR(d->hints.language, "en_US");
    STR(d->hints.language_src, "og:locale");
    STR(d->hints.url, "https://www.ex.com/news/story");
    STR(d->hints.url_src, "record");
}

static void test_twitter_fallbacks(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head>"
        "<meta name=\"twitter:title\" content=\"Twitter title\">"
        "<meta name=\"twitter:description\" content=\"Tw desc\">"
        "<meta name=\"description\" content=\"Meta desc\">"
        "<meta name=\"twitter:image\" content=\"https://cdn.ex.com/t.jpg\">"
        "<meta name=\"application-name\" content=\"ExApp\">"
        "</head><body><h1>Only heading</h1></body></html>");
    STR(d->hints.title, "Twitter title");
    STR(d->hints.title_src, "twitter:title");
    STR(d->hints.description, "Tw desc");
    STR(d->hints.description_src, "twitter:description");
    STR(d->hints.image, "https://cdn.ex.com/t.jpg");
    STR(d->hints.image_src, "twitter:image");
    STR(d->hints.site_name, "ExApp");
    STR(d->hints.site_name_src, "application-name");
}

static void test_meta_description(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"description\" content=\"  Meta\n desc \">"
                    "</head><body></body></html>");
    STR(d->hints.description, "Meta desc");
    STR(d->hints.description_src, "meta:description");
}

/* ---- title ------------------------------------------------------------- */

static void test_title_suffix_stripped(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><title>Council approves the new budget | The Daily Planet"
                    "</title></head><body></body></html>");
    STR(d->hints.title, "Council approves the new budget");
    STR(d->hints.title_src, "<title>");
    STR(d->page_title, "Council approves the new budget | The Daily Planet");
}

static void test_title_section_and_site_stripped(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><title>Council approves the budget \xe2\x80\x94 Politics"
                    " \xe2\x80\x94 Planet</title></head><body></body></html>");
    STR(d->hints.title, "Council approves the budget");
}

static void test_title_long_site_name_stripped(void **state)
{
    (void)state;
    wn_doc *d = run(
        "<html><head><meta property=\"og:site_name\" content=\"The Very Long Name Of A Local "
        "Paper\"><title>Budget passes - The Very Long Name Of A Local Paper</title></head>"
        "<body></body></html>");
    STR(d->hints.title, "Budget passes");
    STR(d->hints.title_src, "<title>");
}

static void test_title_short_head_kept(void **state)
{
    (void)state;
    /* "Brexit" alone is not a headline: do not cut "BBC News" */
    wn_doc *d = run("<html><head><title>Brexit - BBC News</title></head><body></body></html>");
    STR(d->hints.title, "Brexit - BBC News");
    /* a long suffix is part of the headline */
    d = run("<html><head><title>Jane Doe: the interview - why she left the party after ten "
            "years</title></head><body></body></html>");
    STR(d->hints.title, "Jane Doe: the interview - why she left the party after ten years");
}

static void test_title_svg_ignored(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><svg><title>Logo</title></svg></body></html>");
    STR(d->hints.title, NULL);
    STR(d->page_title, NULL);
}

static void test_h1_in_article(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><title>Something else | Site</title></head><body>"
                    "<header><h1>Site logo</h1></header>"
                    "<article><h1>The <em>real</em> headline</h1><p>Text</p></article>"
                    "</body></html>");
    STR(d->hints.title, "The real headline");
    STR(d->hints.title_src, "h1");
}

static void test_h1_only_one(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><title>Something else | Site</title></head><body>"
                    "<div><h1>Lone headline</h1></div></body></html>");
    STR(d->hints.title, "Lone headline");
    STR(d->hints.title_src, "h1");
    /* two h1 outside any article: neither is trusted */
    d = run("<html><head><title>Page title here | Site</title></head><body>"
            "<h1>One</h1><h1>Two</h1></body></html>");
    STR(d->hints.title, "Page title here");
    STR(d->hints.title_src, "<title>");
}

static void test_microdata_headline(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><div itemscope itemtype=\"https://schema.org/NewsArticle\">"
                    "<h2 itemprop=\"headline\">Micro headline</h2></div>"
                    "<h1>Only h1</h1></body></html>");
    STR(d->hints.title, "Micro headline");
    STR(d->hints.title_src, "microdata");
}

/* the shown headline (<h1>) over a differently worded stated one */
static void test_h1_over_stated_headline(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><script type=\"application/ld+json\">"
                    "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry fares: what changes in May\"}"
                    "</script><meta property=\"og:title\" content=\"Ferry fares to rise\">"
                    "</head><body><article><h1>Island ferry fares rise by a fifth from May</h1>"
                    "<p>Text</p></article></body></html>");
    STR(d->hints.title, "Island ferry fares rise by a fifth from May");
    STR(d->hints.title_src, "h1");
    /* agreeing sources: the stated one keeps the credit */
    d = run("<html><head><meta property=\"og:title\" content=\"Island ferry fares rise\">"
            "</head><body><article><h1>Island Ferry Fares Rise</h1></article></body></html>");
    STR(d->hints.title, "Island ferry fares rise");
    STR(d->hints.title_src, "og:title");
}

/* " | " labels around the headline in the <h1> */
static void test_h1_pipe_labels(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><article><h1>Opinion | Keep the night ferry running | "
                    "Editorial</h1></article></body></html>");
    STR(d->hints.title, "Keep the night ferry running");
    /* the part a stated title repeats */
    d = run("<html><head><meta property=\"og:title\" content=\"Harbour Dues Doubled\"></head>"
            "<body><article><h1>Harbour dues doubled | Skerry Bay Council</h1></article>"
            "</body></html>");
    STR(d->hints.title, "Harbour Dues Doubled"); /* they agree: as stated */
    STR(d->hints.title_src, "og:title");
}

/* a logo <h1> (svg title) and a hidden <h1> are not the headline */
static void test_h1_logo_and_hidden(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta property=\"og:title\" content=\"Tidal mill reopens\">"
                    "</head><body><h1><a href=\"/\"><svg><title>Fenmoor Weekly Logo Mark</title>"
                    "</svg></a></h1><h2>Tidal mill reopens</h2></body></html>");
    STR(d->hints.title, "Tidal mill reopens");
    STR(d->hints.title_src, "og:title");
    d = run("<html><body><main><div hidden><h1>All maps and locations here</h1></div>"
            "<div style=\"display: none\"><h1>Another hidden panel title</h1></div>"
            "<h1>Lighthouse keepers return to Skerry Rock</h1></main></body></html>");
    STR(d->hints.title, "Lighthouse keepers return to Skerry Rock");
}

/* a site named by the page's host, before or after the headline */
static void test_title_host_affixes(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><head><meta property=\"og:title\" "
                         "content=\"Budget passes at last - FenmoorWeekly.example\">"
                         "</head></html>",
                         "https://www.fenmoorweekly.example/news/budget", NULL);
    STR(d->hints.title, "Budget passes at last");
    d = run_with("<html><head><meta property=\"og:title\" "
                 "content=\"Fenmoor Weekly - Budget passes at last\"></head></html>",
                 "https://fenmoorweekly.example/news/budget", NULL);
    STR(d->hints.title, "Budget passes at last");
    /* a part that is not the site stays */
    d = run_with("<html><head><meta property=\"og:title\" "
                 "content=\"Fenmoor - Budget passes at last\"></head></html>",
                 "https://fenmoorweekly.example/news/budget", NULL);
    STR(d->hints.title, "Fenmoor - Budget passes at last");
}

/* ---- authors ----------------------------------------------------------- */

static void test_byline_element(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body class=\"single comments-open\">"
                    "<article class=\"post has-related-posts\"><h1>H</h1>"
                    "<div class=\"article-byline\">By Jane Doe and John Roe, Staff Writers</div>"
                    "<p>Text</p></article></body></html>");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 0)->role, "Staff Writers");
    STR(author(d, 1)->name, "John Roe");
    STR(author(d, 1)->role, "Staff Writers");
    STR(d->hints.authors_src, "byline");
}

static void test_byline_pipe_and_inner_span(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><article>"
                    "<div class=\"meta\" id=\"byline\">By <span>Jane Doe</span> | Reuters</div>"
                    "<p class=\"c-meta\"><span class=\"author-name\">Ann Poe</span>"
                    "<time datetime=\"2024-03-05\">March 5, 2024</time></p>"
                    "</article></body></html>");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 1)->name, "Ann Poe");
    STR(d->hints.authors_src, "byline");
}

static void test_byline_in_article_preferred(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><div class=\"author\">Sam Side</div>"
                    "<main><span class=\"byline\">Von Jana Meier</span></main>"
                    "<aside><div class=\"byline\">By Other Person</div></aside>"
                    "</body></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Jana Meier");
}

static void test_byline_neighbours_only(void **state)
{
    (void)state;
    /* names in sibling elements join; a name further away does not */
    wn_doc *d = run("<html><body><article><p>By <a class=\"author\">Jane Doe</a> and "
                    "<a class=\"author\">John Roe</a></p><p>Text</p>"
                    "<div class=\"quote\"><span class=\"quote-author\">Ann Poe</span></div>"
                    "<div id=\"comments\"><span class=\"author\">Troll Person</span></div>"
                    "</article></body></html>");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 1)->name, "John Roe");
    /* a comment section's author alone is no byline */
    d = run("<html><body><article><p>Text</p><section class=\"comments-area\">"
            "<span class=\"author\">Troll Person</span></section></article></body></html>");
    assert_int_equal(d->hints.authors.n, 0);
}

static void test_byline_bio_ignored(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><div class=\"author-bio\">Jane Doe</div>"
                    "<div class=\"comment-author\">John Roe</div></body></html>");
    assert_int_equal(d->hints.authors.n, 0);
}

static void test_byline_long_container_ignored(void **state)
{
    (void)state;
    /* a container that happens to carry the class, not a byline */
    char html[2048];
    char filler[400];
    memset(filler, 'x', sizeof filler - 1);
    filler[sizeof filler - 1] = 0;
    snprintf(html, sizeof html, "<html><body><div class=\"post-author-wrap\">Jane Doe, "
             "<p>%s</p></div></body></html>", filler);
    wn_doc *d = run(html);
    assert_int_equal(d->hints.authors.n, 0);
}

static void test_reject_staff(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"author\" content=\"Staff\"></head><body>"
                    "<p class=\"byline\">Par Jeanne Dupont</p></body></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Jeanne Dupont");
    STR(d->hints.authors_src, "byline");
}

static void test_reject_email_the_author(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><a class=\"author\" href=\"mailto:x@ex.com\">Email the author"
                    "</a></body></html>");
    assert_int_equal(d->hints.authors.n, 0);
    STR(d->hints.authors_src, NULL);
}

static void test_reject_date_and_title(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><div class=\"byline\">March 5, 2024</div>"
                    "<div class=\"author\">Senior Editor</div></body></html>");
    assert_int_equal(d->hints.authors.n, 0);
}

static void test_reject_url_author(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head>"
                    "<meta property=\"article:author\" content=\"https://facebook.com/jd\">"
                    "<meta name=\"parsely-author\" content=\"Jane Doe\"></head></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Jane Doe");
    STR(d->hints.authors_src, "parsely-author");
}

static void test_meta_author_split(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"author\" content=\"By JANE DOE, John Roe\">"
                    "</head></html>");
    assert_int_equal(d->hints.authors.n, 2);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 1)->name, "John Roe");
    STR(d->hints.authors_src, "meta:author");
}

static void test_dc_creator(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"DC.creator\" content=\"Jane Doe\"></head></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(d->hints.authors_src, "dc.creator");
}

static void test_microdata_author(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><article>"
                    "<div itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\">"
                    "<img src=\"a.jpg\"><span itemprop=\"name\">Jane Doe</span>"
                    "<a itemprop=\"url\" href=\"https://ex.com/jd\">Profile</a></div>"
                    "<div class=\"byline\">By John Roe</div></article></body></html>");
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Jane Doe");
    STR(author(d, 0)->url, "https://ex.com/jd");
    STR(d->hints.authors_src, "microdata");
}

static void test_rel_author(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><body><p>Story by <a rel=\"author\" href=\"/staff/ann\">"
                         "Ann Poe</a></p><div class=\"byline\">By John Roe</div></body></html>",
                         "https://ex.com/2024/story", NULL);
    assert_int_equal(d->hints.authors.n, 1);
    STR(author(d, 0)->name, "Ann Poe");
    STR(author(d, 0)->url, "https://ex.com/staff/ann");
    STR(d->hints.authors_src, "rel=author");
}

static void test_at_most_six_authors(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"author\" content=\"Ann Aa, Bob Bb, Cat Cc, "
                    "Dan Dd, Eve Ee, Fay Ff, Gus Gg, Hal Hh\"></head></html>");
    assert_int_equal(d->hints.authors.n, 6);
    STR(author(d, 5)->name, "Fay Ff");
}

/* ---- dates --------------------------------------------------------------- */

static void test_article_published_time(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head>"
                    "<meta name=\"date\" content=\"2020-01-01\">"
                    "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">"
                    "<meta property=\"article:modified_time\" content=\"not a date\">"
                    "<meta property=\"og:updated_time\" content=\"2024-03-07T11:00:00+02:00\">"
                    "</head></html>");
    STR(d->hints.date_published, "2024-03-05T10:00:00Z");
    STR(d->hints.date_published_src, "article:published_time");
    /* an unparseable date falls to the next source */
    STR(d->hints.date_modified, "2024-03-07T11:00:00+02:00");
    STR(d->hints.date_modified_src, "og:updated_time");
}

static void test_dc_date(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta name=\"dc.date\" content=\"March 5, 2024\"></head>"
                    "<body><time datetime=\"2023-01-01\">x</time></body></html>");
    STR(d->hints.date_published, "2024-03-05");
    STR(d->hints.date_published_src, "dc.date");
}

static void test_microdata_date(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><article><time itemprop=\"datePublished\" "
                    "datetime=\"2024-03-05T08:00\">5 March</time>"
                    "<meta itemprop=\"dateModified\" content=\"2024-03-06\"></article>"
                    "</body></html>");
    STR(d->hints.date_published_src, "microdata");
    STR(d->hints.date_published, "2024-03-05T08:00:00");
    STR(d->hints.date_modified, "2024-03-06");
    STR(d->hints.date_modified_src, "microdata");
}

static void test_time_element(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><aside><time datetime=\"2023-12-31\">old</time></aside>"
                    "<article><p>x</p><time datetime=\"2024-03-05\">5 March</time>"
                    "<time datetime=\"2024-04-01\">later</time></article></body></html>");
    STR(d->hints.date_published, "2024-03-05");
    STR(d->hints.date_published_src, "time");
    /* a related story's time inside the article */
    d = run("<html><body><article><aside><time datetime=\"2023-12-31\">old</time></aside>"
            "<p>x</p></article></body></html>");
    STR(d->hints.date_published, NULL);
    /* a page with an article: a time outside it is not the article's */
    d = run("<html><body><div><time datetime=\"2023-12-31\">now</time></div>"
            "<article><p>x</p></article></body></html>");
    STR(d->hints.date_published, NULL);
    /* a page without one: the first time outside nav/aside/footer */
    d = run("<html><body><nav><time datetime=\"2023-12-30\">x</time></nav>"
            "<div><time datetime=\"2023-12-31\">x</time></div></body></html>");
    STR(d->hints.date_published, "2023-12-31");
    STR(d->hints.date_published_src, "time");
}

/* <time>: an update's is skipped, a publication mark wins, a malformed
 * datetime falls back to the element's text */
static void test_time_published_vs_updated(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><article><h1>Quay lights switched on again</h1>"
                    "<time class=\"updated\" datetime=\"2024-03-07T10:00:00+01:00\">7 March</time>"
                    "<time class=\"entry-date published\" datetime=\"2024-03-05T09:00:00+01:00\">"
                    "5 March</time><p>x</p></article></body></html>");
    STR(d->hints.date_published, "2024-03-05T09:00:00+01:00");
    STR(d->hints.date_published_src, "time");
    d = run("<html><body><article><time datetime=\"2021-02-112024-05-08\">May 8, 2024</time>"
            "<p>x</p></article></body></html>");
    STR(d->hints.date_published, "2024-05-08");
}

/* a date line near the headline, when nothing states one */
static void test_date_near_headline(void **state)
{
    (void)state;
    wn_doc *d = run("<html><body><main><h1>Skerry Rock light to be automated</h1>"
                    "<p>Keepers leave after ninety years</p>"
                    "<div>Updated: Jan 9, 2024</div>"
                    "<div>Published 7:15 AM, Mon January 8, 2024 | 3 min read</div>"
                    "<p>The light on Skerry Rock will run without keepers from the spring.</p>"
                    "</main><p>Dec 1, 2023 Older story</p></body></html>");
    STR(d->hints.date_published, "2024-01-08T07:15:00");
    STR(d->hints.date_published_src, "text");
    STR(d->hints.date_modified, "2024-01-09");
    STR(d->hints.date_modified_src, "text");
    /* prose is not a date line: a long paragraph's date is not taken */
    d = run("<html><body><main><h1>Skerry Rock light to be automated</h1>"
            "<p>The light on Skerry Rock, lit on March 3, 1934, will run without keepers from "
            "the spring, the lighthouse board said, ending ninety years of families living on "
            "the rock through every winter storm the North Atlantic could throw at them.</p>"
            "</main></body></html>");
    STR(d->hints.date_published, NULL);
}

/* a URL with a month name: /2024/mar/05/ */
static void test_url_month_name(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><body></body></html>",
                         "https://ex.com/article/2024/mar/05/some-story", NULL);
    STR(d->hints.date_published, "2024-03-05");
    d = run_with("<html><body></body></html>", "https://ex.com/2024/march/5/story", NULL);
    STR(d->hints.date_published, "2024-03-05");
    d = run_with("<html><body></body></html>", "https://ex.com/2024/news/5/story", NULL);
    STR(d->hints.date_published, NULL);
}

/* a UTC stamp written in the page's own zone elsewhere */
static void test_utc_date_localised(void **state)
{
    (void)state;
    /* the same instant in a <time datetime> with an offset */
    wn_doc *d = run("<html><head><meta property=\"article:published_time\" "
                    "content=\"2024-03-06T03:30:00Z\"></head><body><article>"
                    "<h1>Night shift at the harbour</h1>"
                    "<time datetime=\"2024-03-05T22:30:00-05:00\">March 5, 10:30 PM</time>"
                    "</article></body></html>");
    STR(d->hints.date_published, "2024-03-05T22:30:00-05:00");
    STR(d->hints.date_published_src, "article:published_time");
    /* the date and time shown by the headline: the offset to the quarter hour */
    d = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"datePublished\":\"2024-03-06T04:00:41Z\"}</script></head><body><article>"
            "<h1>Night shift at the harbour</h1><p>Mar. 5, 2024 11:00 pm EST</p>"
            "</article></body></html>");
    STR(d->hints.date_published, "2024-03-05T23:00:41-05:00");
    /* a shown date alone proves no zone; a stated offset is kept as written */
    d = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"datePublished\":\"2024-03-06T02:00:00Z\"}</script></head><body><article>"
            "<h1>Night shift at the harbour</h1><p>5 March 2024</p></article></body></html>");
    STR(d->hints.date_published, "2024-03-06T02:00:00Z");
    d = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"datePublished\":\"2024-03-05T21:00:00-05:00\"}</script></head><body><article>"
            "<h1>Night shift at the harbour</h1><p>Mar 6, 2024 2:00 AM</p></article></body>"
            "</html>");
    STR(d->hints.date_published, "2024-03-05T21:00:00-05:00");
}

static void test_url_date(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><body></body></html>",
                         "https://ex.com/news/2024/03/05/some-story", NULL);
    STR(d->hints.date_published, "2024-03-05");
    STR(d->hints.date_published_src, "url");
    d = run_with("<html><body></body></html>", "https://ex.com/2024-03-06-some-story.html",
                 NULL);
    STR(d->hints.date_published, "2024-03-06");
    d = run_with("<html><body></body></html>", "https://ex.com/news/20240307/story", NULL);
    STR(d->hints.date_published, "2024-03-07");
    /* an id that is not a date */
    d = run_with("<html><body></body></html>", "https://ex.com/news/12345678/story", NULL);
    STR(d->hints.date_published, NULL);
    d = run_with("<html><body></body></html>", "https://ex.com/p/19800101/story", NULL);
    STR(d->hints.date_published, NULL); /* a valid date, but no news URL is that old */
}

static void test_fetch_date_rejects_future(void **state)
{
    (void)state;
    wn_doc *d = run_with(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2030-01-01T00:00:00Z\"}</script>"
        "<meta property=\"article:published_time\" content=\"2024-06-02\">"
        "<meta name=\"pubdate\" content=\"2024-03-05\"></head></html>",
        NULL, "2024-06-01T12:00:00Z");
    STR(d->hints.date_published, "2024-03-05");
    STR(d->hints.date_published_src, "meta:pubdate");
    /* the same day is fine */
    d = run_with("<html><head><meta property=\"article:published_time\" "
                 "content=\"2024-06-01T23:00:00Z\"></head></html>",
                 NULL, "2024-06-01T12:00:00Z");
    STR(d->hints.date_published, "2024-06-01T23:00:00Z");
}

/* ---- URL ------------------------------------------------------------------ */

static void test_canonical_relative(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><head><link rel=\"canonical\" href=\"../story.html#top\">"
                         "<meta property=\"og:url\" content=\"https://other.com/x\"></head></html>",
                         "https://ex.com/a/b/page.html?x=1", NULL);
    STR(d->hints.url, "https://ex.com/a/story.html");
    STR(d->hints.url_src, "link:canonical");
}

static void test_canonical_without_base(void **state)
{
    (void)state;
    /* relative canonical, no page URL: og:url is the base */
    wn_doc *d = run("<html><head><link rel=\"canonical\" href=\"/news/story\">"
                    "<meta property=\"og:url\" content=\"https://ex.com/news/story?utm=1\">"
                    "</head></html>");
    STR(d->hints.url, "https://ex.com/news/story");
    STR(d->hints.url_src, "link:canonical");
    /* nothing to resolve against: no url (a relative og:url neither) */
    d = run("<html><head><link rel=\"canonical\" href=\"story\">"
            "<meta property=\"og:url\" content=\"/s\"></head></html>");
    STR(d->hints.url, NULL);
    STR(d->hints.url_src, NULL);
    /* og:url alone */
    d = run("<html><head><meta property=\"og:url\" content=\"https://ex.com/s\"></head></html>");
    STR(d->hints.url, "https://ex.com/s");
    STR(d->hints.url_src, "og:url");
}

static void test_canonical_homepage_ignored(void **state)
{
    (void)state;
    wn_doc *d = run_with("<html><head><link rel=\"canonical\" href=\"https://ex.com/\">"
                         "</head></html>",
                         "https://ex.com/news/story", NULL);
    STR(d->hints.url, "https://ex.com/news/story");
    STR(d->hints.url_src, "record");
}

static void test_url_resolver(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    static const char *const C[][3] = {
        /* base, ref, expected (RFC 3986 5.4.1 base "http://a/b/c/d;p?q") */
        {"http://a/b/c/d;p?q", "g", "http://a/b/c/g"},
        {"http://a/b/c/d;p?q", "./g", "http://a/b/c/g"},
        {"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"},
        {"http://a/b/c/d;p?q", "/g", "http://a/g"},
        {"http://a/b/c/d;p?q", "//g", "http://g"},
        {"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"},
        {"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"},
        {"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q"},
        {"http://a/b/c/d;p?q", "g#s", "http://a/b/c/g"},
        {"http://a/b/c/d;p?q", ".", "http://a/b/c/"},
        {"http://a/b/c/d;p?q", "..", "http://a/b/"},
        {"http://a/b/c/d;p?q", "../g", "http://a/b/g"},
        {"http://a/b/c/d;p?q", "../..", "http://a/"},
        {"http://a/b/c/d;p?q", "../../g", "http://a/g"},
        {"http://a/b/c/d;p?q", "../../../g", "http://a/g"},
        {"http://a/b/c/d;p?q", "/./g", "http://a/g"},
        {"http://a/b/c/d;p?q", "/../g", "http://a/g"},
        {"http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h"},
        {"http://a/b/c/d;p?q", "g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"https://ex.com", "story", "https://ex.com/story"},
        {"https://ex.com/a", "//cdn.ex.com/i.jpg", "https://cdn.ex.com/i.jpg"},
        {NULL, "HTTPS://Ex.com/a/../b", "https://Ex.com/b"},
        {NULL, "  https://ex.com/x#frag \n", "https://ex.com/x"},
        {"https://ex.com/a", "mailto:x@ex.com", "mailto:x@ex.com"},
        {NULL, "/relative", NULL},
        {"not a url", "x", NULL},
        {"https://ex.com/a", "", NULL},
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        const char *got = wn_url_resolve(&a, C[i][0], C[i][1]);
        const char *want = C[i][2];
        if ((want == NULL) != (got == NULL) || (want && strcmp(got, want) != 0))
            fail_msg("resolve(\"%s\", \"%s\") = %s, expected %s", C[i][0] ? C[i][0] : "NULL",
                     C[i][1], got ? got : "NULL", want ? want : "NULL");
    }
    wn_arena_release(&a);
}

/* ---- language, tags, existing hints ---------------------------------------------- */

static void test_html_lang(void **state)
{
    (void)state;
    wn_doc *d = run("<html lang=\"de-DE\"><head><meta property=\"og:locale\" content=\"en_US\">"
                    "<meta http-equiv=\"Content-Language\" content=\"fr\"></head></html>");
    STR(d->hints.language, "de-DE");
    STR(d->hints.language_src, "html:lang");
    d = run("<html><head><meta property=\"og:locale\" content=\"en_US\">"
            "<meta http-equiv=\"Content-Language\" content=\"fr\"></head></html>");
    STR(d->hints.language, "fr");
    STR(d->hints.language_src, "meta:content-language");
}

static void test_tags(void **state)
{
    (void)state;
    wn_doc *d = run("<html><head><meta property=\"article:tag\" content=\"Elections\">"
                    "<meta property=\"article:tag\" content=\"Europe\">"
                    "<meta name=\"keywords\" content=\"a, b\">"
                    "<meta property=\"article:section\" content=\"World\"></head></html>");
    assert_int_equal(d->hints.tags.n, 2);
    STR(tag(d, 0), "Elections");
    STR(tag(d, 1), "Europe");
    STR(d->hints.tags_src, "article:tag");
    d = run("<html><head><meta name=\"news_keywords\" content=\"a, b\">"
            "<meta property=\"article:section\" content=\"World\"></head></html>");
    assert_int_equal(d->hints.tags.n, 1);
    STR(tag(d, 0), "a, b"); /* meta.c splits lists */
    STR(d->hints.tags_src, "meta:news_keywords");
    d = run("<html><head><meta property=\"article:section\" content=\"World\"></head></html>");
    assert_int_equal(d->hints.tags.n, 1);
    STR(tag(d, 0), "World");
    STR(d->hints.tags_src, "article:section");
}

static void test_existing_hints_kept(void **state)
{
    (void)state;
    teardown(NULL);
    doc = wn_doc_new("test");
    doc->hints.title = "Record title";
    doc->hints.title_src = "record";
    wn_author_add(&doc->arena, &doc->hints.authors, "Rec Author", NULL, NULL, NULL);
    doc->hints.authors_src = "record";
    doc->hints.url = "https://ex.com/amp/story";
    doc->hints.url_src = "record";
    const char *html = "<html><head><meta property=\"og:title\" content=\"OG\">"
                       "<meta name=\"author\" content=\"Jane Doe\">"
                       "<link rel=\"canonical\" href=\"/story\"></head></html>";
    wn_dom dom;
    assert_int_equal(wn_dom_build(&doc->arena, html, strlen(html), 256, 1000000, &dom), 0);
    wn_html_meta(doc, &dom);
    STR(doc->hints.title, "Record title");
    STR(doc->hints.title_src, "record");
    assert_int_equal(doc->hints.authors.n, 1);
    STR(author(doc, 0)->name, "Rec Author");
    STR(doc->hints.authors_src, "record");
    /* the canonical link replaces the page URL */
    STR(doc->hints.url, "https://ex.com/story");
    STR(doc->hints.url_src, "link:canonical");
}

static void test_empty_page(void **state)
{
    (void)state;
    wn_doc *d = run("");
    STR(d->hints.title, NULL);
    assert_int_equal(d->hints.authors.n, 0);
    d = run("<p>just text</p>");
    STR(d->hints.title, NULL);
    STR(d->hints.date_published, NULL);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown)
    const struct CMUnitTest tests[] = {
        T(test_jsonld_newsarticle),
        T(test_jsonld_graph),
        T(test_jsonld_article_beats_webpage_across_scripts),
        T(test_jsonld_broken_ignored),
        T(test_jsonld_entities_decoded),
        T(test_jsonld_org_author_is_publisher),
        T(test_jsonld_wrapped_and_string_forms),
        T(test_og_title_site_suffix),
        T(test_og_fallbacks),
        T(test_twitter_fallbacks),
        T(test_meta_description),
        T(test_title_suffix_stripped),
        T(test_title_section_and_site_stripped),
        T(test_title_long_site_name_stripped),
        T(test_title_short_head_kept),
        T(test_title_svg_ignored),
        T(test_h1_in_article),
        T(test_h1_only_one),
        T(test_microdata_headline),
        T(test_h1_over_stated_headline),
        T(test_h1_pipe_labels),
        T(test_h1_logo_and_hidden),
        T(test_title_host_affixes),
        T(test_byline_element),
        T(test_byline_pipe_and_inner_span),
        T(test_byline_in_article_preferred),
        T(test_byline_neighbours_only),
        T(test_byline_bio_ignored),
        T(test_byline_long_container_ignored),
        T(test_reject_staff),
        T(test_reject_email_the_author),
        T(test_reject_date_and_title),
        T(test_reject_url_author),
        T(test_meta_author_split),
        T(test_dc_creator),
        T(test_microdata_author),
        T(test_rel_author),
        T(test_at_most_six_authors),
        T(test_article_published_time),
        T(test_dc_date),
        T(test_microdata_date),
        T(test_time_element),
        T(test_url_date),
        T(test_time_published_vs_updated),
        T(test_date_near_headline),
        T(test_url_month_name),
        T(test_utc_date_localised),
        T(test_fetch_date_rejects_future),
        T(test_canonical_relative),
        T(test_canonical_without_base),
        T(test_canonical_homepage_ignored),
        T(test_url_resolver),
        T(test_html_lang),
        T(test_tags),
        T(test_existing_hints_kept),
        T(test_empty_page),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
