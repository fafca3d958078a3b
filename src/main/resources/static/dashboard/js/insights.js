// Charts and tables from GET /groups/{id}/stats: messages and joins/leaves per day, top posters,
// peak hours, and the read share of the latest announcements.
import * as api from './api.js';
import { h, clear } from './dom.js';

function chart(container, title, series, days, data) {
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  container.append(figure);
  const width = Math.max(240, Math.min(figure.clientWidth || 600, 900) - 20);
  const xs = days.map((day) => Date.parse(day.date + 'T00:00:00Z') / 1000);
  if (!window.uPlot) {
    figure.append(h('p', {}, 'Charts could not be loaded; the numbers are in the table below.'));
    return;
  }
  const opts = {
    width, height: 200,
    scales: { x: { time: true } },
    series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, points: { show: false } }))],
    axes: [{}, { size: 50 }],
  };
  // eslint-disable-next-line new-cap
  new window.uPlot(opts, [xs, ...data], figure);
}

function table(caption, headers, rows) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((text) => h('td', {}, String(text)))))));
}

async function announcementText(groupId, seq) {
  try {
    const page = await api.get(api.group(groupId) + '/messages' + api.query({ afterSeq: seq - 1, limit: 1 }));
    const message = page.messages[0];
    return message && message.seq === seq ? (message.text || `(${message.type})`) : '';
  } catch {
    return '';
  }
}

export async function insights(body, group) {
  const status = h('p', { role: 'status' }, 'Loading insights…');
  clear(body, status);
  let stats;
  try {
    stats = await api.get(api.group(group.id) + '/stats?days=30');
  } catch (error) {
    status.className = 'outcome fail';
    status.textContent = error.detail;
    return;
  }
  status.textContent = 'The last 30 days (UTC).';
  const numbers = h('div', { class: 'numbers' },
    [['members', stats.memberCount, 'memberCount'], ['messages today', stats.messagesToday, 'messagesToday'],
      ['active (7 days)', stats.activeMembers7d, 'activeMembers7d'], ['open reports', stats.openReports, 'openReports'],
      ['join requests', stats.pendingJoinRequests, 'pendingJoinRequests']]
      .map(([label, value, key]) => h('div', { class: 'number' },
        h('span', { class: 'value', 'data-stat': key }, String(value)), h('span', { class: 'label' }, label))));
  const charts = h('div', { class: 'charts' });
  body.append(numbers, charts);
  chart(charts, 'Messages per day', [['messages', '#2f6fde']], stats.days, [stats.days.map((d) => d.messages)]);
  chart(charts, 'Joins and leaves per day', [['joins', '#1b8a4b'], ['leaves', '#c0392b']], stats.days,
    [stats.days.map((d) => d.joins), stats.days.map((d) => d.leaves)]);
  const peak = Math.max(1, ...stats.peakHours.map((p) => p.messages));
  body.append(h('figure', { class: 'hours' }, h('figcaption', {}, 'Messages by hour of day (UTC)'),
    h('ol', { class: 'hour-bars' }, stats.peakHours.map((p) => {
      const bar = h('span', { class: 'bar' });
      bar.style.height = `${Math.round((p.messages / peak) * 100)}%`;
      return h('li', { title: `${p.hour}:00 – ${p.messages} messages`, 'aria-label': `${p.hour}:00 UTC: ${p.messages} messages` },
        bar, h('span', { class: 'hour' }, String(p.hour)));
    }))));
  body.append(table('Top posters', ['Member', 'Messages'],
    stats.topPosters.map((p) => [p.name ? `${p.name} (${p.userId})` : p.userId, p.messages])));
  const texts = await Promise.all(stats.announcements.map((a) => announcementText(group.id, a.seq)));
  body.append(table('Latest announcements (messages by the owner and admins)', ['#', 'Message', 'Read by'],
    stats.announcements.map((a, i) => [a.seq, texts[i],
      `${a.readCount} of ${a.memberCount} (${a.memberCount ? Math.round((100 * a.readCount) / a.memberCount) : 0}%)`])));
  body.append(table('Per day', ['Date', 'Messages', 'Joins', 'Leaves'],
    stats.days.slice().reverse().map((d) => [d.date, d.messages, d.joins, d.leaves])));
}
