// Members: search by name or user id prefix, cursor paging, promote/demote, mute, kick, ban with a
// reason, newcomers on probation marked with its end; the ban list with lifting a ban; and the join
// requests, decided one by one or all selected at once.
import * as api from './api.js';
import * as session from './session.js';
import { h, clear, outcome, act, time, field, busy } from './dom.js';

const MUTES = [['1 hour', 3600], ['1 day', 86400], ['1 week', 604800]];
const PAGE = 50;

async function myRole(group) {
  const me = session.user();
  const page = await api.get(api.group(group.id) + '/members' + api.query({ q: me.id, limit: 200 }));
  const mine = page.items.find((m) => m.userId === me.id);
  return mine ? mine.role : null;
}

function memberRow(group, member, role, out, reload, list) {
  const base = api.group(group.id) + `/members/${encodeURIComponent(member.userId)}`;
  const button = (label, aria, action, success, cls) => {
    const b = h('button', { type: 'button', class: cls || 'small', 'aria-label': `${aria} ${member.userId}` }, label);
    b.addEventListener('click', () => act(b, out, action, success).then((r) => (r !== undefined ? reload() : null)));
    return b;
  };
  const actions = h('div', { class: 'actions' });
  if (role === 'OWNER' && member.role === 'MEMBER') {
    actions.append(button('Make admin', 'Make admin', () => api.patch(base, { role: 'ADMIN' }), `${member.userId} is now an admin.`));
  }
  if (role === 'OWNER' && member.role === 'ADMIN') {
    actions.append(button('Remove admin', 'Remove admin role of', () => api.patch(base, { role: 'MEMBER' }), `${member.userId} is a member again.`));
  }
  if (member.role !== 'OWNER') {
    const duration = h('select', { 'aria-label': `Mute duration for ${member.userId}` },
      MUTES.map(([label, seconds]) => h('option', { value: seconds }, label)));
    actions.append(duration, button('Mute', 'Mute', () => api.patch(base, {
      mutedUntil: new Date(Date.now() + Number(duration.value) * 1000).toISOString(),
    }), `${member.userId} is muted.`));
    if (member.mutedUntil && Date.parse(member.mutedUntil) > Date.now()) {
      actions.append(button('Unmute', 'Unmute', () => api.patch(base, { mutedUntil: null }), `${member.userId} may post again.`));
    }
    actions.append(button('Kick', 'Kick', () => api.del(base), `${member.userId} was removed.`, 'small danger'));
    const reason = h('input', { type: 'text', maxlength: 500, 'aria-label': `Ban reason for ${member.userId}`, placeholder: 'reason' });
    actions.append(reason, button('Ban', 'Ban', () => api.post(api.group(group.id) + '/bans',
      { userId: member.userId, reason: reason.value.trim() || undefined }).then((ban) => {
      list.dispatchEvent(new Event('banned'));
      return ban;
    }), `${member.userId} is banned.`, 'small danger'));
  }
  return h('li', { class: 'member', 'data-user-id': member.userId },
    h('div', { class: 'who' }, h('strong', {}, member.name || member.userId), ' ',
      h('span', { class: 'meta' }, `${member.userId} · ${member.role} · joined ${time(member.joinedAt)}`),
      member.mutedUntil && Date.parse(member.mutedUntil) > Date.now() ? h('span', { class: 'badge' }, `muted until ${time(member.mutedUntil)}`) : null,
      member.probationUntil && Date.parse(member.probationUntil) > Date.now()
        ? h('span', { class: 'badge probation' }, `on probation until ${time(member.probationUntil)}`) : null),
    actions);
}

function requestsSection(group, refreshMembers) {
  const out = outcome();
  const list = h('ul', { class: 'rows', 'aria-label': 'Join requests' });
  const section = h('section', { class: 'card', 'aria-labelledby': 'requests-title' },
    h('h2', { id: 'requests-title' }, 'Join requests'), out);
  const selectAll = h('input', { type: 'checkbox', id: 'requests-all' });
  const approveSelected = h('button', { type: 'button' }, 'Approve selected');
  const rejectSelected = h('button', { type: 'button', class: 'danger' }, 'Reject selected');
  section.append(h('div', { class: 'actions' }, h('label', { for: 'requests-all' }, selectAll, ' Select all'), approveSelected, rejectSelected), list);

  async function decide(userIds, verb) {
    const results = await Promise.allSettled(userIds.map((id) =>
      api.post(api.group(group.id) + `/join-requests/${encodeURIComponent(id)}/${verb}`)));
    const failed = results.map((r, i) => [r, userIds[i]]).filter(([r]) => r.status === 'rejected');
    await load();
    refreshMembers();
    if (failed.length) {
      throw new Error(failed.map(([r, id]) => `${id}: ${r.reason.detail || r.reason.message}`).join('; '));
    }
    return userIds.length;
  }

  const load = () => busy(list, () => render());
  async function render() {
    const page = await api.get(api.group(group.id) + '/join-requests' + api.query({ limit: 200 }));
    clear(list);
    selectAll.checked = false;
    if (!page.items.length) list.append(h('li', {}, 'No pending requests.'));
    page.items.forEach((request) => {
      const box = h('input', { type: 'checkbox', value: request.userId, 'aria-label': `Select request of ${request.userId}` });
      const approve = h('button', { type: 'button', class: 'small', 'aria-label': `Approve ${request.userId}` }, 'Approve');
      const reject = h('button', { type: 'button', class: 'small danger', 'aria-label': `Reject ${request.userId}` }, 'Reject');
      approve.addEventListener('click', () => act(approve, out, () => decide([request.userId], 'approve'), `${request.userId} joined the group.`));
      reject.addEventListener('click', () => act(reject, out, () => decide([request.userId], 'reject'), `Request of ${request.userId} rejected.`));
      list.append(h('li', { class: 'member', 'data-user-id': request.userId },
        box, h('span', { class: 'who' }, request.name || request.userId, ' ', h('span', { class: 'meta' }, `${request.userId} · asked ${time(request.requestedAt)}`)),
        h('div', { class: 'actions' }, approve, reject)));
    });
  }
  const selected = () => [...list.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
  selectAll.addEventListener('change', () => list.querySelectorAll('input[type=checkbox]').forEach((box) => { box.checked = selectAll.checked; }));
  approveSelected.addEventListener('click', () => act(approveSelected, out, () => decide(selected(), 'approve'), (n) => `${n} request(s) approved.`));
  rejectSelected.addEventListener('click', () => act(rejectSelected, out, () => decide(selected(), 'reject'), (n) => `${n} request(s) rejected.`));
  load().catch((error) => out.fail(error));
  return section;
}

function bansSection(group) {
  const out = outcome();
  const list = h('ul', { class: 'rows', 'aria-label': 'Bans' });
  const more = h('button', { type: 'button', hidden: true }, 'More bans');
  let cursor = null;

  function lift(id, done) {
    return act(done, out, () => api.del(api.group(group.id) + `/bans/${encodeURIComponent(id)}`).then(() => {
      list.querySelectorAll(`[data-user-id="${CSS.escape(id)}"]`).forEach((el) => el.remove());
      if (!list.children.length) list.append(h('li', {}, 'Nobody is banned.'));
      return true;
    }), `The ban of ${id} is lifted.`);
  }
  const load = (reset) => busy(list, () => render(reset));
  async function render(reset) {
    const page = await api.get(api.group(group.id) + '/bans' + api.query({ limit: 50, cursor: reset ? null : cursor }));
    if (reset) clear(list);
    if (reset && !page.items.length) list.append(h('li', {}, 'Nobody is banned.'));
    page.items.forEach((ban) => {
      const button = h('button', { type: 'button', class: 'small', 'aria-label': `Lift ban of ${ban.userId}` }, 'Lift ban');
      button.addEventListener('click', () => lift(ban.userId, button));
      list.append(h('li', { class: 'member', 'data-user-id': ban.userId },
        h('div', { class: 'who' }, h('strong', {}, ban.userId), ' ',
          h('span', { class: 'meta' }, `banned ${time(ban.bannedAt)} by ${ban.bannedBy}${ban.reason ? ` · ${ban.reason}` : ''}`)),
        h('div', { class: 'actions' }, button)));
    });
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => load(false).catch((error) => out.fail(error)));

  const input = h('input', { type: 'text', maxlength: 64, autocomplete: 'off' });
  const button = h('button', { type: 'submit' }, 'Lift ban');
  const form = h('form', { class: 'inline' }, field('User id to unban', input), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) lift(id, button);
  });
  const section = h('section', { class: 'card', 'aria-labelledby': 'bans-title' }, h('h2', { id: 'bans-title' }, 'Bans'),
    out, list, more, form);
  section.reload = () => load(true).catch((error) => out.fail(error));
  section.reload();
  return section;
}

export async function members(body, group) {
  const role = await myRole(group);
  const out = outcome();
  const search = h('input', { type: 'search', maxlength: 64, autocomplete: 'off' });
  const list = h('ul', { class: 'rows', 'aria-label': 'Members' });
  const previous = h('button', { type: 'button' }, 'Previous page');
  const next = h('button', { type: 'button' }, 'Next page');
  const position = h('span', { class: 'meta', role: 'status' });
  const cursors = [null];
  let index = 0;

  const load = () => busy(list, () => render());
  async function render() {
    const page = await api.get(api.group(group.id) + '/members' + api.query({ limit: PAGE, cursor: cursors[index], q: search.value.trim() }));
    clear(list);
    if (!page.items.length) list.append(h('li', {}, 'No members match.'));
    page.items.forEach((member) => list.append(memberRow(group, member, role, out, () => load().catch((e) => out.fail(e)), list)));
    cursors[index + 1] = page.nextCursor;
    previous.disabled = index === 0;
    next.disabled = !page.nextCursor;
    position.textContent = `Page ${index + 1}`;
  }
  const reload = () => load().catch((error) => out.fail(error));
  const searchForm = h('form', { class: 'search', role: 'search' }, field('Search members by name or user id', search), h('button', { type: 'submit' }, 'Search'));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    cursors.length = 1;
    index = 0;
    reload();
  });
  previous.addEventListener('click', () => { index = Math.max(0, index - 1); reload(); });
  next.addEventListener('click', () => { if (cursors[index + 1]) { index += 1; reload(); } });
  const bans = bansSection(group);
  clear(body, requestsSection(group, reload),
    h('section', { class: 'card', 'aria-labelledby': 'members-title' }, h('h2', { id: 'members-title' }, `Members (${group.memberCount})`),
      searchForm, out, list, h('div', { class: 'actions' }, previous, position, next)),
    bans);
  list.addEventListener('banned', () => bans.reload());
  await reload();
}
