#!/bin/bash
# serve.sh: load benchmark of `winnow serve` (make bench-serve).
#
#   bench/serve.sh [--seconds N] [--connections N] [--threads N] [--rebuild]
#
# 1. A store of the dev pages (scrapinghub + news-2023 HTML, from
#    ../shared/bench beside the checkout, or $WINNOW_BENCH_DATA) plus 100,000 synthetic
#    articles (bench/dedup-scale.py), built once into bench/out/serve/base.db
#    and reused (--rebuild builds it again); its ingest rate is reported.
# 2. A copy of it is served by `winnow serve` (Release build), while
#    `winnow ingest` writes 15,000 new synthetic articles into the same file.
# 3. For --seconds (default 30) two wrk clients send requests on loopback:
#    searches (words and phrases of stored titles, some with filters) and
#    article reads (ids seen in search answers), --connections in all
#    (default 16, half each). wrk reports requests/s and the latency
#    distribution; any non-2xx answer or socket error is an error.
# 4. The ingest's rate during the load window comes from /api/summary
#    (articles stored at the start and at the end of the window).
# Report: bench/out/serve/report.txt (and .json); errors must be 0.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-$root/build}
winnow=$BUILD/winnow
out=$root/bench/out/serve
data=${WINNOW_BENCH_DATA:-$(dirname "$root")/shared/bench}
seconds=30
conns=16
threads=8
rebuild=0
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --connections) conns=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --rebuild) rebuild=1; shift ;;
        -h|--help) sed -n 2,22p "$0"; exit 0 ;;
        *) echo "serve.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$winnow" ] || { echo "serve.sh: $winnow missing (make build)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "serve.sh: wrk missing (scripts/install-deps)" >&2; exit 1; }
mkdir -p "$out"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---- 1. inputs and the base store -----------------------------------------
syn=$out/synthetic-100k.jsonl
live=$out/synthetic-live.jsonl
if [ ! -s "$syn" ]; then
    echo "serve.sh: generating 100,000 synthetic articles" >&2
    python3 "$here/dedup-scale.py" -n 100000 --out "$syn"
fi
if [ ! -s "$live" ]; then
    # other texts (seed 7) at other addresses: new articles for the live ingest
    python3 "$here/dedup-scale.py" -n 15000 --seed 7 --out "$live.tmp"
    sed 's#"url": "https://#"url": "https://live-#' "$live.tmp" > "$live" && rm -f "$live.tmp"
fi
pages=( "$data"/scrapinghub/html/*.html.gz "$data"/news-2023/html/*.html.gz )
[ -e "${pages[0]}" ] || { echo "serve.sh: no dev pages under $data" >&2; exit 1; }

base=$out/base.db
if [ "$rebuild" = 1 ] || [ ! -s "$base" ] || [ ! -s "$out/base-ingest.json" ]; then
    rm -f "$base" "$base-wal" "$base-shm"
    echo "serve.sh: building the base store (${#pages[@]} dev pages + 100,000 synthetic articles)" >&2
    t0=$(date +%s.%N)
    "$winnow" ingest --db "$base" -q "${pages[@]}" || [ $? = 1 ]
    t1=$(date +%s.%N)
    "$winnow" ingest --db "$base" -q "$syn"
    t2=$(date +%s.%N)
    python3 - "$t0" "$t1" "$t2" "${#pages[@]}" "$base" > "$out/base-ingest.json" <<'EOF'
import json, os, sys
t0, t1, t2 = map(float, sys.argv[1:4])
print(json.dumps({"pages": int(sys.argv[4]), "pages_seconds": round(t1 - t0, 2),
                  "pages_per_s": round(int(sys.argv[4]) / (t1 - t0), 1),
                  "synthetic": 100000, "synthetic_seconds": round(t2 - t1, 2),
                  "synthetic_per_s": round(100000 / (t2 - t1), 1),
                  "db_bytes": os.path.getsize(sys.argv[5])}))
EOF
fi

db=$out/news.db
rm -f "$db" "$db-wal" "$db-shm"
cp "$base" "$db"

# ---- 2. the server ----------------------------------------------------------
"$winnow" serve --db "$db" --port 0 --threads "$threads" 2> "$out/serve.log" &
pids+=($!)
for _ in $(seq 100); do grep -q 'http://' "$out/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*/' "$out/serve.log" | head -1)
[ -n "$url" ] || { cat "$out/serve.log" >&2; echo "serve.sh: (a base store of an older schema? run with --rebuild)" >&2; exit 1; }

# request lists for wrk: words and phrases of stored titles, ids seen in answers
python3 - "$url" "$out" <<'EOF'
import json, random, re, sys, urllib.parse, urllib.request
url, out = sys.argv[1], sys.argv[2]
def get(path):
    with urllib.request.urlopen(url + path, timeout=30) as r:
        return json.load(r)
rng = random.Random(1)
# titles and ids of the 1,100 newest articles (an empty query lists newest first)
ids, titles = set(), []
for off in range(0, 1100, 100):
    for h in get(f"api/search?limit=100&offset={off}"):
        ids.add(h["id"])
        titles.append(h.get("title", ""))
# topical words: in at most 1% of those titles (a reader does not search for "which")
from collections import Counter
df = Counter(w for t in titles for w in set(x.lower() for x in re.findall(r"[^\W\d_]{4,}", t)))
words = sorted(w for w, n in df.items() if n <= max(1, len(titles) // 100))
# article ids from all over the store: random ids below the newest, kept when stored
from concurrent.futures import ThreadPoolExecutor
top = max(ids)
def stored(i):
    try:
        with urllib.request.urlopen(url + f"api/article?id={i}", timeout=30) as r:
            return i if r.status == 200 else None
    except Exception:
        return None
with ThreadPoolExecutor(4) as ex:
    ids |= {i for i in ex.map(stored, rng.sample(range(1, top + 1), min(1000, top))) if i}
ids = sorted(ids)
queries = []
for _ in range(2000):
    r = rng.random()
    if r < 0.6:
        q = {"q": rng.choice(words)}
    elif r < 0.85:
        q = {"q": rng.choice(words) + " " + rng.choice(words)}
    else:
        q = {"q": '"%s %s"' % (rng.choice(words), rng.choice(words))}
    if rng.random() < 0.2:
        q["lang"] = "en"
    if rng.random() < 0.1:
        q["since"] = "2024-06-01"
    queries.append("/api/search?" + urllib.parse.urlencode(q))
articles = ["/api/article?id=%d" % i for i in rng.sample(ids, min(2000, len(ids)))]
for name, paths in (("search", queries), ("article", articles)):
    with open(f"{out}/{name}.lua", "w") as f:
        f.write("-- generated by bench/serve.sh: %d request paths\nlocal paths = {\n" % len(paths))
        f.write(",\n".join('  "%s"' % p.replace("\\", "\\\\").replace('"', '\\"') for p in paths))
        f.write("\n}\nlocal n = 0\nfunction init(args) math.randomseed(os.time()) end\n")
        f.write("function request() return wrk.format('GET', paths[math.random(#paths)]) end\n")
print(f"serve.sh: {len(queries)} searches over {len(words)} title words, {len(articles)} article ids", file=sys.stderr)
EOF

articles_now() { python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1]+"api/summary"))["articles"])' "$url"; }

# ---- 3. load while an ingest writes ----------------------------------------
# The ingest runs over chunks of 500 records, one `winnow ingest` each, so
# the articles stored by any moment are known without asking the store:
# each chunk's end time goes to live-progress.
rm -rf "$out/live-chunks" "$out/live-progress" "$out/stop"
mkdir -p "$out/live-chunks"
split -l 500 -d -a 3 "$live" "$out/live-chunks/part-"
t0=$(date +%s.%N)
(
    for f in "$out"/live-chunks/part-*; do
        [ -e "$out/stop" ] && break
        mv "$f" "$f.jsonl"
        "$winnow" ingest --db "$db" -q "$f.jsonl" 2>> "$out/live-ingest.log" || exit 1
        echo "$(date +%s.%N) $(wc -l < "$f.jsonl")" >> "$out/live-progress"
    done
) &
ingest_pid=$!
pids+=($ingest_pid)
half=$(( conns / 2 ))
wrk -t1 -c"$half" -d"${seconds}s" --latency --timeout 10s -s "$out/search.lua" "$url" > "$out/wrk-search.txt" &
w1=$!
wrk -t1 -c"$half" -d"${seconds}s" --latency --timeout 10s -s "$out/article.lua" "$url" > "$out/wrk-article.txt" &
w2=$!
wait $w1 $w2
t1=$(date +%s.%N)
touch "$out/stop"
wait $ingest_pid || { echo "serve.sh: the live ingest failed" >&2; cat "$out/live-ingest.log" >&2; exit 1; }
a1=$(articles_now)

python3 - "$out" "$a1" "$t0" "$t1" "$conns" "$threads" <<'EOF'
import json, os, re, sys
out = sys.argv[1]
a1 = int(sys.argv[2])
t0, t1 = map(float, sys.argv[3:5])
done = [tuple(map(float, l.split())) for l in open(f"{out}/live-progress")]
in_window = [(t, n) for t, n in done if t <= t1]
live_n = sum(n for _, n in in_window)
live_t = (max(t for t, _ in in_window) - t0) if in_window else 0.0
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
def parse(path):
    t = open(path).read()
    r = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)),
         "requests": int(re.search(r"(\d+) requests in", t).group(1))}
    for p in ("50", "90", "99"):
        m = re.search(r"^\s+%s(?:\.000)?%%\s+([\d.]+)(us|ms|s)\b" % p, t, re.M)
        r["p" + p + "_ms"] = round(ms(*m.groups()), 3)
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    r["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    r["socket_errors"] = sum(map(int, m.groups())) if m else 0
    return r
s, a = parse(f"{out}/wrk-search.txt"), parse(f"{out}/wrk-article.txt")
base = json.load(open(f"{out}/base-ingest.json"))
db = os.path.getsize(f"{out}/news.db")
wal = os.path.getsize(f"{out}/news.db-wal") if os.path.exists(f"{out}/news.db-wal") else 0
summary = {
    "seconds": round(t1 - t0, 1), "connections": int(sys.argv[5]), "server_threads": int(sys.argv[6]),
    "requests_per_s": round(s["requests_per_s"] + a["requests_per_s"], 1),
    "search": s, "article": a,
    "errors": s["non_2xx"] + s["socket_errors"] + a["non_2xx"] + a["socket_errors"],
    "ingest_during_load_articles_per_s": round(live_n / live_t, 1) if live_t else 0.0,
    "ingest_during_load_records": int(live_n),
    "base_store": base,
    "articles_in_store": a1,
    "db_bytes_per_1000_articles": round(db / max(a1, 1) * 1000),
    "wal_bytes_after_load": wal,
}
json.dump(summary, open(f"{out}/report.json", "w"), indent=1)
lines = [
    f"winnow serve under load: {summary['seconds']} s, {summary['connections']} connections on loopback, "
    f"{summary['server_threads']} server threads, an ingest writing meanwhile",
    f"  requests/s      {summary['requests_per_s']:>9.1f}   (search {s['requests_per_s']:.1f}, article {a['requests_per_s']:.1f})",
    f"  search  latency p50 {s['p50_ms']:.2f} ms  p90 {s['p90_ms']:.2f} ms  p99 {s['p99_ms']:.2f} ms  ({s['requests']} requests)",
    f"  article latency p50 {a['p50_ms']:.2f} ms  p90 {a['p90_ms']:.2f} ms  p99 {a['p99_ms']:.2f} ms  ({a['requests']} requests)",
    f"  errors          {summary['errors']:>9d}   (non-2xx answers and socket errors)",
    f"  ingest during the load: {summary['ingest_during_load_articles_per_s']:.1f} articles/s "
    f"({int(live_n)} records in {live_t:.1f} s, in chunks of 500)",
    f"  base store: {base['pages']} dev pages at {base['pages_per_s']} pages/s, 100,000 synthetic at "
    f"{base['synthetic_per_s']} articles/s (alone); {a1} articles, {summary['db_bytes_per_1000_articles'] / 1e6:.2f} MB per 1,000 articles"
    f" (database file; the WAL is {wal / 1e6:.0f} MB after the load)",
]
open(f"{out}/report.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if summary["errors"] else 0)
EOF
