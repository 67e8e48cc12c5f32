/*
 * density.c — where is the story on a page with no usable structure?
 *
 * A flattened page is hundreds of lines: menus, teasers, the story, more
 * teasers, a footer. The story is the longest stretch of prose. Each block
 * gets a class in the manner of jusText (Pomikálek, 2011): "good" (long and
 * stopword-dense, i.e. written in sentences), "near" (dense but shorter),
 * "short", or "bad" (long but not prose: lists of names, link lists). Each
 * class has a weight (good blocks count by their length, short blocks cost
 * a fixed toll plus part of their length, bad blocks most of their length)
 * and the main text is the contiguous span of blocks with the largest total
 * weight (a maximum subarray, linear time). Inside the span, long bad
 * blocks are removed; outside it, everything is.
 *
 * The toll on short blocks is what separates an article from a column of
 * teasers: menus and teaser lists alternate short lines with sentences,
 * articles rarely do. Growing the span over small gaps afterwards was
 * tried and lost precision for no recall (see docs/design.md).
 *
 * The weights and thresholds were tuned on half of the ScrapingHub pages
 * and checked on the other half; see docs/design.md for the figures.
 */
#include "clean.h"

#include <string.h>

/* thresholds, stopword density as a fraction of words */
#define LEN_SHORT 70
#define LEN_GOOD 200
#define SD_HIGH 0.30
#define SD_LOW 0.22

enum { C_BAD, C_SHORT, C_NEAR, C_GOOD };

static int classify(const wn_block *b)
{
    if (b->len < LEN_SHORT) return C_SHORT;
    double sd = b->words ? (double)b->stopwords / b->words : 0;
    if (b->link_len * 2 > b->len) return C_BAD;
    if (sd >= SD_HIGH) return b->len >= LEN_GOOD ? C_GOOD : C_NEAR;
    if (sd >= SD_LOW) return C_NEAR;
    return C_BAD;
}

static double weight(const wn_block *b, int c)
{
    double len = (double)b->len;
    switch (c) {
    case C_GOOD: return len;
    case C_NEAR: return len * 0.5;
    case C_SHORT: return -len * 0.6 - 40;
    default: return -len * 0.8;
    }
}

/* a full sentence: several words, written in sentences (stopwords), ending
 * with a full stop, question or exclamation mark, or a closing quote */
static int sentence_edge(const wn_block *b)
{
    if (b->words < 6 || b->stopwords * 5 < b->words) return 0;
    unsigned char last = (unsigned char)b->text[b->len - 1];
    return last == '.' || last == '!' || last == '?' || last == '"' || last == 0x9D /* ” */;
}

void wn_select_region(wn_doc *d)
{
    size_t n = d->nblocks;
    if (!n) return;
    int *cls = wn_arena_alloc(&d->arena, n * sizeof *cls);
    double best = 0, run = 0;
    size_t bs = 0, be = 0, rs = 0;
    int have = 0;
    for (size_t k = 0; k < n; k++) {
        wn_block *b = &d->blocks[k];
        if (b->role != WN_ROLE_BODY) {
            cls[k] = -1;
            continue; /* already decided: neither helps nor hurts */
        }
        cls[k] = classify(b);
        double w = weight(b, cls[k]);
        if (run <= 0) {
            run = 0;
            rs = k;
        }
        run += w;
        if (run > best) {
            best = run;
            bs = rs;
            be = k;
            have = 1;
        }
    }
    if (!have) return; /* nothing prose-like: leave the blocks as they are */
    /* a short sentence right at either edge of the span is the story's
     * first or last line ("Drivers said it cut their commute."): short
     * blocks always weigh negative, so the span alone would drop it */
    if (be + 1 < n && cls[be + 1] == C_SHORT && sentence_edge(&d->blocks[be + 1])) be++;
    if (bs > 0 && cls[bs - 1] == C_SHORT && sentence_edge(&d->blocks[bs - 1])) bs--;
    for (size_t k = 0; k < n; k++) {
        wn_block *b = &d->blocks[k];
        if (cls[k] < 0) continue;
        if (k < bs || k > be) wn_remove(b, "boilerplate");
        else if (cls[k] == C_BAD && b->len > 2 * LEN_GOOD) wn_remove(b, "boilerplate");
    }
}
