/*
 * rules.c — known boilerplate, recognised by pattern.
 *
 * News sites decorate stories with the same few things in every language:
 * syndication footers, series notes, author bios, recirculation modules,
 * newsletter and share prompts, ads, cookie and copyright notices, photo
 * and wire credits, bylines, comment counts, date and tag lines. Each kind
 * is a short list of PCRE2 patterns (caseless, Unicode-aware) matched
 * against a whole block no longer than the rule's limit — boilerplate is
 * short, so a long paragraph that merely mentions "subscribe" is safe.
 *
 * A rule may carry an action that captures evidence for meta (the site in
 * a footer, the names in a byline) or, for recirculation headings, opens a
 * "teaser zone": the short blocks that follow ("More from X" and its
 * headlines) go with the heading.
 *
 * Why regexes and not hand-written matchers: the lists change as we meet
 * new conventions, and a pattern table is easy to read, review and extend.
 * PCRE2's JIT keeps the cost to a few percent of a document's time.
 */
#include "clean.h"
#include "../meta/meta.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum action {
    ACT_NONE = 0,
    ACT_REPUBLISHED, /* $1 title, $2 republishing site */
    ACT_ORIGIN,      /* $1 original publisher */
    ACT_ZONE,        /* recirculation heading; $1 site when "More from $1" */
    ACT_BIO,         /* $1 name, $2 role, $3 organisation (optional) */
    ACT_BYLINE,      /* $1 names */
    ACT_CREDIT,      /* whole block is a wire credit line */
    ACT_DATE,        /* $1 date */
    ACT_TAGS,        /* $1 tag list */
    ACT_TAIL         /* a notice that may end a paragraph of prose: the
                        sentences from the one it is in to the end of the
                        block are split off and removed (see split_tail) */
};

typedef struct rule_def {
    const char *reason;
    enum action act;
    unsigned max_len; /* bytes; longer blocks are never matched */
    const char *pattern;
} rule_def;

/* what may follow a site name at the end of a sentence */
#define TAIL "(?:[.;(]\\s.*|,\\s.*|\\s+(?:on|under|am|le|el|em|il|as|with)\\s.*|[.!])?$"
#define SITE "(?-i:the\\s+)?(.{2,80}?)"
#define NAME "(\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*|de|da|do|dos|van|von|der|den|del|della|di|du|le|la|al|bin|ibn|el|ben|y|zu)){1,4})"

static const rule_def RULES[] = {
    /* syndication footers */
    {"syndication_footer", ACT_REPUBLISHED, 600,
     "^the post (.{3,400}?) appeared first on (.{2,100}?)\\.?$"},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:this (?:article|story|post|piece|report|column|interview|essay)|a version of this "
     "(?:article|story|post|piece))(?: was| has been| is| had been)?(?: originally| first)? "
     "(?:published|posted|appeared|ran|republished)(?: originally| first)? (?:on|in|at|by|with|"
     "from) " SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:originally|first) (?:published|posted|appeared) (?:on|in|at|by) " SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:this (?:article|story|post) (?:is|was) )?republished (?:here )?(?:with permission )?"
     "(?:from|by|courtesy of) " SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:dieser (?:artikel|beitrag|text) (?:ist|erschien|wurde) (?:zuerst|ursprünglich|"
     "erstmals) (?:auf|bei|in|im) |zuerst erschienen (?:auf|bei|in|im) )" SITE
     "(?:\\s+(?:erschienen|veröffentlicht))?" TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:cet article a (?:d'abord |initialement |originellement )?été (?:initialement |"
     "originellement |d'abord )?publié (?:initialement |originellement |d'abord )?(?:sur|dans|"
     "par) |article (?:initialement |originellement )?publié (?:sur|dans|par) )(?:le site "
     "(?:de |d'))?" SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:este (?:artículo|texto|reportaje) (?:fue publicado|se publicó|apareció) "
     "(?:originalmente |primero |por primera vez )?en |publicado originalmente en )" SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^(?:este (?:artigo|texto) foi (?:originalmente )?publicado (?:originalmente )?(?:em|no|"
     "na|pelo|pela) |publicado originalmente (?:em|no|na) )" SITE TAIL},
    {"syndication_footer", ACT_ORIGIN, 400,
     "^questo articolo è stato (?:originariamente |originalmente )?pubblicato "
     "(?:originariamente |originalmente )?(?:su|da|in) " SITE TAIL},

    /* series and partnership notes */
    {"series_note", ACT_NONE, 400,
     "^this (?:post|article|story|piece|report|essay|newsletter) is (?:part|one) of\\b.{3,300}$"},
    {"series_note", ACT_NONE, 400,
     "^this (?:story|article|report) (?:is|was) (?:produced|published|reported) (?:as part of|"
     "in partnership with|in collaboration with|with support from)\\b.*$"},
    {"series_note", ACT_NONE, 60, "^follow (?:along|our (?:live )?coverage) here\\.?$"},

    /* author bios (accepted with conditions, see bio_ok) */
    {"author_bio", ACT_BIO, 500,
     "^(?-i)" NAME "(?i)\\s+(?:is|was|serves as)\\s+(?:a|an|the)\\s+(.{3,80}?)\\s+(?:at|for|"
     "with|of|on)\\s+(?-i:the\\s+)?(?-i)(\\p{Lu}[^.,;:]{1,60}?)(?i)(?:[.,;:](?:\\s.*)?|\\s+(?:and|"
     "where|who|based|in|since|covering)\\s.*)?$"},
    {"author_bio", ACT_BIO, 400,
     "^(?-i)" NAME "(?i)\\s+(?:is|was)\\s+(?:a|an)\\s+((?:[\\p{L}-]+\\s+){0,3}(?:writer|reporter|"
     "journalist|correspondent|editor|columnist|contributor|author|producer|photographer|"
     "analyst|fellow))\\b.*$"},
    {"author_bio", ACT_NONE, 400, "^about the authors?\\b.{0,390}$"},
    {"author_bio", ACT_NONE, 300,
     "^e-?mail (?-i:\\p{Lu}).{1,60} at \\S+@\\S+|\\bcan be reached (?:at|by|via)\\b.{0,120}(?:@|\\bemail\\b|\\be-mail\\b)|\\bfollow (?:him|her|"
     "them) on (?:x|twitter|threads|instagram|bluesky|mastodon|facebook|linkedin)\\b"},

    /* social handles */
    {"social", ACT_NONE, 200,
     "^follow (?:us|me|him|her|them)\\b.{0,80}\\b(?:twitter|facebook|instagram|x|threads|"
     "bluesky|linkedin|tiktok|youtube|mastodon|telegram)\\b.{0,60}$"},
    {"social", ACT_NONE, 60,
     "^(?:(?:twitter|x|instagram|threads|bluesky|mastodon|tiktok)\\s*:\\s*)?@[\\w.]{2,30}$"},

    {"share", ACT_NONE, 60,
     "^(?:sharing is caring|like this|like loading|like this (?:story|article|post)\\? share it"
     "(?: with (?:a|your) friends?)?|share this (?:story|article|post)(?: with (?:a|your) "
     "friends?)?)\\W*$"},
    /* calls to action */
    {"call_to_action", ACT_NONE, 100,
     "(?:^|\\s)(?:by )?click(?:ing)? here\\b(?!.{60})|^click here (?:to|for)\\b"},
    /* shortcodes a CMS failed to expand: "[button link=...]" (lowercase:
     * "[Engadget]" is a source label, not a shortcode) */
    {"boilerplate", ACT_NONE, 600, "^(?-i:\\[/?[a-z][a-z0-9_-]{1,30}(?:\\s[^\\]]{0,500})?\\])"},

    /* recirculation: headings that open a teaser zone, then inline links */
    {"recirculation", ACT_ZONE, 90,
     "^(?:more (?:from|on|in|by|about) (.{2,60}?)|related(?: (?:articles?|stories|posts|"
     "content|coverage|reading|news|links|topics|videos))?|read (?:more|next|also)|"
     "recommended(?: (?:for you|stories|reading|articles|videos))?|you (?:may|might) (?:also )?"
     "(?:like|be interested in|enjoy)|(?:the )?most (?:popular|read|viewed|shared)|"
     "trending(?: (?:now|stories|news))?|popular (?:stories|posts|now|articles)|"
     "don'?t miss|further reading|see also|also (?:read|see)|latest (?:news|stories|articles|"
     "headlines)|top stories|what to read next|more (?:stories|news|articles|coverage|"
     "headlines|videos)|editor'?s picks|lire aussi|à lire (?:aussi|également)|sur le même "
     "sujet|weitere (?:artikel|nachrichten|themen)|mehr zum thema|lesen sie (?:auch|mehr)|das "
     "könnte sie auch interessieren|leia (?:também|mais)|veja também|mais lidas|lee (?:también|"
     "más)|te puede interesar|más noticias|noticias relacionadas|artículos relacionados|"
     "articoli correlati|leggi anche|potrebbe interessarti|lees ook|meer nieuws|läs också|"
     "czytaj (?:też|także)|читайте также)\\s*[:.»>›…]*$"},
    {"recirculation", ACT_NONE, 300,
     "^(?:read (?:more|next|also)|related|see also|also read|more|lire aussi|à lire aussi|"
     "lesen sie auch|mehr zum thema|leia também|lee también|leggi anche)\\s*[:|»>›]\\s*\\S.{2,"
     "250}$"},

    /* newsletters and subscriptions */
    {"newsletter", ACT_NONE, 300,
     "\\b(?:sign(?:ing)? up|subscribe|register)\\b.{0,100}\\b(?:newsletters?|updates|e-?mails?|"
     "inbox|briefings?|digest|alerts)\\b"},
    {"newsletter", ACT_NONE, 300,
     "\\bnewsletters?\\b.{0,80}\\b(?:inbox|sign up|subscribe|delivered|free)\\b"},
    {"newsletter", ACT_NONE, 60,
     "^(?:subscribe(?: now| today| here)?|newsletter|get (?:our|the) newsletter|join our "
     "(?:mailing list|newsletter)|(?:jetzt )?(?:newsletter )?abonnieren|abonnez-vous|"
     "suscríbete|assine já|iscriviti)[.!]?$"},
    {"newsletter", ACT_NONE, 300, "\\b(?:delivered|straight|directly) to your inbox\\b"},
    {"newsletter", ACT_NONE, 60,
     "^(?:enter|type|your|provide) (?:your )?e-?mail(?: address)?(?: here)?\\W*$"},

    /* share bars */
    {"share", ACT_NONE, 200,
     "^(?:share(?: this| on| via| the)?(?: (?:article|story|post|page))?|tweet|e-?mail|print|"
     "copy link|copy url|whatsapp|facebook|twitter|linkedin|pinterest|reddit|telegram|flipboard|"
     "messenger|teilen|partager|compartir|compartilhar|condividi)(?:\\s*[|/·•,]?\\s*(?:share|"
     "tweet|e-?mail|print|copy link|facebook|twitter|linkedin|pinterest|reddit|whatsapp|"
     "telegram|flipboard|messenger|x))*\\s*:?$"},

    /* advertising */
    {"advertisement", ACT_NONE, 80,
     "^(?:advertisement|advertising|sponsored(?: content| by .{1,40})?|paid (?:content|post|"
     "partner content)|story continues below(?: advertisement)?|article continues (?:below|"
     "after)(?: advertisement| this ad)?|continue reading (?:below|the main story)|ad|ads by "
     ".{1,30}|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|reklama|реклама)"
     "\\.?$"},

    {"advertisement", ACT_NONE, 80,
     "^[-–—_\\s]*(?:advertisement|advertising|ad|anzeige|werbung|publicité|publicidad)"
     "(?:\\s*[-–—:|]\\s*(?:the )?(?:page|story|article|content|text) continues (?:below|after"
     "(?: the)? (?:ad|advertisement)))?[-–—_\\s.]*$"},
    /* affiliate disclosures */
    {"affiliate_disclosure", ACT_NONE, 500,
     "\\b(?:we|this site|this website|the publisher)(?: may)? (?:receive|earn|get|be paid)s? (?:an? )?"
     "(?:small |affiliate )?(?:compensation|commissions?|share of (?:the )?(?:sales|revenue)|"
     "payments?)\\b"},
    {"affiliate_disclosure", ACT_NONE, 500,
     "\\b(?:erhalten|bekommen) wir (?:ggf\\. |eventuell |unter umständen )?eine (?:kleine )?provision"
     "|\\b(?:nous )?(?:percevons|touchons|recevons) une (?:petite )?commission\\b|\\brecibimos "
     "una (?:pequeña )?comisión\\b"},
    /* paywall and login prompts */
    {"paywall", ACT_NONE, 200,
     "^(?:this (?:article|story|content|page) is (?:only |exclusively )?(?:for|available (?:to|for)|"
     "reserved for) (?:our )?(?:paying )?(?:subscribers|members|premium (?:subscribers|members))|"
     "(?:please )?(?:sign in|log ?in|subscribe|register)(?: (?:or|and) (?:sign in|log ?in|"
     "subscribe|register))?(?: now)? to (?:continue|keep) reading|subscribe (?:from|for) .{1,30}"
     "(?:a|per|/) ?(?:month|week|year|monat|mois|mes)|already (?:a subscriber|have an account)\\??"
     "(?: (?:sign|log) ?in)?|dieser (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?für "
     "(?:abonnenten|abonnentinnen|abonnent\\*innen|mitglieder)|(?:jetzt )?weiterlesen mit .{1,40}|"
     "cet article est réservé aux abonnés|este (?:artículo|contenido) es (?:exclusivo )?para "
     "suscriptores|questo articolo è riservato agli abbonati|este conteúdo é exclusivo para "
     "assinantes)[.!]?$"},
    /* appeals for reader money */
    {"appeal", ACT_NONE, 500,
     "\\b(?:contribut(?:e|ion|ing)|donat(?:e|ion|ing)|support (?:us|our (?:journalism|newsroom|"
     "work|reporting))|become a (?:member|supporter|patron))\\b.{0,200}\\b(?:free for (?:all|"
     "everyone)|keep (?:our|it|this) (?:journalism|news|stories|reporting|site) (?:free|going|"
     "independent)|as little as|independent journalism|help (?:us )?keep)\\b"},
    {"appeal", ACT_NONE, 40,
     "^support (?:us|our (?:journalism|newsroom|work)|independent journalism|(?-i:\\p{Lu}"
     "[\\p{L}.]+(?:\\s\\p{Lu}[\\p{L}.]+){0,2}))[.!]?$"},
    /* quoted social posts: the attribution line an embed leaves as text */
    {"embed_credit", ACT_NONE, 160,
     "^[—–-]\\s*[^\\n]{1,80}\\(@\\w{1,30}\\)\\s+\\p{L}{3,12}\\.? \\d{1,2},? \\d{4}$"},
    /* interface instructions */
    {"boilerplate", ACT_NONE, 80,
     "(?:^|:\\s*)(?:tap|click|swipe|scroll) (?:here )?to (?:reveal|expand|enlarge|show|see more|scroll"
     "(?: horizontally)?|view (?:more|all|larger))\\.?$"},

    /* cookies, copyright */
    {"cookie_notice", ACT_NONE, 600,
     "\\bcookies?\\b.{0,200}\\b(?:consent|accept|agree|privacy|policy|browsing|experience|"
     "settings|preferences)\\b"},
    {"copyright", ACT_NONE, 300, "^(?:©|\\(c\\)\\s|copyright\\b|℗)"},
    {"copyright", ACT_TAIL, 4000,
     "\\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los "
     "derechos reservados|todos os direitos reservados|tutti i diritti riservati)\\b"},

    /* photo credits */
    {"photo_credit", ACT_NONE, 200,
     "^\\(?(?:photo|photograph|image|picture|illustration|graphic|foto|bild|imagen|imagem|"
     "crédit photo|photo credit|image credit)s?(?:\\s+(?:by|courtesy of)|\\s*(?:credit)?\\s*[:/©"
     "])\\s*.{2,150}\\)?$"},
    {"photo_credit", ACT_NONE, 300,
     "\\((?:photo|image|picture|photograph|foto|photos)s?(?:\\s+by|:)\\s[^)]{2,100}\\)\\.?$"},
    {"photo_credit", ACT_NONE, 300,
     "(?:/\\s*(?:getty images|afp|reuters|ap|epa|shutterstock|alamy|istock|bloomberg|dpa)\\b|"
     "\\b(?:ap|afp|reuters|epa|getty) photo(?:/|\\b)|\\bvia getty images\\b|\\bgetty images\\b)"
     "[^.]{0,60}\\)?\\.?$"},

    /* wire credit lines and bylines */
    {"credit_line", ACT_CREDIT, 400,
     "^\\(?(?:with |and )?(?:(?:additional )?reporting|reported|writing|written|editing|edited|compiled|"
     "research|graphics|produced) by\\s+\\p{Lu}.{1,380}$"},
    {"byline", ACT_BYLINE, 150,
     "^(?:by|von|par|por|di|door|av|przez)\\s+(?-i)(\\p{Lu}.{1,140})$"},

    /* comments */
    {"comment_count", ACT_NONE, 60,
     "^(?:\\d+\\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti|"
     "reacties|responses|replies)(?:\\s*\\(\\d+\\))?$"},
    {"comment_count", ACT_NONE, 60,
     "^(?:leave a (?:comment|reply)|join the (?:conversation|discussion)|show comments|view "
     "(?:\\d+ )?comments|add (?:a )?comment|post a comment|comments are closed|be the first to "
     "comment)\\.?$"},

    /* date and tag lines */
    {"date_line", ACT_DATE, 90,
     "^(?:published|updated|posted|last updated|first published|modified|veröffentlicht|"
     "aktualisiert|geändert|stand|publié|mis en ligne|mis à jour|modifié|publicado|"
     "actualizado|atualizado|pubblicato|aggiornato)(?: on| at| am| le| el| em| il)?"
     "\\s*:?\\s*(.{4,70})$"},
    {"date_line", ACT_NONE, 60,
     "^(?:published|updated|posted|last updated|modified)(?: at| on)?:?\\s*\\d{1,2}[:.]\\d{2}"
     "\\s*(?:[ap]\\.?m\\.?)?\\s*\\w{0,4}\\.?$"},
    {"tags", ACT_TAGS, 400,
     "^(?:tags|tagged|topics|filed under|categories|category|keywords|schlagworte|"
     "schlagwörter|themen|mots-clés|etiquetas|tópicos|argomenti)\\s*:\\s*(.{2,380})$"},

    /* interface text a flattened page keeps */
    {"boilerplate", ACT_NONE, 40,
     "^(?:skip to (?:main )?content|back to top|loading\\W*|close|menu|search|sign in|log ?in|"
     "log ?out|register|toggle navigation|open menu|show more|load more|next|previous|prev|"
     "home|accept|more|view all|see all|go|submit)\\s*[.»›>]?$"},
};

#define NRULES (sizeof RULES / sizeof *RULES)

struct wn_rules {
    pcre2_code *code[NRULES];
    pcre2_code *handle; /* social handle inside a bio */
};

static pcre2_code *compile(const char *pat)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                  PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
                                  &err, &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "winnow: rule pattern error at %zu: %s\n  %s\n", (size_t)off,
                (char *)msg, pat);
        return NULL;
    }
    pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    return c;
}

wn_rules *wn_rules_new(void)
{
    wn_rules *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    for (size_t i = 0; i < NRULES; i++)
        if (!(r->code[i] = compile(RULES[i].pattern))) {
            wn_rules_free(r);
            return NULL;
        }
    r->handle = compile("(?:(?:^|\\s)(?:x|twitter|instagram|threads|bluesky|mastodon)\\s*:\\s*|"
                        "\\bfollow (?:him|her|them|me)\\b.{0,40}?|\\s)(@[\\w.]{2,40}\\w)");
    if (!r->handle) {
        wn_rules_free(r);
        return NULL;
    }
    return r;
}

void wn_rules_free(wn_rules *r)
{
    if (!r) return;
    for (size_t i = 0; i < NRULES; i++) pcre2_code_free(r->code[i]);
    pcre2_code_free(r->handle);
    free(r);
}

void wn_remove(wn_block *b, const char *reason)
{
    b->role = WN_ROLE_REMOVED;
    b->reason = reason;
}

/* capture group g of the last match, copied into the arena (NULL if unset) */
static const char *group(wn_doc *d, const wn_block *b, pcre2_match_data *md, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if ((uint32_t)g >= pcre2_get_ovector_count(md) || ov[2 * g] == PCRE2_UNSET) return NULL;
    size_t s = ov[2 * g], e = ov[2 * g + 1];
    while (e > s && (b->text[e - 1] == ' ' || b->text[e - 1] == '.')) e--;
    return e > s ? wn_arena_strndup(&d->arena, b->text + s, e - s) : NULL;
}

/* pcre2_match leaves the ovector slots past the highest group it set (and
 * past the pattern's own groups) stale: mark them unset, so group() can
 * trust every slot */
static int match(const pcre2_code *c, const wn_block *b, pcre2_match_data *md)
{
    int rc = pcre2_match(c, (PCRE2_SPTR)b->text, b->len, 0, PCRE2_NO_UTF_CHECK, md, NULL);
    if (rc < 0) return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t cnt = pcre2_get_ovector_count(md);
    for (uint32_t k = rc > 0 ? (uint32_t)rc : cnt; k < cnt; k++)
        ov[2 * k] = ov[2 * k + 1] = PCRE2_UNSET;
    return 1;
}

typedef struct byline_ctx {
    wn_doc *d;
    int n;
} byline_ctx;

static void add_byline_name(void *ctx, const char *name, const char *role)
{
    (void)name;
    (void)role;
    ((byline_ctx *)ctx)->n++;
}

/* A bio must be short and either carry a handle or sit in the last half of
 * the document: "Jane Roe is the director of the institute at X" in the
 * middle of a story is reporting, not a bio. */
static int bio_ok(const wn_doc *d, size_t k, int has_handle)
{
    return has_handle || k * 2 >= d->nblocks;
}

static int apply(wn_doc *d, size_t k, size_t ri, const wn_rules *r, pcre2_match_data *md)
{
    wn_block *b = &d->blocks[k];
    wn_evidence *ev = &d->ev;
    switch (RULES[ri].act) {
    case ACT_NONE:
        break;
    case ACT_REPUBLISHED:
        ev->footer_title = group(d, b, md, 1);
        ev->footer_site = group(d, b, md, 2);
        break;
    case ACT_ORIGIN: {
        const char *site = group(d, b, md, 1);
        if (site && !ev->origin_site) ev->origin_site = site;
        break;
    }
    case ACT_ZONE:
        if (!ev->recirc_site) ev->recirc_site = group(d, b, md, 1);
        break;
    case ACT_BIO: {
        const char *name = group(d, b, md, 1), *role = group(d, b, md, 2),
                   *org = group(d, b, md, 3);
        if (!name || !wn_is_person_name(name, strlen(name))) return 0;
        const char *handle = NULL;
        pcre2_match_data *hm = pcre2_match_data_create(4, NULL);
        if (hm && match(r->handle, b, hm)) handle = group(d, b, hm, 1);
        pcre2_match_data_free(hm);
        if (!bio_ok(d, k, handle != NULL)) return 0;
        wn_author_add(&d->arena, &ev->bio_authors, name, role, handle, NULL);
        if (org && !ev->bio_site) ev->bio_site = org;
        break;
    }
    case ACT_BYLINE: {
        const char *names = group(d, b, md, 1);
        byline_ctx bc = {d, 0};
        if (!names || !wn_parse_names(&d->arena, names, strlen(names), add_byline_name, &bc))
            return 0;
        wn_ptrvec_push(&d->arena, &ev->bylines, (void *)names);
        break;
    }
    case ACT_CREDIT:
        wn_ptrvec_push(&d->arena, &ev->credits, b->text);
        break;
    case ACT_DATE: {
        const char *ds = group(d, b, md, 1);
        char iso[32];
        if (!ds || !wn_parse_date(ds, strlen(ds), 0, iso)) return 0;
        wn_ptrvec_push(&d->arena, &ev->dates, wn_arena_strdup(&d->arena, iso));
        break;
    }
    case ACT_TAGS: {
        const char *t = group(d, b, md, 1);
        if (t) wn_ptrvec_push(&d->arena, &ev->tags, (void *)t);
        break;
    }
    case ACT_TAIL:
        break;
    }
    return 1;
}

/* A notice glued to the end of a paragraph ("The council met on Tuesday.
 * Copyright 2024 Tideline Media. All rights reserved."), as feed
 * descriptions and flattened pages have them: the byte where the notice
 * starts -- the start of the sentence holding the match at m, moved back
 * over sentences that open like a notice (©, (c), "Copyright") -- when
 * prose of a sentence or more comes before it and the notice is short;
 * else 0. A block that is all notice is removed whole by the caller. */
#define NOTICE_MAX_LEN 300
#define NOTICE_SENTENCE_MAX 150

/* length of the sentence of b holding byte m (sentences end at ". ") */
static size_t sentence_len(const wn_block *b, size_t m)
{
    const char *t = b->text;
    size_t s = m, e = m;
    while (s >= 2 && !(t[s - 1] == ' ' && strchr(".!?", t[s - 2]))) s--;
    if (s < 2) s = 0;
    while (e + 1 < b->len && !(strchr(".!?", t[e]) && t[e + 1] == ' ')) e++;
    return e + 1 - s;
}

static size_t split_tail(const wn_block *b, size_t m)
{
    const char *t = b->text;
    size_t s = m;
    for (;;) {
        /* back to the end of the previous sentence: ". X" */
        size_t i = s;
        while (i >= 2 && !(t[i - 1] == ' ' && strchr(".!?", t[i - 2]))) i--;
        if (i < 2) return 0; /* the notice is the first sentence */
        s = i;
        /* the sentence before: does it open like a notice too? */
        size_t j = s - 2;
        while (j >= 2 && !(t[j - 1] == ' ' && strchr(".!?", t[j - 2]))) j--;
        if (j < 2) j = 0;
        const char *p = t + j;
        if (strncmp(p, "©", strlen("©")) && strncasecmp(p, "(c) ", 4) &&
            strncasecmp(p, "copyright", 9))
            break;
        s = j;
        if (s == 0) return 0;
    }
    if (s < 20 || b->len - s > NOTICE_MAX_LEN) return 0;
    return s;
}

/* Teasers under a recirculation heading: short blocks (headlines, their
 * one-line summaries, image captions, bullets) until prose resumes (in an
 * HTML container: until a sentence without a link). */
#define TEASER_MAX_LEN 300

/* Two sentences or more, ending like a sentence: prose has resumed. A
 * teaser is a headline (no final stop), a caption with its headline
 * glued on, or a one-sentence summary. */
static int prose_paragraph(const wn_block *b)
{
    if (b->len < 60) return 0;
    char last = b->text[b->len - 1];
    if (last != '.' && last != '!' && last != '?' && last != '"') return 0;
    int sentences = 1;
    for (size_t i = 1; i + 2 < b->len; i++)
        if ((b->text[i] == '.' || b->text[i] == '!' || b->text[i] == '?') &&
            b->text[i + 1] == ' ' && b->text[i + 2] >= 'A' && b->text[i + 2] <= 'Z' &&
            b->text[i - 1] >= 'a' && b->text[i - 1] <= 'z')
            sentences++;
    return sentences >= 2;
}
#define ZONE_MAX_BLOCKS 60

static void teaser_zone(wn_doc *d, size_t start)
{
    size_t taken = 0;
    for (size_t k = start + 1; k < d->nblocks && taken < ZONE_MAX_BLOCKS; k++) {
        wn_block *b = &d->blocks[k];
        if (b->role == WN_ROLE_REMOVED) {
            if (b->reason && strcmp(b->reason, "recirculation") == 0) return; /* next zone */
            continue;
        }
        if (b->len >= TEASER_MAX_LEN || prose_paragraph(b)) return;
        /* in a page's container, teasers are links: a full sentence with
         * no link in it is the story resuming */
        if (d->container_known && !b->link_len && b->len >= 60 &&
            strchr(".!?\"”", b->text[b->len - 1]))
            return;
        wn_remove(b, "recirculation");
        taken++;
    }
}

void wn_apply_rules(wn_doc *d, const wn_rules *r)
{
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    if (!md) return;
    size_t splits = 0;
    for (size_t k = 0; k < d->nblocks; k++) {
        wn_block *b = &d->blocks[k];
        /* blocks the HTML extractor pruned are only renamed: a share bar
         * pruned by its class reads "share", not "boilerplate" */
        if (b->role != WN_ROLE_BODY && !b->pruned) continue;
        if (b->words == 0) {
            wn_remove(b, "decoration");
            continue;
        }
        for (size_t ri = 0; ri < NRULES; ri++) {
            if (b->len > RULES[ri].max_len) continue;
            if (b->pruned && RULES[ri].act == ACT_ZONE) continue;
            if (!match(r->code[ri], b, md)) continue;
            if (!apply(d, k, ri, r, md)) continue;
            if (RULES[ri].act == ACT_TAIL) {
                size_t cut = split_tail(b, pcre2_get_ovector_pointer(md)[0]);
                if (cut) {
                    /* the prose stays in block k (and is checked by the
                     * rules after this one); the notice is block k+1 */
                    wn_remove(wn_doc_split_block(d, k, cut), RULES[ri].reason);
                    splits++;
                    b = &d->blocks[k];
                    continue;
                }
                /* no prose before it: removed whole when it reads as a
                 * notice -- a short block whose sentence holding the
                 * match is short, not a long sentence that mentions rights */
                if (b->len > NOTICE_MAX_LEN ||
                    sentence_len(b, pcre2_get_ovector_pointer(md)[0]) > NOTICE_SENTENCE_MAX)
                    continue;
            }
            wn_remove(b, RULES[ri].reason);
            b->zone = RULES[ri].act == ACT_ZONE;
            break;
        }
        if (b->pruned) continue;
        if (b->role == WN_ROLE_BODY && b->len <= 60) {
            char iso[32];
            if (wn_parse_date(b->text, b->len, 1, iso)) {
                wn_remove(b, "date_line");
                wn_ptrvec_push(&d->arena, &d->ev.dates, wn_arena_strdup(&d->arena, iso));
            }
        }
    }
    for (size_t k = 0; k < d->nblocks; k++)
        if (d->blocks[k].zone) teaser_zone(d, k);
    pcre2_match_data_free(md);
    if (splits) wn_measure(d); /* words and stopwords of the split blocks */
}
