#!/usr/bin/env python3
"""Generate src/clean/stopwords_data.c (per-language stopword lookup table).

Sources:
  - the npm package `stopwords-iso` (https://github.com/stopwords-iso), MIT
    licence, version 1.1.0: broad lists for 48 languages, used for stopword
    density (is this block written in sentences?);
  - Debian's liblingua-stopwords-perl 0.12 (Lingua::StopWords, the Snowball
    project's lists; Artistic or GPL-1+ licence): short lists of function
    words only, used for language identification. Languages without a
    Snowball list use their stopwords-iso list for identification too.
Every word is kept only if its letters are in the language's script (the
stopwords-iso lists carry some stray Latin words in other scripts' lists).
Regenerate:
    apt-get install liblingua-stopwords-perl
    mkdir -p /tmp/sw && (cd /tmp/sw && npm install stopwords-iso@1.1.0)
    python3 scripts/gen-stopwords.py \
        /tmp/sw/node_modules/stopwords-iso/stopwords-iso.json
(optional 2nd argument: output path; default src/clean/stopwords_data.c.
The version is read from the package.json next to the JSON file.)

For each language in LANGS (bit i of a mask = LANGS[i]), every entry is
lowercased with str.lower() and kept only when it is a single word token:
all code points are word characters as winnow's tokenizer defines them
(wn_uc_is_word in src/core/utf8.c: letters, marks, digits, connectors).
Python's own \\w is not used because it excludes combining marks, which would
drop most Hindi, Bengali, Marathi and Gujarati words. When an entry's NFC form
is different, both forms are stored. Output is deterministic (sorted order).

The generated C file defines wn_lang_codes, wn_lang_stopword_count,
wn_stopword_mask() and wn_lang_count(); they are declared in src/clean/clean.h.
Lookup: open addressing, linear probing, FNV-1a 64 over the UTF-8 bytes,
power-of-two table with load factor <= 0.5.
"""
import json
import os
import re
import sys
import unicodedata

SNOWBALL_DIR = "/usr/share/perl5/Lingua/StopWords"
SCRIPT = {"ru": "CYRILLIC", "uk": "CYRILLIC", "bg": "CYRILLIC", "el": "GREEK",
          "ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC", "ku": "ARABIC",
          "he": "HEBREW", "hi": "DEVANAGARI", "mr": "DEVANAGARI",
          "bn": "BENGALI", "gu": "GUJARATI", "hy": "ARMENIAN", "ko": "HANGUL"}


def in_script(w, lang):
    """True when w has letters, all of them in lang's script."""
    want = SCRIPT.get(lang, "LATIN")
    if not any(unicodedata.category(c).startswith("L") for c in w):
        return False
    for c in w:
        if unicodedata.category(c).startswith("L"):
            name = unicodedata.name(c, "")
            if not name.startswith(want):
                return False
    return True


def snowball(lang):
    """The Snowball list of lang in frequency order, or None."""
    path = os.path.join(SNOWBALL_DIR, lang.upper() + ".pm")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"sub _stopwords \{\s*return qw\((.*?)\);", text, re.S)
    return m.group(1).split() if m else None

# Space-separated languages relevant for news (no zh/ja/th). Bit order.
LANGS = """en de fr es pt it nl sv da no fi pl cs sk ru uk bg tr ro hu el hr sl
           lt lv et id ms tl ca eu gl ar fa he hi ur ko vi sw af
           bn mr gu hy ku ha so""".split()
WORD_CATS = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me",
             "Nd", "Nl", "No", "Pc"}


def is_word(w):
    return w != "" and all(unicodedata.category(c) in WORD_CATS for c in w)


def fnv1a(b):
    h = 0xCBF29CE484222325
    for x in b:
        h = ((h ^ x) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def c_string(b):
    # printable ASCII except \ " ? as is; everything else as 3-digit octal
    # (3 digits never swallow a following character, unlike \x)
    return '"' + "".join(chr(x) if 0x20 <= x < 0x7F and chr(x) not in '\\"?'
                         else "\\%03o" % x for x in b) + '"'


def main():
    src = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        root, "src", "clean", "stopwords_data.c")
    try:
        with open(os.path.join(os.path.dirname(src), "package.json")) as f:
            version = json.load(f)["version"]
    except OSError:
        version = "(unknown version)"
    with open(src, encoding="utf-8") as f:
        data = json.load(f)

    masks, idmasks, counts = {}, {}, []

    def forms(ws):
        out = set()
        for w in ws:
            w = w.lower()
            if is_word(w) and in_script(w, lang):
                out |= {w, unicodedata.normalize("NFC", w)}
        return out

    for bit, lang in enumerate(LANGS):
        sb = snowball(lang)
        words = forms(data[lang]) | forms(sb or [])
        idwords = forms(sb) if sb else words
        counts.append(len(words))
        for w in words:
            masks[w] = masks.get(w, 0) | (1 << bit)
        for w in idwords:
            idmasks[w] = idmasks.get(w, 0) | (1 << bit)

    size = 1
    while size < 2 * len(masks):
        size *= 2
    table = [None] * size
    for w in sorted(masks):
        b = w.encode("utf-8")
        assert len(b) < 256
        i = fnv1a(b) & (size - 1)
        while table[i] is not None:
            i = (i + 1) & (size - 1)
        table[i] = (b, masks[w], idmasks.get(w, 0))
    maxlen = max(len(w.encode("utf-8")) for w in masks)

    o = []
    o.append("/* generated by scripts/gen-stopwords.py from stopwords-iso %s "
             "(MIT licence, https://github.com/stopwords-iso) and Debian's "
             "liblingua-stopwords-perl (Snowball lists, Artistic or GPL-1+) "
             "\u2014 do not edit */" % version)
    o.append("#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n")
    o.append("#define WN_LANG_COUNT %d" % len(LANGS))
    o.append("#define WN_SW_SIZE %du /* power of two */" % size)
    o.append("#define WN_SW_MAXLEN %d\n" % maxlen)
    o.append("const char *const wn_lang_codes[WN_LANG_COUNT] = {")
    for i in range(0, len(LANGS), 12):
        o.append("    " + " ".join('"%s",' % l for l in LANGS[i:i + 12]))
    o.append("};\n")
    o.append("const unsigned short wn_lang_stopword_count[WN_LANG_COUNT] = {")
    for i in range(0, len(counts), 12):
        o.append("    " + " ".join("%d," % c for c in counts[i:i + 12]))
    o.append("};\n")
    o.append("size_t wn_lang_count(void) { return WN_LANG_COUNT; }\n")
    o.append("struct wn_sw_entry {\n    const char *word;\n"
             "    unsigned char len;\n    uint64_t mask, idmask;\n};\n")
    o.append("/* %d words; empty slots have word == NULL */" % len(masks))
    o.append("static const struct wn_sw_entry wn_sw_table[WN_SW_SIZE] = {")
    for i, e in enumerate(table):
        if e is not None:
            o.append("    [%d] = {%s, %d, 0x%xu, 0x%xu}," % (
                i, c_string(e[0]), len(e[0]), e[1], e[2]))
    o.append("};\n")
    o.append("""uint64_t wn_stopword_mask(const char *w, size_t len, uint64_t *idmask)
{
    *idmask = 0;
    if (len == 0 || len > WN_SW_MAXLEN)
        return 0;
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a 64 */
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)w[k]) * 0x100000001b3u;
    for (size_t i = (size_t)(h & (WN_SW_SIZE - 1));;
         i = (i + 1) & (WN_SW_SIZE - 1)) {
        const struct wn_sw_entry *e = &wn_sw_table[i];
        if (!e->word)
            return 0;
        if (e->len == len && memcmp(e->word, w, len) == 0) {
            *idmask = e->idmask;
            return e->mask;
        }
    }
}""")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(o) + "\n")
    print("#define WN_LANG_COUNT %d" % len(LANGS))
    print("%s: %d words, table %d slots, stopwords-iso %s"
          % (out, len(masks), size, version))
    print(" ".join("%s=%d" % lc for lc in zip(LANGS, counts)))


if __name__ == "__main__":
    main()
