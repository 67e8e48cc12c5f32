/*
 * fuzz_records.c — scraper JSON/JSONL dumps through the public API: a
 * memory stream with WINNOW_INPUT_JSON (lenient parse, record walk, one
 * document per record, JSONL streaming), every document rendered in all
 * three formats and checked (fuzz_common.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

static winnow_options *opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    opts = fuzz_options(WINNOW_INPUT_JSON, 1, 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run_stream(opts, data, size, 1);
    return 0;
}
