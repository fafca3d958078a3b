// All group settings, the keyword filter and invite links (a paused one can be resumed; the list
// reloads when raid defence pauses one live); the server's validation errors appear next to the
// field they concern.
import QrCreator from '/dashboard/vendor/qr-creator/1.0.0/dist/qr-creator.es6.min.js';
import * as api from './api.js';
import { h, clear, outcome, act, field, fieldError, time, busy } from './dom.js';

const SLOW = [0, 5, 10, 30, 60, 300, 900, 3600];

function select(options, value) {
  return h('select', {}, options.map((option) => h('option', { value: option, selected: String(option) === String(value) ? true : null }, String(option))));
}

/** Puts a problem next to the field it names (errors[].field, or the detail's first word). */
function showProblem(error, controls, out) {
  Object.values(controls).forEach((control) => fieldError(control, ''));
  let placed = false;
  (error.errors || []).forEach((e) => {
    const name = String(e.field || '').split(/[.[]/)[0];
    if (controls[name]) { fieldError(controls[name], e.message); placed = true; }
  });
  const first = String(error.detail || '').split(/[\s']/)[0];
  if (!placed && controls[first]) { fieldError(controls[first], error.detail); placed = true; }
  if (!placed) {
    const pattern = String(error.detail || '').match(/^pattern '/) ? controls.patterns : null;
    if (pattern) { fieldError(pattern, error.detail); placed = true; }
  }
  out.fail(error);
}

/** The member list setting: automatic (null), or hidden/visible as set. */
function memberListSelect(group) {
  const current = group.hiddenMembersSource === 'SETTING' ? (group.hiddenMembers ? 'HIDDEN' : 'VISIBLE') : 'AUTOMATIC';
  const options = [['AUTOMATIC', `Automatic (now ${group.hiddenMembers ? 'hidden' : 'visible'})`],
    ['HIDDEN', 'Hidden from members'], ['VISIBLE', 'Visible to members']];
  return h('select', {}, options.map(([value, label]) => h('option', { value, selected: value === current ? true : null }, label)));
}

function groupForm(group, { refreshTitle }) {
  const out = outcome();
  const c = {
    name: h('input', { type: 'text', value: group.name, maxlength: 100, required: true }),
    description: h('textarea', { rows: 2, maxlength: 1000 }),
    joinPolicy: select(['OPEN', 'APPROVAL', 'INVITE_ONLY'], group.joinPolicy),
    postPolicy: select(['EVERYONE', 'ADMINS'], group.postPolicy),
    slowModeSeconds: select(SLOW, group.slowModeSeconds),
    memberLimit: h('input', { type: 'number', min: 2, value: group.memberLimit }),
    minFanLevel: h('input', { type: 'number', min: 0, value: group.minFanLevel }),
    visibility: select(['PRIVATE', 'PUBLIC'], group.visibility),
    retentionDays: h('input', { type: 'number', min: 1, max: 3650, value: group.retentionDays ?? '' }),
    hiddenMembers: memberListSelect(group),
  };
  c.description.value = group.description || '';
  const save = h('button', { type: 'submit' }, 'Save settings');
  const form = h('form', { class: 'card', 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, 'Group settings'),
    field('Name', c.name), field('Description', c.description), field('Join policy', c.joinPolicy),
    field('Who may post', c.postPolicy, 'ADMINS makes the group an announcement channel.'),
    field('Slow mode (seconds between messages)', c.slowModeSeconds), field('Member limit', c.memberLimit),
    field('Minimum fan level', c.minFanLevel), field('Visibility', c.visibility),
    field('Retention (days; empty keeps messages forever)', c.retentionDays),
    field('Member list', c.hiddenMembers, 'Hidden: members see only the owner and admins. Automatic hides it in a fan group with members aged 16-17.'),
    save, out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const updated = await api.patch(api.group(group.id), {
        name: c.name.value, description: c.description.value, joinPolicy: c.joinPolicy.value, postPolicy: c.postPolicy.value,
        slowModeSeconds: Number(c.slowModeSeconds.value), memberLimit: Number(c.memberLimit.value),
        minFanLevel: Number(c.minFanLevel.value), visibility: c.visibility.value,
        retentionDays: c.retentionDays.value === '' ? null : Number(c.retentionDays.value),
        hiddenMembers: c.hiddenMembers.value === 'AUTOMATIC' ? null : c.hiddenMembers.value === 'HIDDEN',
      });
      Object.values(c).forEach((control) => fieldError(control, ''));
      Object.assign(group, updated);
      refreshTitle(updated.name);
      out.ok('Settings saved.');
    } catch (error) {
      showProblem(error, c, out);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function filterForm(group) {
  const out = outcome();
  const c = { words: h('textarea', { rows: 3 }), patterns: h('textarea', { rows: 3 }) };
  const save = h('button', { type: 'submit' }, 'Save keyword filter');
  const form = h('form', { class: 'card', 'aria-labelledby': 'filter-title' }, h('h2', { id: 'filter-title' }, 'Keyword filter'),
    field('Blocked words (one per line)', c.words, 'Whole words, any case.'),
    field('Blocked patterns (RE2, one per line)', c.patterns), save, out);
  const lines = (el) => el.value.split('\n').map((line) => line.trim()).filter(Boolean);
  api.get(api.group(group.id) + '/keyword-filter').then((filter) => {
    c.words.value = (filter.words || []).join('\n');
    c.patterns.value = (filter.patterns || []).join('\n');
  }).catch((error) => out.fail(error));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      await api.put(api.group(group.id) + '/keyword-filter', { words: lines(c.words), patterns: lines(c.patterns) });
      Object.values(c).forEach((control) => fieldError(control, ''));
      out.ok('Keyword filter saved.');
    } catch (error) {
      showProblem(error, c, out);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function inviteState(invite) {
  const uses = `${invite.uses}${invite.maxUses ? ` of ${invite.maxUses}` : ''} uses · ${invite.members || 0} still members`;
  if (invite.paused) return `${uses} · paused by raid defence since ${time(invite.pausedAt)}`;
  if (invite.valid === false) return `${uses} · no longer valid (expired, used up or revoked)`;
  return `${uses} · ${invite.expiresAt ? `expires ${time(invite.expiresAt)}` : 'never expires'}`;
}

function inviteClass(invite) {
  if (invite.paused) return 'invite paused';
  return invite.valid === false ? 'invite dead' : 'invite';
}

function inviteItem(group, invite, reload) {
  const out = outcome();
  const copy = h('button', { type: 'button', class: 'small', 'aria-label': `Copy invite code ${invite.code}` }, 'Copy');
  copy.addEventListener('click', () => act(copy, out, () => navigator.clipboard.writeText(invite.code), 'Invite code copied.'));
  const state = h('span', { class: 'meta' }, inviteState(invite));
  const item = h('li', { class: inviteClass(invite), 'data-code': invite.code, 'data-paused': invite.paused ? 'true' : null },
    h('code', {}, invite.code), ' ', state);
  if (invite.paused) {
    const resume = h('button', { type: 'button', class: 'small', 'aria-label': `Resume invite ${invite.code}` }, 'Resume');
    resume.addEventListener('click', () => act(resume, out,
      () => api.post(api.group(group.id) + `/invites/${encodeURIComponent(invite.code)}/resume`).then((resumed) => {
        reload();
        return resumed;
      }), `Invite ${invite.code} resumed: joining with it works again. The join policy stays as it is.`));
    item.append(resume);
  }
  if (invite.valid !== false || invite.paused) {
    const revoke = h('button', { type: 'button', class: 'small danger', 'aria-label': `Revoke invite ${invite.code}` }, 'Revoke');
    revoke.addEventListener('click', () => act(revoke, out,
      () => api.del(api.group(group.id) + `/invites/${encodeURIComponent(invite.code)}`).then(() => {
        invite.valid = false;
        item.className = 'invite dead';
        state.textContent = inviteState(invite);
        item.querySelectorAll('button, .qr').forEach((el) => el.remove());
        return true;
      }), `Invite ${invite.code} revoked.`));
    const qr = h('div', { class: 'qr', role: 'img', 'aria-label': `QR code of invite ${invite.code}` });
    QrCreator.render({ text: invite.code, radius: 0, ecLevel: 'M', fill: '#111111', background: '#ffffff', size: 128 }, qr);
    item.append(copy, revoke, qr);
  }
  const fans = h('ul', { class: 'rows', 'aria-label': `Members who joined with ${invite.code}` });
  const who = h('button', { type: 'button', class: 'small', 'aria-label': `Who joined with ${invite.code}` }, 'Who joined');
  who.addEventListener('click', () => act(who, out,
    () => api.get(api.group(group.id) + `/invites/${encodeURIComponent(invite.code)}/members` + api.query({ limit: 200 })).then((page) => {
      clear(fans, page.items.length ? page.items.map((m) => h('li', { 'data-user-id': m.userId },
        h('strong', {}, m.name || m.userId), ' ', h('span', { class: 'meta' }, `${m.userId} · joined ${time(m.joinedAt)}`)))
        : h('li', {}, 'Nobody who joined with it is a member now.'));
      return page.items.length;
    }), (n) => `${n}${n === 200 ? '+' : ''} member(s) joined with ${invite.code}.`));
  item.append(who, out, fans);
  return item;
}

function invitesSection(group, onLeave) {
  const out = outcome();
  const list = h('ul', { class: 'rows', 'aria-label': 'Invite links' });
  const note = h('p', { class: 'meta', role: 'status' });
  const maxUses = h('input', { type: 'number', min: 1, max: 100000 });
  const expires = h('select', {}, [['1 hour', 3600], ['1 day', 86400], ['7 days', 604800], ['30 days', 2592000]]
    .map(([label, s]) => h('option', { value: s, selected: s === 604800 ? true : null }, label)));
  const create = h('button', { type: 'submit' }, 'Create invite');
  const form = h('form', { class: 'inline' }, field('Maximum uses (empty: unlimited)', maxUses), field('Expires after', expires), create);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(create, out, () => api.post(api.group(group.id) + '/invites', {
      maxUses: maxUses.value ? Number(maxUses.value) : undefined, expiresInSeconds: Number(expires.value),
    }).then((invite) => { list.prepend(inviteItem(group, invite, load)); note.textContent = ''; return invite; }), (invite) => `Invite ${invite.code} created.`);
  });
  const load = () => busy(list, async () => {
    const page = await api.get(api.group(group.id) + '/invites');
    clear(list, (page.items || []).map((invite) => inviteItem(group, invite, load)));
    note.textContent = list.children.length ? '' : 'No invites yet.';
  }).catch((error) => out.fail(error));
  load();
  const paused = (event) => { if (event.detail.groupId === group.id) load(); };
  document.addEventListener('groupchat:invite-paused', paused);
  onLeave(() => document.removeEventListener('groupchat:invite-paused', paused));
  return h('section', { class: 'card', 'aria-labelledby': 'invites-title' }, h('h2', { id: 'invites-title' }, 'Invite links'), form, out, note, list);
}

export async function settings(body, group, ctx) {
  clear(body, groupForm(group, ctx), filterForm(group), invitesSection(group, ctx.onLeave));
}
