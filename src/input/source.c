/*
 * source.c — bytes from a file, stdin or memory, gunzipped on the fly.
 *
 * Inputs can be far larger than memory (a 1 GB crawl, a 10 GB JSONL dump),
 * so nothing here reads a whole input: a 64 KiB raw buffer is refilled
 * from the file descriptor and inflated into the caller's buffer as it
 * asks. gzip is recognised by its magic bytes; multi-member files (what
 * `cat a.gz b.gz` makes, and the Common Crawl per-record layout) are read
 * through. A truncated or corrupt stream delivers what it could and then
 * reports the damage, so the records before it are not lost.
 *
 * Readers that understand gzip themselves (WARC, to resync after damage
 * record by record) take the raw bytes instead. wn_source_peek shows the
 * first decompressed bytes without consuming anything, for sniffing.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define RAW_CHUNK 65536

struct wn_source {
    int fd;           /* -1 for memory */
    int own_fd;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    unsigned char *raw; /* raw buffer (file sources) */
    size_t rpos, rlen;
    int raw_eof;
    int gzip;
    z_stream zs;
    int z_init, z_end; /* inflate state; z_end: current member finished */
    const char *err;
    char errbuf[128];
    unsigned long long raw_total; /* raw bytes consumed */
    long long size;               /* file size if known, else -1 */
    int done;
    int ranged;                   /* a byte range: read no more than `left` */
    unsigned long long left;
};

static void set_err(wn_source *s, const char *msg)
{
    if (!s->err) s->err = msg;
}

/* fills the raw buffer; 0 at EOF */
static int refill(wn_source *s)
{
    if (s->rpos < s->rlen) return 1;
    if (s->fd < 0) {
        if (s->mem_pos >= s->mem_len) return 0;
        size_t n = s->mem_len - s->mem_pos;
        if (n > RAW_CHUNK) n = RAW_CHUNK;
        memcpy(s->raw, s->mem + s->mem_pos, n);
        s->mem_pos += n;
        s->rpos = 0;
        s->rlen = n;
        return 1;
    }
    if (s->raw_eof) return 0;
    size_t want = RAW_CHUNK;
    if (s->ranged) {
        if (s->left == 0) {
            s->raw_eof = 1;
            return 0;
        }
        if (s->left < want) want = (size_t)s->left;
    }
    ssize_t n;
    do n = read(s->fd, s->raw, want);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        snprintf(s->errbuf, sizeof s->errbuf, "read error: %s", strerror(errno));
        set_err(s, s->errbuf);
        s->raw_eof = 1;
        return 0;
    }
    if (n == 0) {
        s->raw_eof = 1;
        return 0;
    }
    if (s->ranged) s->left -= (unsigned long long)n;
    s->rpos = 0;
    s->rlen = (size_t)n;
    return 1;
}

static wn_source *source_new(void)
{
    wn_source *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->raw = malloc(RAW_CHUNK);
    if (!s->raw) {
        free(s);
        return NULL;
    }
    s->fd = -1;
    s->size = -1;
    return s;
}

static void sniff_gzip(wn_source *s)
{
    if (refill(s) && s->rlen - s->rpos >= 2 && s->raw[s->rpos] == 0x1f &&
        s->raw[s->rpos + 1] == 0x8b)
        s->gzip = 1;
}

wn_source *wn_source_open_file(const char *path, const char **err)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        *err = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (!is_stdin && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        *err = "is a directory";
        return NULL;
    }
    wn_source *s = source_new();
    if (!s) {
        if (!is_stdin) close(fd);
        *err = "out of memory";
        return NULL;
    }
    s->fd = fd;
    s->own_fd = !is_stdin;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) s->size = (long long)st.st_size;
    sniff_gzip(s);
    return s;
}

/* the byte before off is a newline (or off is 0 or the end) */
static int line_start(int fd, unsigned long long off, unsigned long long size)
{
    if (off == 0 || off == size) return 1;
    char c;
    return pread(fd, &c, 1, (off_t)(off - 1)) == 1 && c == '\n';
}

wn_source *wn_source_open_file_range(const char *path, unsigned long long offset,
                                     unsigned long long length, const char **err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        *err = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *err = "not a regular file";
        return NULL;
    }
    unsigned long long size = (unsigned long long)st.st_size;
    if (length == 0 && offset <= size) length = size - offset;
    if (offset > size || length > size - offset || !line_start(fd, offset, size) ||
        !line_start(fd, offset + length, size) ||
        lseek(fd, (off_t)offset, SEEK_SET) != (off_t)offset) {
        close(fd);
        *err = "range not on line starts within the file";
        return NULL;
    }
    wn_source *s = source_new();
    if (!s) {
        close(fd);
        *err = "out of memory";
        return NULL;
    }
    s->fd = fd;
    s->own_fd = 1;
    s->ranged = 1;
    s->left = length;
    s->size = (long long)length;
    return s;
}

wn_source *wn_source_open_memory(const void *data, size_t len)
{
    wn_source *s = source_new();
    if (!s) return NULL;
    s->mem = data;
    s->mem_len = len;
    s->size = (long long)len;
    sniff_gzip(s);
    return s;
}

void wn_source_close(wn_source *s)
{
    if (!s) return;
    if (s->z_init) inflateEnd(&s->zs);
    if (s->own_fd) close(s->fd);
    free(s->raw);
    free(s);
}

int wn_source_is_gzip(const wn_source *s) { return s->gzip; }
const char *wn_source_error(const wn_source *s) { return s->err; }
unsigned long long wn_source_raw_bytes(const wn_source *s) { return s->raw_total; }
long long wn_source_size(const wn_source *s) { return s->size; }

long wn_source_read_raw(wn_source *s, void *buf, size_t n)
{
    if (!refill(s)) return s->err ? -1 : 0;
    size_t k = s->rlen - s->rpos;
    if (k > n) k = n;
    memcpy(buf, s->raw + s->rpos, k);
    s->rpos += k;
    s->raw_total += k;
    return (long)k;
}

long wn_source_read(wn_source *s, void *buf, size_t n)
{
    if (!s->gzip) return wn_source_read_raw(s, buf, n);
    if (s->done || n == 0) return s->err ? -1 : 0;
    if (!s->z_init) {
        if (inflateInit2(&s->zs, 15 + 16) != Z_OK) {
            set_err(s, "zlib initialisation failed");
            return -1;
        }
        s->z_init = 1;
    }
    size_t out = 0;
    while (out < n) {
        if (s->z_end) {
            /* between members: skip zero padding, expect another member */
            for (;;) {
                if (!refill(s)) break;
                while (s->rpos < s->rlen && s->raw[s->rpos] == 0) s->rpos++, s->raw_total++;
                if (s->rpos < s->rlen) break;
            }
            if (s->rpos >= s->rlen) {
                s->done = 1;
                break;
            }
            if (s->raw[s->rpos] != 0x1f) {
                set_err(s, "trailing garbage after gzip data");
                s->done = 1;
                break;
            }
            inflateReset(&s->zs);
            s->z_end = 0;
        }
        if (!refill(s)) {
            if (!s->err) set_err(s, "truncated gzip data");
            s->done = 1;
            break;
        }
        s->zs.next_in = s->raw + s->rpos;
        s->zs.avail_in = (uInt)(s->rlen - s->rpos);
        s->zs.next_out = (unsigned char *)buf + out;
        s->zs.avail_out = (uInt)(n - out > (1u << 30) ? (1u << 30) : n - out);
        uInt in_before = s->zs.avail_in, out_before = s->zs.avail_out;
        int rc = inflate(&s->zs, Z_NO_FLUSH);
        size_t used = in_before - s->zs.avail_in;
        s->rpos += used;
        s->raw_total += used;
        out += out_before - s->zs.avail_out;
        if (rc == Z_STREAM_END) {
            s->z_end = 1;
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            set_err(s, rc == Z_DATA_ERROR ? "corrupt gzip data" : "gzip decompression failed");
            s->done = 1;
            break;
        }
        if (rc == Z_BUF_ERROR && used == 0 && out_before == s->zs.avail_out) {
            /* no progress: needs more input than there is */
            if (s->rpos >= s->rlen && !refill(s)) {
                set_err(s, "truncated gzip data");
                s->done = 1;
                break;
            }
        }
    }
    if (out) return (long)out;
    return s->err ? -1 : 0;
}

size_t wn_source_peek(wn_source *s, void *buf, size_t n)
{
    if (!refill(s)) return 0;
    size_t avail = s->rlen - s->rpos;
    if (!s->gzip) {
        size_t k = avail < n ? avail : n;
        memcpy(buf, s->raw + s->rpos, k);
        return k;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) return 0;
    z.next_in = s->raw + s->rpos;
    z.avail_in = (uInt)avail;
    z.next_out = buf;
    z.avail_out = (uInt)n;
    inflate(&z, Z_SYNC_FLUSH);
    size_t got = n - z.avail_out;
    inflateEnd(&z);
    return got;
}
