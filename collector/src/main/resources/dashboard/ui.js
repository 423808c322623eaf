// Builds every node with textContent: nothing the collector stores is ever parsed as HTML.
export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'onsubmit') node.addEventListener('submit', v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A link inside the console: a hash route with its query, every value encoded. */
export function href(page, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return '#/' + page + (s ? '?' + s : '');
}

export const link = (page, params, ...text) => el('a', { href: href(page, params) }, ...text);

/** A table of plain-text or node cells; columns are [header, row => cell]. */
export function table(id, columns, rows, empty) {
  const t = el('table', { id },
    el('thead', {}, el('tr', {}, columns.map(([h]) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of rows) body.append(el('tr', {}, columns.map(([, f]) => el('td', {}, f(r)))));
  if (rows.length === 0) body.append(el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, empty || 'Nothing here.')));
  t.append(body);
  return t;
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});

/** A collector time (ISO-8601 UTC) in the reader's local time with its zone. */
export function when(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : el('time', { datetime: iso, title: iso + ' (' + ZONE + ')' }, TIME.format(d));
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const SYMBOL = { critical: '‼', high: '▲', medium: '◆', low: '▽', info: 'ℹ' };

export function severity(s) {
  const word = SEVERITIES.includes(s) ? s : 'info';
  return el('span', { class: 'sev ' + word }, SYMBOL[word] + ' ' + word[0].toUpperCase() + word.slice(1));
}

let clientNames = {};
export async function loadClientNames() {
  try {
    const r = await fetch('/clients.json');
    clientNames = (await r.json()).clients || {};
  } catch (e) { clientNames = {}; }
}
export const client = (id) => (id ? clientNames[id] || id : '');

/** {@code pkg:npm/%40scope/name} as people write it: {@code @scope/name (npm)}. */
export function packageName(purl) {
  if (!purl) return '';
  const m = /^pkg:([^/]+)\/(.*)$/.exec(purl);
  if (!m) return purl;
  let name = m[2];
  try { name = decodeURIComponent(name); } catch (e) { /* keep it as it came */ }
  return name + ' (' + m[1] + ')';
}

/** A server's state in words: what keeps it from running, if anything. */
export function serverState(s) {
  if (s.blockedBy) return 'Blocked by managed policy: ' + s.blockedBy;
  if (s.approval === 'pending') return 'Waiting for the user to approve it in ' + (client(s.client) || 'the client');
  if (s.approval === 'refused') return 'Refused by the user';
  if (s.enabled === 0) return 'Turned off in its config';
  if (s.approval === 'approved') return 'Approved by the user; runs';
  if (s.client === null || s.client === undefined) return 'Installed on disk (no server configured)';
  return 'Configured; runs when the client starts';
}

/** A value as one CSV field: quoted, quotes doubled, and a leading formula character defused. */
function csvField(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

export function csv(headers, rows) {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function download(id, name, type, text) {
  return el('a', { id, download: name, href: 'data:' + type + ';charset=utf-8,' + encodeURIComponent(text) },
    'Download ' + name);
}

let classWords = {};
/** The capability classes in the order and words of the console's data file (capabilities.json). */
export let CLASSES = [];
export async function loadClasses() {
  try {
    const r = await fetch('/capabilities.json');
    CLASSES = (await r.json()).classes || [];
  } catch (e) { CLASSES = []; }
  classWords = Object.fromEntries(CLASSES.map((c) => [c.class, c]));
}

/** A class as words with its symbol ("✉ Can send email"); an id the console does not know stays an id. */
export function classWord(id) {
  const c = classWords[id];
  return c ? c.symbol + ' ' + c.label : id;
}

/** Where a capability was seen: file:line and the line's text, a host, or a tool name. */
export function capabilityEvidence(e) {
  if (!e) return '';
  const where = e.file ? e.file + (e.line ? ':' + e.line : '') : e.kind ? e.kind : '';
  return el('span', { class: 'evidence' }, where ? el('code', {}, where) : null, e.text ? [' ', el('q', {}, e.text)] : null);
}

/** A server's classes as words, or why nobody could tell (never an empty cell that reads "harmless"). */
export function capabilities(s) {
  if (s.capabilities === null || s.capabilities === undefined) {
    return el('span', { class: 'note' }, 'Unknown' + (s.capabilitiesWhy ? ': ' + s.capabilitiesWhy : ''));
  }
  if (s.capabilities.length === 0) return el('span', { class: 'note' }, 'Nothing sensitive found');
  return el('ul', { class: 'classes' }, s.capabilities.map((c) =>
    el('li', { title: c.evidence ? [c.evidence.file, c.evidence.line, c.evidence.text].filter(Boolean).join(' · ') : '' },
      link('capabilities', { class: c.class }, classWord(c.class)))));
}

/**
 * Calls of the last 30 days in words. A device that reports no usage at all may simply not read
 * its clients' records, so only where it does is a server with no call marked as idle.
 */
export function usage(s, deviceReportsUsage) {
  if (s.calls30d === null || s.calls30d === undefined) return '';
  if (s.calls30d > 0) return String(s.calls30d);
  return deviceReportsUsage
    ? el('span', { class: 'idle' }, '0 · unused: cheap to remove')
    : el('span', { class: 'note' }, 'no call recorded');
}
