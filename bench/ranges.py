#!/usr/bin/python3
"""One large JSONL dump on Dask: one task for the file against byte ranges.

    bench/ranges.py [--records N] [--chunk BYTES] [--runs R]   (make bench-ranges)

Writes a JSONL dump of N generated news records (default 40,000, ~90 MB;
python/tests/corpus.py's stories, written again until N) to a temporary
directory, then times, best of R runs (default 3): the CLI with 1 and 2
threads, and winnow.dask.run on a LocalCluster of 1 and 2 worker
processes, once with the whole file as one task (chunk_bytes=0: what
winnow.dask did before byte ranges) and once split into ranges of --chunk
bytes (default 8 MiB). Checks that the partitions are the CLI's output
byte for byte. Prints records/s (records written). The cluster's start-up
is not counted. Uses /usr/bin/python3 (python3-distributed) and the
Release library build/libwinnow.so.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "python", "tests"))
os.environ.setdefault("WINNOW_LIB", os.path.join(ROOT, "build", "libwinnow.so"))

import corpus  # noqa: E402
from winnow import dask as wdask  # noqa: E402


def best(fn, runs):
    b = None
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        t = time.perf_counter() - t
        b = t if b is None or t < b else b
    return b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=40000)
    ap.add_argument("--chunk", type=int, default=8 << 20)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    import distributed
    cli = os.path.join(ROOT, "build", "winnow")
    tmp = tempfile.mkdtemp(prefix="winnow-ranges-")
    try:
        one = corpus.make(tmp, files=1, stories=4000, seed=1)[0]
        lines = open(one, "rb").read().splitlines(keepends=True)
        big = os.path.join(tmp, "big.jsonl")
        with open(big, "wb") as f:
            for k in range(a.records):
                f.write(lines[k % len(lines)])
        want = subprocess.run([cli, "-q", big], capture_output=True).stdout
        n = want.count(b"\n")
        print(f"{a.records} records, {os.path.getsize(big) / 1e6:.0f} MB; load "
              f"{os.getloadavg()[0]:.1f}; best of {a.runs}")
        rows = []
        for th in (1, 2):
            t = best(lambda: subprocess.run([cli, "-q", "--threads", str(th), big],
                                            stdout=subprocess.DEVNULL, check=False), a.runs)
            rows.append((f"CLI --threads {th}", t))
        for w in (1, 2):
            with distributed.LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cl, \
                    distributed.Client(cl) as c:
                for chunk, what in ((0, "1 task"), (a.chunk, f"ranges of {a.chunk >> 20} MiB")):
                    out = os.path.join(tmp, "out")

                    def go():
                        shutil.rmtree(out, ignore_errors=True)
                        wdask.run([big], out, client=c, chunk_bytes=chunk)
                    t = best(go, a.runs)
                    names = sorted(f for f in os.listdir(out) if f.startswith("part-"))
                    got = b"".join(open(os.path.join(out, f), "rb").read() for f in names)
                    assert got == want, "partitions differ from the CLI's output"
                    rows.append((f"Dask {w} worker{'s' if w > 1 else ''}, {what} "
                                 f"({len(names)} tasks)", t))
        print(f"{'how':44} {'time':>8} {'records/s':>10}")
        for how, t in rows:
            print(f"{how:44} {t:7.2f}s {n / t:10.0f}")
        print(f"load {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
