"""winnow.dask on a LocalCluster of 2 worker processes: partitions identical
to the CLI's output, accounting exact, --dedup identical to `winnow --dedup`
record for record, and a worker killed mid-task retried without records lost
or doubled."""
import gzip
import json
import os
import random
import subprocess
import sys

import pytest

import corpus

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from winnow import dask as wdask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"distributed.scheduler.allowed-failures": 3}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def cli_out(cli, args):
    p = subprocess.run([cli, "-q"] + args, capture_output=True)
    assert p.returncode in (0, 1), p.stderr.decode()
    return p.stdout


def parts(out, n):
    names = sorted(f for f in os.listdir(out) if f.startswith("part-"))
    assert names == [f"part-{i:05d}.jsonl" for i in range(n)]
    assert not [f for f in os.listdir(out) if ".tmp-" in f or f == ".raw"]
    return b"".join(open(os.path.join(out, f), "rb").read() for f in names)


def inputs(golden, tmp_path):
    ext = [p for t, (args, ins) in golden.items() if args[:1] != ["dedup"] for p in ins]
    dd = [p for t, (args, ins) in golden.items() if args[:1] == ["dedup"] for p in ins
          if p.endswith(".jsonl")]
    made = corpus.make(str(tmp_path))
    gz = str(tmp_path / "news-0.jsonl.gz")
    with open(made[0], "rb") as f, gzip.open(gz, "wb") as g:
        g.write(f.read())  # the same records again, gzipped: exact copies across files
    missing = str(tmp_path / "no-such-file.warc.gz")  # one error record
    return made + [gz, missing] + dd[:8] + ext[::3]


def test_partitions_equal_cli_accounting_exact(client, cli, golden, tmp_path):
    ins = inputs(golden, tmp_path)
    out = str(tmp_path / "out")
    st = wdask.run(ins, out, client=client, skipped=True)
    want = cli_out(cli, ["--skipped"] + ins)
    assert parts(out, len(ins)) == want
    lines = want.count(b"\n")
    assert st["records"] == st["articles"] + st["errors"] + st["skipped"] == lines
    assert st["errors"] == want.count(b'"error":{')
    assert json.load(open(os.path.join(out, "stats.json")))["records"] == lines


@pytest.mark.parametrize("explain", [False, True])
def test_dedup_equals_cli_dedup(client, cli, golden, tmp_path, explain):
    ins = inputs(golden, tmp_path)
    out = str(tmp_path / "out")
    x = ["-x"] if explain else []
    st = wdask.run(ins, out, client=client, dedup=True, explain=explain)
    want = cli_out(cli, ["--dedup"] + x + ins)
    got = parts(out, len(ins))
    assert got == want  # byte for byte, so record for record
    assert want.count(b'"canonical":false') >= 60  # the corpus really has copies
    assert st["dedup"]["pairs"] > 0 and st["lines"] == want.count(b"\n")


def test_worker_killed_mid_task_is_retried(client, cli, tmp_path):
    ins = corpus.make(str(tmp_path), files=4, seed=11)
    out = str(tmp_path / "out")
    marker = str(tmp_path / "killed-once")
    st = wdask.run(ins, out, client=client, dedup=True, _fault=marker)
    assert os.path.exists(marker)  # a worker did die half-way through a partition
    want = cli_out(cli, ["--dedup"] + ins)
    assert parts(out, len(ins)) == want  # nothing lost, nothing doubled
    assert st["lines"] == want.count(b"\n")


def test_command_line_local(cli, tmp_path):
    # three JSON Lines dumps, all split into ranges of 8 KiB
    ins = [big_jsonl(tmp_path)[0]] + corpus.make(str(tmp_path), files=2, stories=12, seed=3)
    out = str(tmp_path / "out")
    env = dict(os.environ)
    p = subprocess.run([sys.executable, "-m", "winnow.dask", "--scheduler", "local",
                        "--workers", "1", "--out", out, "--dedup", "--chunk-bytes", "8K"] + ins,
                       capture_output=True, env=env, timeout=120)
    assert p.returncode == 1, p.stderr.decode()  # the corpus holds one invalid JSON line
    assert b"records =" in p.stderr
    names = sorted(f for f in os.listdir(out) if f.startswith("part-"))
    assert len(names) > 20 and all(n.count("-") == 2 for n in names)
    assert {n[:10] for n in names} == {"part-00000", "part-00001", "part-00002"}
    got = b"".join(open(os.path.join(out, f), "rb").read() for f in names)
    assert got == cli_out(cli, ["--dedup"] + ins)
    assert wdask._size("64M") == 64 << 20 and wdask._size("123") == 123


def test_misuse(client, tmp_path):
    with pytest.raises(TypeError):
        wdask.run("one-path-not-a-list", str(tmp_path), client=client)
    with pytest.raises(ValueError):
        wdask.run([], str(tmp_path), workers=0)


def big_jsonl(tmp_path):
    """One JSONL dump of a few hundred records with what a range must not
    change: blank and whitespace-only lines, a line that is not JSON, a
    line of several records (an array), a JSON line with no article, a huge
    line (longer than several ranges), and a last line without newline."""
    src = corpus.make(str(tmp_path), files=1, stories=110, seed=5)[0]
    # two short lines first, then the long ones
    lines = [b'{"title": "Brief", "text": "The ferry is late again today."}\n',
             b'{"title": "Brief", "text": "Bridge closed."}\n']
    lines += open(src, "rb").read().splitlines(keepends=True)
    rng = random.Random(3)
    huge = json.dumps({"title": "A long one", "url": "https://tideline.example/long",
                       "text": "\n\n".join(corpus.story(rng, 400))}).encode() + b"\n"
    pair = b"[" + lines[0].strip() + b"," + lines[1].strip() + b"]\n"
    extra = [b"\n", b"   \r\n", b"{broken line, not json\n", pair, b'{"count": 3}\n', huge,
             b"\t\n"]
    for k, e in enumerate(extra):
        lines.insert(20 + 37 * k, e)
    p = str(tmp_path / "dump.jsonl")
    with open(p, "wb") as f:
        f.write(b"".join(lines).rstrip(b"\n"))
    return p, len(huge)


def test_large_jsonl_split_into_ranges(client, cli, tmp_path):
    big, huge = big_jsonl(tmp_path)
    os.makedirs(tmp_path / "s")
    small = corpus.make(str(tmp_path / "s"), files=1, stories=4, seed=9)[0]
    gz = str(tmp_path / "dump.jsonl.gz")
    with open(big, "rb") as f, gzip.open(gz, "wb") as g:
        g.write(f.read())
    ins = [small, big, gz]
    chunk = 8192
    assert huge > 3 * chunk and os.path.getsize(big) > 40 * chunk
    out = str(tmp_path / "out")
    st = wdask.run(ins, out, client=client, chunk_bytes=chunk)
    names = sorted(f for f in os.listdir(out) if f.startswith("part-"))
    ranges = [n for n in names if n.startswith("part-00001-")]
    # the small dump may be split too (its lines are long, but it is JSON
    # Lines); the gzip copy never is
    head = [n for n in names if n.startswith("part-00000")]
    assert len(ranges) > 20 and head and names == head + ranges + ["part-00002.jsonl"]
    assert st["partitions"] == len(names) and st["inputs"] == 3
    want = cli_out(cli, ins)
    got = b"".join(open(os.path.join(out, f), "rb").read() for f in names)
    assert got == want  # byte for byte: "dump.jsonl#N" numbered over the whole file
    # each range's stats: its own records, after those before it; they add up
    per = [s for s in st["per_input"] if s["input"] == big]
    assert [s["range"][0] for s in per] == sorted(s["range"][0] for s in per)
    assert sum(s["range"][1] for s in per) == sum(s["bytes_read"] for s in per) \
        == os.path.getsize(big)
    first = 0
    for s in per:
        assert s["first_record"] == first
        assert s["records"] == s["articles"] + s["errors"] + s["skipped"] == s["lines"]
        first += s["records"]
    whole = wdask.run([big], str(tmp_path / "one"), client=client, chunk_bytes=0)
    assert whole["partitions"] == 1
    for k in ("records", "articles", "errors"):
        assert sum(s[k] for s in per) == whole[k]
    assert whole["records"] == first == want.count(b'"source":"' + big.encode() + b"#")
    assert whole["errors"] >= 2  # the broken line and the line with no article
    # a line of two records counts two: the numbering after it still agrees
    assert b'"source":"' + big.encode() + b"#" + str(first).encode() + b'"' in want


def test_large_jsonl_ranges_dedup(client, cli, tmp_path):
    big, _ = big_jsonl(tmp_path)
    out = str(tmp_path / "out")
    st = wdask.run([big], out, client=client, dedup=True, chunk_bytes=16384)
    names = sorted(f for f in os.listdir(out) if f.startswith("part-"))
    assert len(names) > 10 and st["partitions"] == len(names)
    want = cli_out(cli, ["--dedup", big])
    assert b"".join(open(os.path.join(out, f), "rb").read() for f in names) == want
    assert want.count(b'"canonical":false') >= 30
