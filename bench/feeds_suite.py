#!/usr/bin/env python3
"""Run a feed parser's published test suite through winnow and score it.

Design and why: feedparser's test files are small feeds, each opening with a
comment that states what a parser must find:

    <!--
    Description: entry title is escaped markup
    Expect:      not bozo and entries[0]['title'] == u'Example <b>Atom</b>'
    -->

The Expect line is a Python expression over feedparser's result. We do not
try to be feedparser: we keep only the conditions about the entries' title,
link, author and summary/description/content (the fields winnow has), and
evaluate them with `entries` made of winnow's output records, in order:

    title, title_detail.value            -> title
    link                                 -> url
    author                               -> authors[0] as feedparser spells it:
                                            "Name (mail)" when both are known
    author_detail.name / .email          -> authors[0].name / authors[0].email
    author_detail.href / .url            -> authors[0].url (the author's page)
    summary, description, summary_detail.value, content[0].value
                                         -> text or description (either)

Conditions about other things (bozo, links[n].rel, base, types, dates, feed
metadata) are not counted. The values compare as what a reader sees: an
expected value that feedparser holds as HTML (title_detail.type etc. is not
text/plain) is turned into text first (tags dropped, script and style
content dropped, references decoded); whitespace runs count as one space.
The type is asked of feedparser itself when --feedparser names a Python
that has it (Debian's /usr/bin/python3 does), else guessed (a value holding
a tag or a reference is HTML).

A file is "handled" when winnow exits 0 or 1 within --timeout seconds; an
exit by signal or with another status is a crash. Files without any counted
condition are still run (crashes and hangs count on every file).

Usage: bench/feeds_suite.py DIR [--winnow build/winnow] [--timeout 10]
       [--feedparser /usr/bin/python3] [--json] [-v]
The test files are not part of the repository (their licence is not ours to
re-distribute): fetch them from the feedparser project into a directory of
your own.
"""
import argparse, html, json, os, re, subprocess, sys

FIELDS = ("title", "link", "author", "summary")

# a condition's field, from the keys it reads of entries[N]
FIELD_OF = [
    (re.compile(r"entries\[\d\]\s*(\[['\"]title(_detail)?['\"]\]|\.title\b)"), "title"),
    (re.compile(r"entries\[\d\]\s*(\[['\"]link['\"]\]|\.link\b)"), "link"),
    (re.compile(r"entries\[\d\]\s*(\[['\"]author['\"]\](?!\s*\[)|\.author\b(?!_)|"
                r"\[['\"]author_detail['\"]\]\s*\[['\"](name|email|href|url)['\"]\]|"
                r"\.author_detail\.(name|email|href|url)\b)"), "author"),
    (re.compile(r"entries\[\d\]\s*(\[['\"](summary|description|summary_detail|content)['\"]\]|"
                r"\.(summary|description|content)\b)"), "summary"),
]
DETAIL_KEYS_ONLY = re.compile(
    r"_detail['\"]\]\s*\[['\"](type|language|base)['\"]\]|\['content'\]\[0\]\['(type|language|base)'\]")

FP_SCRIPT = r"""
import sys, json, warnings
warnings.simplefilter('ignore')
import feedparser
out = {}
for path in sys.argv[1:]:
    try:
        d = feedparser.parse(path)
        e = d.entries[0] if d.entries else {}
        t = {}
        for k in ('title_detail', 'summary_detail'):
            if k in e: t[k] = e[k].get('type')
        if e.get('content'): t['content'] = e['content'][0].get('type')
        out[path] = t
    except Exception:
        out[path] = {}
print(json.dumps(out))
"""

BLOCK = re.compile(r"</?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|table|section|article|hr|dd|dt)\b[^>]*>", re.I)


def html_to_text(s):
    s = re.sub(r"<!--.*?-->", " ", s, flags=re.S)
    s = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", s, flags=re.S | re.I)
    s = BLOCK.sub(" ", s)
    s = re.sub(r"<[A-Za-z/!?][^>]*>", "", s)
    return html.unescape(s)


def norm(s):
    return " ".join((s or "").replace("\u00a0", " ").split())


def looks_html(s):
    return bool(re.search(r"<[A-Za-z/!]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);", s))


class Val:
    """A winnow value (or alternatives) compared as a reader sees it."""

    def __init__(self, alts, kind):
        self.alts = [a for a in alts if a is not None] or [""]
        self.kind = kind  # 'text', 'html' (expected value is HTML), 'exact'

    def _want(self, other):
        if isinstance(other, Val):
            return [norm(a) for a in other.alts]
        other = str(other)
        if self.kind == "html" or (self.kind == "guess" and looks_html(other)):
            return [norm(html_to_text(other))]
        return [norm(other)]

    def __eq__(self, other):
        wants = self._want(other)
        return any(norm(a) == w for a in self.alts for w in wants)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return 0

    def __str__(self):
        return self.alts[0]

    def __repr__(self):
        return repr(self.alts if len(self.alts) > 1 else self.alts[0])

    def startswith(self, p):
        return any(norm(a).startswith(norm(str(p))) for a in self.alts)

    def __contains__(self, x):
        return any(norm(str(x)) in norm(a) for a in self.alts)


class D(dict):
    """feedparser's dict: keys as attributes, has_key."""

    def __missing__(self, k):
        # a field winnow left out (nothing of it was text) reads as empty,
        # as feedparser's empty value would; `in` still says it is absent
        kind = getattr(self, "_kinds", {}).get(k)
        if kind is None:
            raise KeyError(k)
        if k == "content":
            return [D(value=Val([""], kind))]
        if k.endswith("_detail"):
            return D(value=Val([""], kind), name=Val([""], "text"), email=Val([""], "text"))
        return Val([""], kind)

    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)

    def has_key(self, k):
        return k in self


def entry_of(rec, types):
    def kind(key):
        t = types.get(key)
        if t is None and key == "summary_detail":
            t = types.get("content")  # feedparser's summary is then its content
        if t is None:
            return "guess"
        return "text" if t == "text/plain" else "html"

    e = D()
    e._kinds = {"title": kind("title_detail"), "title_detail": kind("title_detail"),
                "summary": kind("summary_detail"), "description": kind("summary_detail"),
                "summary_detail": kind("summary_detail"), "content": kind("content"),
                "link": "text", "author": "text", "author_detail": "text"}
    title = rec.get("title")
    if title is not None:
        e["title"] = Val([title], kind("title_detail"))
        e["title_detail"] = D(value=e["title"])
    if rec.get("url"):
        e["link"] = Val([rec["url"]], "text")
    authors = rec.get("authors") or []
    if authors:
        a = authors[0]
        name = a.get("name")
        url = a.get("url") or ""
        mail = a.get("email")
        if name and mail:
            s = "%s (%s)" % (name, mail)
        else:
            s = name or mail
        det = D()
        if name:
            det["name"] = Val([name], "text")
        if mail:
            det["email"] = Val([mail], "text")
        if url:
            det["href"] = Val([url], "text")
            det["url"] = det["href"]
        e["author"] = Val([s], "text")
        e["author_detail"] = det
        e["authors"] = [det]
    text, desc = rec.get("text") or None, rec.get("description")
    if text or desc:
        skind = kind("summary_detail")
        ckind = kind("content")
        e["summary"] = Val([desc, text], skind)
        e["description"] = e["summary"]
        e["summary_detail"] = D(value=e["summary"])
        e["content"] = [D(value=Val([text, desc], ckind))]
    return e


def parse_header(path):
    with open(path, "rb") as f:
        head = f.read(8192)
    m = re.search(rb"<!--(.*?)-->", head, re.S)
    if not m:
        return None, None
    body = m.group(1).decode("utf-8", "replace")
    desc = re.search(r"Description:\s*(.*)", body)
    exp = re.search(r"Expect:\s*(.*)", body)
    return (desc.group(1).strip() if desc else None), (exp.group(1).strip() if exp else None)


def split_and(expr):
    """Top-level ' and ' split (outside quotes and brackets)."""
    parts, depth, q, start, i = [], 0, None, 0, 0
    while i < len(expr):
        c = expr[i]
        if q:
            if c == "\\":
                i += 2
                continue
            if c == q:
                q = None
        elif c in "'\"":
            q = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and expr.startswith(" and ", i):
            parts.append(expr[start:i])
            start = i + 5
            i += 5
            continue
        i += 1
    parts.append(expr[start:])
    return [p.strip() for p in parts if p.strip()]


def field_of(cond):
    if "entries[" not in cond or DETAIL_KEYS_ONLY.search(cond):
        return None
    for rx, f in FIELD_OF:
        if rx.search(cond):
            return f
    return None


def run_winnow(winnow, path, timeout):
    try:
        p = subprocess.run([winnow, "-q", path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", []
    if p.returncode not in (0, 1):
        return "crash:%d" % p.returncode, []
    recs = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:
            pass
    return "ok", recs


def feedparser_types(python, paths):
    if not python or not paths:
        return {}
    out = {}
    for k in range(0, len(paths), 400):
        try:
            p = subprocess.run([python, "-c", FP_SCRIPT] + paths[k:k + 400],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
            out.update(json.loads(p.stdout or b"{}"))
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--winnow", default="build/winnow")
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--feedparser", default="/usr/bin/python3",
                    help="a Python with feedparser, asked for field types ('' for none)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list unmet conditions")
    a = ap.parse_args()

    paths = sorted(os.path.join(r, f) for r, _, fs in os.walk(a.dir) for f in fs
                   if f.endswith(".xml"))
    fp_ok = a.feedparser and os.path.exists(a.feedparser)
    types = feedparser_types(a.feedparser if fp_ok else None, paths)
    met = {f: 0 for f in FIELDS}
    total = {f: 0 for f in FIELDS}
    crashes, timeouts, unmet = [], [], []
    cat_met, cat_total = {}, {}
    for path in paths:
        cat = os.path.relpath(os.path.dirname(path), a.dir)
        status, recs = run_winnow(a.winnow, path, a.timeout)
        if status == "timeout":
            timeouts.append(path)
        elif status != "ok":
            crashes.append((path, status))
        _, expect = parse_header(path)
        if not expect:
            continue
        conds = [(c, field_of(c)) for c in split_and(expect)]
        conds = [(c, f) for c, f in conds if f]
        if not conds:
            continue
        t = types.get(path, {})
        entries = [entry_of(r, t) for r in recs]
        env = {"entries": entries, "feed": D(entries=entries), "bozo": False,
               "__builtins__": {"len": len, "str": str, "True": True, "False": False}}
        for c, f in conds:
            total[f] += 1
            cat_total[cat] = cat_total.get(cat, 0) + 1
            try:
                ok = bool(eval(c.replace("\\\n", ""), env))
            except Exception:
                ok = False
            if ok:
                met[f] += 1
                cat_met[cat] = cat_met.get(cat, 0) + 1
            else:
                got = {k: recs[0].get(k) for k in ("title", "url", "authors", "description", "text")
                       if recs and k in recs[0]} if recs else None
                unmet.append((path, f, c, got))
    all_met, all_total = sum(met.values()), sum(total.values())
    res = {
        "files": len(paths),
        "handled": len(paths) - len(crashes) - len(timeouts),
        "crashes": len(crashes),
        "timeouts": len(timeouts),
        "conditions": all_total,
        "met": all_met,
        "percent": round(100.0 * all_met / all_total, 1) if all_total else 0.0,
        "per_field": {f: {"met": met[f], "total": total[f],
                          "percent": round(100.0 * met[f] / total[f], 1) if total[f] else None}
                      for f in FIELDS},
        "per_category": {c: {"met": cat_met.get(c, 0), "total": cat_total[c]}
                         for c in sorted(cat_total)},
        "types_from_feedparser": bool(types),
    }
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        print("%d files, %d handled, %d crashes, %d timeouts" %
              (res["files"], res["handled"], res["crashes"], res["timeouts"]))
        print("first-entry conditions met: %d/%d = %.1f%%" % (all_met, all_total, res["percent"]))
        for f in FIELDS:
            if total[f]:
                print("  %-8s %d/%d = %.1f%%" % (f, met[f], total[f], 100.0 * met[f] / total[f]))
        print("per category (directory):")
        for c in sorted(cat_total):
            print("  %-28s %d/%d" % (c, cat_met.get(c, 0), cat_total[c]))
    if a.verbose:
        for p, s in crashes:
            print("CRASH %s %s" % (s, p), file=sys.stderr)
        for p in timeouts:
            print("TIMEOUT %s" % p, file=sys.stderr)
        for p, f, c, got in unmet:
            print("UNMET [%s] %s\n   %s\n   winnow: %s" % (f, p, c, json.dumps(got, ensure_ascii=False)[:300]),
                  file=sys.stderr)
    return 0 if not crashes and not timeouts else 1


if __name__ == "__main__":
    sys.exit(main())
