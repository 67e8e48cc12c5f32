/*
 * meta.c — final fields from hints (stated) and evidence (found in text).
 *
 * Publisher vs republisher is the subtle one. A footer "The post X
 * appeared first on SITE" is written by the feed of SITE; when the text
 * also names a different original publisher (an "originally published
 * on" line, an author bio "… is a writer at ORG", a "More from ORG"
 * module), SITE only reposted the story: ORG is the publisher and SITE the
 * republisher. With no such evidence SITE is simply the publisher.
 *
 * Authors: the stated ones (record fields, or what the HTML page states,
 * its byline elements included) are the list; names found in the text
 * (bylines, credit lines, bios) only add a role or handle to them, since
 * the text also holds other stories' bylines and contributors' credits.
 * Without stated authors the text's names are the list. A name that is
 * another one plus words ("Jane Doe Daily Planet" next to "Jane Doe") is
 * that one with an affiliation glued on and merges into it.
 */
#include "meta.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef struct add_ctx {
    wn_doc *d;
    const char *role;
    int enrich_only; /* only add to authors already known (role, handle) */
} add_ctx;

/* the known author of that name (ASCII case ignored), or NULL */
static wn_author *known_author(wn_doc *d, const char *name)
{
    for (size_t i = 0; i < d->authors.n; i++) {
        wn_author *x = d->authors.v[i];
        if (!strcasecmp(x->name, name)) return x;
    }
    return NULL;
}

static void add_author(void *ctx, const char *name, const char *role)
{
    add_ctx *c = ctx;
    if (c->enrich_only) {
        wn_author *x = known_author(c->d, name);
        if (x) wn_author_add(&c->d->arena, &c->d->authors, x->name, c->role ? c->role : role,
                             NULL, NULL);
        return;
    }
    wn_author_add(&c->d->arena, &c->d->authors, name, c->role ? c->role : role, NULL, NULL);
}

/* "Jane Doe" and "Jane Doe Cherry Hill Courier" both found: the longer one
 * is the name with an affiliation glued on; it goes, its role/url/handle
 * join the shorter one */
static void drop_glued_names(wn_doc *d)
{
    wn_ptrvec *v = &d->authors;
    size_t o = 0;
    for (size_t i = 0; i < v->n; i++) {
        wn_author *x = v->v[i];
        size_t xl = strlen(x->name);
        wn_author *base = NULL;
        for (size_t k = 0; k < v->n && !base; k++) {
            wn_author *y = v->v[k];
            size_t yl = strlen(y->name);
            if (y != x && yl < xl && x->name[yl] == ' ' && !strncasecmp(x->name, y->name, yl))
                base = y;
        }
        if (base) {
            if (!base->role) base->role = x->role;
            if (!base->url) base->url = x->url;
            if (!base->handle) base->handle = x->handle;
            if (!base->email) base->email = x->email;
            continue;
        }
        v->v[o++] = x;
    }
    v->n = o;
}

/* the same outlet under two spellings? "The Daily Planet" = "Daily Planet",
 * "CNN" = "CNN International" (one name starts the other at a word end) */
static int same_site(const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la > 4 && !strncasecmp(a, "the ", 4)) a += 4, la -= 4;
    if (lb > 4 && !strncasecmp(b, "the ", 4)) b += 4, lb -= 4;
    if (la > lb) {
        const char *t = a;
        a = b, b = t;
        size_t tl = la;
        la = lb, lb = tl;
    }
    return la > 0 && strncasecmp(a, b, la) == 0 && (lb == la || b[la] == ' ' || b[la] == '.');
}

/* "Reporting by A in London and B; Editing by C" */
static void parse_credit(wn_doc *d, const char *s, int enrich_only)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        const char *semi = memchr(s + i, ';', n - i);
        size_t e = semi ? (size_t)(semi - s) : n;
        const char *seg = s + i;
        size_t sl = e - i;
        while (sl && (*seg == ' ' || *seg == '(')) seg++, sl--;
        /* find " by " */
        const char *by = NULL;
        for (size_t k = 0; k + 4 <= sl; k++)
            if (!strncasecmp(seg + k, " by ", 4)) {
                by = seg + k;
                break;
            }
        if (by) {
            size_t rl = (size_t)(by - seg);
            char *role = wn_arena_strndup(&d->arena, seg, rl);
            for (char *p = role; *p; p++) *p = (char)tolower((unsigned char)*p);
            const char *names = by + 4;
            size_t nl = sl - rl - 4;
            while (nl && (names[nl - 1] == ')' || names[nl - 1] == '.' || names[nl - 1] == ' '))
                nl--;
            /* drop " in CITY" after each name */
            wn_buf b;
            wn_buf_init(&b);
            size_t k = 0;
            while (k < nl) {
                if (k + 4 <= nl && !strncmp(names + k, " in ", 4)) {
                    /* skip to the next separator */
                    size_t j = k + 4;
                    while (j < nl && names[j] != ',' && strncmp(names + j, " and ", 5)) j++;
                    k = j;
                    continue;
                }
                wn_buf_putc(&b, names[k++]);
            }
            add_ctx c = {d, role, enrich_only};
            if (b.len) wn_parse_names(&d->arena, b.data, b.len, add_author, &c);
            wn_buf_free(&b);
        }
        i = e + 1;
    }
}

static const char *lang_code(wn_doc *d, const char *s)
{
    char c[3] = {0};
    if (!s || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1])) return NULL;
    if (s[2] && s[2] != '-' && s[2] != '_') return NULL;
    c[0] = (char)tolower((unsigned char)s[0]);
    c[1] = (char)tolower((unsigned char)s[1]);
    return wn_arena_strdup(&d->arena, c);
}

/* "Headline | Site" -> "Headline" when the suffix is short */
static const char *strip_site_suffix(wn_doc *d, const char *t)
{
    static const char *const SEP[] = {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ",
                                      " \xc2\xbb ", NULL};
    const char *cut = NULL;
    for (size_t i = 0; SEP[i]; i++) {
        const char *p = t, *last = NULL;
        while ((p = strstr(p, SEP[i]))) last = p++;
        if (last && (!cut || last > cut)) cut = last;
    }
    if (!cut) return t;
    size_t words = 1;
    for (const char *p = cut + 3; *p; p++)
        if (*p == ' ') words++;
    if (words > 5 || cut - t < 10) return t;
    return wn_arena_strndup(&d->arena, t, (size_t)(cut - t));
}

static void split_tags(wn_doc *d, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ',' && s[e] != ';' && s[e] != '|') e++;
        size_t st = i, en = e;
        while (st < en && s[st] == ' ') st++;
        while (en > st && (s[en - 1] == ' ' || s[en - 1] == '.')) en--;
        if (en > st) wn_ptrvec_push(&d->arena, &d->tags, wn_arena_strndup(&d->arena, s + st, en - st));
        i = e + 1;
    }
}

/* 1 when the ISO date is after the day the page was fetched */
static int after_fetch(const wn_doc *d, const char *iso)
{
    const char *f = d->hints.fetch_date;
    return f && strlen(f) >= 10 && strlen(iso) >= 10 && strncmp(iso, f, 10) > 0;
}

void wn_meta(wn_doc *d)
{
    wn_hints *h = &d->hints;
    wn_evidence *ev = &d->ev;
    const char **f = d->field;

    const char **src = d->field_src;

    /* title (the clean stage sets the stated one for articles; a record
     * no stage went through, an error, still has it) */
    if (!f[WINNOW_FIELD_TITLE] && h->title) {
        f[WINNOW_FIELD_TITLE] = h->title;
        src[WINNOW_FIELD_TITLE] = h->title_src;
    }
    if (!f[WINNOW_FIELD_SUBTITLE] && h->subtitle && d->is_error) {
        f[WINNOW_FIELD_SUBTITLE] = h->subtitle;
        src[WINNOW_FIELD_SUBTITLE] = h->subtitle_src;
    }
    if (!f[WINNOW_FIELD_TITLE] && d->page_title) {
        f[WINNOW_FIELD_TITLE] = d->page_title;
        src[WINNOW_FIELD_TITLE] = "<title>";
    }
    if (f[WINNOW_FIELD_TITLE] && f[WINNOW_FIELD_TITLE] == d->page_title)
        f[WINNOW_FIELD_TITLE] = strip_site_suffix(d, d->page_title);

    /* authors: stated ones first (split when a field holds a byline) */
    for (size_t i = 0; i < h->authors.n; i++) {
        wn_author *a = h->authors.v[i];
        const char *nm = a->name;
        if (!strncasecmp(nm, "by ", 3)) nm += 3;
        if (a->handle && !strcmp(nm, a->handle)) { /* an account known by its handle only */
            wn_author *x = wn_author_add(&d->arena, &d->authors, nm, a->role, a->handle, a->url);
            if (x && !x->email) x->email = a->email;
            continue;
        }
        add_ctx c = {d, NULL, 0};
        size_t before = d->authors.n;
        if (wn_parse_names(&d->arena, nm, strlen(nm), add_author, &c) == 1 &&
            d->authors.n == before + 1) {
            wn_author *x = d->authors.v[before];
            if (!x->url) x->url = a->url;
            if (!x->handle) x->handle = a->handle;
            if (!x->email) x->email = a->email;
        } else if (d->authors.n == before && d->publisher_words) {
            /* a feed's author field names its author in the publisher's
             * words ("Example editor", "webmaster"): kept as written */
            wn_author *x = wn_author_add(&d->arena, &d->authors, a->name, a->role, a->handle,
                                         a->url);
            if (x && !x->email) x->email = a->email;
        }
    }
    /* Names found in the text (bylines, credit lines, bios) join the stated
     * ones only to add what they say about them (a role, a handle): a page
     * that states its authors names them all, and the text also holds other
     * stories' bylines and contributors' credits. */
    int stated = d->authors.n > 0;
    for (size_t i = 0; i < ev->bylines.n; i++) {
        const char *s = ev->bylines.v[i];
        add_ctx c = {d, NULL, stated};
        wn_parse_names(&d->arena, s, strlen(s), add_author, &c);
    }
    for (size_t i = 0; i < ev->credits.n; i++) parse_credit(d, ev->credits.v[i], stated);
    for (size_t i = 0; i < ev->bio_authors.n; i++) {
        wn_author *a = ev->bio_authors.v[i];
        wn_author *x = known_author(d, a->name);
        if (stated && !x) continue;
        wn_author_add(&d->arena, &d->authors, x ? x->name : a->name, a->role, a->handle,
                      a->url);
    }
    drop_glued_names(d);
    if (d->authors.n)
        d->authors_src = h->authors.n         ? h->authors_src
                         : ev->bylines.n      ? "byline"
                         : ev->credits.n      ? "credit_line"
                                              : "author_bio";

    /* publisher / republisher */
    const char *origin = ev->origin_site ? ev->origin_site
                         : ev->bio_site  ? ev->bio_site
                         : h->publisher  ? h->publisher
                                         : ev->recirc_site;
    const char *origin_src = ev->origin_site ? "syndication_footer"
                             : ev->bio_site  ? "author_bio"
                             : h->publisher  ? h->publisher_src
                                             : "recirculation";
    const char *site = ev->footer_site ? ev->footer_site : h->site_name;
    const char *site_src = ev->footer_site ? "syndication_footer" : h->site_name_src;
    if (origin) {
        f[WINNOW_FIELD_PUBLISHER] = origin;
        src[WINNOW_FIELD_PUBLISHER] = origin_src;
        if (site && !same_site(site, origin)) {
            f[WINNOW_FIELD_REPUBLISHER] = site;
            src[WINNOW_FIELD_REPUBLISHER] = site_src;
        }
    } else if (site) {
        f[WINNOW_FIELD_PUBLISHER] = site;
        src[WINNOW_FIELD_PUBLISHER] = site_src;
    }

    /* dates (never later than the fetch, when the fetch date is known) */
    char iso[32];
    if (h->date_published && wn_parse_date(h->date_published, strlen(h->date_published), 0, iso) &&
        !after_fetch(d, iso)) {
        f[WINNOW_FIELD_DATE_PUBLISHED] = wn_arena_strdup(&d->arena, iso);
        src[WINNOW_FIELD_DATE_PUBLISHED] = h->date_published_src;
    } else {
        for (size_t i = 0; i < ev->dates.n; i++)
            if (!after_fetch(d, ev->dates.v[i])) {
                f[WINNOW_FIELD_DATE_PUBLISHED] = ev->dates.v[i];
                src[WINNOW_FIELD_DATE_PUBLISHED] = "date_line";
                break;
            }
    }
    if (h->date_modified && wn_parse_date(h->date_modified, strlen(h->date_modified), 0, iso)) {
        f[WINNOW_FIELD_DATE_MODIFIED] = wn_arena_strdup(&d->arena, iso);
        src[WINNOW_FIELD_DATE_MODIFIED] = h->date_modified_src;
    } else if (ev->dates.n > 1) {
        f[WINNOW_FIELD_DATE_MODIFIED] = ev->dates.v[1];
        src[WINNOW_FIELD_DATE_MODIFIED] = "date_line";
    }

    /* the rest */
    const char *lang = lang_code(d, h->language);
    f[WINNOW_FIELD_LANGUAGE] = lang ? lang : d->language;
    src[WINNOW_FIELD_LANGUAGE] = lang ? h->language_src : d->language ? "detected" : NULL;
    f[WINNOW_FIELD_URL] = h->url;
    src[WINNOW_FIELD_URL] = h->url_src;
    f[WINNOW_FIELD_DESCRIPTION] = h->description;
    src[WINNOW_FIELD_DESCRIPTION] = h->description_src;
    f[WINNOW_FIELD_IMAGE] = h->image;
    src[WINNOW_FIELD_IMAGE] = h->image_src;
    for (size_t i = 0; i < h->tags.n; i++) split_tags(d, h->tags.v[i]);
    for (size_t i = 0; i < ev->tags.n; i++) split_tags(d, ev->tags.v[i]);
    if (d->tags.n) d->tags_src = h->tags.n ? h->tags_src : "tags_line";
    if (d->charset) src[WINNOW_FIELD_TEXT] = d->extract_method;

    /* A feed item's description is the publisher's words, however short:
     * when the cleaning left none of it (judged boilerplate by its length
     * or place, or taken for a repeat of the headline, or a call to action:
     * "Photos from the fair: click here" is how the item names its link;
     * not when another pattern named it: a footer, a share prompt, "Read
     * more" stay out), it is the text all the same. */
    if (d->publisher_words && !(h->title_src && !strcmp(h->title_src, "feed"))) {
        /* an item without a title of its own (a title the page reader found
         * in the item's HTML, an <h1>, is not the feed's): a headline
         * guessed from its text may name the record, but the words stay in
         * the text */
        for (size_t k = 0; k < d->nblocks; k++)
            if (d->blocks[k].role == WN_ROLE_TITLE || d->blocks[k].role == WN_ROLE_SUBTITLE)
                d->blocks[k].role = WN_ROLE_BODY;
    }
    if (d->publisher_words) {
        int body = 0;
        for (size_t k = 0; k < d->nblocks && !body; k++)
            body = d->blocks[k].role == WN_ROLE_BODY && d->blocks[k].words;
        for (size_t k = 0; k < d->nblocks && !body; k++) {
            wn_block *bl = &d->blocks[k];
            if (!bl->words) continue;
            if (bl->role == WN_ROLE_TITLE || bl->role == WN_ROLE_SUBTITLE ||
                (bl->role == WN_ROLE_REMOVED && bl->reason &&
                 (!strcmp(bl->reason, "boilerplate") || !strcmp(bl->reason, "call_to_action"))))
                bl->role = WN_ROLE_BODY;
        }
    }

    /* body text */
    wn_buf b;
    wn_buf_init(&b);
    size_t words = 0, paras = 0; /* paras: body paragraphs so far */
    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *bl = &d->blocks[k];
        if (bl->role == WN_ROLE_TITLE || bl->role == WN_ROLE_SUBTITLE) {
            /* out of the body, into their fields: listed as removed so that
             * --explain accounts for every input block */
            bl->reason = bl->role == WN_ROLE_TITLE ? "title" : "subtitle";
            bl->at = paras;
            wn_ptrvec_push(&d->arena, &d->removed, bl);
        }
        if (bl->role == WN_ROLE_REMOVED) {
            bl->at = paras;
            wn_ptrvec_push(&d->arena, &d->removed, bl);
        }
        if (bl->role != WN_ROLE_BODY) continue;
        paras++;
        if (b.len) wn_buf_puts(&b, "\n\n");
        wn_buf_append(&b, bl->text, bl->len);
        words += bl->words;
    }
    if (b.len) f[WINNOW_FIELD_TEXT] = wn_arena_strndup(&d->arena, b.data, b.len);
    d->word_count = words;
    wn_buf_free(&b);
}
