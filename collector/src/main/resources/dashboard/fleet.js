// Overview, packages, one package's versions and the devices running one, and the incident page.
import { el, link, table, when, severity, client, packageName, serverState, csv, download, SEVERITIES } from './ui.js';
import { api, query } from './api.js';
import { decide } from './decide.js';
import { more } from './paging.js';

export async function overview(view) {
  const o = await api('/api/v1/overview');
  view.append(el('h2', {}, 'Overview'),
    el('div', { class: 'counts' },
      el('a', { class: 'count', id: 'count-devices', href: '#/devices' }, 'Devices: ', o.devices),
      el('span', { class: 'count' }, 'Servers: ', o.servers),
      el('a', { class: 'count', href: '#/packages' }, 'Packages: ', o.packages)),
    el('h3', {}, 'Open findings by severity'),
    el('div', { class: 'counts' }, SEVERITIES.map((s) =>
      link('findings', { severity: s }, el('span', { class: 'count ' + s, id: 'count-' + s }, severity(s), ': ', o.openFindings[s] || 0)))),
    el('p', { class: 'note' }, 'Servers, packages and findings counted ', when(o.countedAt), ' (at most once a minute).'),
    el('h3', {}, 'Answer an incident'),
    el('p', {}, 'Which devices run a package, in which versions, and who owns them: ', link('incident', {}, 'open the incident page'), '.'));
}

/** The state of one package version, in words, worst first. */
function versionState(r) {
  const parts = [];
  if (r.malicious && r.malicious.length) parts.push('⚠ Malicious per intel (' + r.malicious.join(', ') + ')');
  const d = r.decision;
  if (d) {
    const scope = d.version ? 'this version' : 'all versions';
    parts.push((d.decision === 'approved' ? '✓ Approved' : '✗ Denied') + ' (' + scope + ') by ' + d.by +
      (d.overrides ? ', overriding ' + d.overrides : ''));
  }
  if (r.suspendedOn) parts.push('⏸ Suspended on ' + r.suspendedOn + ' device' + (r.suspendedOn === 1 ? '' : 's') + ', awaiting review');
  return parts.length ? parts.join(' · ') : 'Not reviewed by the fleet';
}

export async function packages(view, p, go) {
  const search = el('input', { id: 'package-search', type: 'search', value: p.q || '', placeholder: 'package name, e.g. postmark-mcp or @scope/name' });
  const form = el('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); go('packages', { q: search.value.trim() }); } },
    el('label', {}, 'Search ', search), el('button', { type: 'submit' }, 'Search'));
  view.append(el('h2', {}, 'Packages'), form);
  await more(view, 'packages', (cursor) => api('/api/v1/fleet/packages' + query({ view: 'versions', q: p.q, cursor })),
    (rows, body) => {
      const t = table('packages', [
        ['Package', (r) => link('package', { purl: r.purl }, packageName(r.purl))],
        ['Version', (r) => r.version ? link('package', { purl: r.purl, version: r.version }, r.version) : '(floating: no version pinned)'],
        ['Devices', (r) => r.devices],
        ['State', (r) => versionState(r)],
        ['First seen', (r) => when(r.firstSeen)]], rows, 'No package matches.');
      return [t, el('p', { class: 'note' }, 'Device counts as of ', when(body.countedAt), ' (counted at most once a minute).')];
    });
}

/** One package: its versions with their states, or, with a version, the devices running it. */
export async function pkg(view, p, go) {
  const title = packageName(p.purl) + (p.version ? ' ' + p.version : '');
  view.append(el('h2', { id: 'package-title' }, title),
    el('p', {}, link('packages', {}, '← all packages'), p.version ? [' · ', link('package', { purl: p.purl }, 'all versions of ' + packageName(p.purl))] : null,
      ' · ', link('incident', { purl: p.purl }, 'incident view with a version range')));
  const act = (r, decision) => decide({ subject: r.purl, version: r.version, decision, malicious: r.malicious })
    .then((done) => done && go('package', p));
  await more(view, 'packages', (cursor) => api('/api/v1/fleet/packages' + query({ view: 'versions', purl: p.purl, version: p.version, cursor })),
    (rows) => [table('versions', [
      ['Version', (r) => r.version ? link('package', { purl: r.purl, version: r.version }, r.version) : '(floating)'],
      ['Devices', (r) => r.devices],
      ['State', (r) => versionState(r)],
      ['First seen', (r) => when(r.firstSeen)],
      ['Decide', (r) => r.version ? el('span', { class: 'actions' },
        el('button', { class: 'approve', 'data-version': r.version, onclick: () => act(r, 'approved') }, 'Approve ' + r.version + '…'),
        el('button', { class: 'deny', 'data-version': r.version, onclick: () => act(r, 'denied') }, 'Deny ' + r.version + '…')) : '']],
    rows, 'No device runs this package.')]);
  // The exact version rides in the purl: '=' is a range only in npm's syntax, PEP 440 says '=='.
  if (p.version) await devicesRunning(view, { purl: p.purl + '@' + p.version });
}

async function devicesRunning(view, p) {
  await more(view, 'incident', (cursor) => api('/api/v1/fleet/packages' + query({ purl: p.purl, range: p.range, cursor })),
    (rows, body) => [el('p', { id: 'incident-count' }, body.total + ' matching row' + (body.total === 1 ? '' : 's') + ' (showing ' + rows.length + ')'),
      table('incident-devices', INCIDENT_COLUMNS.map(([h, , f]) => [h, f]), rows, 'No device matches.'),
      el('p', { class: 'exports' }, 'Export what is shown: ',
        download('export-csv', 'incident.csv', 'text/csv', csv(INCIDENT_COLUMNS.map(([h]) => h), rows.map((r) => INCIDENT_COLUMNS.map(([, v]) => v(r))))),
        ' · ',
        download('export-json', 'incident.json', 'application/json', JSON.stringify(rows.map((r) =>
          Object.fromEntries(INCIDENT_COLUMNS.map(([h, v]) => [h, v(r)]))), null, 2)))]);
}

/** [header, plain value for export, cell for the page]: the export holds exactly the columns shown. */
const INCIDENT_COLUMNS = [
  ['Device', (r) => r.hostname || r.nodeId, (r) => link('device', { id: r.nodeId }, r.hostname || r.nodeId)],
  ['Owner', (r) => r.owner || '', (r) => r.owner || ''],
  ['Client', (r) => client(r.client), (r) => client(r.client)],
  ['Server', (r) => r.serverName || '', (r) => r.serverName || ''],
  ['Version', (r) => r.version || '', (r) => r.version || '(floating)'],
  ['Config', (r) => r.configPath || '', (r) => r.configPath ? el('code', {}, r.configPath) : ''],
  ['State', (r) => serverState(r), (r) => serverState(r)],
  ['Since', (r) => r.firstSeen || '', (r) => when(r.firstSeen)],
  ['Last seen', (r) => r.lastSeen || '', (r) => when(r.lastSeen)],
  ['Calls since the version changed', (r) => (r.client ? r.callsSinceVersion : ''), (r) => (r.client ? String(r.callsSinceVersion ?? '') : '')],
  ['Last call', (r) => r.lastCall || '', (r) => (r.lastCall ? when(r.lastCall) : r.client ? 'never recorded' : '')],
];

export async function incident(view, p, go) {
  const purl = el('input', { id: 'incident-purl', value: p.purl || '', placeholder: 'pkg:npm/postmark-mcp', required: true });
  const range = el('input', { id: 'incident-range', value: p.range || '', placeholder: '>=1.0.16 (npm semver or PEP 440)' });
  view.append(el('h2', {}, 'Incident: who runs a package'),
    el('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); go('incident', { purl: purl.value.trim(), range: range.value.trim() }); } },
      el('label', {}, 'Package URL ', purl), el('label', {}, 'Version range ', range),
      el('button', { type: 'submit', id: 'incident-search' }, 'Find devices')));
  if (p.purl) {
    view.append(el('p', {}, link('package', { purl: p.purl }, 'Versions of ' + packageName(p.purl) + ' and decisions')));
    await devicesRunning(view, p);
  }
}
