/*
 * main.c — the winnow command: a thin loop over the public API.
 *
 * For each input (files in order, "-" or none = stdin): open a stream,
 * print every document it yields, count articles and errors by reason.
 * Output goes to stdout as it is produced (nothing is held back), the
 * summary to stderr at the end, and on a terminal a progress line is kept
 * up to date while it runs.
 *
 * `winnow dedup ...` is the clustering stage over JSONL (dedup.c).
 * `winnow --dedup ...` extracts as usual but writes the JSONL to a
 * temporary file, then runs that same stage over it: one code path.
 */
#include "winnow.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: winnow [OPTIONS] [FILE...]\n"
    "\n"
    "Turns raw news (scraper JSON/JSONL dumps, even malformed ones, flattened page\n"
    "text, HTML pages, RSS/Atom/JSON feeds, WARC archives; gzip or not) into clean\n"
    "article records. Reads each FILE (\"-\" or none: standard input) and writes one\n"
    "output record per input record.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT     jsonl (default): one JSON object per line\n"
    "                       text: body paragraphs only, blank line between them\n"
    "                       markdown: title, dek, byline and body\n"
    "                       (text and markdown separate documents with a form-feed line)\n"
    "  -x, --explain        add \"removed\" (every removed block with its reason)\n"
    "                       and \"sources\" (where each field came from)\n"
    "  -i, --input KIND     auto (default), json, text or html: skip format sniffing\n"
    "                       (auto also recognises WARC archives and RSS/Atom/JSON feeds)\n"
    "  -j, --threads N      worker threads (default: one per CPU); output order is\n"
    "                       always input order\n"
    "      --skipped        also print a record for every input record skipped by\n"
    "                       design (WARC requests, metadata, non-HTML responses)\n"
    "      --stats FILE     write the counts as JSON to FILE at the end\n"
    "      --progress       progress line on stderr even when it is not a terminal\n"
    "      --max-bytes N    largest document in bytes (default 33554432) -> too_large\n"
    "      --max-depth N    deepest JSON/HTML nesting (default 512) -> too_deep\n"
    "      --max-nodes N    most HTML nodes in one page (default 4000000) -> too_large\n"
    "      --timeout MS     time budget per document (default 30000) -> timeout\n"
    "      --param NAME=V   set an extractor tuning constant (for benchmarks; names\n"
    "                       and defaults in docs/extraction.md); may be repeated\n"
    "  -q, --quiet          no summary line on stderr\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "Near-duplicate clustering (also on its own: winnow dedup --help; each option\n"
    "below implies --dedup):\n"
    "      --dedup          extract, then cluster the articles: every record gets the\n"
    "                       fields cluster and canonical; copies duplicate_of,\n"
    "                       similarity, duplicate_kind (JSONL only)\n"
    "%s"
    "\n"
    "Every input record gives exactly one output line (article, error record, or\n"
    "with --skipped a skip record); the summary on stderr adds them up.\n"
    "Exit status: 0 every document was processed, 1 some input gave an error record\n"
    "(the rest were still processed), 2 usage error.\n"
    "Output schema: docs/schema.md. Errors are records too: {\"source\":...,\"error\":\n"
    "{\"code\":...,\"message\":...}}.\n";

typedef struct reason_count {
    char code[32];
    size_t n;
} reason_count;

typedef struct tally {
    reason_count r[32];
    size_t n;
} tally;

typedef struct stats {
    size_t docs, articles, errors, skipped, inputs;
    unsigned long long bytes, header_warnings;
    tally errs, skips;
} stats;

static void count(tally *t, const char *code, size_t k)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->r[i].code, code) == 0) {
            t->r[i].n += k;
            return;
        }
    if (t->n < 32) {
        snprintf(t->r[t->n].code, sizeof t->r[0].code, "%s", code);
        t->r[t->n++].n = k;
    } else {
        t->r[31].n += k; /* reasons beyond 32 are folded into the last */
    }
}

static void print_tally(FILE *f, const tally *t, int json)
{
    for (size_t i = 0; i < t->n; i++) {
        if (json) fprintf(f, "%s\"%s\":%zu", i ? "," : "", t->r[i].code, t->r[i].n);
        else fprintf(f, "%s%s %zu", i ? ", " : "", t->r[i].code, t->r[i].n);
    }
}

static void write_stats(const char *path, const stats *st, double seconds)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "winnow: cannot write stats to %s\n", path);
        return;
    }
    fprintf(f, "{\"inputs\":%zu,\"records_in\":%zu,\"articles\":%zu,\"errors\":%zu,"
               "\"skipped\":%zu,\"errors_by_reason\":{",
            st->inputs, st->docs, st->articles, st->errors, st->skipped);
    print_tally(f, &st->errs, 1);
    fputs("},\"skipped_by_reason\":{", f);
    print_tally(f, &st->skips, 1);
    fprintf(f, "},\"header_warnings\":%llu,\"bytes\":%llu,\"seconds\":%.3f}\n",
            st->header_warnings, st->bytes, seconds);
    fclose(f);
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
        free(params);                                                                      \
        free(dd_in);                                                                       \
        return usage_error(msg, arg);                                                      \
    } while (0)

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "dedup")) return cli_dedup_main(argc - 1, argv + 1);
    cli_dedup dd;
    cli_dedup_init(&dd);
    int dedup = 0;
    wn_dedup_input *dd_in = NULL;
    winnow_format fmt = WINNOW_FORMAT_JSONL;
    winnow_input in = WINNOW_INPUT_AUTO;
    int explain = 0, quiet = 0, skipped = 0, progress = 0;
    size_t max_bytes = 0, max_depth = 0, max_nodes = 0, timeout_ms = 0;
    long threads = -1;
    const char *stats_path = NULL;
    const char **params = calloc((size_t)argc + 1, sizeof *params);
    size_t nparams = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int only_files = 0;
    if (!files || !params) return 2;

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
                    !strcmp(opt, "--input") || !strcmp(opt, "--max-bytes") ||
                    !strcmp(opt, "-j") || !strcmp(opt, "--threads") ||
                    !strcmp(opt, "--stats") || !strcmp(opt, "--max-depth") ||
                    !strcmp(opt, "--max-nodes") || !strcmp(opt, "--timeout") ||
                    !strcmp(opt, "--param") || cli_dedup_needs_value(opt);
        if (needs && !val) {
            if (i + 1 >= argc) USAGE("option needs a value", opt);
            val = argv[++i];
        } else if (!needs && val) {
            USAGE("option takes no value", opt);
        }
        const char *dmsg = NULL;
        int dr = cli_dedup_option(&dd, opt, val, &dmsg);
        if (dr < 0) USAGE(dmsg, opt);
        if (dr > 0) {
            dedup = 1;
            continue;
        }
        if (!strcmp(opt, "--dedup")) {
            dedup = 1;
        } else if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
            printf(USAGE, CLI_DEDUP_OPTIONS);
            free(files);
            free(params);
            return 0;
        } else if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
            printf("winnow %s\n", winnow_version());
            free(files);
            free(params);
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
        } else if (!strcmp(opt, "--max-bytes") || !strcmp(opt, "--max-depth") ||
                   !strcmp(opt, "--max-nodes") || !strcmp(opt, "--timeout") ||
                   !strcmp(opt, "-j") || !strcmp(opt, "--threads")) {
            char *end;
            unsigned long long v = strtoull(val, &end, 10);
            int is_threads = !strcmp(opt, "-j") || !strcmp(opt, "--threads");
            if (*end || !*val || val[0] == '-' || (v == 0 && !is_threads) || v > (1ull << 40))
                USAGE(is_threads ? "option needs a number" : "option needs a positive number",
                      opt);
            if (!strcmp(opt, "--max-bytes")) max_bytes = (size_t)v;
            else if (!strcmp(opt, "--max-depth")) max_depth = (size_t)v;
            else if (!strcmp(opt, "--max-nodes")) max_nodes = (size_t)v;
            else if (!strcmp(opt, "--timeout")) timeout_ms = (size_t)v;
            else threads = (long)v;
        } else if (!strcmp(opt, "--skipped")) {
            skipped = 1;
        } else if (!strcmp(opt, "--progress")) {
            progress = 1;
        } else if (!strcmp(opt, "--stats")) {
            stats_path = val;
        } else if (!strcmp(opt, "--param")) {
            params[nparams++] = val;
        } else {
            USAGE("unknown option", a);
        }
    }
    if (nfiles == 0) files[nfiles++] = "-";
    if (dedup && fmt != WINNOW_FORMAT_JSONL) USAGE("--dedup writes JSONL only", NULL);
    dd.run.explain = explain;

    winnow_options *o = winnow_options_new();
    if (!o) {
        fputs("winnow: cannot initialise\n", stderr);
        return 2;
    }
    winnow_options_set_format(o, fmt);
    winnow_options_set_input(o, in);
    winnow_options_set_explain(o, explain);
    winnow_options_set_skipped(o, skipped);
    if (threads >= 0 && winnow_options_set_threads(o, (unsigned)threads) != WINNOW_OK) {
        winnow_options_free(o);
        USAGE("--threads: at most 1024", NULL);
    }
    if ((max_bytes && winnow_options_set_limit(o, WINNOW_LIMIT_DOC_BYTES, max_bytes)) ||
        (max_depth && winnow_options_set_limit(o, WINNOW_LIMIT_DEPTH, max_depth)) ||
        (max_nodes && winnow_options_set_limit(o, WINNOW_LIMIT_NODES, max_nodes)) ||
        (timeout_ms && winnow_options_set_limit(o, WINNOW_LIMIT_TIME_MS, timeout_ms))) {
        winnow_options_free(o);
        USAGE("a limit is out of range", NULL);
    }
    for (size_t k = 0; k < nparams; k++) {
        char name[64];
        const char *pv = params[k]; /* points into argv */
        const char *eq = strchr(pv, '=');
        char *end = NULL;
        double v = eq ? strtod(eq + 1, &end) : 0;
        size_t l = eq ? (size_t)(eq - pv) : 0;
        if (!eq || l == 0 || l >= sizeof name || !eq[1] || *end) {
            winnow_options_free(o);
            USAGE("--param wants NAME=NUMBER", pv);
        }
        memcpy(name, pv, l);
        name[l] = 0;
        if (winnow_options_set_param(o, name, v) != WINNOW_OK) {
            winnow_options_free(o);
            USAGE("--param: unknown name or value out of range", pv);
        }
    }

    FILE *spool = NULL;
    if (dedup && !(spool = tmpfile())) {
        winnow_options_free(o);
        free(files);
        free(params);
        fputs("winnow: cannot create a temporary file for --dedup\n", stderr);
        return 1;
    }
    FILE *dst = dedup ? spool : stdout;
    stats st;
    memset(&st, 0, sizeof st);
    int show = !quiet && (progress || isatty(2));
    double t0 = now(), last = t0;
    for (size_t fi = 0; fi < nfiles; fi++) {
        winnow_stream *s;
        if (winnow_stream_open_file(o, files[fi], &s) != WINNOW_OK) continue;
        st.inputs++;
        winnow_doc *d;
        while (winnow_stream_next(s, &d) == WINNOW_OK) {
            if (winnow_doc_is_skip(d)) {
                /* counted below from the stream's tally, returned or not */
            } else if (winnow_doc_is_error(d)) {
                st.errors++;
                count(&st.errs, winnow_doc_field(d, WINNOW_FIELD_ERROR_CODE), 1);
            } else {
                st.articles++;
            }
            char *out;
            size_t len;
            int printable = !winnow_doc_is_error(d) && !winnow_doc_is_skip(d);
            if (fmt != WINNOW_FORMAT_JSONL && printable && st.articles > 1) fputs("\f\n", dst);
            if (winnow_doc_render(d, fmt, explain, &out, &len) == WINNOW_OK) {
                fwrite(out, 1, len, dst);
                winnow_free(out);
            }
            winnow_doc_free(d);
            if (show) {
                double t = now();
                if (t - last > 0.5) {
                    winnow_stats ss;
                    winnow_stream_stats(s, &ss);
                    double mb = (double)(st.bytes + ss.bytes_read) / 1e6;
                    fprintf(stderr, "\rwinnow: %zu records, %zu errors, %.1f MB, %.1f MB/s",
                            st.articles + st.errors + st.skipped + (size_t)ss.skipped, st.errors,
                            mb, mb / (t - t0));
                    if (ss.bytes_total > 0 && ss.bytes_read > 0) {
                        double rate = (double)ss.bytes_read / (t - t0);
                        fprintf(stderr, ", file %zu/%zu ETA %.0f s", fi + 1, nfiles,
                                (double)(ss.bytes_total - (long long)ss.bytes_read) / rate);
                    }
                    fputs("\033[K", stderr);
                    last = t;
                }
            }
        }
        winnow_stats ss;
        winnow_stream_stats(s, &ss);
        st.bytes += ss.bytes_read;
        st.skipped += (size_t)ss.skipped;
        st.header_warnings += winnow_stream_header_warnings(s);
        const char *reason;
        unsigned long long k;
        for (size_t i = 0; i < winnow_stream_skip_reason(s, i, &reason, &k); i++)
            count(&st.skips, reason, (size_t)k);
        winnow_stream_free(s);
    }
    fflush(stdout);
    st.docs = st.articles + st.errors + st.skipped;
    if (show && last > t0) fputs("\r\033[K", stderr);
    if (!quiet) {
        fprintf(stderr, "winnow: %zu record%s in, %zu article%s out, %zu error%s", st.docs,
                st.docs == 1 ? "" : "s", st.articles, st.articles == 1 ? "" : "s", st.errors,
                st.errors == 1 ? "" : "s");
        if (st.errs.n) {
            fputs(" (", stderr);
            print_tally(stderr, &st.errs, 0);
            fputc(')', stderr);
        }
        if (st.skipped) {
            fprintf(stderr, ", %zu skipped (", st.skipped);
            print_tally(stderr, &st.skips, 0);
            fputc(')', stderr);
        }
        if (st.header_warnings)
            fprintf(stderr, ", %llu header warning%s (docs/archives.md)",
                    st.header_warnings, st.header_warnings == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    if (stats_path) write_stats(stats_path, &st, now() - t0);
    winnow_options_free(o);
    free(files);
    free(params);
    int rc = st.errors ? 1 : 0;
    if (dedup) {
        /* the extracted JSONL, spooled, through the clustering stage */
        wn_dedup_input din = {"winnow", spool};
        if (fflush(spool) != 0 || ferror(spool)) {
            fputs("winnow: cannot write the temporary file for --dedup\n", stderr);
            rc = 1;
        } else {
            int drc = cli_dedup_run(&dd, &din, 1, quiet, NULL);
            if (drc > rc) rc = drc;
        }
        fclose(spool);
    }
    return rc;
}
