import type { ChildProcess } from 'node:child_process';
import { spawnListening } from './listening-process';

export const BENCH_CREDENTIALS = { clientId: 'bench-client', clientSecret: 'bench-secret' };

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** Calls a control endpoint of the simulator (/__sim/...). */
  control(method: string, pathname: string, body?: unknown): Promise<unknown>;
  stop(): void;
}

/** `jamf-sync simulator` in its own process, so its memory and CPU are not counted in the benchmark's. */
export async function startSimulatorProcess(args: { computers: number; mobiles: number; seed?: number }): Promise<SimulatorProcess> {
  const { url, child } = await spawnListening([
    'simulator',
    '--computers', String(args.computers), '--mobiles', String(args.mobiles), '--seed', String(args.seed ?? 1), '--port', '0',
    '--client-id', BENCH_CREDENTIALS.clientId, '--client-secret', BENCH_CREDENTIALS.clientSecret,
  ]);
  const control = async (method: string, pathname: string, body?: unknown) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status}`);
    return res.status === 204 ? null : res.json();
  };
  return { url, child, control, stop: () => child.kill('SIGTERM') };
}

/** Samples this process's resident memory; `peakMb()` is the highest seen. */
export function memorySampler(intervalMs = 50) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
    reset: () => {
      peak = process.memoryUsage().rss;
    },
    stop: () => clearInterval(timer),
  };
}
