'use strict';
// Builds every node with textContent: nothing the collector stores is ever parsed as HTML.
(function () {
  const KEY = 'daylight-admin-token';
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'onclick') node.addEventListener('click', v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function table(id, headers, rows) {
    const t = $(id);
    t.replaceChildren(el('tr', {}, ...headers.map((h) => el('th', {}, h))));
    for (const r of rows) t.append(el('tr', {}, ...r.map((c) => el('td', {}, c))));
    if (rows.length === 0) t.append(el('tr', {}, el('td', { colspan: headers.length }, 'nothing yet')));
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers.Authorization = 'Bearer ' + sessionStorage.getItem(KEY);
    const res = await fetch(path, opts);
    if (res.status === 401) { logout('That token was refused.'); throw new Error('unauthorized'); }
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  function status(text) { $('status').textContent = text; }

  async function decide(subject, version, decision) {
    const by = $('by').value.trim();
    const reason = $('reason').value.trim();
    if (!by || !reason) { status('Enter your name and a reason first.'); return; }
    try {
      await api('/api/v1/admin/policy', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ subject, version, decision, by, reason }),
      });
      status(decision + ': ' + subject + (version ? '@' + version : ''));
      await loadPolicy();
    } catch (e) { status('Failed: ' + e.message); }
  }

  function buttons(subject, version) {
    return el('span', {},
      el('button', { class: 'approve', 'data-subject': subject, onclick: () => decide(subject, version, 'approved') }, 'Approve'),
      ' ',
      el('button', { class: 'deny', 'data-subject': subject, onclick: () => decide(subject, version, 'denied') }, 'Deny'));
  }

  async function loadOverview() {
    const o = await api('/api/v1/overview');
    const counts = el('div', { class: 'counts' },
      el('span', { class: 'count', id: 'count-devices' }, 'Devices: ', o.devices),
      el('span', { class: 'count' }, 'Servers: ', o.servers),
      ...Object.entries(o.openFindings).map(([sev, n]) =>
        el('span', { class: 'count ' + sev, id: 'count-' + sev }, sev, ': ', n)));
    $('overview').replaceChildren(el('h2', {}, 'Open findings by severity'), counts);
  }

  async function loadSearch() {
    const q = encodeURIComponent($('search').value.trim());
    const p = await api('/api/v1/fleet/packages?q=' + q);
    table('packages', ['Package', 'Version', 'Devices', ''],
      p.packages.map((r) => [r.purl, r.version || '(floating)', r.devices, buttons(r.purl, null)]));
    const s = await api('/api/v1/fleet/servers?q=' + q);
    table('servers', ['Server', 'Package', 'Devices', ''],
      s.servers.map((r) => [r.name, r.purl || '', r.devices, buttons(r.purl || 'server:' + r.name, null)]));
  }

  async function loadDevices() {
    const d = await api('/api/v1/devices');
    table('devices', ['Host', 'Owner', 'OS', 'Last seen', 'Open findings'],
      d.devices.map((r) => [el('a', { href: '#/device/' + encodeURIComponent(r.nodeId) }, r.hostname || r.nodeId),
        r.owner || '', r.os || '', r.lastSeen || 'never', r.openFindings]));
  }

  async function loadPolicy() {
    const p = await api('/api/v1/admin/policy');
    table('policy', ['Subject', 'Version', 'Decision', 'By', 'Reason', 'When'],
      p.entries.map((r) => [r.subject, r.version || 'all', r.decision, r.by, r.reason, r.decidedAt]));
  }

  async function showDevice(id) {
    const box = $('device');
    if (!id) { box.hidden = true; return; }
    const d = await api('/api/v1/devices/' + encodeURIComponent(id));
    const t = await api('/api/v1/devices/' + encodeURIComponent(id) + '/timeline?limit=50');
    box.replaceChildren(
      el('h2', { id: 'device-title' }, d.hostname || d.nodeId),
      el('p', { id: 'device-facts' }, 'Owner: ', d.owner || '?', ' · OS: ', d.os || '?', ' ', d.osVersion || '', ' · Last seen: ', d.lastSeen || 'never'),
      el('p', {}, el('label', {}, 'Owner ', el('input', { id: 'owner-input', value: d.owner || '' })), ' ',
        el('button', { id: 'owner-save', onclick: () => assignOwner(id) }, 'Set owner'),
        ' (empty: back to the account the agent reports; recorded with your name above)'),
      el('h3', {}, 'Servers'), el('table', { id: 'device-servers' }),
      el('h3', {}, 'Findings'), el('table', { id: 'device-findings' }),
      el('h3', {}, 'Timeline'), el('table', { id: 'device-timeline' }));
    box.hidden = false;
    const approval = { pending: 'waiting for the user to approve', refused: 'refused by the user', approved: 'approved' };
    const state = (s) => s.blockedBy ? 'blocked: ' + s.blockedBy
      : s.enabled === 0 ? 'disabled in its config' : approval[s.approval] || '';
    table('device-servers', ['Client', 'Name', 'Package', 'Version', 'Config', 'Since', 'State'],
      d.servers.map((s) => [s.client, s.name, s.purl || '', s.version || '', s.configPath, s.firstSeen, state(s)]));
    table('device-findings', ['Severity', 'Title', 'Rule', 'Status'],
      d.findings.map((f) => [f.severity, f.title, f.rule, f.status]));
    table('device-timeline', ['When', 'Type', 'Summary'],
      t.events.map((e) => [e.at, e.type, e.summary || '']));
  }

  async function assignOwner(id) {
    const by = $('by').value.trim();
    if (!by) { status('Enter your name first.'); return; }
    try {
      await api('/api/v1/devices/' + encodeURIComponent(id) + '/owner', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ owner: $('owner-input').value.trim(), by }),
      });
      status('Owner set for ' + id);
      await Promise.all([loadDevices(), showDevice(id)]);
    } catch (e) { status('Failed: ' + e.message); }
  }

  async function refresh() {
    try {
      await Promise.all([loadOverview(), loadSearch(), loadDevices(), loadPolicy()]);
      const m = location.hash.match(/^#\/device\/(.+)$/);
      await showDevice(m ? decodeURIComponent(m[1]) : null);
      status('Updated ' + new Date().toISOString());
    } catch (e) { if (e.message !== 'unauthorized') status('Failed: ' + e.message); }
  }

  function logout(message) {
    sessionStorage.removeItem(KEY);
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    refresh();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY, $('token').value);
      $('token').value = '';
      start();
    });
    $('logout').addEventListener('click', () => logout(''));
    let timer = null;
    $('search').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(loadSearch, 200); });
    window.addEventListener('hashchange', refresh);
    if (sessionStorage.getItem(KEY)) start(); else logout('');
  });
})();
