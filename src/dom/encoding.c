/*
 * encoding.c — an HTML page's bytes to valid UTF-8, before parsing.
 *
 * Evidence, strongest first (after the WHATWG Encoding and HTML standards):
 *   1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); the BOM is stripped;
 *   2. `declared`, the caller's or transport's charset (a bare label, or a
 *      whole Content-Type value: "text/html; charset=x" is understood);
 *   3. <meta charset> or <meta http-equiv=Content-Type content="...;
 *      charset=x"> found by the standard's prescan of the first 4 KiB
 *      (comments and other tags' attributes are skipped, so a "charset" in
 *      a comment or a <script> attribute does not count);
 *   4. detection: UTF-8 when the bytes read as UTF-8, else windows-1252.
 * Labels are matched after the Encoding standard's label table, compared
 * on lowercase letters and digits only ("UTF_8", "utf8", "Shift-JIS" and
 * "ISO8859-1" all match). As the standard says, iso-8859-1, latin1 and
 * ascii mean windows-1252 (servers say latin1 and send 0x93 quotes), gb2312
 * and gbk mean GB18030 (its superset), shift_jis means windows-31j, euc-kr
 * means windows-949, big5 means Big5-HKSCS. Unknown labels are ignored, as
 * are the standard's "replacement" encodings (iso-2022-kr, hz-gb-2312...):
 * a page is better read by detection than replaced by one U+FFFD.
 *
 * Declarations lie, so the bytes get a say. One linear pass counts valid
 * multi-byte UTF-8 sequences (`good`) and invalid ones (`bad`; a sequence
 * cut off by the end of the input is not held against UTF-8 when there is
 * other UTF-8 evidence, since truncated records are common):
 *   - a legacy charset is overridden by UTF-8 when there is no invalid
 *     sequence and at least one multi-byte sequence (single-byte charsets
 *     and 7-bit iso-2022-jp) or eight (GBK, Shift_JIS, EUC, Big5): real
 *     8-bit text is valid UTF-8 by accident only when very short, while
 *     "charset=iso-8859-1" on a UTF-8 page is everyday misconfiguration;
 *   - a UTF-8 declaration is overridden by windows-1252 when invalid
 *     sequences outnumber valid multi-byte ones. Each reading damages
 *     characters: UTF-8 turns every bad sequence into U+FFFD, windows-1252
 *     turns every good one into mojibake, so we pick the reading that
 *     damages fewer (a small percentage threshold would garble a whole
 *     UTF-8 page over one stray byte in a short one). Otherwise bad
 *     sequences become U+FFFD (wn_utf8_sanitize);
 *   - with nothing declared, UTF-8 wins when there are no bad sequences or
 *     strictly more good ones than bad (a UTF-8 page with a damaged byte
 *     stays readable); otherwise windows-1252.
 * A UTF-16 declaration without a BOM is believed only when the first KiB
 * has a NUL byte (ASCII markup in UTF-16 always has them; servers that
 * claim utf-16 for an ASCII page do not), and a meta tag saying UTF-16 means
 * UTF-8, as the standard says (the tag could not be read otherwise).
 *
 * Conversion: UTF-8 is copied (sanitised if needed), UTF-16 and
 * windows-1252 are decoded here (windows-1252 is the fallback that must
 * never fail, even where glibc's gconv modules are missing, and the
 * standard maps its five undefined bytes to C1 controls, where glibc's
 * CP1252 refuses them), everything else goes through iconv(3), one
 * iconv_t per call (no shared state: thread-safe). An invalid or truncated
 * sequence becomes U+FFFD and one byte is skipped, then conversion resumes
 * (stateful decoders keep their shift state); E2BIG grows the buffer. Each
 * step consumes input or grows the buffer, so the loop ends and the whole
 * conversion is linear. If iconv cannot open a charset the page is read as
 * by detection. NUL bytes are dropped, as wn_utf8_sanitize does, so the
 * NUL-terminated result never ends early. *used names what was applied.
 */
#include "dom.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* ---- encodings and labels -------------------------------------------- */

enum { K_UTF8, K_UTF16LE, K_UTF16BE, K_1252, K_ICONV };

typedef struct enc_info {
    const char *name;         /* canonical, lowercase: reported in *used */
    const char *iconv_name;   /* glibc names, preferred first */
    const char *iconv_alt;
    unsigned char kind;       /* K_* */
    unsigned char min_utf8;   /* multi-byte sequences of otherwise valid UTF-8
                                 that override this charset as declared (0: never) */
} enc_info;

enum {
    E_UTF8, E_UTF16LE, E_UTF16BE, E_1252, E_1250, E_1251, E_1253, E_1254, E_1255,
    E_1256, E_1257, E_1258, E_874, E_8859_2, E_8859_3, E_8859_4, E_8859_5, E_8859_6,
    E_8859_7, E_8859_8, E_8859_10, E_8859_13, E_8859_14, E_8859_15, E_8859_16,
    E_KOI8R, E_KOI8U, E_IBM866, E_MAC, E_MACCYR, E_GB18030, E_BIG5, E_SJIS, E_EUCJP,
    E_ISO2022JP, E_EUCKR, E_COUNT_
};

#define SB 1 /* single-byte: one multi-byte UTF-8 sequence is enough */
#define MB 8 /* double-byte CJK */
static const enc_info ENC[E_COUNT_] = {
    [E_UTF8] = {"utf-8", NULL, NULL, K_UTF8, 0},
    [E_UTF16LE] = {"utf-16le", NULL, NULL, K_UTF16LE, 0},
    [E_UTF16BE] = {"utf-16be", NULL, NULL, K_UTF16BE, 0},
    [E_1252] = {"windows-1252", NULL, NULL, K_1252, SB},
    [E_1250] = {"windows-1250", "CP1250", "WINDOWS-1250", K_ICONV, SB},
    [E_1251] = {"windows-1251", "CP1251", "WINDOWS-1251", K_ICONV, SB},
    [E_1253] = {"windows-1253", "CP1253", "WINDOWS-1253", K_ICONV, SB},
    [E_1254] = {"windows-1254", "CP1254", "WINDOWS-1254", K_ICONV, SB},
    [E_1255] = {"windows-1255", "CP1255", "WINDOWS-1255", K_ICONV, SB},
    [E_1256] = {"windows-1256", "CP1256", "WINDOWS-1256", K_ICONV, SB},
    [E_1257] = {"windows-1257", "CP1257", "WINDOWS-1257", K_ICONV, SB},
    [E_1258] = {"windows-1258", "CP1258", "WINDOWS-1258", K_ICONV, SB},
    [E_874] = {"windows-874", "CP874", "WINDOWS-874", K_ICONV, SB},
    [E_8859_2] = {"iso-8859-2", "ISO-8859-2", NULL, K_ICONV, SB},
    [E_8859_3] = {"iso-8859-3", "ISO-8859-3", NULL, K_ICONV, SB},
    [E_8859_4] = {"iso-8859-4", "ISO-8859-4", NULL, K_ICONV, SB},
    [E_8859_5] = {"iso-8859-5", "ISO-8859-5", NULL, K_ICONV, SB},
    [E_8859_6] = {"iso-8859-6", "ISO-8859-6", NULL, K_ICONV, SB},
    [E_8859_7] = {"iso-8859-7", "ISO-8859-7", NULL, K_ICONV, SB},
    [E_8859_8] = {"iso-8859-8", "ISO-8859-8", NULL, K_ICONV, SB},
    [E_8859_10] = {"iso-8859-10", "ISO-8859-10", NULL, K_ICONV, SB},
    [E_8859_13] = {"iso-8859-13", "ISO-8859-13", NULL, K_ICONV, SB},
    [E_8859_14] = {"iso-8859-14", "ISO-8859-14", NULL, K_ICONV, SB},
    [E_8859_15] = {"iso-8859-15", "ISO-8859-15", NULL, K_ICONV, SB},
    [E_8859_16] = {"iso-8859-16", "ISO-8859-16", NULL, K_ICONV, SB},
    [E_KOI8R] = {"koi8-r", "KOI8-R", NULL, K_ICONV, SB},
    [E_KOI8U] = {"koi8-u", "KOI8-U", NULL, K_ICONV, SB},
    [E_IBM866] = {"ibm866", "IBM866", "CP866", K_ICONV, SB},
    [E_MAC] = {"macintosh", "MACINTOSH", NULL, K_ICONV, SB},
    [E_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC", "MACCYRILLIC", K_ICONV, SB},
    [E_GB18030] = {"gb18030", "GB18030", "GBK", K_ICONV, MB},
    [E_BIG5] = {"big5", "BIG5-HKSCS", "BIG5", K_ICONV, MB},
    [E_SJIS] = {"shift_jis", "CP932", "SHIFT_JIS", K_ICONV, MB},
    [E_EUCJP] = {"euc-jp", "EUC-JP", NULL, K_ICONV, MB},
    [E_ISO2022JP] = {"iso-2022-jp", "ISO-2022-JP", NULL, K_ICONV, SB}, /* 7-bit */
    [E_EUCKR] = {"euc-kr", "CP949", "EUC-KR", K_ICONV, MB},
};

typedef struct label {
    const char *label; /* as the standard spells it; compared normalised */
    unsigned char enc;
} label;

/* The Encoding standard's labels (plus cp936/windows-936/euc-cn, cp949/uhc,
 * cp932 and cp874, which pages use and glibc knows). */
static const label LABELS[] = {
    {"utf-8", E_UTF8}, {"utf8", E_UTF8}, {"unicode-1-1-utf-8", E_UTF8},
    {"unicode11utf8", E_UTF8}, {"unicode20utf8", E_UTF8}, {"x-unicode20utf8", E_UTF8},
    {"utf-16", E_UTF16LE}, {"utf-16le", E_UTF16LE}, {"ucs-2", E_UTF16LE},
    {"unicode", E_UTF16LE}, {"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE},
    {"unicodefeff", E_UTF16LE}, {"utf-16be", E_UTF16BE}, {"unicodefffe", E_UTF16BE},
    {"windows-1252", E_1252}, {"cp1252", E_1252}, {"x-cp1252", E_1252},
    {"iso-8859-1", E_1252}, {"iso8859-1", E_1252}, {"iso_8859-1:1987", E_1252},
    {"iso-ir-100", E_1252}, {"latin1", E_1252}, {"l1", E_1252}, {"csisolatin1", E_1252},
    {"cp819", E_1252}, {"ibm819", E_1252}, {"ascii", E_1252}, {"us-ascii", E_1252},
    {"ansi_x3.4-1968", E_1252},
    {"windows-1250", E_1250}, {"cp1250", E_1250}, {"x-cp1250", E_1250},
    {"windows-1251", E_1251}, {"cp1251", E_1251}, {"x-cp1251", E_1251},
    {"windows-1253", E_1253}, {"cp1253", E_1253}, {"x-cp1253", E_1253},
    {"windows-1254", E_1254}, {"cp1254", E_1254}, {"x-cp1254", E_1254},
    {"iso-8859-9", E_1254}, {"iso8859-9", E_1254}, {"iso_8859-9:1989", E_1254},
    {"iso-ir-148", E_1254}, {"latin5", E_1254}, {"l5", E_1254}, {"csisolatin5", E_1254},
    {"windows-1255", E_1255}, {"cp1255", E_1255}, {"x-cp1255", E_1255},
    {"windows-1256", E_1256}, {"cp1256", E_1256}, {"x-cp1256", E_1256},
    {"windows-1257", E_1257}, {"cp1257", E_1257}, {"x-cp1257", E_1257},
    {"windows-1258", E_1258}, {"cp1258", E_1258}, {"x-cp1258", E_1258},
    {"windows-874", E_874}, {"dos-874", E_874}, {"cp874", E_874}, {"tis-620", E_874},
    {"iso-8859-11", E_874},
    {"iso-8859-2", E_8859_2}, {"iso_8859-2:1987", E_8859_2}, {"iso-ir-101", E_8859_2},
    {"latin2", E_8859_2}, {"l2", E_8859_2}, {"csisolatin2", E_8859_2},
    {"iso-8859-3", E_8859_3}, {"iso_8859-3:1988", E_8859_3}, {"iso-ir-109", E_8859_3},
    {"latin3", E_8859_3}, {"l3", E_8859_3}, {"csisolatin3", E_8859_3},
    {"iso-8859-4", E_8859_4}, {"iso_8859-4:1988", E_8859_4}, {"iso-ir-110", E_8859_4},
    {"latin4", E_8859_4}, {"l4", E_8859_4}, {"csisolatin4", E_8859_4},
    {"iso-8859-5", E_8859_5}, {"iso_8859-5:1988", E_8859_5}, {"iso-ir-144", E_8859_5},
    {"cyrillic", E_8859_5}, {"csisolatincyrillic", E_8859_5},
    {"iso-8859-6", E_8859_6}, {"iso_8859-6:1987", E_8859_6}, {"iso-8859-6-e", E_8859_6},
    {"iso-8859-6-i", E_8859_6}, {"iso-ir-127", E_8859_6}, {"arabic", E_8859_6},
    {"asmo-708", E_8859_6}, {"ecma-114", E_8859_6}, {"csiso88596e", E_8859_6},
    {"csiso88596i", E_8859_6}, {"csisolatinarabic", E_8859_6},
    {"iso-8859-7", E_8859_7}, {"iso_8859-7:1987", E_8859_7}, {"iso-ir-126", E_8859_7},
    {"greek", E_8859_7}, {"greek8", E_8859_7}, {"elot_928", E_8859_7},
    {"ecma-118", E_8859_7}, {"sun_eu_greek", E_8859_7}, {"csisolatingreek", E_8859_7},
    {"iso-8859-8", E_8859_8}, {"iso_8859-8:1988", E_8859_8}, {"iso-8859-8-e", E_8859_8},
    {"iso-8859-8-i", E_8859_8}, {"iso-ir-138", E_8859_8}, {"hebrew", E_8859_8},
    {"visual", E_8859_8}, {"logical", E_8859_8}, {"csiso88598e", E_8859_8},
    {"csiso88598i", E_8859_8}, {"csisolatinhebrew", E_8859_8},
    {"iso-8859-10", E_8859_10}, {"iso-ir-157", E_8859_10}, {"latin6", E_8859_10},
    {"l6", E_8859_10}, {"csisolatin6", E_8859_10},
    {"iso-8859-13", E_8859_13}, {"iso-8859-14", E_8859_14},
    {"iso-8859-15", E_8859_15}, {"latin9", E_8859_15}, {"l9", E_8859_15},
    {"csisolatin9", E_8859_15}, {"iso-8859-16", E_8859_16},
    {"koi8-r", E_KOI8R}, {"koi8", E_KOI8R}, {"koi", E_KOI8R}, {"cskoi8r", E_KOI8R},
    {"koi8-u", E_KOI8U}, {"koi8-ru", E_KOI8U},
    {"ibm866", E_IBM866}, {"cp866", E_IBM866}, {"866", E_IBM866}, {"csibm866", E_IBM866},
    {"macintosh", E_MAC}, {"mac", E_MAC}, {"x-mac-roman", E_MAC}, {"csmacintosh", E_MAC},
    {"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
    {"gb18030", E_GB18030}, {"gbk", E_GB18030}, {"x-gbk", E_GB18030},
    {"gb2312", E_GB18030}, {"gb_2312-80", E_GB18030}, {"csgb2312", E_GB18030},
    {"chinese", E_GB18030}, {"iso-ir-58", E_GB18030}, {"csiso58gb231280", E_GB18030},
    {"cp936", E_GB18030}, {"windows-936", E_GB18030}, {"euc-cn", E_GB18030},
    {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5}, {"csbig5", E_BIG5},
    {"x-x-big5", E_BIG5},
    {"shift_jis", E_SJIS}, {"sjis", E_SJIS}, {"x-sjis", E_SJIS}, {"ms_kanji", E_SJIS},
    {"ms932", E_SJIS}, {"cp932", E_SJIS}, {"windows-31j", E_SJIS}, {"csshiftjis", E_SJIS},
    {"euc-jp", E_EUCJP}, {"x-euc-jp", E_EUCJP}, {"cseucpkdfmtjapanese", E_EUCJP},
    {"iso-2022-jp", E_ISO2022JP}, {"csiso2022jp", E_ISO2022JP},
    {"euc-kr", E_EUCKR}, {"windows-949", E_EUCKR}, {"cp949", E_EUCKR}, {"uhc", E_EUCKR},
    {"ks_c_5601-1987", E_EUCKR}, {"ks_c_5601-1989", E_EUCKR}, {"ksc5601", E_EUCKR},
    {"korean", E_EUCKR}, {"iso-ir-149", E_EUCKR}, {"cseuckr", E_EUCKR},
    {"csksc56011987", E_EUCKR},
};

#define LABEL_MAX 40 /* longer than any label, normalised */

static int is_ws(unsigned c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static unsigned lower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Lowercase letters and digits of s[0..n) into out; 0 when too long. */
static size_t norm_label(const char *s, size_t n, char out[LABEL_MAX + 1])
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = lower((unsigned char)s[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
        if (o == LABEL_MAX) return 0;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return o;
}

/* Encoding id of a label (n bytes), or -1. */
static int lookup_label(const char *s, size_t n)
{
    char want[LABEL_MAX + 1], have[LABEL_MAX + 1];
    if (!norm_label(s, n, want)) return -1;
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++) {
        const char *l = LABELS[i].label;
        if (norm_label(l, strlen(l), have) && strcmp(want, have) == 0) return LABELS[i].enc;
    }
    return -1;
}

/* Case-insensitive: does s[0..n) start with the lowercase word w? */
static int starts_ci(const unsigned char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    if (n < l) return 0;
    for (size_t i = 0; i < l; i++)
        if (lower(s[i]) != (unsigned char)w[i]) return 0;
    return 1;
}

/* The standard's "extracting a character encoding from a meta element" on
 * a content attribute's value: the label after "charset", optional spaces,
 * "=", optional spaces; quoted or up to a space or ';'. Returns -1 when
 * there is none or it is unknown. */
static int charset_from_content(const char *v, size_t n)
{
    const unsigned char *s = (const unsigned char *)v;
    size_t i = 0;
    for (;;) {
        while (i < n && !starts_ci(s + i, n - i, "charset")) i++;
        if (i >= n) return -1;
        i += 7;
        while (i < n && is_ws(s[i])) i++;
        if (i < n && s[i] == '=') break;
    }
    i++;
    while (i < n && is_ws(s[i])) i++;
    if (i >= n) return -1;
    if (s[i] == '"' || s[i] == '\'') {
        unsigned char q = s[i++];
        size_t st = i;
        while (i < n && s[i] != q) i++;
        if (i >= n) return -1; /* unterminated */
        return lookup_label(v + st, i - st);
    }
    size_t st = i;
    while (i < n && !is_ws(s[i]) && s[i] != ';') i++;
    return lookup_label(v + st, i - st);
}

/* The caller's charset: a bare label, or a Content-Type value. */
static int lookup_declared(const char *d)
{
    if (!d) return -1;
    size_t n = strnlen(d, 1024);
    for (size_t i = 0; i + 7 <= n; i++)
        if (starts_ci((const unsigned char *)d + i, n - i, "charset"))
            return charset_from_content(d, n);
    return lookup_label(d, n);
}

/* ---- the <meta> prescan ---------------------------------------------- */

#define PRESCAN_BYTES 4096
#define ATTR_NAME_MAX 16
#define ATTR_VALUE_MAX 256

typedef struct attr_buf {
    char name[ATTR_NAME_MAX];
    char value[ATTR_VALUE_MAX];
    size_t nlen, vlen;
    int nover; /* name too long: matches nothing */
} attr_buf;

static void put_name(attr_buf *at, unsigned c)
{
    if (at->nlen < ATTR_NAME_MAX) at->name[at->nlen++] = (char)lower(c);
    else at->nover = 1;
}

static void put_value(attr_buf *at, unsigned c)
{
    if (at->vlen < ATTR_VALUE_MAX) at->value[at->vlen++] = (char)lower(c);
}

static int name_is(const attr_buf *at, const char *w)
{
    return !at->nover && at->nlen == strlen(w) && memcmp(at->name, w, at->nlen) == 0;
}

/* The standard's "get an attribute": 1 with *at filled, 0 at '>' or at
 * the end of the window (*pos then points at '>' or the end). */
static int get_attr(const unsigned char *s, size_t end, size_t *pos, attr_buf *at)
{
    size_t i = *pos;
    at->nlen = at->vlen = 0;
    at->nover = 0;
    while (i < end && (is_ws(s[i]) || s[i] == '/')) i++;
    if (i >= end || s[i] == '>') {
        *pos = i;
        return 0;
    }
    /* name: '=' ends it unless it is the first character */
    for (;; i++) {
        if (i >= end) goto out_end;
        unsigned c = s[i];
        if (c == '=' && at->nlen) break;
        if (is_ws(c)) {
            while (i < end && is_ws(s[i])) i++;
            if (i >= end) goto out_end;
            if (s[i] != '=') goto done; /* a bare attribute */
            break;
        }
        if (c == '/' || c == '>') goto done;
        put_name(at, c);
    }
    i++; /* past '=' */
    while (i < end && is_ws(s[i])) i++;
    if (i >= end) goto out_end;
    if (s[i] == '"' || s[i] == '\'') {
        unsigned q = s[i++];
        while (i < end && s[i] != q) put_value(at, s[i++]);
        if (i >= end) goto out_end;
        i++;
        goto done;
    }
    if (s[i] == '>') goto done;
    while (i < end && !is_ws(s[i]) && s[i] != '>') put_value(at, s[i++]);
    if (i >= end) goto out_end;
done:
    *pos = i;
    return 1;
out_end:
    *pos = end;
    return 0;
}

/* The standard's prescan over the first PRESCAN_BYTES; -1 when nothing
 * usable is found. Linear: the position only moves forward. */
static int prescan(const unsigned char *s, size_t n)
{
    size_t end = n < PRESCAN_BYTES ? n : PRESCAN_BYTES;
    size_t i = 0;
    attr_buf at;
    while (i < end) {
        if (s[i] != '<') {
            i++;
            continue;
        }
        if (starts_ci(s + i, end - i, "<!--")) {
            /* "-->" may share the dashes of "<!--" ("<!-->") */
            size_t j = i + 2;
            while (j + 3 <= end && memcmp(s + j, "-->", 3) != 0) j++;
            if (j + 3 > end) return -1;
            i = j + 3;
            continue;
        }
        if (starts_ci(s + i, end - i, "<meta") && i + 5 < end &&
            (is_ws(s[i + 5]) || s[i + 5] == '/')) {
            size_t pos = i + 5;
            int seen_he = 0, seen_ct = 0; /* a repeated attribute is ignored */
            int got_pragma = 0, need_pragma = -1, cs = -1, cs_set = 0;
            while (get_attr(s, end, &pos, &at)) {
                if (name_is(&at, "http-equiv")) {
                    if (seen_he++) continue;
                    if (at.vlen == 12 && memcmp(at.value, "content-type", 12) == 0)
                        got_pragma = 1;
                } else if (name_is(&at, "content")) {
                    if (seen_ct++ || cs_set) continue;
                    int e = charset_from_content(at.value, at.vlen);
                    if (e >= 0) {
                        cs = e;
                        cs_set = 1;
                        need_pragma = 1;
                    }
                } else if (name_is(&at, "charset")) {
                    if (cs_set) continue; /* also repeats: the first counts */
                    cs = lookup_label(at.value, at.vlen);
                    cs_set = 1;
                    need_pragma = 0;
                }
            }
            if (pos >= end) return -1;
            if (need_pragma >= 0 && !(need_pragma == 1 && !got_pragma) && cs >= 0) {
                if (cs == E_UTF16LE || cs == E_UTF16BE) cs = E_UTF8;
                return cs;
            }
            i = pos + 1;
            continue;
        }
        if (i + 1 < end && ((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z')) {
            /* another start tag: skip its name and attributes */
            size_t pos = i + 1;
            while (pos < end && !is_ws(s[pos]) && s[pos] != '>') pos++;
            while (get_attr(s, end, &pos, &at)) {}
            if (pos >= end) return -1;
            i = pos + 1;
            continue;
        }
        if (i + 2 < end && s[i + 1] == '/' &&
            ((s[i + 2] | 32) >= 'a' && (s[i + 2] | 32) <= 'z')) {
            size_t pos = i + 2;
            while (pos < end && !is_ws(s[pos]) && s[pos] != '>') pos++;
            while (get_attr(s, end, &pos, &at)) {}
            if (pos >= end) return -1;
            i = pos + 1;
            continue;
        }
        if (i + 1 < end && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            const unsigned char *gt = memchr(s + i, '>', end - i);
            if (!gt) return -1;
            i = (size_t)(gt - s) + 1;
            continue;
        }
        i++;
    }
    return -1;
}

/* ---- UTF-8 evidence --------------------------------------------------- */

typedef struct u8stats {
    size_t good; /* valid multi-byte sequences */
    size_t bad;  /* invalid sequences (maximal subparts) */
    int tail;    /* the input ends inside a sequence that began validly */
    int nul;     /* a NUL byte is present */
} u8stats;

static u8stats utf8_stats(const unsigned char *p, size_t n)
{
    u8stats st = {0, 0, 0, 0};
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            /* ASCII runs, eight bytes at a time (most of any page) */
            while (i + 8 <= n) {
                uint64_t v;
                memcpy(&v, p + i, 8);
                if (v & 0x8080808080808080ULL) break;
                if ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) st.nul = 1;
                i += 8;
            }
            if (i < n && p[i] < 0x80) {
                if (!p[i]) st.nul = 1;
                i++;
            }
            continue;
        }
        int32_t cp;
        size_t l = (size_t)wn_utf8_decode(p + i, n - i, &cp);
        if (cp >= 0) {
            st.good++;
        } else {
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (c >= 0xC2 && c <= 0xF4 && i + l == n && l < need) st.tail = 1;
            else st.bad++;
        }
        i += l;
    }
    return st;
}

/* invalid sequences, the cut-off tail counting only without other evidence */
static size_t bad_count(const u8stats *st)
{
    return st->bad + (st->tail && !st->good ? 1 : 0);
}

/* ---- converters ------------------------------------------------------- */

/* UTF-8 input: copied when clean, else sanitised. */
static char *from_utf8(wn_arena *a, const char *s, size_t n, const u8stats *st,
                       size_t *out_len)
{
    if (!st->bad && !st->tail && !st->nul) {
        *out_len = n;
        return wn_arena_strndup(a, s, n);
    }
    return wn_utf8_sanitize(a, s, n, out_len, NULL);
}

/* windows-1252 bytes 0x80..0x9F (the rest is Latin-1); the five undefined
 * bytes map to the C1 controls, as in the Encoding standard. */
static const uint16_t W1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static int32_t w1252(unsigned c) { return c >= 0x80 && c < 0xA0 ? W1252_80[c - 0x80] : (int32_t)c; }

static char *from_1252(wn_arena *a, const unsigned char *p, size_t n, size_t *out_len)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t cp = w1252(p[i]);
        len += cp == 0 ? 0 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    }
    char *out = wn_arena_alloc(a, len + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80) {
            if (p[i]) out[o++] = (char)p[i];
        } else {
            o += (size_t)wn_utf8_encode(w1252(p[i]), out + o);
        }
    }
    out[o] = 0;
    *out_len = o;
    return out;
}

static char *from_utf16(wn_arena *a, const unsigned char *p, size_t n, int be, size_t *out_len)
{
    /* a unit gives at most 3 bytes, a surrogate pair 4; an odd byte U+FFFD */
    char *out = wn_arena_alloc(a, n / 2 * 3 + 4);
    size_t o = 0, i = 0;
    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i + 1] << 8 | p[i];
        i += 2;
        int32_t cp = (int32_t)u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t u2 = 0;
            if (i + 1 < n)
                u2 = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i + 1] << 8 | p[i];
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                cp = 0x10000 + (int32_t)((u - 0xD800) << 10 | (u2 - 0xDC00));
                i += 2;
            } else {
                cp = 0xFFFD; /* lone high surrogate: the next unit is kept */
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp) o += (size_t)wn_utf8_encode(cp, out + o);
    }
    if (i < n) o += (size_t)wn_utf8_encode(0xFFFD, out + o);
    out[o] = 0;
    *out_len = o;
    return out;
}

/* Through iconv; NULL when iconv does not know the charset. */
static char *from_iconv(wn_arena *a, int e, const char *s, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", ENC[e].iconv_name);
    if (cd == (iconv_t)-1 && ENC[e].iconv_alt) cd = iconv_open("UTF-8", ENC[e].iconv_alt);
    if (cd == (iconv_t)-1) return NULL;
    wn_buf b;
    wn_buf_init(&b);
    wn_buf_reserve(&b, n + n / 2 + 16); /* CJK: 2 bytes -> 3 */
    char *in = (char *)s;               /* iconv does not write to it */
    size_t left = n;
    int flushed = 0;
    while (!flushed) {
        char *out = b.data + b.len;
        size_t room = b.cap - b.len - 1, room0 = room; /* 1 for the NUL */
        size_t left0 = left;
        /* with the input consumed, one more call writes any pending shift
         * sequence and returns the decoder to its initial state */
        size_t r = left ? iconv(cd, &in, &left, &out, &room) : iconv(cd, NULL, NULL, &out, &room);
        int err = r == (size_t)-1 ? errno : 0;
        b.len = (size_t)(out - b.data);
        if (!err) {
            if (!left0) flushed = 1;
            continue;
        }
        if (err == E2BIG && (left < left0 || room < room0 || room0 < 64)) {
            wn_buf_reserve(&b, b.cap); /* at least doubles */
            continue;
        }
        if (!left) break; /* the flush failed: nothing left to emit */
        /* EILSEQ, EINVAL (cut off by the end) or anything else: one U+FFFD
         * for one byte, and go on; in GBK 0x80 is the euro sign */
        unsigned c = (unsigned char)*in;
        wn_buf_reserve(&b, 3);
        b.len += (size_t)wn_utf8_encode(e == E_GB18030 && c == 0x80 ? 0x20AC : 0xFFFD,
                                        b.data + b.len);
        in++;
        left--;
    }
    iconv_close(cd);
    /* glibc writes valid UTF-8; the check is cheap and makes it a promise,
     * and drops any NUL the page encoded */
    char *res;
    if (!memchr(b.data, 0, b.len) && wn_utf8_valid(b.data, b.len)) {
        res = wn_arena_strndup(a, b.data, b.len);
        *out_len = b.len;
    } else {
        res = wn_utf8_sanitize(a, b.data, b.len, out_len, NULL);
    }
    wn_buf_free(&b);
    return res;
}

/* ---- the decision ----------------------------------------------------- */

/* A UTF-16 label without a BOM: believed when the first KiB has a NUL. */
static int looks_utf16(const unsigned char *p, size_t n)
{
    return n >= 2 && memchr(p, 0, n < 1024 ? n : 1024) != NULL;
}

char *wn_html_to_utf8(wn_arena *a, const char *bytes, size_t n, const char *declared,
                      size_t *out_len, const char **used)
{
    size_t len_dummy;
    const char *used_dummy;
    if (!out_len) out_len = &len_dummy;
    if (!used) used = &used_dummy;
    if (!bytes) {
        bytes = "";
        n = 0;
    }
    const unsigned char *p = (const unsigned char *)bytes;
    int e = -1, bom = 0;

    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        e = E_UTF8;
        bom = 3;
    } else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        e = E_UTF16LE;
        bom = 2;
    } else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        e = E_UTF16BE;
        bom = 2;
    }
    if (e < 0) {
        e = lookup_declared(declared);
        if ((e == E_UTF16LE || e == E_UTF16BE) && !looks_utf16(p, n)) e = -1;
    }
    if (e < 0) e = prescan(p, n);
    p += bom;
    n -= (size_t)bom;
    const char *s = (const char *)p;

    if (e == E_UTF16LE || e == E_UTF16BE) {
        *used = ENC[e].name;
        return from_utf16(a, p, n, e == E_UTF16BE, out_len);
    }
    u8stats st = utf8_stats(p, n);
    size_t bad = bad_count(&st);
    if (bom) {
        e = E_UTF8; /* a UTF-8 BOM is not second-guessed */
    } else if (e < 0) {
        e = bad == 0 || st.good > bad ? E_UTF8 : E_1252;
    } else if (e == E_UTF8) {
        if (bad > st.good) e = E_1252;
    } else if (ENC[e].min_utf8 && bad == 0 && st.good >= ENC[e].min_utf8) {
        e = E_UTF8;
    }

    if (ENC[e].kind == K_ICONV) {
        char *r = from_iconv(a, e, s, n, out_len);
        if (r) {
            *used = ENC[e].name;
            return r;
        }
        e = bad == 0 || st.good > bad ? E_UTF8 : E_1252; /* iconv lacks it */
    }
    *used = ENC[e].name;
    if (e == E_1252) return from_1252(a, p, n, out_len);
    return from_utf8(a, s, n, &st, out_len);
}
