/*
 * output.h — the last stage: a document rendered as JSONL, text or
 * Markdown. Field order and omission rules are those of docs/schema.md.
 */
#ifndef WN_OUTPUT_H
#define WN_OUTPUT_H

#include "../core/doc.h"

/* Appends the rendering of d (with a trailing newline) to out. Error and
 * skip records render as JSON only; in text/markdown they render as
 * nothing. */
void wn_render(const wn_doc *d, winnow_format f, int explain, wn_buf *out);
/* Appends s as a JSON string literal (quotes included); invalid UTF-8
 * becomes U+FFFD, so the result is always valid. */
void wn_json_string(wn_buf *out, const char *s, size_t n);

#endif
