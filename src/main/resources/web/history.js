// The history of one recommendation: every version that states it and, for each field, the version that introduced
// its current value; the versions that do not state it, and why.
import { el, fill, getJson, withStatus, say, words, versionHref, resourceHref } from './common.js';

const status = document.getElementById('status');
const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent); // recommendations, g, r, history
const guideline = parts[1];
const rec = parts[2];

function value(v) {
  if (v === null || v === undefined) return el('span', { class: 'muted' }, 'none');
  if (Array.isArray(v)) return v.length ? el('ul', {}, v.map(x => el('li', {}, String(x)))) : el('span', { class: 'muted' }, 'none');
  return String(v);
}

async function load() {
  const h = await withStatus(status, 'Loading the history…',
    () => getJson('/api/recommendations/' + encodeURIComponent(guideline) + '/' + encodeURIComponent(rec) + '/history'));
  fill(document.getElementById('title'), 'History: ' + (h.label || rec));
  const box = document.getElementById('history');
  fill(box,
    el('p', {}, 'Recommendation ', el('a', { href: resourceHref(h.recommendation) }, el('code', {}, h.id || rec)),
      ' of guideline ', el('code', {}, h.guideline), '.'),
    el('h2', {}, 'Versions that state it'),
    h.versions.map(a => el('section', { 'aria-label': 'Version ' + a.version },
      el('h3', {}, el('a', { href: versionHref(h.guideline, a.version) }, 'Version ' + a.version),
        ' (' + a.status + (a.effectiveFrom ? ', effective from ' + a.effectiveFrom : '') + ')'),
      el('table', {},
        el('caption', {}, 'Each field, and the version that introduced its current value'),
        el('thead', {}, el('tr', {}, ['Field', 'Value', 'Since version'].map(t => el('th', { scope: 'col' }, t)))),
        el('tbody', {}, a.fields.map(f => el('tr', {},
          el('th', { scope: 'row' }, words(f.field)), el('td', {}, value(f.value)), el('td', {}, f.since || ''))))))),
    el('h2', {}, 'Versions that do not state it'),
    h.absentFrom && h.absentFrom.length
      ? el('ul', {}, h.absentFrom.map(a => el('li', {}, 'Version ' + a.version + ' (' + a.status + '): ',
          a.reason === 'not-covered' ? 'not covered — that version does not encode this part of the guideline, so its absence says nothing'
            : words(a.reason))))
      : el('p', {}, 'None.'));
  say(status, 'History loaded: stated in ' + h.versions.length + ' version(s).');
}

load().catch(e => say(status, 'Could not load the history: ' + e.message, true));
