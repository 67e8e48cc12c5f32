/*
 * fields.c — what a JSON member name says it holds.
 *
 * Scrapers and APIs name the same things in endless ways: "date_publish",
 * "publishedAt", "pubDate", "created_utc", "dateTimePub", "seendate". A
 * list of whole names needs a new entry for every tool; the words inside
 * the names do not. So a name is split into lowercase tokens (at
 * underscores, dots, colons, dashes, case changes — "sourceURL" gives
 * source url, "URLToImage" url to image — and letter/digit changes), a
 * token unknown as a whole is tried as two known words ("seendate",
 * "maintext", "sitename") or without a plural "s", and each known word
 * carries classes (a date word, a publication verb, a crawl verb, an
 * author noun, a URL noun, a body noun, ...). The role of a field is then
 * decided by the combination of classes, in a fixed order of rules
 * (wn_key_role): an image word makes an image whatever else is said
 * ("urlToImage"), an author noun with a URL word is the author's page
 * ("authorUrl"), a date word or a publication/modification/crawl verb is a
 * date of that kind ("updated_at" is a modification, never the
 * publication), and so on. Words that make a field about something else
 * ("author_flair_text", "spoiler_text", "content_type", "image_width")
 * take it out of the candidates.
 *
 * The word table is sorted (checked by a unit test) and searched by
 * bisection: a key costs a few dozen string compares, so the analysis of
 * every member of every record stays cheap. Nothing here looks at values;
 * records.c confirms each candidate by the shape of its value.
 */
#include "fields.h"

#include <string.h>

/* word classes */
#define W_TITLE (1ULL << 0)
#define W_SUBT (1ULL << 1)
#define W_BODY (1ULL << 2)
#define W_HTML (1ULL << 3)
#define W_MD (1ULL << 4)
#define W_SUMMARY (1ULL << 5)
#define W_URL (1ULL << 6)
#define W_CANON (1ULL << 7)
#define W_DATE (1ULL << 8)
#define W_PUB (1ULL << 9)
#define W_MOD (1ULL << 10)
#define W_CRAWL (1ULL << 11)
#define W_AUTHOR (1ULL << 12)
#define W_BY (1ULL << 13)
#define W_NAME (1ULL << 14)
#define W_HANDLE (1ULL << 15)
#define W_PUBLISHER (1ULL << 16)
#define W_DOMAIN (1ULL << 17)
#define W_LANG (1ULL << 18)
#define W_IMAGE (1ULL << 19)
#define W_NOIMG (1ULL << 20)
#define W_TAGS (1ULL << 21)
#define W_FOREIGN (1ULL << 22)
#define W_ENVELOPE (1ULL << 23)
#define W_USER (1ULL << 24)
#define W_NEUTRAL (1ULL << 25)
#define W_NEG (1ULL << 26)
#define W_STOP (1ULL << 27)
#define W_WEAK (1ULL << 28)
#define W_URLFETCH (1ULL << 29)
#define W_URLBAD (1ULL << 30)
#define W_FIRSTN (1ULL << 31)
#define W_LASTN (1ULL << 32)
#define W_SOURCE (1ULL << 33)
#define W_ID (1ULL << 34)
#define W_PERSONURL (1ULL << 35)
#define W_CREATE (1ULL << 36)  /* "created": a publication verb, weaker than "published" */
#define W_ALT (1ULL << 37)     /* "alternate": as a container, the page's alternate link */
#define W_LINKS (1ULL << 38)   /* "links": as a container, a set of named links */
#define W_PERMA (1ULL << 39)   /* "permalink": the page's own link even among other links */
#define W_INPUT (1ULL << 40)   /* "given", "input", "submitted": a URL as the user gave it */

typedef struct word {
    const char *w;
    unsigned long long f;
} word;

/* sorted by strcmp (tests/unit/test_fields.c checks it) */
static const word WORDS[] = {
    {"abstract", W_SUMMARY},
    {"accessed", W_CRAWL},
    {"account", W_URLBAD|W_USER},
    {"acct", W_HANDLE},
    {"actual", W_URLFETCH},
    {"added", W_CRAWL},
    {"admin", W_URLBAD},
    {"ads", W_FOREIGN},
    {"ago", W_NEG},
    {"aired", W_PUB},
    {"alt", W_STOP},
    {"alternate", W_FOREIGN|W_URLBAD|W_ALT},
    {"alternates", W_FOREIGN},
    {"alternative", W_SUBT},
    {"alternativeheadline", W_SUBT},
    {"amp", W_URLBAD|W_URLFETCH},
    {"analytics", W_FOREIGN},
    {"anchors", W_FOREIGN},
    {"api", W_URLBAD},
    {"app", W_FOREIGN},
    {"application", W_FOREIGN},
    {"archived", W_CRAWL},
    {"article", W_BODY|W_NEUTRAL},
    {"articlebody", W_BODY},
    {"articles", W_ENVELOPE},
    {"at", W_NEUTRAL},
    {"atom", W_NEUTRAL},
    {"attributes", W_ENVELOPE},
    {"audio", W_FOREIGN|W_URLBAD},
    {"author", W_AUTHOR|W_URLBAD},
    {"avatar", W_NOIMG|W_URLBAD},
    {"awardings", W_FOREIGN},
    {"awards", W_FOREIGN},
    {"banner", W_IMAGE},
    {"base", W_URLBAD},
    {"bio", W_STOP},
    {"birth", W_NEG},
    {"blog", W_PUBLISHER|W_URLBAD},
    {"blurb", W_SUMMARY},
    {"body", W_BODY},
    {"born", W_NEG},
    {"brand", W_PUBLISHER},
    {"breadcrumb", W_FOREIGN},
    {"breadcrumbs", W_FOREIGN},
    {"by", W_BY},
    {"byline", W_AUTHOR},
    {"bytes", W_STOP},
    {"canonical", W_CANON},
    {"caption", W_STOP},
    {"capture", W_CRAWL},
    {"captured", W_CRAWL},
    {"card", W_FOREIGN},
    {"categories", W_TAGS},
    {"category", W_TAGS},
    {"change", W_MOD},
    {"changed", W_MOD},
    {"channel", W_PUBLISHER|W_URLBAD},
    {"charset", W_STOP},
    {"children", W_ENVELOPE},
    {"city", W_STOP},
    {"class", W_STOP},
    {"clean", W_NEUTRAL},
    {"cleaned", W_NEUTRAL},
    {"click", W_URLBAD},
    {"code", W_NEUTRAL},
    {"collected", W_CRAWL},
    {"color", W_STOP},
    {"colour", W_STOP},
    {"columnist", W_AUTHOR},
    {"comment", W_FOREIGN|W_URLBAD},
    {"comments", W_FOREIGN|W_URLBAD},
    {"complete", W_NEUTRAL},
    {"concepts", W_FOREIGN},
    {"content", W_BODY},
    {"contributor", W_AUTHOR},
    {"cookies", W_FOREIGN},
    {"correspondent", W_AUTHOR},
    {"count", W_STOP},
    {"country", W_STOP},
    {"counts", W_STOP},
    {"cover", W_IMAGE},
    {"crawl", W_CRAWL},
    {"crawled", W_CRAWL|W_URLFETCH},
    {"crawler", W_CRAWL},
    {"crawling", W_CRAWL},
    {"create", W_PUB|W_CREATE},
    {"created", W_PUB|W_CREATE},
    {"creation", W_PUB|W_CREATE},
    {"creator", W_AUTHOR},
    {"credit", W_STOP},
    {"credits", W_STOP},
    {"data", W_ENVELOPE},
    {"date", W_DATE},
    {"dated", W_PUB},
    {"dates", W_DATE},
    {"datetime", W_DATE},
    {"dc", W_NEUTRAL},
    {"deadline", W_NEG},
    {"death", W_NEG},
    {"deck", W_SUBT},
    {"default", W_NEUTRAL},
    {"dek", W_SUBT},
    {"desc", W_SUMMARY},
    {"description", W_SUMMARY},
    {"detail", W_ENVELOPE},
    {"details", W_ENVELOPE},
    {"detected", W_NEUTRAL},
    {"disabled", W_STOP},
    {"discovered", W_CRAWL},
    {"display", W_NEUTRAL},
    {"displayname", W_NAME},
    {"doc", W_ENVELOPE},
    {"docs", W_ENVELOPE},
    {"document", W_ENVELOPE},
    {"documents", W_ENVELOPE},
    {"domain", W_DOMAIN|W_URLBAD},
    {"download", W_CRAWL},
    {"downloaded", W_CRAWL},
    {"due", W_NEG},
    {"duplicate", W_FOREIGN},
    {"duplicates", W_FOREIGN},
    {"duration", W_NEG},
    {"edges", W_ENVELOPE},
    {"edit", W_MOD|W_URLBAD},
    {"edited", W_MOD},
    {"effective", W_URLFETCH},
    {"elapsed", W_NEG},
    {"email", W_STOP},
    {"embed", W_FOREIGN|W_URLBAD},
    {"embedded", W_ENVELOPE},
    {"embeds", W_FOREIGN},
    {"emoji", W_NOIMG},
    {"emojis", W_FOREIGN},
    {"enabled", W_STOP},
    {"enclosure", W_IMAGE},
    {"encoded", W_NEUTRAL},
    {"encoding", W_STOP},
    {"end", W_NEG},
    {"ends", W_NEG},
    {"entities", W_FOREIGN},
    {"entries", W_ENVELOPE},
    {"entry", W_ENVELOPE|W_NEUTRAL},
    {"epoch", W_DATE},
    {"estimated", W_NEG},
    {"event", W_FOREIGN},
    {"events", W_FOREIGN},
    {"excerpt", W_SUMMARY},
    {"expiration", W_NEG},
    {"expire", W_NEG},
    {"expired", W_NEG},
    {"expires", W_NEG},
    {"expiry", W_NEG},
    {"external", W_FOREIGN},
    {"extract", W_ENVELOPE},
    {"extracted", W_CRAWL},
    {"extraction", W_CRAWL},
    {"family", W_LASTN},
    {"favicon", W_NOIMG|W_URLBAD},
    {"featured", W_IMAGE},
    {"featuredmedia", W_IMAGE},
    {"feed", W_PUBLISHER|W_URLBAD},
    {"fetch", W_CRAWL},
    {"fetched", W_CRAWL|W_URLFETCH},
    {"fields", W_ENVELOPE},
    {"figure", W_IMAGE},
    {"file", W_CRAWL},
    {"final", W_URLFETCH},
    {"fingerprint", W_STOP},
    {"first", W_FIRSTN},
    {"firstname", W_FIRSTN},
    {"flag", W_STOP},
    {"flair", W_FOREIGN},
    {"footer", W_FOREIGN},
    {"for", W_NEUTRAL},
    {"forename", W_FIRSTN},
    {"format", W_STOP},
    {"formatted", W_NEUTRAL},
    {"found", W_CRAWL},
    {"full", W_NEUTRAL},
    {"fullname", W_NAME},
    {"fulltext", W_BODY},
    {"genre", W_TAGS},
    {"genres", W_TAGS},
    {"geo", W_FOREIGN},
    {"gildings", W_FOREIGN},
    {"given", W_FIRSTN|W_INPUT},
    {"gmt", W_DATE},
    {"graph", W_ENVELOPE},
    {"gravatar", W_NOIMG},
    {"guid", W_URL|W_WEAK},
    {"handle", W_HANDLE},
    {"harvested", W_CRAWL},
    {"has", W_STOP},
    {"hash", W_STOP},
    {"hashtag", W_TAGS},
    {"hashtags", W_TAGS},
    {"header", W_FOREIGN},
    {"headers", W_CRAWL},
    {"heading", W_TITLE},
    {"headline", W_TITLE},
    {"hed", W_TITLE},
    {"height", W_STOP},
    {"hero", W_NEUTRAL},
    {"hidden", W_STOP},
    {"highlight", W_SUMMARY},
    {"history", W_FOREIGN},
    {"hits", W_ENVELOPE},
    {"home", W_PERSONURL|W_URLBAD},
    {"homepage", W_PERSONURL|W_URLBAD},
    {"host", W_DOMAIN},
    {"hostname", W_DOMAIN},
    {"href", W_PERSONURL|W_URL},
    {"html", W_BODY|W_HTML|W_NEUTRAL},
    {"http", W_CRAWL},
    {"human", W_NEUTRAL},
    {"icon", W_NOIMG|W_URLBAD},
    {"id", W_ID},
    {"ids", W_ID},
    {"illustration", W_IMAGE},
    {"image", W_IMAGE},
    {"img", W_IMAGE},
    {"imported", W_CRAWL},
    {"in", W_FOREIGN},
    {"index", W_STOP},
    {"indexed", W_CRAWL},
    {"info", W_ENVELOPE},
    {"ingested", W_CRAWL},
    {"inlanguage", W_LANG},
    {"inlinks", W_FOREIGN},
    {"input", W_INPUT},
    {"inserted", W_CRAWL},
    {"intro", W_SUMMARY},
    {"iri", W_URL|W_WEAK},
    {"is", W_STOP},
    {"iso", W_DATE},
    {"issued", W_PUB},
    {"item", W_ENVELOPE|W_NEUTRAL},
    {"items", W_ENVELOPE},
    {"journal", W_PUBLISHER},
    {"journalist", W_AUTHOR},
    {"json", W_ENVELOPE},
    {"jsonld", W_ENVELOPE},
    {"key", W_STOP},
    {"keyword", W_TAGS},
    {"keywords", W_TAGS},
    {"kids", W_FOREIGN},
    {"kind", W_STOP},
    {"label", W_TAGS},
    {"labels", W_TAGS},
    {"landing", W_URLFETCH},
    {"lang", W_LANG},
    {"language", W_LANG},
    {"languages", W_LANG},
    {"large", W_NEUTRAL},
    {"last", W_LASTN|W_MOD},
    {"lastmod", W_MOD},
    {"lastname", W_LASTN},
    {"lat", W_STOP},
    {"ld", W_ENVELOPE},
    {"lead", W_NEUTRAL|W_SUMMARY},
    {"length", W_STOP},
    {"license", W_STOP},
    {"link", W_PERSONURL|W_URL},
    {"links", W_FOREIGN|W_LINKS},
    {"list", W_ENVELOPE},
    {"listing", W_ENVELOPE},
    {"live", W_PUB},
    {"lng", W_STOP},
    {"load", W_CRAWL},
    {"loaded", W_CRAWL|W_URLFETCH},
    {"locale", W_LANG},
    {"location", W_FOREIGN},
    {"locations", W_FOREIGN},
    {"locked", W_STOP},
    {"login", W_HANDLE},
    {"logo", W_NOIMG|W_URLBAD},
    {"lon", W_STOP},
    {"long", W_NEUTRAL},
    {"magazine", W_PUBLISHER},
    {"mail", W_STOP},
    {"main", W_ENVELOPE|W_NEUTRAL},
    {"maintext", W_BODY},
    {"markdown", W_BODY|W_MD},
    {"masthead", W_PUBLISHER},
    {"md", W_BODY|W_MD},
    {"media", W_IMAGE},
    {"medium", W_NEUTRAL},
    {"mentions", W_FOREIGN},
    {"menu", W_FOREIGN},
    {"meta", W_ENVELOPE},
    {"metadata", W_ENVELOPE},
    {"metrics", W_FOREIGN},
    {"mime", W_STOP},
    {"mobile", W_URLFETCH},
    {"mod", W_MOD},
    {"modified", W_MOD},
    {"modify", W_MOD},
    {"movies", W_FOREIGN},
    {"name", W_NAME},
    {"nav", W_FOREIGN},
    {"navigation", W_FOREIGN},
    {"netloc", W_DOMAIN},
    {"network", W_PUBLISHER|W_URLBAD},
    {"news", W_ENVELOPE|W_NEUTRAL},
    {"newspaper", W_PUBLISHER},
    {"next", W_FOREIGN|W_URLBAD},
    {"nick", W_HANDLE},
    {"nickname", W_HANDLE},
    {"node", W_ENVELOPE},
    {"nodes", W_ENVELOPE},
    {"normalised", W_NEUTRAL},
    {"normalized", W_NEUTRAL},
    {"note", W_STOP},
    {"notes", W_STOP},
    {"num", W_STOP},
    {"number", W_STOP},
    {"object", W_ENVELOPE},
    {"objects", W_ENVELOPE},
    {"of", W_NEUTRAL},
    {"offset", W_NEG},
    {"og", W_NEUTRAL},
    {"on", W_NEUTRAL},
    {"order", W_STOP},
    {"org", W_PUBLISHER|W_URLBAD},
    {"organisation", W_PUBLISHER},
    {"organization", W_PUBLISHER|W_URLBAD},
    {"organizations", W_FOREIGN},
    {"origin", W_PUBLISHER},
    {"original", W_NEUTRAL},
    {"outlet", W_PUBLISHER},
    {"outlinks", W_FOREIGN},
    {"output", W_ENVELOPE},
    {"owner", W_USER},
    {"page", W_ENVELOPE|W_NEUTRAL|W_PERSONURL},
    {"pages", W_ENVELOPE},
    {"paragraph", W_BODY},
    {"paragraphs", W_BODY},
    {"parent", W_FOREIGN|W_URLBAD},
    {"parse", W_CRAWL},
    {"parsed", W_CRAWL},
    {"password", W_STOP},
    {"payload", W_ENVELOPE},
    {"pct", W_STOP},
    {"people", W_FOREIGN},
    {"percent", W_STOP},
    {"perex", W_SUMMARY},
    {"permalink", W_PERSONURL|W_URL|W_PERMA},
    {"persons", W_FOREIGN},
    {"phone", W_STOP},
    {"photo", W_IMAGE},
    {"picture", W_IMAGE},
    {"pinned", W_STOP},
    {"places", W_FOREIGN},
    {"plain", W_NEUTRAL},
    {"poll", W_FOREIGN},
    {"position", W_STOP},
    {"post", W_ENVELOPE|W_NEUTRAL},
    {"posted", W_PUB},
    {"poster", W_IMAGE},
    {"posts", W_ENVELOPE},
    {"prev", W_FOREIGN|W_URLBAD},
    {"preview", W_IMAGE},
    {"previous", W_FOREIGN|W_URLBAD},
    {"primary", W_NEUTRAL},
    {"processed", W_CRAWL},
    {"profile", W_PERSONURL|W_URLBAD|W_USER},
    {"properties", W_ENVELOPE},
    {"protected", W_STOP},
    {"provider", W_PUBLISHER},
    {"pub", W_PUB},
    {"public", W_NEUTRAL},
    {"publication", W_PUB|W_PUBLISHER},
    {"publish", W_PUB},
    {"published", W_PUB},
    {"publisher", W_PUBLISHER|W_URLBAD},
    {"publishing", W_PUB},
    {"quote", W_FOREIGN},
    {"quoted", W_FOREIGN},
    {"rank", W_STOP},
    {"ratio", W_STOP},
    {"raw", W_NEUTRAL},
    {"reading", W_NEG},
    {"reblog", W_FOREIGN},
    {"reblogged", W_FOREIGN},
    {"received", W_CRAWL},
    {"recommendations", W_FOREIGN},
    {"recommended", W_FOREIGN},
    {"record", W_ENVELOPE},
    {"records", W_ENVELOPE},
    {"redirect", W_URLFETCH},
    {"redirected", W_URLFETCH},
    {"referer", W_FOREIGN|W_URLBAD},
    {"referrer", W_FOREIGN|W_URLBAD},
    {"region", W_STOP},
    {"related", W_FOREIGN},
    {"release", W_PUB},
    {"released", W_PUB},
    {"relevance", W_STOP},
    {"rendered", W_NEUTRAL},
    {"replies", W_FOREIGN},
    {"reply", W_FOREIGN},
    {"reporter", W_AUTHOR},
    {"request", W_CRAWL|W_URLFETCH},
    {"requested", W_CRAWL|W_URLFETCH},
    {"resolved", W_URLFETCH},
    {"response", W_ENVELOPE},
    {"result", W_ENVELOPE},
    {"results", W_ENVELOPE},
    {"retention", W_NEG},
    {"retrieval", W_CRAWL},
    {"retrieved", W_CRAWL},
    {"revised", W_MOD},
    {"revision", W_MOD},
    {"robots", W_STOP},
    {"role", W_STOP},
    {"roles", W_STOP},
    {"root", W_URLBAD},
    {"rss", W_NEUTRAL|W_URLBAD},
    {"rubric", W_TAGS},
    {"saved", W_CRAWL},
    {"schema", W_NEUTRAL},
    {"score", W_STOP},
    {"scrape", W_CRAWL},
    {"scraped", W_CRAWL},
    {"scraping", W_CRAWL},
    {"screen", W_HANDLE},
    {"screenname", W_HANDLE},
    {"screenshot", W_NOIMG},
    {"secondary", W_SUBT},
    {"section", W_TAGS},
    {"sections", W_TAGS},
    {"seen", W_CRAWL},
    {"self", W_NEUTRAL|W_URLBAD},
    {"selftext", W_BODY},
    {"sentiment", W_FOREIGN},
    {"seo", W_NEUTRAL},
    {"share", W_NEUTRAL},
    {"shares", W_FOREIGN},
    {"short", W_NEUTRAL},
    {"shortened", W_URLFETCH},
    {"siblings", W_FOREIGN},
    {"sidebar", W_FOREIGN},
    {"sim", W_STOP},
    {"similar", W_FOREIGN},
    {"site", W_PUBLISHER|W_URLBAD},
    {"sitename", W_PUBLISHER},
    {"size", W_STOP},
    {"slug", W_STOP},
    {"small", W_NEUTRAL},
    {"snippet", W_SUMMARY},
    {"social", W_NEUTRAL},
    {"socialimage", W_IMAGE},
    {"source", W_PUBLISHER|W_SOURCE},
    {"spoiler", W_FOREIGN},
    {"sprite", W_NOIMG},
    {"src", W_URL|W_WEAK},
    {"standfirst", W_SUBT|W_SUMMARY},
    {"start", W_NEG},
    {"starts", W_NEG},
    {"state", W_STOP},
    {"station", W_PUBLISHER},
    {"statistics", W_FOREIGN},
    {"stats", W_FOREIGN},
    {"status", W_STOP},
    {"sticky", W_STOP},
    {"stored", W_CRAWL},
    {"stories", W_ENVELOPE},
    {"story", W_BODY|W_NEUTRAL},
    {"strapline", W_SUBT},
    {"string", W_NEUTRAL},
    {"style", W_STOP},
    {"sub", W_SUBT},
    {"subhead", W_SUBT},
    {"subheadline", W_SUBT},
    {"subject", W_TITLE|W_WEAK},
    {"subjects", W_TAGS},
    {"submitted", W_INPUT},
    {"submitter", W_AUTHOR},
    {"subtitle", W_SUBT},
    {"summary", W_SUMMARY},
    {"surname", W_LASTN},
    {"synced", W_CRAWL},
    {"synopsis", W_SUMMARY},
    {"tag", W_TAGS},
    {"tags", W_TAGS},
    {"target", W_URLFETCH},
    {"teaser", W_SUMMARY},
    {"template", W_STOP},
    {"term", W_TAGS},
    {"terms", W_TAGS},
    {"text", W_BODY},
    {"textcontent", W_BODY},
    {"thread", W_ENVELOPE},
    {"thumb", W_IMAGE},
    {"thumbnail", W_IMAGE|W_URLBAD},
    {"time", W_DATE},
    {"timestamp", W_DATE},
    {"timezone", W_NEG},
    {"title", W_TITLE},
    {"titles", W_TITLE},
    {"to", W_NEUTRAL},
    {"token", W_STOP},
    {"top", W_NEUTRAL},
    {"topic", W_TAGS},
    {"topics", W_TAGS},
    {"total", W_STOP},
    {"tracking", W_FOREIGN|W_URLBAD},
    {"trail", W_SUMMARY},
    {"transcript", W_BODY},
    {"translations", W_FOREIGN},
    {"ts", W_DATE},
    {"ttl", W_NEG},
    {"twitter", W_HANDLE|W_NEUTRAL},
    {"type", W_STOP},
    {"types", W_STOP},
    {"unformatted", W_NEUTRAL},
    {"until", W_NEG},
    {"update", W_MOD},
    {"updated", W_MOD},
    {"uri", W_PERSONURL|W_URL|W_WEAK},
    {"url", W_PERSONURL|W_URL},
    {"urls", W_URL},
    {"user", W_URLBAD|W_USER},
    {"username", W_HANDLE},
    {"utc", W_DATE},
    {"uuid", W_ID},
    {"valid", W_NEG},
    {"value", W_BODY|W_WEAK},
    {"values", W_ENVELOPE},
    {"version", W_STOP},
    {"versions", W_FOREIGN},
    {"video", W_FOREIGN|W_URLBAD},
    {"videos", W_FOREIGN},
    {"visibility", W_STOP},
    {"visible", W_STOP},
    {"visited", W_CRAWL},
    {"visual", W_IMAGE},
    {"warc", W_CRAWL},
    {"web", W_NEUTRAL|W_PERSONURL},
    {"website", W_PERSONURL|W_URLBAD},
    {"weight", W_STOP},
    {"wgt", W_STOP},
    {"when", W_DATE},
    {"whole", W_NEUTRAL},
    {"widgets", W_FOREIGN},
    {"width", W_STOP},
    {"writer", W_AUTHOR},
    {"written", W_PUB},
    {"zone", W_NEG},

};
#define NWORDS (sizeof WORDS / sizeof *WORDS)

int wn_key_table_ok(void)
{
    for (size_t i = 1; i < NWORDS; i++)
        if (strcmp(WORDS[i - 1].w, WORDS[i].w) >= 0) return 0;
    return 1;
}

static const word *lookup(const char *t, size_t n)
{
    size_t lo = 0, hi = NWORDS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(WORDS[mid].w, t, n);
        if (c == 0) c = WORDS[mid].w[n] ? 1 : 0;
        if (c == 0) return &WORDS[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* classes of a token (lowercase, n bytes): the word, the word without a
 * plural "s", or two known words glued ("seendate"); 0 when unknown */
static unsigned long long token_flags(const char *t, size_t n, int glued)
{
    const word *w = lookup(t, n);
    if (w) return w->f;
    if (n > 3 && t[n - 1] == 's' && (w = lookup(t, n - 1))) return w->f;
    if (!glued && n >= 5)
        for (size_t i = 2; i + 2 <= n; i++) {
            const word *a = lookup(t, i);
            if (!a) continue;
            unsigned long long b = token_flags(t + i, n - i, 1);
            if (b) return a->f | b;
        }
    return 0;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_dig(unsigned char c) { return c >= '0' && c <= '9'; }

static int raw_is(const char *key, size_t len, const char *s)
{
    return strlen(s) == len && memcmp(key, s, len) == 0;
}

void wn_key_analyze(const char *key, size_t len, wn_key *k)
{
    static const char *const WRAP[] = {"rendered", "value", "#text", "#", "text", "html", "main", "default",
                                       "content", "raw", "body", "$t", "_", "@value",
                                       "#cdata-section", "__cdata", "$date", "$numberLong",
                                       "$numberInt", "$numberDouble", NULL};
    static const char *const PNAME[] = {"property", "name", "key", "itemprop", "rel",
                                        "@property", NULL};
    static const char *const PVALUE[] = {"content", "value", "@content", NULL};
    memset(k, 0, sizeof *k);
    if (!key) return;
    for (int i = 0; WRAP[i]; i++)
        if (raw_is(key, len, WRAP[i])) k->wrapper = 1;
    for (int i = 0; PNAME[i]; i++)
        if (raw_is(key, len, PNAME[i])) k->pair_name = 1;
    for (int i = 0; PVALUE[i]; i++)
        if (raw_is(key, len, PVALUE[i])) k->pair_value = 1;
    const unsigned char *s = (const unsigned char *)key;
    size_t i = 0;
    int ntok = 0;
    unsigned long long tf[12]; /* classes of each token */
    char prev[32];             /* the previous token, to join "by_line", "key_words" */
    size_t prevn = 0;
    while (i < len && ntok < 12) {
        while (i < len && !is_alnum(s[i])) i++;
        if (i >= len) break;
        size_t st = i;
        i++;
        while (i < len && is_alnum(s[i])) {
            unsigned char p = s[i - 1], c = s[i];
            if (is_lower(p) && is_upper(c)) break;                  /* camelCase */
            if (is_upper(p) && is_upper(c) && i + 1 < len && is_lower(s[i + 1]))
                break;                                             /* URLTo -> URL To */
            if (is_dig(p) != is_dig(c)) break;                      /* author2 */
            i++;
        }
        size_t n = i - st;
        if (is_dig(s[st])) continue; /* digits say nothing */
        char t[32];
        if (n > sizeof t - 1) n = sizeof t - 1;
        for (size_t j = 0; j < n; j++) {
            unsigned char c = s[st + j];
            t[j] = (char)(is_upper(c) ? c + 32 : c);
        }
        if ((n == 3 && (!memcmp(t, "utc", 3) || !memcmp(t, "gmt", 3)))) k->utc = 1;
        /* two tokens that make one word ("by_line", "user_name",
         * "time_stamp") are that word */
        if (prevn && prevn + n < sizeof prev) {
            char j[64];
            memcpy(j, prev, prevn);
            memcpy(j + prevn, t, n);
            const word *w = lookup(j, prevn + n);
            if (w) {
                tf[ntok - 1] = w->f;
                prevn = 0;
                continue;
            }
        }
        memcpy(prev, t, n);
        prevn = n;
        tf[ntok++] = token_flags(t, n, 0);
    }
    for (int q = 0; q < ntok; q++) {
        k->flags |= tf[q];
        if (!tf[q]) k->nunknown++;
        if (tf[q] & W_MD) k->markdown = 1;
        if (tf[q] & W_HTML) k->html = 1;
    }
    if (ntok) k->last = tf[ntok - 1];
    /* typed-value wrappers: {"stringValue": ...}, {"timestampValue": ...} */
    if (ntok == 2 && len > 5 && !memcmp(key + len - 5, "Value", 5)) k->wrapper = 1;
    k->ntok = ntok;
}

#define HAS(x) ((F & (x)) != 0)

int wn_key_role(const wn_key *k, int ctx, int record_level, int *cls, int *alt, int *alt_cls)
{
    unsigned long long F = k->flags;
    int extra = k->nunknown, mods = k->ntok > 0 ? k->ntok - 1 : 0;
    *cls = 0;
    *alt = WN_F_NONE;
    *alt_cls = 0;
    if (!k->ntok) return WN_F_NONE;
    switch (ctx) {
    case WN_CTX_ORG: {
        int p = wn_org_part(k);
        if (p) *cls = p == 1 ? mods : 4;
        return p ? WN_F_PUBLISHER : WN_F_NONE;
    }
    case WN_CTX_MEDIA:
        if (HAS(W_URL | W_IMAGE) && !HAS(W_NOIMG | W_STOP | W_FOREIGN | W_ID)) {
            *cls = 2 + extra;
            return WN_F_IMAGE;
        }
        return WN_F_NONE;
    case WN_CTX_CRAWL:
        if (HAS(W_STOP | W_NEG)) return WN_F_NONE;
        if (HAS(W_DATE | W_PUB | W_MOD | W_CRAWL) && !HAS(W_URL)) return WN_F_CRAWLED;
        if (HAS(W_URL)) {
            *cls = 3;
            return WN_F_URL;
        }
        return WN_F_NONE;
    case WN_CTX_LINKS: /* {"permalink": ..., "related": ...}: the page's own link only */
        if (HAS(W_STOP | W_ID | W_IMAGE | W_NOIMG) || !HAS(W_URL | W_CANON)) return WN_F_NONE;
        if (HAS(W_CANON)) return WN_F_URL;
        if (HAS(W_PERMA)) {
            *cls = 1;
            return WN_F_URL;
        }
        return WN_F_NONE;
    case WN_CTX_CANONLINK:
    case WN_CTX_ALTLINK: /* [{"href": ..., "type": ...}] */
        if (HAS(W_STOP | W_ID | W_IMAGE | W_NOIMG | W_FOREIGN) || !HAS(W_URL)) return WN_F_NONE;
        *cls = ctx == WN_CTX_CANONLINK ? 0 : 4;
        return WN_F_URL;
    case WN_CTX_NONE:
    case WN_CTX_ENVELOPE:
        break;
    default:
        return WN_F_NONE;
    }

    if (HAS(W_FOREIGN)) return WN_F_NONE;
    if (HAS(W_ID)) {
        if (k->ntok == 1) { /* "id": an http URL (JSON Feed), else nothing */
            *cls = 5;
            return WN_F_URL;
        }
        return WN_F_NONE;
    }
    if (HAS(W_STOP | W_NOIMG)) return WN_F_NONE;

    /* images: "image_url", "urlToImage", "top_image", "socialimage" */
    if (HAS(W_IMAGE) && (k->last & (W_IMAGE | W_URL))) { /* not "media_outlet" */
        if (HAS(W_AUTHOR | W_USER | W_PUBLISHER | W_TAGS | W_SUMMARY)) return WN_F_NONE;
        *cls = mods + extra;
        return WN_F_IMAGE;
    }

    /* authors: "author", "authors", "byline", "dc:creator", "by",
     * "created_by"; "authorUrl"; "author_handle" */
    int authorish = HAS(W_AUTHOR | W_USER) || (k->last & W_BY);
    if (authorish) {
        if (HAS(W_MOD | W_DATE | W_NEG)) return WN_F_NONE; /* "updated_by", "author_since" */
        if (extra) return WN_F_NONE;                         /* "author_flair_text" */
        if (HAS(W_URL | W_PERSONURL) && !HAS(W_NAME)) {
            *cls = mods;
            return WN_F_AUTHOR_URL;
        }
        if (HAS(W_HANDLE)) {
            *cls = mods;
            return WN_F_AUTHOR_HANDLE;
        }
        if (HAS(W_FIRSTN | W_LASTN) ||
            (k->last & (W_TITLE | W_BODY | W_SUMMARY | W_LANG | W_TAGS | W_PUBLISHER)))
            return WN_F_NONE; /* "author_title" is a job; "article_author" an author */
        *cls = mods + (HAS(W_AUTHOR) || (k->last & W_BY) ? 0 : 2);
        return WN_F_AUTHOR;
    }
    if (HAS(W_HANDLE) && !HAS(W_TITLE | W_BODY | W_SUMMARY | W_URL | W_DATE | W_TAGS)) {
        *cls = k->ntok;
        return WN_F_AUTHOR_HANDLE;
    }

    /* dates: a date word, or a publication / modification / crawl verb
     * alone ("published", "updated", "created_utc", "seendate") */
    if (HAS(W_DATE | W_PUB | W_MOD | W_CRAWL) && !HAS(W_NEG)) {
        /* what the name is about is its last word: "published_url" is a URL,
         * "article.published" a date */
        int other = (k->last & (W_TITLE | W_SUBT | W_BODY | W_SUMMARY | W_URL | W_CANON | W_NAME |
                                W_LANG | W_TAGS | W_HANDLE | W_DOMAIN)) != 0;
        if (HAS(W_DATE) || !other) {
            if (HAS(W_MOD)) {
                *cls = extra;
                return WN_F_MODIFIED;
            }
            if (HAS(W_CRAWL)) {
                *cls = extra;
                return WN_F_CRAWLED;
            }
            if (HAS(W_PUB)) {
                /* "created_at" beside "published_at" (a draft's creation in a
                 * CMS): a creation alone is the publication, else it yields */
                *cls = extra + (HAS(W_CREATE) ? 1 : 0);
                if (HAS(W_PUBLISHER) && !HAS(W_DATE)) { /* "publication": a name, or a date */
                    *alt = WN_F_PUBLISHER;
                    *alt_cls = 0;
                }
                return WN_F_PUBLISHED;
            }
            *cls = 4 + extra; /* "date", "time", "timestamp": said of the record itself */
            return WN_F_PUBLISHED;
        }
    }
    if (HAS(W_NEG) && HAS(W_DATE)) return WN_F_NONE;

    /* URLs: canonical first, then the page's own, then fetched ones */
    if (HAS(W_CANON)) {
        if (HAS(W_URLBAD | W_IMAGE)) return WN_F_NONE;
        return WN_F_URL;
    }
    if (HAS(W_URL)) {
        if (k->last & (W_TITLE | W_BODY | W_SUMMARY | W_TAGS | W_LANG)) return WN_F_NONE; /* "link_text" */
        if (HAS(W_INPUT)) { /* "given_url": as the user gave it, before any redirect */
            *cls = 4;
            return WN_F_URL;
        }
        if (HAS(W_SOURCE) || HAS(W_URLFETCH | W_CRAWL)) {
            *cls = 3;
            return WN_F_URL;
        }
        if (HAS(W_URLBAD | W_PUBLISHER | W_DOMAIN)) return WN_F_NONE;
        *cls = HAS(W_WEAK) ? 4 : 1 + (extra ? 1 : 0);
        return WN_F_URL;
    }

    /* titles: "title", "headline", "title_full", "ogTitle"; "feed_title"
     * names the publisher; "subtitle", "alternativeHeadline", "dek" */
    if (HAS(W_SUBT)) {
        if (HAS(W_PUBLISHER | W_AUTHOR | W_IMAGE | W_TAGS)) return WN_F_NONE;
        *cls = extra;
        return WN_F_SUBTITLE;
    }
    if (HAS(W_TITLE)) {
        if (HAS(W_PUBLISHER) && !HAS(W_SOURCE)) {
            *cls = 1 + mods;
            return WN_F_PUBLISHER;
        }
        if (HAS(W_TAGS | W_IMAGE | W_DOMAIN | W_SOURCE)) return WN_F_NONE;
        *cls = mods + extra + (HAS(W_WEAK) ? 2 : 0);
        return WN_F_TITLE;
    }
    if (record_level && k->ntok == 1 && HAS(W_NAME)) { /* a record's "name": a weak title */
        *cls = 6;
        return WN_F_TITLE;
    }
    if (HAS(W_LANG)) {
        *cls = mods + extra;
        return WN_F_LANGUAGE;
    }
    if (HAS(W_TAGS)) {
        if (HAS(W_PUBLISHER | W_AUTHOR | W_URL)) return WN_F_NONE;
        *cls = mods + extra;
        return WN_F_TAGS;
    }
    if (HAS(W_PUBLISHER | W_DOMAIN)) {
        if (extra || (k->last & (W_SUMMARY | W_BODY))) return WN_F_NONE; /* "source_country", "feed_description" */
        if (HAS(W_DOMAIN)) {
            *cls = 4;
            return WN_F_PUBLISHER;
        }
        if (HAS(W_SOURCE) && k->ntok == 1) { /* "source": a name, or the page's URL */
            *cls = 1;
            *alt = WN_F_URL;
            *alt_cls = 3;
            return WN_F_PUBLISHER;
        }
        *cls = mods;
        return WN_F_PUBLISHER;
    }
    if (HAS(W_SUMMARY)) {
        if (extra) return WN_F_NONE;
        *cls = mods;
        return WN_F_SUMMARY;
    }
    if (HAS(W_BODY)) {
        if (extra) return WN_F_NONE; /* "spoiler_text", "button_text" */
        if (HAS(W_WEAK) && !(record_level && k->ntok == 1)) return WN_F_NONE;
        *cls = HAS(W_WEAK) ? 3 : 0;
        return WN_F_BODY;
    }
    return WN_F_NONE;
}

int wn_key_context(const wn_key *k, const char *raw, size_t len)
{
    unsigned long long F = k->flags;
    if (len > 1 && raw[0] == '_' && (F & W_SOURCE) && k->ntok == 1) return WN_CTX_ENVELOPE;
    if (!k->ntok) return WN_CTX_NONE;
    if (k->ntok == 1 && HAS(W_ALT)) return WN_CTX_ALTLINK;
    if (k->ntok == 1 && HAS(W_LINKS)) return WN_CTX_LINKS;
    if (HAS(W_CANON) && !HAS(W_URLBAD | W_IMAGE | W_FOREIGN)) return WN_CTX_CANONLINK;
    if (HAS(W_FOREIGN | W_NOIMG)) return WN_CTX_FOREIGN;
    if (HAS(W_CRAWL) && !HAS(W_PUB | W_MOD | W_DATE)) return WN_CTX_CRAWL;
    if (HAS(W_AUTHOR | W_USER) || (k->last & W_BY))
        return k->nunknown || HAS(W_STOP | W_ID) ? WN_CTX_FOREIGN : WN_CTX_PERSON;
    if (HAS(W_IMAGE)) return WN_CTX_MEDIA;
    if (HAS(W_TAGS)) return WN_CTX_TERMS;
    if (HAS(W_PUBLISHER | W_DOMAIN)) return k->nunknown ? WN_CTX_FOREIGN : WN_CTX_ORG;
    if (HAS(W_STOP)) return WN_CTX_FOREIGN;
    if (HAS(W_ENVELOPE)) return WN_CTX_ENVELOPE;
    return WN_CTX_NONE;
}

int wn_person_part(const wn_key *k)
{
    unsigned long long F = k->flags;
    if (!k->ntok || HAS(W_STOP | W_ID | W_NOIMG | W_IMAGE | W_DATE | W_FOREIGN)) return 0;
    if (HAS(W_HANDLE)) return 4;
    if (HAS(W_FIRSTN) && !HAS(W_LASTN)) return 2;
    if (HAS(W_LASTN) && (HAS(W_NAME) || k->ntok == 1)) return 3;
    if (HAS(W_NAME) || (HAS(W_TITLE) && k->ntok == 1)) return 1;
    if (HAS(W_URL | W_PERSONURL)) return 5;
    return 0;
}

int wn_org_part(const wn_key *k)
{
    unsigned long long F = k->flags;
    if (!k->ntok || HAS(W_STOP | W_ID | W_NOIMG | W_IMAGE | W_DATE | W_FOREIGN)) return 0;
    if (HAS(W_DOMAIN)) return 2;
    if (HAS(W_NAME | W_TITLE) || (HAS(W_TAGS) && k->ntok == 1)) return 1; /* "label" */
    if (HAS(W_URL)) return 2;
    return 0;
}
