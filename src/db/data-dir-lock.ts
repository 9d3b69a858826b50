import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Who holds a data folder, as written in its lock file. The embedded database may be opened by one
 * process at a time (two would corrupt it), and that process may run in another container sharing
 * the folder as a volume, where its pid means nothing: so the holder proves it is alive by
 * rewriting `heartbeat` every few seconds, and a lock whose heartbeat stops moving is stale.
 */
export interface DataDirHolder {
  /** Random, per process: tells this holder from a later one with the same pid. */
  owner: string;
  role: 'serve' | 'command';
  pid: number;
  host: string;
  /** The kernel's boot id: equal for every container of one machine, so a socket probe or pid means something. */
  bootId: string | null;
  /** The pid namespace (Linux): equal only for processes that see each other's pids. */
  pidNamespace: string | null;
  startedAt: string;
  heartbeatAt: string;
  heartbeat: number;
  /** Unix socket where a holder that is `serve` shares the database (see embedded-socket/). */
  socket: string | null;
}

export interface DataDirLock {
  readonly holder: DataDirHolder;
  /** Records (or clears) where this holder shares the database; resolves once the lock file says so. */
  publishSocket(socketPath: string | null): Promise<void>;
  release(): Promise<void>;
}

export interface DataDirLockOptions {
  role: DataDirHolder['role'];
  /** How often the holder rewrites its heartbeat. */
  heartbeatMs?: number;
  /** A holder whose heartbeat has not moved for this long is gone. */
  staleAfterMs?: number;
  /** Told when the holder can only be judged by watching its heartbeat (another machine or container). */
  onWatching?: (holder: DataDirHolder, forMs: number) => void;
  /** Told if the lock file stops naming this process while it holds it (someone judged it stale). */
  onLost?: (by: DataDirHolder | null) => void;
}

export const LOCK_FILE = 'jamf-sync.lock';
export const DEFAULT_HEARTBEAT_MS = 5_000;
/** Long enough for a heartbeat delayed by a busy event loop (a large sync batch) or a slow volume. */
export const DEFAULT_STALE_AFTER_MS = 30_000;
const WATCH_POLL_MS = 200;

/** The data folder is held by a live process. */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'DataDirLockedError';
  }
}

/** Locks of this process, by owner id: the same pid in the same namespace is this process only for these. */
const heldHere = new Set<string>();

/**
 * Takes the data folder's lock, or throws DataDirLockedError naming the live holder. A holder
 * that is gone is replaced: at once when that can be told (its pid on this machine, or its socket
 * refusing on this kernel), otherwise after its heartbeat has not moved for `staleAfterMs`.
 */
export async function acquireDataDirLock(dataDir: string, options: DataDirLockOptions): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  for (let attempt = 0; attempt < 5; attempt++) {
    const holder = newHolder(options.role);
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      return startHolding(file, holder, options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readHolder(file);
    if (!current) continue; // released meanwhile, or written by something else than a holder: try again
    const verdict = await judgeHolder(current, file, staleAfterMs, options.onWatching);
    if (verdict === 'alive') throw new DataDirLockedError(path.resolve(dataDir), current);
    if (verdict === 'dead') removeIfStill(file, current.owner);
  }
  throw new Error(`could not lock ${path.resolve(dataDir)}: its lock file keeps changing hands`);
}

/** The holder named in the lock file, or null (no lock, or not one of ours). */
export function readHolder(file: string): DataDirHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DataDirHolder>;
    return typeof parsed.owner === 'string' && typeof parsed.heartbeat === 'number' ? (parsed as DataDirHolder) : null;
  } catch {
    return null;
  }
}

type Verdict = 'alive' | 'dead' | 'changed';

/** Whether the holder in the lock file is alive, with the strongest evidence this process can get. */
async function judgeHolder(
  holder: DataDirHolder,
  file: string,
  staleAfterMs: number,
  onWatching: DataDirLockOptions['onWatching'],
): Promise<Verdict> {
  const here = machineIdentity();
  const sameKernel = holder.bootId !== null && holder.bootId === here.bootId;
  if (sameKernel && holder.pidNamespace !== null && holder.pidNamespace === here.pidNamespace) {
    if (holder.pid === process.pid) return heldHere.has(holder.owner) ? 'alive' : 'dead';
    if (!isAlive(holder.pid)) return 'dead';
    if (!holder.socket) return 'alive';
  }
  // On this kernel (another container on the same volume) a socket answers if and only if its
  // process lives; a socket outside the data folder may simply not be visible here, so it proves nothing.
  if (sameKernel && holder.socket && isInside(holder.socket, path.dirname(file))) {
    return (await socketAnswers(holder.socket)) ? 'alive' : 'dead';
  }
  onWatching?.(holder, staleAfterMs);
  return watchHeartbeat(holder, file, staleAfterMs);
}

/** Alive if the heartbeat moves within `staleAfterMs`; a lock that changed hands or vanished is judged again. */
async function watchHeartbeat(holder: DataDirHolder, file: string, staleAfterMs: number): Promise<Verdict> {
  const until = Date.now() + staleAfterMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, WATCH_POLL_MS));
    const now = readHolder(file);
    if (!now || now.owner !== holder.owner) return 'changed';
    if (now.heartbeat !== holder.heartbeat) return 'alive';
  }
  return 'dead';
}

/**
 * The heartbeat runs on a thread of its own: the embedded database runs on the main thread, where
 * initdb or a large statement blocks the event loop for seconds (initdb measured at 30 s on a
 * loaded machine), long enough for a watcher on another machine to judge the holder gone.
 * Plain JavaScript, so it needs no TypeScript loader.
 */
const HEARTBEAT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { file, intervalMs } = workerData;
const holder = workerData.holder;
const tmp = file + '.' + holder.owner + '.tmp';
const write = () => { fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 }); fs.renameSync(tmp, file); };
const current = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; } };
const timer = setInterval(() => {
  const now = current();
  if (!now || now.owner !== holder.owner) { clearInterval(timer); parentPort.postMessage({ type: 'lost', by: now }); return; }
  holder.heartbeat += 1;
  holder.heartbeatAt = new Date().toISOString();
  try { write(); } catch { /* a full or briefly unavailable volume: the next beat tries again */ }
}, intervalMs);
parentPort.on('message', (m) => {
  holder.socket = m.socket;
  try { write(); parentPort.postMessage({ type: 'written', id: m.id }); }
  catch (e) { parentPort.postMessage({ type: 'written', id: m.id, error: String(e && e.message) }); }
});
`;

function startHolding(file: string, holder: DataDirHolder, options: DataDirLockOptions): DataDirLock {
  heldHere.add(holder.owner);
  const thread = new Worker(HEARTBEAT_THREAD, { eval: true, workerData: { file, holder, intervalMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS } });
  thread.unref();
  const writes = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let lastWrite = 0;
  thread.on('message', (message: { type: 'lost'; by: DataDirHolder | null } | { type: 'written'; id: number; error?: string }) => {
    if (message.type === 'lost') return options.onLost?.(message.by);
    const write = writes.get(message.id);
    writes.delete(message.id);
    if (message.error) write?.reject(new Error(`could not update the lock file ${file}: ${message.error}`));
    else write?.resolve();
  });
  let released: Promise<void> | undefined;
  return {
    holder,
    publishSocket: (socketPath) =>
      new Promise<void>((resolve, reject) => {
        holder.socket = socketPath;
        const id = ++lastWrite;
        writes.set(id, { resolve, reject });
        thread.postMessage({ id, socket: socketPath });
      }),
    release: () =>
      (released ??= (async () => {
        // Stopped first: a beat written after the removal would bring the lock back.
        await thread.terminate();
        heldHere.delete(holder.owner);
        removeIfStill(file, holder.owner);
      })()),
  };
}

/**
 * Removes the lock file only if it still names `owner`. Moved aside first, then checked: a holder
 * that took the lock in between gets its file back (linked, so a lock created since is not
 * overwritten; then that holder's next heartbeat finds it lost the race).
 */
function removeIfStill(file: string, owner: string): void {
  const aside = `${file}.${crypto.randomUUID()}.removed`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // already gone
  }
  try {
    if (readHolder(aside)?.owner !== owner) fs.linkSync(aside, file);
  } catch {
    // EEXIST: a new holder took the folder meanwhile; the one moved aside finds out at its next heartbeat.
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function newHolder(role: DataDirHolder['role']): DataDirHolder {
  const now = new Date().toISOString();
  const { bootId, pidNamespace } = machineIdentity();
  return {
    owner: crypto.randomUUID(),
    role,
    pid: process.pid,
    host: os.hostname(),
    bootId,
    pidNamespace,
    startedAt: now,
    heartbeatAt: now,
    heartbeat: 0,
    socket: null,
  };
}

let identity: { bootId: string | null; pidNamespace: string | null } | undefined;

function machineIdentity(): { bootId: string | null; pidNamespace: string | null } {
  if (identity) return identity;
  const read = (fn: () => string) => {
    try {
      return fn().trim() || null;
    } catch {
      return null; // not Linux: only the heartbeat tells
    }
  };
  identity = {
    bootId: read(() => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    pidNamespace: read(() => fs.readlinkSync('/proc/self/ns/pid')),
  };
  return identity;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Connects and hangs up. A refused or missing socket: nobody listens. Other errors (EACCES): somebody does. */
function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'ECONNREFUSED' && err.code !== 'ENOENT'));
  });
}

function describeHolder(dataDir: string, holder: DataDirHolder): string {
  const who = holder.role === 'serve' ? 'a running jamf-sync serve' : 'another jamf-sync command';
  const where = holder.bootId === machineIdentity().bootId && holder.pidNamespace === machineIdentity().pidNamespace ? `process ${holder.pid}` : `process ${holder.pid} on host ${holder.host}`;
  const advice =
    holder.role !== 'serve'
      ? 'wait for it to finish'
      : holder.bootId !== machineIdentity().bootId
        ? 'run commands where it runs (e.g. docker exec <its container> npx jamf-sync …), or stop it first'
        : holder.socket
          ? 'stop it first'
          : // Commands reach a serve through its socket, published once it has started.
            'try again once it is listening (commands work beside it then), or stop it first';
  return `the embedded database in ${dataDir} is in use by ${who} (${where}, since ${holder.startedAt}); ${advice}, or set DATABASE_URL to share a PostgreSQL server between processes`;
}
