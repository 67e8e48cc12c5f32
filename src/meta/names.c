/*
 * names.c — is this a person's name? Splitting bylines into names.
 *
 * Bylines and author fields hold more than names: "By Jane Doe and John
 * Roe, Staff Writers", "JANE DOE | Reuters", "Email the author". A name is
 * two to five words, each capitalised (or a particle such as "van", "de",
 * "bin"), or an initial ("J.", "J.D."), with no digits and none of the
 * words that mark a role or an organisation. All-caps names are accepted
 * and title-cased. Roles after a comma are kept as the author's role.
 */
#include "meta.h"

#include <string.h>
#include <strings.h>

static const char *const PARTICLES[] = {"de", "da", "do", "dos", "das", "van", "von", "der",
                                        "den", "del", "della", "di", "du", "le", "la", "al",
                                        "bin", "ibn", "el", "ben", "y", "zu", "ter", "ten",
                                        NULL};
static const char *const NOT_NAME[] = {
    "staff", "writer", "writers", "reporter", "reporters", "editor", "editors", "team",
    "desk", "news", "newsroom", "associated", "press", "updated", "published", "admin",
    "contributor", "contributors", "correspondent", "email", "author", "authors", "the",
    "of", "our", "wire", "service", "services", "agency", "bureau", "report", "and",
    "photos", "photo", "video", "opinion", "guest", "board", "editorial", "sponsored",
    "content", "partner", "more", "read", "follow", "share", "comments", "am", "pm",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "redaktion", "rédaction", "redacción", "redação",
    "agencia", "agence", "agentur", NULL};
static const char *const ROLE_WORDS[] = {
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "columnist", "contributor", "journalist", "analyst", "producer",
    "staff", "photographer", "critic", "director", "chief", "senior", "associate", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0) return 1;
    return 0;
}

int wn_is_person_name(const char *s, size_t n)
{
    size_t i = 0, tokens = 0, caps = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        if (i >= n) break;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        size_t tl = i - st;
        const char *t = s + st;
        tokens++;
        if (tokens > 5 || tl > 24) return 0;
        for (size_t k = 0; k < tl; k++) {
            unsigned char c = (unsigned char)t[k];
            if ((c >= '0' && c <= '9') || c == '@' || c == '/' || c == ':' || c == '|' ||
                c == '(' || c == ')' || c == ',' || c == '"' || c == '&')
                return 0;
        }
        if (in_list(t, tl, NOT_NAME)) return 0;
        if (in_list(t, tl, PARTICLES)) continue;
        int32_t cp;
        wn_utf8_decode((const unsigned char *)t, tl, &cp);
        if (cp < 0 || !wn_uc_is_upper(cp)) return 0;
        caps++;
    }
    return tokens >= 2 && caps >= 2;
}

/* "JANE DOE" -> "Jane Doe" (only when the whole name is upper case) */
static char *title_case(wn_arena *a, const char *s, size_t n)
{
    int has_lower = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp >= 0 && wn_uc_is_lower(cp)) has_lower = 1;
        i += (size_t)l;
    }
    if (has_lower) return wn_arena_strndup(a, s, n);
    /* worst case: an invalid byte becomes a 3-byte U+FFFD */
    char *out = wn_arena_alloc(a, n * 3 + 1);
    size_t o = 0;
    int start = 1;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0) cp = 0xFFFD;
        int32_t c2 = start ? cp : wn_uc_tolower(cp);
        o += (size_t)wn_utf8_encode(c2, out + o);
        start = !wn_uc_is_letter(cp) && cp != '\'';
        i += (size_t)l;
    }
    out[o] = 0;
    return out;
}

static int is_role(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        if (i > st && in_list(s + st, i - st, ROLE_WORDS)) return 1;
    }
    return 0;
}

/* separators between names: ", " " and " " & " " und " " et " " y " " e " */
static size_t next_sep(const char *s, size_t n, size_t from, size_t *seplen)
{
    static const char *const SEPS[] = {", ", " and ", " & ", " und ", " et ", " y ", " e ",
                                       " i ", " en ", " och ", " og ", "; ", NULL};
    for (size_t i = from; i < n; i++) {
        for (size_t k = 0; SEPS[k]; k++) {
            size_t l = strlen(SEPS[k]);
            if (i + l <= n && strncasecmp(s + i, SEPS[k], l) == 0) {
                *seplen = l;
                return i;
            }
        }
        if (s[i] == '|' || s[i] == '/' || (i + 3 <= n && !memcmp(s + i, "\xe2\x80\x94", 3)) ||
            (i + 3 <= n && !memcmp(s + i, "\xe2\x80\x93", 3))) {
            *seplen = 0; /* end of names: what follows is not a name list */
            return i;
        }
    }
    *seplen = 0;
    return n;
}

static void trim(const char *s, size_t *st, size_t *en)
{
    while (*st < *en && (s[*st] == ' ' || s[*st] == ',')) (*st)++;
    while (*en > *st && (s[*en - 1] == ' ' || s[*en - 1] == ',' || s[*en - 1] == '.')) (*en)--;
}

int wn_parse_names(wn_arena *a, const char *s, size_t n,
                   void (*add)(void *ctx, const char *name, const char *role), void *ctx)
{
    const char *names[16];
    size_t count = 0, i = 0;
    const char *role = NULL;
    while (i < n && count < 16) {
        size_t seplen, e = next_sep(s, n, i, &seplen);
        size_t st = i, en = e;
        trim(s, &st, &en);
        if (en > st) {
            if (wn_is_person_name(s + st, en - st)) {
                names[count++] = title_case(a, s + st, en - st);
            } else if (count && is_role(s + st, en - st)) {
                role = wn_arena_strndup(a, s + st, en - st);
                break;
            } else {
                break; /* an organisation, a date: the name list is over */
            }
        }
        if (seplen == 0) break;
        i = e + seplen;
    }
    for (size_t k = 0; k < count; k++) add(ctx, names[k], role);
    return (int)count;
}
