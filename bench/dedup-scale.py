#!/usr/bin/env python3
"""Synthetic article records for near-duplicate clustering at scale.

  bench/dedup-scale.py [-n N] [--out FILE] [--seed S] [--dup-share F]
                       [--words W] [--truth FILE]

Writes N JSONL records shaped like winnow's own output (source, url, title,
publisher, date_published, text, word_count), the input of `winnow dedup`,
for timing it at 100k and 1M records (the dedup Makefile target and README
time it with /usr/bin/time -v). Texts are paragraphs of words drawn from a
fixed synthetic vocabulary of 50,000 words (a Zipf-like law, the commonest
English function words on top), W words on average (default 250: about
2 KB a record, 2 GB for 1M). A share F of the records (default 0.2) are
copies of an earlier record, placed anywhere later in the file: exact (20%),
lightly edited (40%: 1-3 words swapped, inserted or deleted in each
paragraph), retitled with a syndication footer (20%), or trimmed to their
first half (20%); copies are dated 0-7 days after their original.

Deterministic for a seed. --truth FILE writes one line per record: its
cluster number (the line number, from 1, of the cluster's original) and its
kind (original, exact, edited, footer, trimmed). Default output:
bench/out/dedup-scale-N.jsonl. About 25 s per 100k records.
"""
import argparse
import datetime
import importlib.util
import json
import os
import random
import sys
from itertools import accumulate

HERE = os.path.dirname(os.path.abspath(__file__))
# the light edit of the dev corpus, shared (its file name has a hyphen)
_spec = importlib.util.spec_from_file_location('dedup_corpus', os.path.join(HERE, 'dedup-corpus.py'))
CORPUS = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(CORPUS)
FUNCTION = ('the of and to a in that is for it on was with he as at by be this from had not are but or '
            'have an they which one you were her all she there would their we him been has when who will '
            'more no if out so said what up its about into than them can only other new some could time '
            'these two may then do first any my now such like our over man me even most made after also '
            'did many before must through back years where much your way well down should because each '
            'just those people how too little state good very make world still own see men work long get '
            'here between both life being under never day same another know while last might us great old '
            'year off come since against go came right used take three').split()
SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 've', 'so', 'pi', 'da', 'ber', 'tin', 'gal', 'mor', 'sel',
       'ran', 'po', 'qui', 'lex', 'dor', 'fen', 'sha', 'mu', 'tor', 'vil', 'an', 'es', 'or', 'ul', 'im']
FILLERS = ['also', 'now', 'still', 'reportedly', 'already', 'however', 'indeed', 'recently']
SITES = ['Daily %s' % s for s in ('Courier', 'Ledger', 'Herald', 'Gazette', 'Tribune', 'Post', 'Record',
                                  'Observer', 'Chronicle', 'Sentinel')]


def vocabulary(rng, size):
    words, seen = list(FUNCTION), set(FUNCTION)
    while len(words) < size:
        w = ''.join(rng.choice(SYL) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def edit(rng, para):
    return CORPUS.edit_para(rng, para, FILLERS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-n', type=int, default=100000)
    ap.add_argument('--out')
    ap.add_argument('--seed', type=int, default=8)
    ap.add_argument('--dup-share', type=float, default=0.2)
    ap.add_argument('--words', type=int, default=250, help='mean words per text')
    ap.add_argument('--truth', metavar='FILE')
    a = ap.parse_args()
    out = a.out or os.path.join(HERE, 'out', 'dedup-scale-%d.jsonl' % a.n)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    rng = random.Random(a.seed)
    vocab = vocabulary(rng, 50000)
    cum = list(accumulate(1.0 / (r + 2.7) for r in range(len(vocab))))
    base = datetime.date(2024, 1, 1)
    pool = []  # recent originals: (line, title, paragraphs, date, site)
    POOL = 20000
    truth = open(a.truth, 'w') if a.truth else None
    name = os.path.basename(out)
    counts = {}
    with open(out, 'w', encoding='utf-8') as f:
        for i in range(1, a.n + 1):
            if pool and rng.random() < a.dup_share:
                line, title, paras, date, site = rng.choice(pool)
                kind = rng.choices(('exact', 'edited', 'footer', 'trimmed'), (2, 4, 2, 2))[0]
                if kind == 'edited':
                    paras = [edit(rng, p) for p in paras]
                elif kind == 'footer':
                    paras = paras + ['The post %s appeared first on %s.' % (title, site)]
                    title = 'Re: ' + title
                elif kind == 'trimmed':
                    paras = paras[:max(1, len(paras) // 2)]
                date = date + datetime.timedelta(days=rng.randint(0, 7))
                site = rng.choice(SITES)
                cluster = line
            else:
                m = max(20, int(rng.expovariate(1.0 / a.words)) + 20)
                ws = rng.choices(vocab, cum_weights=cum, k=m)
                paras, j = [], 0
                while j < m:
                    k = rng.randint(30, 80)
                    p = ws[j:j + k]
                    paras.append(p[0].capitalize() + ' ' + ' '.join(p[1:]) + '.')
                    j += k
                title = ' '.join(ws[:rng.randint(5, 10)]).capitalize()
                date = base + datetime.timedelta(days=rng.randrange(365))
                site = rng.choice(SITES)
                kind, cluster = 'original', i
                if len(pool) < POOL:
                    pool.append((i, title, paras, date, site))
                else:
                    pool[rng.randrange(POOL)] = (i, title, paras, date, site)
            text = '\n\n'.join(paras)
            rec = {'source': '%s#%d' % (name, i), 'url': 'https://%s.example/%d' % (
                site.lower().replace(' ', '-'), i), 'title': title, 'publisher': site,
                'date_published': date.isoformat(), 'text': text, 'word_count': len(text.split())}
            f.write(json.dumps(rec, ensure_ascii=False) + '\n')
            counts[kind] = counts.get(kind, 0) + 1
            if truth:
                truth.write('%d %s\n' % (cluster, kind))
    if truth:
        truth.close()
    print('dedup-scale: %d records -> %s (%.0f MB): %s' % (
        a.n, out, os.path.getsize(out) / 1e6, ', '.join('%s %d' % kv for kv in sorted(counts.items()))),
        file=sys.stderr)


if __name__ == '__main__':
    main()
