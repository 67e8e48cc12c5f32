/*
 * main.c — the winnow command: a thin loop over the public API.
 *
 * For each input (files in order, "-" or none = stdin): open a stream,
 * print every document it yields, count articles and errors by reason.
 * Output goes to stdout as it is produced (nothing is held back), the
 * summary to stderr at the end, and on a terminal a progress line is kept
 * up to date while it runs.
 */
#include "winnow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: winnow [OPTIONS] [FILE...]\n"
    "\n"
    "Turns raw news (scraper JSON/JSONL dumps, even malformed ones, flattened page\n"
    "text, HTML pages; gzip or not) into clean article records. Reads each FILE\n"
    "(\"-\" or none: standard input) and writes one output record per input record.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT     jsonl (default): one JSON object per line\n"
    "                       text: body paragraphs only, blank line between them\n"
    "                       markdown: title, dek, byline and body\n"
    "                       (text and markdown separate documents with a form-feed line)\n"
    "  -x, --explain        add \"removed\": every removed block with its reason\n"
    "  -i, --input KIND     auto (default), json, text or html: skip format sniffing\n"
    "      --max-bytes N    largest document payload in bytes (default 33554432);\n"
    "                       larger ones give a too_large error record\n"
    "  -q, --quiet          no summary line on stderr\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "Exit status: 0 every document was processed, 1 some input gave an error record\n"
    "(the rest were still processed), 2 usage error.\n"
    "Output schema: docs/schema.md. Errors are records too: {\"source\":...,\"error\":\n"
    "{\"code\":...,\"message\":...}}.\n";

typedef struct reason_count {
    char code[32];
    size_t n;
} reason_count;

typedef struct stats {
    size_t docs, articles, errors;
    reason_count reasons[32];
    size_t nreasons;
} stats;

static void count_error(stats *st, const char *code)
{
    st->errors++;
    for (size_t i = 0; i < st->nreasons; i++)
        if (strcmp(st->reasons[i].code, code) == 0) {
            st->reasons[i].n++;
            return;
        }
    if (st->nreasons < 32) {
        snprintf(st->reasons[st->nreasons].code, sizeof st->reasons[0].code, "%s", code);
        st->reasons[st->nreasons++].n = 1;
    }
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "winnow: %s%s%s\nTry 'winnow --help'.\n", msg, arg ? ": " : "",
            arg ? arg : "");
    return 2;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define USAGE(msg, arg)                                                                    \
    do {                                                                                   \
        free(files);                                                                       \
        return usage_error(msg, arg);                                                      \
    } while (0)

int main(int argc, char **argv)
{
    winnow_format fmt = WINNOW_FORMAT_JSONL;
    winnow_input in = WINNOW_INPUT_AUTO;
    int explain = 0, quiet = 0;
    size_t max_bytes = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int only_files = 0;
    if (!files) return 2;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            files[nfiles++] = a;
            continue;
        }
        const char *val = NULL;
        char opt[32] = "";
        if (a[1] == '-') {
            if (!a[2]) {
                only_files = 1;
                continue;
            }
            const char *eq = strchr(a, '=');
            size_t l = eq ? (size_t)(eq - a) : strlen(a);
            if (l >= sizeof opt) USAGE("unknown option", a);
            memcpy(opt, a, l);
            opt[l] = 0;
            if (eq) val = eq + 1;
        } else {
            if (a[2]) USAGE("unknown option", a);
            snprintf(opt, sizeof opt, "%s", a);
        }
        int needs = !strcmp(opt, "-f") || !strcmp(opt, "--format") || !strcmp(opt, "-i") ||
                    !strcmp(opt, "--input") || !strcmp(opt, "--max-bytes");
        if (needs && !val) {
            if (i + 1 >= argc) USAGE("option needs a value", opt);
            val = argv[++i];
        } else if (!needs && val) {
            USAGE("option takes no value", opt);
        }
        if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
            fputs(USAGE, stdout);
            free(files);
            return 0;
        } else if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
            printf("winnow %s\n", winnow_version());
            free(files);
            return 0;
        } else if (!strcmp(opt, "-x") || !strcmp(opt, "--explain")) {
            explain = 1;
        } else if (!strcmp(opt, "-q") || !strcmp(opt, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(opt, "-f") || !strcmp(opt, "--format")) {
            if (!strcmp(val, "jsonl") || !strcmp(val, "json")) fmt = WINNOW_FORMAT_JSONL;
            else if (!strcmp(val, "text")) fmt = WINNOW_FORMAT_TEXT;
            else if (!strcmp(val, "markdown") || !strcmp(val, "md")) fmt = WINNOW_FORMAT_MARKDOWN;
            else USAGE("unknown format (jsonl, text, markdown)", val);
        } else if (!strcmp(opt, "-i") || !strcmp(opt, "--input")) {
            if (!strcmp(val, "auto")) in = WINNOW_INPUT_AUTO;
            else if (!strcmp(val, "json")) in = WINNOW_INPUT_JSON;
            else if (!strcmp(val, "text")) in = WINNOW_INPUT_TEXT;
            else if (!strcmp(val, "html")) in = WINNOW_INPUT_HTML;
            else USAGE("unknown input kind (auto, json, text, html)", val);
        } else if (!strcmp(opt, "--max-bytes")) {
            char *end;
            unsigned long long v = strtoull(val, &end, 10);
            if (*end || v == 0) USAGE("--max-bytes needs a positive number", val);
            max_bytes = (size_t)v;
        } else {
            USAGE("unknown option", a);
        }
    }
    if (nfiles == 0) files[nfiles++] = "-";

    winnow_options *o = winnow_options_new();
    if (!o) {
        fputs("winnow: cannot initialise\n", stderr);
        return 2;
    }
    winnow_options_set_format(o, fmt);
    winnow_options_set_input(o, in);
    winnow_options_set_explain(o, explain);
    if (max_bytes) winnow_options_set_limit(o, WINNOW_LIMIT_DOC_BYTES, max_bytes);

    stats st;
    memset(&st, 0, sizeof st);
    int tty = isatty(2) && !quiet;
    double t0 = now(), last = t0;
    for (size_t fi = 0; fi < nfiles; fi++) {
        winnow_stream *s;
        if (winnow_stream_open_file(o, files[fi], &s) != WINNOW_OK) continue;
        winnow_doc *d;
        while (winnow_stream_next(s, &d) == WINNOW_OK) {
            st.docs++;
            if (winnow_doc_is_error(d)) count_error(&st, winnow_doc_field(d, WINNOW_FIELD_ERROR_CODE));
            else st.articles++;
            char *out;
            size_t len;
            if (fmt != WINNOW_FORMAT_JSONL && st.docs > 1 && !winnow_doc_is_error(d))
                fputs("\f\n", stdout);
            if (winnow_doc_render(d, fmt, explain, &out, &len) == WINNOW_OK) {
                fwrite(out, 1, len, stdout);
                winnow_free(out);
            }
            winnow_doc_free(d);
            if (tty) {
                double t = now();
                if (t - last > 0.5) {
                    fprintf(stderr, "\rwinnow: %zu documents, %zu articles, %zu errors, file %zu/%zu",
                            st.docs, st.articles, st.errors, fi + 1, nfiles);
                    last = t;
                }
            }
        }
        winnow_stream_free(s);
    }
    fflush(stdout);
    if (tty && last > t0) fputs("\r\033[K", stderr);
    if (!quiet) {
        fprintf(stderr, "winnow: %zu document%s in, %zu article%s out, %zu error%s", st.docs,
                st.docs == 1 ? "" : "s", st.articles, st.articles == 1 ? "" : "s", st.errors,
                st.errors == 1 ? "" : "s");
        for (size_t i = 0; i < st.nreasons; i++)
            fprintf(stderr, "%s%s %zu", i ? ", " : " (", st.reasons[i].code, st.reasons[i].n);
        fputs(st.nreasons ? ")\n" : "\n", stderr);
    }
    winnow_options_free(o);
    free(files);
    return st.errors ? 1 : 0;
}
