/*
 * jsonl.c — `winnow dedup` over JSONL: two passes, input order kept.
 *
 * A record's cluster fields are only final when every record has been
 * seen: a later record can turn out to be the original (an earlier date, a
 * copy naming it as publisher) and change the canonical, duplicate_of and
 * the cluster id of records already read. So output cannot stream as
 * clusters close. Instead:
 *
 *   pass 1  reads every line, classifies it (one byte per line is kept),
 *           and adds each article to the store (wn_dedup_store: a signature and
 *           a few fields, never the text). Input that cannot be read twice
 *           (stdin, a pipe) is copied to a temporary file (tmpfile()) as it
 *           is read; regular files are simply opened again. gzip is undone
 *           on the fly (input/source.c), the spool holds plain JSONL.
 *   finish  clusters (cluster.c).
 *   pass 2  reads the lines again and writes each one: articles with the
 *           cluster fields added at the end of the object, everything else
 *           byte for byte.
 *
 * With --order stream (stream_jsonl below) there is one pass and no spool:
 * lines that are not articles are written as they are read, articles are
 * held by the window (stream.c) and written through the same
 * write_article when their cluster is final.
 *
 * Line kinds. An article is a JSON object with a string "text" and no
 * "error"/"skipped"/"skip" key. Error and skip records, other JSON objects
 * and lines that are not JSON objects (junk, blank lines, lines longer than
 * max_line) pass through untouched and are counted. An article line that
 * parsed strictly and holds no dedup field yet is written as it was with
 * the new fields spliced in before its closing brace (no re-rendering,
 * cheap); one that needed the lenient parser's repairs, holds invalid
 * UTF-8, or already has dedup fields (a second `winnow dedup` over the output), is rendered
 * again from its parse, old dedup fields dropped, so the output is valid
 * JSON in valid UTF-8 with each key once.
 */
#include "dedup.h"

#include "../input/input.h"
#include "../output/output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define CHUNK 65536

enum line_kind { L_RAW = 0, L_SPLICE, L_REWRITE };

typedef struct reader {
    wn_source *src; /* a file or stdin (gunzipped on the fly) ... */
    FILE *f;        /* ... or a spool */
    FILE *spool;    /* pass 1 of unseekable input: copy of every byte read */
    int spool_failed;
    char *chunk;
    size_t pos, len;
    int eof, damaged;
    const char *err;
} reader;

typedef struct input_state {
    FILE *spool;   /* pass 2 reads this when set */
    int own_spool; /* we made it (tmpfile) */
    char err_code[24];
    char err_msg[200];
    int has_err;   /* an error record follows the input's lines */
    size_t lines;
} input_state;

static int fill(reader *rd)
{
    if (rd->eof) return 0;
    long got;
    if (rd->src) {
        got = wn_source_read(rd->src, rd->chunk, CHUNK);
    } else {
        got = (long)fread(rd->chunk, 1, CHUNK, rd->f);
        if (got == 0 && ferror(rd->f)) got = -1;
    }
    if (got <= 0) {
        rd->eof = 1;
        if (got < 0) {
            rd->damaged = 1;
            rd->err = rd->src && wn_source_error(rd->src) ? wn_source_error(rd->src) : "read error";
        }
        return 0;
    }
    if (rd->spool && fwrite(rd->chunk, 1, (size_t)got, rd->spool) != (size_t)got)
        rd->spool_failed = 1;
    rd->pos = 0;
    rd->len = (size_t)got;
    return 1;
}

/* Reads one line (without its '\n') into b. Returns 0 at the end. A line
 * longer than max sets *too_long, leaves b empty, and its bytes go to copy
 * (when not NULL) as they are read. */
static int read_line(reader *rd, wn_buf *b, size_t max, int *too_long, FILE *copy)
{
    wn_buf_clear(b);
    *too_long = 0;
    int any = 0;
    for (;;) {
        if (rd->pos == rd->len && !fill(rd)) return any;
        any = 1;
        char *s = rd->chunk + rd->pos;
        size_t avail = rd->len - rd->pos;
        char *nl = memchr(s, '\n', avail);
        size_t take = nl ? (size_t)(nl - s) : avail;
        if (!*too_long && b->len + take > max) {
            *too_long = 1;
            if (copy && b->len) fwrite(b->data, 1, b->len, copy);
            wn_buf_clear(b);
        }
        if (*too_long) {
            if (copy && take) fwrite(s, 1, take, copy);
        } else {
            wn_buf_append(b, s, take);
        }
        rd->pos += take + (nl != NULL);
        if (nl) return 1;
    }
}

static const char *const DEDUP_KEYS[] = {"cluster",        "canonical",     "duplicate_of",
                                         "similarity",     "duplicate_kind", "dedup_reason"};

static int is_dedup_key(const wn_json *m)
{
    for (size_t i = 0; i < sizeof DEDUP_KEYS / sizeof *DEDUP_KEYS; i++)
        if (m->key_len == strlen(DEDUP_KEYS[i]) && memcmp(m->key, DEDUP_KEYS[i], m->key_len) == 0)
            return 1;
    return 0;
}

static const char *str_member(const wn_json *o, const char *k)
{
    const wn_json *v = wn_json_get(o, k);
    return v && v->type == WN_JSON_STRING ? v->str : NULL;
}

typedef struct run_ctx {
    const wn_dedup_run *r;
    wn_dedup_store *d;
    wn_dedup_stats *st;
    uint8_t *kinds;
    size_t nlines, kcap;
    wn_arena a;
    wn_buf line, out;
} run_ctx;

static void push_kind(run_ctx *c, uint8_t k)
{
    if (c->nlines == c->kcap) {
        c->kcap = c->kcap ? c->kcap * 2 : 4096;
        uint8_t *n = realloc(c->kinds, c->kcap);
        if (!n) {
            fputs("winnow: out of memory\n", stderr);
            abort();
        }
        c->kinds = n;
    }
    c->kinds[c->nlines++] = k;
}

/* Parses a line into an object, or NULL (not a single JSON object). */
static const wn_json *parse_object(wn_arena *a, int max_depth, const char *s, size_t n,
                                   int *repaired)
{
    size_t used = 0;
    wn_json_diag dg;
    const wn_json *v = wn_json_parse(a, s, n, max_depth, &used, &dg);
    if (!v || v->type != WN_JSON_OBJECT) return NULL;
    for (size_t i = used; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return NULL;
    if (repaired) *repaired = dg.repaired;
    return v;
}

static const wn_json *parse_line(run_ctx *c, const char *s, size_t n, int *repaired)
{
    return parse_object(&c->a, c->r->max_depth, s, n, repaired);
}

static void emit_bands(run_ctx *c, const char *source, const wn_text_summary *s,
                       const uint32_t *sig)
{
    wn_buf *o = &c->out;
    wn_buf_clear(o);
    wn_buf_puts(o, "{\"source\":");
    wn_json_string(o, source, strlen(source));
    if (s->words) wn_buf_printf(o, ",\"fingerprint\":\"%016" PRIx64 "\"", s->fp);
    if (sig) {
        wn_buf_printf(o, ",\"lead\":\"%016" PRIx64 "\"", s->lead);
        wn_buf_puts(o, ",\"anchors\":[");
        for (unsigned a = 0; a < WN_DEDUP_ANCHORS && s->anchors[a]; a++)
            wn_buf_printf(o, "%s\"%016" PRIx64 "\"", a ? "," : "", s->anchors[a]);
        wn_buf_putc(o, ']');
    }
    wn_buf_puts(o, ",\"bands\":[");
    const wn_dedup_params *p = wn_dedup_get_params(c->d);
    for (unsigned b = 0; sig && b < p->bands; b++)
        wn_buf_printf(o, "%s\"%016" PRIx64 "\"", b ? "," : "", wn_minhash_band(p, sig, b));
    wn_buf_puts(o, "]}\n");
    fwrite(o->data, 1, o->len, c->r->bands);
}

/* Classifies the line in c->line: L_RAW (counted in the stats) or an
 * article kind with *in filled (strings in c->a or the line). */
static int classify(run_ctx *c, const char *path, size_t lineno, int too_long, wn_dedup_in *in)
{
    const char *s = c->line.data ? c->line.data : "";
    size_t n = c->line.len;
    int repaired = 0;
    const wn_json *o = too_long ? NULL : parse_line(c, s, n, &repaired);
    if (!o) {
        c->st->not_json++;
        return L_RAW;
    }
    if (wn_json_get(o, "error")) {
        c->st->errors++;
        return L_RAW;
    }
    if (wn_json_get(o, "skipped") || wn_json_get(o, "skip")) {
        c->st->skips++;
        return L_RAW;
    }
    const wn_json *t = wn_json_get(o, "text");
    if (!t || t->type != WN_JSON_STRING) {
        c->st->other_json++;
        return L_RAW;
    }
    int has_dedup = 0;
    for (const wn_json *m = o->child; m; m = m->next) has_dedup |= is_dedup_key(m);
    memset(in, 0, sizeof *in);
    in->source = str_member(o, "source");
    if (!in->source) in->source = wn_arena_printf(&c->a, "%s#%zu", path, lineno);
    in->publisher = str_member(o, "publisher");
    in->republisher = str_member(o, "republisher");
    in->date_published = str_member(o, "date_published");
    in->text = t->str;
    in->text_len = t->len;
    in->line_hash = XXH3_64bits(s, n);
    c->st->articles++;
    return repaired || has_dedup || !wn_utf8_valid(s, n) ? L_REWRITE : L_SPLICE;
}

static void pass1_line(run_ctx *c, const char *path, size_t lineno, int too_long)
{
    wn_dedup_in in;
    int kind = classify(c, path, lineno, too_long, &in);
    if (kind != L_RAW) {
        const wn_text_summary *sum;
        const uint32_t *sig;
        wn_dedup_add(c->d, &in, &sum, &sig);
        if (c->r->bands) emit_bands(c, in.source, sum, sig);
    }
    push_kind(c, (uint8_t)kind);
}

/* ---- pass 2 ----------------------------------------------------------- */

void wn_dedup_put_fields(wn_buf *o, const wn_dedup_out *x, int explain)
{
    wn_buf_printf(o, ",\"cluster\":\"%016" PRIx64 "\",\"canonical\":%s", x->cluster,
                  x->canonical ? "true" : "false");
    if (!x->canonical) {
        wn_buf_puts(o, ",\"duplicate_of\":");
        wn_json_string(o, x->duplicate_of, strlen(x->duplicate_of));
        wn_buf_printf(o, ",\"similarity\":%.3f,\"duplicate_kind\":\"%s\"", x->similarity,
                      wn_dup_kind_name(x->kind));
    } else if (explain && x->reason != WN_CANON_SINGLE) {
        wn_buf_puts(o, ",\"dedup_reason\":");
        const char *why = x->reason == WN_CANON_DATE     ? "earliest date_published"
                          : x->reason == WN_CANON_LENGTH ? "longest text"
                                                         : "first in input order";
        if (x->reason == WN_CANON_REPUBLISHER) {
            wn_buf tmp;
            wn_buf_init(&tmp);
            wn_buf_printf(&tmp, "named as publisher by %s's republisher", x->reason_source);
            wn_json_string(o, tmp.data, tmp.len);
            wn_buf_free(&tmp);
        } else {
            wn_json_string(o, why, strlen(why));
        }
    }
}

static void render_value(wn_buf *o, const wn_json *v)
{
    switch (v->type) {
    case WN_JSON_NULL: wn_buf_puts(o, "null"); break;
    case WN_JSON_BOOL:
    case WN_JSON_NUMBER: wn_buf_append(o, v->str, v->len); break;
    case WN_JSON_STRING: wn_json_string(o, v->str, v->len); break;
    case WN_JSON_ARRAY:
    case WN_JSON_OBJECT: {
        int obj = v->type == WN_JSON_OBJECT;
        wn_buf_putc(o, obj ? '{' : '[');
        for (const wn_json *m = v->child; m; m = m->next) {
            if (m != v->child) wn_buf_putc(o, ',');
            if (obj) {
                wn_json_string(o, m->key, m->key_len);
                wn_buf_putc(o, ':');
            }
            render_value(o, m);
        }
        wn_buf_putc(o, obj ? '}' : ']');
        break;
    }
    }
}

/* Appends article line s (len bytes, kind L_SPLICE or L_REWRITE) with the
 * fields x and a newline to o; -1 (o as it was) when a line to rewrite does
 * not parse. Parses into a (the caller releases it). */
static int render_article(wn_arena *a, int max_depth, wn_buf *o, int kind, const char *s,
                          size_t len, const wn_dedup_out *xp, int explain)
{
    size_t n = len;
    if (kind == L_SPLICE) {
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
        if (!n || s[n - 1] != '}') kind = L_REWRITE; /* cannot happen after a strict parse */
    }
    if (kind == L_SPLICE) {
        /* blanks and a UTF-8 BOM before the object (a line written by
         * another tool; a BOM is not JSON): the line written back starts
         * at the object */
        size_t b = 0;
        for (;;) {
            if (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) b++;
            else if (n - b >= 3 && memcmp(s + b, "\xef\xbb\xbf", 3) == 0) b += 3;
            else break;
        }
        wn_buf_append(o, s + b, n - 1 - b);
    } else {
        const wn_json *v = parse_object(a, max_depth, s ? s : "", len, NULL);
        if (!v) return -1;
        wn_buf_putc(o, '{');
        int first = 1;
        for (const wn_json *m = v->child; m; m = m->next) {
            if (is_dedup_key(m)) continue;
            if (!first) wn_buf_putc(o, ',');
            first = 0;
            wn_json_string(o, m->key, m->key_len);
            wn_buf_putc(o, ':');
            render_value(o, m);
        }
    }
    wn_dedup_put_fields(o, xp, explain);
    wn_buf_puts(o, "}\n");
    return 0;
}

int wn_dedup_render_line(wn_arena *a, int max_depth, const char *s, size_t len,
                         const wn_dedup_out *x, int explain, wn_buf *o)
{
    int repaired = 0, has_dedup = 0;
    const char *t = s ? s : "";
    const wn_json *v = parse_object(a, max_depth, t, len, &repaired);
    if (!v) return -1;
    for (const wn_json *m = v->child; m; m = m->next) has_dedup |= is_dedup_key(m);
    int kind = repaired || has_dedup || !wn_utf8_valid(t, len) ? L_REWRITE : L_SPLICE;
    return render_article(a, max_depth, o, kind, t, len, x, explain);
}

/* Writes article line s (len bytes, kind L_SPLICE or L_REWRITE) with the
 * fields x. */
static void write_article(run_ctx *c, int kind, const char *s, size_t len, const wn_dedup_out *xp,
                          FILE *out)
{
    if (c->r->drop_duplicates && !xp->canonical) {
        c->st->dropped++;
        return;
    }
    wn_buf *o = &c->out;
    wn_buf_clear(o);
    if (render_article(&c->a, c->r->max_depth, o, kind, s, len, xp, c->r->explain) < 0) {
        /* the input changed between the passes: keep the line */
        if (len) fwrite(s, 1, len, out);
        fputc('\n', out);
        return;
    }
    fwrite(o->data, 1, o->len, out);
}

static void pass2_article(run_ctx *c, int kind, size_t idx, FILE *out)
{
    wn_dedup_out x;
    wn_dedup_result(c->d, idx, &x);
    write_article(c, kind, c->line.data, c->line.len, &x, out);
}

static void error_record(FILE *out, const char *path, const char *code, const char *msg)
{
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_puts(&b, "{\"source\":");
    wn_json_string(&b, path, strlen(path));
    wn_buf_printf(&b, ",\"error\":{\"code\":\"%s\",\"message\":", code);
    wn_json_string(&b, msg, strlen(msg));
    wn_buf_puts(&b, "}}\n");
    fwrite(b.data, 1, b.len, out);
    wn_buf_free(&b);
}

static int open_reader(reader *rd, const wn_dedup_input *in, FILE *spool, char *chunk,
                       const char **err)
{
    memset(rd, 0, sizeof *rd);
    rd->chunk = chunk;
    if (spool) {
        rewind(spool);
        rd->f = spool;
        return 0;
    }
    rd->src = wn_source_open_file(in->path, err);
    return rd->src ? 0 : -1;
}

/* ---- --order stream: one pass (stream.c holds the window) ----------- */

typedef struct stream_ctx {
    run_ctx *c;
    FILE *out;
} stream_ctx;

static void stream_emit(void *ctx, const char *payload, size_t len, int tag, const wn_dedup_out *x)
{
    stream_ctx *sc = ctx;
    wn_dedup_stats *st = sc->c->st;
    if (x->canonical) {
        st->clusters++;
    } else {
        st->duplicates++;
        if (x->kind == WN_DUP_EXACT) st->exact++;
        else if (x->kind == WN_DUP_NEAR) st->near++;
        else st->contained++;
    }
    write_article(sc->c, tag, payload, len, x, sc->out);
}

/* Reads each input once; lines that are not articles are written at once,
 * articles when their cluster is final. No spool: standard input is read
 * as it comes. */
static int stream_jsonl(run_ctx *c, const wn_dedup_input *in, size_t n, char *chunk, FILE *out,
                        const char **err)
{
    const wn_dedup_run *r = c->r;
    wn_dedup_stats *st = c->st;
    stream_ctx sc = {c, out};
    wn_dedup_window *w = wn_dedup_window_new(&r->params, r->window, stream_emit, &sc);
    if (!w) {
        *err = "cannot set up the window (out of memory?)";
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        reader rd;
        const char *oerr = NULL;
        if (open_reader(&rd, &in[i], in[i].spooled, chunk, &oerr) < 0) {
            st->unreadable++;
            st->errors++;
            error_record(out, in[i].path, "unreadable", oerr ? oerr : "cannot be opened");
            continue;
        }
        int too_long;
        size_t lineno = 0;
        while (read_line(&rd, &c->line, r->max_line, &too_long, out)) {
            lineno++;
            c->nlines++;
            wn_dedup_in din;
            int kind = classify(c, in[i].path, lineno, too_long, &din);
            if (kind == L_RAW) { /* a too-long line's bytes are already out */
                if (!too_long && c->line.len) fwrite(c->line.data, 1, c->line.len, out);
                fputc('\n', out);
            } else {
                const wn_text_summary *sum;
                const uint32_t *sig;
                wn_dedup_window_add(w, &din, c->line.data ? c->line.data : "", c->line.len, kind,
                                    &sum, &sig);
                if (r->bands) emit_bands(c, din.source, sum, sig);
            }
            wn_arena_release(&c->a);
        }
        if (rd.damaged) {
            st->errors++;
            error_record(out, in[i].path,
                         rd.src && wn_source_is_gzip(rd.src) ? "invalid_gzip" : "unreadable",
                         rd.err);
        }
        if (rd.src) wn_source_close(rd.src);
    }
    wn_dedup_window_flush(w);
    wn_arena_release(&c->a);
    st->lines = c->nlines;
    st->max_held = wn_dedup_window_max_held(w);
    st->bytes_per_record = wn_dedup_bytes(c->d);
    wn_dedup_window_free(w);
    if (r->bands && fflush(r->bands) != 0) {
        *err = "cannot write the band keys";
        return -1;
    }
    if (fflush(out) != 0 || ferror(out)) {
        *err = "cannot write the output";
        return -1;
    }
    return 0;
}

int wn_dedup_jsonl(const wn_dedup_run *r, const wn_dedup_input *in, size_t n, FILE *out,
                   wn_dedup_stats *st, const char **err)
{
    memset(st, 0, sizeof *st);
    *err = NULL;
    run_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.st = st;
    c.d = wn_dedup_new(&r->params);
    input_state *is = calloc(n ? n : 1, sizeof *is);
    char *chunk = malloc(CHUNK);
    if (!c.d || !is || !chunk) {
        wn_dedup_free(c.d);
        free(is);
        free(chunk);
        *err = "out of memory";
        return -1;
    }
    wn_arena_init(&c.a);
    wn_buf_init(&c.line);
    wn_buf_init(&c.out);
    int rc = 0;
    if (r->stream) {
        rc = stream_jsonl(&c, in, n, chunk, out, err);
        n = 0; /* skip both passes */
    }

    /* pass 1 */
    for (size_t i = 0; i < n && !rc; i++) {
        reader rd;
        const char *oerr = NULL;
        if (open_reader(&rd, &in[i], in[i].spooled, chunk, &oerr) < 0) {
            snprintf(is[i].err_code, sizeof is[i].err_code, "unreadable");
            snprintf(is[i].err_msg, sizeof is[i].err_msg, "%s",
                     oerr ? oerr : "cannot be opened");
            is[i].has_err = 1;
            st->unreadable++;
            continue;
        }
        if (in[i].spooled) {
            is[i].spool = in[i].spooled;
        } else if (wn_source_size(rd.src) < 0 || strcmp(in[i].path, "-") == 0) {
            /* cannot be read twice: a pipe, and standard input even when it
             * is a regular file (the second open does not rewind it) */
            rd.spool = tmpfile();
            if (!rd.spool) {
                *err = "cannot create a temporary file to spool standard input";
                rc = -1;
            }
            is[i].spool = rd.spool;
            is[i].own_spool = 1;
        }
        int too_long;
        while (!rc && read_line(&rd, &c.line, r->max_line, &too_long, NULL)) {
            is[i].lines++;
            pass1_line(&c, in[i].path, is[i].lines, too_long);
            wn_arena_release(&c.a);
        }
        if (rd.damaged) {
            snprintf(is[i].err_code, sizeof is[i].err_code, "%s",
                     rd.src && wn_source_is_gzip(rd.src) ? "invalid_gzip" : "unreadable");
            snprintf(is[i].err_msg, sizeof is[i].err_msg, "%s", rd.err);
            is[i].has_err = 1;
        }
        if (rd.spool_failed) {
            *err = "cannot write the temporary spool file";
            rc = -1;
        }
        if (rd.spool) fflush(rd.spool);
        if (rd.src) wn_source_close(rd.src);
    }

    if (r->bands && fflush(r->bands) != 0) { /* band keys before any output line */
        *err = "cannot write the band keys";
        rc = -1;
    }
    if (!rc) {
        wn_dedup_finish(c.d);
        st->bytes_per_record = wn_dedup_bytes(c.d);
    }

    /* pass 2 */
    size_t li = 0, ai = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        reader rd;
        const char *oerr = NULL;
        int opened = !(is[i].has_err && !strcmp(is[i].err_code, "unreadable") && !is[i].lines);
        if (opened && open_reader(&rd, &in[i], is[i].spool, chunk, &oerr) < 0) {
            *err = "an input could not be opened again for the second pass";
            rc = -1;
            break;
        }
        int too_long;
        size_t seen = 0;
        while (opened && seen < is[i].lines && li < c.nlines &&
               read_line(&rd, &c.line, r->max_line, &too_long, out)) {
            int k = c.kinds[li++];
            seen++;
            if (too_long || k == L_RAW) {
                if (!too_long && c.line.len) fwrite(c.line.data, 1, c.line.len, out);
                fputc('\n', out);
            } else {
                pass2_article(&c, k, ai++, out);
            }
            wn_arena_release(&c.a);
        }
        if (opened && seen < is[i].lines) {
            *err = "an input changed between the two passes";
            rc = -1;
        }
        if (opened && rd.src) wn_source_close(rd.src);
        if (is[i].has_err) {
            st->errors++;
            error_record(out, in[i].path, is[i].err_code, is[i].err_msg);
        }
    }
    st->lines = c.nlines;
    for (size_t i = 0; !rc && i < wn_dedup_count(c.d); i++) {
        wn_dedup_out x;
        wn_dedup_result(c.d, i, &x);
        if (x.canonical) {
            st->clusters++;
            continue;
        }
        st->duplicates++;
        if (x.kind == WN_DUP_EXACT) st->exact++;
        else if (x.kind == WN_DUP_NEAR) st->near++;
        else st->contained++;
    }
    if (!rc && (fflush(out) != 0 || ferror(out))) {
        *err = "cannot write the output";
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        if (is[i].own_spool && is[i].spool) fclose(is[i].spool);
    free(is);
    free(chunk);
    free(c.kinds);
    wn_buf_free(&c.line);
    wn_buf_free(&c.out);
    wn_arena_release(&c.a);
    wn_dedup_free(c.d);
    return rc;
}
