import { apiApp } from '../support/api-app';
import request from 'supertest';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';

const TOKEN = 'asset-routes-token-0123456789abcdef';

/** GET …/assets with its filters and cursor, and GET …/assets/:serial with its history (issue 15, "Assets"). */
describe(`HTTP API: assets (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let firstRun: { id: string; finishedAt: string };
  let secondRunId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    const computers = Array.from({ length: 9 }, (_, i) => computer({ id: i + 1 }));
    // Two laptops of one person (the second under a +tag of the same address), and one serial of another prefix.
    computers[0] = computer({ id: 1, email: 'jane@acme.example', realname: 'Jane Roe' });
    computers[1] = computer({ id: 2, email: 'Jane@Acme.example', realname: 'Jane Roe' });
    computers.push(computer({ id: 10, serial: 'FVFX00000010' }));
    h = await SyncHarness.start(db, { computers, mobileDevices: [mobile({ id: 50 }), mobile({ id: 51 })] });
    const first = await h.sync();
    firstRun = { id: first.id!, finishedAt: first.finishedAt! };
    // The second run changes one asset and loses another from Jamf; every other asset stays as it was (R18).
    h.sim.store.patch('computers', '3', { operatingSystem: { version: '15.1.0' } });
    h.sim.store.remove('computers', '5');
    const second = await h.sync();
    expect(second.status).toBe('succeeded');
    secondRunId = second.id!;
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = () =>
    apiApp(db.db, h.logs.logger, TOKEN);
  const get = (path: string) => request(app()).get(path).set('authorization', `Bearer ${TOKEN}`);
  const serials = async (query: string) => {
    const res = await get(`/api/v1/organizations/acme/assets?${query}`);
    expect(res.status).toBe(200);
    return res.body.assets.map((a: { serialNumber: string }) => a.serialNumber);
  };
  const serial = (id: number) => `C02TEST${String(id).padStart(5, '0')}`;

  it('filters by asset type, presence in Jamf, serial prefix and assignee email (case and +tag folded)', async () => {
    const all: string[] = await serials('');
    expect(all).toHaveLength(12);
    const laptops = await serials('type=laptop');
    expect(laptops).toEqual(all.filter((s) => s.startsWith('C02') || s.startsWith('FVFX')));
    // The two mobile devices are phones or tablets, whichever their model says; no laptop among them.
    const handhelds = [...(await serials('type=mobile')), ...(await serials('type=tablet'))];
    expect(handhelds).toHaveLength(2);
    expect([...laptops, ...handhelds].sort()).toEqual([...all].sort());

    expect(await serials('presence=removed')).toEqual([serial(5)]);
    expect(await serials('presence=present')).toEqual(all.filter((s) => s !== serial(5)));
    expect(await serials('serialPrefix=fvfx')).toEqual(['FVFX00000010']);
    expect(await serials('serialPrefix=C02TEST0000')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(serial));
    expect(await serials(`assigneeEmail=${encodeURIComponent(' JANE+laptop@ACME.example ')}`)).toEqual([serial(1), serial(2)]);
    expect(await serials('assigneeEmail=nobody@acme.example')).toEqual([]);
    // Filters combine.
    expect(await serials('type=laptop&presence=present&serialPrefix=C02TEST0000&assigneeEmail=jane@acme.example')).toEqual([serial(1), serial(2)]);
  });

  it('updatedSince lists what changed at or after a time: the asset changed and the one removed by the second run', async () => {
    expect(await serials(`updatedSince=${encodeURIComponent(firstRun.finishedAt)}`)).toEqual([serial(3), serial(5)]);
    // At an asset's own updatedAt (inclusive): the answer agrees with each asset's updatedAt as listed.
    const listed: Array<{ serialNumber: string; updatedAt: string }> = (await get('/api/v1/organizations/acme/assets')).body.assets;
    const since = listed.find((a) => a.serialNumber === serial(3))!.updatedAt;
    const expected = listed.filter((a) => a.updatedAt >= since).map((a) => a.serialNumber);
    expect(expected).toContain(serial(3));
    expect(await serials(`updatedSince=${encodeURIComponent(since)}`)).toEqual(expected);
    expect(await serials('updatedSince=2000-01-01')).toHaveLength(12);
  });

  it('pages with after/next through every filtered asset, each once, and ends with next null', async () => {
    const all = await serials('type=laptop');
    const seen: string[] = [];
    let after: string | null = '';
    for (let pages = 0; after !== null; pages++) {
      expect(pages).toBeLessThan(10);
      const res = await get(`/api/v1/organizations/acme/assets?type=laptop&limit=3${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.assets.map((a: { serialNumber: string }) => a.serialNumber));
      after = res.body.next;
    }
    expect(seen).toEqual(all);
  });

  it('answers bad filters with 400 and the field path', async () => {
    for (const [query, path] of [
      ['type=phone', 'type'],
      ['presence=gone', 'presence'],
      ['updatedSince=yesterday-ish', 'updatedSince'],
      ['assigneeEmail=', 'assigneeEmail'],
      ['assigneeEmail=a%00@b', 'assigneeEmail'],
      ['limit=1001', 'limit'],
    ]) {
      const res = await get(`/api/v1/organizations/acme/assets?${query}`);
      expect({ query, status: res.status, code: res.body.error?.code, paths: res.body.error?.details?.map((d: { path: string }) => d.path) }).toEqual({
        query,
        status: 400,
        code: 'invalid_request',
        paths: [path],
      });
    }
  });

  it('GET …/assets/:serial answers the asset (any case) with its history from the change log, oldest first', async () => {
    const res = await get(`/api/v1/organizations/acme/assets/${serial(3).toLowerCase()}`);
    expect(res.status).toBe(200);
    const [listed] = (await get(`/api/v1/organizations/acme/assets?serial=${serial(3)}`)).body.assets;
    const { history, historyNext, ...asset } = res.body;
    expect(asset).toEqual(listed);
    expect(historyNext).toBeNull();
    expect(history[0]).toMatchObject({ serialNumber: serial(3), field: '(created)', runId: firstRun.id });
    const later = history.slice(1);
    expect(later.length).toBeGreaterThan(0);
    for (const change of later) expect(change).toMatchObject({ serialNumber: serial(3), runId: secondRunId });
    expect(later.map((c: { field: string }) => c.field)).toContain('operatingSystem');
    // The same rows as the change log lists for this serial.
    const changes = await get(`/api/v1/organizations/acme/changes?serial=${serial(3)}`);
    expect(changes.body.changes).toEqual(history);
    expect(JSON.stringify(res.body)).not.toMatch(/activationLock|recoveryLock|appleCare|recoveryKey/i);
  });

  it('GET …/assets/:serial answers 404 for a serial the organization does not hold, and writes nothing', async () => {
    const before = await h.snapshot();
    const res = await get('/api/v1/organizations/acme/assets/NOSUCHSERIAL');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('NOSUCHSERIAL') });
    expect(await h.snapshot()).toBe(before);
  });
});
