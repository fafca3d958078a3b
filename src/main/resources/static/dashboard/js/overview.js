// Every group where the caller is OWNER or ADMIN, the most urgent first (open reports, then requests).
import * as api from './api.js';
import { h, clear } from './dom.js';

const MAX_PAGES = 20;

async function myGroups() {
  const groups = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await api.get('/groups' + api.query({ limit: 200, cursor }));
    groups.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return groups;
}

async function withStats(group) {
  try {
    return { group, stats: await api.get(api.group(group.id) + '/stats?days=7') };
  } catch (error) {
    if (error.status === 403 || error.status === 404) return null;
    throw error;
  }
}

function card(group, stats) {
  const number = (label, value, key) => h('div', { class: 'number' },
    h('span', { class: 'value', 'data-stat': key }, String(value)), h('span', { class: 'label' }, label));
  return h('li', { class: 'card group-card', 'data-group-id': group.id },
    h('h2', {}, h('a', { href: `/dashboard/groups/${encodeURIComponent(group.id)}/insights`, 'data-nav': true }, group.name)),
    h('p', { class: 'meta' }, `${group.kind} · ${group.visibility} · ${group.joinPolicy}`),
    h('div', { class: 'numbers' },
      number('members', stats.memberCount, 'memberCount'),
      number('messages today', stats.messagesToday, 'messagesToday'),
      number('active (7 days)', stats.activeMembers7d, 'activeMembers7d'),
      number('open reports', stats.openReports, 'openReports'),
      number('join requests', stats.pendingJoinRequests, 'pendingJoinRequests')),
    h('p', { class: 'links' },
      stats.openReports > 0 ? h('a', { href: `/dashboard/groups/${encodeURIComponent(group.id)}/reports`, 'data-nav': true }, 'Review reports') : null,
      stats.pendingJoinRequests > 0 ? h('a', { href: `/dashboard/groups/${encodeURIComponent(group.id)}/members`, 'data-nav': true }, 'Decide join requests') : null));
}

export async function overview(main) {
  const list = h('ul', { class: 'cards', 'aria-label': 'Your groups' });
  const status = h('p', { role: 'status' }, 'Loading your groups…');
  clear(main, h('h1', {}, 'Your groups'), status, list);
  try {
    const groups = await myGroups();
    const moderated = (await Promise.all(groups.map(withStats))).filter(Boolean);
    moderated.sort((a, b) => (b.stats.openReports - a.stats.openReports)
      || (b.stats.pendingJoinRequests - a.stats.pendingJoinRequests)
      || a.group.name.localeCompare(b.group.name));
    status.textContent = moderated.length
      ? `${moderated.length} group${moderated.length === 1 ? '' : 's'} you run, the most urgent first.`
      : 'You are not the owner or an admin of any group yet.';
    moderated.forEach(({ group, stats }) => list.append(card(group, stats)));
  } catch (error) {
    if (error.status === 401) return;
    status.className = 'outcome fail';
    status.textContent = error.detail;
  }
}
