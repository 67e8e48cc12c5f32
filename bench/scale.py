#!/usr/bin/python3
"""Scaling of winnow from Python and on Dask, the CLI in the same run.

    bench/scale.py [--repeat N] [--files F] [--runs R]      (make bench-python)

Packs the ScrapingHub pages (WINNOW_BENCH_DATA, default ../shared/bench)
N times (default 10) into F WARC.gz files (default 8; gzip per record,
request + response per page, bench/pack-warc.py), then times, best of R
runs (default 3), over the same files:
  cli 1 / cli 2        winnow -q --threads 1 / --threads 2 FILES
  python 1 thread      winnow.stream(f, threads=1) over the files in turn
  python 2 threads     two Python threads, each streaming half of the files
                       (threads=1 each: the parallelism is Python's, which
                       only works because the GIL is released in the library)
  dask 1 / 2 workers   winnow.dask.run on a LocalCluster of 1 and 2 worker
                       processes (one thread each), partitions written to a
                       temporary directory; the cluster's start-up is not
                       counted (it is paid once per session)
and prints records/s, where a record is a document written (article or
error record; the request records each page also has are skipped by design
and not counted). Uses Debian's /usr/bin/python3 (python3-distributed) and
the package from python/ with the Release library build/libwinnow.so.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
os.environ.setdefault("WINNOW_LIB", os.path.join(ROOT, "build", "libwinnow.so"))

import winnow  # noqa: E402
from winnow import dask as wdask  # noqa: E402


def best(fn, runs):
    b = None
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        t = time.perf_counter() - t
        b = t if b is None or t < b else b
    return b


def py_stream(files):
    n = 0
    for f in files:
        for _ in winnow.stream(f, threads=1).lines():
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    data = os.environ.get("WINNOW_BENCH_DATA", os.path.join(ROOT, "..", "shared", "bench"))
    pages = sorted(os.path.join(data, "scrapinghub", "html", p)
                   for p in os.listdir(os.path.join(data, "scrapinghub", "html")))
    cli = os.path.join(ROOT, "build", "winnow")
    tmp = tempfile.mkdtemp(prefix="winnow-bench-dask-")
    try:
        allp = pages * a.repeat
        files = []
        per = (len(allp) + a.files - 1) // a.files
        for i in range(a.files):
            f = os.path.join(tmp, f"pages-{i}.warc.gz")
            subprocess.run([sys.executable, os.path.join(HERE, "pack-warc.py"), f]
                           + allp[i * per:(i + 1) * per], check=True, capture_output=True)
            files.append(f)
        records = py_stream(files)
        out = subprocess.run([cli, "-q"] + files, capture_output=True).stdout
        assert out.count(b"\n") == records, "CLI and Python disagree on the record count"
        print(f"# {records} records ({len(pages)} pages x {a.repeat}) in {a.files} WARC.gz "
              f"files, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB; best of {a.runs}; "
              f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start")
        res = []

        def row(name, t):
            res.append((name, t))
            print(f"{name:<22} {t:7.2f} s  {records / t:8.0f} records/s", flush=True)

        for th in (1, 2):
            row(f"cli --threads {th}", best(lambda: subprocess.run(
                [cli, "-q", "--threads", str(th)] + files, capture_output=True), a.runs))
        row("python 1 thread", best(lambda: py_stream(files), a.runs))

        def two():
            ts = [threading.Thread(target=py_stream, args=(files[k::2],)) for k in range(2)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
        row("python 2 threads", best(two, a.runs))

        import dask
        from distributed import Client, LocalCluster
        for w in (1, 2):
            with dask.config.set({"distributed.scheduler.allowed-failures": 3}):
                cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            client = Client(cluster)
            d = os.path.join(tmp, f"out{w}")

            def go():
                st = wdask.run(files, d, client=client)
                assert st["lines"] == records
            row(f"dask {w} worker{'s' if w > 1 else ''}", best(go, a.runs))
            client.close()
            cluster.close()
        dedup_d = os.path.join(tmp, "dedup")
        with dask.config.set({"distributed.scheduler.allowed-failures": 3}):
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster)
        row("dask 2 workers --dedup", best(lambda: wdask.run(files, dedup_d, client=client,
                                                              dedup=True), a.runs))
        client.close()
        cluster.close()
        row("cli --dedup --threads 2", best(lambda: subprocess.run(
            [cli, "-q", "--dedup", "--threads", "2"] + files, capture_output=True), a.runs))
        print(f"# load average {os.getloadavg()[0]:.1f} at the end (other work on the machine "
              f"slows every row; compare rows of one run only)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
