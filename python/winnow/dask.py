"""winnow on a Dask cluster: many inputs, JSONL partitions, exact accounting,
and the clustering of `winnow --dedup` spread over the workers.

    python -m winnow.dask --scheduler ADDRESS|local --out DIR [--dedup]
                          [--workers N] [--chunk-bytes N] [--explain] [--skipped] INPUT...

or winnow.dask.run(inputs, out_dir, ...) from Python (the same options).

Design.
  extract   one task per input file (WARC, JSONL, feeds, pages; gzip or
            not), or per byte range of a large plain JSONL file:
            winnow.stream in the worker, the records written as
            DIR/part-NNNNN.jsonl (N = the input's position; a range's as
            DIR/part-NNNNN-RRRRR.jsonl, R its place in the file), the
            stream's counts returned.
  ranges    a plain (not gzip) JSON Lines file larger than chunk_bytes is
            cut at the first line start at or after every chunk_bytes
            (_plan: a few seeks, no full read). A line's records depend on
            that line alone, so a range read alone (winnow_stream_open_range)
            gives the whole file's records for its lines; only "source"
            ("path#N", N counted from the file's start) needs the number of
            records before the range. A count task per range (all but the
            last) finds it by reading without extracting
            (winnow_stream_count: lines parsed, since one line can hold
            several records, nothing cleaned); range R's extract task gets
            the sum of the counts before it, and its own record count is
            checked against its count. Everything else (gzip, WARC, feeds,
            one JSON document, small files) stays one task per file. A partition is written to a temporary name and
            renamed, so a task that dies half-way leaves nothing under the
            final name and its retry (Dask reruns the task of a lost worker,
            up to allowed-failures times) writes the whole partition again:
            no record lost or doubled. Concatenating the partitions in order
            gives exactly what `winnow INPUT...` writes.
  accounts  every input's records = articles + errors + skipped, and the
            lines in its partition = articles + errors (+ skipped with
            --skipped); summed over all inputs into DIR/stats.json. A
            mismatch is an error (RuntimeError), never silently passed.
  --dedup   the same clusters as `winnow --dedup INPUT...` (same records,
            byte for byte), computed on the cluster:
              1. each extract task also summarises its articles (a
                 fingerprint and MinHash signature, ~500 bytes, no text) and
                 lists their keys (winnow_dedup_keys: exact fingerprint, 28
                 LSH bands, lead, anchors); an article's global index is its
                 place in input order;
              2. shuffle: keys are hashed into R buckets; each bucket task
                 groups its keys by (kind, band, key) and verifies the
                 group's candidate pairs on its worker with the C library's
                 test (winnow_dedup_verify), forming the groups exactly as
                 `winnow dedup` forms its runs (see _group_pairs);
              3. the verified pairs (a spanning forest per bucket: few) are
                 gathered and joined by union-find on the client;
              4. components are hashed into buckets again; each finish task
                 adds a component's summaries in input order to a store and
                 lets winnow_dedup_finish_component choose the canonical and
                 split chains, as `winnow dedup` does per component;
              5. a write-back task per partition splices the cluster fields
                 into its article lines (temporary file + rename; the
                 un-clustered partitions wait in DIR/.raw/ until all are
                 written, so a retried write-back reads the same input).
            Records never travel, only summaries, keys and results.

Dask itself (distributed) is Debian's python3-distributed; nothing is
installed on the workers but this package (they import winnow.dask).
"""
from __future__ import annotations

import argparse
import bisect
import json
import operator
import os
import sys
import uuid
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import winnow
from winnow import _Dedup

CHUNK_BYTES = 64 << 20  # default byte range of a split JSONL file
SMALL_RUN = 16  # as src/dedup/cluster.c: longer runs pair each with first and predecessor
KEY_EXACT = 0

__all__ = ["run", "main"]


def _part_name(i: int) -> str:
    return f"part-{i:05d}.jsonl"


def _atomic_write(path: str, lines: Iterable[bytes], fault: Optional[str] = None) -> int:
    """Writes lines to path through a temporary file and a rename; returns
    the count. fault: a marker path for the worker-death test (the first
    attempt to see it missing creates it and kills its own process half-way)."""
    tmp = f"{path}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    n = 0
    with open(tmp, "wb") as f:
        for line in lines:
            f.write(line)
            n += 1
            if fault and n == 2 and not os.path.exists(fault):
                open(fault, "w").close()
                f.flush()
                os._exit(17)  # a worker dying mid-task
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return n


def _plan(path: str, chunk_bytes: int) -> Optional[List[Tuple[int, int]]]:
    """The byte ranges (offset, length) a large plain JSONL file is split
    into, each starting at the first line start at or after the previous
    start + chunk_bytes; None when the file stays one task (small, gzip,
    not JSON Lines, not a regular file, unreadable)."""
    try:
        if chunk_bytes <= 0 or not os.path.isfile(path):
            return None
        size = os.path.getsize(path)
        if size <= chunk_bytes:
            return None
        winnow.stream(path, threads=1, byte_range=(0, 0)).close()  # splittable?
    except (OSError, ValueError):
        return None
    cuts = [0]
    with open(path, "rb") as f:
        pos = chunk_bytes
        while pos < size:
            f.seek(pos - 1)  # a line starts at pos if the byte before is '\n'
            nxt = size
            while True:
                block = f.read(1 << 16)
                if not block:
                    break
                k = block.find(b"\n")
                if k >= 0:
                    nxt = f.tell() - len(block) + k + 1
                    break
            if nxt >= size:
                break
            cuts.append(nxt)
            pos = nxt + chunk_bytes
    if len(cuts) == 1:
        return None
    cuts.append(size)
    return [(a, b - a) for a, b in zip(cuts, cuts[1:])]


def _count_range(path: str, rng: Tuple[int, int]) -> int:
    """Task: the records of a byte range, counted without extracting."""
    return winnow.stream(path, threads=1, byte_range=rng).count()


def _extract_part(name: str, path: str, out: str, explain: bool, skipped: bool, dedup: bool,
                  fault: Optional[str], rng: Optional[Tuple[int, int]] = None,
                  *before: int) -> Dict[str, Any]:
    """Task: one input (or a byte range of one, numbered after the `before`
    records of the ranges ahead of it) into its partition; with dedup also
    its articles' summaries and keys."""
    target = os.path.join(out, ".raw" if dedup else "", name)
    first = sum(before)
    if rng is None:
        s = winnow.stream(path, threads=1, skipped=skipped, explain=explain)
    else:
        s = winnow.stream(path, threads=1, skipped=skipped, explain=explain, byte_range=rng,
                          first_record=first)
    arts: List[Tuple[int, bytes, bytes, list, int]] = []
    store = _Dedup() if dedup else None

    def lines():
        for ln, line in enumerate(s.lines()):
            if store is not None:
                idx = store.add_json(line.rstrip(b"\n"))
                if idx >= 0:
                    rec = json.loads(line)
                    meta = json.dumps({k: rec[k] for k in ("source", "publisher", "republisher",
                                                           "date_published") if k in rec},
                                      ensure_ascii=False).encode()
                    arts.append((ln, store.summary(idx), meta, store.keys(idx),
                                 store.fingerprint(idx)))
                    if store.count() >= 4096:  # only a summary factory here: keep it small
                        store.reset()
            yield line

    written = _atomic_write(target, lines(), fault)
    st = s.stats
    extra = {} if rng is None else {"range": list(rng), "first_record": first}
    return {"input": path, "part": name, **extra, "records": st["records"],
            "articles": st["articles"], "errors": st["errors"], "skipped": st["skipped"],
            "skip_reasons": st["skip_reasons"], "bytes_read": st["bytes_read"],
            "header_warnings": st["header_warnings"],
            "lines": written, "dedup_articles": len(arts), "arts": arts}


def _stats_of(r: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in r.items() if k != "arts"}


def _bucket(r: Dict[str, Any], offset: int, nb: int) -> List[Tuple[list, Dict[int, bytes]]]:
    """Task: a partition's keys into nb buckets by key, with the summaries
    each bucket needs."""
    out: List[Tuple[list, Dict[int, bytes]]] = [([], {}) for _ in range(nb)]
    for k, (_, summ, _, keys, _) in enumerate(r["arts"]):
        gid = offset + k
        for kind, band, key in keys:
            b = out[hash((kind, band, key)) % nb]
            b[0].append((kind, band, key, gid))
            b[1][gid] = summ
    return out


class _UF:
    def __init__(self) -> None:
        self.p: Dict[int, int] = {}

    def find(self, x: int) -> int:
        p = self.p
        root = x
        while p.get(root, root) != root:
            root = p[root]
        while p.get(x, x) != root:
            p[x], x = root, p[x]
        return root

    def union(self, a: int, b: int) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b:
            return False
        if a < b:
            self.p[b] = a
        else:
            self.p[a] = b
        return True


def _group_pairs(kind: int, members: List[int], fp: Dict[int, int]) -> List[Tuple[int, int]]:
    """The candidate pairs of one key group, as `winnow dedup` forms them
    (src/dedup/cluster.c): EXACT groups join every copy to the first record
    of the text; for the other keys only the first record of each exact text
    takes part (a copy has its first record's keys, so the first is in the
    group wherever a copy is), members in input order, a run of up to 16
    paired all with all, a longer one each with the run's first and its
    predecessor."""
    members.sort()
    if kind == KEY_EXACT:
        return [(members[0], m) for m in members[1:] if m != members[0]]
    first: Dict[int, int] = {}
    run: List[int] = []
    for m in members:
        f = first.setdefault(fp[m], m)
        if f == m:
            run.append(m)
    pairs = []
    if len(run) <= SMALL_RUN:
        for x in range(len(run)):
            for y in range(x + 1, len(run)):
                pairs.append((run[x], run[y]))
    else:
        for x in range(1, len(run)):
            pairs.append((run[0], run[x]))
            pairs.append((run[x - 1], run[x]))
    return pairs


def _verify_bucket(*pieces: Tuple[list, Dict[int, bytes]]) -> List[Tuple[int, int]]:
    """Task: group a bucket's keys, verify each group's candidate pairs with
    the library's test; returns the joining pairs (a spanning forest)."""
    store = _Dedup()
    local: Dict[int, int] = {}
    entries: list = []
    for ents, summ in pieces:
        entries.extend(ents)
        for gid, blob in summ.items():
            if gid not in local:
                local[gid] = store.add_summary(blob, b"{}")
    fp = {gid: store.fingerprint(li) for gid, li in local.items()}
    entries.sort()
    uf = _UF()
    joined: List[Tuple[int, int]] = []
    s = 0
    while s < len(entries):
        e = s
        head = entries[s][:3]
        while e < len(entries) and entries[e][:3] == head:
            e += 1
        for a, b in _group_pairs(head[0], [x[3] for x in entries[s:e]], fp):
            if a == b or uf.find(a) == uf.find(b):
                continue  # already joined: the test cannot change the components
            if head[0] == KEY_EXACT or store.verify(local[a], local[b]):
                uf.union(a, b)
                joined.append((a, b))
        s = e
    return joined


def _split_members(r: Dict[str, Any], offset: int, bucket_of: Dict[int, int],
                   nb: int) -> List[List[Tuple[int, bytes, bytes]]]:
    """Task: a partition's clustered articles into the finish buckets."""
    out: List[List[Tuple[int, bytes, bytes]]] = [[] for _ in range(nb)]
    for k, (_, summ, meta, _, _) in enumerate(r["arts"]):
        b = bucket_of.get(offset + k)
        if b is not None:
            out[b].append((offset + k, summ, meta))
    return out


def _finish_bucket(root_of: Dict[int, int], explain: bool, offsets: List[int],
                   *pieces: List[Tuple[int, bytes, bytes]]) -> List[Dict[int, str]]:
    """Task: each component (members in input order) through
    winnow_dedup_finish_component; returns per partition {gid: cluster fields}."""
    comps: Dict[int, list] = {}
    for piece in pieces:
        for gid, summ, meta in piece:
            comps.setdefault(root_of[gid], []).append((gid, summ, meta))
    store = _Dedup()
    out: List[Dict[int, str]] = [{} for _ in offsets]
    for members in comps.values():
        members.sort()
        store.reset()
        for gid, summ, meta in members:
            store.add_summary(summ, meta)
        store.finish_component()
        for li, (gid, _, _) in enumerate(members):
            out[bisect.bisect_right(offsets, gid) - 1][gid] = store.result(li, explain)
    return out


def _write_back(r: Dict[str, Any], out: str, offset: int, fault: Optional[str],
                *fields: Dict[int, str]) -> int:
    """Task: the partition with the cluster fields spliced into its article
    lines (as `winnow dedup` splices them)."""
    line_gid = {ln: (offset + k, fp) for k, (ln, _, _, _, fp) in enumerate(r["arts"])}
    found: Dict[int, str] = {}
    for f in fields:
        found.update(f)

    def lines():
        with open(os.path.join(out, ".raw", r["part"]), "rb") as f:
            for ln, line in enumerate(f):
                g = line_gid.get(ln)
                if g is None:
                    yield line
                    continue
                gid, fp = g
                frag = found.get(gid) or f',"cluster":"{fp:016x}","canonical":true'
                body = line.rstrip(b" \t\r\n")
                yield body[:-1] + frag.encode() + b"}\n"

    return _atomic_write(os.path.join(out, r["part"]), lines(), fault)


def _dedup_on_cluster(client: Any, parts: list, stats: List[Dict[str, Any]], out: str,
                      explain: bool, nb: int, fault: Optional[str]) -> Dict[str, Any]:
    offsets = []
    total = 0
    for st in stats:
        offsets.append(total)
        total += st["dedup_articles"]
    # 2. shuffle the keys; each bucket's groups verified on one worker
    buckets = [client.submit(_bucket, p, off, nb, pure=False) for p, off in zip(parts, offsets)]
    verified = []
    for b in range(nb):
        pieces = [client.submit(operator.getitem, bk, b, pure=False) for bk in buckets]
        verified.append(client.submit(_verify_bucket, *pieces, pure=False))
    # 3. union-find over the verified pairs
    uf = _UF()
    npairs = 0
    for pairs in client.gather(verified):
        npairs += len(pairs)
        for a, b in pairs:
            uf.union(a, b)
    root_of = {g: uf.find(g) for g in list(uf.p)}
    for r in set(root_of.values()):
        root_of[r] = r
    # 4. components finished on the workers; each task gets only its share
    # of the component map, each partition's pieces go to their bucket
    bucket_of: List[Dict[int, int]] = [{} for _ in parts]
    roots: List[Dict[int, int]] = [{} for _ in range(nb)]
    for g, r in root_of.items():
        b = hash(r) % nb
        bucket_of[bisect.bisect_right(offsets, g) - 1][g] = b
        roots[b][g] = r
    splits = [client.submit(_split_members, p, off, bo, nb, pure=False)
              for p, off, bo in zip(parts, offsets, bucket_of)]
    finished = []
    for b in range(nb):
        pieces = [client.submit(operator.getitem, sp, b, pure=False) for sp in splits]
        finished.append(client.submit(_finish_bucket, roots[b], explain, offsets, *pieces,
                                      pure=False))
    # 5. cluster fields written back, each partition with its own fields
    written = client.gather([
        client.submit(_write_back, p, out, off, fault,
                      *[client.submit(operator.getitem, f, i, pure=False) for f in finished],
                      pure=False)
        for i, (p, off) in enumerate(zip(parts, offsets))])
    return {"articles": total, "pairs": npairs, "in_components": len(root_of),
            "components": len(set(root_of.values())), "lines": written}


def run(inputs: Sequence[str], out: str, *, scheduler: str = "local", dedup: bool = False,
        workers: int = 2, explain: bool = False, skipped: bool = False, client: Any = None,
        chunk_bytes: int = CHUNK_BYTES, allowed_failures: int = 3,
        _fault: Optional[str] = None) -> Dict[str, Any]:
    """Processes inputs on a Dask cluster into out/part-NNNNN.jsonl (one per
    input, in input order; part-NNNNN-RRRRR.jsonl per byte range of a split
    input) and out/stats.json; returns the stats (per_input: one entry per
    partition, a range's with "range": [offset, length] and "first_record").

    scheduler: a scheduler address ("tcp://host:8786") or "local" (a
    LocalCluster of `workers` processes, one thread each); or pass a
    distributed `client`. dedup: cluster near-duplicates as `winnow --dedup`
    (explain adds dedup_reason, as -x does there). allowed_failures: retries
    of a task whose worker died (LocalCluster only; a remote scheduler keeps
    its own setting, distributed.scheduler.allowed-failures). chunk_bytes:
    a plain JSONL file larger than this is split into byte ranges of about
    this size, a task each (0: never split).
    """
    import dask
    from distributed import Client, LocalCluster

    if isinstance(inputs, (str, bytes)) or not all(isinstance(p, str) for p in inputs):
        raise TypeError("inputs must be a sequence of paths")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError("workers must be a positive whole number")
    if not isinstance(chunk_bytes, int) or isinstance(chunk_bytes, bool) or chunk_bytes < 0:
        raise ValueError("chunk_bytes must be a whole number >= 0 (0: never split)")
    os.makedirs(os.path.join(out, ".raw") if dedup else out, exist_ok=True)
    inputs = list(inputs)
    own = []
    if client is None:
        if scheduler == "local":
            with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            own.append(cluster)
            client = Client(cluster)
        else:
            client = Client(scheduler)
        own.insert(0, client)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        # the ranges: planned here when the client sees the file, else on a worker
        plans: List[Any] = [None] * len(inputs)
        remote = {i: client.submit(_plan, p, chunk_bytes, pure=False)
                  for i, p in enumerate(inputs) if chunk_bytes and not os.path.exists(p)}
        for i, p in enumerate(inputs):
            plans[i] = client.gather(remote[i]) if i in remote else _plan(p, chunk_bytes)
        # counts first (cheap, they unblock the ranges), then every task
        # that needs none, then the ranges with the counts before them
        counts = {i: [client.submit(_count_range, p, r, pure=False) for r in pl[:-1]]
                  for i, (p, pl) in enumerate(zip(inputs, plans)) if pl}
        jobs: List[Tuple[int, int, str, str, Optional[Tuple[int, int]]]] = []
        for i, (p, pl) in enumerate(zip(inputs, plans)):
            if not pl:
                jobs.append((i, 0, _part_name(i), p, None))
            else:
                jobs.extend((i, k, f"part-{i:05d}-{k:05d}.jsonl", p, r)
                            for k, r in enumerate(pl))
        parts: List[Any] = [None] * len(jobs)
        for j, (i, k, name, p, r) in enumerate(jobs):
            if r is None or r[0] == 0:
                parts[j] = client.submit(_extract_part, name, p, out, explain, skipped, dedup,
                                         _fault, r, pure=False)
        got = {i: client.gather(c) for i, c in counts.items()}
        for j, (i, k, name, p, r) in enumerate(jobs):
            if parts[j] is None:
                parts[j] = client.submit(_extract_part, name, p, out, explain, skipped, dedup,
                                         _fault, r, *got[i][:k], pure=False)
        stats = client.gather([client.submit(_stats_of, p, pure=False) for p in parts])
        total = {k: sum(s[k] for s in stats) for k in ("records", "articles", "errors", "skipped",
                                                        "lines", "bytes_read", "header_warnings")}
        for s in stats:
            want = s["articles"] + s["errors"] + (s["skipped"] if skipped else 0)
            if s["records"] != s["articles"] + s["errors"] + s["skipped"] or s["lines"] != want:
                raise RuntimeError(f"winnow.dask: accounting failed for {s['input']}: {s}")
        for (i, k, _, _, r), s in zip(jobs, stats):
            if r is not None and k < len(got[i]) and s["records"] != got[i][k]:
                raise RuntimeError(f"winnow.dask: range {s['part']} gave {s['records']} records, "
                                   f"counted {got[i][k]}")
        result: Dict[str, Any] = {"inputs": len(inputs), "partitions": len(stats), **total,
                                  "per_input": stats}
        if dedup:
            d = _dedup_on_cluster(client, parts, stats, out, explain, 2 * nworkers, _fault)
            if d["lines"] != [s["lines"] for s in stats]:
                raise RuntimeError("winnow.dask: write-back changed a partition's line count")
            result["dedup"] = {k: v for k, v in d.items() if k != "lines"}
            for s in stats:
                os.unlink(os.path.join(out, ".raw", s["part"]))
        del parts
    finally:
        for o in own:
            o.close()
    for d in (out, os.path.join(out, ".raw")):  # leftovers of attempts that died
        if os.path.isdir(d):
            for f in os.listdir(d):
                if ".tmp-" in f:
                    os.unlink(os.path.join(d, f))
    if dedup and os.path.isdir(os.path.join(out, ".raw")):
        os.rmdir(os.path.join(out, ".raw"))
    with open(os.path.join(out, "stats.json.tmp"), "w") as f:
        json.dump(result, f, indent=1)
    os.replace(os.path.join(out, "stats.json.tmp"), os.path.join(out, "stats.json"))
    return result


def _size(text: str) -> int:
    """A byte count with an optional K, M or G suffix (powers of 1024)."""
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:].upper(), 1)
    try:
        n = int(text[:-1] if mult > 1 else text) * mult
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a byte count: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("a byte count cannot be negative")
    return n


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m winnow.dask",
        description="Run winnow over many inputs on a Dask cluster: one task per input "
                    "(per byte range of a large plain JSONL file), JSONL partitions "
                    "DIR/part-NNNNN.jsonl (DIR/part-NNNNN-RRRRR.jsonl per range) in input "
                    "order, the accounting summed and checked into DIR/stats.json.")
    ap.add_argument("--scheduler", required=True,
                    help='scheduler address (tcp://HOST:8786) or "local" (a LocalCluster)')
    ap.add_argument("--out", required=True, metavar="DIR", help="output directory")
    ap.add_argument("--dedup", action="store_true",
                    help="cluster near-duplicates on the cluster, as winnow --dedup")
    ap.add_argument("--workers", type=int, default=2,
                    help="worker processes of a local cluster (default 2)")
    ap.add_argument("--chunk-bytes", type=_size, default=CHUNK_BYTES, metavar="N",
                    help="split a plain (not gzip) JSONL file larger than N bytes into byte "
                         "ranges of about N, a task each, numbered as the whole file "
                         "(suffix K, M, G; default 64M; 0: one task per file)")
    ap.add_argument("-x", "--explain", action="store_true",
                    help="removed blocks, and dedup_reason with --dedup (as winnow -x)")
    ap.add_argument("--skipped", action="store_true", help="write skip records too")
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    a = ap.parse_args(argv)
    st = run(a.inputs, a.out, scheduler=a.scheduler, dedup=a.dedup, workers=a.workers,
             explain=a.explain, skipped=a.skipped, chunk_bytes=a.chunk_bytes)
    print(f"winnow.dask: {st['inputs']} inputs ({st['partitions']} tasks), {st['records']} records = {st['articles']} "
          f"articles + {st['errors']} errors + {st['skipped']} skipped -> {a.out}",
          file=sys.stderr)
    return 1 if st["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
