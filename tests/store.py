#!/usr/bin/env python3
"""winnow ingest / winnow search end to end, one ctest per case.

  store.py --list            the case names
  store.py WINNOW CASE       run one case (exit 0 pass, 1 fail)

Each case writes records of its own making (invented hosts, texts drawn from a
fixed word list with a fixed seed) to a temporary directory, runs `winnow
ingest` into a fresh store and checks what `winnow search` prints and what the
database holds (Python's sqlite3, read-only).
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile

WORDS = ("harbor pier council vote storm engineer crew bridge river school garden library market "
         "farmer orchard festival museum railway station tunnel ferry island lighthouse village "
         "mayor budget teacher student hospital nurse doctor clinic winter summer spring autumn "
         "road traffic bus tram bicycle park forest trail mountain valley lake shore boat fisher "
         "bakery kitchen recipe concert choir theater painter gallery sculpture novel poet archive "
         "the a of and to in that for with on was said will after before while during under over "
         "new old small large early late quiet busy local regional public private open closed").split()


def paras(seed, n=3, words=45):
    r = random.Random(seed)
    return [" ".join(r.choice(WORDS) for _ in range(words)).capitalize() + "." for _ in range(n)]


def rec(url, title, text_paras, date=None, publisher=None, extra=None):
    d = {"url": url, "title": title}
    if publisher:
        d["publisher"] = publisher
    if date:
        d["date_published"] = date
    d["text"] = "\n\n".join(text_paras + ([extra] if extra else []))
    return d


FRENCH = ("Le conseil municipal a voté lundi la reconstruction de la jetée nord, qui est fermée depuis "
          "une tempête qui a fissuré ses piliers il y a deux ans. Les ingénieurs ont dit que la nouvelle "
          "jetée sera plus large et plus solide que l'ancienne, et que les travaux commenceront au "
          "printemps avec des équipes venues de toute la région.")


class Run:
    def __init__(self, winnow, tmp):
        self.winnow, self.tmp = winnow, tmp
        self.db = os.path.join(tmp, "news.db")
        self.n = 0

    def write(self, records, name=None):
        self.n += 1
        p = os.path.join(self.tmp, name or "in%d.jsonl" % self.n)
        with open(p, "w", encoding="utf-8") as f:
            for r in records:
                f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
        return p

    def ingest(self, *files, expect=0, args=(), db=None):
        p = subprocess.run([self.winnow, "ingest", "--db", db or self.db, "-j", "2", *args, *files],
                           capture_output=True, text=True)
        if p.returncode != expect:
            raise AssertionError("ingest exit %d (want %d): %s" % (p.returncode, expect, p.stderr))
        return p.stderr

    def search(self, *args, expect=0, db=None):
        p = subprocess.run([self.winnow, "search", "--db", db or self.db, *args],
                           capture_output=True, text=True)
        if p.returncode != expect:
            raise AssertionError("search %s: exit %d (want %d): %s" % (args, p.returncode, expect, p.stderr))
        if expect:
            return p.stderr
        return [json.loads(l) for l in p.stdout.splitlines()]

    def sql(self, q, *a):
        c = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)
        try:
            return c.execute(q, a).fetchall()
        finally:
            c.close()


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def case_search(r):
    pier = paras(1)
    recs = [
        rec("https://tideline.example/pier", "Harbor Board Rebuilds the Lighthouse Pier", pier, "2031-05-06",
            "Tideline Gazette"),
        # "lighthouse" only in the text, many times: the title hit must still win
        rec("https://valleypost.example/walk", "Evening walks on the shore", paras(2) +
            ["The lighthouse, the lighthouse keeper and the lighthouse museum drew crowds."], "2031-04-01",
            "Valley Post"),
        rec("https://tideline.example/fr", "La jetée nord", [FRENCH], "2031-05-07", "Tideline Gazette"),
        rec("https://tideline.example/garden", "Library garden opens", paras(3), "2031-03-01",
            "Tideline Gazette"),
    ]
    err = r.ingest(r.write(recs))
    check("4 records in, 4 articles, 0 errors" in err and "4 inserted" in err, err)
    hits = r.search("lighthouse")
    check([h["url"] for h in hits] == ["https://tideline.example/pier", "https://valleypost.example/walk"],
          "title above text: %s" % hits)
    check(hits[0]["score"] > hits[1]["score"], "scores best first")
    h = hits[1]
    check("[lighthouse]" in h["snippet"], "default markers: %r" % h["snippet"])
    for k in ("id", "title", "publisher", "date_published", "language", "url", "cluster_id", "cluster_size"):
        check(k in h, "field %s in %s" % (k, h))
    hits = r.search("--mark", "<<,>>", "lighthouse")
    check("<<lighthouse>>" in hits[1]["snippet"], "--mark: %r" % hits[1]["snippet"])
    check([x["url"] for x in r.search("--since", "2031-05-01", "lighthouse")] ==
          ["https://tideline.example/pier"], "--since")
    check([x["url"] for x in r.search("--publisher", "valley POST", "lighthouse")] ==
          ["https://valleypost.example/walk"], "--publisher any case")
    fr = r.search("--lang", "fr")
    check([x["url"] for x in fr] == ["https://tideline.example/fr"], "--lang: %s" % fr)
    check(len(r.search("--limit", "1", "lighthouse")) == 1, "--limit")
    # FTS5 syntax: a phrase, OR, a column filter, a prefix
    check(len(r.search('"lighthouse keeper"')) == 1, "phrase")
    check(len(r.search("title:lighthouse")) == 1, "column filter")
    check(len(r.search("lightho*")) == 2, "prefix")
    check(len(r.search("jetée OR lighthouse")) == 3, "OR, and a non-ASCII word")
    check([x["url"] for x in r.search("JETEE")] == ["https://tideline.example/fr"], "case and accents ignored")
    # no query: newest first
    check([x["url"] for x in r.search()][0] == "https://tideline.example/fr", "newest first")
    check(r.search("nosuchwordanywhere") == [], "no hit")
    # a sentence pasted with its punctuation (not FTS5, no operator): searched as a phrase
    sent = pier[1].split(" ")
    sent = " ".join(sent[:4]) + ", " + " ".join(sent[4:9]) + "."
    check([x["url"] for x in r.search(sent)] == ["https://tideline.example/pier"], "sentence: %r" % sent)
    check([x["url"] for x in r.search("The lighthouse, the lighthouse-keeper")] == ["https://valleypost.example/walk"],
          "comma and hyphen")
    # -F: any text as a phrase, FTS5 syntax characters included; without -F
    # such text is a malformed query (exit 2) with a hint to -F
    r.ingest(r.write([rec("https://tideline.example/rover", "Savings plans",
                          ["The adviser spoke to a full hall on Tuesday evening about what the town's workers "
                           "should know before they choose how to save for the years after work.",
                           "Caveat: a 401(k) plan (or an \"IRA\") AND a pension are not the same thing at all, "
                           "she told them, and the difference matters most to those who change jobs often.",
                           "She answered questions from the audience for an hour, and the library will hold a "
                           "second evening on the same subject next month for those who could not come."])]))
    for q in ('Caveat: a 401(k) plan (or an "IRA") AND a pension', "401(k) plan (or"):
        check([x["url"] for x in r.search("-F", q)] == ["https://tideline.example/rover"], "-F %r" % q)
    err = r.search("Caveat: a 401(k) plan", expect=2)
    check("malformed query" in err and "-F" in err, err)
    # a longer sentence (five words or more, no operator word) that FTS5 misreads
    # is searched as a phrase without -F; an operator keeps it a query
    check([x["url"] for x in r.search("Caveat: a 401(k) plan (or an")] == ["https://tideline.example/rover"],
          "pasted sentence with a colon and brackets")
    err = r.search("Caveat: a 401(k) plan AND pension", expect=2)
    check("malformed query" in err, err)
    check(r.search("--literal", "401(k) pension plan") == [], "-F keeps word order")


def case_idempotent(r):
    recs = [rec("https://tideline.example/s%d" % i, "Story %d" % i, paras(10 + i), "2031-05-0%d" % (i + 1))
            for i in range(5)]
    recs.append('{"title": "broken')  # an error record
    f = r.write(recs)
    err = r.ingest(f, expect=1)
    check("6 records in, 5 articles, 1 error" in err and "6 inserted, 0 already stored" in err, err)
    count = r.sql("SELECT count(*) FROM article")[0][0]
    err = r.ingest(f, expect=1)
    check("0 inserted, 6 already stored" in err, err)
    check(r.sql("SELECT count(*) FROM article")[0][0] == count == 6, "same count")
    # the same records under another file name: still stored once (keyed on the URL)
    g = r.write(recs[:5], name="renamed.jsonl")
    err = r.ingest(g)
    check("0 inserted, 5 already stored" in err, err)
    # records without a URL, from another directory: found again by file name and record number
    nourl = [{"title": "Note %d" % i, "text": "\n\n".join(paras(200 + i))} for i in range(3)]
    a = r.write(nourl, name="notes.jsonl")
    r.ingest(a)
    os.mkdir(os.path.join(r.tmp, "elsewhere"))
    b = os.path.join(r.tmp, "elsewhere", "notes.jsonl")
    os.rename(a, b)
    err = r.ingest(b)
    check("0 inserted, 3 already stored" in err, "another directory: %s" % err)
    # a changed text under a known URL is a new record
    h = r.write([rec("https://tideline.example/s0", "Story 0", paras(10) + ["A correction: the harbor office said the pier would open in late spring, not early summer."],
                     "2031-05-01")])
    err = r.ingest(h)
    check("1 inserted" in err and "1 joined a story" in err, err)


def case_clusters(r):
    story = paras(20, n=4)
    r.ingest(r.write([rec("https://tideline.example/pier", "Harbor pier rebuilt", story, "2031-05-06",
                          "Tideline Gazette")]))
    # a week later: a copy on another site (retitled, one paragraph trimmed, a line added), and an
    # unrelated story
    err = r.ingest(r.write([
        rec("https://valleypost.example/n/1", "Tideline to rebuild its pier", story[:3], "2031-05-13",
            "Valley Post", extra="Valley Post readers can send questions to the harbor office."),
        rec("https://valleypost.example/n/2", "Orchard festival returns", paras(21, n=4), "2031-05-13",
            "Valley Post"),
    ]))
    check("2 inserted" in err and "1 joined a story" in err, err)
    rows = dict(r.sql("SELECT url, cluster_id FROM article"))
    check(rows["https://valleypost.example/n/1"] == rows["https://tideline.example/pier"],
          "copy joins: %s" % rows)
    check(rows["https://valleypost.example/n/2"] != rows["https://tideline.example/pier"], "unrelated: %s" % rows)
    hits = r.search("pier")
    by = {h["url"]: h for h in hits}
    check(by["https://tideline.example/pier"]["cluster_size"] == 2, "cluster_size: %s" % hits)
    # the original named by a copy arrives last: it becomes the canonical
    story2 = paras(30, n=4)
    r.ingest(r.write([rec("https://digest.example/a", "Ferry timetable", story2, "2031-05-01", "Tideline Gazette",
                          extra="The post Ferry timetable appeared first on Daily Digest.")]))
    r.ingest(r.write([rec("https://tideline.example/ferry", "Ferry timetable changes", story2, "2031-05-03",
                          "Tideline Gazette")]))
    (cid, canon, size, reason), = r.sql(
        "SELECT c.id, c.canonical_id, c.size, c.reason FROM cluster c JOIN article a ON a.cluster_id=c.id"
        " WHERE a.url='https://digest.example/a'")
    url = r.sql("SELECT url FROM article WHERE id=?", canon)[0][0]
    check(size == 2 and url == "https://tideline.example/ferry" and reason == "republisher",
          "canonical by republisher evidence: %s %s %s" % (url, size, reason))
    check(r.sql("SELECT republisher FROM article WHERE url='https://digest.example/a'")[0][0] == "Daily Digest",
          "the copy has a republisher")
    # otherwise the earliest date wins, although it came later
    story3 = paras(40, n=4)
    r.ingest(r.write([rec("https://tideline.example/late", "Bridge", story3, "2031-06-10")]))
    r.ingest(r.write([rec("https://valleypost.example/early", "Bridge", story3 + ["One more line here."],
                          "2031-06-09")]))
    (canon, reason), = r.sql("SELECT c.canonical_id, c.reason FROM cluster c JOIN article a ON a.cluster_id=c.id"
                            " WHERE a.url='https://tideline.example/late'")
    check(r.sql("SELECT url FROM article WHERE id=?", canon)[0][0] == "https://valleypost.example/early"
          and reason == "date", "earliest date: %s" % reason)


def case_errors(r):
    f = r.write([rec("https://tideline.example/ok", "Fine", paras(50)), '{"title": "no close',
                 '{"url": "https://tideline.example/empty", "title": "Nothing here"}'])
    missing = os.path.join(r.tmp, "missing.jsonl")
    err = r.ingest(f, missing, expect=1)
    rows = r.sql("SELECT is_error, error_code, record FROM article ORDER BY id")
    n_err = sum(1 for x in rows if x[0])
    check(len(rows) == 4 and n_err == 3, "every record stored: %s" % rows)
    check("4 records in, 1 article, 3 errors" in err, err)
    for x in rows:
        j = json.loads(x[2])
        check(("error" in j) == bool(x[0]) and "source" in j, "record JSON: %s" % j)
    check(all(h["url"] != "https://tideline.example/empty" for h in r.search()), "no error record in search")
    # accounting as a plain run
    p = subprocess.run([r.winnow, f, missing], capture_output=True, text=True)
    plain = p.stderr.strip().split(", ")[0]
    check(plain.split()[1] == "4", "plain run: %s" % p.stderr)


def case_malformed(r):
    r.ingest(r.write([rec("https://tideline.example/a", "A", paras(60))]))
    for q in ('harbor AND (', '"unterminated', 'NEAR(', 'AND'):
        err = r.search(q, expect=2)
        check("malformed query" in err, "%r: %s" % (q, err))
    err = r.search("--limit", "x", "harbor", expect=2)
    check("--limit" in err, err)


def case_versions(r):
    r.ingest(r.write([rec("https://tideline.example/a", "A", paras(70))]))
    check(r.sql("PRAGMA user_version")[0][0] == 2, "user_version 2")
    check(dict(r.sql("SELECT key, value FROM meta"))["schema_version"] == "2", "meta")
    # version 1 (as the first release wrote it: a publisher index, no kind-led
    # ones): search refuses, ingest upgrades in place and keeps the articles
    v1 = os.path.join(r.tmp, "v1.db")
    r.ingest(r.write([rec("https://tideline.example/v1", "Vee", paras(73))]), db=v1)
    c = sqlite3.connect(v1)
    c.executescript("DROP INDEX article_kind_publisher; DROP INDEX article_kind_language;"
                    "CREATE INDEX article_publisher ON article(publisher COLLATE NOCASE);"
                    "UPDATE meta SET value='1' WHERE key='schema_version'; PRAGMA user_version=1;")
    c.close()
    err = r.search("a", db=v1, expect=2)
    check("older store schema (v1" in err, err)
    p = subprocess.run([r.winnow, "ingest", "--db", v1, r.write([rec("https://t.example/c", "Cee", paras(74))])],
                       capture_output=True, text=True)
    check(p.returncode == 0, p.stderr)
    c = sqlite3.connect(v1)
    idx = {row[0] for row in c.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    ver = c.execute("PRAGMA user_version").fetchone()[0]
    c.close()
    check(ver == 2 and "article_kind_publisher" in idx and "article_publisher" not in idx, (ver, idx))
    check(len(r.search("title:vee", db=v1)) == 1 and len(r.search("title:cee", db=v1)) == 1,
          "v1 store upgraded, old and new articles searchable")
    # newer
    newer = os.path.join(r.tmp, "newer.db")
    c = sqlite3.connect(newer)
    c.executescript("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "INSERT INTO meta VALUES('application','winnow'),('schema_version','5');"
                    "PRAGMA user_version=5;")
    c.close()
    err = r.search("a", db=newer, expect=2)
    check("newer winnow" in err, err)
    p = subprocess.run([r.winnow, "ingest", "--db", newer, os.devnull], capture_output=True, text=True)
    check(p.returncode == 2 and "newer winnow" in p.stderr, p.stderr)
    # foreign SQLite database: refused, untouched
    foreign = os.path.join(r.tmp, "foreign.db")
    c = sqlite3.connect(foreign)
    c.executescript("CREATE TABLE orders(id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders VALUES(1,'x');")
    c.close()
    before = open(foreign, "rb").read()
    p = subprocess.run([r.winnow, "ingest", "--db", foreign, r.write([rec("https://t.example/", "T", paras(71))])],
                       capture_output=True, text=True)
    check(p.returncode == 2 and "not a winnow store" in p.stderr, p.stderr)
    check(open(foreign, "rb").read() == before, "foreign file untouched")
    err = r.search("a", db=foreign, expect=2)
    check("not a winnow store" in err, err)
    # not SQLite
    txt = os.path.join(r.tmp, "notes.txt")
    open(txt, "w").write("shopping list\n" * 200)
    err = r.search("a", db=txt, expect=2)
    check("not a winnow store" in err, err)
    # version 0 (the meta table only): search refuses, ingest upgrades
    v0 = os.path.join(r.tmp, "v0.db")
    c = sqlite3.connect(v0)
    c.executescript("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "INSERT INTO meta VALUES('application','winnow');")
    c.close()
    err = r.search("a", db=v0, expect=2)
    check("older store schema" in err, err)
    p = subprocess.run([r.winnow, "ingest", "--db", v0, r.write([rec("https://t.example/b", "Bee", paras(72))])],
                       capture_output=True, text=True)
    check(p.returncode == 0, p.stderr)
    check(len(r.search("title:bee", db=v0)) == 1, "upgraded store searchable")
    # a missing store for search
    err = r.search("a", db=os.path.join(r.tmp, "nothere.db"), expect=2)
    check("cannot open" in err, err)


def case_html_explain(r):
    # an HTML page: the stored record is the --explain rendering, removed blocks with "at"
    page = ("<html><head><title>Harbor</title><meta property='og:url' content='https://tideline.example/h'>"
            "</head><body><article><h1>Harbor pier reopens</h1><p>%s</p><p>Share this article</p><p>%s</p>"
            "</article></body></html>") % tuple(paras(80, n=2))
    p = os.path.join(r.tmp, "page.html")
    open(p, "w").write(page)
    r.ingest(p)
    j = json.loads(r.sql("SELECT record FROM article")[0][0])
    plain = json.loads(subprocess.run([r.winnow, "-x", p], capture_output=True, text=True).stdout)
    check(j == plain, "stored record = --explain rendering:\n%s\n%s" % (j, plain))
    check(any(x["reason"] == "share" and x["at"] == 1 for x in j["removed"]), "removed at: %s" % j["removed"])


def warc_record(kind, uri, payload, ctype):
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2031-05-06T10:00:00Z\r\n"
            "WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (kind, uri, "%08d" % len(kind), ctype, len(payload)))
    return head.encode() + payload + b"\r\n\r\n"


def case_warc_skipped(r):
    html = ("<html><head><title>Harbor</title></head><body><article><h1>Harbor pier reopens</h1><p>%s</p>"
            "<p>%s</p></article></body></html>" % tuple(paras(90, n=2))).encode()
    resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html)
    uri = "https://tideline.example/pier"
    data = (warc_record("request", uri, b"GET /pier HTTP/1.1\r\nHost: tideline.example\r\n\r\n",
                        "application/http; msgtype=request") +
            warc_record("response", uri, resp + html, "application/http; msgtype=response"))
    p = os.path.join(r.tmp, "crawl.warc")
    open(p, "wb").write(data)
    err = r.ingest(p)
    check("2 records in, 1 article, 0 errors, 1 skipped (request 1)" in err and "1 inserted" in err, err)
    check(r.sql("SELECT count(*), max(url) FROM article") == [(1, uri)], "skips counted, not stored")
    # with --skipped the skip record is stored too (kind 2), never a search hit
    err = r.ingest(p, args=("--skipped",))
    check("1 inserted, 1 already stored" in err, err)
    check(r.sql("SELECT kind, error_code FROM article ORDER BY id") == [(0, None), (2, "request")],
          "skip record stored: %s" % r.sql("SELECT kind, error_code FROM article"))
    check(len(r.search()) == 1, "skip record is not a hit")


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(CASES))
        return 0
    winnow, name = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="winnow-store-") as tmp:
        try:
            CASES[name](Run(winnow, tmp))
        except AssertionError as e:
            print("FAIL %s: %s" % (name, e))
            return 1
    print("ok", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
