"""winnow on a Dask cluster: many inputs, JSONL partitions, exact accounting,
and the clustering of `winnow --dedup` spread over the workers.

    python -m winnow.dask --scheduler ADDRESS|local --out DIR [--dedup]
                          [--workers N] [--explain] [--skipped] INPUT...

or winnow.dask.run(inputs, out_dir, ...) from Python (the same options).

Design.
  extract   one task per input file (WARC, JSONL, feeds, pages; gzip or
            not): winnow.stream in the worker, the records written as
            DIR/part-NNNNN.jsonl (N = the input's position), the stream's
            counts returned. A partition is written to a temporary name and
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


def _extract_part(i: int, path: str, out: str, explain: bool, skipped: bool, dedup: bool,
                  fault: Optional[str]) -> Dict[str, Any]:
    """Task: one input into its partition; with dedup also its articles'
    summaries and keys."""
    target = os.path.join(out, ".raw" if dedup else "", _part_name(i))
    s = winnow.stream(path, threads=1, skipped=skipped, explain=explain)
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
    return {"input": path, "part": _part_name(i), "records": st["records"],
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
        allowed_failures: int = 3, _fault: Optional[str] = None) -> Dict[str, Any]:
    """Processes inputs on a Dask cluster into out/part-NNNNN.jsonl (one per
    input, in input order) and out/stats.json; returns the stats.

    scheduler: a scheduler address ("tcp://host:8786") or "local" (a
    LocalCluster of `workers` processes, one thread each); or pass a
    distributed `client`. dedup: cluster near-duplicates as `winnow --dedup`
    (explain adds dedup_reason, as -x does there). allowed_failures: retries
    of a task whose worker died (LocalCluster only; a remote scheduler keeps
    its own setting, distributed.scheduler.allowed-failures).
    """
    import dask
    from distributed import Client, LocalCluster

    if isinstance(inputs, (str, bytes)) or not all(isinstance(p, str) for p in inputs):
        raise TypeError("inputs must be a sequence of paths")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError("workers must be a positive whole number")
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
        parts = [client.submit(_extract_part, i, p, out, explain, skipped, dedup, _fault,
                               pure=False) for i, p in enumerate(inputs)]
        stats = client.gather([client.submit(_stats_of, p, pure=False) for p in parts])
        total = {k: sum(s[k] for s in stats) for k in ("records", "articles", "errors", "skipped",
                                                        "lines", "bytes_read", "header_warnings")}
        for s in stats:
            want = s["articles"] + s["errors"] + (s["skipped"] if skipped else 0)
            if s["records"] != s["articles"] + s["errors"] + s["skipped"] or s["lines"] != want:
                raise RuntimeError(f"winnow.dask: accounting failed for {s['input']}: {s}")
        result: Dict[str, Any] = {"inputs": len(inputs), **total, "per_input": stats}
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m winnow.dask",
        description="Run winnow over many inputs on a Dask cluster: one task per input, "
                    "JSONL partitions DIR/part-NNNNN.jsonl in input order, the accounting "
                    "summed and checked into DIR/stats.json.")
    ap.add_argument("--scheduler", required=True,
                    help='scheduler address (tcp://HOST:8786) or "local" (a LocalCluster)')
    ap.add_argument("--out", required=True, metavar="DIR", help="output directory")
    ap.add_argument("--dedup", action="store_true",
                    help="cluster near-duplicates on the cluster, as winnow --dedup")
    ap.add_argument("--workers", type=int, default=2,
                    help="worker processes of a local cluster (default 2)")
    ap.add_argument("-x", "--explain", action="store_true",
                    help="removed blocks, and dedup_reason with --dedup (as winnow -x)")
    ap.add_argument("--skipped", action="store_true", help="write skip records too")
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    a = ap.parse_args(argv)
    st = run(a.inputs, a.out, scheduler=a.scheduler, dedup=a.dedup, workers=a.workers,
             explain=a.explain, skipped=a.skipped)
    print(f"winnow.dask: {st['inputs']} inputs, {st['records']} records = {st['articles']} "
          f"articles + {st['errors']} errors + {st['skipped']} skipped -> {a.out}",
          file=sys.stderr)
    return 1 if st["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
