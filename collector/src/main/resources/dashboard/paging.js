// Lists arrive a page at a time with a cursor; "Show more" appends the next page, so what the
// page shows (and exports) is always every row fetched so far, never a silent cut.
import { el } from './ui.js';

export async function more(view, key, fetchPage, render) {
  const box = el('div', { class: 'list', id: key + '-list' });
  view.append(box);
  const rows = [];
  let last = null;
  const load = async (cursor) => {
    last = await fetchPage(cursor);
    rows.push(...last[key === 'incident' ? 'devices' : key]);
    const button = last.next
      ? el('button', { id: key + '-more', class: 'more', onclick: () => load(last.next) }, 'Show more')
      : el('p', { class: 'note', id: key + '-end' }, rows.length + ' shown: that is all.');
    box.replaceChildren(...render(rows, last).flat(), button);
  };
  await load(null);
}
