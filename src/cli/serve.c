/*
 * serve.c (cli) — `winnow serve --db FILE [--port N] [--bind ADDR]`: parses
 * the options, starts the server of src/serve/ and waits for SIGINT or
 * SIGTERM. Everything else (routing, limits, the store handles) is in
 * src/serve/; this file stays thin.
 *
 * The two signals are blocked before the server's threads start (so they
 * inherit the mask) and taken with sigwait in the main thread: no handler
 * runs on a worker, and shutdown is an ordinary function call.
 */
#include "../serve/serve.h"
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SERVE_HELP[] =
    "Usage: winnow serve --db FILE [--port N] [--bind ADDR] [--threads N]\n"
    "Serve a read-only web page and JSON API over a store made by `winnow ingest`:\n"
    "search, the clean article with its removed blocks, every copy of a story.\n"
    "\n"
    "      --db FILE       the store (opened read-only; an ingest may write meanwhile)\n"
    "      --port N        TCP port (default 8080; 0: any free port, printed on stderr)\n"
    "      --bind ADDR     numeric IPv4/IPv6 address to listen on (default 127.0.0.1:\n"
    "                      this machine only)\n"
    "      --threads N     worker threads, one store handle each (default 8)\n"
    "  -h, --help\n"
    "\n"
    "Endpoints (docs/serve.md): GET /, /api/search?q=&since=&publisher=&lang=&limit=\n"
    "&offset=&literal=, /api/article?id=, /api/story?cluster=, /api/summary. Stops\n"
    "on Ctrl-C or SIGTERM. Exit status: 0 after a signal, 2 for usage errors, 1 when\n"
    "the store cannot be opened or the port cannot be bound.\n";

static int serve_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "winnow serve: %s%s%s\nTry 'winnow serve --help'.\n", msg, arg ? " " : "",
            arg ? arg : "");
    return 2;
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    if (!s || !*s || *s == '-' || *s == '+') return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max) return -1;
    *out = (unsigned)v;
    return 0;
}

int cli_serve_main(int argc, char **argv)
{
    wn_serve_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.port = 8080;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(SERVE_HELP, stdout);
            return 0;
        }
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        char opt[32];
        if (!strncmp(a, "--", 2) && eq && (size_t)(eq - a) < sizeof opt) {
            memcpy(opt, a, (size_t)(eq - a));
            opt[eq - a] = 0;
            val = eq + 1;
        } else {
            snprintf(opt, sizeof opt, "%s", a);
        }
        int known = !strcmp(opt, "--db") || !strcmp(opt, "--port") || !strcmp(opt, "--bind") ||
                    !strcmp(opt, "--threads");
        if (!known) return serve_usage("unknown argument", a);
        if (!val) {
            if (i + 1 >= argc) return serve_usage("missing value for", opt);
            val = argv[++i];
        }
        if (!strcmp(opt, "--db")) {
            cfg.db_path = val;
        } else if (!strcmp(opt, "--bind")) {
            cfg.bind = val;
        } else if (!strcmp(opt, "--port")) {
            if (parse_uint(val, 65535, &cfg.port)) return serve_usage("bad --port", val);
        } else if (parse_uint(val, 64, &cfg.threads) || cfg.threads == 0) {
            return serve_usage("bad --threads (1..64)", val);
        }
    }
    if (!cfg.db_path) return serve_usage("--db FILE is required", NULL);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    char err[600] = "";
    wn_serve *srv = NULL;
    if (wn_serve_start(&cfg, &srv, err, sizeof err) != 0) {
        fprintf(stderr, "winnow serve: %s\n", err);
        return 1;
    }
    const char *bind = cfg.bind ? cfg.bind : "127.0.0.1";
    int v6 = strchr(bind, ':') != NULL;
    fprintf(stderr, "winnow serve: http://%s%s%s:%u/ (%s, read-only); Ctrl-C stops\n", v6 ? "[" : "",
            bind, v6 ? "]" : "", wn_serve_port(srv), cfg.db_path);
    fflush(stderr);
    int sig = 0;
    sigwait(&set, &sig);
    wn_serve_stop(srv);
    return 0;
}
