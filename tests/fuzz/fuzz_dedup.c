/*
 * fuzz_dedup.c — winnow JSONL through the near-duplicate clustering stage
 * (src/dedup/): both passes over a seekable spooled input, or the one-pass
 * window of --order stream; --explain; band keys written. The first byte
 * picks the mode, the window (1 to 8) and --drop-duplicates. The output's
 * article lines (those given cluster fields: lines that do not stand in the
 * input as they are) must each be one valid JSON object, and nothing may
 * crash or leak; other lines pass through as they came. Small signatures
 * (16 hashes in 4 bands, 2-word shingles, 3 words to cluster) keep each run
 * fast and let short inputs reach the clustering code.
 */
#define _GNU_SOURCE /* fmemopen, open_memstream */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    FILE *in = fmemopen((void *)data, size, "r");
    if (!in) return 0;
    char *obuf = NULL, *bbuf = NULL;
    size_t olen = 0, blen = 0;
    FILE *out = open_memstream(&obuf, &olen);
    FILE *bands = open_memstream(&bbuf, &blen);
    wn_dedup_run r = {0};
    wn_dedup_params_default(&r.params);
    r.params.shingle = 2;
    r.params.hashes = 16;
    r.params.bands = 4;
    r.params.rows = 4;
    r.params.min_words = 3;
    r.explain = 1;
    r.drop_duplicates = data[0] & 1;
    r.stream = (data[0] & 2) != 0; /* --order stream, a window of 1 to 8 */
    r.window = 1 + (size_t)((data[0] >> 2) & 7);
    r.bands = bands;
    r.max_line = 1 << 16;
    r.max_depth = 64;
    wn_dedup_input di = {"fuzz", in};
    wn_dedup_stats st = {0};
    const char *err = NULL;
    wn_dedup_jsonl(&r, &di, 1, out, &st, &err);
    fclose(out);
    fclose(bands);
    fclose(in);
    /* every line winnow wrote fields into is one valid JSON object */
    const char *p = obuf, *end = obuf + olen;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        /* a line that stands in the input as it is passed through */
        int passed = le > p && memmem(data, size, p, (size_t)(le - p)) != NULL;
        if (le > p && *p == '{' && !passed && memmem(p, (size_t)(le - p), "\"cluster\":", 10)) {
            const char *q = p;
            if (fuzz_json_value(&q, le, 0) != 0) abort();
            fuzz_json_ws(&q, le);
            if (q != le) abort();
        }
        p = le + 1;
    }
    free(obuf);
    free(bbuf);
    return 0;
}
