/*
 * heads.c — the headline and the dek (standfirst).
 *
 * When a record or page states its title, the blocks repeating it are
 * marked as the title and kept out of the body. A syndication footer
 * ("The post TITLE appeared first on …") states it too. Otherwise the
 * headline is found by position and shape: the block nearest before the
 * first prose paragraph that looks like a headline (a few words, no final
 * full stop), looking back past bylines, date lines and a dek.
 *
 * The dek is the sentence-like block right next to the headline, when
 * something confirms it: it is stated (record subtitle or description),
 * it precedes the headline (flattened pages put the dek above it), or it is
 * repeated (scrapers that capture the header twice repeat the dek too).
 * Without such evidence a sentence after the headline is the first
 * paragraph, and stays in the body.
 */
#include "clean.h"

#include <string.h>

#define HEAD_WINDOW 16   /* headline search: blocks from the top */
#define PROSE_MIN_LEN 150

static int ends_with(const wn_block *b, const char *set)
{
    size_t n = b->len;
    while (n && (b->text[n - 1] == '"' || b->text[n - 1] == '\'' ||
                 (unsigned char)b->text[n - 1] >= 0x80)) {
        /* skip closing quotes (ASCII or a UTF-8 sequence) */
        if ((unsigned char)b->text[n - 1] >= 0x80) {
            while (n && ((unsigned char)b->text[n - 1] & 0xC0) == 0x80) n--;
            if (n) n--;
        } else {
            n--;
        }
    }
    return n && strchr(set, b->text[n - 1]) != NULL;
}

static int headline_like(const wn_block *b)
{
    if (b->role != WN_ROLE_BODY) return 0;
    if (b->words < 2 || b->words > 30 || b->len > 250) return 0;
    if (ends_with(b, ".:;,")) return 0;
    return 1;
}

static int prose_like(const wn_block *b)
{
    return b->len >= PROSE_MIN_LEN && ends_with(b, ".!?…\"") && b->words >= 20;
}

static int sentence_like(const wn_block *b)
{
    return b->words >= 6 && b->len <= 400 && b->len >= 30;
}

/* marks blocks whose folded text equals `t` (folded) as title; returns the
 * first one's index or -1 */
static long mark_title(wn_doc *d, const char *t)
{
    size_t fl;
    char *ft = wn_fold(&d->arena, t, strlen(t), &fl);
    if (!fl) return -1;
    long first = -1;
    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *b = &d->blocks[k];
        if (b->len > strlen(t) * 2 + 16) continue;
        size_t bl;
        char *fb = wn_fold(&d->arena, b->text, b->len, &bl);
        if (bl != fl || memcmp(fb, ft, fl) != 0) continue;
        if (first < 0 && b->role != WN_ROLE_REMOVED) {
            b->role = WN_ROLE_TITLE;
            first = (long)k;
        } else if (b->role != WN_ROLE_TITLE) {
            wn_remove(b, "title");
        }
    }
    return first;
}

static int folded_equal(wn_doc *d, const wn_block *b, const char *s)
{
    size_t fa, fb;
    char *x = wn_fold(&d->arena, b->text, b->len, &fa);
    char *y = wn_fold(&d->arena, s, strlen(s), &fb);
    return fa && fa == fb && memcmp(x, y, fa) == 0;
}

static void set_dek(wn_doc *d, wn_block *b)
{
    b->role = WN_ROLE_SUBTITLE;
    d->field[WINNOW_FIELD_SUBTITLE] = b->text;
    d->field_src[WINNOW_FIELD_SUBTITLE] = "text";
}

void wn_find_heads(wn_doc *d)
{
    long t = -1;
    const char *stated = d->hints.title ? d->hints.title : d->ev.footer_title;
    if (stated) {
        t = mark_title(d, stated);
        d->field[WINNOW_FIELD_TITLE] = stated;
        d->field_src[WINNOW_FIELD_TITLE] =
            d->hints.title ? d->hints.title_src : "syndication_footer";
    }
    if (!stated) {
        /* first prose paragraph within the window */
        size_t lim = d->nblocks < HEAD_WINDOW ? d->nblocks : HEAD_WINDOW, p = lim;
        for (size_t k = 0; k < lim; k++)
            if (d->blocks[k].role == WN_ROLE_BODY && prose_like(&d->blocks[k])) {
                p = k;
                break;
            }
        /* an HTML page's <h1> wins; else look back from the prose */
        for (size_t k = 0; k < p && t < 0; k++)
            if (d->blocks[k].kind == WN_BLK_HEADING && d->blocks[k].level == 1 &&
                headline_like(&d->blocks[k]))
                t = (long)k;
        for (size_t k = p; k-- > 0 && t < 0;) {
            wn_block *b = &d->blocks[k];
            if (headline_like(b)) t = (long)k;
            else if (b->role == WN_ROLE_REMOVED || sentence_like(b)) continue;
            else break;
            if (p - k > 6) break;
        }
        if (t >= 0) {
            d->blocks[t].role = WN_ROLE_TITLE;
            d->field[WINNOW_FIELD_TITLE] = d->blocks[t].text;
            d->field_src[WINNOW_FIELD_TITLE] =
                d->blocks[t].kind == WN_BLK_HEADING ? "heading" : "text";
            mark_title(d, d->blocks[t].text); /* later repeats */
        } else if (d->page_title) {
            d->field[WINNOW_FIELD_TITLE] = d->page_title;
            d->field_src[WINNOW_FIELD_TITLE] = "<title>";
        }
    }

    /* the dek */
    const char *sub = d->hints.subtitle;
    if (sub) {
        d->field[WINNOW_FIELD_SUBTITLE] = sub;
        d->field_src[WINNOW_FIELD_SUBTITLE] = d->hints.subtitle_src;
        for (size_t k = 0; k < d->nblocks && k < HEAD_WINDOW; k++)
            if (d->blocks[k].role == WN_ROLE_BODY && folded_equal(d, &d->blocks[k], sub))
                d->blocks[k].role = WN_ROLE_SUBTITLE;
        return;
    }
    if (t < 0) return;
    /* next body block before and after the title */
    wn_block *before = NULL, *after = NULL;
    for (long k = t - 1; k >= 0 && k >= t - 3; k--)
        if (d->blocks[k].role != WN_ROLE_REMOVED || d->blocks[k].dup) {
            before = &d->blocks[k];
            break;
        }
    for (size_t k = (size_t)t + 1; k < d->nblocks && k <= (size_t)t + 4; k++)
        if (d->blocks[k].role == WN_ROLE_BODY) {
            after = &d->blocks[k];
            break;
        }
    const char *desc = d->hints.description;
    if (before && before->role == WN_ROLE_BODY && sentence_like(before) && t <= 3)
        set_dek(d, before);
    else if (after && sentence_like(after) &&
             (after->repeated || (desc && folded_equal(d, after, desc))))
        set_dek(d, after);
}

/* A section heading whose whole section was removed (a "Support Us"
 * heading over appeal paragraphs, a "Tweets" heading over pruned embeds)
 * has nothing left to head: it goes with its section, for the same reason
 * as the section's first block. A heading at the very end of the document,
 * with nothing after it, goes too. */
void wn_drop_orphan_heads(wn_doc *d)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        wn_block *h = &d->blocks[i];
        if (h->kind != WN_BLK_HEADING || h->role != WN_ROLE_BODY) continue;
        size_t j = i + 1;
        const char *why = NULL;
        int kept = 0;
        for (; j < d->nblocks && d->blocks[j].kind != WN_BLK_HEADING; j++) {
            if (d->blocks[j].role == WN_ROLE_REMOVED) {
                if (!why) why = d->blocks[j].reason;
            } else if (d->blocks[j].role == WN_ROLE_BODY) {
                kept = 1;
                break;
            }
        }
        if (kept) continue;
        if (!why && j < d->nblocks) continue; /* heading right before a heading */
        h->role = WN_ROLE_REMOVED;
        h->reason = why ? why : "boilerplate";
    }
}
