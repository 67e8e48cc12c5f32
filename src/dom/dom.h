/*
 * dom.h — HTML into blocks and page metadata.
 *
 * The parser (libxml2's HTML parser, chosen by measurement: see
 * docs/design.md) builds a tree; we walk it once, emitting a block at every
 * block-level boundary (so words are never glued across </p><p>) and
 * collecting what <head> states about the page (title, meta tags,
 * canonical link, language) as hints. Scripts, styles, forms and embedded
 * objects are skipped.
 */
#ifndef WN_DOM_H
#define WN_DOM_H

#include "../core/doc.h"

/* Parses html (n bytes; encoding: UTF-8 when valid, else what the page
 * declares) and appends its blocks to d; fills d->hints fields that are
 * still empty. Returns 0, or -1 with an error set on d. */
int wn_html_to_blocks(wn_doc *d, const char *html, size_t n, int max_depth);

#endif
