#!/usr/bin/env python3
"""Failure kinds of main-text extraction on the dev benchmarks, counted.

  bench/failures.py [--winnow BIN] [--data DIR] [--sets a,b] [--list]

Runs winnow over each benchmark's pages (as bench/quality.py does) and puts
every page whose text F1 is below 0.9 into one failure kind, decided from
the page's scores and from where the truth's sentences are in the raw HTML:

  no text             winnow gave no text (an error record)
  not in markup: data the story's sentences are only inside <script>
                      elements (a script-rendered page's data), not in the
                      markup winnow extracts from
  not in page         most of the story's sentences are nowhere in the HTML
                      (paywall, truncated save): nobody can extract them
  wrong container     precision and recall both under 0.5
  too small           recall under 0.7 (precision fine): part of the story
                      missed (a split story, pruning inside the story)
  too large           precision under 0.7 (recall fine): more than the
                      story (page-wide container, comments, teasers; also
                      pages whose hand-cleaned truth keeps only part of a
                      long article)
  minor               F1 0.7-0.9: a few boilerplate blocks kept or a few
                      story blocks lost

A sentence (a truth paragraph of 80+ characters) is "in the markup" when a
30-character slice of it occurs in the page's text outside tags and
scripts (entities decoded), "in the page" when it occurs anywhere in it. --list prints the pages of each
kind. The kinds are a triage aid, checked by hand on samples
(docs/extraction.md), not a verdict per page.
"""
import argparse
import html
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality as q  # noqa: E402
import score as sc  # noqa: E402

KINDS = ['no text', 'not in markup: data', 'not in page', 'wrong container', 'too small',
         'too large', 'minor']
SCRIPT_RE = re.compile(r'<script\b[^>]*>.*?</script\s*>', re.S | re.I)
TAG_RE = re.compile(r'<[^>]*>')


def where(truth_text, page):
    """(share of slices found in the page, share found outside scripts)"""
    paras = [p.strip() for p in truth_text.split('\n') if len(p.strip()) >= 80]
    if not paras:
        return 1.0, 1.0
    norm = lambda s: ' '.join(s.split())  # noqa: E731
    # the text of the markup (no attributes, no scripts) and all of the page
    markup = norm(html.unescape(TAG_RE.sub(' ', SCRIPT_RE.sub(' ', page))))
    raw = norm(html.unescape(page))
    found = in_markup = 0
    for p in paras:
        sl = norm(p)[20:50]
        found += sl in raw
        in_markup += sl in markup
    return found / len(paras), in_markup / len(paras)


def kind(p, r, f, err, page_share, markup_share):
    if f >= 0.9:
        return None
    if err:
        return 'no text'
    if r < 0.7 and markup_share < 0.5:
        return 'not in markup: data' if page_share >= 0.5 else 'not in page'
    if p < 0.5 and r < 0.5:
        return 'wrong container'
    if r < 0.7:
        return 'too small'
    if p < 0.7:
        return 'too large'
    return 'minor'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--winnow', default=os.path.join(q.HERE, '..', 'build', 'winnow'))
    ap.add_argument('--data', default=os.environ.get('WINNOW_BENCH_DATA',
                                                     os.path.join(q.HERE, '..', '..', 'shared', 'bench')))
    ap.add_argument('--sets', default='scrapinghub,news-2023')
    ap.add_argument('--list', action='store_true')
    a = ap.parse_args()
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.sets.split(','):
            truth = q.load_truth(a.data, name)
            d = os.path.join(tmp, name)
            os.mkdir(d)
            paths = [p for p in q.unpack(a.data, name, d) if os.path.basename(p)[:-5] in truth]
            recs = q.run_winnow(a.winnow, paths, [])
            pred = {k: (recs.get(k) or {}).get('text') or '' for k in truth}
            per = sc.page_scores(truth, pred)
            counts = {k: [] for k in KINDS}
            for key, (p, r, f) in per.items():
                if f >= 0.9:
                    continue
                with open(os.path.join(d, key + '.html'), encoding='utf-8', errors='replace') as fh:
                    page = fh.read()
                ps, ms = where(truth[key].get('articleBody', ''), page)
                k = kind(0 if p != p else p, 0 if r != r else r, f,
                         'error' in (recs.get(key) or {}), ps, ms)
                counts[k].append((key, q.host(truth[key].get('url')), p, r))
            table[name] = counts
    names = a.sets.split(',')
    print('| failure kind | ' + ' | '.join(names) + ' |')
    print('|---|' + '---|' * len(names))
    for k in KINDS:
        print('| %s | %s |' % (k, ' | '.join(str(len(table[n][k])) for n in names)))
    print('| pages with F1 < 0.9 | %s |' % ' | '.join(
        str(sum(len(v) for v in table[n].values())) for n in names))
    if a.list:
        for n in names:
            for k in KINDS:
                for key, site, p, r in table[n][k]:
                    print('%s\t%s\t%s\t%s\tP %.2f R %.2f' % (n, k, key, site, p, r))


if __name__ == '__main__':
    main()
