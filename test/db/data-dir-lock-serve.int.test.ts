import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE, type DataDirHolder } from '../../src/db/data-dir-lock';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

/**
 * Two containers sharing one DATA_DIR volume: the second `serve` must not open the embedded
 * database while the first holds it, though the first's pid means nothing in its namespace. The
 * holder here is a lock written as another container's serve would, its heartbeat kept moving.
 */
describe('serve on a data folder held from another container', () => {
  it('refuses to start, naming the holder and its host, while the holder heartbeat moves', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-lock-serve-'));
    let holder: DataDirHolder = {
      owner: 'serve-in-container-a',
      role: 'serve',
      // A pid that runs on this machine (the test's own): a pid check would call the holder alive
      // or dead by accident; only the heartbeat may decide.
      pid: process.pid,
      host: 'container-a',
      bootId: 'boot-id-of-another-machine',
      pidNamespace: 'pid:[4026532001]',
      startedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
      heartbeat: 1,
      socket: null,
    };
    // Replaced whole, as a holder does: serve never reads half a file.
    const write = () => {
      const tmp = `${dataDir}.lock-tmp`;
      fs.writeFileSync(tmp, JSON.stringify(holder));
      fs.renameSync(tmp, path.join(dataDir, LOCK_FILE));
    };
    write();
    const beating = setInterval(() => {
      holder = { ...holder, heartbeat: holder.heartbeat + 1, heartbeatAt: new Date().toISOString() };
      write();
    }, 200);
    try {
      const serve = runCli(['serve'], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
      const { code } = await serve.waitForExit();
      expect(code).toBe(1);
      expect(serve.stderr()).toMatch(
        /in use by a running jamf-sync serve \(process \d+ on host container-a, since .*\); run commands where it runs \(e\.g\. docker exec <its container> npx jamf-sync …\), or stop it first/,
      );
      expect(serve.stdout()).toMatch(/locked by process \d+ on host container-a, which cannot be checked from here: waiting up to 30 s/);
      expect(serve.stdout()).not.toMatch(/listening on/);
      // Nothing of the database was created beside the lock.
      expect(fs.readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      clearInterval(beating);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, timeoutForChildWaits(1));
});
