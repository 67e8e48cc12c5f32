#!/usr/bin/env python3
"""Pack HTML pages into a WARC 1.1 file, gzip per record (Common Crawl layout).

    bench/pack-warc.py OUT.warc.gz PAGE.html[.gz] ...

For each page: a request record and a response record (HTTP/1.1 200 with a
text/html Content-Type), as a crawler writes them; a warcinfo record first.
The target URI is taken from the benchmark's ground truth when the page id
is found there (so the extractor sees the same URL it would in a crawl),
else a made-up one. Used by bench/warc.sh.
"""
import gzip
import json
import os
import sys
import uuid
from datetime import datetime, timezone


def record(kind, headers, block):
    head = ["WARC/1.1", "WARC-Type: " + kind,
            "WARC-Record-ID: <urn:uuid:%s>" % uuid.uuid4(),
            "WARC-Date: " + datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")]
    head += ["%s: %s" % kv for kv in headers]
    head.append("Content-Length: %d" % len(block))
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return gzip.compress(data, compresslevel=6)


def main():
    out, pages = sys.argv[1], sys.argv[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    truth = os.path.join(here, "..", "..", "shared", "bench", "scrapinghub", "ground-truth.json")
    urls = {}
    if os.path.exists(truth):
        urls = {k: v.get("url") for k, v in json.load(open(truth)).items()}
    with open(out, "wb") as f:
        f.write(record("warcinfo", [("Content-Type", "application/warc-fields")],
                       b"software: winnow bench/pack-warc.py\r\nformat: WARC File Format 1.1\r\n"))
        for p in pages:
            raw = open(p, "rb").read()
            if p.endswith(".gz"):
                raw = gzip.decompress(raw)
            pid = os.path.basename(p).split(".")[0]
            url = urls.get(pid) or "http://pages.example/%s" % pid
            host = url.split("/")[2]
            req = ("GET /%s HTTP/1.1\r\nHost: %s\r\n\r\n" % (pid, host)).encode()
            f.write(record("request", [("WARC-Target-URI", url),
                                       ("Content-Type", "application/http; msgtype=request")], req))
            http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    "Content-Length: %d\r\n\r\n" % len(raw)).encode() + raw
            f.write(record("response", [("WARC-Target-URI", url),
                                        ("Content-Type", "application/http; msgtype=response")],
                           http))


if __name__ == "__main__":
    main()
