/*
 * fuzz_warc.c — the streaming WARC reader (src/input/warc.c).
 *
 * The input is an archive (plain, gzip per record, or whole-file gzip). It
 * is handed to wn_warc_new through a read callback that returns chunks of
 * pseudo-random size (1 byte .. 8 KiB, from a generator seeded by the
 * input, so a crash replays exactly), with a small record limit, and
 * wn_warc_next is called until it returns 0. Every record is checked
 * against warc.h: lengths within the limit, every string NUL-terminated,
 * every byte of block and payload readable (AddressSanitizer), buffers
 * bounded. Then the public API (WINNOW_INPUT_AUTO, skip records on) runs
 * on the same bytes, so WARC -> documents -> pipeline is exercised too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "input/warc.h"

#define MAX_RECORD ((size_t)64 << 10)

static winnow_options *opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    opts = fuzz_options(WINNOW_INPUT_AUTO, 0, 1);
    return 0;
}

typedef struct {
    const uint8_t *p;
    size_t n, pos;
    uint64_t rng;
    int ended; /* 0 was returned once */
} mem_src;

static uint64_t next_rand(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static long mem_read(void *ctx, void *buf, size_t n)
{
    mem_src *s = ctx;
    FUZZ_CHECK(n > 0, "read callback asked for 0 bytes");
    size_t left = s->n - s->pos;
    if (left == 0) {
        s->ended = 1;
        return 0;
    }
    uint64_t r = next_rand(&s->rng);
    size_t want;
    switch (r & 3) {
    case 0: want = 1 + (size_t)((r >> 8) % 16); break;
    case 1: want = 1 + (size_t)((r >> 8) % 512); break;
    case 2: want = 1 + (size_t)((r >> 8) % 8192); break;
    default: want = n; break;
    }
    if (want > n) want = n;
    if (want > left) want = left;
    memcpy(buf, s->p + s->pos, want);
    s->pos += want;
    return (long)want;
}

static void check_fields(const wn_warc_field *f, size_t n)
{
    FUZZ_CHECK(n == 0 || f != NULL, "%zu fields, no array", n);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(f[i].name && f[i].value, "field %zu without name/value", i);
        (void)strlen(f[i].name);
        (void)strlen(f[i].value);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t seed = 0xcbf29ce484222325ull ^ size;
    for (size_t i = 0; i < size; i++) seed = (seed ^ data[i]) * 0x100000001b3ull;
    mem_src src = {data, size, 0, seed, 0};
    wn_warc *w = wn_warc_new(mem_read, &src, MAX_RECORD);
    FUZZ_CHECK(w != NULL, "wn_warc_new returned NULL");
    size_t calls = 0;
    for (;;) {
        wn_warc_record r;
        memset(&r, 0x5a, sizeof r); /* the reader must set what it returns */
        int rc = wn_warc_next(w, &r);
        FUZZ_CHECK(rc == 1 || rc == 0 || rc == -1, "wn_warc_next returned %d", rc);
        if (rc == 0) break;
        /* a bounded number of records per input byte, even from gzip
         * (a record needs at least "WARC/1.x\r\n\r\n") */
        FUZZ_CHECK(++calls <= 1000000, "wn_warc_next does not reach the end");
        size_t held = wn_warc_buffer_bytes(w);
        FUZZ_CHECK(held <= MAX_RECORD * 9 / 4 + ((size_t)1 << 20),
                   "reader holds %zu bytes (limit %zu)", held, MAX_RECORD);
        if (rc == -1) {
            FUZZ_CHECK(r.error != NULL, "-1 without an error message");
            (void)strlen(r.error);
            continue;
        }
        FUZZ_CHECK(r.type <= WN_WARC_CONTINUATION, "type %d", (int)r.type);
        (void)strlen(wn_warc_type_name(r.type));
        const char *strs[] = {r.type_name, r.version, r.target_uri, r.date, r.record_id,
                              r.content_type, r.truncated, r.http_content_type,
                              r.content_encoding, r.transfer_encoding, r.media_type,
                              r.charset, r.payload_error, r.trec_id};
        for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
            if (strs[i]) (void)strlen(strs[i]);
        FUZZ_CHECK(!r.cut_short || r.truncated, "cut short without a truncation reason");
        FUZZ_CHECK(!r.payload_truncated || r.payload_error, "payload cut without a message");
        check_fields(r.fields, r.n_fields);
        check_fields(r.http_fields, r.n_http_fields);
        if (r.too_large) {
            FUZZ_CHECK(r.block == NULL, "too_large record with a block");
        } else {
            FUZZ_CHECK(r.block != NULL || r.block_len == 0, "no block, length %zu", r.block_len);
            FUZZ_CHECK(r.block_len <= MAX_RECORD, "block of %zu bytes past the limit",
                       r.block_len);
            if (r.block) fuzz_touch(r.block, r.block_len);
        }
        FUZZ_CHECK(r.payload != NULL || r.payload_len == 0, "no payload, length %zu",
                   r.payload_len);
        FUZZ_CHECK(r.payload_len <= MAX_RECORD, "payload of %zu bytes past the limit",
                   r.payload_len);
        if (r.payload) fuzz_touch(r.payload, r.payload_len);
        FUZZ_CHECK(r.is_html == 0 || r.is_html == 1, "is_html %d", r.is_html);
        if (r.media_type)
            for (const char *c = r.media_type; *c; c++)
                FUZZ_CHECK(!(*c >= 'A' && *c <= 'Z'), "media type %s not lower case",
                           r.media_type);
        if (r.n_fields) {
            const char *v = wn_warc_field_get(r.fields, r.n_fields, r.fields[0].name);
            FUZZ_CHECK(v != NULL, "wn_warc_field_get misses the first field");
        }
    }
    /* the end is sticky */
    wn_warc_record r;
    FUZZ_CHECK(wn_warc_next(w, &r) == 0, "wn_warc_next after 0");
    wn_warc_free(w);

    fuzz_run_stream(opts, data, size, 1);
    return 0;
}
