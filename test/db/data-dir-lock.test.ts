import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { acquireDataDirLock, readHolder, DataDirLockedError, LOCK_FILE, type DataDirHolder, type DataDirLock } from '../../src/db/data-dir-lock';
import { until } from '../support/until';

/**
 * The data folder's lock: one holder at a time, told apart from a dead one by the strongest
 * evidence at hand (its pid on this machine, its socket on this kernel, otherwise its heartbeat),
 * so it also holds across containers that share the folder as a volume.
 */
describe('data folder lock', () => {
  let dir: string;
  const locks: DataDirLock[] = [];
  const take = async (options: Parameters<typeof acquireDataDirLock>[1] = { role: 'command' }) => {
    const lock = await acquireDataDirLock(dir, options);
    locks.push(lock);
    return lock;
  };
  const lockFile = () => path.join(dir, LOCK_FILE);
  const thisMachine = () => readHolder(lockFile())!;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-lock-'));
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A lock file as another holder would have written it. */
  function writeHolder(overrides: Partial<DataDirHolder>): DataDirHolder {
    const holder: DataDirHolder = {
      owner: 'a-holder-elsewhere',
      role: 'serve',
      pid: 4242,
      host: 'other-container',
      bootId: 'another-machine-boot-id',
      pidNamespace: 'pid:[1]',
      startedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
      heartbeat: 1,
      socket: null,
      ...overrides,
    };
    fs.writeFileSync(lockFile(), JSON.stringify(holder));
    return holder;
  }

  it('refuses a second holder while the first holds it, and names the first; free again once released', async () => {
    const first = await take({ role: 'serve' });
    const refused = await acquireDataDirLock(dir, { role: 'command' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder.owner).toBe(first.holder.owner);
    expect((refused as Error).message).toMatch(/in use by a running jamf-sync serve \(process \d+, since/);
    await first.release();
    expect(fs.existsSync(lockFile())).toBe(false);
    expect((await take()).holder.role).toBe('command');
  });

  it('the holder rewrites its heartbeat from a thread of its own, even while the main thread is blocked', async () => {
    await take({ role: 'command', heartbeatMs: 20 });
    const before = thisMachine().heartbeat;
    // The main thread never yields here (as during initdb or a large statement on the embedded
    // database); a heartbeat written from it could never move, so only a bound ends the loop then.
    const bound = Date.now() + 30_000;
    let moved = false;
    while (!moved && Date.now() < bound) moved = (readHolder(lockFile())?.heartbeat ?? before) > before;
    expect(moved).toBe(true);
  });

  it('replaces at once a holder of this machine whose process is gone', async () => {
    const mine = await take();
    const identity = { bootId: mine.holder.bootId, pidNamespace: mine.holder.pidNamespace };
    await mine.release();
    locks.splice(0);
    // A pid that is not running: the largest pid Linux hands out is below 2^22.
    writeHolder({ ...identity, pid: 2 ** 22 + 7, host: os.hostname(), role: 'command' });
    const watching = jest.fn();
    const lock = await take({ role: 'serve', onWatching: watching });
    expect(lock.holder.role).toBe('serve');
    expect(watching).not.toHaveBeenCalled();
  });

  it('a serve in another container on this machine: alive while its socket in the folder answers, gone once it refuses', async () => {
    const mine = await take();
    const bootId = mine.holder.bootId;
    await mine.release();
    locks.splice(0);
    const socket = path.join(dir, 'admin-socket.sock');
    const listener = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => listener.listen(socket, resolve));
    try {
      writeHolder({ bootId, pidNamespace: 'pid:[another-container]', socket });
      const refused = await acquireDataDirLock(dir, { role: 'serve', staleAfterMs: 60_000 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirLockedError);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
    // Its process died: nothing listens (the socket file may stay behind after a crash).
    fs.writeFileSync(socket, '');
    expect((await take({ role: 'serve', staleAfterMs: 60_000 })).holder.role).toBe('serve');
  });

  it('a holder on another machine: refused while its heartbeat moves, whatever its pid', async () => {
    let holder = writeHolder({ pid: process.pid });
    const beating = setInterval(() => (holder = writeHolder({ heartbeat: holder.heartbeat + 1 })), 50);
    try {
      const watching = jest.fn();
      const refused = await acquireDataDirLock(dir, { role: 'serve', onWatching: watching }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as Error).message).toMatch(/process \d+ on host other-container/);
      expect(watching).toHaveBeenCalledWith(expect.objectContaining({ host: 'other-container' }), 30_000);
    } finally {
      clearInterval(beating);
    }
  });

  it('a holder on another machine whose heartbeat stopped is replaced once it has been still for staleAfterMs', async () => {
    writeHolder({});
    const lock = await take({ role: 'serve', staleAfterMs: 300 });
    expect(readHolder(lockFile())?.owner).toBe(lock.holder.owner);
  });

  it('tells the holder when the lock file no longer names it', async () => {
    const lost = jest.fn();
    await take({ role: 'serve', heartbeatMs: 20, onLost: lost });
    writeHolder({ owner: 'someone-who-judged-it-gone' });
    await until(() => lost.mock.calls.length > 0, 'the holder to notice');
    expect(lost).toHaveBeenCalledWith(expect.objectContaining({ owner: 'someone-who-judged-it-gone' }));
  });

  it('records where serve shares the database', async () => {
    const lock = await take({ role: 'serve' });
    await lock.publishSocket('/some/where/.s.PGSQL.5432');
    expect(thisMachine().socket).toBe('/some/where/.s.PGSQL.5432');
  });
});
