#!/usr/bin/env python3
"""Near-duplicate dev corpus: raw HTML pages with known story clusters.

  bench/dedup-corpus.py [--data DIR] [--out DIR] [--seed N]

Builds, deterministically (one seed), a corpus of HTML pages that winnow must
extract before it can cluster them, from the two dev benchmarks (ScrapingHub,
181 pages of 2019; news-2023, 225 pages of 113 sites, two per site), and the
truth of which pages tell the same story. Every page of both sets is in the
corpus as served (its own cluster, or the original of one); the other pages
are made here:

  * copies: story A (its hand-cleaned paragraphs and title from the ground
    truth) re-wrapped in the chrome of another page B: B's markup with its
    scripts, comments, <meta> and JSON-LD dropped, B's headline and story
    blanked (tags kept, text removed, from B's <h1> to the end of its last
    paragraph), A's story put where B's first paragraph was, in an <article>
    with an <h1>; the <head> gets a <title>, og:site_name and a canonical URL
    of B's site. Each copy draws transforms: retitled (another <title>/<h1>),
    trimmed (first 2-4 paragraphs), syndication footer ("The post TITLE
    appeared first on SITE." / "This article originally appeared on SITE.",
    SITE = A's publisher), byline ("By NAME" and <meta name=author>), edited
    (1-3 words swapped, inserted or deleted per paragraph), dated
    (article:published_time and a visible date); and combinations.
    A donor page is used as chrome only when its own story could be found
    and none of its 8-word runs survive in the hollowed page.
  * exact copies: the bytes of a page written again under another name.
  * template stories (hard negatives): short wire items made from three
    templates (earnings, match report, road closure), two wordings each,
    differing only in names and figures, each its own cluster, in donor
    chromes.

Cluster kinds: `exact` (page + byte copy), `syndicated` (page + 1-3 copies,
every copy with a footer naming A's publisher: A is the original),
`later` (news-2023 page + 1-3 copies dated 1-14 days after the page's date,
no footer: A is the original, the earliest), `earlier` (news-2023 page + a
copy dated 1-10 days before it with <meta name=author>, which is the
original, + a later copy), `single` (a page alone), `template`.

Hard negatives recorded in the truth (pairs that must not be clustered):
`same_site` (two pages of one news-2023 site, or a copy in a page's chrome and
that page or its site-mate: same chrome, different story), `same_topic` (the
most similar pairs of different real stories by word-set overlap of title and
text), `template` (two stories from one template).

Writes OUT/pages/*.html (names are hashes, so the input order tells nothing)
and OUT/truth.json:
  {"seed", "clusters": {file: cluster_id}, "originals": {cluster_id: file},
   "kinds": {cluster_id: kind}, "pages": {file: {story, set, chrome, site,
   role, transforms, date}}, "negatives": {kind: [[file, file], ...]},
   "summary": {...}}
OUT defaults to bench/out/dedup (git-ignored). Takes ~15 s.
--check-donors (run once, after a change that makes other chromes usable)
probes every hollowed page with winnow and rewrites bench/dedup-donors.txt.
"""
import argparse
import bisect
import datetime
import gzip
import hashlib
import html as htmlmod
import json
import os
import random
import re
import shutil
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = ('scrapinghub', 'news-2023')

WORD = re.compile(r'\w+')
TOKEN = re.compile(r'<!--.*?-->|<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>|'
                   r'<[^>]*>|[^<]+', re.S | re.I)
DROP = re.compile(r'<!--.*?-->|<(script|noscript|template)\b[^>]*>.*?</\1\s*>|'
                  r'<(meta|base)\b[^>]*>|<title\b[^>]*>.*?</title\s*>|'
                  r'<link\b[^>]*\brel\s*=\s*["\']?(canonical|amphtml|alternate|shortlink|'
                  r'author|publisher)[^>]*>', re.S | re.I)
INLINE = {'p', 'span', 'strong', 'em', 'b', 'i', 'a', 'font', 'u', 'small', 'big'}
NOTEXT_TAGS = {'time', 'img', 'picture', 'source', 'meta', 'link', 'video', 'audio', 'iframe'}

FIRST = ['Alex', 'Maria', 'James', 'Priya', 'Daniel', 'Sofia', 'Michael', 'Hannah',
         'Omar', 'Grace', 'Lucas', 'Elena', 'Thomas', 'Aisha', 'Peter', 'Laura',
         'Samuel', 'Nina', 'Robert', 'Chloe']
LAST = ['Carter', 'Moreno', 'Lindqvist', 'Okafor', 'Brennan', 'Takahashi', 'Weber',
        'Haddad', 'Fischer', 'Nguyen', 'Doyle', 'Kowalski', 'Ramirez', 'Olsen',
        'Bianchi', 'Kaur', 'Murphy', 'Schultz', 'Petrov', 'Adeyemi']
FILLERS = ['also', 'now', 'still', 'reportedly', 'already', 'however', 'indeed',
           'currently', 'recently', 'notably', 'very', 'just', 'even', 'then']
PREFIXES = ['Report:', 'Analysis:', 'Update:', 'Explainer:', 'Watch:', 'Opinion:']
SUFFIXES = [" - here's what to know", ': what we know so far', ' (updated)',
            ', report says', ' - the full story']


def slug(s, n=8):
    return '-'.join(WORD.findall(s.lower())[:n]) or 'story'


def fhash(*parts):
    return hashlib.sha1(':'.join(str(p) for p in parts).encode()).hexdigest()


def words(s):
    return WORD.findall(s.lower())


def grams(ws, n):
    return {' '.join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def paras_of(body):
    return [p.strip() for p in re.split(r'\n\s*\n', body or '') if p.strip()]


def meta_content(page, key):
    for m in re.finditer(r'<meta\b[^>]*>', page, re.I):
        tag = m.group(0)
        if re.search(r'(property|name)\s*=\s*["\']?%s["\'\s/>]' % re.escape(key), tag, re.I):
            c = re.search(r'content\s*=\s*(["\'])(.*?)\1', tag, re.I | re.S)
            if c and c.group(2).strip():
                return htmlmod.unescape(c.group(2)).strip()
    return None


def page_title(page):
    t = meta_content(page, 'og:title')
    if not t:
        m = re.search(r'<h1\b[^>]*>(.*?)</h1\s*>', page, re.I | re.S) or \
            re.search(r'<title\b[^>]*>(.*?)</title\s*>', page, re.I | re.S)
        t = htmlmod.unescape(re.sub(r'<[^>]*>', ' ', m.group(1))) if m else ''
    return ' '.join(t.split())


def host_of(url):
    h = (urlsplit(url or '').hostname or '').lower()
    return h[4:] if h.startswith('www.') else h


def load(data):
    """Every page of both sets: {key: story dict}."""
    pages = {}
    for name in SETS:
        with open(os.path.join(data, name, 'ground-truth.json'), encoding='utf-8') as f:
            truth = json.load(f)
        for pid in sorted(truth):
            path = os.path.join(data, name, 'html', pid + '.html.gz')
            if not os.path.exists(path):
                continue
            with gzip.open(path) as f:
                raw = f.read()
            t = truth[pid]
            page = raw.decode('utf-8', errors='replace')
            host = host_of(t.get('url')) or pid[:8]
            pages[name + '/' + pid] = {
                'key': name + '/' + pid, 'set': name, 'raw': raw, 'page': page,
                'paras': paras_of(t.get('articleBody')),
                'title': t.get('title') or page_title(page) or host,
                'host': host, 'site': meta_content(page, 'og:site_name') or host,
                'date': t.get('date'), 'authors': t.get('authors') or [],
                'url': t.get('url') or 'https://%s/' % host}
    return pages


def find_seq(joined, starts, seq, frm=0):
    """Word index where the word sequence seq first occurs at or after the
    character offset frm of joined, or -1."""
    i = joined.find(' ' + ' '.join(seq) + ' ', frm)
    return -1 if i < 0 else bisect.bisect_left(starts, i + 1)


def hollow(p):
    """B's chrome with B's headline and story blanked and a %%STORY%% mark
    where its first paragraph was, plus '%%HEAD%%' after <head>; None when
    the story cannot be found or its text survives."""
    doc = DROP.sub('', p['page'])
    toks = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(doc)]
    ws, wtok = [], []
    for ti, (_, _, s) in enumerate(toks):
        if s.startswith('<'):
            continue
        for w in words(htmlmod.unescape(s)):
            ws.append(w)
            wtok.append(ti)
    joined = ' ' + ' '.join(ws) + ' '
    starts, pos = [], 1
    for w in ws:
        starts.append(pos)
        pos += len(w) + 1
    paras = [words(x) for x in p['paras']]
    paras = [x for x in paras if len(x) >= 6]
    if len(paras) < 2:
        return None
    first = last = -1
    for x in paras[:3]:
        first = find_seq(joined, starts, x[:6])
        if first >= 0:
            break
    if first < 0:
        return None
    for x in reversed(paras[-3:]):
        j = find_seq(joined, starts, x[-6:], starts[first] - 1)
        if j >= 0:
            last = j + len(x[-6:]) - 1
            break
    total = sum(len(x) for x in paras)
    if last < first or not (0.7 * total <= last - first + 1 <= 3 * total):
        return None
    t0, t1 = wtok[first], wtok[last]
    # widen to the paragraph's own opening and closing tags
    while t0 > 0 and toks[t0 - 1][2].startswith('<') and not toks[t0 - 1][2].startswith('</') \
            and tagname(toks[t0 - 1][2]) in INLINE:
        t0 -= 1
    while t1 + 1 < len(toks) and toks[t1 + 1][2].startswith('</') and tagname(toks[t1 + 1][2]) in INLINE:
        t1 += 1
    # the headline: the last <h1> before the story, when close (dek, byline)
    h = t0
    for ti in range(t0 - 1, max(-1, t0 - 400), -1):
        s = toks[ti][2]
        if s[:3].lower() == '<h1' and tagname(s) == 'h1':
            h = ti
            break
    if sum(len(words(toks[ti][2])) for ti in range(h, t0) if not toks[ti][2].startswith('<')) > 150:
        h = t0
    out = doc[:toks[h][0]] + blank(toks[h:t0]) + '%%STORY%%' + blank(toks[t0:t1 + 1]) + doc[toks[t1][1]:]
    m = re.search(r'<head\b[^>]*>', out, re.I)
    out = (out[:m.end()] + '%%HEAD%%' + out[m.end():]) if m else '%%HEAD%%' + out
    # B's story must be gone (text and attributes alike)
    left = grams(words(htmlmod.unescape(re.sub(r'<[^>]*?>', lambda mm: ' ' + mm.group(0)[1:-1] + ' ',
                                                  out))), 8)
    mine = grams([w for x in paras for w in x], 8)
    if not mine or len(mine & left) > 0.03 * len(mine):
        return None
    return out


def tagname(s):
    m = re.match(r'</?\s*([a-zA-Z][a-zA-Z0-9:-]*)', s)
    return m.group(1).lower() if m else ''


def blank(toks):
    """The tags of a run of tokens, without text and with only class/id kept."""
    out = []
    for _, _, s in toks:
        if not s.startswith('<') or s.startswith('<!'):
            continue
        name = tagname(s)
        if not name or name in NOTEXT_TAGS or name in ('style', 'svg', 'script', 'noscript', 'template'):
            continue
        if s.startswith('</'):
            out.append('</%s>' % name)
            continue
        keep = ''.join(' %s="%s"' % (k.lower(), v) for k, v in
                       re.findall(r'\b(class|id)\s*=\s*"([^"<>]*)"', s, re.I))
        out.append('<%s%s>' % (name, keep))
    return ''.join(out)


def esc(s):
    return htmlmod.escape(s, quote=True)


def edit_para(rng, text, fillers=FILLERS):
    """A light edit: one to three word swaps, insertions (from fillers) or
    deletions (also used by dedup-scale.py)."""
    ws = text.split(' ')
    for _ in range(rng.randint(1, 3)):
        if len(ws) < 4:
            break
        i = rng.randrange(len(ws) - 1)
        op = rng.random()
        if op < 0.34:
            ws[i], ws[i + 1] = ws[i + 1], ws[i]
        elif op < 0.67:
            ws.insert(i + 1, rng.choice(fillers))
        else:
            del ws[i + 1]
    return ' '.join(ws)


def retitle(rng, title, paras):
    k = rng.randrange(3)
    if k == 0 and paras:
        lead = paras[0].split()[:rng.randint(8, 12)]
        t = ' '.join(lead).rstrip('.,;:')
    elif k == 1:
        t = rng.choice(PREFIXES) + ' ' + title
    else:
        ws = title.split()
        if len(ws) > 5:
            del ws[rng.randrange(1, len(ws))]
        t = ' '.join(ws).rstrip('.?!') + rng.choice(SUFFIXES)
    return t


def shown_date(d):
    return '%s %d, %d' % (d.strftime('%B'), d.day, d.year)


def make_copy(rng, story, donor, tpl, tf, date=None, author=None):
    """A's story in B's chrome with the transforms tf (a set of names)."""
    title = story['title']
    paras = list(story['paras'])
    if 'retitle' in tf:
        title = retitle(rng, title, paras)
    if 'trim' in tf and len(paras) > 2:
        paras = paras[:rng.randint(2, min(4, len(paras) - 1))]
    if 'edit' in tf:
        paras = [edit_para(rng, x) for x in paras]
    if 'byline' in tf and not author:
        author = rng.choice(FIRST) + ' ' + rng.choice(LAST)
    art = ['<article>', '<h1>%s</h1>' % esc(title)]
    if author and 'byline' in tf:
        art.append('<p class="byline">By %s</p>' % esc(author))
    if date:
        art.append('<p class="date"><time datetime="%s">%s</time></p>' % (date.isoformat(), shown_date(date)))
    art += ['<p>%s</p>' % esc(x) for x in paras]
    if 'footer' in tf:
        if rng.random() < 0.5:
            art.append('<p><em>The post <a href="%s">%s</a> appeared first on <a href="https://%s/">%s</a>.</em></p>'
                       % (esc(story['url']), esc(story['title']), esc(story['host']), esc(story['site'])))
        else:
            art.append('<p><em>This article originally appeared on <a href="%s">%s</a>.</em></p>'
                       % (esc(story['url']), esc(story['site'])))
    art.append('</article>')
    day = date or datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(300))
    head = ['<meta charset="utf-8">', '<title>%s | %s</title>' % (esc(title), esc(donor['site'])),
            '<link rel="canonical" href="https://%s/%04d/%02d/%s/">' % (donor['host'], day.year, day.month,
                                                                         slug(title)),
            '<meta property="og:site_name" content="%s">' % esc(donor['site'])]
    if author:
        head.append('<meta name="author" content="%s">' % esc(author))
    if date:
        head.append('<meta property="article:published_time" content="%sT09:00:00Z">' % date.isoformat())
    return tpl.replace('%%HEAD%%', ''.join(head), 1).replace('%%STORY%%', '\n'.join(art), 1)


def check_donors(winnow, pages, donors):
    """The donors in whose chrome winnow extracts two probe stories (a long
    one and a three-paragraph one) with word precision and recall >= 0.9."""
    import collections
    import subprocess
    import tempfile
    rng = random.Random(0)
    longs = [k for k in sorted(pages) if len(pages[k]['paras']) >= 10]
    probes = []
    for k in longs[:2]:
        p = dict(pages[k])
        probes.append(p)
        q = dict(p)
        q['paras'] = p['paras'][:3]
        probes.append(q)
    good = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, d in enumerate(sorted(donors)):
            for i, p in enumerate(probes):
                if p['host'] == pages[d]['host']:
                    continue
                path = os.path.join(tmp, '%d-%d.html' % (n, i))
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(make_copy(rng, p, pages[d], donors[d], set()))
                paths.append((d, p, path))
        res = subprocess.run([winnow, '-q', '--threads', '2'] + [x[2] for x in paths],
                             stdout=subprocess.PIPE, check=False)
        texts = {}
        for line in res.stdout.decode('utf-8').splitlines():
            r = json.loads(line)
            texts[r.get('source')] = r.get('text') or ''
        ok = {}
        for d, p, path in paths:
            got = collections.Counter(words(texts.get(path, '')))
            want = collections.Counter(words(' '.join(p['paras'])))
            both = sum((got & want).values())
            fine = both >= 0.9 * max(1, sum(got.values())) and both >= 0.9 * sum(want.values())
            ok[d] = ok.get(d, True) and fine
    return sorted(d for d, v in ok.items() if v)


# --- template stories (hard negatives) --------------------------------------

COMPANIES = ['Northgate Systems', 'Bellweather Foods', 'Corran Mining', 'Halvard Logistics',
             'Pinecrest Health', 'Tessaro Motors', 'Quillon Software', 'Marrow & Finch Retail']
TEAMS = ['Riverton United', 'Eastfield Rovers', 'Port Calder FC', 'Ashby Town',
         'Kingsmere Athletic', 'Hollow Bay City', 'Norland Wanderers', 'Drayton Albion']
ROADS = ['Route 9', 'the Harlow bypass', 'Mill Street', 'the A412', 'Canal Road',
         'the northbound I-71', 'Bridge Lane', 'Station Avenue']
TOWNS = ['Westbrook', 'Lakeview', 'Dunmore', 'Fairhaven', 'Glenrock', 'Oakridge',
         'Marston', 'Redcliff']


def template_story(rng, kind, i):
    """A short wire item of one of three templates."""
    n = lambda a, b: rng.randint(a, b)  # noqa: E731
    # one wording per template (two variants): only names and figures differ
    ph = random.Random('%s-%d' % (kind, i % 2))
    person = rng.choice(FIRST) + ' ' + rng.choice(LAST)
    if kind == 'earnings':
        c = COMPANIES[i]
        q = ph.choice(['first', 'second', 'third', 'fourth'])
        rev, prev = n(120, 990), n(100, 950)
        title = '%s reports %s-quarter revenue of $%d million' % (c, q, rev)
        paras = [
            '%s said on %s that revenue for the %s quarter was $%d million, compared with $%d million a year '
            'earlier, as demand in its %s business %s.' % (c, ph.choice(['Monday', 'Tuesday', 'Thursday']), q, rev,
                                                          prev, ph.choice(['core', 'international', 'services']),
                                                          ph.choice(['held up', 'slowed', 'picked up'])),
            'Net income came to $%d.%d million, or %d cents per share, against analysts\' expectations of %d cents. '
            'Shares of the company %s %d.%d%% in after-hours trading.' % (n(5, 90), n(0, 9), n(5, 95), n(5, 95),
                                                                          ph.choice(['rose', 'fell']), n(1, 9),
                                                                          n(0, 9)),
            'Chief executive %s said the company expected %s in the coming months and would keep investing in '
            '%s.' % (person, ph.choice(['steady growth', 'a difficult market', 'higher costs']),
                     ph.choice(['automation', 'new stores', 'research', 'its supply chain'])),
            'The company will hold a call with investors on %s at %d a.m. Eastern time.' % (
                ph.choice(['Wednesday', 'Friday']), n(8, 11))]
    elif kind == 'match':
        a, b = TEAMS[i], TEAMS[(i + n(1, 7)) % 8]
        ga, gb = n(1, 5), n(0, 4)
        title = '%s beat %s %d-%d' % (a, b, max(ga, gb + 1), gb)
        paras = [
            '%s beat %s %d-%d on %s night, with %s scoring %s in front of a crowd of %d,%03d.' % (
                a, b, max(ga, gb + 1), gb, ph.choice(['Saturday', 'Tuesday', 'Wednesday']), person,
                ph.choice(['twice', 'the winner', 'a late goal']), n(3, 40), n(0, 999)),
            'The visitors had taken the lead after %d minutes, but %s levelled before half-time and never looked '
            'back.' % (n(3, 40), a),
            'Manager %s %s said after the game that the result was %s.' % (
                rng.choice(FIRST), rng.choice(LAST), ph.choice(['deserved', 'a relief', 'a big step'])),
            'The win moves %s to %s in the table, %d points behind the leaders, with %d games left.' % (
                a, ph.choice(['third', 'fifth', 'second', 'seventh']), n(1, 12), n(3, 15))]
    else:
        road, town = ROADS[i], TOWNS[i]
        title = '%s closed in %s after %s' % (road.capitalize() if road[0].islower() else road, town,
                                               ph.choice(['a crash', 'flooding', 'a lorry fire', 'a gas leak']))
        paras = [
            '%s was closed in both directions near %s on %s %s after %s, police said.' % (
                road.capitalize() if road[0].islower() else road, town,
                ph.choice(['Monday', 'Friday', 'Sunday']), ph.choice(['morning', 'afternoon', 'evening']),
                ph.choice(['a crash involving %d vehicles' % n(2, 5), 'heavy flooding', 'a lorry fire'])),
            'Drivers were advised to avoid the area and use %s instead. Delays of up to %d minutes were reported.'
            % (rng.choice(ROADS), n(10, 90)),
            '%s %s, a spokesperson for the %s police, said %d people had been taken to hospital with %s injuries.'
            % (rng.choice(FIRST), rng.choice(LAST), town, n(0, 4), ph.choice(['minor', 'serious'])),
            'The road is expected to reopen %s.' % ph.choice(['later today', 'by tomorrow morning',
                                                              'at the weekend'])]
    return {'key': 'template/%s-%d' % (kind, i), 'set': 'template', 'paras': paras, 'title': title,
            'host': 'wire.example', 'site': 'Wire', 'date': None, 'authors': [], 'url': ''}


# --- the corpus -------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.environ.get('WINNOW_BENCH_DATA',
                                                     os.path.join(HERE, '..', '..', 'shared', 'bench')))
    ap.add_argument('--out', default=os.path.join(HERE, 'out', 'dedup'))
    ap.add_argument('--seed', type=int, default=8)
    ap.add_argument('--donors', default=os.path.join(HERE, 'dedup-donors.txt'),
                    help='the pages whose chrome may hold copies (written by --check-donors)')
    ap.add_argument('--check-donors', action='store_true',
                    help='probe every hollowed page with winnow and rewrite --donors')
    ap.add_argument('--winnow', default=os.path.join(HERE, '..', 'build', 'winnow'))
    a = ap.parse_args()
    rng = random.Random(a.seed)

    pages = load(a.data)
    keys = sorted(pages)
    donors = {}
    for k in keys:
        t = hollow(pages[k])
        if t:
            donors[k] = t
    hollowed = len(donors)
    if a.check_donors:
        good = check_donors(a.winnow, pages, donors)
        with open(a.donors, 'w') as f:
            f.write(''.join(k + '\n' for k in good))
        print('dedup-corpus: %d pages, %d hollowed, %d extract the probes cleanly -> %s'
              % (len(keys), hollowed, len(good), a.donors), file=sys.stderr)
        return
    if os.path.exists(a.donors):
        with open(a.donors) as f:
            listed = set(f.read().split())
        donors = {k: v for k, v in donors.items() if k in listed}
    else:
        print('dedup-corpus: no %s: every hollowed page is a donor' % a.donors, file=sys.stderr)
    donor_keys = sorted(donors)
    print('dedup-corpus: %d pages, %d hollowed, %d donors' % (len(keys), hollowed, len(donor_keys)),
          file=sys.stderr)

    pagedir = os.path.join(a.out, 'pages')
    if os.path.isdir(pagedir):
        shutil.rmtree(pagedir)
    os.makedirs(pagedir)
    clusters, originals, kinds, info, body = {}, {}, {}, {}, {}
    counter = [0]

    def emit(data, cid, **meta):
        counter[0] += 1
        fn = fhash(a.seed, counter[0])[:16] + '.html'
        body[fn] = data if isinstance(data, bytes) else data.encode('utf-8')
        clusters[fn] = cid
        info[fn] = meta
        return fn

    def pick_donor(story):
        while True:
            d = rng.choice(donor_keys)
            if pages[d]['host'] != story['host']:
                return d

    def copy(cid, story, tf, date=None, author=None):
        d = pick_donor(story)
        page = make_copy(rng, story, pages[d], donors[d], tf, date, author)
        return emit(page, cid, story=story['key'], set=story['set'], chrome=d, site=pages[d]['host'],
                    role='copy', transforms=sorted(tf), date=date.isoformat() if date else None)

    def raw(cid, p, role):
        return emit(p['raw'], cid, story=p['key'], set=p['set'], chrome=p['key'], site=p['host'],
                    role=role, transforms=[], date=p['date'])

    def transforms(must=()):
        tf = set(must)
        for name, prob in (('retitle', 0.4), ('trim', 0.25), ('byline', 0.4), ('edit', 0.4)):
            if rng.random() < prob:
                tf.add(name)
        return tf

    # who gets which kind: stories whose text is long enough to be re-wrapped
    order = list(keys)
    rng.shuffle(order)
    usable = [k for k in order if len(pages[k]['paras']) >= 3]
    dated = [k for k in usable if pages[k]['date']]
    undated = [k for k in usable if not pages[k]['date']]
    plan = {}
    for k in dated[:30]:
        plan[k] = 'earlier'
    for k in dated[30:95]:
        plan[k] = 'later'
    for k in dated[95:145] + undated[:80]:
        plan[k] = 'syndicated'
    rest = [k for k in order if k not in plan]
    for k in rest[:35]:
        plan[k] = 'exact'
    for k in rest[35:]:
        plan[k] = 'single'

    for n, k in enumerate(keys):
        p = pages[k]
        cid = 'c%04d' % n
        kind = plan[k]
        kinds[cid] = kind
        orig = raw(cid, p, 'original')
        originals[cid] = orig
        d0 = datetime.date.fromisoformat(p['date']) if p['date'] else None
        if kind == 'exact':
            for _ in range(rng.choice((1, 1, 2))):
                emit(p['raw'], cid, story=k, set=p['set'], chrome=k, site=p['host'], role='exact',
                     transforms=['exact'], date=p['date'])
        elif kind == 'syndicated':
            for _ in range(rng.randint(1, 3)):
                date = d0 + datetime.timedelta(days=rng.randint(0, 7)) if d0 else None
                copy(cid, p, transforms(['footer']), date)
        elif kind == 'later':
            for _ in range(rng.randint(1, 3)):
                copy(cid, p, transforms(), d0 + datetime.timedelta(days=rng.randint(1, 14)))
        elif kind == 'earlier':
            author = (p['authors'] or [rng.choice(FIRST) + ' ' + rng.choice(LAST)])[0]
            tf = transforms(['byline'])
            tf.discard('trim')  # the original keeps the whole story
            originals[cid] = copy(cid, p, tf, d0 - datetime.timedelta(days=rng.randint(1, 10)), author)
            info[originals[cid]]['role'] = 'original'
            info[orig]['role'] = 'copy'
            copy(cid, p, transforms(), d0 + datetime.timedelta(days=rng.randint(1, 14)))

    # template stories: their own clusters, in donor chromes
    tgroups = []
    for kind in ('earnings', 'match', 'road'):
        group = []
        for i in range(8):
            s = template_story(rng, kind, i)
            cid = 'c%04d' % (len(keys) + len(kinds))
            kinds[cid] = 'template'
            fn = copy(cid, s, set())
            info[fn]['role'] = 'original'
            originals[cid] = fn
            group.append(fn)
        tgroups.append(group)

    # hard negatives
    neg = {'same_site': set(), 'same_topic': set(), 'template': set()}
    by_site = {}
    for fn, m in info.items():
        by_site.setdefault(m['site'], []).append(fn)
    for fns in by_site.values():
        for i, f in enumerate(fns):
            for g in fns[i + 1:]:
                if clusters[f] != clusters[g]:
                    neg['same_site'].add(tuple(sorted((f, g))))
    for group in tgroups:
        for i, f in enumerate(group):
            for g in group[i + 1:]:
                neg['template'].add(tuple(sorted((f, g))))
    # same topic: the most similar pairs of different real stories (content words of title + text)
    sets = {k: {w for w in words(pages[k]['title'] + ' ' + ' '.join(pages[k]['paras'])) if len(w) > 3}
            for k in keys}
    inv = {}
    for k in keys:
        for w in sets[k]:
            inv.setdefault(w, []).append(k)
    common = {}
    for w, ks in inv.items():
        if len(ks) > 40:
            continue  # frequent words say nothing of the topic
        for i, x in enumerate(ks):
            for y in ks[i + 1:]:
                common[(x, y)] = common.get((x, y), 0) + 1
    scored = sorted(((c / len(sets[x] | sets[y]), x, y) for (x, y), c in common.items()), reverse=True)
    orig_of = {info[fn]['story']: fn for fn in info if info[fn]['role'] == 'original' or
               (info[fn]['role'] == 'copy' and kinds[clusters[fn]] == 'earlier' and info[fn]['chrome'] ==
                info[fn]['story'])}
    raw_of = {info[fn]['story']: fn for fn in info if info[fn]['chrome'] == info[fn]['story']}
    for _, x, y in scored[:40]:
        neg['same_topic'].add(tuple(sorted((raw_of[x], raw_of[y]))))
    del orig_of

    for fn in sorted(body):
        with open(os.path.join(pagedir, fn), 'wb') as f:
            f.write(body[fn])
    size = {}
    for c in clusters.values():
        size[c] = size.get(c, 0) + 1
    summary = {'pages': len(clusters), 'clusters': len(size),
               'multi_page_clusters': sum(1 for v in size.values() if v > 1),
               'true_pairs': sum(v * (v - 1) // 2 for v in size.values()),
               'clusters_by_kind': {}, 'pages_by_kind': {}, 'copies_by_transform': {},
               'donors': len(donor_keys), 'negatives': {k: len(v) for k, v in neg.items()}}
    for cid, kind in kinds.items():
        summary['clusters_by_kind'][kind] = summary['clusters_by_kind'].get(kind, 0) + 1
        summary['pages_by_kind'][kind] = summary['pages_by_kind'].get(kind, 0) + size[cid]
    for fn, m in info.items():
        if kinds[clusters[fn]] != 'template' and (m['role'] in ('copy', 'exact') or m['chrome'] != m['story']):
            for t in m['transforms'] or (['as served'] if m['chrome'] == m['story'] else ['wrap only']):
                summary['copies_by_transform'][t] = summary['copies_by_transform'].get(t, 0) + 1
    truth = {'seed': a.seed, 'clusters': dict(sorted(clusters.items())), 'originals': originals,
             'kinds': kinds, 'pages': dict(sorted(info.items())),
             'negatives': {k: sorted(list(p) for p in v) for k, v in neg.items()}, 'summary': summary}
    with open(os.path.join(a.out, 'truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, indent=1, sort_keys=True)
    print(json.dumps(summary, indent=1), file=sys.stderr)


if __name__ == '__main__':
    main()
