import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { writeImportFiles } from '../../bench/support/import-files';

const MB = 1024 * 1024;
/** A 100,000-row import on a loaded 2-core machine can take minutes: the wait is generous, memory is what is checked. */
const WAIT_MS = 15 * 60_000;
const PEAK_REPORTER = path.resolve(__dirname, '../../bench/support/report-peak-memory.cjs');

/**
 * `jamf-sync import` streams its file: importing 100,000 rows must not hold the file (or one object
 * per row) in memory. Peak memory is what the kernel counted for the process (getrusage), compared
 * with the same process doing no import (`migrate`): the embedded PGlite alone takes ~420 MB, so
 * the absolute 300 MB bound applies on PostgreSQL, the growth bound on both.
 */
describe(`import memory (${testDatabaseKind})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-import-memory-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports 100,000 HR-style rows with peak memory under 300 MB (PostgreSQL) and under 200 MB more than the process alone', async () => {
    const files = await writeImportFiles(dir, 100_000);
    const database = await openProcessDatabase();
    const cli = async (args: string[]) => {
      const run = runCli(args, { ...database.env, LOG_LEVEL: 'warn', NODE_OPTIONS: `--require ${PEAK_REPORTER}` });
      const { code } = await run.waitForExit({ timeoutMs: WAIT_MS });
      const peak = Number(/peak-rss-bytes (\d+)/.exec(run.stderr())?.[1]);
      return { code, stdout: run.stdout(), peak };
    };
    const alone = await cli(['migrate']);
    expect((await cli(['organizations', 'create', 'acme'])).code).toBe(0);
    const imported = await cli(['import', 'employees', files.employees, '--org', 'acme']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/\(CSV, 100000 row\(s\)\) into organization "acme": 100000 created, 0 updated, 0 unchanged/);
    expect(alone.peak).toBeGreaterThan(0);
    expect(imported.peak - alone.peak).toBeLessThan(200 * MB);
    if (testDatabaseKind === 'postgres') expect(imported.peak).toBeLessThan(300 * MB);
  }, timeoutForChildWaits(2, WAIT_MS));
});
