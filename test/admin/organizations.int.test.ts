import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { stringSink } from '../../src/inventory/export-writer';
import { runExport } from '../../src/cli/export-command';
import { importAssets } from '../../src/inventory/import-assets';
import { importEmployees } from '../../src/inventory/import-employees';
import { addConnection } from '../../src/cli/connections/add-connection';
import { removeConnectionBySlug } from '../../src/cli/connections/remove-connection';
import { createOrganizationText, listOrganizationsText, removeOrganizationText } from '../../src/cli/organizations-command';
import { UnknownOrganizationError } from '../../src/organizations/unknown-organization-error';
import { KEY_A, boxOf, failure, noSecrets, rowCounts } from './admin-support';

const ASSETS = JSON.stringify([{ serialNumber: 'S1', assetType: 'laptop', status: 'available' }]);
const EMPLOYEES = JSON.stringify([{ firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example'] }]);

describe(`organizations create|list|remove, and unknown slugs refused (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  it('create makes an organization once; a bad slug or a taken one is refused', async () => {
    expect(await createOrganizationText(db.db, 'acme', { name: 'Acme Corp' })).toMatch(/Created organization "acme" \(Acme Corp\)/);
    expect((await failure(createOrganizationText(db.db, 'acme', {}))).code).toBe('organization_exists');
    const bad = await failure(createOrganizationText(db.db, 'Acme Corp', { name: ' ' }));
    expect(bad.problems).toEqual([expect.stringMatching(/^<slug>: must be lower-case/), '--name: must not be empty']);
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 1 });
  });

  it('list shows each organization with its connection and what it holds', async () => {
    expect(await listOrganizationsText(db.db)).toMatch(/^No organizations yet/);
    await createOrganizationText(db.db, 'globex', {});
    await createOrganizationText(db.db, 'acme', { name: 'Acme Corp' });
    await importEmployees(db.db, { organizationSlug: 'acme', fileName: 'e.json', text: EMPLOYEES });
    await importAssets(db.db, { organizationSlug: 'acme', fileName: 'a.json', text: ASSETS });
    await addConnection({ db: db.db, box: boxOf(KEY_A) }, { org: 'acme', url: 'https://acme.example', clientId: 'c', clientSecret: 's', eaMap: [], verify: false }, noSecrets());
    const table = (await listOrganizationsText(db.db)).split('\n');
    expect(table[0]).toMatch(/^ORG\s+NAME\s+CONNECTION\s+ASSETS\s+EMPLOYEES\s+RUNS\s+CREATED$/);
    expect(table[1]).toMatch(/^acme\s+Acme Corp\s+yes\s+1\s+1\s+0\s+\d{4}-/);
    expect(table[2]).toMatch(/^globex\s+globex\s+no\s+0\s+0\s+0\s+\d{4}-/);
    expect(JSON.parse(await listOrganizationsText(db.db, { json: true })).map((o: any) => [o.slug, o.hasConnection, o.assets])).toEqual([
      ['acme', true, 1],
      ['globex', false, 0],
    ]);
  });

  it('remove refuses an organization that still has assets unless --force; then everything of it goes, other organizations stay', async () => {
    for (const org of ['acme', 'globex']) {
      await createOrganizationText(db.db, org, {});
      await importAssets(db.db, { organizationSlug: org, fileName: 'a.json', text: ASSETS });
    }
    const refused = await failure(removeOrganizationText(db.db, 'acme', {}));
    expect(refused).toMatchObject({ code: 'organization_has_assets', message: expect.stringMatching(/still has 1 asset\(s\); nothing was removed.*--force/) });
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 2, assets: 2 });

    expect(await removeOrganizationText(db.db, 'acme', { force: true })).toMatch(/Removed organization "acme" with its 1 asset\(s\)/);
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, assets: 1 });
    await createOrganizationText(db.db, 'empty', {});
    expect(await removeOrganizationText(db.db, 'empty', {})).toMatch(/Removed organization "empty"/);
    expect(await failure(removeOrganizationText(db.db, 'empty', {}))).toBeInstanceOf(UnknownOrganizationError);
  });

  it('import, export and connections refuse an unknown slug with the known ones, and write nothing', async () => {
    await createOrganizationText(db.db, 'acme', {});
    await createOrganizationText(db.db, 'globex', {});
    const before = await rowCounts(db.db);
    const refusals = [
      await failure(importAssets(db.db, { organizationSlug: 'acmee', fileName: 'a.json', text: ASSETS })),
      await failure(importEmployees(db.db, { organizationSlug: 'acmee', fileName: 'e.json', text: EMPLOYEES })),
      await failure(runExport({ db: db.db, box: null }, stringSink(), 'assets', { org: 'acmee' })),
      await failure(runExport({ db: db.db, box: null }, stringSink(), 'runs', { org: 'acmee' })),
      await failure(addConnection({ db: db.db, box: boxOf(KEY_A) }, { org: 'acmee', url: 'https://a.example', clientId: 'c', clientSecret: 's', eaMap: [], verify: false }, noSecrets())),
      await failure(removeConnectionBySlug(db.db, 'acmee')),
    ];
    for (const err of refusals) {
      expect(err).toBeInstanceOf(UnknownOrganizationError);
      expect(err.message).toBe('No organization "acmee". Known: acme, globex. Create it with "jamf-sync organizations create acmee" if it is a new one.');
    }
    expect(await rowCounts(db.db)).toEqual(before);
  });

  it('"default" needs no create: the first import or connection creates it; a read before that is refused', async () => {
    expect(await failure(runExport({ db: db.db, box: null }, stringSink(), 'assets', {}))).toBeInstanceOf(UnknownOrganizationError);
    expect(await importAssets(db.db, { organizationSlug: 'default', fileName: 'a.json', text: ASSETS })).toMatchObject({ organization: 'default', created: 1 });
    const sink = stringSink();
    await runExport({ db: db.db, box: null }, sink, 'assets', {});
    expect(JSON.parse(sink.text()).map((a: any) => a.serialNumber)).toEqual(['S1']);
    expect(await listOrganizationsText(db.db)).toMatch(/^default\s+Default organization\s+no\s+1/m);
  });
});

describe(`organizations through the CLI (${testDatabaseKind})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-orgs-cli-'));
  let dbEnv: Record<string, string>;
  beforeAll(async () => {
    dbEnv = (await openProcessDatabase()).env;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    const run = runCli(args, { ...dbEnv, LOG_LEVEL: 'warn' });
    const { code } = await run.waitForExit();
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  it('an unknown --org exits 2 listing the known organizations; remove with assets exits 1 until --force', async () => {
    expect(await cli(['organizations', 'create', 'acme', '--name', 'Acme Corp'])).toMatchObject({ code: 0, stderr: '' });
    const file = path.join(dir, 'assets.json');
    fs.writeFileSync(file, ASSETS);
    expect((await cli(['import', 'assets', file, '--org', 'acme'])).code).toBe(0);

    const typo = await cli(['export', 'assets', '--org', 'acm']);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(/No organization "acm"\. Known: acme\./);
    expect((await cli(['import', 'assets', file, '--org', 'acm'])).code).toBe(2);

    const refused = await cli(['organizations', 'remove', 'acme']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/organization_has_assets/);
    expect(await cli(['organizations', 'remove', 'acme', '--force'])).toMatchObject({ code: 0, stderr: '' });
    expect((await cli(['organizations', 'list'])).stdout).toMatch(/^No organizations yet/);
  }, timeoutForChildWaits(8));
});
