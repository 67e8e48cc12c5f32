#!/usr/bin/env node
// Peer extractor for bench/html.sh: Readability.js (@mozilla/readability) on
// linkedom's DOM, versions pinned in bench/package.json (npm ci there).
//   node bench/readability-peer.js OUT.json FILE.html...
//   node bench/readability-peer.js OUT.json --list LISTFILE   (one path a line)
// Writes OUT.json as {id: {"articleBody": textContent}} (id = file name less
// .html / .html.gz), the format bench/score.py reads. A page where Readability
// finds no article (parse() returns null) or throws gets an empty body.
// Prints one JSON line of timings on stdout:
//   {"pages", "bytes", "read_s", "extract_s", "no_article", "errors"}
// read_s is reading (and gunzipping) every file, done before the timed loop;
// extract_s is parseHTML + new Readability(document).parse() over all pages,
// i.e. node startup, module loading, file I/O and JSON output excluded.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { parseHTML } = require('linkedom');
const { Readability } = require('@mozilla/readability');

const args = process.argv.slice(2);
if (args.length < 2) {
  process.stderr.write('usage: readability-peer.js OUT.json FILE.html... | --list LISTFILE\n');
  process.exit(2);
}
const out = args.shift();
let files = args;
if (files[0] === '--list') {
  files = fs.readFileSync(files[1], 'utf8').split('\n').filter((l) => l.trim() !== '');
}

// Read everything first so the timed loop measures extraction only.
const t0 = process.hrtime.bigint();
const pages = files.map((f) => {
  let buf = fs.readFileSync(f);
  if (f.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return { id: path.basename(f).replace(/\.gz$/, '').replace(/\.html?$/, ''),
           bytes: buf.length, html: buf.toString('utf8') };
});
const t1 = process.hrtime.bigint();

const result = {};
let noArticle = 0;
let errors = 0;
for (const page of pages) {
  let text = '';
  try {
    const { document } = parseHTML(page.html);
    const article = new Readability(document).parse();
    if (article && article.textContent) text = article.textContent;
    else noArticle++;
  } catch (e) {
    errors++;
    process.stderr.write(`readability-peer: ${page.id}: ${e && e.message}\n`);
  }
  result[page.id] = { articleBody: text };
}
const t2 = process.hrtime.bigint();

fs.writeFileSync(out, JSON.stringify(result));
process.stdout.write(JSON.stringify({
  pages: pages.length,
  bytes: pages.reduce((s, p) => s + p.bytes, 0),
  read_s: Number(t1 - t0) / 1e9,
  extract_s: Number(t2 - t1) / 1e9,
  no_article: noArticle,
  errors,
}) + '\n');
