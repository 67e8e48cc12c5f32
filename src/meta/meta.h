/*
 * meta.h — the document's fields, from what records and pages state
 * (hints) and what the text rules found (evidence).
 *
 * Precedence, field by field, is documented in docs/schema.md: stated
 * metadata wins over inference, except where the text proves it wrong
 * (a "The post … appeared first on SITE" footer makes SITE the
 * republisher even when the record calls it the source).
 */
#ifndef WN_META_H
#define WN_META_H

#include "../core/doc.h"

void wn_meta(wn_doc *d);

struct wn_dom;
/* Page metadata from the document model into d->hints (only fields still
 * empty, each with its source): JSON-LD (NewsArticle and friends, @graph
 * too), Open Graph / article:* / twitter:* / Dublin Core / parsely meta
 * tags, <title>, <link rel=canonical> (resolved against the page URL when
 * relative), <html lang>, microdata itemprop, <time datetime>, rel=author
 * links and byline elements (class or id "byline"/"author"). Rejects
 * non-names ("Staff", "Email the author", job titles, dates). */
void wn_html_meta(wn_doc *d, const struct wn_dom *dom);

/* Parses a date in the usual news forms (ISO 8601, RFC 822, "March 5,
 * 2024", "5 mars 2024", "05.03.2024", Unix seconds) into ISO 8601 in out
 * ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" plus "Z" or an offset when the
 * input had them). Returns 1 on success. When whole != 0 the entire string
 * (but for surrounding punctuation) must be the date. */
int wn_parse_date(const char *s, size_t n, int whole, char out[32]);
/* The same with flags: WN_DATE_DAY_FIRST reads "05/03/2024" as 5 March
 * (pages in languages other than US English). */
#define WN_DATE_DAY_FIRST 1
int wn_parse_date_ex(const char *s, size_t n, int whole, int flags, char out[32]);

/* Finds the first date in a short text ("Published 8:00 PM EST, Tue
 * December 19, 2023", "By Jane Doe | 5 mars 2024"): wn_parse_date at each
 * word start. When the date has no time of day but one precedes it in the
 * text ("8:00 PM ... December 19, 2023"), that time is added (without a
 * zone). Returns the date's byte offset in s, or -1. Meant for texts of a
 * few hundred bytes (one parse attempt per word). */
long wn_find_date(const char *s, size_t n, char out[32]);
/* The same with flags (WN_DATE_DAY_FIRST); *end (when given) gets the
 * offset just after the date, for a search of the next one. */
long wn_find_date_ex(const char *s, size_t n, int flags, char out[32], size_t *end);

/* Splits a byline's names ("Jane Doe, John Roe and Ann Poe") and validates
 * each as a person's name (capitalised words, particles allowed, no
 * digits, no words like "Staff" or "Editor"). Calls add(name, role, ctx)
 * per name. A trailing role ("Jane Doe, Staff Writer") is passed along.
 * Returns the number of names accepted; 0 means "not a byline". */
int wn_parse_names(wn_arena *a, const char *s, size_t n,
                   void (*add)(void *ctx, const char *name, const char *role), void *ctx);
/* 1 when s looks like a person's name. */
int wn_is_person_name(const char *s, size_t n);

#endif
