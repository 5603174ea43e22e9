// Evaluate a patient case: the form is generated from GET /api/case-attributes, so it never drifts from the API.
// Unknown is the default of every field and is never sent: the server keeps it unknown, never false.
import { el, fill, getJson, postJson, withStatus, say, words, resourceHref, localName, STATUS_WORDS } from './common.js';

const status = document.getElementById('status');
const form = document.getElementById('case-form');
const box = document.getElementById('attributes');
const gSel = document.getElementById('guideline');
const vSel = document.getElementById('version');
const resultSection = document.getElementById('result-section');
const result = document.getElementById('result');
const replayForm = document.getElementById('replay-form');
const replayTo = document.getElementById('replay-to');
const replayStatus = document.getElementById('replay-status');
const replay = document.getElementById('replay');
const NONE = '__none';

let attributes = [];
let guidelines = [];
let last = null; // {guideline, version, case}

/** A case value by its label in the ontology (GET /api/case-attributes valueLabels). */
function valueLabel(a, v) {
  return (a.valueLabels && a.valueLabels[v]) || words(v);
}

/** The help text in words (gkb:formHelp), else the ontology's comment. */
function helpText(a) {
  return a.help || a.comment || '';
}

function help(a) {
  return helpText(a) ? el('span', { class: 'help', id: 'help-' + a.name }, helpText(a)) : null;
}

function booleanField(a) {
  const choice = (value, text, checked) => el('label', {},
    el('input', { type: 'radio', name: a.name, value, id: 'attr-' + a.name + '-' + (value || 'unknown'), checked }), ' ' + text);
  return el('fieldset', { class: 'field', 'data-attribute': a.name, 'data-type': a.type, 'aria-describedby': helpText(a) ? 'help-' + a.name : null },
    el('legend', {}, a.label || a.name),
    el('div', { class: 'choices' }, choice('', 'Unknown', true), choice('true', 'Yes', false), choice('false', 'No', false)),
    help(a));
}

function integerField(a) {
  const range = (a.min !== undefined ? a.min : '') + '–' + (a.max !== undefined ? a.max : '');
  return el('div', { class: 'field', 'data-attribute': a.name, 'data-type': a.type },
    el('label', { for: 'attr-' + a.name }, a.label || a.name),
    el('input', { type: 'number', id: 'attr-' + a.name, name: a.name, min: a.min, max: a.max, step: 1, inputmode: 'numeric',
      'aria-describedby': 'help-' + a.name }),
    el('span', { class: 'help', id: 'help-' + a.name }, 'A whole number from ' + range.replace('–', ' to ') + '; leave it empty if not known. ' + (a.help || a.comment || '')));
}

function conceptField(a) {
  return el('div', { class: 'field', 'data-attribute': a.name, 'data-type': a.type },
    el('label', { for: 'attr-' + a.name }, a.label || a.name),
    el('select', { id: 'attr-' + a.name, name: a.name, 'aria-describedby': helpText(a) ? 'help-' + a.name : null },
      el('option', { value: '' }, 'Unknown'), (a.values || []).map(v => el('option', { value: v }, valueLabel(a, v)))),
    help(a));
}

function listField(a) {
  const boxes = (a.values || []).map(v => el('label', {},
    el('input', { type: 'checkbox', name: a.name, value: v, id: 'attr-' + a.name + '-' + v }), ' ' + valueLabel(a, v)));
  const none = el('label', {}, el('input', { type: 'checkbox', name: a.name, value: NONE, id: 'attr-' + a.name + '-none' }),
    ' Known: none of these');
  const fs = el('fieldset', { class: 'field', 'data-attribute': a.name, 'data-type': a.type, 'aria-describedby': 'help-' + a.name },
    el('legend', {}, a.label || a.name),
    el('div', { class: 'choices' }, boxes, none),
    el('span', { class: 'help', id: 'help-' + a.name }, a.help || ('Nothing ticked means not known. ' + (a.comment || ''))));
  // "none" and the values exclude each other
  fs.addEventListener('change', ev => {
    const t = ev.target;
    if (!(t instanceof HTMLInputElement) || !t.checked) return;
    for (const c of fs.querySelectorAll('input[type=checkbox]')) {
      if (t.value === NONE ? c.value !== NONE : c.value === NONE) c.checked = false;
    }
  });
  return fs;
}

/** Clinical order (gkb:formOrder): disease status and presentation, the primary tumour, treatment so far, receptors, the rest. */
function inFormOrder(list) {
  const rank = a => (a.formOrder === undefined ? Number.MAX_SAFE_INTEGER : a.formOrder);
  return [...list].sort((x, y) => rank(x) - rank(y));
}

function buildForm() {
  const fields = [];
  for (const a of inFormOrder(attributes.filter(x => !x.derived))) {
    if (a.type === 'boolean') fields.push(booleanField(a));
    else if (a.type === 'integer') fields.push(integerField(a));
    else if (a.type === 'concept') fields.push(conceptField(a));
    else if (a.type === 'concept-list') fields.push(listField(a));
    else fields.push(el('p', { class: 'error' }, 'This page does not know how to ask for ' + a.name + ' (type ' + a.type + ').'));
  }
  const derived = attributes.filter(x => x.derived);
  fill(box, fields, derived.length ? el('div', { class: 'field' }, el('p', { class: 'small' }, el('strong', {}, 'Computed by the server, not asked: '),
    derived.map(d => (d.label || d.name) + ' (from ' + labelOfName(d.derivedFrom) + ')').join('; ') + '.')) : null);
}

/** An attribute's label by its case name. */
function labelOfName(name) {
  const a = attributes.find(x => x.name === name);
  return a ? (a.label || a.name) : 'other attributes';
}

/** The case as the API takes it: only what is known. Throws an Error naming the field when a value is malformed. */
function readCase() {
  const c = {};
  for (const a of attributes.filter(x => !x.derived)) {
    if (a.type === 'boolean') {
      const v = form.querySelector('input[name="' + a.name + '"]:checked').value;
      if (v) c[a.name] = v === 'true';
    } else if (a.type === 'integer') {
      const input = document.getElementById('attr-' + a.name);
      if (input.value.trim() === '' && input.validity.badInput) throw fieldError(input, (a.label || a.name) + ' must be a whole number');
      if (input.value.trim() === '') continue;
      const n = Number(input.value);
      if (!Number.isInteger(n)) throw fieldError(input, (a.label || a.name) + ' must be a whole number');
      c[a.name] = n; // the range is checked by the server, which names the attribute
    } else if (a.type === 'concept') {
      const v = document.getElementById('attr-' + a.name).value;
      if (v) c[a.name] = v;
    } else if (a.type === 'concept-list') {
      const ticked = [...form.querySelectorAll('input[name="' + a.name + '"]:checked')].map(x => x.value);
      if (ticked.includes(NONE)) c[a.name] = [];
      else if (ticked.length) c[a.name] = ticked;
    }
  }
  return c;
}

function fieldError(input, message) {
  input.focus();
  return new Error(message);
}

/** The headline, the "why" and the missing data are the API's plain sentences (plain.*), the same words a CDS card shows. */
function recommendationArticle(r) {
  const plain = r.plain || { headline: r.text, because: [], missing: [] };
  const name = r.recommendationLabel || r.text;
  return el('article', { class: 'statement', 'data-status': r.status, 'data-action': r.action, 'data-recommendation': localName(r.recommendation) },
    el('h4', {}, el('span', { class: 'badge status-' + r.status }, STATUS_WORDS[r.status] || r.status), ' ', plain.headline),
    el('p', {}, r.text),
    plain.missing.length
      ? el('div', { class: 'missing' }, el('strong', {}, 'Missing to decide (each line is needed; "one of" lines are alternatives): '),
          el('ul', {}, plain.missing.map(m => el('li', {}, m))))
      : null,
    el('div', { class: 'reasons' }, el('strong', {}, 'Why: '), el('ul', {}, plain.because.map(x => el('li', {}, x)))),
    el('p', { class: 'small' }, el('a', { href: resourceHref(r.id) }, 'Statement: ' + name),
      r.source && r.source.locator ? ' · source: ' + r.source.locator : ''));
}

function renderResult(res, sentCase) {
  const groups = ['applicable', 'undetermined', 'not-applicable'];
  fill(result,
    res.evaluatedAgainst.map(e => el('p', { class: 'version-status' + (e.status && e.status !== 'active' ? ' warn' : ''), 'data-status': e.status },
      el('strong', {}, e.plain || (e.guideline + ', version ' + e.version)))),
    el('p', { id: 'evaluated-against' },
      groups.map(s => res.recommendations.filter(r => r.status === s).length + ' ' + (STATUS_WORDS[s] || s).toLowerCase()).join(', ') + '.'),
    el('details', {}, el('summary', {}, 'The case as sent'), el('pre', {}, el('code', {}, JSON.stringify(sentCase, null, 2)))),
    groups.map(s => {
      const list = res.recommendations.filter(r => r.status === s);
      return el('section', { class: 'status-group', 'data-group': s, 'aria-labelledby': 'grp-' + s },
        el('h3', { id: 'grp-' + s }, (STATUS_WORDS[s] || s) + ' (' + list.length + ')'),
        list.length ? list.map(recommendationArticle) : el('p', { class: 'muted' }, 'None.'));
    }));
}

const CHANGE_WORDS = {
  'status-changed': () => 'Status changes',
  new: (f, t) => 'New in version ' + t,
  removed: (f, t) => 'Removed in version ' + t,
  'not-covered': (f, t, c) => c.from === null
    ? 'Not covered by version ' + f + '\'s coverage (only ' + t + ' encodes it)'
    : 'Not covered by version ' + t + '\'s coverage (only ' + f + ' encodes it)'
};

function statusText(s) {
  return s ? (STATUS_WORDS[s] || s) : 'not stated';
}

/** Clinical change (a status changes, a recommendation is new or removed) is kept apart from a coverage difference. */
function replaySummary(d) {
  const coverage = d.changes.filter(c => c.kind === 'not-covered').length;
  const clinical = d.changes.length - coverage;
  const parts = [clinical + (clinical === 1 ? ' recommendation changes for this patient' : ' recommendations change for this patient'),
    coverage + (coverage === 1 ? ' is' : ' are') + ' only a difference in what each version encodes (not covered by the other version)',
    d.unchanged.length + ' unchanged'];
  return 'Same case, version ' + d.from + ' → version ' + d.to + ': ' + parts.join('; ') + '.';
}

function renderReplay(d) {
  const coverageOnly = d.changes.length > 0 && d.changes.every(c => c.kind === 'not-covered');
  fill(replay,
    el('p', { id: 'replay-summary' }, replaySummary(d)),
    coverageOnly ? el('p', { class: 'note', id: 'replay-coverage-note' }, el('strong', {}, 'No clinical change can be read from this re-run. '),
      'Every difference is a recommendation that one version encodes and the other does not cover, so its absence says nothing.') : null,
    d.changes.length ? el('p', { class: 'small muted scroll-cue', id: 'replay-cue' }, 'The table scrolls sideways inside its frame.') : null,
    d.changes.length ? el('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': 'replay-caption' }, el('table', { id: 'replay-changes' },
      el('caption', { id: 'replay-caption' }, 'What differs for this patient'),
      el('thead', {}, el('tr', {}, ['Recommendation', 'Change', 'In ' + d.from, 'In ' + d.to].map(t => el('th', { scope: 'col' }, t)))),
      el('tbody', {}, d.changes.map(c => el('tr', { 'data-kind': c.kind, 'data-recommendation': localName(c.recommendation) },
        el('th', { scope: 'row' }, c.label || localName(c.recommendation)),
        el('td', {}, el('span', { class: 'badge kind-' + (c.kind === 'new' ? 'added' : c.kind === 'status-changed' ? 'modified' : c.kind) },
          (CHANGE_WORDS[c.kind] || (() => words(c.kind)))(d.from, d.to, c))),
        el('td', {}, c.from ? el('span', { class: 'badge status-' + c.from }, statusText(c.from)) : 'not stated'),
        el('td', {}, c.to ? el('span', { class: 'badge status-' + c.to }, statusText(c.to)) : 'not stated')))))) : null,
    d.unchanged.length ? el('div', {}, el('h3', {}, 'Unchanged'), el('ul', {}, d.unchanged.map(u => el('li', {},
      (u.label || localName(u.recommendation)) + ': ' + statusText(u.status))))) : null);
}

function versionsOf(gid) {
  const g = guidelines.find(x => x.id === gid);
  return g ? g.versions : [];
}

function fillVersionSelect(gid, chosen) {
  const g = guidelines.find(x => x.id === gid);
  fill(vSel, el('option', { value: '' }, 'Current version' + (g && g.current ? ' (' + g.current + ')' : '')),
    versionsOf(gid).map(v => el('option', { value: v.version, selected: v.version === chosen }, v.version + ' (' + v.status + ')')));
}

function fillReplaySelect() {
  const others = versionsOf(last.guideline).filter(v => v.version !== last.version);
  fill(replayTo, others.map(v => el('option', { value: v.version }, 'version ' + v.version + ' (' + v.status + ')')));
  replayForm.hidden = others.length === 0;
  say(replayStatus, others.length ? '' : 'This guideline has no other version to compare with.');
}

async function evaluate(ev) {
  ev.preventDefault();
  let c;
  try {
    c = readCase();
  } catch (e) {
    say(status, 'Please correct the form: ' + e.message, true);
    return;
  }
  const body = { guideline: gSel.value, case: c };
  if (vSel.value) body.version = vSel.value;
  try {
    const res = await withStatus(status, 'Evaluating the case…', () => postJson('/api/evaluate', body),
      r => 'Evaluated: ' + r.recommendations.filter(x => x.status === 'applicable').length + ' applicable, '
        + r.recommendations.filter(x => x.status === 'undetermined').length + ' undetermined, '
        + r.recommendations.filter(x => x.status === 'not-applicable').length + ' not applicable.');
    last = { guideline: gSel.value, version: res.evaluatedAgainst[0].version, case: c };
    renderResult(res, c);
    fill(replay);
    fillReplaySelect();
    resultSection.hidden = false;
    document.getElementById('result-h').focus();
  } catch (e) {
    // withStatus has said it in words
  }
}

async function replayCase(ev) {
  ev.preventDefault();
  if (!last || !replayTo.value) return;
  const body = { guideline: last.guideline, from: last.version, to: replayTo.value, case: last.case };
  try {
    const d = await withStatus(replayStatus, 'Re-running the case against version ' + replayTo.value + '…',
      () => postJson('/api/evaluate/compare', body), x => 'Compared: ' + x.changes.length + ' change(s).');
    renderReplay(d);
  } catch (e) {
    // said in words
  }
}

function resetForm() {
  form.querySelectorAll('input[type=radio][value=""]').forEach(r => { r.checked = true; });
  form.querySelectorAll('input[type=checkbox]').forEach(c => { c.checked = false; });
  form.querySelectorAll('input[type=number]').forEach(i => { i.value = ''; });
  box.querySelectorAll('select').forEach(s => { s.value = ''; });
  say(status, 'Every attribute is unknown again.');
}

async function init() {
  const params = new URLSearchParams(location.search);
  [attributes, guidelines] = await withStatus(status, 'Loading the case attributes…',
    () => Promise.all([getJson('/api/case-attributes'), getJson('/api/guidelines')]),
    ([a]) => a.filter(x => !x.derived).length + ' case attributes loaded. Everything starts as unknown.');
  const chosen = params.get('guideline') || (guidelines[0] || {}).id;
  fill(gSel, guidelines.map(g => el('option', { value: g.id, selected: g.id === chosen }, g.title)));
  fillVersionSelect(chosen, params.get('version'));
  gSel.addEventListener('change', () => fillVersionSelect(gSel.value));
  buildForm();
  form.addEventListener('submit', evaluate);
  document.getElementById('reset-button').addEventListener('click', resetForm);
  replayForm.addEventListener('submit', replayCase);
}

init().catch(() => {});
