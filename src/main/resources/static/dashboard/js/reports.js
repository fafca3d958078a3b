// Open reports, each with the reported message in context (two before, two after), resolved with
// the moderation API's actions: dismiss, recall, mute or ban the sender.
import * as api from './api.js';
import { h, clear, outcome, act, time } from './dom.js';

async function context(group, seq) {
  const page = await api.get(api.group(group.id) + '/messages' + api.query({ afterSeq: Math.max(0, seq - 3), limit: 5 }));
  return page.messages.filter((m) => Math.abs(m.seq - seq) <= 2);
}

function messageLine(message, reported) {
  return h('li', { class: reported ? 'message reported' : 'message', 'data-seq': message.seq },
    h('span', { class: 'seq' }, `#${message.seq}`), h('span', { class: 'sender' }, message.senderId),
    h('span', { class: 'text' }, message.deleted ? 'Message recalled' : (message.text || `(${message.type})`)),
    reported ? h('span', { class: 'badge' }, 'reported') : null);
}

function reportCard(group, report, reload) {
  const out = outcome();
  const thread = h('ol', { class: 'feed context', 'aria-label': `Message #${report.seq} in context` });
  const reason = h('input', { type: 'text', maxlength: 500, 'aria-label': `Reason for the decision on report ${report.seq}` });
  const mute = h('select', { 'aria-label': `Mute duration for the sender of message #${report.seq}` },
    [['1 hour', 3600], ['1 day', 86400], ['1 week', 604800]].map(([label, s]) => h('option', { value: s }, label)));
  const resolve = (action, label, done) => {
    const b = h('button', { type: 'button', class: action === 'DISMISS' ? 'small' : 'small danger', 'aria-label': `${label} (report on message #${report.seq})` }, label);
    b.addEventListener('click', () => act(b, out, () => api.post(api.group(group.id) + `/reports/${report.id}/resolve`, {
      action, reason: reason.value.trim() || undefined, muteSeconds: action === 'MUTE' ? Number(mute.value) : undefined,
    }), done).then((r) => (r ? setTimeout(reload, 1200) : null)));
    return b;
  };
  context(group, report.seq).then((messages) => {
    clear(thread, messages.map((m) => messageLine(m, m.seq === report.seq)));
  }).catch((error) => out.fail(error));
  return h('li', { class: 'card report', 'data-report-id': report.id, 'data-seq': report.seq },
    h('p', {}, h('strong', {}, `Message #${report.seq} by ${report.senderId}`), ' ',
      h('span', { class: 'meta' }, `reported ${time(report.createdAt)}: `), h('q', {}, report.reason)),
    thread,
    h('div', { class: 'actions' }, reason,
      resolve('DISMISS', 'Dismiss', 'Report dismissed.'),
      resolve('RECALL', 'Recall message', `Message #${report.seq} recalled.`),
      mute, resolve('MUTE', 'Mute sender', `${report.senderId} is muted.`),
      resolve('BAN', 'Ban sender', `${report.senderId} is banned.`)),
    out);
}

export async function reports(body, group) {
  const list = h('ul', { class: 'cards', 'aria-label': 'Open reports' });
  const status = h('p', { role: 'status' }, 'Loading reports…');
  clear(body, status, list);
  async function load() {
    const page = await api.get(api.group(group.id) + '/reports' + api.query({ limit: 50 }));
    status.textContent = page.items.length ? `${page.items.length} open report(s), oldest first.` : 'No open reports.';
    clear(list, page.items.map((report) => reportCard(group, report, () => load().catch((e) => status.textContent = e.detail))));
  }
  try {
    await load();
  } catch (error) {
    status.className = 'outcome fail';
    status.textContent = error.detail;
  }
}
