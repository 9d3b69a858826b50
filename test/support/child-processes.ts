import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every process a test file starts goes through `startChild`, which remembers it until it is gone.
 * test/support/jest-setup.ts kills whatever is still running after each test and after the file, so
 * a test that fails or times out never leaves a process behind (an orphaned `jamf-sync` holds its
 * embedded database's lock and fails the next test too). Node children started with `startNode`
 * also end themselves if the jest worker dies first (exit-with-parent.cjs).
 *
 * Each child is the leader of a process group of its own, so the whole tree goes: `jamf-sync demo`
 * starts `jamf-sync serve`, and killing only the demo would orphan the service.
 *
 * Every wait on a child has a deadline well inside jest's timeout; when it passes, the child is
 * killed and the wait fails saying what it waited for and what the child last wrote, instead of
 * hanging until jest gives up on the whole test.
 */

/** Preload for node children: they end themselves if the jest worker dies before it could stop them. */
export const EXIT_WITH_PARENT = path.join(__dirname, 'exit-with-parent.cjs');

/** `node <script> args` as a tracked child, with the exit-with-parent preload. */
export function startNode(script: string, args: readonly string[], options: StartChildOptions = {}): RunningChild {
  return startChild(process.execPath, ['--require', EXIT_WITH_PARENT, script, ...args], options);
}

/**
 * How long one wait on a child may take by default. A CLI command takes ~2 s on an idle machine and
 * was measured at 60 s on this 2-core machine with several suites running (load average 24).
 */
export const CHILD_DEADLINE_MS = 120_000;

/** A jest timeout for a test that waits on `waits` children in turn: the deadlines fire first. */
export const timeoutForChildWaits = (waits: number, deadlineMs = CHILD_DEADLINE_MS): number => waits * deadlineMs + 30_000;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WaitOptions {
  /** Fail (and kill the child) after this long; defaults to CHILD_DEADLINE_MS. */
  timeoutMs?: number;
}

export interface RunningChild {
  readonly child: ChildProcess;
  /** For messages: the command line, e.g. `jamf-sync connections list`. */
  readonly what: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when a line of stdout or stderr matches `pattern`; fails if the child exits first or the deadline passes. */
  waitFor(pattern: RegExp, options?: WaitOptions): Promise<string>;
  /** Resolves with how the child exited; fails if it is still running when the deadline passes. */
  waitForExit(options?: WaitOptions): Promise<ChildExit>;
  /** Sends `signal` to the child (not its group: it stops its own children) and waits for its exit. */
  stop(signal?: NodeJS.Signals, options?: WaitOptions): Promise<ChildExit>;
  /** SIGKILLs the child's whole process group and waits until the child is reaped. */
  kill(): Promise<void>;
}

export interface StartChildOptions {
  /** What the child is, for messages (defaults to the command line). */
  what?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin, which is then closed (closed at once when absent). */
  input?: string;
}

const running = new Set<Tracked>();

interface Tracked {
  child: ChildProcess;
  exited: Promise<ChildExit>;
  done: boolean;
}

/** Starts `command args` in a process group of its own, with piped stdio, tracked until it exits. */
export function startChild(command: string, args: readonly string[], options: StartChildOptions = {}): RunningChild {
  const what = options.what ?? [command, ...args].join(' ');
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  let exitInfo: ChildExit | undefined;
  const tracked: Tracked = {
    child,
    done: false,
    exited: new Promise<ChildExit>((resolve) => {
      // 'close' comes after 'exit' once stdout and stderr are drained, so the output is complete.
      child.once('close', (code, signal) => {
        exitInfo = { code, signal };
        // Anything the child started and left behind in its group is an orphan nobody would stop.
        signalGroup(child, 'SIGKILL', false);
        tracked.done = true;
        running.delete(tracked);
        resolve(exitInfo);
      });
      // A command that cannot start at all (ENOENT) emits 'error' and no 'exit'; 'close' still follows.
      child.once('error', (e) => (err += `\n[spawn error] ${e.message}`));
    }),
  };
  running.add(tracked);
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  // The child may exit before reading its input: that is for the test to judge, not an uncaught error.
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(options.input);

  const output = () => `--- its stderr (tail) ---\n${tail(err)}\n--- its stdout (tail) ---\n${tail(out, 1000)}`;

  /** Settles with `check()`'s value once it gives one, or fails when the child closes or the deadline passes. */
  function waitUntil<T>(waitingFor: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let gaveUp = false;
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        outcome();
      };
      const onData = () => {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void tracked.exited.then(() => {
        if (gaveUp) return;
        const value = check();
        finish(() => (value !== undefined ? resolve(value) : reject(new Error(`${what}: exited (code ${exitInfo?.code}, signal ${exitInfo?.signal}) while the test waited for ${waitingFor}\n${output()}`))));
      });
      timer = setTimeout(() => {
        gaveUp = true;
        void killTracked(tracked).then(() =>
          finish(() => reject(new Error(`${what}: still running after ${timeoutMs / 1000} s of waiting for ${waitingFor}, so it was killed\n${output()}`))),
        );
      }, timeoutMs);
      onData();
    });
  }

  const waitForExit = (opts: WaitOptions = {}) =>
    waitUntil('it to exit', () => exitInfo, opts.timeoutMs ?? CHILD_DEADLINE_MS);

  return {
    child,
    what,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, opts = {}) =>
      waitUntil(`a line matching ${pattern}`, () => (out + err).split('\n').find((line) => pattern.test(line)), opts.timeoutMs ?? CHILD_DEADLINE_MS),
    waitForExit,
    stop: (signal = 'SIGTERM', opts = {}) => {
      if (!tracked.done) child.kill(signal);
      return waitForExit(opts);
    },
    kill: () => killTracked(tracked),
  };
}

/** SIGKILLs every child still running (and their process groups); resolves once each is reaped. */
export async function killAllChildren(): Promise<number> {
  const left = [...running];
  await Promise.all(left.map(killTracked));
  return left.length;
}

async function killTracked(t: Tracked): Promise<void> {
  signalGroup(t.child, 'SIGKILL');
  await t.exited;
  // Its own children are not ours to wait on: watch until none of the group is left.
  if (t.child.pid !== undefined) await groupGone(t.child.pid);
}

/** Resolves once no live process (zombies aside) is in process group `pgid`; gives up after 5 s. */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 250 && liveGroupMembers(pgid) > 0; i++) {
    signalGroup(undefined, 'SIGKILL', false, pgid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Processes in group `pgid` that are not zombies (Linux /proc; elsewhere 0: signals only). */
export function liveGroupMembers(pgid: number): number {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  let live = 0;
  for (const pid of entries) {
    try {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces, so read after its last ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') live++;
    } catch {
      /* it exited meanwhile */
    }
  }
  return live;
}

function signalGroup(child: ChildProcess | undefined, signal: NodeJS.Signals, leaderToo = true, pgid = child?.pid): void {
  if (pgid === undefined) return;
  try {
    // Negative pid: the whole process group the child leads (it was started detached).
    process.kill(-pgid, signal);
  } catch {
    // No such group (all of it exited); the leader may still be there if it left its group.
    if (child && leaderToo && child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

function tail(text: string, max = 2000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}
