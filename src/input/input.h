/*
 * input.h — the first stage: turn raw bytes into documents.
 *
 * An input (a file, stdin, a buffer) is sniffed (detect.c), un-gzipped if
 * needed (gzip.c), and split into documents: a plain-text or HTML file is
 * one document; a JSON or JSONL dump holds one document per record
 * (records.c), found by walking the parsed value (json.c). Each document
 * carries its payload (text or HTML) and whatever metadata the record had.
 *
 * JSON is parsed leniently because scraper dumps are often broken in
 * predictable ways: string delimiters turned into typographic quotes by a
 * word processor, raw newlines inside strings, trailing commas. A strict
 * parse is tried first; repairs are only attempted when it fails, and the
 * document records that it was repaired.
 */
#ifndef WN_INPUT_H
#define WN_INPUT_H

#include "../core/core.h"

/* ---- lenient JSON (json.c) ------------------------------------------- */

typedef enum {
    WN_JSON_NULL,
    WN_JSON_BOOL,
    WN_JSON_NUMBER,
    WN_JSON_STRING,
    WN_JSON_ARRAY,
    WN_JSON_OBJECT
} wn_json_type;

typedef struct wn_json wn_json;
struct wn_json {
    wn_json_type type;
    /* STRING: decoded value, NUL-terminated, valid UTF-8 (escapes resolved,
     *         invalid bytes replaced by U+FFFD).
     * NUMBER: the number's source text.  BOOL: "true" or "false". */
    const char *str;
    size_t len;
    /* member name when this value sits in an object (decoded like a string) */
    const char *key;
    size_t key_len;
    wn_json *child; /* ARRAY/OBJECT: first element or member */
    wn_json *next;  /* next sibling */
    size_t count;   /* ARRAY/OBJECT: number of children */
};

typedef struct wn_json_diag {
    int repaired;        /* 1 when the strict parse failed and repairs made it parse */
    unsigned repairs;    /* number of individual repairs made */
    const char *error;   /* static message when parsing failed, else NULL */
    size_t error_offset; /* byte offset of the failure */
    int too_deep;        /* failure was the nesting limit */
} wn_json_diag;

/* Parses one JSON value starting at buf (leading whitespace allowed).
 * On success returns the value (allocated in a) and sets *consumed to the
 * offset just past it. Strict JSON is tried first; if it fails, the lenient
 * parser repairs what it can:
 *   - string delimiters written as typographic quotes (U+201C U+201D U+201E
 *     U+201F U+2033 for double, U+2018 U+2019 U+201A for single) or ASCII
 *     single quotes; a quote character is taken as a delimiter only where
 *     the grammar puts one (a closing quote must be followed by what may
 *     follow a string there: ':' after a key, ',' '}' ']' or end after a
 *     value); quotes inside the text stay exactly as they are;
 *   - unescaped control characters (raw newlines, tabs) inside strings;
 *   - unknown escapes (kept literally), trailing commas, a missing comma
 *     between members;
 * Nesting deeper than max_depth fails (diag->too_deep). Returns NULL on
 * failure with diag->error set. Never reads past buf+len. */
wn_json *wn_json_parse(wn_arena *a, const char *buf, size_t len, int max_depth,
                       size_t *consumed, wn_json_diag *diag);

/* Object member lookup by exact key (first match), or NULL. */
const wn_json *wn_json_get(const wn_json *obj, const char *key);


/* ---- sniffing (detect.c) --------------------------------------------- */

typedef enum wn_kind {
    WN_KIND_EMPTY = 0, /* nothing but whitespace */
    WN_KIND_BINARY,    /* NUL bytes or mostly control characters */
    WN_KIND_JSON,      /* a JSON value or JSONL lines */
    WN_KIND_HTML,
    WN_KIND_TEXT
} wn_kind;

/* Guesses what a (decompressed) input is from its first bytes. */
wn_kind wn_detect(const char *buf, size_t len);
/* 1 when s looks like HTML markup rather than text (for payloads). */
int wn_looks_like_html(const char *s, size_t n);
const char *wn_kind_name(wn_kind k);

/* ---- byte sources (source.c) ----------------------------------------- */

/* A file ("-": stdin) or memory, read in chunks, gzip decompressed on the
 * fly (multi-member too). Memory sources do not copy: the data must outlive
 * the source. */
typedef struct wn_source wn_source;
wn_source *wn_source_open_file(const char *path, const char **err);
wn_source *wn_source_open_memory(const void *data, size_t len);
/* Bytes [offset, offset + length) of a regular file (length 0: to its
 * end), read as they are (no gzip sniffing: a range of a compressed file
 * means nothing). Both ends must be line starts (0, the file's size, or
 * just after a '\n'); NULL with *err set otherwise. */
wn_source *wn_source_open_file_range(const char *path, unsigned long long offset,
                                     unsigned long long length, const char **err);
void wn_source_close(wn_source *s);
/* Decompressed bytes: count, 0 at the end, -1 after damage (the bytes
 * before it were delivered); wn_source_error says what happened. */
long wn_source_read(wn_source *s, void *buf, size_t n);
/* Raw bytes, for readers that handle gzip themselves (WARC). */
long wn_source_read_raw(wn_source *s, void *buf, size_t n);
/* The first decompressed bytes (up to n), without consuming them. */
size_t wn_source_peek(wn_source *s, void *buf, size_t n);
int wn_source_is_gzip(const wn_source *s);
const char *wn_source_error(const wn_source *s);
unsigned long long wn_source_raw_bytes(const wn_source *s);
long long wn_source_size(const wn_source *s); /* -1 when unknown */

/* ---- documents from payloads (text.c, records.c) ---------------------- */

#include "../core/doc.h"

/* Flattened text: one block per non-empty line. */
void wn_text_to_blocks(wn_doc *d, const char *s, size_t n);

/* A record found in a dump: the object holding the article text, and the
 * objects around it (outermost first), whose publisher or language apply
 * to it (an RSS-to-JSON "feed" beside the "items"). */
#define WN_RECORD_ANC 8
typedef struct wn_record {
    const wn_json *obj;
    const wn_json *anc[WN_RECORD_ANC];
    int nanc;
} wn_record;

/* Walks a parsed JSON value and collects the article records (objects
 * holding a text field, found by the words of their member names, see
 * docs/records.md) into out as wn_record*, in document order. Envelopes
 * and lists are descended into; authors, publishers, media and links
 * are not. */
void wn_records_collect(wn_arena *a, const wn_json *root, int max_depth, wn_ptrvec *out);
/* Fills d from one record: hints (title, url, authors, dates, ...) found
 * by name and confirmed by value at any depth, each with the path of the
 * field it came from, the unmapped scalar fields (hints.extra), and its
 * payload. Returns 0, or -1 with an error set on d (no payload, payload
 * too large). */
int wn_record_to_doc(wn_doc *d, const wn_record *rec, size_t max_doc_bytes, int max_depth);

/* Markdown to flattened text, one paragraph, heading or item per line
 * (markdown.c). */
char *wn_markdown_to_text(wn_arena *a, const char *s, size_t n, size_t *out_len);

#endif
