#!/usr/bin/env python3
"""Regenerates the fuzz seed corpora in tests/fuzz/corpus/<target>/.

  tests/fuzz/make-seeds.py          rewrite every corpus directory

Seeds come from two places:
  - the golden tests' inputs (tests/data/*.test, read with the golden
    runner's own parser), routed to the targets by extension and content;
  - small inputs built here: damaged variants (cut in half, quotes
    swapped), feeds (RSS 2.0, Atom, RSS 1.0, JSON Feed) and WARC archives
    (plain, gzip per record, whole-file gzip, chunked/gzipped HTTP bodies,
    lying Content-Length, truncation).
Each corpus directory is emptied first: add hand-made seeds here, not in
the directories. Output is deterministic (gzip mtime 0). Inputs larger than
MAX_SEED bytes are left out so libFuzzer's default -max_len stays small.
"""
import gzip, hashlib, io, json, os, sys, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import run_golden  # noqa: E402

TARGETS = ["json", "text", "html", "feeds", "warc", "records", "dedup"]
MAX_SEED = 8192
seeds = {t: {} for t in TARGETS}


def add(target, name, data):
    if len(data) > MAX_SEED:
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    seeds[target][safe] = data


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=6) as f:
        f.write(data)
    return buf.getvalue()


def half(data):
    return data[: len(data) // 2]


# ---- golden-test inputs -----------------------------------------------------

html_pages = []
for path in sorted(os.listdir(os.path.join(HERE, "..", "data"))):
    if not path.endswith(".test"):
        continue
    test = os.path.splitext(path)[0]
    t = run_golden.parse(os.path.join(HERE, "..", "data", path))
    inputs = list(t["inputs"])
    if t["stdin"]:
        inputs.append(("stdin.txt", t["stdin"]))
    for name, data in inputs:
        ext = os.path.splitext(name)[1].lower()
        stem = "%s-%s" % (test, name)
        head = data.lstrip()[:1]
        if name.endswith((".warc", ".warc.gz")) or data.lstrip()[:7] == b"WARC/1.":
            add("warc", stem, data)
        elif ext in (".html", ".htm"):
            add("html", stem, data)
            html_pages.append((stem, data))
        elif ext in (".atom", ".xml", ".rss") or b"jsonfeed.org/version" in data[:512]:
            add("feeds", stem, data)
            add("feeds", stem + ".cut", half(data))
        elif ext == ".gz":
            add("records", stem, data)
        elif ext in (".json", ".jsonl") or head in (b"{", b"["):
            add("json", stem, data)
            add("records", stem, data)
            add("dedup", stem, data)
        else:
            add("text", stem, data)

# damaged JSON: cut, typographic quotes, trailing commas, raw newlines
json_extra = {
    "cut-record": half(seeds["json"].get("jsonl_three_records-dump.jsonl", b'{"text": "a b c"}')),
    "typo-quotes": "{\u201ctitle\u201d: \u201cA \u201cquoted\u201d title\u201d, \u201ctext\u201d: \u201cOne.\n\nTwo.\u201d}",
    "single-quotes": "{'title': 'It''s', 'text': 'Body text here.',}",
    "trailing-commas": '{"a": [1, 2, 3,], "text": "x\ty",}\n{"b": true}',
    "missing-comma": '{"title": "x" "text": "y"}',
    "escapes": '{"text": "\\ud83d\\ude00 \\ud800 \\u00e9 \\q \\/ \\b\\f\\n\\r\\t", "n": -1.5e+10}',
    "deep": "[" * 100 + "]" * 100,
    "concat": '{"text": "one"} {"text": "two"}\n[{"content": "three"}]',
    "numbers": "[0, -0, 1e5, 1.25, 12345678901234567890, -, 01, 1., .5]",
    "literals": "[true, false, null, tru, nul]",
    "invalid-utf8": b'{"text": "caf\xe9 \xc3\x28 \xf0\x9f\x98"}',
}
for k, v in json_extra.items():
    add("json", "gen-" + k, v)
    add("records", "gen-" + k, v)
add("records", "gen-gzip-jsonl", gz(b'{"title": "T", "text": "Body one."}\n{"text": "Body two."}\n'))
add("records", "gen-gzip-cut", gz(b'{"text": "Body that goes on."}\n' * 4)[:40])
add("records", "gen-nested",
    '{"data": {"posts": [{"title": {"rendered": "Hi"}, "content": {"rendered": "<p>Para one.</p><p>Two</p>"}, '
    '"author": [{"name": "A B"}], "tags": ["x", "y"], "date": "2024-01-02T03:04:05"}]}}')

# text: a few shapes the golden tests lack
text_extra = {
    "crlf-only": "\r\n\r\n\r\n",
    "bom-lines": "\ufeffTitle line\n\nBy Jane Doe and John Roe\n\nPublished March 3, 2024\n\nBody.",
    "long-line": "word " * 1500,
    "controls": b"A\x01B\x7fC\x00D\nE\x1bF",
}
for k, v in text_extra.items():
    add("text", "gen-" + k, v)
for stem in sorted(seeds["text"])[:3]:
    add("text", stem + ".cut", half(seeds["text"][stem]))

# html: declared-charset variants (fuzz_html.c: a leading '#' line is the
# declared charset) and damaged markup
for stem, data in html_pages:
    if "shift_jis" in stem:
        add("html", stem + ".declared", b"#text/html; charset=shift_jis\n" + data)
    if "gbk" in stem:
        add("html", stem + ".declared", b"#gbk\n" + data)
    if "windows1252" in stem:
        add("html", stem + ".declared", b"#utf-8\n" + data)
for stem, data in html_pages[:4]:
    add("html", stem + ".cut", half(data))
html_extra = {
    "unclosed": "<html><body><article><p>One <b>two <i>three<p>four<table><tr><td>five",
    "deep-divs": "<div>" * 60 + "text" + "</div>" * 60,
    "script-jsonld": '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
                     '"headline":"H","author":{"name":"N"},"articleBody":"Body."}</script></head><body></body></html>',
    "entities": "<p>&amp; &lt; &#x1F600; &#0; &#xD800; &nbsp;&copy &bogus; &#99999999;</p>",
    "utf16le-bom": "\ufeff<html><body><p>Hallo Welt</p></body></html>".encode("utf-16-le"),
    "meta-charset": '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>\xf0\xd2\xc9</p>'.encode("latin-1"),
}
for k, v in html_extra.items():
    add("html", "gen-" + k, v)

# ---- feeds ------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbor Gazette</title><link>https://harbor.example/</link><language>en</language>
<item><title>Ferry Service Resumes</title><link>https://harbor.example/ferry</link>
<dc:creator>Ana Lima</dc:creator><pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>
<category>Transport</category><guid isPermaLink="false">f1</guid>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The ferry between the two islands runs again after repairs to the pier.</p><p>Tickets cost the same as last year.</p>]]></content:encoded></item>
<item><title>Market Day</title><description>&lt;p&gt;Stalls open at nine on Saturday.&lt;/p&gt;</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Valley Times</title><link href="https://valley.example/"/>
<entry><title type="html">Bridge &amp;amp; Road Works</title><link rel="alternate" href="/bridge"/>
<author><name>Ola Berg</name><uri>https://valley.example/ola</uri></author>
<published>2024-03-05T08:00:00Z</published><updated>2024-03-06T09:00:00Z</updated>
<category term="roads"/><summary>Works start Monday.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Crews will close the bridge for two weeks.</p></div></content></entry>
<entry><title>Only a title</title></entry>
</feed>
"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old Site</title></channel>
<item rdf:about="https://old.example/1"><title>First</title><link>https://old.example/1</link>
<description>The library reopens on Monday with longer hours.</description><dc:date>2024-01-01</dc:date></item>
</rdf:RDF>
"""
JSONFEED = """{"version": "https://jsonfeed.org/version/1.1", "title": "Hill News",
 "home_page_url": "https://hill.example/", "language": "en",
 "items": [{"id": "1", "url": "https://hill.example/1", "title": "School Opens",
   "content_html": "<p>The new school opens its doors in September.</p>",
   "authors": [{"name": "Kim Park"}], "tags": ["schools"], "date_published": "2024-02-01T10:00:00Z"},
  {"id": "2", "content_text": "Plain text item.\\n\\nSecond paragraph."},
  {"id": "3", "summary": "Summary only"}]}
"""
feeds = {
    "rss": RSS, "atom": ATOM, "rdf": RDF, "jsonfeed": JSONFEED,
    "rss-empty": '<rss version="2.0"><channel><title>x</title></channel></rss>',
    "rss-0.91-doctype": '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                        '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
                        '<item><title>T</title><description>D</description></item></channel></rss>',
    "atom-0.3": "<?xml version='1.0'?><feed version='0.3' xmlns='http://purl.org/atom/ns#'><entry>"
                "<title>T</title><content type='text/html' mode='escaped'>&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>",
    "rss-utf16": RSS.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    "rss-latin1": RSS.replace("UTF-8", "ISO-8859-1").replace("Lima", "Lim\u00e1").encode("latin-1"),
    "rss-entities": '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0">'
                    "<channel><item><title>&b;</title><description>&b;&b;</description></item></channel></rss>",
    "not-a-feed": "<html><body><p>Not a feed</p></body></html>",
    "jsonfeed-no-items": '{"version": "https://jsonfeed.org/version/1", "title": "x"}',
}
for k, v in feeds.items():
    add("feeds", "gen-" + k, v)
for k in ("rss", "atom", "rdf", "jsonfeed"):
    add("feeds", "gen-%s.cut" % k, half(feeds[k].encode()))
add("feeds", "gen-rss.gz", gz(RSS.encode()))

# ---- WARC -------------------------------------------------------------------

_rid = [0]


def record(wtype, block, uri="https://news.example/a", ctype=None, extra="", length=None,
           version="WARC/1.0"):
    _rid[0] += 1
    if isinstance(block, str):
        block = block.encode("utf-8")
    h = "%s\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n" \
        "WARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\n" % (version, wtype, uri, _rid[0])
    if ctype:
        h += "Content-Type: %s\r\n" % ctype
    h += extra
    h += "Content-Length: %d\r\n\r\n" % (len(block) if length is None else length)
    return h.encode() + block + b"\r\n\r\n"


PAGE = (b"<!DOCTYPE html><html lang=\"en\"><head><title>Pier Repairs Finished | Harbor Gazette</title>"
        b"<meta name=\"author\" content=\"Ana Lima\"></head><body><article><h1>Pier Repairs Finished</h1>"
        b"<p>Repairs to the old pier were finished on Friday, two weeks ahead of schedule.</p>"
        b"<p>The ferry will dock there again from Monday.</p></article></body></html>")


def http_response(body, headers="Content-Type: text/html; charset=utf-8\r\n", status="200 OK"):
    return b"HTTP/1.1 " + status.encode() + b"\r\n" + headers.encode() + \
        b"Content-Length: %d\r\n\r\n" % len(body) + body


def chunked(body, size=40):
    out = b""
    for i in range(0, len(body), size):
        c = body[i:i + size]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"


HTTP = "application/http; msgtype=response"
warcinfo = record("warcinfo", "software: make-seeds.py\r\nformat: WARC File Format 1.0\r\n",
                  uri="", ctype="application/warc-fields")
request = record("request", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", ctype="application/http; msgtype=request")
response = record("response", http_response(PAGE), ctype=HTTP)
metadata = record("metadata", "fetchTimeMs: 120\r\n", ctype="application/warc-fields")
plain = warcinfo + request + response + metadata

gz_body = gzip.compress(PAGE, mtime=0)
chunked_gzip = record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                      b"Content-Encoding: gzip\r\n\r\n" + chunked(gz_body), ctype=HTTP,
                      uri="https://news.example/chunked")
deflate = record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
                 b"Content-Encoding: deflate\r\n\r\n" + zlib.compress(PAGE.replace(b"Lima", b"Lim\xe1")),
                 ctype=HTTP, uri="https://news.example/deflate")
resource = record("resource", "Plain text resource.\n\nSecond paragraph of it.", ctype="text/plain",
                  uri="file:///notes.txt", version="WARC/1.1")
revisit = record("revisit", b"HTTP/1.1 304 Not Modified\r\n\r\n", ctype=HTTP,
                 extra="WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n")
not_html = record("response", http_response(b"%PDF-1.4 ...", "Content-Type: application/pdf\r\n"), ctype=HTTP)
folded = record("response", http_response(PAGE), ctype=HTTP,
                extra="X-Long: first part\r\n  continued here\r\nWARC-Truncated: length\r\n")

warcs = {
    "plain": plain,
    "single-response": response,
    "chunked-gzip": chunked_gzip,
    "deflate-latin1": deflate,
    "resource-1.1": resource,
    "revisit": revisit,
    "pdf": not_html,
    "folded-truncated": folded,
    "per-record-gzip": b"".join(gz(r) for r in (warcinfo, request, response, chunked_gzip)),
    "whole-gzip": gz(plain + resource),
    "cut": plain[: len(plain) * 2 // 3],
    "cut-gzip": b"".join(gz(r) for r in (warcinfo, response))[:-30],
    "length-too-long": record("response", http_response(PAGE), ctype=HTTP, length=len(PAGE) + 500),
    "length-too-short": record("response", http_response(PAGE), ctype=HTTP, length=100) + response,
    "length-bogus": record("response", b"x", ctype=HTTP, length=None).replace(b"Content-Length: 1", b"Content-Length: -7")
    + record("response", b"x", ctype=HTTP).replace(b"Content-Length: 1", b"Content-Length: 99999999999999999999999"),
    "garbage-between": response + b"junk junk\r\nWARC/1.0 not really\r\n" + resource,
    "no-http-head": record("response", PAGE, ctype=HTTP),
    "bad-chunks": record("response", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                         b"zz\r\n<p>x</p>\r\nffffffffffffffffff\r\n", ctype=HTTP),
}
for k, v in warcs.items():
    add("warc", "gen-" + k, v)


# winnow records for the dedup stage: an original, a near copy with a
# footer naming its publisher, a trimmed copy, an unrelated story, an error
# record, a line that is not JSON
story = ("the ferry to the outer islands will run twice a day from april the harbour board said "
         "after a winter of cancelled sailings and complaints from farmers who could not get "
         "their animals to the mainland market in time for the spring sales ")
rec = lambda **kw: json.dumps(kw, ensure_ascii=False)  # noqa: E731
add("dedup", "gen-cluster", "\n".join([
    rec(source="a.html", publisher="Island Post", date_published="2024-03-01", text=story * 2),
    rec(source="b.html", publisher="Island Post", republisher="Coast Digest",
        date_published="2024-03-02", text=story * 2 + "the post appeared first on island post"),
    rec(source="c.html", text=story),
    rec(source="d.html", text="a completely different story about a bakery that opens at dawn " * 6),
    rec(source="e.html", error={"code": "no_text", "message": "no article text"}),
    "not json at all",
]) + "\n")

# ---- write --------------------------------------------------------------------

def main():
    total = 0
    for t in TARGETS:
        d = os.path.join(HERE, "corpus", t)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        for name, data in sorted(seeds[t].items()):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            total += len(data)
        print("%-8s %3d seeds, %6d bytes" % (t, len(seeds[t]), sum(map(len, seeds[t].values()))))
    print("total    %d bytes" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
