#!/usr/bin/env python3
"""Hostile-input tests for the winnow CLI (stdlib only).

  bad_input.py WINNOW CASE...   run the named case(s)
  bad_input.py WINNOW --all     run every case
  bad_input.py --list           list the cases

Each case generates its input (big ones too: nothing large is committed),
runs winnow on it and checks the promises that hold for any input:

  - winnow exits 0 or 1 (never a signal, never a sanitizer report);
  - every stdout line is one strict JSON object in valid UTF-8;
  - every input record is accounted for (one output line each);
  - limits are enforced quickly (too_large) and deep nesting is refused
    (too_deep/invalid_json) rather than crashing;
and then the case's own expectations (error codes, time bounds).
"""
import gzip, json, os, random, subprocess, sys, tempfile, time

WINNOW = None
MB = 1000 * 1000

WORDS = ("the council met on monday to discuss new budget for coming year and members said "
         "plan would be voted next week city mayor river bridge school children library park "
         "road police fire department officials residents").split()


def prose(nbytes, seed, sep="\n\n"):
    """Varied English-looking paragraphs, about nbytes long."""
    r = random.Random(seed)
    out, size = [], 0
    while size < nbytes:
        s = " ".join(r.choice(WORDS) for _ in range(r.randint(20, 60))).capitalize() + "."
        out.append(s)
        size += len(s) + len(sep)
    return sep.join(out)


def big_prose(nbytes, seed):
    """nbytes of prose made by repeating 1 MB of it (fast to generate)."""
    chunk = prose(MB, seed) + "\n\n"
    return (chunk * (nbytes // len(chunk) + 1))[:nbytes]


class Fail(Exception):
    pass


# the golden runner's strict JSON checks (duplicate keys, lone surrogates,
# NaN/Infinity): one definition for both test programs
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_golden import strict_obj, bad_constant  # noqa: E402


def run(tmp, files, args=(), stdin=b"", limit=60):
    """Writes files {name: bytes} into tmp, runs winnow on them; returns
    (records, exit code, seconds, stderr)."""
    for name, data in files.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
    env = dict(os.environ, ASAN_OPTIONS="exitcode=86:" + os.environ.get("ASAN_OPTIONS", ""),
               UBSAN_OPTIONS="halt_on_error=1:exitcode=87:" + os.environ.get("UBSAN_OPTIONS", ""))
    cmd = [WINNOW, "-q"] + list(args) + list(files)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=tmp, input=stdin, capture_output=True, env=env, timeout=limit)
    except subprocess.TimeoutExpired:
        raise Fail("timed out after %d s: %s" % (limit, " ".join(cmd)))
    dt = time.monotonic() - t0
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        raise Fail("killed by signal %d\n%s" % (-p.returncode, err[-3000:]))
    if "Sanitizer" in err or "runtime error:" in err:
        raise Fail("sanitizer report:\n" + err[-3000:])
    if p.returncode not in (0, 1):
        raise Fail("exit code %d\n%s" % (p.returncode, err[-3000:]))
    try:
        out = p.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Fail("stdout is not valid UTF-8: %s" % e)
    if out and not out.endswith("\n"):
        raise Fail("stdout does not end with a newline")
    recs = []
    for i, line in enumerate(out.split("\n")[:-1], 1):
        try:
            o = json.loads(line, object_pairs_hook=strict_obj, parse_constant=bad_constant)
        except ValueError as e:
            raise Fail("stdout line %d is not strict JSON (%s): %.200s" % (i, e, line))
        if not isinstance(o, dict) or "source" not in o:
            raise Fail("stdout line %d is not a record: %.200s" % (i, line))
        if ("error" in o) == ("text" in o):
            raise Fail("stdout line %d must have exactly one of text/error: %.200s" % (i, line))
        recs.append(o)
    want_rc = 1 if any("error" in o for o in recs) else 0
    if p.returncode != want_rc:
        raise Fail("exit code %d, expected %d for these records" % (p.returncode, want_rc))
    return recs, p.returncode, dt, err


SKIP = 77  # exit status ctest reports as "skipped" (SKIP_RETURN_CODE)


class KnownBug(Exception):
    pass


def known_bug(why):
    """Marks a case that fails because of an engine bug outside the tests:
    while it fails it is reported as skipped (with `why`); once it passes it
    counts as a pass again, and the marker should be removed."""
    def wrap(f):
        def run_case(tmp):
            try:
                f(tmp)
            except Fail as e:
                raise KnownBug("%s\n    (still failing: %s)" % (why, str(e).split("\n")[0]))
            print("NOTE  %s passes now: remove its @known_bug marker" % f.__name__)
        run_case.__doc__ = f.__doc__
        return run_case
    return wrap


def code(o):
    return o["error"]["code"] if "error" in o else None


def expect(cond, msg):
    if not cond:
        raise Fail(msg)


def one_error(recs, codes):
    expect(len(recs) == 1, "expected 1 record, got %d: %s" % (len(recs), [code(o) for o in recs]))
    expect(code(recs[0]) in codes, "error code %r, expected one of %s" % (code(recs[0]), codes))


# ---- cases -----------------------------------------------------------------

def case_big_json_record(tmp):
    """A 50 MB text field in one JSON record: too_large with default limits,
    and quickly (the record is refused, not processed)."""
    doc = json.dumps({"title": "Big", "url": "https://example.com/big",
                      "text": big_prose(50 * MB, 1)}).encode()
    recs, rc, dt, _ = run(tmp, {"big.json": doc})
    one_error(recs, ("too_large",))
    expect(recs[0]["source"] == "big.json", "source %r" % recs[0]["source"])
    expect(dt < 10, "took %.1f s (limit 10 s)" % dt)


def case_big_jsonl_middle(tmp):
    """JSONL: small, 40 MB, small. The big record alone is too_large; both
    neighbours still come out as articles, in order."""
    small = lambda i: json.dumps({"title": "Small %d" % i, "text": prose(600, 10 + i)})
    big = json.dumps({"title": "Big", "text": big_prose(40 * MB, 2)})
    data = "\n".join([small(1), big, small(2)]).encode() + b"\n"
    recs, rc, dt, _ = run(tmp, {"dump.jsonl": data})
    expect(len(recs) == 3, "expected 3 records, got %d" % len(recs))
    expect([o["source"] for o in recs] == ["dump.jsonl#1", "dump.jsonl#2", "dump.jsonl#3"],
           "sources %s" % [o["source"] for o in recs])
    expect(code(recs[0]) is None and code(recs[2]) is None,
           "neighbours of the big record: %s, %s" % (code(recs[0]), code(recs[2])))
    expect(recs[0]["title"] == "Small 1" and recs[2]["title"] == "Small 2", "titles")
    expect(code(recs[1]) == "too_large", "big record: %r" % code(recs[1]))
    expect(dt < 10, "took %.1f s (limit 10 s)" % dt)


def case_big_text(tmp):
    """A 50 MB plain-text file: too_large with default limits."""
    recs, rc, dt, _ = run(tmp, {"big.txt": big_prose(50 * MB, 3).encode()})
    one_error(recs, ("too_large",))
    expect(dt < 10, "took %.1f s (limit 10 s)" % dt)


def case_big_text_stdin(tmp):
    """The same through standard input."""
    recs, rc, dt, _ = run(tmp, {}, stdin=big_prose(50 * MB, 3).encode())
    one_error(recs, ("too_large",))
    expect(recs[0]["source"] == "-", "source %r" % recs[0]["source"])
    expect(dt < 10, "took %.1f s (limit 10 s)" % dt)


def case_lowered_limit(tmp):
    """--max-bytes below the document's size: too_large."""
    recs, rc, dt, _ = run(tmp, {"mid.txt": prose(2 * MB, 4).encode()}, ["--max-bytes", "1000000"])
    one_error(recs, ("too_large",))


def case_raised_limit_text(tmp):
    """A 5 MB text document with --max-bytes raised to 10 MB is processed
    in bounded time (30 s even under ASan)."""
    text = prose(5 * MB, 5)
    recs, rc, dt, _ = run(tmp, {"mid.txt": text.encode()}, ["--max-bytes", "10000000"])
    expect(len(recs) == 1 and code(recs[0]) is None, "expected one article, got %s" %
           [code(o) for o in recs])
    words = len(text.split())
    wc = recs[0].get("word_count", 0)
    expect(wc > words * 0.9, "word_count %d of about %d words" % (wc, words))
    expect(dt < 30, "took %.1f s (limit 30 s)" % dt)


def case_raised_limit_short_lines(tmp):
    """5 MB of one- to six-word lines (a block per line: the worst case for
    per-block passes) in bounded time."""
    r = random.Random(6)
    out, size = [], 0
    while size < 5 * MB:
        l = " ".join(r.choice(WORDS) for _ in range(r.randint(1, 6)))
        out.append(l)
        size += len(l) + 1
    recs, rc, dt, _ = run(tmp, {"short.txt": "\n".join(out).encode()},
                          ["--max-bytes", "10000000"])
    expect(len(recs) == 1, "expected 1 record, got %d" % len(recs))
    expect(dt < 30, "took %.1f s (limit 30 s)" % dt)


def case_raised_limit_html(tmp):
    """A 5 MB HTML page in bounded time."""
    r = random.Random(7)
    parts, size = ["<!DOCTYPE html><html><head><title>Big page</title></head><body><article>"], 0
    while size < 5 * MB:
        p = "<p>" + " ".join(r.choice(WORDS) for _ in range(r.randint(20, 60))) + ".</p>"
        parts.append(p)
        size += len(p) + 1
    parts.append("</article></body></html>")
    recs, rc, dt, _ = run(tmp, {"big.html": "\n".join(parts).encode()},
                          ["--max-bytes", "10000000"])
    expect(len(recs) == 1 and code(recs[0]) is None, "expected one article, got %s" %
           [code(o) for o in recs])
    expect(dt < 30, "took %.1f s (limit 30 s)" % dt)


def case_time_budget(tmp):
    """A 2 MB HTML page with a 1 ms time budget gives a timeout error record
    (the budget is checked between stages), and the run goes on: the small
    document after it still gets its record (an article, or a timeout too
    on a slow machine)."""
    r = random.Random(8)
    parts, size = ["<html><body><article>"], 0
    while size < 2 * MB:
        p = "<p>" + " ".join(r.choice(WORDS) for _ in range(r.randint(20, 60))) + ".</p>"
        parts.append(p)
        size += len(p)
    parts.append("</article></body></html>")
    recs, rc, dt, _ = run(tmp, {"big.html": "".join(parts).encode(),
                                "small.txt": prose(2000, 9).encode()}, ["--timeout", "1"])
    expect(len(recs) == 2, "expected 2 records, got %d" % len(recs))
    expect(code(recs[0]) == "timeout", "big page: %r, expected timeout" % code(recs[0]))
    expect(code(recs[1]) in (None, "timeout"), "small text: %r" % code(recs[1]))


def case_node_limit(tmp):
    """More HTML nodes than --max-nodes: too_large, memory bounded."""
    page = "<html><body>" + "<span>x</span>" * 50000 + "</body></html>"
    recs, rc, dt, _ = run(tmp, {"many.html": page.encode()}, ["--max-nodes", "10000"])
    one_error(recs, ("too_large",))


def case_deep_json(tmp):
    """100k nested arrays/objects: too_deep or invalid_json, no crash."""
    for name, data in (("open.json", b"[" * 100000),
                       ("closed.json", b"[" * 100000 + b"]" * 100000),
                       ("objects.json", b'{"a":' * 100000 + b"1" + b"}" * 100000),
                       ("typo.json", "[\u201c".encode() * 50000)):
        recs, rc, dt, _ = run(tmp, {name: data})
        one_error(recs, ("too_deep", "invalid_json"))
        expect(dt < 10, "%s took %.1f s" % (name, dt))


def case_deep_json_in_jsonl(tmp):
    """A deep line between two good JSONL records: only that line fails."""
    good = lambda i: json.dumps({"title": "Good %d" % i, "text": prose(600, 20 + i)})
    data = (good(1) + "\n" + "[" * 100000 + "\n" + good(2) + "\n").encode()
    recs, rc, dt, _ = run(tmp, {"d.jsonl": data})
    expect(len(recs) == 3, "expected 3 records, got %d" % len(recs))
    expect(code(recs[0]) is None and code(recs[2]) is None, "good lines: %s, %s" %
           (code(recs[0]), code(recs[2])))
    expect(code(recs[1]) in ("too_deep", "invalid_json"), "deep line: %r" % code(recs[1]))


def case_deep_html(tmp):
    """100k nested <div>: a result or an error record, no crash."""
    body = "The text of the page, long enough to be an article of a sort. " * 5
    for name, data in (
            ("deep.html", ("<html><body>" + "<div>" * 100000 + body + "</div>" * 100000 +
                           "</body></html>").encode()),
            ("open.html", ("<html><body>" + "<div>" * 100000 + body).encode()),
            ("mixed.html", ("<html><body>" + "<div><span><b><i>" * 25000 + body).encode())):
        recs, rc, dt, _ = run(tmp, {name: data})
        expect(len(recs) == 1, "%s: expected 1 record, got %d" % (name, len(recs)))
        expect(dt < 10, "%s took %.1f s" % (name, dt))
    # the same as a JSON record's HTML payload
    data = json.dumps({"title": "Deep", "html": "<div>" * 100000 + body}).encode()
    recs, rc, dt, _ = run(tmp, {"deep.json": data})
    expect(len(recs) == 1, "JSON payload: expected 1 record, got %d" % len(recs))


def case_element_text_at_cap(tmp):
    """An <h1> or byline element whose text fills the metadata cap exactly,
    followed by a block child and more text: no crash."""
    body = "<p>" + "The body of the story is here and it is long enough to count. " * 3 + "</p>"
    for name, el, cap in (("h1.html", "h1", 1024), ("byline.html", 'div class="byline"', 2048)):
        tag = el.split()[0]
        page = ("<!DOCTYPE html><html><head></head><body><%s>%s<div></div>more</%s>%s"
                "</body></html>" % (el, "x" * cap, tag, body))
        recs, rc, dt, _ = run(tmp, {name: page.encode()})
        expect(len(recs) == 1, "%s: expected 1 record, got %d" % (name, len(recs)))


def case_binary_junk(tmp):
    """Random bytes: one error record each (binary_input when there are
    NULs), never a crash, never invalid output."""
    r = random.Random(8)
    for i in range(12):
        n = r.choice([1, 2, 7, 100, 4096, 65536, 300000])
        data = bytes(r.getrandbits(8) for _ in range(n))
        if data[:2] == b"\x1f\x8b":
            data = b"x" + data
        recs, rc, dt, _ = run(tmp, {"junk%d.bin" % i: data})
        expect(len(recs) == 1, "junk%d: expected 1 record, got %d" % (i, len(recs)))
        if b"\0" in data[:8192] and not data[:8192].strip(b" \t\r\n\f") == b"":
            expect(code(recs[0]) == "binary_input", "junk%d: %r" % (i, code(recs[0])))
    # junk without NULs: high bytes and control characters
    for i in range(6):
        data = bytes(r.choice(list(range(1, 9)) + list(range(0x80, 0x100))) for _ in range(20000))
        recs, rc, dt, _ = run(tmp, {"hi%d.bin" % i: data})
        expect(len(recs) == 1, "hi%d: expected 1 record, got %d" % (i, len(recs)))
        expect(code(recs[0]) == "binary_input", "hi%d: %r" % (i, code(recs[0])))
    # junk after a JSON-looking start, and inside a JSON string
    junk = bytes(r.getrandbits(8) for _ in range(5000)).replace(b"\0", b"")
    for name, data in (("j1.json", b'{"text": "' + junk + b'"}'),
                       ("j2.json", b"[" + junk),
                       ("j3.jsonl", b'{"text":"a"}\n' + junk + b'\n{"text":"b"}\n')):
        recs, rc, dt, _ = run(tmp, {name: data})
        expect(len(recs) >= 1, "%s: no record" % name)


def case_truncated_gzip(tmp):
    """gzip cut anywhere: the records decompressed whole before the cut are
    extracted as from the intact file, then one invalid_gzip record; never a
    partial article. Corrupt in the middle: the records well before the
    damage are intact, the stream ends with invalid_gzip (what inflate
    produced between the damage and its detection cannot be told from data:
    a streamed input is not held back, docs/schema.md)."""
    lines = [json.dumps({"title": "T%d" % i, "text": prose(3000, 30 + i)}) for i in range(20)]
    z = gzip.compress(("\n".join(lines) + "\n").encode())
    recs, rc, dt, _ = run(tmp, {"ok.jsonl.gz": z})
    expect(len(recs) == 20 and all(code(o) is None for o in recs), "intact gzip: %s" %
           [code(o) for o in recs])
    whole = [o.get("text") for o in recs]

    def prefix_then_error(recs, what):
        expect(len(recs) >= 1 and code(recs[-1]) == "invalid_gzip",
               "%s: last record %s" % (what, [code(o) for o in recs]))
        for i, o in enumerate(recs[:-1]):
            expect(code(o) is None and o.get("title") == "T%d" % i and o.get("text") == whole[i],
                   "%s: record %d is not record %d of the intact file" % (what, i + 1, i + 1))

    for cut in (2, 3, 10, 11, len(z) // 4, len(z) // 2, len(z) - 8, len(z) - 1):
        recs, rc, dt, _ = run(tmp, {"cut.jsonl.gz": z[:cut]})
        prefix_then_error(recs, "cut at %d" % cut)
        if cut <= 11:
            one_error(recs, ("invalid_gzip",))
    # corrupt in the middle
    bad = bytearray(z)
    for k in range(len(z) // 2, len(z) // 2 + 16):
        bad[k] ^= 0x5A
    recs, rc, dt, _ = run(tmp, {"bad.jsonl.gz": bytes(bad)})
    expect(code(recs[-1]) == "invalid_gzip" and len(recs) <= 21, "corrupt: %s" % [code(o) for o in recs])
    for i in range(5):
        expect(recs[i].get("title") == "T%d" % i and recs[i].get("text") == whole[i],
               "corrupt: record %d is not record %d of the intact file" % (i + 1, i + 1))


def case_unterminated_json(tmp):
    """JSON cut off in a string, an object, an array, after a key: error
    records (or a repaired record), no crash; a cut last JSONL line does not
    take the earlier lines with it."""
    text = prose(800, 40)
    full = json.dumps({"title": "Cut", "text": text})
    for cut in (1, 2, 10, len(full) // 2, len(full) - 2, len(full) - 1):
        recs, rc, dt, _ = run(tmp, {"cut.json": full[:cut].encode()})
        expect(len(recs) >= 1, "cut at %d: no record" % cut)
    for name, data in (("s.json", b'{"text": "abc'), ("o.json", b'{"title": "x", "text": '),
                       ("a.json", b'[{"text": "some words here"}, {"text": '),
                       ("k.json", b'{"text'), ("e.json", b'{"text": "abc\\'),
                       ("u.json", b'{"text": "abc\\u12')):
        recs, rc, dt, _ = run(tmp, {name: data})
        expect(len(recs) >= 1, "%s: no record" % name)
    good = [json.dumps({"title": "Line %d" % i, "text": prose(600, 50 + i)}) for i in range(3)]
    data = ("\n".join(good) + "\n" + good[0][: len(good[0]) // 2]).encode()
    recs, rc, dt, _ = run(tmp, {"cut.jsonl": data})
    expect(len(recs) == 4, "expected 4 records, got %d" % len(recs))
    expect([code(o) for o in recs[:3]] == [None, None, None], "good lines: %s" %
           [code(o) for o in recs[:3]])
    expect(code(recs[3]) == "invalid_json", "cut line: %r" % code(recs[3]))


def case_invalid_utf8(tmp):
    """Invalid UTF-8 in text, in JSON keys, values and escapes, in HTML
    (title, attributes, text): the output is always valid UTF-8."""
    r = random.Random(9)
    bad = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80", b"\x80",
           b"\xc3", b"\xf0\x9f\x98"]

    def sprinkle(s):
        out = bytearray()
        for ch in s.encode():
            out.append(ch)
            if r.random() < 0.08:
                out += r.choice(bad)
        return bytes(out)

    body = prose(2000, 60)
    cases = {
        "t.txt": sprinkle("Headline of the story\n\n" + body),
        "r.json": b'{"ti' + b"\xff" + b'tle": "' + sprinkle("A title") + b'", "author": "' +
                  sprinkle("Jane Doe") + b'", "date": "' + sprinkle("March 5, 2024") +
                  b'", "text": "' + sprinkle(body) + b'"}',
        "esc.json": b'{"title": "\\ud800 lone \\udfff surrogates \\ud83d", "text": "' +
                    body.encode() + b' \\ud800\\u0041 \\uDC00\\uD800"}',
        "l.jsonl": b"\n".join(b'{"title": "' + sprinkle("T %d" % i) + b'", "text": "' +
                              sprinkle(prose(500, 70 + i)) + b'"}' for i in range(3)),
        "p.html": b"<html><head><title>" + sprinkle("Page title") + b"</title>" +
                  b'<meta name="author" content="' + sprinkle("Jane Doe") + b'">' +
                  b'</head><body><article><h1>' + sprinkle("Page title") + b"</h1><p>" +
                  sprinkle(body) + b'</p><a href="/x\xff\xfe">' + sprinkle("link") +
                  b"</a></article></body></html>",
        "latin1.txt": ("Caf\u00e9 cr\u00e8me " + body).encode("latin-1"),
    }
    for name, data in cases.items():
        recs, rc, dt, _ = run(tmp, {name: data})
        expect(len(recs) >= 1, "%s: no record" % name)
    recs, rc, dt, _ = run(tmp, {"t.txt": cases["t.txt"]}, ["--explain"])
    for fmt in ("text", "markdown"):
        for name, data in cases.items():
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
            p = subprocess.run([WINNOW, "-q", "-f", fmt, name], cwd=tmp, capture_output=True,
                               timeout=60)
            expect(p.returncode in (0, 1), "%s -f %s: exit %d" % (name, fmt, p.returncode))
            try:
                p.stdout.decode("utf-8")
            except UnicodeDecodeError as e:
                raise Fail("%s -f %s: stdout is not valid UTF-8: %s" % (name, fmt, e))


def case_dedup_stdin_regular_file(tmp):
    """winnow dedup with standard input redirected from a regular file (a
    seekable stdin): both passes see every line (the first pass copies
    standard input whatever it is), in both orders."""
    story = prose(300, 5)
    lines = [json.dumps({"source": "f#%d" % i, "text": story if i % 2 else prose(300, i)})
             for i in range(1, 7)]
    path = os.path.join(tmp, "in.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    for extra in ([], ["--order", "stream"]):
        with open(path, "rb") as f:
            p = subprocess.run([WINNOW, "dedup", "-q"] + extra, stdin=f, capture_output=True,
                               timeout=60)
        out = [l for l in p.stdout.split(b"\n") if l]
        expect(p.returncode == 0, "%s: exit code %d: %s" % (extra, p.returncode, p.stderr[-300:]))
        expect(len(out) == len(lines), "%s: %d lines in, %d out" % (extra, len(lines), len(out)))
        dups = sum(1 for l in out if json.loads(l).get("duplicate_of"))
        expect(dups == 2, "%s: %d duplicates, expected 2" % (extra, dups))


def case_dedup_hostile(tmp):
    """winnow dedup over hostile JSONL (on stdin, as a file and gzipped):
    junk bytes, invalid UTF-8 in a text, a line over --max-bytes, deep
    nesting, a JSON array, CR line endings, NUL bytes: one output line per
    input line, non-articles byte for byte, articles strict JSON with a
    cluster; a truncated gzip adds one error record."""
    r = random.Random(77)
    story = prose(2000, 77)
    lines = [json.dumps({"source": "s#1", "text": story}).encode(),
             json.dumps({"source": "s#2", "text": story + " more"}).encode(),
             bytes(r.getrandbits(8) for _ in range(3000)).replace(b"\n", b""),
             b'{"source": "s#3", "text": "' + b"caf\xe9 \xff\xfe " * 50 + b'"}',
             b'{"source": "s#4", "text": "' + b"x" * 300000 + b'"}',
             b"[" * 5000 + b"]" * 5000,
             b'{"a":' * 3000 + b"1" + b"}" * 3000,
             b"[1,2,3]", b"", b"\0\0\0",
             json.dumps({"source": "s#5", "text": story}).encode() + b"\r",
             b'{"source": "s#6", "text": 12}']
    data = b"\n".join(lines) + b"\n"
    env = dict(os.environ, ASAN_OPTIONS="exitcode=86:" + os.environ.get("ASAN_OPTIONS", ""),
               UBSAN_OPTIONS="halt_on_error=1:exitcode=87:" + os.environ.get("UBSAN_OPTIONS", ""))
    with open(os.path.join(tmp, "h.jsonl"), "wb") as f:
        f.write(data)
    with open(os.path.join(tmp, "h.jsonl.gz"), "wb") as f:
        f.write(gzip.compress(data))
    z = gzip.compress(data)
    with open(os.path.join(tmp, "cut.jsonl.gz"), "wb") as f:
        f.write(z[:len(z) // 2])
    for args, stdin, extra in ((["h.jsonl"], b"", 0), (["-"], data, 0), (["h.jsonl.gz"], b"", 0),
                               (["--max-bytes", "100000", "-"], data, 0),
                               (["cut.jsonl.gz"], b"", None)):
        p = subprocess.run([WINNOW, "dedup", "-q"] + args, cwd=tmp, input=stdin,
                           capture_output=True, env=env, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        expect(p.returncode >= 0 and "Sanitizer" not in err and "runtime error:" not in err,
               "%s: crashed or sanitizer report: %s" % (args, err[-2000:]))
        expect(p.returncode in (0, 1), "%s: exit code %d: %s" % (args, p.returncode, err[-500:]))
        out = p.stdout.split(b"\n")
        expect(out[-1] == b"", "%s: output does not end with a newline" % args)
        out = out[:-1]
        if extra is None:  # truncated gzip: the lines read, then one error record
            o = json.loads(out[-1])
            expect(o.get("error", {}).get("code") == "invalid_gzip", "%s: %r" % (args, out[-1][:200]))
            expect(p.returncode == 1, "%s: exit code %d" % (args, p.returncode))
            continue
        expect(len(out) == len(lines), "%s: %d lines in, %d out" % (args, len(lines), len(out)))
        arts = 0
        for i, (a, b) in enumerate(zip(lines, out)):
            try:
                o = json.loads(b, object_pairs_hook=strict_obj, parse_constant=bad_constant)
            except (ValueError, RecursionError):
                o = None
            if isinstance(o, dict) and "cluster" in o:
                arts += 1
                expect(isinstance(o.get("text"), str), "line %d: article without text" % (i + 1))
            else:
                expect(a == b, "%s: line %d changed: %.100r -> %.100r" % (args, i + 1, a, b))
        want = 4 if "--max-bytes" in args else 5
        expect(arts == want, "%s: %d articles, expected %d" % (args, arts, want))


CASES = {n[5:]: f for n, f in sorted(globals().items()) if n.startswith("case_")}


def main(argv):
    global WINNOW
    if argv[:1] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    WINNOW = os.path.abspath(argv[0])
    names = list(CASES) if argv[1:] == ["--all"] else argv[1:]
    failed = skipped = 0
    for n in names:
        if n not in CASES:
            print("unknown case %r" % n, file=sys.stderr)
            return 2
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="winnow-bad-") as tmp:
            try:
                CASES[n](tmp)
                print("PASS  %s (%.1f s)" % (n, time.monotonic() - t0))
            except KnownBug as e:
                skipped += 1
                print("SKIP  %s: known engine bug: %s" % (n, e))
            except Fail as e:
                failed += 1
                print("FAIL  %s: %s" % (n, e))
    if failed:
        return 1
    return SKIP if skipped and len(names) == 1 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
