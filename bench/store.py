#!/usr/bin/env python3
"""The article store's figures: ingest rate, size per 1,000 articles, search latency.

  bench/store.py [--winnow build/winnow] [--pages DIR] [--synthetic FILE] [-n N]
                 [--out DIR] [--queries K]

1. Ingests the dev pages (default ../shared/bench/scrapinghub/html/*.html.gz)
   into a fresh store, then again (the second run must store nothing new).
2. Ingests a synthetic JSONL of N articles (bench/dedup-scale.py; made when
   missing, default N 100000 -> bench/out/dedup-scale-N.jsonl) into a fresh
   store: articles/s (wall clock of the whole run: extraction, clustering,
   index), database bytes per 1,000 articles.
3. Search latency on that store: K runs (default 200) of `winnow search
   --limit 20` over a mix of queries (a rare word, a common word, two words,
   a phrase, a prefix, a title: column filter, with and without a filter),
   each a new process (so the figure includes process start and opening the
   store): p50, p90, p99 in ms.
Prints one summary block; nothing is written outside --out (default bench/out/store).
"""
import argparse
import glob
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ingest(winnow, db, files):
    st = db + ".stats"
    t, c = time.perf_counter(), cpu()
    p = subprocess.run([winnow, "ingest", "-q", "--db", db, "--stats", st, *files], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit("ingest failed: %s" % p.stderr)
    s = json.load(open(st))
    s["cpu"] = cpu() - c
    return wall, s


def pairs_score(db, truth):
    """pair precision/recall of the store's clusters against dedup-scale.py's truth (line i = record #i)"""
    import sqlite3
    from collections import Counter
    gold = [int(l.split()[0]) for l in open(truth)]
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    got = {}
    for src, cid in c.execute("SELECT source, cluster_id FROM article WHERE kind=0"):
        got[int(src.rsplit("#", 1)[1])] = cid
    pairs = lambda cnt: sum(n * (n - 1) // 2 for n in cnt.values())
    tp = pairs(Counter((got[i], gold[i - 1]) for i in got))
    g, t = pairs(Counter(got.values())), pairs(Counter(gold[i - 1] for i in got))
    p, r = tp / g if g else 1.0, tp / t if t else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fresh(db):
    for s in ("", "-wal", "-shm", ".stats"):
        if os.path.exists(db + s):
            os.remove(db + s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", default=os.path.join(ROOT, "build", "winnow"))
    ap.add_argument("--pages", default=os.path.join(ROOT, "..", "shared", "bench", "scrapinghub", "html"))
    ap.add_argument("--synthetic")
    ap.add_argument("-n", type=int, default=100000)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "store"))
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--truth", help="dedup-scale.py --truth file of the synthetic input: pair P/R/F1")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    pages = sorted(glob.glob(os.path.join(a.pages, "*.html.gz")))
    if pages:
        db = os.path.join(a.out, "pages.db")
        fresh(db)
        w1, s1 = ingest(a.winnow, db, pages)
        w2, s2 = ingest(a.winnow, db, pages)
        print("dev pages: %d records, %d articles in %.2f s wall (%.0f articles/s), %.2f s CPU; again: %d inserted, "
              "%d already stored, %.2f s" % (s1["records_in"], s1["articles"], w1, s1["articles"] / w1, s1["cpu"],
                                            s2["inserted"], s2["already_stored"], w2))
        t, c = time.perf_counter(), cpu()
        subprocess.run([a.winnow, "-q", "-x", *pages], stdout=subprocess.DEVNULL, check=False)
        print("dev pages, a plain run (-x, to /dev/null) for comparison: %.2f s wall, %.2f s CPU"
              % (time.perf_counter() - t, cpu() - c))
        print("dev pages store: %.0f bytes per 1,000 articles" % (os.path.getsize(db) * 1000 / s1["articles"]))

    syn = a.synthetic or os.path.join(ROOT, "bench", "out", "dedup-scale-%d.jsonl" % a.n)
    if not os.path.exists(syn):
        subprocess.run([sys.executable, os.path.join(HERE, "dedup-scale.py"), "-n", str(a.n), "--out", syn], check=True)
    db = os.path.join(a.out, "synthetic.db")
    fresh(db)
    w, s = ingest(a.winnow, db, [syn])
    subprocess.run(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)')", db], check=True)
    size = os.path.getsize(db)
    print("synthetic: %d articles in %.1f s wall: %.0f articles/s (%.1f s CPU: %.0f articles per CPU-second), %d joined "
          "a story; store %.1f MB, %.0f bytes per 1,000 articles"
          % (s["articles"], w, s["articles"] / w, s["cpu"], s["articles"] / s["cpu"], s["joined"], size / 1e6,
             size * 1000 / s["articles"]))
    if a.truth:
        print("synthetic clusters against the truth: pair precision %.3f, recall %.3f, F1 %.3f" % pairs_score(db, a.truth))

    # queries from the store's own words: a title's words, rare and common text words
    first = json.loads(open(syn).readline())
    words = first["text"].split()
    r = random.Random(1)
    title = first["title"].split()[0]
    qs = [[title], ["the"], [r.choice(words).strip(".,")], ["%s %s" % (words[3], words[4])],
          ['"%s %s %s"' % tuple(w.strip(".,") for w in words[10:13])], [words[20][:4].strip(".,") + "*"],
          ["title:%s" % title], ["--since", "2024-10-01", words[5]], ["--publisher", first.get("publisher", "x"), "the"],
          []]
    lat = []
    hits = 0
    per = {}
    for i in range(a.queries):
        q = qs[i % len(qs)]
        t = time.perf_counter()
        p = subprocess.run([a.winnow, "search", "--db", db, "--limit", "20", *q], capture_output=True, text=True)
        ms = (time.perf_counter() - t) * 1000
        lat.append(ms)
        per.setdefault(" ".join(q) or "(newest)", []).append(ms)
        if p.returncode:
            sys.exit("search %s failed: %s" % (q, p.stderr))
        hits += p.stdout.count("\n")
    for k, v in per.items():
        print("  %-40s median %.1f ms" % (k[:40], statistics.median(v)))
    t, c = time.perf_counter(), cpu()
    subprocess.run([a.winnow, "--version"], capture_output=True)
    print("  (a process start alone: %.1f ms)" % ((time.perf_counter() - t) * 1000))
    lat.sort()
    pct = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))]
    print("search (%d runs, %d queries, limit 20, new process each): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, mean %.1f ms; %.1f hits per query"
          % (len(lat), len(qs), pct(0.5), pct(0.9), pct(0.99), statistics.mean(lat), hits / len(lat)))


if __name__ == "__main__":
    main()
