// Home page: the guidelines with their versions (status, dates, coverage) and the clinical questions.
import { el, fill, getJson, namedQuery, withStatus, versionHref, dateText, localName } from './common.js';

const status = document.getElementById('status');

function versionTable(g) {
  const byIri = new Map(g.versions.map(v => [v.iri, v.version]));
  const rows = g.versions.map(v => {
    const previous = v.previousVersion ? byIri.get(v.previousVersion) || localName(v.previousVersion) : null;
    const compare = previous
      ? el('a', { href: '/compare?' + new URLSearchParams({ guideline: g.id, from: previous, to: v.version }) },
          'Compare ' + previous + ' → ' + v.version)
      : null;
    return el('tr', { 'data-version': v.version },
      el('th', { scope: 'row' }, el('a', { href: versionHref(g.id, v.version) }, 'Version ' + v.version),
        v.version === g.current ? el('span', { class: 'small muted' }, ' (current)') : null),
      el('td', {}, v.status),
      el('td', {}, dateText(v.effectiveFrom, v.effectiveFromPrecision)),
      el('td', {}, v.issued || 'not recorded'),
      el('td', {}, previous || 'none recorded'),
      el('td', {}, v.coverage.length
        ? el('ul', {}, v.coverage.map(c => el('li', {}, c.label, c.locator ? el('span', { class: 'muted' }, ' (' + c.locator + ')') : null)))
        : 'none recorded'),
      el('td', {}, el('ul', {},
        el('li', {}, el('a', { href: versionHref(g.id, v.version) }, 'Statements')),
        compare ? el('li', {}, compare) : null,
        el('li', {}, el('a', { href: '/evaluate?' + new URLSearchParams({ guideline: g.id, version: v.version }) }, 'Evaluate a case')))));
  });
  return el('table', {},
    el('caption', {}, g.title + ' — versions'),
    el('thead', {}, el('tr', {},
      ['Version', 'Status', 'Effective from', 'Issued', 'Previous version', 'What this version encodes (coverage)', 'Links']
        .map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

async function guidelines() {
  const list = await withStatus(status, 'Loading the guidelines…', () => getJson('/api/guidelines'),
    gs => gs.length + (gs.length === 1 ? ' guideline' : ' guidelines') + ' loaded.');
  const box = document.getElementById('guidelines');
  fill(box, list.length ? list.map(g => el('section', { class: 'guideline', 'data-guideline': g.id, 'aria-labelledby': 'g-' + g.id },
    el('h3', { id: 'g-' + g.id }, g.title),
    el('p', { class: 'muted' }, 'Publisher: ' + (g.publisher || 'not recorded') + '. Identifier: ', el('code', {}, g.id),
      '. Current version: ' + (g.current || 'none in effect') + '.'),
    versionTable(g))) : el('p', {}, 'The knowledge base holds no guideline yet.'));
}

async function questions() {
  const rows = await withStatus(document.getElementById('questions-status'), 'Loading the clinical questions…',
    () => namedQuery('list-question-studies'));
  const seen = new Map();
  for (const r of rows) {
    if (!seen.has(r.question)) seen.set(r.question, { label: r.questionLabel || r.question, answer: r.answer, n: 0 });
    seen.get(r.question).n++;
  }
  fill(document.getElementById('questions'), seen.size ? [...seen].map(([iri, q]) => el('li', {},
    el('a', { href: '/questions/' + encodeURIComponent(localName(iri)) + '/evidence' }, q.label),
    el('br'),
    el('span', { class: 'small muted' }, (q.answer ? 'Answer in the source: "' + q.answer + '". ' : '')
      + q.n + ' linked studies and syntheses, with a forest plot of overall survival.'))) : el('li', {}, 'No clinical question is recorded.'));
}

guidelines().catch(() => {});
questions().catch(() => {});
