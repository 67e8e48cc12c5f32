"""Binding to libwinnow: cffi in ABI mode.

Why cffi ABI mode (and not ctypes, nor cffi's API mode): the declarations
below are plain C, copied from include/winnow.h, so the binding reads like
the header and cffi checks every call's argument types; ABI mode loads the
shared library with dlopen at import, so installing compiles nothing (no C
compiler or Python headers needed at install time, just Debian's
python3-cffi). Like ctypes, cffi releases the GIL for the duration of every
foreign call, which is what lets Python threads extract in parallel.

The library is looked for, in order: $WINNOW_LIB (a path to libwinnow.so);
libwinnow.so inside this package (where `make python` puts it); the
checkout's build/ directory (running from the source tree).
"""
from __future__ import annotations

import os

from cffi import FFI

CDEF = r"""
const char *winnow_version(void);
typedef enum winnow_status {
    WINNOW_OK = 0, WINNOW_END = 1, WINNOW_ERR_ARG = -1, WINNOW_ERR_IO = -2, WINNOW_ERR_LIMIT = -3
} winnow_status;
const char *winnow_status_str(winnow_status st);

typedef struct winnow_options winnow_options;
typedef enum winnow_format { WINNOW_FORMAT_JSONL = 0, WINNOW_FORMAT_TEXT, WINNOW_FORMAT_MARKDOWN } winnow_format;
typedef enum winnow_input { WINNOW_INPUT_AUTO = 0, WINNOW_INPUT_JSON, WINNOW_INPUT_TEXT, WINNOW_INPUT_HTML } winnow_input;
typedef enum winnow_limit {
    WINNOW_LIMIT_DOC_BYTES = 0, WINNOW_LIMIT_INPUT_BYTES, WINNOW_LIMIT_DEPTH, WINNOW_LIMIT_NODES,
    WINNOW_LIMIT_TIME_MS
} winnow_limit;
winnow_options *winnow_options_new(void);
void winnow_options_free(winnow_options *o);
winnow_status winnow_options_set_format(winnow_options *o, winnow_format f);
winnow_status winnow_options_set_input(winnow_options *o, winnow_input in);
winnow_status winnow_options_set_explain(winnow_options *o, int explain);
winnow_status winnow_options_set_limit(winnow_options *o, winnow_limit which, size_t value);
winnow_status winnow_options_set_threads(winnow_options *o, unsigned n);
winnow_status winnow_options_set_skipped(winnow_options *o, int skipped);
winnow_status winnow_options_set_param(winnow_options *o, const char *name, double value);

typedef struct winnow_stream winnow_stream;
typedef struct winnow_doc winnow_doc;
winnow_status winnow_stream_open_memory(const winnow_options *o, const void *data, size_t len,
                                        const char *source, winnow_stream **out);
winnow_status winnow_stream_open_file(const winnow_options *o, const char *path, winnow_stream **out);
winnow_status winnow_stream_open_range(const winnow_options *o, const char *path,
                                       unsigned long long offset, unsigned long long length,
                                       unsigned long long first_record, winnow_stream **out);
winnow_status winnow_stream_count(winnow_stream *s, unsigned long long *records);
winnow_status winnow_stream_next(winnow_stream *s, winnow_doc **doc);
void winnow_stream_free(winnow_stream *s);
typedef struct winnow_stats {
    unsigned long long records, articles, errors, skipped, bytes_read;
    long long bytes_total;
} winnow_stats;
void winnow_stream_stats(const winnow_stream *s, winnow_stats *st);
unsigned long long winnow_stream_header_warnings(const winnow_stream *s);
size_t winnow_stream_skip_reason(const winnow_stream *s, size_t i, const char **reason,
                                 unsigned long long *count);
winnow_status winnow_process(const winnow_options *o, const void *data, size_t len,
                             const char *source, winnow_doc **doc);
int winnow_doc_is_error(const winnow_doc *d);
int winnow_doc_is_skip(const winnow_doc *d);
winnow_status winnow_doc_render(const winnow_doc *d, winnow_format f, int explain, char **out,
                                size_t *len);
void winnow_doc_free(winnow_doc *d);
void winnow_free(void *p);

typedef struct winnow_dedup winnow_dedup;
typedef enum winnow_dup_kind {
    WINNOW_DUP_NONE = 0, WINNOW_DUP_EXACT, WINNOW_DUP_NEAR, WINNOW_DUP_CONTAINED
} winnow_dup_kind;
winnow_dedup *winnow_dedup_new(void);
void winnow_dedup_free(winnow_dedup *d);
void winnow_dedup_reset(winnow_dedup *d);
size_t winnow_dedup_count(const winnow_dedup *d);
long long winnow_dedup_add_json(winnow_dedup *d, const char *line, size_t len);
size_t winnow_dedup_summary(const winnow_dedup *d, size_t i, void *buf, size_t cap);
long long winnow_dedup_add_summary(winnow_dedup *d, const void *summary, size_t len,
                                   const char *meta, size_t meta_len);
typedef enum winnow_key_kind {
    WINNOW_KEY_EXACT = 0, WINNOW_KEY_BAND, WINNOW_KEY_LEAD, WINNOW_KEY_ANCHOR
} winnow_key_kind;
typedef struct winnow_dedup_key {
    winnow_key_kind kind;
    unsigned band;
    unsigned long long key;
} winnow_dedup_key;
size_t winnow_dedup_keys(const winnow_dedup *d, size_t i, winnow_dedup_key *keys, size_t cap);
size_t winnow_dedup_signature(const winnow_dedup *d, size_t i, unsigned *sig, size_t cap);
unsigned long long winnow_dedup_fingerprint(const winnow_dedup *d, size_t i);
winnow_dup_kind winnow_dedup_verify(const winnow_dedup *d, size_t i, size_t j, double *similarity);
void winnow_dedup_finish(winnow_dedup *d);
void winnow_dedup_finish_component(winnow_dedup *d);
winnow_status winnow_dedup_result(const winnow_dedup *d, size_t i, int explain, char **out,
                                  size_t *len);
winnow_status winnow_dedup_render(winnow_dedup *d, size_t i, const char *line, size_t len,
                                  int explain, char **out, size_t *out_len);
"""

ffi = FFI()
ffi.cdef(CDEF)


def _find_library() -> str:
    env = os.environ.get("WINNOW_LIB")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.path.join(here, "libwinnow.so"),
                  os.path.join(here, "..", "..", "build", "libwinnow.so")]
    for c in candidates:
        if os.path.exists(c):
            return os.path.normpath(c)
    raise ImportError("winnow: libwinnow.so not found (install with `make python`, "
                      "or set WINNOW_LIB to its path)")


lib = ffi.dlopen(_find_library())
