// A guideline version: its statements grouped by clinical question, each with quote, action, modality, category,
// criteria in words, evidence, provenance and a link to the recommendation's history.
import {
  el, fill, getJson, postJson, namedQuery, withStatus, say, words, resourceHref, historyHref, dateText, localName, versionHref,
  codeLabels, INFORMATIVE_NOTE
} from './common.js';

const status = document.getElementById('status');
const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent); // guidelines, g, versions, v
const guideline = parts[1];
const version = parts[3];

const KIND_WORDS = { AllOf: 'All of these', AnyOf: 'Any of these', Not: 'None of these', JudgementCriterion: 'Clinical judgement' };

/** The criterion tree in words: each node's label as the source words it, then the rule it encodes. */
export function criterionList(node) {
  if (!node) return el('p', { class: 'muted' }, 'No criteria recorded.');
  return el('ul', { class: 'criteria' }, criterionItem(node));
}

function criterionItem(c) {
  const label = c.label ? c.label : null;
  let head;
  if (c.kind === 'AttributeCriterion') {
    head = [label ? label + ' ' : '', el('span', { class: 'muted' }, '(' + (c.description || c.key) + ')')];
  } else if (c.kind === 'JudgementCriterion') {
    head = ['Clinical judgement: ', label || c.description || c.key,
      el('span', { class: 'muted' }, ' — never decided by a rule; always unknown to the reasoner')];
  } else {
    head = [(KIND_WORDS[c.kind] || c.kind || c.key) + (label ? ' — ' + label : '') + ':'];
  }
  const kids = [];
  if (c.operands) kids.push(...c.operands.map(criterionItem));
  const factors = c.factors ? el('li', {}, 'Named factors (each checked and shown, never combined into a rule):',
    el('ul', {}, c.factors.map(criterionItem))) : null;
  return el('li', { 'data-key': c.key }, head, kids.length || factors ? el('ul', {}, kids, factors) : null);
}

function categoryText(s) {
  if (s.category) {
    return s.category + (s.categoryBasis === 'default'
      ? ' (not printed with the statement: the default category by the source\'s convention)'
      : s.categoryBasis === 'stated' ? ' (stated in the source)' : '');
  }
  if (s.strength || s.certainty) return [s.strength ? 'strength ' + words(s.strength) : null, s.certainty ? 'certainty ' + words(s.certainty) : null].filter(Boolean).join(', ');
  return 'none recorded';
}

/** The statement's evidence; each item says whether the guideline cites it or curators attached it. */
function evidenceList(ids, labels, cited) {
  if (!ids || !ids.length) return el('p', { class: 'muted' }, 'No evidence linked.');
  return el('ul', { class: 'evidence-list' }, ids.map(id => {
    const e = labels.get(id);
    const text = e ? (e.label || id) + (e.type ? ' (' + words(e.type) + ')' : '') : localName(id);
    const isCited = cited.includes(id);
    return el('li', { 'data-link': isCited ? 'cited' : 'attached' }, el('a', { href: resourceHref(id) }, text),
      el('span', { class: 'badge' }, isCited ? ' cited by the guideline' : ' attached by curators (not cited by the guideline)'),
      e && e.finding ? el('span', { class: 'muted' }, ' — ' + e.finding) : null,
      e && e.verificationStatus && e.verificationStatus !== 'verified'
        ? el('span', { class: 'flag' }, ' [' + e.verificationStatus + ']') : null);
  }));
}

function provenance(statementIri, source) {
  const details = el('details', {}, el('summary', {}, 'Provenance chain (how this statement came into the knowledge base)'));
  const region = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  details.append(region);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'yes';
    try {
      say(region, 'Loading the provenance chain…');
      const rows = await namedQuery('get-statement-provenance', { statement: statementIri });
      say(region, rows.length + ' links in the chain.');
      details.append(el('table', {},
        el('thead', {}, el('tr', {}, ['Step', 'What', 'Node', 'Details'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map(r => el('tr', {},
          el('td', { class: 'num' }, r.step), el('td', {}, words(r.kind)),
          el('td', {}, el('a', { href: resourceHref(r.node) }, r.label || localName(r.node))),
          el('td', {}, r.detail || ''))))));
    } catch (e) {
      say(region, 'Could not load the provenance chain: ' + e.message, true);
    }
  });
  const src = source || {};
  return el('div', {},
    el('p', {}, 'Source: ', src.title ? el('a', { href: resourceHref(src.document) }, src.title)
      : src.document ? el('a', { href: resourceHref(src.document) }, localName(src.document)) : 'not recorded',
      src.locator ? ', ' + src.locator : '',
      src.verificationStatus ? el('span', { class: src.verificationStatus === 'verified' ? 'muted' : 'flag' },
        ' — source ' + src.verificationStatus) : null),
    details);
}

function statementArticle(s, extra) {
  const id = 'st-' + localName(s.recommendation);
  return el('article', { class: 'statement', 'aria-labelledby': id, 'data-recommendation': localName(s.recommendation) },
    el('h4', { id }, s.label || localName(s.recommendation)),
    s.quote ? el('blockquote', {}, '“' + s.quote + '”') : el('p', { class: 'muted' }, 'No verbatim quote recorded.'),
    el('p', {}, el('strong', {}, 'In plain words: '), s.summary || ''),
    el('dl', { class: 'meta' },
      el('dt', {}, 'Action'), el('dd', {}, extra.label('action', s.action) || 'not recorded'),
      el('dt', {}, 'Modality'), el('dd', {}, (extra.label('modality', s.modality) || 'not recorded')
        + (s.modality === 'informative' ? ' (' + INFORMATIVE_NOTE + ')' : '')),
      el('dt', {}, 'Category'), el('dd', {}, categoryText(s)),
      el('dt', {}, 'Section'), el('dd', {}, s.section && s.section.label || 'not recorded')),
    el('h5', {}, 'When it applies (criteria)'),
    criterionList(s.criteria),
    el('h5', {}, 'Evidence'),
    evidenceList(s.evidence, extra.labels.get(s.statement) || new Map(), s.citedEvidence || []),
    el('h5', {}, 'Provenance'),
    provenance(s.statement, extra.sources.get(s.statement)),
    el('p', {}, el('a', { href: historyHref(guideline, s.recommendation) }, 'History of this recommendation across versions')));
}

async function load() {
  const v = await withStatus(status, 'Loading version ' + version + ' of ' + guideline + '…',
    () => getJson('/api/guidelines/' + encodeURIComponent(guideline) + '/versions/' + encodeURIComponent(version)));
  // labels of evidence items and source documents: the evaluation of an empty case lists every statement with them
  const [evaluation, questionRows, g] = await Promise.all([
    postJson('/api/evaluate', { guideline, version, case: {} }),
    namedQuery('list-question-studies'),
    getJson('/api/guidelines/' + encodeURIComponent(guideline))
  ]);
  document.title = g.title + ' — version ' + v.version + ' — guideline-kb';
  fill(document.getElementById('title'), g.title + ', version ' + v.version);
  const labels = new Map();
  const sources = new Map();
  for (const r of evaluation.recommendations) {
    labels.set(r.id, new Map((r.evidence || []).map(e => [e.id, e])));
    sources.set(r.id, r.source);
  }
  const questionLabels = new Map(questionRows.map(r => [r.question, r.questionLabel || r.question]));
  const previous = g.versions.find(x => x.iri === v.previousVersion);
  const line = (g.versions.find(x => x.version === v.version) || {}).statusLine;
  fill(document.getElementById('meta'),
    line ? el('p', { id: 'version-status', class: 'version-status' + (v.status !== 'active' ? ' warn' : ''), 'data-status': v.status },
      el('strong', {}, line)) : null,
    el('dl', { class: 'meta' },
      el('dt', {}, 'Status'), el('dd', {}, v.status),
      el('dt', {}, 'Effective from'), el('dd', {}, dateText(v.effectiveFrom, v.effectiveFromPrecision)),
      el('dt', {}, 'Issued'), el('dd', {}, v.issued || 'not recorded'),
      el('dt', {}, 'Publisher'), el('dd', {}, v.publisher || 'not recorded'),
      el('dt', {}, 'Previous version'), el('dd', {}, previous
        ? el('a', { href: versionHref(guideline, previous.version) }, previous.version) : 'none recorded'),
      el('dt', {}, 'What it encodes'), el('dd', {}, el('ul', {}, v.coverage.map(c => el('li', {}, c.label,
        c.locator ? el('span', { class: 'muted' }, ' (' + c.locator + ')') : null))))),
    el('p', {},
      previous ? el('a', { href: '/compare?' + new URLSearchParams({ guideline, from: previous.version, to: v.version }) },
        'Compare with version ' + previous.version) : null,
      previous ? ' · ' : null,
      el('a', { href: '/evaluate?' + new URLSearchParams({ guideline, version: v.version }) }, 'Evaluate a case against this version'),
      ' · ', el('a', { href: resourceHref(v.iri) }, 'This version as linked data')));

  const groups = new Map();
  for (const s of [...v.statements].sort((a, b) => (a.displayOrder ?? 1e9) - (b.displayOrder ?? 1e9))) {
    const qs = s.questions && s.questions.length ? s.questions : [null];
    for (const q of qs) {
      if (!groups.has(q)) groups.set(q, []);
      groups.get(q).push(s);
    }
  }
  const extra = { labels, sources, label: await codeLabels() };
  fill(document.getElementById('statements'),
    el('h2', {}, v.statements.length + (v.statements.length === 1 ? ' statement' : ' statements') + ', by clinical question'),
    [...groups].map(([q, list]) => el('section', { class: 'question-group', 'aria-label': q ? questionLabels.get(q) || q : 'No clinical question' },
      el('h3', {}, q ? ['Clinical question: ', questionLabels.get(q) || localName(q)] : 'Not linked to a clinical question'),
      q ? el('p', {}, el('a', { href: '/questions/' + encodeURIComponent(localName(q)) + '/evidence' }, 'Evidence for this question, with a forest plot')) : null,
      list.map(s => statementArticle(s, extra)))));
  say(status, 'Version ' + v.version + ' loaded: ' + v.statements.length + ' statements.');
}

load().catch(e => say(status, 'Could not load this version: ' + e.message, true));
