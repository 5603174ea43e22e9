// An SVG evidence timeline: each publication of a question's studies and syntheses on one time axis with the dates of
// guideline versions. A date known only to the year or month is drawn as a bar over that year or month, never as a
// point; a version known only to the year is a shaded band. Where a publication and a version overlap, their order is
// unknown and the timeline says so. Undated publications are listed apart, not placed. Every date comes from the
// timeline JSON (/api/questions/{q}/timeline); nothing here is data.
import { el, localName } from './common.js';

const W = 1000;
const LABEL_W = 360;
const X0 = LABEL_W + 10;
const X1 = W - 20;
const ROW = 24;
const TOP = 44;

function s(tag, attrs, ...children) {
  return el(tag, Object.assign({ svg: true }, attrs), ...children);
}

/** First and last day a partial date may stand for, as milliseconds. */
function span(date, precision) {
  const y = Number(date.substring(0, 4));
  if (precision === 'year') return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
  const m = Number(date.substring(5, 7)) - 1;
  if (precision === 'month') return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 0)];
  const d = Date.UTC(y, m, Number(date.substring(8, 10)));
  return [d, d];
}

const KIND_WORDS = { 'randomised-trial': 'randomised trial', 'meta-analysis': 'meta-analysis', registry: 'registry',
  abstract: 'conference abstract', protocol: 'protocol paper' };

export function kindWords(kind) {
  return KIND_WORDS[kind] || kind;
}

/** "order unknown relative to nccn-breast 2015; before nccn-breast 6.2026" */
export function positionsText(p) {
  return (p.relativeTo || []).map(r => (r.position === 'order-unknown' ? 'order unknown relative to ' : r.position + ' ')
    + r.guideline + ' ' + r.version).join('; ');
}

/** The figure for a timeline JSON: `t` = {versions, publications, undated}. */
export function timelineSvg(t) {
  const dated = t.versions.filter(v => v.date);
  const spans = t.publications.map(p => span(p.date, p.precision)).concat(dated.map(v => span(v.date, v.precision)));
  const y0 = new Date(Math.min(...spans.map(x => x[0]))).getUTCFullYear();
  const y1 = new Date(Math.max(...spans.map(x => x[1]))).getUTCFullYear() + 1;
  const t0 = Date.UTC(y0, 0, 1);
  const t1 = Date.UTC(y1, 0, 1);
  const x = ms => X0 + (X1 - X0) * (ms - t0) / (t1 - t0);
  const h = TOP + ROW * t.publications.length + 30;
  const parts = [];
  for (let y = y0; y <= y1; y++) {
    const xx = x(Date.UTC(y, 0, 1));
    parts.push(s('line', { x1: xx, x2: xx, y1: TOP - 6, y2: h - 24, class: 'tl-grid' }));
    if ((y1 - y0) <= 15 || y % 2 === 0) parts.push(s('text', { x: xx, y: h - 8, 'text-anchor': 'middle', class: 'tl-year' }, String(y)));
  }
  dated.forEach((v, i) => {
    const [a, b] = span(v.date, v.precision);
    const name = v.guideline + ' ' + v.version;
    const g = s('g', { class: 'tl-version', 'data-version': v.guideline + '@' + v.version },
      s('title', {}, name + ': ' + v.date + (v.precision !== 'day' ? ' (known only to the ' + v.precision + ')' : '')));
    if (b > a) g.append(s('rect', { x: x(a), y: TOP - 6, width: Math.max(2, x(b) - x(a)), height: h - 30 - TOP + 6, class: 'tl-band' }));
    else g.append(s('line', { x1: x(a), x2: x(a), y1: TOP - 6, y2: h - 24, class: 'tl-version-line' }));
    g.append(s('text', { x: x(a) + 3, y: 12 + (i % 3) * 12, class: 'tl-version-label' }, name));
    parts.push(g);
  });
  t.publications.forEach((p, i) => {
    const [a, b] = span(p.date, p.precision);
    const yy = TOP + ROW * i + ROW / 2;
    const g = s('g', { class: 'tl-pub', 'data-publication': localName(p.id), 'data-kind': p.kind,
      'data-positions': (p.relativeTo || []).map(r => r.guideline + '@' + r.version + '=' + r.position).join(' ') },
      s('title', {}, p.label + ': ' + p.date + (p.basis ? ' (' + p.basis + ')' : '') + '. ' + positionsText(p)),
      s('text', { x: LABEL_W, y: yy + 4, 'text-anchor': 'end', class: 'tl-label' }, p.label + ', ' + p.date));
    if (b > a) g.append(s('rect', { x: x(a), y: yy - 5, width: Math.max(3, x(b) - x(a)), height: 10, class: 'tl-interval tl-' + p.kind }));
    else g.append(s('circle', { cx: x(a), cy: yy, r: 5, class: 'tl-point tl-' + p.kind }));
    parts.push(g);
  });
  return s('svg', { viewBox: '0 0 ' + W + ' ' + h, width: '100%', role: 'img', class: 'timeline',
    'aria-label': 'Timeline of ' + t.publications.length + ' dated publications and ' + dated.length + ' guideline versions' }, parts);
}

/** The timeline with its caption, a table of the same data, and the undated publications listed apart. */
export function timelineFigure(t) {
  return el('div', {},
    el('figure', { class: 'timeline-figure', 'aria-labelledby': 'tl-caption' }, timelineSvg(t),
      el('figcaption', { id: 'tl-caption' }, 'Publications (points: dated to the day; bars: known only to the month or year) and guideline ',
        'versions (lines; a shaded band when known only to the year). Dates are first publication, online ahead of print where known, ',
        'otherwise print; each row says which. A publication overlapping a version\'s date range has an unknown order relative to it.')),
    el('table', { id: 'timeline-table' },
      el('caption', {}, t.publications.length + ' dated publications'),
      el('thead', {}, el('tr', {}, ['Publication', 'Kind', 'Date', 'Relative to the versions', 'Link'].map(c => el('th', { scope: 'col' }, c)))),
      el('tbody', {}, t.publications.map(p => el('tr', { 'data-publication': localName(p.id) },
        el('th', { scope: 'row' }, p.label),
        el('td', {}, kindWords(p.kind)),
        el('td', {}, p.date + ' (' + p.precision + (p.basis ? ', ' + p.basis : '') + ')'),
        el('td', {}, positionsText(p) || '—'),
        el('td', { 'data-link': p.link }, p.link === 'cited' ? 'cited by ' + p.citedBy.join(', ') : 'attached by curators'))))),
    t.undated.length ? el('div', { id: 'timeline-undated' }, el('h4', {}, 'Undated publications (not placed)'),
      el('ul', {}, t.undated.map(u => el('li', { 'data-publication': localName(u.id) },
        u.label + (u.note ? ' — ' + u.note : ''))))) : '');
}
