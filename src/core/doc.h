/*
 * doc.h — the document model every stage reads and writes.
 *
 * A document is a list of blocks (paragraphs, headings, list items, ...)
 * plus fields. Input stages fill `blocks` and the record's metadata
 * `hints`; clean marks each block as body or removed (with a reason) and
 * collects attribution evidence; meta turns hints and evidence into the
 * final fields; output renders. Everything lives in the document's arena.
 *
 * Fields are indexed by the public winnow_field enum so the accessor in
 * the API is a plain array lookup.
 */
#ifndef WN_DOC_H
#define WN_DOC_H

#include "core.h"
#include "../../include/winnow.h"

typedef enum wn_block_kind {
    WN_BLK_PARA = 0,
    WN_BLK_HEADING,
    WN_BLK_LIST_ITEM,
    WN_BLK_QUOTE,
    WN_BLK_PRE,
    WN_BLK_TABLE_ROW,
    WN_BLK_CAPTION
} wn_block_kind;

/* What a block is to the article, once clean has looked at it. */
typedef enum wn_block_role {
    WN_ROLE_BODY = 0,
    WN_ROLE_TITLE,    /* the headline (kept out of text) */
    WN_ROLE_SUBTITLE, /* the dek (kept out of text) */
    WN_ROLE_REMOVED   /* boilerplate: see reason */
} wn_block_role;

typedef struct wn_block {
    char *text; /* normalised: single spaces, no invisible characters */
    size_t len;
    const char *md; /* HTML only: the text with inline Markdown, when it differs */
    wn_block_kind kind;
    int level;          /* heading level 1-6, list nesting, ... */
    wn_block_role role;
    const char *reason; /* static reason code when role == REMOVED */
    /* measurements filled by clean */
    unsigned words, stopwords, cjk_chars;
    size_t link_len; /* bytes of the text inside links (HTML) */
    uint64_t fp; /* fingerprint of the folded text, for duplicates */
    int zone;    /* opens a recirculation teaser zone */
    int dup;      /* repeats an earlier block (see dedup.c) */
    int repeated; /* a later block repeats this one */
    int pruned;   /* removed by the HTML extractor (markup said boilerplate) */
    size_t at;    /* removed blocks: body paragraphs before it (meta.c), so a
                     reader can show the block in place ("at" in --explain) */
} wn_block;

typedef struct wn_author {
    const char *name, *role, *handle, *url;
    const char *email; /* an address the source gave (feeds), without mailto: */
} wn_author;

/* A field of a JSON record that no output field took (--explain "extra"):
 * its path ("metadata.statusCode") and value (a JSON number or literal as
 * written when is_string is 0). */
typedef struct wn_extra {
    const char *path, *value;
    int is_string;
} wn_extra;

/* Metadata a record or page stated outright (before any inference), and
 * for each the source it came from ("record", "json-ld", "og:title",
 * "meta:author", "<title>", "h1", "time", "url", ...), shown by --explain. */
typedef struct wn_hints {
    const char *title, *subtitle, *url, *date_published, *date_modified;
    const char *publisher, *site_name, *description, *image, *language;
    wn_ptrvec authors; /* wn_author* */
    wn_ptrvec tags;    /* const char* */
    const char *title_src, *subtitle_src, *url_src, *date_published_src, *date_modified_src;
    const char *publisher_src, *site_name_src, *description_src, *image_src, *language_src;
    const char *authors_src, *tags_src;
    const char *fetch_date; /* ISO 8601 date the page was fetched (WARC-Date), if known */
    const char *charset;    /* charset named by the caller or transport, if any */
    wn_ptrvec extra;        /* wn_extra*: a JSON record's unmapped fields */
} wn_hints;

/* Attribution evidence found while cleaning: raw strings the text rules
 * captured; meta parses and weighs them. */
typedef struct wn_evidence {
    const char *footer_title; /* "The post TITLE appeared first on SITE" */
    const char *footer_site;  /* the republishing site of such a footer */
    const char *origin_site;  /* "originally published by/at SITE" */
    const char *bio_site;     /* "NAME is a ROLE at SITE" */
    const char *recirc_site;  /* "More from SITE" */
    wn_ptrvec bylines;        /* raw byline texts ("By A and B") */
    wn_ptrvec credits;        /* raw wire credit lines */
    wn_ptrvec bio_authors;    /* wn_author* from bios (name, role, handle) */
    wn_ptrvec dates;          /* raw date strings from date lines */
    wn_ptrvec tags;           /* raw "a, b, c" tag lists */
} wn_evidence;

struct winnow_doc {
    wn_arena arena;
    int is_error;
    int is_skip; /* a skipped record (e.g. a WARC request): reason in ERROR_CODE */
    const char *field[WINNOW_FIELD_COUNT_];
    const char *field_src[WINNOW_FIELD_COUNT_]; /* where each field came from */
    const char *authors_src, *tags_src;
    size_t word_count;
    wn_ptrvec authors; /* wn_author* (final) */
    wn_ptrvec tags;    /* const char* (final) */
    wn_ptrvec removed; /* wn_block* removed, in document order */

    wn_block *blocks;
    size_t nblocks, cap_blocks;
    wn_hints hints;
    const char *page_title; /* <title>, site suffix not yet removed */
    wn_evidence ev;
    const char *payload; /* text or HTML to turn into blocks (not owned) */
    size_t payload_len;
    int payload_is_html;
    const char *language; /* detected by clean (ISO 639-1) */
    const char *charset;  /* HTML: the encoding the page was read in */
    const char *extract_method; /* HTML: how the main text was found */
    int container_known;        /* blocks come from a chosen container: no
                                   region selection, repeats of short blocks
                                   are content (lists, tables) */
    int publisher_words;        /* the payload is what the publisher wrote for
                                   this item (a feed's description or content):
                                   never judged by its length (meta.c) */
};

typedef struct winnow_doc wn_doc;

wn_doc *wn_doc_new(const char *source);
/* Marks d as a skipped record with a reason code (WARC request, non-HTML
 * response, ...). */
void wn_doc_set_skip(wn_doc *d, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void wn_doc_set_error(wn_doc *d, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends a block (text copied and normalised); empty blocks are dropped.
 * Returns the block or NULL. */
wn_block *wn_doc_add_block(wn_doc *d, const char *text, size_t len, wn_block_kind kind,
                           int level);
/* Splits block k at byte `cut` (0 < cut < len, at a character boundary):
 * block k keeps the text before it (trailing spaces dropped), a new block
 * k+1 gets the rest; both copy every other property of the original, and
 * both texts are fresh NUL-terminated copies. Blocks after k move up one
 * (pointers into d->blocks are invalid afterwards). Returns block k+1. */
wn_block *wn_doc_split_block(wn_doc *d, size_t k, size_t cut);
/* Adds an author, or merges what a new sighting of the same name adds.
 * Returns the author (NULL when name is empty), so a caller can set email. */
wn_author *wn_author_add(wn_arena *a, wn_ptrvec *v, const char *name, const char *role,
                         const char *handle, const char *url);

/* Normalises text for a block: invalid UTF-8 -> U+FFFD, invisible characters
 * dropped, every run of whitespace (incl. NBSP, newlines) -> one space,
 * trimmed, composed to NFC (wn_nfc). Punctuation and quotes are left
 * exactly as they are. */
char *wn_normalize_space(wn_arena *a, const char *s, size_t n, size_t *out_len);
/* s (valid UTF-8, *len bytes, NUL-terminated) in NFC: s itself when it
 * holds no combining diacritic or Hangul jamo, else a composed copy in a
 * (*len updated). */
char *wn_nfc(wn_arena *a, char *s, size_t *len);

#endif
