#!/usr/bin/env python3
"""Field discovery in scraper and API dumps: the share of expected values found.

  bench/records.py [--winnow BIN] [--tests GLOB] [--verbose]

Runs winnow over the inputs of every golden test tests/data/records_*.test
(one record shape each: news-please, trafilatura, WordPress REST, NewsAPI,
Reddit listings, ... and shapes no tool documented; the records are this
project's own, see docs/records.md) and compares each output record with the
test's expectation for five fields: title, url, date_published, authors
(every expected name present) and publisher. A field counts only where the
test states a value for it. Prints, per shape and in all, the values found /
expected, and how many records gave an article with text. Exit status 0.

Run it with an older binary (--winnow) to compare before and after.
"""
import argparse, glob, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import run_golden  # noqa: E402

FIELDS = ("title", "url", "date_published", "authors", "publisher")


def names(v):
    return [a.get("name") for a in v] if isinstance(v, list) else []


def found(field, want, got):
    if field not in got:
        return False
    if field == "authors":
        return all(n in names(got["authors"]) for n in names(want))
    return got[field] == want


def run_test(winnow, path):
    t = run_golden.parse(path)
    with tempfile.TemporaryDirectory(prefix="winnow-records-") as tmp:
        for name, data in t["inputs"]:
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        cmd = [os.path.abspath(winnow), "-q"] + [n for n, _ in t["inputs"]]
        p = subprocess.run(cmd, cwd=tmp, capture_output=True, input=t["stdin"] or b"")
    out = [json.loads(l) for l in p.stdout.decode("utf-8", "replace").splitlines() if l.strip()]
    return t["expect"] or [], out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--winnow", default=os.path.join(here, "..", "build", "winnow"))
    ap.add_argument("--tests", default=os.path.join(here, "..", "tests", "data", "records_*.test"))
    ap.add_argument("--verbose", action="store_true", help="list every value missed")
    a = ap.parse_args()
    tot_exp = tot_found = recs = with_text = 0
    per_field = {f: [0, 0] for f in FIELDS}
    for path in sorted(glob.glob(a.tests)):
        shape = os.path.basename(path)[len("records_"):-len(".test")]
        expect, out = run_test(a.winnow, path)
        e_n = f_n = 0
        for i, want in enumerate(expect):
            if "error.code" in want:
                continue
            got = out[i] if i < len(out) else {}
            recs += 1
            with_text += bool(isinstance(got.get("text"), str) and got["text"].strip())
            for f in FIELDS:
                if f not in want:
                    continue
                ok = found(f, want[f], got)
                e_n += 1
                f_n += ok
                per_field[f][0] += 1
                per_field[f][1] += ok
                if not ok and a.verbose:
                    print("  %s#%d %s: want %s, got %s" % (shape, i + 1, f, json.dumps(want[f]),
                                                           json.dumps(got.get(f))))
        tot_exp += e_n
        tot_found += f_n
        print("%-22s %2d/%-2d" % (shape, f_n, e_n))
    print("%-22s %s" % ("by field", "  ".join("%s %d/%d" % (f, v[1], v[0]) for f, v in per_field.items())))
    share = 100.0 * tot_found / tot_exp if tot_exp else 0.0
    print("found %d of %d expected values (%.1f%%); %d of %d records gave an article with text"
          % (tot_found, tot_exp, share, with_text, recs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
