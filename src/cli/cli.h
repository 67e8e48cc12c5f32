/*
 * cli.h — what main.c and dedup.c share: the dedup options, parsed the
 * same way for `winnow dedup` and for `winnow --dedup`, and the run of the
 * clustering stage over JSONL inputs (one code path for both).
 */
#ifndef WN_CLI_H
#define WN_CLI_H

#include "../dedup/dedup.h"

#include <stdio.h>

typedef struct cli_dedup {
    wn_dedup_run run;
    const char *bands_path; /* --emit-bands */
    int window_set;         /* --window given (needs --order stream) */
} cli_dedup;

void cli_dedup_init(cli_dedup *o);
/* 1 when opt (e.g. "--shingle") is a dedup option that takes a value. */
int cli_dedup_needs_value(const char *opt);
/* Applies a dedup option. Returns 1 when opt is one (applied), 0 when it is
 * not a dedup option, -1 on a bad value (*msg says why). */
int cli_dedup_option(cli_dedup *o, const char *opt, const char *val, const char **msg);
/* Checks the parameters, opens --emit-bands, runs the stage over the
 * inputs to stdout, prints the summary (unless quiet) and writes stats_path
 * (when not NULL). Returns the exit status: 0, 1 (error records), 2. */
int cli_dedup_run(cli_dedup *o, const wn_dedup_input *in, size_t n, int quiet,
                  const char *stats_path);
/* `winnow dedup ...`: argv[0] is "dedup". */
int cli_dedup_main(int argc, char **argv);

/* `winnow ingest ...` and `winnow search ...` (store.c): argv[0] is the
 * subcommand. */
int cli_ingest_main(int argc, char **argv);
int cli_search_main(int argc, char **argv);

/* `winnow serve ...`: argv[0] is "serve" (src/cli/serve.c). */
int cli_serve_main(int argc, char **argv);

/* Help text of the dedup options (shared by both help screens). */
extern const char CLI_DEDUP_OPTIONS[];

#endif
