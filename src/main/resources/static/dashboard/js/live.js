// The group's messages over STOMP, newest at the bottom. Resumes after a dropped connection with
// resume-after-seq (deduplicated by seq); moderators recall any message in one click.
import { Client } from '/dashboard/vendor/stomp__stompjs/7.2.1/esm6/index.js';
import * as api from './api.js';
import * as session from './session.js';
import { h, clear, outcome, act, time } from './dom.js';

const BACKLOG = 50;

export async function liveFeed(body, group, { onLeave }) {
  const state = h('p', { class: 'connection', role: 'status', id: 'live-state' }, 'Connecting…');
  const list = h('ol', { class: 'feed', id: 'live-feed', 'aria-label': 'Live messages', 'aria-live': 'polite' });
  const out = outcome();
  clear(body, state, out, list);
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
    return h('li', { class: message.deleted ? 'message deleted' : 'message', 'data-seq': message.seq },
      h('span', { class: 'seq' }, `#${message.seq}`),
      h('span', { class: 'sender' }, message.senderId),
      h('span', { class: 'text' }, message.deleted ? 'Message recalled' : (message.text || `(${message.type})`)),
      h('time', { datetime: message.createdAt }, time(message.createdAt)),
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
  client.activate();
  onLeave(() => client.deactivate());
}
