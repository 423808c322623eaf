// Servers by capability class: "every server in the fleet that can send email", with who runs it,
// the evidence, how often it is called and whether anyone approved it.
import { el, link, table, when, client, classWord, capabilityEvidence, usage, CLASSES } from './ui.js';
import { api, query } from './api.js';
import { decide } from './decide.js';
import { more } from './paging.js';

const STATE = {
  approved: '✓ Approved by the fleet',
  denied: '✗ Denied by the fleet',
  'awaiting-approval': '⏸ Needs approval: the device reports it unapproved',
  'no-fleet-decision': 'No fleet decision',
};

function approval(r) {
  const d = r.fleetDecision;
  const words = STATE[r.approvalState] || r.approvalState;
  if (!d) return words;
  const scope = d.subject.startsWith('class:') ? 'every server of this class'
    : d.subject.startsWith('server:') ? 'servers named "' + d.subject.slice(7) + '"'
      : d.version ? 'version ' + d.version : 'all versions';
  return [words, ' (', scope, ') by ', d.by, r.unapprovedFinding ? '; the device still reports it unapproved' : ''];
}

/** The agents' built-in list, shown checked while the fleet has none of its own. */
const DEFAULT_APPROVAL = ['email-send', 'messaging', 'payments', 'cloud-admin', 'shell-exec'];

/** Sets the classes every agent requires an approval for, or hands the list back to each machine. */
function approvalClassesForm(setting, done) {
  const wanted = setting.classes || DEFAULT_APPROVAL;
  const error = el('p', { id: 'approval-classes-error', class: 'error', role: 'alert' });
  const by = el('input', { id: 'approval-classes-by', value: sessionStorage.getItem('daylight-decided-by') || '', size: 12 });
  const reason = el('input', { id: 'approval-classes-reason', size: 30 });
  const send = async (classes) => {
    if (!by.value.trim() || !reason.value.trim()) { error.textContent = 'Enter your name and a reason: both are recorded.'; return; }
    try {
      await api('/api/v1/admin/approval-classes', { method: 'PUT', json: { classes, by: by.value.trim(), reason: reason.value.trim() } });
      sessionStorage.setItem('daylight-decided-by', by.value.trim());
      done();
    } catch (e) { error.textContent = e.message; }
  };
  const boxes = CLASSES.map((c) => el('input', { type: 'checkbox', name: 'approval-class', value: c.class, checked: wanted.includes(c.class) }));
  return el('form', { id: 'approval-classes-form', onsubmit: (ev) => {
    ev.preventDefault();
    send(boxes.filter((b) => b.checked).map((b) => b.value));
  } },
  el('h3', {}, 'Classes that need an approval on every agent'),
  el('p', { class: 'note' }, setting.classes ? 'The fleet\'s list is checked.' : 'The agents\' built-in list is checked; saving makes it the fleet\'s.'),
  el('ul', { class: 'classes' }, CLASSES.map((c, i) => el('li', {}, el('label', {}, boxes[i], ' ', classWord(c.class))))),
  el('div', { class: 'filters' },
    el('label', {}, 'Your name ', by), el('label', {}, 'Reason ', reason),
    el('button', { type: 'submit', id: 'approval-classes-save' }, 'Require approval for these on every agent'),
    el('button', { type: 'button', id: 'approval-classes-withdraw', onclick: () => send(null) }, 'Leave it to each machine')),
  error);
}

export async function capabilities(view, p, go) {
  const chosen = CLASSES.some((c) => c.class === p.class) ? p.class : '';
  const pick = el('select', { id: 'class-filter', name: 'class' },
    el('option', { value: '', selected: !chosen }, 'choose what servers can do…'),
    CLASSES.map((c) => el('option', { value: c.class, selected: c.class === chosen }, classWord(c.class))));
  const form = el('form', { class: 'filters', id: 'class-filters', onsubmit: (ev) => { ev.preventDefault(); go('capabilities', { class: pick.value }); } },
    el('label', {}, 'Servers that ', pick), el('button', { type: 'submit', id: 'class-search' }, 'Show servers'));
  const setting = await api('/api/v1/admin/approval-classes');
  view.append(el('h2', {}, 'Capabilities'), form,
    el('p', { id: 'approval-classes', class: 'note' }, setting.classes
      ? ['Agents require an approval for: ', setting.classes.length ? setting.classes.map(classWord).join(', ') : 'no class',
        ' (set by ', setting.by, ', ', when(setting.at), ').']
      : 'Each machine decides which classes need an approval (the built-in default unless its rules file says otherwise).'));
  if (!chosen) {
    view.append(approvalClassesForm(setting, () => go('capabilities', p)));
    return;
  }
  view.append(el('p', { class: 'actions' },
    el('button', { class: 'approve', id: 'approve-class', onclick: () => decide({ subject: 'class:' + chosen, version: null, decision: 'approved' })
      .then((done) => done && go('capabilities', p)) }, 'Approve every server that ' + classWord(chosen).replace(/^\S+ Can/, 'can') + '…'),
    el('button', { class: 'deny', id: 'deny-class', onclick: () => decide({ subject: 'class:' + chosen, version: null, decision: 'denied' })
      .then((done) => done && go('capabilities', p)) }, 'Deny…')));
  await more(view, 'servers', (cursor) => api('/api/v1/fleet/servers' + query({ capability: chosen, cursor })),
    (rows) => [table('class-servers', [
      ['Device', (r) => link('device', { id: r.nodeId }, r.hostname || r.nodeId)],
      ['Owner', (r) => r.owner || ''],
      ['Client', (r) => client(r.client)],
      ['Server', (r) => r.serverName],
      ['Package', (r) => r.purl ? link('package', { purl: r.purl, version: r.version }, r.package) : r.url || ''],
      ['Evidence', (r) => capabilityEvidence(r.evidence)],
      ['Approval', approval],
      ['Calls (30 days)', (r) => usage(r, r.lastCall !== null && r.lastCall !== undefined)],
      ['Last call', (r) => (r.lastCall ? when(r.lastCall) : 'never recorded')]],
    rows, 'No server in the fleet ' + classWord(chosen).replace(/^\S+ Can/, 'can') + '.')]);
}
