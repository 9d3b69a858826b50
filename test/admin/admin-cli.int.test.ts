import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { KEY_A, KEY_B, boxOf } from './admin-support';

/**
 * The real `jamf-sync` process for each admin command: exit codes, stdout, stderr, and no stack
 * traces. One database for the file (a PGlite folder, or a PostgreSQL database); each step builds on
 * the previous one, as an admin would run them.
 */
describe(`admin commands through the CLI (${testDatabaseKind})`, () => {
  // Input files for the commands; the database is its own (a PGlite folder or a PostgreSQL database).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-admin-cli-'));
  let dbEnv: Record<string, string>;
  const SECRET = 'cli-secret-7d1e';

  beforeAll(async () => {
    dbEnv = (await openProcessDatabase()).env;
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string> = {}, input?: string) {
    const run = runCli(args, { ...dbEnv, LOG_LEVEL: 'warn', ...env }, input);
    const { code } = await run.waitForExit();
    const result = { code, stdout: run.stdout(), stderr: run.stderr() };
    // Errors are one clear message, never a stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    return result;
  }
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it('connections add: bad options → exit 2 listing each; no ENCRYPTION_KEY → exit 1 naming it; then added with the secret on stdin', async () => {
    const bad = await cli(['connections', 'add', '--org', 'acme', '--url', 'not a url', '--client-id', 'c1', '--cron', 'every day', '--tz', 'Mars/Olympus'], {}, SECRET);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--url: must be an http\(s\) URL/);
    expect(bad.stderr).toMatch(/--cron: must be a cron expression/);
    expect(bad.stderr).toMatch(/--tz: must be an IANA time zone/);
    expect(bad.stderr).toMatch(/--client-secret: is required with --client-id/);

    // The organizations exist first: connections add never creates one (but "default").
    for (const org of ['acme', 'globex']) expect(await cli(['organizations', 'create', org])).toMatchObject({ code: 0, stderr: '' });
    const noKey = await cli(['connections', 'add', '--org', 'acme', '--url', 'https://acme.jamfcloud.com', '--client-id', 'c1', '--secret-stdin'], {}, `${SECRET}\n`);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/ENCRYPTION_KEY is not set/);

    const added = await cli(
      ['connections', 'add', '--org', 'acme', '--url', 'https://acme.jamfcloud.com', '--client-id', 'c1', '--secret-stdin', '--tz', 'Europe/Paris', '--no-verify'],
      { ENCRYPTION_KEY: KEY_A },
      `${SECRET}\n`,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/read from stdin/);
    const fromEnv = await cli(['connections', 'add', '--org', 'globex', '--url', 'https://globex.example', '--username', 'svc', '--no-verify'], { ENCRYPTION_KEY: KEY_A, JAMF_PASSWORD: 'pw-from-env' });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toMatch(/read from JAMF_PASSWORD/);
  }, timeoutForChildWaits(6));

  it('connections list and update: no secret printed; update changes one setting', async () => {
    const updated = await cli(['connections', 'update', '--org', 'acme', '--cron', '15 3 * * *', '--employee-policy', 'hold']);
    expect(updated).toMatchObject({ code: 0, stderr: '' });
    const listed = await cli(['connections', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(SECRET);
    expect(listed.stdout).not.toContain('pw-from-env');
    expect(JSON.parse(listed.stdout).map((c: any) => [c.organization, c.schedule, c.employeePolicy, c.auth.secret])).toEqual([
      ['acme', { cron: '15 3 * * *', timeZone: 'Europe/Paris', spreadMinutes: null }, 'hold', 'encrypted'],
      ['globex', { cron: '0 2 * * *', timeZone: 'UTC', spreadMinutes: null }, 'create', 'encrypted'],
    ]);
  }, timeoutForChildWaits(2));

  it('import: a bad row → exit 2 with its line and nothing written; good files → summary', async () => {
    const employees = file('employees.csv', 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\nBo,Ray,bo@acme.example;bo.ray@acme.example\n');
    const badAssets = file('bad.csv', 'serialNumber,assetType,status,assigneeEmail\nS1,laptop,available,\nS2,laptop,broken,ann@acme.example\n');
    const bad = await cli(['import', 'assets', badAssets, '--org', 'acme']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv: 2 problem\(s\), nothing was written/);
    expect(bad.stderr).toMatch(/line 3: status must be one of/);
    expect(bad.stderr).toMatch(/line 3: assigneeEmail "ann@acme.example" is not an employee/);

    const okEmployees = await cli(['import', 'employees', employees, '--org', 'acme']);
    expect(okEmployees).toMatchObject({ code: 0, stderr: '' });
    expect(okEmployees.stdout).toMatch(/Imported employees from employees\.csv \(CSV, 2 row\(s\)\) into organization "acme": 2 created, 0 updated, 0 unchanged/);
    const assets = file('assets.json', JSON.stringify([{ serialNumber: 'S1', assetType: 'laptop', status: 'allocated', assigneeEmail: 'BO.RAY@acme.example', location: 'Desk "7", Paris' }]));
    const okAssets = await cli(['import', 'assets', assets, '--org', 'acme']);
    expect(okAssets.stdout).toMatch(/1 created/);
  }, timeoutForChildWaits(3));

  it('export: assets as CSV on stdout; bad arguments → exit 2', async () => {
    const csv = await cli(['export', 'assets', '--org', 'acme', '--format', 'csv']);
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    const [header, row] = csv.stdout.split('\r\n');
    expect(header).toMatch(/^serialNumber,jamfId,assetType,.*,status,condition,location,assigneeEmail,jamfPresence,jamfRemovedAt$/);
    expect(row).toBe('S1,,laptop,,,,,,,,,,,,,,,,allocated,,"Desk ""7"", Paris",bo@acme.example,,');
    const badFormat = await cli(['export', 'assets', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format: must be json or csv/);
  }, timeoutForChildWaits(2));

  it('keys rotate: a key that is not configured is named (exit 1); with the old key as previous, everything is re-encrypted', async () => {
    const missing = await cli(['keys', 'rotate'], { ENCRYPTION_KEY: KEY_B });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(boxOf(KEY_A).currentKeyId);
    const rotated = await cli(['keys', 'rotate'], { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: KEY_A });
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    expect(rotated.stdout).toMatch(/Jamf connection secrets\s+2 \(already under it: 0\)/);
    expect(rotated.stdout).not.toContain(SECRET);
  }, timeoutForChildWaits(2));

  it('connections remove: --org is required (exit 2); deletes the connection', async () => {
    expect((await cli(['connections', 'remove'])).code).toBe(2);
    const removed = await cli(['connections', 'remove', '--org', 'acme']);
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    expect(removed.stdout).toMatch(/its assets, employees and run history are kept/);
    const listed = JSON.parse((await cli(['connections', 'list', '--json'])).stdout);
    expect(listed.map((c: any) => c.organization)).toEqual(['globex']);
  }, timeoutForChildWaits(4));
});
