// Bare WebSocket broadcast server: the fan-out peer of the groupchat benchmark.
// No protocol, no storage, no checks: every text a client sends goes to every connected client.
// Usage: node broadcast.js [port]   (listens on 127.0.0.1 only)
'use strict';
const { WebSocketServer, WebSocket } = require('ws');
const port = Number(process.argv[2] || 8090);
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
