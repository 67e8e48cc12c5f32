#!/usr/bin/env python3
"""Writes the held-out record shapes (bench/records-heldout/*.test).

Each shape follows the documented response of a news API, feed reader or
CMS that docs/records.md did not list when field discovery was written;
the stories, people and hosts are this project's own inventions. The
expectations hold only the five measured fields (title, url,
date_published, authors, publisher) and are scored by
  bench/records.py --tests 'bench/records-heldout/*.test'
These were written and measured before any change made for them.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))

S1 = dict(
    title="Gull Island Ferry Returns After Six-Week Closure",
    url="https://tideline.example/2024/05/12/gull-island-ferry-returns",
    host="tideline.example", pub="The Tideline Post",
    summary="Crossings to Gull Island resume after storm repairs to the pier.",
    paras=["The ferry between Port Alder and Gull Island resumed its daily crossings on Sunday after a six-week closure caused by storm damage to the island pier.",
           "Harbour engineers replaced two pilings and rebuilt the boarding ramp, and the first boat left Port Alder at seven in the morning with forty passengers and a delivery van on board.",
           "Island residents said the closure had forced them to rely on a water taxi that runs only in calm weather. The operator plans to add an evening crossing during the summer months."])
S2 = dict(
    title="Valley Orchards Brace for a Late Frost",
    url="https://valleypost.example/news/2024/04/03/orchards-late-frost",
    host="valleypost.example", pub="Valley Post",
    summary="Growers light smudge pots as forecasters warn of two nights below freezing.",
    paras=["Fruit growers across the lower valley spent Wednesday evening setting out heaters and wind machines after forecasters warned of two nights below freezing in the first week of April.",
           "The apple and cherry trees are in early bloom, the stage at which a few hours of frost can destroy most of a season's crop, said the chair of the valley growers' cooperative.",
           "Volunteers from the agricultural college will help monitor temperatures in the orchards overnight, and the cooperative has asked drivers to take care on the narrow farm roads."])
S3 = dict(
    title="Library Reopens With a Repair Café on Saturdays",
    url="https://northmere.example/local/library-repair-cafe",
    host="northmere.example", pub="Northmere Courier",
    summary="The renovated branch library adds a weekly repair café run by volunteers.",
    paras=["The Northmere branch library reopened on Monday after an eight-month renovation that added a reading garden, a study room and a workshop on the ground floor.",
           "On Saturday mornings the workshop will host a repair café where volunteers help residents mend lamps, bicycles, clothes and small appliances free of charge.",
           "The head librarian said the branch had lent more than two thousand tools since the tool library began last year and that the repair sessions grew out of that project."])
A1, A2, A3 = "Mara Quillon", "Ivo Brannick", "Tessa Orlow"


def html(s):
    return "".join("<p>%s</p>" % p for p in s["paras"])


def plain(s):
    return "\n\n".join(s["paras"])


def md(s):
    return "## " + s["title"] + "\n\n" + "\n\n".join(s["paras"])


SHAPES = {}

# New York Times Article Search: response.docs[], headline.main, web_url,
# pub_date (+0000 offset), byline.original / byline.person[], abstract,
# lead_paragraph, source (no body in the API).
SHAPES["nyt_search"] = (
    {"status": "OK", "copyright": "Copyright (c) 2024 Tideline Times.",
     "response": {"docs": [
         {"abstract": S1["summary"], "web_url": S1["url"], "snippet": S1["summary"],
          "lead_paragraph": S1["paras"][0] + " " + S1["paras"][1],
          "print_section": "A", "print_page": "14", "source": "The Tideline Times",
          "multimedia": [{"rank": 0, "subtype": "xlarge", "caption": None, "credit": None, "type": "image",
                          "url": "images/2024/05/12/ferry/ferry-articleLarge.jpg", "height": 400, "width": 600,
                          "crop_name": "articleLarge"}],
          "headline": {"main": S1["title"], "kicker": None, "content_kicker": None,
                       "print_headline": "Ferry Back After Six Weeks", "name": None, "seo": None, "sub": None},
          "keywords": [{"name": "glocations", "value": "Gull Island", "rank": 1, "major": "N"}],
          "pub_date": "2024-05-12T09:15:00+0000", "document_type": "article", "news_desk": "Metro",
          "section_name": "New York", "type_of_material": "News",
          "byline": {"original": "By %s and %s" % (A1, A2),
                     "person": [{"firstname": "Mara", "middlename": None, "lastname": "Quillon", "qualifier": None,
                                 "title": None, "role": "reported", "organization": "", "rank": 1},
                                {"firstname": "Ivo", "middlename": None, "lastname": "Brannick", "qualifier": None,
                                 "title": None, "role": "reported", "organization": "", "rank": 2}],
                     "organization": None},
          "_id": "nyt://article/5b1a2c3d-0000-4000-8000-000000000001", "word_count": 612,
          "uri": "nyt://article/5b1a2c3d-0000-4000-8000-000000000001"}],
         "meta": {"hits": 1, "offset": 0, "time": 21}}},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}, {"name": A2}], "publisher": "The Tideline Times"}])

# NewsData.io /latest: results[], link, creator[], pubDate (+ pubDateTZ),
# source_name / source_id / source_url, content, description.
SHAPES["newsdata"] = (
    {"status": "success", "totalResults": 1, "results": [
        {"article_id": "7d1f0c2be4a6a9b1c3d5e7f901234567", "title": S2["title"], "link": S2["url"],
         "keywords": ["agriculture", "weather"], "creator": [A2], "video_url": None,
         "description": S2["summary"], "content": plain(S2), "pubDate": "2024-04-03 18:20:00",
         "pubDateTZ": "UTC", "image_url": "https://valleypost.example/img/frost.jpg", "source_id": "valleypost",
         "source_name": S2["pub"], "source_priority": 48211, "source_url": "https://valleypost.example",
         "source_icon": "https://i.bytvi.example/domain_icons/valleypost.png", "language": "english",
         "country": ["united states of america"], "category": ["environment"], "ai_tag": "ONLY AVAILABLE IN PROFESSIONAL AND CORPORATE PLANS",
         "sentiment": "ONLY AVAILABLE IN PROFESSIONAL AND CORPORATE PLANS", "duplicate": False}],
     "nextPage": "1712168400123456789"},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])

# GNews v4: articles[], title, description, content (cut, "[N chars]"),
# url, image, publishedAt, source {id, name, url}; no author.
SHAPES["gnews"] = (
    {"totalArticles": 1, "articles": [
        {"id": "b3f1c0e4a5d6", "title": S3["title"], "description": S3["summary"],
         "content": S3["paras"][0] + " " + S3["paras"][1][:80] + "... [412 chars]", "url": S3["url"],
         "image": "https://northmere.example/img/library.jpg", "publishedAt": "2024-03-18T07:30:00Z",
         "lang": "en", "source": {"id": "c81e728d9d4c", "name": S3["pub"], "url": "https://northmere.example",
                                  "country": "gb"}}]},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z", "publisher": S3["pub"]}])

# mediastack /v1/news: data[], author, title, description, url, source
# (a name), image, category, language, country, published_at.
SHAPES["mediastack"] = (
    {"pagination": {"limit": 25, "offset": 0, "count": 1, "total": 1}, "data": [
        {"author": A1, "title": S1["title"], "description": S1["summary"] + " " + S1["paras"][0],
         "url": S1["url"], "source": S1["pub"], "image": None, "category": "general", "language": "en",
         "country": "us", "published_at": "2024-05-12T09:15:00+00:00"}]},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}], "publisher": S1["pub"]}])

# Currents API /v1/latest-news: news[], title, description, url, author,
# image ("None"), language, category[], published ("YYYY-MM-DD hh:mm:ss +0000").
SHAPES["currents"] = (
    {"status": "ok", "news": [
        {"id": "3f6c1b0e-8a41-4c5e-9f0d-2a7b9c1d4e55", "title": S2["title"],
         "description": S2["paras"][0] + " " + S2["paras"][1], "url": S2["url"], "author": A2,
         "image": "None", "language": "en", "category": ["regional", "environment"],
         "published": "2024-04-03 18:20:00 +0000"}], "page": 1},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}]}])

# Bing News Search v7: value[] of NewsArticle, name (the headline), url,
# description, datePublished (7-digit fraction), provider[] {_type, name}.
SHAPES["bing_news"] = (
    {"_type": "News", "readLink": "https://api.bing.example/api/v7/news/search?q=library",
     "queryContext": {"originalQuery": "library repair cafe", "adultIntent": False},
     "totalEstimatedMatches": 1, "sort": [{"name": "Best match", "id": "relevance", "isSelected": True,
                                            "url": "https://api.bing.example/api/v7/news/search?q=library"}],
     "value": [
         {"name": S3["title"], "url": S3["url"],
          "image": {"thumbnail": {"contentUrl": "https://www.bing.example/th?id=OVFT.abc&pid=News",
                                  "width": 700, "height": 466}},
          "description": S3["paras"][0] + " " + S3["paras"][1],
          "about": [{"readLink": "https://api.bing.example/api/v7/entities/1234", "name": "Public library"}],
          "provider": [{"_type": "Organization", "name": S3["pub"],
                        "image": {"thumbnail": {"contentUrl": "https://www.bing.example/th?id=ODF.xyz&pid=news"}}}],
          "datePublished": "2024-03-18T07:30:00.0000000Z", "category": "LifeStyle"}]},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z", "publisher": S3["pub"]}])

# SerpApi Google News: news_results[], title, link, source {name, icon,
# authors[]}, date ("MM/DD/YYYY, hh:mm AM, +0000 UTC"), iso_date, snippet.
SHAPES["serpapi_news"] = (
    {"search_metadata": {"id": "665f1e2a9b0c", "status": "Success", "created_at": "2024-05-13 08:00:01 UTC",
                         "google_news_url": "https://news.google.example/search?q=ferry", "total_time_taken": 1.2},
     "search_parameters": {"engine": "google_news", "q": "gull island ferry", "gl": "us", "hl": "en"},
     "news_results": [
         {"position": 1, "title": S1["title"],
          "source": {"name": S1["pub"], "icon": "https://lh3.googleusercontent.example/icon.png", "authors": [A1]},
          "link": S1["url"], "thumbnail": "https://news.google.example/api/attachments/ferry.jpg",
          "snippet": S1["paras"][0] + " " + S1["paras"][1],
          "date": "05/12/2024, 09:15 AM, +0000 UTC", "iso_date": "2024-05-12T09:15:00Z"}]},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}], "publisher": S1["pub"]}])

# AYLIEN (Quantexa) News API v6: stories[], title, body, author {id, name},
# source {name, domain, home_page_url}, links {permalink, canonical, ...},
# published_at, summary {sentences}, sentiment, entities.
SHAPES["aylien"] = (
    {"stories": [
        {"id": 4108122345, "title": S2["title"], "body": plain(S2),
         "summary": {"sentences": [S2["paras"][0], S2["paras"][1]]},
         "source": {"id": 82731, "name": S2["pub"], "domain": S2["host"], "home_page_url": "https://valleypost.example",
                    "locations": [{"country": "US", "state": "Oregon"}], "rankings": {"alexa": [{"rank": 40123}]}},
         "author": {"id": 991277, "name": A2, "avatar_url": None},
         "entities": {"title": [], "body": [{"text": "agricultural college", "score": 0.7, "types": ["Organization"],
                                              "links": {"dbpedia": "http://dbpedia.example/resource/College"}}]},
         "keywords": ["frost", "orchards"], "hashtags": ["#Frost"], "characters_count": 612, "words_count": 110,
         "sentences_count": 3, "paragraphs_count": 3,
         "categories": [{"id": "IAB15-10", "taxonomy": "iab-qag", "confident": True, "score": 0.41,
                         "label": "Weather", "links": {"self": "https://api.aylien.example/api/v1/classify/taxonomy/iab-qag/IAB15-10"}}],
         "social_shares_count": {"facebook": [], "reddit": []}, "media": [],
         "sentiment": {"title": {"polarity": "neutral", "score": 0.6}, "body": {"polarity": "negative", "score": 0.5}},
         "language": "en", "published_at": "2024-04-03T18:20:00Z",
         "links": {"permalink": S2["url"], "related_stories": "https://api.aylien.example/api/v1/related_stories?story_id=4108122345",
                   "coverages": "https://api.aylien.example/api/v1/coverages?story_id=4108122345", "clusters": None}}],
     "next_page_cursor": "AoJ0mq3q9Y8CPwY2NDE", "published_at.start": "NOW-7DAYS", "published_at.end": "NOW"},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])

# Perigon /v1/all: articles[], url, authorsByline, pubDate (+00:00),
# addDate, refreshDate, source {domain}, title, description, content,
# matchedAuthors[] {id, name}, people[] (mentioned), keywords[] {name, weight}.
SHAPES["perigon"] = (
    {"status": 200, "numResults": 1, "articles": [
        {"url": S3["url"], "authorsByline": A3, "articleId": "c0ffee12ab34cd56ef78", "clusterId": "9a8b7c6d",
         "source": {"domain": S3["host"], "location": None}, "imageUrl": "https://northmere.example/img/library.jpg",
         "country": "gb", "language": "en", "pubDate": "2024-03-18T07:30:00+00:00",
         "addDate": "2024-03-18T07:41:12.112233+00:00", "refreshDate": "2024-03-18T07:41:12.112233+00:00",
         "score": 41.7, "title": S3["title"], "description": S3["summary"], "content": plain(S3),
         "medium": "Article", "links": ["https://northmere.example/library"], "labels": [],
         "matchedAuthors": [{"id": "4d2c1b0a", "name": A3}], "claim": "", "verdict": "",
         "keywords": [{"name": "repair café", "weight": 0.08}], "topics": [], "categories": [{"name": "Lifestyle"}],
         "entities": [{"data": "Northmere", "type": "GPE", "mentions": 2}], "companies": [],
         "people": [{"wikidataId": "Q000001", "name": "Edda Halvorsen"}],
         "sentiment": {"positive": 0.7, "negative": 0.05, "neutral": 0.25}, "summary": "", "translation": "",
         "locations": [], "reprint": False, "reprintGroupId": "5e6f7a8b", "places": []}]},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z",
      "authors": [{"name": A3}], "publisher": S3["host"]}])

# Feedly stream contents: items[], title, originId, alternate[] {href,
# type}, published / crawled (ms), author, origin {title, htmlUrl,
# streamId}, content {content}, summary {content}, visual {url}.
SHAPES["feedly"] = (
    {"id": "user/af190c49/category/global.all", "updated": 1715508000000, "continuation": "18f6b5c2d3e:1a2b3c:4d5e6f7a",
     "items": [
         {"id": "kQ9Y3fWq1m0=_18f6b5c2d3e:1a2b3c:4d5e6f7a", "originId": "https://tideline.example/?p=48213",
          "fingerprint": "a1b2c3d4", "keywords": ["Ferries"], "title": S1["title"],
          "published": 1715505300000, "crawled": 1715505912000, "author": A1,
          "alternate": [{"href": S1["url"], "type": "text/html"}],
          "origin": {"streamId": "feed/https://tideline.example/feed/", "title": S1["pub"],
                     "htmlUrl": "https://tideline.example/"},
          "content": {"content": html(S1), "direction": "ltr"},
          "summary": {"content": S1["summary"], "direction": "ltr"},
          "visual": {"url": "https://tideline.example/media/ferry-pier.jpg", "width": 1200, "height": 800,
                     "contentType": "image/jpeg"},
          "unread": True, "categories": [{"id": "user/af190c49/category/local", "label": "Local"}],
          "engagement": 14, "engagementRate": 0.02}]},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z",
      "authors": [{"name": A1}], "publisher": S1["pub"]}])

# Inoreader stream contents (Google Reader style): items[], title,
# published / updated (s), crawlTimeMsec, canonical[] / alternate[]
# {href}, summary {content}, author, origin {title, htmlUrl}.
SHAPES["inoreader"] = (
    {"direction": "ltr", "id": "user/1005921515/state/com.google/reading-list", "title": "Reading List",
     "description": "", "self": {"href": "https://www.inoreader.example/reader/api/0/stream/contents/"},
     "updated": 1712170000, "updatedUsec": "1712170000123456",
     "items": [
         {"crawlTimeMsec": "1712168755000", "timestampUsec": "1712168755000000",
          "id": "tag:google.com,2005:reader/item/00000000148b9369",
          "categories": ["user/1005921515/state/com.google/reading-list", "user/1005921515/label/Farming"],
          "title": S2["title"], "published": 1712168400, "updated": 1712168400,
          "canonical": [{"href": S2["url"]}], "alternate": [{"href": S2["url"], "type": "text/html"}],
          "summary": {"direction": "ltr", "content": html(S2)}, "author": A2,
          "likingUsers": [], "comments": [], "commentsNum": -1, "annotations": [],
          "origin": {"streamId": "feed/https://valleypost.example/rss", "title": S2["pub"],
                     "htmlUrl": "https://valleypost.example/"}}]},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])

# Miniflux API /v1/entries: entries[], title, url, comments_url,
# published_at, created_at (stored), changed_at, content (HTML), author,
# feed {title, site_url, feed_url, category {title}}.
SHAPES["miniflux"] = (
    {"total": 1, "entries": [
        {"id": 888, "user_id": 1, "feed_id": 42, "status": "unread", "hash": "29f99e4074cdacca1766f47697d03c66",
         "title": S3["title"], "url": S3["url"], "comments_url": "", "published_at": "2024-03-18T07:30:00Z",
         "created_at": "2024-03-18T09:02:11.312Z", "changed_at": "2024-03-18T09:02:11.312Z",
         "content": html(S3), "author": A3, "share_code": "", "starred": False, "reading_time": 1,
         "enclosures": None,
         "feed": {"id": 42, "user_id": 1, "feed_url": "https://northmere.example/feed.xml",
                  "site_url": "https://northmere.example/", "title": S3["pub"], "checked_at": "2024-03-18T09:02:10Z",
                  "category": {"id": 3, "user_id": 1, "title": "Local news"}, "icon": {"feed_id": 42, "icon_id": 12}},
         "tags": []}]},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z",
      "authors": [{"name": A3}], "publisher": S3["pub"]}])

# Pocket /v3/get (detailType=complete): list {ITEM_ID: {...}} keyed by id,
# given_url / resolved_url, given_title / resolved_title, excerpt,
# time_added (saved, not published), authors {ID: {name, url}},
# domain_metadata {name}.
SHAPES["pocket"] = (
    {"status": 1, "complete": 1, "since": 1715600000, "list": {
        "3219876543": {"item_id": "3219876543", "resolved_id": "3219876543",
                       "given_url": S1["url"] + "?utm_source=newsletter", "given_title": "",
                       "favorite": "0", "status": "0", "time_added": "1715590000", "time_updated": "1715590010",
                       "time_read": "0", "time_favorited": "0", "sort_id": 0, "resolved_title": S1["title"],
                       "resolved_url": S1["url"], "excerpt": S1["paras"][0] + " " + S1["paras"][1],
                       "is_article": "1", "is_index": "0", "has_video": "0", "has_image": "1", "word_count": "118",
                       "lang": "en", "time_to_read": 1, "top_image_url": "https://tideline.example/media/ferry-pier.jpg",
                       "authors": {"77120": {"item_id": "3219876543", "author_id": "77120", "name": A1,
                                             "url": "https://tideline.example/author/mara-quillon"}},
                       "domain_metadata": {"name": S1["pub"], "logo": "https://logo.pocket.example/tideline.png"},
                       "listen_duration_estimate": 46}}},
    [{"title": S1["title"], "url": S1["url"], "authors": [{"name": A1}], "publisher": S1["pub"]}])

# Ghost Content API /posts/?include=authors,tags: posts[], title, slug,
# html, created_at (draft), updated_at, published_at, url, excerpt,
# custom_excerpt, primary_author {name, slug, url}, authors[], tags[],
# og_/twitter_ fields, meta {pagination}.
SHAPES["ghost"] = (
    {"posts": [
        {"id": "65f1c0ffee0123456789abcd", "uuid": "0b7f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", "title": S2["title"],
         "slug": "orchards-late-frost", "html": html(S2), "comment_id": "65f1c0ffee0123456789abcd",
         "feature_image": "https://valleypost.example/content/images/2024/04/frost.jpg", "featured": False,
         "visibility": "public", "created_at": "2024-04-01T10:02:33.000+00:00",
         "updated_at": "2024-04-03T18:25:41.000+00:00", "published_at": "2024-04-03T18:20:00.000+00:00",
         "custom_excerpt": S2["summary"], "codeinjection_head": None, "codeinjection_foot": None,
         "custom_template": None, "canonical_url": None,
         "authors": [{"id": "1", "name": A2, "slug": "ivo", "profile_image": None, "cover_image": None, "bio": None,
                      "website": None, "location": None, "facebook": None, "twitter": "@ivobrannick",
                      "url": "https://valleypost.example/author/ivo/"}],
         "tags": [{"id": "2", "name": "Farming", "slug": "farming", "url": "https://valleypost.example/tag/farming/"}],
         "primary_author": {"id": "1", "name": A2, "slug": "ivo", "profile_image": None,
                            "url": "https://valleypost.example/author/ivo/"},
         "primary_tag": {"id": "2", "name": "Farming", "slug": "farming", "url": "https://valleypost.example/tag/farming/"},
         "url": S2["url"], "excerpt": S2["summary"], "reading_time": 1, "access": True, "comments": False,
         "og_image": None, "og_title": None, "og_description": None, "twitter_image": None, "twitter_title": None,
         "twitter_description": None, "meta_title": None, "meta_description": None, "email_subject": None,
         "frontmatter": None, "feature_image_alt": None, "feature_image_caption": None}],
     "meta": {"pagination": {"page": 1, "limit": 15, "pages": 1, "total": 1, "next": None, "prev": None}}},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z", "authors": [{"name": A2}]}])

# Strapi v4 REST (?populate=author): data[] {id, attributes {title, slug,
# description, body (Markdown), createdAt, updatedAt, publishedAt,
# author {data {id, attributes {name, email}}}}}, meta {pagination}.
SHAPES["strapi"] = (
    {"data": [
        {"id": 7, "attributes": {
            "title": S3["title"], "slug": "library-repair-cafe", "description": S3["summary"], "body": md(S3),
            "canonical": S3["url"],
            "createdAt": "2024-03-15T16:44:03.120Z", "updatedAt": "2024-03-18T07:31:55.409Z",
            "publishedAt": "2024-03-18T07:30:00.000Z", "locale": "en",
            "author": {"data": {"id": 2, "attributes": {"name": A3, "email": "tessa@northmere.example",
                                                         "createdAt": "2023-11-02T09:00:00.000Z",
                                                         "updatedAt": "2023-11-02T09:00:00.000Z"}}},
            "category": {"data": {"id": 1, "attributes": {"name": "Local", "slug": "local"}}}}}],
     "meta": {"pagination": {"page": 1, "pageSize": 25, "pageCount": 1, "total": 1}}},
    [{"title": S3["title"], "url": S3["url"], "date_published": "2024-03-18T07:30:00Z", "authors": [{"name": A3}]}])

# Substack /api/v1/posts/SLUG: title, subtitle, slug, post_date,
# canonical_url, description, body_html, truncated_body_text, wordcount,
# publishedBylines[] {id, name, handle, bio}, reactions.
SHAPES["substack"] = (
    {"id": 141592653, "publication_id": 271828, "title": S1["title"], "social_title": None,
     "search_engine_title": None, "search_engine_description": None, "type": "newsletter", "slug": "gull-island-ferry",
     "post_date": "2024-05-12T09:15:00.000Z", "audience": "everyone", "podcast_duration": None,
     "write_comment_permissions": "everyone", "should_send_free_preview": False, "free_unlock_required": False,
     "default_comment_sort": None, "canonical_url": S1["url"], "section_id": None, "top_exclusions": [],
     "pins": [], "is_section_pinned": False, "section_slug": None, "search_engine_title_": None,
     "reactions": {"\u2764": 12}, "subtitle": S1["summary"], "cover_image": "https://substackcdn.example/image/ferry.jpg",
     "description": S1["summary"], "body_html": html(S1), "truncated_body_text": S1["paras"][0],
     "wordcount": 118, "postTags": [{"id": "t1", "name": "Ferries", "slug": "ferries"}],
     "publishedBylines": [{"id": 5551212, "name": A1, "handle": "maraquillon", "previous_name": None,
                           "photo_url": "https://substackcdn.example/image/mara.jpg",
                           "bio": "Harbour reporter.", "profile_set_up_at": "2021-02-03T10:00:00.000Z",
                           "is_guest": False, "bestseller_tier": None}],
     "reaction_count": 12, "comment_count": 3, "child_comment_count": 0},
    [{"title": S1["title"], "url": S1["url"], "date_published": "2024-05-12T09:15:00Z", "authors": [{"name": A1}]}])

# Forem / DEV /api/articles/ID: title, description, readable_publish_date
# (no year), url, canonical_url, published_timestamp, created_at,
# edited_at, published_at, body_html, body_markdown, user {name,
# username, twitter_username}, organization {name, username}.
SHAPES["devto"] = (
    {"type_of": "article", "id": 1812345, "title": S2["title"], "description": S2["summary"],
     "readable_publish_date": "Apr 3", "slug": "orchards-late-frost-4k2j", "path": "/valleypost/orchards-late-frost-4k2j",
     "url": S2["url"], "comments_count": 2, "public_reactions_count": 9, "collection_id": None,
     "published_timestamp": "2024-04-03T18:20:00Z", "positive_reactions_count": 9,
     "cover_image": "https://media.forem.example/frost.png", "social_image": "https://media.forem.example/frost.png",
     "canonical_url": S2["url"], "created_at": "2024-04-02T21:11:09Z", "edited_at": "2024-04-03T19:00:00Z",
     "crossposted_at": None, "published_at": "2024-04-03T18:20:00Z", "last_comment_at": "2024-04-04T08:00:00Z",
     "reading_time_minutes": 1, "tag_list": "farming, weather", "tags": ["farming", "weather"],
     "body_html": html(S2), "body_markdown": md(S2),
     "user": {"name": A2, "username": "ivobrannick", "twitter_username": "ivob", "github_username": None,
              "user_id": 90210, "website_url": None, "profile_image": "https://media.forem.example/u/ivo.png",
              "profile_image_90": "https://media.forem.example/u/ivo90.png"},
     "organization": {"name": S2["pub"], "username": "valleypost", "slug": "valleypost",
                      "profile_image": "https://media.forem.example/o/vp.png",
                      "profile_image_90": "https://media.forem.example/o/vp90.png"}},
    [{"title": S2["title"], "url": S2["url"], "date_published": "2024-04-03T18:20:00Z",
      "authors": [{"name": A2}], "publisher": S2["pub"]}])


def write_tests(shapes, folder, comment):
    """One golden-format test per shape: the dump as input, the expected
    values per record; comment is the first line (%s: the shape's name)."""
    for name, (doc, expect) in shapes.items():
        with open(os.path.join(folder, "records_%s.test" % name), "w") as f:
            f.write("# " + comment % name + "\n--- input dump.json\n")
            f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n--- expect\n")
            for i, e in enumerate(expect):
                src = "dump.json#%d" % (i + 1) if len(expect) > 1 else "dump.json"
                f.write(json.dumps(dict({"source": src}, **e), ensure_ascii=False) + "\n")
            f.write("--- exit\n0\n")


def main():
    write_tests(SHAPES, HERE, "held-out shape %s: see make.py for its documented fields")


if __name__ == "__main__":
    main()
