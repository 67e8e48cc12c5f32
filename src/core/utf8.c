/*
 * utf8.c — strict UTF-8 decoding and Unicode character classes.
 *
 * Decoding is hand-written because it sits on the hottest path (every byte
 * of every document passes through it) and must treat overlongs, surrogates
 * and truncated sequences as invalid (checked on the second byte, as the
 * Unicode standard's table of well-formed sequences does); character classes come from utf8proc,
 * which tracks the Unicode tables so we don't have to.
 */
#include "core.h"

#include <string.h>
#include <utf8proc.h>

int wn_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    int len;
    int32_t v;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;      /* no overlongs */
        else if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F; /* <= U+10FFFF */
    } else {
        *cp = -1;
        return 1;
    }
    /* On error, the maximal valid subpart counts as one bad sequence (the
     * Unicode "substitution of maximal subparts" practice): a truncated
     * 3-byte character gives one U+FFFD, not two. */
    for (int i = 1; i < len; i++) {
        unsigned b = (size_t)i < n ? s[i] : 0;
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if ((size_t)i >= n || b < l || b > h) {
            *cp = -1;
            return i;
        }
        v = (v << 6) | (int32_t)(b & 0x3F);
    }
    *cp = v;
    return len;
}

int wn_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int wn_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int l = wn_utf8_decode(p + i, n - i, &cp);
        if (cp < 0) return 0;
        i += (size_t)l;
    }
    return 1;
}

char *wn_utf8_sanitize(wn_arena *a, const char *s, size_t n, size_t *out_len,
                       size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    /* worst case: every byte becomes a 3-byte U+FFFD */
    char *out = wn_arena_alloc(a, n * 3 + 1);
    size_t o = 0, nbad = 0, i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            if (p[i]) out[o++] = (char)p[i];
            i++;
            continue;
        }
        int32_t cp;
        int l = wn_utf8_decode(p + i, n - i, &cp);
        if (cp < 0) {
            o += (size_t)wn_utf8_encode(0xFFFD, out + o);
            nbad++;
        } else {
            memcpy(out + o, p + i, (size_t)l);
            o += (size_t)l;
        }
        i += (size_t)l;
    }
    out[o] = 0;
    if (out_len) *out_len = o;
    if (bad) *bad = nbad;
    return out;
}

int wn_uc_is_space(int32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 9 && cp <= 13);
    if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return 1;
    return cp >= 0x2000 && cp <= 0x200A;
}

int wn_uc_is_invisible(int32_t cp)
{
    switch (cp) {
    case 0xAD:   /* soft hyphen */
    case 0x180E: /* Mongolian vowel separator */
    case 0x200B: case 0x200C: case 0x200D: /* zero-width space/(non-)joiner */
    case 0x200E: case 0x200F:             /* LRM, RLM */
    case 0x2060: case 0x2061: case 0x2062: case 0x2063: case 0x2064:
    case 0xFEFF: /* BOM / zero-width no-break space */
    case 0xFFFE:
        return 1;
    default:
        /* bidi embeddings/isolates */
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}

int wn_uc_is_word(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9') || cp == '_';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
        return 1;
    default:
        return 0;
    }
}

int wn_uc_is_letter(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int wn_uc_is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int wn_uc_is_lower(int32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int32_t wn_uc_tolower(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}
