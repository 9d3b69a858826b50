import axios from 'axios';
import { sql } from 'drizzle-orm';
import { startTenantSimulator, type RunningTenantSimulator } from '../../src/simulator/start-tenant-simulator';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { TEST_SECRET_BOX } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { saveConnection } from '../../src/connections/connection-store';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

const http = axios.create({ validateStatus: () => true });

async function token(baseUrl: string, clientId: string, clientSecret: string) {
  return http.post(`${baseUrl}/api/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
}

describe('the simulator with many tenants, over HTTP', () => {
  let sim: RunningTenantSimulator;
  beforeAll(async () => {
    sim = await startTenantSimulator({
      tenants: [
        { name: 'acme', computers: 7, mobiles: 3, seed: 1, clientId: 'acme-client', clientSecret: 'acme-secret', jamfVersion: '11.31.0-t1731000000' },
        { name: 'globex', computers: 4, mobiles: 0, seed: 2, clientId: 'globex-client', clientSecret: 'globex-secret', jamfVersion: '11.2.1-t1707143529', faults: { latencyMs: 30 } },
      ],
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("serves each tenant under /t/<name> with its own credentials, version and fleet; another tenant's credentials are refused", async () => {
    const acme = sim.tenant('acme').url;
    const globex = sim.tenant('globex').url;
    expect(acme).toBe(`${sim.url}/t/acme`);

    const acmeToken = await token(acme, 'acme-client', 'acme-secret');
    expect(acmeToken.status).toBe(200);
    expect((await token(globex, 'acme-client', 'acme-secret')).data).toMatchObject({ error: 'invalid_client' });
    const globexToken = await token(globex, 'globex-client', 'globex-secret');
    const auth = (t: typeof acmeToken) => ({ headers: { authorization: `Bearer ${t.data.access_token}` } });

    expect((await http.get(`${acme}/api/v1/jamf-pro-version`, auth(acmeToken))).data).toEqual({ version: '11.31.0-t1731000000' });
    expect((await http.get(`${globex}/api/v1/jamf-pro-version`, auth(globexToken))).data).toEqual({ version: '11.2.1-t1707143529' });
    expect((await http.get(`${acme}/api/v4/computers-inventory`, auth(acmeToken))).data.totalCount).toBe(7);
    expect((await http.get(`${globex}/api/v1/computers-inventory`, auth(globexToken))).data.totalCount).toBe(4);
    // globex plays 11.2.1, before /api/v3 and /api/v4 existed.
    expect((await http.get(`${globex}/api/v4/computers-inventory`, auth(globexToken))).status).toBe(404);
    // A token is good on its own tenant only.
    expect((await http.get(`${globex}/api/v1/computers-inventory`, auth(acmeToken))).status).toBe(401);
  });

  it('keeps faults, control and stats per tenant, and counts them all at /__sim/stats', async () => {
    await http.post(`${sim.url}/__sim/stats/reset`);
    const before = { acme: sim.tenant('acme').stats().requests, globex: sim.tenant('globex').stats().requests };
    const added = await http.post(`${sim.tenant('acme').url}/__sim/computers`, { general: { name: 'Added' }, hardware: { serialNumber: 'ADDED0001' } });
    expect(added.status).toBe(201);
    expect(sim.tenant('acme').store.count('computers')).toBe(8);
    expect(sim.tenant('globex').store.count('computers')).toBe(4);

    expect((await http.get(`${sim.tenant('globex').url}/__sim/faults`)).data.latencyMs).toBe(30);
    expect((await http.get(`${sim.tenant('acme').url}/__sim/faults`)).data.latencyMs).toBe(0);

    await token(sim.tenant('acme').url, 'acme-client', 'acme-secret');
    await token(sim.tenant('acme').url, 'acme-client', 'acme-secret');
    await token(sim.tenant('globex').url, 'globex-client', 'globex-secret');
    expect(sim.tenant('acme').stats().requests - before.acme).toBe(2);
    expect(sim.tenant('globex').stats().requests - before.globex).toBe(1);
    const overall = (await http.get(`${sim.url}/__sim/stats`)).data;
    expect(overall).toMatchObject({ requests: 3, byPath: { '/api/oauth/token': 3 } });
    expect(overall.byTenant).toEqual({ acme: sim.tenant('acme').stats().requests, globex: sim.tenant('globex').stats().requests });

    const listed = (await http.get(`${sim.url}/__sim/tenants`)).data;
    expect(listed).toEqual([
      expect.objectContaining({ name: 'acme', path: '/t/acme', clientId: 'acme-client', jamfVersion: '11.31.0-t1731000000', computers: 8, mobileDevices: 3, latencyMs: 0 }),
      expect.objectContaining({ name: 'globex', path: '/t/globex', clientId: 'globex-client', computers: 4, latencyMs: 30 }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('secret');
  });

  it('answers 404 for an unknown tenant and for paths outside /t/<name>', async () => {
    expect((await http.get(`${sim.url}/t/nobody/api/v1/jamf-pro-version`)).status).toBe(404);
    const root = await http.get(`${sim.url}/api/v1/jamf-pro-version`);
    expect(root.status).toBe(404);
    expect(root.data.error).toMatch(/\/t\/<name>/);
  });

  it('refuses a bad or repeated tenant name before listening', async () => {
    await expect(startTenantSimulator({ tenants: [{ name: 'Bad Name' }] })).rejects.toThrow(/Invalid tenant name/);
    await expect(startTenantSimulator({ tenants: [{ name: 'a' }, { name: 'a' }] })).rejects.toThrow(/given twice/);
  });
});

describe(`syncing organizations from tenants of one simulator (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let sim: RunningTenantSimulator;
  beforeAll(async () => {
    db = await openTestDatabase();
    sim = await startTenantSimulator({
      tenants: [
        { name: 'north', computers: 12, mobiles: 5, seed: 11, clientId: 'north-client', clientSecret: 'north-secret' },
        { name: 'south', computers: 3, mobiles: 9, seed: 12, clientId: 'south-client', clientSecret: 'south-secret', jamfVersion: '11.20.0-t1720000000' },
      ],
    });
  });
  afterAll(async () => {
    await sim?.close();
    await db?.close();
  });

  it("each organization's connection to its tenant's URL syncs that tenant's fleet and no other", async () => {
    const logs = captureLogs();
    const deps = { db: db.db, logger: logs.logger, config: defaultConfig(), box: TEST_SECRET_BOX };
    const fleetSize = (name: string) => sim.tenant(name).store.count('computers') + sim.tenant(name).store.count('mobileDevices');
    const created: Record<string, number> = {};
    for (const name of ['north', 'south']) {
      await saveConnection(db.db, TEST_SECRET_BOX, { slug: name }, { baseUrl: sim.tenant(name).url, auth: { kind: 'client', clientId: `${name}-client`, clientSecret: `${name}-secret` } });
      const report = await runConnectionSync(deps, name, { trigger: 'manual' });
      expect(report).toMatchObject({ status: 'succeeded', counts: { fetched: fleetSize(name) } });
      created[name] = report!.counts.created;
    }
    // Every asset of an organization came from its own tenant: as many as its run created.
    const counts = await selectRows<{ slug: string; n: number }>(db.db, sql`select o.slug, count(a.id)::int as n from organizations o left join assets a on a.organization_id = o.id group by o.slug order by o.slug`);
    expect(counts.map((c) => [c.slug, c.n])).toEqual([
      ['north', created.north],
      ['south', created.south],
    ]);
    expect(counts[0].n).toBeGreaterThan(0);
    expect(sim.tenant('north').stats().requests).toBeGreaterThan(0);
    expect(sim.tenant('south').stats().requests).toBeGreaterThan(0);
  });
});

describe('jamf-sync simulator --tenants', () => {
  it('serves the tenants it was told, each with its derived credentials, and stops on SIGTERM', async () => {
    const cli = runCli(['simulator', '--tenants', '3', '--computers', '2', '--mobiles', '1', '--latency-ms', '5', '--jamf-versions', '11.31.0-t1731000000,10.49.0-t1690000000'], {});
    const ready = /^Jamf Pro simulator listening on (http:\/\/127\.0\.0\.1:\d+) \(3 tenants under \/t\/<name>: tenant-001 … tenant-003\)$/m;
    const url = ready.exec(await cli.waitFor(ready))![1];
    const listed = (await http.get(`${url}/__sim/tenants`)).data;
    expect(listed.map((t: { name: string; jamfVersion: string; latencyMs: number }) => [t.name, t.jamfVersion, t.latencyMs])).toEqual([
      ['tenant-001', '11.31.0-t1731000000', 5],
      ['tenant-002', '10.49.0-t1690000000', 5],
      ['tenant-003', '11.31.0-t1731000000', 5],
    ]);
    const t2 = `${url}/t/tenant-002`;
    const ok = await token(t2, 'sim-client-tenant-002', 'sim-secret-tenant-002');
    expect(ok.status).toBe(200);
    expect((await token(t2, 'sim-client', 'sim-secret')).status).toBe(400);
    const inventory = await http.get(`${t2}/api/v1/computers-inventory`, { headers: { authorization: `Bearer ${ok.data.access_token}` } });
    expect(inventory.data.totalCount).toBe(2);
    expect((await cli.stop('SIGTERM')).code).toBe(0);
  }, timeoutForChildWaits(2));
});
