// The decisions in force, each revocable, and the history of every edit with who, when and why.
import { el, link, table, when, packageName, classWord } from './ui.js';
import { api, query } from './api.js';
import { decide } from './decide.js';
import { more } from './paging.js';

const WORD = { approved: '✓ Approved', denied: '✗ Denied', unreviewed: '↺ Revoked' };

function subject(r) {
  if (r.subject.startsWith('class:')) return link('capabilities', { class: r.subject.slice(6) }, 'Servers that ' + classWord(r.subject.slice(6)).replace(/^\S+ Can/, 'can'));
  return r.subject.startsWith('server:') ? 'Servers named "' + r.subject.slice(7) + '"'
    : link('package', { purl: r.subject, version: r.version || '' }, packageName(r.subject));
}

const scope = (r) => (r.subject.startsWith('class:') ? 'that class' : r.subject.startsWith('server:') ? 'that name' : r.version ? 'version ' + r.version : 'all versions');

export async function policy(view, p, go) {
  const first = await api('/api/v1/admin/policy');
  view.append(el('h2', {}, 'Policy'), el('h3', {}, 'Decisions in force'),
    table('policy', [
      ['Subject', subject],
      ['Scope', scope],
      ['Decision', (r) => WORD[r.decision] || r.decision],
      ['By', (r) => r.by],
      ['Why', (r) => r.reason],
      ['Overrides intel', (r) => r.overrides || ''],
      ['When', (r) => when(r.decidedAt)],
      ['', (r) => el('button', { class: 'revoke', 'data-subject': r.subject, 'data-version': r.version || '',
        onclick: () => decide({ subject: r.subject, version: r.version || null, decision: 'unreviewed', allVersions: !r.version })
          .then((done) => done && go('policy', p)) }, 'Revoke…')]],
    first.entries, 'No fleet decision yet: devices judge package versions themselves.'),
    el('h3', {}, 'History'));
  await more(view, 'history', (cursor) => (cursor ? api('/api/v1/admin/policy' + query({ cursor })) : Promise.resolve(first)),
    (rows) => [table('policy-history', [
      ['When', (r) => when(r.decidedAt)],
      ['Subject', subject],
      ['Scope', scope],
      ['Decision', (r) => WORD[r.decision] || r.decision],
      ['By', (r) => r.by],
      ['Why', (r) => r.reason],
      ['Overrides intel', (r) => r.overrides || '']], rows, 'No decision recorded yet.')]);
}
