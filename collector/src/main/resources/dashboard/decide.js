// Every decision goes through this dialog: it names the scope, says the effect in words, records
// who and why, and asks for an explicit override before approving what intel calls malicious.
import { $, el, packageName, classWord } from './ui.js';
import { api } from './api.js';

const BY = 'daylight-decided-by';

function subjectName(subject) {
  if (subject.startsWith('class:')) return 'every server that ' + classWord(subject.slice(6)).replace(/^\S+ Can/, 'can');
  return subject.startsWith('server:') ? 'servers named "' + subject.slice(7) + '"' : packageName(subject);
}

/** What the decision will do, in the words the person confirms. */
export function effect(decision, subject, version) {
  const name = subjectName(subject);
  if (subject.startsWith('class:')) {
    if (decision === 'approved') return 'Agents will treat ' + name + ' as approved on every device, now and for servers added later; packages stay judged version by version.';
    if (decision === 'denied') return 'Agents will treat ' + name + ' as denied on every device.';
    return 'The decision on ' + name + ' is withdrawn: each server of the class needs its own approval again.';
  }
  if (subject.startsWith('server:')) {
    if (decision === 'denied') return 'Every device with ' + name + ' will report it as denied (high) until it is removed.';
    if (decision === 'approved') return 'Approving ' + name + ' records that you reviewed them; package versions stay judged on their own.';
    return 'The decision on ' + name + ' is withdrawn.';
  }
  if (decision === 'approved') {
    return version
      ? 'Every device running ' + name + ' ' + version + ' will trust it; every other version stays suspended until reviewed.'
      : 'Every version of ' + name + ', including versions not released yet, will be trusted on every device: a version change will no longer be suspended.';
  }
  if (decision === 'denied') {
    return version
      ? 'Every device running ' + name + ' ' + version + ' will report it as denied (high); other versions are not affected.'
      : 'Every version of ' + name + ' will be reported as denied (high) on every device.';
  }
  return version
    ? 'The decision on ' + name + ' ' + version + ' is withdrawn: devices judge that version themselves again (a version other than the first one seen is suspended).'
    : 'The decision on every version of ' + name + ' is withdrawn: devices judge each version themselves again.';
}

const VERB = { approved: 'Approve', denied: 'Deny', unreviewed: 'Revoke the decision on' };

/**
 * Opens the dialog for {subject, version, decision, malicious: [ids]}; {@code version} null means the
 * subject has no versions (servers) or the decision already covers all of them (a revoke).
 * Resolves true when the collector recorded the decision.
 */
export function decide({ subject, version, decision, malicious, allVersions }) {
  return new Promise((resolve) => {
    const box = $('decide');
    const versioned = subject.startsWith('pkg:') && decision !== 'unreviewed' && version;
    const scopeFor = () => (versioned && $('scope-all').checked ? null : version);
    const text = el('p', { id: 'decide-effect', class: 'effect' });
    const warn = el('div', { id: 'decide-malicious', class: 'malicious', hidden: !(malicious && malicious.length && decision === 'approved') },
      el('p', {}, '⚠ Intel marks this version malicious: ', (malicious || []).join(', '), '.'),
      el('label', {}, el('input', { type: 'checkbox', id: 'decide-override' }),
        ' I override the malicious verdict; my reason below says why.'));
    const error = el('p', { id: 'decide-error', class: 'error', role: 'alert' });
    const update = () => {
      const v = scopeFor();
      text.textContent = effect(decision, subject, v);
      $('decide-confirm').textContent = (VERB[decision] || decision) + ' ' +
        (subject.startsWith('pkg:') ? (v ? v : (decision === 'unreviewed' && !allVersions ? '' : 'all versions')) : subjectName(subject));
    };
    const scope = versioned ? el('fieldset', { id: 'decide-scope' }, el('legend', {}, 'Scope'),
      el('label', {}, el('input', { type: 'radio', name: 'scope', id: 'scope-version', checked: true }), ' Only version ', version),
      el('label', {}, el('input', { type: 'radio', name: 'scope', id: 'scope-all' }),
        ' All versions of ', packageName(subject), ', including future ones')) : null;
    const form = el('form', { method: 'dialog', id: 'decide-form' },
      el('h2', { id: 'decide-title' }, (VERB[decision] || decision) + ' ' + subjectName(subject) +
        (version ? ' ' + version : allVersions ? ' (all versions)' : '') + '?'),
      scope, text, warn,
      el('label', {}, 'Your name ', el('input', { id: 'decide-by', required: true, autocomplete: 'name' })),
      el('label', {}, 'Reason ', el('textarea', { id: 'decide-reason', required: true, rows: 3 })),
      error,
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'decide-cancel' }, 'Cancel'),
        el('button', { type: 'submit', id: 'decide-confirm', class: decision === 'denied' ? 'deny' : 'approve' })));
    box.replaceChildren(form);
    $('decide-by').value = sessionStorage.getItem(BY) || '';
    if (scope) scope.addEventListener('change', update);
    update();
    const close = (done) => { box.close(); resolve(done); };
    $('decide-cancel').addEventListener('click', () => close(false));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const by = $('decide-by').value.trim();
      const reason = $('decide-reason').value.trim();
      if (!by || !reason) { error.textContent = 'Enter your name and a reason: both are recorded.'; return; }
      const v = scopeFor();
      const body = { subject, decision, by, reason };
      if (subject.startsWith('pkg:')) {
        if (v) body.version = v; else body.allVersions = true;
      }
      if ($('decide-override').checked) body.overrideMalicious = true;
      try {
        await api('/api/v1/admin/policy', { json: body });
        sessionStorage.setItem(BY, by);
        close(true);
      } catch (e) {
        error.textContent = e.message;
        if (e.status === 409) warn.hidden = false;
      }
    });
    box.showModal();
  });
}
