/*
 * feeds.c — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, CDF and JSON Feed
 * 1.0/1.1 turned into documents: one per item, with the item's metadata as
 * hints and its best body as the payload. The aim is to read a feed as
 * users of Python's feedparser expect (tests/feed_diff.py checks it against
 * Debian's feedparser; docs/feeds.md lists where we differ on purpose).
 *
 * Design, and why:
 *
 * 1. Parse once, copy out, free the tree. wn_feed_parse builds a libxml2
 *    tree (xmlCtxtReadMemory on a parser context of its own: no shared
 *    state, so distinct feeds parse in parallel; xmlCleanupParser is never
 *    called), copies every field it needs into the caller's arena and frees
 *    the tree before returning. A wn_feed is then plain arena data with no
 *    destructor, and memory is linear in the feed: the tree is transient,
 *    the arena copy is at most a small multiple of the input (the XHTML
 *    serialiser and the pre-pass below at worst quintuple a byte; a 50 MB
 *    WordPress-style feed costs 1.2x in the arena and peaks near 5x while
 *    parsing). Per-item payload size is checked against the document limit
 *    by run_pipeline, as for JSON records; d->payload points into the
 *    feed's arena (never copied again). Every walk is linear (no input
 *    shape makes a scan quadratic) and recursion is bounded by max_depth.
 *
 * 2. No entity is ever expanded. libxml2 runs with NONET|RECOVER|NOERROR|
 *    NOWARNING|NOCDATA and never NOENT, and before it sees the bytes a small
 *    lexer (prepare_xml) rewrites them:
 *      - the DOCTYPE, internal subset included, is dropped: no entity,
 *        default attribute or external subset is declared at all, so
 *        billion-laughs, quadratic blow-up and XXE have nothing to work
 *        with, whatever libxml2 version is linked (the SAX declaration
 *        handlers are also switched off, as a second fence);
 *      - every named reference becomes a numeric one: the five XML names
 *        and the HTML 4 names (&nbsp; &mdash; ... which feeds use without
 *        any DTD) by value, unknown names and bare '&' as a literal "&#38;".
 *        This also sidesteps a libxml2 recovery quirk: after the first
 *        well-formedness error it silently drops every later named
 *        reference, &amp; and &lt; included, which would strip escaped
 *        HTML of its tags; numeric references survive recovery;
 *      - a '<' that cannot start markup ("a < b") becomes "&#60;";
 *        control characters XML forbids are dropped, and character
 *        references to them become U+FFFD.
 *    CDATA sections, comments and processing instructions pass untouched.
 *    A numeric reference to a C1 control (&#128;..&#159;) becomes the
 *    windows-1252 character, as browsers read it; C1 controls are dropped
 *    from every text taken out.
 *    The lexer works on UTF-8, so the input is first brought to UTF-8
 *    (BOM, XML declaration, a UTF-16/32 byte pattern, or "<?xm" in EBCDIC
 *    with the declared code page; iconv for the
 *    rest; an undeclared feed that is not valid UTF-8 is read as
 *    windows-1252 when it holds no valid multi-byte sequence at all, else
 *    its bad bytes become U+FFFD; as browsers do, an ISO-8859-1 label is
 *    read as windows-1252 and a US-ASCII one as UTF-8) and the declaration
 *    is rewritten to say UTF-8. HTML payloads get hints.charset = "UTF-8"
 *    so a stray <meta charset> inside an item cannot re-decode them.
 *
 * 3. Broken feeds: libxml2's recovery keeps what it parsed. Items are
 *    collected anywhere in the tree (recovery from a mismatched end tag can
 *    nest the next item inside the previous one). An end-element hook marks
 *    each element libxml2 closed; the last item, if never closed, was cut
 *    off by the end of the input: it stays in the list (every item yields
 *    one document) but turns into a "truncated_item" error rather than a
 *    half article. A document without a root element, or a broken one
 *    without a single item, is refused.
 *
 * 4. Namespaces are matched by URI, not prefix, and without case, as
 *    feedparser does (content:, dc:, dcterms:, media:, atom:, rdf:,
 *    itunes:, xhtml:); a feed that uses one of these prefixes without
 *    declaring it (common) is matched by the conventional prefix. RSS
 *    elements are accepted with no namespace or in the RSS 1.0/0.90
 *    namespaces; CDF's upper-case CHANNEL/ITEM with no namespace.
 *
 * 5. Payload choice: content:encoded > atom:content (type html: the
 *    unescaped HTML; xhtml: the children of the wrapping div serialised as
 *    HTML; text: plain text, payload_is_html = 0; a media type that is not
 *    text or XML, and Atom 0.3 mode="base64": base64-decoded, HTML when it
 *    looks like it; multipart/alternative: its HTML part; out-of-line src=:
 *    skipped) > xhtml:body > a <body> or <fullitem> > RSS description /
 *    dc:description / atom:summary / itunes:summary / media:description
 *    (also in a media:group; plain unless type="html") (description is HTML
 *    per the RSS spec, but is taken as text when it holds no tag and no
 *    entity, so line breaks of plain-text feeds survive) > JSON Feed
 *    content_html > content_text > summary (text). The description or
 *    summary not used as payload becomes the description hint, as plain
 *    text. Payloads are left as the feed had them (WordPress "The post X
 *    appeared first on Y." footers included: clean reads them), but for
 *    the tags of frames and embedded objects, dropped with what they wrap
 *    kept (an unclosed <iframe/> would swallow the rest of the item).
 *
 * 6. Hints, all with source "feed": title (every Atom text construct, an
 *    RSS title holding inline HTML tags, and double-escaped entities are
 *    reduced to text), url (link > atom:link rel=alternate, an HTML one
 *    first, a link without rel counting as one, its text when it has no
 *    href > guid unless isPermaLink="false" > an http(s) atom:id / JSON id;
 *    resolved against the nearest xml:base, then the feed's rel=self URL,
 *    then the channel link; only http(s)), dates (RFC 822 and ISO 8601 /
 *    W3C-DTF variants brought to ISO 8601 here, see "dates" below; others
 *    passed on for meta to try; an Atom entry with only <updated> gets no
 *    publication date), authors ("Name (mail)", "mail (Name)",
 *    "Name <mail>" from RSS author, dc:creator, dc:author, itunes:author;
 *    Atom name/uri/email; the address kept apart as the author's email,
 *    the url being the author's page only; Atom and JSON Feed items
 *    without authors inherit the feed's), tags, image (media:content image > media:thumbnail >
 *    image enclosure > JSON image/banner_image), language (item > xml:lang
 *    > channel), site_name (feed title, a WordPress " » Section" suffix
 *    removed; the host of the feed link when there is no title) and
 *    publisher (an item's RSS <source> or atom:source title: the channel
 *    the item was taken from). Per-item lists are capped (MAX_AUTHORS,
 *    MAX_TAGS) and over-long names ignored, so no field grows without
 *    bound.
 */
#include "feeds.h"

#include "input.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#define SNIFF_LIMIT 65536 /* bytes of prolog looked at by wn_feed_sniff */
#define DEFAULT_DEPTH 256
#define MAX_AUTHORS 32
#define MAX_TAGS 64
#define MAX_NAME 300 /* an author name or tag longer than this is not one */
#define ENTITY_NAME_MAX 32

enum { FEED_RSS, FEED_RDF, FEED_ATOM, FEED_CDF, FEED_JSON };

typedef struct feed_item {
    const char *title, *url, *date_published, *date_modified, *description, *image,
        *language, *publisher;
    wn_ptrvec authors; /* wn_author* */
    wn_ptrvec tags;    /* const char* */
    const char *payload;
    size_t payload_len;
    int payload_is_html;
    int truncated;       /* cut off by the end of the input */
    int inherit_authors; /* Atom / JSON Feed: none of its own -> the feed's */
} feed_item;

struct wn_feed {
    int kind;
    const char *site_name, *link, *language;
    wn_ptrvec authors; /* feed-level (Atom, JSON Feed), wn_author* */
    wn_ptrvec items;   /* feed_item* */
};

/* ---- small helpers ----------------------------------------------------- */

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int starts(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= n && memcmp(s + i, w, l) == 0;
}

static int starts_ci(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= n && strncasecmp(s + i, w, l) == 0;
}

/* first occurrence of w in s[i..n), or n */
static size_t find(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    while (i + l <= n) {
        const char *p = memchr(s + i, w[0], n - i - l + 1);
        if (!p) return n;
        i = (size_t)(p - s);
        if (memcmp(p, w, l) == 0) return i;
        i++;
    }
    return n;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws((unsigned char)s[i])) i++;
    return i;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws((unsigned char)s[i])) return 0;
    return 1;
}

static int is_http_url(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0) &&
           !strchr(s, ' ');
}

static int valid_xml_char(unsigned long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* the value of a named character reference: XML's five, then HTML 4's */
static long entity_value(const char *name, size_t len)
{
    static const struct {
        const char *n;
        long v;
    } XML[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    char buf[ENTITY_NAME_MAX + 1];
    if (len == 0 || len > ENTITY_NAME_MAX) return -1;
    memcpy(buf, name, len);
    buf[len] = 0;
    for (size_t k = 0; k < sizeof XML / sizeof *XML; k++)
        if (strcmp(buf, XML[k].n) == 0) return XML[k].v;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)buf);
    return e ? (long)e->value : -1;
}

/* Parses "&#N;", "&#xN;" or "&name;" at s[i] (s[i] == '&'). Returns the
 * code point (-1: not a reference; 0xFFFD for a reference to a character
 * XML forbids) and stores the index after the ';'. */
static long parse_ref(const char *s, size_t n, size_t i, size_t *end)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        int hex = 0;
        j++;
        if (j < n && (s[j] == 'x' || s[j] == 'X')) {
            hex = 1;
            j++;
        }
        unsigned long v = 0;
        size_t digits = 0;
        while (j < n && digits < 16) {
            unsigned char c = (unsigned char)s[j];
            int d = is_digit(c) ? c - '0'
                    : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                     : -1;
            if (d < 0) break;
            if (v <= 0x10FFFF) v = v * (hex ? 16 : 10) + (unsigned long)d;
            digits++;
            j++;
        }
        if (!digits || j >= n || s[j] != ';') return -1;
        *end = j + 1;
        if (v >= 0x80 && v <= 0x9F) {
            /* as browsers read them (HTML): the windows-1252 characters */
            static const unsigned short W1252[32] = {
                0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
            v = W1252[v - 0x80];
        }
        return valid_xml_char(v) ? (long)v : 0xFFFD;
    }
    while (j < n && j - i - 1 < ENTITY_NAME_MAX &&
           (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j])))
        j++;
    if (j == i + 1 || j >= n || s[j] != ';') return -1;
    long v = entity_value(s + i + 1, j - i - 1);
    if (v < 0) return -1;
    *end = j + 1;
    return valid_xml_char((unsigned long)v) ? v : 0xFFFD;
}

/* ---- step 1: bytes to UTF-8 --------------------------------------------- */

enum { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE, ENC_UTF32LE, ENC_UTF32BE, ENC_NAMED };

static int transcode(const char *from, const char *s, size_t n, wn_buf *out);

/* the encoding label of the XML declaration at the start of s (ASCII), 0
 * when there is none */
static int decl_label(const char *s, size_t n, char *name, size_t cap)
{
    size_t i = skip_ws(s, n, 0);
    if (!starts(s, n, i, "<?xml")) return 0;
    size_t lim = n - i > 1024 ? i + 1024 : n;
    size_t end = find(s, lim, i, "?>");
    size_t e = find(s, end, i, "encoding");
    if (e >= end) return 0;
    e = skip_ws(s, end, e + 8);
    if (e >= end || s[e] != '=') return 0;
    e = skip_ws(s, end, e + 1);
    if (e >= end || (s[e] != '"' && s[e] != '\'')) return 0;
    char q = s[e++];
    size_t k = 0;
    while (e < end && s[e] != q && k + 1 < cap) {
        unsigned char c = (unsigned char)s[e++];
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' || c == ':'))
            return 0;
        name[k++] = (char)c;
    }
    name[k] = 0;
    return k > 0;
}

/* "<?xm" in EBCDIC: the declaration is read in code page 037 (the
 * characters of a declaration are the same in every EBCDIC page), then its
 * label, when iconv knows it, names the page; IBM037 otherwise */
static int ebcdic_encoding(const unsigned char *p, size_t n, char *name, size_t cap)
{
    if (n < 4 || p[0] != 0x4C || p[1] != 0x6F || p[2] != 0xA7 || p[3] != 0x94) return 0;
    snprintf(name, cap, "IBM037");
    wn_buf v;
    wn_buf_init(&v);
    char lab[64];
    if (transcode("IBM037", (const char *)p, n < 512 ? n : 512, &v) &&
        decl_label(v.data, v.len, lab, sizeof lab)) {
        iconv_t cd = iconv_open("UTF-8", lab);
        if (cd != (iconv_t)-1) {
            iconv_close(cd);
            snprintf(name, cap, "%s", lab);
        }
    }
    wn_buf_free(&v);
    return 1;
}

/* The encoding of an XML document: BOM, then the byte pattern of '<' or
 * whitespace in UTF-16/32 or EBCDIC, then the declaration's label (copied
 * to name). */
static int xml_encoding(const unsigned char *p, size_t n, size_t *bom, char *name, size_t cap)
{
    *bom = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        *bom = 3;
        return ENC_UTF8;
    }
    if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) {
        *bom = 4;
        return ENC_UTF32LE;
    }
    if (n >= 4 && !p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF) {
        *bom = 4;
        return ENC_UTF32BE;
    }
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *bom = 2;
        return ENC_UTF16LE;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *bom = 2;
        return ENC_UTF16BE;
    }
    if (n >= 4 && p[0] && !p[1] && !p[2] && !p[3]) return ENC_UTF32LE;
    if (n >= 4 && !p[0] && !p[1] && !p[2] && p[3]) return ENC_UTF32BE;
    if (n >= 2 && p[0] && !p[1]) return ENC_UTF16LE;
    if (n >= 2 && !p[0] && p[1]) return ENC_UTF16BE;
    if (ebcdic_encoding(p, n, name, cap)) return ENC_NAMED;
    if (!decl_label((const char *)p, n, name, cap)) return ENC_UTF8;
    size_t k = strlen(name);
    if (!k || !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8") ||
        !strncasecmp(name, "utf-16", 6) || !strncasecmp(name, "utf-32", 6) ||
        !strncasecmp(name, "ucs", 3))
        return ENC_UTF8; /* a wide label on ASCII-compatible bytes is a lie */
    if (!strcasecmp(name, "us-ascii") || !strcasecmp(name, "ascii"))
        return ENC_UTF8;
    if (!strcasecmp(name, "iso-8859-1") || !strcasecmp(name, "iso8859-1") ||
        !strcasecmp(name, "iso_8859-1") || !strcasecmp(name, "latin1") ||
        !strcasecmp(name, "latin-1") || !strcasecmp(name, "l1"))
        snprintf(name, cap, "WINDOWS-1252");
    return ENC_NAMED;
}

/* iconv into out; a byte it cannot convert becomes U+FFFD. 0 when iconv
 * does not know the charset. */
static int transcode(const char *from, const char *s, size_t n, wn_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return 0;
    wn_buf_reserve(out, n + n / 2 + 16);
    char *in = (char *)s; /* iconv does not write to it */
    size_t left = n;
    int flushed = 0;
    while (!flushed) {
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1, room0 = room, left0 = left;
        size_t r = left ? iconv(cd, &in, &left, &o, &room) : iconv(cd, NULL, NULL, &o, &room);
        int err = r == (size_t)-1 ? errno : 0;
        out->len = (size_t)(o - out->data);
        if (!err) {
            if (!left0) flushed = 1;
            continue;
        }
        if (err == E2BIG && (left < left0 || room < room0 || room0 < 64)) {
            wn_buf_reserve(out, out->cap);
            continue;
        }
        if (!left) break;
        wn_buf_append(out, "\xEF\xBF\xBD", 3);
        in++;
        left--;
    }
    iconv_close(cd);
    out->data[out->len] = 0;
    return 1;
}

/* valid UTF-8 with bad sequences replaced by U+FFFD */
static void sanitize_utf8(const char *s, size_t n, wn_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    wn_buf_reserve(out, n + 16);
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] < 0x80) run++;
        wn_buf_append(out, s + i, run - i);
        i = run;
        if (i >= n) break;
        int32_t cp;
        int l = wn_utf8_decode(p + i, n - i, &cp);
        if (cp < 0)
            wn_buf_append(out, "\xEF\xBF\xBD", 3);
        else
            wn_buf_append(out, s + i, (size_t)l);
        i += (size_t)l;
    }
}

/* The document as UTF-8, in out when it had to be converted (else the
 * input itself, after any BOM). */
static const char *to_utf8(const char *buf, size_t len, wn_buf *out, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)buf;
    char name[64];
    size_t bom;
    int enc = xml_encoding(p, len, &bom, name, sizeof name);
    const char *s = buf + bom;
    size_t n = len - bom;
    static const char *const WIDE[] = {"", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
    if (enc >= ENC_UTF16LE && enc <= ENC_UTF32BE) {
        if (transcode(WIDE[enc], s, n, out)) {
            *out_len = out->len;
            return out->data;
        }
        enc = ENC_UTF8;
    }
    if (enc == ENC_NAMED && transcode(name, s, n, out)) {
        *out_len = out->len;
        return out->data;
    }
    if (wn_utf8_valid(s, n)) {
        *out_len = n;
        return s;
    }
    /* not UTF-8 after all: legacy single-byte text, or UTF-8 with damage */
    size_t multi = 0;
    for (size_t i = 0; i < n;) {
        if (p[bom + i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int l = wn_utf8_decode(p + bom + i, n - i, &cp);
        if (cp >= 0) multi++;
        i += (size_t)l;
    }
    if (!multi && transcode("WINDOWS-1252", s, n, out)) {
        *out_len = out->len;
        return out->data;
    }
    wn_buf_clear(out);
    sanitize_utf8(s, n, out);
    *out_len = out->len;
    return out->data;
}

/* ---- step 2: the lexer that makes the XML safe to parse ---------------- */

/* Index after a DOCTYPE starting at i ("<!DOCTYPE"), internal subset,
 * quoted literals, comments and PIs included; n when unterminated. */
static size_t skip_doctype(const char *s, size_t n, size_t i)
{
    size_t j = i + 9;
    int subset = 0;
    while (j < n) {
        char c = s[j];
        if (subset && starts(s, n, j, "<!--")) {
            j = find(s, n, j + 4, "-->");
            j = j < n ? j + 3 : n;
            continue;
        }
        if (subset && starts(s, n, j, "<?")) {
            j = find(s, n, j + 2, "?>");
            j = j < n ? j + 2 : n;
            continue;
        }
        if (c == '"' || c == '\'') {
            const char *q = memchr(s + j + 1, c, n - j - 1);
            j = q ? (size_t)(q - s) + 1 : n;
            continue;
        }
        if (c == '[') subset++;
        else if (c == ']' && subset) subset--;
        else if (c == '>' && !subset) return j + 1;
        j++;
    }
    return n;
}

/* Copies s[i..e) dropping the control characters XML forbids and turning
 * U+FFFE/U+FFFF into U+FFFD (the input is valid UTF-8). */
static void copy_clean(wn_buf *out, const char *s, size_t i, size_t e)
{
    const unsigned char *p = (const unsigned char *)s;
    while (i < e) {
        size_t r = i;
        while (r < e && (p[r] >= 0x20 || p[r] == '\t' || p[r] == '\n' || p[r] == '\r') &&
               p[r] != 0xEF)
            r++;
        wn_buf_append(out, s + i, r - i);
        i = r;
        if (i >= e) break;
        if (p[i] == 0xEF && i + 2 < e && p[i + 1] == 0xBF &&
            (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) {
            wn_buf_append(out, "\xEF\xBF\xBD", 3);
            i += 3;
        } else if (p[i] == 0xEF) {
            wn_buf_putc(out, (char)p[i++]);
        } else {
            i++; /* a forbidden control character */
        }
    }
}

/* '&' at s[i]: a numeric reference for anything that is one, else "&#38;" */
static size_t lex_ref(const char *s, size_t n, size_t i, wn_buf *out)
{
    size_t end;
    long v = parse_ref(s, n, i, &end);
    if (v < 0) {
        wn_buf_puts(out, "&#38;");
        return i + 1;
    }
    char tmp[16];
    size_t k = sizeof tmp;
    tmp[--k] = ';';
    do tmp[--k] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    tmp[--k] = '#';
    tmp[--k] = '&';
    wn_buf_append(out, tmp + k, sizeof tmp - k);
    return end;
}

/* A start or end tag at s[i] == '<'. Attribute values get their references
 * rewritten; a '<' inside a tag means the tag is broken: stop there and let
 * libxml2 recover. */
static size_t lex_tag(const char *s, size_t n, size_t i, wn_buf *out)
{
    wn_buf_putc(out, '<');
    i++;
    while (i < n) {
        char c = s[i];
        if (c == '>') {
            wn_buf_putc(out, '>');
            return i + 1;
        }
        if (c == '<') return i;
        if (c == '"' || c == '\'') {
            wn_buf_putc(out, c);
            i++;
            while (i < n && s[i] != c && s[i] != '<') {
                if (s[i] == '&') {
                    i = lex_ref(s, n, i, out);
                    continue;
                }
                size_t r = i;
                while (r < n && s[r] != c && s[r] != '<' && s[r] != '&') r++;
                copy_clean(out, s, i, r);
                i = r;
            }
            if (i < n && s[i] == c) {
                wn_buf_putc(out, c);
                i++;
            }
            continue;
        }
        size_t r = i;
        while (r < n && s[r] != '>' && s[r] != '<' && s[r] != '"' && s[r] != '\'') r++;
        copy_clean(out, s, i, r);
        i = r;
    }
    return n;
}

static int name_start(unsigned char c) { return is_alpha(c) || c == '_' || c == ':' || c >= 0x80; }

/* The safe rewrite of a UTF-8 XML document (see the top of the file). */
static void prepare_xml(const char *s, size_t n, wn_buf *out)
{
    wn_buf_reserve(out, n + n / 8 + 64);
    wn_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    size_t i = skip_ws(s, n, 0);
    if (starts(s, n, i, "<?xml") && i + 5 < n &&
        (is_ws((unsigned char)s[i + 5]) || s[i + 5] == '?')) {
        size_t e = find(s, n, i, "?>");
        i = e < n ? e + 2 : n;
    }
    while (i < n) {
        char c = s[i];
        if (c == '<') {
            size_t e;
            if (starts(s, n, i, "<!--")) {
                e = find(s, n, i + 4, "-->");
                e = e < n ? e + 3 : n;
            } else if (starts(s, n, i, "<![CDATA[")) {
                e = find(s, n, i + 9, "]]>");
                e = e < n ? e + 3 : n;
            } else if (starts_ci(s, n, i, "<!DOCTYPE")) {
                i = skip_doctype(s, n, i);
                continue;
            } else if (starts(s, n, i, "<?")) {
                e = find(s, n, i + 2, "?>");
                e = e < n ? e + 2 : n;
            } else if (i + 1 < n && (s[i + 1] == '/' || name_start((unsigned char)s[i + 1]))) {
                i = lex_tag(s, n, i, out);
                continue;
            } else {
                wn_buf_puts(out, "&#60;");
                i++;
                continue;
            }
            copy_clean(out, s, i, e);
            i = e;
        } else if (c == '&') {
            i = lex_ref(s, n, i, out);
        } else if (c == ']' && starts(s, n, i, "]]>")) {
            wn_buf_puts(out, "]]&#62;");
            i += 3;
        } else {
            size_t r = i;
            while (r < n && s[r] != '<' && s[r] != '&' && s[r] != ']') r++;
            if (r == i) r++; /* a lone ']' */
            copy_clean(out, s, i, r);
            i = r;
        }
    }
}

/* ---- sniffing ---------------------------------------------------------- */

static int sniff_xml(const char *s, size_t n)
{
    if (n > SNIFF_LIMIT) n = SNIFF_LIMIT;
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    for (;;) {
        i = skip_ws(s, n, i);
        if (i >= n || s[i] != '<') return 0;
        if (starts(s, n, i, "<?")) {
            size_t e = find(s, n, i + 2, "?>");
            if (e >= n) return 0;
            i = e + 2;
        } else if (starts(s, n, i, "<!--")) {
            size_t e = find(s, n, i + 4, "-->");
            if (e >= n) return 0;
            i = e + 3;
        } else if (starts_ci(s, n, i, "<!DOCTYPE")) {
            i = skip_doctype(s, n, i);
        } else {
            break;
        }
    }
    size_t a = i + 1, b = a;
    while (b < n && !is_ws((unsigned char)s[b]) && s[b] != '>' && s[b] != '/') b++;
    /* the start tag, quoted values skipped over */
    size_t e = b;
    while (e < n && s[e] != '>') {
        if (s[e] == '"' || s[e] == '\'') {
            const char *q = memchr(s + e + 1, s[e], n - e - 1);
            if (!q) return 0;
            e = (size_t)(q - s);
        }
        e++;
    }
    if (e >= n) return 0;
    const char *colon = memchr(s + a, ':', b - a);
    size_t l0 = colon ? (size_t)(colon - s) + 1 : a;
    size_t ll = b - l0;
    if (ll == 3 && strncasecmp(s + l0, "rss", 3) == 0) return 1;
    if (ll == 4 && memcmp(s + l0, "feed", 4) == 0)
        return find(s, e, b, "http://www.w3.org/2005/Atom") < e ||
               find(s, e, b, "http://purl.org/atom/ns#") < e;
    if (!colon && ll == 7 && memcmp(s + l0, "CHANNEL", 7) == 0) return 1; /* CDF */
    if (ll == 3 && memcmp(s + l0, "RDF", 3) == 0)
        return find(s, e, b, "http://purl.org/rss/1.0/") < e ||
               find(s, e, b, "http://my.netscape.com/rdf/simple/0.9/") < e;
    return 0;
}

/* index after the JSON string starting at s[i] == '"', or n */
static size_t skip_json_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') return i + 1;
    }
    return n;
}

/* index after the JSON value at s[i] (no recursion: brackets are counted) */
static size_t skip_json_value(const char *s, size_t n, size_t i)
{
    if (i >= n) return n;
    if (s[i] == '"') return skip_json_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skip_json_string(s, n, i);
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_ws((unsigned char)s[i]))
        i++;
    return i;
}

static int is_jsonfeed_version(const char *v, size_t len)
{
    return (len >= 29 && memcmp(v, "https://jsonfeed.org/version/", 29) == 0) ||
           (len >= 28 && memcmp(v, "http://jsonfeed.org/version/", 28) == 0);
}

static int sniff_json(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    i = skip_ws(s, n, i);
    if (i >= n || s[i] != '{') return 0;
    i++;
    for (;;) {
        i = skip_ws(s, n, i);
        if (i >= n || s[i] != '"') return 0;
        size_t k = i + 1, ke = skip_json_string(s, n, i);
        if (ke >= n) return 0;
        int is_version = ke - k - 1 == 7 && memcmp(s + k, "version", 7) == 0;
        i = skip_ws(s, n, ke);
        if (i >= n || s[i] != ':') return 0;
        i = skip_ws(s, n, i + 1);
        if (is_version) {
            if (i >= n || s[i] != '"') return 0;
            /* the start of the value, with "\/" (escaped slashes) decoded */
            char v[40];
            size_t m = 0;
            for (size_t j = i + 1; j < n && m < sizeof v && s[j] != '"'; j++) {
                if (s[j] == '\\') {
                    if (j + 1 < n && s[j + 1] == '/') j++;
                    else break;
                }
                v[m++] = s[j];
            }
            return is_jsonfeed_version(v, m);
        }
        i = skip_ws(s, n, skip_json_value(s, n, i));
        if (i >= n || s[i] != ',') return 0;
        i++;
    }
}

int wn_feed_sniff(const char *buf, size_t len)
{
    if (!buf || !len) return 0;
    const unsigned char *p = (const unsigned char *)buf;
    char name[64];
    size_t bom;
    int enc = xml_encoding(p, len, &bom, name, sizeof name);
    if (enc >= ENC_UTF16LE && enc <= ENC_UTF32BE) {
        /* an ASCII view of the first code units is enough for a prolog */
        size_t unit = enc <= ENC_UTF16BE ? 2 : 4, m = (len - bom) / unit;
        if (m > SNIFF_LIMIT) m = SNIFF_LIMIT;
        char *view = malloc(m + 1);
        if (!view) return 0;
        int be = enc == ENC_UTF16BE || enc == ENC_UTF32BE;
        for (size_t k = 0; k < m; k++) {
            const unsigned char *u = p + bom + k * unit;
            unsigned long c = 0;
            for (size_t b = 0; b < unit; b++)
                c |= (unsigned long)u[be ? b : unit - 1 - b] << (8 * (unit - 1 - b));
            view[k] = c < 0x80 ? (char)c : 'x';
        }
        int r = sniff_xml(view, m);
        free(view);
        return r;
    }
    if (enc == ENC_NAMED && p[0] == 0x4C && p[1] == 0x6F) { /* EBCDIC */
        wn_buf v;
        wn_buf_init(&v);
        int r = transcode(name, buf, len < SNIFF_LIMIT ? len : SNIFF_LIMIT, &v) &&
                sniff_xml(v.data, v.len);
        wn_buf_free(&v);
        return r;
    }
    size_t i = skip_ws(buf, len, bom);
    if (i < len && buf[i] == '{') return sniff_json(buf, len);
    return sniff_xml(buf, len);
}

/* C1 control characters (U+0080..U+009F, never text) removed in place, the
 * ends trimmed again; the new length (0: nothing was text) */
static size_t strip_c1(char *t, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)t[i] == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] >= 0x80 &&
            (unsigned char)t[i + 1] <= 0x9F) {
            i++;
            continue;
        }
        t[o++] = t[i];
    }
    while (o > 0 && t[o - 1] == ' ') o--;
    size_t lead = 0;
    while (lead < o && t[lead] == ' ') lead++;
    if (lead) memmove(t, t + lead, o - lead);
    o -= lead;
    t[o] = 0;
    return o;
}

/* ---- HTML fragments as text -------------------------------------------- */

static int tag_is(const char *s, size_t n, size_t i, const char *name)
{
    size_t l = strlen(name);
    return starts_ci(s, n, i, name) && (i + l >= n || !is_alpha((unsigned char)s[i + l]) ||
                                        is_digit((unsigned char)s[i + l]));
}

/* Text of an HTML fragment (tags dropped when tags is set, references
 * decoded), whitespace normalised; NULL when empty. */
static const char *html_text(wn_arena *a, const char *s, size_t n, int tags)
{
    static const char *const BLOCK[] = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3",
                                        "h4", "h5", "h6", "tr", "td", "th", "blockquote",
                                        "figure", "figcaption", "section", "article", "hr",
                                        "img", "table", "dd", "dt", "pre", NULL};
    if (!s) return NULL;
    wn_buf b;
    wn_buf_init(&b);
    /* no tag can start after the last '>': keeps "<a<a<a..." linear */
    size_t last_gt = n;
    while (last_gt > 0 && s[last_gt - 1] != '>') last_gt--;
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (tags && c == '<' && i < last_gt && starts(s, n, i, "<!--")) {
            size_t e = find(s, n, i + 4, "-->");
            i = e < n ? e + 3 : n;
            continue;
        }
        if (tags && c == '<' && i + 1 < last_gt &&
            (is_alpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' ||
             s[i + 1] == '?')) {
            size_t nm = i + 1 + (s[i + 1] == '/');
            size_t e = i + 1;
            while (e < n && s[e] != '>') e++;
            if (s[i + 1] != '/' && (tag_is(s, n, nm, "script") || tag_is(s, n, nm, "style"))) {
                const char *end = tag_is(s, n, nm, "script") ? "</script" : "</style";
                size_t k = e;
                while (k < n && !starts_ci(s, n, k, end)) k++;
                e = k;
                while (e < n && s[e] != '>') e++;
            }
            for (size_t k = 0; BLOCK[k]; k++)
                if (tag_is(s, n, nm, BLOCK[k])) {
                    wn_buf_putc(&b, ' ');
                    break;
                }
            i = e < n ? e + 1 : n;
            continue;
        }
        if (c == '&') {
            size_t end;
            long v = parse_ref(s, n, i, &end);
            if (v > 0) {
                char u[4];
                wn_buf_append(&b, u, (size_t)wn_utf8_encode((int32_t)v, u));
                i = end;
                continue;
            }
        }
        size_t r = i + 1;
        while (r < n && s[r] != '&' && (!tags || s[r] != '<')) r++;
        wn_buf_append(&b, s + i, r - i);
        i = r;
    }
    size_t len;
    char *t = wn_normalize_space(a, b.data ? b.data : "", b.len, &len);
    wn_buf_free(&b);
    len = strip_c1(t, len);
    return len ? t : NULL;
}

/* HTML rather than text: a tag or a character reference in it */
static int looks_html(const char *s, size_t n)
{
    size_t last_gt = n;
    while (last_gt > 0 && s[last_gt - 1] != '>') last_gt--;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<' && i + 1 < last_gt &&
            (is_alpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))
            return 1;
        if (s[i] == '&') {
            size_t end;
            if (parse_ref(s, n, i, &end) >= 0) return 1;
        }
    }
    return 0;
}

static const char *norm(wn_arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    size_t len;
    char *t = wn_normalize_space(a, s, n, &len);
    len = strip_c1(t, len);
    return len ? t : NULL;
}

/* ---- dates --------------------------------------------------------------- */

/* Feed dates brought to ISO 8601 here, where the format is known (RFC 822
 * for RSS, RFC 3339 / W3C-DTF for Atom and Dublin Core), with the variants
 * feeds write and feedparser reads: a missing weekday, a two-digit year
 * (below 90: 20xx), a month spelled out, one-digit hours, no seconds,
 * named zones (UT, GMT, Z, the North American ones, a few European and
 * Asian ones, RFC 822's military letters as that RFC defines them),
 * "+0200" and "+02:00" offsets, asctime ("Sat Sep  7 00:00:01 2002"),
 * lowercase 't'/'z', a space for the 'T', ISO's basic form
 * (20020907T000001Z), fractions of a second (dropped) and W3C-DTF partial
 * dates (a year and month is its first day, a year alone its first of
 * January). NULL when the string is none of these: meta's own date reader
 * then gets it as written. */

typedef struct dcur {
    const char *s;
    size_t i, n;
} dcur;

static void d_ws(dcur *c)
{
    while (c->i < c->n && (is_ws((unsigned char)c->s[c->i]) || c->s[c->i] == ',')) c->i++;
}

static int d_num(dcur *c, int mind, int maxd, int *v)
{
    size_t k = 0;
    int r = 0;
    while (c->i + k < c->n && k < (size_t)maxd && is_digit((unsigned char)c->s[c->i + k]))
        r = r * 10 + (c->s[c->i + k++] - '0');
    if (k < (size_t)mind) return 0;
    c->i += k;
    *v = r;
    return (int)k;
}

static size_t d_word(dcur *c, char *w, size_t cap)
{
    size_t k = 0;
    while (c->i < c->n && is_alpha((unsigned char)c->s[c->i])) {
        if (k + 1 < cap) w[k++] = (char)((unsigned char)c->s[c->i] | 0x20);
        c->i++;
    }
    w[k] = 0;
    return k;
}

static int d_month(const char *w)
{
    static const char *const M[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (strlen(w) < 3) return 0;
    for (int k = 0; k < 12; k++)
        if (!strncmp(w, M[k], 3)) return k + 1;
    return 0;
}

static int d_valid(int y, int m, int d, int H, int M, int S)
{
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return H >= 0 && H <= 24 && M >= 0 && M <= 59 && S >= 0 && S <= 60 &&
           (H < 24 || (M == 0 && S == 0));
}

/* a zone name's offset in minutes; 0 and *known = 0 when unknown */
static int d_zone_name(const char *w, int *known)
{
    static const struct {
        const char *n;
        int off;
    } Z[] = {{"ut", 0},       {"utc", 0},      {"gmt", 0},      {"z", 0},        {"est", -300},
             {"edt", -240},   {"cst", -360},   {"cdt", -300},   {"mst", -420},   {"mdt", -360},
             {"pst", -480},   {"pdt", -420},   {"akst", -540},  {"akdt", -480},  {"hst", -600},
             {"ast", -240},   {"adt", -180},   {"nst", -210},   {"ndt", -150},   {"wet", 0},
             {"west", 60},    {"bst", 60},     {"cet", 60},     {"cest", 120},   {"met", 60},
             {"mest", 120},   {"eet", 120},    {"eest", 180},   {"msk", 180},    {"jst", 540},
             {"kst", 540},    {"aest", 600},   {"aedt", 660},   {"nzst", 720},   {"nzdt", 780}};
    *known = 1;
    for (size_t k = 0; k < sizeof Z / sizeof *Z; k++)
        if (!strcmp(w, Z[k].n)) return Z[k].off;
    if (strlen(w) == 1 && w[0] >= 'a' && w[0] <= 'y' && w[0] != 'j') {
        /* RFC 822 military zones, as that RFC wrote them (A = -1 hour) */
        int c = w[0];
        if (c <= 'i') return -60 * (c - 'a' + 1);
        if (c <= 'm') return -60 * (c - 'a');
        return 60 * (c - 'n' + 1);
    }
    *known = 0;
    return 0;
}

/* zone after a time: Z, +HH[:]MM, a name; *has 0 when none was given */
static int d_zone(dcur *c, int *has)
{
    *has = 0;
    while (c->i < c->n && c->s[c->i] == ' ') c->i++;
    if (c->i >= c->n) return 0;
    char ch = c->s[c->i];
    if (ch == '+' || ch == '-') {
        dcur t = *c;
        t.i++;
        int h, m = 0;
        int k = d_num(&t, 2, 4, &h);
        if (k == 4) {
            m = h % 100;
            h /= 100;
        } else if (k == 2 && t.i < t.n && t.s[t.i] == ':') {
            t.i++;
            if (!d_num(&t, 2, 2, &m)) return 0;
        } else if (k != 2) {
            return 0;
        }
        if (h > 14 || m > 59) return 0;
        *c = t;
        *has = 1;
        return (ch == '-' ? -1 : 1) * (h * 60 + m);
    }
    if (is_alpha((unsigned char)ch)) {
        dcur t = *c;
        char w[8];
        size_t l = d_word(&t, w, sizeof w);
        int known;
        int off = l < 6 ? d_zone_name(w, &known) : 0;
        if (l < 6 && known) {
            *c = t;
            *has = 1;
            return off;
        }
    }
    return 0;
}

static int d_rest_empty(dcur *c)
{
    while (c->i < c->n && (is_ws((unsigned char)c->s[c->i]) || c->s[c->i] == '.')) c->i++;
    return c->i >= c->n;
}

static const char *d_format(wn_arena *a, int y, int mo, int d, int H, int M, int S, int has_time,
                            int has_zone, int off)
{
    char out[40];
    if (!has_time) {
        snprintf(out, sizeof out, "%04d-%02d-%02d", y, mo, d);
    } else if (!has_zone) {
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, H, M, S);
    } else if (!off) {
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, H, M, S);
    } else {
        int a_ = off < 0 ? -off : off;
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, H, M, S,
                 off < 0 ? '-' : '+', a_ / 60, a_ % 60);
    }
    return wn_arena_strdup(a, out);
}

/* hh:mm[:ss][.frac] [AM|PM] */
static int d_time(dcur *c, int *H, int *M, int *S)
{
    *S = 0;
    if (!d_num(c, 1, 2, H) || c->i >= c->n || c->s[c->i] != ':') return 0;
    c->i++;
    if (!d_num(c, 2, 2, M)) return 0;
    if (c->i < c->n && c->s[c->i] == ':') {
        c->i++;
        if (!d_num(c, 2, 2, S)) return 0;
        if (c->i < c->n && (c->s[c->i] == '.' || c->s[c->i] == ',')) {
            int f;
            c->i++;
            if (!d_num(c, 1, 9, &f)) return 0;
            while (c->i < c->n && is_digit((unsigned char)c->s[c->i])) c->i++;
        }
    }
    dcur t = *c;
    while (t.i < t.n && t.s[t.i] == ' ') t.i++;
    char w[4];
    if (t.i + 2 <= t.n && d_word(&t, w, sizeof w) == 2 && (!strcmp(w, "am") || !strcmp(w, "pm"))) {
        if (*H < 1 || *H > 12) return 0;
        *H = *H % 12 + (w[0] == 'p' ? 12 : 0);
        *c = t;
    }
    return 1;
}

static const char *d_rfc822(wn_arena *a, const char *s, size_t n)
{
    dcur c = {s, 0, n};
    char w[16];
    int y = 0, mo = 0, d = 0, H = 0, M = 0, S = 0, has_zone = 0, off = 0;
    d_ws(&c);
    size_t save = c.i;
    if (d_word(&c, w, sizeof w) && !d_month(w)) { /* a weekday (any spelling) */
        d_ws(&c);
        save = c.i;
    }
    c.i = save;
    if (d_num(&c, 1, 2, &d)) { /* 07 Sep 2002 */
        d_ws(&c);
        if (c.i < c.n && c.s[c.i] == '-') c.i++;
        if (!d_word(&c, w, sizeof w) || !(mo = d_month(w))) return NULL;
        if (c.i < c.n && c.s[c.i] == '-') c.i++;
        d_ws(&c);
        int k = d_num(&c, 2, 4, &y);
        if (k == 2) y += y < 90 ? 2000 : 1900;
        else if (k != 4) return NULL;
        d_ws(&c);
        if (c.i < c.n && is_digit((unsigned char)c.s[c.i])) {
            if (!d_time(&c, &H, &M, &S)) return NULL;
            off = d_zone(&c, &has_zone);
        } else if (!d_rest_empty(&c)) {
            return NULL;
        } else {
            return d_valid(y, mo, d, 0, 0, 0) ? d_format(a, y, mo, d, 0, 0, 0, 0, 0, 0) : NULL;
        }
    } else { /* asctime: Sep  7 00:00:01 2002 */
        if (!d_word(&c, w, sizeof w) || !(mo = d_month(w))) return NULL;
        d_ws(&c);
        if (!d_num(&c, 1, 2, &d)) return NULL;
        d_ws(&c);
        if (!d_time(&c, &H, &M, &S)) return NULL;
        off = d_zone(&c, &has_zone);
        d_ws(&c);
        if (d_num(&c, 4, 4, &y) != 4) return NULL;
    }
    if (!d_rest_empty(&c) || !d_valid(y, mo, d, H, M, S)) return NULL;
    return d_format(a, y, mo, d, H, M, S, 1, has_zone, off);
}

static const char *d_iso(wn_arena *a, const char *s, size_t n)
{
    dcur c = {s, 0, n};
    int y, mo = 1, d = 1, H = 0, M = 0, S = 0, has_time = 0, has_zone = 0, off = 0;
    while (c.i < c.n && is_ws((unsigned char)c.s[c.i])) c.i++;
    int k = d_num(&c, 4, 8, &y);
    if (k == 8) { /* basic form: 20020907 */
        d = y % 100;
        mo = y / 100 % 100;
        y /= 10000;
    } else if (k != 4) {
        return NULL;
    } else if (c.i < c.n && c.s[c.i] == '-') {
        c.i++;
        if (!d_num(&c, 2, 2, &mo)) return NULL;
        if (c.i < c.n && c.s[c.i] == '-') {
            c.i++;
            if (!d_num(&c, 2, 2, &d)) return NULL;
        }
    }
    if (c.i < c.n && (c.s[c.i] == 'T' || c.s[c.i] == 't' || c.s[c.i] == ' ')) {
        c.i++;
        if (k == 8 && c.i + 6 <= c.n && is_digit((unsigned char)c.s[c.i + 4])) {
            int hms;
            if (!d_num(&c, 6, 6, &hms)) return NULL;
            H = hms / 10000;
            M = hms / 100 % 100;
            S = hms % 100;
        } else if (!d_time(&c, &H, &M, &S)) {
            return NULL;
        }
        has_time = 1;
        off = d_zone(&c, &has_zone);
    }
    if (!d_rest_empty(&c) || !d_valid(y, mo, d, H, M, S)) return NULL;
    return d_format(a, y, mo, d, H, M, S, has_time, has_zone, off);
}

/* a feed's date string as ISO 8601, or NULL */
static const char *feed_date(wn_arena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    if (n > 64) return NULL;
    size_t i = 0;
    while (i < n && is_ws((unsigned char)s[i])) i++;
    if (i + 4 <= n && is_digit((unsigned char)s[i]) && is_digit((unsigned char)s[i + 1]) &&
        is_digit((unsigned char)s[i + 2]) && is_digit((unsigned char)s[i + 3]))
        return d_iso(a, s, n);
    return d_rfc822(a, s, n);
}

/* ---- the XML tree ------------------------------------------------------ */

enum {
    NS_NONE,
    NS_RSS,
    NS_ATOM,
    NS_CONTENT,
    NS_DC,
    NS_DCTERMS,
    NS_MEDIA,
    NS_RDF,
    NS_XHTML,
    NS_ITUNES,
    NS_OTHER
};

static const struct {
    const char *uri;
    int ns;
} NS_URIS[] = {
    {"http://purl.org/rss/1.0/", NS_RSS},
    {"http://my.netscape.com/rdf/simple/0.9/", NS_RSS},
    {"http://backend.userland.com/rss2", NS_RSS},
    {"http://blogs.law.harvard.edu/tech/rss", NS_RSS},
    {"http://www.w3.org/2005/Atom", NS_ATOM},
    {"http://purl.org/atom/ns#", NS_ATOM},
    {"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"http://purl.org/dc/elements/1.1/", NS_DC},
    {"http://purl.org/dc/terms/", NS_DCTERMS},
    {"http://search.yahoo.com/mrss/", NS_MEDIA},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
    {"http://www.w3.org/1999/xhtml", NS_XHTML},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
};
/* conventional prefixes, for feeds that use them without declaring them */
static const struct {
    const char *prefix;
    int ns;
} NS_PREFIXES[] = {{"content", NS_CONTENT}, {"dc", NS_DC},     {"dcterms", NS_DCTERMS},
                   {"media", NS_MEDIA},     {"atom", NS_ATOM}, {"rdf", NS_RDF},
                   {"itunes", NS_ITUNES},   {"xhtml", NS_XHTML}};

typedef struct xctx {
    wn_arena *a;
    int max_depth;
    wn_feed *f;
    const char *feed_link; /* base for relative links: the document's URL */
    const char *doc_url;   /* the feed's own URL (atom:link rel=self) */
} xctx;

static char CLOSED; /* node->_private of elements libxml2 saw the end of */

static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                           const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    if (c->node) c->node->_private = &CLOSED;
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* namespace class and local name of an element */
static int ns_of(const xmlNode *n, const char **local)
{
    const char *name = (const char *)n->name;
    *local = name;
    if (n->ns && n->ns->href) {
        for (size_t k = 0; k < sizeof NS_URIS / sizeof *NS_URIS; k++)
            if (strcasecmp((const char *)n->ns->href, NS_URIS[k].uri) == 0) return NS_URIS[k].ns;
        return NS_OTHER;
    }
    const char *colon = strchr(name, ':');
    if (!colon) return NS_NONE;
    *local = colon + 1;
    for (size_t k = 0; k < sizeof NS_PREFIXES / sizeof *NS_PREFIXES; k++)
        if (strlen(NS_PREFIXES[k].prefix) == (size_t)(colon - name) &&
            strncmp(name, NS_PREFIXES[k].prefix, (size_t)(colon - name)) == 0)
            return NS_PREFIXES[k].ns;
    return NS_OTHER;
}

/* n is element `name` of namespace class ns (NS_RSS: none or an RSS one) */
static int is_el(const xmlNode *n, int ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE) return 0;
    const char *local;
    int c = ns_of(n, &local);
    if (ns == NS_RSS ? (c != NS_NONE && c != NS_RSS) : c != ns) return 0;
    return strcmp(local, name) == 0;
}

static const char *local_name(const xmlNode *n)
{
    const char *l = strrchr((const char *)n->name, ':');
    return l ? l + 1 : (const char *)n->name;
}

/* text of the nodes under n (markup ignored) appended to b; walked with
 * parent links, so no depth can exhaust the stack */
static void text_into(wn_buf *b, const xmlNode *n)
{
    const xmlNode *c = n->children;
    while (c && c != n) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            wn_buf_puts(b, (const char *)c->content);
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c != n && !c->next) c = c->parent;
        if (c != n) c = c->next;
    }
}

/* raw text under n, copied to the arena (NULL when none) */
static const char *text_of(const xctx *x, const xmlNode *n, size_t *len)
{
    size_t dummy;
    if (!len) len = &dummy;
    *len = 0;
    if (!n) return NULL;
    wn_buf b;
    wn_buf_init(&b);
    text_into(&b, n);
    char *s = b.len ? wn_arena_strndup(x->a, b.data, b.len) : NULL;
    *len = b.len;
    wn_buf_free(&b);
    return s;
}

/* normalised text under n, NULL when blank */
static const char *text_norm(const xctx *x, const xmlNode *n)
{
    if (!n) return NULL;
    wn_buf b;
    wn_buf_init(&b);
    text_into(&b, n);
    const char *s = norm(x->a, b.data ? b.data : "", b.len);
    wn_buf_free(&b);
    return s;
}

/* value of attribute `name` (local name) of n, copied to the arena */
static const char *attr(const xctx *x, const xmlNode *n, const char *name)
{
    for (const xmlAttr *p = n->properties; p; p = p->next) {
        if (strcmp((const char *)p->name, name) != 0) continue;
        wn_buf b;
        wn_buf_init(&b);
        for (const xmlNode *c = p->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content) wn_buf_puts(&b, (const char *)c->content);
        const char *s = norm(x->a, b.data ? b.data : "", b.len);
        wn_buf_free(&b);
        return s;
    }
    return NULL;
}

static void escape_into(wn_buf *b, const char *s, int quotes)
{
    while (*s) {
        size_t r = strcspn(s, quotes ? "&<>\"" : "&<>");
        wn_buf_append(b, s, r);
        s += r;
        if (!*s) break;
        wn_buf_puts(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : "&quot;");
        s++;
    }
}

static int is_void_element(const char *name)
{
    static const char *const V[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                    "link", "meta", "param", "source", "track", "wbr", NULL};
    for (size_t k = 0; V[k]; k++)
        if (strcasecmp(name, V[k]) == 0) return 1;
    return 0;
}

/* The children of n as HTML. escape_text: text nodes are text (XHTML);
 * otherwise they are HTML source already (raw markup inside an RSS field,
 * mixed with escaped markup). Element names lose their prefix. */
static void markup_into(const xctx *x, wn_buf *b, const xmlNode *n, int depth, int escape_text)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!c->content) continue;
            if (escape_text) escape_into(b, (const char *)c->content, 0);
            else wn_buf_puts(b, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (depth >= x->max_depth) {
            text_into(b, c); /* too deep: its text only */
            continue;
        }
        const char *name = local_name(c);
        wn_buf_putc(b, '<');
        wn_buf_puts(b, name);
        for (const xmlAttr *p = c->properties; p; p = p->next) {
            wn_buf_putc(b, ' ');
            wn_buf_puts(b, (const char *)p->name);
            wn_buf_puts(b, "=\"");
            for (const xmlNode *t = p->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content)
                    escape_into(b, (const char *)t->content, 1);
            wn_buf_putc(b, '"');
        }
        wn_buf_putc(b, '>');
        if (is_void_element(name)) continue;
        markup_into(x, b, c, depth + 1, escape_text);
        wn_buf_puts(b, "</");
        wn_buf_puts(b, name);
        wn_buf_putc(b, '>');
    }
}

static const char *markup_of(const xctx *x, const xmlNode *n, int escape_text, size_t *len)
{
    wn_buf b;
    wn_buf_init(&b);
    markup_into(x, &b, n, 0, escape_text);
    char *s = b.len ? wn_arena_strndup(x->a, b.data, b.len) : NULL;
    *len = b.len;
    wn_buf_free(&b);
    return s;
}

static int has_element_child(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) return 1;
    return 0;
}

/* An RSS field holding HTML (content:encoded, description): escaped or
 * CDATA HTML as it is; raw child markup serialised. */
static const char *rss_html(const xctx *x, const xmlNode *n, size_t *len)
{
    if (has_element_child(n)) return markup_of(x, n, 0, len);
    return text_of(x, n, len);
}

enum { TXT_TEXT, TXT_HTML, TXT_XHTML, TXT_XML, TXT_BASE64 };

/* How an Atom text construct or content element holds its value: its type
 * (Atom 1.0: text, html, xhtml or a media type; Atom 0.3: a media type) and
 * Atom 0.3's mode (xml, escaped, base64). As feedparser reads them: a
 * media type that is neither text nor XML is base64-encoded (Atom 1.0). */
static int atom_kind(const xctx *x, const xmlNode *n)
{
    const char *t = attr(x, n, "type"), *mode = attr(x, n, "mode");
    if (mode && !strcasecmp(mode, "base64")) return TXT_BASE64;
    if (!t || !strcasecmp(t, "text") || !strcasecmp(t, "text/plain")) return TXT_TEXT;
    if (!strcasecmp(t, "html") || !strcasecmp(t, "text/html")) return TXT_HTML;
    if (!strcasecmp(t, "xhtml") || !strcasecmp(t, "application/xhtml+xml"))
        return mode && !strcasecmp(mode, "escaped") ? TXT_HTML : TXT_XHTML;
    if (!strncasecmp(t, "text/", 5)) return TXT_TEXT;
    size_t l = strlen(t);
    if ((l > 4 && !strcasecmp(t + l - 4, "+xml")) || (l > 4 && !strcasecmp(t + l - 4, "/xml")))
        return TXT_XML;
    if (mode && !strcasecmp(mode, "escaped")) return TXT_HTML;
    return TXT_BASE64;
}

/* base64 (whitespace ignored, decoding stops at '=' or a foreign byte) */
static char *base64_decode(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    char *out = wn_arena_alloc(a, n / 4 * 3 + 4);
    size_t o = 0;
    unsigned long acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int v = c >= 'A' && c <= 'Z'   ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+' || c == '-' ? 62
                : c == '/' || c == '_' ? 63
                                       : -1;
        if (v < 0) {
            if (is_ws(c)) continue;
            break;
        }
        acc = (acc << 6 | (unsigned long)v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (char)((acc >> bits) & 0xFF);
        }
    }
    out[o] = 0;
    *out_len = o;
    return out;
}

/* the content of an XHTML construct: the children of its one xhtml:div
 * wrapper (not part of the content), else its children, as HTML */
static const char *xhtml_of(const xctx *x, const xmlNode *n, size_t *len)
{
    const xmlNode *div = NULL;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            div = !div && strcmp(local_name(c), "div") == 0 ? c : NULL;
            if (!div) break;
        }
    return markup_of(x, div ? div : n, 1, len);
}

/* body of an Atom text construct: *is_html set; NULL when none or
 * out-of-line (src=) */
static const char *atom_body(const xctx *x, const xmlNode *n, size_t *len, int *is_html)
{
    *len = 0;
    *is_html = 0;
    if (attr(x, n, "src")) return NULL; /* out-of-line content */
    const char *type = attr(x, n, "type");
    if (type && !strncasecmp(type, "multipart/", 10)) {
        /* Atom 0.3 multipart/alternative: the HTML part, else the first */
        const xmlNode *part = NULL;
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (!is_el(c, NS_ATOM, "content")) continue;
            const char *t = attr(x, c, "type");
            if (!part || (t && (!strcasecmp(t, "text/html") || !strcasecmp(t, "html")))) part = c;
        }
        if (!part) return NULL;
        const char *pt = attr(x, part, "type");
        if (pt && !strncasecmp(pt, "multipart/", 10)) return NULL; /* one level */
        return atom_body(x, part, len, is_html);
    }
    switch (atom_kind(x, n)) {
    case TXT_TEXT: return text_of(x, n, len);
    case TXT_HTML: *is_html = 1; return text_of(x, n, len);
    case TXT_XHTML: *is_html = 1; return xhtml_of(x, n, len);
    case TXT_XML: return text_of(x, n, len); /* other XML: its text */
    default: {
        size_t rl, dl;
        const char *raw = text_of(x, n, &rl);
        if (!raw) return NULL;
        char *dec = base64_decode(x->a, raw, rl, &dl);
        if (!dl || !wn_utf8_valid(dec, dl)) return NULL; /* media, not words */
        const char *t = attr(x, n, "type");
        *is_html = (t && (!strcasecmp(t, "text/html") || !strcasecmp(t, "html"))) ||
                   ((!t || strncasecmp(t, "text/plain", 10) != 0) && looks_html(dec, dl));
        *len = dl;
        return dec;
    }
    }
}

/* an Atom text construct as plain text */
static const char *atom_plain(const xctx *x, const xmlNode *n)
{
    size_t len;
    int html;
    const char *s = atom_body(x, n, &len, &html);
    if (!s) return NULL;
    return html ? html_text(x->a, s, len, 1) : norm(x->a, s, len);
}

/* An RSS title is text, but many feeds put HTML in it: a tag of the inline
 * (and paragraph) elements HTML titles use makes it HTML, as feedparser
 * judges; "Use the <blink> tag" or "a <3 b" stay text. */
static int has_inline_tag(const char *s, size_t n)
{
    static const char *const TAGS[] = {"a", "abbr", "acronym", "b", "big", "br", "cite", "code",
                                       "del", "dfn", "div", "em", "font", "i", "img", "ins",
                                       "kbd", "p", "q", "s", "samp", "small", "span", "strike",
                                       "strong", "sub", "sup", "tt", "u", "var", NULL};
    if (!s) return 0;
    size_t last_gt = n; /* a tag must end: no scan past the last '>' (linear) */
    while (last_gt > 0 && s[last_gt - 1] != '>') last_gt--;
    for (size_t i = 0; i + 1 < last_gt; i++) {
        if (s[i] != '<') continue;
        size_t j = i + 1 + (s[i + 1] == '/');
        for (size_t k = 0; TAGS[k]; k++) {
            size_t l = strlen(TAGS[k]);
            if (j + l < last_gt && !strncasecmp(s + j, TAGS[k], l) &&
                (is_ws((unsigned char)s[j + l]) || s[j + l] == '>' || s[j + l] == '/'))
                return 1;
        }
    }
    return 0;
}

/* an RSS text field: plain text, but references a feed escaped twice
 * ("&amp;#8217;") decoded */
static const char *rss_plain(const xctx *x, const xmlNode *n)
{
    size_t len;
    const char *s = text_of(x, n, &len);
    return html_text(x->a, s, len, has_inline_tag(s, len));
}

/* href resolved against xml:base and the feed's link */
static const char *resolve(const xctx *x, const xmlNode *n, const char *href)
{
    if (!href) return NULL;
    if (is_http_url(href)) return href;
    const char *res = href;
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    if (base) {
        xmlChar *u = xmlBuildURI((const xmlChar *)href, base);
        if (u) {
            res = wn_arena_strdup(x->a, (const char *)u);
            xmlFree(u);
        }
        xmlFree(base);
    }
    if (!is_http_url(res) && x->feed_link) {
        xmlChar *u = xmlBuildURI((const xmlChar *)res, (const xmlChar *)x->feed_link);
        if (u) {
            res = wn_arena_strdup(x->a, (const char *)u);
            xmlFree(u);
        }
    }
    /* libxml2 unescapes %XX of a base it normalises: a URL that comes out
     * as invalid UTF-8 is no URL of ours */
    return is_http_url(res) && wn_utf8_valid(res, strlen(res)) ? res : NULL;
}

/* Atom link of rel alternate (or none): its rank, 0 for other rels */
static int alternate_rank(const xctx *x, const xmlNode *n)
{
    const char *rel = attr(x, n, "rel");
    if (rel && strcmp(rel, "alternate") != 0 &&
        strcmp(rel, "http://www.iana.org/assignments/relation/alternate") != 0)
        return 0;
    const char *type = attr(x, n, "type");
    int html = !type || !strcasecmp(type, "text/html") || !strcasecmp(type, "application/xhtml+xml");
    /* an HTML page first; among those, a stated alternate before a link
     * without rel (which Atom also reads as an alternate) */
    return html ? (rel ? 4 : 3) : (rel ? 2 : 1);
}

static int is_mailto(const char *s) { return s && strncasecmp(s, "mailto:", 7) == 0; }

/* an author: http(s) and mailto: URLs kept, others dropped; the address
 * (without mailto:) apart, as feedparser's author_detail.email */
static void add_author(wn_arena *a, wn_ptrvec *v, const char *name, const char *url,
                       const char *mail)
{
    if (!name || strlen(name) > MAX_NAME || v->n >= MAX_AUTHORS) return;
    if (mail && strlen(mail) > MAX_NAME) mail = NULL;
    wn_author *au =
        wn_author_add(a, v, name, NULL, NULL, url && (is_http_url(url) || is_mailto(url)) ? url : NULL);
    if (au && !au->email && mail) au->email = mail;
}

static int mail_char(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c >= 0x80;
}

/* A person as feeds write one in a single string: "Jane Doe (jane@x.example)",
 * "jane@x.example (Jane Doe)", "Jane Doe <jane@x.example>", a bare address
 * or a bare name. The name goes to *name, the address to *mail; either may
 * be NULL. */
static void split_person(wn_arena *a, const char *s, const char **name, const char **mail)
{
    *name = *mail = NULL;
    if (!s) return;
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    size_t ms = 0, me = 0;
    if (at) {
        size_t i = (size_t)(at - s), b = i, e = i + 1;
        while (b > 0 && mail_char((unsigned char)s[b - 1])) b--;
        while (e < n && (mail_char((unsigned char)s[e]))) e++;
        while (e > i + 1 && s[e - 1] == '.') e--;
        if (b < i && e > i + 1 && memchr(s + i + 1, '.', e - i - 1)) {
            ms = b;
            me = e;
        }
    }
    if (me > ms) {
        *mail = wn_arena_strndup(a, s + ms, me - ms);
        /* the name is what is left, its brackets and separators removed */
        wn_buf b;
        wn_buf_init(&b);
        wn_buf_append(&b, s, ms);
        wn_buf_putc(&b, ' ');
        wn_buf_append(&b, s + me, n - me);
        char *t = b.data;
        size_t len = b.len;
        for (size_t k = 0; k < len; k++)
            if (strchr("()<>[]", t[k])) t[k] = ' ';
        const char *nm = norm(a, t, len);
        wn_buf_free(&b);
        /* "Jane Doe, jane@x" / "Jane Doe - jane@x": a separator left over */
        while (nm && *nm && strchr(",;:-|", nm[strlen(nm) - 1])) {
            nm = norm(a, nm, strlen(nm) - 1);
        }
        while (nm && *nm && strchr(",;:-|", *nm)) nm = norm(a, nm + 1, strlen(nm + 1));
        *name = nm;
        return;
    }
    *name = norm(a, s, n);
}

/* a person string (RSS author, dc:creator, itunes:author) as an author */
static void add_rss_author(const xctx *x, wn_ptrvec *v, const char *s)
{
    const char *name, *mail;
    split_person(x->a, s, &name, &mail);
    add_author(x->a, v, name, NULL, mail);
}

static void atom_person(const xctx *x, wn_ptrvec *v, const xmlNode *n)
{
    const char *name = NULL, *uri = NULL, *mail = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_el(c, NS_ATOM, "name") && !name) name = text_norm(x, c);
        else if ((is_el(c, NS_ATOM, "uri") || is_el(c, NS_ATOM, "url") ||
                  is_el(c, NS_ATOM, "homepage")) && !uri)
            uri = resolve(x, c, text_norm(x, c));
        else if (is_el(c, NS_ATOM, "email") && !mail) {
            const char *nm, *m;
            split_person(x->a, text_norm(x, c), &nm, &m);
            mail = m;
        }
    }
    /* the page is the url, the address apart */
    add_author(x->a, v, name, uri, mail);
}

static void add_tag(wn_arena *a, wn_ptrvec *v, const char *t)
{
    if (!t || strlen(t) > MAX_NAME || v->n >= MAX_TAGS) return;
    for (size_t k = 0; k < v->n; k++)
        if (strcmp(v->v[k], t) == 0) return;
    wn_ptrvec_push(a, v, (void *)t);
}

static int image_url(const char *u)
{
    if (!u) return 0;
    size_t l = strcspn(u, "?#");
    static const char *const EXT[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", NULL};
    for (size_t k = 0; EXT[k]; k++) {
        size_t e = strlen(EXT[k]);
        if (l >= e && strncasecmp(u + l - e, EXT[k], e) == 0) return 1;
    }
    return 0;
}

/* an image candidate: a media:content, media:thumbnail or enclosure */
static void consider_image(const xctx *x, const xmlNode *n, int rank, const char **img,
                           int *best)
{
    if (rank >= *best) return;
    const char *url = attr(x, n, rank == 3 && is_el(n, NS_ATOM, "link") ? "href" : "url");
    url = resolve(x, n, url);
    if (!url) return;
    if (rank != 2) { /* thumbnails are images by definition */
        const char *medium = attr(x, n, "medium"), *type = attr(x, n, "type");
        if (medium ? strcmp(medium, "image") != 0
                   : type ? strncasecmp(type, "image/", 6) != 0 : !image_url(url))
            return;
    }
    *img = url;
    *best = rank;
}

static void media_images(const xctx *x, const xmlNode *n, const char **img, int *best, int depth)
{
    if (is_el(n, NS_MEDIA, "content")) consider_image(x, n, 1, img, best);
    else if (is_el(n, NS_MEDIA, "thumbnail")) consider_image(x, n, 2, img, best);
    if (depth < 2 && (is_el(n, NS_MEDIA, "group") || is_el(n, NS_MEDIA, "content")))
        for (const xmlNode *c = n->children; c; c = c->next)
            media_images(x, c, img, best, depth + 1);
}

/* the date a field states, by rank (lower wins) */
static void take_date(const xctx *x, const xmlNode *n, int rank, const char **date, int *best)
{
    if (rank >= *best) return;
    const char *s = text_norm(x, n);
    if (s) {
        const char *iso = feed_date(x->a, s);
        *date = iso ? iso : s;
        *best = rank;
    }
}

/* Embedded-object tags (iframe, object, embed, applet, frameset, frame)
 * dropped from an item's HTML, what they wrap kept: a reader of the feed
 * sees no frame or plug-in, and what the publisher wrote inside one (a
 * fallback text) is words of the item; an unclosed "<iframe/>" would
 * otherwise swallow the rest of the item. NULL when there is none. */
static const char *unwrap_embeds(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    static const char *const TAGS[] = {"iframe", "object", "embed", "applet",
                                       "frameset", "frame", NULL};
    wn_buf b;
    wn_buf_init(&b);
    size_t i = 0, copied = 0;
    int found = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        size_t nm = i + 1 + (i + 1 < n && s[i + 1] == '/');
        int hit = 0;
        for (size_t k = 0; TAGS[k] && !hit; k++) hit = tag_is(s, n, nm, TAGS[k]);
        if (!hit) {
            i++;
            continue;
        }
        const char *gt = memchr(s + nm, '>', n - nm);
        if (!gt) break; /* never closed: not a tag (and none after it) */
        size_t e = (size_t)(gt - s) + 1;
        wn_buf_append(&b, s + copied, i - copied);
        wn_buf_putc(&b, ' ');
        copied = i = e;
        found = 1;
    }
    if (!found) {
        wn_buf_free(&b);
        return NULL;
    }
    wn_buf_append(&b, s + copied, n - copied);
    char *r = wn_arena_strndup(a, b.data, b.len);
    *out_len = b.len;
    wn_buf_free(&b);
    return r;
}

static feed_item *xml_item(xctx *x, const xmlNode *item)
{
    wn_arena *a = x->a;
    feed_item *it = wn_arena_alloc(a, sizeof *it);
    const xmlNode *title = NULL, *link = NULL, *guid = NULL, *desc = NULL, *summary = NULL,
                  *encoded = NULL, *content = NULL, *atom_id = NULL, *language = NULL,
                  *fullitem = NULL, *xbody = NULL, *isummary = NULL, *mtitle = NULL,
                  *mdesc = NULL;
    const char *alt = NULL;
    int alt_rank = 0, pub_rank = 99, mod_rank = 99, img_rank = 99;
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *l;
        int ns = ns_of(c, &l);
        if (ns == NS_NONE || ns == NS_RSS) {
            if (!strcmp(l, "title") && !title) title = c;
            else if (!strcmp(l, "link") && !link) link = c;
            else if (!strcmp(l, "guid") && !guid) guid = c;
            else if (!strcmp(l, "description") && !desc) desc = c;
            else if (!strcmp(l, "pubDate")) take_date(x, c, 0, &it->date_published, &pub_rank);
            else if (!strcmp(l, "author")) add_rss_author(x, &it->authors, text_norm(x, c));
            else if (!strcmp(l, "category")) add_tag(a, &it->tags, text_norm(x, c));
            else if (!strcmp(l, "enclosure")) consider_image(x, c, 3, &it->image, &img_rank);
            else if (!strcmp(l, "language") && !language) language = c;
            else if (!strcmp(l, "source") && !it->publisher) it->publisher = text_norm(x, c);
            else if ((!strcmp(l, "fullitem") || !strcmp(l, "body")) && !fullitem) fullitem = c;
        } else if (ns == NS_ATOM) {
            if (!strcmp(l, "title") && !title) title = c;
            else if (!strcmp(l, "summary") && !summary) summary = c;
            else if (!strcmp(l, "content") && !content) content = c;
            else if (!strcmp(l, "id") && !atom_id) atom_id = c;
            else if (!strcmp(l, "published")) take_date(x, c, 0, &it->date_published, &pub_rank);
            else if (!strcmp(l, "issued")) take_date(x, c, 1, &it->date_published, &pub_rank);
            else if (!strcmp(l, "updated")) take_date(x, c, 0, &it->date_modified, &mod_rank);
            else if (!strcmp(l, "modified")) take_date(x, c, 1, &it->date_modified, &mod_rank);
            else if (!strcmp(l, "author")) atom_person(x, &it->authors, c);
            else if (!strcmp(l, "category")) {
                const char *t = attr(x, c, "term");
                add_tag(a, &it->tags, t ? t : attr(x, c, "label"));
            } else if (!strcmp(l, "link")) {
                const char *rel = attr(x, c, "rel");
                if (rel && !strcmp(rel, "enclosure")) {
                    const char *type = attr(x, c, "type");
                    if (type && !strncasecmp(type, "image/", 6))
                        consider_image(x, c, 3, &it->image, &img_rank);
                } else {
                    int r = alternate_rank(x, c);
                    const char *href = attr(x, c, "href");
                    if (!href) href = text_norm(x, c); /* a broken feed's <link>URL</link> */
                    const char *h = r > alt_rank ? resolve(x, c, href) : NULL;
                    if (h) {
                        alt = h;
                        alt_rank = r;
                    }
                }
            } else if (!strcmp(l, "source") && !it->publisher) {
                for (const xmlNode *s = c->children; s; s = s->next)
                    if (is_el(s, NS_ATOM, "title")) {
                        it->publisher = atom_plain(x, s);
                        break;
                    }
            }
        } else if (ns == NS_CONTENT) {
            if (!strcmp(l, "encoded") && !encoded) encoded = c;
        } else if (ns == NS_DC) {
            if (!strcmp(l, "creator") || !strcmp(l, "author"))
                add_rss_author(x, &it->authors, text_norm(x, c));
            else if (!strcmp(l, "description") && !desc) desc = c;
            else if (!strcmp(l, "date")) take_date(x, c, 1, &it->date_published, &pub_rank);
            else if (!strcmp(l, "subject")) add_tag(a, &it->tags, text_norm(x, c));
            else if (!strcmp(l, "language") && !language) language = c;
        } else if (ns == NS_DCTERMS) {
            if (!strcmp(l, "issued")) take_date(x, c, 2, &it->date_published, &pub_rank);
            else if (!strcmp(l, "created")) take_date(x, c, 3, &it->date_published, &pub_rank);
            else if (!strcmp(l, "modified")) take_date(x, c, 2, &it->date_modified, &mod_rank);
        } else if (ns == NS_MEDIA) {
            media_images(x, c, &it->image, &img_rank, 0);
            /* media:title / media:description, also in a media:group (a
             * video feed's only words): the item's when it has none */
            int group = !strcmp(l, "group");
            for (const xmlNode *g = group ? c->children : c; g; g = group ? g->next : NULL) {
                if (is_el(g, NS_MEDIA, "title") && !mtitle) mtitle = g;
                else if (is_el(g, NS_MEDIA, "description") && !mdesc) mdesc = g;
            }
        } else if (ns == NS_ITUNES) {
            if (!strcmp(l, "author")) add_rss_author(x, &it->authors, text_norm(x, c));
            else if (!strcmp(l, "summary") && !isummary) isummary = c;
        } else if (ns == NS_XHTML) {
            if (!strcmp(l, "body") && !xbody) xbody = c;
        }
    }

    /* title */
    if (title) {
        const char *l;
        it->title = ns_of(title, &l) == NS_ATOM ? atom_plain(x, title) : rss_plain(x, title);
    }
    if (!it->title && mtitle) it->title = rss_plain(x, mtitle);

    /* url */
    if (link) it->url = resolve(x, link, text_norm(x, link));
    if (!it->url) it->url = alt;
    if (!it->url && guid) {
        const char *perma = attr(x, guid, "isPermaLink");
        const char *g = text_norm(x, guid);
        if ((!perma || strcasecmp(perma, "false") != 0) && is_http_url(g)) it->url = g;
    }
    if (!it->url && atom_id) {
        const char *g = text_norm(x, atom_id);
        if (is_http_url(g)) it->url = g;
    }

    /* language: the item's, inherited xml:lang, the channel's */
    if (language) it->language = text_norm(x, language);
    if (!it->language) {
        xmlChar *lang = xmlNodeGetLang(item);
        if (lang) {
            it->language = norm(a, (const char *)lang, strlen((const char *)lang));
            xmlFree(lang);
        }
    }
    if (!it->language) it->language = x->f->language;

    /* payload and description */
    size_t len = 0;
    const char *body = NULL;
    int html = 1;
    if (encoded && (body = rss_html(x, encoded, &len)) && is_blank(body, len)) body = NULL;
    if (!body && content && (body = atom_body(x, content, &len, &html)) && is_blank(body, len))
        body = NULL;
    if (!body && xbody && (body = markup_of(x, xbody, 1, &len)) && !is_blank(body, len))
        html = 1;
    else if (!body && fullitem && (body = rss_html(x, fullitem, &len)) && !is_blank(body, len))
        html = 1;
    if (body && is_blank(body, len)) body = NULL;
    const char *dtext = NULL;
    size_t dlen = 0;
    int dhtml = 1;
    if (desc && (dtext = rss_html(x, desc, &dlen)) && is_blank(dtext, dlen)) dtext = NULL;
    if (dtext) {
        dhtml = has_element_child(desc) || looks_html(dtext, dlen);
    } else if (summary && (dtext = atom_body(x, summary, &dlen, &dhtml)) &&
               is_blank(dtext, dlen)) {
        dtext = NULL;
    }
    if (!dtext && isummary) {
        dtext = text_of(x, isummary, &dlen);
        dhtml = 0; /* itunes:summary is plain text */
        if (dtext && is_blank(dtext, dlen)) dtext = NULL;
    }
    if (!dtext && mdesc) { /* Media RSS: type="plain" unless it says "html" */
        const char *type = attr(x, mdesc, "type");
        dhtml = type && !strcasecmp(type, "html");
        dtext = dhtml ? rss_html(x, mdesc, &dlen) : text_of(x, mdesc, &dlen);
        if (dtext && is_blank(dtext, dlen)) dtext = NULL;
    }
    size_t ul;
    const char *u;
    if (body && html && (u = unwrap_embeds(a, body, len, &ul))) {
        body = u;
        len = ul;
    }
    if (!body && dtext && dhtml && (u = unwrap_embeds(a, dtext, dlen, &ul))) {
        dtext = u;
        dlen = ul;
    }
    if (body) {
        it->payload = body;
        it->payload_len = len;
        it->payload_is_html = html;
        if (dtext) it->description = dhtml ? html_text(a, dtext, dlen, 1) : norm(a, dtext, dlen);
    } else if (dtext) {
        it->payload = dtext;
        it->payload_len = dlen;
        it->payload_is_html = dhtml;
    }
    it->inherit_authors = x->f->kind == FEED_ATOM && it->authors.n == 0;
    it->truncated = item->_private != &CLOSED;
    return it;
}

/* an element of Microsoft's CDF (upper-case names, no namespace) */
static int is_cdf(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !n->ns && strcasecmp((const char *)n->name, name) == 0;
}

/* a CDF ITEM: HREF is its link, LASTMOD its date, TITLE and ABSTRACT */
static feed_item *cdf_item(xctx *x, const xmlNode *item)
{
    feed_item *it = wn_arena_alloc(x->a, sizeof *it);
    it->url = resolve(x, item, attr(x, item, "HREF"));
    it->date_modified = attr(x, item, "LASTMOD");
    if (it->date_modified && feed_date(x->a, it->date_modified))
        it->date_modified = feed_date(x->a, it->date_modified);
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (is_cdf(c, "TITLE") && !it->title) it->title = rss_plain(x, c);
        else if (is_cdf(c, "ABSTRACT") && !it->payload) {
            size_t len;
            const char *t = rss_html(x, c, &len);
            if (t && !is_blank(t, len)) {
                it->payload = t;
                it->payload_len = len;
                it->payload_is_html = has_element_child(c) || looks_html(t, len);
            }
        }
    }
    it->language = x->f->language;
    it->truncated = item->_private != &CLOSED;
    return it;
}

/* items anywhere under n, in document order (recovery may nest them) */
static void collect_items(xctx *x, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        int item = x->f->kind == FEED_ATOM  ? is_el(c, NS_ATOM, "entry")
                   : x->f->kind == FEED_CDF ? is_cdf(c, "ITEM")
                                            : is_el(c, NS_RSS, "item");
        if (item)
            wn_ptrvec_push(x->a, &x->f->items,
                           x->f->kind == FEED_CDF ? cdf_item(x, c) : xml_item(x, c));
        if (depth < x->max_depth && (item || has_element_child(c))) {
            /* not into the bodies of items */
            const char *l;
            int ns = ns_of(c, &l);
            if (ns == NS_CONTENT || (ns == NS_ATOM && (!strcmp(l, "content") ||
                                                      !strcmp(l, "summary"))) ||
                ((ns == NS_NONE || ns == NS_RSS) && !strcmp(l, "description")))
                continue;
            collect_items(x, c, depth + 1);
        }
    }
}

/* "Site » Category" (WordPress category and tag feeds) -> "Site" */
static const char *site_from_title(wn_arena *a, const char *t)
{
    if (!t) return NULL;
    const char *sep = strstr(t, " \xC2\xBB ");
    return sep && sep > t ? norm(a, t, (size_t)(sep - t)) : t;
}

static const char *host_of(wn_arena *a, const char *url)
{
    if (!is_http_url(url)) return NULL;
    const char *h = strstr(url, "//") + 2;
    size_t l = strcspn(h, "/:?#");
    if (l > 4 && strncasecmp(h, "www.", 4) == 0) {
        h += 4;
        l -= 4;
    }
    return l ? wn_arena_strndup(a, h, l) : NULL;
}

/* feed-level title, link, language and (Atom) authors from the channel */
static void xml_channel(xctx *x, const xmlNode *ch)
{
    wn_feed *f = x->f;
    const char *title = NULL, *alt = NULL, *self = NULL;
    int alt_rank = 0;
    for (const xmlNode *c = ch->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *l;
        int ns = ns_of(c, &l);
        if (ns == NS_NONE || ns == NS_RSS) {
            if (!strcmp(l, "title") && !title) title = rss_plain(x, c);
            else if (!strcmp(l, "link") && !f->link) {
                const char *u = text_norm(x, c);
                if (is_http_url(u)) f->link = u;
            } else if (!strcmp(l, "language") && !f->language) f->language = text_norm(x, c);
        } else if (ns == NS_ATOM) {
            if (!strcmp(l, "title") && !title) title = atom_plain(x, c);
            else if (!strcmp(l, "link")) {
                int r = alternate_rank(x, c);
                const char *rel = attr(x, c, "rel");
                const char *h = r > alt_rank ? resolve(x, c, attr(x, c, "href")) : NULL;
                if (h) {
                    alt = h;
                    alt_rank = r;
                }
                if (!self && rel && !strcmp(rel, "self")) self = resolve(x, c, attr(x, c, "href"));
            } else if (!strcmp(l, "author") && f->kind == FEED_ATOM) {
                atom_person(x, &f->authors, c);
            }
        } else if (ns == NS_DC) {
            if (!strcmp(l, "language") && !f->language) f->language = text_norm(x, c);
        }
    }
    if (!f->link) f->link = alt;
    x->doc_url = self;
    if (!f->language) {
        xmlChar *lang = xmlNodeGetLang(ch);
        if (lang) {
            f->language = norm(x->a, (const char *)lang, strlen((const char *)lang));
            xmlFree(lang);
        }
    }
    f->site_name = site_from_title(x->a, title);
    if (!f->site_name) f->site_name = host_of(x->a, f->link);
}

static wn_feed *parse_xml(wn_arena *a, const char *buf, size_t len, int max_depth,
                          const char **err)
{
    wn_buf conv, safe;
    wn_buf_init(&conv);
    wn_buf_init(&safe);
    size_t n;
    const char *s = to_utf8(buf, len, &conv, &n);
    prepare_xml(s, n, &safe);
    wn_buf_free(&conv);
    if (safe.len > 0x7fffffff) {
        wn_buf_free(&safe);
        *err = "feed too large for the XML parser";
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        wn_buf_free(&safe);
        *err = "cannot create an XML parser";
        return NULL;
    }
    /* a second fence behind the DOCTYPE removal: nothing gets declared */
    ctxt->sax->entityDecl = NULL;
    ctxt->sax->unparsedEntityDecl = NULL;
    ctxt->sax->attributeDecl = NULL;
    ctxt->sax->elementDecl = NULL;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->resolveEntity = NULL;
    ctxt->sax->endElementNs = on_end_element;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, safe.data, (int)safe.len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    int well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    wn_buf_free(&safe);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc) xmlFreeDoc(doc);
        *err = "XML too broken to parse";
        return NULL;
    }
    wn_feed *f = wn_arena_alloc(a, sizeof *f);
    xctx x = {a, max_depth, f, NULL, NULL};
    const xmlNode *channel = NULL;
    if (is_el(root, NS_RSS, "rss")) {
        f->kind = FEED_RSS;
    } else if (is_el(root, NS_ATOM, "feed")) {
        f->kind = FEED_ATOM;
        channel = root;
    } else if (is_el(root, NS_RDF, "RDF")) {
        f->kind = FEED_RDF;
    } else if (!root->ns && !strcmp((const char *)root->name, "CHANNEL")) {
        f->kind = FEED_CDF; /* Microsoft's Channel Definition Format */
        f->link = resolve(&x, root, attr(&x, root, "HREF"));
        for (const xmlNode *c = root->children; c; c = c->next)
            if (is_cdf(c, "TITLE")) {
                f->site_name = rss_plain(&x, c);
                break;
            }
        if (!f->site_name) f->site_name = host_of(a, f->link);
    } else {
        xmlFreeDoc(doc);
        *err = "not an RSS or Atom feed";
        return NULL;
    }
    if (!channel)
        for (const xmlNode *c = root->children; c && !channel; c = c->next)
            if (is_el(c, NS_RSS, "channel")) channel = c;
    if (channel) xml_channel(&x, channel);
    /* relative links: against the feed's own URL, else its site's */
    x.feed_link = x.doc_url ? x.doc_url : f->link;
    collect_items(&x, root, 0);
    /* the last item, when libxml2 never saw its end, was cut off */
    for (size_t k = 0; k + 1 < f->items.n; k++) ((feed_item *)f->items.v[k])->truncated = 0;
    xmlFreeDoc(doc);
    if (!well_formed && f->items.n == 0) {
        *err = "XML too broken to yield any item";
        return NULL;
    }
    return f;
}

/* ---- JSON Feed --------------------------------------------------------- */

static const char *jstr(wn_arena *a, const wn_json *obj, const char *key)
{
    const wn_json *v = wn_json_get(obj, key);
    if (!v || (v->type != WN_JSON_STRING && v->type != WN_JSON_NUMBER)) return NULL;
    return norm(a, v->str, v->len);
}

static void json_authors(wn_arena *a, wn_ptrvec *out, const wn_json *obj)
{
    const wn_json *v = wn_json_get(obj, "authors");
    if (!v) v = wn_json_get(obj, "author"); /* JSON Feed 1.0 */
    if (!v) return;
    const wn_json *one = v->type == WN_JSON_ARRAY ? v->child : v;
    for (; one; one = v->type == WN_JSON_ARRAY ? one->next : NULL) {
        if (one->type == WN_JSON_OBJECT) {
            const char *url = jstr(a, one, "url");
            add_author(a, out, jstr(a, one, "name"), url, NULL);
        } else if (one->type == WN_JSON_STRING) {
            add_author(a, out, norm(a, one->str, one->len), NULL, NULL);
        }
    }
}

static const wn_json *json_text(const wn_json *obj, const char *key)
{
    const wn_json *v = wn_json_get(obj, key);
    return v && v->type == WN_JSON_STRING && !is_blank(v->str, v->len) ? v : NULL;
}

static feed_item *json_item(wn_arena *a, const wn_feed *f, const wn_json *o)
{
    feed_item *it = wn_arena_alloc(a, sizeof *it);
    it->title = jstr(a, o, "title");
    static const char *const URL_KEYS[] = {"url", "external_url", "id"};
    for (size_t k = 0; k < 3 && !it->url; k++) {
        const char *u = jstr(a, o, URL_KEYS[k]);
        if (is_http_url(u)) it->url = u;
    }
    it->date_published = jstr(a, o, "date_published");
    it->date_modified = jstr(a, o, "date_modified");
    json_authors(a, &it->authors, o);
    it->inherit_authors = it->authors.n == 0;
    const wn_json *tags = wn_json_get(o, "tags");
    if (tags && tags->type == WN_JSON_ARRAY)
        for (const wn_json *t = tags->child; t; t = t->next)
            if (t->type == WN_JSON_STRING) add_tag(a, &it->tags, norm(a, t->str, t->len));
    const char *img = jstr(a, o, "image");
    if (!is_http_url(img)) img = jstr(a, o, "banner_image");
    it->image = is_http_url(img) ? img : NULL;
    it->language = jstr(a, o, "language");
    if (!it->language) it->language = f->language;
    const wn_json *html = json_text(o, "content_html"), *text = json_text(o, "content_text"),
                  *sum = json_text(o, "summary");
    const wn_json *body = html ? html : text ? text : sum;
    if (body) {
        it->payload = body->str;
        it->payload_len = body->len;
        it->payload_is_html = body == html;
        if (sum && body != sum) it->description = norm(a, sum->str, sum->len);
    }
    return it;
}

static wn_feed *parse_json(wn_arena *a, const char *buf, size_t len, int max_depth,
                           const char **err)
{
    size_t consumed = 0;
    wn_json_diag diag;
    memset(&diag, 0, sizeof diag);
    wn_json *v = wn_json_parse(a, buf, len, max_depth, &consumed, &diag);
    if (!v) {
        *err = diag.too_deep ? "JSON Feed nested too deeply" : "invalid JSON";
        return NULL;
    }
    const wn_json *ver = wn_json_get(v, "version");
    if (v->type != WN_JSON_OBJECT || !ver || ver->type != WN_JSON_STRING ||
        !is_jsonfeed_version(ver->str, ver->len)) {
        *err = "not a JSON Feed";
        return NULL;
    }
    wn_feed *f = wn_arena_alloc(a, sizeof *f);
    f->kind = FEED_JSON;
    f->link = jstr(a, v, "home_page_url");
    if (!is_http_url(f->link)) f->link = NULL;
    f->site_name = site_from_title(a, jstr(a, v, "title"));
    if (!f->site_name) f->site_name = host_of(a, f->link);
    f->language = jstr(a, v, "language");
    json_authors(a, &f->authors, v);
    const wn_json *items = wn_json_get(v, "items");
    if (items && items->type == WN_JSON_ARRAY)
        for (const wn_json *o = items->child; o; o = o->next)
            if (o->type == WN_JSON_OBJECT) wn_ptrvec_push(a, &f->items, json_item(a, f, o));
    return f;
}

/* ---- API --------------------------------------------------------------- */

wn_feed *wn_feed_parse(wn_arena *a, const char *buf, size_t len, int max_depth,
                       const char **err)
{
    const char *dummy;
    if (!err) err = &dummy;
    *err = NULL;
    if (max_depth < 1) max_depth = DEFAULT_DEPTH;
    if (!a || !buf || !len) {
        *err = "empty input";
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)buf;
    char name[64];
    size_t bom;
    int enc = xml_encoding(p, len, &bom, name, sizeof name);
    size_t i = skip_ws(buf, len, bom);
    wn_feed *f = NULL;
    if (enc == ENC_UTF8 && i < len && buf[i] == '{')
        f = parse_json(a, buf + bom, len - bom, max_depth, err);
    else if (enc != ENC_UTF8 || (i < len && buf[i] == '<'))
        f = parse_xml(a, buf, len, max_depth, err);
    else
        *err = "not a feed";
    if (!f) return NULL;
    for (size_t k = 0; k < f->items.n; k++) {
        feed_item *it = f->items.v[k];
        if (it->inherit_authors) it->authors = f->authors;
    }
    return f;
}

size_t wn_feed_count(const wn_feed *f) { return f ? f->items.n : 0; }

static void set_hint(wn_doc *d, const char **field, const char **src, const char *v)
{
    if (!v) return;
    *field = wn_arena_strdup(&d->arena, v);
    *src = "feed";
}

int wn_feed_item_to_doc(const wn_feed *f, size_t i, wn_doc *d)
{
    if (!d) return -1;
    if (!f || i >= f->items.n) {
        wn_doc_set_error(d, "no_item", "feed has no item %zu", i);
        return -1;
    }
    const feed_item *it = f->items.v[i];
    wn_hints *h = &d->hints;
    set_hint(d, &h->title, &h->title_src, it->title);
    set_hint(d, &h->url, &h->url_src, it->url);
    set_hint(d, &h->date_published, &h->date_published_src, it->date_published);
    set_hint(d, &h->date_modified, &h->date_modified_src, it->date_modified);
    set_hint(d, &h->description, &h->description_src, it->description);
    set_hint(d, &h->image, &h->image_src, it->image);
    set_hint(d, &h->language, &h->language_src, it->language);
    set_hint(d, &h->publisher, &h->publisher_src, it->publisher);
    set_hint(d, &h->site_name, &h->site_name_src, f->site_name);
    for (size_t k = 0; k < it->authors.n; k++) {
        const wn_author *au = it->authors.v[k];
        wn_author *x = wn_author_add(&d->arena, &h->authors, au->name, au->role, au->handle, au->url);
        if (x && !x->email && au->email) x->email = wn_arena_strdup(&d->arena, au->email);
    }
    if (h->authors.n) h->authors_src = "feed";
    for (size_t k = 0; k < it->tags.n; k++)
        wn_ptrvec_push(&d->arena, &h->tags, wn_arena_strdup(&d->arena, it->tags.v[k]));
    if (h->tags.n) h->tags_src = "feed";
    d->publisher_words = 1;
    if (it->truncated) {
        wn_doc_set_error(d, "truncated_item", "feed item %zu is cut off by the end of the input",
                         i);
        return -1;
    }
    if (!it->payload) {
        wn_doc_set_error(d, "no_payload", "feed item %zu has no content, description or summary",
                         i);
        return -1;
    }
    d->payload = it->payload;
    d->payload_len = it->payload_len;
    d->payload_is_html = it->payload_is_html;
    if (it->payload_is_html && !h->charset) h->charset = "UTF-8"; /* decoded already */
    return 0;
}
