#!/usr/bin/env python3
"""Score article-body extraction output against ground truth.

Mirrors the evaluation of the public ScrapingHub / Zyte benchmark
(github.com/scrapinghub/article-extraction-benchmark, evaluate.py), so figures
are directly comparable with the ones published in its README:

  * Tokens are the matches of the Unicode regex \\w+ (case kept as is).
  * Each text becomes a multiset (Counter) of 4-token shingles. A text with
    1-3 tokens yields one shorter shingle holding all its tokens; a text with
    no tokens yields no shingles at all.
  * Per page: tp = sum of min(count_true, count_pred) over shingles,
    fp / fn = the surplus of predicted / true counts. The three are divided by
    their sum, so every page weighs the same whatever its length.
  * precision = mean of tp/(tp+fp) over pages whose prediction has a shingle
    (empty output is left out of precision, not counted as 0);
    recall = mean of tp/(tp+fn) over pages whose truth has a shingle (an empty
    prediction there scores recall 0); F1 = 2PR/(P+R) from the two means.
  * accuracy = share of pages whose token sequence equals the truth's exactly.
  The benchmark's bootstrap error bars are not computed.

Usage:
  bench/score.py --truth GT.json PRED [--json] [--per-page FILE] [--ids FILE]
PRED is a JSON file {id: {"articleBody": text}} (optionally wrapped as
{"version": ..., "output": {...}} like the benchmark's own output files), or a
directory of <id>.txt files; a missing id or file counts as empty output.
Importable: score(truth, pred) -> dict, where values of either mapping may be
{"articleBody": text} dicts or plain strings.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys
from collections import Counter

NGRAM = 4
_TOKEN_RE = re.compile(r'\w+')  # str patterns are Unicode-aware in Python 3


def tokenize(text):
    return _TOKEN_RE.findall(text or '')


def shingles(tokens, n=NGRAM):
    """Counter of n-token tuples; texts shorter than n give one short shingle."""
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true_text, pred_text):
    """(tp, fp, fn) for one page, normalised to sum to 1 (all 0 if both empty)."""
    t, p = shingles(tokenize(true_text)), shingles(tokenize(pred_text))
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _ratio(tp, other):
    # Same conventions as the benchmark; callers only use it when tp+other > 0.
    return 1.0 if other == 0 else tp / (tp + other)


def _text(value):
    if isinstance(value, dict):
        return value.get('articleBody') or ''
    return value or ''


def page_scores(truth, pred):
    """{id: (precision, recall, f1)}; precision/recall are NaN when undefined
    (empty prediction / empty truth), f1 then counts as 0 (1 if both empty)."""
    out = {}
    for key, tv in truth.items():
        tp, fp, fn = page_counts(_text(tv), _text(pred.get(key)))
        p = _ratio(tp, fp) if tp + fp > 0 else math.nan
        r = _ratio(tp, fn) if tp + fn > 0 else math.nan
        if math.isnan(p) or math.isnan(r):
            f = 1.0 if math.isnan(p) and math.isnan(r) else 0.0
        else:
            f = 2 * p * r / (p + r) if p + r else 0.0
        out[key] = (p, r, f)
    return out


def score(truth, pred):
    """Benchmark metrics over the ids of `truth` (missing preds = empty)."""
    pages = page_scores(truth, pred)
    ps = [p for p, _, _ in pages.values() if not math.isnan(p)]
    rs = [r for _, r, _ in pages.values() if not math.isnan(r)]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = [tokenize(_text(tv)) == tokenize(_text(pred.get(k)))
             for k, tv in truth.items()]
    return {'precision': precision, 'recall': recall, 'f1': f1,
            'accuracy': float(statistics.mean(exact)) if exact else 0.0,
            'pages': len(truth), 'pages_with_output': len(ps)}


def load_json(path):
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    # The benchmark's newer output files wrap predictions with a version tag.
    if (isinstance(data, dict) and set(data) == {'version', 'output'}
            and isinstance(data['output'], dict)):
        data = data['output']
    return data


def load_pred(path, ids):
    if not os.path.isdir(path):
        return load_json(path)
    pred = {}
    for key in ids:
        fn = os.path.join(path, key + '.txt')
        if os.path.exists(fn):
            with open(fn, encoding='utf-8', errors='replace') as f:
                pred[key] = f.read()
    return pred


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--truth', required=True, help='ground-truth JSON')
    ap.add_argument('pred', help='prediction JSON or directory of <id>.txt')
    ap.add_argument('--json', action='store_true', help='print a JSON object')
    ap.add_argument('--per-page', metavar='FILE',
                    help='write TSV id/precision/recall/f1, worst f1 first')
    ap.add_argument('--ids', metavar='FILE',
                    help='score only the ids listed (one per line)')
    a = ap.parse_args()

    truth = load_json(a.truth)
    if a.ids:
        with open(a.ids, encoding='utf-8') as f:
            wanted = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        unknown = [k for k in wanted if k not in truth]
        if unknown:
            sys.exit('score.py: %d ids not in truth, e.g. %s' % (len(unknown), unknown[0]))
        truth = {k: truth[k] for k in wanted}
    pred = load_pred(a.pred, truth)
    if not os.path.isdir(a.pred):
        missing = sum(k not in pred for k in truth)
        if missing:
            print('score.py: %d ids missing from %s, scored as empty'
                  % (missing, a.pred), file=sys.stderr)

    m = score(truth, pred)
    if a.per_page:
        rows = sorted(page_scores(truth, pred).items(), key=lambda kv: (kv[1][2], kv[0]))
        with open(a.per_page, 'w', encoding='utf-8') as f:
            f.write('id\tprecision\trecall\tf1\n')
            for key, (p, r, f1) in rows:
                f.write('%s\t%.4f\t%.4f\t%.4f\n' % (key, p, r, f1))
    if a.json:
        print(json.dumps(m))
    else:
        print('P %.3f  R %.3f  F1 %.3f  acc %.3f  (%d pages, %d with output)'
              % (m['precision'], m['recall'], m['f1'], m['accuracy'],
                 m['pages'], m['pages_with_output']))


if __name__ == '__main__':
    main()
