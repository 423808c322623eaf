// Devices (search and filters in the URL), one device, and the findings list.
import { $, el, link, table, when, severity, client, packageName, serverState, capabilities, usage, SEVERITIES } from './ui.js';
import { api, query } from './api.js';
import { decide } from './decide.js';
import { more } from './paging.js';

const DAY = 24 * 3600 * 1000;

function select(id, label, value, options) {
  return el('label', {}, label + ' ', el('select', { id, name: id },
    options.map(([v, text]) => el('option', { value: v, selected: v === (value || '') }, text))));
}

export async function devices(view, p, go) {
  const form = el('form', { class: 'filters', id: 'device-filters' },
    el('label', {}, 'Search ', el('input', { name: 'q', type: 'search', value: p.q || '', placeholder: 'host name or owner' })),
    select('severity', 'With open', p.severity, [['', 'any or no finding'], ...SEVERITIES.map((s) => [s, s + ' finding'])]),
    el('label', {}, 'OS ', el('input', { name: 'os', value: p.os || '', placeholder: 'linux, macos, windows', size: 10 })),
    el('label', {}, 'Owner ', el('input', { name: 'owner', value: p.owner || '', size: 14 })),
    select('seen', 'Last seen', p.seen, [['', 'any time'], ['stale7', 'not in 7 days'], ['fresh1', 'in the last day']]),
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    go('devices', { q: f.get('q'), severity: f.get('severity'), os: f.get('os'), owner: f.get('owner'), seen: f.get('seen') });
  });
  view.append(el('h2', {}, 'Devices'), form);
  const now = Date.now();
  const seen = p.seen === 'stale7' ? { seenBefore: now - 7 * DAY } : p.seen === 'fresh1' ? { seenAfter: now - DAY } : {};
  await more(view, 'devices', (cursor) => api('/api/v1/devices' + query(Object.assign(
    { q: p.q, severity: p.severity, os: p.os, owner: p.owner, cursor }, seen))),
  (rows) => [table('devices', [
    ['Device', (r) => link('device', { id: r.nodeId }, r.hostname || r.nodeId)],
    ['Owner', (r) => r.owner || ''],
    ['OS', (r) => [r.os, r.osVersion].filter(Boolean).join(' ')],
    ['Last seen', (r) => when(r.lastSeen)],
    ['Open findings', (r) => r.openFindings ? [severity(SEVERITIES[r.worst] || 'info'), ' worst of ', r.openFindings] : 'none']],
  rows, 'No device matches.')]);
}

function evidence(f) {
  try {
    const e = JSON.parse(f.evidence || 'null');
    if (!e) return '';
    return e.file ? el('code', {}, e.file + (e.line ? ':' + e.line : '')) : e.text || e.kind || '';
  } catch (err) { return ''; }
}

export async function device(view, p, go) {
  const d = await api('/api/v1/devices/' + encodeURIComponent(p.id));
  const readsUsage = (d.usage || []).length > 0 || d.servers.some((s) => s.lastCall);
  const owner = el('input', { id: 'owner-input', value: d.owner || '' });
  view.append(el('h2', { id: 'device-title' }, d.hostname || d.nodeId),
    el('p', { id: 'device-facts' }, 'Owner: ', d.owner || 'unknown', ' · OS: ', [d.os, d.osVersion, d.arch].filter(Boolean).join(' ') || 'unknown',
      ' · Account: ', d.user || 'unknown', ' · Enrolled: ', when(d.enrolledAt), ' · Last seen: ', when(d.lastSeen)),
    el('form', { class: 'filters', onsubmit: async (ev) => {
      ev.preventDefault();
      const by = $('owner-by').value.trim();
      if (!by) { $('owner-error').textContent = 'Enter your name: it is recorded with the change.'; return; }
      sessionStorage.setItem('daylight-decided-by', by);
      try {
        await api('/api/v1/devices/' + encodeURIComponent(p.id) + '/owner', { method: 'PUT', json: { owner: owner.value.trim(), by } });
        go('device', p);
      } catch (e) { $('owner-error').textContent = e.message; }
    } }, el('label', {}, 'Owner ', owner),
    el('label', {}, 'Your name ', el('input', { id: 'owner-by', value: sessionStorage.getItem('daylight-decided-by') || '', size: 12 })),
    el('button', { id: 'owner-save', type: 'submit' }, 'Set owner'),
    el('span', { class: 'note' }, '(empty owner: back to the account the agent reports)'),
    el('span', { id: 'owner-error', class: 'error', role: 'alert' })),
    el('h3', {}, 'Servers'),
    table('device-servers', [
      ['Client', (s) => client(s.client)],
      ['Server', (s) => s.name],
      ['Package', (s) => s.purl ? link('package', { purl: s.purl, version: s.version }, packageName(s.purl)) : s.url || s.command || ''],
      ['Version', (s) => s.version || (s.purl ? '(floating)' : '')],
      ['Config', (s) => el('code', {}, s.configPath)],
      ['Since', (s) => when(s.firstSeen)],
      ['State', (s) => serverState(s)],
      ['Can', (s) => capabilities(s)],
      ['Calls (30 days)', (s) => usage(s, readsUsage)],
      ['Last call', (s) => (s.lastCall ? when(s.lastCall) : 'never recorded')],
      ['Decide', (s) => el('button', { class: 'deny', onclick: () => decide({ subject: 'server:' + s.name, version: null, decision: 'denied' })
        .then((done) => done && go('device', p)) }, 'Deny servers named ' + s.name + '…')]],
    d.servers, 'No MCP server configured.'),
    el('h3', {}, 'Open findings'),
    findingsTable('device-findings', d.findings.filter((f) => f.status === 'open'), false),
    el('p', {}, link('findings', { node: d.nodeId, status: 'resolved' }, 'Resolved findings of this device')),
    el('h3', {}, 'Timeline'));
  await more(view, 'events', (cursor) => api('/api/v1/devices/' + encodeURIComponent(p.id) + '/timeline' + query({ cursor, limit: 50 })),
    (rows) => [table('device-timeline', [['When', (e) => when(e.at)], ['What', (e) => e.type.replace(/-/g, ' ')], ['Details', (e) => e.summary || '']], rows, 'No event yet.')]);
}

/**
 * What a new version changed, for a release-* finding: the indicator, the versions compared and the
 * line of the new version that shows it (already cut and redacted by the agent).
 */
function releaseChange(f) {
  const r = f.release;
  if (!r || typeof r !== 'object') return null;
  let text = '';
  try { const e = JSON.parse(f.evidence || 'null'); text = e && e.text ? e.text : ''; } catch (err) { text = ''; }
  return el('p', { class: 'release' },
    'What changed in ', r.to || '?', r.from ? ' (compared with ' + r.from + ')' : '', ': ',
    [r.kind, r.subkind].filter(Boolean).join(' / '), r.value ? [' ', el('code', {}, r.value)] : null,
    r.file ? [' at ', el('code', {}, r.file + (r.line ? ':' + r.line : ''))] : null,
    text ? [' — ', el('q', {}, text)] : null);
}

function findingsTable(id, rows, withDevice) {
  return table(id, [
    ['Severity', (f) => severity(f.severity)],
    ...(withDevice ? [['Device', (f) => link('device', { id: f.nodeId }, f.hostname || f.nodeId)]] : []),
    ['Finding', (f) => [f.title, releaseChange(f)]],
    ['Where', (f) => evidence(f)],
    ['Remedy', (f) => f.remediation || ''],
    ['Rule', (f) => link('findings', { rule: f.rule }, f.rule)],
    ['Since', (f) => when(f.firstSeen)]], rows, 'No open finding.');
}

export async function findings(view, p, go) {
  const form = el('form', { class: 'filters', id: 'finding-filters' },
    select('severity', 'Severity', p.severity, [['', 'any'], ...SEVERITIES.map((s) => [s, s])]),
    el('label', {}, 'Rule ', el('input', { name: 'rule', value: p.rule || '', size: 18 })),
    select('status', 'Status', p.status, [['', 'open'], ['resolved', 'resolved']]),
    el('label', {}, 'Package URL ', el('input', { name: 'purl', value: p.purl || '', size: 24 })),
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    go('findings', { severity: f.get('severity'), rule: f.get('rule'), status: f.get('status'), purl: f.get('purl'), node: p.node });
  });
  view.append(el('h2', {}, 'Findings'), form,
    p.node ? el('p', {}, 'On one device only: ', link('findings', Object.assign({}, p, { node: '' }), 'show every device')) : null);
  await more(view, 'findings', (cursor) => api('/api/v1/findings' + query({
    severity: p.severity, rule: p.rule, status: p.status, purl: p.purl, node: p.node, cursor })),
  (rows) => [findingsTable('findings', rows, true)]);
}
