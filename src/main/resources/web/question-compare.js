// The question-level comparison: /questions/{q}/compare?versions=g@v,g@v[,...] (default: every published version).
// Reads /api/questions/{q}/compare and /api/questions/{q}/timeline; shows per action group the statements of each
// version side by side and the differences in words, then the evidence timeline.
import { el, fill, getJson, withStatus, say, words, resourceHref } from './common.js';
import { timelineFigure } from './timeline.js';

const status = document.getElementById('status');

function question() {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  return parts[0] === 'questions' && parts.length >= 3 ? parts[1] : null;
}

async function chosenVersions() {
  const asked = new URLSearchParams(location.search).get('versions');
  if (asked) return asked;
  const gs = await getJson('/api/guidelines');
  return gs.flatMap(g => g.versions.filter(v => v.status !== 'draft').map(v => g.id + '@' + v.version)).join(',');
}

function versionsList(c) {
  return el('section', { 'aria-labelledby': 'versions-h' }, el('h2', { id: 'versions-h' }, 'Versions compared'),
    el('ul', { id: 'versions-list' }, c.versions.map(v => el('li', { 'data-version': v.guideline + '@' + v.version },
      el('a', { href: '/guidelines/' + encodeURIComponent(v.guideline) + '/versions/' + encodeURIComponent(v.version) },
        v.guideline + ' ' + v.version),
      ' (' + v.status + (v.date ? ', ' + v.date + (v.precision !== 'day' ? ', known only to the ' + v.precision : '') : '') + '). ',
      'Sections encoded: ' + (v.coverage.join('; ') || 'none stated')))));
}

function group(c, g) {
  const cols = c.versions;
  return el('section', { class: 'question-group', 'data-action': g.action, 'aria-labelledby': 'g-' + g.action },
    el('h2', { id: 'g-' + g.action }, g.label),
    el('ul', { class: 'differences' }, g.differences.map(d => el('li', {}, d))),
    el('table', { class: 'side-by-side' },
      el('caption', {}, 'Statements on ' + g.label.toLowerCase() + ', by version'),
      el('thead', {}, el('tr', {}, cols.map(v => el('th', { scope: 'col' }, v.guideline + ' ' + v.version)))),
      el('tbody', {}, el('tr', {}, cols.map(v => el('td', { 'data-version': v.guideline + '@' + v.version },
        g.statements.filter(s => s.guideline === v.guideline && s.version === v.version).map(s =>
          el('div', { class: 'q-statement', 'data-statement': s.id },
            el('p', {}, el('strong', {}, words(s.modality) || 'modality not recorded'),
              s.category ? ' · category ' + s.category : '', s.action ? ' · ' + words(s.action) : ''),
            el('p', {}, s.summary || ''),
            s.criteria ? el('p', { class: 'small' }, 'Applies when: ' + s.criteria) : '',
            el('p', { class: 'small' }, el('a', { href: resourceHref(s.id) }, 'statement as linked data'))))
          .concat(g.statements.some(s => s.guideline === v.guideline && s.version === v.version) ? []
            : [el('p', { class: 'small' }, 'No statement on this in the sections encoded.')])))))));
}

async function load() {
  const q = question();
  if (!q) { say(status, 'No clinical question in the address: /questions/{q}/compare.', true); return; }
  const versions = await chosenVersions();
  const params = new URLSearchParams({ versions });
  const c = await withStatus(status, 'Loading the comparison…', () => getJson('/api/questions/' + encodeURIComponent(q) + '/compare?' + params));
  document.title = (c.label || q) + ': versions compared — guideline-kb';
  fill(document.getElementById('title'), c.label || q);
  fill(document.getElementById('versions'), versionsList(c),
    el('p', { class: 'small' }, 'The same as ', el('a', { href: '/api/questions/' + encodeURIComponent(q) + '/compare?' + params }, 'JSON'),
      ' · ', el('a', { href: '/questions/' + encodeURIComponent(q) + '/evidence' }, 'evidence for this question')));
  fill(document.getElementById('groups'), c.groups.length ? c.groups.map(g => group(c, g))
    : el('p', {}, 'None of these versions has a statement on this question.'));
  const t = await getJson('/api/questions/' + encodeURIComponent(q) + '/timeline?' + params);
  fill(document.getElementById('timeline'), timelineFigure(t));
  document.getElementById('timeline-section').hidden = false;
  say(status, 'Loaded: ' + c.groups.length + ' action groups over ' + c.versions.length + ' versions; '
    + t.publications.length + ' dated publications, ' + t.undated.length + ' undated.');
}

load().catch(e => say(status, 'Could not load the comparison: ' + e.message, true));
