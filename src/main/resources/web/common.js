// Shared helpers of the guideline-kb pages: building elements (never from HTML strings), calling the JSON API,
// saying loading and error states in words, and putting codes into words.

/** An element: el('a', {href: '/x', class: 'c'}, 'text', child, ...). Attributes set as properties or attributes. */
export function el(tag, attrs, ...children) {
  const ns = attrs && attrs.svg ? 'http://www.w3.org/2000/svg' : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false || k === 'svg') continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.setAttribute('class', v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** An error with the API's problem details, in words. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    const detail = problem && (problem.detail || problem.title) || ('HTTP ' + status);
    const fields = problem && Array.isArray(problem.errors)
      ? ' ' + problem.errors.map(e => (e.field ? e.field + ': ' : '') + e.message
          + (e.suggestion ? ' (did you mean ' + e.suggestion + '?)' : '')).join('; ')
      : '';
    super(detail + fields);
    this.status = status;
    this.url = url;
  }
}

async function answer(res, url) {
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof body === 'object' ? body : { detail: body }, url);
  return body;
}

export async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  return answer(res, url);
}

export async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body)
  });
  return answer(res, url);
}

/**
 * Runs a named query (GET /api/queries/{name}) and gives its rows as plain objects of strings (absent = undefined).
 * Follows the API's pages until every row is read.
 */
export async function namedQuery(name, params) {
  const search = new URLSearchParams(params || {});
  search.set('limit', '1000');
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    search.set('offset', String(offset));
    const url = '/api/queries/' + encodeURIComponent(name) + '?' + search;
    const res = await fetch(url, { headers: { Accept: 'application/sparql-results+json' } });
    const body = await answer(res, url);
    for (const b of body.results.bindings) {
      const row = {};
      for (const [k, v] of Object.entries(b)) row[k] = v.value;
      rows.push(row);
    }
    if (body.results.bindings.length < 1000) return rows;
  }
}

/** Says what the page is doing, in words, in an aria-live region. */
export function say(region, text, isError) {
  region.classList.toggle('error', !!isError);
  region.textContent = text;
}

/** Runs `work`, saying "Loading …" first, then `done` or the error in words. */
export async function withStatus(region, loading, work, done) {
  say(region, loading);
  try {
    const out = await work();
    say(region, typeof done === 'function' ? done(out) : (done || ''));
    return out;
  } catch (e) {
    say(region, 'Could not load: ' + (e && e.message ? e.message : e), true);
    throw e;
  }
}

/** The last segment of an IRI. */
export function localName(iri) {
  const s = String(iri || '');
  return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('#')) + 1);
}

/** A code in words: "primary-tumor-surgery" → "primary tumor surgery". */
export function words(code) {
  return code === null || code === undefined ? '' : String(code).replace(/-/g, ' ');
}

let codeLabelRows = null;

/**
 * Codes in the knowledge base's own words: loads the named query list-concept-labels once and returns
 * label(scheme, code), e.g. label('action', 'primary-tumor-surgery') = "Surgery of the primary tumour"; a code the
 * ontology gives no label for is shown as words.
 */
export async function codeLabels() {
  if (!codeLabelRows) codeLabelRows = namedQuery('list-concept-labels').catch(() => []);
  const rows = await codeLabelRows;
  const map = new Map(rows.map(r => [r.scheme + r.notation, r.label]));
  return (scheme, code) => code === null || code === undefined ? ''
    : map.get('https://w3id.org/gkb/code/' + scheme + '/' + code) || words(code);
}

/** What "informative" means wherever a modality is shown (ontology: informative statements are not recommendations). */
export const INFORMATIVE_NOTE = 'the source states a fact or context; not a recommendation for or against';

/** The link of a knowledge-base IRI to its description page on this server. */
export function resourceHref(iri) {
  return '/api/resource?iri=' + encodeURIComponent(iri);
}

export function versionHref(guideline, version) {
  return '/guidelines/' + encodeURIComponent(guideline) + '/versions/' + encodeURIComponent(version);
}

export function historyHref(guideline, recommendationIri) {
  return '/recommendations/' + encodeURIComponent(guideline) + '/' + encodeURIComponent(localName(recommendationIri)) + '/history';
}

/** "2015 (year only)" for a date known only to the year, else the date. */
export function dateText(date, precision) {
  if (!date) return 'not recorded';
  return precision === 'year' ? date.substring(0, 4) + ' (year only)' : date;
}

export const STATUS_WORDS = {
  applicable: 'Applicable',
  undetermined: 'Undetermined',
  'not-applicable': 'Not applicable'
};

/** A badge with a word and a colour class: colour never carries the meaning alone. */
export function badge(text, cls) {
  return el('span', { class: 'badge ' + cls }, text);
}

/** The path segments of the page's URL, decoded. */
export function pathParts() {
  return location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
}
