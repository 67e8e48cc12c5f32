/*
 * detect.c — what is this input? Sniffed from its first bytes only.
 *
 * Order matters: gzip is peeled off before we get here; a NUL byte or a
 * high share of control characters means binary junk (refused with a clear
 * error rather than turned into a page of U+FFFD); JSON is recognised by its
 * first significant character — including the typographic quotes a word
 * processor puts in place of '"' — and HTML by a tag near the start. All
 * else is text: a naive scraper's flattened page dump is the common case.
 */
#include "input.h"

#include <string.h>
#include <strings.h>

static size_t skip_ws_bom(const char *s, size_t n, size_t i)
{
    if (i == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                     s[i] == '\f'))
        i++;
    return i;
}

/* quote-like characters that may open a JSON string in a damaged dump */
static int starts_with_quote(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == '"' || s[0] == '\'')) return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned c = (unsigned char)s[2];
        return c == 0x9C || c == 0x9D || c == 0x9E || c == 0x9F || c == 0x98 ||
               c == 0x99 || c == 0x9A;
    }
    return 0;
}

/* s (n bytes, not NUL-terminated) starts with w */
static int has_word(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n >= l && memcmp(s, w, l) == 0;
}

static int looks_like_json(const char *s, size_t n, size_t i)
{
    if (s[i] == '{') {
        size_t j = skip_ws_bom(s, n, i + 1);
        return j >= n || s[j] == '}' || starts_with_quote(s + j, n - j);
    }
    if (s[i] == '[') {
        size_t j = skip_ws_bom(s, n, i + 1);
        if (j >= n) return 1;
        char c = s[j];
        return c == '{' || c == '[' || c == ']' || c == '-' || (c >= '0' && c <= '9') ||
               starts_with_quote(s + j, n - j) || has_word(s + j, n - j, "true") ||
               has_word(s + j, n - j, "false") || has_word(s + j, n - j, "null");
    }
    return 0;
}

int wn_looks_like_html(const char *s, size_t n)
{
    static const char *tags[] = {"<!doctype", "<html", "<head", "<body", "<p>", "<p ",
                                 "<div", "<br", "<article", "<span", "<a ", "<h1",
                                 "<h2", "<h3", "<ul", "<ol", "<li", "<table", "<img",
                                 "<section", "<meta", "<title", "<figure", "<em>",
                                 "<strong>", "<b>", "<i>", "<blockquote", "<!--"};
    size_t lim = n < 4096 ? n : 4096;
    int hits = 0;
    for (size_t i = 0; i < lim; i++) {
        if (s[i] != '<') continue;
        for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
            size_t tl = strlen(tags[t]);
            if (i + tl <= n && strncasecmp(s + i, tags[t], tl) == 0) {
                if (t < 4) return 1; /* document-level tags are decisive */
                if (++hits >= 2) return 1;
                break;
            }
        }
    }
    /* one inline tag in a short payload is enough */
    return hits >= 1 && n < 2048;
}

wn_kind wn_detect(const char *s, size_t n)
{
    size_t i = skip_ws_bom(s, n, 0);
    if (i >= n) return WN_KIND_EMPTY;

    /* UTF-16 with a byte-order mark: NUL bytes are expected; sniff the
     * ASCII letters for markup (the HTML reader decodes UTF-16) */
    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                   ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
        char ascii[2048];
        size_t o = 0;
        for (size_t k = 2; k < n && o < sizeof ascii; k++)
            if (s[k]) ascii[o++] = s[k];
        return wn_looks_like_html(ascii, o) ? WN_KIND_HTML : WN_KIND_TEXT;
    }

    size_t lim = n < 8192 ? n : 8192, ctrl = 0;
    for (size_t k = 0; k < lim; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == 0) return WN_KIND_BINARY;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctrl++;
    }
    if (ctrl * 20 > lim) return WN_KIND_BINARY; /* > 5% control bytes */
    /* markup in a legacy encoding (Shift_JIS, GBK: mostly invalid UTF-8) is
     * still HTML: the HTML reader converts it */
    if (s[i] == '<' && wn_looks_like_html(s + i, n - i)) return WN_KIND_HTML;
    /* otherwise mostly invalid UTF-8 in the head is binary (legacy 8-bit
     * text has isolated high bytes; junk has runs of them) */
    size_t bad = 0, k = 0;
    while (k < lim) {
        int32_t cp;
        int l = wn_utf8_decode((const unsigned char *)s + k, lim - k, &cp);
        if (cp < 0 && lim - k > 4) bad++;
        k += (size_t)l;
    }
    if (bad * 4 > lim) return WN_KIND_BINARY;

    if (looks_like_json(s, n, i)) return WN_KIND_JSON;
    if (s[i] == '<' && wn_looks_like_html(s + i, n - i)) return WN_KIND_HTML;
    if (wn_looks_like_html(s + i, n - i) && n - i < 4096) return WN_KIND_HTML;
    return WN_KIND_TEXT;
}

const char *wn_kind_name(wn_kind k)
{
    switch (k) {
    case WN_KIND_EMPTY: return "empty";
    case WN_KIND_BINARY: return "binary";
    case WN_KIND_JSON: return "json";
    case WN_KIND_HTML: return "html";
    case WN_KIND_TEXT: return "text";
    }
    return "?";
}
