/*
 * winnow.h — the public C API of winnow.
 *
 * winnow turns raw news (scraper JSON/JSONL dumps, malformed ones too,
 * flattened page text, HTML pages) into clean, attributed article records.
 *
 * Model:
 *   winnow_options   how to process (output format, explain, limits). Build
 *                    one, share it read-only between any number of threads.
 *   winnow_stream    one input (a buffer or a file) and the documents it
 *                    holds: a JSONL dump holds many, an HTML page one.
 *   winnow_doc       one output document: an article, or an error record
 *                    saying why that input record gave no article. Every
 *                    record of the input yields exactly one winnow_doc.
 *
 * Ownership: every object is created by a _new or _open function and released
 * by the matching _free function. A winnow_doc owns all its strings (one arena,
 * freed in one step by winnow_doc_free); pointers returned by accessors are
 * valid until then. Strings are NUL-terminated, valid UTF-8.
 *
 * Threads: the library has no global mutable state. Distinct streams and
 * documents may be used from distinct threads at the same time; one stream
 * must not be used by two threads at once.
 *
 * Errors: functions that can fail return winnow_status (WINNOW_OK == 0).
 * Out-of-memory aborts the process; input limits (winnow_options_set_limit)
 * keep hostile input from asking for unbounded memory.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define WINNOW_API __attribute__((visibility("default")))
#else
#define WINNOW_API
#endif

#define WINNOW_VERSION_MAJOR 0
#define WINNOW_VERSION_MINOR 1
#define WINNOW_VERSION_PATCH 0
#define WINNOW_VERSION_STRING "0.1.0"

/* Returns the library's version string (may differ from the header's when
 * linked dynamically). */
WINNOW_API const char *winnow_version(void);

typedef enum winnow_status {
    WINNOW_OK = 0,
    WINNOW_END = 1,           /* winnow_stream_next: no more documents */
    WINNOW_ERR_ARG = -1,      /* invalid argument (NULL, unknown value) */
    WINNOW_ERR_IO = -2,       /* a file could not be opened or read */
    WINNOW_ERR_LIMIT = -3     /* input larger than the configured limit */
} winnow_status;

/* A short English description of a status, never NULL. */
WINNOW_API const char *winnow_status_str(winnow_status st);

/* ---- options ---------------------------------------------------------- */

typedef struct winnow_options winnow_options;

typedef enum winnow_format {
    WINNOW_FORMAT_JSONL = 0,  /* one JSON object per document and line */
    WINNOW_FORMAT_TEXT,       /* body paragraphs as plain text */
    WINNOW_FORMAT_MARKDOWN    /* title, dek, byline and body as Markdown */
} winnow_format;

typedef enum winnow_input {
    WINNOW_INPUT_AUTO = 0,    /* sniff each input (default) */
    WINNOW_INPUT_JSON,        /* JSON or JSONL records */
    WINNOW_INPUT_TEXT,        /* flattened page text, one document */
    WINNOW_INPUT_HTML         /* an HTML page, one document */
} winnow_input;

typedef enum winnow_limit {
    WINNOW_LIMIT_DOC_BYTES = 0, /* max bytes of one document's payload
                                   (default 32 MiB); larger -> too_large */
    WINNOW_LIMIT_INPUT_BYTES,   /* max bytes of an input read whole (one
                                   HTML page, text file or JSON document,
                                   after gunzip; default 1 GiB) -> too_large.
                                   JSONL and WARC inputs are streamed and
                                   only bounded per record. */
    WINNOW_LIMIT_DEPTH,         /* max JSON/HTML nesting (default 512)
                                   -> too_deep */
    WINNOW_LIMIT_NODES,         /* max HTML nodes of one page (default
                                   4,000,000) -> too_large */
    WINNOW_LIMIT_TIME_MS        /* time budget per document in ms (default
                                   30000; checked between stages) -> timeout */
} winnow_limit;

/* New options with defaults (JSONL, auto input, no explain). NULL only if
 * memory is exhausted. */
WINNOW_API winnow_options *winnow_options_new(void);
WINNOW_API void winnow_options_free(winnow_options *o);
WINNOW_API winnow_status winnow_options_set_format(winnow_options *o, winnow_format f);
WINNOW_API winnow_status winnow_options_set_input(winnow_options *o, winnow_input in);
/* explain != 0: documents keep the removed blocks with their reasons
 * (the "removed" field). */
WINNOW_API winnow_status winnow_options_set_explain(winnow_options *o, int explain);
WINNOW_API winnow_status winnow_options_set_limit(winnow_options *o, winnow_limit which,
                                                  size_t value);
/* Worker threads per stream: documents are extracted in parallel and
 * returned in input order. 0 = one per online CPU (the default); 1 = all
 * work in the calling thread. */
WINNOW_API winnow_status winnow_options_set_threads(winnow_options *o, unsigned n);
/* skipped != 0: winnow_stream_next also returns a record for every input
 * record that is skipped by design (WARC requests, metadata, non-HTML
 * responses); otherwise they are only counted (winnow_stream_stats). */
WINNOW_API winnow_status winnow_options_set_skipped(winnow_options *o, int skipped);

/* Sets one of the extractor's tuning constants by name (0 <= value <=
 * 1e9). For benchmarks and experiments: the defaults are the measured
 * choice, and the names and their meaning are listed in docs/extraction.md
 * (pos_chars, neg_keep_paras, retry_chars, retry_gain, hydrate_chars).
 * WINNOW_ERR_ARG for an unknown name or a value out of range. */
WINNOW_API winnow_status winnow_options_set_param(winnow_options *o, const char *name,
                                                  double value);

/* ---- streams ---------------------------------------------------------- */

typedef struct winnow_stream winnow_stream;
typedef struct winnow_doc winnow_doc;

/* Opens a stream over a buffer. The data is copied; the caller keeps
 * ownership of `data`. `source` names the input in output records (a path
 * or URL; NULL means "-"). gzip data is decompressed transparently.
 * The options must outlive the stream. */
WINNOW_API winnow_status winnow_stream_open_memory(const winnow_options *o, const void *data,
                                                   size_t len, const char *source,
                                                   winnow_stream **out);
/* Opens a stream over a file; path "-" is standard input. A file that cannot
 * be read is not an error here: the stream then yields one error record, so
 * that every input is accounted for. Returns WINNOW_ERR_ARG on bad
 * arguments only. */
WINNOW_API winnow_status winnow_stream_open_file(const winnow_options *o, const char *path,
                                                 winnow_stream **out);
/* Opens bytes [offset, offset + length) of a plain (not compressed) JSON
 * Lines file as a stream, so that one large dump can be split between
 * processes (python/winnow/dask.py does). length 0 means to the end of the
 * file. Both ends must be line starts: 0, the file's size, or just after a
 * '\n'. The range yields exactly the records the whole file yields for its
 * lines, in the same order and rendered the same, except that "source" is
 * numbered from first_record + 1 ("path#N"): pass the number of records
 * before `offset` (winnow_stream_count over the range [0, offset), or the
 * sum over the ranges before). Whether the file is JSON Lines is decided
 * from its first bytes, as winnow_stream_open_file decides it, whatever the
 * range holds. Stats count the range only (bytes_total = its length).
 * Returns WINNOW_ERR_IO when the file cannot be opened; WINNOW_ERR_ARG on
 * bad arguments and when the file cannot be split: gzip, standard input,
 * not read as JSON Lines (one JSON document, a feed, WARC, a page), or a
 * range that is not on line starts within the file. */
WINNOW_API winnow_status winnow_stream_open_range(const winnow_options *o, const char *path,
                                                  unsigned long long offset,
                                                  unsigned long long length,
                                                  unsigned long long first_record,
                                                  winnow_stream **out);
/* Reads the rest of a stream without extracting and sets *records to the
 * stream's record count at its end (the stats' records: articles + errors +
 * skipped, as winnow_stream_next would have produced them). Cheaper than
 * extracting: the input is read and its JSON parsed, nothing is cleaned.
 * Use it on a fresh stream; afterwards the stream is exhausted
 * (winnow_stream_next returns WINNOW_END). WINNOW_ERR_ARG on NULL, or when
 * winnow_stream_next already started worker threads on it. */
WINNOW_API winnow_status winnow_stream_count(winnow_stream *s, unsigned long long *records);
/* Produces the next document. Returns WINNOW_OK and sets *doc (free it with
 * winnow_doc_free), or WINNOW_END when the input is exhausted. */
WINNOW_API winnow_status winnow_stream_next(winnow_stream *s, winnow_doc **doc);
WINNOW_API void winnow_stream_free(winnow_stream *s);

/* Counts so far for a stream. records = articles + errors + skipped. */
typedef struct winnow_stats {
    unsigned long long records;  /* input records seen */
    unsigned long long articles; /* article documents returned */
    unsigned long long errors;   /* error records returned */
    unsigned long long skipped;  /* records skipped by design */
    unsigned long long bytes_read;  /* raw input bytes consumed */
    long long bytes_total;          /* input size when known, else -1 */
} winnow_stats;
WINNOW_API void winnow_stream_stats(const winnow_stream *s, winnow_stats *st);
/* Header defects read past so far: lines of a WARC or HTTP head that are
 * not "Name: value" (skipped, the record is read all the same), HTTP
 * responses without a status line, Content-Lengths that ran over the next
 * record (the block ends where it starts). Not errors; counted so that a
 * damaged archive is noticed. */
WINNOW_API unsigned long long winnow_stream_header_warnings(const winnow_stream *s);
/* Skipped records by reason: reason i (0-based) and its count; returns the
 * number of reasons, or fills nothing when i is out of range. */
WINNOW_API size_t winnow_stream_skip_reason(const winnow_stream *s, size_t i,
                                            const char **reason, unsigned long long *count);

/* Convenience: processes a buffer holding a single document (text, HTML or
 * one JSON record) and returns it; when the buffer holds several records
 * only the first is returned. */
WINNOW_API winnow_status winnow_process(const winnow_options *o, const void *data, size_t len,
                                        const char *source, winnow_doc **doc);

/* ---- documents -------------------------------------------------------- */

typedef enum winnow_field {
    WINNOW_FIELD_SOURCE = 0,     /* input name, "#N" appended for record N (1-based) */
    WINNOW_FIELD_URL,            /* canonical URL */
    WINNOW_FIELD_TITLE,
    WINNOW_FIELD_SUBTITLE,       /* dek / standfirst */
    WINNOW_FIELD_PUBLISHER,      /* who originally published the story */
    WINNOW_FIELD_REPUBLISHER,    /* the site that reposted it, when different */
    WINNOW_FIELD_DATE_PUBLISHED, /* ISO 8601 */
    WINNOW_FIELD_DATE_MODIFIED,  /* ISO 8601 */
    WINNOW_FIELD_LANGUAGE,       /* ISO 639-1 code */
    WINNOW_FIELD_DESCRIPTION,
    WINNOW_FIELD_IMAGE,
    WINNOW_FIELD_TEXT,           /* body paragraphs separated by a blank line */
    WINNOW_FIELD_ERROR_CODE,     /* error and skip records: "invalid_json", "request" */
    WINNOW_FIELD_ERROR_MESSAGE,  /* error records only, human readable */
    /* Provenance, on every record read from a WARC archive (articles,
     * error and skip records alike), and truncation (any input); appended
     * here to keep the values of the fields above. */
    WINNOW_FIELD_FETCH_URL,      /* WARC-Target-URI: the URL the crawler fetched */
    WINNOW_FIELD_WARC_RECORD_ID, /* WARC-Record-ID, else WARC-TREC-ID */
    WINNOW_FIELD_FETCH_DATE,     /* WARC-Date as ISO 8601 (absent if unparseable) */
    WINNOW_FIELD_WARC_TREC_ID,   /* WARC-TREC-ID (ClueWeb09 document id) */
    WINNOW_FIELD_TRUNCATED,      /* the record is incomplete, and why: the
                                    WARC-Truncated value ("length", "time",
                                    ...) or "end_of_file" (cut off by the end
                                    of the archive) or "payload" (HTTP body
                                    cut short) or "text_cut" (a JSON record's
                                    text ended with an API's cut-off marker,
                                    such as "[+2345 chars]") */
    WINNOW_FIELD_COUNT_
} winnow_field;

/* 1 for an error record (no article), 0 otherwise. */
WINNOW_API int winnow_doc_is_error(const winnow_doc *d);
/* 1 for a skip record (only returned with winnow_options_set_skipped); its
 * reason is WINNOW_FIELD_ERROR_CODE. */
WINNOW_API int winnow_doc_is_skip(const winnow_doc *d);
/* A string field, or NULL when the document has no value for it. */
WINNOW_API const char *winnow_doc_field(const winnow_doc *d, winnow_field f);
WINNOW_API size_t winnow_doc_word_count(const winnow_doc *d);

typedef enum winnow_author_part {
    WINNOW_AUTHOR_NAME = 0,
    WINNOW_AUTHOR_ROLE,   /* e.g. "reporter", "editing" */
    WINNOW_AUTHOR_HANDLE, /* social handle, e.g. "@someone" */
    WINNOW_AUTHOR_URL,    /* the author's page */
    WINNOW_AUTHOR_EMAIL   /* an address the source gave (feeds), e.g. "ann@host.example" */
} winnow_author_part;

WINNOW_API size_t winnow_doc_author_count(const winnow_doc *d);
/* Part of author i (0-based), or NULL when absent or i is out of range. */
WINNOW_API const char *winnow_doc_author(const winnow_doc *d, size_t i, winnow_author_part p);

WINNOW_API size_t winnow_doc_tag_count(const winnow_doc *d);
WINNOW_API const char *winnow_doc_tag(const winnow_doc *d, size_t i);

/* Removed blocks: text and reason code (e.g. "duplicate",
 * "syndication_footer"); see docs/schema.md. Always recorded; the JSONL
 * rendering shows them only with explain. */
WINNOW_API size_t winnow_doc_removed_count(const winnow_doc *d);
WINNOW_API const char *winnow_doc_removed_text(const winnow_doc *d, size_t i);
WINNOW_API const char *winnow_doc_removed_reason(const winnow_doc *d, size_t i);

/* Renders the document in the given format, with a trailing newline.
 * *out is malloc'd (free with winnow_free); *len excludes the final NUL.
 * In TEXT and MARKDOWN formats an error record renders as an empty string. */
WINNOW_API winnow_status winnow_doc_render(const winnow_doc *d, winnow_format f, int explain,
                                           char **out, size_t *len);

WINNOW_API void winnow_doc_free(winnow_doc *d);
/* Frees memory returned by winnow_doc_render. */
WINNOW_API void winnow_free(void *p);

/* ---- near-duplicate clustering ----------------------------------------- */

/* The clustering of `winnow dedup` / `winnow --dedup` (docs/design.md),
 * with its default parameters, over winnow's JSONL records. Two ways:
 *
 *   whole:   add every record (winnow_dedup_add_json), winnow_dedup_finish,
 *            then winnow_dedup_result per article: the same clusters as
 *            `winnow dedup` over the same lines in the same order.
 *   by hand: for callers that spread the work (python/winnow/dask.py):
 *            each record's keys (winnow_dedup_keys) are grouped by
 *            (kind, band, key) anywhere; in each group the pairs are
 *            checked with winnow_dedup_verify; the pairs found are joined
 *            (union-find); each component's records are added, in input
 *            order, to a store and winnow_dedup_finish_component chooses its
 *            canonical. Records travel between stores as summaries
 *            (winnow_dedup_summary / winnow_dedup_add_summary), never as
 *            text. docs/python.md states the group rules exactly.
 *
 * A store is used by one thread at a time; distinct stores are independent.
 * Indexes are 0-based in the order records were added. */
typedef struct winnow_dedup winnow_dedup;

typedef enum winnow_dup_kind {
    WINNOW_DUP_NONE = 0,  /* not a copy */
    WINNOW_DUP_EXACT,     /* same words (case and punctuation aside) */
    WINNOW_DUP_NEAR,      /* estimated Jaccard of the shingles >= 0.5 */
    WINNOW_DUP_CONTAINED  /* most of the shorter text is in the longer */
} winnow_dup_kind;

/* A new, empty store. NULL only if memory is exhausted. */
WINNOW_API winnow_dedup *winnow_dedup_new(void);
WINNOW_API void winnow_dedup_free(winnow_dedup *d);
/* Empties the store for reuse (keeps its memory). */
WINNOW_API void winnow_dedup_reset(winnow_dedup *d);
/* Articles added so far. */
WINNOW_API size_t winnow_dedup_count(const winnow_dedup *d);

/* Adds one JSONL line (without its newline). An article (a JSON object
 * with a string "text" and no "error" or "skipped" member) is summarised
 * and its index returned; anything else (error and skip records, other
 * JSON, junk) takes no part and -1 is returned. */
WINNOW_API long long winnow_dedup_add_json(winnow_dedup *d, const char *line, size_t len);

/* Copies article i's summary (fingerprint, counts, signature: what
 * clustering reads of the text; about 500 bytes) to buf when cap is large
 * enough; returns its size either way. The bytes are only meaningful to the
 * same library version on the same architecture. */
WINNOW_API size_t winnow_dedup_summary(const winnow_dedup *d, size_t i, void *buf, size_t cap);
/* Adds an article from a summary and a JSON object holding the fields the
 * canonical choice reads ("source", "publisher", "republisher",
 * "date_published"; a whole record will do, its text is not read).
 * Returns its index, or -1 when the summary or the JSON is not valid. */
WINNOW_API long long winnow_dedup_add_summary(winnow_dedup *d, const void *summary, size_t len,
                                              const char *meta, size_t meta_len);

typedef enum winnow_key_kind {
    WINNOW_KEY_EXACT = 0, /* the fingerprint of the folded text (articles with words) */
    WINNOW_KEY_BAND,      /* LSH band `band` of the MinHash signature */
    WINNOW_KEY_LEAD,      /* the first 20 words */
    WINNOW_KEY_ANCHOR     /* content-chosen 12-word anchors (several per article) */
} winnow_key_kind;

typedef struct winnow_dedup_key {
    winnow_key_kind kind;
    unsigned band;            /* WINNOW_KEY_BAND: 0-based band; else 0 */
    unsigned long long key;
} winnow_dedup_key;

/* Article i's candidate keys: the EXACT key when its text has words, and
 * the BAND, LEAD and ANCHOR keys when it is long enough for a signature (50
 * words). Fills up to cap keys; returns how many there are (at most 40). */
WINNOW_API size_t winnow_dedup_keys(const winnow_dedup *d, size_t i, winnow_dedup_key *keys,
                                    size_t cap);
/* Article i's MinHash signature: fills up to cap values and returns its
 * length (112), or 0 when the text is too short to have one. */
WINNOW_API size_t winnow_dedup_signature(const winnow_dedup *d, size_t i, unsigned *sig,
                                         size_t cap);
/* Article i's cluster id were it alone: the fingerprint of its folded text
 * (of its whole line when the text has no words). */
WINNOW_API unsigned long long winnow_dedup_fingerprint(const winnow_dedup *d, size_t i);
/* Is i a copy of j or j of i? *similarity (may be NULL) gets the estimated
 * Jaccard. The one test clustering uses for every candidate pair. */
WINNOW_API winnow_dup_kind winnow_dedup_verify(const winnow_dedup *d, size_t i, size_t j,
                                               double *similarity);

/* Clusters everything added, as `winnow dedup` does. Call once; nothing
 * may be added afterwards (until winnow_dedup_reset). */
WINNOW_API void winnow_dedup_finish(winnow_dedup *d);
/* Instead of winnow_dedup_finish: everything added is one component (the
 * caller joined it); chooses the canonical (the original when a repost
 * names it, else the earliest date, the longest text, the first added) and
 * splits off the members not close to it into clusters of their own. */
WINNOW_API void winnow_dedup_finish_component(winnow_dedup *d);
/* After a finish: article i's cluster fields as JSON members, each
 * preceded by a comma, exactly as `winnow dedup` splices them before the
 * record's closing brace (",\"cluster\":\"…\",\"canonical\":true"; explain:
 * with dedup_reason). *out is malloc'd (winnow_free); *len excludes the
 * NUL. WINNOW_ERR_ARG when i is out of range or the store is not finished. */
WINNOW_API winnow_status winnow_dedup_result(const winnow_dedup *d, size_t i, int explain,
                                             char **out, size_t *len);
/* After a finish: the line `winnow dedup` writes for article i, given the
 * JSONL line it was added from (line, len; no newline): the fields spliced
 * in, or, for a line that needed the lenient parser's repairs, holds invalid
 * UTF-8 or already has cluster fields, the record rendered again as strict
 * JSON with the new fields. *out (malloc'd, winnow_free) ends with a
 * newline; *out_len excludes the NUL. WINNOW_ERR_ARG when i is out of
 * range, the store is not finished, or the line is not a JSON object. */
WINNOW_API winnow_status winnow_dedup_render(winnow_dedup *d, size_t i, const char *line,
                                             size_t len, int explain, char **out,
                                             size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
