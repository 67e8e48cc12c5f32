/*
 * winnow.c — the public API: options and documents (streams: stream.c).
 *
 * Options hold the compiled boilerplate patterns, built once and read-only
 * afterwards, so one options object serves any number of threads. A
 * document owns one arena; every accessor returns a pointer into it.
 */
#include "lib.h"

#include "../output/output.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

const char *winnow_version(void) { return WINNOW_VERSION_STRING; }

const char *winnow_status_str(winnow_status st)
{
    switch (st) {
    case WINNOW_OK: return "ok";
    case WINNOW_END: return "end of input";
    case WINNOW_ERR_ARG: return "invalid argument";
    case WINNOW_ERR_IO: return "input/output error";
    case WINNOW_ERR_LIMIT: return "input exceeds a limit";
    }
    return "unknown status";
}

winnow_options *winnow_options_new(void)
{
    winnow_options *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    /* libxml2 2.9 sets up its own tables on first use, which is not
     * thread-safe: do it here, before any stream starts worker threads */
    xmlInitParser();
    o->max_doc_bytes = (size_t)32 << 20;
    o->max_input_bytes = (size_t)1 << 30;
    o->max_depth = 512;
    o->max_nodes = 4000000;
    o->time_ms = 30000;
    o->threads = 0;
    wn_extract_params_default(&o->extract);
    o->rules = wn_rules_new();
    if (!o->rules) {
        free(o);
        return NULL;
    }
    return o;
}

void winnow_options_free(winnow_options *o)
{
    if (!o) return;
    wn_rules_free(o->rules);
    free(o);
}

winnow_status winnow_options_set_format(winnow_options *o, winnow_format f)
{
    if (!o || f < WINNOW_FORMAT_JSONL || f > WINNOW_FORMAT_MARKDOWN) return WINNOW_ERR_ARG;
    o->format = f;
    return WINNOW_OK;
}

winnow_status winnow_options_set_input(winnow_options *o, winnow_input in)
{
    if (!o || in < WINNOW_INPUT_AUTO || in > WINNOW_INPUT_HTML) return WINNOW_ERR_ARG;
    o->input = in;
    return WINNOW_OK;
}

winnow_status winnow_options_set_explain(winnow_options *o, int explain)
{
    if (!o) return WINNOW_ERR_ARG;
    o->explain = explain != 0;
    return WINNOW_OK;
}

winnow_status winnow_options_set_threads(winnow_options *o, unsigned n)
{
    if (!o || n > 1024) return WINNOW_ERR_ARG;
    o->threads = (int)n;
    return WINNOW_OK;
}

winnow_status winnow_options_set_skipped(winnow_options *o, int skipped)
{
    if (!o) return WINNOW_ERR_ARG;
    o->skipped = skipped != 0;
    return WINNOW_OK;
}

winnow_status winnow_options_set_param(winnow_options *o, const char *name, double value)
{
    int i = wn_extract_param_index(name);
    if (!o || i < 0 || !(value >= 0 && value <= 1e9)) return WINNOW_ERR_ARG;
    o->extract.v[i] = value;
    return WINNOW_OK;
}

winnow_status winnow_options_set_limit(winnow_options *o, winnow_limit which, size_t value)
{
    if (!o || value == 0) return WINNOW_ERR_ARG;
    switch (which) {
    case WINNOW_LIMIT_DOC_BYTES: o->max_doc_bytes = value; break;
    case WINNOW_LIMIT_INPUT_BYTES: o->max_input_bytes = value; break;
    case WINNOW_LIMIT_DEPTH:
        if (value > 100000) return WINNOW_ERR_ARG;
        o->max_depth = (int)value;
        break;
    case WINNOW_LIMIT_NODES: o->max_nodes = value; break;
    case WINNOW_LIMIT_TIME_MS:
        if (value > 86400000) return WINNOW_ERR_ARG;
        o->time_ms = (unsigned)value;
        break;
    default: return WINNOW_ERR_ARG;
    }
    return WINNOW_OK;
}

/* ---- documents -------------------------------------------------------- */

int winnow_doc_is_error(const winnow_doc *d) { return d ? d->is_error : 1; }

int winnow_doc_is_skip(const winnow_doc *d) { return d ? d->is_skip : 0; }

const char *winnow_doc_field(const winnow_doc *d, winnow_field f)
{
    if (!d || f < 0 || f >= WINNOW_FIELD_COUNT_) return NULL;
    return d->field[f];
}

size_t winnow_doc_word_count(const winnow_doc *d) { return d ? d->word_count : 0; }

size_t winnow_doc_author_count(const winnow_doc *d) { return d ? d->authors.n : 0; }

const char *winnow_doc_author(const winnow_doc *d, size_t i, winnow_author_part p)
{
    if (!d || i >= d->authors.n) return NULL;
    const wn_author *a = d->authors.v[i];
    switch (p) {
    case WINNOW_AUTHOR_NAME: return a->name;
    case WINNOW_AUTHOR_ROLE: return a->role;
    case WINNOW_AUTHOR_HANDLE: return a->handle;
    case WINNOW_AUTHOR_URL: return a->url;
    case WINNOW_AUTHOR_EMAIL: return a->email;
    }
    return NULL;
}

size_t winnow_doc_tag_count(const winnow_doc *d) { return d ? d->tags.n : 0; }

const char *winnow_doc_tag(const winnow_doc *d, size_t i)
{
    return d && i < d->tags.n ? d->tags.v[i] : NULL;
}

size_t winnow_doc_removed_count(const winnow_doc *d) { return d ? d->removed.n : 0; }

const char *winnow_doc_removed_text(const winnow_doc *d, size_t i)
{
    return d && i < d->removed.n ? ((const wn_block *)d->removed.v[i])->text : NULL;
}

const char *winnow_doc_removed_reason(const winnow_doc *d, size_t i)
{
    return d && i < d->removed.n ? ((const wn_block *)d->removed.v[i])->reason : NULL;
}

winnow_status winnow_doc_render(const winnow_doc *d, winnow_format f, int explain, char **out,
                                size_t *len)
{
    if (!d || !out || f < WINNOW_FORMAT_JSONL || f > WINNOW_FORMAT_MARKDOWN)
        return WINNOW_ERR_ARG;
    wn_buf b;
    wn_buf_init(&b);
    wn_render(d, f, explain, &b);
    *out = wn_buf_detach(&b, len);
    return WINNOW_OK;
}

void winnow_doc_free(winnow_doc *d)
{
    if (!d) return;
    wn_arena a = d->arena;
    wn_arena_release(&a);
}

void winnow_free(void *p) { free(p); }
