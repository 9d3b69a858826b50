import { apiApp } from '../support/api-app';
/**
 * `POST /api/v1/organizations/:org/syncs` with `serials` or `only`: partial runs started from the
 * API, against the simulator over HTTP; bad bodies are refused with field paths and start nothing.
 */
import request from 'supertest';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { until } from '../support/until';

const TOKEN = 'test-api-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

describe(`API: partial syncs (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [1, 2, 3].map((id) => computer({ id })), mobileDevices: [mobile({ id: 9 })] });
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = () =>
    apiApp(db.db, h.logs.logger, TOKEN);
  const post = (body: unknown) => request(app()).post('/api/v1/organizations/acme/syncs').set(auth).send(body as object);
  const finished = async (runId: string) =>
    until(async () => {
      const run = await request(app()).get(`/api/v1/runs/${runId}`).set(auth);
      return run.body.status !== 'running' && run.body;
    }, `run ${runId} to finish`);

  it('previews and runs a serial sync and a mobiles-only sync', async () => {
    const preview = await post({ dryRun: true, serials: ['c02test00002', 'NOSUCHDEVICE1'] });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: null, mode: 'dry_run', counts: { fetched: 1, created: 1 } });
    expect(preview.body.warnings).toEqual([expect.objectContaining({ code: 'serial_not_in_jamf', serialNumber: 'NOSUCHDEVICE1' })]);
    expect(await h.count('sync_runs')).toBe(0);

    const serial = await post({ serials: ['C02TEST00002'] });
    expect(serial.status).toBe(202);
    const serialRun = await finished(serial.body.runId);
    expect(serialRun).toMatchObject({ trigger: 'manual', mode: 'serial', status: 'succeeded', counts: { fetched: 1, created: 1 } });
    expect(serialRun.changes).toEqual([expect.objectContaining({ serialNumber: 'C02TEST00002', field: '(created)' })]);

    const mobiles = await post({ only: 'mobiles' });
    expect(mobiles.status).toBe(202);
    expect(await finished(mobiles.body.runId)).toMatchObject({ mode: 'mobiles', status: 'succeeded', counts: { fetched: 1, created: 1, removed: 0 } });

    const runs = await request(app()).get('/api/v1/organizations/acme/runs').set(auth);
    expect(runs.body.runs.map((r: { mode: string }) => r.mode).sort()).toEqual(['mobiles', 'serial']);
    expect(await h.asset('C02TEST00001')).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['an empty serial list', { serials: [] }, 'serials'],
    ['serials that is not a list', { serials: 'C02TEST00002' }, 'serials'],
    ['a serial with a character no serial has', { serials: ['C02TEST00002', 'C02"),id=gt=(0'] }, 'serials.1'],
    ['a serial too short', { serials: ['C0'] }, 'serials.0'],
    ['a serial too long', { serials: ['C'.repeat(41)] }, 'serials.0'],
    ['too many serials', { serials: Array.from({ length: 101 }, (_, i) => `C02TEST${String(i).padStart(5, '0')}`) }, 'serials'],
    ['an unknown device kind', { only: 'tablets' }, 'only'],
    ['an unknown option', { serial: ['C02TEST00002'] }, ''],
  ])('refuses %s with 400 and its field path, starting nothing', async (_name, body, path) => {
    const runsBefore = await h.count('sync_runs');
    const jamfRequestsBefore = h.sim.stats().requests;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', details: expect.arrayContaining([expect.objectContaining({ path })]) });
    expect(await h.count('sync_runs')).toBe(runsBefore);
    expect(h.sim.stats().requests).toBe(jamfRequestsBefore);
  });
});
