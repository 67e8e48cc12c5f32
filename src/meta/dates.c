/*
 * dates.c — dates as news sites write them, to ISO 8601.
 *
 * A small hand-written scanner rather than strptime: strptime is locale
 * bound (one language at a time, process-global locale) and rigid about
 * spacing, while one page may say "Mar. 5, 2024, 8:00 a.m. ET", another
 * "5. März 2024, 08:00 Uhr" and a feed "Tue, 05 Mar 2024 08:00:00 GMT".
 * Month names are known in English, German, French, Spanish, Portuguese,
 * Italian and Dutch, and the genitive forms dates use in Polish, Czech,
 * Russian, Turkish and the Scandinavian languages; ordinal days ("1er",
 * "1º", "1st"); CJK "2024年3月5日" / "2024년 3월 5일". Numeric day/month order:
 * year first is ISO; dotted and dashed are day first (European); slashed
 * is month first (US) unless the first number cannot be a month, or the
 * caller says the page's language writes the day first
 * (WN_DATE_DAY_FIRST); a second number over 12 is never the month.
 */
#include "meta.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct cur {
    const char *p, *e;
} cur;

static void ws(cur *c)
{
    while (c->p < c->e && (*c->p == ' ' || *c->p == '\t')) c->p++;
}

/* reads up to maxdigits digits; returns how many. The value saturates at
 * INT_MAX (long digit runs are Unix times, recomputed by the caller). */
static int num(cur *c, int *v, int maxdigits)
{
    int n = 0;
    long long x = 0;
    while (c->p < c->e && isdigit((unsigned char)*c->p) && n < maxdigits) {
        if (x <= INT_MAX) x = x * 10 + (*c->p - '0');
        c->p++;
        n++;
    }
    *v = x > INT_MAX ? INT_MAX : (int)x;
    return n;
}

static int lit(cur *c, char ch)
{
    if (c->p < c->e && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* a word of letters (UTF-8 letters included), lowercased into w */
static size_t word(cur *c, char *w, size_t cap)
{
    size_t n = 0;
    const char *s = c->p;
    while (s < c->e && (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)) {
        if ((unsigned char)*s < 0x80) {
            if (n + 1 < cap) w[n++] = (char)tolower((unsigned char)*s);
            s++;
            continue;
        }
        /* non-ASCII: lowercase the code point ("MÄRZ" -> "märz") */
        int32_t cp;
        int l = wn_utf8_decode((const unsigned char *)s, (size_t)(c->e - s), &cp);
        char enc[4];
        int el = cp >= 0 ? wn_utf8_encode(wn_uc_tolower(cp), enc) : 0;
        if (cp < 0) {
            memcpy(enc, s, (size_t)l);
            el = l;
        }
        if (n + (size_t)el < cap) {
            memcpy(w + n, enc, (size_t)el);
            n += (size_t)el;
        } else {
            cap = n + 1; /* full: keep what fits, stop storing */
        }
        s += l;
    }
    w[n] = 0;
    if (n) c->p = s;
    return n;
}

static const struct {
    const char *name;
    int month;
} MONTHS[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"sept", 9},
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    {"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
    {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    {"mrz", 3}, {"mrt", 3},
    /* Scandinavian */
    {"maj", 5}, {"augusti", 8}, {"desember", 12},
    /* Polish (genitive, as dates write them, and nominative) */
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9},
    {"października", 10}, {"listopada", 11}, {"grudnia", 12},
    {"styczeń", 1}, {"luty", 2}, {"marzec", 3}, {"kwiecień", 4},
    {"czerwiec", 6}, {"lipiec", 7}, {"sierpień", 8}, {"wrzesień", 9},
    {"październik", 10}, {"listopad", 11}, {"grudzień", 12},
    /* Czech (genitive) */
    {"ledna", 1}, {"února", 2}, {"března", 3}, {"dubna", 4},
    {"května", 5}, {"června", 6}, {"července", 7}, {"srpna", 8},
    {"září", 9}, {"října", 10}, {"listopadu", 11},
    {"prosince", 12},
    /* Turkish */
    {"ocak", 1}, {"şubat", 2}, {"mart", 3}, {"nisan", 4}, {"mayıs", 5},
    {"haziran", 6}, {"temmuz", 7}, {"ağustos", 8}, {"eylül", 9}, {"ekim", 10},
    {"kasım", 11}, {"aralık", 12},
    /* Russian (genitive) */
    {"января", 1},
    {"февраля", 2},
    {"марта", 3},
    {"апреля", 4},
    {"мая", 5}, {"июня", 6},
    {"июля", 7},
    {"августа", 8},
    {"сентября", 9},
    {"октября", 10},
    {"ноября", 11},
    {"декабря", 12},
};

static int month_of(const char *w)
{
    size_t n = strlen(w);
    if (n < 3) return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (strcmp(w, MONTHS[i].name) == 0) return MONTHS[i].month;
    /* three-letter (and four-letter) abbreviations of the English and
     * common continental names: "mar", "dez", "févr" */
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (n >= 3 && n <= 5 && strncmp(w, MONTHS[i].name, n) == 0) return MONTHS[i].month;
    return 0;
}

static int weekday(const char *w)
{
    static const char *const D[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                    "montag", "dienstag", "mittwoch", "donnerstag",
                                    "freitag", "samstag", "sonntag", "lundi", "mardi",
                                    "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                                    "lunes", "martes", "miércoles", "jueves", "viernes",
                                    "sábado", "domingo", "lunedì", "martedì", "mercoledì",
                                    "giovedì", "venerdì", "sabato", "domenica", "maandag",
                                    "dinsdag", "woensdag", "donderdag", "vrijdag",
                                    "zaterdag", "zondag", "segunda", "terça", "quarta",
                                    "quinta", "sexta", NULL};
    for (size_t i = 0; D[i]; i++)
        if (strncmp(w, D[i], strlen(D[i])) == 0) return 1;
    return 0;
}

/* two-letter weekday abbreviations, only before a "." or ",": "Mi., 6.3.2024" */
static int weekday_abbr(const char *w)
{
    static const char *const D[] = {"mo", "di", "mi", "do", "fr", "sa", "so", "lu", "ma",
                                    "me", "je", "ve", "di", "wo", "vr", "za", "zo", NULL};
    for (size_t i = 0; D[i]; i++)
        if (!strcmp(w, D[i])) return 1;
    return 0;
}

static int valid(int y, int m, int d)
{
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= DAYS[m - 1] + (m == 2 && leap);
}

/* optional time: [T| |, |at ]HH:MM[:SS][.frac][ am|pm][ zone] */
static int time_part(cur *c, int *H, int *M, int *S, char *tz)
{
    cur s = *c;
    tz[0] = 0;
    if (lit(&s, 'T') || lit(&s, 't')) {
    } else {
        ws(&s);
        lit(&s, ',');
        lit(&s, '-');
        lit(&s, '|');
        ws(&s);
        static const char *const AT[] = {"at ", "um ", "às ", "à ", "a las ", "alle ore ",
                                         "alle ", "ore ", "om ", "kl. ", "kl ", NULL};
        for (size_t i = 0; AT[i]; i++) {
            size_t l = strlen(AT[i]);
            if ((size_t)(s.e - s.p) > l && strncasecmp(s.p, AT[i], l) == 0) {
                s.p += l;
                break;
            }
        }
        ws(&s);
    }
    int h, m, sec = 0;
    if (!num(&s, &h, 2) || !(lit(&s, ':') || lit(&s, 'h') || lit(&s, '.'))) return 0;
    if (num(&s, &m, 2) != 2) return 0;
    if (lit(&s, ':')) num(&s, &sec, 2);
    if (lit(&s, '.')) {
        int frac;
        num(&s, &frac, 9);
    }
    cur t = s;
    ws(&t);
    char w[16];
    cur u = t;
    size_t wl = word(&u, w, sizeof w);
    if ((wl == 2 && (!strcmp(w, "am") || !strcmp(w, "pm"))) ||
        (wl == 1 && (w[0] == 'a' || w[0] == 'p') && u.p < u.e && *u.p == '.')) {
        int pm = w[0] == 'p';
        if (wl == 1) { /* "a.m." */
            u.p++;
            char w2[4];
            word(&u, w2, sizeof w2);
            lit(&u, '.');
        }
        if (h == 12) h = 0;
        if (pm) h += 12;
        s = u;
    }
    if (h > 23 || m > 59 || sec > 60) return 0;
    /* zone */
    cur z = s;
    /* RFC 822 puts a blank before a numeric offset: "08:00:00 +0000" */
    {
        cur b = z;
        ws(&b);
        if (b.p > z.p && b.e - b.p >= 3 && (b.p[0] == '+' || b.p[0] == '-') &&
            isdigit((unsigned char)b.p[1]) && isdigit((unsigned char)b.p[2]))
            z = b;
    }
    if (lit(&z, 'Z') || lit(&z, 'z')) {
        strcpy(tz, "Z");
        s = z;
    } else if (z.p < z.e && (*z.p == '+' || *z.p == '-')) {
        char sign = *z.p++;
        int zh, zm = 0;
        if (num(&z, &zh, 2) == 2) {
            lit(&z, ':');
            num(&z, &zm, 2);
            if (zh == 0 && zm == 0) strcpy(tz, "Z");
            else snprintf(tz, 8, "%c%02u:%02u", sign, (unsigned)zh % 24u, (unsigned)zm % 60u);
            s = z;
        }
    } else {
        ws(&z);
        char zw[8];
        cur zz = z;
        size_t zl = word(&zz, zw, sizeof zw);
        if (zl && (!strcmp(zw, "gmt") || !strcmp(zw, "utc"))) {
            strcpy(tz, "Z");
            s = zz;
            if (s.p < s.e && (*s.p == '+' || *s.p == '-')) {
                char sign = *s.p++;
                int zh;
                if (num(&s, &zh, 2)) snprintf(tz, 8, "%c%02u:00", sign, (unsigned)zh % 24u);
            }
        }
    }
    *H = h;
    *M = m;
    *S = sec;
    *c = s;
    return 1;
}

static int rest_is_empty(cur *c)
{
    /* allow trailing punctuation, zone abbreviations and "Uhr" */
    while (c->p < c->e) {
        unsigned char ch = (unsigned char)*c->p;
        if (ch == ' ' || ch == '.' || ch == ',' || ch == ')' || ch == '(' || ch == '|' ||
            ch == ']' || ch == '[') {
            c->p++;
            continue;
        }
        char w[8];
        size_t n = word(c, w, sizeof w);
        if (n >= 2 && n <= 4 && (!strcmp(w, "uhr") || !strcmp(w, "et") || !strcmp(w, "est") ||
                                 !strcmp(w, "edt") || !strcmp(w, "pt") || !strcmp(w, "pst") ||
                                 !strcmp(w, "pdt") || !strcmp(w, "cet") || !strcmp(w, "cest") ||
                                 !strcmp(w, "bst") || !strcmp(w, "ist") || !strcmp(w, "gmt") ||
                                 !strcmp(w, "utc") || !strcmp(w, "hrs") || !strcmp(w, "ct") ||
                                 !strcmp(w, "cst") || !strcmp(w, "cdt") ||
                                 !strcmp(w, "mez") || !strcmp(w, "mesz") || !strcmp(w, "hs") ||
                                 !strcmp(w, "ora") || !strcmp(w, "ore")))
            continue;
        return 0;
    }
    return 1;
}

/* after a day number: an ordinal ending ("1er", "1º", "1st", "2nd") */
static void ordinal(cur *c)
{
    static const char *const O[] = {"er", "re", "\xc2\xba", "\xc2\xb0", "\xc2\xaa", "st", "nd", "rd",
                                    "th", NULL};
    for (size_t i = 0; O[i]; i++) {
        size_t l = strlen(O[i]);
        if ((size_t)(c->e - c->p) >= l && strncasecmp(c->p, O[i], l) == 0 &&
            ((size_t)(c->e - c->p) == l || !isalpha((unsigned char)c->p[l]))) {
            c->p += l;
            return;
        }
    }
}

/* "2024年3月5日" (Chinese, Japanese), "2024년 3월 5일" (Korean): the year read,
 * c at the year mark */
static int cjk_date(cur *c, int *m, int *d)
{
    static const char *const Y[] = {"\xe5\xb9\xb4", "\xeb\x85\x84", NULL}; /* 年 년 */
    static const char *const M[] = {"\xe6\x9c\x88", "\xec\x9b\x94", NULL}; /* 月 월 */
    static const char *const D[] = {"\xe6\x97\xa5", "\xec\x9d\xbc", NULL}; /* 日 일 */
    for (int k = 0; Y[k]; k++) {
        cur t = *c;
        if (t.e - t.p < 3 || memcmp(t.p, Y[k], 3)) continue;
        t.p += 3;
        ws(&t);
        if (!num(&t, m, 2) || t.e - t.p < 3 || memcmp(t.p, M[k], 3)) return 0;
        t.p += 3;
        ws(&t);
        if (!num(&t, d, 2)) return 0;
        if (t.e - t.p >= 3 && !memcmp(t.p, D[k], 3)) t.p += 3;
        *c = t;
        return 1;
    }
    return 0;
}

/* the parser; *end (when given) gets where the date ended */
static int parse_date(const char *s, size_t n, int whole, int flags, char out[32],
                      const char **end)
{
    cur c = {s, s + n};
    int y = 0, m = 0, d = 0;
    ws(&c);
    /* leading punctuation: "(March 5, 2024)", "| 05.03.2024" */
    while (c.p < c.e && (*c.p == '(' || *c.p == '[' || *c.p == '|')) {
        c.p++;
        ws(&c);
    }
    /* leading weekday */
    {
        cur t = c;
        char w[32];
        size_t wl = word(&t, w, sizeof w);
        if (wl && weekday(w)) {
            if (t.e - t.p >= 6 && !strncasecmp(t.p, "-feira", 6)) t.p += 6; /* "segunda-feira" */
            lit(&t, '.');
            lit(&t, ',');
            ws(&t);
            c = t;
        } else if (wl == 2 && weekday_abbr(w) && t.p < t.e && (*t.p == '.' || *t.p == ',')) {
            lit(&t, '.');
            lit(&t, ',');
            ws(&t);
            if (t.p < t.e && isdigit((unsigned char)*t.p)) c = t;
        }
    }
    if (c.p < c.e && isdigit((unsigned char)*c.p)) {
        cur t = c;
        int a, la = num(&t, &a, 13);
        if (la >= 9 && la <= 13 && (t.p == t.e || *t.p == ' ')) {
            /* Unix time (seconds, or milliseconds) */
            long long v = 0;
            for (const char *q = c.p; q < t.p; q++) v = v * 10 + (*q - '0');
            if (la >= 12) v /= 1000;
            if (v < 631152000LL || v > 4102444800LL) return 0; /* 1990..2100 */
            long long days = v / 86400, secs = v % 86400;
            /* civil from days (Howard Hinnant's algorithm) */
            long long z = days + 719468, era = z / 146097;
            long long doe = z - era * 146097;
            long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long long mp = (5 * doy + 2) / 153;
            d = (int)(doy - (153 * mp + 2) / 5 + 1);
            m = (int)(mp < 10 ? mp + 3 : mp - 9);
            y = (int)(yoe + era * 400 + (m <= 2));
            snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u,
                     (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)(secs / 3600) % 100u,
                     (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
            c = t;
            if (end) *end = c.p;
            return whole ? rest_is_empty(&c) : 1;
        }
        if (la == 4 && t.p < t.e && (*t.p == '-' || *t.p == '/' || *t.p == '.')) {
            char sep = *t.p++;
            y = a;
            if (!num(&t, &m, 2) || !lit(&t, sep) || !num(&t, &d, 2)) return 0;
        } else if (la == 4 && cjk_date(&t, &m, &d)) {
            y = a;
        } else if (la <= 2 && t.p < t.e && (*t.p == '.' || *t.p == '/' || *t.p == '-') &&
                   t.p + 1 < t.e && isdigit((unsigned char)t.p[1])) {
            char sep = *t.p++;
            int b;
            if (!num(&t, &b, 2) || !lit(&t, sep) || num(&t, &y, 4) != 4) return 0;
            if (sep == '/' && a <= 12 && !(flags & WN_DATE_DAY_FIRST)) {
                m = a;
                d = b;
            } else {
                d = a;
                m = b;
            }
            if (m > 12 && d <= 12) { /* "03-25-2024": the month cannot be second */
                int x = m;
                m = d;
                d = x;
            }
        } else if (la <= 2) {
            /* "5 March 2024", "5. März 2024", "5 de marzo de 2024" */
            d = a;
            ordinal(&t);
            lit(&t, '.');
            ws(&t);
            char w[32];
            if (word(&t, w, sizeof w) && !strcmp(w, "de")) {
                ws(&t);
                word(&t, w, sizeof w);
            }
            if (!(m = month_of(w))) return 0;
            lit(&t, '.');
            lit(&t, ',');
            ws(&t);
            cur u = t;
            char w2[8];
            if (word(&u, w2, sizeof w2) && (!strcmp(w2, "de") || !strcmp(w2, "del"))) {
                ws(&u);
                t = u;
            }
            if (num(&t, &y, 4) != 4) return 0;
        } else {
            return 0;
        }
        c = t;
    } else {
        /* "March 5, 2024", "Mar. 5 2024" */
        char w[32];
        if (!word(&c, w, sizeof w) || !(m = month_of(w))) return 0;
        lit(&c, '.');
        ws(&c);
        if (!num(&c, &d, 2)) return 0;
        if (c.e - c.p >= 2 && (!strncasecmp(c.p, "st", 2) || !strncasecmp(c.p, "nd", 2) ||
                               !strncasecmp(c.p, "rd", 2) || !strncasecmp(c.p, "th", 2)))
            c.p += 2;
        lit(&c, ',');
        ws(&c);
        if (num(&c, &y, 4) != 4) return 0;
    }
    if (!valid(y, m, d)) return 0;
    int H, M, S;
    char tz[8];
    if (time_part(&c, &H, &M, &S, tz))
        snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u%s", (unsigned)y % 10000u,
                 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)H % 100u,
                 (unsigned)M % 100u, (unsigned)S % 100u, tz);
    else
        snprintf(out, 32, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
                 (unsigned)d % 100u);
    if (end) *end = c.p;
    return whole ? rest_is_empty(&c) : 1;
}

int wn_parse_date(const char *s, size_t n, int whole, char out[32])
{
    return parse_date(s, n, whole, 0, out, NULL);
}

int wn_parse_date_ex(const char *s, size_t n, int whole, int flags, char out[32])
{
    return parse_date(s, n, whole, flags, out, NULL);
}

/* "8:00 PM", "20:15", "7.30am" ending at or before e: the last one in
 * [s, e) — hours and minutes, am/pm applied. 1 when found. */
static int time_before(const char *s, const char *e, int *H, int *M)
{
    int found = 0;
    for (const char *p = s; p + 3 <= e; p++) {
        if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1]))) continue;
        cur c = {p, e};
        int h, m;
        int hd = num(&c, &h, 2);
        if (!hd || !(lit(&c, ':') || lit(&c, '.'))) continue;
        if (num(&c, &m, 2) != 2 || (c.p < e && isdigit((unsigned char)*c.p))) continue;
        if (c.p + 2 < e && *c.p == ':' && isdigit((unsigned char)c.p[1])) { /* seconds */
            int sec;
            c.p++;
            if (num(&c, &sec, 2) != 2) continue;
        }
        if (c.p < e && (*c.p == '.' || *c.p == '/' || *c.p == '-') && c.p + 1 < e &&
            isdigit((unsigned char)c.p[1]))
            continue; /* a numeric date, not a time */
        ws(&c);
        char w[4];
        cur u = c;
        size_t wl = word(&u, w, sizeof w);
        if (wl >= 1 && wl <= 2 && (w[0] == 'a' || w[0] == 'p') && (wl == 1 || w[1] == 'm')) {
            if (h > 12) continue;
            if (h == 12) h = 0;
            if (w[0] == 'p') h += 12;
        }
        if (h > 23 || m > 59) continue;
        *H = h, *M = m;
        found = 1;
    }
    return found;
}

long wn_find_date(const char *s, size_t n, char out[32])
{
    return wn_find_date_ex(s, n, 0, out, NULL);
}

long wn_find_date_ex(const char *s, size_t n, int flags, char out[32], size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c >= 0xC0)) continue;
        if (i > 0) { /* word starts only */
            unsigned char b = (unsigned char)s[i - 1];
            if (isalnum(b) || b >= 0x80) continue;
        }
        const char *e = NULL;
        if (!parse_date(s + i, n - i, 0, flags, out, &e)) continue;
        if (end) *end = e ? (size_t)(e - s) : i;
        int H, M;
        if (strlen(out) == 10 && time_before(s, s + i, &H, &M))
            snprintf(out + 10, 22, "T%02u:%02u:00", (unsigned)H % 100u, (unsigned)M % 100u);
        return (long)i;
    }
    return -1;
}
