// The audit log, newest first: who did what to whom and why. A settings change says what changed
// (against the entry before it), not the whole group.
import * as api from './api.js';
import { h, clear, time } from './dom.js';

const SETTINGS = {
  name: 'name', description: 'description', ownerId: 'owner', joinPolicy: 'join policy', postPolicy: 'post policy',
  slowModeSeconds: 'slow mode', memberLimit: 'member limit', minFanLevel: 'minimum fan level',
  visibility: 'visibility', retentionDays: 'retention', hiddenMembersSource: 'member list',
};

function setting(key, value) {
  if (key === 'slowModeSeconds') return value ? `${value} s` : 'off';
  if (key === 'retentionDays') return value ? `${value} days` : 'forever';
  if (value === null || value === undefined || value === '') return '(none)';
  return String(value);
}

function settingsNow(group) {
  return 'settings now: ' + Object.keys(SETTINGS).filter((key) => key in group)
    .map((key) => `${SETTINGS[key]} ${setting(key, group[key])}`).join(' · ');
}

function settingsChange(group, before) {
  const changed = Object.keys(SETTINGS).filter((key) => key in group && JSON.stringify(group[key]) !== JSON.stringify(before[key]));
  if (!changed.length) return 'nothing visible changed';
  return changed.map((key) => `${SETTINGS[key]} ${setting(key, before[key])} → ${setting(key, group[key])}`).join(' · ');
}

export async function auditLog(body, group) {
  const list = h('ol', { class: 'rows', 'aria-label': 'Audit log' });
  const more = h('button', { type: 'button', hidden: true }, 'Older entries');
  const status = h('p', { role: 'status' }, 'Loading…');
  clear(body, status, list, more);
  let cursor = null;
  let newer = null; // the settings change whose "before" is the next older one, on this page or the next
  function details(entry) {
    if (entry.action !== 'group.settings_changed' || !entry.details) {
      return entry.details ? h('small', { class: 'meta details' }, JSON.stringify(entry.details)) : null;
    }
    const line = h('small', { class: 'meta details' }, settingsNow(entry.details));
    if (newer) newer.line.textContent = settingsChange(newer.group, entry.details);
    newer = { line, group: entry.details };
    return line;
  }
  async function load() {
    const page = await api.get(api.group(group.id) + '/audit-log' + api.query({ limit: 50, cursor }));
    page.items.forEach((entry) => list.append(h('li', { class: 'audit' },
      h('time', { datetime: entry.createdAt }, time(entry.createdAt)), ' ',
      h('strong', {}, entry.actorId ?? 'server'), ' ', h('code', {}, entry.action),
      entry.targetId ? [' → ', h('strong', {}, entry.targetId)] : null,
      entry.reason ? [' · ', h('q', {}, entry.reason)] : null,
      details(entry))));
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
