/*
 * read.c — the read side of the store: search, article, story, summary.
 *
 * Everything is JSON built here from column values with the project's JSON
 * string writer (wn_json_string: always valid UTF-8, whatever the bytes in
 * the database), so the server (src/serve/) writes no SQL and no JSON of
 * its own. Search is one FTS5 query joined with the article table for the
 * filters: ranked by bm25 with the title weighted 10 and the text 1, the
 * snippet cut from the text around the matches. A malformed FTS5 query
 * shows up as an error of the first sqlite3_step, reported as EQUERY with
 * SQLite's message, unless the query uses no FTS5 syntax at all (plain text
 * with punctuation, a pasted sentence): that is searched again as one
 * phrase. Without a query the newest articles come first (by
 * date_published, then by id).
 *
 * Story: the members of a cluster, the canonical first, then the others by
 * their similarity to the canonical (computed again from the stored
 * signatures with wn_dedup_verify, so it is right after the canonical
 * changed), each with a paragraph-level difference against the canonical:
 * paragraphs (the text's blank-line separated parts) compared as sets of
 * their casefolded-word fingerprints.
 */
#include "store.h"

#include "../dedup/dedup.h"
#include "../output/output.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

enum { /* statement slots of the read side (ingest.c uses 0..19) */
    R_ARTICLE = 20,
    R_STORY,
    R_SIG,
    R_SUMMARY_COUNTS,
    R_SUMMARY_PUB,
    R_SUMMARY_LANG,
    R_SEARCH_MATCH,
    R_SEARCH_ALL,
    R_HIT
};

#define SAMPLE 3

static void jkey(wn_buf *o, int *first, const char *k)
{
    if (!*first) wn_buf_putc(o, ',');
    *first = 0;
    wn_buf_putc(o, '"');
    wn_buf_puts(o, k);
    wn_buf_puts(o, "\":");
}

/* a text column as a field, absent when NULL */
static void jcol(wn_buf *o, int *first, const char *k, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return;
    const char *v = (const char *)sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    jkey(o, first, k);
    wn_json_string(o, v ? v : "", (size_t)n);
}

static void jint(wn_buf *o, int *first, const char *k, long long v)
{
    jkey(o, first, k);
    wn_buf_printf(o, "%lld", v);
}

static char *dup_col(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return NULL;
    const char *v = (const char *)sqlite3_column_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    char *c = malloc(n + 1);
    if (!c) wn_oom();
    memcpy(c, v ? v : "", n);
    c[n] = 0;
    return c;
}

/* ---- search ----------------------------------------------------------- */

#define SEARCH_FILTERS                                                                      \
    " a.kind=0 AND (?1 IS NULL OR a.date_published >= ?1)"                                  \
    " AND (?2 IS NULL OR a.publisher = ?2 COLLATE NOCASE OR a.republisher = ?2 COLLATE NOCASE)" \
    " AND (?3 IS NULL OR a.language = ?3)"

/* the start of a text for a hit without a query: about 160 bytes, cut at a space */
static void lead_snippet(wn_buf *o, const char *t, size_t n)
{
    size_t cut = n;
    if (n > 160) {
        cut = 160;
        while (cut > 80 && t[cut] != ' ') cut--;
        while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80) cut--;
    }
    wn_buf tmp;
    wn_buf_init(&tmp);
    for (size_t i = 0; i < cut; i++)
        if (t[i] != '\n' || (i && t[i - 1] != '\n')) wn_buf_putc(&tmp, t[i] == '\n' ? ' ' : t[i]);
    if (cut < n) wn_buf_puts(&tmp, "\xE2\x80\xA6");
    wn_json_string(o, tmp.data ? tmp.data : "", tmp.len);
    wn_buf_free(&tmp);
}

/* one-line snippet: paragraph breaks read as one space */
static void line_snippet(wn_buf *o, const char *t, size_t n)
{
    wn_buf tmp;
    wn_buf_init(&tmp);
    for (size_t i = 0; i < n; i++)
        if (t[i] != '\n' || (i && t[i - 1] != '\n')) wn_buf_putc(&tmp, t[i] == '\n' ? ' ' : t[i]);
    wn_json_string(o, tmp.data ? tmp.data : "", tmp.len);
    wn_buf_free(&tmp);
}

/* Appends hit id's line: its fields from the article and cluster tables, the
 * snippet (given: around the matches; else the text's start) and the score
 * (with a query). */
static int write_hit(wn_store *s, int64_t id, int has_match, double score, const char *snippet,
                     wn_buf *out)
{
    sqlite3_stmt *st = wn_store_stmt(
        s, R_HIT,
        "SELECT a.title, a.subtitle, a.publisher, a.republisher, a.date_published, a.language,"
        " a.url, a.cluster_id, c.size, CASE WHEN ?2 THEN NULL ELSE json_extract(a.record, '$.text') END"
        " FROM article a LEFT JOIN cluster c ON c.id = a.cluster_id WHERE a.id=?1",
        NULL, 0);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, has_match);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return 0; /* gone meanwhile: not a hit */
    }
    int first = 1;
    wn_buf_putc(out, '{');
    jint(out, &first, "id", id);
    jcol(out, &first, "title", st, 0);
    jcol(out, &first, "subtitle", st, 1);
    jcol(out, &first, "publisher", st, 2);
    jcol(out, &first, "republisher", st, 3);
    jcol(out, &first, "date_published", st, 4);
    jcol(out, &first, "language", st, 5);
    jcol(out, &first, "url", st, 6);
    int has_cluster = sqlite3_column_type(st, 7) != SQLITE_NULL;
    long long cid = sqlite3_column_int64(st, 7), csize = sqlite3_column_int64(st, 8);
    if (!has_match && sqlite3_column_type(st, 9) != SQLITE_NULL) {
        jkey(out, &first, "snippet");
        lead_snippet(out, (const char *)sqlite3_column_text(st, 9), (size_t)sqlite3_column_bytes(st, 9));
    }
    sqlite3_reset(st);
    if (snippet) {
        jkey(out, &first, "snippet");
        line_snippet(out, snippet, strlen(snippet));
    }
    if (has_cluster) {
        jint(out, &first, "cluster_id", cid);
        jint(out, &first, "cluster_size", csize);
    }
    if (has_match) {
        jkey(out, &first, "score");
        wn_buf_printf(out, "%.6g", score);
    }
    wn_buf_puts(out, "}\n");
    return 0;
}

static wn_store_status search(wn_store *s, const wn_store_query *q, wn_buf *out, char *err,
                              size_t errlen)
{
    int has_match = q->match && q->match[0];
    sqlite3_stmt *st;
    /* The ranking first (ids, scores, snippets), then each hit's fields.
     * With "rank MATCH" and ORDER BY rank FTS5 returns the matches in rank
     * order itself, so the join, the filters and snippet() run only until
     * LIMIT rows passed: a word in every article costs a ranking, not a
     * snippet per match. */
    if (has_match)
        st = wn_store_stmt(s, R_SEARCH_MATCH,
                           "SELECT a.id, -f.rank, snippet(article_fts, 1, ?4, ?5, '\xE2\x80\xA6', 24)"
                           " FROM article_fts f JOIN article a ON a.id = f.rowid"
                           " WHERE article_fts MATCH ?6 AND f.rank MATCH 'bm25(10.0, 1.0)' AND"
                           SEARCH_FILTERS " ORDER BY f.rank LIMIT ?7 OFFSET ?8",
                           err, errlen);
    else
        st = wn_store_stmt(s, R_SEARCH_ALL,
                           "SELECT a.id, 0, NULL FROM article a WHERE" SEARCH_FILTERS
                           " ORDER BY a.date_key DESC, a.id DESC" /* NULL sorts last */
                           " LIMIT ?7 OFFSET ?8",
                           err, errlen);
    if (!st) return WN_STORE_EIO;
    if (q->since && q->since[0]) sqlite3_bind_text(st, 1, q->since, -1, SQLITE_STATIC);
    if (q->publisher && q->publisher[0]) sqlite3_bind_text(st, 2, q->publisher, -1, SQLITE_STATIC);
    if (q->lang && q->lang[0]) sqlite3_bind_text(st, 3, q->lang, -1, SQLITE_STATIC);
    if (has_match) {
        sqlite3_bind_text(st, 4, q->mark_open ? q->mark_open : "\x02", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, q->mark_close ? q->mark_close : "\x03", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, q->match, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 7, q->limit ? q->limit : 20);
    sqlite3_bind_int64(st, 8, q->offset);
    int64_t ids[1024];
    double scores[1024];
    char *snips[1024];
    size_t n = 0;
    int rc;
    size_t cap = q->limit && q->limit < 1024 ? q->limit : q->limit ? 1024 : 20;
    while (n < cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ids[n] = sqlite3_column_int64(st, 0);
        scores[n] = sqlite3_column_double(st, 1);
        snips[n++] = dup_col(st, 2);
    }
    if (n == cap) rc = SQLITE_DONE;
    if (rc != SQLITE_DONE) {
        const char *m = sqlite3_errmsg(wn_store_db(s));
        int bad_query = has_match && rc == SQLITE_ERROR;
        if (err) snprintf(err, errlen, "%s%s", bad_query ? "malformed query: " : "search: ", m);
        sqlite3_reset(st);
        for (size_t i = 0; i < n; i++) free(snips[i]);
        return bad_query ? WN_STORE_EQUERY : WN_STORE_EIO;
    }
    sqlite3_reset(st);
    size_t start = out->len;
    wn_store_status ret = WN_STORE_OK;
    for (size_t i = 0; i < n; i++) {
        if (ret == WN_STORE_OK && write_hit(s, ids[i], has_match, scores[i], snips[i], out)) {
            if (err) snprintf(err, errlen, "search: %s", sqlite3_errmsg(wn_store_db(s)));
            out->len = start;
            if (out->data) out->data[start] = 0;
            ret = WN_STORE_EIO;
        }
        free(snips[i]);
    }
    return ret;
}

/* ---- article ---------------------------------------------------------- */

wn_store_status wn_store_article(wn_store *s, int64_t id, wn_buf *out)
{
    sqlite3_stmt *st = wn_store_stmt(s, R_ARTICLE,
                                     "SELECT a.record, a.cluster_id, c.size, c.canonical_id,"
                                     " a.ingested_at FROM article a LEFT JOIN cluster c"
                                     " ON c.id = a.cluster_id WHERE a.id=?",
                                     NULL, 0);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? WN_STORE_NOTFOUND : WN_STORE_EIO;
    }
    const char *rec = (const char *)sqlite3_column_text(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    while (n && rec[n - 1] != '}') n--; /* the record's closing brace */
    if (!n) {
        sqlite3_reset(st);
        return WN_STORE_EIO;
    }
    wn_buf_append(out, rec, n - 1);
    int first = n <= 2; /* "{}" has no field */
    jint(out, &first, "id", id);
    if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
        jint(out, &first, "cluster_id", sqlite3_column_int64(st, 1));
        jint(out, &first, "cluster_size", sqlite3_column_int64(st, 2));
        jint(out, &first, "canonical_id", sqlite3_column_int64(st, 3));
    }
    jcol(out, &first, "ingested_at", st, 4);
    wn_buf_putc(out, '}');
    sqlite3_reset(st);
    return WN_STORE_OK;
}

/* ---- story ------------------------------------------------------------ */

typedef struct para {
    uint64_t h;
    const char *t;
    size_t n;
} para;

typedef struct smember {
    int64_t id;
    char *title, *text; /* malloc'd copies */
    wn_buf fields;      /* the member's JSON fields but canonical/similarity/kind/diff */
    wn_dedup_view v;
    uint32_t *sig;
    double sim;
    wn_dup_kind kind;
    int canonical;
} smember;

/* fingerprint of a paragraph: lowercase ASCII letters and digits and every
 * non-ASCII byte, in order (punctuation, spacing and ASCII case ignored) */
static uint64_t para_hash(const char *t, size_t n)
{
    XXH3_state_t *xs = XXH3_createState();
    if (!xs) wn_oom();
    XXH3_64bits_reset(xs);
    char buf[256];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            buf[k++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            buf[k++] = (char)(c + 32);
        if (k == sizeof buf) {
            XXH3_64bits_update(xs, buf, k);
            k = 0;
        }
    }
    XXH3_64bits_update(xs, buf, k);
    uint64_t h = XXH3_64bits_digest(xs);
    XXH3_freeState(xs);
    return h;
}

static para *split_paras(const char *t, size_t *np)
{
    size_t n = 0, cap = 8;
    para *p = malloc(cap * sizeof *p);
    if (!p) wn_oom();
    const char *s = t ? t : "";
    while (*s) {
        const char *e = strstr(s, "\n\n");
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len) {
            if (n == cap) p = wn_xrealloc(p, (cap *= 2) * sizeof *p);
            p[n].t = s;
            p[n].n = len;
            p[n].h = para_hash(s, len);
            n++;
        }
        s += len;
        while (*s == '\n') s++;
    }
    *np = n;
    return p;
}

static int has_hash(const para *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].h == h) return 1;
    return 0;
}

/* "only_here" (paragraphs of a not in b) or "missing" (of b not in a) */
static void diff_side(wn_buf *o, const char *name, const para *a, size_t na, const para *b,
                      size_t nb)
{
    size_t count = 0;
    for (size_t i = 0; i < na; i++) count += !has_hash(b, nb, a[i].h);
    wn_buf_printf(o, ",\"%s\":%zu,\"%s_sample\":[", name, count, name);
    size_t k = 0;
    for (size_t i = 0; i < na && k < SAMPLE; i++) {
        if (has_hash(b, nb, a[i].h)) continue;
        if (k++) wn_buf_putc(o, ',');
        wn_json_string(o, a[i].t, a[i].n);
    }
    wn_buf_putc(o, ']');
}

static int cmp_member(const void *x, const void *y)
{
    const smember *a = x, *b = y;
    if (a->canonical != b->canonical) return b->canonical - a->canonical;
    if (a->sim != b->sim) return a->sim > b->sim ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static void free_members(smember *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].title);
        free(m[i].text);
        free(m[i].sig);
        wn_buf_free(&m[i].fields);
    }
    free(m);
}


wn_store_status wn_store_story(wn_store *s, int64_t cluster_id, wn_buf *out)
{
    sqlite3_stmt *st = wn_store_stmt(
        s, R_STORY,
        "SELECT a.id, a.source, a.title, a.publisher, a.republisher, a.url, a.date_published,"
        " a.word_count, json_extract(a.record, '$.text'), c.canonical_id, a.dup_kind, a.similarity,"
        " g.fp, g.nums0, g.nums1, g.words, g.shingles, g.sig"
        " FROM cluster c JOIN article a ON a.cluster_id = c.id"
        " LEFT JOIN signature g ON g.article_id = a.id WHERE c.id=? ORDER BY a.id",
        NULL, 0);
    if (!st) return WN_STORE_EIO;
    sqlite3_bind_int64(st, 1, cluster_id);
    wn_dedup_params p;
    wn_dedup_params_default(&p);
    smember *m = NULL;
    size_t n = 0, cap = 0, canon = SIZE_MAX;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) m = wn_xrealloc(m, (cap = cap ? cap * 2 : 8) * sizeof *m);
        smember *x = &m[n++];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        x->canonical = x->id == sqlite3_column_int64(st, 9);
        if (x->canonical) canon = n - 1;
        x->title = dup_col(st, 2);
        x->text = dup_col(st, 8);
        wn_buf_init(&x->fields);
        int first = 1;
        jint(&x->fields, &first, "id", x->id);
        jcol(&x->fields, &first, "source", st, 1);
        jcol(&x->fields, &first, "title", st, 2);
        jcol(&x->fields, &first, "publisher", st, 3);
        jcol(&x->fields, &first, "republisher", st, 4);
        jcol(&x->fields, &first, "url", st, 5);
        jcol(&x->fields, &first, "date_published", st, 6);
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
            jint(&x->fields, &first, "word_count", sqlite3_column_int64(st, 7));
        /* stored: how it joined (the fallback when the canonical changed) */
        const char *dk = (const char *)sqlite3_column_text(st, 10);
        x->kind = !dk                       ? WN_DUP_NONE
                  : !strcmp(dk, "exact")    ? WN_DUP_EXACT
                  : !strcmp(dk, "contained") ? WN_DUP_CONTAINED
                                            : WN_DUP_NEAR;
        x->sim = sqlite3_column_double(st, 11);
        if (sqlite3_column_type(st, 12) != SQLITE_NULL) {
            x->v.fp = (uint64_t)sqlite3_column_int64(st, 12);
            x->v.nums[0] = (uint64_t)sqlite3_column_int64(st, 13);
            x->v.nums[1] = (uint64_t)sqlite3_column_int64(st, 14);
            x->v.words = (uint32_t)sqlite3_column_int(st, 15);
            x->v.shingles = (uint32_t)sqlite3_column_int(st, 16);
            int bl = sqlite3_column_bytes(st, 17);
            const void *b = sqlite3_column_blob(st, 17);
            if (b && bl == (int)(p.hashes * sizeof(uint32_t))) {
                x->sig = malloc((size_t)bl);
                if (!x->sig) wn_oom();
                memcpy(x->sig, b, (size_t)bl);
                x->v.sig = x->sig;
            }
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free_members(m, n);
        return WN_STORE_EIO;
    }
    if (!n) {
        free(m);
        return WN_STORE_NOTFOUND;
    }
    if (canon == SIZE_MAX) canon = 0, m[0].canonical = 1;
    for (size_t i = 0; i < n; i++) {
        if (i == canon) continue;
        double sim;
        wn_dup_kind k = wn_dedup_verify(&p, &m[i].v, &m[canon].v, &sim);
        if (k != WN_DUP_NONE) m[i].kind = k;
        if (m[i].kind == WN_DUP_NONE) m[i].kind = WN_DUP_NEAR;
        m[i].sim = sim;
    }
    size_t ncp;
    para *cp = split_paras(m[canon].text, &ncp);
    const char *ctitle = m[canon].title ? m[canon].title : "";
    /* canonical first, then by similarity (sorting moves the canonical) */
    qsort(m, n, sizeof *m, cmp_member);
    wn_buf_printf(out, "{\"cluster_id\":%lld,\"size\":%zu,\"members\":[", (long long)cluster_id, n);
    for (size_t i = 0; i < n; i++) {
        smember *x = &m[i];
        if (i) wn_buf_putc(out, ',');
        wn_buf_putc(out, '{');
        wn_buf_append(out, x->fields.data, x->fields.len);
        wn_buf_printf(out, ",\"canonical\":%s", x->canonical ? "true" : "false");
        if (x->canonical) { /* similarity 1 to itself; no kind, no diff */
            wn_buf_puts(out, ",\"similarity\":1}");
            continue;
        }
        wn_buf_printf(out, ",\"similarity\":%.3f,\"duplicate_kind\":\"%s\"", x->sim,
                      wn_dup_kind_name(x->kind));
        size_t np;
        para *pp = split_paras(x->text, &np);
        wn_buf_printf(out, ",\"diff\":{\"title_differs\":%s",
                      strcmp(x->title ? x->title : "", ctitle) ? "true" : "false");
        diff_side(out, "only_here", pp, np, cp, ncp);
        diff_side(out, "missing", cp, ncp, pp, np);
        wn_buf_puts(out, "}}");
        free(pp);
    }
    wn_buf_puts(out, "]}");
    free(cp);
    free_members(m, n);
    return WN_STORE_OK;
}

/* ---- summary ---------------------------------------------------------- */

wn_store_status wn_store_summary(wn_store *s, wn_buf *out)
{
    sqlite3_stmt *st = wn_store_stmt(
        s, R_SUMMARY_COUNTS,
        "SELECT (SELECT value FROM meta WHERE key='schema_version'),"
        " (SELECT count(*) FROM article WHERE kind=0), (SELECT count(*) FROM article WHERE kind=1),"
        " (SELECT count(*) FROM cluster)",
        NULL, 0);
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        if (st) sqlite3_reset(st);
        return WN_STORE_EIO;
    }
    wn_buf_printf(out, "{\"schema_version\":%lld,\"articles\":%lld,\"errors\":%lld,\"clusters\":%lld",
                  sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                  sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
    sqlite3_reset(st);
    static const struct {
        int slot;
        const char *name, *key, *sql;
    } L[] = {{R_SUMMARY_PUB, "publishers", "name",
              "SELECT publisher, count(*) AS n FROM article WHERE kind=0 AND publisher IS NOT NULL"
              " GROUP BY publisher COLLATE NOCASE ORDER BY n DESC, publisher LIMIT 50"},
             {R_SUMMARY_LANG, "languages", "code",
              "SELECT language, count(*) AS n FROM article WHERE kind=0 AND language IS NOT NULL"
              " GROUP BY language ORDER BY n DESC, language"}};
    for (size_t k = 0; k < 2; k++) {
        st = wn_store_stmt(s, L[k].slot, L[k].sql, NULL, 0);
        if (!st) return WN_STORE_EIO;
        wn_buf_printf(out, ",\"%s\":[", L[k].name);
        int rc, i = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int first = 1;
            wn_buf_puts(out, i++ ? ",{" : "{");
            jcol(out, &first, L[k].key, st, 0);
            jint(out, &first, "articles", sqlite3_column_int64(st, 1));
            wn_buf_putc(out, '}');
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return WN_STORE_EIO;
        wn_buf_putc(out, ']');
    }
    wn_buf_putc(out, '}');
    return WN_STORE_OK;
}

/* 1 when q uses FTS5 syntax: a quote, parentheses, a prefix star, a column
 * filter, an initial-token caret, a plus, braces, or an operator word in
 * capitals (AND, OR, NOT, NEAR) */
static int uses_syntax(const char *q)
{
    if (strpbrk(q, "\"()*:^+{}")) return 1;
    static const char *const OPS[] = {"AND", "OR", "NOT", "NEAR"};
    for (const char *p = q; *p;) {
        while (*p == ' ' || *p == '\t') p++;
        size_t n = strcspn(p, " \t");
        for (size_t k = 0; k < 4; k++)
            if (n == strlen(OPS[k]) && !strncmp(p, OPS[k], n)) return 1;
        p += n;
    }
    return 0;
}

/* 1 when q reads as a sentence rather than a query: five words or more and
 * no operator word in capitals (AND, OR, NOT, NEAR): a pasted sentence may
 * hold brackets, a colon or a quote ("the rover (VIPER) will land", "Caveat:
 * even though"), which FTS5 reads as syntax */
#define PROSE_MIN_WORDS 5
static int prose_like(const char *q)
{
    static const char *const OPS[] = {"AND", "OR", "NOT", "NEAR"};
    size_t words = 0;
    for (const char *p = q; *p;) {
        while (*p == ' ' || *p == '\t') p++;
        size_t n = strcspn(p, " \t");
        if (!n) break;
        for (size_t k = 0; k < 4; k++) {
            size_t m = strlen(OPS[k]);
            if ((n == m || (n > m && p[m] == '(')) && !strncmp(p, OPS[k], m)) return 0;
        }
        words++;
        p += n;
    }
    return words >= PROSE_MIN_WORDS;
}

/* q as one FTS5 string: between double quotes, each quote in it doubled */
static void quote_phrase(wn_buf *b, const char *q)
{
    wn_buf_putc(b, '"');
    for (; *q; q++) {
        if (*q == '"') wn_buf_putc(b, '"');
        wn_buf_putc(b, *q);
    }
    wn_buf_putc(b, '"');
}

wn_store_status wn_store_search(wn_store *s, const wn_store_query *q, wn_buf *out, char *err,
                                size_t errlen)
{
    if (q->literal && q->match && *q->match) {
        wn_buf phrase;
        wn_buf_init(&phrase);
        quote_phrase(&phrase, q->match);
        wn_store_query q2 = *q;
        q2.match = wn_buf_cstr(&phrase);
        q2.literal = 0;
        wn_store_status st = search(s, &q2, out, err, errlen);
        wn_buf_free(&phrase);
        return st;
    }
    wn_store_status st = search(s, q, out, err, errlen);
    if (st != WN_STORE_EQUERY || (uses_syntax(q->match) && !prose_like(q->match))) return st;
    /* Not FTS5, and either no syntax in it (plain text with punctuation: a
     * sentence pasted from an article, with commas, periods, apostrophes,
     * hyphens) or a sentence (five words, no operator) whose brackets or
     * colon FTS5 misread. Searched as one phrase, which the tokenizer reads
     * as its words in order, punctuation ignored. */
    wn_buf phrase;
    wn_buf_init(&phrase);
    quote_phrase(&phrase, q->match);
    wn_store_query q2 = *q;
    q2.match = wn_buf_cstr(&phrase);
    char err2[8]; /* on failure the first message (the query as given) is the one to show */
    st = search(s, &q2, out, err2, sizeof err2);
    if (st == WN_STORE_OK && err && errlen) err[0] = 0;
    wn_buf_free(&phrase);
    return st;
}
