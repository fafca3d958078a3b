// Short mixed load for a Prometheus scrape: REST and STOMP sends into a FAN group with live
// subscribers, plus some refused sends (validation, forbidden, slow mode). node load.js BASE SECRET SECONDS
const crypto = require('crypto');
const WebSocket = require('ws');
const [base, secret, seconds] = [process.argv[2], process.argv[3], Number(process.argv[4] || 90)];
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (sub) => {
  const h = b64({ alg: 'HS256', typ: 'JWT' }), p = b64({ sub, name: sub, exp: Math.floor(Date.now() / 1000) + 3600 });
  return `${h}.${p}.${crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
};
const api = async (user, method, path, body) => {
  const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${token(user)}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  return { status: r.status, json: await r.json().catch(() => null) };
};
const run = Date.now().toString(36);
const owner = `owner-${run}`, members = [...Array(40).keys()].map(i => `fan-${run}-${i}`);
const stomp = (user, onMessage) => new Promise((resolve) => {
  const ws = new WebSocket(base.replace('http', 'ws') + '/ws', 'v12.stomp');
  ws.on('open', () => ws.send(`CONNECT\naccept-version:1.2\nhost:x\nAuthorization:Bearer ${token(user)}\nheart-beat:0,0\n\n\0`));
  ws.on('message', (d) => { const s = d.toString(); if (s.startsWith('CONNECTED')) resolve(ws); else onMessage && onMessage(s); });
});
(async () => {
  const g = (await api(owner, 'POST', '/api/v1/groups', { name: 'load', kind: 'FAN' })).json.id;
  const slow = (await api(owner, 'POST', '/api/v1/groups', { name: 'slow', kind: 'FAN' })).json.id;
  await api(owner, 'PATCH', `/api/v1/groups/${slow}`, { slowModeSeconds: 30 });
  for (const m of members) { await api(owner, 'POST', `/api/v1/groups/${g}/members`, { userId: m }); await api(owner, 'POST', `/api/v1/groups/${slow}/members`, { userId: m }); }
  let received = 0;
  const sockets = [];
  for (const m of members) {
    const ws = await stomp(m, (s) => { if (s.includes('message.created')) received++; });
    ws.send(`SUBSCRIBE\nid:s1\ndestination:/topic/group.${g}\n\n\0`);
    ws.send(`SUBSCRIBE\nid:a1\ndestination:/user/queue/acks\n\n\0`);
    sockets.push(ws);
  }
  const end = Date.now() + seconds * 1000;
  let n = 0, refused = 0;
  while (Date.now() < end) {
    const i = n++, who = members[i % members.length];
    if (i % 2 === 0) {
      sockets[i % sockets.length].send(`SEND\ndestination:/app/group.${g}.send\ncontent-type:application/json\n\n${JSON.stringify({ clientMsgId: `s-${i}`, type: 'TEXT', text: `stomp ${i}` })}\0`);
    } else {
      const r = await api(who, 'POST', `/api/v1/groups/${g}/messages`, { clientMsgId: `r-${i}`, type: 'TEXT', text: `rest ${i}` });
      if (r.status >= 400) refused++;
    }
    if (i % 15 === 0) { await api(who, 'POST', `/api/v1/groups/${g}/messages`, { type: 'TEXT' }); refused++; }
    if (i % 10 === 0) { await api(who, 'POST', `/api/v1/groups/${slow}/messages`, { clientMsgId: `sl-${i}`, type: 'TEXT', text: 'slow' }); }
    if (i % 25 === 0) { await api(`stranger-${i}`, 'POST', `/api/v1/groups/${g}/messages`, { clientMsgId: `x-${i}`, type: 'TEXT', text: 'x' }); refused++; }
    await new Promise(r => setTimeout(r, 40 + Math.random() * 60));
  }
  await new Promise(r => setTimeout(r, 2000));
  sockets.forEach(ws => ws.close());
  console.log(JSON.stringify({ sends: n, refusedAtLeast: refused, deliveriesReceived: received }));
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
