/**
 * The benchmark's webhook sender, run in a process of its own as Jamf is a separate machine.
 * Open loop: each webhook leaves at its scheduled time whether or not earlier ones were answered.
 *
 * It speaks HTTP/1.1 over plain keep-alive sockets with every request built before the clock
 * starts, rather than through `http.request`: on a 2-core machine the load generator shares the
 * cores with the service it measures, and Node's HTTP client cost ~20 % of a core at 500/s and
 * added its own event-loop delay to every latency it measured. What remains of the sender's delay
 * is shown beside the figures (`loopDelayP99Ms`).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Outgoing {
  body: string;
  contentType: string;
}
export interface SenderInput {
  url: string;
  authorization: string;
  rate: number;
  webhooks: Outgoing[];
}
interface SentResult {
  sentAt: number;
  ackMs: number;
  /** 0 when the connection failed or closed before an answer. */
  status: number;
  id: number | null;
}
export interface SenderOutput {
  sendSeconds: number;
  cpuMs: number;
  loopDelayP99Ms: number;
  results: SentResult[];
}

/** Sends `input.webhooks` from a child process (this module run with `--sender`) and returns what it saw. */
export function sendFromChildProcess(input: SenderInput): Promise<SenderOutput> {
  const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), __filename, '--sender'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stdin.end(JSON.stringify(input));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as SenderOutput) : reject(new Error(`sender exited with ${code}`))));
  });
}

/** Connections opened before the clock starts, as a sender that has been running keeps them. */
const WARM_CONNECTIONS = 8;
/** At most this many requests in flight (as Node's agent was set before); later ones wait, and the wait counts. */
const MAX_CONNECTIONS = 32;

async function runSender(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SenderInput;
  const target = new URL(input.url);
  const requests = input.webhooks.map(({ body, contentType }) =>
    Buffer.from(
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: ${contentType}\r\n` +
        `Authorization: ${input.authorization}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ),
  );
  const results: SentResult[] = new Array(requests.length);
  const idle: Connection[] = [];
  const open = new Set<Connection>();
  /** A request by its index, with the time it was due. */
  type Job = { i: number; sentAt: number; t0: number };
  /** Requests due while every connection was busy, in order. */
  const waiting: Job[] = [];
  const inFlight: Array<Promise<void>> = [];
  const dispatch = (connection: Connection, job: Job) => {
    inFlight.push(
      connection.exchange(requests[job.i]).then(({ status, body }) => {
        results[job.i] = { sentAt: job.sentAt, ackMs: performance.now() - job.t0, status, id: answeredId(body) };
      }),
    );
  };
  const connect = () => {
    const connection = new Connection(Number(target.port), target.hostname, (c) => {
      if (!c.reusable) open.delete(c);
      const next = waiting.shift();
      if (!next) {
        if (c.reusable) idle.push(c);
        return;
      }
      dispatch(c.reusable ? c : connect(), next);
    });
    open.add(connection);
    return connection;
  };
  await Promise.all(Array.from({ length: WARM_CONNECTIONS }, () => connect().ready).map((ready) => ready.catch(() => undefined)));
  for (const c of open) if (c.reusable) idle.push(c);

  const send = (i: number) => {
    const job: Job = { i, sentAt: Date.now(), t0: performance.now() };
    let connection = idle.pop();
    while (connection && !connection.reusable) connection = idle.pop(); // closed while idle
    if (connection) dispatch(connection, job);
    else if (open.size < MAX_CONNECTIONS) dispatch(connect(), job);
    else waiting.push(job);
  };
  const interval = 1000 / input.rate;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < requests.length; ) {
    const now = performance.now();
    while (i < requests.length && start + i * interval <= now) send(i++);
    const next = start + i * interval - performance.now();
    if (next > 0) await new Promise((r) => setTimeout(r, next));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  // Waiting requests are dispatched as connections free up, adding to inFlight meanwhile.
  while (results.filter(Boolean).length < requests.length) await Promise.all(inFlight);
  const cpu = process.cpuUsage(cpu0);
  loopDelay.disable();
  for (const c of open) c.close();
  const output: SenderOutput = { sendSeconds, cpuMs: (cpu.user + cpu.system) / 1000, loopDelayP99Ms: loopDelay.percentile(99) / 1e6, results };
  process.stdout.write(JSON.stringify(output));
}

function answeredId(body: string): number | null {
  try {
    return (JSON.parse(body) as { id?: number }).id ?? null;
  } catch {
    return null;
  }
}

/**
 * One keep-alive connection, one request at a time. Reads a response by its Content-Length (the
 * service always sends one); a `Connection: close` answer, an error or a close ends its reuse.
 */
class Connection {
  readonly ready: Promise<void>;
  reusable = true;
  private readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: { status: number; body: string }) => void } | undefined;

  constructor(port: number, host: string, private readonly onFree: (c: Connection) => void) {
    this.socket = net.connect({ port, host, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.ready.catch(() => undefined); // a failed connection answers its request with status 0
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => this.fail());
    this.socket.on('close', () => this.fail());
  }

  exchange(request: Buffer): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      this.pending = { resolve };
      this.socket.write(request);
    });
  }

  close(): void {
    this.reusable = false;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffered.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffered.length < headEnd + 4 + length) return;
    const body = this.buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    this.buffered = Buffer.alloc(0);
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status: Number(head.slice(9, 12)), body });
    this.onFree(this);
  }

  private fail(): void {
    const wasReusable = this.reusable;
    this.reusable = false;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status: 0, body: '' });
    if (wasReusable) this.onFree(this);
  }
}

if (require.main === module && process.argv.includes('--sender')) {
  runSender().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
