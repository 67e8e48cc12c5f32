/*
 * feeds.h — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, CDF and JSON Feed 1.0/1.1
 * as a source of documents (feeds.c). To be merged into input.h.
 *
 * Use: sniff, parse the whole feed once into an arena, then turn each item
 * into a document and run the usual pipeline on it:
 *
 *     wn_feed *f = wn_feed_parse(&arena, buf, len, max_depth, &err);
 *     for (size_t i = 0; f && i < wn_feed_count(f); i++) {
 *         wn_doc *d = wn_doc_new(source);
 *         if (wn_feed_item_to_doc(f, i, d) == 0) run_pipeline(o, d);
 *     }
 *
 * A parsed feed holds only arena strings (the XML tree is freed before
 * wn_feed_parse returns), so it is released with its arena. Hints are
 * copied into the document's arena; d->payload points into the feed's arena
 * (not owned, as for records): run the pipeline before releasing it.
 */
#ifndef WN_FEEDS_H
#define WN_FEEDS_H

#include "../core/core.h"
#include "../core/doc.h"

/* 1 when the bytes look like an RSS/Atom/CDF feed (XML whose root element is
 * <rss>, <feed> in the Atom namespace, <rdf:RDF> declaring the RSS 1.0
 * namespace, or CDF's <CHANNEL>; a BOM, XML declaration, comments,
 * processing instructions and a DOCTYPE may come first, within the first
 * 64 KiB; UTF-16/32 with or without BOM and EBCDIC are understood),
 * or a JSON Feed (a JSON object whose top-level "version" is a string
 * starting "https://jsonfeed.org/version/"; http:// is accepted too). */
int wn_feed_sniff(const char *buf, size_t len);

typedef struct wn_feed wn_feed; /* parsed feed, items in document order */

/* Parses a feed held in memory into a (nothing is kept outside it). Returns
 * NULL with *err set to a static message when the input is not a feed or
 * the XML is too broken to yield anything (no root element, or a broken
 * document without a single item). A well-formed feed with no items is
 * returned with a count of 0. max_depth bounds JSON nesting and the depth
 * to which item markup is walked (values < 1 mean 256). */
wn_feed *wn_feed_parse(wn_arena *a, const char *buf, size_t len, int max_depth,
                       const char **err);

size_t wn_feed_count(const wn_feed *f);

/* Fills d from item i: hints (sources "feed") and the payload. Returns 0,
 * or -1 with an error set on d (hints still filled): "no_payload" when the
 * item has no content, description or summary; "truncated_item" when the
 * input ends inside the item; "no_item" when i is out of range. */
int wn_feed_item_to_doc(const wn_feed *f, size_t i, wn_doc *d);

#endif
