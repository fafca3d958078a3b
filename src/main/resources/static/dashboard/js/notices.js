// The signed-in user's own live events (/user/queue/events) that need a creator's attention, shown
// as alerts above every screen: today raid defence pausing an invite. A screen that shows what the
// event changed listens on document for 'groupchat:invite-paused' and reloads.
import * as session from './session.js';
import { h } from './dom.js';

const STOMP = '/dashboard/vendor/stomp__stompjs/7.2.1/esm6/index.js';

let client = null;
let starting = null; // the STOMP client's module is loading (after the screen, not before it)

function pausedText(event) {
  const policy = event.joinPolicy === 'APPROVAL' ? ' — the group now needs approval' : '';
  return `Invite ${event.code} paused: ${event.joins} joins in ${event.windowSeconds} s${policy}`;
}

function showPaused(event) {
  const area = document.getElementById('notices');
  const dismiss = h('button', { type: 'button', class: 'small', 'aria-label': `Dismiss notice about invite ${event.code}` }, 'Dismiss');
  const notice = h('div', { class: 'notice', role: 'alert', 'data-invite-code': event.code },
    h('span', { class: 'text' }, pausedText(event)), ' ',
    h('a', { href: `/dashboard/groups/${encodeURIComponent(event.groupId)}/settings`, 'data-nav': true }, 'Review invites'),
    dismiss);
  dismiss.addEventListener('click', () => notice.remove());
  area.append(notice);
  document.dispatchEvent(new CustomEvent('groupchat:invite-paused', { detail: event }));
}

/** Connects once per signed-in page; a second call while connected does nothing. */
export function start() {
  if (client || starting) return;
  const attempt = import(STOMP).then(({ Client }) => {
    if (starting !== attempt) return; // signed out meanwhile
    starting = null;
    connect(Client);
  });
  starting = attempt;
}

function connect(Client) {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  client = new Client({
    brokerURL: `${scheme}://${window.location.host}/ws`,
    reconnectDelay: 2000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    beforeConnect: () => {
      const token = session.token();
      if (!token) {
        stop();
        return;
      }
      client.connectHeaders = { Authorization: `Bearer ${token}` };
    },
  });
  const connected = client;
  connected.onConnect = () => {
    // the receipt tells when the server has the subscription (tests wait for it)
    connected.watchForReceipt('user-events', () => { document.documentElement.dataset.userEvents = 'live'; });
    connected.subscribe('/user/queue/events', (frame) => {
      const event = JSON.parse(frame.body);
      if (event.type === 'invite.paused') showPaused(event);
    }, { receipt: 'user-events' });
  };
  connected.onWebSocketClose = () => { delete document.documentElement.dataset.userEvents; };
  connected.activate();
}

export function stop() {
  starting = null;
  if (!client) return;
  client.deactivate();
  client = null;
  delete document.documentElement.dataset.userEvents;
  const area = document.getElementById('notices');
  if (area) area.replaceChildren();
}
