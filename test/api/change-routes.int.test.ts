import { apiApp } from '../support/api-app';
import request from 'supertest';
import { exportChanges } from '../../src/inventory/export-changes';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';

const TOKEN = 'change-routes-token-0123456789abcdef';

type Change = { serialNumber: string; field: string; runId: string | null; at: string };

/** GET …/changes (serial, field, run, time range, cursor) and GET …/runs filtered by status and trigger (issue 15, "Changes", "Runs"). */
describe(`HTTP API: changes and runs (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  const runs: Record<'first' | 'second' | 'webhook' | 'failed', string> = {} as never;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [computer({ id: 1 }), computer({ id: 2 }), computer({ id: 3 })] });
    runs.first = (await h.sync()).id!;
    h.sim.store.patch('computers', '1', { operatingSystem: { version: '15.1.0' } });
    h.sim.store.patch('computers', '2', { hardware: { totalRamMegabytes: 32768 } });
    runs.second = (await h.sync()).id!;
    h.sim.store.patch('computers', '3', { hardware: { totalRamMegabytes: 65536 } });
    const webhook = await h.syncDevices([{ kind: 'computer', jamfId: '3' }]);
    runs.webhook = webhook.report.id!;
    h.sim.setFaults({ errorRate: 1 });
    const failed = await h.sync();
    expect(failed.status).toBe('failed');
    runs.failed = failed.id!;
    h.sim.setFaults({ errorRate: 0 });
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = () =>
    apiApp(db.db, h.logs.logger, TOKEN);
  const get = (path: string) => request(app()).get(path).set('authorization', `Bearer ${TOKEN}`);
  const changes = async (query: string): Promise<Change[]> => {
    const res = await get(`/api/v1/organizations/acme/changes?${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body.changes;
  };
  /** Pages through a list with limit=1 (or 2), following `next` until null. */
  const walk = async (path: string, key: 'changes' | 'runs', limit: number) => {
    const seen: unknown[] = [];
    let after: string | null = '';
    for (let pages = 0; after !== null; pages++) {
      expect(pages).toBeLessThan(50);
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body[key]);
      after = res.body.next;
    }
    return seen;
  };

  describe('changes', () => {
    it('lists the change log oldest first, exactly as export changes writes it', async () => {
      const all = await changes('');
      let exported = '';
      await exportChanges({ db: db.db }, { write: async (chunk) => void (exported += chunk) }, { organizationSlug: 'acme', format: 'json' });
      expect(all).toEqual(JSON.parse(exported));
      expect(all.slice(0, 3).map((c) => [c.field, c.runId])).toEqual([
        ['(created)', runs.first],
        ['(created)', runs.first],
        ['(created)', runs.first],
      ]);
      expect(new Set(all.slice(3).map((c) => c.runId))).toEqual(new Set([runs.second, runs.webhook]));
    });

    it('filters by serial (any case), field and run, alone and together', async () => {
      const all = await changes('');
      expect(await changes('serial=c02test00002')).toEqual(all.filter((c) => c.serialNumber === 'C02TEST00002'));
      expect(await changes('field=memoryMb')).toEqual(all.filter((c) => c.field === 'memoryMb'));
      expect((await changes('field=memoryMb')).map((c) => c.serialNumber)).toEqual(['C02TEST00002', 'C02TEST00003']);
      expect(await changes(`run=${runs.webhook}`)).toEqual(all.filter((c) => c.runId === runs.webhook));
      expect(await changes(`run=${runs.second}&field=memoryMb&serial=C02TEST00002`)).toEqual(
        all.filter((c) => c.runId === runs.second && c.field === 'memoryMb' && c.serialNumber === 'C02TEST00002'),
      );
      expect(await changes('run=00000000-0000-4000-8000-000000000000')).toEqual([]);
      expect(await changes('field=nosuchfield')).toEqual([]);
    });

    it('filters by time: since is inclusive, until exclusive', async () => {
      const all = await changes('');
      const at = all.find((c) => c.runId === runs.second)!.at;
      const since = await changes(`since=${encodeURIComponent(at)}`);
      expect(since).toEqual(all.filter((c) => c.at >= at));
      expect(since.map((c) => c.runId)).not.toContain(runs.first);
      expect(await changes(`until=${encodeURIComponent(at)}`)).toEqual(all.filter((c) => c.at < at));
      expect(await changes(`since=2000-01-01&until=${encodeURIComponent(at)}`)).toEqual(all.filter((c) => c.at < at));
    });

    it('pages with after/next through every change once (filtered too)', async () => {
      expect(await walk('/api/v1/organizations/acme/changes', 'changes', 2)).toEqual(await changes(''));
      expect(await walk('/api/v1/organizations/acme/changes?field=(created)', 'changes', 1)).toEqual(await changes('field=(created)'));
    });

    it('answers bad filters with 400 and the field path', async () => {
      for (const [query, path] of [
        ['run=not-a-uuid', 'run'],
        ['after=abc', 'after'],
        ['since=soon', 'since'],
        ['since=2026-12-02&until=2026-12-01', 'until'],
        ['serial=', 'serial'],
        // PostgreSQL text cannot hold NUL: a 400, never a database error.
        ['field=a%00b', 'field'],
      ]) {
        const res = await get(`/api/v1/organizations/acme/changes?${query}`);
        expect({ query, status: res.status, paths: res.body.error?.details?.map((d: { path: string }) => d.path) }).toEqual({ query, status: 400, paths: [path] });
      }
    });
  });

  describe('runs', () => {
    const ids = async (query: string) => {
      const res = await get(`/api/v1/organizations/acme/runs?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return res.body.runs.map((r: { id: string }) => r.id);
    };

    it('lists runs newest first, filtered by status and trigger', async () => {
      expect(await ids('')).toEqual([runs.failed, runs.webhook, runs.second, runs.first]);
      expect(await ids('status=failed')).toEqual([runs.failed]);
      expect(await ids('trigger=webhook')).toEqual([runs.webhook]);
      expect(await ids('trigger=manual&status=succeeded')).toEqual([runs.second, runs.first]);
      expect(await ids('trigger=scheduled')).toEqual([]);
    });

    it('pages with after/next through every run once, and the last page says next null', async () => {
      const walked = (await walk('/api/v1/organizations/acme/runs', 'runs', 1)) as Array<{ id: string }>;
      expect(walked.map((r) => r.id)).toEqual(await ids(''));
      const manual = (await walk('/api/v1/organizations/acme/runs?trigger=manual', 'runs', 2)) as Array<{ id: string }>;
      expect(manual.map((r) => r.id)).toEqual([runs.failed, runs.second, runs.first]);
      expect((await get('/api/v1/organizations/acme/runs?limit=10')).body.next).toBeNull();
    });

    it('answers bad filters and a cursor it did not give with 400 and the field path', async () => {
      const forged = Buffer.from(JSON.stringify({ startedAt: 'later', id: runs.first })).toString('base64url');
      for (const [query, path] of [
        ['status=done', 'status'],
        ['trigger=cron', 'trigger'],
        ['after=xyz', 'after'],
        [`after=${forged}`, 'after'],
      ]) {
        const res = await get(`/api/v1/organizations/acme/runs?${query}`);
        expect({ query, status: res.status, paths: res.body.error?.details?.map((d: { path: string }) => d.path) }).toEqual({ query, status: 400, paths: [path] });
      }
    });
  });
});
