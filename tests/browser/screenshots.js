#!/usr/bin/env node
/*
 * screenshots.js: the README's pictures of `winnow serve`, made the way a
 * reader sees the page.
 *
 *   node tests/browser/screenshots.js WINNOW_BINARY [OUTDIR]   (default docs/img)
 *
 * Ingests the example articles of tests/browser/pages/ (our own invented
 * stories; the hostile test pages are left out) into a temporary store,
 * serves it, and saves search.png (a search with highlights), article.png
 * (an article with its removed blocks shown in place) and story.png (every
 * copy of a story) from Debian's headless Chromium. `make screenshots`.
 */
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));

const winnow = process.argv[2];
const out = path.resolve(process.argv[3] || path.join(__dirname, '..', '..', 'docs', 'img'));
if (!winnow) { console.error('usage: screenshots.js WINNOW_BINARY [OUTDIR]'); process.exit(2); }

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-shots-'));
  const db = path.join(dir, 'news.db');
  const pagesDir = path.join(__dirname, 'pages');
  const pages = fs.readdirSync(pagesDir).filter((f) => !f.startsWith('hostile')).sort();
  /* run in pages/ so that each record's source is the file's own name */
  execFileSync(path.resolve(winnow), ['ingest', '--db', db, '-q'].concat(pages), { stdio: 'inherit', cwd: pagesDir });
  const srv = spawn(winnow, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise((resolve, reject) => {
    let err = '';
    srv.stderr.on('data', (d) => { err += d; const m = /http:\/\/[0-9.]+:\d+\//.exec(err); if (m) resolve(m[0]); });
    srv.on('exit', (c) => reject(new Error('winnow serve exited ' + c + ': ' + err)));
  });
  const browser = await chromium.launch({ executablePath: process.env.WINNOW_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 860 }, deviceScaleFactor: 1 });
    const settled = () => page.waitForFunction(() =>
      document.getElementById('view').getAttribute('data-ready') === (location.hash || '#/') &&
      document.querySelectorAll('#publisher option').length > 1);
    fs.mkdirSync(out, { recursive: true });
    await page.goto(base + '#/search?q=harbour%20OR%20ferry');
    await settled();
    await page.screenshot({ path: path.join(out, 'search.png') });
    await page.click('.hit .title >> text="Harbour council votes for floating ferry terminal"');
    await settled();
    await page.check('#show-removed');
    await page.screenshot({ path: path.join(out, 'article.png'), fullPage: true });
    await page.click('.story-link a');
    await settled();
    await page.screenshot({ path: path.join(out, 'story.png'), fullPage: true });
    console.log('screenshots.js: ' + ['search.png', 'article.png', 'story.png'].map((f) => path.join(out, f)).join(' '));
  } finally {
    await browser.close();
    srv.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
