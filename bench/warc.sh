#!/bin/sh
# WARC benchmark: packs the ScrapingHub pages into one WARC.gz (gzip per
# record, request + response per page, as Common Crawl writes them) and
# times winnow over it with --threads 1 and --threads 2, and the gzip floor
# (zcat of the same file) in the same run. Best of 3 runs each.
#   bench/warc.sh [WINNOW]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
winnow=${1:-$here/../build/winnow}
data=${WINNOW_BENCH_DATA:-$here/../../shared/bench}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
warc=$tmp/scrapinghub.warc.gz
python3 "$here/pack-warc.py" "$warc" "$data"/scrapinghub/html/*.html.gz
raw=$(zcat "$warc" | wc -c)
gz=$(wc -c < "$warc")
records=$("$winnow" -q --skipped "$warc" | wc -l)

best() { # best wall time of 3 runs of "$@", in seconds
    b=""
    for _ in 1 2 3; do
        s=$(date +%s.%N)
        "$@" > /dev/null 2>&1 || true
        e=$(date +%s.%N)
        b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; printf "%.4f", b }')
    done
    echo "$b"
}
t1=$(best "$winnow" -q --threads 1 "$warc")
t2=$(best "$winnow" -q --threads 2 "$warc")
tz=$(best zcat "$warc")
echo "WARC: $records records, $gz bytes gzipped, $raw bytes of WARC"
awk -v r="$records" -v raw="$raw" -v t1="$t1" -v t2="$t2" -v tz="$tz" 'BEGIN {
    printf "  --threads 1   %.3f s  %6.0f records/s  %6.1f MB/s\n", t1, r / t1, raw / t1 / 1e6
    printf "  --threads 2   %.3f s  %6.0f records/s  %6.1f MB/s  (%.2fx threads 1)\n", t2, r / t2, raw / t2 / 1e6, t1 / t2
    printf "  zcat floor    %.3f s  %6.1f MB/s\n", tz, raw / tz / 1e6
}'
