import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
const mode = process.argv[2] ?? 'plain';
async function main() {
  let handler: http.RequestListener = (req, res) => { req.resume(); req.on('end', () => { res.statusCode = 202; res.setHeader('content-type','application/json'); res.end('{"accepted":true,"id":1,"duplicate":false}'); }); };
  if (mode === 'express') {
    const express = require('express'); const app = express();
    app.post('/webhooks/jamf/:c', express.raw({ type: () => true }), (req: any, res: any) => res.status(202).json({ accepted: true, id: 1 }));
    handler = app;
  }
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as any).port}/webhooks/jamf/default`;
  const webhooks = Array.from({ length: 5000 }, (_, i) => ({ body: JSON.stringify({ webhook: { id: i, webhookEvent: 'ComputerInventoryCompleted' }, event: { jssID: i } }), contentType: 'application/json' }));
  const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), path.resolve('bench/webhooks.ts'), '--sender'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = ''; child.stdout.on('data', (d) => (out += d));
  child.stdin.end(JSON.stringify({ url, authorization: 'Basic eDp5', rate: Number(process.argv[3] ?? 500), webhooks }));
  await new Promise((r) => child.once('exit', r));
  const r = JSON.parse(out); const ack = r.results.map((x: any) => x.ackMs).sort((a: number, b: number) => a - b);
  console.log(mode, 'p50', ack[2499].toFixed(1), 'p99', ack[4949].toFixed(1), 'max', ack[4999].toFixed(1), 'sender cpu%', (r.cpuMs / r.sendSeconds / 10).toFixed(0));
  server.close();
}
main();
