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
 *
 * The same lines then go through the public API (winnow_dedup_*, default
 * parameters): each article's summary must load into a second store with
 * the same fingerprint and keys, the raw input must be refused or taken as
 * a summary without harm, and every article's rendered line must be one
 * valid JSON object.
 */
#define _GNU_SOURCE /* fmemopen, open_memstream */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "dedup/dedup.h"
#include "winnow.h"

/* exactly one JSON object (blanks and a UTF-8 BOM before it are dropped) */
static void valid_object(const char *p, size_t n)
{
    const char *q = p, *le = p + n;
    while (le > p && le[-1] == '\n') le--;
    int bad = fuzz_json_value(&q, le, 0) != 0;
    fuzz_json_ws(&q, le);
    if (bad || q != le) {
        fprintf(stderr, "not one JSON object at %zu: %.*s\n", (size_t)(q - p), (int)n, p);
        abort();
    }
}

/* the public clustering API over the input's lines (the first 64) */
static void public_api(const uint8_t *data, size_t size)
{
    winnow_dedup *a = winnow_dedup_new(), *b = winnow_dedup_new();
    if (!a || !b) abort();
    winnow_dedup_add_summary(b, data, size, "{}", 2); /* junk: refused or harmless */
    winnow_dedup_reset(b);
    const char *p = (const char *)data, *end = p + size;
    const char *art[64];
    size_t artlen[64], nart = 0;
    for (size_t lines = 0; p < end && lines < 64; lines++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        long long i = winnow_dedup_add_json(a, p, (size_t)(le - p));
        if (i >= 0) {
            if ((size_t)i != nart) abort(); /* articles are numbered in order */
            art[nart] = p;
            artlen[nart++] = (size_t)(le - p);
            size_t need = winnow_dedup_summary(a, (size_t)i, NULL, 0);
            unsigned char *buf = malloc(need);
            if (!buf || winnow_dedup_summary(a, (size_t)i, buf, need) != need) abort();
            long long j = winnow_dedup_add_summary(b, buf, need, "{\"source\":\"x\"}", 14);
            if (j < 0 ||
                winnow_dedup_fingerprint(a, (size_t)i) != winnow_dedup_fingerprint(b, (size_t)j))
                abort();
            winnow_dedup_key ka[64], kb[64];
            size_t na = winnow_dedup_keys(a, (size_t)i, ka, 64);
            if (na > 64 || na != winnow_dedup_keys(b, (size_t)j, kb, 64)) abort();
            for (size_t k = 0; k < na; k++)
                if (ka[k].key != kb[k].key || ka[k].kind != kb[k].kind) abort();
            free(buf);
        }
        p = le + 1;
    }
    winnow_dedup_finish(a);
    winnow_dedup_finish_component(b);
    for (size_t i = 0; i < nart; i++) {
        char *out;
        size_t n;
        if (winnow_dedup_render(a, i, art[i], artlen[i], 1, &out, &n) != WINNOW_OK) abort();
        valid_object(out, n);
        winnow_free(out);
        if (winnow_dedup_result(b, i, 1, &out, &n) != WINNOW_OK) abort();
        winnow_free(out);
    }
    winnow_dedup_free(a);
    winnow_dedup_free(b);
}

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
    public_api(data, size);
    return 0;
}
