/*
 * gzip.c — transparent gzip input over zlib.
 *
 * Inputs are decompressed whole (later, streaming readers will take over for
 * WARC). Multi-member files (what `cat a.gz b.gz` makes) are read to the end.
 * A truncated or corrupt stream is reported, not hidden: the caller turns it
 * into an error record so the user learns the file was damaged.
 */
#include "input.h"

#include <zlib.h>

int wn_is_gzip(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

int wn_gunzip(const void *in, size_t inlen, size_t max_out, wn_buf *out, const char **err)
{
    z_stream zs = {0};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
        *err = "zlib initialisation failed";
        return -1;
    }
    const unsigned char *src = in;
    size_t pos = 0;
    int rc = Z_OK, result = 0;
    char chunk[65536];
    for (;;) {
        size_t avail = inlen - pos;
        zs.next_in = (unsigned char *)(src + pos);
        zs.avail_in = avail > (1u << 30) ? (1u << 30) : (uInt)avail;
        zs.next_out = (unsigned char *)chunk;
        zs.avail_out = sizeof chunk;
        uInt before_in = zs.avail_in;
        rc = inflate(&zs, Z_NO_FLUSH);
        pos += before_in - zs.avail_in;
        size_t got = sizeof chunk - zs.avail_out;
        if (out->len + got > max_out) {
            *err = "decompressed input exceeds the size limit";
            result = -2;
            break;
        }
        wn_buf_append(out, chunk, got);
        if (rc == Z_STREAM_END) {
            /* another member may follow */
            while (pos < inlen && src[pos] == 0) pos++; /* tolerate padding */
            if (pos + 2 <= inlen && wn_is_gzip(src + pos, inlen - pos)) {
                inflateReset(&zs);
                continue;
            }
            if (pos < inlen) {
                *err = "trailing garbage after gzip data";
                result = -1;
            }
            break;
        }
        if (rc != Z_OK) {
            *err = rc == Z_DATA_ERROR ? "corrupt gzip data" : "gzip decompression failed";
            result = -1;
            break;
        }
        if (pos >= inlen && got == 0) {
            *err = "truncated gzip data";
            result = -1;
            break;
        }
    }
    inflateEnd(&zs);
    return result;
}
