// Compare two versions side by side: added, removed, modified and not-covered statements, marked in colour and in
// words; modified fields as before → after; the coverage of each version, so "not covered" can be read honestly.
import { el, fill, getJson, withStatus, say, words, resourceHref, versionHref, dateText, codeLabels, INFORMATIVE_NOTE } from './common.js';

const status = document.getElementById('status');
const form = document.getElementById('choose');
const gSel = document.getElementById('guideline');
const fromSel = document.getElementById('from');
const toSel = document.getElementById('to');
const result = document.getElementById('result');
let guidelines = [];
let label = (scheme, code) => words(code); // codes in the ontology's words once loaded

const KIND = {
  added: { word: 'Added', cls: 'kind-added' },
  removed: { word: 'Removed', cls: 'kind-removed' },
  modified: { word: 'Modified', cls: 'kind-modified' },
  'not-covered': { word: 'Not covered', cls: 'kind-not-covered' }
};

function badge(kind, extra) {
  return el('span', { class: 'badge ' + KIND[kind].cls }, KIND[kind].word + (extra ? ' ' + extra : ''));
}

function options(select, values, chosen) {
  fill(select, values.map(v => el('option', { value: v.value, selected: v.value === chosen }, v.text)));
}

function fillVersions(g, from, to) {
  const vs = g.versions.map(v => ({ value: v.version, text: v.version + ' (' + v.status + ')' }));
  const current = g.current || (g.versions.length ? g.versions[g.versions.length - 1].version : null);
  const cur = g.versions.find(v => v.version === current);
  const prev = cur && cur.previousVersion ? g.versions.find(v => v.iri === cur.previousVersion) : null;
  options(fromSel, vs, from || (prev ? prev.version : g.versions[0] && g.versions[0].version));
  options(toSel, vs, to || current);
}

function versionHead(ref, side, g) {
  return el('div', { class: 'col-head', 'data-side': side },
    el('h3', {}, (side === 'from' ? 'From: ' : 'To: '), el('a', { href: versionHref(g, ref.version) }, 'version ' + ref.version)),
    el('p', { class: 'small' }, ref.status + ', effective from ' + dateText(ref.effectiveFrom)),
    el('p', { class: 'small' }, el('strong', {}, 'Encodes (coverage): ')),
    el('ul', { class: 'small coverage' }, (ref.coverage || []).map(c => el('li', {}, c))));
}

function brief(s, version) {
  return [
    el('div', { class: 'text' }, el('strong', {}, el('a', { href: resourceHref(s.statement) }, s.label))),
    el('div', { class: 'text small' }, s.summary || ''),
    el('div', { class: 'small muted' }, [label('action', s.action), label('modality', s.modality) + (s.modality === 'informative' ? ' (' + INFORMATIVE_NOTE + ')' : ''), s.category ? 'category ' + s.category : null]
      .filter(Boolean).join(' · ') + ' — in version ' + version)];
}

function cell(kind, side, version, ...content) {
  return el('div', { class: 'cell' + (kind ? ' ' + KIND[kind].cls : ''), 'data-side': side },
    el('span', { class: 'sr-only cell-version' }, 'Version ' + version + ': '), content);
}

function row(kind, rec, left, right, changes) {
  return el('div', { class: 'compare-row', 'data-kind': kind, 'data-recommendation': rec }, left, right, changes);
}

function render(d) {
  const from = d.from, to = d.to;
  const rows = [];
  for (const s of d.added) {
    rows.push(row('added', s.recommendation,
      cell('added', 'from', from, el('span', { class: 'text muted' }, 'Not stated in version ' + from + ' (which encodes this section).')),
      cell('added', 'to', to, badge('added', 'in ' + to), ' ', brief(s, to))));
  }
  for (const s of d.removed) {
    rows.push(row('removed', s.recommendation,
      cell('removed', 'from', from, badge('removed', 'in ' + to), ' ', brief(s, from)),
      cell('removed', 'to', to, el('span', { class: 'text muted' }, 'Not stated in version ' + to + ' (which encodes this section).'))));
  }
  for (const m of d.modified) {
    rows.push(row('modified', m.recommendation,
      cell('modified', 'from', from, badge('modified'), ' ', el('strong', { class: 'text' }, el('a', { href: resourceHref(m.fromStatement) }, m.label)),
        el('div', { class: 'small muted' }, 'as stated in version ' + from)),
      cell('modified', 'to', to, badge('modified'), ' ', el('strong', { class: 'text' }, el('a', { href: resourceHref(m.toStatement) }, m.label)),
        el('div', { class: 'small muted' }, 'as stated in version ' + to)),
      el('div', { class: 'changes' }, el('table', {},
        el('caption', {}, m.changes.length + (m.changes.length === 1 ? ' field changed' : ' fields changed') + ': before → after'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Before (' + from + ')'),
          el('th', { scope: 'col', class: 'arrow' }, '→'), el('th', { scope: 'col' }, 'After (' + to + ')'))),
        el('tbody', {}, m.changes.map(c => el('tr', { 'data-field': c.field },
          el('th', { scope: 'row' }, words(c.field)),
          el('td', {}, c.from === null ? el('span', { class: 'muted' }, '(none)') : el('del', {}, c.from)),
          el('td', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
          el('td', {}, c.to === null ? el('span', { class: 'muted' }, '(none)') : el('ins', {}, c.to)))))))));
  }
  for (const n of d.notCovered) {
    const here = el('div', {}, badge('not-covered', 'by version ' + n.absentFrom + '\'s coverage'), ' ',
      el('strong', { class: 'text' }, n.label), el('div', { class: 'small muted' }, 'Section: ' + (n.sectionLabel || n.section)));
    const there = el('span', { class: 'text' }, 'Not covered: ' + n.note);
    const inFrom = n.presentIn === from;
    rows.push(row('not-covered', n.recommendation,
      cell('not-covered', 'from', from, inFrom ? here : there),
      cell('not-covered', 'to', to, inFrom ? there : here)));
  }
  for (const c of d.curated || []) {
    // a curator's lineage link: the older recommendation on the left, what it became on the right, in words
    rows.push(row('curated', c.fromRecommendation,
      cell(null, 'from', from, el('strong', { class: 'text' }, c.fromLabel)),
      cell(null, 'to', to, el('span', { class: 'text' }, c.text.substring(c.fromLabel.length + 2)))));
  }
  const counts = [
    [d.added.length, 'added'], [d.removed.length, 'removed'], [d.modified.length, 'modified'],
    [d.unchanged, 'unchanged'], [d.notCovered.length, 'not covered by the other version\'s coverage']]
    .concat((d.curated || []).length ? [[d.curated.length, 'linked by a curator (curated lineage)']] : []);
  const onlyNotCovered = d.notCovered.length > 0 && !d.added.length && !d.removed.length && !d.modified.length && !d.unchanged;
  fill(result,
    el('h2', { id: 'summary-h' }, 'Version ' + from + ' → version ' + to),
    el('p', { id: 'summary' }, counts.map(([n, w]) => n + ' ' + w).join(', ') + '.'),
    onlyNotCovered ? el('p', { class: 'note', id: 'coverage-note' }, el('strong', {}, 'These two versions encode different parts of the guideline. '),
      'Every statement is in one version only, in a section the other version does not encode, so this comparison ',
      'cannot say what changed clinically between them. The coverage of each version is listed at the top of each column.',
      (d.questionComparisons || []).map(q => [' ', el('a', { class: 'question-compare-link', href: q.page },
        'Compare what each version says about the clinical question ' + q.question.substring(q.question.lastIndexOf('/') + 1))])) : null,
    el('ul', { class: 'legend', 'aria-label': 'Legend' },
      el('li', {}, badge('added'), ' only in the newer version, in a section both encode'),
      el('li', {}, badge('removed'), ' only in the older version, in a section both encode'),
      el('li', {}, badge('modified'), ' in both, with fields changed'),
      el('li', {}, badge('not-covered'), ' in one version only; the other does not encode that section')),
    el('div', { class: 'compare-grid', role: 'region', 'aria-labelledby': 'summary-h' },
      versionHead(d.fromVersion, 'from', d.guideline), versionHead(d.toVersion, 'to', d.guideline), rows),
    d.unchanged ? el('p', {}, d.unchanged + (d.unchanged === 1 ? ' statement is' : ' statements are') + ' unchanged (not listed).') : null,
    el('p', { class: 'small' }, 'Also as ', el('a', { href: apiUrl(d.guideline, from, to) }, 'JSON'), ' from the API.'));
}

function apiUrl(g, from, to) {
  return '/api/guidelines/' + encodeURIComponent(g) + '/compare?' + new URLSearchParams({ from, to });
}

/** The position of a version in the guideline's history (oldest first), or -1. */
function rank(g, label) {
  return ((guidelines.find(x => x.id === g) || {}).versions || []).findIndex(v => v.version === label);
}

async function compare(g, from, to) {
  let notice = null;
  if (rank(g, from) > rank(g, to) && rank(g, to) >= 0) { // From is labelled older: a reversed pair is swapped, and said so
    notice = 'Version ' + from + ' is newer than version ' + to + ', so they were swapped: From (older) is ' + to + ', To (newer) is ' + from + '.';
    [from, to] = [to, from];
    fromSel.value = from;
    toSel.value = to;
    history.replaceState(null, '', '/compare?' + new URLSearchParams({ guideline: g, from, to }));
  }
  const d = await withStatus(status, 'Comparing version ' + from + ' with version ' + to + '…', () => getJson(apiUrl(g, from, to)),
    x => 'Compared: ' + x.added.length + ' added, ' + x.removed.length + ' removed, ' + x.modified.length + ' modified, '
      + x.notCovered.length + ' not covered.');
  render(d);
  if (notice) result.prepend(el('p', { class: 'note', id: 'swap-notice', role: 'note' }, notice));
}

async function init() {
  const params = new URLSearchParams(location.search);
  guidelines = await withStatus(status, 'Loading the guidelines…', () => getJson('/api/guidelines'));
  label = await codeLabels();
  const chosen = params.get('guideline') || (guidelines.find(g => g.versions.length > 1) || guidelines[0] || {}).id;
  options(gSel, guidelines.map(g => ({ value: g.id, text: g.title })), chosen);
  const g = guidelines.find(x => x.id === chosen);
  if (!g) { say(status, 'The knowledge base holds no guideline to compare.', true); return; }
  fillVersions(g, params.get('from'), params.get('to'));
  gSel.addEventListener('change', () => fillVersions(guidelines.find(x => x.id === gSel.value)));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams({ guideline: gSel.value, from: fromSel.value, to: toSel.value });
    history.replaceState(null, '', '/compare?' + q);
    compare(gSel.value, fromSel.value, toSel.value).catch(() => {});
  });
  if (fromSel.value && toSel.value) await compare(gSel.value, fromSel.value, toSel.value);
  else say(status, 'Choose two versions and press Compare.');
}

init().catch(() => {});
