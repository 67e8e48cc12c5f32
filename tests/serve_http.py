#!/usr/bin/env python3
"""serve_http.py WINNOW: HTTP tests of `winnow serve` without a browser.

Ingests the example pages of tests/browser/pages/ into a fresh store,
starts `winnow serve --port 0` on it and checks, with raw sockets and
http.client: the JSON endpoints (shape, 400 for malformed input, 404 for
unknown ids), the limits (a huge request line -> 414, huge headers -> 431,
a long query -> 400, too many connections never hang), 405 for other
methods, the security headers on every answer (Content-Security-Policy,
nosniff, Content-Type with charset), keep-alive, HEAD, the default bind
address, and that the database is opened read-only. Each check is counted;
the run ends with "N passed, M failed".
"""
import glob
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def ingest(winnow, db):
    pages = sorted(glob.glob(os.path.join(HERE, "browser", "pages", "*")))
    r = subprocess.run([winnow, "ingest", "--db", db, "-q"] + pages, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"winnow ingest failed ({r.returncode}): {r.stderr}")


def start(winnow, db, *extra):
    p = subprocess.Popen([winnow, "serve", "--db", db, "--port", "0", *extra],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    m = re.search(r"http://(\[[0-9a-f:]+\]|[0-9.]+):(\d+)/", line)
    if not m:
        p.kill()
        raise SystemExit(f"winnow serve did not start: {line}{p.stderr.read()}")
    return p, m.group(1), int(m.group(2)), line


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port

    def get(self, path, method="GET", headers=None, body=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=10)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def raw(self, payload):
        """Sends raw bytes, returns the status code of the answer (0: none)."""
        s = socket.create_connection((self.host, self.port), timeout=10)
        try:
            s.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except (ConnectionResetError, socket.timeout):
            pass
        s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        return int(m.group(1)) if m else 0


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    winnow = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="winnow-serve-http-")
    db = os.environ.get("WINNOW_TEST_DB") or os.path.join(tmp, "news.db")
    if not os.environ.get("WINNOW_TEST_DB"):
        ingest(winnow, db)
    proc, host, port, banner = start(winnow, db)
    cl = Client(host, port)
    results = []

    def check(name, fn):
        try:
            fn()
            results.append((name, None))
            print(f"ok   {name}")
        except Exception as e:  # noqa: BLE001 - every failure is reported
            results.append((name, e))
            print(f"FAIL {name}: {type(e).__name__}: {e}")

    def expect(cond, msg):
        if not cond:
            raise AssertionError(msg)

    def api(path, status=200):
        st, h, body = cl.get(path)
        expect(st == status, f"{path}: status {st}, expected {status}: {body[:200]!r}")
        expect(h.get("content-type") == "application/json; charset=utf-8", f"{path}: type {h.get('content-type')}")
        return json.loads(body.decode("utf-8")), h

    def t_binds_loopback():
        expect(host == "127.0.0.1", f"default bind address {host}: {banner}")

    def t_security_headers():
        for path, ctype in (("/", "text/html; charset=utf-8"), ("/app.js", "text/javascript; charset=utf-8"),
                            ("/app.css", "text/css; charset=utf-8"),
                            ("/api/summary", "application/json; charset=utf-8"),
                            ("/api/article?id=999999999", "application/json; charset=utf-8"),
                            ("/nope", "text/plain; charset=utf-8")):
            st, h, _ = cl.get(path)
            csp = h.get("content-security-policy", "")
            expect("script-src 'self'" in csp and "default-src 'none'" in csp, f"{path}: CSP {csp!r}")
            expect("unsafe-inline" not in csp and "unsafe-eval" not in csp, f"{path}: CSP allows inline")
            expect(h.get("x-content-type-options") == "nosniff", f"{path}: nosniff")
            expect(h.get("content-type") == ctype, f"{path}: content type {h.get('content-type')}")

    def t_page_has_no_inline_script():
        _, _, body = cl.get("/")
        html = body.decode()
        for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            expect('src="/app.js"' in m.group(1) and not m.group(2).strip(), "only the external script")
        expect(not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers")

    def t_summary():
        s, _ = api("/api/summary")
        expect(s["articles"] >= 6, f"articles {s['articles']}")
        names = [p["name"] for p in s["publishers"]]
        expect("Tideline Gazette" in names and "Valley Post" in names, f"publishers {names}")
        expect(any(lang["code"] == "en" for lang in s["languages"]), "languages")

    def t_search():
        hits, _ = api("/api/search?q=harbour&limit=10")
        expect(isinstance(hits, list) and len(hits) >= 3, f"{len(hits)} hits")
        titles = [h.get("title") for h in hits]
        expect("Harbour council votes for floating ferry terminal" in titles, f"titles {titles}")
        for h in hits:
            expect(isinstance(h["id"], int) and isinstance(h["cluster_size"], int), f"fields {h}")
        expect(any("\x02" in h.get("snippet", "") and "\x03" in h.get("snippet", "") for h in hits),
               "snippet markers \\x02 \\x03")
        one, _ = api("/api/search?q=harbour&limit=1&offset=1")
        expect(len(one) == 1 and one[0]["id"] == hits[1]["id"], "limit and offset")
        pub, _ = api("/api/search?q=library&publisher=" + urllib.parse.quote("valley post"))
        expect(pub and all("Valley Post" in (h.get("publisher"), h.get("republisher")) for h in pub),
               "publisher filter, case-insensitive")
        later, _ = api("/api/search?q=ferry&since=2026-11-15")
        expect([h["title"] for h in later] == ["Storm warning: ferries cancelled and coastal road to close"],
               f"since filter {[h['title'] for h in later]}")
        none, _ = api("/api/search?q=harbour&lang=de")
        expect(none == [], "lang filter")
        every, _ = api("/api/search")
        expect(len(every) >= 6, "empty query lists every article")

    def t_article_story():
        hits, _ = api("/api/search?q=%22floating%20ferry%20terminal%22&publisher=Tideline%20Gazette")
        orig = [h for h in hits if h["title"] == "Harbour council votes for floating ferry terminal"][0]
        a, _ = api(f"/api/article?id={orig['id']}")
        expect(a["id"] == orig["id"] and a["publisher"] == "Tideline Gazette", "article fields")
        expect(len(a["text"].split("\n\n")) == 6, "six paragraphs")
        reasons = {r["reason"] for r in a["removed"]}
        expect({"share", "author_bio", "newsletter"} <= reasons, f"removed reasons {reasons}")
        expect(all(isinstance(r["at"], int) for r in a["removed"]), "each removed block has at")
        expect(a["cluster_size"] == 3, f"cluster size {a['cluster_size']}")
        s, _ = api(f"/api/story?cluster={a['cluster_id']}")
        expect(s["size"] == 3 and len(s["members"]) == 3, "three copies")
        expect(s["members"][0]["canonical"] is True and s["members"][0]["id"] == a["id"], "original first")
        expect(all("diff" in m and "similarity" in m for m in s["members"][1:]), "copies with diff and similarity")

    def t_not_found():
        e, _ = api("/api/article?id=987654321", 404)
        expect("error" in e, "error message")
        api("/api/story?cluster=987654321", 404)
        api("/api/nothing", 404)
        st, _, _ = cl.get("/secret.txt")
        expect(st == 404, "unknown file")
        st, _, _ = cl.get("/../../etc/passwd")
        expect(st in (400, 404), f"path traversal {st}")

    def t_bad_parameters():
        for path in ("/api/article", "/api/article?id=abc", "/api/article?id=-1", "/api/article?id=0",
                     "/api/article?id=99999999999999999999", "/api/story?cluster=1x",
                     "/api/search?limit=0", "/api/search?limit=1000", "/api/search?offset=x",
                     "/api/search?since=yesterday", "/api/search?lang=english",
                     "/api/search?q=%ff%fe", "/api/search?q=a%00b",
                     "/api/search?q=" + "a" * 1025, "/api/search?publisher=" + "p" * 300):
            e, _ = api(path, 400)
            expect(isinstance(e.get("error"), str) and e["error"], f"{path}: error text")

    def t_malformed_fts_query():
        e, _ = api("/api/search?q=" + urllib.parse.quote('"unbalanced AND ('), 400)
        expect("malformed query" in e["error"], e["error"])
        for lit in ("2", "x"):
            api("/api/search?literal=" + lit + "&q=a", 400)
        # literal=1: the same text is plain words, never a malformed query
        hits, _ = api("/api/search?literal=1&q=" + urllib.parse.quote('"unbalanced AND ('))
        expect(hits == [], f"literal: {hits}")

    def t_methods():
        for m in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
            st, h, body = cl.get("/api/search?q=x", method=m, body=b"x=1" if m in ("POST", "PUT") else None)
            expect(st == 405, f"{m}: {st}")
            expect(h.get("allow") == "GET, HEAD", f"{m}: Allow {h.get('allow')}")
        st, h, body = cl.get("/api/summary", method="HEAD")
        expect(st == 200 and body == b"" and int(h.get("content-length", "0")) > 0, "HEAD")

    def t_request_line_limit():
        st = cl.raw(b"GET /api/search?q=" + b"a" * 40000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        expect(st == 414, f"huge request line: {st}")

    def t_header_limit():
        st = cl.raw(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 40000 + b"\r\n\r\n")
        expect(st == 431, f"huge header: {st}")
        many = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(400))
        st = cl.raw(b"GET / HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
        expect(st == 431, f"many headers: {st}")

    def t_garbage_request():
        st = cl.raw(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")
        expect(st in (0, 400), f"garbage: {st}")
        st, _, _ = cl.get("/api/summary")
        expect(st == 200, "still serving after garbage")

    def t_keep_alive():
        c = http.client.HTTPConnection(host, port, timeout=10)
        for _ in range(3):
            c.request("GET", "/api/summary")
            r = c.getresponse()
            r.read()
            expect(r.status == 200 and (r.getheader("connection") or "").lower() != "close", "keep-alive")
        c.close()

    def t_idle_connections_do_not_block():
        socks = [socket.create_connection((host, port), timeout=5) for _ in range(40)]
        for s in socks:
            s.sendall(b"GET / HTTP/1.1\r\n")  # never finished
        st, _, _ = cl.get("/api/summary")
        expect(st == 200, "answers while 40 connections hang")
        for s in socks:
            s.close()

    def t_random_parameters():
        import random
        rng = random.Random(11)
        alphabet = b'ab "*()-:^+%&=?/\\\x00\x01\x02\x7f\xc3\xa9\xff\xe2\x80'
        for i in range(300):
            raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            key = rng.choice(["q", "since", "publisher", "lang", "limit", "offset", "id", "cluster"])
            path = rng.choice(["/api/search", "/api/article", "/api/story"])
            st, h, body = cl.get(path + "?" + key + "=" + urllib.parse.quote_from_bytes(raw))
            expect(st in (200, 400, 404), f"{path} {key}={raw!r}: {st}")
            json.loads(body.decode("utf-8"))  # always valid JSON, valid UTF-8

    def t_read_only():
        before = os.stat(db).st_mtime_ns, os.path.getsize(db)
        for _ in range(5):
            cl.get("/api/search?q=harbour")
        expect((os.stat(db).st_mtime_ns, os.path.getsize(db)) == before, "database file untouched")

    def t_usage():
        r = subprocess.run([winnow, "serve"], capture_output=True, text=True)
        expect(r.returncode == 2 and "--db" in r.stderr, "--db required")
        r = subprocess.run([winnow, "serve", "--db", db, "--bind", "localhost"], capture_output=True, text=True)
        expect(r.returncode == 2 or r.returncode == 1, "non-numeric bind refused")
        r = subprocess.run([winnow, "serve", "--db", os.path.join(tmp, "missing.db"), "--port", "0"],
                           capture_output=True, text=True, timeout=10)
        expect(r.returncode == 1 and "missing.db" in r.stderr, f"missing store: {r.returncode} {r.stderr}")
        r = subprocess.run([winnow, "serve", "--help"], capture_output=True, text=True)
        expect(r.returncode == 0 and "/api/search" in r.stdout, "help")

    for name, fn in list(locals().items()):
        if name.startswith("t_") and callable(fn):
            check(name[2:], fn)

    proc.terminate()
    try:
        proc.wait(timeout=10)
        results.append(("exit", None if proc.returncode == 0 else AssertionError(proc.returncode)))
        print(("ok   " if proc.returncode == 0 else "FAIL ") + f"clean exit on SIGTERM ({proc.returncode})")
    except subprocess.TimeoutExpired:
        proc.kill()
        results.append(("exit", AssertionError("no exit on SIGTERM")))
        print("FAIL no exit on SIGTERM")
    shutil.rmtree(tmp, ignore_errors=True)
    failed = sum(1 for _, e in results if e)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
