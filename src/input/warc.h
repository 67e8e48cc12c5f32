/*
 * warc.h — a streaming WARC 1.0/1.1 (and 0.17/0.18) reader (warc.c).
 *
 * Records are pulled one at a time from a read callback, so the reader
 * works the same on files, stdin and pipes. Uncompressed archives, gzip per
 * record (the Common Crawl layout) and whole-file gzip are recognised from
 * the first bytes. WARC/0.17 and 0.18 (ClueWeb09) are read as 1.0.
 * Memory stays bounded whatever the archive's size: about
 * 2.25 x max_record_bytes plus ~0.5 MB (see wn_warc_buffer_bytes).
 *
 * These declarations are meant to move into input.h; the header is kept
 * self-contained until then.
 */
#ifndef WN_WARC_H
#define WN_WARC_H

#include <stddef.h>
#include <stdint.h>

/* Reads up to n bytes into buf. Returns the number of bytes read (1..n),
 * 0 at end of input, -1 on a read error. Short reads are fine. */
typedef long (*wn_read_fn)(void *ctx, void *buf, size_t n);

typedef struct wn_warc wn_warc;

typedef enum wn_warc_type {
    WN_WARC_UNKNOWN = 0, /* WARC-Type missing or not one of the below */
    WN_WARC_WARCINFO,
    WN_WARC_RESPONSE,
    WN_WARC_RESOURCE,
    WN_WARC_REQUEST,
    WN_WARC_METADATA,
    WN_WARC_REVISIT,
    WN_WARC_CONVERSION,
    WN_WARC_CONTINUATION
} wn_warc_type;

/* One header line, unfolded, name and value trimmed (NUL-terminated). */
typedef struct wn_warc_field {
    const char *name;
    const char *value;
} wn_warc_field;

/* Every pointer is owned by the reader and valid until the next
 * wn_warc_next or wn_warc_free. Strings are NUL-terminated; a header that
 * is absent gives NULL. block and payload are NOT NUL-terminated. */
typedef struct wn_warc_record {
    /* ---- WARC header ---- */
    wn_warc_type type;
    const char *type_name;    /* WARC-Type as written */
    const char *version;      /* "WARC/1.0", "WARC/1.1" */
    const char *target_uri;   /* WARC-Target-URI, <angle brackets> stripped */
    const char *date;         /* WARC-Date */
    const char *record_id;    /* WARC-Record-ID */
    const char *trec_id;      /* WARC-TREC-ID (ClueWeb09's document id) */
    const char *content_type; /* the WARC Content-Type (of the block) */
    const char *truncated;    /* WARC-Truncated ("length", "time", ...), else
                                 "end_of_file" when cut_short */
    int cut_short;            /* the input ended inside the block: block
                                 holds what there was (see wn_warc_next) */
    unsigned header_warnings; /* header lines skipped as not "Name: value"
                                 (WARC and HTTP heads), plus 1 for an HTTP
                                 response without a status line, plus 1
                                 for a Content-Length that ran over the
                                 next record (block ended before it) */
    uint64_t content_length;  /* declared Content-Length */
    uint64_t offset;          /* offset of the record (or of the damage, for
                                 an error) in the decompressed stream */
    const wn_warc_field *fields; /* all header fields, in order (the first */
    size_t n_fields;             /* 256; known ones are read from all) */

    /* ---- block ---- */
    const char *block;    /* the record's content; NULL when too_large */
    size_t block_len;
    int too_large;        /* Content-Length > max_record_bytes: the content
                             was skipped, only the header is set */

    /* ---- HTTP (response/revisit records of type application/http) ---- */
    int http_status;               /* 0 when no HTTP head was parsed */
    const char *http_content_type; /* the HTTP Content-Type header */
    const char *content_encoding;  /* HTTP Content-Encoding */
    const char *transfer_encoding; /* HTTP Transfer-Encoding */
    const wn_warc_field *http_fields;
    size_t n_http_fields;

    /* ---- payload (response, resource and conversion records) ----
     * For HTTP responses: the body after the HTTP head, de-chunked and
     * gunzipped/inflated as the HTTP headers say. Otherwise the block. */
    const char *payload;
    size_t payload_len;
    const char *media_type; /* payload media type, lower case, without
                               parameters ("text/html"); NULL if unknown */
    const char *charset;    /* charset parameter of that Content-Type */
    int is_html;            /* text/html or application/xhtml+xml, or no
                               media type and the payload starts with
                               "<!doctype html" or "<html" */
    const char *payload_error; /* non-fatal: payload incomplete or not
                                  decoded ("truncated chunked body",
                                  "unsupported Content-Encoding", ...) */
    int payload_truncated;  /* ... because the body is cut short (chunked
                               body or compressed stream unfinished): the
                               payload is what there was */
    int payload_too_large;  /* ... because decoding would pass the cap */

    /* ---- set when wn_warc_next returns -1 ---- */
    const char *error; /* static message; header fields parsed before the
                          damage may be set too (target_uri, ...) */
} wn_warc_record;

/* max_record_bytes caps one record's buffered content (and the decoded
 * payload); 0 means WN_WARC_DEFAULT_MAX_RECORD. Values above 1 GiB are
 * clamped to 1 GiB. Never returns NULL (allocation failure aborts, as in
 * core.h). */
#define WN_WARC_DEFAULT_MAX_RECORD ((size_t)16 << 20)
wn_warc *wn_warc_new(wn_read_fn fn, void *ctx, size_t max_record_bytes);
void wn_warc_free(wn_warc *w);

/* Reads the next record. Returns 1 with a record, 0 at the end of the
 * archive, -1 on damage (rec->error set); after -1 the next call resumes at
 * the next version line (or the next intact gzip member), so the caller
 * just keeps calling until 0. Every call consumes input: a damaged archive
 * yields a finite number of errors. A record whose block is cut off by the
 * end of the input (or of a truncated gzip stream) is returned (1) with
 * what there is, cut_short set and truncated "end_of_file" (unless it
 * holds the start of another record: then its Content-Length lied, and it
 * is an error); only a header cut short is an error. */
int wn_warc_next(wn_warc *w, wn_warc_record *rec);

/* Bytes currently held in the reader's buffers (including zlib state). */
size_t wn_warc_buffer_bytes(const wn_warc *w);

const char *wn_warc_type_name(wn_warc_type t);
/* First field called name (case-insensitive) in fields[0..n), or NULL. */
const char *wn_warc_field_get(const wn_warc_field *fields, size_t n, const char *name);

#endif
