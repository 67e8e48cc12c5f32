/*
 * warc.c — a streaming WARC 1.0/1.1 (and 0.17/0.18) reader over zlib and
 * brotli.
 *
 * Why streaming: a Common Crawl WARC file is ~1 GB compressed and several
 * GB decompressed, and archives arrive on stdin and through pipes. So input
 * comes through a read callback, and memory is bounded by the record size
 * cap, never by the archive size.
 *
 * Layers, bottom up:
 *
 *  1. Raw input: a fixed 64 KB buffer filled from the callback.
 *
 *  2. Decompression. The first two bytes decide: 1f 8b means gzip, else the
 *     bytes are used as they are. Common Crawl writes every record as its
 *     own gzip member (so a record can be fetched by offset); other tools
 *     gzip the whole file as one member. Both are the same to us: one
 *     inflate loop that, on Z_STREAM_END, looks at what follows and, if it
 *     is another gzip member, calls inflateReset and goes on. A corrupt
 *     member is reported once ("corrupt gzip"); the reader then hunts for
 *     the next member header (1f 8b 08 + sane flags) in the raw bytes and
 *     carries on from there, which for the per-record layout loses just the
 *     damaged record. For whole-file gzip there is nothing to resume at and
 *     the archive ends. A member cut short at end of input is "truncated
 *     gzip", and the end.
 *
 *  3. A window of decompressed bytes (win[wpos..wlen)). A record is parsed
 *     in place: the header section (at most 64 KB) and the block
 *     (Content-Length bytes) must both be in the window, so the block
 *     handed to the caller is a pointer into it, with no copy. The window
 *     grows on demand up to 1.25 x (64 KB + max_record_bytes) + 64 KB; it
 *     is compacted (memmove to the front) only when the consumed prefix is
 *     at least a quarter of what is kept, so compaction costs O(input)
 *     overall. A record whose Content-Length exceeds max_record_bytes is not
 *     buffered: its header is parsed, its content is read and dropped
 *     chunk by chunk, and it is returned with too_large set.
 *
 *  4. The WARC layer: version line ("WARC/1.x", or the drafts "WARC/0.x"
 *     that ClueWeb09's WARC/0.18 comes from: their record syntax is the
 *     same), header fields (case-insensitive names, CRLF or bare LF, folded
 *     lines joined, values trimmed; a line that is not "Name: value" is
 *     skipped and counted in header_warnings, never fatal), Content-Length,
 *     block, and the CRLF CRLF that ends a record. The end is checked: if
 *     the bytes after the block are not two line ends (or the next "WARC/",
 *     or the end of input) the Content-Length lied. When it is too long
 *     and the declared block holds the next record's version line after a
 *     blank line (ClueWeb09's lengths were counted before its CR LF became
 *     LF), the block ends there and the record is returned with a header
 *     warning; otherwise (too short, or no record in sight) the record is
 *     an error. A block cut off by the end of the input (or of a gzip
 *     stream cut short) is returned as far as it goes, cut_short and
 *     truncated "end_of_file": an archive cut in transfer keeps its last
 *     page (unless another record starts in it: a length that ran over,
 *     as above).
 *
 *  5. Payload: for response records of type application/http the HTTP
 *     head is parsed (status, Content-Type and charset, encodings; a head
 *     without its status line, or no head at all, as old crawls have, is
 *     read with a warning), a chunked body is de-chunked and the last
 *     Content-Encoding (gzip, deflate, or br through libbrotlidec) undone,
 *     both in one streaming pass into one buffer capped at
 *     max_record_bytes (a gzip or brotli bomb stops at the cap:
 *     payload_too_large). A list of codings ("gzip, br") is undone right
 *     to left, each further stage reading the previous output into a
 *     second buffer of the same cap. A body cut short (unfinished chunks or
 *     compressed stream) keeps what was decoded (payload_truncated).
 *     Undecodable bodies (an unknown coding, corrupt gzip) are passed on
 *     with payload_error set and is_html cleared, never dropped. resource and conversion records (Common Crawl WET text is
 *     conversion) use the block as payload and the WARC Content-Type.
 *     revisit records get their HTTP head parsed but no payload: theirs is
 *     in the record they refer to.
 *
 * Damage and resync. Each wn_warc_next call returns one record or one
 * error. After an error the next call scans forward for a line starting
 * with "WARC/1." (or "WARC/0.") and resumes there. Where the scan starts is chosen so
 * that a damaged record does not take good neighbours with it, and so
 * that no byte is scanned more than a bounded number of times (linear
 * time even on hostile input):
 *   - bad version line: from the next line;
 *   - header cut short by another "WARC/1." line (a truncated record
 *     followed by a good one): at that line;
 *   - missing/bad Content-Length, wrong record end: from the start of the
 *     block, so a record whose Content-Length is wrong and swallowed the
 *     next record's start does not lose that record (the block is still
 *     in the window, so nothing is re-read from input);
 *   - gzip damage: the window is dropped and scanning resumes at the next
 *     intact gzip member. zlib checks a member's CRC only after its data
 *     came out, so in gzip mode the reader looks one byte past each record;
 *     if that makes the record's own member fail (Common Crawl: one member
 *     per record), the record is reported as the error rather than handed
 *     on as good.
 * Memory: window <= 1.25 x (max_record + 64 KB) + 64 KB, decoded payload
 * <= max_record (twice that for a body with two codings or more), plus
 * fixed 64 KB buffers, two zlib states and, for a br body, a brotli state
 * (its window is at most 16 MB): about 2.25 x max_record + 0.5 MB in the
 * usual case, whatever the archive's size.
 */
#include "warc.h"
#include "../core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <brotli/decode.h>
#include <zlib.h>

#define WARC_MAX_HEAD ((size_t)64 << 10)   /* WARC header section */
#define HTTP_MAX_HEAD ((size_t)64 << 10)   /* HTTP response head */
#define VERSION_MAX_LINE 64                /* "WARC/1.0" + slack */
#define FILL_CHUNK ((size_t)64 << 10)      /* decompressed bytes per fill */
#define RAW_SIZE ((size_t)64 << 10)        /* compressed input buffer */
#define WIN_INITIAL ((size_t)128 << 10)
#define MAX_FIELDS 256
#define MAX_RECORD_CLAMP ((size_t)1 << 30)
#define ZLIB_STATE_BYTES ((size_t)44 << 10) /* inflate state + 32 KB window */

enum { MODE_UNKNOWN, MODE_PLAIN, MODE_GZIP };
enum { ENC_NONE, ENC_GZIP, ENC_DEFLATE, ENC_BROTLI };
#define MAX_CODINGS 4 /* Content-Encoding list entries undone */

/* a growing output buffer of the payload decoder */
typedef struct wn_obuf {
    char *buf;
    size_t cap, len;
} wn_obuf;

struct wn_warc {
    wn_read_fn read;
    void *ctx;
    size_t max_record;

    /* raw input */
    unsigned char *raw;
    size_t raw_pos, raw_len;
    int raw_eof;

    /* decompression */
    int mode;
    z_stream zs;
    int zs_live;
    int member_done; /* a gzip member ended; another may follow */
    int searching;   /* after a corrupt member: hunting the next header */
    int ended;       /* the decompressed stream is over */
    const char *err; /* pending stream error, reported by the WARC layer */
    uint64_t member_start; /* stream offset where the current member's output began */
    uint64_t err_member;   /* ... and that of the member a "corrupt gzip" hit */
    int err_in_member;     /* err is corruption inside a member (bad data/CRC) */

    /* decompressed window */
    char *win;
    size_t wcap, wlen, wpos, wlimit;
    uint64_t wbase; /* stream offset of win[0] */

    /* WARC layer */
    int resync; /* the next call first scans for a version line */
    int sol;    /* win[wpos] is at a line start (for the scan) */
    int done;

    char *head;  /* copy of the WARC header section, parsed in place */
    char *hhead; /* copy of the HTTP head, parsed in place */
    wn_warc_field fields[MAX_FIELDS];
    wn_warc_field hfields[MAX_FIELDS];

    wn_obuf dec[2]; /* decoded payload (de-chunked, inflated, ...): a stage
                       reads one and writes the other */
    z_stream cz;
    int cz_live;

    char media[96];
    char charset[64];
};

/* ---- small helpers ----------------------------------------------------- */


static int is_ws(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_val(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* "WARC/1." or "WARC/0." at b (7 bytes there): a version line may start.
 * 0.x are the drafts before ISO 28500 (ClueWeb09 is WARC/0.18). */
static int version_prefix(const char *b)
{
    return memcmp(b, "WARC/", 5) == 0 && (b[5] == '1' || b[5] == '0') && b[6] == '.';
}

/* the stream error of a gzip stream cut off by the end of the input: the
 * record it cuts is returned as far as it goes (compared by address) */
static const char truncated_gzip[] = "truncated gzip";

/* ---- raw input --------------------------------------------------------- */

/* Reads more raw input behind what is left. Returns bytes added, 0 at end
 * of input, -1 on a read error (which also ends the input). */
static long raw_more(wn_warc *w)
{
    if (w->raw_eof) return 0;
    if (w->raw_pos > 0) {
        memmove(w->raw, w->raw + w->raw_pos, w->raw_len - w->raw_pos);
        w->raw_len -= w->raw_pos;
        w->raw_pos = 0;
    }
    size_t space = RAW_SIZE - w->raw_len;
    if (space == 0) return 0; /* not reached: callers ask for <= 4 bytes more */
    long r = w->read(w->ctx, w->raw + w->raw_len, space);
    if (r < 0 || (size_t)r > space) {
        w->raw_eof = 1;
        return -1;
    }
    if (r == 0) {
        w->raw_eof = 1;
        return 0;
    }
    w->raw_len += (size_t)r;
    return r;
}

/* Tries to have k raw bytes ahead; returns how many there are (-1 on a
 * read error). */
static long raw_avail(wn_warc *w, size_t k)
{
    while (w->raw_len - w->raw_pos < k) {
        long r = raw_more(w);
        if (r < 0) return -1;
        if (r == 0) break;
    }
    return (long)(w->raw_len - w->raw_pos);
}

static void read_failed(wn_warc *w)
{
    w->err = "read error";
    w->err_in_member = 0;
    w->ended = 1;
}

/* ---- decompressed window ----------------------------------------------- */

/* Makes room at the end of the window; returns the space for one fill. */
static size_t make_room(wn_warc *w)
{
    if (w->wcap - w->wlen < FILL_CHUNK) {
        size_t keep = w->wlen - w->wpos;
        if (w->wpos > 0 && w->wpos >= keep / 4) {
            memmove(w->win, w->win + w->wpos, keep);
            w->wbase += w->wpos;
            w->wlen = keep;
            w->wpos = 0;
        }
        if (w->wcap - w->wlen < FILL_CHUNK && w->wcap < w->wlimit) {
            size_t nc = w->wcap * 2;
            if (nc < w->wlen + FILL_CHUNK) nc = w->wlen + FILL_CHUNK;
            if (nc > w->wlimit) nc = w->wlimit;
            w->win = wn_xrealloc(w->win, nc);
            w->wcap = nc;
        }
    }
    size_t space = w->wcap - w->wlen;
    return space < FILL_CHUNK ? space : FILL_CHUNK;
}

/* Looks for the next plausible gzip member header in the raw input and
 * stops there. Returns 1 when found, 0 at end of input. */
static int find_member(wn_warc *w)
{
    for (;;) {
        size_t a = w->raw_len - w->raw_pos;
        const unsigned char *p = w->raw + w->raw_pos;
        size_t i = 0;
        while (i + 4 <= a) {
            const unsigned char *m = memchr(p + i, 0x1f, a - 3 - i);
            if (!m) {
                i = a - 3;
                break;
            }
            i = (size_t)(m - p);
            if (p[i + 1] == 0x8b && p[i + 2] == 8 && (p[i + 3] & 0xE0) == 0) {
                w->raw_pos += i;
                return 1;
            }
            i++;
        }
        w->raw_pos += i; /* keep the last < 4 bytes: a header may straddle */
        long r = raw_more(w);
        if (r < 0) {
            read_failed(w);
            return 0;
        }
        if (r == 0) {
            w->raw_pos = w->raw_len;
            return 0;
        }
    }
}

static long gz_fill(wn_warc *w, size_t space)
{
    for (;;) {
        if (w->searching) {
            w->searching = 0;
            if (!find_member(w)) {
                w->ended = 1;
                return w->err ? -1 : 0;
            }
            inflateReset(&w->zs);
            w->member_done = 0;
            w->member_start = w->wbase + w->wlen;
        }
        if (w->member_done) {
            long a = raw_avail(w, 2);
            while (a > 0 && w->raw[w->raw_pos] == 0) { /* tolerate NUL padding */
                w->raw_pos++;
                a = raw_avail(w, 2);
            }
            if (a < 0) {
                read_failed(w);
                return -1;
            }
            if (a == 0) {
                w->ended = 1;
                return 0;
            }
            if (a >= 2 && w->raw[w->raw_pos] == 0x1f && w->raw[w->raw_pos + 1] == 0x8b) {
                inflateReset(&w->zs);
                w->member_done = 0;
                w->member_start = w->wbase + w->wlen;
            } else {
                w->err = "garbage after gzip member";
                w->err_in_member = 0;
                w->searching = 1;
                return -1;
            }
        }
        if (w->raw_pos == w->raw_len) {
            long r = raw_more(w);
            if (r < 0) {
                read_failed(w);
                return -1;
            }
            if (r == 0) {
                w->err = truncated_gzip;
                w->err_in_member = 0;
                w->ended = 1;
                return -1;
            }
        }
        size_t in = w->raw_len - w->raw_pos;
        w->zs.next_in = w->raw + w->raw_pos;
        w->zs.avail_in = (uInt)in;
        w->zs.next_out = (unsigned char *)w->win + w->wlen;
        w->zs.avail_out = (uInt)space;
        int rc = inflate(&w->zs, Z_NO_FLUSH);
        size_t used = in - w->zs.avail_in;
        size_t got = space - w->zs.avail_out;
        w->raw_pos += used;
        w->wlen += got;
        if (rc == Z_STREAM_END) {
            w->member_done = 1;
            if (got) return (long)got;
            continue;
        }
        if ((rc == Z_OK || rc == Z_BUF_ERROR) && (used || got)) {
            if (got) return (long)got;
            continue;
        }
        /* Z_DATA_ERROR, Z_MEM_ERROR, or no progress at all */
        w->err = "corrupt gzip";
        w->err_in_member = 1;
        w->err_member = w->member_start;
        w->searching = 1;
        if (used == 0 && w->raw_pos < w->raw_len) w->raw_pos++; /* progress */
        return got ? (long)got : -1;
    }
}

/* Appends decompressed bytes to the window. Returns the number added, 0 at
 * the end of the stream, -1 when a stream error is pending (w->err; it
 * stays pending until the WARC layer takes it). */
static long fill(wn_warc *w)
{
    if (w->err) return -1;
    if (w->ended) return 0;
    size_t space = make_room(w);
    if (space == 0) { /* cannot happen: see the limit in wn_warc_new */
        w->err = "record exceeds the reader's buffer";
        w->ended = 1;
        return -1;
    }
    if (w->mode == MODE_UNKNOWN) {
        long a = raw_avail(w, 2);
        if (a < 0) {
            read_failed(w);
            return -1;
        }
        if (a >= 2 && w->raw[w->raw_pos] == 0x1f && w->raw[w->raw_pos + 1] == 0x8b) {
            if (inflateInit2(&w->zs, 15 + 16) != Z_OK) wn_oom();
            w->zs_live = 1;
            w->mode = MODE_GZIP;
        } else {
            w->mode = MODE_PLAIN;
        }
    }
    if (w->mode == MODE_GZIP) return gz_fill(w, space);
    if (w->raw_pos < w->raw_len) { /* bytes read while sniffing */
        size_t n = w->raw_len - w->raw_pos;
        if (n > space) n = space;
        memcpy(w->win + w->wlen, w->raw + w->raw_pos, n);
        w->raw_pos += n;
        w->wlen += n;
        return (long)n;
    }
    if (w->raw_eof) {
        w->ended = 1;
        return 0;
    }
    long r = w->read(w->ctx, w->win + w->wlen, space);
    if (r < 0 || (size_t)r > space) {
        read_failed(w);
        return -1;
    }
    if (r == 0) {
        w->ended = 1;
        return 0;
    }
    w->wlen += (size_t)r;
    return r;
}

/* Makes n bytes available at win+wpos. 1: there; 0: the stream ended
 * first; -1: a stream error is pending. */
static int need(wn_warc *w, size_t n)
{
    while (w->wlen - w->wpos < n) {
        long r = fill(w);
        if (r == 0) return 0;
        if (r < 0) return -1;
    }
    return 1;
}

static size_t avail(const wn_warc *w) { return w->wlen - w->wpos; }
static char *at(wn_warc *w, size_t off) { return w->win + w->wpos + off; }

/* ---- header fields ----------------------------------------------------- */

typedef void (*field_fn)(void *ctx, char *name, char *value);

/* Parses a head (first line unless first == 0, then "Name: value" lines up
 * to a blank line or len) in place: names and values are trimmed and
 * NUL-terminated, folded lines are joined to the previous value with one
 * space, lines that are not "Name: value" (no colon, no name) are skipped
 * and counted in *bad. fn sees each field when it starts (a later
 * continuation line may still extend the value in place). Returns the
 * first line, trimmed ("" when first == 0). Writes never overtake reads,
 * so one buffer does. */
static const char *parse_head(char *buf, size_t len, int first, field_fn fn, void *ctx,
                              unsigned *bad)
{
    const char *nl;
    size_t e, le, i = 0, out = 0;
    const char *line1 = ""; /* no first line: fields are written from buf[0] */
    if (first) {
        nl = memchr(buf, '\n', len);
        e = nl ? (size_t)(nl - buf) : len;
        le = e;
        while (le > 0 && (buf[le - 1] == '\r' || is_ws(buf[le - 1]))) le--;
        buf[le] = 0; /* buf has room for len + 1 bytes */
        line1 = buf;
        i = out = e + 1;
    }
    char *last = NULL; /* value that a continuation line extends */
    while (i < len) {
        nl = memchr(buf + i, '\n', len - i);
        e = nl ? (size_t)(nl - buf) : len;
        le = e;
        if (le > i && buf[le - 1] == '\r') le--;
        if (le == i) break; /* blank line: end of head */
        if (is_ws(buf[i])) {
            size_t s = i, t = le;
            while (s < t && is_ws(buf[s])) s++;
            while (t > s && (is_ws(buf[t - 1]) || buf[t - 1] == '\r')) t--;
            if (last && t > s) {
                if (last == buf + out - 1) out--; /* empty so far: no space */
                else buf[out - 1] = ' ';
                memmove(buf + out, buf + s, t - s);
                out += t - s;
                buf[out++] = 0;
            }
            i = e + 1;
            continue;
        }
        const char *colon = memchr(buf + i, ':', le - i);
        if (!colon) {
            last = NULL;
            i = e + 1;
            (*bad)++;
            continue;
        }
        size_t c = (size_t)(colon - buf);
        size_t ne = c;
        while (ne > i && is_ws(buf[ne - 1])) ne--;
        size_t vs = c + 1, ve = le;
        while (vs < ve && is_ws(buf[vs])) vs++;
        while (ve > vs && (is_ws(buf[ve - 1]) || buf[ve - 1] == '\r')) ve--;
        if (ne == i) {
            last = NULL;
            i = e + 1;
            (*bad)++;
            continue;
        }
        char *name = buf + out;
        memmove(name, buf + i, ne - i);
        out += ne - i;
        buf[out++] = 0;
        char *value = buf + out;
        memmove(value, buf + vs, ve - vs);
        out += ve - vs;
        buf[out++] = 0;
        fn(ctx, name, value);
        last = value;
        i = e + 1;
    }
    return line1;
}

typedef struct {
    wn_warc_field *v;
    size_t n;
    char *type, *uri, *date, *id, *trec, *ctype, *length, *truncated;
} warc_fields;

static void set_first(char **slot, char *value)
{
    if (!*slot) *slot = value;
}

static void warc_field(void *ctx, char *name, char *value)
{
    warc_fields *f = ctx;
    if (f->n < MAX_FIELDS) {
        f->v[f->n].name = name;
        f->v[f->n].value = value;
        f->n++;
    }
    if (strncasecmp(name, "WARC-", 5) == 0) {
        const char *s = name + 5;
        if (!strcasecmp(s, "Type")) set_first(&f->type, value);
        else if (!strcasecmp(s, "Target-URI")) set_first(&f->uri, value);
        else if (!strcasecmp(s, "Date")) set_first(&f->date, value);
        else if (!strcasecmp(s, "Record-ID")) set_first(&f->id, value);
        else if (!strcasecmp(s, "Truncated")) set_first(&f->truncated, value);
        else if (!strcasecmp(s, "TREC-ID")) set_first(&f->trec, value);
    } else if (!strcasecmp(name, "Content-Type")) {
        set_first(&f->ctype, value);
    } else if (!strcasecmp(name, "Content-Length")) {
        set_first(&f->length, value);
    }
}

typedef struct {
    wn_warc_field *v;
    size_t n;
    char *ctype, *cenc, *tenc;
} http_fields;

static void http_field(void *ctx, char *name, char *value)
{
    http_fields *f = ctx;
    if (f->n < MAX_FIELDS) {
        f->v[f->n].name = name;
        f->v[f->n].value = value;
        f->n++;
    }
    if (!strcasecmp(name, "Content-Type")) set_first(&f->ctype, value);
    else if (!strcasecmp(name, "Content-Encoding")) set_first(&f->cenc, value);
    else if (!strcasecmp(name, "Transfer-Encoding")) set_first(&f->tenc, value);
}

static int parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!is_digit(*s)) return 0;
    for (; is_digit(*s); s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10) return 0;
        v = v * 10 + d;
    }
    if (*s) return 0;
    *out = v;
    return 1;
}

static const char *const type_names[] = {
    "unknown", "warcinfo", "response", "resource", "request",
    "metadata", "revisit", "conversion", "continuation"};

const char *wn_warc_type_name(wn_warc_type t)
{
    if ((unsigned)t >= sizeof type_names / sizeof *type_names) return "unknown";
    return type_names[t];
}

static wn_warc_type type_of(const char *s)
{
    if (!s) return WN_WARC_UNKNOWN;
    for (size_t i = 1; i < sizeof type_names / sizeof *type_names; i++)
        if (!strcasecmp(s, type_names[i])) return (wn_warc_type)i;
    return WN_WARC_UNKNOWN;
}

const char *wn_warc_field_get(const wn_warc_field *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(fields[i].name, name)) return fields[i].value;
    return NULL;
}

/* ---- media types ------------------------------------------------------- */

/* Copies the media type of a Content-Type value ("Text/HTML; charset=x")
 * lower-cased and trimmed into out; returns out, or NULL if empty. */
static const char *media_of(const char *ct, char *out, size_t cap)
{
    if (!ct) return NULL;
    while (is_ws(*ct)) ct++;
    size_t n = 0;
    while (ct[n] && ct[n] != ';' && ct[n] != ',') n++;
    while (n > 0 && is_ws(ct[n - 1])) n--;
    if (n == 0) return NULL;
    if (n >= cap) n = cap - 1; /* absurdly long: matches nothing anyway */
    for (size_t i = 0; i < n; i++) out[i] = lower(ct[i]);
    out[n] = 0;
    return out;
}

/* Value of parameter `name` in a Content-Type value, unquoted, into out;
 * NULL when absent, empty or longer than cap-1. */
static const char *param_of(const char *ct, const char *name, char *out, size_t cap)
{
    if (!ct) return NULL;
    size_t nl = strlen(name);
    const char *p = strchr(ct, ';');
    while (p && *p == ';') {
        p++;
        while (is_ws(*p)) p++;
        const char *k = p;
        while (*p && *p != '=' && *p != ';') p++;
        const char *ke = p;
        while (ke > k && is_ws(ke[-1])) ke--;
        if (*p != '=') continue; /* on ';' or the NUL: the loop test decides */
        p++;
        while (is_ws(*p)) p++;
        const char *v = p, *ve;
        if (*p == '"') {
            v = ++p;
            while (*p && *p != '"') p++;
            ve = p;
            if (*p) p++;
            p = strchr(p, ';');
        } else {
            while (*p && *p != ';') p++;
            ve = p;
            while (ve > v && is_ws(ve[-1])) ve--;
        }
        if ((size_t)(ke - k) == nl && strncasecmp(k, name, nl) == 0) {
            size_t n = (size_t)(ve - v);
            if (n == 0 || n >= cap) return NULL;
            memcpy(out, v, n);
            out[n] = 0;
            return out;
        }
    }
    return NULL;
}

static int ieq_n(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && strncasecmp(s, lit, l) == 0;
}

/* starts with optional BOM/whitespace then "<!doctype html" or "<html" */
static int sniff_html(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\f'))
        i++;
    return ieq_n(s + i, n - i, "<!doctype html") || ieq_n(s + i, n - i, "<html");
}

/* ---- payload decoding -------------------------------------------------- */

/* A decoder stage: bytes in (sink_put, in pieces as the chunks come),
 * decoded bytes appended to an output buffer that grows up to max_record
 * and no further, so a compression bomb stops at the cap ("full"). One
 * stage per Content-Encoding: the first stage is fed by the de-chunker,
 * each later one reads the whole output of the stage before (an encoding
 * list "gzip, br" is undone right to left). */
typedef struct {
    wn_warc *w;
    wn_obuf *out;
    int enc;     /* ENC_* (may drop to ENC_NONE when the body isn't encoded) */
    int started; /* wrapper chosen, decoder set up */
    int zdone, failed, full;
    int wbits;
    char first[2]; /* the first body bytes, to tell gzip/zlib/raw apart */
    size_t nfirst;
    BrotliDecoderState *br;
} sink;

static void sink_init(sink *s, wn_warc *w, wn_obuf *out, int enc)
{
    memset(s, 0, sizeof *s);
    s->w = w;
    s->out = out;
    s->enc = enc;
    out->len = 0;
}

/* grows the output toward max_record; 0 when at the cap */
static int obuf_grow(wn_warc *w, wn_obuf *o, size_t want)
{
    if (o->cap >= w->max_record) return 0;
    size_t nc = o->cap ? o->cap * 2 : (size_t)64 << 10;
    if (nc < want) nc = want;
    if (nc > w->max_record) nc = w->max_record;
    o->buf = wn_xrealloc(o->buf, nc);
    o->cap = nc;
    return 1;
}

/* picks the decoder from the first (up to 2) body bytes */
static void sink_start(sink *s)
{
    wn_warc *w = s->w;
    const unsigned char *u = (const unsigned char *)s->first;
    s->started = 1;
    if (s->enc == ENC_BROTLI) {
        /* brotli has no magic bytes: a body that is not brotli fails to
         * decode, and http_payload looks at it again (see there) */
        s->br = BrotliDecoderCreateInstance(NULL, NULL, NULL);
        if (!s->br) wn_oom();
        return;
    }
    if (s->nfirst == 2 && u[0] == 0x1f && u[1] == 0x8b) s->wbits = 15 + 16;
    else if (s->nfirst == 2 && (u[0] & 0x0f) == 8 && (u[0] >> 4) <= 7 && ((u[0] << 8) | u[1]) % 31 == 0)
        s->wbits = 15; /* zlib wrapper */
    else if (s->enc == ENC_DEFLATE) s->wbits = -15; /* raw deflate */
    else s->enc = ENC_NONE; /* says gzip, isn't: take the bytes as they are */
    if (s->enc == ENC_NONE) return;
    if (!w->cz_live) {
        if (inflateInit2(&w->cz, s->wbits) != Z_OK) wn_oom();
        w->cz_live = 1;
    } else if (inflateReset2(&w->cz, s->wbits) != Z_OK) {
        s->failed = 1;
    }
}

static void sink_write_br(sink *s, const char *p, size_t n)
{
    wn_obuf *o = s->out;
    const uint8_t *in = (const uint8_t *)p;
    size_t avail_in = n;
    for (;;) {
        if (o->len == o->cap && !obuf_grow(s->w, o, 0)) {
            s->full = 1;
            return;
        }
        uint8_t *next = (uint8_t *)o->buf + o->len;
        size_t avail_out = o->cap - o->len;
        BrotliDecoderResult r =
            BrotliDecoderDecompressStream(s->br, &avail_in, &in, &avail_out, &next, NULL);
        o->len = o->cap - avail_out;
        if (r == BROTLI_DECODER_RESULT_SUCCESS) {
            s->zdone = 1; /* bytes after the stream's end are ignored */
            return;
        }
        if (r == BROTLI_DECODER_RESULT_ERROR) {
            s->failed = 1;
            return;
        }
        if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return; /* all of p was taken */
        /* NEEDS_MORE_OUTPUT: the buffer grows, or the cap is reached */
    }
}

static void sink_write(sink *s, const char *p, size_t n)
{
    wn_warc *w = s->w;
    wn_obuf *o = s->out;
    if (n == 0 || s->full || s->failed || s->zdone) return;
    if (s->enc == ENC_NONE) {
        /* de-chunked data is smaller than the block, so this stays within
         * the cap; clipped anyway should that ever change */
        if (o->cap - o->len < n) obuf_grow(w, o, o->len + n);
        size_t room = o->cap - o->len;
        if (room < n) {
            n = room;
            s->full = 1;
        }
        memcpy(o->buf + o->len, p, n);
        o->len += n;
        return;
    }
    if (s->enc == ENC_BROTLI) {
        sink_write_br(s, p, n);
        return;
    }
    w->cz.next_in = (unsigned char *)(uintptr_t)p;
    w->cz.avail_in = (uInt)n;
    while (w->cz.avail_in > 0) {
        if (o->len == o->cap && !obuf_grow(w, o, 0)) {
            s->full = 1;
            return;
        }
        uInt in0 = w->cz.avail_in;
        size_t room = o->cap - o->len;
        if (room > UINT32_MAX) room = UINT32_MAX;
        w->cz.next_out = (unsigned char *)o->buf + o->len;
        w->cz.avail_out = (uInt)room;
        int rc = inflate(&w->cz, Z_NO_FLUSH);
        size_t got = room - w->cz.avail_out;
        o->len += got;
        if (rc == Z_STREAM_END) {
            /* concatenated gzip members inside one body */
            if (s->wbits == 15 + 16 && w->cz.avail_in >= 2 && w->cz.next_in[0] == 0x1f &&
                w->cz.next_in[1] == 0x8b) {
                inflateReset(&w->cz);
                continue;
            }
            s->zdone = 1;
            return;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            s->failed = 1;
            return;
        }
        if (got == 0 && w->cz.avail_in == in0) {
            if (w->cz.avail_out == 0) continue; /* output full: grow */
            s->failed = 1;                      /* no progress: give up */
            return;
        }
    }
}

static void sink_put(sink *s, const char *p, size_t n)
{
    if (!s->started && s->enc != ENC_NONE) {
        while (s->nfirst < 2 && n > 0) {
            s->first[s->nfirst++] = *p++;
            n--;
        }
        if (s->nfirst < 2) return; /* a 1-byte chunk: wait for the next */
        sink_start(s);
        sink_write(s, s->first, 2);
    }
    sink_write(s, p, n);
}

/* a body of fewer than 2 bytes never got started; the brotli state goes */
static void sink_finish(sink *s)
{
    if (!s->started && s->enc != ENC_NONE && s->nfirst > 0) {
        sink_start(s);
        sink_write(s, s->first, s->nfirst);
    }
    if (s->br) {
        BrotliDecoderDestroyInstance(s->br);
        s->br = NULL;
    }
}

/* the stream of an encoded stage stopped before its end */
static int sink_cut(const sink *s)
{
    return s->enc != ENC_NONE && s->started && !s->zdone && !s->failed && !s->full;
}

/* "1a;ext\r\n" at the start: the body really is chunked */
static int looks_chunked(const char *b, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && hex_val(b[i]) >= 0) i++, d++;
    if (d == 0 || d > 16) return 0;
    while (i < n && is_ws(b[i])) i++;
    if (i < n && b[i] == ';') return 1;
    if (i < n && b[i] == '\r') i++;
    return i < n && b[i] == '\n';
}

static const char truncated_chunked[] = "truncated chunked body";

/* Feeds the chunks' data to s; returns NULL, or what was wrong. */
static const char *dechunk(const char *b, size_t n, sink *s)
{
    size_t i = 0;
    for (;;) {
        if (i >= n) return truncated_chunked;
        size_t j = i;
        while (j < n && is_ws(b[j])) j++;
        uint64_t sz = 0;
        int d = 0, v;
        while (j < n && (v = hex_val(b[j])) >= 0) {
            if (++d > 15) return "bad chunked encoding";
            sz = sz * 16 + (uint64_t)v;
            j++;
        }
        if (d == 0) return "bad chunked encoding";
        const char *nl = memchr(b + j, '\n', n - j);
        if (!nl) return truncated_chunked;
        j = (size_t)(nl - b) + 1;
        if (sz == 0) return NULL; /* last chunk; trailers ignored */
        size_t take = (uint64_t)(n - j) < sz ? n - j : (size_t)sz;
        sink_put(s, b + j, take);
        if (take < sz) return truncated_chunked;
        j += take;
        if (j < n && b[j] == '\r') j++;
        if (j < n && b[j] == '\n') j++;
        i = j;
    }
}

/* The Content-Encoding list in the order applied (ENC_*, identity left
 * out) into enc[]; returns how many, or -1 when one is unknown or there are
 * more than MAX_CODINGS. */
static int codings_of(const char *v, int enc[MAX_CODINGS])
{
    int count = 0;
    if (!v) return 0;
    const char *p = v;
    while (*p) {
        while (*p == ',' || is_ws(*p)) p++;
        const char *t = p;
        while (*p && *p != ',') p++;
        const char *te = p;
        while (te > t && is_ws(te[-1])) te--;
        size_t n = (size_t)(te - t);
        if (n == 0 || (n == 8 && !strncasecmp(t, "identity", 8))) continue;
        if (count == MAX_CODINGS) return -1;
        if ((n == 4 && !strncasecmp(t, "gzip", 4)) || (n == 6 && !strncasecmp(t, "x-gzip", 6)))
            enc[count++] = ENC_GZIP;
        else if (n == 7 && !strncasecmp(t, "deflate", 7)) enc[count++] = ENC_DEFLATE;
        else if (n == 2 && !strncasecmp(t, "br", 2)) enc[count++] = ENC_BROTLI;
        else return -1;
    }
    return count;
}

static int last_token_is(const char *v, const char *tok)
{
    if (!v) return 0;
    const char *c = strrchr(v, ',');
    const char *t = c ? c + 1 : v;
    while (is_ws(*t)) t++;
    size_t n = strlen(t);
    while (n > 0 && is_ws(t[n - 1])) n--;
    return n == strlen(tok) && !strncasecmp(t, tok, n);
}

/* finds the end of an HTTP head in b[0..n): 1 with head length and body
 * offset (no blank line within n: all of it is head), 0 when no blank line
 * comes within `limit` bytes */
static int head_end(const char *b, size_t n, size_t limit, size_t *hlen, size_t *body)
{
    size_t lim = n < limit ? n : limit, i = 0;
    while (i < lim) {
        const char *nl = memchr(b + i, '\n', lim - i);
        if (!nl) break;
        size_t e = (size_t)(nl - b), le = e;
        if (le > i && b[le - 1] == '\r') le--;
        if (le == i) {
            *hlen = i;
            *body = e + 1;
            return 1;
        }
        i = e + 1;
    }
    if (n <= limit) {
        *hlen = *body = n;
        return 1;
    }
    *hlen = *body = limit;
    return 0;
}

/* status code of "HTTP/1.1 200 OK" in s[0..n) (n >= 5), 0 if malformed */
static int status_of(const char *s, size_t n)
{
    size_t i = 5; /* after "HTTP/" */
    while (i < n && s[i] != '\n' && !is_ws(s[i])) i++;
    while (i < n && is_ws(s[i])) i++;
    if (n - i < 3 || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2])) return 0;
    if (n - i > 3 && is_digit(s[i + 3])) return 0;
    int st = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    return st >= 100 ? st : 0;
}

/* the first line of b[0..n) is "Name: value" (a token, then a colon) */
static int field_like(const char *b, size_t n)
{
    size_t i = 0;
    while (i < n && i < 64 &&
           ((b[i] >= 'a' && b[i] <= 'z') || (b[i] >= 'A' && b[i] <= 'Z') || is_digit(b[i]) ||
            b[i] == '-' || b[i] == '_'))
        i++;
    if (i == 0) return 0;
    while (i < n && is_ws(b[i])) i++;
    return i < n && b[i] == ':';
}

/* after an optional BOM and whitespace, '<': reads as markup */
static int starts_with_markup(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\f'))
        i++;
    return i < n && s[i] == '<';
}

/* HTTP response in the block: head, then the body decoded. Returns 1 when
 * the payload cannot be used as text (undecodable). */
static int http_payload(wn_warc *w, wn_warc_record *rec)
{
    const char *b = rec->block;
    size_t n = rec->block_len, off = 0, hlen = 0, body = 0;
    int complete = 0, has_status = 1;
    /* stray line ends before the head (a writer's extra blank line) */
    while (off < n && off < 8 && (b[off] == '\r' || b[off] == '\n')) off++;
    for (int hops = 0;; hops++) {
        if (n - off < 5 || strncasecmp(b + off, "HTTP/", 5) != 0) {
            rec->header_warnings++; /* no status line */
            if (field_like(b + off, n - off)) {
                /* the head without its status line (old crawlers) */
                has_status = 0;
                complete = head_end(b + off, n - off, HTTP_MAX_HEAD, &hlen, &body);
                break;
            }
            /* no HTTP head at all: the block is the payload, sniffed */
            rec->payload = b + off;
            rec->payload_len = n - off;
            return 0;
        }
        complete = head_end(b + off, n - off, HTTP_MAX_HEAD, &hlen, &body);
        int st = status_of(b + off, hlen);
        /* "100 Continue" and friends come before the real response */
        if (complete && st >= 100 && st < 200 && st != 101 && hops < 8 &&
            n - off - body >= 5 && strncasecmp(b + off + body, "HTTP/", 5) == 0) {
            off += body;
            continue;
        }
        break;
    }
    if (!w->hhead) w->hhead = wn_xrealloc(NULL, HTTP_MAX_HEAD + 1);
    memcpy(w->hhead, b + off, hlen);
    w->hhead[hlen] = 0;
    http_fields f = {w->hfields, 0, NULL, NULL, NULL};
    unsigned bad = 0;
    const char *status_line = parse_head(w->hhead, hlen, has_status, http_field, &f, &bad);
    rec->header_warnings += bad;
    rec->http_status = has_status ? status_of(status_line, strlen(status_line)) : 0;
    rec->http_fields = w->hfields;
    rec->n_http_fields = f.n;
    rec->http_content_type = f.ctype;
    rec->content_encoding = f.cenc;
    rec->transfer_encoding = f.tenc;
    rec->media_type = media_of(f.ctype, w->media, sizeof w->media);
    rec->charset = param_of(f.ctype, "charset", w->charset, sizeof w->charset);
    if (!complete) {
        rec->payload_error = "HTTP head too long";
        rec->payload = b + n;
        rec->payload_len = 0;
        return 1;
    }

    const char *p = b + off + body;
    size_t plen = n - off - body;
    int chunked = last_token_is(f.tenc, "chunked") && looks_chunked(p, plen);
    int enc[MAX_CODINGS];
    int k = codings_of(f.cenc, enc);
    int unsupported = k < 0;
    if (unsupported) k = 0; /* de-chunked all the same, then refused */
    if (plen == 0 || (!chunked && k == 0)) {
        rec->payload = p;
        rec->payload_len = plen;
        if (plen && unsupported) {
            rec->payload_error = "unsupported Content-Encoding";
            return 1;
        }
        return 0;
    }

    /* first stage: de-chunk and undo the last coding, in one pass */
    wn_obuf *cur = &w->dec[0];
    sink s;
    sink_init(&s, w, cur, k ? enc[k - 1] : ENC_NONE);
    const char *cerr = NULL;
    if (chunked) cerr = dechunk(p, plen, &s);
    else sink_put(&s, p, plen);
    sink_finish(&s);
    if (s.enc == ENC_BROTLI && s.failed && cur->len == 0) {
        /* said "br", is not brotli (nothing decoded): taken as it is when
         * it reads as markup, as a body said to be gzip that is not */
        sink_init(&s, w, cur, ENC_NONE);
        if (chunked) cerr = dechunk(p, plen, &s);
        else sink_put(&s, p, plen);
        sink_finish(&s);
        if (!starts_with_markup(cur->buf, cur->len)) {
            s.failed = 1;
            cur->len = 0;
        }
        k = 1; /* the other codings are not believed either */
    }
    int failed = s.failed, full = s.full, cut = sink_cut(&s);
    /* later stages, right to left, each over the whole previous output */
    for (int j = k - 2; j >= 0 && !failed && !full; j--) {
        wn_obuf *next = cur == &w->dec[0] ? &w->dec[1] : &w->dec[0];
        sink t;
        sink_init(&t, w, next, enc[j]);
        sink_put(&t, cur->buf, cur->len);
        sink_finish(&t);
        failed = t.failed;
        full = t.full;
        cut |= sink_cut(&t);
        cur = next;
    }
    rec->payload = cur->buf ? cur->buf : p;
    rec->payload_len = cur->len;
    if (full) {
        rec->payload_error = "decoded payload exceeds the size limit";
        rec->payload_too_large = 1;
    } else if (failed) {
        rec->payload_error = "corrupt Content-Encoding";
    } else if (cerr) {
        rec->payload_error = cerr;
        rec->payload_truncated = cerr == truncated_chunked;
    } else if (cut) {
        rec->payload_error = "truncated Content-Encoding";
        rec->payload_truncated = 1;
    }
    if (unsupported) {
        rec->payload_error = "unsupported Content-Encoding";
        rec->payload_truncated = rec->payload_too_large = 0;
        return 1;
    }
    return failed && cur->len == 0;
}

static void set_payload(wn_warc *w, wn_warc_record *rec)
{
    int undecodable = 0;
    char wmedia[64];
    const char *wm = media_of(rec->content_type, wmedia, sizeof wmedia);
    int http = 0;
    if (rec->type == WN_WARC_RESPONSE || rec->type == WN_WARC_REVISIT) {
        if (wm && !strcmp(wm, "application/http")) {
            char msg[16];
            const char *mt = param_of(rec->content_type, "msgtype", msg, sizeof msg);
            http = !mt || !strcasecmp(mt, "response");
        } else if (!wm) { /* no Content-Type: an HTTP response if it looks like one */
            http = rec->block_len >= 5 && strncasecmp(rec->block, "HTTP/", 5) == 0;
        }
    }
    if (http) {
        undecodable = http_payload(w, rec);
        if (rec->type == WN_WARC_REVISIT) { /* the payload is in the record it refers to */
            rec->payload = NULL;
            rec->payload_len = 0;
            rec->payload_error = NULL;
            rec->payload_truncated = rec->payload_too_large = 0;
            return;
        }
    } else if (rec->type == WN_WARC_RESPONSE || rec->type == WN_WARC_RESOURCE ||
               rec->type == WN_WARC_CONVERSION) {
        rec->payload = rec->block;
        rec->payload_len = rec->block_len;
        rec->media_type = media_of(rec->content_type, w->media, sizeof w->media);
        rec->charset = param_of(rec->content_type, "charset", w->charset, sizeof w->charset);
    } else {
        return;
    }
    if (undecodable) rec->is_html = 0;
    else if (rec->media_type)
        rec->is_html = !strcmp(rec->media_type, "text/html") ||
                       !strcmp(rec->media_type, "application/xhtml+xml");
    else rec->is_html = rec->payload && sniff_html(rec->payload, rec->payload_len);
}

/* ---- WARC records ------------------------------------------------------ */

/* Damage: report msg; the next call scans for a record from wpos+from
 * (sol: that spot starts a line). */
static int damaged(wn_warc *w, wn_warc_record *rec, const char *msg, size_t from, int sol)
{
    rec->error = msg;
    w->wpos += from;
    w->sol = sol;
    w->resync = 1;
    return -1;
}

/* A stream (gzip or read) error: what is in the window is the start of a
 * record that will never be complete; drop it and resume where the stream
 * resumes (the next gzip member starts a record). */
static int stream_failed(wn_warc *w, wn_warc_record *rec)
{
    rec->error = w->err;
    w->err = NULL;
    w->wpos = w->wlen;
    w->sol = 1;
    w->resync = 1;
    return -1;
}

/* After the block at offset t: two line ends, or else the next "WARC/" or
 * the end of the stream. *end is where the next record may start. */
static int record_end_ok(wn_warc *w, size_t t, size_t *end)
{
    size_t p = t;
    int ends = 0;
    while (ends < 2) {
        need(w, p + 2); /* fewer bytes at the end of the stream: fine */
        size_t a = avail(w);
        const char *b = at(w, 0);
        if (p < a && b[p] == '\n') p++;
        else if (p + 1 < a && b[p] == '\r' && b[p + 1] == '\n') p += 2;
        else break;
        ends++;
    }
    *end = p;
    if (ends == 2) return 1;
    need(w, p + 5);
    size_t a = avail(w);
    if (p >= a) return 1; /* end of stream (or a stream error, told next) */
    return a - p >= 5 && memcmp(at(w, p), "WARC/", 5) == 0;
}

static const char *const bad_end = "record does not end where its Content-Length says";

/* Where another record starts in b[0..n): a version line ("WARC/1.x" or
 * "WARC/0.x", digits, blanks, a line end; it may run on to b[m-1], m >= n)
 * at b's start or after a blank line; n when there is none. */
static size_t next_record_in(const char *b, size_t n, size_t m)
{
    size_t k = 0; /* a line start */
    while (k < n && k + 8 < m) {
        int after_blank = k == 0 || (k >= 2 && b[k - 2] == '\n') ||
                          (k >= 3 && b[k - 2] == '\r' && b[k - 3] == '\n');
        if (after_blank && version_prefix(b + k) && is_digit(b[k + 7])) {
            size_t j = k + 8;
            while (j < m && is_digit(b[j])) j++;
            while (j < m && is_ws(b[j])) j++;
            if (j < m && (b[j] == '\n' || b[j] == '\r')) return k;
        }
        const char *nl = memchr(b + k, '\n', n - k);
        if (!nl) return n;
        k = (size_t)(nl - b) + 1;
    }
    return n;
}

/* The Content-Length ran over the next record, whose version line is at
 * block offset v (ClueWeb09: lengths counted before CR LF became LF; a
 * writer's miscount): the block ends there, less the line ends that close
 * a record. Counted as a header warning; the next record is read as usual. */
static int overran(wn_warc *w, wn_warc_record *rec, size_t hdr_end, size_t v)
{
    const char *b = at(w, hdr_end);
    size_t len = v;
    for (int k = 0; k < 2 && len > 0 && b[len - 1] == '\n'; k++) {
        len--;
        if (len > 0 && b[len - 1] == '\r') len--;
    }
    rec->block = b;
    rec->block_len = len;
    rec->header_warnings++;
    w->wpos += hdr_end + v;
    w->sol = 1;
    set_payload(w, rec);
    return 1;
}

/* With gzip, a member's CRC is checked only after its data came out, so a
 * record can look complete while its member is bad. Reading one byte past
 * the record makes zlib finish the member; if the member that failed is the
 * one this record starts (the Common Crawl layout), the record is damaged.
 * (A cut-off member whose data all arrived is not held against it.) */
static int member_failed(wn_warc *w, const wn_warc_record *rec, size_t end)
{
    if (w->mode != MODE_GZIP) return 0;
    need(w, end + 1);
    return w->err && w->err_in_member && w->err_member == rec->offset;
}

static int read_record(wn_warc *w, wn_warc_record *rec)
{
    rec->offset = w->wbase + w->wpos;
    int r = need(w, 8);
    if (r < 0) return stream_failed(w, rec);
    if (avail(w) < 8 || !version_prefix(at(w, 0)) || !is_digit(*at(w, 7)))
        return damaged(w, rec, "bad WARC version line", 0, 0);

    /* find the blank line that ends the header section */
    size_t i = 0, ls = 0, hdr_end = 0;
    int first = 1;
    for (;;) {
        size_t a = avail(w);
        const char *nl = i < a ? memchr(at(w, i), '\n', a - i) : NULL;
        if (!nl) {
            i = a;
            if (first && a > VERSION_MAX_LINE) return damaged(w, rec, "bad WARC version line", 0, 0);
            if (a >= WARC_MAX_HEAD) return damaged(w, rec, "WARC header too long", ls, 1);
            r = need(w, a + 1);
            if (r < 0) return stream_failed(w, rec);
            if (r == 0) return damaged(w, rec, "truncated WARC header", a, 0);
            continue;
        }
        size_t e = (size_t)(nl - at(w, 0));
        if (e >= WARC_MAX_HEAD) return damaged(w, rec, "WARC header too long", ls, 1);
        const char *b = at(w, 0);
        size_t le = e;
        if (le > ls && b[le - 1] == '\r') le--;
        if (first) {
            size_t k = 8;
            while (k < le && is_digit(b[k])) k++;
            while (k < le && is_ws(b[k])) k++;
            if (k != le || e > VERSION_MAX_LINE) return damaged(w, rec, "bad WARC version line", 0, 0);
            first = 0;
        } else if (le == ls) {
            hdr_end = e + 1;
            break;
        } else if (le - ls >= 7 && version_prefix(b + ls)) {
            /* a new record starts before this header ended */
            return damaged(w, rec, "truncated WARC header", ls, 1);
        }
        ls = i = e + 1;
    }

    memcpy(w->head, at(w, 0), hdr_end);
    w->head[hdr_end] = 0;
    warc_fields f = {w->fields, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    unsigned bad = 0;
    rec->version = parse_head(w->head, hdr_end, 1, warc_field, &f, &bad);
    rec->header_warnings = bad;
    if (f.uri) {
        size_t ul = strlen(f.uri);
        if (ul >= 2 && f.uri[0] == '<' && f.uri[ul - 1] == '>') {
            f.uri[ul - 1] = 0;
            f.uri++;
        }
    }
    rec->fields = w->fields;
    rec->n_fields = f.n;
    rec->type_name = f.type;
    rec->type = type_of(f.type);
    rec->target_uri = f.uri;
    rec->date = f.date;
    rec->record_id = f.id;
    rec->trec_id = f.trec;
    rec->content_type = f.ctype;
    rec->truncated = f.truncated;
    if (!f.length) return damaged(w, rec, "missing Content-Length", hdr_end, 1);
    uint64_t cl;
    if (!parse_u64(f.length, &cl)) return damaged(w, rec, "bad Content-Length", hdr_end, 1);
    rec->content_length = cl;

    if (cl > w->max_record) {
        /* too large: drop the content as it streams by */
        rec->too_large = 1;
        w->wpos += hdr_end;
        uint64_t left = cl;
        for (;;) {
            size_t a = avail(w);
            size_t take = (uint64_t)a < left ? a : (size_t)left;
            w->wpos += take;
            left -= take;
            if (!left) break;
            long got = fill(w);
            if (got < 0 && w->err != truncated_gzip) return stream_failed(w, rec);
            if (got <= 0) { /* cut off by the end of the input */
                w->err = NULL;
                rec->cut_short = 1;
                if (!rec->truncated) rec->truncated = "end_of_file";
                w->wpos = w->wlen;
                return 1;
            }
        }
        size_t end;
        if (!record_end_ok(w, 0, &end)) return damaged(w, rec, bad_end, 0, 0);
        if (member_failed(w, rec, end)) return stream_failed(w, rec);
        w->wpos += end;
        return 1;
    }

    size_t n = (size_t)cl;
    r = need(w, hdr_end + n);
    if (r < 0 && w->err != truncated_gzip) return stream_failed(w, rec);
    if (r <= 0) {
        /* The input ends inside the block. If the block holds another
         * record's version line the Content-Length lied (resync there);
         * else the archive was cut short: what there is is the record. */
        size_t have = avail(w) - hdr_end;
        size_t v = next_record_in(at(w, hdr_end), have, have);
        if (v < have) return overran(w, rec, hdr_end, v); /* a cut stream is told later */
        w->err = NULL; /* a cut gzip stream is told by the record */
        rec->cut_short = 1;
        if (!rec->truncated) rec->truncated = "end_of_file";
        rec->block = at(w, hdr_end);
        rec->block_len = have;
        w->wpos = w->wlen;
        set_payload(w, rec);
        return 1;
    }
    size_t end;
    if (!record_end_ok(w, hdr_end + n, &end)) {
        /* a version line may start inside the block and end after it (a
         * stream error here is told by the next call, as in record_end_ok) */
        need(w, hdr_end + n + VERSION_MAX_LINE);
        size_t v = next_record_in(at(w, hdr_end), n, avail(w) - hdr_end);
        if (v < n) return overran(w, rec, hdr_end, v);
        return damaged(w, rec, bad_end, hdr_end, 1);
    }
    if (member_failed(w, rec, end)) return stream_failed(w, rec);
    rec->block = at(w, hdr_end); /* the window moves no more in this call */
    rec->block_len = n;
    w->wpos += end;
    set_payload(w, rec);
    return 1;
}

/* Scans for a line starting with "WARC/1." or "WARC/0.": 1 found (at wpos), 0 end of
 * stream, -1 stream error. */
static int resync_scan(wn_warc *w)
{
    for (;;) {
        int r = need(w, 7);
        if (r < 0) return -1;
        size_t a = avail(w);
        const char *b = at(w, 0);
        if (w->sol && a >= 7 && version_prefix(b)) return 1;
        if (r == 0) {
            w->wpos = w->wlen;
            return 0;
        }
        const char *nl = memchr(b, '\n', a);
        if (nl) {
            w->wpos += (size_t)(nl - b) + 1;
            w->sol = 1;
        } else {
            w->wpos = w->wlen;
            w->sol = 0;
        }
    }
}

int wn_warc_next(wn_warc *w, wn_warc_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->offset = w->wbase + w->wpos;
    if (w->done) return 0;
    if (w->resync) {
        int r = resync_scan(w);
        if (r < 0) return stream_failed(w, rec);
        if (r == 0) {
            w->done = 1;
            return 0;
        }
        w->resync = 0;
    }
    for (;;) { /* blank lines between records */
        int r = need(w, 1);
        if (r < 0) return stream_failed(w, rec);
        if (r == 0) {
            w->done = 1;
            return 0;
        }
        char c = *at(w, 0);
        if (c != '\n' && c != '\r') break;
        w->wpos++;
    }
    return read_record(w, rec);
}

/* ---- lifetime ---------------------------------------------------------- */

wn_warc *wn_warc_new(wn_read_fn fn, void *ctx, size_t max_record_bytes)
{
    if (max_record_bytes == 0) max_record_bytes = WN_WARC_DEFAULT_MAX_RECORD;
    if (max_record_bytes > MAX_RECORD_CLAMP) max_record_bytes = MAX_RECORD_CLAMP;
    wn_warc *w = calloc(1, sizeof *w);
    if (!w) wn_oom();
    w->read = fn;
    w->ctx = ctx;
    w->max_record = max_record_bytes;
    w->raw = wn_xrealloc(NULL, RAW_SIZE);
    /* The largest stretch a parse needs in the window is a full header
     * plus a full block plus a few bytes of the next record; the extra
     * quarter lets make_room always compact cheaply (see there). */
    size_t most = WARC_MAX_HEAD + max_record_bytes + 64;
    w->wlimit = most + most / 4 + FILL_CHUNK;
    w->wcap = w->wlimit < WIN_INITIAL ? w->wlimit : WIN_INITIAL;
    w->win = wn_xrealloc(NULL, w->wcap);
    w->head = wn_xrealloc(NULL, WARC_MAX_HEAD + 1);
    w->sol = 1;
    return w;
}

void wn_warc_free(wn_warc *w)
{
    if (!w) return;
    if (w->zs_live) inflateEnd(&w->zs);
    if (w->cz_live) inflateEnd(&w->cz);
    free(w->raw);
    free(w->win);
    free(w->head);
    free(w->hhead);
    free(w->dec[0].buf);
    free(w->dec[1].buf);
    free(w);
}

size_t wn_warc_buffer_bytes(const wn_warc *w)
{
    return sizeof *w + RAW_SIZE + w->wcap + WARC_MAX_HEAD + 1 +
           (w->hhead ? HTTP_MAX_HEAD + 1 : 0) + w->dec[0].cap + w->dec[1].cap +
           (w->zs_live ? ZLIB_STATE_BYTES : 0) + (w->cz_live ? ZLIB_STATE_BYTES : 0);
}
