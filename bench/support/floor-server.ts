/**
 * The webhook benchmark's yardstick: an HTTP server in a process of its own that reads each body and
 * answers 202 at once, storing nothing. The same sender and schedule against it show what the
 * machine, the sender and loopback cost by themselves (on a shared 2-core VM, p99s from under 1 ms
 * to tens of ms have been seen), so a burst's figures can be read against that floor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { listeningUrl } from './listening-process';

export interface FloorServer {
  url: string;
  stop(): void;
}

export async function startFloorServer(): Promise<FloorServer> {
  const child: ChildProcess = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), __filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return { url: await listeningUrl(child, 'floor server'), stop: () => child.kill() };
}

function serve(): void {
  const answer = JSON.stringify({ accepted: true, id: null, duplicate: false });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  });
}

if (require.main === module && process.argv.includes('--serve')) serve();
