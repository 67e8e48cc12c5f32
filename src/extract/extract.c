/*
 * extract.c — choosing the story's container and turning it into blocks.
 *
 * Three linear passes over the node array (children always have larger
 * indices than their parents, so a forward pass propagates inherited flags
 * and a backward pass sums subtree counts), then scoring, then one walk of
 * the chosen subtree. Costs are linear in the page.
 *
 * Scoring follows Readability's insight, re-derived for our model:
 * paragraph-like nodes (p, pre, td, text-only divs) with at least 25
 * characters score 1 + commas + min(length/100, 3) and pass the score to
 * their ancestors (parent in full, grandparent half, then 1/(3·level)).
 * Ancestors start from a tag prior (div +5, lists -3, headings -5) plus a
 * class/id hint (±25), and end multiplied by (1 - link density). An
 * itemprop=articleBody element with enough text wins outright.
 */
#define _GNU_SOURCE /* memmem */
#include "extract.h"
#include "../input/input.h"

#include <string.h>
#include <strings.h>

enum {
    F_IGNORED = 1,   /* not content: script, form controls, hidden, ... */
    F_IN_LINK = 2,   /* inside <a> */
    F_NEG = 4,       /* class/id says boilerplate */
    F_POS = 8,       /* class/id says content */
    F_HAS_BLOCK = 16, /* has a block-level child element */
    F_UNLIKELY = 32,  /* inside a sidebar, comments, menu...: never a candidate */
    F_UNL_SELF = 64,  /* this element's own class/id or tag says "unlikely" */
    F_BODY = 128,     /* itemprop=articleBody */
    F_STRONG = 256,   /* class/id names comments: negative whatever else it says */
    F_UNL_TAG = 512,  /* unlikely for a tag (aside, nav, footer) or inside one */
    F_LAYOUT = 1024,  /* negative for layout words only (gallery, list, ads...) */
    F_HAS_ART = 2048  /* holds an <article> with prose paragraphs */
};

/* How much of the class/id evidence a pass believes (the relaxed views). */
enum { RELAX_NONE = 0, RELAX_UNLIKELY = 1, RELAX_CLASSES = 2 };

/* the class/id word table (HINTS, below) by first letter: a counting sort
 * built once per page, cheaper than a scan of the whole table for every
 * class token */
#define MAX_HINTS 160
typedef struct hint_index {
    uint8_t idx[MAX_HINTS];
    uint8_t start[27];
} hint_index;

typedef struct ex {
    wn_doc *d;
    const wn_dom *dom;
    const wn_extract_params *p;
    hint_index hx;
    int relax;
    uint16_t *flags;
    uint32_t *tlen, *llen, *commas;
    uint32_t *direct, *dcommas; /* text in inline children only */
    uint32_t *paras, *pchars;   /* prose paragraphs in the subtree, their text */
    uint32_t *ppure;            /* the same text outside "unlikely" subtrees */
    float *score;
    uint8_t *scored;
    /* emit state */
    wn_buf text;
    wn_buf md; /* the same text with inline Markdown (emphasis, links, code) */
    size_t text_links;
    wn_block_kind kind;
    int level;
    uint32_t root;
    size_t nblocks;
    const char *pruning; /* inside a pruned subtree: the reason */
} ex;

static int is_skip_tag(int t)
{
    switch (t) {
    case WN_TAG_HEAD: case WN_TAG_SCRIPT: case WN_TAG_STYLE: case WN_TAG_NOSCRIPT:
    case WN_TAG_TEMPLATE: case WN_TAG_SVG: case WN_TAG_MATH: case WN_TAG_IFRAME:
    case WN_TAG_OBJECT: case WN_TAG_EMBED: case WN_TAG_CANVAS: case WN_TAG_VIDEO:
    case WN_TAG_AUDIO: case WN_TAG_MAP: case WN_TAG_BUTTON: case WN_TAG_SELECT:
    case WN_TAG_OPTION: case WN_TAG_TEXTAREA: case WN_TAG_INPUT: case WN_TAG_LABEL:
    case WN_TAG_TITLE:
        return 1;
    default:
        return 0;
    }
}

static int is_block_tag(int t)
{
    switch (t) {
    case WN_TAG_P: case WN_TAG_DIV: case WN_TAG_SECTION: case WN_TAG_ARTICLE:
    case WN_TAG_MAIN: case WN_TAG_HEADER: case WN_TAG_FOOTER: case WN_TAG_ASIDE:
    case WN_TAG_NAV: case WN_TAG_H1: case WN_TAG_H2: case WN_TAG_H3: case WN_TAG_H4:
    case WN_TAG_H5: case WN_TAG_H6: case WN_TAG_UL: case WN_TAG_OL: case WN_TAG_LI:
    case WN_TAG_DL: case WN_TAG_DT: case WN_TAG_DD: case WN_TAG_BLOCKQUOTE:
    case WN_TAG_PRE: case WN_TAG_TABLE: case WN_TAG_THEAD: case WN_TAG_TBODY:
    case WN_TAG_TFOOT: case WN_TAG_TR: case WN_TAG_FIGURE: case WN_TAG_FIGCAPTION:
    case WN_TAG_CAPTION: case WN_TAG_FORM: case WN_TAG_FIELDSET: case WN_TAG_ADDRESS:
    case WN_TAG_CENTER: case WN_TAG_DETAILS: case WN_TAG_SUMMARY: case WN_TAG_HR:
    case WN_TAG_BODY: case WN_TAG_HTML: case WN_TAG_LEGEND:
        return 1;
    default:
        return 0;
    }
}

/* ---- class and id hints ----------------------------------------------- */

/* Class/id words. A class token (split at non-letters, lowercased) matches
 * an entry when it starts with it (PREFIX) or equals it (EXACT). */
enum { NEG = 1, NEG_EXACT = 2, UNLIKELY = 4, POS = 8, STRONG = 16, LAYOUT = 32 };
typedef struct hint_word {
    const char *w;
    unsigned char len, kind;
} hint_word;
#define W(s, k) {s, sizeof(s) - 1, k}
static const hint_word HINTS[] = {
    /* UNLIKELY: the strict list for "unlikely candidates" (inherited by
     * descendants, so a false hit costs a whole subtree: unambiguous words) */
    W("comment", NEG | UNLIKELY | STRONG), W("sidebar", NEG | UNLIKELY), W("footer", NEG | UNLIKELY),
    W("masthead", NEG | UNLIKELY), W("menu", NEG | UNLIKELY), W("nav", NEG | UNLIKELY),
    W("breadcrumb", NEG | UNLIKELY), W("social", NEG | UNLIKELY), W("share", NEG | UNLIKELY),
    W("sharing", NEG | UNLIKELY), W("related", NEG | UNLIKELY), W("recommend", NEG | UNLIKELY),
    W("sponsor", NEG | UNLIKELY), W("promo", NEG | UNLIKELY), W("advert", NEG | UNLIKELY),
    W("banner", NEG | UNLIKELY), W("popup", NEG | UNLIKELY), W("modal", NEG | UNLIKELY),
    W("cookie", NEG | UNLIKELY), W("consent", NEG | UNLIKELY), W("disqus", NEG | UNLIKELY | STRONG),
    W("repl", NEG | UNLIKELY | STRONG), W("pagination", NEG | UNLIKELY), W("pager", NEG | UNLIKELY),
    W("outbrain", NEG | UNLIKELY), W("taboola", NEG | UNLIKELY), W("widget", NEG | LAYOUT),
    W("newsletter", NEG | UNLIKELY), W("subscri", NEG | UNLIKELY), W("trending", NEG | UNLIKELY),
    W("popular", NEG | UNLIKELY),
    /* NEG: boilerplate inside a container (pruned when small) */
    W("signup", NEG), W("login", NEG), W("disclaimer", NEG), W("byline", NEG), W("author", NEG),
    W("tags", NEG | LAYOUT), W("taglist", NEG | LAYOUT), W("keywords", NEG), W("caption", NEG), W("credit", NEG),
    W("timestamp", NEG), W("dateline", NEG), W("breaking", NEG), W("ticker", NEG),
    W("skip", NEG), W("dropdown", NEG),
    W("overlay", NEG), W("paywall", NEG), W("offer", NEG), W("cta", NEG), W("follow", NEG),
    W("print", NEG), W("rating", NEG), W("teaser", NEG), W("more", NEG), W("readmore", NEG),
    W("next", NEG), W("prev", NEG), W("jump", NEG), W("tooltip", NEG), W("gallery", NEG | LAYOUT),
    W("slideshow", NEG | LAYOUT), W("carousel", NEG | LAYOUT), W("video", NEG), W("player", NEG), W("embed", NEG),
    W("infobox", NEG), W("bio", NEG), W("newsfeed", NEG), W("feed", NEG), W("toolbar", NEG),
    /* NEG_EXACT: too short or too common to match as prefixes */
    W("ad", NEG_EXACT | LAYOUT), W("ads", NEG_EXACT | LAYOUT), W("adv", NEG_EXACT | LAYOUT), W("aside", NEG_EXACT),
    W("rail", NEG_EXACT), W("tag", NEG_EXACT | LAYOUT), W("meta", NEG_EXACT), W("date", NEG_EXACT),
    W("top", NEG_EXACT), W("header", NEG_EXACT), W("head", NEG_EXACT),
    W("tools", NEG_EXACT), W("links", NEG_EXACT | LAYOUT), W("list", NEG_EXACT | LAYOUT), W("card", NEG_EXACT | LAYOUT),
    W("cards", NEG_EXACT | LAYOUT),
    /* POS: the story's container */
    W("article", POS), W("body", POS), W("content", POS), W("entry", POS), W("main", POS),
    W("post", POS), W("text", POS), W("story", POS), W("hentry", POS), W("blog", POS),
    W("prose", POS), W("richtext", POS), W("markdown", POS),
};
#undef W

/* +1 positive, -1 negative, 0 neither (negative wins over positive only
 * when no positive token is present: "article-body" is positive), -2 for
 * comments, negative even beside a positive token ("comment-body");
 * *unlikely set when a token is on the strict list, *hard when a negative
 * token is not a layout word (LAYOUT: words CMSs also put on parts of the
 * story: a gallery of slides, a list of steps, an ad slot between
 * paragraphs) */
#define NHINTS (sizeof HINTS / sizeof *HINTS)

_Static_assert(NHINTS <= MAX_HINTS, "hint_index too small for HINTS");

static void hint_index_build(hint_index *x)
{
    uint8_t count[27] = {0};
    for (size_t i = 0; i < NHINTS; i++) count[HINTS[i].w[0] - 'a' + 1]++;
    x->start[0] = 0;
    for (int c = 1; c < 27; c++) x->start[c] = (uint8_t)(x->start[c - 1] + count[c]);
    uint8_t at[26];
    memcpy(at, x->start, sizeof at);
    for (size_t i = 0; i < NHINTS; i++) x->idx[at[HINTS[i].w[0] - 'a']++] = (uint8_t)i;
}

static int hint_of(const hint_index *hx, const char *s, int *unlikely, int *hard)
{
    if (!s || !*s) return 0;
    int pos = 0, neg = 0, strong = 0;
    const char *p = s;
    char tok[32];
    while (*p) {
        while (*p && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) p++;
        size_t l = 0;
        while (*p && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) {
            if (l < sizeof tok) tok[l] = (char)(*p | 0x20);
            l++;
            p++;
        }
        if (!l || l > sizeof tok) continue;
        int c0 = tok[0] - 'a';
        for (size_t k = hx->start[c0]; k < hx->start[c0 + 1]; k++) {
            const hint_word *h = &HINTS[hx->idx[k]];
            if (h->len > l || memcmp(h->w, tok, h->len) != 0) continue;
            if (h->kind & NEG_EXACT) {
                if (h->len == l) {
                    neg = 1;
                    if (!(h->kind & LAYOUT)) *hard = 1;
                }
                continue;
            }
            if (h->kind & POS) pos = 1;
            if (h->kind & NEG) {
                neg = 1;
                if (!(h->kind & LAYOUT)) *hard = 1;
            }
            if (h->kind & UNLIKELY) *unlikely = 1;
            if (h->kind & STRONG) strong = 1;
        }
    }
    if (strong) return -2;
    if (pos) return 1;
    return neg ? -1 : 0;
}

static int hidden(const wn_node *x)
{
    if (wn_node_attr(x, "hidden")) return 1;
    const char *ah = wn_node_attr(x, "aria-hidden");
    if (ah && strcasecmp(ah, "true") == 0) return 1;
    const char *st = wn_node_attr(x, "style");
    if (st) {
        /* display:none / visibility:hidden, spaces allowed */
        char buf[128];
        size_t o = 0;
        for (const char *p = st; *p && o + 1 < sizeof buf; p++)
            if (*p != ' ') buf[o++] = (char)(*p | 0x20);
        buf[o] = 0;
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden")) return 1;
    }
    return 0;
}

/* ---- text measures ---------------------------------------------------- */

/* length of text with whitespace runs counted once, and its commas */
static uint32_t text_measure(const char *s, uint32_t n, uint32_t *commas)
{
    uint32_t len = 0, c = 0;
    int ws = 1;
    for (uint32_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            if (!ws) len++;
            ws = 1;
            continue;
        }
        ws = 0;
        if ((ch & 0xC0) == 0x80) continue; /* count characters, not bytes */
        len++;
        if (ch == ',') c++;
    }
    *commas = c;
    return len;
}

/* a paragraph of prose: a paragraph-like element (no block children, or
 * text written between its blocks) with enough text, few of it in links */
static int is_prose(const ex *e, uint32_t i)
{
    const wn_node *x = &e->dom->nodes[i];
    uint32_t t = e->tlen[i];
    if (x->type != WN_NODE_ELEMENT || t < 120 || e->llen[i] * 3 > t) return 0;
    /* block elements only: a <span> inside a <p> is the same paragraph */
    if (!is_block_tag(x->tag) && x->tag != WN_TAG_TD) return 0;
    if (!(e->flags[i] & F_HAS_BLOCK)) return 1;
    return e->direct[i] >= 120;
}

static int structural(int tag)
{
    return tag == WN_TAG_BODY || tag == WN_TAG_HTML || tag == WN_TAG_MAIN ||
           tag == WN_TAG_ARTICLE || tag == WN_TAG_ROOT;
}

static int role_negative(const wn_node *x)
{
    const char *role = wn_node_attr(x, "role");
    return role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "complementary") ||
                    !strcasecmp(role, "banner") || !strcasecmp(role, "contentinfo") ||
                    !strcasecmp(role, "dialog") || !strcasecmp(role, "alert"));
}

/* Three linear passes: forward (inherited flags, own hints, text), backward
 * (subtree sums), forward again (the "unlikely" flag, which needs the sums:
 * a wrapper holding most of the page's prose is not a sidebar whatever its
 * class says, and a content-classed element holding prose clears the flag
 * it would inherit). */
static void measure(ex *e)
{
    const wn_dom *dom = e->dom;
    size_t n = dom->n;
    memset(e->flags, 0, n * sizeof *e->flags);
    memset(e->scored, 0, n);
    memset(e->tlen, 0, n * sizeof *e->tlen);
    memset(e->llen, 0, n * sizeof *e->llen);
    memset(e->commas, 0, n * sizeof *e->commas);
    memset(e->direct, 0, n * sizeof *e->direct);
    memset(e->dcommas, 0, n * sizeof *e->dcommas);
    memset(e->paras, 0, n * sizeof *e->paras);
    memset(e->pchars, 0, n * sizeof *e->pchars);
    for (size_t i = 1; i < n; i++) {
        const wn_node *x = &dom->nodes[i];
        uint16_t f = e->flags[x->parent] & (F_IGNORED | F_IN_LINK);
        if (x->type == WN_NODE_ELEMENT) {
            /* <noscript> shows only where scripts do not run; the last,
             * most relaxed look reads it (a blog whose post body is a
             * script template, with a copy for script-less readers) */
            if ((is_skip_tag(x->tag) && !(x->tag == WN_TAG_NOSCRIPT && e->relax >= RELAX_CLASSES)) ||
                hidden(x))
                f |= F_IGNORED;
            if (x->tag == WN_TAG_A) f |= F_IN_LINK;
            const char *ip = wn_node_attr(x, "itemprop");
            if (ip && strstr(ip, "articleBody")) f |= F_BODY;
            int unl = 0, hard = 0;
            int hc = hint_of(&e->hx, wn_node_attr(x, "class"), &unl, &hard);
            int hi = hint_of(&e->hx, wn_node_attr(x, "id"), &unl, &hard);
            /* comments are never the story, in every view */
            if (hc == -2 || hi == -2) {
                f |= F_NEG | F_STRONG;
                if (!structural(x->tag)) f |= F_UNL_SELF;
            } else if (e->relax < RELAX_CLASSES) {
                if (hc > 0 || hi > 0) f |= F_POS;
                else if (hc < 0 || hi < 0) f |= hard ? F_NEG : F_NEG | F_LAYOUT;
                if (unl && !(f & F_POS) && !structural(x->tag) && e->relax < RELAX_UNLIKELY)
                    f |= F_UNL_SELF;
                if (role_negative(x)) f |= F_NEG;
            }
            if (x->tag == WN_TAG_ASIDE || x->tag == WN_TAG_NAV || x->tag == WN_TAG_FOOTER)
                f |= F_UNL_SELF | F_UNL_TAG;
        }
        e->flags[i] = f;
        if (x->type == WN_NODE_TEXT && !(f & F_IGNORED)) {
            e->tlen[i] = text_measure(x->text, x->len, &e->commas[i]);
            if (f & F_IN_LINK) e->llen[i] = e->tlen[i];
        }
    }
    for (size_t i = n; i-- > 1;) {
        const wn_node *x = &dom->nodes[i];
        if (e->flags[i] & F_IGNORED) continue;
        if (is_prose(e, (uint32_t)i)) {
            e->paras[i]++;
            e->pchars[i] += (e->flags[i] & F_HAS_BLOCK) ? e->direct[i] : e->tlen[i];
        }
        uint32_t p = x->parent;
        if ((x->tag == WN_TAG_ARTICLE && x->type == WN_NODE_ELEMENT && e->paras[i] >= 2) ||
            (e->flags[i] & F_HAS_ART))
            e->flags[p] |= F_HAS_ART;
        e->tlen[p] += e->tlen[i];
        e->llen[p] += e->llen[i];
        e->commas[p] += e->commas[i];
        e->paras[p] += e->paras[i];
        e->pchars[p] += e->pchars[i];
        if (x->type == WN_NODE_ELEMENT && is_block_tag(x->tag)) {
            e->flags[p] |= F_HAS_BLOCK;
        } else {
            e->direct[p] += e->tlen[i];
            e->dcommas[p] += e->commas[i];
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint16_t f = e->flags[i], pf = e->flags[dom->nodes[i].parent];
        /* inside comments, everything is (comments' bodies say "content") */
        if ((pf & (F_STRONG | F_UNLIKELY)) == (F_STRONG | F_UNLIKELY)) {
            e->flags[i] = f | F_STRONG | F_UNLIKELY;
            continue;
        }
        /* inherited, unless this element says "content" and holds prose
         * (a class word of a wrapper is weak evidence; an <aside> is not) */
        int unl = 0;
        if (pf & F_UNLIKELY) {
            if (pf & F_UNL_TAG) f |= F_UNL_TAG;
            unl = (f & F_UNL_TAG) ? !((f & F_BODY) && e->paras[i] >= 2)
                                  : !((f & (F_POS | F_BODY)) && e->paras[i] >= 2);
        }
        /* its own word or tag, unless it wraps nearly all the page's prose
         * (a layout wrapper named like a share bar; a page the parser
         * nested inside a <nav>); comments never are the story */
        if ((f & F_UNL_SELF) && !(e->paras[i] >= 3 && e->pchars[i] * 4 >= e->pchars[0] * 3 &&
                                  !(f & F_STRONG)))
            unl = 1;
        if (unl) e->flags[i] = f | F_UNLIKELY;
    }
    /* prose outside unlikely subtrees (comments are prose too) */
    memset(e->ppure, 0, n * sizeof *e->ppure);
    for (size_t i = n; i-- > 1;) {
        if (e->flags[i] & (F_IGNORED | F_UNLIKELY)) continue;
        if (is_prose(e, (uint32_t)i))
            e->ppure[i] += (e->flags[i] & F_HAS_BLOCK) ? e->direct[i] : e->tlen[i];
        e->ppure[dom->nodes[i].parent] += e->ppure[i];
    }
}

static double link_density(const ex *e, uint32_t i)
{
    return e->tlen[i] ? (double)e->llen[i] / e->tlen[i] : 0;
}

/* ---- candidate scoring ------------------------------------------------ */

static double prior(const ex *e, uint32_t i)
{
    const wn_node *x = &e->dom->nodes[i];
    double s = 0;
    switch (x->tag) {
    case WN_TAG_DIV: case WN_TAG_ARTICLE: case WN_TAG_MAIN: s = 5; break;
    case WN_TAG_PRE: case WN_TAG_TD: case WN_TAG_BLOCKQUOTE: s = 3; break;
    case WN_TAG_ADDRESS: case WN_TAG_OL: case WN_TAG_UL: case WN_TAG_DL: case WN_TAG_DD:
    case WN_TAG_DT: case WN_TAG_LI: case WN_TAG_FORM: s = -3; break;
    case WN_TAG_H1: case WN_TAG_H2: case WN_TAG_H3: case WN_TAG_H4: case WN_TAG_H5:
    case WN_TAG_H6: case WN_TAG_TH: s = -5; break;
    default: break;
    }
    /* a content class is evidence in proportion to the text it holds: a
     * 30-character "text" box is not the story */
    if (e->flags[i] & F_POS) {
        double full = e->p->v[WN_XP_POS_CHARS];
        s += full > 0 && e->tlen[i] < full ? 25 * e->tlen[i] / full : 25;
    }
    if (e->flags[i] & F_NEG) s -= 25;
    if (e->flags[i] & F_BODY) s += 50;
    return s;
}

static int scorable(const ex *e, uint32_t i)
{
    const wn_node *x = &e->dom->nodes[i];
    if (x->type != WN_NODE_ELEMENT || (e->flags[i] & F_IGNORED)) return 0;
    switch (x->tag) {
    case WN_TAG_P: case WN_TAG_PRE: case WN_TAG_TD:
    case WN_TAG_H2: case WN_TAG_H3: case WN_TAG_H4: case WN_TAG_H5: case WN_TAG_H6:
        return 1;
    case WN_TAG_DIV: case WN_TAG_SPAN: case WN_TAG_FONT: case WN_TAG_CENTER:
    case WN_TAG_SECTION: /* a page-sized <section> is not one paragraph */
        return !(e->flags[i] & F_HAS_BLOCK);
    default:
        return 0;
    }
}

#ifdef WN_TRACE_EXTRACT
#include <stdio.h>
/* developer aid (build with -DWN_TRACE_EXTRACT): the ten best candidates */
static void trace_top(const ex *e, const char *what)
{
    uint32_t top[10] = {0};
    for (uint32_t i = 1; i < e->dom->n; i++) {
        if (!e->scored[i] || (e->flags[i] & (F_IGNORED | F_UNLIKELY))) continue;
        for (int k = 0; k < 10; k++) {
            if (!top[k] || e->score[i] > e->score[top[k]]) {
                memmove(top + k + 1, top + k, (9 - k) * sizeof *top);
                top[k] = i;
                break;
            }
        }
    }
    fprintf(stderr, "-- %s\n", what);
    for (int k = 0; k < 10 && top[k]; k++) {
        const wn_node *x = &e->dom->nodes[top[k]];
        const char *c = wn_node_attr(x, "class"), *id = wn_node_attr(x, "id");
        fprintf(stderr, "%6u %-8s score %7.1f len %6u links %5.2f flags %02x class=%.60s id=%.30s\n",
                top[k], wn_tag_name(x->tag), e->score[top[k]], e->tlen[top[k]],
                link_density(e, top[k]), e->flags[top[k]], c ? c : "", id ? id : "");
    }
    for (uint32_t a = top[0]; a; a = e->dom->nodes[a].parent) {
        const wn_node *x = &e->dom->nodes[a];
        const char *c = wn_node_attr(x, "class"), *id = wn_node_attr(x, "id");
        fprintf(stderr, "   ^ %6u %-8s len %6u paras %4u pchars %6u flags %03x class=%.50s id=%.30s\n", a,
                wn_tag_name(x->tag), e->tlen[a], e->paras[a], e->pchars[a], e->flags[a], c ? c : "",
                id ? id : "");
    }
}
#endif

/* one past the last node of i's subtree (nodes are in document order, so
 * a subtree is a contiguous range) */
static uint32_t subtree_end(const wn_dom *dom, uint32_t i)
{
    for (uint32_t a = i; a; a = dom->nodes[a].parent)
        if (dom->nodes[a].next) return dom->nodes[a].next;
    return (uint32_t)dom->n;
}

/* prose outside unlikely subtrees in the elements of a's subtree whose
 * class attribute is cls (outermost ones only) */
static uint32_t class_prose(const ex *e, uint32_t a, const char *cls)
{
    const wn_dom *dom = e->dom;
    uint32_t sum = 0, end = subtree_end(dom, a);
    for (uint32_t i = a + 1; i < end;) {
        const wn_node *x = &dom->nodes[i];
        const char *c = x->type == WN_NODE_ELEMENT ? wn_node_attr(x, "class") : NULL;
        if (c && strcmp(c, cls) == 0) {
            sum += e->ppure[i];
            i = subtree_end(dom, i);
            continue;
        }
        i++;
    }
    return sum;
}

static uint32_t choose(ex *e)
{
    const wn_dom *dom = e->dom;
    size_t n = dom->n;
    for (size_t i = 1; i < n; i++) {
        uint32_t len, commas, a;
        if (e->flags[i] & F_UNLIKELY) continue;
        if (scorable(e, (uint32_t)i)) {
            len = e->tlen[i];
            commas = e->commas[i];
            a = dom->nodes[i].parent;
        } else if ((e->flags[i] & (F_HAS_BLOCK | F_IGNORED)) == F_HAS_BLOCK &&
                   dom->nodes[i].type == WN_NODE_ELEMENT) {
            /* text written straight into a container between its blocks
             * (paragraphs separated by <br>): a paragraph of the container */
            len = e->direct[i];
            commas = e->dcommas[i];
            a = (uint32_t)i;
        } else {
            continue;
        }
        if (len < 25) continue;
        double s = 1 + commas + (len / 100 > 3 ? 3 : len / 100);
        for (int level = 0; a && level < 5; level++, a = dom->nodes[a].parent) {
            if (dom->nodes[a].tag == WN_TAG_ROOT) break;
            if (!e->scored[a]) {
                e->scored[a] = 1;
                e->score[a] = (float)prior(e, a);
            }
            e->score[a] += (float)(level == 0 ? s : level == 1 ? s / 2 : s / (level * 3));
        }
    }
    uint32_t best = 0;
    double bs = -1e9;
    for (size_t i = 1; i < n; i++) {
        if (!e->scored[i] || (e->flags[i] & (F_IGNORED | F_UNLIKELY))) continue;
        double s = e->score[i] * (1 - link_density(e, (uint32_t)i));
        e->score[i] = (float)s;
        if (s > bs) {
            bs = s;
            best = (uint32_t)i;
        }
    }
#ifdef WN_TRACE_EXTRACT
    trace_top(e, "candidates");
#endif
    if (!best) return 0;
    /* a lone child, or a parent scoring nearly as well, is the real
     * container (the story split over sibling divs) */
    for (;;) {
        uint32_t p = dom->nodes[best].parent;
        if (!p || dom->nodes[p].tag == WN_TAG_BODY || dom->nodes[p].tag == WN_TAG_HTML ||
            dom->nodes[p].tag == WN_TAG_ROOT)
            break;
        if (e->tlen[p] <= e->tlen[best] + 20 || (e->scored[p] && e->score[p] >= bs * 0.9)) {
            best = p;
            continue;
        }
        /* or a parent whose extra text is mostly more prose, at low link
         * density: the story continues in sibling blocks of an ancestor
         * (a CMS that wraps every few paragraphs in its own row) */
        uint32_t gain = e->ppure[p] - e->ppure[best];
        if (gain * 2 >= e->ppure[best] && (e->tlen[p] - e->tlen[best]) <= gain * 2 &&
            link_density(e, p) < 0.25) {
            best = p;
            continue;
        }
        /* or, a few levels up, an ancestor whose prose is mostly in more
         * elements of the winner's class (each row of paragraphs wrapped
         * in its own section: cousins, not siblings) */
        const char *cls = wn_node_attr(&dom->nodes[best], "class");
        uint32_t up = 0, a = p;
        for (int k = 0; cls && *cls && k < 6 && a && dom->nodes[a].tag != WN_TAG_BODY &&
                        dom->nodes[a].tag != WN_TAG_HTML && dom->nodes[a].tag != WN_TAG_ROOT;
             k++, a = dom->nodes[a].parent) {
            uint32_t same = class_prose(e, a, cls);
            if (same * 2 >= e->ppure[best] * 3 && same * 3 >= e->ppure[a] * 2 &&
                link_density(e, a) < 0.25) {
                up = a;
                break;
            }
        }
        if (up) {
            best = up;
            continue;
        }
        break;
    }
    return best;
}

/* ---- emitting blocks -------------------------------------------------- */

static void flush(ex *e)
{
    if (!e->text.len) {
        wn_buf_clear(&e->md);
        return;
    }
    wn_block *b = wn_doc_add_block(e->d, e->text.data, e->text.len, e->kind, e->level);
    if (b) {
        b->link_len = e->text_links < b->len ? e->text_links : b->len;
        if (!e->pruning && e->md.len) {
            size_t ml;
            char *m = wn_normalize_space(&e->d->arena, e->md.data, e->md.len, &ml);
            if (ml != b->len || memcmp(m, b->text, ml) != 0) b->md = m;
        }
        if (e->pruning) {
            /* kept for --explain; the text rules may name it better */
            b->role = WN_ROLE_REMOVED;
            b->reason = e->pruning;
            b->pruned = 1;
        } else {
            e->nblocks++;
        }
    }
    wn_buf_clear(&e->text);
    wn_buf_clear(&e->md);
    e->text_links = 0;
}

/* text into the Markdown buffer, with the characters Markdown would read
 * as markup escaped */
static void md_text(ex *e, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '*' || c == '[' || c == ']' || c == '`' || c == '\\') {
            wn_buf_append(&e->md, s + i - run, run);
            run = 0;
            wn_buf_putc(&e->md, '\\');
            wn_buf_putc(&e->md, c);
            continue;
        }
        run++;
    }
    wn_buf_append(&e->md, s + n - run, run);
}

static void emit(ex *e, uint32_t i, int depth);

/* anything but whitespace in the buffer? */
static int has_words(const wn_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] != ' ' && b->data[i] != '\n' && b->data[i] != '\t' && b->data[i] != '\r')
            return 1;
    return 0;
}

/* inline element with Markdown around it */
static void emit_inline(ex *e, uint32_t c, int depth)
{
    const wn_node *x = &e->dom->nodes[c];
    const char *open = NULL, *close = NULL, *href = NULL;
    switch (x->tag) {
    case WN_TAG_B: case WN_TAG_STRONG: open = close = "**"; break;
    case WN_TAG_I: case WN_TAG_EM: open = close = "*"; break;
    case WN_TAG_CODE: open = close = e->kind == WN_BLK_PRE ? NULL : "`"; break;
    case WN_TAG_A:
        href = wn_node_attr(x, "href");
        if (href && (strncmp(href, "http", 4) == 0 || href[0] == '/')) open = "[";
        else href = NULL;
        break;
    default: break;
    }
    size_t before = e->text.len;
    if (open) wn_buf_puts(&e->md, open);
    size_t md_at = e->md.len;
    emit(e, c, depth + 1);
    if (!open) return;
    if (e->text.len == before) {
        e->md.len = md_at - strlen(open); /* nothing inside: no markup */
        return;
    }
    if (href) {
        wn_buf_puts(&e->md, "](");
        for (const char *p = href; *p; p++)
            if (*p != ' ' && *p != '\n' && *p != ')') wn_buf_putc(&e->md, *p);
        wn_buf_putc(&e->md, ')');
    } else {
        wn_buf_puts(&e->md, close);
    }
}

/* inside the container: is this subtree boilerplate? Returns the reason
 * (a removal reason code) or NULL. */
static const char *prune(const ex *e, uint32_t i)
{
    const wn_node *x = &e->dom->nodes[i];
    if (e->flags[i] & F_IGNORED) return "hidden";
    if (i == e->root) return NULL;
    uint32_t t = e->tlen[i], pr = e->paras[i];
    /* the story's prose is never pruned for a tag or a class word alone (a
     * misused <header>, a parser that nested the page in a <nav>, a story
     * wrapped in a "share-container") */
    int story = pr >= 2 && pr * 2 >= e->paras[e->root];
    const char *why = NULL;
    switch (x->tag) {
    case WN_TAG_NAV: why = "navigation"; break;
    case WN_TAG_ASIDE: why = "aside"; break;
    case WN_TAG_FOOTER: case WN_TAG_HEADER: why = "boilerplate"; break;
    case WN_TAG_FORM: why = "form"; break;
    case WN_TAG_FIGCAPTION: return "caption";
    default: break;
    }
    if (why) return story ? NULL : why;
    if ((e->flags[i] & F_NEG) && !(e->flags[i] & F_POS) && t * 2 < e->tlen[e->root]) {
        /* the strict words (comments, related, share...) prune all but the
         * story; layout words (gallery, list, ads...) keep prose; the
         * others (caption, video, bio...) prune */
        if (e->flags[i] & F_UNL_SELF) {
            if (!story) return "boilerplate";
        } else if (!(e->flags[i] & F_LAYOUT) || pr < e->p->v[WN_XP_NEG_KEEP_PARAS]) {
            return "boilerplate";
        }
    }
    /* link lists and menus (a table cell of links in an old layout too);
     * a subtree with prose paragraphs is looked into instead, so one link
     * list inside the story costs only itself */
    if ((is_block_tag(x->tag) || x->tag == WN_TAG_TD || x->tag == WN_TAG_TH) && t > 0 &&
        x->tag != WN_TAG_P && pr == 0 && link_density(e, i) > 0.5)
        return "link_list";
    return NULL;
}

static void emit(ex *e, uint32_t i, int depth)
{
    const wn_dom *dom = e->dom;
    for (uint32_t c = dom->nodes[i].first; c; c = dom->nodes[c].next) {
        const wn_node *x = &dom->nodes[c];
        if (x->type == WN_NODE_TEXT) {
            if (e->flags[c] & F_IGNORED) continue;
            wn_buf_append(&e->text, x->text, x->len);
            md_text(e, x->text, x->len);
            if (e->flags[c] & F_IN_LINK) e->text_links += x->len;
            continue;
        }
        if (depth > 512) continue;
        const char *why = e->pruning ? NULL : prune(e, c);
        if (why) {
            /* whole subtree out; its text is kept as removed blocks unless
             * it is not text at all (scripts, controls) */
            if ((e->flags[c] & F_IGNORED) || !e->tlen[c]) continue;
            flush(e);
            e->pruning = why;
            wn_block_kind sk = e->kind;
            emit(e, c, depth + 1);
            flush(e);
            e->kind = sk;
            e->pruning = NULL;
            continue;
        }
        switch (x->tag) {
        case WN_TAG_BR:
            flush(e);
            continue;
        case WN_TAG_TD: case WN_TAG_TH:
            if (has_words(&e->text)) {
                wn_buf_puts(&e->text, " | ");
                wn_buf_puts(&e->md, " | ");
            }
            emit(e, c, depth + 1);
            continue;
        case WN_TAG_IMG:
            continue;
        default: break;
        }
        if (!is_block_tag(x->tag)) {
            emit_inline(e, c, depth);
            continue;
        }
        flush(e);
        wn_block_kind sk = e->kind;
        int sl = e->level;
        switch (x->tag) {
        case WN_TAG_H1: case WN_TAG_H2: case WN_TAG_H3: case WN_TAG_H4: case WN_TAG_H5:
        case WN_TAG_H6:
            e->kind = WN_BLK_HEADING;
            e->level = x->tag - WN_TAG_H1 + 1;
            break;
        case WN_TAG_LI: case WN_TAG_DD: case WN_TAG_DT: e->kind = WN_BLK_LIST_ITEM; break;
        case WN_TAG_BLOCKQUOTE: e->kind = WN_BLK_QUOTE; break;
        case WN_TAG_PRE: e->kind = WN_BLK_PRE; break;
        case WN_TAG_TR: e->kind = WN_BLK_TABLE_ROW; break;
        case WN_TAG_FIGCAPTION: case WN_TAG_CAPTION: e->kind = WN_BLK_CAPTION; break;
        case WN_TAG_P:
            if (e->kind != WN_BLK_QUOTE && e->kind != WN_BLK_LIST_ITEM) e->kind = WN_BLK_PARA;
            break;
        default: break;
        }
        emit(e, c, depth + 1);
        flush(e);
        e->kind = sk;
        e->level = sl;
    }
}

/* siblings of the container that look like more of the story: scoring
 * well on their own, or sharing the container's class (a story split into
 * several "text" divs between photos), or a long low-link paragraph */
static int sibling_joins(const ex *e, uint32_t s, uint32_t top)
{
    if (s == top) return 1;
    const wn_node *x = &e->dom->nodes[s];
    if (x->type != WN_NODE_ELEMENT || (e->flags[s] & F_IGNORED) || prune(e, s)) return 0;
    double thr = e->score[top] * 0.2;
    if (thr < 10) thr = 10;
    const char *tc = wn_node_attr(&e->dom->nodes[top], "class");
    const char *sc = wn_node_attr(x, "class");
    double bonus = tc && *tc && sc && strcmp(tc, sc) == 0 ? e->score[top] * 0.2 : 0;
    if (e->scored[s] && e->score[s] + bonus >= thr) return 1;
    if (x->tag == WN_TAG_P) {
        double ld = link_density(e, s);
        if (e->tlen[s] > 80 && ld < 0.25) return 1;
    }
    return 0;
}

/* ---- JSON-LD articleBody fallback ------------------------------------- */

static const wn_json *find_body(const wn_json *v, int depth)
{
    if (!v || depth > 8) return NULL;
    if (v->type == WN_JSON_OBJECT) {
        const wn_json *b = wn_json_get(v, "articleBody");
        if (b && b->type == WN_JSON_STRING) return b;
    }
    if (v->type == WN_JSON_OBJECT || v->type == WN_JSON_ARRAY)
        for (const wn_json *c = v->child; c; c = c->next) {
            const wn_json *r = find_body(c, depth + 1);
            if (r) return r;
        }
    return NULL;
}

/* Does another view's text tell the same story as the markup's blocks
 * [first, end)? A run of 40 bytes of letters and spaces from the
 * middle of one of the three longest kept blocks found in it says yes
 * (entities and quotes differ between the two, words do not). */
static int agrees(const wn_doc *d, size_t first, size_t end, const char *text, size_t len)
{
    const wn_block *top[3] = {NULL, NULL, NULL};
    for (size_t k = first; k < end; k++) {
        const wn_block *b = &d->blocks[k];
        if (b->pruned || b->len < 120) continue;
        for (int j = 0; j < 3; j++)
            if (!top[j] || b->len > top[j]->len) {
                memmove(top + j + 1, top + j, (size_t)(2 - j) * sizeof *top);
                top[j] = b;
                break;
            }
    }
    for (int j = 0; j < 3 && top[j]; j++) {
        const char *t = top[j]->text;
        size_t at = top[j]->len / 2, run = 0, i;
        for (i = at; i < top[j]->len && run < 40; i++) {
            unsigned char c = (unsigned char)t[i];
            int ok = c == ' ' || c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
            run = ok ? run + 1 : 0;
        }
        if (run == 40 && memmem(text, len, t + i - 40, 40)) return 1;
    }
    return 0;
}

/* Characters of a JSON-LD body that are text: none when it holds markup
 * (tags, escaped or not), and shortcodes in brackets do not count. */
static size_t plain_len(const wn_json *body)
{
    size_t n = 0;
    int depth = 0;
    for (size_t i = 0; i < body->len; i++) {
        char c = body->str[i];
        if (c == '<' || (c == '&' && ((i + 3 < body->len && memcmp(body->str + i, "&lt;", 4) == 0) ||
                                      (i + 7 < body->len && memcmp(body->str + i, "&amp;lt;", 8) == 0))))
            return 0; /* markup, escaped once or twice */
        if (c == '[') depth++;
        else if (c == ']' && depth) depth--;
        else if (!depth) n++;
    }
    return n;
}

/* Pages rendered by script carry the story only in JSON-LD, or only its
 * first part in the markup. Taken when it holds far more than the markup
 * gave, or clearly more and the two agree. Paragraph breaks there are
 * often lost ("moons.The find"): a sentence end glued to a capital letter
 * is taken as one. */
static size_t body_from_jsonld(wn_doc *d, const wn_dom *dom, size_t first, size_t have_len)
{
    const wn_json *best = NULL;
    for (size_t i = 0; i < dom->jsonld.n; i++) {
        const char *src = dom->jsonld.v[i];
        size_t consumed;
        wn_json_diag diag;
        memset(&diag, 0, sizeof diag);
        wn_json *v = wn_json_parse(&d->arena, src, strlen(src), 64, &consumed, &diag);
        const wn_json *b = find_body(v, 0);
        if (b && (!best || b->len > best->len)) best = b;
    }
    if (!best || best->len < 400) return 0;
    if (best->len < have_len * 3 &&
        !(plain_len(best) * 4 >= have_len * 5 &&
          agrees(d, first, d->nblocks, best->str, best->len)))
        return 0;
    size_t nb = 0, start = 0;
    const char *t = best->str;
    for (size_t i = 0; i <= best->len; i++) {
        int brk = i == best->len || t[i] == '\n';
        int glued = i > 1 && i < best->len && (t[i - 1] == '.' || t[i - 1] == '!' ||
                                                t[i - 1] == '?') &&
                    t[i - 2] >= 'a' && t[i - 2] <= 'z' && t[i] >= 'A' && t[i] <= 'Z';
        if (!brk && !glued) continue;
        if (wn_doc_add_block(d, t + start, i - start, WN_BLK_PARA, 0)) nb++;
        start = brk ? i + 1 : i;
    }
    return nb;
}

/* ---- parameters ------------------------------------------------------ */

static const struct {
    const char *name;
    double def;
} PARAMS[WN_XP_COUNT_] = {
    [WN_XP_POS_CHARS] = {"pos_chars", 400},
    [WN_XP_NEG_KEEP_PARAS] = {"neg_keep_paras", 1},
    [WN_XP_RETRY_CHARS] = {"retry_chars", 2000},
    [WN_XP_RETRY_GAIN] = {"retry_gain", 2},
    [WN_XP_HYDRATE_CHARS] = {"hydrate_chars", 3000},
};

void wn_extract_params_default(wn_extract_params *p)
{
    for (int i = 0; i < WN_XP_COUNT_; i++) p->v[i] = PARAMS[i].def;
}

int wn_extract_param_index(const char *name)
{
    for (int i = 0; name && i < WN_XP_COUNT_; i++)
        if (strcmp(name, PARAMS[i].name) == 0) return i;
    return -1;
}

const char *wn_extract_param_name(int i)
{
    return i >= 0 && i < WN_XP_COUNT_ ? PARAMS[i].name : NULL;
}

/* ---- one view --------------------------------------------------------- */

/* Emits the container top (with the siblings that join it when it was
 * found by scoring) as blocks. */
static void emit_container(ex *e, uint32_t top, int with_siblings)
{
    const wn_dom *dom = e->dom;
    uint32_t parent = dom->nodes[top].parent;
    if (!with_siblings || !parent) {
        e->root = top;
        emit(e, top, 0);
        flush(e);
        return;
    }
    for (uint32_t s = dom->nodes[parent].first; s; s = dom->nodes[s].next) {
        if (!sibling_joins(e, s, top)) continue;
        e->root = s;
        flush(e);
        if (dom->nodes[s].type == WN_NODE_TEXT) {
            wn_buf_append(&e->text, dom->nodes[s].text, dom->nodes[s].len);
            md_text(e, dom->nodes[s].text, dom->nodes[s].len);
            continue;
        }
        emit(e, s, 0);
        flush(e);
    }
    flush(e);
}

/* appends s folded (letters and digits, ASCII lowercased, other runs as
 * one space) to out[*o], at most cap-1 bytes in all */
static void fold_append(char *out, size_t *o, size_t cap, int *sp, const char *s, size_t n)
{
    for (size_t k = 0; k < n && *o + 1 < cap; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            out[(*o)++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
            *sp = 0;
        } else if (!*sp) {
            out[(*o)++] = ' ';
            *sp = 1;
        }
    }
}

static void fold_end(char *out, size_t o)
{
    while (o && out[o - 1] == ' ') o--;
    out[o] = 0;
}

/* folded text of a heading (fold_append over its text nodes) */
static void heading_text(const ex *e, uint32_t h, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 1;
    uint32_t end = subtree_end(e->dom, h);
    for (uint32_t i = h + 1; i < end; i++) {
        const wn_node *x = &e->dom->nodes[i];
        if (x->type != WN_NODE_TEXT || (e->flags[i] & F_IGNORED)) continue;
        fold_append(out, &o, cap, &sp, x->text, x->len);
        fold_append(out, &o, cap, &sp, " ", 1);
    }
    fold_end(out, o);
}

/* A container holding several articles (an infinite-scroll page that
 * appends the next stories, a live page of posts): each innermost
 * <article> with prose is a story of its own. The page's story is the one
 * whose heading is the page's title, else the first. Returns 0 when the
 * container holds fewer than two. */
static uint32_t one_article(const ex *e, uint32_t top)
{
    const wn_dom *dom = e->dom;
    uint32_t end = subtree_end(dom, top), first = 0, match = 0, count = 0;
    char want[256] = "", got[256];
    const char *title = e->d->hints.title;
    if (title) { /* the title folded the same way */
        size_t o = 0;
        int sp = 1;
        fold_append(want, &o, sizeof want, &sp, title, strlen(title));
        fold_end(want, o);
    }
    for (uint32_t i = top + 1; i < end;) {
        const wn_node *x = &dom->nodes[i];
        if (x->type != WN_NODE_ELEMENT || x->tag != WN_TAG_ARTICLE ||
            (e->flags[i] & (F_IGNORED | F_UNLIKELY)) || e->paras[i] < 2) {
            i++;
            continue;
        }
        uint32_t aend = subtree_end(dom, i);
        if (e->flags[i] & F_HAS_ART) { /* a wrapper of articles: look inside */
            i++;
            continue;
        }
        count++;
        if (!first) first = i;
        for (uint32_t h = i + 1; !match && *want && h < aend; h++) {
            int t = dom->nodes[h].tag;
            if (dom->nodes[h].type != WN_NODE_ELEMENT || (t != WN_TAG_H1 && t != WN_TAG_H2)) continue;
            heading_text(e, h, got, sizeof got);
            if (*got && strcmp(got, want) == 0) match = i;
        }
        i = aend;
    }
#ifdef WN_TRACE_EXTRACT
    fprintf(stderr, "one_article: top %u count %u first %u match %u want '%s'\n", top, count, first, match, want);
#endif
    if (count < 2) return 0;
    return match ? match : first;
}

/* an itemprop=articleBody element with text, not inside another one */
static int top_body(const ex *e, uint32_t i)
{
    if (!(e->flags[i] & F_BODY) || (e->flags[i] & F_IGNORED) || !e->tlen[i]) return 0;
    for (uint32_t a = e->dom->nodes[i].parent; a; a = e->dom->nodes[a].parent)
        if (e->flags[a] & F_BODY) return 0;
    return 1;
}

/* One view of the page at a relax level: measure, choose, emit. Returns
 * the characters of the unpruned blocks it added. */
static size_t view(ex *e, int relax, wn_extract_info *info)
{
    const wn_dom *dom = e->dom;
    size_t n = dom->n, first = e->d->nblocks;
    e->relax = relax;
    measure(e);
    /* structural evidence: every top-level itemprop=articleBody, when one
     * holds real text (some pages split the story into several) */
    uint32_t top = 0, nbody = 0;
    for (size_t i = 1; i < n; i++) {
        if (!top_body(e, (uint32_t)i)) continue;
        nbody++;
        if (!top && e->tlen[i] >= 250) top = (uint32_t)i;
    }
    if (top) {
        info->method = "articleBody";
        info->container = top;
        if (nbody == 1) {
            emit_container(e, top, 0);
        } else {
            for (size_t i = 1; i < n; i++)
                if (top_body(e, (uint32_t)i)) emit_container(e, (uint32_t)i, 0);
        }
    } else if ((top = choose(e)) != 0) {
        info->method = relax ? "relaxed" : "candidate";
        uint32_t one = one_article(e, top);
        info->container = one ? one : top;
        emit_container(e, info->container, !one);
    } else {
        /* nothing scored: the whole body, pruned */
        info->method = "body";
        for (size_t i = 1; i < n && !top; i++)
            if (dom->nodes[i].tag == WN_TAG_BODY) top = (uint32_t)i;
        info->container = top;
        emit_container(e, top, 0); /* a fragment without <body>: from the root */
    }
    size_t have = 0;
    for (size_t k = first; k < e->d->nblocks; k++)
        if (!e->d->blocks[k].pruned) have += e->d->blocks[k].len;
    return have;
}

/* keeps blocks [from, to) of d and drops the others from `from` on */
static void keep_blocks(wn_doc *d, size_t from, size_t keep_from, size_t keep_to)
{
    memmove(d->blocks + from, d->blocks + keep_from, (keep_to - keep_from) * sizeof *d->blocks);
    d->nblocks = from + (keep_to - keep_from);
}

/* The last view: the page's own JSON data (hydrate.c), asked only when
 * the markup gave little, and taken when it is clearly longer and tells
 * the same story (or the markup had next to nothing). */
static void hydrated(wn_doc *d, const wn_dom *dom, const wn_extract_params *p, size_t first,
                     wn_extract_info *info)
{
    size_t have = 0;
    for (size_t k = first; k < d->nblocks; k++)
        if (!d->blocks[k].pruned) have += d->blocks[k].len;
    if (have >= p->v[WN_XP_HYDRATE_CHARS]) return;
    void *found = wn_extract_hydrate_find(d, dom);
    for (int which = 0; which < 2; which++) {
        size_t from = d->nblocks;
        if (!wn_extract_hydrated(d, found, which, p)) {
            d->nblocks = from;
            continue;
        }
        wn_buf all;
        wn_buf_init(&all);
        for (size_t k = from; k < d->nblocks; k++)
            if (!d->blocks[k].pruned) {
                wn_buf_append(&all, d->blocks[k].text, d->blocks[k].len);
                wn_buf_putc(&all, '\n');
            }
        int take = all.len >= 500 && all.len * 2 >= have * 3 &&
                   (have < 250 || agrees(d, first, from, all.data, all.len));
        wn_buf_free(&all);
        if (take) {
            keep_blocks(d, first, from, d->nblocks);
            info->method = "page-data";
            return;
        }
        d->nblocks = from;
    }
}

size_t wn_extract(wn_doc *d, const wn_dom *dom, const wn_extract_params *p,
                  wn_extract_info *info)
{
    size_t n = dom->n;
    ex e;
    memset(&e, 0, sizeof e);
    e.d = d;
    e.dom = dom;
    e.p = p;
    hint_index_build(&e.hx);
    e.flags = wn_arena_alloc(&d->arena, n * sizeof *e.flags);
    e.scored = wn_arena_alloc(&d->arena, n);
    e.tlen = wn_arena_alloc(&d->arena, n * sizeof *e.tlen);
    e.llen = wn_arena_alloc(&d->arena, n * sizeof *e.llen);
    e.commas = wn_arena_alloc(&d->arena, n * sizeof *e.commas);
    e.direct = wn_arena_alloc(&d->arena, n * sizeof *e.direct);
    e.dcommas = wn_arena_alloc(&d->arena, n * sizeof *e.dcommas);
    e.paras = wn_arena_alloc(&d->arena, n * sizeof *e.paras);
    e.pchars = wn_arena_alloc(&d->arena, n * sizeof *e.pchars);
    e.ppure = wn_arena_alloc(&d->arena, n * sizeof *e.ppure);
    e.score = wn_arena_alloc(&d->arena, n * sizeof *e.score);
    wn_buf_init(&e.text);
    wn_buf_init(&e.md);
    e.kind = WN_BLK_PARA;

    size_t first = d->nblocks;
    size_t have = view(&e, RELAX_NONE, info);
    /* A short result may mean the class words misled us (a wrapper named
     * like a share bar, a content class on a date line): look again,
     * believing less of them each time, and take the new view only when it
     * holds far more text. */
    for (int relax = RELAX_UNLIKELY; relax <= RELAX_CLASSES && have < p->v[WN_XP_RETRY_CHARS];
         relax++) {
        size_t mid = d->nblocks;
        wn_extract_info alt;
        size_t got = view(&e, relax, &alt);
        if (got >= 250 && got >= have * p->v[WN_XP_RETRY_GAIN]) {
            keep_blocks(d, first, mid, d->nblocks);
            have = got;
            *info = alt;
        } else {
            d->nblocks = mid;
        }
    }
    wn_buf_free(&e.text);
    wn_buf_free(&e.md);
    if (dom->jsonld.n) {
        size_t from = d->nblocks;
        size_t nb = body_from_jsonld(d, dom, first, have);
        if (nb) {
            /* the markup's blocks were not the story: keep the JSON-LD ones
             * (and drop what was pruned from the markup, now irrelevant) */
            keep_blocks(d, first, from, d->nblocks);
            info->method = "json-ld";
        }
    }
    if (dom->jsondata.n) hydrated(d, dom, p, first, info);
    size_t kept = 0;
    for (size_t k = first; k < d->nblocks; k++) kept += !d->blocks[k].pruned;
    return kept;
}
