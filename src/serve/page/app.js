/*
 * app.js: the page of `winnow serve` (search, article, story), served from
 * the binary with no build step and no framework.
 *
 * Safety rule of this file: every string that comes from an article (or
 * from the address bar) reaches the document only as a text node
 * (createTextNode, textContent, document.title) or as an attribute set
 * with setAttribute; innerHTML is never used. Links to the outside are made
 * only for http(s) URLs (a javascript: or data: URL is shown as text). The
 * search snippet's highlight markers (\u0002 ... \u0003, chosen by the
 * store because they cannot occur in article text) split it into text
 * nodes and <mark> elements. The server's Content-Security-Policy forbids
 * inline script on top of that.
 *
 * Routing is by the URL hash: #/ or #/search?q=...&publisher=...&lang=...
 * &since=...&offset=..., #/article/ID, #/story/CLUSTER.
 */
'use strict';
(function () {
  const PAGE = 20;
  const view = document.getElementById('view');
  const status = document.getElementById('status');
  const form = document.getElementById('search-form');
  const fields = ['q', 'publisher', 'lang', 'since'];
  const input = {};
  for (const f of fields) input[f] = document.getElementById(f);

  /* el('a', {class: 'x', href: '#/'}, 'text', node, null, ...) */
  function el(tag, attrs) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const k of Object.keys(attrs)) {
        const v = attrs[k];
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else e.setAttribute(k, String(v));
      }
    }
    for (let i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, kid) {
    if (kid === undefined || kid === null || kid === false) return;
    if (Array.isArray(kid)) { for (const k of kid) add(parent, k); return; }
    parent.appendChild(typeof kid === 'string' || typeof kid === 'number'
      ? document.createTextNode(String(kid)) : kid);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* An absolute http(s) URL, or null. */
  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    let x;
    try { x = new URL(u); } catch (e) { return null; }
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : null;
  }
  /* A link to the outside when the URL is http(s), else the URL as text. */
  function extLink(url, label) {
    const href = safeUrl(url);
    if (!href) return el('span', { class: 'unsafe-url', title: 'not an http(s) URL: not linked' }, url);
    return el('a', { href: href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, label || url);
  }
  /* Snippet with \u0002...\u0003 highlights -> text nodes and <mark>s. */
  function marked(s) {
    const frag = document.createDocumentFragment();
    let inMark = false;
    for (const part of String(s || '').split(/([\u0002\u0003])/)) {
      if (part === '\u0002') { inMark = true; continue; }
      if (part === '\u0003') { inMark = false; continue; }
      if (!part) continue;
      frag.appendChild(inMark ? el('mark', null, part) : document.createTextNode(part));
    }
    return frag;
  }
  function date(d) { return typeof d === 'string' ? d.replace('T', ' ') : ''; }

  async function getJSON(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    let j = null;
    try { j = await r.json(); } catch (e) { j = null; }
    if (!r.ok) throw new Error(j && j.error ? j.error : 'HTTP ' + r.status);
    return j;
  }
  function showError(e) {
    clear(view);
    view.appendChild(el('p', { class: 'error', role: 'alert' }, String(e && e.message ? e.message : e)));
    ready();
  }

  /* ---- filters (from /api/summary) ---- */
  let summary = null;
  async function loadSummary() {
    try { summary = await getJSON('/api/summary'); } catch (e) { status.textContent = String(e.message); return; }
    for (const p of summary.publishers || [])
      input.publisher.appendChild(el('option', { value: p.name }, p.name + ' (' + p.articles + ')'));
    for (const l of summary.languages || [])
      input.lang.appendChild(el('option', { value: l.code }, l.code + ' (' + l.articles + ')'));
    status.textContent = (summary.articles || 0) + ' articles, ' + (summary.clusters || 0) + ' stories, ' +
      (summary.errors || 0) + ' error records in the store';
    const st = parseHash().params;
    for (const f of ['publisher', 'lang']) if (st.get(f)) input[f].value = st.get(f);
  }

  /* ---- routing ---- */
  function parseHash() {
    const h = location.hash.replace(/^#/, '') || '/';
    const qi = h.indexOf('?');
    const path = qi < 0 ? h : h.slice(0, qi);
    return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1)) };
  }
  /* Each route bumps gen; an answer that arrives after a newer route started
   * is dropped, so a slow request never overwrites the current view. When a
   * view is complete, #view gets data-ready = the hash it shows (tests and
   * screenshots wait for it). */
  let gen = 0;
  function stale(g) { return g !== gen; }
  function ready() { view.setAttribute('data-ready', location.hash || '#/'); }
  function route() {
    gen++;
    view.removeAttribute('data-ready');
    const r = parseHash();
    const [kind, id] = r.parts;
    if (kind === 'article' && /^\d+$/.test(id || '')) return showArticle(id);
    if (kind === 'story' && /^\d+$/.test(id || '')) return showStory(id);
    return showSearch(r.params);
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const f of fields) if (input[f].value) p.set(f, input[f].value);
    const target = '#/search?' + p.toString();
    if (location.hash === target) route(); else location.hash = target;
  });
  window.addEventListener('hashchange', route);

  /* ---- search ---- */
  async function showSearch(params) {
    for (const f of fields) input[f].value = params.get(f) || '';
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const api = new URLSearchParams();
    for (const f of fields) if (params.get(f)) api.set(f, params.get(f));
    if (params.get('literal') === '1') api.set('literal', '1');
    api.set('limit', PAGE);
    api.set('offset', offset);
    document.title = (params.get('q') ? params.get('q') + ' — ' : '') + 'winnow';
    const g = gen;
    let hits;
    try { hits = await getJSON('/api/search?' + api.toString()); } catch (e) {
      if (stale(g)) return;
      showError(e);
      /* not FTS5 (a pasted sentence with brackets or colons): offer the same
       * words as plain text (literal=1, as winnow search -F) */
      if (/malformed query/i.test(String(e && e.message)) && params.get('q')) {
        const p = new URLSearchParams(params);
        p.set('literal', '1');
        p.delete('offset');
        view.appendChild(el('p', { class: 'literal' },
          el('a', { href: '#/search?' + p.toString() }, 'Search these words as plain text')));
      }
      return;
    }
    if (stale(g)) return;
    clear(view);
    const what = params.get('q') ? 'matching' : 'newest first';
    view.appendChild(el('p', { class: 'count' }, hits.length === 0 ? 'No articles found.' :
      'Articles ' + (offset + 1) + '–' + (offset + hits.length) + ' (' + what + ')'));
    const ol = el('ol', { class: 'hits' });
    for (const h of hits) {
      const meta = el('div', { class: 'meta' },
        h.publisher ? el('span', { class: 'publisher' }, h.publisher) : null,
        h.republisher ? el('span', { class: 'republisher' }, 'via ' + h.republisher) : null,
        h.date_published ? el('time', null, date(h.date_published)) : null,
        h.language ? el('span', { class: 'lang' }, h.language) : null,
        h.cluster_size > 1
          ? el('a', { class: 'cluster', href: '#/story/' + h.cluster_id }, h.cluster_size + ' copies')
          : el('span', { class: 'cluster' }, '1 copy'));
      ol.appendChild(el('li', { class: 'hit', 'data-id': h.id },
        el('a', { class: 'title', href: '#/article/' + h.id }, h.title || '(untitled)'),
        meta,
        h.snippet ? el('p', { class: 'snippet' }, marked(h.snippet)) : null));
    }
    view.appendChild(ol);
    const pager = el('nav', { class: 'pager' });
    function pageLink(off, label) {
      const p = new URLSearchParams(params);
      p.set('offset', off);
      return el('a', { href: '#/search?' + p.toString() }, label);
    }
    if (offset > 0) pager.appendChild(pageLink(Math.max(0, offset - PAGE), '← newer / better'));
    if (hits.length === PAGE) pager.appendChild(pageLink(offset + PAGE, 'more →'));
    view.appendChild(pager);
    ready();
  }

  /* ---- article ---- */
  async function showArticle(id) {
    const g = gen;
    let a;
    try { a = await getJSON('/api/article?id=' + id); } catch (e) { return stale(g) || showError(e); }
    if (stale(g)) return;
    clear(view);
    document.title = (a.title || 'article ' + id) + ' — winnow';
    const art = el('article', { class: 'article', 'data-id': a.id });
    art.appendChild(el('h1', { class: 'title' }, a.title || '(untitled)'));
    if (a.subtitle) art.appendChild(el('p', { class: 'dek' }, a.subtitle));
    if (Array.isArray(a.authors) && a.authors.length) {
      const by = el('p', { class: 'byline' }, 'By ');
      a.authors.forEach(function (au, i) {
        if (i) by.appendChild(document.createTextNode(i === a.authors.length - 1 ? ' and ' : ', '));
        const span = el('span', { class: 'author' },
          safeUrl(au.url) ? extLink(au.url, au.name || au.url) : (au.name || ''));
        if (au.role) add(span, [' ', el('span', { class: 'role' }, '(' + au.role + ')')]);
        if (au.handle) add(span, [' ', el('span', { class: 'handle' }, au.handle)]);
        by.appendChild(span);
      });
      art.appendChild(by);
    }
    const facts = el('dl', { class: 'facts' });
    function fact(label, value, cls) {
      if (value === undefined || value === null || value === '') return;
      facts.appendChild(el('dt', null, label));
      facts.appendChild(el('dd', { class: cls }, value));
    }
    fact('Publisher', a.publisher, 'publisher');
    fact('Republished by', a.republisher, 'republisher');
    fact('Published', date(a.date_published), 'published');
    fact('Modified', date(a.date_modified), 'modified');
    fact('Language', a.language, 'language');
    if (a.url) fact('Canonical URL', extLink(a.url), 'canonical-url');
    fact('Source', a.source, 'source');
    if (a.tags && a.tags.length) fact('Tags', a.tags.join(', '), 'tags');
    if (typeof a.word_count === 'number') fact('Words', String(a.word_count), 'words');
    if (a.ingested_at) fact('Stored', date(a.ingested_at), 'ingested');
    art.appendChild(facts);
    if (a.cluster_size > 1) {
      art.appendChild(el('p', { class: 'story-link' },
        (a.canonical_id && a.canonical_id !== a.id ? 'A copy; ' : 'The original; ') +
        a.cluster_size + ' copies of this story: ',
        el('a', { href: '#/story/' + a.cluster_id }, 'compare them')));
    }
    if (a.error) {
      art.appendChild(el('p', { class: 'error' }, 'Error record: ' + (a.error.code || '') +
        (a.error.message ? ' — ' + a.error.message : '')));
    }
    const removed = Array.isArray(a.removed) ? a.removed : [];
    const body = el('div', { class: 'body' });
    const toggle = el('input', { type: 'checkbox', id: 'show-removed' });
    art.appendChild(el('div', { class: 'toolbar' },
      el('label', null, toggle, ' Show the ' + removed.length + ' removed block' +
        (removed.length === 1 ? '' : 's') + ' in place')));
    art.appendChild(body);
    const paras = typeof a.text === 'string' && a.text !== '' ? a.text.split('\n\n') : [];
    function renderBody() {
      clear(body);
      const show = toggle.checked;
      const byAt = new Map();
      if (show) {
        for (const r of removed) {
          const at = Math.min(Math.max(0, r.at | 0), paras.length);
          if (!byAt.has(at)) byAt.set(at, []);
          byAt.get(at).push(r);
        }
      }
      for (let i = 0; i <= paras.length; i++) {
        for (const r of byAt.get(i) || []) {
          body.appendChild(el('div', { class: 'removed' },
            el('span', { class: 'reason' }, r.reason || 'removed'), el('del', null, r.text || '')));
        }
        if (i < paras.length) body.appendChild(el('p', null, paras[i]));
      }
    }
    toggle.addEventListener('change', renderBody);
    renderBody();
    view.appendChild(art);
    window.scrollTo(0, 0);
    ready();
  }

  /* ---- story ---- */
  async function showStory(cluster) {
    const g = gen;
    let s;
    try { s = await getJSON('/api/story?cluster=' + cluster); } catch (e) { return stale(g) || showError(e); }
    if (stale(g)) return;
    clear(view);
    const members = s.members || [];
    const first = members[0] || {};
    document.title = 'Story: ' + (first.title || cluster) + ' — winnow';
    view.appendChild(el('h1', { class: 'story-title' }, first.title || '(untitled)'));
    view.appendChild(el('p', { class: 'count' }, s.size + ' cop' + (s.size === 1 ? 'y' : 'ies') +
      ' of this story, the original first, then the copies by similarity'));
    const ol = el('ol', { class: 'copies' });
    for (const m of members) {
      const li = el('li', { class: 'copy' + (m.canonical ? ' canonical' : ''), 'data-id': m.id });
      li.appendChild(el('div', null,
        el('span', { class: 'badge' }, m.canonical ? 'original' : (m.duplicate_kind || 'copy')),
        el('a', { class: 'title', href: '#/article/' + m.id }, m.title || '(untitled)')));
      li.appendChild(el('div', { class: 'meta' },
        m.publisher ? el('span', { class: 'publisher' }, m.publisher) : null,
        m.republisher ? el('span', { class: 'republisher' }, 'via ' + m.republisher) : null,
        m.date_published ? el('time', null, date(m.date_published)) : null,
        typeof m.word_count === 'number' ? el('span', null, m.word_count + ' words') : null,
        !m.canonical && typeof m.similarity === 'number'
          ? el('span', { class: 'similarity' }, 'similarity ' + m.similarity.toFixed(3)) : null,
        m.url ? extLink(m.url) : null));
      const d = m.diff;
      if (!m.canonical && d) {
        const diff = el('div', { class: 'diff' });
        const parts = [];
        if (d.title_differs) parts.push(el('span', null, 'title differs'));
        parts.push(el('span', { class: 'plus' }, '+' + (d.only_here || 0) + ' paragraph' + (d.only_here === 1 ? '' : 's') + ' only here'));
        parts.push(el('span', { class: 'minus' }, '−' + (d.missing || 0) + ' missing'));
        if (!d.title_differs && !d.only_here && !d.missing) parts.push(el('span', null, 'same paragraphs'));
        diff.appendChild(el('div', { class: 'meta' }, parts));
        function samples(label, list, cls) {
          if (!Array.isArray(list) || !list.length) return;
          diff.appendChild(el('div', { class: cls }, label));
          const ul = el('ul', { class: cls });
          for (const p of list) ul.appendChild(el('li', null, p));
          diff.appendChild(ul);
        }
        samples('Only in this copy:', d.only_here_sample, 'plus');
        samples('Missing from this copy:', d.missing_sample, 'minus');
        li.appendChild(diff);
      }
      ol.appendChild(li);
    }
    view.appendChild(ol);
    window.scrollTo(0, 0);
    ready();
  }

  loadSummary();
  route();
})();
