/*
 * pipeline.c — one document through the stages, in the one place their
 * order is written down:
 *
 *   HTML payload:  dom (bytes -> UTF-8 -> node model) -> meta (what the page
 *                  states: JSON-LD, meta tags, bylines) -> extract (the
 *                  story's blocks) -> clean -> meta (final fields)
 *   text payload:  input/text.c (lines -> blocks) -> clean -> meta
 *
 * Pure function of the options and the
 * document: no shared state, so any number of threads may run it.
 *
 * The time budget is checked between stages. No stage is super-linear in
 * its input (and inputs are bounded by the size limit), so a check at stage
 * boundaries bounds the overrun to one stage on one bounded document.
 */
#include "lib.h"

#include "../dom/dom.h"
#include "../extract/extract.h"
#include "../input/input.h"
#include "../meta/meta.h"

#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int over_budget(const winnow_options *o, wn_doc *d, double t0, const char *stage)
{
    double spent = now_ms() - t0;
    if (!o->time_ms || spent <= o->time_ms) return 0;
    wn_doc_set_error(d, "timeout", "time budget of %u ms exceeded after %s (%.0f ms)", o->time_ms,
                     stage, spent);
    return 1;
}

void wn_run_pipeline(const winnow_options *o, wn_doc *d)
{
    if (d->is_error || d->is_skip) {
        /* an input stage gave up (a feed item without content, a WARC
         * request): what it read (title, link, dates...) still becomes the
         * record's fields */
        wn_meta(d);
        return;
    }
    double t0 = now_ms();
    if (d->payload_len > o->max_doc_bytes) {
        wn_doc_set_error(d, "too_large", "document is %zu bytes, limit is %zu", d->payload_len,
                         o->max_doc_bytes);
        return;
    }
    if (d->payload_is_html) {
        wn_dom dom;
        if (wn_html_parse(d, d->payload, d->payload_len, o->max_depth, o->max_nodes, &dom) < 0)
            return;
        wn_html_meta(d, &dom);
        wn_extract_info info;
        wn_extract(d, &dom, &o->extract, &info);
        d->extract_method = info.method;
        d->container_known = strcmp(info.method, "body") != 0;
    } else {
        wn_text_to_blocks(d, d->payload, d->payload_len);
    }
    d->payload = NULL; /* the bytes belong to the caller */
    if (over_budget(o, d, t0, "parsing")) return;
    wn_clean(d, o->rules);
    if (over_budget(o, d, t0, "cleaning")) return;
    wn_meta(d);
    if (!d->field[WINNOW_FIELD_TEXT])
        wn_doc_set_error(d, "no_text", "no article text left after cleaning");
}
