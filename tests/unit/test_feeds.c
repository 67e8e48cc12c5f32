/*
 * test_feeds.c — the feed reader (src/input/feeds.c): sniffing, RSS 2.0,
 * RSS 1.0, Atom (html, xhtml, text content), JSON Feed 1.1, feed-level
 * site name, recovery from broken XML, refusal of entity attacks, odd
 * encodings, and random input.
 *
 * Every feed is written inline; the outlets, people and events are
 * fictional.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "core/doc.h"
#include "input/feeds.h"

/* ---- helpers ----------------------------------------------------------- */

static wn_feed *parse_n(wn_arena *a, const char *s, size_t n, const char **err)
{
    const char *e = NULL;
    wn_feed *f = wn_feed_parse(a, s, n, 256, &e);
    if (err) *err = e;
    return f;
}

static wn_feed *parse(wn_arena *a, const char *s) { return parse_n(a, s, strlen(s), NULL); }

static wn_doc *item(const wn_feed *f, size_t i, int *rc)
{
    wn_doc *d = wn_doc_new("test");
    int r = wn_feed_item_to_doc(f, i, d);
    if (rc) *rc = r;
    return d;
}

static void doc_free(wn_doc *d)
{
    wn_arena a = d->arena;
    wn_arena_release(&a);
}

static const char *author(const wn_doc *d, size_t i)
{
    return i < d->hints.authors.n ? ((const wn_author *)d->hints.authors.v[i])->name : NULL;
}

static const char *author_url(const wn_doc *d, size_t i)
{
    return i < d->hints.authors.n ? ((const wn_author *)d->hints.authors.v[i])->url : NULL;
}

static const char *author_email(const wn_doc *d, size_t i)
{
    return i < d->hints.authors.n ? ((const wn_author *)d->hints.authors.v[i])->email : NULL;
}

static const char *tag(const wn_doc *d, size_t i)
{
    return i < d->hints.tags.n ? d->hints.tags.v[i] : NULL;
}

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

/* ---- feeds ------------------------------------------------------------- */

static const char RSS_WORDPRESS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>\n"
    "<rss version=\"2.0\"\n"
    "  xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
    "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    "  xmlns:atom=\"http://www.w3.org/2005/Atom\"\n"
    "  xmlns:media=\"http://search.yahoo.com/mrss/\">\n"
    "<channel>\n"
    "  <title>Millbrook Ledger &#187; Local News</title>\n"
    "  <atom:link href=\"https://millbrookledger.example/feed/\" rel=\"self\" "
    "type=\"application/rss+xml\" />\n"
    "  <link>https://millbrookledger.example</link>\n"
    "  <description>News from Millbrook</description>\n"
    "  <language>en-US</language>\n"
    "  <item>\n"
    "    <title>Library Extends Weekend Hours</title>\n"
    "    <link>https://millbrookledger.example/2024/03/library-hours/</link>\n"
    "    <dc:creator><![CDATA[Maria Lindqvist]]></dc:creator>\n"
    "    <dc:creator>Daniel Okoro</dc:creator>\n"
    "    <pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>\n"
    "    <category><![CDATA[Community]]></category>\n"
    "    <category>Libraries</category>\n"
    "    <guid isPermaLink=\"false\">https://millbrookledger.example/?p=123</guid>\n"
    "    <description><![CDATA[<p>The library will open on Sundays.</p> [&#8230;]]]>"
    "</description>\n"
    "    <content:encoded><![CDATA[<p>The Millbrook public library will open on Sundays "
    "starting in April, the board decided on Monday.</p>\n"
    "<p>Volunteers will staff the reading room in the afternoon.</p>\n"
    "<p>The post <a rel=\"nofollow\" href=\"https://millbrookledger.example/2024/03/"
    "library-hours/\">Library Extends Weekend Hours</a> appeared first on <a rel=\"nofollow\" "
    "href=\"https://millbrookledger.example\">Millbrook Ledger</a>.</p>]]></content:encoded>\n"
    "    <media:content url=\"https://millbrookledger.example/img/library.jpg\" "
    "medium=\"image\" />\n"
    "  </item>\n"
    "  <item>\n"
    "    <title>Bake Sale Raises $2,000</title>\n"
    "    <guid>https://millbrookledger.example/2024/03/bake-sale/</guid>\n"
    "    <author>news@millbrookledger.example (Grace Whitfield)</author>\n"
    "    <content:encoded><![CDATA[<p>The school bake sale raised two thousand "
    "dollars.</p>]]></content:encoded>\n"
    "  </item>\n"
    "  <item>\n"
    "    <title>Council Minutes</title>\n"
    "    <guid isPermaLink=\"false\">https://millbrookledger.example/?p=125</guid>\n"
    "    <content:encoded><![CDATA[<p>Minutes of the March meeting.</p>]]>"
    "</content:encoded>\n"
    "  </item>\n"
    "</channel>\n"
    "</rss>\n";

static const char RSS_DESCRIPTION_ONLY[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>Harbor Gazette</title>"
    "<link>https://harborgazette.example/</link>\n"
    "<item><title>Ferry Schedule Changes</title>"
    "<link>https://harborgazette.example/ferry</link>"
    "<description>&lt;p&gt;The ferry to Gull Island will run twice daily from June."
    "&lt;/p&gt;&lt;p&gt;Tickets stay at &amp;pound;4.&lt;/p&gt;</description></item>\n"
    "<item><title>Tide Notice</title><link>https://harborgazette.example/tide</link>"
    "<description>Line one of a plain notice.\nLine two of it.</description></item>\n"
    "</channel></rss>\n";

static const char ATOM[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n"
    " <title type=\"html\">Riverside &lt;em&gt;Courier&lt;/em&gt;</title>\n"
    " <link rel=\"self\" href=\"https://riverside.example/feed.atom\"/>\n"
    " <link rel=\"alternate\" type=\"text/html\" href=\"https://riverside.example/\"/>\n"
    " <author><name>Courier Staff</name></author>\n"
    " <id>tag:riverside.example,2024:feed</id>\n"
    " <updated>2024-04-02T10:00:00Z</updated>\n"
    " <entry>\n"
    "  <title>Market Hall Reopens</title>\n"
    "  <link rel=\"replies\" href=\"https://riverside.example/market#comments\"/>\n"
    "  <link rel=\"alternate\" type=\"text/html\" href=\"/2024/04/market-hall\"/>\n"
    "  <id>tag:riverside.example,2024:1</id>\n"
    "  <published>2024-04-01T09:00:00Z</published>\n"
    "  <updated>2024-04-02T09:30:00+01:00</updated>\n"
    "  <author><name>Priya Natarajan</name>"
    "<uri>https://riverside.example/staff/priya</uri></author>\n"
    "  <category term=\"markets\" label=\"Markets\"/>\n"
    "  <summary>The hall is open again.</summary>\n"
    "  <content type=\"html\">&lt;p&gt;The market hall on Quay Street reopened on "
    "Monday after a year of repairs.&lt;/p&gt;</content>\n"
    " </entry>\n"
    " <entry xml:lang=\"fr\">\n"
    "  <title type=\"text\">Bridge &amp; Tunnel Works</title>\n"
    "  <link href=\"https://riverside.example/2024/04/bridge\"/>\n"
    "  <id>tag:riverside.example,2024:2</id>\n"
    "  <updated>2024-04-03T08:00:00Z</updated>\n"
    "  <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Work on the "
    "<strong>bridge</strong> starts in May &amp; ends in June.</p><br/></div></content>\n"
    " </entry>\n"
    " <entry>\n"
    "  <title>Tide Tables</title>\n"
    "  <link href=\"https://riverside.example/tides\"/>\n"
    "  <id>tag:riverside.example,2024:3</id>\n"
    "  <updated>2024-04-03T09:00:00Z</updated>\n"
    "  <content type=\"text\">High tide at 6 &lt;am&gt; today.\nLow tide at noon.</content>\n"
    " </entry>\n"
    "</feed>\n";

static const char RSS1[] =
    "<?xml version=\"1.0\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
    "  xmlns=\"http://purl.org/rss/1.0/\"\n"
    "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    "  xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
    " <channel rdf:about=\"https://valleypost.example/\">\n"
    "  <title>Valley Post</title>\n"
    "  <link>https://valleypost.example/</link>\n"
    "  <description>Orchards and more</description>\n"
    "  <dc:language>de</dc:language>\n"
    "  <items><rdf:Seq><rdf:li rdf:resource=\"https://valleypost.example/a\"/>"
    "<rdf:li rdf:resource=\"https://valleypost.example/b\"/></rdf:Seq></items>\n"
    " </channel>\n"
    " <item rdf:about=\"https://valleypost.example/a\">\n"
    "  <title>Orchard Harvest Begins</title>\n"
    "  <link>https://valleypost.example/a</link>\n"
    "  <description>Apple picking started two weeks early this year.</description>\n"
    "  <dc:creator>Lena Vogt</dc:creator>\n"
    "  <dc:date>2024-09-02T07:00:00+02:00</dc:date>\n"
    "  <dc:subject>Farming</dc:subject>\n"
    " </item>\n"
    " <item rdf:about=\"https://valleypost.example/b\">\n"
    "  <title>Cider Festival</title>\n"
    "  <link>https://valleypost.example/b</link>\n"
    "  <description>A festival in October.</description>\n"
    "  <content:encoded>&lt;p&gt;The cider festival returns in October.&lt;/p&gt;"
    "</content:encoded>\n"
    " </item>\n"
    "</rdf:RDF>\n";

static const char JSON_FEED[] =
    "{\n"
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
    "  \"title\": \"Northfield Bulletin\",\n"
    "  \"home_page_url\": \"https://northfield.example/\",\n"
    "  \"feed_url\": \"https://northfield.example/feed.json\",\n"
    "  \"language\": \"en\",\n"
    "  \"authors\": [{\"name\": \"Bulletin Desk\"}],\n"
    "  \"items\": [\n"
    "    {\"id\": \"1\", \"url\": \"https://northfield.example/posts/1\",\n"
    "     \"title\": \"Snow Day Declared\",\n"
    "     \"content_html\": \"<p>Schools in Northfield are closed on Monday.</p>\",\n"
    "     \"summary\": \"Schools closed.\",\n"
    "     \"date_published\": \"2024-01-15T06:30:00-05:00\",\n"
    "     \"date_modified\": \"2024-01-15T07:00:00-05:00\",\n"
    "     \"authors\": [{\"name\": \"Tomas Reyes\", \"url\": \"https://northfield.example/tomas\"},"
    " {\"name\": \"Ada Kim\"}],\n"
    "     \"tags\": [\"weather\", \"schools\"],\n"
    "     \"image\": \"https://northfield.example/img/snow.jpg\",\n"
    "     \"language\": \"en-US\"},\n"
    "    {\"id\": \"2\", \"url\": \"https://northfield.example/posts/2\",\n"
    "     \"content_text\": \"Plain text post.\\nSecond line.\"},\n"
    "    {\"id\": \"3\", \"title\": \"Only a Title\"}\n"
    "  ]\n"
    "}\n";

/* ---- sniffing ---------------------------------------------------------- */

static void test_sniff_feeds(void **state)
{
    (void)state;
    assert_true(wn_feed_sniff(RSS_WORDPRESS, strlen(RSS_WORDPRESS)));
    assert_true(wn_feed_sniff(RSS_DESCRIPTION_ONLY, strlen(RSS_DESCRIPTION_ONLY)));
    assert_true(wn_feed_sniff(ATOM, strlen(ATOM)));
    assert_true(wn_feed_sniff(RSS1, strlen(RSS1)));
    assert_true(wn_feed_sniff(JSON_FEED, strlen(JSON_FEED)));
    static const char *const yes[] = {
        "\xEF\xBB\xBF<rss version=\"2.0\"><channel/></rss>",
        "<!-- generator: x -->\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
        "0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss "
        "version=\"0.91\"><channel></channel></rss>",
        "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"></atom:feed>",
        "<?xml version='1.0'?><feed version='0.3' xmlns='http://purl.org/atom/ns#'></feed>",
        /* "version" need not come first, and slashes may be escaped */
        "{\"items\": [{\"id\": \"a\", \"x\": [1, {\"y\": \"}\"}]}], \"version\": "
        "\"https:\\/\\/jsonfeed.org\\/version\\/1\"}",
        NULL};
    for (size_t i = 0; yes[i]; i++) assert_true(wn_feed_sniff(yes[i], strlen(yes[i])));
    /* UTF-16LE with a BOM */
    const char *ascii = "<rss version=\"2.0\"><channel></channel></rss>";
    size_t n = strlen(ascii);
    char *wide = malloc(2 + 2 * n);
    wide[0] = (char)0xFF;
    wide[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        wide[2 + 2 * i] = ascii[i];
        wide[3 + 2 * i] = 0;
    }
    assert_true(wn_feed_sniff(wide, 2 + 2 * n));
    free(wide);
}

static void test_sniff_rejects(void **state)
{
    (void)state;
    static const char *const no[] = {
        "",
        "   \n",
        "Just a paragraph of flattened page text about the county fair.",
        "<!DOCTYPE html><html><head><title>Fair</title></head><body><p>x</p></body></html>",
        "<?xml version=\"1.0\"?><note><to>Ana</to></note>",
        "<feed><entry><title>no namespace</title></entry></feed>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>",
        "{\"title\": \"A record\", \"text\": \"An article body.\"}",
        "{\"version\": \"1.1\", \"items\": []}",
        "{\"version\": 1, \"items\": []}",
        "{\"feed\": {\"version\": \"https://jsonfeed.org/version/1.1\"}}",
        "[{\"version\": \"https://jsonfeed.org/version/1.1\"}]",
        "<rs",
        "<rss",
        "{\"version",
        NULL};
    for (size_t i = 0; no[i]; i++) assert_false(wn_feed_sniff(no[i], strlen(no[i])));
    assert_false(wn_feed_sniff(NULL, 0));
}

/* ---- RSS 2.0 ----------------------------------------------------------- */

static void test_rss2_wordpress(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, RSS_WORDPRESS);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);

    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_false(d->is_error);
    wn_hints *h = &d->hints;
    assert_string_equal(h->title, "Library Extends Weekend Hours");
    assert_string_equal(h->title_src, "feed");
    assert_string_equal(h->url, "https://millbrookledger.example/2024/03/library-hours/");
    assert_string_equal(h->url_src, "feed");
    assert_string_equal(h->date_published, "2024-03-05T08:00:00Z"); /* RFC 822 read here */
    assert_string_equal(h->date_published_src, "feed");
    assert_null(h->date_modified);
    assert_int_equal(h->authors.n, 2);
    assert_string_equal(author(d, 0), "Maria Lindqvist");
    assert_string_equal(author(d, 1), "Daniel Okoro");
    assert_string_equal(h->authors_src, "feed");
    assert_int_equal(h->tags.n, 2);
    assert_string_equal(tag(d, 0), "Community");
    assert_string_equal(tag(d, 1), "Libraries");
    assert_string_equal(h->tags_src, "feed");
    assert_string_equal(h->image, "https://millbrookledger.example/img/library.jpg");
    assert_string_equal(h->language, "en-US");
    /* the description, not used as payload, is the description hint, as text */
    assert_string_equal(h->description, "The library will open on Sundays. [\xE2\x80\xA6]");
    assert_string_equal(h->description_src, "feed");
    /* feed-level: the WordPress " » Section" suffix is not the site's name */
    assert_string_equal(h->site_name, "Millbrook Ledger");
    assert_string_equal(h->site_name_src, "feed");
    assert_null(h->publisher);
    /* payload: content:encoded, footer included (clean removes it later) */
    assert_true(d->payload_is_html);
    assert_int_equal(d->payload_len, strlen(d->payload));
    assert_true(contains(d->payload, "<p>The Millbrook public library will open on Sundays"));
    assert_true(contains(d->payload, "appeared first on <a rel=\"nofollow\" "
                                     "href=\"https://millbrookledger.example\">Millbrook "
                                     "Ledger</a>.</p>"));
    doc_free(d);

    /* a guid is a permalink unless it says otherwise; RSS author "mail (Name)" */
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.url, "https://millbrookledger.example/2024/03/bake-sale/");
    assert_int_equal(d->hints.authors.n, 1);
    assert_string_equal(author(d, 0), "Grace Whitfield");
    assert_string_equal(d->hints.title, "Bake Sale Raises $2,000");
    assert_null(d->hints.description);
    doc_free(d);

    d = item(f, 2, &rc);
    assert_int_equal(rc, 0);
    assert_null(d->hints.url); /* isPermaLink="false" */
    doc_free(d);

    /* out of range */
    d = item(f, 3, &rc);
    assert_int_equal(rc, -1);
    assert_true(d->is_error);
    assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "no_item");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_rss_description_only(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, RSS_DESCRIPTION_ONLY);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 2);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    /* entity-escaped HTML, unescaped once: HTML for the pipeline */
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>The ferry to Gull Island will run twice daily from "
                                    "June.</p><p>Tickets stay at &pound;4.</p>");
    assert_null(d->hints.description); /* it is the payload */
    assert_string_equal(d->hints.site_name, "Harbor Gazette");
    assert_string_equal(d->hints.url, "https://harborgazette.example/ferry");
    doc_free(d);
    /* a plain-text description stays text: its line breaks survive */
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_false(d->payload_is_html);
    assert_string_equal(d->payload, "Line one of a plain notice.\nLine two of it.");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_rss_no_payload(void **state)
{
    (void)state;
    static const char FEED[] =
        "<rss version=\"2.0\"><channel><title>Quiet Times</title>"
        "<item><title>Headline Only</title><link>https://quiet.example/1</link>"
        "<description>   </description></item></channel></rss>";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, FEED);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 1);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, -1);
    assert_true(d->is_error);
    assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "no_payload");
    /* hints are still filled */
    assert_string_equal(d->hints.title, "Headline Only");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_rss_images_source_and_prefixes(void **state)
{
    (void)state;
    /* content: and dc: used without being declared; media in a group; an
     * audio enclosure is not an image; <source> names the original outlet */
    static const char FEED[] =
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
        "<title>Aggregated Wire</title><link>https://wire.example/</link>"
        "<item><title>One</title><link>https://wire.example/1</link>"
        "<enclosure url=\"https://wire.example/a.mp3\" type=\"audio/mpeg\" length=\"1\"/>"
        "<enclosure url=\"https://wire.example/b.jpg\" type=\"image/jpeg\" length=\"1\"/>"
        "<media:thumbnail url=\"https://wire.example/thumb.jpg\"/>"
        "<content:encoded>&lt;p&gt;Hi there.&lt;/p&gt;</content:encoded>"
        "<dc:creator>Sam Ortega</dc:creator>"
        "<source url=\"https://coastal.example/rss\">Coastal Times</source></item>"
        "<item><title>Two</title><link>/2</link>"
        "<media:group><media:content url=\"https://wire.example/v.mp4\" medium=\"video\"/>"
        "<media:content url=\"https://wire.example/c.png\"/></media:group>"
        "<enclosure url=\"https://wire.example/d.jpg\" type=\"image/jpeg\"/>"
        "<description>Text two.</description></item>"
        "<item><title>Three</title><link>https://wire.example/3</link>"
        "<enclosure url=\"https://wire.example/e.gif\"/>"
        "<description>Text three.</description></item>"
        "</channel></rss>";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, FEED);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.image, "https://wire.example/thumb.jpg");
    assert_string_equal(d->payload, "<p>Hi there.</p>");
    assert_true(d->payload_is_html);
    assert_string_equal(author(d, 0), "Sam Ortega");
    assert_string_equal(d->hints.publisher, "Coastal Times");
    assert_string_equal(d->hints.publisher_src, "feed");
    assert_string_equal(d->hints.site_name, "Aggregated Wire");
    doc_free(d);
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.image, "https://wire.example/c.png");
    assert_string_equal(d->hints.url, "https://wire.example/2"); /* relative: feed link */
    assert_null(d->hints.publisher);
    doc_free(d);
    d = item(f, 2, &rc);
    assert_string_equal(d->hints.image, "https://wire.example/e.gif");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- Atom -------------------------------------------------------------- */

static void test_atom(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, ATOM);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);
    int rc;

    /* type="html" */
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    wn_hints *h = &d->hints;
    assert_string_equal(h->title, "Market Hall Reopens");
    /* rel=alternate over rel=replies, resolved against the feed's link */
    assert_string_equal(h->url, "https://riverside.example/2024/04/market-hall");
    assert_string_equal(h->date_published, "2024-04-01T09:00:00Z");
    assert_string_equal(h->date_modified, "2024-04-02T09:30:00+01:00");
    assert_string_equal(h->date_modified_src, "feed");
    assert_int_equal(h->authors.n, 1);
    assert_string_equal(author(d, 0), "Priya Natarajan");
    assert_string_equal(author_url(d, 0), "https://riverside.example/staff/priya");
    assert_int_equal(h->tags.n, 1);
    assert_string_equal(tag(d, 0), "markets");
    assert_string_equal(h->description, "The hall is open again.");
    assert_string_equal(h->language, "en-GB");
    assert_string_equal(h->site_name, "Riverside Courier");
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>The market hall on Quay Street reopened on Monday "
                                    "after a year of repairs.</p>");
    doc_free(d);

    /* type="xhtml": the div wrapper is dropped, the rest serialised */
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    h = &d->hints;
    assert_string_equal(h->title, "Bridge & Tunnel Works");
    assert_string_equal(h->url, "https://riverside.example/2024/04/bridge");
    assert_null(h->date_published); /* only <updated>: not a publication date */
    assert_string_equal(h->date_modified, "2024-04-03T08:00:00Z");
    assert_string_equal(h->language, "fr");
    /* no author of its own: the feed's */
    assert_int_equal(h->authors.n, 1);
    assert_string_equal(author(d, 0), "Courier Staff");
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>Work on the <strong>bridge</strong> starts in May "
                                    "&amp; ends in June.</p><br>");
    doc_free(d);

    /* type="text": text, not HTML */
    d = item(f, 2, &rc);
    assert_int_equal(rc, 0);
    assert_false(d->payload_is_html);
    assert_string_equal(d->payload, "High tide at 6 <am> today.\nLow tide at noon.");
    assert_string_equal(d->hints.url, "https://riverside.example/tides");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_atom_base_and_summary_only(void **state)
{
    (void)state;
    static const char FEED[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
        "xml:base=\"https://hillside.example/blog/\">"
        "<title>Hillside Notes</title>"
        "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Garden "
        "<em>Tour</em></div></title>"
        "<link href=\"posts/garden-tour\"/>"
        "<author><name>Ruth Abara</name><email>ruth@hillside.example</email></author>"
        "<summary type=\"html\">&lt;p&gt;Twelve gardens open their gates.&lt;/p&gt;</summary>"
        "</entry>"
        "<entry><title>Podcast</title><link href=\"https://hillside.example/p\"/>"
        "<content src=\"https://hillside.example/p.mp3\" type=\"audio/mpeg\"/></entry>"
        "</feed>";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, FEED);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 2);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.title, "Garden Tour");
    assert_string_equal(d->hints.url, "https://hillside.example/blog/posts/garden-tour");
    assert_string_equal(author(d, 0), "Ruth Abara");
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>Twelve gardens open their gates.</p>");
    assert_null(d->hints.description);
    assert_string_equal(d->hints.site_name, "Hillside Notes");
    doc_free(d);
    /* out-of-line content is no payload */
    d = item(f, 1, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "no_payload");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- RSS 1.0 ----------------------------------------------------------- */

static void test_rss1(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, RSS1);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 2);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    wn_hints *h = &d->hints;
    assert_string_equal(h->title, "Orchard Harvest Begins");
    assert_string_equal(h->url, "https://valleypost.example/a");
    assert_string_equal(h->date_published, "2024-09-02T07:00:00+02:00");
    assert_string_equal(author(d, 0), "Lena Vogt");
    assert_string_equal(tag(d, 0), "Farming");
    assert_string_equal(h->language, "de");
    assert_string_equal(h->site_name, "Valley Post");
    assert_false(d->payload_is_html);
    assert_string_equal(d->payload, "Apple picking started two weeks early this year.");
    doc_free(d);
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>The cider festival returns in October.</p>");
    assert_string_equal(d->hints.description, "A festival in October.");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- JSON Feed --------------------------------------------------------- */

static void test_json_feed(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, JSON_FEED);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    wn_hints *h = &d->hints;
    assert_string_equal(h->title, "Snow Day Declared");
    assert_string_equal(h->url, "https://northfield.example/posts/1");
    assert_string_equal(h->date_published, "2024-01-15T06:30:00-05:00");
    assert_string_equal(h->date_modified, "2024-01-15T07:00:00-05:00");
    assert_int_equal(h->authors.n, 2);
    assert_string_equal(author(d, 0), "Tomas Reyes");
    assert_string_equal(author_url(d, 0), "https://northfield.example/tomas");
    assert_string_equal(author(d, 1), "Ada Kim");
    assert_null(author_url(d, 1));
    assert_int_equal(h->tags.n, 2);
    assert_string_equal(tag(d, 0), "weather");
    assert_string_equal(tag(d, 1), "schools");
    assert_string_equal(h->image, "https://northfield.example/img/snow.jpg");
    assert_string_equal(h->language, "en-US");
    assert_string_equal(h->description, "Schools closed.");
    assert_string_equal(h->site_name, "Northfield Bulletin");
    assert_string_equal(h->site_name_src, "feed");
    assert_true(d->payload_is_html);
    assert_string_equal(d->payload, "<p>Schools in Northfield are closed on Monday.</p>");
    doc_free(d);

    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_false(d->payload_is_html);
    assert_string_equal(d->payload, "Plain text post.\nSecond line.");
    assert_string_equal(author(d, 0), "Bulletin Desk"); /* the feed's authors */
    assert_string_equal(d->hints.language, "en");
    doc_free(d);

    d = item(f, 2, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "no_payload");
    assert_string_equal(d->hints.title, "Only a Title");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_json_feed_1_0(void **state)
{
    (void)state;
    static const char FEED[] =
        "{\"version\": \"https://jsonfeed.org/version/1\", \"home_page_url\": "
        "\"https://www.eastgate-weekly.example/\", \"author\": {\"name\": \"Eastgate Desk\"}, "
        "\"items\": [{\"id\": \"https://www.eastgate-weekly.example/p/9\", "
        "\"summary\": \"Only a summary here.\"}]}";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, FEED);
    assert_non_null(f);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_false(d->payload_is_html);
    assert_string_equal(d->payload, "Only a summary here.");
    assert_null(d->hints.description);
    assert_string_equal(d->hints.url, "https://www.eastgate-weekly.example/p/9");
    assert_string_equal(author(d, 0), "Eastgate Desk");
    /* no title: the host of the home page */
    assert_string_equal(d->hints.site_name, "eastgate-weekly.example");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- feed-level names -------------------------------------------------- */

static void test_site_name(void **state)
{
    (void)state;
    static const char NO_TITLE[] =
        "<rss version=\"2.0\"><channel><link>https://www.pinecrest-echo.example/news</link>"
        "<item><title>T</title><description>Body.</description></item></channel></rss>";
    static const char WITH_TITLE[] =
        "<rss version=\"2.0\"><channel><title>  The Pinecrest   Echo </title>"
        "<link>https://pinecrest-echo.example/</link>"
        "<item><title>T</title><description>Body.</description></item></channel></rss>";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, NO_TITLE);
    assert_non_null(f);
    wn_doc *d = item(f, 0, NULL);
    assert_string_equal(d->hints.site_name, "pinecrest-echo.example");
    assert_string_equal(d->hints.site_name_src, "feed");
    doc_free(d);
    f = parse(&a, WITH_TITLE);
    assert_non_null(f);
    d = item(f, 0, NULL);
    assert_string_equal(d->hints.site_name, "The Pinecrest Echo");
    assert_null(d->hints.publisher); /* the feed's own site is the site, not the origin */
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- broken XML -------------------------------------------------------- */

static void test_broken_xml_recovered(void **state)
{
    (void)state;
    /* an undeclared HTML entity, a bare '&', a bare '<', then input cut off
     * inside the third item */
    static const char FEED[] =
        "<?xml version=\"1.0\"?>\n"
        "<rss version=\"2.0\"><channel><title>Broken Times</title>\n"
        "<item><title>First&nbsp;Complete &amp; Whole</title>"
        "<link>https://broken.example/1?a=1&b=2</link>"
        "<description>&lt;p&gt;First body, with a bare & ampersand and 1 < 2.&lt;/p&gt;"
        "</description></item>\n"
        "<item><title>Second</title><link>https://broken.example/2</link>"
        "<description>&lt;p&gt;Second &amp;amp; body&lt;/p&gt;</description></item>\n"
        "<item><title>Cut Off</title><description>&lt;p&gt;This one never";
    wn_arena a;
    wn_arena_init(&a);
    const char *err = NULL;
    wn_feed *f = parse_n(&a, FEED, strlen(FEED), &err);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.title, "First Complete & Whole"); /* &nbsp; as a space */
    assert_string_equal(d->hints.url, "https://broken.example/1?a=1&b=2");
    assert_string_equal(d->payload, "<p>First body, with a bare & ampersand and 1 < 2.</p>");
    doc_free(d);
    /* references after the errors are intact (libxml2 drops named ones) */
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->payload, "<p>Second &amp; body</p>");
    doc_free(d);
    /* the cut-off item is an error record, not half an article */
    d = item(f, 2, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "truncated_item");
    doc_free(d);
    wn_arena_release(&a);
}

static void test_broken_xml_unclosed_channel(void **state)
{
    (void)state;
    /* complete items, then the end of the input: </channel></rss> missing */
    static const char FEED[] =
        "<rss version=\"2.0\"><channel><title>Half Feed</title>"
        "<item><title>A</title><description>Alpha text.</description></item>"
        "<item><title>B</title><description>Beta text.</description></item>"
        "<item><title>C</title><description>Gamma text.</description></item>";
    /* a mismatched end tag: recovery nests the next item in this one */
    static const char MISMATCH[] =
        "<rss version=\"2.0\"><channel><title>Odd Feed</title>"
        "<item><title>A</title><description>Alpha text.</description><em>oops</item>"
        "<item><title>B</title><description>Beta text.</description></item>"
        "</channel></rss>";
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, FEED);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 3);
    for (size_t i = 0; i < 3; i++) {
        int rc;
        wn_doc *d = item(f, i, &rc);
        assert_int_equal(rc, 0);
        doc_free(d);
    }
    f = parse(&a, MISMATCH);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 2);
    for (size_t i = 0; i < 2; i++) {
        int rc;
        wn_doc *d = item(f, i, &rc);
        assert_int_equal(rc, 0);
        assert_string_equal(d->payload, i ? "Beta text." : "Alpha text.");
        doc_free(d);
    }
    wn_arena_release(&a);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    static const char *const no[] = {
        "<!DOCTYPE html><html><body><p>A page, not a feed.</p></body></html>",
        "<?xml version=\"1.0\"?><note><to>Ana</to></note>",
        "{\"title\": \"A record\", \"text\": \"An article body.\"}",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
        "Flattened page text.",
        "<<<<>>>>",
        "<rss><channel><item><title>never closed",
        NULL};
    wn_arena a;
    wn_arena_init(&a);
    for (size_t i = 0; no[i]; i++) {
        const char *err = NULL;
        wn_feed *f = parse_n(&a, no[i], strlen(no[i]), &err);
        if (i == 6) { /* one cut-off item: a feed whose only item is an error */
            assert_non_null(f);
            assert_int_equal(wn_feed_count(f), 1);
            wn_doc *d = item(f, 0, NULL);
            assert_string_equal(d->field[WINNOW_FIELD_ERROR_CODE], "truncated_item");
            doc_free(d);
            continue;
        }
        assert_null(f);
        assert_non_null(err);
    }
    const char *err = NULL;
    assert_null(parse_n(&a, "", 0, &err));
    assert_non_null(err);
    /* broken without a single item */
    err = NULL;
    assert_null(parse_n(&a, "<rss><channel><title>x</titl", 28, &err));
    assert_non_null(err);
    /* a valid feed with no items is a feed */
    wn_feed *f = parse(&a, "<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>");
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 0);
    wn_arena_release(&a);
}

/* ---- attacks ----------------------------------------------------------- */

static void test_entity_bomb(void **state)
{
    (void)state;
    static const char BOMB[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE rss [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        " <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
        " <!ENTITY % pe SYSTEM \"file:///etc/passwd\">\n"
        " <!ATTLIST item bloat CDATA \"a default value that would be copied to every item\">\n"
        "]>\n"
        "<rss version=\"2.0\"><channel><title>Bomb &lol9;</title>\n"
        "<item><title>Laughs &lol9; &xxe;</title>"
        "<description>&lol9;&lol9;&lol9; &xxe; end</description></item>\n"
        "<item><title>After the Bomb</title><description>Still here.</description></item>\n"
        "</channel></rss>\n";
    wn_arena a;
    wn_arena_init(&a);
    clock_t t0 = clock();
    wn_feed *f = parse(&a, BOMB);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_non_null(f);
    assert_true(secs < 1.0);
    assert_true(a.total < (size_t)1 << 20); /* nothing expanded */
    assert_int_equal(wn_feed_count(f), 2);
    for (size_t i = 0; i < 2; i++) {
        wn_doc *d = item(f, i, NULL);
        assert_false(contains(d->hints.title, "lollol"));
        assert_false(contains(d->payload, "lollol"));
        assert_false(contains(d->payload, "root:"));
        assert_false(contains(d->hints.title, "root:"));
        assert_false(contains(d->hints.site_name, "lollol"));
        if (i == 0) {
            /* unknown references stay literal text */
            assert_string_equal(d->hints.title, "Laughs &lol9; &xxe;");
        } else {
            assert_string_equal(d->payload, "Still here.");
        }
        doc_free(d);
    }
    wn_arena_release(&a);

    /* quadratic blow-up: one big entity referenced many times */
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_puts(&b, "<!DOCTYPE rss [<!ENTITY big \"");
    for (int i = 0; i < 20000; i++) wn_buf_puts(&b, "xxxxx");
    wn_buf_puts(&b, "\">]><rss><channel><item><description>");
    for (int i = 0; i < 20000; i++) wn_buf_puts(&b, "&big;");
    wn_buf_puts(&b, "</description></item></channel></rss>");
    wn_arena_init(&a);
    t0 = clock();
    f = parse_n(&a, b.data, b.len, NULL);
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_non_null(f);
    assert_true(secs < 2.0);
    assert_true(a.total < 4 * b.len);
    wn_buf_free(&b);
    wn_arena_release(&a);
}

/* ---- encodings --------------------------------------------------------- */

static void test_encodings(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    /* ISO-8859-1 declared (read as windows-1252, as browsers do) */
    static const char LATIN1[] =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
        "<title>Caf\xE9 Gazette</title><item><title>\x93Quoted\x94 Caf\xE9</title>"
        "<description>Cr\xE8me br\xFBl\xE9" "e wins.</description></item></channel></rss>";
    wn_feed *f = parse(&a, LATIN1);
    assert_non_null(f);
    wn_doc *d = item(f, 0, NULL);
    assert_string_equal(d->hints.title, "\xE2\x80\x9CQuoted\xE2\x80\x9D Caf\xC3\xA9");
    assert_string_equal(d->hints.site_name, "Caf\xC3\xA9 Gazette");
    assert_string_equal(d->payload, "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                                    "e wins.");
    doc_free(d);
    /* undeclared and not UTF-8: windows-1252 */
    static const char LEGACY[] = "<rss><channel><item><title>Ni\xF1o</title>"
                                 "<description>Se\xF1or.</description></item></channel></rss>";
    f = parse(&a, LEGACY);
    assert_non_null(f);
    d = item(f, 0, NULL);
    assert_string_equal(d->hints.title, "Ni\xC3\xB1o");
    doc_free(d);
    /* UTF-8 with one damaged byte: that byte only becomes U+FFFD */
    static const char DAMAGED[] = "<rss><channel><item><title>Z\xC3\xBCrich \xFF ok</title>"
                                  "<description>x</description></item></channel></rss>";
    f = parse(&a, DAMAGED);
    assert_non_null(f);
    d = item(f, 0, NULL);
    assert_string_equal(d->hints.title, "Z\xC3\xBCrich \xEF\xBF\xBD ok");
    doc_free(d);
    /* UTF-16LE with a BOM */
    const char *ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\">"
                        "<channel><item><title>Wide</title><description>Sixteen bits."
                        "</description></item></channel></rss>";
    size_t n = strlen(ascii);
    char *wide = malloc(2 + 2 * n);
    wide[0] = (char)0xFF;
    wide[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        wide[2 + 2 * i] = ascii[i];
        wide[3 + 2 * i] = 0;
    }
    f = parse_n(&a, wide, 2 + 2 * n, NULL);
    free(wide);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 1);
    d = item(f, 0, NULL);
    assert_string_equal(d->hints.title, "Wide");
    assert_string_equal(d->payload, "Sixteen bits.");
    doc_free(d);
    /* control characters XML forbids, and a reference to one */
    static const char CONTROL[] = "<rss><channel><item><title>Bell\x07 &#1; ring</title>"
                                  "<description>x</description></item></channel></rss>";
    f = parse(&a, CONTROL);
    assert_non_null(f);
    d = item(f, 0, NULL);
    assert_string_equal(d->hints.title, "Bell \xEF\xBF\xBD ring");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- depth ------------------------------------------------------------- */

static void test_deep_nesting(void **state)
{
    (void)state;
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_puts(&b, "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                    "<channel><item><title>Deep</title><content:encoded>");
    for (int i = 0; i < 5000; i++) wn_buf_puts(&b, "<div>");
    wn_buf_puts(&b, "core");
    for (int i = 0; i < 5000; i++) wn_buf_puts(&b, "</div>");
    wn_buf_puts(&b, "</content:encoded></item>"
                    "<item><title>Shallow</title><description>x</description></item>"
                    "</channel></rss>");
    wn_arena a;
    wn_arena_init(&a);
    /* libxml2 stops at its own depth limit; no crash, no runaway */
    wn_feed *f = parse_n(&a, b.data, b.len, NULL);
    if (f)
        for (size_t i = 0; i < wn_feed_count(f); i++) doc_free(item(f, i, NULL));
    wn_arena_release(&a);
    wn_buf_free(&b);

    /* a small max_depth flattens deep XHTML to text */
    static const char FEED[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title>"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<p><b><i><u>deep text</u></i></b></p></div></content></entry></feed>";
    wn_arena_init(&a);
    const char *err;
    f = wn_feed_parse(&a, FEED, strlen(FEED), 2, &err);
    assert_non_null(f);
    wn_doc *d = item(f, 0, NULL);
    assert_string_equal(d->payload, "<p><b>deep text</b></p>");
    doc_free(d);
    wn_arena_release(&a);
}

/* ---- pathological shapes stay linear ------------------------------------ */

static void test_pathological_linear(void **state)
{
    (void)state;
    /* "<a<a<a..." with no '>' in a description (made plain text for the
     * description hint), bare '&' and '<' everywhere in the XML, an
     * unterminated comment in the body */
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_puts(&b, "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                    "<channel><item><title>");
    for (int i = 0; i < 100000; i++) wn_buf_puts(&b, "& < ");
    wn_buf_puts(&b, "</title><description><![CDATA[");
    for (int i = 0; i < 200000; i++) wn_buf_puts(&b, "<a");
    wn_buf_puts(&b, "]]></description><content:encoded><![CDATA[<p>Body.</p><!--");
    for (int i = 0; i < 100000; i++) wn_buf_puts(&b, "<!--x");
    wn_buf_puts(&b, "]]></content:encoded></item></channel></rss>");
    wn_arena a;
    wn_arena_init(&a);
    clock_t t0 = clock();
    wn_feed *f = parse_n(&a, b.data, b.len, NULL);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 1);
    wn_doc *d = item(f, 0, NULL);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 2.0);
    assert_false(d->is_error);
    assert_true(d->payload_is_html);
    assert_non_null(d->hints.description);
    assert_true(strncmp(d->hints.title, "& < & <", 7) == 0);
    doc_free(d);
    wn_arena_release(&a);
    wn_buf_free(&b);
}

/* ---- random input ------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void exercise(const char *buf, size_t n)
{
    (void)wn_feed_sniff(buf, n);
    wn_arena a;
    wn_arena_init(&a);
    const char *err = NULL;
    wn_feed *f = wn_feed_parse(&a, buf, n, 64, &err);
    if (!f) assert_non_null(err);
    for (size_t i = 0; f && i < wn_feed_count(f); i++) {
        wn_doc *d = item(f, i, NULL);
        if (!d->is_error) assert_non_null(d->payload);
        doc_free(d);
    }
    wn_arena_release(&a);
}

static void test_random_bytes(void **state)
{
    (void)state;
    char buf[2048];
    /* pure noise, and noise behind a feed-like opening */
    for (int round = 0; round < 1500; round++) {
        size_t n = rnd() % sizeof buf;
        for (size_t i = 0; i < n; i++) buf[i] = (char)rnd();
        if (round % 3 == 1 && n > 20) memcpy(buf, "<rss><channel><item>", 20);
        if (round % 3 == 2 && n > 12) memcpy(buf, "{\"version\":\"", 12);
        exercise(buf, n);
    }
    /* the test feeds, mutated: flipped bytes, markup characters, cuts */
    const char *const feeds[] = {RSS_WORDPRESS, RSS_DESCRIPTION_ONLY, ATOM, RSS1, JSON_FEED};
    const char specials[] = "<>&;\"'/]![-?#x0";
    for (int round = 0; round < 2500; round++) {
        const char *src = feeds[round % 5];
        size_t n = strlen(src);
        char *m = malloc(n + 1);
        memcpy(m, src, n + 1);
        int edits = 1 + (int)(rnd() % 8);
        for (int e = 0; e < edits; e++) {
            size_t at = rnd() % n;
            m[at] = rnd() % 2 ? (char)rnd() : specials[rnd() % (sizeof specials - 1)];
        }
        size_t len = rnd() % 4 == 0 ? rnd() % (n + 1) : n;
        exercise(m, len);
        free(m);
    }
}

/* ---- threads ----------------------------------------------------------- */

static void *parse_many(void *arg)
{
    (void)arg;
    const char *const feeds[] = {RSS_WORDPRESS, ATOM, RSS1, JSON_FEED};
    size_t expect[] = {3, 3, 2, 3};
    for (int round = 0; round < 50; round++) {
        wn_arena a;
        wn_arena_init(&a);
        const char *err;
        const char *s = feeds[round % 4];
        wn_feed *f = wn_feed_parse(&a, s, strlen(s), 256, &err);
        if (!f || wn_feed_count(f) != expect[round % 4]) return (void *)1;
        wn_doc *d = item(f, 0, NULL);
        int bad = d->is_error || !d->hints.title;
        doc_free(d);
        wn_arena_release(&a);
        if (bad) return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t t[4];
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, parse_many, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        assert_null(r);
    }
}

/* ---- fidelity: what feedparser users expect ------------------------------- */

static const char *DATES_RSS =
    "<rss version=\"2.0\"><channel><title>Tideline</title>"
    "<item><title>a</title><pubDate>Sat, 7 Sep 02 00:00:01 EST</pubDate></item>"
    "<item><title>b</title><pubDate>07 September 2002 9:05 PDT</pubDate></item>"
    "<item><title>c</title><pubDate>Sat, 07 Sep 2002 00:00:01 A</pubDate></item>"
    "<item><title>d</title><pubDate>Sat Sep  7 00:00:01 2002</pubDate></item>"
    "<item><title>e</title><pubDate>2002-09-07t00:00:01.25z</pubDate></item>"
    "<item><title>f</title><pubDate>2002-09</pubDate></item>"
    "<item><title>g</title><pubDate>20020907T000001+0530</pubDate></item>"
    "<item><title>h</title><pubDate>Sat, 07 Sep 2002 12:30 PM +02:00</pubDate></item>"
    "<item><title>i</title><pubDate>around teatime</pubDate></item>"
    "<item><title>j</title><pubDate>Sat, 31 Feb 2002 00:00:01 GMT</pubDate></item>"
    "</channel></rss>";

static void test_dates_normalised(void **state)
{
    (void)state;
    static const char *const WANT[] = {
        "2002-09-07T00:00:01-05:00", "2002-09-07T09:05:00-07:00", "2002-09-07T00:00:01-01:00",
        "2002-09-07T00:00:01",       "2002-09-07T00:00:01Z",      "2002-09-01",
        "2002-09-07T00:00:01+05:30", "2002-09-07T12:30:00+02:00",
        "around teatime", /* not a date: passed on as written, meta drops it */
        "Sat, 31 Feb 2002 00:00:01 GMT"};
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, DATES_RSS);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 10);
    for (size_t i = 0; i < 10; i++) {
        wn_doc *d = item(f, i, NULL);
        assert_string_equal(d->hints.date_published, WANT[i]);
        doc_free(d);
    }
    wn_arena_release(&a);
}

static const char *PEOPLE_RSS =
    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\"><channel><title>T</title>"
    "<item><title>a</title><author>desk@tideline.example (Rosa Fen)</author></item>"
    "<item><title>b</title><author>Rosa Fen &lt;desk@tideline.example&gt;</author></item>"
    "<item><title>c</title><dc:creator>Rosa Fen (desk@tideline.example)</dc:creator></item>"
    "<item><title>d</title><itunes:author>Rosa Fen</itunes:author></item>"
    "<item><title>e</title><dc:author>Night desk editor</dc:author></item>"
    "<item><title>f</title><author>desk@tideline.example</author></item>"
    "</channel></rss>";

static void test_person_strings(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, PEOPLE_RSS);
    assert_non_null(f);
    for (size_t i = 0; i < 4; i++) {
        wn_doc *d = item(f, i, NULL);
        assert_int_equal(d->hints.authors.n, 1);
        assert_string_equal(author(d, 0), "Rosa Fen");
        assert_null(author_url(d, 0)); /* the address is not a page */
        if (i < 3) assert_string_equal(author_email(d, 0), "desk@tideline.example");
        else assert_null(author_email(d, 0));
        doc_free(d);
    }
    wn_doc *d = item(f, 4, NULL);
    assert_string_equal(author(d, 0), "Night desk editor");
    doc_free(d);
    d = item(f, 5, NULL); /* an address alone names nobody */
    assert_int_equal(d->hints.authors.n, 0);
    doc_free(d);
    wn_arena_release(&a);
}

static const char *CONSTRUCTS_ATOM =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://tideline.example/news/\">"
    "<title>Tideline</title>"
    "<link rel=\"self\" href=\"https://tideline.example/feed.atom\"/>"
    /* base64 (a media type that is not text) */
    "<entry><title type=\"application/octet-stream\">SGFyYm91ciA8Yj5XYWxsPC9iPg==</title>"
    "<author><name>Ines Vale</name><email>ines@tideline.example</email></author>"
    "<link rel=\"replies\" href=\"c/1\"/><link rel=\"alternate\" type=\"text/html\" "
    "href=\"harbour-wall\"/><link rel=\"self\" href=\"e/1\"/>"
    "<summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Stones "
    "<script>alert(1)</script>moved.</div></summary></entry>"
    /* Atom 0.3 style mode=base64, and nested xml:base */
    "<entry xml:base=\"/archive/\"><title type=\"text/html\" mode=\"base64\">"
    "RmVycnkgJmFtcDsgPGk+UXVheTwvaT4=</title>"
    "<link href=\"ferry\"/>"
    "<content type=\"html\">&lt;p&gt;Caf&amp;eacute; &amp;#8364;5 &amp;#x2014; "
    "open&lt;/p&gt;&lt;iframe src=\"x\"/&gt; late</content></entry>"
    "</feed>";

static void test_text_constructs_and_links(void **state)
{
    (void)state;
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, CONSTRUCTS_ATOM);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 2);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.title, "Harbour Wall");
    assert_string_equal(d->hints.url, "https://tideline.example/news/harbour-wall");
    assert_string_equal(author(d, 0), "Ines Vale");
    assert_null(author_url(d, 0));
    assert_string_equal(author_email(d, 0), "ines@tideline.example");
    assert_non_null(strstr(d->payload, "moved."));
    doc_free(d);
    d = item(f, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.title, "Ferry & Quay");
    assert_string_equal(d->hints.url, "https://tideline.example/archive/ferry");
    assert_true(d->payload_is_html);
    /* the iframe tag is gone, the words after it stay */
    assert_null(strstr(d->payload, "iframe"));
    assert_non_null(strstr(d->payload, " late"));
    doc_free(d);
    wn_arena_release(&a);
}

static const char *CDF =
    "<?xml version=\"1.0\"?><CHANNEL HREF=\"https://tideline.example/\">"
    "<TITLE>Tideline CDF</TITLE>"
    "<ITEM HREF=\"https://tideline.example/tides\" LASTMOD=\"2002-09-07T10:00\">"
    "<TITLE>Spring tides</TITLE><ABSTRACT>Higher than usual.</ABSTRACT></ITEM></CHANNEL>";

static void test_cdf(void **state)
{
    (void)state;
    assert_true(wn_feed_sniff(CDF, strlen(CDF)));
    wn_arena a;
    wn_arena_init(&a);
    wn_feed *f = parse(&a, CDF);
    assert_non_null(f);
    assert_int_equal(wn_feed_count(f), 1);
    int rc;
    wn_doc *d = item(f, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(d->hints.title, "Spring tides");
    assert_string_equal(d->hints.url, "https://tideline.example/tides");
    assert_string_equal(d->hints.date_modified, "2002-09-07T10:00:00");
    assert_string_equal(d->hints.site_name, "Tideline CDF");
    assert_memory_equal(d->payload, "Higher than usual.", 18);
    doc_free(d);
    wn_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff_feeds),
        cmocka_unit_test(test_sniff_rejects),
        cmocka_unit_test(test_rss2_wordpress),
        cmocka_unit_test(test_rss_description_only),
        cmocka_unit_test(test_rss_no_payload),
        cmocka_unit_test(test_rss_images_source_and_prefixes),
        cmocka_unit_test(test_atom),
        cmocka_unit_test(test_atom_base_and_summary_only),
        cmocka_unit_test(test_rss1),
        cmocka_unit_test(test_json_feed),
        cmocka_unit_test(test_json_feed_1_0),
        cmocka_unit_test(test_site_name),
        cmocka_unit_test(test_broken_xml_recovered),
        cmocka_unit_test(test_broken_xml_unclosed_channel),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_entity_bomb),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_pathological_linear),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_dates_normalised),
        cmocka_unit_test(test_person_strings),
        cmocka_unit_test(test_text_constructs_and_links),
        cmocka_unit_test(test_cdf),
    };
    /* parse once before any thread starts: libxml2 initialises itself on
     * first use, which older versions do not do thread-safely */
    wn_arena a;
    wn_arena_init(&a);
    (void)wn_feed_parse(&a, ATOM, strlen(ATOM), 256, NULL);
    wn_arena_release(&a);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
