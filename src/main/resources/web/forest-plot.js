// An SVG forest plot of hazard ratios on a log scale: one row per study (each of its plotted estimates on that row),
// single trials apart from pooled estimates, the confidence level written on every row, the line of no effect at 1.
// Every number comes from the rows given (the knowledge base); nothing here is data.
import { el, localName } from './common.js';

const W = 1000;
const NAME_X = 8;
const LEVEL_X = 372;
const X0 = 440;
const X1 = 770;
const TEXT_X = 790;
const LINE = 28;
const TICKS = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20];

function s(tag, attrs, ...children) {
  return el(tag, Object.assign({ svg: true }, attrs), ...children);
}

/** "0.86 (0.69–1.07)" from the literal forms as the knowledge base gives them. */
export function estimateText(r) {
  return r.value + (r.ciLower && r.ciUpper ? ' (' + r.ciLower + '–' + r.ciUpper + ')' : r.ciLower ? ' (' + r.ciLower + '–not given)' : ' (no interval)');
}

/** "90% CI" from ciLevel 0.90. */
export function levelText(r) {
  return r.ciLevel ? Math.round(Number(r.ciLevel) * 1000) / 10 + '% CI' : 'CI level not given';
}

function reportText(r) {
  return r.issued ? 'report of ' + r.issued.substring(0, 4) : 'report year not recorded';
}

/**
 * The figure. `groups`: [{evidence, label, kind: 'trial'|'pooled', estimates: [row]}], rows as given by the named query
 * list-question-os-hazard-ratios. `words`: {favoursLow, favoursHigh} for the two sides of the line of no effect.
 */
export function forestPlot(groups, sideWords) {
  const all = groups.flatMap(g => g.estimates);
  const nums = all.flatMap(r => [r.value, r.ciLower, r.ciUpper]).filter(x => x !== undefined).map(Number).filter(x => x > 0);
  const min = Math.min(1, ...nums);
  const max = Math.max(1, ...nums);
  const lo = [...TICKS].reverse().find(t => t <= min) || TICKS[0];
  const hi = TICKS.find(t => t >= max) || TICKS[TICKS.length - 1];
  const x = v => X0 + (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) * (X1 - X0);

  const body = [];
  let y = 40;
  const sections = [['trial', 'Single trials'], ['pooled', 'Pooled estimates (meta-analyses)']];
  for (const [kind, title] of sections) {
    const list = groups.filter(g => g.kind === kind);
    if (!list.length) continue;
    y += 26;
    body.push(s('text', { x: NAME_X, y, class: 'fp-section', 'font-weight': '700', 'font-size': '15' }, title));
    y += 8;
    for (const g of list) {
      const offset = g.estimates.length > 1 ? 18 : 0; // several reports: the name on its own line
      const h = LINE * Math.max(1, g.estimates.length) + offset
        + (g.estimates.some(e => e.directionVerificationCode === 'unverified') ? 14 : 0);
      const row = s('g', { class: 'fp-row', 'data-kind': kind, 'data-evidence': localName(g.evidence) });
      row.append(s('rect', { x: 0, y, width: W, height: h, fill: body.length % 2 ? '#ffffff' : '#f4f6f8' }));
      // a study a guideline cites is marked "†"; the others were attached by curators (the table says which)
      const cited = g.estimates.some(r => r.link === 'cited');
      row.append(s('text', { x: NAME_X, y: y + 19, 'font-size': '14', fill: '#1d1f21', class: 'fp-name',
        'data-link': cited ? 'cited' : 'attached' }, g.label + (cited ? ' †' : '')));
      g.estimates.forEach((r, i) => {
        const cy = y + 14 + offset + i * LINE;
        const unverified = r.directionVerificationCode === 'unverified';
        const est = s('g', {
          class: 'fp-estimate' + (unverified ? ' unverified' : ''), 'data-value': r.value, 'data-ci-level': r.ciLevel || '',
          'data-finding': localName(r.finding)
        });
        est.append(s('title', {}, (r.findingLabel || g.label) + ': HR ' + estimateText(r) + ', ' + levelText(r)
          + (unverified ? '. Direction unverified: ' + (r.directionNote || '') : '')));
        if (g.estimates.length > 1) {
          est.append(s('text', { x: NAME_X + 14, y: cy + 5, 'font-size': '12', fill: '#4a4f55', class: 'fp-report' }, reportText(r)));
        }
        est.append(s('text', { x: LEVEL_X, y: cy + 5, 'font-size': '13', fill: '#1d1f21', class: 'fp-level' }, levelText(r)));
        const v = Number(r.value);
        const a = r.ciLower ? Math.max(Number(r.ciLower), lo) : v;
        const b = r.ciUpper ? Math.min(Number(r.ciUpper), hi) : v;
        const color = unverified ? '#a01818' : '#12355b';
        if (kind === 'pooled') {
          est.append(s('polygon', {
            points: [[x(a), cy], [x(v), cy - 8], [x(b), cy], [x(v), cy + 8]].map(p => p.join(',')).join(' '),
            fill: color, stroke: color
          }));
        } else {
          est.append(s('line', { x1: x(a), x2: x(b), y1: cy, y2: cy, stroke: color, 'stroke-width': 2,
            'stroke-dasharray': unverified ? '5 3' : null }));
          est.append(s('rect', { x: x(v) - 6, y: cy - 6, width: 12, height: 12, fill: unverified ? '#ffffff' : color, stroke: color, 'stroke-width': 2 }));
        }
        est.append(s('text', { x: TEXT_X, y: cy + 5, 'font-size': '13', fill: '#1d1f21', class: 'fp-value' }, 'HR ' + estimateText(r)));
        if (unverified) {
          est.append(s('text', { x: NAME_X + 14, y: cy + 26, 'font-size': '12', 'font-weight': '700', fill: '#a01818', class: 'fp-flag' },
            '⚠ direction unverified (reference arm not stated)'));
        }
        row.append(est);
      });
      body.push(row);
      y += h;
    }
  }
  const top = 40;
  const bottom = y + 6;
  const axis = [
    s('line', { x1: X0, x2: X1, y1: bottom, y2: bottom, stroke: '#1d1f21' }),
    TICKS.filter(t => t >= lo && t <= hi).map(t => [
      s('line', { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 6, stroke: '#1d1f21' }),
      s('text', { x: x(t), y: bottom + 20, 'text-anchor': 'middle', 'font-size': '13', fill: '#1d1f21' }, String(t))]),
    s('text', { x: (X0 + X1) / 2, y: bottom + 40, 'text-anchor': 'middle', 'font-size': '13', fill: '#1d1f21' }, 'Hazard ratio (log scale)'),
    s('text', { x: x(1) - 8, y: bottom + 60, 'text-anchor': 'end', 'font-size': '13', 'font-weight': '700', fill: '#1b5e20', class: 'fp-favours-low' }, '← ' + sideWords.favoursLow),
    s('text', { x: x(1) + 8, y: bottom + 60, 'font-size': '13', 'font-weight': '700', fill: '#4a4f55', class: 'fp-favours-high' }, sideWords.favoursHigh + ' →')
  ];
  const noEffect = [
    s('line', { x1: x(1), x2: x(1), y1: top, y2: bottom, stroke: '#4a4f55', 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'fp-no-effect' }),
    s('text', { x: x(1), y: top - 4, 'text-anchor': 'middle', 'font-size': '12', fill: '#4a4f55' }, 'HR 1: no effect')
  ];
  const head = [
    s('text', { x: NAME_X, y: 22, 'font-weight': '700', 'font-size': '13' }, 'Study'),
    s('text', { x: LEVEL_X, y: 22, 'font-weight': '700', 'font-size': '13' }, 'CI level'),
    s('text', { x: TEXT_X, y: 22, 'font-weight': '700', 'font-size': '13' }, 'Hazard ratio (interval)')
  ];
  const height = bottom + 72;
  const trials = groups.filter(g => g.kind === 'trial').length;
  const pooled = groups.filter(g => g.kind === 'pooled').length;
  const svg = s('svg', {
    viewBox: '0 0 ' + W + ' ' + height, width: W, height, role: 'img', 'aria-labelledby': 'fp-title fp-desc',
    'font-family': 'system-ui, sans-serif', class: 'forest-plot'
  },
  s('title', { id: 'fp-title' }, 'Forest plot of overall-survival hazard ratios'),
  s('desc', { id: 'fp-desc' }, trials + ' single trials and ' + pooled + ' pooled estimates; '
    + groups.map(g => g.label + ': ' + g.estimates.map(r => 'HR ' + estimateText(r) + ' ' + levelText(r)
      + (r.directionVerificationCode === 'unverified' ? ', direction unverified' : '')).join('; ')).join('. ')
    + '. Values below 1 favour ' + sideWords.favoursLowShort + '. The table below gives the same numbers.'),
  head, s('g', { class: 'fp-rows' }, body), noEffect, axis);
  return svg;
}
