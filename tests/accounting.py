#!/usr/bin/env python3
"""Accounting test: on a hostile corpus, every input record is accounted for.

    tests/accounting.py path/to/winnow

Builds a corpus of damaged and awkward inputs in a temporary folder (each
with a known number of records), runs winnow over all of them at once with
--skipped --stats, with one thread and with two, and checks:
  - every stdout line is a JSON object with a "source";
  - the number of lines equals records_in of --stats, and
    records_in == articles + errors + skipped;
  - per input, the number of lines is the known number of records, and the
    record numbers (#N) run 1..N without gaps;
  - the output is byte-identical with one and two threads (order kept);
  - the exit status is 1 (some inputs are errors) and nothing crashed.
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile

PARA = ("The harbour board met on Tuesday to discuss the new ferry timetable, "
        "which adds two crossings on weekdays and one on Sundays. Members said "
        "the change would help commuters who work early shifts in the town.")


def html_page(title, paras):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body><nav><a href='/'>Home</a>"
            "</nav><article><h1>%s</h1>%s</article></body></html>" % (title, title, body))


def warc_record(kind, headers, block, gz=True):
    head = ["WARC/1.1", "WARC-Type: " + kind, "WARC-Record-ID: <urn:uuid:%08d>" % random.randrange(10**8),
            "WARC-Date: 2024-03-05T10:00:00Z"] + ["%s: %s" % kv for kv in headers]
    head.append("Content-Length: %d" % len(block))
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return gzip.compress(data) if gz else data


def http_response(html, ctype="text/html; charset=utf-8"):
    body = html.encode()
    return ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (ctype, len(body))).encode() + body


def build(d):
    """Writes the corpus; returns [(file name, expected records)]."""
    random.seed(7)
    files = []

    def put(name, data, n):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        files.append((name, n))

    put("empty.txt", b"", 1)
    put("junk.bin", bytes(random.randrange(256) for _ in range(5000)), 1)
    put("article.txt", "Harbour News\n\n" + "\n".join([PARA] * 1) + "\nSecond paragraph: " + PARA, 1)
    put("page.html", html_page("Ferry Timetable Changes", [PARA, PARA.replace("Tuesday", "Monday")]), 1)
    # JSONL: 20 lines, some broken, one huge, one blank (not a record)
    lines = []
    for i in range(20):
        rec = {"title": "Story %d" % i, "text": PARA + " Number %d." % i}
        line = json.dumps(rec)
        if i % 5 == 3:
            line = line[: len(line) // 2]  # cut off: invalid_json
        if i == 7:
            line = json.dumps({"title": "no body"})  # no_payload
        lines.append(line)
    lines.insert(10, "")
    put("dump.jsonl", "\n".join(lines) + "\n", 20)
    gz = gzip.compress(("\n".join(lines[:8]) + "\n").encode())
    put("cut.jsonl.gz", gz[: len(gz) * 2 // 3], None)  # truncated: records then an error
    put("deep.json", "[" * 5000 + "]" * 5000, 1)
    put("deep.html", "<html><body>" + "<div>" * 3000 + PARA + "</div>" * 3000 + "</body></html>", 1)
    put("typo.json", "[{\u201ctitle\u201d:\u201dQuotes\u201d,\u201dtext\u201d:\u201d" + PARA + "\u201c}]", 1)
    put("unterminated.json", '{"title": "x", "text": "' + PARA, 1)
    # WARC: warcinfo, request+response pairs, a PDF, a resource, damage
    w = warc_record("warcinfo", [("Content-Type", "application/warc-fields")], b"software: test\r\n")
    n = 1
    for i in range(6):
        url = "http://news.example/%d" % i
        w += warc_record("request", [("WARC-Target-URI", url)], b"GET / HTTP/1.1\r\n\r\n")
        w += warc_record("response", [("WARC-Target-URI", url),
                                      ("Content-Type", "application/http; msgtype=response")],
                         http_response(html_page("Story %d" % i, [PARA])))
        n += 2
    w += warc_record("response", [("WARC-Target-URI", "http://news.example/x.pdf"),
                                  ("Content-Type", "application/http; msgtype=response")],
                     http_response("%PDF-1.4 binary", "application/pdf"))
    w += warc_record("resource", [("WARC-Target-URI", "http://news.example/r"),
                                  ("Content-Type", "text/html")], html_page("Resource", [PARA]).encode())
    w += warc_record("metadata", [("WARC-Target-URI", "http://news.example/r")], b"via: x\r\n")
    n += 3
    put("crawl.warc.gz", w, n)
    put("crawl-cut.warc.gz", w[: len(w) - 200], None)  # truncated at the end
    put("plain.warc", b"".join(warc_record("response", [("WARC-Target-URI", "http://p.example/%d" % i),
                                                        ("Content-Type", "application/http; msgtype=response")],
                                           http_response(html_page("P %d" % i, [PARA])), gz=False)
                               for i in range(3)), 3)
    rss = ("<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
           "<channel><title>Harbour Feed</title><link>http://harbour.example</link>"
           + "".join("<item><title>Item %d</title><link>http://harbour.example/%d</link>"
                     "<content:encoded><![CDATA[<p>%s</p><p>The post Item %d appeared first on Harbour Feed.</p>]]>"
                     "</content:encoded></item>" % (i, i, PARA, i) for i in range(4))
           + "<item><title>Empty</title></item></channel></rss>")
    put("feed.xml", rss, 5)
    os.mkdir(os.path.join(d, "a-directory"))
    files.append(("a-directory", 1))
    files.append(("does-not-exist.txt", 1))
    return files


def run(winnow, d, names, threads):
    stats = os.path.join(d, "stats-%d.json" % threads)
    p = subprocess.run([winnow, "--skipped", "--threads", str(threads), "--stats", stats] + names,
                       cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p, json.load(open(stats))


def main():
    winnow = os.path.abspath(sys.argv[1])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", what)

    with tempfile.TemporaryDirectory() as d:
        files = build(d)
        names = [f for f, _ in files]
        outs = {}
        for threads in (1, 2):
            p, st = run(winnow, d, names, threads)
            outs[threads] = p.stdout
            check(p.returncode == 1, "threads %d: exit status %d (stderr: %s)"
                  % (threads, p.returncode, p.stderr.decode(errors="replace")[-300:]))
            lines = p.stdout.decode("utf-8").splitlines()
            objs = []
            for l in lines:
                try:
                    o = json.loads(l)
                    objs.append(o)
                except ValueError:
                    check(False, "not JSON: %r" % l[:100])
            check(all("source" in o for o in objs), "every line has a source")
            check(len(lines) == st["records_in"], "threads %d: %d lines, records_in %d"
                  % (threads, len(lines), st["records_in"]))
            check(st["records_in"] == st["articles"] + st["errors"] + st["skipped"],
                  "threads %d: counts add up: %r" % (threads, st))
            check(st["inputs"] == len(names), "inputs %d of %d" % (st["inputs"], len(names)))
            by_input = {}
            for o in objs:
                src = o["source"]
                base, _, num = src.partition("#")
                by_input.setdefault(base, []).append(int(num) if num else 0)
            for name, n in files:
                got = by_input.get(name, [])
                if n is not None:
                    check(len(got) == n, "%s: %d records, expected %d" % (name, len(got), n))
                else:
                    check(len(got) >= 1, "%s: at least one record" % name)
                if len(got) > 1:
                    check(got == list(range(1, len(got) + 1)), "%s: numbered 1..N in order: %r"
                          % (name, got[:20]))
        check(outs[1] == outs[2], "output identical with 1 and 2 threads")
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
