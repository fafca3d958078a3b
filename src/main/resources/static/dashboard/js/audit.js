// The audit log, newest first: who did what to whom and why.
import * as api from './api.js';
import { h, clear, time } from './dom.js';

export async function auditLog(body, group) {
  const list = h('ol', { class: 'rows', 'aria-label': 'Audit log' });
  const more = h('button', { type: 'button', hidden: true }, 'Older entries');
  const status = h('p', { role: 'status' }, 'Loading…');
  clear(body, status, list, more);
  let cursor = null;
  async function load() {
    const page = await api.get(api.group(group.id) + '/audit-log' + api.query({ limit: 50, cursor }));
    page.items.forEach((entry) => list.append(h('li', { class: 'audit' },
      h('time', { datetime: entry.createdAt }, time(entry.createdAt)), ' ',
      h('strong', {}, entry.actorId ?? 'server'), ' ', h('code', {}, entry.action),
      entry.targetId ? [' → ', h('strong', {}, entry.targetId)] : null,
      entry.reason ? [' · ', h('q', {}, entry.reason)] : null,
      entry.details ? h('small', { class: 'meta details' }, JSON.stringify(entry.details)) : null)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    status.textContent = list.children.length ? '' : 'Nothing recorded yet.';
  }
  more.addEventListener('click', () => load().catch((error) => { status.textContent = error.detail; }));
  try {
    await load();
  } catch (error) {
    status.className = 'outcome fail';
    status.textContent = error.detail;
  }
}
