"""winnow.extract / winnow.stream / winnow.dedup / winnow.band_keys against
the CLI on the golden tests' inputs (identical records), plus bad input,
misuse and the GIL."""
import gzip
import json
import os
import subprocess
import threading
import time

import pytest

import winnow


def run_cli(cli, args, stdin=None):
    p = subprocess.run([cli, "-q"] + args if args[:1] != ["dedup"] else [cli] + args,
                       input=stdin, capture_output=True)
    assert p.returncode in (0, 1), p.stderr.decode()
    return [loads(l) for l in p.stdout.decode().splitlines() if l.strip()]


def loads(line):
    try:
        return json.loads(line)
    except ValueError:
        return line


def extraction_inputs(golden):
    return [p for t, (args, ins) in golden.items() if args[:1] != ["dedup"] for p in ins]


def test_stream_equals_cli_on_every_fixture(cli, golden):
    paths = extraction_inputs(golden)
    assert len(paths) > 100
    want = run_cli(cli, paths)
    got = [r for p in paths for r in winnow.stream(p, threads=1)]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_stream_threads_and_bytes_same_records(golden):
    paths = extraction_inputs(golden)[:40]
    for p in paths:
        one = list(winnow.stream(p, threads=1))
        assert list(winnow.stream(p, threads=2)) == one
        data = open(p, "rb").read()
        assert list(winnow.stream(data, source=p, threads=1)) == one


def test_extract_equals_cli_on_single_documents(cli, golden):
    checked = 0
    for p in extraction_inputs(golden):
        want = run_cli(cli, [p]) if checked < 25 else None
        if want is None or len(want) != 1:
            continue
        data = open(p, "rb").read()
        assert winnow.extract(data, p) == want[0]
        checked += 1
    assert checked >= 10


def test_stats_account_for_every_record(tmp_path):
    lines = [json.dumps({"title": "Tide tables", "text": "The harbour master of Valleypost "
                         "published new tide tables on Monday. " * 8}),
             "{not json",
             json.dumps({"url": "https://tideline.example/a"}),
             ""]
    f = tmp_path / "dump.jsonl.gz"
    f.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    s = winnow.stream(str(f), threads=1)
    recs = list(s)
    st = s.stats
    assert st["records"] == len(recs) == st["articles"] + st["errors"] + st["skipped"]
    assert st["articles"] >= 1 and st["errors"] >= 1
    assert all(("error" in r) != ("text" in r) for r in recs)


def test_bad_input_is_an_error_record_never_an_exception(tmp_path):
    for data in (b"", b"\x00\x01\x02\xff" * 50, b"{\"text\": ", b"[[[[[[[[", "<html></html>"):
        r = winnow.extract(data)
        assert "error" in r and r["error"]["code"], r
    r = winnow.extract(b"[" * 2000 + b"]" * 2000, depth=64)
    assert r["error"]["code"] == "too_deep"
    missing = list(winnow.stream(str(tmp_path / "nonexistent.warc.gz")))
    assert len(missing) == 1 and missing[0]["error"]["code"] == "unreadable"


def test_misuse_raises():
    with pytest.raises(TypeError):
        winnow.extract(12345)
    with pytest.raises(ValueError):
        winnow.extract(b"x", input="pdf")
    with pytest.raises(TypeError):
        winnow.extract(b"x", no_such_limit=3)
    with pytest.raises(ValueError):
        winnow.extract(b"x", depth=-1)
    with pytest.raises(ValueError):
        winnow.stream(b"x", threads=-2)
    with pytest.raises(TypeError):
        list(winnow.dedup([42]))
    with pytest.raises(ValueError):
        winnow.band_keys({"source": "a", "error": {"code": "x", "message": "y"}})


def story(words, salt=""):
    return " ".join(f"w{(i * 7919 + len(salt)) % 997}" for i in range(words))


def test_dedup_equals_cli_dedup(cli, golden):
    tests = [t for t, (args, ins) in golden.items() if args[:1] == ["dedup"] and ins
             and all(a in ("dedup", "-x", "--explain") or a in ins or a.endswith(".jsonl")
                     for a in args)]
    assert len(tests) >= 8
    for t in tests:
        args, ins = golden[t]
        explain = "-x" in args or "--explain" in args
        want = run_cli(cli, ["dedup"] + (["--explain"] if explain else []) + ins)
        lines = [l for p in ins for l in open(p, "rb").read().splitlines()]
        got = list(winnow.dedup(lines, explain=explain))
        got = [g for g in got if not (isinstance(g, bytes) and not g.strip())]
        assert got == [w.encode() if isinstance(w, str) else w for w in want], t


def test_dedup_dicts_and_band_keys(cli, tmp_path):
    base = "The ferry council of Valleypost met on Tuesday and agreed on the new timetable. "
    a = {"source": "a#1", "text": base * 6 + "Extra closing line about the harbour lights."}
    b = {"source": "b#1", "text": base * 6}
    c = {"source": "c#1", "text": "An unrelated story about tideline.example gardens " * 12}
    e = {"source": "d#1", "error": {"code": "no_text", "message": "x"}}
    out = list(winnow.dedup([a, b, e, c]))
    assert out[2] == e
    assert out[0]["cluster"] == out[1]["cluster"] != out[3]["cluster"]
    assert [o.get("canonical") for o in out] == [True, False, None, True]
    assert out[1]["duplicate_of"] == "a#1"
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps(x) + "\n" for x in (a, b, e, c)))
    bands = tmp_path / "bands.jsonl"
    p = subprocess.run([cli, "dedup", "--emit-bands", str(bands), str(f)], capture_output=True)
    assert p.returncode == 1  # an error record is among the input lines
    emitted = [json.loads(l) for l in bands.read_text().splitlines()]
    for rec, em in zip((a, b, c), emitted):
        k = winnow.band_keys(rec)
        assert k["fingerprint"] == em["fingerprint"]
        assert k["bands"] == em["bands"] and len(k["bands"]) == 28
        assert k["lead"] == em["lead"] and k["anchors"] == em["anchors"]
        assert len(k["signature"]) == 112


def test_gil_released_during_extraction():
    """While one thread is inside the library, another runs Python code at
    about its usual pace (with the GIL held for the call it could not run)."""
    para = "<p>" + "The Valleypost harbour board met again to discuss the tide tables. " * 20 + "</p>"
    page = ("<html><body><article><h1>Tides</h1>" + para * 2000 + "</article></body></html>").encode()
    t0 = time.perf_counter()
    winnow.extract(page)
    alone = time.perf_counter() - t0
    assert alone > 0.05, "page too small to measure"
    ticks, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < alone:
        ticks += 1
    rate = ticks / alone  # Python loop iterations per second, nothing else running
    done = threading.Event()

    def work():
        winnow.extract(page)
        done.set()

    th = threading.Thread(target=work)
    ticks, t0 = 0, time.perf_counter()
    th.start()
    while not done.is_set():
        ticks += 1
    wall = time.perf_counter() - t0
    th.join()
    # GIL held during the call: ~0 iterations; released: about rate * wall
    # (shared with the extracting thread; 2 cores); 5% leaves room for load
    assert ticks > 0.05 * rate * wall, (ticks, rate, wall)


FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "fixtures")


@pytest.mark.parametrize("name", ["clueweb09.warc.gz", "truncated.warc", "truncated.warc.gz",
                                  "brotli.warc", "provenance.warc"])
def test_archives_equal_cli_with_provenance(cli, name):
    path = os.path.join(FIXTURES, name)
    s = winnow.stream(path, skipped=True, threads=2)
    got = list(s)
    assert got == run_cli(cli, ["--skipped", path])
    st = s.stats
    assert st["records"] == len(got) == st["articles"] + st["errors"] + st["skipped"]
    assert any("fetch_url" in r for r in got)  # provenance kept on archive records
    if name.startswith("clueweb09"):
        assert st["header_warnings"] > 0


def test_stream_byte_range(cli, tmp_path):
    import corpus
    p = corpus.make(str(tmp_path), files=1, stories=10, seed=4)[0]
    data = open(p, "rb").read()
    cut = data.index(b"\n", len(data) // 2) + 1
    whole = [r for r in winnow.stream(p, threads=1)]
    before = winnow.stream(p, threads=1, byte_range=(0, cut)).count()
    assert 0 < before < len(whole)
    tail = list(winnow.stream(p, threads=2, byte_range=(cut, 0), first_record=before))
    assert tail == whole[before:] and tail[0]["source"] == f"{p}#{before + 1}"
    with pytest.raises(ValueError):  # not a line start
        winnow.stream(p, byte_range=(cut - 1, 0))
    gz = str(tmp_path / "x.jsonl.gz")
    with gzip.open(gz, "wb") as g:
        g.write(data)
    with pytest.raises(ValueError):  # a gzip file has no byte ranges
        winnow.stream(gz, byte_range=(0, 0))
    with pytest.raises(TypeError):
        winnow.stream(data, byte_range=(0, 0))
    with pytest.raises(TypeError):
        winnow.stream(p, first_record=3)
