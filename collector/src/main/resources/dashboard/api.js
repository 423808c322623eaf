// The admin token lives in this tab's sessionStorage only: closing the tab forgets it, and no
// other tab, cookie or persistent storage ever holds it.
const KEY = 'daylight-admin-token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export class Unauthorized extends Error {}

/** The collector's answer as JSON; a refusal becomes an Error with the collector's own words. */
export async function api(path, options) {
  const opts = Object.assign({}, options || {});
  opts.headers = Object.assign({ Authorization: 'Bearer ' + token.get() }, opts.headers || {});
  if (opts.json !== undefined) {
    opts.method = opts.method || 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(opts.json);
    delete opts.json;
  }
  const res = await fetch(path, opts);
  if (res.status === 401) throw new Unauthorized('That token was refused.');
  let body = {};
  try { body = await res.json(); } catch (e) { /* an empty or non-JSON answer */ }
  if (!res.ok) {
    const err = new Error(body.error || res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

/** A query string from the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
