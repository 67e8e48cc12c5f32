/*
 * fuzz_feeds.c — RSS/Atom/RDF/JSON Feed input (src/input/feeds.c):
 *
 *   - wn_feed_sniff and wn_feed_parse on the bytes (whatever the sniff
 *     said: parse must refuse a non-feed cleanly), every item through
 *     wn_feed_item_to_doc and the document pipeline, rendered and checked;
 *     one index past the end must give "no_item";
 *   - the public API with WINNOW_INPUT_AUTO on the same bytes (sniff ->
 *     feed mode, or whatever else the input looks like).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "input/feeds.h"
#include "lib/lib.h"

static winnow_options *opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    opts = fuzz_options(WINNOW_INPUT_AUTO, 1, 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    int sniffed = wn_feed_sniff(buf, size);
    FUZZ_CHECK(sniffed == 0 || sniffed == 1, "wn_feed_sniff returned %d", sniffed);

    wn_arena a;
    wn_arena_init(&a);
    const char *err = NULL;
    wn_feed *f = wn_feed_parse(&a, buf, size, FUZZ_DEPTH, &err);
    if (!f) {
        FUZZ_CHECK(err != NULL, "wn_feed_parse failed without a message");
        (void)strlen(err);
    } else {
        size_t n = wn_feed_count(f);
        for (size_t i = 0; i <= n && i < 256; i++) {
            wn_doc *d = wn_doc_new("fuzz-feed");
            int rc = wn_feed_item_to_doc(f, i, d);
            if (i == n) {
                FUZZ_CHECK(rc == -1 && d->is_error, "item %zu past the count accepted", i);
                FUZZ_CHECK(strcmp(d->field[WINNOW_FIELD_ERROR_CODE], "no_item") == 0,
                           "past the count: %s", d->field[WINNOW_FIELD_ERROR_CODE]);
            } else if (rc == 0) {
                FUZZ_CHECK(!d->is_error, "item %zu: rc 0 with an error record", i);
                wn_run_pipeline(opts, d);
            } else {
                FUZZ_CHECK(d->is_error, "item %zu: rc %d without an error", i, rc);
            }
            fuzz_check_doc(d);
            winnow_doc_free(d);
        }
    }
    wn_arena_release(&a);

    fuzz_run_stream(opts, data, size, 1);
    return 0;
}
