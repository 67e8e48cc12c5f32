/*
 * test_names.c — unit tests for wn_is_person_name and wn_parse_names
 * (src/meta/names.c).
 *
 * Inputs are exact-size heap copies (no NUL terminator) so reads past s+n
 * show up under AddressSanitizer. wn_parse_names' callback collects every
 * (name, role) pair; tests compare the whole list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/meta.h"

#include "arena_fixture.h"

static char *copy(const char *s)
{
    size_t n = strlen(s);
    char *b = malloc(n ? n : 1);
    assert_non_null(b);
    memcpy(b, s, n);
    return b;
}

static int is_name(const char *s)
{
    char *b = copy(s);
    int r = wn_is_person_name(b, strlen(s));
    free(b);
    return r;
}

#define NAME(s) \
    do { if (!is_name(s)) fail_msg("wn_is_person_name(\"%s\") = 0, expected 1", s); } while (0)
#define NOT_NAME(s) \
    do { if (is_name(s)) fail_msg("wn_is_person_name(\"%s\") = 1, expected 0", s); } while (0)

typedef struct got {
    size_t n;
    const char *name[20], *role[20];
} got;

static void collect(void *ctx, const char *name, const char *role)
{
    got *g = ctx;
    assert_true(g->n < 20);
    assert_non_null(name);
    g->name[g->n] = name;
    g->role[g->n] = role;
    g->n++;
}

/* Parses s; expects the names (NULL-terminated list) each with `role`
 * (NULL: no role). */
static void names(const char *s, const char *role, ...)
{
    got g;
    memset(&g, 0, sizeof g);
    char *b = copy(s);
    int r = wn_parse_names(&arena, b, strlen(s), collect, &g);
    free(b);
    va_list ap;
    va_start(ap, role);
    size_t k = 0;
    const char *want;
    while ((want = va_arg(ap, const char *)) != NULL) {
        if (k >= g.n) fail_msg("\"%s\": only %zu name(s), missing \"%s\"", s, g.n, want);
        if (strcmp(g.name[k], want) != 0)
            fail_msg("\"%s\": name %zu is \"%s\", expected \"%s\"", s, k, g.name[k], want);
        if (role == NULL && g.role[k] != NULL)
            fail_msg("\"%s\": name %zu has role \"%s\", expected none", s, k, g.role[k]);
        if (role != NULL && (g.role[k] == NULL || strcmp(g.role[k], role) != 0))
            fail_msg("\"%s\": name %zu has role \"%s\", expected \"%s\"", s, k,
                     g.role[k] ? g.role[k] : "(none)", role);
        k++;
    }
    va_end(ap);
    if (g.n != k) fail_msg("\"%s\": %zu name(s), expected %zu (extra: \"%s\")", s, g.n, k,
                           g.name[k]);
    assert_int_equal(r, (int)k);
}

static void test_is_person_name(void **state)
{
    (void)state;
    NAME("Jane Doe");
    NAME("JANE DOE");
    NAME("J. Doe");
    NAME("J.D. Salinger");
    NAME("Mary Jane Watson");
    NAME("Ludwig van Beethoven");
    NAME("Leonardo da Vinci");
    NAME("Anne-Marie Dupont");
    NAME("Zoë Ångström");
    NAME("Élodie Durand");
    NAME("Ali bin Hassan");

    NOT_NAME("");
    NOT_NAME(" ");
    NOT_NAME("Jane");            /* one word */
    NOT_NAME("Reuters");
    NOT_NAME("jane doe");        /* not capitalised */
    NOT_NAME("Jane doe");
    NOT_NAME("van der");         /* particles only */
    NOT_NAME("Staff");
    NOT_NAME("Staff Writer");
    NOT_NAME("Email the author");
    NOT_NAME("Associated Press");
    NOT_NAME("The Editorial Board");
    NOT_NAME("March 5, 2024");
    NOT_NAME("Jane Doe 2");
    NOT_NAME("@janedoe Doe");
    NOT_NAME("Jane Doe (Reuters)");
    NOT_NAME("Jane Doe, Staff Writer");
    NOT_NAME("One Two Three Four Five Six"); /* more than five words */
    NOT_NAME("Updated Monday");
    NOT_NAME("Abcdefghijklmnopqrstuvwxyz Doe"); /* 26-letter word */
}

static void test_parse_two_names(void **state)
{
    (void)state;
    names("Jane Doe and John Roe", NULL, "Jane Doe", "John Roe", NULL);
    names("Jane Doe, John Roe and Ann Poe", NULL, "Jane Doe", "John Roe", "Ann Poe", NULL);
    names("Jane Doe & John Roe", NULL, "Jane Doe", "John Roe", NULL);
    names("Jane Doe; John Roe", NULL, "Jane Doe", "John Roe", NULL);
    names("Hans Müller und Eva Schmidt", NULL, "Hans Müller", "Eva Schmidt", NULL);
    names("Jane Doe", NULL, "Jane Doe", NULL);
    names("  Jane Doe.  ", NULL, "Jane Doe", NULL);
}

static void test_parse_upper_case(void **state)
{
    (void)state;
    names("JANE DOE", NULL, "Jane Doe", NULL);
    names("JANE DOE AND JOHN ROE", NULL, "Jane Doe", "John Roe", NULL);
    names("ANNE-MARIE DUPONT", NULL, "Anne-Marie Dupont", NULL);
    names("ÉLODIE DURAND", NULL, "Élodie Durand", NULL);
    /* invalid bytes in an all-caps name become U+FFFD (3 bytes each: the
     * title-cased copy may be 3 times as long as the input; with a short
     * allocation the first name would be overwritten by the second) */
    {
        char in[128], want1[128], want2[128];
        char *p = in, *w1 = want1, *w2 = want2;
        *p++ = 'J';
        *w1++ = 'J';
        *w2++ = 'J';
        for (int k = 0; k < 23; k++) {
            *p++ = '\xff';
            memcpy(w1, "\xef\xbf\xbd", 3);
            memcpy(w2, "\xef\xbf\xbd", 3);
            w1 += 3;
            w2 += 3;
        }
        size_t half = (size_t)(p - in);
        strcpy(p, " DOE AND ");
        p += strlen(p);
        memcpy(p, in, half);
        p += half;
        strcpy(p, " ROE");
        strcpy(w1, " Doe");
        strcpy(w2, " Roe");
        names(in, NULL, want1, want2, NULL);
    }
    /* mixed case is kept exactly as written */
    names("Jane McDonald", NULL, "Jane McDonald", NULL);
}

static void test_parse_role(void **state)
{
    (void)state;
    names("Jane Doe, Staff Writer", "Staff Writer", "Jane Doe", NULL);
    names("Jane Doe and John Roe, Staff Writers", "Staff Writers", "Jane Doe", "John Roe",
          NULL);
    names("Jane Doe, Senior Correspondent", "Senior Correspondent", "Jane Doe", NULL);
}

static void test_parse_not_names(void **state)
{
    (void)state;
    names("Staff", NULL, NULL);
    names("Staff Writer", NULL, NULL);
    names("Email the author", NULL, NULL);
    names("Reuters", NULL, NULL);
    names("March 5, 2024", NULL, NULL);
    names("", NULL, NULL);
    names(", , and", NULL, NULL);
    names("The Associated Press", NULL, NULL);
}

/* organisations, job titles, headline words and domains are not names */
static void test_not_names_org_role_headline(void **state)
{
    (void)state;
    NOT_NAME("Fenmoor Times");
    NOT_NAME("Skerry Bay Courier-Post");
    NOT_NAME("Chief Operating Officer");
    NOT_NAME("Head of Design");
    NOT_NAME("This Small Harbour Town Is Thriving");
    NOT_NAME("Gazette.example Newsdesk");
    NOT_NAME("GULLHAVEN.net Partner");
    /* newsrooms, agencies and labels of other languages */
    NOT_NAME("Redazione Online");
    NOT_NAME("Redactie Binnenland");
    NOT_NAME("Text Anna");
    NOT_NAME("Foto Archiv");
    NOT_NAME("Nordheider Zeitung");
    NOT_NAME("Corriere Inventato");
    NOT_NAME("Diario Ficticio");
    NAME("Dean Harlow");      /* a first name that is also a title elsewhere */
    NAME("Ann-Marie Post");
}

/* a name with an affiliation or a role glued on, without a comma */
static void test_parse_affiliation(void **state)
{
    (void)state;
    names("Jane Doe The Skerry Bay Gazette", NULL, "Jane Doe", NULL);
    names("Jane Doe Gullhaven-Courier", NULL, "Jane Doe", NULL);
    /* the longest name wins when both readings work ("Mary Ann Lee Times"
     * could be "Mary Ann" of "Lee Times"): three-word names are common */
    names("Mary Ann Lee Times", NULL, "Mary Ann Lee", NULL);
    names("Jane Doe FENMOOR NEWS NETWORK", NULL, "Jane Doe", NULL);
    /* a role alone is no affiliation: an organisation may stand before it */
    names("Fenmoor Sentinel Editorial Board", NULL, NULL);
    names("Jane Doe Social Links Contributing Writer", NULL, NULL);
    names("Jane Doe and John Roe, Fenmoor Times", NULL, "Jane Doe", "John Roe", NULL);
    /* a role after a comma, even one that looks like a name (up to "and") */
    names("Jane Doe, Chief Technology Officer and Head of Labs", "Chief Technology Officer", "Jane Doe", NULL);
    /* a date glued to a name is no affiliation */
    names("Jane DoeMarch 5, 2024", NULL, NULL);
    /* other languages' organisations and agencies */
    names("Anna Beispiel Nordheider-Rundschau", NULL, "Anna Beispiel", NULL);
    names("Anna Beispiel, dpa", NULL, "Anna Beispiel", NULL);
    names("Anna Beispiel und Max Muster", NULL, "Anna Beispiel", "Max Muster", NULL);
    names("Giulia Inventata e Marco Finto", NULL, "Giulia Inventata", "Marco Finto", NULL);
}

static void test_parse_stops_at_non_names(void **state)
{
    (void)state;
    /* an organisation or a date after the names ends the list */
    names("Jane Doe | Reuters", NULL, "Jane Doe", NULL);
    names("Jane Doe, Reuters", NULL, "Jane Doe", NULL);
    names("Jane Doe, March 5, 2024", NULL, "Jane Doe", NULL);
    names("Jane Doe \xE2\x80\x94 Reuters", NULL, "Jane Doe", NULL);
    names("Jane Doe / AFP", NULL, "Jane Doe", NULL);
}

static void test_parse_particles(void **state)
{
    (void)state;
    names("Ludwig van Beethoven", NULL, "Ludwig van Beethoven", NULL);
    names("Anne-Marie Dupont", NULL, "Anne-Marie Dupont", NULL);
    names("Ludwig van Beethoven and Anne-Marie Dupont", NULL, "Ludwig van Beethoven",
          "Anne-Marie Dupont", NULL);
    names("Charles de Gaulle", NULL, "Charles de Gaulle", NULL);
}

/* Many names: at most 16 are taken, none lost to a crash. */
static void test_parse_many(void **state)
{
    (void)state;
    char buf[2048] = "";
    for (int i = 0; i < 30; i++) {
        char one[32];
        snprintf(one, sizeof one, "%sJane Doe%c", i ? ", " : "", 'a' + (i % 26));
        /* "Doea" is still a capitalised word */
        strcat(buf, one);
    }
    got g;
    memset(&g, 0, sizeof g);
    char *b = copy(buf);
    int r = wn_parse_names(&arena, b, strlen(buf), collect, &g);
    free(b);
    assert_int_equal(r, 16);
    assert_int_equal(g.n, 16);
    assert_string_equal(g.name[0], "Jane Doea");
    assert_string_equal(g.name[15], "Jane Doep");
}

/* a particle written capitalised is a name of its own; in lower case it
 * only joins one */
static void test_capitalised_particles(void **state)
{
    (void)state;
    NAME("Al Griffin");
    NAME("Ben Blanchet");
    NAME("Minh Do");
    NAME("Van Morrison");
    NAME("Ludwig van Beethoven");
    NAME("Ana de la Cruz");
    NOT_NAME("de la");
    NOT_NAME("van der");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_capitalised_particles), T(test_is_person_name),  T(test_parse_two_names), T(test_parse_upper_case),
        T(test_parse_role),      T(test_parse_not_names), T(test_parse_stops_at_non_names),
        T(test_parse_particles), T(test_parse_many),
        T(test_not_names_org_role_headline), T(test_parse_affiliation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
