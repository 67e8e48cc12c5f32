/*
 * example.c — the smallest useful program on top of libwinnow.
 *
 * Reads one input (a JSON/JSONL scraper dump, a flattened text page or an
 * HTML page, gzip'd or not) and prints one line per document it holds:
 *
 *     <source>: <title> (<word count> words)      for an article
 *     <source>: error <code>: <message>           for an error record
 *
 * Build (after `make install`):
 *     cc example.c $(pkg-config --cflags --libs winnow) -o example
 * Run:
 *     ./example dump.jsonl        # or: ./example < page.html
 *
 * Only the public header is used. Exit status: 0 when every document was
 * an article, 1 when some were error records, 2 when winnow could not start.
 */
#include <stdio.h>

#include "winnow.h"

int main(int argc, char **argv)
{
    /* The input: a path from the command line, or "-" (standard input). */
    const char *path = argc > 1 ? argv[1] : "-";

    /* 1. Options: how to process. Defaults are fine here (auto-detected
     *    input, default size limits). One options object can be shared by
     *    any number of threads; it must outlive the streams using it. */
    winnow_options *opts = winnow_options_new();
    if (!opts) {
        fputs("example: cannot create winnow options\n", stderr);
        return 2;
    }

    /* 2. A stream over the file. A missing or unreadable file is not an
     *    error here: the stream then yields one error record saying so, so
     *    every input shows up in the output. Only bad arguments fail. */
    winnow_stream *stream = NULL;
    winnow_status st = winnow_stream_open_file(opts, path, &stream);
    if (st != WINNOW_OK) {
        fprintf(stderr, "example: %s\n", winnow_status_str(st));
        winnow_options_free(opts);
        return 2;
    }

    /* 3. One document per input record, until WINNOW_END. */
    int errors = 0;
    winnow_doc *doc = NULL;
    while (winnow_stream_next(stream, &doc) == WINNOW_OK) {
        /* Strings returned by accessors belong to the document: valid
         * until winnow_doc_free, always NUL-terminated UTF-8, or NULL when
         * the document has no value for that field. */
        const char *source = winnow_doc_field(doc, WINNOW_FIELD_SOURCE);
        if (winnow_doc_is_error(doc)) {
            errors++;
            printf("%s: error %s: %s\n", source,
                   winnow_doc_field(doc, WINNOW_FIELD_ERROR_CODE),
                   winnow_doc_field(doc, WINNOW_FIELD_ERROR_MESSAGE));
        } else {
            const char *title = winnow_doc_field(doc, WINNOW_FIELD_TITLE);
            printf("%s: %s (%zu words)\n", source, title ? title : "(no title)",
                   winnow_doc_word_count(doc));
        }
        /* 4. Free each document when done with it (one call frees all its
         *    strings), before the stream that produced it. */
        winnow_doc_free(doc);
    }

    /* 5. Then the stream, then the options. */
    winnow_stream_free(stream);
    winnow_options_free(opts);
    return errors ? 1 : 0;
}
