// Bare WebSocket broadcast server: the fan-out peer of the groupchat benchmark.
// No protocol, no storage, no checks: every text a client sends goes to every connected client.
// On port + 1 it also stands in for a push gateway (bench/run with BENCH_PUSH=1): POST
// /_matrix/push/v1/notify answers 200 {"rejected": []} and counts; GET /push-count answers the count.
// It is also the webhook receiver of the features scenario: POST /webhook answers 204 and counts
// (GET /webhook-count).
// (A port of its own: the JDK's HTTP client asks to upgrade to h2c, which a server that also
// accepts WebSocket upgrades would take for a failed WebSocket handshake.)
// Usage: node broadcast.js [port]   (listens on 127.0.0.1 only)
'use strict';
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');
const port = Number(process.argv[2] || 8090);
let pushes = 0;
let webhooks = 0;
const gateway = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/_matrix/push/v1/notify') {
    req.on('data', () => {});
    req.on('end', () => {
      pushes++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"rejected":[]}');
    });
  } else if (req.method === 'POST' && req.url === '/webhook') {
    req.on('data', () => {});
    req.on('end', () => {
      webhooks++;
      res.writeHead(204);
      res.end();
    });
  } else if (req.method === 'GET' && req.url === '/webhook-count') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(String(webhooks));
  } else if (req.method === 'GET' && req.url === '/push-count') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(String(pushes));
  } else {
    res.writeHead(404);
    res.end();
  }
});
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, clientTracking: true });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
  ws.on('error', () => {});
});
wss.on('listening', () => console.log(`broadcast peer listening on 127.0.0.1:${port}`));
gateway.listen(port + 1, '127.0.0.1', () => console.log(`push gateway peer listening on 127.0.0.1:${port + 1}`));
