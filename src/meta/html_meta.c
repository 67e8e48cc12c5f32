/*
 * html_meta.c — what an HTML page states about itself, into d->hints.
 *
 * A news page states its metadata several times over, with differing
 * reliability: JSON-LD (schema.org NewsArticle and friends) written for
 * search engines, Open Graph / twitter: tags written for social previews,
 * older <meta> conventions (Dublin Core, parsely, sailthru), microdata
 * (itemprop), and finally the visible page (<title>, <h1>, <time>, byline
 * elements, the URL). For each field we take the first source, in a fixed
 * precedence order, that gives a usable value, and record that source's
 * short name in the field's *_src slot so --explain can say where a field
 * came from. Fields a record already set are never touched (one exception:
 * the url, see below).
 *
 * Precedence (first usable wins):
 *   title        the shown headline: h1 (first visible one in
 *                <article>/<main>, else the only one; of several h1, the
 *                one saying the stated title or the <title>'s headline,
 *                as on infinite-scroll pages; " | " labels of <= 3
 *                words at its ends dropped) when it has 3+ words or a
 *                stated title says the same (then the stated text and
 *                source are kept) > json-ld headline (name for an Article
 *                type) > og:title > twitter:title > microdata headline >
 *                a short h1 > <title> minus a " | Site" suffix. Stated
 *                titles lose a part that names the site (og:site_name or
 *                json-ld publisher, the host or one of its labels, compared
 *                without case and punctuation). d->page_title gets the raw
 *                <title>.
 *   subtitle     json-ld alternativeHeadline.
 *   description  json-ld > og:description > twitter:description >
 *                meta:description.
 *   authors      json-ld (Person only) > meta:author > article:author >
 *                parsely-author > dc.creator > meta:byl/sailthru.author >
 *                microdata > rel=author > byline elements > links to
 *                author pages by the headline ("/author/jane-doe",
 *                "/autor/...", "/auteur/...") > a byline line after the
 *                headline without a class ("Von X und Y", "Par X et Y, le
 *                3 avril 2024", "Texto: X", "Publié le ... par X"). Every
 *                candidate goes through byline_names (its by-word in any
 *                of the news languages dropped, "(dpa)" parts dropped, cut
 *                at a date) and wn_parse_names, so "Staff", "Redaktion",
 *                "dpa", "Email the author", job titles and dates never
 *                become authors and the next source gets its turn. When
 *                JSON-LD or a meta tag stated the authors, byline elements
 *                naming all of them plus co-authors joined by a conjunction
 *                ("By A and B") add those co-authors. At most 6 authors.
 *   date_published  json-ld > article:published_time > og:published_time >
 *                meta date/pubdate/dc.date/dc.date.issued/article.published/
 *                sailthru.date/publish-date/citation_date/... > microdata
 *                datePublished (its content/datetime, else its text) >
 *                microdata dateCreated > <time datetime> in the article
 *                (one marked pubdate/"published" first; ones marked
 *                "updated" never; a malformed datetime gives way to the
 *                element's text) > a date in the URL (/2024/03/05/,
 *                /2024/mar/05/, /20240305/, a slug's -2024-03-05-) > a date
 *                line near the headline (text after it, not said to be an
 *                update) > a date-marked element after the headline
 *                (class/id "date", "post-meta", "fecha", <time> without
 *                datetime...) > a date after a publication label anywhere
 *                in the story ("Veröffentlicht am", "Publié le", "Publicado
 *                el", "Pubblicato il", "Gepubliceerd op") > a date-marked
 *                element just before the headline. Values are normalised
 *                with wn_parse_date_ex (slashed dates day first when the
 *                page's language writes them so, see day_first);
 *                unparseable ones, and ones after d->hints.fetch_date, fall
 *                to the next source; shown dates before 1990 are no
 *                story's. A UTC time stamp is then written in the page's
 *                own zone when the page proves it (see localise).
 *   date_modified   json-ld > article:modified_time > og:updated_time >
 *                dcterms.modified/dc.modified/article.updated/
 *                last-modified/... > microdata (same checks) > a date near
 *                the headline said to be an update > one in a date-marked
 *                element.
 *   publisher    json-ld publisher (name or string), else a json-ld author
 *                of an Organization type (a company is not a person, but
 *                it is who published the piece).
 *   site_name    og:site_name > application-name > json-ld publisher.
 *   url          link:canonical > og:url > json-ld url/mainEntityOfPage.
 *   image        og:image > twitter:image > json-ld image.
 *   language     html:lang > meta:content-language > og:locale > json-ld
 *                inLanguage (raw; meta.c reduces it to two letters).
 *   tags         article:tag > meta keywords/news_keywords > json-ld
 *                keywords > article:section / json-ld articleSection.
 *
 * Decisions:
 *  - URL. A URL the caller gave (record, WARC-Target-URI) is where the page
 *    was fetched; the publisher's <link rel=canonical> is what the story is
 *    called, which is what the "url" field means, so a canonical link
 *    replaces a caller URL (og:url and json-ld url only fill an empty
 *    field: they are often copied from templates). The caller URL is also
 *    the base for relative links; without one, an absolute og:url or
 *    json-ld url serves as base. A canonical that points at the site root
 *    while the page URL has a path is a template mistake and is ignored.
 *    Only http(s) results are kept.
 *  - Sections are tags of last resort: a site's section ("World") is
 *    navigation more than topic, so it is used only when the page has no
 *    keywords at all, in which case it is the only topical label (records'
 *    "categories" are treated the same way).
 *  - Byline elements: any element whose class or id has a token containing
 *    "byline", "author", "autor", "auteur" or "verfasser", unless the token also says it is something else
 *    about the author (bio, avatar, photo, title, social links, comment
 *    authors...). Each such element is parsed on its own (outer and inner
 *    ones: "By Jane Doe | March 5" fails as a whole but its inner
 *    <span class=author> does; duplicates merge in wn_author_add). Ones in
 *    <article>/<main> win over the rest. Once one element gave names, only
 *    elements under its parent may add more (sibling "<a class=author>"
 *    links), so a name elsewhere (a pull quote, a teaser) does not join.
 *    Texts over 256 bytes are not bylines (a container that happens to
 *    carry the class).
 *  - Site chrome: nav/aside/footer (and role navigation/complementary/
 *    contentinfo), and elements with a class/id token starting with
 *    "comment"/"disqus" or saying "related"/"recommend" (never on html/
 *    body/article/main, where such classes describe the page) hold other
 *    stories' bylines, times and headings: ignored for h1, <time>,
 *    bylines, rel=author and microdata.
 *  - Photo credits are no bylines: author links and byline lines inside
 *    <figure>/<figcaption> or a class/id "caption"/"credit", or in a small
 *    box (no paragraph or heading) that holds an image and 120-600 bytes
 *    of caption text, are skipped. Author links and byline lines count
 *    within 400 nodes after the headline (links also 150 before it).
 *  - Title: stated headlines (json-ld, og, twitter) are written for search
 *    and social previews and often differ from the one the page shows
 *    ("X: what it means", "X - Site"); the article's <h1> is what readers
 *    see, so it wins unless it is short (a label, a logo) or names the
 *    site. Stated titles lose a "Site | " prefix or " | Site" suffix only
 *    when the part names the site (some CMSs copy the <title> into them);
 *    <title> also loses short suffixes (<= 5 words, not longer than the
 *    headline part, applied at most twice: "Headline | Section | Site").
 *    Text inside <svg>/<math> is not an element's text (a logo's <title>),
 *    and hidden elements (hidden, display:none) give no h1, <time> or
 *    byline.
 *  - <time>: the <time datetime> elements in <article>/<main>, or in the
 *    page outside nav/aside/footer when it has neither; one marked as the
 *    publication (pubdate, class/id/itemprop "publish"/"created", on it or
 *    its parent) wins, else the first not marked or worded as an update.
 *  - The headline's element (the anchor of shown dates): the article's
 *    <h1> when the title is its text, else the first h1/h2 whose text
 *    says the title (blogs put the post title in an <h2> under a logo's
 *    <h1>), else that <h1>. An <h1> that names the site (og:site_name,
 *    the host, or the " – Site" part of the <title>) is never the title.
 *  - Dates near the headline: the text nodes after the anchor (2000 bytes
 *    of text, 400 nodes), each of at most 200 bytes (a date line, not
 *    prose); "Updated"/"Aktualisiert"/"mis à jour"/"Atualizado"/... before
 *    a date, in a short label just before it, or in its element's class
 *    makes it the modification date; one text may hold both ("Publicado
 *    em 02/04/2024 | Atualizado em 03/04/2024"). Date-marked elements (at
 *    most 48, their first 200 bytes of text) count within 1500 nodes
 *    after the anchor or 150 before it (page headers show today's date),
 *    or in the article when there is no anchor. Sidebars, widgets and
 *    embedded tweets (class/id "sidebar…", "widget…", "…tweet…") hold
 *    other stories' dates: no shown date is taken from them (their
 *    headings and bylines may still be the page's). Publication labels
 *    are searched in the first 4000 text nodes, the date within 40 bytes
 *    after the label.
 *  - Time zones: a UTC stamp ("…T03:22:07Z") of an evening story is the
 *    next day; when the page writes the same instant with an offset (a
 *    <time datetime>) or shows the time by the headline ("10:22 PM EST"),
 *    the date is given as the page writes it (offset to the quarter hour,
 *    seconds kept). A shown date without a time proves no zone.
 *  - JSON-LD: the object with the best @type wins (…NewsArticle >
 *    other Article/Posting types > WebPage); a field missing from it is
 *    looked up on the page's WebPage object (Yoast puts dates and
 *    descriptions there). {"@id": …} references (authors and publishers in
 *    @graph) are resolved against the other objects. HTML entities in
 *    JSON-LD strings are decoded (some CMSs escape them twice).
 *  - Caps: 32 values per meta key group (e.g. article:tag), 64 byline
 *    elements, 16 microdata / rel=author elements, 512 JSON-LD objects.
 *
 * Cost: one pass over the nodes (a flag byte per node inherited from the
 * parent gives "inside <article>", "inside <svg>", "inside nav/aside"
 * without walking up), then bounded subtree walks for the few candidate
 * elements (h1, title, bylines, microdata authors): at most 64 bylines and
 * 1000 nodes / 2 KiB of text per walk, so a 100k-node page stays linear.
 */
#include "meta.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../dom/dom.h"
#include "../input/input.h"

#define MAX_AUTHORS 6
#define MAX_BYLINES 64
#define MAX_MD_AUTHORS 16
#define MAX_REL_AUTHORS 16
#define MAX_SLOT_VALUES 32
#define MAX_VISIT 1000
#define BYLINE_CAP 256      /* bytes of normalised text */
#define BYLINE_RAW_CAP 2048 /* bytes of raw text (indentation included) */
#define TITLE_CAP 1024
#define MAX_LD_OBJECTS 512
#define MAX_TIMES 32
#define HEAD_ZONE_TEXT 2000 /* bytes of text after the <h1> searched for a date */
#define HEAD_ZONE_NODES 400
#define DATE_TEXT_CAP 200   /* a text node longer than this is prose, not a date line */
#define MAX_HEADS 16        /* h1/h2 elements kept to find the headline */
#define MAX_MARKS 48        /* date-marked elements (class "date", "post-meta"...) */
#define MARK_BEFORE 150     /* nodes before the headline a date-marked element may be */
#define MARK_AFTER 1500     /* ... and after it */
#define LABEL_NODES 4000    /* text nodes searched for a "Published on" label */
#define MAX_AUTHOR_LINKS 24 /* links to author pages (/author/jane-doe) */

/* not static: tested on its own (test_html_meta.c); a candidate for meta.h */
char *wn_url_resolve(wn_arena *a, const char *base, const char *ref);

/* ---- small string helpers --------------------------------------------- */

static const char *norm(wn_doc *d, const char *s)
{
    if (!s) return NULL;
    size_t n;
    char *t = wn_normalize_space(&d->arena, s, strlen(s), &n);
    return n ? t : NULL;
}

/* sets a still-empty hint (value normalised) and its source; 1 when set */
static int set_hint(wn_doc *d, const char **slot, const char **src, const char *v,
                    const char *from)
{
    if (*slot) return 0;
    const char *t = norm(d, v);
    if (!t) return 0;
    *slot = t;
    *src = from;
    return 1;
}

static int starts_with_ci(const char *s, const char *p)
{
    return (s[0] | 0x20) == (p[0] | 0x20) && strncasecmp(s, p, strlen(p)) == 0;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int is_http(const char *u)
{
    return u && (starts_with_ci(u, "http://") || starts_with_ci(u, "https://"));
}

/* contains, ASCII case-insensitively (needle lowercase) */
static int has_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) /* first letter before the call: hot */
        if ((s[i] | 0x20) == needle[0] && strncasecmp(s + i, needle, m) == 0) return 1;
    return 0;
}

/* HTML entities left in JSON-LD strings ("&amp;", "&#8217;") */
static const char *decode_entities(wn_doc *d, const char *s)
{
    if (!s || !strchr(s, '&')) return s;
    static const struct {
        const char *name, *utf8;
    } ENT[] = {{"amp", "&"},           {"lt", "<"},           {"gt", ">"},
               {"quot", "\""},         {"apos", "'"},         {"nbsp", "\xc2\xa0"},
               {"rsquo", "\xe2\x80\x99"}, {"lsquo", "\xe2\x80\x98"},
               {"rdquo", "\xe2\x80\x9d"}, {"ldquo", "\xe2\x80\x9c"},
               {"ndash", "\xe2\x80\x93"}, {"mdash", "\xe2\x80\x94"},
               {"hellip", "\xe2\x80\xa6"}};
    size_t n = strlen(s);
    char *out = wn_arena_alloc(&d->arena, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi) {
                const char *e = s + i + 1;
                size_t el = (size_t)(semi - e);
                if (el >= 2 && e[0] == '#') {
                    long cp = 0;
                    int hex = e[1] == 'x' || e[1] == 'X', ok = 1;
                    size_t k = hex ? 2 : 1;
                    if (k >= el) ok = 0;
                    for (; ok && k < el; k++) {
                        char c = e[k];
                        int v = c >= '0' && c <= '9'   ? c - '0'
                                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                              : -1;
                        if (v < 0 || cp > 0x10FFFF) ok = 0;
                        else cp = cp * (hex ? 16 : 10) + v;
                    }
                    if (ok && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                        char buf[4];
                        int l = wn_utf8_encode((int32_t)cp, buf);
                        if ((size_t)l <= el + 2) { /* never longer than the entity */
                            memcpy(out + o, buf, (size_t)l);
                            o += (size_t)l;
                            i = (size_t)(semi - s) + 1;
                            continue;
                        }
                    }
                } else {
                    size_t k;
                    for (k = 0; k < sizeof ENT / sizeof ENT[0]; k++)
                        if (strlen(ENT[k].name) == el && memcmp(ENT[k].name, e, el) == 0) break;
                    if (k < sizeof ENT / sizeof ENT[0]) {
                        size_t l = strlen(ENT[k].utf8);
                        memcpy(out + o, ENT[k].utf8, l);
                        o += l;
                        i = (size_t)(semi - s) + 1;
                        continue;
                    }
                }
            }
        }
        out[o++] = s[i++];
    }
    out[o] = 0;
    return out;
}

/* ---- URLs --------------------------------------------------------------- */

typedef struct url_parts {
    const char *scheme, *auth, *path, *query;
    size_t scheme_len, auth_len, path_len, query_len;
    int has_auth, has_query;
} url_parts;

static void url_split(const char *s, url_parts *u)
{
    memset(u, 0, sizeof *u);
    size_t i = 0;
    if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) {
        size_t k = 1;
        while (s[k] && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                        (s[k] >= '0' && s[k] <= '9') || s[k] == '+' || s[k] == '-' ||
                        s[k] == '.'))
            k++;
        if (s[k] == ':') {
            u->scheme = s;
            u->scheme_len = k;
            i = k + 1;
        }
    }
    if (s[i] == '/' && s[i + 1] == '/') {
        i += 2;
        u->has_auth = 1;
        u->auth = s + i;
        while (s[i] && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
        u->auth_len = (size_t)(s + i - u->auth);
    }
    u->path = s + i;
    while (s[i] && s[i] != '?' && s[i] != '#') i++;
    u->path_len = (size_t)(s + i - u->path);
    if (s[i] == '?') {
        u->has_query = 1;
        u->query = s + i;
        while (s[i] && s[i] != '#') i++;
        u->query_len = (size_t)(s + i - u->query);
    }
}

/* RFC 3986 5.2.4 on an absolute path, appended to out */
static void remove_dots(wn_buf *out, const char *p, size_t n)
{
    size_t base = out->len, i = 0;
    while (i < n) {
        const char *r = p + i;
        size_t rem = n - i;
        if (rem >= 3 && !memcmp(r, "/./", 3)) {
            i += 2;
        } else if (rem == 2 && !memcmp(r, "/.", 2)) {
            wn_buf_putc(out, '/');
            i = n;
        } else if ((rem >= 4 && !memcmp(r, "/../", 4)) || (rem == 3 && !memcmp(r, "/..", 3))) {
            while (out->len > base && out->data[out->len - 1] != '/') out->len--;
            if (out->len > base) out->len--; /* the slash before the segment */
            if (rem == 3) {
                wn_buf_putc(out, '/');
                i = n;
            } else {
                i += 3;
            }
        } else if ((rem >= 3 && !memcmp(r, "../", 3))) {
            i += 3;
        } else if ((rem >= 2 && !memcmp(r, "./", 2))) {
            i += 2;
        } else if ((rem == 1 && r[0] == '.') || (rem == 2 && !memcmp(r, "..", 2))) {
            i = n;
        } else {
            size_t k = 1;
            while (k < rem && r[k] != '/') k++;
            if (r[0] != '/') { /* first segment of a relative path */
                k = 0;
                while (k < rem && r[k] != '/') k++;
            }
            wn_buf_append(out, r, k);
            i += k;
        }
    }
    if (out->data) out->data[out->len] = 0;
}

/*
 * Resolves ref against base (RFC 3986 section 5, simplified): absolute refs
 * are kept, "//host/x" takes the base's scheme, "/x" its authority, "?q"
 * its path, "x" and "../x" are merged with the base path's directory. The
 * fragment is dropped. Returns NULL when the result cannot be absolute
 * (relative ref and no absolute base) or ref is empty.
 */
char *wn_url_resolve(wn_arena *a, const char *base, const char *ref)
{
    if (!ref) return NULL;
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r') ref++;
    size_t rl = strlen(ref);
    while (rl && (ref[rl - 1] == ' ' || ref[rl - 1] == '\t' || ref[rl - 1] == '\n' ||
                  ref[rl - 1] == '\r'))
        rl--;
    if (!rl) return NULL;
    char *r = wn_arena_strndup(a, ref, rl);
    url_parts R, B;
    url_split(r, &R);
    wn_buf out;
    wn_buf_init(&out);
    if (R.scheme) {
        wn_buf_append(&out, R.scheme, R.scheme_len);
        wn_buf_putc(&out, ':');
        if (R.has_auth) {
            wn_buf_puts(&out, "//");
            wn_buf_append(&out, R.auth, R.auth_len);
            remove_dots(&out, R.path, R.path_len);
        } else {
            wn_buf_append(&out, R.path, R.path_len);
        }
        wn_buf_append(&out, R.query, R.query_len);
    } else {
        if (!base) goto fail;
        url_split(base, &B);
        if (!B.scheme || !B.has_auth) goto fail;
        wn_buf_append(&out, B.scheme, B.scheme_len);
        wn_buf_puts(&out, "://");
        if (R.has_auth) {
            wn_buf_append(&out, R.auth, R.auth_len);
            remove_dots(&out, R.path, R.path_len);
            wn_buf_append(&out, R.query, R.query_len);
        } else {
            wn_buf_append(&out, B.auth, B.auth_len);
            if (R.path_len == 0) {
                wn_buf_append(&out, B.path, B.path_len);
                if (R.has_query) wn_buf_append(&out, R.query, R.query_len);
                else wn_buf_append(&out, B.query, B.query_len);
            } else if (R.path[0] == '/') {
                remove_dots(&out, R.path, R.path_len);
                wn_buf_append(&out, R.query, R.query_len);
            } else {
                wn_buf m;
                wn_buf_init(&m);
                size_t dir = B.path_len;
                while (dir && B.path[dir - 1] != '/') dir--;
                if (dir == 0) wn_buf_putc(&m, '/');
                else wn_buf_append(&m, B.path, dir);
                wn_buf_append(&m, R.path, R.path_len);
                remove_dots(&out, m.data, m.len);
                wn_buf_free(&m);
                wn_buf_append(&out, R.query, R.query_len);
            }
        }
    }
    const char *res = wn_buf_cstr(&out);
    char *ret = wn_arena_strndup(a, res, out.len);
    /* the scheme in lower case */
    for (char *p = ret; *p && *p != ':'; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    wn_buf_free(&out);
    return ret;
fail:
    wn_buf_free(&out);
    return NULL;
}

/* 1 when u is a site's front page ("https://x.com", "https://x.com/") */
static int is_root_url(const char *u)
{
    url_parts p;
    url_split(u, &p);
    return p.has_auth && (p.path_len == 0 || (p.path_len == 1 && p.path[0] == '/')) &&
           !p.has_query;
}

/* resolves to an absolute http(s) URL, or NULL */
static const char *http_url(wn_doc *d, const char *base, const char *ref)
{
    const char *v = norm(d, ref);
    if (!v) return NULL;
    const char *r = wn_url_resolve(&d->arena, base, v);
    return is_http(r) ? r : NULL;
}

/* ---- dates -------------------------------------------------------------- */

/* ISO form of s when it parses and is not after the fetch date; flags
 * for wn_parse_date_ex (the page's day/month order) */
static const char *good_date(wn_doc *d, const char *s, int flags)
{
    if (!s) return NULL;
    const char *t = norm(d, s);
    if (!t) return NULL;
    char iso[32];
    if (!wn_parse_date_ex(t, strlen(t), 0, flags, iso) &&
        (strlen(t) > 64 || wn_find_date_ex(t, strlen(t), flags, iso, NULL) < 0))
        return NULL; /* short values may start with the time: "01:38 PM IST Nov 20, 2019" */
    const char *f = d->hints.fetch_date;
    if (f && strlen(f) >= 10 && f[4] == '-' && f[7] == '-' && strncmp(iso, f, 10) > 0)
        return NULL; /* "published" after it was fetched: a wrong date */
    return wn_arena_strdup(&d->arena, iso);
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* "mar/05/" or "march/5/" at s: month and day into buf[5..9] ("03-05") */
static int month_word(const char *s, size_t n, char *buf)
{
    size_t k = 0;
    while (k < n && k < 12 && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) k++;
    if (k < 3 || k >= n || s[k] != '/') return 0;
    char probe[32];
    int l = snprintf(probe, sizeof probe, "%.*s 1, 2000", (int)k, s);
    char iso[32];
    if (l <= 0 || !wn_parse_date(probe, (size_t)l, 1, iso)) return 0;
    size_t j = k + 1, st = j;
    while (j < n && j - st < 3 && s[j] >= '0' && s[j] <= '9') j++;
    if (j - st < 1 || j - st > 2 || (j < n && s[j] != '/' && s[j] != '-')) return 0;
    int day = atoi(s + st);
    if (day < 1 || day > 31) return 0;
    buf[5] = iso[5], buf[6] = iso[6];
    buf[8] = (char)('0' + day / 10), buf[9] = (char)('0' + day % 10);
    return 1;
}

/* a date in a URL path: /2024/03/05/, /2024-03-05/, /20240305/,
 * /2024/mar/05/, and in a slug: -2024-03-05-, _20240305. (a whole date
 * only: /2024/03/ alone says no day) */
static const char *url_date(wn_doc *d, const char *u)
{
    if (!u) return NULL;
    url_parts p;
    url_split(u, &p);
    const char *s = p.path;
    size_t n = p.path_len;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '/' && s[i] != '-' && s[i] != '_') continue;
        const char *q = s + i + 1;
        size_t rem = n - i - 1;
        char buf[16];
        int ok = 0;
        if (rem >= 10 && digits(q, 4) && q[4] == '/' && digits(q + 5, 2) && q[7] == '/' &&
            digits(q + 8, 2) && (rem == 10 || q[10] == '/' || q[10] == '-' || q[10] == '.')) {
            ok = 1;
            memcpy(buf, q, 4), memcpy(buf + 5, q + 5, 2), memcpy(buf + 8, q + 8, 2);
        } else if (rem >= 10 && digits(q, 4) && q[4] == '-' && digits(q + 5, 2) &&
                   q[7] == '-' && digits(q + 8, 2) &&
                   (rem == 10 || !(q[10] >= '0' && q[10] <= '9'))) {
            ok = 1;
            memcpy(buf, q, 4), memcpy(buf + 5, q + 5, 2), memcpy(buf + 8, q + 8, 2);
        } else if (rem >= 8 && digits(q, 4) && q[4] == '/' && month_word(q + 5, rem - 5, buf)) {
            ok = 1; /* "/2024/mar/05/", "/2024/march/5/" */
            memcpy(buf, q, 4);
        } else if (rem >= 8 && digits(q, 8) &&
                   (rem == 8 || q[8] == '/' || q[8] == '-' || q[8] == '_' || q[8] == '.')) {
            ok = 1;
            memcpy(buf, q, 4), memcpy(buf + 5, q + 4, 2), memcpy(buf + 8, q + 6, 2);
        }
        if (!ok) continue;
        buf[4] = buf[7] = '-';
        buf[10] = 0;
        int y = atoi(buf);
        if (y < 1990 || y > 2099) continue;
        const char *g = good_date(d, buf, 0);
        if (g) return g;
    }
    return NULL;
}

/* ---- element text -------------------------------------------------------- */

static int is_inline(uint16_t t)
{
    switch (t) {
    case WN_TAG_OTHER: case WN_TAG_A: case WN_TAG_SPAN: case WN_TAG_B: case WN_TAG_STRONG:
    case WN_TAG_I: case WN_TAG_EM: case WN_TAG_U: case WN_TAG_SMALL: case WN_TAG_SUB:
    case WN_TAG_SUP: case WN_TAG_TIME: case WN_TAG_ABBR: case WN_TAG_MARK: case WN_TAG_CITE:
    case WN_TAG_Q: case WN_TAG_FONT: case WN_TAG_DEL: case WN_TAG_INS: case WN_TAG_S:
    case WN_TAG_WBR: case WN_TAG_CODE: case WN_TAG_LABEL:
        return 1;
    default:
        return 0;
    }
}

/* Text of element idx: its descendant text nodes, a space at block
 * boundaries, normalised. Stops after cap bytes or MAX_VISIT nodes and
 * then sets *truncated. NULL when empty. */
static const char *node_text(wn_doc *d, const wn_dom *dom, uint32_t idx, size_t cap,
                             int *truncated)
{
    const wn_node *N = dom->nodes;
    wn_buf b;
    wn_buf_init(&b);
    int trunc = 0;
    size_t visits = 0;
    uint32_t cur = N[idx].first;
    while (cur) {
        const wn_node *x = &N[cur];
        if (++visits > MAX_VISIT) {
            trunc = 1;
            break;
        }
        if (b.len >= cap) { /* block boundaries add spaces: may be at the cap */
            trunc = 1;
            break;
        }
        if (x->type == WN_NODE_TEXT) {
            size_t take = x->len;
            if (b.len + take > cap) {
                take = cap - b.len;
                /* back off to a character boundary */
                while (take && ((unsigned char)x->text[take] & 0xC0) == 0x80) take--;
                wn_buf_append(&b, x->text, take);
                trunc = 1;
                break;
            }
            wn_buf_append(&b, x->text, take);
        } else {
            if (!is_inline(x->tag)) wn_buf_putc(&b, ' ');
            /* an icon's <title>/<desc> is not the element's text */
            if (x->first && x->tag != WN_TAG_SVG && x->tag != WN_TAG_MATH) {
                cur = x->first;
                continue;
            }
        }
        while (cur != idx && !N[cur].next) {
            cur = N[cur].parent;
            if (cur != idx && !is_inline(N[cur].tag)) wn_buf_putc(&b, ' ');
        }
        if (cur == idx) break;
        if (N[cur].type == WN_NODE_ELEMENT && !is_inline(N[cur].tag)) wn_buf_putc(&b, ' ');
        cur = N[cur].next;
    }
    if (truncated) *truncated = trunc;
    size_t n = 0;
    char *t = b.len ? wn_normalize_space(&d->arena, b.data, b.len, &n) : NULL;
    wn_buf_free(&b);
    return n ? t : NULL;
}

/* text of a byline-sized element, or NULL when it is longer than one */
static const char *byline_text(wn_doc *d, const wn_dom *dom, uint32_t idx)
{
    int trunc = 0;
    const char *t = node_text(d, dom, idx, BYLINE_RAW_CAP, &trunc);
    if (!t || trunc || strlen(t) > BYLINE_CAP) return NULL;
    return t;
}

/* ---- authors ------------------------------------------------------------- */

typedef struct author_ctx {
    wn_doc *d;
    int added; /* names added or already known */
} author_ctx;

static void add_name(void *ctx, const char *name, const char *role)
{
    author_ctx *c = ctx;
    wn_ptrvec *v = &c->d->hints.authors;
    size_t before = v->n;
    int known = 0;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(((wn_author *)v->v[i])->name, name)) known = 1;
    if (!known && v->n >= MAX_AUTHORS) return;
    wn_author_add(&c->d->arena, v, name, role, NULL, NULL);
    if (v->n > before || known) c->added++;
}

static long published_label(const char *s, size_t n);

/* words that say "by" before a byline's names, in the languages of the
 * news ("Von", "Par", "Por", "Door", "Di", "Av", "Af", "Przez") and the
 * labels "Autor:", "Texto:", "Text:" */
static const char *const BY_WORDS[] = {
    "written by ", "posted by ", "words by ", "story by ", "text by ", "geschrieben von ",
    "ein beitrag von ", "verfasst von ", "\xc3\xa9" "crit par ", "r\xc3\xa9" "dig\xc3\xa9 par ",
    "escrito por ", "scritto da ", "a cura di ", "geschreven door ", "by: ", "by ", "von ",
    "par ", "por ", "door ", "przez ", "av ", "af ", "di ", "autor: ", "autora: ",
    "autores: ", "autore: ", "autori: ", "auteur : ", "auteur: ", "auteurs : ", "texto: ",
    "text: ", "texte : ", "texte: ", "tekst: ", "autor ", NULL};
/* the by-words that may follow a date or label in one line ("Publié le 3
 * avril 2024 par ...") */
static const char *const BY_MID[] = {" by ", " von ", " par ", " por ", " door ", " di ",
                                     " przez ", NULL};

/* s is a by-word alone ("By", "Von", "Autor:"), its names in the next
 * element */
static int by_alone(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == ':')) n--;
    if (!n) return 0;
    for (size_t i = 0; BY_WORDS[i]; i++) {
        size_t m = strlen(BY_WORDS[i]);
        while (m && (BY_WORDS[i][m - 1] == ' ' || BY_WORDS[i][m - 1] == ':')) m--;
        if (m == n && !strncasecmp(s, BY_WORDS[i], n)) return 1;
    }
    return 0;
}

/* after a leading by-word of s, or NULL */
static const char *after_by(const char *s)
{
    for (size_t i = 0; BY_WORDS[i]; i++)
        if (starts_with_ci(s, BY_WORDS[i])) {
            s += strlen(BY_WORDS[i]);
            while (*s == ' ' || *s == ':') s++;
            return s;
        }
    return NULL;
}

/* after a by-word that follows a date or a publication label ("Veröffentlicht
 * am 12. März 2024 von Klara Beispiel") within the line's first 80 bytes
 * (a date line, not a caption's sentence), or NULL */
static const char *mid_by(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && i < 80; i++) {
        if (s[i] != ' ') continue;
        for (size_t k = 0; BY_MID[k]; k++) {
            size_t m = strlen(BY_MID[k]);
            if (i + m > n || strncasecmp(s + i, BY_MID[k], m)) continue;
            char iso[32];
            if (wn_find_date(s, i, iso) >= 0 || published_label(s, i) >= 0) return s + i + m;
        }
    }
    return NULL;
}

/* A byline's names part: after its by-word (leading, or after a date line:
 * mid_by), without parenthesised parts ("(dpa)"), up to a date ("Par A et
 * B, le 3 avril 2024"), without the short lower-case words the date leaves
 * behind ("le", "am", "el"). NULL when nothing is left. */
static const char *byline_names(wn_doc *d, const char *t)
{
    const char *p = after_by(t);
    if (!p) p = mid_by(t);
    if (!p) p = t;
    size_t n = strlen(p);
    char iso[32];
    long at = wn_find_date(p, n, iso);
    if (at >= 0) n = (size_t)at;
    char *o = wn_arena_alloc(&d->arena, n + 1);
    size_t k = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '(' || p[i] == '[') depth++;
        else if ((p[i] == ')' || p[i] == ']') && depth) depth--;
        else if (!depth) o[k++] = p[i];
    }
    for (int rounds = 0; rounds < 4; rounds++) {
        while (k && strchr(" ,.;:|-", o[k - 1])) k--;
        size_t w = k;
        while (w && o[w - 1] != ' ') w--;
        if (at < 0 || w == 0 || k - w > 4 || !(o[w] >= 'a' && o[w] <= 'z')) break;
        k = w; /* a short lower-case word before the date: "le", "am", "el", "op" */
    }
    o[k] = 0;
    return k ? o : NULL;
}

/* Parses a byline-like text into authors; returns how many names it held. */
static int add_byline(wn_doc *d, const char *text, const char *url)
{
    const char *t = norm(d, text);
    if (!t) return 0;
    t = byline_names(d, t);
    if (!t) return 0;
    author_ctx c = {d, 0};
    size_t before = d->hints.authors.n;
    int got = wn_parse_names(&d->arena, t, strlen(t), add_name, &c);
    if (got == 1 && url && d->hints.authors.n == before + 1) {
        wn_author *a = d->hints.authors.v[before];
        a->url = wn_arena_strdup(&d->arena, url);
    }
    return c.added;
}

/* the next whitespace-separated token of a class or id value: its start,
 * its length in *n; NULL at the end */
static const char *next_token(const char **pp, size_t *n)
{
    const char *p = *pp;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
    if (!*p) return NULL;
    const char *st = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f') p++;
    *n = (size_t)(p - st);
    *pp = p;
    return st;
}

/* What an element's class or id (or itemprop) tokens say about it, in one
 * pass over lower-cased tokens of up to 64 bytes:
 *  K_CHROME   a comment section or other stories: a token starting with
 *             "comment"/"disqus", or saying "related"/"recommend";
 *  K_SIDE     a sidebar, widget or embedded tweet ("sidebar…", "widget…",
 *             "textwidget", "…tweet…"): other stories' dates;
 *  K_CAPTION  a caption or photo credit ("caption", "credit");
 *  K_DATE     a date line: "date", "datum", "fecha", "time", "publi",
 *             "pubbl", "posted", "meta", "info", "byline", "submitted",
 *             "parution", or the word "data" ("data-pubblicazione", not
 *             "metadata");
 *  K_BYLINE   a byline ("byline", "c-byline__author", "author-name",
 *             "autor", "auteur", "verfasser"), unless the token also says
 *             it is something else about the author (bio, avatar, photo,
 *             title, social links, box, card...). */
enum { K_CHROME = 1, K_SIDE = 2, K_CAPTION = 4, K_DATE = 8, K_BYLINE = 16 };

/* the words attr_kinds looks for inside a token, by first letter, and
 * what each says (K_* bits; 64: one of the byline's "not this" words;
 * 128: "data", a word only between '-'/'_' or the token's ends) */
static const struct kind_word {
    const char *w;
    unsigned char len, kind;
} KIND_WORDS[] = {
    {"about", 5, 64}, {"auteur", 6, K_BYLINE}, {"author", 6, K_BYLINE}, {"autor", 5, K_BYLINE},
    {"avatar", 6, 64}, {"bio", 3, 64}, {"box", 3, 64}, {"byline", 6, K_DATE | K_BYLINE},
    {"caption", 7, K_CAPTION}, {"card", 4, 64}, {"comment", 7, 64}, {"contact", 7, 64},
    {"credit", 6, K_CAPTION}, {"data", 4, 128}, {"date", 4, K_DATE}, {"datum", 5, K_DATE},
    {"desc", 4, 64}, {"email", 5, 64}, {"fecha", 5, K_DATE}, {"follow", 6, 64},
    {"image", 5, 64}, {"img", 3, 64}, {"info", 4, K_DATE | 64}, {"job", 3, 64},
    {"meta", 4, K_DATE}, {"more", 4, 64}, {"parution", 8, K_DATE}, {"photo", 5, 64},
    {"pic", 3, 64}, {"position", 8, 64}, {"posted", 6, K_DATE}, {"posts", 5, 64},
    {"pubbl", 5, K_DATE}, {"publi", 5, K_DATE}, {"recommend", 9, K_CHROME},
    {"related", 7, K_CHROME}, {"role", 4, 64}, {"share", 5, 64}, {"social", 6, 64},
    {"submitted", 9, K_DATE}, {"thumb", 5, 64}, {"time", 4, K_DATE}, {"title", 5, 64},
    {"tweet", 5, K_SIDE}, {"twitter", 7, 64}, {"verfasser", 9, K_BYLINE},
};
/* where the words of each first letter start in KIND_WORDS (a..z, end) */
static const unsigned char KIND_FIRST[27] = {0,  5,  8,  13, 17, 18, 20, 20, 20, 23, 24, 24, 24, 26,
                                             26, 26, 34, 34, 37, 40, 45, 45, 46, 46, 46, 46, 46};

static int attr_kinds(const char *s)
{
    if (!s) return 0;
    int k = 0;
    const char *p = s, *st;
    size_t n;
    char t[65];
    while ((st = next_token(&p, &n))) {
        if (n > 64) continue;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)st[i];
            t[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        t[n] = 0;
        if (!strncmp(t, "comment", 7) || !strncmp(t, "disqus", 6)) k |= K_CHROME;
        if (!strncmp(t, "sidebar", 7) || !strncmp(t, "widget", 6) || !strcmp(t, "textwidget"))
            k |= K_SIDE;
        int found = 0; /* kind bits of the words in this token */
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)t[i];
            if (c < 'a' || c > 'z') continue;
            for (size_t w = KIND_FIRST[c - 'a']; w < KIND_FIRST[c - 'a' + 1]; w++) {
                const struct kind_word *kw = &KIND_WORDS[w];
                if (i + kw->len > n || t[i + 1] != kw->w[1]) continue;
                size_t j = 2;
                while (j < kw->len && t[i + j] == kw->w[j]) j++;
                if (j < kw->len) continue;
                if (kw->kind == 128) { /* "data" as a word of its own */
                    if ((i == 0 || t[i - 1] == '-' || t[i - 1] == '_') &&
                        (i + 4 == n || t[i + 4] == '-' || t[i + 4] == '_'))
                        found |= K_DATE;
                    continue;
                }
                found |= kw->kind;
            }
        }
        k |= found & (K_CHROME | K_SIDE | K_CAPTION | K_DATE);
        if ((found & K_BYLINE) && !(found & 64)) k |= K_BYLINE;
    }
    return k;
}

/* ---- the page scan -------------------------------------------------------- */

enum {
    S_OG_TITLE, S_TW_TITLE, S_MD_HEADLINE,
    S_OG_DESC, S_TW_DESC, S_META_DESC,
    S_META_AUTHOR, S_ART_AUTHOR, S_PARSELY_AUTHOR, S_DC_CREATOR, S_BYL,
    S_ART_PUB, S_OG_PUB, S_META_DATE, S_MD_PUB, S_MD_CREATED,
    S_ART_MOD, S_OG_UPD, S_META_MOD, S_MD_MOD,
    S_OG_SITE, S_APP_NAME,
    S_OG_URL,
    S_OG_IMAGE, S_TW_IMAGE,
    S_CONTENT_LANG, S_OG_LOCALE,
    S_ART_TAG, S_KEYWORDS, S_ART_SECTION,
    S_COUNT
};

static const struct meta_key {
    const char *key;
    int slot;
    const char *src;
} META_KEYS[] = {
    {"og:title", S_OG_TITLE, "og:title"},
    {"twitter:title", S_TW_TITLE, "twitter:title"},
    {"og:description", S_OG_DESC, "og:description"},
    {"twitter:description", S_TW_DESC, "twitter:description"},
    {"description", S_META_DESC, "meta:description"},
    {"author", S_META_AUTHOR, "meta:author"},
    {"article:author", S_ART_AUTHOR, "article:author"},
    {"parsely-author", S_PARSELY_AUTHOR, "parsely-author"},
    {"dc.creator", S_DC_CREATOR, "dc.creator"},
    {"dcterms.creator", S_DC_CREATOR, "dc.creator"},
    {"byl", S_BYL, "meta:byl"},
    {"sailthru.author", S_BYL, "sailthru.author"},
    {"article:published_time", S_ART_PUB, "article:published_time"},
    {"og:published_time", S_OG_PUB, "og:published_time"},
    {"og:article:published_time", S_OG_PUB, "og:article:published_time"},
    {"date", S_META_DATE, "meta:date"},
    {"pubdate", S_META_DATE, "meta:pubdate"},
    {"publish-date", S_META_DATE, "meta:publish-date"},
    {"publish_date", S_META_DATE, "meta:publish_date"},
    {"publishdate", S_META_DATE, "meta:publishdate"},
    {"dc.date", S_META_DATE, "dc.date"},
    {"dc.date.issued", S_META_DATE, "dc.date.issued"},
    {"dcterms.created", S_META_DATE, "dcterms.created"},
    {"dcterms.date", S_META_DATE, "dcterms.date"},
    {"dcterms.issued", S_META_DATE, "dcterms.issued"},
    {"sailthru.date", S_META_DATE, "sailthru.date"},
    {"parsely-pub-date", S_META_DATE, "parsely-pub-date"},
    {"article.published", S_META_DATE, "article.published"},
    {"article:published", S_META_DATE, "article:published"},
    {"article.created", S_META_DATE, "article.created"},
    {"article_date_original", S_META_DATE, "article_date_original"},
    {"article:publicationdate", S_META_DATE, "article:publicationdate"},
    {"bt:pubdate", S_META_DATE, "bt:pubdate"},
    {"citation_publication_date", S_META_DATE, "citation_publication_date"},
    {"citation_date", S_META_DATE, "citation_date"},
    {"cxenseparse:recs:publishtime", S_META_DATE, "cxenseparse:recs:publishtime"},
    {"date_published", S_META_DATE, "meta:date_published"},
    {"datepublished", S_META_DATE, "meta:datepublished"},
    {"datecreated", S_META_DATE, "meta:datecreated"},
    {"dateposted", S_META_DATE, "meta:dateposted"},
    {"published-date", S_META_DATE, "meta:published-date"},
    {"published_time", S_META_DATE, "meta:published_time"},
    {"publication_date", S_META_DATE, "meta:publication_date"},
    {"publication-date", S_META_DATE, "meta:publication-date"},
    {"originalpublicationdate", S_META_DATE, "meta:originalpublicationdate"},
    {"dc.created", S_META_DATE, "dc.created"},
    {"dc.date.created", S_META_DATE, "dc.date.created"},
    {"dc.date.publication", S_META_DATE, "dc.date.publication"},
    {"dc:created", S_META_DATE, "dc:created"},
    {"dc:date", S_META_DATE, "dc:date"},
    {"rnews:datepublished", S_META_DATE, "rnews:datepublished"},
    {"shareaholic:article_published_time", S_META_DATE, "shareaholic:article_published_time"},
    {"article:modified_time", S_ART_MOD, "article:modified_time"},
    {"og:updated_time", S_OG_UPD, "og:updated_time"},
    {"og:article:modified_time", S_OG_UPD, "og:article:modified_time"},
    {"dcterms.modified", S_META_MOD, "dcterms.modified"},
    {"dc.modified", S_META_MOD, "dc.modified"},
    {"dc.date.modified", S_META_MOD, "dc.date.modified"},
    {"article.updated", S_META_MOD, "article.updated"},
    {"modified_time", S_META_MOD, "meta:modified_time"},
    {"updated_time", S_META_MOD, "meta:updated_time"},
    {"datemodified", S_META_MOD, "meta:datemodified"},
    {"last-modified", S_META_MOD, "meta:last-modified"},
    {"lastmod", S_META_MOD, "meta:lastmod"},
    {"og:site_name", S_OG_SITE, "og:site_name"},
    {"application-name", S_APP_NAME, "application-name"},
    {"og:url", S_OG_URL, "og:url"},
    {"og:image", S_OG_IMAGE, "og:image"},
    {"og:image:url", S_OG_IMAGE, "og:image"},
    {"og:image:secure_url", S_OG_IMAGE, "og:image"},
    {"twitter:image", S_TW_IMAGE, "twitter:image"},
    {"twitter:image:src", S_TW_IMAGE, "twitter:image"},
    {"og:locale", S_OG_LOCALE, "og:locale"},
    {"article:tag", S_ART_TAG, "article:tag"},
    {"keywords", S_KEYWORDS, "meta:keywords"},
    {"news_keywords", S_KEYWORDS, "meta:news_keywords"},
    {"article:section", S_ART_SECTION, "article:section"},
};

enum {
    F_ARTICLE = 1, /* inside <article>/<main> */
    F_SVG = 2,     /* inside <svg>/<math> (their <title> is not the page's) */
    F_SKIP = 4,    /* inside nav/aside/footer: other stories, site chrome */
    F_HIDDEN = 8,  /* inside a hidden element (hidden, display:none) */
    F_SIDE = 16,   /* inside a sidebar, widget, tweet: no date of the story */
    F_CAPTION = 32, /* inside a figure or caption/credit: "Photo by X" is no byline */
};

/* the element is not shown: a hidden attribute or an inline display:none */
static int hidden_el(const wn_node *x)
{
    if (wn_node_attr(x, "hidden")) return 1;
    const char *st = wn_node_attr(x, "style");
    if (!st) return 0;
    for (const char *p = strstr(st, "display"); p; p = strstr(p + 1, "display")) {
        const char *q = p + 7;
        while (*q == ' ') q++;
        if (*q != ':') continue;
        q++;
        while (*q == ' ') q++;
        if (!strncasecmp(q, "none", 4)) return 1;
    }
    return 0;
}

typedef struct slot {
    wn_ptrvec v, src;
} slot;

typedef struct scan {
    slot s[S_COUNT];
    uint32_t html_lang; /* node with lang */
    uint32_t title;     /* first <title> */
    uint32_t h1_article, h1_only;
    size_t h1_count;
    uint32_t time[MAX_TIMES]; /* <time datetime> elements */
    uint8_t time_fl[MAX_TIMES];
    size_t n_time;
    uint32_t h1;              /* the headline's <h1>, set by do_title */
    int has_article;
    const char *canonical;
    uint32_t rel_author[MAX_REL_AUTHORS];
    size_t n_rel_author;
    uint32_t byline[MAX_BYLINES];
    uint8_t byline_fl[MAX_BYLINES];
    size_t n_byline;
    uint32_t md_author[MAX_MD_AUTHORS];
    size_t n_md_author;
    uint32_t heads[MAX_HEADS]; /* shown h1/h2 outside site chrome */
    size_t n_heads;
    uint32_t anchor;           /* the headline's element (h1, or the heading that
                                * says the title), set by find_anchor */
    uint32_t mark[MAX_MARKS];  /* date-marked elements */
    uint8_t mark_fl[MAX_MARKS];
    size_t n_mark;
    int date_flags;            /* WN_DATE_DAY_FIRST for the page's language */
    uint32_t author_link[MAX_AUTHOR_LINKS]; /* <a href=".../author/slug"> */
    uint8_t author_link_fl[MAX_AUTHOR_LINKS];
    size_t n_author_link;
} scan;

static void slot_push(wn_doc *d, scan *sc, int s, const char *v, const char *src)
{
    if (!v || sc->s[s].v.n >= MAX_SLOT_VALUES) return;
    wn_ptrvec_push(&d->arena, &sc->s[s].v, (void *)v);
    wn_ptrvec_push(&d->arena, &sc->s[s].src, (void *)src);
}

static void scan_meta(wn_doc *d, scan *sc, const char *key, const char *content)
{
    if (!key || !content) return;
    for (size_t k = 0; k < sizeof META_KEYS / sizeof META_KEYS[0]; k++)
        if (strcasecmp(key, META_KEYS[k].key) == 0) {
            slot_push(d, sc, META_KEYS[k].slot, content, META_KEYS[k].src);
            return;
        }
}

/* a link to an author's page: a path segment "author", "autor", "auteur",
 * "autore", "redakteur", "journalist", "writer"... followed by another
 * (the author's slug): "/author/jane-doe/", "/autoren/max-muster" */
static int author_href(const char *h)
{
    static const char *const SEG[] = {"author", "authors", "autor", "autoren", "autore",
                                      "autori", "autores", "auteur", "auteurs", "redacteur",
                                      "redacteurs", "redakteur", "redakteure", "journalist",
                                      "journalisten", "journalistes", "writer", "writers",
                                      "columnist", "columnists", NULL};
    if (!h) return 0;
    url_parts u;
    url_split(h, &u);
    const char *p = u.path;
    size_t n = u.path_len;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '/') continue;
        size_t st = i + 1, e = st;
        while (e < n && p[e] != '/') e++;
        if (e >= n || e + 1 >= n || p[e + 1] == '/') continue; /* no slug after it */
        for (size_t k = 0; SEG[k]; k++)
            if (strlen(SEG[k]) == e - st && !strncasecmp(p + st, SEG[k], e - st)) return 1;
    }
    return 0;
}

static int rel_has(const char *rel, const char *tok)
{
    if (!rel) return 0;
    size_t m = strlen(tok);
    const char *p = rel;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *st = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        if ((size_t)(p - st) == m && strncasecmp(st, tok, m) == 0) return 1;
    }
    return 0;
}

static void scan_dom(wn_doc *d, const wn_dom *dom, scan *sc, uint8_t *fl)
{
    const wn_node *N = dom->nodes;
    fl[0] = 0;
    for (size_t i = 1; i < dom->n; i++) {
        const wn_node *x = &N[i];
        uint8_t f = x->parent < i ? fl[x->parent] : 0;
        if (x->type != WN_NODE_ELEMENT) {
            fl[i] = f;
            continue;
        }
        const char *role = x->nattr ? wn_node_attr(x, "role") : NULL;
        switch (x->tag) {
        case WN_TAG_ARTICLE: case WN_TAG_MAIN:
            f |= F_ARTICLE;
            sc->has_article = 1;
            break;
        case WN_TAG_SVG: case WN_TAG_MATH:
            f |= F_SVG;
            break;
        case WN_TAG_NAV: case WN_TAG_ASIDE: case WN_TAG_FOOTER:
            f |= F_SKIP;
            break;
        default:
            break;
        }
        if (x->nattr && x->tag != WN_TAG_HTML && x->tag != WN_TAG_HEAD && hidden_el(x))
            f |= F_HIDDEN;
        int kinds = 0; /* of class and id (attr_kinds), once per element */
        if (x->nattr && x->tag != WN_TAG_HTML && x->tag != WN_TAG_BODY)
            kinds = attr_kinds(wn_node_attr(x, "class")) | attr_kinds(wn_node_attr(x, "id"));
        if ((kinds & K_CHROME) && x->tag != WN_TAG_ARTICLE && x->tag != WN_TAG_MAIN) f |= F_SKIP;
        if (kinds & K_SIDE) f |= F_SIDE;
        if (x->tag == WN_TAG_FIGURE || x->tag == WN_TAG_FIGCAPTION ||
            ((kinds & K_CAPTION) && x->tag != WN_TAG_ARTICLE && x->tag != WN_TAG_MAIN))
            f |= F_CAPTION;
        if (role) {
            if (!strcasecmp(role, "main") || !strcasecmp(role, "article")) {
                f |= F_ARTICLE;
                sc->has_article = 1;
            } else if (!strcasecmp(role, "navigation") || !strcasecmp(role, "complementary") ||
                       !strcasecmp(role, "contentinfo")) {
                f |= F_SKIP;
            }
        }
        fl[i] = f;
        switch (x->tag) {
        case WN_TAG_HTML:
            if (!sc->html_lang) {
                const char *l = wn_node_attr(x, "lang");
                if (l && *l) sc->html_lang = (uint32_t)i;
            }
            break;
        case WN_TAG_TITLE:
            if (!sc->title && !(f & F_SVG)) sc->title = (uint32_t)i;
            break;
        case WN_TAG_META: {
            const char *c = wn_node_attr(x, "content");
            const char *p = wn_node_attr(x, "property"), *nm = wn_node_attr(x, "name");
            scan_meta(d, sc, p, c);
            if (nm && (!p || strcasecmp(p, nm))) scan_meta(d, sc, nm, c);
            const char *he = wn_node_attr(x, "http-equiv");
            if (he && !strcasecmp(he, "content-language"))
                slot_push(d, sc, S_CONTENT_LANG, c, "meta:content-language");
            break;
        }
        case WN_TAG_LINK: {
            const char *rel = wn_node_attr(x, "rel");
            if (!sc->canonical && rel_has(rel, "canonical"))
                sc->canonical = wn_node_attr(x, "href");
            break;
        }
        case WN_TAG_H2:
            if (!(f & (F_SVG | F_SKIP | F_HIDDEN)) && sc->n_heads < MAX_HEADS)
                sc->heads[sc->n_heads++] = (uint32_t)i;
            break;
        case WN_TAG_H1:
            if (f & (F_SVG | F_SKIP | F_HIDDEN)) break;
            if (sc->n_heads < MAX_HEADS) sc->heads[sc->n_heads++] = (uint32_t)i;
            sc->h1_count++;
            if (sc->h1_count == 1) sc->h1_only = (uint32_t)i;
            if ((f & F_ARTICLE) && !sc->h1_article) sc->h1_article = (uint32_t)i;
            break;
        case WN_TAG_TIME:
            if (f & (F_SVG | F_SKIP | F_HIDDEN)) break;
            if (!wn_node_attr(x, "datetime")) { /* a date as text: like a date-marked element */
                if (sc->n_mark < MAX_MARKS && !(f & F_SIDE)) {
                    sc->mark_fl[sc->n_mark] = f;
                    sc->mark[sc->n_mark++] = (uint32_t)i;
                }
                break;
            }
            if (sc->n_time >= MAX_TIMES) break;
            sc->time_fl[sc->n_time] = f;
            sc->time[sc->n_time++] = (uint32_t)i;
            break;
        case WN_TAG_A: {
            const char *rel = wn_node_attr(x, "rel");
            if (rel_has(rel, "author") && !(f & F_SKIP) && sc->n_rel_author < MAX_REL_AUTHORS)
                sc->rel_author[sc->n_rel_author++] = (uint32_t)i;
            else if (!(f & (F_SKIP | F_HIDDEN | F_SVG | F_CAPTION)) &&
                     sc->n_author_link < MAX_AUTHOR_LINKS &&
                     author_href(wn_node_attr(x, "href"))) {
                sc->author_link_fl[sc->n_author_link] = f;
                sc->author_link[sc->n_author_link++] = (uint32_t)i;
            }
            break;
        }
        default:
            break;
        }
        if (!x->nattr) continue;
        /* microdata */
        const char *ip = wn_node_attr(x, "itemprop");
        if (ip && !(f & F_SKIP)) {
            const char *v = wn_node_attr(x, "content");
            if (!v) v = wn_node_attr(x, "datetime");
            if (rel_has(ip, "headline") && !(f & F_SVG)) {
                /* content/datetime, else the text (of the first one only) */
                if (v) slot_push(d, sc, S_MD_HEADLINE, v, "microdata");
                else if (!sc->s[S_MD_HEADLINE].v.n) {
                    const char *t = node_text(d, dom, (uint32_t)i, TITLE_CAP, NULL);
                    slot_push(d, sc, S_MD_HEADLINE, t, "microdata");
                }
            }
            int pub = rel_has(ip, "datepublished"), created = rel_has(ip, "datecreated");
            int mod = rel_has(ip, "datemodified");
            if ((pub || mod || created) && !v && !(f & F_HIDDEN)) /* the date as text */
                v = byline_text(d, dom, (uint32_t)i);
            if (pub) slot_push(d, sc, S_MD_PUB, v, "microdata");
            if (created) slot_push(d, sc, S_MD_CREATED, v, "microdata");
            if (mod) slot_push(d, sc, S_MD_MOD, v, "microdata");
            if (rel_has(ip, "author") && sc->n_md_author < MAX_MD_AUTHORS)
                sc->md_author[sc->n_md_author++] = (uint32_t)i;
        }
        /* date-marked elements */
        if (!(f & (F_SKIP | F_SVG | F_HIDDEN | F_SIDE)) && sc->n_mark < MAX_MARKS &&
            x->tag != WN_TAG_HTML &&
            x->tag != WN_TAG_BODY && x->tag != WN_TAG_HEAD && x->tag != WN_TAG_META &&
            x->tag != WN_TAG_LINK && x->tag != WN_TAG_TIME &&
            ((kinds & K_DATE) || (ip && (attr_kinds(ip) & K_DATE)))) {
            sc->mark_fl[sc->n_mark] = f;
            sc->mark[sc->n_mark++] = (uint32_t)i;
        }
        /* byline elements */
        if (!(f & (F_SKIP | F_SVG | F_HIDDEN)) && sc->n_byline < MAX_BYLINES) {
            switch (x->tag) {
            case WN_TAG_HTML: case WN_TAG_HEAD: case WN_TAG_BODY: case WN_TAG_META:
            case WN_TAG_LINK: case WN_TAG_IMG: case WN_TAG_INPUT: case WN_TAG_BUTTON:
            case WN_TAG_FORM: case WN_TAG_SELECT: case WN_TAG_OPTION: case WN_TAG_TEXTAREA:
            case WN_TAG_TITLE:
                break;
            default:
                if (kinds & K_BYLINE) {
                    sc->byline_fl[sc->n_byline] = f;
                    sc->byline[sc->n_byline++] = (uint32_t)i;
                }
            }
        }
    }
}

/* ---- JSON-LD -------------------------------------------------------------- */

typedef struct ld {
    wn_ptrvec objs; /* every object seen, for @id references */
    const wn_json *best, *page;
    int best_rank;
} ld;

static const char *jstr(const wn_json *v)
{
    for (int k = 0; v && k < 4; k++) {
        if (v->type == WN_JSON_STRING) return v->str;
        if (v->type == WN_JSON_ARRAY) v = v->child;
        else if (v->type == WN_JSON_OBJECT) v = wn_json_get(v, "@value");
        else return NULL;
    }
    return NULL;
}

static const char *type_base(const char *t)
{
    static const char *const PFX[] = {"http://schema.org/", "https://schema.org/", "schema:",
                                      NULL};
    for (size_t i = 0; PFX[i]; i++)
        if (starts_with_ci(t, PFX[i])) return t + strlen(PFX[i]);
    return t;
}

static int type_rank1(const char *t)
{
    t = type_base(t);
    if (ends_with(t, "NewsArticle")) return 10;
    if (ends_with(t, "Article") || ends_with(t, "Posting") || !strcmp(t, "Report")) return 9;
    if (ends_with(t, "WebPage") || !strcmp(t, "ItemPage") || !strcmp(t, "AboutPage")) return 1;
    return 0;
}

/* the best rank among o's @type strings */
static int type_rank(const wn_json *o)
{
    const wn_json *t = wn_json_get(o, "@type");
    if (!t) return 0;
    if (t->type == WN_JSON_STRING) return type_rank1(t->str);
    int r = 0;
    if (t->type == WN_JSON_ARRAY)
        for (const wn_json *e = t->child; e; e = e->next)
            if (e->type == WN_JSON_STRING && type_rank1(e->str) > r) r = type_rank1(e->str);
    return r;
}

/* 1 when o's @type is (or includes) one accepted by pred */
static int type_is(const wn_json *o, int (*pred)(const char *))
{
    const wn_json *t = wn_json_get(o, "@type");
    if (!t) return 0;
    if (t->type == WN_JSON_STRING) return pred(type_base(t->str));
    if (t->type == WN_JSON_ARRAY)
        for (const wn_json *e = t->child; e; e = e->next)
            if (e->type == WN_JSON_STRING && pred(type_base(e->str))) return 1;
    return 0;
}

static int is_person_t(const char *t) { return !strcmp(t, "Person"); }
static int is_org_t(const char *t)
{
    return ends_with(t, "Organization") || ends_with(t, "Organisation") ||
           !strcmp(t, "Corporation") || !strcmp(t, "NewsMediaOrganization");
}

static void ld_collect(wn_doc *d, ld *L, const wn_json *v, int depth)
{
    if (!v || depth > 4 || L->objs.n >= MAX_LD_OBJECTS) return;
    if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next) ld_collect(d, L, e, depth + 1);
        return;
    }
    if (v->type != WN_JSON_OBJECT) return;
    wn_ptrvec_push(&d->arena, &L->objs, (void *)v);
    int r = type_rank(v);
    if (r > L->best_rank) {
        L->best = v;
        L->best_rank = r;
    }
    if (r == 1 && !L->page) L->page = v;
    const wn_json *g = wn_json_get(v, "@graph");
    if (g) ld_collect(d, L, g, depth + 1);
    const wn_json *me = wn_json_get(v, "mainEntity");
    if (me && me->type == WN_JSON_OBJECT) ld_collect(d, L, me, depth + 1);
}

static void ld_parse_all(wn_doc *d, const wn_dom *dom, ld *L)
{
    for (size_t i = 0; i < dom->jsonld.n; i++) {
        const char *s = dom->jsonld.v[i];
        size_t n = strlen(s), p = 0;
        for (int k = 0; k < 8 && p < n; k++) {
            /* skip "<!--", "//<![CDATA[", separators up to a value */
            while (p < n && s[p] != '{' && s[p] != '[') p++;
            if (p >= n) break;
            size_t used = 0;
            wn_json_diag diag;
            memset(&diag, 0, sizeof diag);
            wn_json *v = wn_json_parse(&d->arena, s + p, n - p, 64, &used, &diag);
            if (!v || !used) break; /* broken JSON-LD: ignored */
            ld_collect(d, L, v, 0);
            p += used;
        }
    }
}

/* {"@id": x} -> the object with that @id that says more */
static const wn_json *ld_deref(const ld *L, const wn_json *v)
{
    if (!v || v->type != WN_JSON_OBJECT) return v;
    const char *id = jstr(wn_json_get(v, "@id"));
    if (!id || wn_json_get(v, "name")) return v;
    for (size_t i = 0; i < L->objs.n; i++) {
        const wn_json *o = L->objs.v[i];
        if (o == v || o->count <= v->count) continue;
        const char *oid = jstr(wn_json_get(o, "@id"));
        if (oid && !strcmp(oid, id)) return o;
    }
    return v;
}

/* field from the article object, else from the page object */
static const wn_json *ld_get(const ld *L, const char *key)
{
    const wn_json *v = L->best ? wn_json_get(L->best, key) : NULL;
    if (!v && L->page && L->page != L->best) v = wn_json_get(L->page, key);
    return v;
}

static const char *ld_text(wn_doc *d, const ld *L, const char *key)
{
    return decode_entities(d, jstr(ld_get(L, key)));
}

/* name of a publisher-ish value (string, object, reference, array) */
static const char *ld_name(wn_doc *d, const ld *L, const wn_json *v)
{
    if (v && v->type == WN_JSON_ARRAY) v = v->child;
    if (!v) return NULL;
    if (v->type == WN_JSON_STRING) return decode_entities(d, v->str);
    v = ld_deref(L, v);
    return decode_entities(d, jstr(wn_json_get(v, "name")));
}

/* adds the persons among a json-ld author value; an Organization author
 * is reported in *org instead */
static void ld_authors(wn_doc *d, const ld *L, const wn_json *v, const char **org, int depth)
{
    if (!v || depth > 3) return;
    if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next) ld_authors(d, L, e, org, depth + 1);
        return;
    }
    if (v->type == WN_JSON_STRING) {
        add_byline(d, decode_entities(d, v->str), NULL);
        return;
    }
    if (v->type != WN_JSON_OBJECT) return;
    v = ld_deref(L, v);
    const char *name = decode_entities(d, jstr(wn_json_get(v, "name")));
    if (!name) {
        const char *g = jstr(wn_json_get(v, "givenName")), *f = jstr(wn_json_get(v, "familyName"));
        if (g && f) name = wn_arena_printf(&d->arena, "%s %s", g, f);
    }
    if (!name) return;
    if (wn_json_get(v, "@type") && !type_is(v, is_person_t)) {
        if (type_is(v, is_org_t) && !*org) *org = name;
        return;
    }
    const char *url = jstr(wn_json_get(v, "url"));
    add_byline(d, name, is_http(url) ? url : NULL);
}

static const char *ld_image(const ld *L)
{
    const wn_json *v = ld_get(L, "image");
    for (int k = 0; v && k < 3; k++) {
        if (v->type == WN_JSON_STRING) return v->str;
        if (v->type == WN_JSON_ARRAY) {
            v = v->child;
            continue;
        }
        if (v->type != WN_JSON_OBJECT) return NULL;
        v = ld_deref(L, v);
        const char *u = jstr(wn_json_get(v, "url"));
        if (!u) u = jstr(wn_json_get(v, "contentUrl"));
        return u;
    }
    return NULL;
}

static const char *ld_url(const ld *L)
{
    const char *u = jstr(ld_get(L, "url"));
    if (u) return u;
    const wn_json *m = ld_get(L, "mainEntityOfPage");
    if (!m) return NULL;
    if (m->type == WN_JSON_STRING) return m->str;
    if (m->type == WN_JSON_OBJECT) {
        u = jstr(wn_json_get(m, "@id"));
        return u ? u : jstr(wn_json_get(m, "url"));
    }
    return NULL;
}

static const char *ld_language(const ld *L)
{
    const wn_json *v = ld_get(L, "inLanguage");
    if (v && v->type == WN_JSON_OBJECT) {
        const char *a = jstr(wn_json_get(v, "alternateName"));
        return a ? a : jstr(wn_json_get(v, "name"));
    }
    return jstr(v);
}

/* pushes a json-ld list value (string or array of strings) as tags */
static int ld_tags(wn_doc *d, const wn_json *v)
{
    int n = 0;
    if (!v) return 0;
    if (v->type == WN_JSON_STRING) {
        const char *t = norm(d, decode_entities(d, v->str));
        if (t) wn_ptrvec_push(&d->arena, &d->hints.tags, (void *)t), n++;
    } else if (v->type == WN_JSON_ARRAY) {
        for (const wn_json *e = v->child; e; e = e->next)
            if (e->type == WN_JSON_STRING) {
                const char *t = norm(d, decode_entities(d, e->str));
                if (t) wn_ptrvec_push(&d->arena, &d->hints.tags, (void *)t), n++;
            }
    }
    return n;
}

/* ---- <title> ---------------------------------------------------------------- */

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') in = 0;
        else if (!in) in = 1, w++;
    }
    return w;
}

/* letters and digits of s, lower-cased (ASCII; other bytes kept), without
 * a leading "the": "The Daily-Planet" and "dailyplanet" compare equal */
static size_t squash(const char *s, size_t n, char *out, size_t cap)
{
    if (n > 4 && !strncasecmp(s, "the ", 4)) s += 4, n -= 4;
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') out[o++] = (char)(c | 0x20);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[o++] = (char)c;
    }
    out[o] = 0;
    return o;
}

/* 1 when the title part p (n bytes) names the site: it is the site name,
 * or the page's host or one of its labels ("Tideline.com", "Planet" for
 * www.planet.example, "DailyPlanet" for dailyplanet.com), all compared
 * without case, spaces and punctuation */
static int names_site(const char *p, size_t n, const char *site, const char *host,
                      size_t host_len)
{
    char a[128], b[128];
    if (n == 0 || n >= sizeof a) return 0;
    size_t la = squash(p, n, a, sizeof a);
    if (la < 2) return 0;
    if (site && squash(site, strlen(site), b, sizeof b) == la && !memcmp(a, b, la)) return 1;
    if (!host || !host_len) return 0;
    const char *h = host;
    size_t hl = host_len;
    if (hl > 4 && !strncasecmp(h, "www.", 4)) h += 4, hl -= 4;
    if (squash(h, hl, b, sizeof b) == la && !memcmp(a, b, la)) return 1; /* "Tideline.com" */
    for (size_t i = 0; i < hl;) { /* one label of the host, 3+ letters */
        size_t e = i;
        while (e < hl && h[e] != '.') e++;
        if (e - i >= 3 && squash(h + i, e - i, b, sizeof b) == la && !memcmp(a, b, la))
            return 1;
        i = e + 1;
    }
    return 0;
}

static const char *const TITLE_SEP[] = {" | ", " - ", " -- ", " \xe2\x80\x94 ",
                                        " \xe2\x80\x93 ", " :: ", " \xc2\xbb ",
                                        " \xc2\xb7 ", " \xe2\x80\xa2 ", NULL};

/* "Headline | Site" -> "Headline": the last separator when what follows
 * names the site (names_site), or (unless site_only) short (<= 5 words)
 * and no longer than the headline part; applied twice for "Headline |
 * Section | Site". "Site | Headline" loses its prefix when it names the
 * site. t is normalised text. */
static const char *strip_title(wn_doc *d, const char *t, const char *site, const char *host,
                               size_t host_len, int site_only)
{
    const char *const *SEP = TITLE_SEP;
    size_t n = strlen(t);
    for (int pass = 0; pass < 2; pass++) {
        const char *cut = NULL;
        size_t seplen = 0;
        for (size_t i = 0; SEP[i]; i++) {
            size_t sl = strlen(SEP[i]);
            for (size_t k = n; k-- > 0;)
                if (k + sl <= n && !memcmp(t + k, SEP[i], sl)) {
                    if (!cut || t + k > cut) cut = t + k, seplen = sl;
                    break;
                }
        }
        if (cut) {
            const char *suf = cut + seplen;
            size_t head = (size_t)(cut - t), sufl = n - head - seplen;
            size_t hw = count_words(t, head), sw = count_words(suf, sufl);
            if (head && (names_site(suf, sufl, site, host, host_len) ||
                         (!site_only && sw <= 5 && hw >= 2 && hw >= sw))) {
                n = head;
                continue;
            }
        }
        /* "Site | Headline": the first separator */
        if (pass == 0) {
            const char *first_sep = NULL;
            size_t fl = 0;
            for (size_t i = 0; SEP[i]; i++) {
                const char *q = strstr(t, SEP[i]);
                if (q && (size_t)(q - t) < n && (!first_sep || q < first_sep))
                    first_sep = q, fl = strlen(SEP[i]);
            }
            if (first_sep && first_sep > t && (size_t)(first_sep - t) + fl < n &&
                names_site(t, (size_t)(first_sep - t), site, host, host_len)) {
                size_t cutl = (size_t)(first_sep - t) + fl;
                t += cutl;
                n -= cutl;
                continue;
            }
        }
        break;
    }
    return n ? wn_arena_strndup(&d->arena, t, n) : NULL;
}

/* ---- the fields ---------------------------------------------------------------- */

static const char *first(const scan *sc, int s, const char **src)
{
    if (!sc->s[s].v.n) return NULL;
    *src = sc->s[s].src.v[0];
    return sc->s[s].v.v[0];
}

/* sets a still-empty hint from the first usable value of a slot */
static int set_from_slot(wn_doc *d, const char **field, const char **field_src, const scan *sc,
                         int s)
{
    for (size_t i = 0; i < sc->s[s].v.n; i++)
        if (set_hint(d, field, field_src, sc->s[s].v.v[i], sc->s[s].src.v[i])) return 1;
    return 0;
}

static void do_url(wn_doc *d, const scan *sc, const ld *L, const char **base_out)
{
    wn_hints *h = &d->hints;
    const char *src;
    const char *caller = is_http(h->url) ? h->url : NULL;
    const char *og = first(sc, S_OG_URL, &src);
    const char *ldu = ld_url(L);
    /* base: the caller's URL, else an absolute og:url or json-ld url */
    const char *base = caller;
    if (!base) base = http_url(d, NULL, og);
    if (!base) base = http_url(d, NULL, ldu);
    const char *canon = http_url(d, base, sc->canonical);
    if (canon && caller && is_root_url(canon) && !is_root_url(caller)) canon = NULL;
    if (canon && (!h->url || caller)) {
        if (!h->url || strcmp(h->url, canon)) {
            h->url = canon;
            h->url_src = "link:canonical";
        } else if (!h->url_src) {
            h->url_src = "link:canonical";
        }
    } else if (!h->url) {
        const char *u = http_url(d, base, og);
        if (u) {
            h->url = u;
            h->url_src = "og:url";
        } else if ((u = http_url(d, base, ldu))) {
            h->url = u;
            h->url_src = "json-ld";
        }
    }
    *base_out = caller ? caller : is_http(h->url) ? h->url : base;
}

/* the host of an absolute URL: its start and length */
static const char *url_host(const char *u, size_t *len)
{
    if (!u) return NULL;
    url_parts p;
    url_split(u, &p);
    if (!p.has_auth || !p.auth_len) return NULL;
    const char *h = p.auth;
    size_t n = p.auth_len;
    const char *at = memchr(h, '@', n);
    if (at) n -= (size_t)(at + 1 - h), h = at + 1;
    const char *colon = memchr(h, ':', n);
    if (colon) n = (size_t)(colon - h);
    *len = n;
    return n ? h : NULL;
}

/* folded equality (case, spacing and punctuation ignored) */
static int same_text(wn_doc *d, const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t la = strlen(a), lb = strlen(b);
    char *x = wn_arena_alloc(&d->arena, la + 1), *y = wn_arena_alloc(&d->arena, lb + 1);
    la = squash(a, la, x, la + 1);
    lb = squash(b, lb, y, lb + 1);
    return la && la == lb && !memcmp(x, y, la);
}

/*
 * The title. Sources disagree in two ways: site names glued on ("Headline
 * | Site", "Site - Headline": removed when the part names the site, see
 * names_site), and wording (the json-ld/og headline is often written for
 * search engines or social previews, while the page shows another one).
 * The headline the reader sees is the article's <h1>; it wins when it looks
 * like a headline (3+ words, at most TITLE_H1_MAX bytes, not the site name)
 * or when a stated title says the same. Without one the stated titles
 * (json-ld > og > twitter > microdata) follow, then <title>.
 */
#define TITLE_H1_MAX 400

/* An <h1> with " | " parts ("Opinion | Headline | Editorial"): the part a
 * stated title repeats, else the parts left after short (<= 3 words)
 * labels at either end are dropped. A pipe is never punctuation in a
 * headline, unlike a dash. */
static const char *h1_parts(wn_doc *d, const char *t, const char *stated)
{
    if (!strstr(t, " | ")) return t;
    size_t n = strlen(t);
    const char *p = t;
    while (p) { /* a part equal to the stated title */
        const char *e = strstr(p, " | ");
        size_t l = e ? (size_t)(e - p) : n - (size_t)(p - t);
        const char *part = wn_arena_strndup(&d->arena, p, l);
        if (stated && same_text(d, part, stated)) return part;
        p = e ? e + 3 : NULL;
    }
    for (;;) {
        const char *e = strstr(t, " | ");
        if (e && count_words(t, (size_t)(e - t)) <= 3 &&
            count_words(e + 3, n - (size_t)(e + 3 - t)) >= 4) {
            n -= (size_t)(e + 3 - t);
            t = e + 3;
            continue;
        }
        const char *last = NULL;
        for (const char *q = strstr(t, " | "); q && (size_t)(q - t) < n; q = strstr(q + 1, " | "))
            last = q;
        if (last && count_words(last + 3, n - (size_t)(last + 3 - t)) <= 3 &&
            count_words(t, (size_t)(last - t)) >= 4) {
            n = (size_t)(last - t);
            continue;
        }
        break;
    }
    return wn_arena_strndup(&d->arena, t, n);
}
/* "Headline – Site": the last part of a <title> after a separator, when
 * it is short (<= 5 words) and shorter than the rest: the site's name, for
 * pages that state none */
static const char *title_site(wn_doc *d, const char *raw)
{
    const char *cut = NULL;
    size_t seplen = 0;
    for (size_t i = 0; TITLE_SEP[i]; i++) {
        size_t sl = strlen(TITLE_SEP[i]);
        for (const char *q = strstr(raw, TITLE_SEP[i]); q; q = strstr(q + 1, TITLE_SEP[i]))
            if (!cut || q > cut) cut = q, seplen = sl;
    }
    if (!cut || cut == raw) return NULL;
    const char *suf = cut + seplen;
    size_t sl = strlen(suf), hl = (size_t)(cut - raw);
    if (!sl || count_words(suf, sl) > 5 || count_words(raw, hl) < count_words(suf, sl) + 1)
        return NULL;
    return wn_arena_strndup(&d->arena, suf, sl);
}

static void do_title(wn_doc *d, const wn_dom *dom, scan *sc, const ld *L)
{
    wn_hints *h = &d->hints;
    const char *src;
    const char *raw = sc->title ? node_text(d, dom, sc->title, TITLE_CAP, NULL) : NULL;
    if (raw && !d->page_title) d->page_title = raw;
    if (h->title) return;
    const char *site = norm(d, first(sc, S_OG_SITE, &src));
    if (!site && L->best) site = norm(d, ld_name(d, L, ld_get(L, "publisher")));
    if (!site && raw) site = title_site(d, raw);
    size_t host_len = 0;
    const char *host = url_host(h->url, &host_len);
    /* the stated title: json-ld, og, twitter, microdata, each without a
     * part that names the site */
    const char *st = NULL, *st_src = NULL;
    if (L->best) {
        /* the article's headline, else its name, else the page's headline */
        const char *t = decode_entities(d, jstr(wn_json_get(L->best, "headline")));
        if (!t && L->best_rank >= 9) t = decode_entities(d, jstr(wn_json_get(L->best, "name")));
        if (!t) t = ld_text(d, L, "headline");
        if ((t = norm(d, t))) st = strip_title(d, t, site, host, host_len, 1), st_src = "json-ld";
    }
    static const int ORDER[] = {S_OG_TITLE, S_TW_TITLE, S_MD_HEADLINE};
    for (size_t i = 0; !st && i < sizeof ORDER / sizeof ORDER[0]; i++)
        for (size_t k = 0; !st && k < sc->s[ORDER[i]].v.n; k++) {
            const char *t = norm(d, sc->s[ORDER[i]].v.v[k]);
            if (t) st = strip_title(d, t, site, host, host_len, 1), st_src = sc->s[ORDER[i]].src.v[k];
        }
    /* the article's <h1>; on a page of several (an infinite-scroll page
     * appending the next stories), the one that says the stated title or
     * the <title>'s headline */
    uint32_t h1 = sc->h1_article ? sc->h1_article : sc->h1_count == 1 ? sc->h1_only : 0;
    if (sc->h1_count > 1) {
        const char *want = st ? st : raw ? strip_title(d, raw, site, host, host_len, 0) : NULL;
        for (size_t i = 0; want && i < sc->n_heads; i++) {
            if (dom->nodes[sc->heads[i]].tag != WN_TAG_H1) continue;
            int tr = 0;
            const char *t = node_text(d, dom, sc->heads[i], TITLE_CAP, &tr);
            if (t && !tr && same_text(d, t, want)) {
                h1 = sc->heads[i];
                break;
            }
        }
    }
    sc->h1 = h1;
    int trunc = 0;
    const char *ht = h1 ? node_text(d, dom, h1, TITLE_CAP, &trunc) : NULL;
    if (ht && !trunc) ht = h1_parts(d, ht, st);
    if (ht && st && same_text(d, ht, st) && set_hint(d, &h->title, &h->title_src, st, st_src))
        return; /* they agree: the stated one, as stated */
    if (ht && !trunc && strlen(ht) <= TITLE_H1_MAX &&
        !names_site(ht, strlen(ht), site, host, host_len) &&
        (count_words(ht, strlen(ht)) >= 3 || same_text(d, ht, st)) &&
        set_hint(d, &h->title, &h->title_src, ht, "h1"))
        return;
    if (st && set_hint(d, &h->title, &h->title_src, st, st_src)) return;
    if (ht && !trunc && !names_site(ht, strlen(ht), site, host, host_len) &&
        set_hint(d, &h->title, &h->title_src, ht, "h1"))
        return;
    if (raw)
        set_hint(d, &h->title, &h->title_src, strip_title(d, raw, site, host, host_len, 0),
                 "<title>");
}

static void do_text_fields(wn_doc *d, const scan *sc, const ld *L)
{
    wn_hints *h = &d->hints;
    if (L->best) set_hint(d, &h->subtitle, &h->subtitle_src, ld_text(d, L, "alternativeHeadline"),
                          "json-ld");
    if (!h->description) {
        if (!(L->best &&
              set_hint(d, &h->description, &h->description_src, ld_text(d, L, "description"),
                       "json-ld"))) {
            static const int ORDER[] = {S_OG_DESC, S_TW_DESC, S_META_DESC};
            for (size_t i = 0; i < sizeof ORDER / sizeof ORDER[0]; i++)
                if (set_from_slot(d, &h->description, &h->description_src, sc, ORDER[i])) break;
        }
    }
}

static int authors_from_slot(wn_doc *d, const scan *sc, int s)
{
    int got = 0;
    for (size_t i = 0; i < sc->s[s].v.n; i++) {
        const char *v = sc->s[s].v.v[i];
        const char *t = norm(d, v);
        if (!t || strstr(t, "://") || starts_with_ci(t, "www.")) continue; /* a profile URL */
        if (add_byline(d, t, NULL) > 0 && !got) {
            got = 1;
            d->hints.authors_src = sc->s[s].src.v[i];
        }
    }
    return got;
}

static int near_anchor(const scan *sc, uint32_t m, uint8_t f, int pass);

/* Node idx is a photo credit without a caption class: the nearest
 * ancestor (up to three levels) that holds an image before it is a small
 * box (no paragraph or heading in it, at most 300 nodes) with a caption's
 * worth of text, 120 to 600 bytes (a byline with the author's avatar is
 * shorter) */
static int photo_credit(wn_doc *d, const wn_dom *dom, uint32_t idx)
{
    const wn_node *N = dom->nodes;
    uint32_t a = N[idx].parent;
    for (int up = 0; up < 3 && a; up++, a = N[a].parent) {
        uint32_t end = a;
        for (int steps = 0; N[end].last && steps < 64; steps++) end = N[end].last;
        if (end - a > 300) return 0;
        int img = 0;
        for (uint32_t j = a + 1; j <= end; j++) {
            if (N[j].type != WN_NODE_ELEMENT) continue;
            if (N[j].tag == WN_TAG_P || (N[j].tag >= WN_TAG_H1 && N[j].tag <= WN_TAG_H6))
                return 0; /* the story's container, not a picture's box */
            if (j < idx && (N[j].tag == WN_TAG_IMG || N[j].tag == WN_TAG_PICTURE)) img = 1;
        }
        if (!img) continue;
        int trunc = 0;
        const char *t = node_text(d, dom, a, 600, &trunc);
        return !trunc && t && strlen(t) >= 120;
    }
    return 0;
}

/* A byline line after the headline without a byline class: a short text
 * starting with a by-word ("Von", "By", "Par", "Por", "Door", "Di",
 * "Texto:"...) or a date line going on with one ("Publié le 1er février
 * 2024 par ..."); its parent element's text when that is byline-sized
 * ("Von <a>A</a> und <a>B</a>"). Same zone as head_zone_date. */
static int head_zone_byline(wn_doc *d, const wn_dom *dom, const scan *sc, const uint8_t *fl)
{
    if (!sc->anchor) return 0;
    const wn_node *N = dom->nodes;
    size_t text = 0, nodes = 0;
    for (uint32_t i = sc->anchor + 1; i < dom->n && nodes < HEAD_ZONE_NODES; i++, nodes++) {
        const wn_node *x = &N[i];
        if (x->type != WN_NODE_TEXT || (fl[i] & (F_SKIP | F_HIDDEN | F_SVG | F_CAPTION))) continue;
        if (!x->len) continue;
        text += x->len;
        if (text > HEAD_ZONE_TEXT) break;
        if (x->len > BYLINE_CAP) continue;
        const char *t = norm(d, wn_arena_strndup(&d->arena, x->text, x->len));
        if (!t) continue;
        if (!(after_by(t) || mid_by(t) || by_alone(t)) || photo_credit(d, dom, i)) continue;
        const char *pt = x->parent ? byline_text(d, dom, x->parent) : NULL;
        if (pt && (after_by(pt) || mid_by(pt)) && add_byline(d, pt, NULL) > 0) return 1;
        if (add_byline(d, t, NULL) > 0) return 1;
    }
    return 0;
}

/* Authors from the byline elements: those in the article first; once one
 * gave names, only those near it (under the same parent: "<a
 * class=author>A</a>, <a class=author>B</a>") may add more, so an author
 * name elsewhere on the page (a quote box, a teaser) does not join the
 * byline. */
static void authors_from_bylines(wn_doc *d, const wn_dom *dom, const scan *sc, const char *base)
{
    wn_hints *h = &d->hints;
    for (int pass = 0; pass < 2 && !h->authors.n; pass++) {
        uint32_t near_lo = 0, near_hi = 0;
        for (size_t i = 0; i < sc->n_byline; i++) {
            uint32_t b = sc->byline[i];
            int in_article = (sc->byline_fl[i] & F_ARTICLE) != 0;
            if (in_article != (pass == 0)) continue;
            if (near_hi && (b <= near_lo || b > near_hi)) continue;
            const char *t = byline_text(d, dom, b);
            if (!t) continue;
            const wn_node *x = &dom->nodes[b];
            const char *url =
                x->tag == WN_TAG_A ? http_url(d, base, wn_node_attr(x, "href")) : NULL;
            if (add_byline(d, t, url) > 0 && !near_hi) {
                /* the parent's subtree: indices (parent, its last descendant] */
                uint32_t k = x->parent;
                for (int steps = 0; dom->nodes[k].last && steps < 512; steps++)
                    k = dom->nodes[k].last;
                near_lo = x->parent;
                near_hi = k > b ? k : b;
            }
        }
    }
}

/* folded equality of two names (case and spacing) */
static int same_name(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a == ' ' && *b == ' ') {
            while (*a == ' ') a++;
            while (*b == ' ') b++;
            continue;
        }
        if ((*a | 0x20) != (*b | 0x20) && !((unsigned char)*a >= 0x80 && *a == *b)) return 0;
        a++;
        b++;
    }
    return !*a && !*b;
}

/* Is name joined to another by a conjunction in some byline element
 * ("A and B")? Only such a name is a co-author: in "A, National Institute
 * of X and Y" the words after the comma are a place, not a person. */
static int joined_by_and(wn_doc *d, const wn_dom *dom, const scan *sc, const char *name)
{
    static const char *const AND[] = {"and", "&", "und", "et", "y", "e", "en", "og", "och", "i",
                                      NULL};
    size_t nl = strlen(name);
    for (size_t i = 0; i < sc->n_byline; i++) {
        const char *t = byline_text(d, dom, sc->byline[i]);
        for (const char *p = t ? strstr(t, name) : NULL; p; p = strstr(p + 1, name)) {
            for (int k = 0; AND[k]; k++) {
                size_t al = strlen(AND[k]);
                /* " and NAME" before, or "NAME and " after */
                if (p - t >= (ptrdiff_t)al + 2 && p[-1] == ' ' && *(p - al - 2) == ' ' &&
                    strncmp(p - al - 1, AND[k], al) == 0)
                    return 1;
                if (p[nl] == ' ' && strncmp(p + nl + 1, AND[k], al) == 0 && p[nl + 1 + al] == ' ')
                    return 1;
            }
        }
    }
    return 0;
}

/* Stated authors (JSON-LD, meta tags) are sometimes fewer than the visible
 * byline names: a co-author left out of the structured data. When the
 * byline elements name every stated author and more, joined by a
 * conjunction ("A and B"), the extra names join, after the stated ones. */
static void widen_from_bylines(wn_doc *d, const wn_dom *dom, const scan *sc, const char *base)
{
    wn_hints *h = &d->hints;
    wn_ptrvec stated = h->authors;
    memset(&h->authors, 0, sizeof h->authors);
    authors_from_bylines(d, dom, sc, base);
    wn_ptrvec seen = h->authors;
    h->authors = stated;
    if (seen.n <= stated.n) return;
    for (size_t i = 0; i < stated.n; i++) {
        const wn_author *a = stated.v[i];
        size_t j = 0;
        while (j < seen.n && !same_name(a->name, ((const wn_author *)seen.v[j])->name)) j++;
        if (j == seen.n) return; /* the byline does not name a stated author */
    }
    for (size_t j = 0; j < seen.n && h->authors.n < 6; j++) {
        const wn_author *b = seen.v[j];
        if (joined_by_and(d, dom, sc, b->name))
            wn_author_add(&d->arena, &h->authors, b->name, b->role, b->handle, b->url);
    }
}

static void do_authors(wn_doc *d, const wn_dom *dom, const scan *sc, const ld *L, const char *base,
                       const char **org, const uint8_t *fl)
{
    wn_hints *h = &d->hints;
    if (L->best) {
        ld_authors(d, L, ld_get(L, "author"), org, 0);
        if (h->authors.n && !h->authors_src) h->authors_src = "json-ld";
    }
    if (h->authors.n) {
        widen_from_bylines(d, dom, sc, base);
        return;
    }
    static const int ORDER[] = {S_META_AUTHOR, S_ART_AUTHOR, S_PARSELY_AUTHOR, S_DC_CREATOR,
                                S_BYL};
    for (size_t i = 0; i < sizeof ORDER / sizeof ORDER[0]; i++)
        if (authors_from_slot(d, sc, ORDER[i])) {
            widen_from_bylines(d, dom, sc, base);
            return;
        }
    /* microdata: itemprop=author, its itemprop=name or its text */
    for (size_t i = 0; i < sc->n_md_author; i++) {
        uint32_t a = sc->md_author[i];
        const wn_node *x = &dom->nodes[a];
        const char *name = wn_node_attr(x, "content");
        const char *url = x->tag == WN_TAG_A ? wn_node_attr(x, "href") : NULL;
        if (!name && wn_node_attr(x, "itemscope")) {
            /* bounded walk of the scope for itemprop=name / url */
            uint32_t cur = x->first;
            size_t visits = 0;
            while (cur && ++visits < MAX_VISIT) {
                const wn_node *y = &dom->nodes[cur];
                const char *ip =
                    y->type == WN_NODE_ELEMENT && y->nattr ? wn_node_attr(y, "itemprop") : NULL;
                if (ip && rel_has(ip, "name") && !name) {
                    name = wn_node_attr(y, "content");
                    if (!name) name = byline_text(d, dom, cur);
                }
                if (ip && rel_has(ip, "url") && !url) url = wn_node_attr(y, "href");
                if (y->type == WN_NODE_ELEMENT && y->first) {
                    cur = y->first;
                    continue;
                }
                while (cur != a && !dom->nodes[cur].next) cur = dom->nodes[cur].parent;
                if (cur == a) break;
                cur = dom->nodes[cur].next;
            }
        }
        if (!name) name = byline_text(d, dom, a);
        if (!name) continue;
        add_byline(d, name, http_url(d, base, url));
    }
    if (h->authors.n) {
        h->authors_src = "microdata";
        return;
    }
    for (size_t i = 0; i < sc->n_rel_author; i++) {
        uint32_t a = sc->rel_author[i];
        const char *t = byline_text(d, dom, a);
        if (t) add_byline(d, t, http_url(d, base, wn_node_attr(&dom->nodes[a], "href")));
    }
    if (h->authors.n) {
        h->authors_src = "rel=author";
        return;
    }
    authors_from_bylines(d, dom, sc, base);
    if (h->authors.n) {
        h->authors_src = "byline";
        return;
    }
    /* links to author pages by the headline (after it, then just before
     * it; in the article without one); once one gave a name, only links
     * under the same parent join ("Par <a>A</a> et <a>B</a>") */
    for (int pass = 0; pass < 2 && !h->authors.n; pass++) {
        uint32_t parent = 0;
        for (size_t i = 0; i < sc->n_author_link; i++) {
            uint32_t a = sc->author_link[i];
            const wn_node *x = &dom->nodes[a];
            if (parent ? x->parent != parent
                       : !near_anchor(sc, a, sc->author_link_fl[i], pass) ||
                             (sc->anchor && pass == 0 && a - sc->anchor > HEAD_ZONE_NODES))
                continue;
            const char *t = byline_text(d, dom, a);
            if (t && !photo_credit(d, dom, a) &&
                add_byline(d, t, http_url(d, base, wn_node_attr(x, "href"))) > 0 && !parent)
                parent = x->parent;
        }
    }
    if (h->authors.n) {
        h->authors_src = "author-link";
        return;
    }
    if (head_zone_byline(d, dom, sc, fl)) h->authors_src = "byline-text";
}

/* ---- dates shown on the page ------------------------------------------- */

/* a date said to be an update ("Updated:", "last modified", "Aktualisiert",
 * "mis à jour", "actualizado", "atualizado", "aggiornato", "bijgewerkt") */
static int says_updated(const char *s, size_t n)
{
    static const char *const UPD[] = {"updat", "modif", "aktualisiert", "mis \xc3\xa0 jour",
                                      "mise \xc3\xa0 jour", "actualiza", "atualiza",
                                      "aggiornat", "bijgewerkt", "revised", NULL};
    for (size_t i = 0; UPD[i]; i++)
        if (has_ci(s, n, UPD[i])) return 1;
    return 0;
}

/* class, id or itemprop of x says "updated"/"modified" */
static int attr_says_updated(const wn_node *x)
{
    static const char *const A[] = {"class", "id", "itemprop", NULL};
    for (size_t i = 0; A[i]; i++) {
        const char *v = wn_node_attr(x, A[i]);
        if (v && says_updated(v, strlen(v))) return 1;
    }
    return 0;
}

/* class, id or itemprop of x says "published" */
static int attr_says_published(const wn_node *x)
{
    if (wn_node_attr(x, "pubdate")) return 1;
    static const char *const A[] = {"class", "id", "itemprop", NULL};
    for (size_t i = 0; A[i]; i++) {
        const char *v = wn_node_attr(x, A[i]);
        if (v && (has_ci(v, strlen(v), "publish") || has_ci(v, strlen(v), "pubdate") ||
                  has_ci(v, strlen(v), "created")))
            return 1;
    }
    return 0;
}

/* the date of a <time>: its datetime when that parses as a whole
 * ("2022-02-112023-05-08" does not), else its text */
static const char *time_date(wn_doc *d, const wn_dom *dom, uint32_t t, int flags)
{
    const char *dt = norm(d, wn_node_attr(&dom->nodes[t], "datetime"));
    char iso[32];
    if (dt && wn_parse_date(dt, strlen(dt), 1, iso)) return good_date(d, dt, 0);
    const char *tx = byline_text(d, dom, t);
    if (tx && strlen(tx) <= DATE_TEXT_CAP && wn_find_date_ex(tx, strlen(tx), flags, iso, NULL) >= 0)
        return good_date(d, iso, 0);
    return NULL;
}

/* The publication <time>: among those in <article>/<main> (or anywhere
 * outside nav/aside/footer when the page has neither), one marked as the
 * publication (pubdate, class/itemprop "published") first, else the first
 * not marked as an update (class/itemprop/text "updated"). */
static const char *time_published(wn_doc *d, const wn_dom *dom, const scan *sc)
{
    const char *unmarked = NULL;
    for (size_t i = 0; i < sc->n_time; i++) {
        if (sc->has_article && !(sc->time_fl[i] & F_ARTICLE)) continue;
        const wn_node *x = &dom->nodes[sc->time[i]];
        const wn_node *par = x->parent ? &dom->nodes[x->parent] : NULL;
        int pub = attr_says_published(x) || (par && par->nattr && attr_says_published(par));
        int upd = attr_says_updated(x) || (par && par->nattr && attr_says_updated(par));
        if (upd && !pub) continue;
        const char *v = time_date(d, dom, sc->time[i], sc->date_flags);
        if (!v) continue;
        if (pub) return v;
        if (!unmarked) {
            const char *tx = byline_text(d, dom, sc->time[i]);
            if (!(tx && says_updated(tx, strlen(tx)))) unmarked = v;
        }
    }
    return unmarked;
}

/* a date said to be the publication ("Published", "Veröffentlicht am",
 * "Publié le", "Publicado el", "Pubblicato il", "Gepubliceerd op"...): the
 * offset just after the first such word in s, or -1 */
static long published_label(const char *s, size_t n)
{
    static const char *const PUB[] = {"published", "posted on", "posted:", "first posted",
                                      "ver\xc3\xb6" "ffentlicht", "erschienen am", "erstellt am",
                                      "publi\xc3\xa9", "mis en ligne", "publicad", "pubblicat",
                                      "gepubliceerd", "geplaatst op", "publicerad", "publiceret",
                                      "publisert", "opublikowano", "publikov\xc3\xa1no",
                                      "julkaistu", "publicat", NULL};
    long best = -1;
    for (size_t k = 0; PUB[k]; k++) {
        size_t m = strlen(PUB[k]);
        for (size_t i = 0; i + m <= n; i++)
            if ((s[i] | 0x20) == PUB[k][0] && strncasecmp(s + i, PUB[k], m) == 0 &&
                (i == 0 || !isalpha((unsigned char)s[i - 1]))) {
                size_t e = i + m;
                while (e < n && isalpha((unsigned char)s[e]))
                    e++; /* the rest of the word: "publicado", "pubblicato" */
                if (best < 0 || (long)i < best) best = (long)e;
                break;
            }
    }
    return best;
}

/*
 * The dates of a short text, in order ("Publicado em 02/04/2024 às 14h30 |
 * Atualizado em 03/04/2024"): each one is an update when the words since
 * the previous date (or first_upd, for the first) say so, or all_upd says
 * the whole text is one. *pub gets the first other date, *upd the first
 * update (each only when still empty). Dates before 1990 are not a
 * story's. At most 4 dates.
 */
static void text_dates(wn_doc *d, const char *t, size_t len, int flags, int first_upd,
                       int all_upd, const char **pub, const char **upd)
{
    size_t from = 0;
    for (int k = 0; k < 4 && from < len; k++) {
        char iso[32];
        size_t end = 0;
        long at = wn_find_date_ex(t + from, len - from, flags, iso, &end);
        if (at < 0) break;
        int u = all_upd || says_updated(t + from, (size_t)at) || (k == 0 && first_upd);
        if (k > 0 && published_label(t + from, (size_t)at) >= 0) u = 0;
        from += end > (size_t)at ? end : (size_t)at + 1;
        const char *g = good_date(d, iso, 0);
        if (!g || atoi(g) < 1990) continue;
        if (u) {
            if (!*upd) *upd = g;
        } else if (!*pub) {
            *pub = g;
        }
    }
}

/*
 * A date written near the headline ("Published 8:00 PM EST, Tue December
 * 19, 2023", "By Jane Doe | 5 mars 2024", "Dec 18, 2023 3 min read"): the
 * text nodes after the headline (sc->anchor), up to HEAD_ZONE_TEXT bytes
 * of text, outside nav/aside/footer and hidden elements, each short (a
 * date line, not prose). A date said to be an update (by its text, the
 * text just before it, or its element's class) is kept apart: *updated
 * gets the first one. Returns the first other one (ISO, a time when one
 * was written), or NULL.
 */
static const char *head_zone_date(wn_doc *d, const wn_dom *dom, const scan *sc,
                                  const uint8_t *fl, const char **updated)
{
    *updated = NULL;
    if (!sc->anchor) return NULL;
    const wn_node *N = dom->nodes;
    size_t text = 0, nodes = 0;
    const char *label = NULL;
    size_t label_len = 0;
    const char *pub = NULL;
    /* the nodes after the headline in document order (its own subtree first) */
    for (uint32_t i = sc->anchor + 1; i < dom->n && nodes < HEAD_ZONE_NODES; i++, nodes++) {
        const wn_node *x = &N[i];
        if (x->type != WN_NODE_TEXT || (fl[i] & (F_SKIP | F_HIDDEN | F_SVG | F_SIDE))) continue;
        if (!x->len) continue;
        size_t len = x->len;
        text += len;
        if (text > HEAD_ZONE_TEXT) break;
        if (len > DATE_TEXT_CAP) {
            label = NULL;
            continue;
        }
        char iso[32];
        const char *t = x->text;
        if (wn_find_date_ex(t, len, sc->date_flags, iso, NULL) >= 0) {
            int all = 0;
            for (uint32_t p = x->parent, k = 0; p && k < 2 && !all; p = N[p].parent, k++)
                if (N[p].nattr && attr_says_updated(&N[p]) && !attr_says_published(&N[p]))
                    all = 1;
            text_dates(d, t, len, sc->date_flags, label && says_updated(label, label_len), all,
                       &pub, updated);
            label = NULL; /* a date line is not a label for the next one */
            if (pub) return pub;
        } else {
            label = len <= 40 ? t : NULL; /* a short label ("Updated:") before a date */
            label_len = len;
        }
    }
    return NULL;
}

/* element m is near enough to the headline to date the story: after it
 * (pass 0) or just before it (pass 1); without a known headline, in the
 * article (when the page marks one) */
static int near_anchor(const scan *sc, uint32_t m, uint8_t f, int pass)
{
    if (!sc->anchor) return pass == 0 && (!sc->has_article || (f & F_ARTICLE));
    if (pass == 0) return m > sc->anchor && m - sc->anchor <= MARK_AFTER;
    return m < sc->anchor && sc->anchor - m <= MARK_BEFORE;
}

/* The first date in a date-marked element (class/id "date", "post-meta",
 * "byline"...: attr_kinds) near the headline (near_anchor's pass), its
 * first DATE_TEXT_CAP bytes of text; updates (by their words or the
 * element's class) go to *upd. */
static const char *mark_date(wn_doc *d, const wn_dom *dom, const scan *sc, int pass,
                             const char **upd)
{
    const char *pub = NULL;
    for (size_t i = 0; i < sc->n_mark && !pub; i++) {
        uint32_t m = sc->mark[i];
        if (!near_anchor(sc, m, sc->mark_fl[i], pass)) continue;
        int trunc = 0;
        const char *t = node_text(d, dom, m, DATE_TEXT_CAP, &trunc);
        if (!t) continue;
        const wn_node *x = &dom->nodes[m];
        int all = attr_says_updated(x) && !attr_says_published(x);
        text_dates(d, t, strlen(t), sc->date_flags, 0, all, &pub, upd);
    }
    return pub;
}

/* A date after a publication label anywhere in the story ("Veröffentlicht
 * am 12. März 2024", "Publié le <span>3 avril 2024</span>"): text nodes
 * outside site chrome (in the article or near the headline when those are
 * known), the date beginning within 40 bytes after the label, in the same
 * text node or the next few. At most LABEL_NODES text nodes. */
static const char *label_date(wn_doc *d, const wn_dom *dom, const scan *sc, const uint8_t *fl)
{
    const wn_node *N = dom->nodes;
    size_t seen = 0;
    for (uint32_t i = 1; i < dom->n && seen < LABEL_NODES; i++) {
        const wn_node *x = &N[i];
        if (x->type != WN_NODE_TEXT || (fl[i] & (F_SKIP | F_HIDDEN | F_SVG | F_SIDE))) continue;
        seen++;
        if (!x->len || x->len > DATE_TEXT_CAP) continue;
        if (sc->anchor ? !(near_anchor(sc, i, fl[i], 0) || near_anchor(sc, i, fl[i], 1))
                       : (sc->has_article && !(fl[i] & F_ARTICLE)))
            continue;
        long lab = published_label(x->text, x->len);
        if (lab < 0) continue;
        /* this node from the label on, and the next text nodes, up to 160 bytes */
        char buf[DATE_TEXT_CAP + 1];
        size_t bl = x->len - (size_t)lab;
        memcpy(buf, x->text + lab, bl);
        for (uint32_t j = i + 1, k = 0; j < dom->n && k < 12 && bl < 160; j++, k++) {
            const wn_node *y = &N[j];
            if (y->type != WN_NODE_TEXT || (fl[j] & (F_HIDDEN | F_SVG))) continue;
            size_t take = y->len < DATE_TEXT_CAP - bl - 1 ? y->len : DATE_TEXT_CAP - bl - 1;
            buf[bl++] = ' ';
            memcpy(buf + bl, y->text, take);
            bl += take;
        }
        char iso[32];
        long at = wn_find_date_ex(buf, bl, sc->date_flags, iso, NULL);
        if (at < 0 || at > 40 || says_updated(buf, (size_t)at)) continue;
        const char *g = good_date(d, iso, 0);
        if (g && atoi(g) >= 1990) return g;
    }
    return NULL;
}

/* The headline's element, to look for dates and bylines after it: the
 * article's <h1> (do_title's) when the title is its text, else the first
 * h1/h2 that says the title (blogs set post titles in <h2> under a logo's
 * <h1>), else that <h1> all the same */
static void find_anchor(wn_doc *d, const wn_dom *dom, scan *sc)
{
    sc->anchor = sc->h1;
    const char *title = d->hints.title;
    if (!title || (sc->h1 && d->hints.title_src && !strcmp(d->hints.title_src, "h1"))) return;
    size_t tl = strlen(title);
    char *ts = wn_arena_alloc(&d->arena, tl + 1);
    tl = squash(title, tl, ts, tl + 1);
    if (tl < 8) return;
    for (size_t i = 0; i < sc->n_heads; i++) {
        int trunc = 0;
        const char *h = node_text(d, dom, sc->heads[i], TITLE_CAP, &trunc);
        if (!h || trunc) continue;
        size_t hl = strlen(h);
        char *hs = wn_arena_alloc(&d->arena, hl + 1);
        hl = squash(h, hl, hs, hl + 1);
        size_t m = hl < tl ? hl : tl;
        if (m >= 8 && !memcmp(hs, ts, m) && m * 10 >= (hl > tl ? hl : tl) * 6) {
            sc->anchor = sc->heads[i];
            return;
        }
    }
}

/* ---- instants ---- */

static long long days_from_civil(long long y, unsigned m, unsigned dd)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

typedef struct when {
    long long local; /* seconds since 1970 of the wall-clock time as written */
    int has_time, has_zone;
    int off;         /* zone offset in seconds (when has_zone) */
} when;

/* reads an ISO string made by wn_parse_date */
static int read_iso(const char *s, when *w)
{
    memset(w, 0, sizeof *w);
    size_t n = strlen(s);
    if (n < 10) return 0;
    int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
    w->local = days_from_civil(y, (unsigned)m, (unsigned)dd) * 86400;
    if (n >= 19 && s[10] == 'T') {
        w->has_time = 1;
        w->local += atoi(s + 11) * 3600 + atoi(s + 14) * 60 + atoi(s + 17);
        const char *z = s + 19;
        if (*z == 'Z') w->has_zone = 1;
        else if (*z == '+' || *z == '-') {
            w->has_zone = 1;
            w->off = (atoi(z + 1) * 3600 + atoi(z + 4) * 60) * (*z == '-' ? -1 : 1);
        }
    }
    return 1;
}

static const char *iso_at(wn_doc *d, long long local, int off)
{
    long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    long long secs = local - days * 86400;
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    int ao = off < 0 ? -off : off;
    return wn_arena_printf(&d->arena, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, dd,
                           (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
                           off < 0 ? '-' : '+', ao / 3600, ao / 60 % 60);
}

/*
 * A UTC time stamp ("2023-12-22T04:00:41Z") puts an evening story on the
 * next day; the page usually also writes it in its own zone. The same
 * instant in a <time datetime> with an offset, or the date shown near the
 * headline ("Dec. 21, 2023 11:00 pm EST": the offset is what separates the
 * two, to the quarter hour, -12..+14 h), gives the local form. A shown
 * date without a time proves nothing (it may be another day's story, or
 * simply wrong): v is kept.
 */
static const char *localise(wn_doc *d, const wn_dom *dom, const scan *sc, const char *v,
                            const char *shown)
{
    when u;
    if (!read_iso(v, &u) || !u.has_time || !u.has_zone || u.off != 0) return v;
    for (size_t i = 0; i < sc->n_time; i++) {
        const char *dt = norm(d, wn_node_attr(&dom->nodes[sc->time[i]], "datetime"));
        char iso[32];
        when t;
        if (!dt || !wn_parse_date(dt, strlen(dt), 1, iso) || !read_iso(iso, &t)) continue;
        if (!t.has_time || !t.has_zone || t.off == 0) continue;
        long long inst = t.local - t.off;
        if (inst - u.local <= 120 && u.local - inst <= 120)
            return wn_arena_strdup(&d->arena, iso);
    }
    when s;
    if (!shown || !read_iso(shown, &s) || s.has_zone || !s.has_time) return v;
    long long diff = s.local - u.local; /* the zone offset, give or take seconds */
    long long q = (diff >= 0 ? diff + 450 : diff - 450) / 900 * 900;
    long long res = diff - q;
    if (q == 0 || q < -12 * 3600 || q > 14 * 3600 || res > 120 || res < -120) return v;
    return iso_at(d, u.local + q, (int)q);
}

/* the page's language as stated (html lang > content-language > og:locale
 * > json-ld inLanguage > the caller's), raw */
static const char *page_language(wn_doc *d, const wn_dom *dom, const scan *sc, const ld *L)
{
    const char *l = sc->html_lang ? wn_node_attr(&dom->nodes[sc->html_lang], "lang") : NULL;
    const char *src;
    if (!l || !*l) l = first(sc, S_CONTENT_LANG, &src);
    if (!l || !*l) l = first(sc, S_OG_LOCALE, &src);
    if ((!l || !*l) && L->best) l = ld_language(L);
    if (!l || !*l) l = d->hints.language;
    return l;
}

/* Does a page in language l write "05/03/2024" for 5 March? Every stated
 * language but English does; English only in Britain, Ireland, Australia,
 * New Zealand, India and South Africa. */
static int day_first(const char *l)
{
    if (!l || !isalpha((unsigned char)l[0]) || !isalpha((unsigned char)l[1])) return 0;
    if ((l[0] | 0x20) != 'e' || (l[1] | 0x20) != 'n') return 1;
    if (l[2] != '-' && l[2] != '_') return 0;
    static const char *const R[] = {"gb", "uk", "ie", "au", "nz", "in", "za", NULL};
    for (size_t i = 0; R[i]; i++)
        if (!strncasecmp(l + 3, R[i], 2) && !isalpha((unsigned char)l[5])) return 1;
    return 0;
}

static void do_dates(wn_doc *d, const wn_dom *dom, const scan *sc, const ld *L,
                     const uint8_t *fl)
{
    wn_hints *h = &d->hints;
    const char *shown_upd = NULL, *mark_upd = NULL;
    const char *shown = head_zone_date(d, dom, sc, fl, &shown_upd);
    int df = sc->date_flags;
    if (!h->date_published) {
        const char *v = L->best ? good_date(d, jstr(ld_get(L, "datePublished")), df) : NULL;
        const char *src = "json-ld";
        static const int ORDER[] = {S_ART_PUB, S_OG_PUB, S_META_DATE, S_MD_PUB, S_MD_CREATED};
        for (size_t i = 0; !v && i < sizeof ORDER / sizeof ORDER[0]; i++)
            for (size_t k = 0; !v && k < sc->s[ORDER[i]].v.n; k++)
                if ((v = good_date(d, sc->s[ORDER[i]].v.v[k], df))) src = sc->s[ORDER[i]].src.v[k];
        if (!v && (v = time_published(d, dom, sc))) src = "time";
        if (!v && (v = url_date(d, h->url))) src = "url";
        if (!v && (v = shown)) src = "text";
        if (!v && (v = mark_date(d, dom, sc, 0, &mark_upd))) src = "date-element";
        if (!v && (v = label_date(d, dom, sc, fl))) src = "date-label";
        if (!v && (v = mark_date(d, dom, sc, 1, &mark_upd))) src = "date-element";
        if (v) {
            h->date_published = localise(d, dom, sc, v, shown);
            h->date_published_src = src;
        }
    }
    if (!h->date_modified) {
        const char *v = L->best ? good_date(d, jstr(ld_get(L, "dateModified")), df) : NULL;
        const char *src = "json-ld";
        static const int ORDER[] = {S_ART_MOD, S_OG_UPD, S_META_MOD, S_MD_MOD};
        for (size_t i = 0; !v && i < sizeof ORDER / sizeof ORDER[0]; i++)
            for (size_t k = 0; !v && k < sc->s[ORDER[i]].v.n; k++)
                if ((v = good_date(d, sc->s[ORDER[i]].v.v[k], df))) src = sc->s[ORDER[i]].src.v[k];
        if (!v && (v = shown_upd)) src = "text";
        if (!v && (v = mark_upd)) src = "date-element";
        if (v) {
            h->date_modified = v;
            h->date_modified_src = src;
        }
    }
}

static void do_rest(wn_doc *d, const wn_dom *dom, const scan *sc, const ld *L, const char *base,
                    const char *org)
{
    wn_hints *h = &d->hints;
    /* publisher and site name */
    const char *pub = L->best ? ld_name(d, L, ld_get(L, "publisher")) : NULL;
    if (!set_hint(d, &h->publisher, &h->publisher_src, pub, "json-ld"))
        set_hint(d, &h->publisher, &h->publisher_src, org, "json-ld");
    if (!set_from_slot(d, &h->site_name, &h->site_name_src, sc, S_OG_SITE))
        if (!set_from_slot(d, &h->site_name, &h->site_name_src, sc, S_APP_NAME))
            set_hint(d, &h->site_name, &h->site_name_src, pub, "json-ld");
    /* image */
    if (!h->image) {
        static const int ORDER[] = {S_OG_IMAGE, S_TW_IMAGE};
        for (size_t i = 0; i < 2 && !h->image; i++)
            for (size_t k = 0; k < sc->s[ORDER[i]].v.n && !h->image; k++)
                set_hint(d, &h->image, &h->image_src, http_url(d, base, sc->s[ORDER[i]].v.v[k]),
                         sc->s[ORDER[i]].src.v[k]);
        if (!h->image && L->best)
            set_hint(d, &h->image, &h->image_src, http_url(d, base, ld_image(L)), "json-ld");
    }
    /* language */
    if (!h->language) {
        if (!(sc->html_lang && set_hint(d, &h->language, &h->language_src,
                                        wn_node_attr(&dom->nodes[sc->html_lang], "lang"),
                                        "html:lang")) &&
            !set_from_slot(d, &h->language, &h->language_src, sc, S_CONTENT_LANG) &&
            !set_from_slot(d, &h->language, &h->language_src, sc, S_OG_LOCALE) &&
            L->best)
            set_hint(d, &h->language, &h->language_src, ld_language(L), "json-ld");
    }
    /* tags */
    if (!h->tags.n) {
        static const int ORDER[] = {S_ART_TAG, S_KEYWORDS};
        for (size_t i = 0; i < 2 && !h->tags.n; i++)
            for (size_t k = 0; k < sc->s[ORDER[i]].v.n; k++) {
                const char *t = norm(d, sc->s[ORDER[i]].v.v[k]);
                if (!t) continue;
                if (!h->tags.n) h->tags_src = sc->s[ORDER[i]].src.v[k];
                wn_ptrvec_push(&d->arena, &h->tags, (void *)t);
            }
        if (!h->tags.n && L->best && ld_tags(d, ld_get(L, "keywords"))) h->tags_src = "json-ld";
        if (!h->tags.n) {
            for (size_t k = 0; k < sc->s[S_ART_SECTION].v.n; k++) {
                const char *t = norm(d, sc->s[S_ART_SECTION].v.v[k]);
                if (t) wn_ptrvec_push(&d->arena, &h->tags, (void *)t);
            }
            if (h->tags.n) h->tags_src = "article:section";
        }
        if (!h->tags.n && L->best && ld_tags(d, ld_get(L, "articleSection")))
            h->tags_src = "json-ld";
    }
}

void wn_html_meta(wn_doc *d, const struct wn_dom *dom)
{
    if (!d || !dom || !dom->nodes || dom->n == 0) return;
    uint8_t *fl = malloc(dom->n);
    if (!fl) abort();
    scan sc;
    memset(&sc, 0, sizeof sc);
    scan_dom(d, dom, &sc, fl);
    ld L;
    memset(&L, 0, sizeof L);
    ld_parse_all(d, dom, &L);
    if (L.best_rank == 0) L.best = NULL;
    if (!L.best) L.page = NULL;

    const char *base = NULL, *org = NULL;
    do_url(d, &sc, &L, &base);
    do_title(d, dom, &sc, &L);
    do_text_fields(d, &sc, &L);
    find_anchor(d, dom, &sc);
    if (!d->hints.authors.n) do_authors(d, dom, &sc, &L, base, &org, fl);
    else if (L.best) {
        /* still learn whether the author is an organisation (publisher) */
        const wn_json *a = ld_get(&L, "author");
        if (a && a->type == WN_JSON_ARRAY) a = a->child;
        a = ld_deref(&L, a);
        if (a && a->type == WN_JSON_OBJECT && type_is(a, is_org_t))
            org = decode_entities(d, jstr(wn_json_get(a, "name")));
    }
    sc.date_flags = day_first(page_language(d, dom, &sc, &L)) ? WN_DATE_DAY_FIRST : 0;
    do_dates(d, dom, &sc, &L, fl);
    do_rest(d, dom, &sc, &L, base, org);
    free(fl);
}
