/*
 * store.c — `winnow ingest` and `winnow search`: the article store
 * (src/store/) from the command line.
 *
 * ingest runs the extraction exactly as a plain run does (public API,
 * streams, the same limits and thread options) but hands each record to the
 * store instead of printing it. It commits every --batch records or every
 * second, whichever comes first, so a kill loses at most the open batch and
 * the database always opens. Its summary is a plain run's (records =
 * articles + errors + skipped) plus what the store did (inserted, already
 * stored, joined an existing story); its exit status is a plain run's too (1
 * when an input gave an error record), or 1 when the store failed.
 *
 * search opens the store read-only and prints the hits as JSONL; the
 * snippet's matches are marked with --mark (default "[" and "]").
 */
#include "winnow.h"

#include "cli.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char INGEST_USAGE[] =
    "Usage: winnow ingest --db FILE [OPTIONS] [INPUT...]\n"
    "\n"
    "Extracts every INPUT as a plain run does (\"-\" or none: standard input) and\n"
    "stores each record (articles, error records, with --skipped skip records) in\n"
    "the SQLite store FILE (created when missing), clustering copies of a story with\n"
    "the articles already stored. A record already stored (same URL or source, same\n"
    "text) is not stored again. Schema: docs/store.md.\n"
    "\n"
    "Options:\n"
    "      --db FILE        the store (required)\n"
    "      --batch N        records per transaction (default 500; also committed\n"
    "                       every second)\n"
    "  -i, --input KIND     auto (default), json, text or html\n"
    "  -j, --threads N      extraction threads (default: one per CPU)\n"
    "      --skipped        also store a record for every input record skipped by design\n"
    "      --stats FILE     write the counts as JSON to FILE at the end\n"
    "      --max-bytes N  --max-depth N  --max-nodes N  --timeout MS  --param NAME=V\n"
    "                       as for a plain run (winnow --help)\n"
    "  -q, --quiet          no summary line on stderr\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 every document was processed, 1 some input gave an error record\n"
    "(stored too) or the store failed, 2 usage error or the store cannot be used.\n";

static const char SEARCH_USAGE[] =
    "Usage: winnow search --db FILE [OPTIONS] [QUERY]\n"
    "\n"
    "Full-text search of the store: one JSON object per hit, best first (bm25, title\n"
    "weighted 10, text 1): id, title, subtitle, publisher, republisher,\n"
    "date_published, language, url, snippet, cluster_id, cluster_size, score.\n"
    "QUERY is FTS5 syntax: words (all must match), \"a phrase\", OR, NOT, prefix*,\n"
    "title:word, NEAR(a b). Plain text with punctuation and no operator (a pasted\n"
    "sentence, also one of 5+ words whose brackets or colon FTS5 refuses) is\n"
    "searched as a phrase; with -F any text is (quotes, brackets,\n"
    "colons and operator words then count as plain words). No QUERY: the newest\n"
    "articles.\n"
    "\n"
    "Options:\n"
    "      --db FILE        the store (required; opened read-only)\n"
    "      --since DATE     date_published on or after DATE (YYYY-MM-DD)\n"
    "      --publisher NAME publisher or republisher NAME (any case)\n"
    "      --lang xx        language (ISO 639-1)\n"
    "      --limit N        at most N hits (default 20, at most 1000)\n"
    "      --offset N       skip the first N hits\n"
    "      --mark OPEN,CLOSE  snippet highlight markers (default \"[,]\")\n"
    "  -F, --literal        QUERY is plain text: its words in order, as one phrase\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 (also with no hit), 2 usage error, malformed query or a store\n"
    "that cannot be used, 1 a read error.\n";

static int usage_error(const char *cmd, const char *msg, const char *arg)
{
    fprintf(stderr, "winnow %s: %s%s%s\nTry 'winnow %s --help'.\n", cmd, msg, arg ? ": " : "",
            arg ? arg : "", cmd);
    return 2;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* splits "--opt=value" or takes the next argument; returns NULL on a missing value */
static const char *opt_value(int argc, char **argv, int *i, const char *a, const char *name,
                             int *matched)
{
    size_t l = strlen(name);
    *matched = 0;
    if (strncmp(a, name, l)) return NULL;
    if (a[l] == '=') {
        *matched = 1;
        return a + l + 1;
    }
    if (a[l]) return NULL;
    *matched = 1;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

static int parse_count(const char *v, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!v || !*v || *v == '-') return -1;
    unsigned long long x = strtoull(v, &end, 10);
    if (*end || x > max) return -1;
    *out = x;
    return 0;
}

typedef struct tally {
    char code[32][32];
    size_t n[32], k;
} tally;

static void count(tally *t, const char *code, size_t k)
{
    for (size_t i = 0; i < t->k; i++)
        if (!strcmp(t->code[i], code)) {
            t->n[i] += k;
            return;
        }
    if (t->k < 32) {
        snprintf(t->code[t->k], sizeof t->code[0], "%s", code);
        t->n[t->k++] = k;
    } else {
        t->n[31] += k; /* reasons beyond 32 are folded into the last */
    }
}

static void print_tally(FILE *f, const tally *t, int json)
{
    for (size_t i = 0; i < t->k; i++) {
        if (json) fprintf(f, "%s\"%s\":%zu", i ? "," : "", t->code[i], t->n[i]);
        else fprintf(f, "%s%s %zu", i ? ", " : "", t->code[i], t->n[i]);
    }
}

int cli_ingest_main(int argc, char **argv)
{
    const char *db = NULL, *stats_path = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    const char **params = calloc((size_t)argc + 1, sizeof *params);
    if (!files || !params) wn_oom();
    size_t nfiles = 0, nparams = 0;
    unsigned long long batch = 500, threads = 0, lim[4] = {0, 0, 0, 0};
    int threads_set = 0, quiet = 0, skipped = 0, only_files = 0, rc = 2;
    winnow_input in = WINNOW_INPUT_AUTO;
    static const char *const LIMS[4] = {"--max-bytes", "--max-depth", "--max-nodes", "--timeout"};
    static const winnow_limit LIMK[4] = {WINNOW_LIMIT_DOC_BYTES, WINNOW_LIMIT_DEPTH,
                                         WINNOW_LIMIT_NODES, WINNOW_LIMIT_TIME_MS};
    winnow_options *o = NULL;
    wn_store *s = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int m;
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("%s", INGEST_USAGE);
            rc = 0;
            goto done;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--skipped")) {
            skipped = 1;
        } else if ((v = opt_value(argc, argv, &i, a, "--db", &m)) || m) {
            if (!v) goto missing;
            db = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--stats", &m)) || m) {
            if (!v) goto missing;
            stats_path = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--param", &m)) || m) {
            if (!v) goto missing;
            params[nparams++] = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--batch", &m)) || m) {
            if (parse_count(v, 1000000, &batch) || !batch) {
                rc = usage_error("ingest", "--batch needs a positive number", v);
                goto done;
            }
        } else if (((v = opt_value(argc, argv, &i, a, "--threads", &m)) || m) ||
                   ((v = opt_value(argc, argv, &i, a, "-j", &m)) || m)) {
            if (parse_count(v, 1024, &threads)) {
                rc = usage_error("ingest", "--threads needs a number up to 1024", v);
                goto done;
            }
            threads_set = 1;
        } else if (((v = opt_value(argc, argv, &i, a, "--input", &m)) || m) ||
                   ((v = opt_value(argc, argv, &i, a, "-i", &m)) || m)) {
            if (!v) goto missing;
            if (!strcmp(v, "auto")) in = WINNOW_INPUT_AUTO;
            else if (!strcmp(v, "json")) in = WINNOW_INPUT_JSON;
            else if (!strcmp(v, "text")) in = WINNOW_INPUT_TEXT;
            else if (!strcmp(v, "html")) in = WINNOW_INPUT_HTML;
            else {
                rc = usage_error("ingest", "unknown input kind (auto, json, text, html)", v);
                goto done;
            }
        } else {
            int k;
            for (k = 0; k < 4; k++) {
                if ((v = opt_value(argc, argv, &i, a, LIMS[k], &m)) || m) {
                    if (parse_count(v, 1ull << 40, &lim[k]) || !lim[k]) {
                        rc = usage_error("ingest", "option needs a positive number", LIMS[k]);
                        goto done;
                    }
                    break;
                }
            }
            if (k == 4) {
                rc = usage_error("ingest", "unknown option", a);
                goto done;
            }
        }
        continue;
    missing:
        rc = usage_error("ingest", "option needs a value", a);
        goto done;
    }
    if (!db) {
        rc = usage_error("ingest", "--db FILE is required", NULL);
        goto done;
    }
    if (!nfiles) files[nfiles++] = "-";

    o = winnow_options_new();
    if (!o) wn_oom();
    winnow_options_set_input(o, in);
    winnow_options_set_explain(o, 1); /* the store keeps the removed blocks */
    winnow_options_set_skipped(o, skipped);
    if (threads_set) winnow_options_set_threads(o, (unsigned)threads);
    for (int k = 0; k < 4; k++)
        if (lim[k] && winnow_options_set_limit(o, LIMK[k], (size_t)lim[k]) != WINNOW_OK) {
            rc = usage_error("ingest", "a limit is out of range", LIMS[k]);
            goto done;
        }
    for (size_t k = 0; k < nparams; k++) {
        char name[64];
        const char *eq = strchr(params[k], '=');
        char *end = NULL;
        double pv = eq ? strtod(eq + 1, &end) : 0;
        size_t l = eq ? (size_t)(eq - params[k]) : 0;
        if (!eq || !l || l >= sizeof name || !eq[1] || *end) {
            rc = usage_error("ingest", "--param wants NAME=NUMBER", params[k]);
            goto done;
        }
        memcpy(name, params[k], l);
        name[l] = 0;
        if (winnow_options_set_param(o, name, pv) != WINNOW_OK) {
            rc = usage_error("ingest", "--param: unknown name or value out of range", params[k]);
            goto done;
        }
    }

    char err[512];
    wn_store_status ss = wn_store_open(db, WN_STORE_CREATE, &s, err, sizeof err);
    if (ss != WN_STORE_OK) {
        fprintf(stderr, "winnow ingest: %s\n", err);
        rc = 2;
        goto done;
    }

    size_t articles = 0, errors = 0, skips = 0, inserted = 0, exists = 0, joined = 0, pending = 0;
    size_t inputs = 0;
    unsigned long long bytes = 0;
    tally errs, skipt;
    memset(&errs, 0, sizeof errs);
    memset(&skipt, 0, sizeof skipt);
    int store_failed = 0;
    double t0 = now(), last_commit = t0;
    if (wn_store_begin(s, err, sizeof err) != WN_STORE_OK) {
        fprintf(stderr, "winnow ingest: %s\n", err);
        rc = 1;
        goto done;
    }
    for (size_t fi = 0; fi < nfiles && !store_failed; fi++) {
        winnow_stream *st;
        if (winnow_stream_open_file(o, files[fi], &st) != WINNOW_OK) continue;
        inputs++;
        winnow_doc *d;
        while (!store_failed && winnow_stream_next(st, &d) == WINNOW_OK) {
            if (winnow_doc_is_skip(d)) {
                /* counted from the stream's tally below */
            } else if (winnow_doc_is_error(d)) {
                errors++;
                count(&errs, winnow_doc_field(d, WINNOW_FIELD_ERROR_CODE), 1);
            } else {
                articles++;
            }
            wn_store_put_result pr;
            if (wn_store_put(s, d, &pr, err, sizeof err) != WN_STORE_OK) {
                fprintf(stderr, "winnow ingest: %s\n", err);
                store_failed = 1;
            } else if (pr.kind == WN_PUT_EXISTS) {
                exists++;
            } else {
                inserted++;
                joined += (size_t)pr.joined;
            }
            winnow_doc_free(d);
            if (++pending >= batch || now() - last_commit >= 1.0) {
                if (wn_store_commit(s, err, sizeof err) != WN_STORE_OK ||
                    wn_store_begin(s, err, sizeof err) != WN_STORE_OK) {
                    fprintf(stderr, "winnow ingest: %s\n", err);
                    store_failed = 1;
                }
                pending = 0;
                last_commit = now();
            }
        }
        winnow_stats sst;
        winnow_stream_stats(st, &sst);
        bytes += sst.bytes_read;
        skips += (size_t)sst.skipped;
        const char *reason;
        unsigned long long k;
        for (size_t i = 0; i < winnow_stream_skip_reason(st, i, &reason, &k); i++)
            count(&skipt, reason, (size_t)k);
        winnow_stream_free(st);
    }
    if (!store_failed && wn_store_commit(s, err, sizeof err) != WN_STORE_OK) {
        fprintf(stderr, "winnow ingest: %s\n", err);
        store_failed = 1;
    }
    double secs = now() - t0;
    size_t records = articles + errors + skips;
    if (!quiet) {
        fprintf(stderr, "winnow: %zu record%s in, %zu article%s, %zu error%s", records,
                records == 1 ? "" : "s", articles, articles == 1 ? "" : "s", errors,
                errors == 1 ? "" : "s");
        if (errs.k) {
            fputs(" (", stderr);
            print_tally(stderr, &errs, 0);
            fputc(')', stderr);
        }
        if (skips) {
            fprintf(stderr, ", %zu skipped (", skips);
            print_tally(stderr, &skipt, 0);
            fputc(')', stderr);
        }
        fprintf(stderr, "; store %s: %zu inserted, %zu already stored, %zu joined a story%s\n", db,
                inserted, exists, joined, store_failed ? " (store failed: the rest not stored)" : "");
    }
    if (stats_path) {
        FILE *f = fopen(stats_path, "w");
        if (!f) {
            fprintf(stderr, "winnow ingest: cannot write stats to %s\n", stats_path);
        } else {
            fprintf(f, "{\"inputs\":%zu,\"records_in\":%zu,\"articles\":%zu,\"errors\":%zu,"
                       "\"skipped\":%zu,\"errors_by_reason\":{",
                    inputs, records, articles, errors, skips);
            print_tally(f, &errs, 1);
            fputs("},\"skipped_by_reason\":{", f);
            print_tally(f, &skipt, 1);
            fprintf(f, "},\"inserted\":%zu,\"already_stored\":%zu,\"joined\":%zu,\"bytes\":%llu,"
                       "\"seconds\":%.3f}\n",
                    inserted, exists, joined, bytes, secs);
            fclose(f);
        }
    }
    rc = store_failed || errors ? 1 : 0;
done:
    wn_store_close(s);
    winnow_options_free(o);
    free(files);
    free(params);
    return rc;
}

int cli_search_main(int argc, char **argv)
{
    const char *db = NULL, *query = NULL;
    wn_store_query q;
    memset(&q, 0, sizeof q);
    char marks[256] = "[,]";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int m;
        if (a[0] != '-' || !strcmp(a, "-") || (a[1] == '-' && !a[2])) {
            if (a[1] == '-' && !a[2] && a[0] == '-') {
                if (++i >= argc) break;
                a = argv[i];
            }
            if (query) return usage_error("search", "one QUERY only (quote it)", a);
            query = a;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("%s", SEARCH_USAGE);
            return 0;
        }
        unsigned long long n;
        if ((v = opt_value(argc, argv, &i, a, "--db", &m)) || m) {
            if (!v) return usage_error("search", "option needs a value", a);
            db = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--since", &m)) || m) {
            if (!v || strlen(v) < 4) return usage_error("search", "--since needs a date", v);
            q.since = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--publisher", &m)) || m) {
            if (!v) return usage_error("search", "option needs a value", a);
            q.publisher = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--lang", &m)) || m) {
            if (!v) return usage_error("search", "option needs a value", a);
            q.lang = v;
        } else if ((v = opt_value(argc, argv, &i, a, "--limit", &m)) || m) {
            if (parse_count(v, 1000, &n) || !n)
                return usage_error("search", "--limit needs a number from 1 to 1000", v);
            q.limit = (unsigned)n;
        } else if ((v = opt_value(argc, argv, &i, a, "--offset", &m)) || m) {
            if (parse_count(v, 100000000, &n))
                return usage_error("search", "--offset needs a number", v);
            q.offset = (unsigned)n;
        } else if (!strcmp(a, "-F") || !strcmp(a, "--literal")) {
            q.literal = 1;
        } else if ((v = opt_value(argc, argv, &i, a, "--mark", &m)) || m) {
            if (!v || !strchr(v, ',') || strlen(v) >= sizeof marks)
                return usage_error("search", "--mark wants OPEN,CLOSE", v);
            snprintf(marks, sizeof marks, "%s", v);
        } else {
            return usage_error("search", "unknown option", a);
        }
    }
    if (!db) return usage_error("search", "--db FILE is required", NULL);
    char *comma = strchr(marks, ',');
    *comma = 0;
    q.mark_open = marks;
    q.mark_close = comma + 1;
    q.match = query;

    char err[512];
    wn_store *s;
    wn_store_status st = wn_store_open(db, WN_STORE_READONLY, &s, err, sizeof err);
    if (st != WN_STORE_OK) {
        fprintf(stderr, "winnow search: %s\n", err);
        return 2;
    }
    wn_buf out;
    wn_buf_init(&out);
    st = wn_store_search(s, &q, &out, err, sizeof err);
    int rc = 0;
    if (st == WN_STORE_OK) {
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
        if (fflush(stdout)) rc = 1;
    } else {
        fprintf(stderr, "winnow search: %s\n", err);
        if (st == WN_STORE_EQUERY)
            fprintf(stderr, "winnow search: (to search these words as plain text, add -F)\n");
        rc = st == WN_STORE_EQUERY ? 2 : 1;
    }
    wn_buf_free(&out);
    wn_store_close(s);
    return rc;
}
