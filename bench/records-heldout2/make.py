#!/usr/bin/env python3
"""Writes the second held-out round (bench/records-heldout2/*.test).

Written after the first round's fixes, before any change for these: the
documented outputs of more extractors (Postlight/Mercury Parser, goose3,
newspaper4k's to_json with meta_data), a Hugging Face news dataset row, and
fuller variants of listed tools (Apify with only JSON-LD metadata,
WordPress with Yoast's schema graph, Firecrawl's meta-tag metadata). The
stories and hosts are invented. Scored by
  bench/records.py --tests 'bench/records-heldout2/*.test'
"""
import os, sys

sys.dont_write_bytecode = True

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "records-heldout"))
from make import S1, S2, S3, A1, A2, A3, html, plain, md, write_tests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = {}

# Postlight (Mercury) Parser: title, content (HTML), author, date_published,
# lead_image_url, dek, next_page_url, url, domain, excerpt, word_count,
# direction, total_pages, rendered_pages.
SHAPES["mercury"] = (
    {"title": S3["title"], "content": "<div>" + html(S3) + "</div>", "author": "By " + A3,
     "date_published": "2024-03-18T07:30:00.000Z", "lead_image_url": "https://northmere.example/img/library.jpg",
     "dek": None, "next_page_url": None, "url": S3["url"], "domain": S3["host"], "excerpt": S3["summary"],
     "word_count": 118, "direction": "ltr", "total_pages": 1, "rendered_pages": 1},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z",
      "authors": [{"name": A3}], "publisher": S3["host"]}])

# goose3 Article.infos: title, cleaned_text, meta {description, lang,
# canonical, domain, favicon, keywords}, opengraph {site_name, type, url},
# publish_date, authors, tweets, links, movies, image, domain.
SHAPES["goose3"] = (
    {"meta": {"description": S2["summary"], "lang": "en", "canonical": S2["url"], "domain": S2["host"],
              "favicon": "https://valleypost.example/favicon.ico", "keywords": "frost, orchards", "encoding": "utf-8"},
     "image": {"url": "https://valleypost.example/img/frost.jpg", "width": 1200, "height": 800, "type": "image"},
     "domain": S2["host"], "title": S2["title"], "cleaned_text": plain(S2),
     "opengraph": {"site_name": S2["pub"], "type": "article", "url": S2["url"], "title": S2["title"]},
     "tags": [], "tweets": [], "movies": [], "links": ["https://valleypost.example/weather"],
     "authors": [A2], "publish_date": "2024-04-03T18:20:00+00:00"},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])

# a Hugging Face news dataset row (cc_news style, JSON Lines): title, text,
# domain, date, description, url, image_url.
SHAPES["hf_ccnews"] = (
    {"title": S1["title"], "text": plain(S1), "domain": S1["host"], "date": "2024-05-12 09:15:00",
     "description": S1["summary"], "url": S1["url"], "image_url": "https://tideline.example/media/ferry-pier.jpg"},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00", "publisher": S1["host"]}])

# Apify Website Content Crawler where the page states its metadata only in
# JSON-LD: metadata.jsonLd[] {@type NewsArticle, headline, datePublished,
# author {name}, publisher {name}}, crawl {loadedUrl, loadedTime}.
SHAPES["apify_jsonld"] = (
    {"url": S2["url"], "crawl": {"loadedUrl": S2["url"], "loadedTime": "2024-04-05T10:00:00.000Z",
                                 "referrerUrl": "https://valleypost.example/", "depth": 1, "httpStatusCode": 200},
     "metadata": {"canonicalUrl": S2["url"], "title": S2["title"] + " | " + S2["pub"], "description": S2["summary"],
                  "author": None, "keywords": None, "languageCode": "en",
                  "openGraph": [{"property": "og:type", "content": "article"}],
                  "jsonLd": [{"@context": "https://schema.org", "@type": "NewsArticle", "headline": S2["title"],
                              "datePublished": "2024-04-03T18:20:00Z", "dateModified": "2024-04-03T19:00:00Z",
                              "author": [{"@type": "Person", "name": A2}],
                              "publisher": {"@type": "NewsMediaOrganization", "name": S2["pub"],
                                            "logo": {"@type": "ImageObject", "url": "https://valleypost.example/logo.png"}}}],
                  "headers": {"content-type": "text/html; charset=utf-8"}},
     "screenshotUrl": None, "text": plain(S2), "markdown": md(S2)},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])

# WordPress REST without _embed (author is a numeric id) but with Yoast's
# yoast_head_json {title, og_site_name, article_published_time, author,
# twitter_misc {"Written by": ...}, schema {@graph [...]}}.
SHAPES["wp_yoast"] = (
    [{"id": 4821, "date": "2024-05-12T11:15:00", "date_gmt": "2024-05-12T09:15:00",
      "guid": {"rendered": "https://tideline.example/?p=4821"}, "modified": "2024-05-12T12:00:00",
      "modified_gmt": "2024-05-12T10:00:00", "slug": "gull-island-ferry-returns", "status": "publish", "type": "post",
      "link": S1["url"], "title": {"rendered": S1["title"]}, "content": {"rendered": html(S1), "protected": False},
      "excerpt": {"rendered": "<p>" + S1["summary"] + "</p>", "protected": False}, "author": 7,
      "featured_media": 4822, "comment_status": "open", "categories": [3], "tags": [11],
      "yoast_head_json": {"title": S1["title"] + " - " + S1["pub"], "description": S1["summary"],
                          "canonical": S1["url"], "og_locale": "en_US", "og_type": "article", "og_title": S1["title"],
                          "og_url": S1["url"], "og_site_name": S1["pub"],
                          "article_published_time": "2024-05-12T09:15:00+00:00",
                          "article_modified_time": "2024-05-12T10:00:00+00:00", "author": A1,
                          "twitter_card": "summary_large_image",
                          "twitter_misc": {"Written by": A1, "Est. reading time": "1 minute"},
                          "schema": {"@context": "https://schema.org", "@graph": [
                              {"@type": "Article", "@id": S1["url"] + "#article", "headline": S1["title"],
                               "datePublished": "2024-05-12T09:15:00+00:00",
                               "author": {"name": A1, "@id": "https://tideline.example/#/schema/person/ab12"},
                               "publisher": {"@id": "https://tideline.example/#organization"}},
                              {"@type": "Organization", "@id": "https://tideline.example/#organization",
                               "name": S1["pub"], "url": "https://tideline.example/"},
                              {"@type": "Person", "@id": "https://tideline.example/#/schema/person/ab12", "name": A1}]}},
      "_links": {"self": [{"href": "https://tideline.example/wp-json/wp/v2/posts/4821"}],
                 "author": [{"embeddable": True, "href": "https://tideline.example/wp-json/wp/v2/users/7"}]}}],
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}], "publisher": S1["pub"]}])

# Firecrawl /v1/scrape with the page's meta tags in metadata: "og:title",
# "article:published_time", "article:author", "og:site_name", sourceURL,
# url, statusCode, markdown.
SHAPES["firecrawl_meta"] = (
    {"success": True, "data": {
        "markdown": md(S3),
        "metadata": {"title": S3["title"] + " – " + S3["pub"], "description": S3["summary"], "language": "en-GB",
                     "og:title": S3["title"], "og:type": "article", "og:url": S3["url"], "og:site_name": S3["pub"],
                     "article:published_time": "2024-03-18T07:30:00+00:00", "article:author": A3,
                     "viewport": "width=device-width, initial-scale=1", "sourceURL": S3["url"] + "?ref=feed",
                     "url": S3["url"], "statusCode": 200, "scrapeId": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}}},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z",
      "authors": [{"name": A3}], "publisher": S3["pub"]}])

# newspaper4k Article.to_json(): url, read_more_link, language, title,
# top_image, meta_img, images, movies, keywords, authors, publish_date
# (ISO), summary, meta_site_name, meta_description, meta_lang, meta_data
# {og {...}, article {published_time, author}}, canonical_link, text.
SHAPES["newspaper4k"] = (
    {"url": S1["url"] + "?utm_medium=social", "read_more_link": "", "language": "en", "title": S1["title"],
     "top_image": "https://tideline.example/media/ferry-pier.jpg", "meta_img": "https://tideline.example/media/ferry-pier.jpg",
     "images": ["https://tideline.example/media/ferry-pier.jpg"], "movies": [], "keywords": ["ferry", "island"],
     "keyword_scores": {"ferry": 0.3}, "meta_keywords": [""], "tags": [], "authors": [A1],
     "publish_date": "2024-05-12T09:15:00+00:00", "summary": "", "meta_site_name": "",
     "meta_description": S1["summary"], "meta_lang": "en", "meta_favicon": "/favicon.ico",
     "meta_data": {"og": {"site_name": S1["pub"], "type": "article", "title": S1["title"], "url": S1["url"]},
                   "article": {"published_time": "2024-05-12T09:15:00+00:00", "author": "https://tideline.example/author/mara"}},
     "canonical_link": S1["url"], "text": plain(S1), "article_html": html(S1)},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}], "publisher": S1["pub"]}])


def main():
    write_tests(SHAPES, HERE, "held-out shape %s (second round): see make.py")


if __name__ == "__main__":
    main()
