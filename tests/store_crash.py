#!/usr/bin/env python3
"""Crash safety of `winnow ingest`: kill -9 in the middle, then reopen.

  store_crash.py WINNOW [--records N] [--batch B]

Writes N generated article records (default 3000; invented hosts, word-list
texts, a fifth of them copies of earlier ones so clustering works as well),
starts an ingest with --batch B (default 200), waits until at least one batch
is committed and a third of the input (read through a read-only connection while the writer runs: WAL
readers do not block it), kills the ingest with SIGKILL, and checks:
  - the database opens and PRAGMA integrity_check says ok (the full-text
    index too: FTS5 'integrity-check');
  - it holds a committed prefix of the input: records #1..#k, nothing else,
    0 < k < N, every article in a cluster, every cluster's size its members;
  - `winnow search` works on it;
  - a second ingest of the same input completes, reports k records already
    stored, and the store then holds exactly N records.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

WORDS = ("harbor pier council vote storm engineer crew bridge river school garden library market farmer "
         "orchard festival museum railway station tunnel ferry island lighthouse village mayor budget teacher "
         "student hospital nurse doctor clinic winter summer spring autumn road traffic bus tram bicycle park "
         "forest trail mountain valley lake shore boat fisher bakery kitchen recipe concert choir theater "
         "painter gallery sculpture novel poet archive the a of and to in that for with on was said will").split()


def generate(path, n):
    r = random.Random(7)
    texts = []
    with open(path, "w") as f:
        for i in range(n):
            if texts and r.random() < 0.2:
                text = r.choice(texts)
                host = "valleypost.example"
            else:
                text = "\n\n".join(" ".join(r.choice(WORDS) for _ in range(60)) + "." for _ in range(3))
                texts.append(text)
                host = "tideline.example"
            f.write(json.dumps({"url": "https://%s/story/%d" % (host, i), "title": "Story number %d" % i,
                                "date_published": "2031-05-%02d" % (1 + i % 28), "text": text}) + "\n")


def count(db):
    try:
        c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
        try:
            return c.execute("SELECT count(*) FROM article").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def main():
    winnow = sys.argv[1]
    args = sys.argv[2:]
    n = int(args[args.index("--records") + 1]) if "--records" in args else 3000
    batch = args[args.index("--batch") + 1] if "--batch" in args else "200"
    with tempfile.TemporaryDirectory(prefix="winnow-crash-") as tmp:
        src = os.path.join(tmp, "in.jsonl")
        db = os.path.join(tmp, "news.db")
        generate(src, n)
        p = subprocess.Popen([winnow, "ingest", "-q", "--db", db, "--batch", batch, src],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t0 = time.time()
        while count(db) < max(int(batch), n // 3) and p.poll() is None and time.time() - t0 < 120:
            time.sleep(0.02)
        if p.poll() is not None:
            print("FAIL: the ingest ended before it could be killed (%d records): use more --records" % count(db))
            return 1
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        c = sqlite3.connect(db)
        ok = c.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            print("FAIL: integrity_check: %s" % ok)
            return 1
        c.execute("INSERT INTO article_fts(article_fts) VALUES('integrity-check')")
        k = c.execute("SELECT count(*) FROM article").fetchone()[0]
        srcs = sorted(int(s.rsplit("#", 1)[1]) for (s,) in c.execute("SELECT source FROM article"))
        if not 0 < k < n or srcs != list(range(1, k + 1)):
            print("FAIL: not a committed prefix: %d of %d, sources %s..." % (k, n, srcs[:5]))
            return 1
        bad = c.execute("SELECT count(*) FROM article WHERE kind=0 AND cluster_id IS NULL").fetchone()[0]
        bad += c.execute("SELECT count(*) FROM cluster c WHERE size != (SELECT count(*) FROM article a"
                         " WHERE a.cluster_id=c.id)").fetchone()[0]
        c.close()
        if bad:
            print("FAIL: %d articles or clusters inconsistent after the kill" % bad)
            return 1
        s = subprocess.run([winnow, "search", "--db", db, "--limit", "3", "harbor"], capture_output=True, text=True)
        if s.returncode != 0 or not s.stdout:
            print("FAIL: search after the kill: %s" % s.stderr)
            return 1
        r = subprocess.run([winnow, "ingest", "--db", db, src], capture_output=True, text=True)
        if r.returncode != 0 or ("%d already stored" % k) not in r.stderr:
            print("FAIL: re-ingest: exit %d, %s (want %d already stored)" % (r.returncode, r.stderr, k))
            return 1
        total = count(db)
        if total != n:
            print("FAIL: %d records after the re-ingest, want %d" % (total, n))
            return 1
        print("ok: killed after %d of %d records committed, integrity ok, re-ingest completed to %d" % (k, n, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
