/*
 * fields.h — what a JSON member name says it holds (fields.c), for the
 * record reader (records.c).
 *
 * A name is split into lowercase tokens (camelCase, snake_case, dots,
 * colons, digits: "date_publish" -> date publish, "publishedAt" ->
 * published at, "sourceURL" -> source url, "seendate" -> seen date) and the
 * tokens, not the whole name, decide the role: a title, a body, a URL, a
 * publication date, an author... Rules are on words and their combinations
 * only, never on a tool's name; the record reader then confirms each
 * candidate by the shape of its value (records.c).
 */
#ifndef WN_FIELDS_H
#define WN_FIELDS_H

#include <stddef.h>

/* roles a scalar field can play */
enum {
    WN_F_NONE = 0,
    WN_F_TITLE,
    WN_F_SUBTITLE,
    WN_F_BODY,
    WN_F_SUMMARY,
    WN_F_URL,
    WN_F_PUBLISHED,
    WN_F_MODIFIED,
    WN_F_CRAWLED,
    WN_F_AUTHOR,
    WN_F_AUTHOR_URL,
    WN_F_AUTHOR_HANDLE,
    WN_F_PUBLISHER,
    WN_F_LANGUAGE,
    WN_F_IMAGE,
    WN_F_TAGS,
    WN_F_ROLES
};

/* what a container (object or array) opens for the fields inside it */
enum {
    WN_CTX_NONE = 0, /* the record itself, or a neutral object */
    WN_CTX_ENVELOPE, /* transparent: data, items, metadata, _embedded ... */
    WN_CTX_PERSON,   /* author, authors, user, account ... */
    WN_CTX_ORG,      /* publisher, source, site, feed ... */
    WN_CTX_MEDIA,    /* image, images, media, thumbnail ... */
    WN_CTX_TERMS,    /* tags, categories, keywords, terms ... */
    WN_CTX_CRAWL,    /* crawl, request, headers: how the page was fetched */
    WN_CTX_FOREIGN,  /* about something else: links, comments, card, entities ... */
    WN_CTX_LINKS,    /* a set of named links ("links", "_links"): only a permalink or canonical one is the page */
    WN_CTX_CANONLINK, /* the page's canonical link as an object or list ("canonical": [{"href": ...}]) */
    WN_CTX_ALTLINK   /* the page's alternate link(s) ("alternate": [{"href": ..., "type": "text/html"}]) */
};

typedef struct wn_key {
    unsigned long long flags; /* union of the word classes of the tokens (fields.c) */
    unsigned long long last;  /* classes of the last token */
    int ntok;                 /* tokens (digits not counted) */
    int nunknown;             /* tokens of no known class */
    int wrapper;              /* the name of a wrapper member: rendered, value, #text ... */
    int pair_name, pair_value; /* "property"/"name"/"key", "content"/"value" (pair lists) */
    int utc;                  /* a token says the time is UTC ("date_gmt", "created_utc") */
    int markdown;             /* a token says Markdown ("markdown", "md") */
    int html;                 /* a token says HTML ("selftext_html", "rawHtml") */
} wn_key;

/* Analyses a member name. */
void wn_key_analyze(const char *key, size_t len, wn_key *k);

/* The role of a scalar field named k inside ctx, with a class (0 best:
 * "canonical_url" before "url" before "sourceURL"; "datePublished" before
 * "date"); record_level is 1 for members of the record itself (or of an
 * envelope in it). *alt gets a second role to try when the value does not
 * fit the first ("source": a name is the publisher, an http URL the page),
 * or WN_F_NONE. */
int wn_key_role(const wn_key *k, int ctx, int record_level, int *cls, int *alt, int *alt_cls);

/* The context a container value named k opens (raw is the name as written:
 * "_source" is an envelope, "source" a publisher). */
int wn_key_context(const wn_key *k, const char *raw, size_t len);

/* Person object members: 1 name, 2 first name, 3 last name, 4 handle,
 * 5 profile URL, 0 anything else. */
int wn_person_part(const wn_key *k);

/* 1 when a person or organisation object's member k holds its name, 2 its
 * domain, 0 neither (organisation objects). */
int wn_org_part(const wn_key *k);

/* 1 when the word table is sorted (unit test). */
int wn_key_table_ok(void);

#endif
