/*
 * text.c — flattened page text into blocks.
 *
 * A naive scraper writes every block element of a page on its own line, so
 * a line is the natural block. Blank lines carry no extra meaning (they
 * only separate). Normalisation happens in wn_doc_add_block.
 */
#include "input.h"

#include <string.h>

void wn_text_to_blocks(wn_doc *d, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        /* also split on form feeds, line/paragraph separators are left to
         * normalisation (they become spaces) */
        wn_doc_add_block(d, s + i, e - i, WN_BLK_PARA, 0);
        i = e + 1;
    }
}
