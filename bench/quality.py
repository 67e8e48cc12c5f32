#!/usr/bin/env python3
"""Quality on both dev benchmarks, side by side, with site-held-out figures.

  bench/quality.py [--winnow BIN] [--data DIR] [--sets a,b] [--folds K]
                   [--param NAME=VALUE ...] [--json FILE] [--pages DIR]

For each benchmark (ScrapingHub: 181 pages, article body only; news-2023:
225 pages of 113 sites, body plus title, authors and date) winnow runs once
over all its pages (JSONL, two threads; speed is bench/html.sh's business)
and this prints:

  * text P/R/F1 and exact-match accuracy, scored as bench/score.py scores
    (the ScrapingHub benchmark's own definitions);
  * pages that gave no text (error records such as no_text, or empty text);
  * news-2023 metadata accuracy as its README defines it: date = same
    calendar day (the first ten characters of date_published); authors = the
    same set of names after folding case, punctuation and spacing (a page
    whose truth names nobody is right when winnow names nobody); title =
    equal after NFKC, quote/dash folding, case folding and space collapsing;
  * leave-sites-out figures: the sites (host without "www.") are split into
    K folds by a hash of the host, and every figure is also computed per
    fold. With --param (winnow's --param, developer knobs of the extractor)
    given several values, each fold's figure is the one of the value that
    scored best on the *other* folds: the cross-validated figure of tuning
    that knob, next to the figure of the value best on all pages.

--peer also runs Readability.js (bench/readability-peer.js) on the same
pages and scores its text the same way.

--pages DIR writes per-page rows (id, site, f1, precision, recall, error,
date/authors/title right or wrong with both values) for error analysis.
"""
import argparse
import gzip
import hashlib
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as sc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = {'scrapinghub': 'ScrapingHub', 'news-2023': 'news-2023'}


def host(url):
    h = (urlsplit(url or '').hostname or '').lower()
    return h[4:] if h.startswith('www.') else h


def fold_of(site, k):
    return int(hashlib.sha1(site.encode()).hexdigest(), 16) % k


_QUOTES = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'",
                         '\u2032': "'", '`': "'", '\u00b4': "'",
                         '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00ab': '"',
                         '\u00bb': '"', '\u2033': '"',
                         '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-',
                         '\u2014': '-', '\u2015': '-', '\u2212': '-'})


def fold_title(s):
    s = unicodedata.normalize('NFKC', s or '').translate(_QUOTES).casefold()
    return ' '.join(s.split())


def fold_name(s):
    s = unicodedata.normalize('NFKC', s or '').casefold()
    s = re.sub(r'[^\w\s]', ' ', s)
    return ' '.join(s.split())


def load_truth(data, name):
    with open(os.path.join(data, name, 'ground-truth.json'), encoding='utf-8') as f:
        return json.load(f)


def unpack(data, name, dst):
    src = os.path.join(data, name, 'html')
    paths = []
    for fn in sorted(os.listdir(src)):
        if not fn.endswith('.html.gz'):
            continue
        out = os.path.join(dst, fn[:-3])
        with gzip.open(os.path.join(src, fn)) as a, open(out, 'wb') as b:
            b.write(a.read())
        paths.append(out)
    return paths


def run_winnow(winnow, paths, params):
    cmd = [winnow, '-q', '--threads', '2']
    for p in params:
        cmd += ['--param', p]
    res = subprocess.run(cmd + paths, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if res.returncode > 1:
        sys.exit('quality.py: %s exited with %d: %s' % (winnow, res.returncode,
                                                       res.stderr.decode(errors='replace')[:500]))
    recs = {}
    for line in res.stdout.decode('utf-8').splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        key = os.path.basename(r.get('source', ''))
        key = key[:-5] if key.endswith('.html') else key
        recs.setdefault(key, r)
    return recs


def meta_right(t, r):
    """{'date': bool, 'authors': bool, 'title': bool} for a news-2023 page."""
    got_date = (r.get('date_published') or '')[:10]
    want = {fold_name(a) for a in t.get('authors') or []}
    got = {fold_name(a.get('name') if isinstance(a, dict) else a)
           for a in r.get('authors') or []}
    return {'date': bool(t.get('date')) and got_date == t['date'],
            'authors': want == got,
            'title': fold_title(t.get('title')) == fold_title(r.get('title'))}


def evaluate(truth, recs, keys, with_meta):
    sub = {k: truth[k] for k in keys}
    pred = {k: (recs.get(k) or {}).get('text') or '' for k in keys}
    m = sc.score(sub, pred)
    m['no_text'] = sum(1 for k in keys if not pred[k])
    if with_meta:
        for field in ('date', 'authors', 'title'):
            m[field] = statistics.mean(meta_right(truth[k], recs.get(k) or {})[field]
                                       for k in keys) if keys else 0.0
    return m


def fmt(m, with_meta):
    s = 'F1 %.3f  P %.3f  R %.3f  acc %.3f  no text %d' % (
        m['f1'], m['precision'], m['recall'], m['accuracy'], m['no_text'])
    if with_meta:
        s += '  | date %.1f%%  authors %.1f%%  title %.1f%%' % (
            100 * m['date'], 100 * m['authors'], 100 * m['title'])
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--winnow', default=os.path.join(HERE, '..', 'build', 'winnow'))
    ap.add_argument('--data', default=os.environ.get('WINNOW_BENCH_DATA',
                                                     os.path.join(HERE, '..', '..', 'shared', 'bench')))
    ap.add_argument('--sets', default='scrapinghub,news-2023')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--param', action='append', default=[],
                    help='NAME=V1,V2,...: winnow --param values to cross-validate')
    ap.add_argument('--peer', action='store_true',
                    help='also score Readability.js (bench/readability-peer.js; needs '
                         'bench/node_modules, installed by bench/html.sh)')
    ap.add_argument('--json', metavar='FILE')
    ap.add_argument('--pages', metavar='DIR', help='write per-page TSVs here')
    a = ap.parse_args()

    # the grid of settings: the product of every --param's values
    grid = [[]]
    for p in a.param:
        name, _, vals = p.partition('=')
        grid = [g + ['%s=%s' % (name, v)] for g in grid for v in vals.split(',')]

    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.sets.split(','):
            truth = load_truth(a.data, name)
            d = os.path.join(tmp, name)
            os.mkdir(d)
            paths = [p for p in unpack(a.data, name, d)
                     if os.path.basename(p)[:-5] in truth]
            with_meta = any('title' in v for v in truth.values())
            sites = {k: host(v.get('url')) or k for k, v in truth.items()}
            folds = [[k for k in truth if fold_of(sites[k], a.folds) == f] for f in range(a.folds)]
            runs = [(g, run_winnow(a.winnow, paths, g)) for g in grid]
            nsites = len(set(sites.values()))
            print('%s: %d pages, %d sites, %d folds by site' % (SETS.get(name, name), len(truth),
                                                               nsites, a.folds))
            allm = [evaluate(truth, recs, list(truth), with_meta) for _, recs in runs]
            for (g, _), m in zip(runs, allm):
                print('  %-26s %s' % (' '.join(g) or 'all pages', fmt(m, with_meta)))
            # per fold: the setting best on the other folds, scored on this fold
            held = []
            for f, keys in enumerate(folds):
                rest = [k for k in truth if k not in set(keys)]
                best = max(range(len(runs)),
                           key=lambda i: evaluate(truth, runs[i][1], rest, False)['f1'])
                m = evaluate(truth, runs[best][1], keys, with_meta)
                m['setting'] = ' '.join(runs[best][0])
                held.append(m)
                print('  fold %d (%3d pages) %s%s' % (f, len(keys), fmt(m, with_meta),
                                                      ('  [' + m['setting'] + ']') if len(grid) > 1 else ''))
            # pooled held-out figure: every page scored under its fold's choice
            pooled = {}
            for f, keys in enumerate(folds):
                setting = held[f]['setting']
                recs = next(r for g, r in runs if ' '.join(g) == setting)
                for k in keys:
                    pooled[k] = recs.get(k) or {}
            pm = evaluate(truth, pooled, list(truth), with_meta)
            f1s = [m['f1'] for m in held]
            print('  sites held out (pooled)   %s   fold F1 %.3f-%.3f' % (
                fmt(pm, with_meta), min(f1s), max(f1s)))
            report[name] = {'all': allm, 'held_out': pm, 'folds': held,
                            'grid': [' '.join(g) for g in grid]}
            if a.peer and not os.path.isdir(os.path.join(HERE, 'node_modules', '@mozilla')):
                print('  Readability.js: skipped (bench/node_modules missing: run bench/html.sh once)')
            elif a.peer:
                pj = os.path.join(tmp, name + '.peer.json')
                res = subprocess.run(['node', os.path.join(HERE, 'readability-peer.js'), pj] + paths,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                if res.returncode != 0:
                    print('  Readability.js: failed: %s' % res.stderr.decode(errors='replace')[:200])
                else:
                    with open(pj, encoding='utf-8') as f:
                        peer = {k: {'text': (v or {}).get('articleBody') or ''}
                                for k, v in json.load(f).items()}
                    m = evaluate(truth, peer, list(truth), False)
                    report[name]['readability'] = m
                    print('  Readability.js (same pages) %s' % fmt(m, False))
            if a.pages:
                os.makedirs(a.pages, exist_ok=True)
                recs = runs[0][1]
                per = sc.page_scores(truth, {k: (recs.get(k) or {}).get('text') or '' for k in truth})
                with open(os.path.join(a.pages, name + '.tsv'), 'w', encoding='utf-8') as out:
                    out.write('id\tsite\tf1\tprecision\trecall\terror' +
                              ('\tdate\tauthors\ttitle' if with_meta else '') + '\n')
                    for k, (p, r, f1) in sorted(per.items(), key=lambda kv: kv[1][2]):
                        rec = recs.get(k) or {}
                        row = [k, sites[k], '%.3f' % f1, '%.3f' % p, '%.3f' % r,
                               (rec.get('error') or {}).get('code', '')]
                        if with_meta:
                            ok = meta_right(truth[k], rec)
                            t = truth[k]
                            row += ['%s %s/%s' % ('ok' if ok['date'] else 'NO', t.get('date'),
                                                  (rec.get('date_published') or '')[:10]),
                                    '%s %s/%s' % ('ok' if ok['authors'] else 'NO',
                                                  '; '.join(t.get('authors') or []),
                                                  '; '.join(x.get('name', '') for x in rec.get('authors') or [])),
                                    '%s %s/%s' % ('ok' if ok['title'] else 'NO', t.get('title'),
                                                  rec.get('title') or '')]
                        out.write('\t'.join(c.replace('\t', ' ').replace('\n', ' ') for c in row) + '\n')
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(report, f, indent=1, default=lambda x: None if isinstance(x, float) and math.isnan(x) else x)


if __name__ == '__main__':
    main()
