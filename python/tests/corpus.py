"""A small news corpus of our own making for the clustering tests: stories
(sentences drawn from a seeded generator, invented places), and copies of
them: exact reposts naming the original publisher, lightly edited copies,
shortened copies (contained), one story syndicated 24 times (a key group
longer than 16), templated stories that differ only in their figures, short
texts, and lines that are not articles. Written as scraper JSONL files, so
winnow extracts them first, as it would a crawl."""
import json
import random

PLACES = ["Valleypost", "Tideline", "Harlow Bay", "Millbrook", "Eastmere", "Corran Ford"]
SUBJECTS = ["The harbour board", "The town council", "A local charity", "The ferry operator",
            "Residents of the old quarter", "The regional hospital", "The school trust",
            "A group of fishermen", "The water company", "The museum director"]
VERBS = ["announced", "debated", "postponed", "approved", "criticised", "welcomed", "reviewed",
         "questioned", "funded", "rejected"]
OBJECTS = ["a plan to rebuild the sea wall", "new opening hours for the library",
           "the cost of repairing the bridge", "a proposal for a weekly market",
           "changes to the bus timetable", "the closure of the night ferry",
           "a study of the river's water quality", "the budget for street lighting",
           "a scheme to plant trees along the promenade", "the future of the lifeboat station"]
TAILS = ["after a long meeting on Tuesday evening", "despite objections from shop owners",
         "following complaints from several families", "in a statement issued on Friday",
         "ahead of the summer season", "after years of delays and rising costs"]


def sentence(rng):
    return (f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}.")


def story(rng, paras=5):
    return ["  ".join(sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(paras)]


def edit(rng, paras, n=3):
    out = list(paras)
    for _ in range(n):
        i = rng.randrange(len(out))
        words = out[i].split()
        j = rng.randrange(len(words))
        words[j] = rng.choice(["quietly", "finally", "again", "formally"])
        out[i] = " ".join(words)
    return out


def record(src, n, title, paras, date=None, site=None, footer=None):
    text = "\n\n".join(paras + ([footer] if footer else []))
    r = {"url": f"https://{src}.example/news/{n}", "title": title, "text": text}
    if date:
        r["date_published"] = date
    if site:
        r["site_name"] = site
    return r


def make(dirpath, files=3, stories=40, seed=7):
    """Writes files JSONL inputs to dirpath; returns their paths."""
    rng = random.Random(seed)
    recs = []
    for s in range(stories):
        paras = story(rng, rng.randint(3, 7))
        title = f"Story {s} from {rng.choice(PLACES)}"
        day = f"2024-0{1 + s % 9}-{10 + s % 18:02d}"
        recs.append(record("valleypost", s, title, paras, day, "Valleypost Courier"))
        kind = s % 6
        if kind == 0:  # an exact repost naming the original publisher
            recs.append(record("tideline", s, title, paras, None, "Tideline Daily",
                               "This story was originally published by Valleypost Courier."))
        elif kind == 1:  # lightly edited copy, earlier date
            recs.append(record("harlow", s, title + " (update)", edit(rng, paras),
                               f"2023-12-{1 + s % 28:02d}"))
        elif kind == 2:  # shortened copy
            recs.append(record("eastmere", s, title, paras[: max(2, len(paras) // 2)]))
        elif kind == 3:  # templated: same words, other figures
            figs = [p + f" The figure was {rng.randint(100, 999)} and {rng.randint(10, 99)}"
                    f" with {rng.randint(1000, 9999)} votes." for p in paras]
            recs.append(record("millbrook", s, title, figs))
    big = story(rng, 6)
    for k in range(24):  # one story syndicated 24 times, lightly edited each time
        recs.append(record(f"wire{k}", 900 + k, "Wire story", edit(rng, big, 2),
                           f"2024-03-{1 + k:02d}T0{k % 10}:00:00Z"))
    for k in range(6):  # short texts: cluster only when identical
        recs.append(record("short", 950 + k, "Brief", ["The ferry is late again today."
                                                      if k % 2 else "Bridge closed."]))
    rng.shuffle(recs)
    paths = []
    per = (len(recs) + files - 1) // files
    for f in range(files):
        p = f"{dirpath}/news-{f}.jsonl"
        with open(p, "w", encoding="utf-8") as fh:
            for r in recs[f * per:(f + 1) * per]:
                fh.write(json.dumps(r) + "\n")
            if f == 1:
                fh.write("{this line is not json\n")
        paths.append(p)
    return paths
