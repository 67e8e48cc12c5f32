/*
 * lib.h — what the public API's files share: the options structure and the
 * per-document pipeline.
 */
#ifndef WN_LIB_H
#define WN_LIB_H

#include "winnow.h"

#include "../clean/clean.h"
#include "../core/doc.h"
#include "../extract/extract.h"

struct winnow_options {
    winnow_format format;
    winnow_input input;
    int explain;
    int skipped;   /* stream_next also returns skip records */
    int threads;   /* workers per stream; 1 = in the caller's thread */
    size_t max_doc_bytes, max_input_bytes, max_nodes;
    int max_depth;
    unsigned time_ms; /* per-document time budget */
    wn_rules *rules;
    wn_extract_params extract; /* tuning constants of the extractor */
};

/* Runs one document through dom/text -> clean -> meta. Safe to call from
 * several threads at once on different documents. */
void wn_run_pipeline(const winnow_options *o, wn_doc *d);

#endif
