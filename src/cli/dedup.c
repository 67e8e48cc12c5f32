/*
 * dedup.c — `winnow dedup [OPTIONS] [FILE...]`: near-duplicate clustering
 * of winnow's JSONL (src/dedup/), and the options `winnow --dedup` shares.
 *
 * The subcommand only parses its options and hands the inputs to the
 * stage's driver (src/dedup/jsonl.c: two passes, or one over a window with
 * --order stream); `winnow --dedup` spools its
 * own JSONL output to a temporary file and hands that to the same driver,
 * so there is one code path for both.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "Usage: winnow dedup [OPTIONS] [FILE...]\n"
    "\n"
    "Clusters near-duplicate articles in winnow JSONL records (standard input when\n"
    "FILE is \"-\" or absent; gzip or not) and writes every line back (in input order\n"
    "by default; see --order), articles with the fields cluster, canonical and, on\n"
    "the copies, duplicate_of, similarity and duplicate_kind (docs/schema.md).\n"
    "Error and skip records, other JSON and lines that are not JSON pass through\n"
    "untouched.\n"
    "\n"
    "Options:\n"
    "%s"
    "  -x, --explain        add \"dedup_reason\" to the canonical of each cluster of 2+\n"
    "      --max-bytes N    longest line parsed (default 33554432); longer lines pass\n"
    "                       through untouched\n"
    "      --stats FILE     write the counts as JSON to FILE at the end\n"
    "  -q, --quiet          no summary line on stderr\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "--order input (default): two passes; the first keeps a signature per article\n"
    "(not its text) and copies standard input to a temporary file, the second writes\n"
    "every line in input order. Memory grows with the number of articles.\n"
    "--order stream: one pass, no temporary file; each article is compared with the\n"
    "N articles before it (--window N) and a cluster is written, its records\n"
    "together, once N articles have followed its newest member; other lines are\n"
    "written at once. Memory is bounded by the window, but a copy arriving more\n"
    "than N articles after its story's last record starts a new cluster.\n"
    "Exit status: 0 done, 1 some input line is an error record (or an input could\n"
    "not be read), 2 usage error.\n";

const char CLI_DEDUP_OPTIONS[] =
    "      --order input|stream  output in input order after two passes (default), or\n"
    "                       in one pass as clusters become final (winnow dedup -h)\n"
    "      --window N       --order stream: articles a record is compared with and a\n"
    "                       cluster waits for (default 10000)\n"
    "      --drop-duplicates  write only each cluster's canonical record (and every\n"
    "                       line that is not an article)\n"
    "      --emit-bands FILE  write {\"source\",\"fingerprint\",\"lead\",\"anchors\",\"bands\"}\n"
    "                       per article to FILE (group by band key elsewhere)\n"
    "      --shingle N      words per shingle (default 5)\n"
    "      --hashes N       MinHash signature length (default 112)\n"
    "      --bands BxR      LSH bands of R hashes each (default 28x4; B*R <= hashes)\n"
    "      --near J         estimated Jaccard for a near duplicate (default 0.5)\n"
    "      --containment C  share of the shorter text inside the longer for a\n"
    "                       contained copy (default 0.5)\n"
    "      --min-words N    shorter texts cluster only when identical (default 50)\n";

void cli_dedup_init(cli_dedup *o)
{
    memset(o, 0, sizeof *o);
    wn_dedup_params_default(&o->run.params);
    o->run.max_line = 32u << 20;
    o->run.max_depth = 512;
    o->run.window = 10000;
}

int cli_dedup_needs_value(const char *opt)
{
    static const char *const V[] = {"--emit-bands", "--shingle",     "--hashes",    "--bands",
                                    "--near",       "--containment", "--min-words", "--order",
                                    "--window"};
    for (size_t i = 0; i < sizeof V / sizeof *V; i++)
        if (!strcmp(opt, V[i])) return 1;
    return 0;
}

static int number(const char *val, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(val, &end);
    if (!*val || *end || !(v >= lo && v <= hi)) return 0;
    *out = v;
    return 1;
}

int cli_dedup_option(cli_dedup *o, const char *opt, const char *val, const char **msg)
{
    wn_dedup_params *p = &o->run.params;
    double v;
    if (!strcmp(opt, "--drop-duplicates")) {
        o->run.drop_duplicates = 1;
    } else if (!strcmp(opt, "--order")) {
        if (!strcmp(val, "input")) o->run.stream = 0;
        else if (!strcmp(val, "stream")) o->run.stream = 1;
        else {
            *msg = "--order wants input or stream";
            return -1;
        }
    } else if (!strcmp(opt, "--window")) {
        if (!number(val, 1, 1e9, &v) || v != (unsigned)v) {
            *msg = "option needs a positive whole number";
            return -1;
        }
        o->run.window = (size_t)v;
        o->window_set = 1;
    } else if (!strcmp(opt, "--emit-bands")) {
        o->bands_path = val;
    } else if (!strcmp(opt, "--shingle") || !strcmp(opt, "--hashes") ||
               !strcmp(opt, "--min-words")) {
        if (!number(val, 1, 1e6, &v) || v != (unsigned)v) {
            *msg = "option needs a positive whole number";
            return -1;
        }
        if (!strcmp(opt, "--shingle")) p->shingle = (unsigned)v;
        else if (!strcmp(opt, "--hashes")) p->hashes = (unsigned)v;
        else p->min_words = (unsigned)v;
    } else if (!strcmp(opt, "--bands")) {
        char *end;
        unsigned long b = strtoul(val, &end, 10), r = 0;
        if (end != val && (*end == 'x' || *end == 'X')) {
            const char *rs = end + 1;
            r = strtoul(rs, &end, 10);
            if (end == rs) r = 0;
        }
        if (*end || b < 1 || r < 1 || b > WN_DEDUP_MAX_HASHES || r > WN_DEDUP_MAX_HASHES ||
            val[0] == '-') {
            *msg = "--bands wants BxR, e.g. 14x8";
            return -1;
        }
        p->bands = (unsigned)b;
        p->rows = (unsigned)r;
    } else if (!strcmp(opt, "--near") || !strcmp(opt, "--containment")) {
        if (!number(val, 0.001, 1, &v)) {
            *msg = "option needs a number in (0, 1]";
            return -1;
        }
        if (!strcmp(opt, "--near")) p->near = v;
        else p->contain = v;
    } else {
        return 0;
    }
    return 1;
}

static void write_stats(const char *path, const wn_dedup_stats *s)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "winnow: cannot write stats to %s\n", path);
        return;
    }
    fprintf(f,
            "{\"lines\":%zu,\"articles\":%zu,\"clusters\":%zu,\"duplicates\":%zu,"
            "\"duplicates_by_kind\":{\"exact\":%zu,\"near\":%zu,\"contained\":%zu},"
            "\"dropped\":%zu,\"errors\":%zu,\"skips\":%zu,\"other_json\":%zu,\"not_json\":%zu,"
            "\"unreadable\":%zu,\"bytes_per_record\":%zu",
            s->lines, s->articles, s->clusters, s->duplicates, s->exact, s->near, s->contained,
            s->dropped, s->errors, s->skips, s->other_json, s->not_json, s->unreadable,
            s->bytes_per_record);
    if (s->max_held) fprintf(f, ",\"max_held\":%zu", s->max_held);
    fputs("}\n", f);
    fclose(f);
}

int cli_dedup_run(cli_dedup *o, const wn_dedup_input *in, size_t n, int quiet,
                  const char *stats_path)
{
    const char *bad = wn_dedup_params_check(&o->run.params);
    if (bad) {
        fprintf(stderr, "winnow: %s\nTry 'winnow dedup --help'.\n", bad);
        return 2;
    }
    if (o->window_set && !o->run.stream) {
        fprintf(stderr, "winnow: --window needs --order stream\nTry 'winnow dedup --help'.\n");
        return 2;
    }
    if (o->bands_path) {
        o->run.bands = fopen(o->bands_path, "w");
        if (!o->run.bands) {
            fprintf(stderr, "winnow: cannot write %s\n", o->bands_path);
            return 2;
        }
    }
    wn_dedup_stats st;
    const char *err;
    int rc = wn_dedup_jsonl(&o->run, in, n, stdout, &st, &err);
    if (o->run.bands && fclose(o->run.bands) != 0 && !rc) {
        rc = -1;
        err = "cannot write the band keys";
    }
    o->run.bands = NULL;
    if (rc) {
        fprintf(stderr, "winnow: dedup: %s\n", err);
        return 1;
    }
    if (!quiet) {
        fprintf(stderr,
                "winnow dedup: %zu line%s, %zu article%s in %zu cluster%s (%zu duplicate%s: "
                "%zu exact, %zu near, %zu contained)",
                st.lines, st.lines == 1 ? "" : "s", st.articles, st.articles == 1 ? "" : "s",
                st.clusters, st.clusters == 1 ? "" : "s", st.duplicates,
                st.duplicates == 1 ? "" : "s", st.exact, st.near, st.contained);
        if (st.dropped) fprintf(stderr, ", %zu dropped", st.dropped);
        fprintf(stderr, "; passed through: %zu error, %zu skip, %zu other JSON, %zu not JSON\n",
                st.errors, st.skips, st.other_json, st.not_json);
    }
    if (stats_path) write_stats(stats_path, &st);
    return st.errors ? 1 : 0;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "winnow: %s%s%s\nTry 'winnow dedup --help'.\n", msg, arg ? ": " : "",
            arg ? arg : "");
    return 2;
}

int cli_dedup_main(int argc, char **argv)
{
    cli_dedup o;
    cli_dedup_init(&o);
    int quiet = 0, only_files = 0;
    const char *stats_path = NULL;
    wn_dedup_input *in = calloc((size_t)argc + 1, sizeof *in);
    size_t n = 0;
    if (!in) return 2;
#define FAIL(m, a)                                                                         \
    do {                                                                                   \
        free(in);                                                                          \
        return usage_error(m, a);                                                          \
    } while (0)
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            in[n++].path = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = 1;
            continue;
        }
        char opt[32];
        const char *val = NULL, *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t l = eq ? (size_t)(eq - a) : strlen(a);
        if (l >= sizeof opt) FAIL("unknown option", a);
        memcpy(opt, a, l);
        opt[l] = 0;
        if (eq) val = eq + 1;
        int needs = cli_dedup_needs_value(opt) || !strcmp(opt, "--max-bytes") ||
                    !strcmp(opt, "--stats");
        if (needs && !val) {
            if (i + 1 >= argc) FAIL("option needs a value", opt);
            val = argv[++i];
        } else if (!needs && val) {
            FAIL("option takes no value", opt);
        }
        const char *msg = NULL;
        int r = cli_dedup_option(&o, opt, val, &msg);
        if (r < 0) FAIL(msg, opt);
        if (r > 0) continue;
        if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
            printf(USAGE, CLI_DEDUP_OPTIONS);
            free(in);
            return 0;
        } else if (!strcmp(opt, "-x") || !strcmp(opt, "--explain")) {
            o.run.explain = 1;
        } else if (!strcmp(opt, "-q") || !strcmp(opt, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(opt, "--stats")) {
            stats_path = val;
        } else if (!strcmp(opt, "--max-bytes")) {
            char *end;
            unsigned long long v = strtoull(val, &end, 10);
            if (*end || !*val || val[0] == '-' || v == 0 || v > (1ull << 40))
                FAIL("option needs a positive number", opt);
            o.run.max_line = (size_t)v;
        } else {
            FAIL("unknown option", a);
        }
    }
#undef FAIL
    if (n == 0) in[n++].path = "-";
    int rc = cli_dedup_run(&o, in, n, quiet, stats_path);
    free(in);
    return rc;
}
