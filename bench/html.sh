#!/bin/sh
# HTML benchmark: winnow vs Readability.js on the 181 ScrapingHub article
# pages, quality scored with bench/score.py exactly as the public benchmark
# scores extractors, plus speed and peak memory; then runs bench/text.sh.
#
#   bench/html.sh [--ids FILE] [--runs N] [--no-peer] [--no-text] [WINNOW]
#
#   WINNOW     winnow binary (default build/winnow, configured and built as
#              Release if missing; a warning is printed if src/ or include/
#              has files newer than it)
#   --ids FILE score only the page ids listed (bench/ids-tune.txt,
#              bench/ids-holdout.txt); speed is always over all pages
#   --runs N   timed runs of each tool, best kept (default 3)
#   --no-peer  skip Readability.js;  --no-text  skip bench/text.sh
# Environment: WINNOW_BENCH_DATA (default ../shared/bench beside the repo),
#   WINNOW_BENCH_IDS and WINNOW_BENCH_RUNS (same as --ids / --runs).
#
# Speed: the pages are gunzipped into a temp dir first (gzip not timed); one
# winnow process (JSONL output, --threads 1: the single-threaded figure)
# over all pages is timed whole, startup
# included. Readability.js (@mozilla/readability on linkedom, versions pinned
# in bench/package.json + package-lock.json, installed by `npm ci` into the
# git-ignored bench/node_modules when missing or stale) runs as one node
# process (bench/readability-peer.js), timed whole and, inside node, over the
# parseHTML + Readability.parse() loop alone (startup and file reads excluded).
# Peak memory from /usr/bin/time -v when present. A winnow run that dies
# (status > 1) is retried and reported with the pages that crash it alone;
# if no run over all pages survives, those pages are scored empty, untimed.
# Writes per-page winnow scores, worst first, to bench/out-html-pages.tsv.
# Reference: published Readability.js output scores F1 0.947 with score.py.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${WINNOW_BENCH_DATA:-$here/../../shared/bench}
ids=${WINNOW_BENCH_IDS:-}
runs=${WINNOW_BENCH_RUNS:-3}
peer=1 text=1 winnow='' dropped=''
while [ $# -gt 0 ]; do
    case $1 in
        --ids) ids=${2:?--ids needs a file}; shift 2 ;;
        --ids=*) ids=${1#--ids=}; shift ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --runs=*) runs=${1#--runs=}; shift ;;
        --no-peer) peer=0; shift ;;
        --no-text) text=0; shift ;;
        -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p;}' "$0"; exit 0 ;;
        -*) echo "html.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
        *) winnow=$1; shift ;;
    esac
done
case $runs in ''|*[!0-9]*|0) echo "html.sh: --runs wants a positive integer" >&2; exit 2 ;; esac
if [ -n "$ids" ]; then
    [ -r "$ids" ] || { echo "html.sh: cannot read id list $ids" >&2; exit 2; }
    ids=$(cd "$(dirname "$ids")" && pwd)/$(basename "$ids")
fi
truth=$data/scrapinghub/ground-truth.json
[ -r "$truth" ] || { echo "html.sh: no $truth (set WINNOW_BENCH_DATA)" >&2; exit 2; }

# --- winnow binary ----------------------------------------------------------
if [ -z "$winnow" ]; then
    winnow=$root/build/winnow
    if [ ! -x "$winnow" ]; then
        echo "html.sh: building $winnow" >&2
        [ -f "$root/build/CMakeCache.txt" ] ||
            cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DWINNOW_TESTS=OFF >/dev/null
        cmake --build "$root/build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
    fi
    newer=$(find "$root/src" "$root/include" -newer "$winnow" -type f 2>/dev/null | head -n 3)
    [ -z "$newer" ] || printf 'html.sh: WARNING: sources newer than %s (e.g. %s); run cmake --build build\n' \
        "$winnow" "$(echo "$newer" | paste -sd ' ' -)" >&2
fi
[ -x "$winnow" ] || { echo "html.sh: no executable $winnow" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
# best TIMEFILE SECONDS: keep the minimum in TIMEFILE
best() { if [ ! -s "$1" ] || awk -v a="$2" -v b="$(cat "$1")" 'BEGIN { exit !(a < b) }'; then echo "$2" > "$1"; fi; }
# rss TIME_V_OUTPUT: max resident set size in kB, 0 if unknown
rss() { awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2; f = 1 } END { if (!f) print 0 }' "$1" 2>/dev/null || echo 0; }
timev=
if [ -x /usr/bin/time ] && /usr/bin/time -v -o "$tmp/t" true 2>/dev/null; then timev=/usr/bin/time; fi
# timed OUTFILE ERRFILE RSSFILE CMD...: run once, print the wall time, record
# max RSS (largest over runs) in RSSFILE; exit status in $tmp/rc
timed() {
    o=$1 e=$2 r=$3; shift 3
    s=$(now); rc=0
    if [ -n "$timev" ]; then $timev -v -o "$tmp/timev" "$@" > "$o" 2> "$e" || rc=$?
    else "$@" > "$o" 2> "$e" || rc=$?; fi
    t=$(now)
    echo $rc > "$tmp/rc"
    if [ -n "$timev" ]; then
        m=$(rss "$tmp/timev"); p=$(cat "$r" 2>/dev/null || echo 0)
        [ "$m" -gt "$p" ] && echo "$m" > "$r"
    fi
    awk -v s="$s" -v t="$t" 'BEGIN { printf "%.6f\n", t - s }'
}

# --- pages, gunzipped -------------------------------------------------------
mkdir "$tmp/html"
for f in "$data"/scrapinghub/html/*.html.gz; do
    gzip -dc "$f" > "$tmp/html/$(basename "$f" .gz)"
done
ls "$tmp"/html/*.html > "$tmp/set"
npages=$(wc -l < "$tmp/set")
bytes=$(cat "$tmp"/html/*.html | wc -c)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
echo "HTML benchmark: $npages ScrapingHub pages, $bytes bytes gunzipped ($(mb "$bytes"))${ids:+; scores over the ids in $(basename "$ids"), speed over all pages}"

# --- winnow -----------------------------------------------------------------
# Timed runs, best kept. A run where winnow dies (status > 1) is discarded
# and retried (up to 2*runs+2 tries); if any died, the pages that crash
# winnow on their own are found (one process each) and reported, and if no
# run over all pages survived they are dropped from the set and scored empty.
# wruns SETFILE: fills w.time (best), w.jsonl (last good run), w.rss, w.died
wruns() {
    rm -f "$tmp/w.rss"; : > "$tmp/w.time"
    good=0 nt=0 nd=0
    while [ $good -lt "$runs" ] && [ $nt -lt $((2 * runs + 2)) ]; do
        nt=$((nt + 1))
        # shellcheck disable=SC2046
        sec=$(timed "$tmp/w.out" "$tmp/w.err" "$tmp/w.rss" "$winnow" -q --threads 1 $(cat "$1"))
        rc=$(cat "$tmp/rc")
        if [ "$rc" -gt 1 ]; then nd=$((nd + 1)); echo "$rc" > "$tmp/w.status"; continue; fi
        mv "$tmp/w.out" "$tmp/w.jsonl"
        best "$tmp/w.time" "$sec"; good=$((good + 1))
    done
    echo "$nd $nt" > "$tmp/w.died"
}
: > "$tmp/crashed"
wruns "$tmp/set"
read -r died tries < "$tmp/w.died"
if [ "$died" -gt 0 ]; then
    echo "html.sh: winnow died (status $(cat "$tmp/w.status")) in $died of $tries runs over all pages; trying each page alone" >&2
    : > "$tmp/set.ok"
    # shellcheck disable=SC2013
    for f in $(cat "$tmp/set"); do
        rc=0; "$winnow" -q "$f" > /dev/null 2>&1 || rc=$?
        if [ $rc -gt 1 ]; then basename "$f" .html >> "$tmp/crashed"; else echo "$f" >> "$tmp/set.ok"; fi
    done
    if [ ! -s "$tmp/w.time" ]; then
        [ -s "$tmp/crashed" ] || { echo "html.sh: no page crashes winnow alone, yet every run died:" >&2; head -n 5 "$tmp/w.err" >&2; exit 1; }
        mv "$tmp/set.ok" "$tmp/set"
        wruns "$tmp/set"
        [ -s "$tmp/w.time" ] || { echo "html.sh: winnow dies even without the pages that crash it alone:" >&2; head -n 5 "$tmp/w.err" >&2; exit 1; }
        dropped=1
    fi
fi
# shellcheck disable=SC2046,SC2002
tbytes=$(cat $(cat "$tmp/set") | wc -c); tpages=$(wc -l < "$tmp/set")

echo "winnow ($winnow, one process, JSONL, best of $good):"
# JSONL -> {id: {"articleBody": text}} for score.py (crashed pages: empty)
python3 - "$tmp/w.jsonl" "$tmp/crashed" "$tmp/w.json" <<'EOF'
import json, os, sys
from collections import Counter
src, crashed, dst = sys.argv[1:]
pred, errors, multi = {}, Counter(), 0
with open(src, encoding='utf-8') as f:
    for line in f:
        if not line.strip():
            continue
        rec = json.loads(line)
        key = os.path.basename(rec.get('source', ''))
        key = key[:-5] if key.endswith('.html') else key
        if 'error' in rec:
            errors[(rec['error'] or {}).get('code', '?')] += 1
        text = rec.get('text') or ''
        if key in pred:
            multi += 1
            pred[key] += '\n\n' + text
        else:
            pred[key] = text
with open(crashed) as f:
    for key in f.read().split():
        pred.setdefault(key, '')
with open(dst, 'w', encoding='utf-8') as f:
    json.dump({k: {'articleBody': v} for k, v in pred.items()}, f)
notes = []
if errors:
    notes.append('%d error records (%s)' % (sum(errors.values()),
                 ', '.join('%s %d' % kv for kv in errors.most_common())))
if multi:
    notes.append('%d extra records joined to their page' % multi)
if notes:
    print('  note: ' + '; '.join(notes))
EOF

score() { python3 "$here/score.py" --truth "$truth" ${ids:+--ids "$ids"} "$@"; }
if [ "$died" -gt 0 ]; then
    echo "  CRASH: winnow died (status $(cat "$tmp/w.status")) in $died of $tries runs over all pages"
    [ ! -s "$tmp/crashed" ] || echo "  CRASH: alone, these page(s) crash it: $(paste -sd ' ' "$tmp/crashed")"
    [ -z "$dropped" ] || echo "  CRASH: no run over all pages survived; the pages above are scored empty and not timed"
    read -r d2 t2 < "$tmp/w.died"
    [ -z "$dropped" ] || [ "$d2" = 0 ] || echo "  CRASH: it then died in $d2 of $t2 runs without them"
fi
printf '  '; score --per-page "$here/out-html-pages.tsv" "$tmp/w.json"
wsec=$(cat "$tmp/w.time")
wrss=$(cat "$tmp/w.rss" 2>/dev/null || echo 0)
awk -v s="$wsec" -v b="$tbytes" -v n="$tpages" -v m="$wrss" 'BEGIN {
    printf "  time %.3f s  %.1f pages/s  %.1f MB/s", s, n / s, b / s / 1e6
    if (m > 0) printf "  max RSS %.1f MB", m / 1024
    printf "\n" }'
echo "  per-page scores, worst first: bench/out-html-pages.tsv"

# --- Readability.js ---------------------------------------------------------
if [ $peer = 1 ] && ! command -v node > /dev/null 2>&1; then
    echo "Readability.js: skipped, no node on PATH"; peer=0
fi
if [ $peer = 1 ]; then
    # npm ci only when node_modules does not match the lock file
    if ! cmp -s "$here/package-lock.json" "$here/node_modules/.winnow-lock" 2>/dev/null; then
        echo "html.sh: npm ci in bench/ (Readability.js, linkedom)" >&2
        (cd "$here" && npm ci --no-audit --no-fund --loglevel=error > "$tmp/npm.log" 2>&1) ||
            { cat "$tmp/npm.log" >&2; echo "html.sh: npm ci failed" >&2; exit 1; }
        cp "$here/package-lock.json" "$here/node_modules/.winnow-lock"
    fi
    ver() { node -p "require('$here/node_modules/$1/package.json').version"; }
    : > "$tmp/r.time"; : > "$tmp/r.in"
    i=0
    while [ $i -lt "$runs" ]; do
        sec=$(timed "$tmp/r.stats" "$tmp/r.err" "$tmp/r.rss" node "$here/readability-peer.js" "$tmp/r.json" "$tmp"/html/*.html)
        if [ "$(cat "$tmp/rc")" -ne 0 ]; then
            echo "html.sh: readability-peer.js failed:" >&2; cat "$tmp/r.err" >&2; exit 1
        fi
        best "$tmp/r.time" "$sec"
        best "$tmp/r.in" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["extract_s"])' "$tmp/r.stats")"
        i=$((i + 1))
    done
    echo "Readability.js $(ver @mozilla/readability) on linkedom $(ver linkedom) (node $(node --version), one process, best of $runs):"
    printf '  '; score "$tmp/r.json"
    python3 -c 'import json,sys; s = json.load(open(sys.argv[1]))
if s["no_article"] or s["errors"]: print("  note: %d pages without article, %d exceptions" % (s["no_article"], s["errors"]))' "$tmp/r.stats"
    rsec=$(cat "$tmp/r.time"); rin=$(cat "$tmp/r.in")
    rrss=$(cat "$tmp/r.rss" 2>/dev/null || echo 0)
    awk -v s="$rsec" -v i="$rin" -v b="$bytes" -v n="$npages" -v m="$rrss" \
        -v rd="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["read_s"])' "$tmp/r.stats")" 'BEGIN {
        printf "  whole process %.3f s  %.1f pages/s  %.1f MB/s", s, n / s, b / s / 1e6
        if (m > 0) printf "  max RSS %.1f MB", m / 1024
        printf "\n  in-process parseHTML+parse() %.3f s  %.1f pages/s  %.1f MB/s  (file reads %.3f s, not counted)\n",
            i, n / i, b / i / 1e6, rd }'
    pub=$data/scrapinghub/published-output/readability_js.json
    if [ -r "$pub" ]; then printf '  published Readability.js output (jsdom), same scorer: '; score "$pub" 2>/dev/null; fi
    awk -v ws="$wsec" -v wb="$tbytes" -v rs="$rsec" -v ri="$rin" -v rb="$bytes" 'BEGIN {
        w = wb / ws
        printf "speed ratio winnow MB/s / Readability.js MB/s: %.1fx whole process, %.1fx vs its in-process time\n",
            w / (rb / rs), w / (rb / ri) }'
fi

# --- text mode --------------------------------------------------------------
if [ $text = 1 ]; then
    echo
    "$here/text.sh" "$winnow" "$ids"
fi
