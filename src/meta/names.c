/*
 * names.c — is this a person's name? Splitting bylines into names.
 *
 * Bylines and author fields hold more than names: "By Jane Doe and John
 * Roe, Staff Writers", "JANE DOE | Reuters", "Email the author". A name is
 * two to five words, each capitalised (or a particle such as "van", "de",
 * "bin"), or an initial ("J.", "J.D."), with no digits and none of the
 * words that mark a role or an organisation. All-caps names are accepted
 * and title-cased. Roles after a comma are kept as the author's role.
 * Words of organisations ("Times", "Network", "Courier"), job titles
 * ("Officer", "Head") and headlines ("This", "How", "New") are not name
 * words, in hyphenated words too ("Courier-Post"); nor is a domain
 * ("site.net"). A name with an affiliation glued on without a comma ("Jane
 * Doe The Daily Planet", "Jane Doe USA NEWS NETWORK") keeps its longest
 * leading name of 2-4 words when the rest starts with an article, holds an
 * organisation word or is in capitals; then the list is over.
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
    "agencia", "agence", "agentur",
    /* newsrooms, agencies and labels of other languages: "Redazione Online",
     * "Text: dpa", "Foto Archiv" */
    "redazione", "redactie", "equipe", "équipe", "agenzia", "agência", "dpa", "afp", "apa",
    "ansa", "efe", "kna", "epd", "anp", "belga", "lusa", "sda", "ats", "reuters", "foto",
    "fotos", "bild", "text", "texto", "texte", "autor", "autore", "auteur", "redakteur",
    "redakteurin", "korrespondent", "korrespondentin", "mitarbeiter", "gastbeitrag",
    "gastautor", "kommentar", "aktualisiert", "veröffentlicht", "publié", "publicado",
    "pubblicato", "gepubliceerd", "uhr",
    /* roles and titles: "Chief Technology Officer" */
    "officer", "president", "founder", "ceo", "cto", "manager", "executive", "chief",
    "director", "head", "chair", "chairman", "secretary", "spokesperson",
    /* headline words: "This Cool New Retro Console" */
    "this", "that", "these", "those", "how", "why", "what", "when", "where", "which", "is",
    "are", "was", "were", "for", "with", "from", "my", "your", "their", "new", "you", "we",
    NULL};
/* organisations: "Financial Times", "Courier-Post", "USA TODAY NETWORK" */
static const char *const ORG_WORDS[] = {
    "times", "journal", "tribune", "herald", "gazette", "courier", "enquirer", "chronicle",
    "network", "media", "magazine", "studio", "studios", "daily", "weekly", "today",
    "newspaper", "radio", "television", "inc", "llc", "ltd", "group", "institute",
    "university", "foundation", "company", "digest", "news", "press",
    "zeitung", "nachrichten", "rundschau", "anzeiger", "kurier", "presse", "verlag", "gmbh",
    "giornale", "corriere", "gazzetta", "quotidiano", "notizie", "diario", "periódico",
    "noticias", "jornal", "notícias", "quotidien", "hebdo", "krant", "dagblad", "nieuws",
    "omroep", "magazin", "revista", "rivista", "revue", "tageblatt", "tagblatt",
    "morgenpost", "abendblatt", "online", "blog", NULL};
/* after a name, these start an affiliation: "Jane Doe The Daily Planet" */
static const char *const ORG_START[] = {"the", "die", "das", NULL};
static const char *const ROLE_WORDS[] = {
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "columnist", "contributor", "journalist", "analyst", "producer",
    "staff", "photographer", "critic", "director", "chief", "senior", "associate", "officer",
    "president", "founder", "head", "manager", "executive", "fellow", "professor", "ceo",
    "cto", NULL};

static int in_list1(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0) return 1;
    return 0;
}

/* the word, or one part of a hyphenated word ("Courier-Post"), is listed */
static int in_list(const char *w, size_t n, const char *const *list)
{
    if (in_list1(w, n, list)) return 1;
    const char *h = memchr(w, '-', n);
    if (!h) return 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && w[e] != '-') e++;
        if (e > i && in_list1(w + i, e - i, list)) return 1;
        i = e + 1;
    }
    return 0;
}

/* "site.com", "VALLEYPOST.net": a dot followed by a lower-case letter */
static int domain_like(const char *t, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++)
        if (t[k] == '.' && t[k + 1] >= 'a' && t[k + 1] <= 'z') return 1;
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
        if (in_list(t, tl, NOT_NAME) || in_list(t, tl, ORG_WORDS) || domain_like(t, tl))
            return 0;
        /* a lower-case particle ("van", "de", "al") joins the name without
         * counting; written capitalised it is a name of its own ("Al
         * Griffin", "Ben Blanchet", "Minh Do", "Van Morrison") */
        if (in_list(t, tl, PARTICLES) && t[0] >= 'a' && t[0] <= 'z') continue;
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

/* "Jane Doe USA TODAY NETWORK", "Jane Doe The Daily Planet", "Jane Doe
 * Cherry Hill Courier-Post": the length of the leading name (2-4 words)
 * when what follows it is an organisation (it starts with an article,
 * holds an organisation word, or is in capitals after a name that is
 * not); 0 otherwise. A role alone does not do: "Daily Planet Editorial
 * Board" is no person. */
static size_t affiliated(const char *s, size_t n)
{
    size_t ends[8], nw = 0;
    for (size_t i = 0; i < n && nw < 8;) {
        while (i < n && s[i] == ' ') i++;
        if (i >= n) break;
        while (i < n && s[i] != ' ') i++;
        ends[nw++] = i;
    }
    for (size_t w = (nw - 1 < 4 ? nw - 1 : 4); w >= 2 && nw >= 3; w--) {
        size_t pl = ends[w - 1];
        if (!wn_is_person_name(s, pl)) continue;
        { /* "Jane Doe FENMOOR": a capitals word after mixed-case ones is not the name's */
            size_t ls = w >= 2 ? ends[w - 2] : 0, lower_before = 0, upper_last = 0, lower_last = 0;
            for (size_t k = 0; k < ls; k++)
                if (s[k] >= 'a' && s[k] <= 'z') lower_before = 1;
            for (size_t k = ls; k < pl; k++) {
                if (s[k] >= 'A' && s[k] <= 'Z') upper_last++;
                if (s[k] >= 'a' && s[k] <= 'z') lower_last = 1;
            }
            if (lower_before && upper_last >= 2 && !lower_last) continue;
        }
        const char *r = s + pl;
        size_t rl = n - pl;
        while (rl && *r == ' ') r++, rl--;
        int org = 0, caps = 1, lower_in_name = 0, letters = 0;
        for (size_t k = 0; k < pl; k++)
            if (s[k] >= 'a' && s[k] <= 'z') lower_in_name = 1;
        for (size_t i = 0, first = 1; i < rl; first = 0) {
            while (i < rl && r[i] == ' ') i++;
            size_t st = i;
            while (i < rl && r[i] != ' ') i++;
            if (i == st) break;
            if ((first && in_list(r + st, i - st, ORG_START)) || in_list(r + st, i - st, ORG_WORDS))
                org = 1;
            for (size_t k = st; k < i; k++) {
                unsigned char c = (unsigned char)r[k];
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) caps = 0;
                if (c >= 'A' && c <= 'Z') letters++;
                if (c >= '0' && c <= '9') return 0; /* a date, a number: not a byline */
            }
        }
        if (org || (caps && lower_in_name && letters >= 2)) return pl;
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
            size_t pre;
            if (count && is_role(s + st, en - st) && !wn_is_person_name(s + st, en - st)) {
                role = wn_arena_strndup(a, s + st, en - st);
                break;
            } else if (wn_is_person_name(s + st, en - st)) {
                names[count++] = title_case(a, s + st, en - st);
            } else if ((pre = affiliated(s + st, en - st))) {
                /* "Jane Doe The Daily Planet": the name, the list is over */
                names[count++] = title_case(a, s + st, pre);
                break;
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
