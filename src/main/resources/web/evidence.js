// Evidence for a clinical question: its studies and syntheses, and a forest plot of the overall-survival hazard
// ratios, all read from the knowledge base through the named queries list-question-studies and
// list-question-os-hazard-ratios (sparql/).
import { el, fill, getJson, namedQuery, withStatus, say, words, resourceHref, localName } from './common.js';
import { forestPlot, estimateText, levelText } from './forest-plot.js';
import { timelineFigure } from './timeline.js';

const status = document.getElementById('status');

/** The question asked for: /questions/{q}/evidence (q = last segment of its IRI) or ?question=IRI; else all. */
function wanted() {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'questions' && parts.length >= 3) return { local: parts[1] };
  const q = new URLSearchParams(location.search).get('question');
  return q ? { iri: q } : {};
}

function sizeText(r) {
  const parts = [];
  if (r.eligible) parts.push(r.eligible + ' eligible');
  if (r.enrolled) parts.push(r.enrolled + ' enrolled');
  if (r.randomised) parts.push(r.randomised + ' randomised');
  if (r.analysed) parts.push(r.analysed + ' analysed');
  if (r.participants) parts.push(r.participants + ' participants');
  if (r.studyCount) parts.push(r.studyCount + ' studies'
    + (r.evidenceType === 'EvidenceSynthesis' ? ' (' + (Number(r.includedStudies) ? r.includedStudies + ' named in the knowledge base' : 'not named in the knowledge base') + ')' : ''));
  return parts.join(', ') || 'not recorded';
}

function studiesTable(rows) {
  return el('table', { id: 'studies-table' },
    el('caption', {}, rows.length + ' studies and syntheses linked to this question'),
    el('thead', {}, el('tr', {}, ['Study or synthesis', 'Kind', 'Design', 'Registry', 'Size (as reported)', 'Primary endpoint', 'Population']
      .map(t => el('th', { scope: 'col' }, t)))),
    el('tbody', {}, rows.map(r => el('tr', { 'data-evidence': localName(r.evidence) },
      el('th', { scope: 'row' }, el('a', { href: resourceHref(r.evidence) }, r.evidenceLabel || localName(r.evidence))),
      el('td', {}, r.evidenceType === 'EvidenceSynthesis' ? 'evidence synthesis' : 'study'),
      el('td', {}, words(r.designCode) || 'not recorded'),
      el('td', {}, r.registryIds || '—'),
      el('td', {}, sizeText(r)),
      el('td', {}, words(r.primaryEndpointCode) || '—'),
      el('td', { class: 'small' }, r.evidencePopulation || '—')))));
}

/** Why a hazard ratio is or is not in the plot (plot: each study's latest whole-population estimate). */
function plotRole(r) {
  if (r.subgroup) return 'no: subgroup analysis';
  if (r.earlierReportOf) return 'no: an earlier report of the same analysis';
  if (r.supersededBy) return 'no: superseded by a later report of the same study';
  return 'yes';
}

function directionText(r) {
  if (r.directionVerificationCode === 'unverified') {
    return el('span', { class: 'flag' }, r.directionNote || 'Direction unverified: the reference arm is not stated.');
  }
  const parts = [];
  if (r.interventionArmLabel && r.referenceArmLabel) parts.push(r.interventionArmLabel + ' vs ' + r.referenceArmLabel + ' (reference)');
  else if (r.referenceArmLabel) parts.push('reference: ' + r.referenceArmLabel);
  if (r.favoursLabel) parts.push('favours: ' + r.favoursLabel);
  if (r.directionNote) parts.push(r.directionNote);
  return parts.join('. ') || 'not recorded';
}

function hrTable(rows) {
  return el('table', { id: 'hr-rows' },
    el('caption', {}, rows.length + ' hazard ratios; those marked "yes" are in the plot'),
    el('thead', {}, el('tr', {}, ['Study or synthesis', 'Report', 'Population', 'HR (interval), level, p', 'Compared, and direction',
      'Number checked', 'Link', 'In the plot'].map(t => el('th', { scope: 'col' }, t)))),
    el('tbody', {}, rows.map(r => el('tr', { 'data-finding': localName(r.finding), 'data-plotted': plotRole(r) === 'yes' ? 'yes' : 'no' },
      el('th', { scope: 'row' }, el('a', { href: resourceHref(r.finding) }, r.evidenceLabel || localName(r.evidence))),
      el('td', { class: 'small' }, r.publication
        ? el('details', {}, el('summary', {}, r.issued ? 'issued ' + r.issued : 'date not recorded'),
            el('a', { href: resourceHref(r.publication) }, r.citation || localName(r.publication)))
        : 'not recorded'),
      el('td', {}, r.subgroup ? 'subgroup: ' + r.subgroup : 'whole population'
        + (r.participants ? ' (' + r.participants + ' participants)' : '') + (r.outcomeTimeframe ? ', ' + r.outcomeTimeframe : '')),
      el('td', {}, el('span', { class: 'num' }, estimateText(r)), el('br'), levelText(r), el('br'),
        'p ' + (r.pValue ? r.pValue + (r.pSided ? ' (' + r.pSided + ')' : '') : r.pValueText || 'not given')),
      el('td', { class: 'small' }, directionText(r), r.certaintyCode ? '. GRADE certainty: ' + words(r.certaintyCode) : ''),
      el('td', {}, r.verificationCode || 'not recorded'),
      el('td', { 'data-link': r.link || 'attached' }, r.link === 'cited' ? 'cited by a guideline' : 'attached by curators (not cited by a guideline)'),
      el('td', {}, plotRole(r))))));
}

function groupsOf(rows) {
  const groups = new Map();
  for (const r of rows.filter(x => plotRole(x) === 'yes')) {
    if (!groups.has(r.evidence)) {
      groups.set(r.evidence, { evidence: r.evidence, label: r.evidenceLabel || localName(r.evidence),
        kind: r.evidenceType === 'EvidenceSynthesis' ? 'pooled' : 'trial', estimates: [] });
    }
    groups.get(r.evidence).estimates.push(r);
  }
  return [...groups.values()];
}

function renderQuestion(q) {
  document.title = 'Evidence: ' + q.questionLabel + ' — guideline-kb';
  fill(document.getElementById('title'), q.questionLabel || localName(q.question));
  fill(document.getElementById('question'),
    el('dl', { class: 'meta' },
      el('dt', {}, 'Population'), el('dd', {}, q.population || 'not recorded'),
      el('dt', {}, 'Intervention'), el('dd', {}, q.intervention || 'not recorded'),
      el('dt', {}, 'Comparator'), el('dd', {}, q.comparator || 'not recorded'),
      el('dt', {}, 'Answer in the source'), el('dd', { id: 'answer' }, q.answer ? '“' + q.answer + '”' : 'not recorded')),
    el('p', { class: 'small' }, el('a', { href: resourceHref(q.question) }, 'This question as linked data'),
      ' · the same data from the API: ', el('a', { href: '/api/queries/list-question-studies?' + new URLSearchParams({ question: q.question }) }, 'studies'),
      ', ', el('a', { href: '/api/queries/list-question-os-hazard-ratios?' + new URLSearchParams({ question: q.question }) }, 'hazard ratios')));
}

async function load() {
  const want = wanted();
  const all = await withStatus(status, 'Loading the clinical questions…', () => namedQuery('list-question-studies'));
  const questions = [...new Map(all.map(r => [r.question, r])).values()];
  const q = want.iri ? questions.find(x => x.question === want.iri)
    : want.local ? questions.find(x => localName(x.question) === want.local)
      : questions.length === 1 ? questions[0] : null;
  if (!q) {
    if (want.iri || want.local) { say(status, 'No clinical question "' + (want.iri || want.local) + '" is recorded.', true); return; }
    fill(document.getElementById('question'), el('ul', {}, questions.map(x => el('li', {},
      el('a', { href: '/questions/' + encodeURIComponent(localName(x.question)) + '/evidence' }, x.questionLabel || x.question)))));
    say(status, questions.length ? 'Choose a clinical question.' : 'No clinical question is recorded.');
    return;
  }
  renderQuestion(q);
  const studies = all.filter(r => r.question === q.question);
  fill(document.getElementById('studies'), studiesTable(studies));
  document.getElementById('studies-section').hidden = false;

  const hrs = await withStatus(status, 'Loading the hazard ratios…',
    () => namedQuery('list-question-os-hazard-ratios', { question: q.question }));
  const groups = groupsOf(hrs);
  const trials = groups.filter(g => g.kind === 'trial');
  const pooled = groups.filter(g => g.kind === 'pooled');
  const unverified = hrs.filter(r => plotRole(r) === 'yes' && r.directionVerificationCode === 'unverified');
  const levels = [...new Set(hrs.filter(r => plotRole(r) === 'yes').map(levelText))];
  const figure = el('figure', { class: 'forest', 'aria-labelledby': 'fp-caption' },
    forestPlot(groups, {
      favoursLow: 'Favours surgery / locoregional treatment of the primary (HR < 1)',
      favoursLowShort: 'surgery / locoregional treatment of the primary',
      favoursHigh: 'Favours systemic therapy alone (HR > 1)'
    }),
    el('figcaption', { id: 'fp-caption' },
      'Overall survival. † marks a study a guideline cites; the others were attached by curators as bearing on the question. One row per study: ' + trials.length + ' single trials, then ' + pooled.length + ' pooled estimates (squares: trials; ',
      'diamonds: pooled). Each study shows its latest whole-population hazard ratio; where the knowledge base holds two reports that it ',
      'does not order, both are shown on the study\'s row. Each ratio compares surgery or locoregional treatment (LRT) of the primary with ',
      'the reference arm named in the table (systemic therapy without LRT), so HR < 1 favours LRT. Intervals as reported: ',
      levels.join(' and ') + ' — the level is written on every row. Log scale; the dashed line is HR 1 (no effect).',
      unverified.length ? [' ', el('strong', { class: 'flag' }, 'Direction unverified: '),
        unverified.map(r => r.evidenceLabel).join(', ') + ' — the reference arm is not stated, so the knowledge base does not know which arm the ratio favours (hollow marker, dashed line).'] : ''));
  fill(document.getElementById('plot'), groups.length ? figure : el('p', {}, 'No overall-survival hazard ratio is recorded for this question.'));
  fill(document.getElementById('hr-table'), hrTable(hrs));
  document.getElementById('plot-section').hidden = false;
  const local = localName(q.question);
  const t = await getJson('/api/questions/' + encodeURIComponent(local) + '/timeline');
  fill(document.getElementById('timeline'), timelineFigure(t),
    el('p', { class: 'small' }, el('a', { id: 'question-compare-link', href: '/questions/' + encodeURIComponent(local) + '/compare' },
      'What each guideline version says about this question'), ' · ', el('a', { href: '/api/questions/' + encodeURIComponent(local) + '/timeline' }, 'timeline as JSON')));
  document.getElementById('timeline-section').hidden = false;
  say(status, 'Loaded: ' + studies.length + ' studies and syntheses; forest plot of ' + trials.length + ' trials and '
    + pooled.length + ' pooled estimates; timeline of ' + t.publications.length + ' dated publications.');
}

load().catch(e => say(status, 'Could not load the evidence: ' + e.message, true));
