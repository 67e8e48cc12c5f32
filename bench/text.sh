#!/bin/sh
# Text-cleaning benchmark: winnow --format text on the ScrapingHub pages
# flattened to whole-page text (no DOM), scored against the benchmark's
# ground truth exactly as the benchmark scores HTML extractors.
#   bench/text.sh [WINNOW] [IDS]   (IDS: optional file of page ids to score)
# Reference points: the raw dump scores F1 0.665, jusText 0.761.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
winnow=${1:-$here/../build/winnow}
ids=${2:-}
data=${WINNOW_BENCH_DATA:-$here/../../shared/bench}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
for f in "$data"/scrapinghub-text/txt/*.txt; do
    "$winnow" -q --input text --format text "$f" > "$out/$(basename "$f")" || true
done
end=$(date +%s.%N)
bytes=$(cat "$data"/scrapinghub-text/txt/*.txt | wc -c)
echo "winnow text mode on $(ls "$data"/scrapinghub-text/txt | wc -l) flattened pages ($bytes bytes):"
python3 "$here/score.py" --truth "$data/scrapinghub/ground-truth.json" ${ids:+--ids "$ids"} "$out"
python3 "$here/score.py" --truth "$data/scrapinghub/ground-truth.json" --per-page "$here/out-text-pages.tsv" ${ids:+--ids "$ids"} "$out" >/dev/null
awk -v s="$start" -v e="$end" -v b="$bytes" 'BEGIN { printf "time %.2f s (one process per page), %.1f MB/s\n", e - s, b / (e - s) / 1e6 }'
