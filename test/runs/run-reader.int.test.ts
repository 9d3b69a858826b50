import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { ensureOrganization } from '../../src/connections/connection-store';
import { importAssets } from '../../src/inventory/import-assets';
import { exportRuns, loadRunReport } from '../../src/inventory/export-runs';
import { stringSink } from '../../src/inventory/export-writer';
import { listRuns, runReport } from '../../src/api/run-responses';
import { readRunDetail, readRuns, type RunCursor } from '../../src/runs/run-reader';
import { addRunEvents, createRun, finishRun } from '../../src/sync/run-store';
import type { RunCounts } from '../../src/db/schema';

const ZERO: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: {}, employeesCreated: 0, employeesLinked: 0, removed: 0, warnings: 0, errors: 0 };

describe(`run reader (${testDatabaseKind})`, () => {
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

  const organization = async (slug: string) => (await ensureOrganization(db.db, slug)).id;
  const newRun = async (organizationId: string) =>
    (await createRun(db.db, { organizationId, connectionId: null, trigger: 'manual', mode: 'full', counts: ZERO })).id;
  /** Adds `n` changes of one field to the run, on the asset with this serial. */
  const addChanges = (runId: string, serial: string, n: number) =>
    db.db.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
      select a.organization_id, a.id, ${runId}, 'memoryMb', to_jsonb(g), to_jsonb(g + 1)
      from assets a, generate_series(1, ${n}::int) g where a.serial_number = ${serial}`);

  it('pages through runs that started in the same microsecond, newest first, each once', async () => {
    const org = await organization('acme');
    const ids = [await newRun(org), await newRun(org), await newRun(org), await newRun(org)];
    // Two runs share a start time to the microsecond: the cursor must tell them apart by id.
    await db.db.execute(sql`update sync_runs set started_at = '2026-11-27 02:00:00.123456+00' where id in (${ids[1]}::uuid, ${ids[2]}::uuid)`);
    await db.db.execute(sql`update sync_runs set started_at = '2026-11-27 02:00:00.123457+00' where id = ${ids[3]}::uuid`);
    await db.db.execute(sql`update sync_runs set started_at = '2026-11-27 02:00:00.123455+00' where id = ${ids[0]}::uuid`);

    const seen: string[] = [];
    let after: RunCursor | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof readRuns>> = await readRuns(db.db, org, { limit: 1, after });
      seen.push(...page.runs.map((r) => r.id));
      after = page.next;
      pages++;
    } while (after);

    const tied = [ids[1], ids[2]].sort().reverse();
    expect(seen).toEqual([ids[3], ...tied, ids[0]]);
    // A full last page cannot know it is the last: one more, empty, page says so.
    expect(pages).toBe(5);
    expect((await readRuns(db.db, org, { limit: 10 })).next).toBeNull();
  });

  it('reads one run with its warnings and errors apart, within its organization only, and says when its changes are cut short', async () => {
    const acme = await organization('acme');
    const other = await organization('other');
    await importAssets(db.db, { organizationSlug: 'acme', fileName: 'assets.json', text: JSON.stringify([{ serialNumber: 'C02A', jamfId: '7', assetType: 'laptop', status: 'available' }]) });
    const runId = await newRun(acme);
    await addRunEvents(db.db, runId, 'warning', [
      { code: 'w1', serialNumber: 'C02A', jamfId: '7', message: 'first' },
      { code: 'w2', serialNumber: null, jamfId: null, message: 'second' },
    ]);
    await addRunEvents(db.db, runId, 'error', [{ code: 'e1', serialNumber: 'X', jamfId: '9', message: 'bad' }]);
    await addChanges(runId, 'C02A', 4);
    await finishRun(db.db, runId, { status: 'partial', counts: { ...ZERO, warnings: 2, errors: 1 }, failure: null });

    const detail = await readRunDetail(db.db, runId, { changeLimit: 3 });
    expect(detail).toMatchObject({
      run: { id: runId, organization: 'acme', trigger: 'manual', mode: 'full', status: 'partial', failureReason: null, errorCode: null, counts: { warnings: 2, errors: 1 } },
      warnings: [
        { code: 'w1', serialNumber: 'C02A', jamfId: '7', message: 'first' },
        { code: 'w2', serialNumber: null, jamfId: null, message: 'second' },
      ],
      errors: [{ code: 'e1', serialNumber: 'X', jamfId: '9', message: 'bad' }],
      changesTruncated: true,
    });
    expect(detail!.changes.map((c) => [c.serialNumber, c.jamfId, c.field, c.old, c.new])).toEqual([
      ['C02A', '7', 'memoryMb', 1, 2],
      ['C02A', '7', 'memoryMb', 2, 3],
      ['C02A', '7', 'memoryMb', 3, 4],
    ]);
    expect((await readRunDetail(db.db, runId, { changeLimit: 4 }))!.changesTruncated).toBe(false);
    expect((await readRunDetail(db.db, runId, { eventLimit: 1 }))!).toMatchObject({ warnings: [{ code: 'w1' }], errors: [] });

    expect(await readRunDetail(db.db, runId, { organizationId: acme })).not.toBeNull();
    expect(await readRunDetail(db.db, runId, { organizationId: other })).toBeNull();
    expect(await readRunDetail(db.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('keeps the key order of the API\'s JSON and of the export\'s (their bytes are the contract)', async () => {
    const acme = await organization('acme');
    const runId = await newRun(acme);
    await finishRun(db.db, runId, { status: 'succeeded', counts: ZERO, failure: null });
    const summaryKeys = ['id', 'organization', 'trigger', 'mode', 'status', 'startedAt', 'finishedAt', 'failureReason', 'errorCode', 'counts', 'dueAt', 'scope'];

    const [summary] = await listRuns(db.db, acme, 10);
    expect(Object.keys(summary)).toEqual(summaryKeys);
    expect(Object.keys((await runReport(db.db, runId))!)).toEqual([...summaryKeys, 'warnings', 'errors', 'changes']);

    const sink = stringSink();
    await exportRuns({ db: db.db }, sink, { organizationSlug: 'acme', format: 'json' });
    const [record] = JSON.parse(sink.text());
    expect(Object.keys(record)).toEqual(['id', 'trigger', 'mode', 'status', 'startedAt', 'finishedAt', 'counts', 'errorCode', 'failureReason']);
    expect(Object.keys(await loadRunReport(db.db, runId))).toEqual([
      'id', 'organization', 'trigger', 'mode', 'status', 'startedAt', 'finishedAt', 'failureReason', 'errorCode', 'counts', 'warnings', 'errors', 'changes', 'changesTruncated',
    ]);
  });
});
