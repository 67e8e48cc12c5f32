#!/usr/bin/env python3
"""Near-duplicate clustering on the dedup dev corpus: winnow --dedup against
plain MinHash baselines, in one run.

  bench/dedup.py [--corpus DIR] [--winnow BIN] [--cmd "COMMAND"] [--no-dedup]
                 [--sweep] [--json FILE]

The corpus is bench/dedup-corpus.py's (bench/out/dedup: pages/*.html and
truth.json; `make bench-dedup` builds it when missing). This runs:

  * winnow (no dedup) once over every page, for the baselines' text and
    records/s;
  * the dedup command, `--cmd` (default "BIN --dedup -q --threads 2"; the
    page paths are appended), and reads from its JSONL records (`source` =
    the page's path) the fields `cluster` (a label shared by a cluster's
    records), `canonical` (true on the cluster's canonical record, or the
    canonical's source/url), `duplicate_of` (the canonical's source or url;
    used to build the clusters when there is no `cluster`), `similarity`
    and `duplicate_kind` (counted). A record without these is alone. When
    the command fails (an older build without --dedup) that is said and
    the baselines still run;
  * a plain MinHash baseline written here: word 5-shingles (lower-cased \\w+
    runs), 112 hashes (32-bit, from SHAKE-128 of the shingle), LSH with 14
    bands of 8 rows, candidates kept when the exact Jaccard of their
    shingle sets is >= 0.8, union-find; canonical = the cluster's first
    record in input order (file name order, which tells nothing). Once on
    winnow's extracted `text`, once on the raw page text (scripts, styles
    and tags stripped), which shows what extraction is worth.

For each it prints pair precision, recall and F1 (pairs of records in one
predicted cluster against pairs in one true cluster), the adjusted Rand
index, clusters mixing two stories of one site (a predicted cluster holding
pages of different true clusters in the same site's chrome), hard-negative
pairs merged by kind (same_site, same_topic, template), canonical accuracy
(of the true clusters of 2+ pages: those whose predicted cluster — the one
holding most of their pages — holds 2+ of them and has the true original, or
a byte-identical page, as its canonical; given over the clusters found and
over all, and over all by cluster kind), and the share of copies put with
their original, per transform. --pages FILE writes a row per page of a true
cluster of 2+ pages (put with its original or not, the predicted cluster's
size and canonical, the 5-shingle Jaccard of its extracted text to the
original's, winnow's similarity and duplicate_kind) for error analysis.

--sweep runs the MinHash baseline on the extracted text over shingle sizes
3, 5, 7, hashes x bands 64=16x4, 112=14x8, 128=16x8, 128=32x4 and
thresholds 0.3-0.9, verified by exact Jaccard and by the signature's
estimate, and prints F1 per setting (the pair precision/recall of the best
cell too). Scoring and baselines take ~20 s besides winnow, the sweep
~20 s more.
"""
import argparse
import array
import hashlib
import html as htmlmod
import json
import multiprocessing
import os
import re
import shlex
import subprocess
import sys
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r'\w+')
STRIP = re.compile(r'<!--.*?-->|<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>', re.S | re.I)
TAG = re.compile(r'<[^>]*>')
MAXH = 128
JOBS = 2


# --- running winnow ---------------------------------------------------------

def run(cmd, paths):
    t0 = time.monotonic()
    res = subprocess.run(cmd + paths, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    secs = time.monotonic() - t0
    recs = {}
    for line in res.stdout.decode('utf-8', errors='replace').splitlines():
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError:
            continue
        recs.setdefault(os.path.basename(r.get('source', '')), r)
    return res.returncode, res.stderr.decode(errors='replace'), recs, secs


# --- clusterings ------------------------------------------------------------

class UF:
    def __init__(self, items):
        self.p = {x: x for x in items}

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def from_dedup(files, recs):
    """(label per file, canonical file per label, counts) from winnow --dedup
    records."""
    key = {}  # source, basename or url -> file
    for f in files:
        r = recs.get(f) or {}
        key[f] = f
        for k in ('source', 'url'):
            if r.get(k):
                key.setdefault(r[k], f)
                key.setdefault(os.path.basename(r[k]), f)

    def resolve(v):
        if isinstance(v, str):
            return key.get(v) or key.get(os.path.basename(v))
        return None

    uf = UF(files)
    by_label = defaultdict(list)
    for f in files:
        r = recs.get(f) or {}
        if r.get('cluster') is not None:
            by_label[json.dumps(r['cluster'])].append(f)
        d = resolve(r.get('duplicate_of'))
        if d:
            uf.union(f, d)
    for fs in by_label.values():
        for g in fs[1:]:
            uf.union(fs[0], g)
    label = {f: uf.find(f) for f in files}
    members = defaultdict(list)
    for f in files:
        members[label[f]].append(f)
    canon = {}
    for lab, fs in members.items():
        c = [f for f in fs if (recs.get(f) or {}).get('canonical') is True]
        if not c:
            c = [resolve((recs.get(f) or {}).get('canonical')) for f in fs]
            c = [x for x in c if x in fs]
        if not c:
            c = [f for f in fs if not (recs.get(f) or {}).get('duplicate_of')]
        canon[lab] = (c or fs)[0]
    kinds = Counter((recs.get(f) or {}).get('duplicate_kind') for f in files
                    if (recs.get(f) or {}).get('duplicate_kind'))
    sims = [(recs.get(f) or {}).get('similarity') for f in files]
    sims = [s for s in sims if isinstance(s, (int, float))]
    return label, canon, {'duplicate_kind': dict(kinds), 'with_similarity': len(sims)}


def shingles(text, k):
    ws = WORD.findall(text.lower())
    if len(ws) < k:
        return {' '.join(ws)} if ws else set()
    return {' '.join(ws[i:i + k]) for i in range(len(ws) - k + 1)}


def signature(sh):
    """MAXH 32-bit min-hashes of a shingle set (None for an empty set)."""
    if not sh:
        return None
    rows = [array.array('I', hashlib.shake_128(s.encode()).digest(4 * MAXH)) for s in sh]
    return list(map(min, zip(*rows)))


def _sig_of(arg):
    return signature(shingles(*arg))


class Baseline:
    """Shingle sets and signatures of one text per file, for any setting."""

    def __init__(self, files, texts):
        self.files, self.texts = files, texts
        self.sh, self.sig, self.jac = {}, {}, {}

    def prepare(self, k):
        if k not in self.sh:
            self.sh[k] = {f: shingles(self.texts.get(f, ''), k) for f in self.files}
            # the signatures on JOBS processes; a text met before is not hashed again
            uniq = sorted(set(self.texts.get(f, '') for f in self.files))
            with multiprocessing.Pool(JOBS) as pool:
                sigs = dict(zip(uniq, pool.map(_sig_of, [(t, k) for t in uniq], chunksize=8)))
            self.sig[k] = {f: sigs[self.texts.get(f, '')] for f in self.files}

    def candidates(self, k, bands, rows):
        self.prepare(k)
        buckets = defaultdict(list)
        for f in self.files:
            s = self.sig[k][f]
            if s is None:
                continue
            for b in range(bands):
                buckets[(b, tuple(s[b * rows:(b + 1) * rows]))].append(f)
        pairs = set()
        for fs in buckets.values():
            if len(fs) > 1:
                for i, x in enumerate(fs):
                    for y in fs[i + 1:]:
                        pairs.add((x, y) if x < y else (y, x))
        return pairs

    def jaccard(self, k, x, y):
        key = (k, x, y)
        if key not in self.jac:
            a, b = self.sh[k][x], self.sh[k][y]
            self.jac[key] = len(a & b) / len(a | b) if a or b else 0.0
        return self.jac[key]

    def estimate(self, k, x, y, h):
        a, b = self.sig[k][x], self.sig[k][y]
        return sum(1 for i in range(h) if a[i] == b[i]) / h

    def cluster(self, k=5, bands=14, rows=8, t=0.8, est=False, pairs=None):
        if pairs is None:
            pairs = self.candidates(k, bands, rows)
        uf = UF(self.files)
        for x, y in pairs:
            j = self.estimate(k, x, y, bands * rows) if est else self.jaccard(k, x, y)
            if j >= t:
                uf.union(x, y)
        label = {f: uf.find(f) for f in self.files}
        canon = {}
        for f in self.files:  # files are in input order: the first is canonical
            canon.setdefault(label[f], f)
        return label, canon


def raw_text(path):
    with open(path, 'rb') as f:
        s = f.read().decode('utf-8', errors='replace')
    return htmlmod.unescape(TAG.sub(' ', STRIP.sub(' ', s)))


# --- scoring ----------------------------------------------------------------

def c2(n):
    return n * (n - 1) // 2


def score(truth, files, label, canon, digest):
    tc = truth['clusters']
    pages = truth['pages']
    n = len(files)
    cont = Counter((label[f], tc[f]) for f in files)
    a = Counter(label[f] for f in files)
    b = Counter(tc[f] for f in files)
    index = sum(c2(v) for v in cont.values())
    pa, pb = sum(c2(v) for v in a.values()), sum(c2(v) for v in b.values())
    p = index / pa if pa else 1.0
    r = index / pb if pb else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    exp = pa * pb / c2(n) if n > 1 else 0.0
    mx = (pa + pb) / 2
    ari = (index - exp) / (mx - exp) if mx != exp else 1.0
    members = defaultdict(list)
    for f in files:
        members[label[f]].append(f)
    mixed = 0
    for fs in members.values():
        seen = defaultdict(set)
        for f in fs:
            seen[pages[f]['site']].add(tc[f])
        if any(len(v) > 1 for v in seen.values()):
            mixed += 1
    merged = {k: sum(1 for x, y in v if label[x] == label[y]) for k, v in truth['negatives'].items()}
    # canonical accuracy
    tmembers = defaultdict(list)
    for f in files:
        tmembers[tc[f]].append(f)
    multi = found = right = 0
    by_kind = defaultdict(lambda: [0, 0])
    for cid, fs in tmembers.items():
        if len(fs) < 2:
            continue
        multi += 1
        by_kind[truth['kinds'][cid]][1] += 1
        orig = truth['originals'][cid]
        counts = Counter(label[f] for f in fs)
        best = max(counts.values())
        labs = [lab for lab, c in counts.items() if c == best]
        lab = label[orig] if label[orig] in labs else labs[0]
        if best < 2:
            continue
        found += 1
        c = canon[lab]
        if c == orig or digest[c] == digest[orig]:
            right += 1
            by_kind[truth['kinds'][cid]][0] += 1
    # copies with their original, per transform
    per = defaultdict(lambda: [0, 0])
    for f in files:
        m = pages[f]
        cid = tc[f]
        orig = truth['originals'][cid]
        if f == orig or truth['kinds'][cid] == 'template':
            continue
        ok = label[f] == label[orig]
        tf = m['transforms'] or (['as served'] if m['chrome'] == m['story'] else ['wrap only'])
        for t in tf + ['all']:
            per[t][0] += ok
            per[t][1] += 1
    return {'precision': p, 'recall': r, 'f1': f1, 'ari': ari, 'clusters': len(a),
            'mixed_site_clusters': mixed, 'negatives_merged': merged,
            'canonical_found': right / found if found else 0.0, 'canonical_all': right / multi if multi else 0.0,
            'true_multi': multi, 'found_multi': found,
            'canonical_by_kind': {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
            'copy_recall': {t: v[0] / v[1] for t, v in sorted(per.items())},
            'copy_counts': {t: v[1] for t, v in sorted(per.items())}}


def write_pages(path, truth, files, label, canon, recs, texts):
    """One row per page of a true cluster of 2+ pages: where it went."""
    tc, pages = truth['clusters'], truth['pages']
    size = Counter(label.values())
    with open(path, 'w', encoding='utf-8') as out:
        out.write('file\tcluster_kind\trole\ttransforms\twith_original\tpredicted_size\tcanonical_is\t'
                  'jaccard5_to_original\tsimilarity\tduplicate_kind\tstory\tchrome\n')
        for f in files:
            cid = tc[f]
            orig = truth['originals'][cid]
            if sum(1 for g in files if tc[g] == cid) < 2:
                continue
            a, b = shingles(texts.get(f, ''), 5), shingles(texts.get(orig, ''), 5)
            r = recs.get(f) or {}
            c = canon[label[f]]
            out.write('\t'.join(str(x) for x in (
                f, truth['kinds'][cid], pages[f]['role'], ','.join(pages[f]['transforms']) or '-',
                int(label[f] == label[orig]), size[label[f]],
                'self' if c == f else 'original' if c == orig else 'same-story' if tc[c] == cid else 'OTHER',
                '%.3f' % (len(a & b) / len(a | b) if a | b else 0), r.get('similarity', ''),
                r.get('duplicate_kind', ''), pages[f]['story'], pages[f]['chrome'])) + '\n')


def show(name, m):
    print('%s' % name)
    print('  pairs P %.3f  R %.3f  F1 %.3f   ARI %.3f   %d clusters' % (
        m['precision'], m['recall'], m['f1'], m['ari'], m['clusters']))
    print('  mixed-site clusters %d   negatives merged: %s' % (
        m['mixed_site_clusters'], ', '.join('%s %d' % kv for kv in sorted(m['negatives_merged'].items()))))
    print('  canonical %.1f%% of %d clusters found (%.1f%% of all %d)' % (
        100 * m['canonical_found'], m['found_multi'], 100 * m['canonical_all'], m['true_multi']) +
          '; of all, by kind: ' + ', '.join('%s %.0f%%' % (k, 100 * v) for k, v in m['canonical_by_kind'].items()))
    print('  copies with their original: ' + ', '.join(
        '%s %.0f%%' % (t, 100 * v) for t, v in m['copy_recall'].items()))


def sweep(base, truth, files, digest):
    schemes = [(16, 4), (14, 8), (16, 8), (32, 4)]
    ts = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    rows, best = [], None
    for k in (3, 5, 7):
        for bands, r in schemes:
            pairs = base.candidates(k, bands, r)
            for est in (False, True):
                f1s = []
                for t in ts:
                    lab, can = base.cluster(k, bands, r, t, est, pairs)
                    m = score(truth, files, lab, can, digest)
                    f1s.append(m['f1'])
                    if best is None or m['f1'] > best[0]:
                        best = (m['f1'], k, bands, r, t, est, m)
                rows.append((k, bands, r, est, len(pairs), f1s))
    print('\nMinHash sweep on winnow\'s text: pair F1 (candidates = LSH pairs; '
          'verify: exact Jaccard or the signature\'s estimate >= t)')
    print('  %-2s %-10s %-6s %6s  %s' % ('k', 'hashes', 'verify', 'cands', '  '.join('t=%.1f' % t for t in ts)))
    for k, bands, r, est, nc, f1s in rows:
        print('  %-2d %-10s %-6s %6d  %s' % (k, '%d=%dx%d' % (bands * r, bands, r), 'est' if est else 'exact',
                                              nc, '  '.join('%.3f' % x for x in f1s)))
    f1, k, bands, r, t, est, m = best
    print('  best: k=%d %d=%dx%d %s t=%.1f: F1 %.3f (P %.3f R %.3f), ARI %.3f, negatives merged: %s' % (
        k, bands * r, bands, r, 'est' if est else 'exact', t, f1, m['precision'], m['recall'], m['ari'],
        ', '.join('%s %d' % kv for kv in sorted(m['negatives_merged'].items()))))
    print('  copies with their original there: ' + ', '.join(
        '%s %.0f%%' % (t, 100 * v) for t, v in m['copy_recall'].items()))
    return [{'k': k, 'hashes': b * r, 'bands': b, 'rows': r, 'verify': 'est' if e else 'exact',
             'candidates': nc, 'f1': dict(zip(map(str, ts), f1s))} for k, b, r, e, nc, f1s in rows]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(HERE, 'out', 'dedup'))
    ap.add_argument('--winnow', default=os.path.join(HERE, '..', 'build', 'winnow'))
    ap.add_argument('--cmd', help='dedup command, page paths appended (default: "WINNOW --dedup -q --threads 2")')
    ap.add_argument('--no-dedup', action='store_true', help='baselines only')
    ap.add_argument('--sweep', action='store_true', help='sweep the MinHash baseline\'s settings')
    ap.add_argument('--json', metavar='FILE')
    ap.add_argument('--pages', metavar='FILE', help='per-page TSV of the dedup run (of the baseline '
                    'on extracted text without one): pages of true clusters of 2+ pages')
    a = ap.parse_args()

    tpath = os.path.join(a.corpus, 'truth.json')
    if not os.path.exists(tpath):
        sys.exit('dedup.py: no %s: run bench/dedup-corpus.py first' % tpath)
    with open(tpath, encoding='utf-8') as f:
        truth = json.load(f)
    files = sorted(truth['clusters'])
    paths = [os.path.join(a.corpus, 'pages', f) for f in files]
    digest = {}
    for f, p in zip(files, paths):
        with open(p, 'rb') as fh:
            digest[f] = hashlib.sha1(fh.read()).hexdigest()
    s = truth['summary']
    print('dedup corpus: %d pages, %d true clusters (%d of 2+ pages, %d true pairs); %s' % (
        s['pages'], s['clusters'], s['multi_page_clusters'], s['true_pairs'],
        ', '.join('%s %d' % kv for kv in sorted(s['clusters_by_kind'].items()))))
    report = {'corpus': s}

    rc, err, plain, secs = run([a.winnow, '-q', '--threads', '2'], paths)
    if rc > 1 or not plain:
        sys.exit('dedup.py: %s failed (%d): %s' % (a.winnow, rc, err[:300]))
    print('winnow (extraction only, 2 threads): %d records in %.2f s, %.0f records/s' % (
        len(plain), secs, len(plain) / secs))
    report['extract_records_per_s'] = len(plain) / secs

    if not a.no_dedup:
        cmd = shlex.split(a.cmd) if a.cmd else [a.winnow, '--dedup', '-q', '--threads', '2']
        rc, err, recs, secs = run(cmd, paths)
        has = any(k in r for r in recs.values() for k in ('cluster', 'duplicate_of', 'canonical'))
        if rc > 1 or not has:
            print('\n%s: no dedup output (exit %d%s)' % (' '.join(cmd), rc,
                                                         (': ' + err.strip().splitlines()[0]) if err.strip() else ''))
        else:
            label, canon, extra = from_dedup(files, recs)
            m = score(truth, files, label, canon, digest)
            m.update(extra)
            m['records_per_s'] = len(recs) / secs
            print()
            show('%s: %d records in %.2f s, %.0f records/s' % (' '.join(cmd), len(recs), secs,
                                                                 len(recs) / secs), m)
            if extra['duplicate_kind']:
                print('  duplicate_kind: ' + ', '.join('%s %d' % kv for kv in sorted(extra['duplicate_kind'].items())))
            report['dedup'] = m
            if a.pages:
                texts = {f: (plain.get(f) or {}).get('text') or '' for f in files}
                write_pages(a.pages, truth, files, label, canon, recs, texts)

    texts = {f: (plain.get(f) or {}).get('text') or '' for f in files}
    base = Baseline(files, texts)
    m = score(truth, files, *base.cluster(), digest)
    print()
    show('MinHash baseline on winnow\'s text (5-shingles, 112=14x8, Jaccard >= 0.8, canonical = first)', m)
    report['minhash_text'] = m
    if a.pages and 'dedup' not in report:
        write_pages(a.pages, truth, files, *base.cluster(), {}, texts)
    rawb = Baseline(files, {f: raw_text(p) for f, p in zip(files, paths)})
    m = score(truth, files, *rawb.cluster(), digest)
    print()
    show('MinHash baseline on the raw page text (tags stripped; same settings)', m)
    report['minhash_raw'] = m
    if a.sweep:
        report['sweep'] = sweep(base, truth, files, digest)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(report, f, indent=1)


if __name__ == '__main__':
    main()
