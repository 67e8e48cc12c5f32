/*
 * json.c — JSON for scraper dumps: a strict parse first, a lenient one when
 * that fails.
 *
 * Design: one hand-written recursive-descent parser serves both passes; a
 * `lenient` flag switches the repairs on. The strict pass is plain RFC 8259,
 * so well-formed input never meets a heuristic and is never marked repaired.
 * Only when it fails for a reason other than nesting depth is the input
 * parsed again leniently (the failed pass's nodes are left to the arena:
 * at most one tree's worth, and a broken dump is the rare case). When both
 * fail, the error of the pass that got further is reported (see below).
 *
 * Recursion depth is bounded by max_depth (capped at DEPTH_CAP), so no input
 * can overflow the stack. Every read is checked against the buffer's
 * length: the buffer is not NUL-terminated and we never look past it.
 *
 * Strings are decoded run by run: a run of bytes that need no change is
 * copied in one piece, and a string with no escapes or bad bytes is copied
 * straight from the input into the arena. Output is always valid UTF-8:
 * invalid bytes, lone surrogates and NUL (raw or \u0000, which would cut the
 * C string short) become U+FFFD. Invalid UTF-8 alone does not fail the
 * strict pass: it is not a structural error and the fix is the same either
 * way. Numbers keep their source text; short texts share pool blocks so a
 * dump of many small values costs little arena.
 *
 * The lenient pass's main job is deciding where a string ends when the
 * delimiters are typographic quotes (or ASCII ' or unescaped inner "). A
 * quote of the opener's family closes the string only if what follows fits
 * the grammar there (closes_here): ':' after a key; after a value ',' '}'
 * ']' matching the container, or the end of the line at top level. A ','
 * must itself lead to a plausible next member (a quoted key followed by
 * ':') or element (a quote, bracket, or a whole number or literal), since
 * `said “stop,” then` is text. A quote followed directly by such a member
 * or element is a missing comma. These look-aheads are bounded (a key is
 * scanned for at most KEY_LOOKAHEAD bytes and the first quote of its family
 * decides), and the whitespace scanned after distinct quotes never
 * overlaps, so the whole parse stays linear. A quote that does not close is
 * kept verbatim.
 *
 * Input that ends inside a string or container fails in both passes: we
 * don't invent closings, because a truncated record is better reported than
 * silently cut short.
 */
#include "input.h"

#include <string.h>

enum { FAM_NONE, FAM_DOUBLE, FAM_SINGLE };    /* quote families */
enum { CTX_TOP, CTX_KEY, CTX_OBJ, CTX_ARR }; /* where a string sits */

#define DEPTH_DEFAULT 256
#define DEPTH_CAP 2048      /* hard ceiling on recursion, whatever the caller asks */
#define KEY_LOOKAHEAD 256   /* bytes of a following key scanned to decide a close */
#define NUM_LOOKAHEAD 64
#define POOL_BLOCK 4096     /* texts shorter than POOL_MAX share blocks this big */
#define POOL_MAX 256

typedef struct parser {
    wn_arena *a;
    const unsigned char *s;
    size_t n, i, start;
    int depth, max_depth, lenient, too_deep;
    unsigned repairs;
    const char *err;
    size_t err_off, progress; /* where it failed; how far it got (see run) */
    wn_buf sb;          /* scratch for strings that need decoding */
    char *pool;         /* current block for short texts */
    size_t pool_left;
} parser;

static const char E_OBJECT[] = "unterminated object", E_ARRAY[] = "unterminated array";

static void *fail(parser *p, const char *msg, size_t off)
{
    if (!p->err) {
        p->err = msg;
        p->err_off = off;
        /* an unclosed container was read to the end; anything else got
         * as far as where it is reported */
        p->progress = msg == E_OBJECT || msg == E_ARRAY ? p->n : off;
    }
    return NULL;
}

static int is_ws(unsigned c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }

static size_t skip_ws(const parser *p, size_t i)
{
    while (i < p->n && is_ws(p->s[i])) i++;
    return i;
}

/* Copies a text into the arena, NUL-terminated; short ones share a block. */
static const char *store(parser *p, const void *src, size_t n)
{
    if (n >= POOL_MAX) return wn_arena_strndup(p->a, src, n);
    if (p->pool_left < n + 1) {
        p->pool = wn_arena_alloc(p->a, POOL_BLOCK);
        p->pool_left = POOL_BLOCK;
    }
    char *d = p->pool;
    memcpy(d, src, n);
    d[n] = 0;
    p->pool += n + 1;
    p->pool_left -= n + 1;
    return d;
}

static wn_json *new_node(parser *p, wn_json_type t)
{
    wn_json *v = wn_arena_alloc(p->a, sizeof *v);
    v->type = t;
    return v;
}

/* Family of the quote character at i, or FAM_NONE; *len gets its size.
 * The strict pass knows only ASCII '"'. */
static int quote_at(const parser *p, size_t i, size_t *len)
{
    if (i >= p->n) return FAM_NONE;
    const unsigned char *s = p->s + i;
    *len = 1;
    if (s[0] == '"') return FAM_DOUBLE;
    if (!p->lenient) return FAM_NONE;
    if (s[0] == '\'') return FAM_SINGLE;
    if (s[0] != 0xE2 || p->n - i < 3 || s[1] != 0x80) return FAM_NONE;
    *len = 3;
    switch (s[2]) {
    case 0x9C: case 0x9D: case 0x9E: case 0x9F: /* U+201C..U+201F “ ” „ ‟ */
    case 0xB3:                                  /* U+2033 ″ */
        return FAM_DOUBLE;
    case 0x98: case 0x99: case 0x9A:            /* U+2018..U+201A ‘ ’ ‚ */
        return FAM_SINGLE;
    }
    return FAM_NONE;
}

/* ---- look-ahead for the lenient pass ---------------------------------- */

/* Does a quoted string start at i (after whitespace), closed by a quote of
 * its family that is followed by one of `then`? (':' for an object key.)
 * The first such quote decides. A string longer than KEY_LOOKAHEAD bytes,
 * or nothing at all before the end of the input, answers `weak`; a string
 * cut off by the end of input is no string. */
static int quoted_follows(const parser *p, size_t i, int weak, const char *then)
{
    size_t ql;
    i = skip_ws(p, i);
    if (i >= p->n) return weak;
    int fam = quote_at(p, i, &ql);
    if (!fam) return 0;
    size_t end = i + ql + KEY_LOOKAHEAD;
    for (i += ql; i < end;) {
        if (i >= p->n) return 0;
        if (p->s[i] == '\\') {
            i += 2;
        } else if (quote_at(p, i, &ql) == fam) {
            size_t k = skip_ws(p, i + ql);
            return k < p->n && p->s[k] && strchr(then, p->s[k]);
        } else {
            i++;
        }
    }
    return weak;
}

/* Does an array element start at i (after whitespace)? Numbers and
 * literals must be whole and followed by ',' or ']', so that text such as
 * `stop, then` or `page 5 of` is not taken for one. */
static int value_follows(const parser *p, size_t i)
{
    static const char *const lits[] = {"true", "false", "null"};
    size_t ql, k;
    i = skip_ws(p, i);
    if (i >= p->n) return 1;
    unsigned c = p->s[i];
    if (c == '{' || c == '[' || c == ']' || quote_at(p, i, &ql)) return 1;
    if (c == '-' || is_digit(c)) {
        for (k = i; k < p->n && k - i < NUM_LOOKAHEAD; k++) {
            unsigned d = p->s[k];
            if (!is_digit(d) && d != '-' && d != '+' && d != '.' && d != 'e' && d != 'E') break;
        }
    } else {
        int lit = 0;
        while (lit < 3 && (p->n - i < strlen(lits[lit]) ||
                           memcmp(p->s + i, lits[lit], strlen(lits[lit])) != 0))
            lit++;
        if (lit == 3) return 0;
        k = i + strlen(lits[lit]);
    }
    k = skip_ws(p, k);
    return k >= p->n || p->s[k] == ',' || p->s[k] == ']';
}

/* Is a family quote ending just before j a closing delimiter in ctx? */
static int closes_here(const parser *p, size_t j, int ctx)
{
    size_t k = skip_ws(p, j), ql;
    if (ctx == CTX_TOP) { /* a top-level value ends its line or the input */
        while (j < p->n && (p->s[j] == ' ' || p->s[j] == '\t' || p->s[j] == '\r')) j++;
        return j >= p->n || p->s[j] == '\n';
    }
    if (k >= p->n) return 1; /* the container will report the truncation */
    unsigned c = p->s[k];
    if (ctx == CTX_KEY) return c == ':';
    if (ctx == CTX_ARR)
        return c == ']' || (c == ',' && value_follows(p, k + 1)) ||
               (quote_at(p, k, &ql) && quoted_follows(p, k, 0, ",]")); /* missing comma */
    if (c == '}') return 1;
    if (c == ',') {
        size_t m = skip_ws(p, k + 1);
        return (m < p->n && p->s[m] == '}') || quoted_follows(p, m, 1, ":");
    }
    return quote_at(p, k, &ql) && quoted_follows(p, k, 0, ":"); /* missing comma */
}

/* ---- strings ---------------------------------------------------------- */

static int hexval(unsigned c)
{
    if (is_digit(c)) return (int)(c - '0');
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10) : -1;
}

/* Four hex digits at i, or -1. */
static int32_t hex4(const parser *p, size_t i)
{
    if (i > p->n || p->n - i < 4) return -1;
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int d = hexval(p->s[i + k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_cp(wn_buf *b, int32_t cp)
{
    char out[4];
    wn_buf_append(b, out, (size_t)wn_utf8_encode(cp ? cp : 0xFFFD, out));
}

/* Copies one character at i verbatim (U+FFFD when invalid or NUL); returns
 * its length. */
static size_t put_char(parser *p, size_t i)
{
    int32_t cp;
    int l = wn_utf8_decode(p->s + i, p->n - i, &cp);
    if (cp <= 0)
        put_cp(&p->sb, 0xFFFD);
    else
        wn_buf_append(&p->sb, (const char *)p->s + i, (size_t)l);
    return (size_t)l;
}

/* Decodes the escape at i (p->s[i] == '\\') into p->sb. Returns the index
 * after it, or 0 on failure. */
static size_t escape(parser *p, size_t i, size_t open)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (i + 1 >= p->n) {
        fail(p, "unterminated string", open);
        return 0;
    }
    unsigned e = p->s[i + 1];
    const char *m = e ? strchr(from, (int)e) : NULL;
    if (m) {
        wn_buf_putc(&p->sb, to[m - from]);
        return i + 2;
    }
    if (e == 'u') {
        int32_t cp = hex4(p, i + 2);
        if (cp >= 0) {
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int32_t lo = i + 1 < p->n && p->s[i] == '\\' && p->s[i + 1] == 'u'
                                 ? hex4(p, i + 2) : -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD; /* lone high surrogate */
                }
            }
            put_cp(&p->sb, cp); /* encode turns a lone low surrogate into U+FFFD */
            return i;
        }
        if (!p->lenient) {
            fail(p, p->n - i < 6 ? "unterminated string" : "invalid \\u escape",
                 p->n - i < 6 ? open : i);
            return 0;
        }
    } else if (!p->lenient) {
        fail(p, "invalid escape", i);
        return 0;
    }
    p->repairs++; /* unknown escape: \' is ', anything else stays as written */
    if (e == '\'') {
        wn_buf_putc(&p->sb, '\'');
        return i + 2;
    }
    wn_buf_putc(&p->sb, '\\');
    return i + 1 + put_char(p, i + 1);
}

/* Parses the string whose opening quote (family fam, ql bytes) is at p->i;
 * ctx says what may follow its closing quote. */
static const char *parse_string(parser *p, int fam, size_t ql, int ctx, size_t *len)
{
    const unsigned char *s = p->s;
    size_t n = p->n, open = p->i, i = open + ql, run = i, cl = 1;
    int buffered = 0; /* 0 while the value is one untouched run of the input */
    wn_buf_clear(&p->sb);
#define FLUSH() (wn_buf_append(&p->sb, (const char *)s + run, i - run), buffered = 1)
    for (;;) {
        while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\' &&
               s[i] != '\'')
            i++;
        if (i >= n) return fail(p, "unterminated string", open);
        unsigned c = s[i];
        int q = FAM_NONE;
        if (c >= 0x80) {
            int32_t cp;
            int l = wn_utf8_decode(s + i, n - i, &cp);
            if (cp < 0) {
                FLUSH();
                put_cp(&p->sb, 0xFFFD);
                i += (size_t)l; /* the maximal invalid subpart: one U+FFFD */
                run = i;
                continue;
            }
            if (c == 0xE2) q = quote_at(p, i, &cl);
            if (q != fam) {
                i += (size_t)l;
                continue;
            }
        } else if (c == '"' || c == '\'') {
            q = quote_at(p, i, &cl);
            if (q != fam) {
                i++;
                continue;
            }
        }
        if (q) { /* a quote of the opener's family: close, or keep as text */
            if (!p->lenient || closes_here(p, i + cl, ctx)) break;
            if (c == '"') p->repairs++; /* unescaped inner quote */
            i += cl;
        } else if (c == '\\') {
            FLUSH();
            if (!(i = escape(p, i, open))) return NULL;
            run = i;
        } else if (!p->lenient) {
            return fail(p, "control character in string", i);
        } else { /* raw control character: kept, NUL aside */
            p->repairs++;
            if (c == 0) {
                FLUSH();
                put_cp(&p->sb, 0xFFFD);
                run = i + 1;
            }
            i++;
        }
    }
    if (p->lenient && (s[open] != '"' || s[i] != '"')) p->repairs++; /* odd delimiters */
    p->i = i + cl;
    if (!buffered) {
        *len = i - run;
        return store(p, s + run, i - run);
    }
    FLUSH();
#undef FLUSH
    *len = p->sb.len;
    return store(p, p->sb.data, p->sb.len);
}

/* ---- values ----------------------------------------------------------- */

static wn_json *parse_value(parser *p, int ctx);

static wn_json *parse_number(parser *p)
{
    const unsigned char *s = p->s;
    size_t n = p->n, st = p->i, i = st;
    if (i < n && s[i] == '-') i++;
    if (i >= n || !is_digit(s[i])) return fail(p, "invalid number", st);
    if (s[i] == '0')
        i++;
    else
        while (i < n && is_digit(s[i])) i++;
    if (i < n && s[i] == '.') {
        if (++i >= n || !is_digit(s[i])) return fail(p, "invalid number", st);
        while (i < n && is_digit(s[i])) i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= n || !is_digit(s[i])) return fail(p, "invalid number", st);
        while (i < n && is_digit(s[i])) i++;
    }
    wn_json *v = new_node(p, WN_JSON_NUMBER);
    v->str = store(p, s + st, i - st);
    v->len = i - st;
    p->i = i;
    return v;
}

static wn_json *parse_literal(parser *p)
{
    static const char *const lits[] = {"null", "true", "false"};
    static const wn_json_type types[] = {WN_JSON_NULL, WN_JSON_BOOL, WN_JSON_BOOL};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (p->n - p->i >= l && memcmp(p->s + p->i, lits[k], l) == 0) {
            wn_json *v = new_node(p, types[k]);
            if (k) {
                v->str = lits[k];
                v->len = l;
            }
            p->i += l;
            return v;
        }
    }
    return fail(p, "unexpected character", p->i);
}

/* Can a value start at i? (lenient missing-comma repair in arrays) */
static int value_starts(const parser *p, size_t i)
{
    size_t ql;
    unsigned c = p->s[i];
    return quote_at(p, i, &ql) || c == '{' || c == '[' || c == '-' || is_digit(c) ||
           c == 't' || c == 'f' || c == 'n';
}

/* After a member or element: ',' (maybe trailing), the closer, or in the
 * lenient pass a missing comma. Returns 1 when the container is closed, 0
 * to go on, -1 on failure. */
static int after_item(parser *p, unsigned closer, size_t open)
{
    int obj = closer == '}';
    size_t ql;
    p->i = skip_ws(p, p->i);
    if (p->i >= p->n) {
        fail(p, obj ? E_OBJECT : E_ARRAY, open);
        return -1;
    }
    unsigned c = p->s[p->i];
    if (c == closer) {
        p->i++;
        return 1;
    }
    if (c == ',') {
        p->i = skip_ws(p, p->i + 1);
        if (p->i < p->n && p->s[p->i] == closer) {
            if (!p->lenient) {
                fail(p, "trailing comma", p->i);
                return -1;
            }
            p->repairs++;
            p->i++;
            return 1;
        }
        return 0;
    }
    if (p->lenient && (obj ? quote_at(p, p->i, &ql) != FAM_NONE : value_starts(p, p->i))) {
        p->repairs++;
        return 0;
    }
    fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'", p->i);
    return -1;
}

static wn_json *parse_container(parser *p, int obj)
{
    size_t open = p->i, ql;
    const char *unterminated = obj ? E_OBJECT : E_ARRAY;
    wn_json *c = new_node(p, obj ? WN_JSON_OBJECT : WN_JSON_ARRAY), **tail = &c->child;
    p->i = skip_ws(p, p->i + 1);
    if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) {
        p->i++;
        return c;
    }
    for (;;) {
        const char *key = NULL;
        size_t key_len = 0;
        if (p->i >= p->n) return fail(p, unterminated, open);
        if (obj) {
            int fam = quote_at(p, p->i, &ql);
            if (!fam) return fail(p, "expected a string key", p->i);
            if (!(key = parse_string(p, fam, ql, CTX_KEY, &key_len))) return NULL;
            p->i = skip_ws(p, p->i);
            if (p->i >= p->n) return fail(p, unterminated, open);
            if (p->s[p->i] != ':') return fail(p, "expected ':'", p->i);
            p->i = skip_ws(p, p->i + 1);
            if (p->i >= p->n) return fail(p, unterminated, open);
        }
        wn_json *v = parse_value(p, obj ? CTX_OBJ : CTX_ARR);
        if (!v) return NULL;
        v->key = key;
        v->key_len = key_len;
        *tail = v;
        tail = &v->next;
        c->count++;
        int r = after_item(p, obj ? '}' : ']', open);
        if (r < 0) return NULL;
        if (r) return c;
    }
}

/* Parses the value at p->i (whitespace already skipped, p->i < p->n). */
static wn_json *parse_value(parser *p, int ctx)
{
    size_t ql;
    unsigned c = p->s[p->i];
    int fam = quote_at(p, p->i, &ql);
    if (fam) {
        wn_json *v = new_node(p, WN_JSON_STRING);
        return (v->str = parse_string(p, fam, ql, ctx, &v->len)) ? v : NULL;
    }
    if (c == '{' || c == '[') {
        if (p->depth >= p->max_depth) {
            p->too_deep = 1;
            return fail(p, "nesting too deep", p->i);
        }
        p->depth++;
        wn_json *v = parse_container(p, c == '{');
        p->depth--;
        return v;
    }
    if (c == '-' || is_digit(c)) return parse_number(p);
    return parse_literal(p);
}

/* ---- entry points ----------------------------------------------------- */

/* One pass over the value at p->start. */
static wn_json *run(parser *p, int lenient)
{
    p->lenient = lenient;
    p->i = p->start;
    p->depth = 0;
    p->repairs = 0;
    p->err = NULL;
    p->err_off = 0;
    return parse_value(p, CTX_TOP);
}

wn_json *wn_json_parse(wn_arena *a, const char *buf, size_t len, int max_depth,
                       size_t *consumed, wn_json_diag *diag)
{
    wn_json_diag dummy;
    size_t dummy_consumed;
    if (!diag) diag = &dummy;
    if (!consumed) consumed = &dummy_consumed;
    memset(diag, 0, sizeof *diag);
    *consumed = 0;
    if (!buf) len = 0;

    parser p = {.a = a, .s = (const unsigned char *)buf, .n = len};
    p.max_depth = max_depth <= 0 ? DEPTH_DEFAULT : max_depth > DEPTH_CAP ? DEPTH_CAP : max_depth;
    for (;;) { /* leading whitespace and byte-order marks */
        p.start = skip_ws(&p, p.start);
        if (len - p.start < 3 || memcmp(buf + p.start, "\xEF\xBB\xBF", 3) != 0) break;
        p.start += 3;
    }
    if (p.start >= len) {
        diag->error = "no JSON value";
        diag->error_offset = len;
        return NULL;
    }

    /* When both passes fail, report the one that got further: the lenient
     * error if it repaired past the strict one (or hit the depth limit),
     * else the strict error, which names the first real fault — the lenient
     * pass may have misread it, say as an inner quote running to the end. */
    wn_buf_init(&p.sb);
    wn_json *v = run(&p, 0);
    if (!v && !p.too_deep) {
        const char *err = p.err;
        size_t off = p.err_off, progress = p.progress;
        if ((v = run(&p, 1))) {
            diag->repaired = 1;
            diag->repairs = p.repairs ? p.repairs : 1;
        } else if (!p.too_deep && p.progress <= progress) {
            p.err = err;
            p.err_off = off;
        }
    }
    wn_buf_free(&p.sb);
    if (!v) {
        diag->error = p.err;
        diag->error_offset = p.err_off;
        diag->too_deep = p.too_deep;
        return NULL;
    }
    *consumed = p.i;
    return v;
}

const wn_json *wn_json_get(const wn_json *obj, const char *key)
{
    if (!obj || obj->type != WN_JSON_OBJECT || !key) return NULL;
    size_t kl = strlen(key);
    for (const wn_json *m = obj->child; m; m = m->next)
        if (m->key_len == kl && memcmp(m->key, key, kl) == 0) return m;
    return NULL;
}
