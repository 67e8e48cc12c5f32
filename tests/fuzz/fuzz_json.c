/*
 * fuzz_json.c — the lenient JSON parser (src/input/json.c) on raw bytes.
 *
 * The input is parsed as a stream of values the way a JSONL dump or a file
 * of concatenated documents is read: one wn_json_parse, then again on the
 * remainder after *consumed, until a parse fails or the input is used up.
 * Each value is walked and checked against input.h: strings and keys are
 * NUL-terminated valid UTF-8 of the stated length, child counts match,
 * nesting stays within the limit, *consumed lies inside the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "input/input.h"

#define MAX_DEPTH 64

static size_t walk(const wn_json *v, int depth, int *maxd)
{
    if (depth > *maxd) *maxd = depth;
    FUZZ_CHECK(v->type <= WN_JSON_OBJECT, "bad value type %d", (int)v->type);
    if (v->key) {
        FUZZ_CHECK(v->key[v->key_len] == 0, "key not NUL-terminated at key_len");
        FUZZ_CHECK(wn_utf8_valid(v->key, v->key_len), "key is not valid UTF-8");
    }
    switch (v->type) {
    case WN_JSON_STRING:
    case WN_JSON_NUMBER:
    case WN_JSON_BOOL:
        FUZZ_CHECK(v->str != NULL, "scalar without text");
        FUZZ_CHECK(v->str[v->len] == 0, "string not NUL-terminated at len");
        FUZZ_CHECK(wn_utf8_valid(v->str, v->len), "string is not valid UTF-8");
        if (v->type == WN_JSON_BOOL)
            FUZZ_CHECK(strcmp(v->str, "true") == 0 || strcmp(v->str, "false") == 0,
                       "bool text is %s", v->str);
        break;
    case WN_JSON_ARRAY:
    case WN_JSON_OBJECT: {
        size_t n = 0, total = 1;
        for (const wn_json *c = v->child; c; c = c->next) {
            n++;
            if (v->type == WN_JSON_OBJECT) {
                FUZZ_CHECK(c->key != NULL, "object member without a key");
                FUZZ_CHECK(wn_json_get(v, c->key) != NULL, "wn_json_get misses a member");
            }
            total += walk(c, depth + 1, maxd);
        }
        FUZZ_CHECK(n == v->count, "count %zu, %zu children", v->count, n);
        return total;
    }
    default: break;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    size_t off = 0;
    for (int round = 0; off < size && round < 10000; round++) {
        wn_arena a;
        wn_arena_init(&a);
        size_t consumed = (size_t)-1;
        wn_json_diag diag;
        memset(&diag, 0, sizeof diag);
        wn_json *v = wn_json_parse(&a, buf + off, size - off, MAX_DEPTH, &consumed, &diag);
        if (!v) {
            FUZZ_CHECK(diag.error != NULL, "failed parse without diag.error");
            FUZZ_CHECK(diag.error_offset <= size - off, "error_offset %zu past the input (%zu)",
                       diag.error_offset, size - off);
            wn_arena_release(&a);
            break;
        }
        FUZZ_CHECK(diag.error == NULL, "successful parse with diag.error %s", diag.error);
        FUZZ_CHECK(consumed > 0 && consumed <= size - off, "consumed %zu of %zu", consumed,
                   size - off);
        int maxd = 0;
        walk(v, 1, &maxd);
        FUZZ_CHECK(maxd <= MAX_DEPTH + 1, "nesting %d past the limit %d", maxd, MAX_DEPTH);
        /* the record walker over the same tree (what records.c does next) */
        wn_ptrvec recs;
        memset(&recs, 0, sizeof recs);
        wn_records_collect(&a, v, MAX_DEPTH, &recs);
        for (size_t i = 0; i < recs.n && i < 16; i++) {
            wn_doc *d = wn_doc_new("fuzz");
            wn_record_to_doc(d, recs.v[i], FUZZ_DOC_BYTES, MAX_DEPTH);
            winnow_doc_free(d);
        }
        wn_arena_release(&a);
        off += consumed;
    }
    return 0;
}
