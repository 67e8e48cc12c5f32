/*
 * markdown.c — Markdown bodies (crawler outputs such as a "markdown"
 * field) to flattened text, one paragraph per line.
 *
 * Design: winnow's text path reads one block per line, so the job is only
 * to take the Markdown syntax away and keep the words: paragraph lines
 * wrapped by the writer are joined; headings, list items, quotes and table
 * rows lose their markers and become lines of their own; links keep their
 * text ([text](url) -> text), images and bare reference definitions go;
 * emphasis and code markers are dropped; fenced code is kept line by
 * line; thematic breaks and HTML comments vanish. It is a single linear
 * pass with no backtracking, so any input, however malformed, costs time
 * proportional to its length. Not a full CommonMark parser (nested
 * containers are flattened), which the cleaning stage does not need.
 */
#include "input.h"

#include <string.h>

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* inline syntax of one line into b */
static void put_inline(wn_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '!' && i + 1 < n && s[i + 1] == '[') { /* image: dropped with its URL */
            const char *close = memchr(s + i, ']', n - i);
            if (close && (size_t)(close - s) + 1 < n && close[1] == '(') {
                const char *end = memchr(close, ')', n - (size_t)(close - s));
                if (end) {
                    i = (size_t)(end - s) + 1;
                    continue;
                }
            }
        }
        if (c == '[') { /* link: its text */
            const char *close = memchr(s + i, ']', n - i);
            if (close && (size_t)(close - s) + 1 < n && close[1] == '(') {
                const char *end = memchr(close, ')', n - (size_t)(close - s));
                if (end) {
                    put_inline(b, s + i + 1, (size_t)(close - s) - i - 1);
                    i = (size_t)(end - s) + 1;
                    continue;
                }
            }
        }
        if (c == '*' || c == '`' || (c == '_' && (i + 1 < n && s[i + 1] == '_'))) {
            i += c == '_' ? 2 : 1; /* emphasis and code markers */
            continue;
        }
        if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|>", s[i + 1])) {
            wn_buf_putc(b, s[i + 1]);
            i += 2;
            continue;
        }
        if (c == '<' && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 2 < n && !end; k++)
                if (!memcmp(s + k, "-->", 3)) end = s + k + 3;
            i = end ? (size_t)(end - s) : n;
            continue;
        }
        wn_buf_putc(b, c);
        i++;
    }
}

char *wn_markdown_to_text(wn_arena *a, const char *s, size_t n, size_t *out_len)
{
    wn_buf b;
    wn_buf_init(&b);
    int in_para = 0, fence = 0;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, len = e - i;
        const char *l = s + i;
        i = nl ? e + 1 : n;
        size_t ind = 0;
        while (ind < len && (l[ind] == ' ' || l[ind] == '\t')) ind++;
        const char *t = l + ind;
        size_t tl = len - ind;
        while (tl && (t[tl - 1] == '\r' || t[tl - 1] == ' ')) tl--;
        if (tl >= 3 && (!memcmp(t, "```", 3) || !memcmp(t, "~~~", 3))) {
            fence = !fence;
            if (in_para) wn_buf_putc(&b, '\n');
            in_para = 0;
            continue;
        }
        if (fence) {
            if (!blank(t, tl)) {
                wn_buf_append(&b, l, len);
                wn_buf_putc(&b, '\n');
            }
            continue;
        }
        if (blank(t, tl)) {
            if (in_para) wn_buf_putc(&b, '\n');
            in_para = 0;
            continue;
        }
        /* thematic break: only -, *, _ and spaces, three or more marks */
        size_t marks = 0, other = 0;
        for (size_t k = 0; k < tl; k++)
            if (t[k] == '-' || t[k] == '*' || t[k] == '_') marks++;
            else if (t[k] != ' ') other++;
        if (marks >= 3 && !other) {
            if (in_para) wn_buf_putc(&b, '\n');
            in_para = 0;
            continue;
        }
        size_t eq = 0;
        while (eq < tl && t[eq] == '=') eq++;
        if (eq == tl) { /* setext underline: the line above was a heading */
            if (in_para) wn_buf_putc(&b, '\n');
            in_para = 0;
            continue;
        }
        /* a reference definition "[x]: http..." */
        if (t[0] == '[') {
            const char *close = memchr(t, ']', tl);
            if (close && (size_t)(close - t) + 1 < tl && close[1] == ':') continue;
        }
        /* block markers: heading, quote, list item, table row */
        int block = 0;
        size_t k = 0;
        if (t[0] == '#') {
            while (k < tl && t[k] == '#') k++;
            if (k <= 6 && (k == tl || t[k] == ' ')) {
                block = 1;
                while (tl > k && (t[tl - 1] == '#' || t[tl - 1] == ' ')) tl--; /* closing #s */
            } else {
                k = 0;
            }
        } else if (t[0] == '>') {
            while (k < tl && (t[k] == '>' || t[k] == ' ')) k++;
            block = 1;
        } else if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && tl > 1 && t[1] == ' ') {
            k = 2;
            block = 1;
        } else if (t[0] >= '0' && t[0] <= '9') {
            while (k < tl && k < 9 && t[k] >= '0' && t[k] <= '9') k++;
            if (k < tl && (t[k] == '.' || t[k] == ')') && k + 1 < tl && t[k + 1] == ' ')
                k += 2, block = 1;
            else
                k = 0;
        } else if (t[0] == '|') {
            /* a table row: cells joined by spaces; the |---| rule goes */
            int rule = 1;
            for (size_t q = 0; q < tl; q++)
                if (!strchr("|-: ", t[q])) rule = 0;
            if (in_para) wn_buf_putc(&b, '\n');
            in_para = 0;
            if (rule) continue;
            size_t st = 1;
            for (size_t q = 1; q <= tl; q++)
                if (q == tl || t[q] == '|') {
                    size_t cs = st, ce = q;
                    while (cs < ce && t[cs] == ' ') cs++;
                    while (ce > cs && t[ce - 1] == ' ') ce--;
                    if (ce > cs) {
                        if (b.len && b.data[b.len - 1] != '\n') wn_buf_putc(&b, ' ');
                        put_inline(&b, t + cs, ce - cs);
                    }
                    st = q + 1;
                }
            wn_buf_putc(&b, '\n');
            continue;
        }
        while (k < tl && t[k] == ' ') k++;
        if (block) {
            if (in_para) wn_buf_putc(&b, '\n');
            put_inline(&b, t + k, tl - k);
            wn_buf_putc(&b, '\n');
            in_para = 0;
            continue;
        }
        size_t before = b.len;
        if (in_para) wn_buf_putc(&b, ' ');
        put_inline(&b, t, tl);
        if (b.len == before + (size_t)in_para) /* nothing but an image: no paragraph */
            b.len = before;
        else
            in_para = 1;
    }
    size_t len = b.len;
    char *r = wn_arena_strndup(a, b.len ? b.data : "", b.len);
    wn_buf_free(&b);
    *out_len = len;
    return r;
}
