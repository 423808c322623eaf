// The console: hash routes (#/page?filters) so every page and filter has an address to share.
import { $, el, link, loadClientNames, loadClasses } from './ui.js';
import { token, Unauthorized } from './api.js';
import { overview, packages, pkg, incident } from './fleet.js';
import { devices, device, findings } from './devices.js';
import { policy } from './policy.js';
import { capabilities } from './capabilities.js';

const PAGES = { overview, packages, package: pkg, incident, devices, device, findings, capabilities, policy };
const NAV = [['overview', 'Overview'], ['incident', 'Incident'], ['packages', 'Packages'], ['devices', 'Devices'],
  ['findings', 'Findings'], ['capabilities', 'Capabilities'], ['policy', 'Policy']];

function parse() {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(location.hash);
  const page = m && PAGES[m[1]] ? m[1] : 'overview';
  return { page, params: Object.fromEntries(new URLSearchParams(m && m[2] ? m[2] : '')) };
}

export function go(page, params) {
  const next = link(page, params).getAttribute('href');
  if (location.hash === next) render(); else location.hash = next;
}

let rendering = 0;
async function render() {
  if (!token.get()) { showLogin(''); return; }
  const { page, params } = parse();
  const mine = ++rendering;
  const view = el('section', { id: 'view', 'data-page': page, 'aria-busy': 'true' });
  $('view').replaceWith(view);
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('current', a.dataset.page === page);
  document.title = 'Daylight · ' + page;
  try {
    await PAGES[page](view, params, go);
    if (mine === rendering) view.setAttribute('aria-busy', 'false');
  } catch (e) {
    if (e instanceof Unauthorized) { token.clear(); showLogin(e.message); return; }
    view.append(el('p', { class: 'error', role: 'alert', id: 'view-error' }, 'Failed: ' + e.message));
    view.setAttribute('aria-busy', 'false');
  }
}

function showLogin(message) {
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

function start() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  render();
}

document.addEventListener('DOMContentLoaded', async () => {
  await Promise.all([loadClientNames(), loadClasses()]);
  $('nav').replaceChildren(...NAV.map(([p, text]) => el('a', { href: '#/' + p, 'data-page': p }, text)));
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    token.set($('token').value);
    $('token').value = '';
    start();
  });
  $('logout').addEventListener('click', () => { token.clear(); showLogin(''); });
  window.addEventListener('hashchange', render);
  if (token.get()) start(); else showLogin('');
});
