// The group's messages over STOMP, newest at the bottom. Resumes after a dropped connection with
// resume-after-seq (deduplicated by seq); moderators recall or pin any message in one click. Above the
// feed: the pinned messages, the announcement first, each with how many members have read it.
import { Client } from '/dashboard/vendor/stomp__stompjs/7.2.1/esm6/index.js';
import * as api from './api.js';
import * as session from './session.js';
import { h, clear, outcome, act, time, busy } from './dom.js';

const BACKLOG = 50;

export async function liveFeed(body, group, { onLeave }) {
  const state = h('p', { class: 'connection', role: 'status', id: 'live-state' }, 'Connecting…');
  const list = h('ol', { class: 'feed', id: 'live-feed', 'aria-label': 'Live messages', 'aria-live': 'polite' });
  const out = outcome();
  const pins = h('ul', { class: 'rows', 'aria-label': 'Pinned messages' });
  const pinned = h('section', { class: 'card', 'aria-labelledby': 'pins-title' }, h('h2', { id: 'pins-title' }, 'Pinned'), pins);
  clear(body, pinned, state, out, list);
  const pinPath = (seq) => api.group(group.id) + `/pins/${seq}`;

  async function reach(seq) {
    const r = await api.get(api.group(group.id) + `/messages/${seq}/reach`);
    const share = r.memberCount ? Math.round((100 * r.readCount) / r.memberCount) : 0;
    return `read by ${r.readCount} of ${r.memberCount} (${share} %)`;
  }
  async function renderPins() {
    const page = await api.get(api.group(group.id) + '/pins');
    clear(pins, page.items.length ? null : h('li', {}, 'Nothing is pinned.'));
    for (const pin of page.items) {
      const read = h('span', { class: 'meta' });
      reach(pin.seq).then((text) => { read.textContent = text; }).catch(() => { read.textContent = ''; });
      const unpin = h('button', { type: 'button', class: 'small', 'aria-label': `Unpin message #${pin.seq}` }, 'Unpin');
      unpin.addEventListener('click', () => act(unpin, out, () => api.del(pinPath(pin.seq)).then(loadPins), `Message #${pin.seq} unpinned.`));
      const announce = h('button', { type: 'button', class: 'small', 'aria-label': `Make message #${pin.seq} the announcement` }, 'Make announcement');
      announce.addEventListener('click', () => act(announce, out,
        () => api.put(pinPath(pin.seq), { announcement: true, until: pin.until || undefined }).then(loadPins), `Message #${pin.seq} is the announcement.`));
      pins.append(h('li', { class: 'pin', 'data-seq': pin.seq },
        pin.announcement ? h('span', { class: 'badge' }, 'Announcement') : null, ' ',
        h('span', { class: 'text' }, pin.message && pin.message.text ? pin.message.text : `#${pin.seq}`), ' ', read,
        h('div', { class: 'actions' }, pin.announcement ? null : announce, unpin)));
    }
  }
  const loadPins = () => busy(pins, renderPins).catch((error) => out.fail(error));
  const rows = new Map();
  let lastSeq = Math.max(0, group.lastSeq - BACKLOG);

  function render(message) {
    const recall = h('button', {
      type: 'button', class: 'danger small', 'aria-label': `Recall message #${message.seq}`,
      disabled: message.deleted ? true : null,
    }, 'Recall');
    recall.addEventListener('click', () => act(recall, out,
      () => api.del(api.group(group.id) + `/messages/${message.seq}`).then((tombstone) => show(tombstone || { ...message, deleted: true })),
      `Message #${message.seq} recalled.`));
    const pin = h('button', { type: 'button', class: 'small', 'aria-label': `Pin message #${message.seq}` }, 'Pin');
    pin.addEventListener('click', () => act(pin, out, () => api.put(pinPath(message.seq), {}).then(loadPins), `Message #${message.seq} pinned.`));
    return h('li', { class: message.deleted ? 'message deleted' : 'message', 'data-seq': message.seq },
      h('span', { class: 'seq' }, `#${message.seq}`),
      h('span', { class: 'sender' }, message.senderId),
      h('span', { class: 'text' }, message.deleted ? 'Message recalled' : (message.text || `(${message.type})`)),
      h('time', { datetime: message.createdAt }, time(message.createdAt)),
      message.type === 'SYSTEM' || message.deleted ? null : pin,
      message.type === 'SYSTEM' ? null : recall);
  }

  function show(message) {
    if (!message || message.groupId !== group.id) return;
    const row = render(message);
    const existing = rows.get(message.seq);
    if (existing) {
      existing.replaceWith(row);
    } else {
      const after = [...rows.keys()].filter((seq) => seq > message.seq).sort((a, b) => a - b)[0];
      if (after === undefined) list.append(row); else list.insertBefore(row, rows.get(after));
    }
    rows.set(message.seq, row);
    lastSeq = Math.max(lastSeq, message.seq);
    if (!existing) row.scrollIntoView({ block: 'nearest' });
  }

  async function resync() {
    const page = await api.get(api.group(group.id) + '/messages' + api.query({ limit: BACKLOG }));
    page.messages.forEach(show);
  }

  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new Client({
    brokerURL: `${scheme}://${window.location.host}/ws`,
    reconnectDelay: 2000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    beforeConnect: () => {
      const token = session.token();
      if (!token) {
        client.deactivate();
        return;
      }
      client.connectHeaders = { Authorization: `Bearer ${token}` };
    },
  });
  client.onConnect = () => {
    state.textContent = 'Live';
    state.className = 'connection live';
    client.subscribe(`/topic/group.${group.id}`, (frame) => {
      const event = JSON.parse(frame.body);
      if (event.type === 'resync.required') resync().catch((error) => out.fail(error));
      else if (event.type === 'pin.changed') loadPins();
      else if (event.type && event.type.startsWith('message.')) show(event.message || event);
    }, { 'resume-after-seq': String(lastSeq) });
  };
  client.onWebSocketClose = () => {
    state.textContent = 'Connection lost; reconnecting and catching up…';
    state.className = 'connection lost';
  };
  client.onStompError = (frame) => {
    state.textContent = `The server refused the live feed: ${frame.body || frame.headers.message}`;
    state.className = 'connection lost';
  };
  loadPins();
  client.activate();
  onLeave(() => client.deactivate());
}
