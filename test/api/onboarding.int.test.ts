import { defaultConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/service/serve';
import { DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { computer } from '../support/jamf-factories';
import { startFleetSimulator } from '../support/sync-harness';
import { openProcessDatabase } from '../support/process-database';
import { captureLogs } from '../support/log-capture';
import { testDatabaseKind } from '../support/test-database';
import { until } from '../support/until';

const API_TOKEN = 'onboarding-ops-token-0123456789abcdef';
const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
const RECOVERY_KEY = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX';

/**
 * The platform's whole onboarding of a customer, through HTTP only (issue 15, "Done when"): a real
 * `serve` (API, webhook receiver, worker) and a simulated Jamf Pro, each on its own port. The
 * platform creates the organization, connects and tests Jamf, sets up webhooks, imports its people,
 * previews the first sync (the possible duplicates listed), holds them, decides in the review
 * queue, syncs, reads what the sync did, and as ops reads one asset's secure fields with a reason.
 */
describe(`onboarding a customer through the API (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let service: RunningService;
  const logs = captureLogs('info');

  beforeAll(async () => {
    sim = await startFleetSimulator({
      computers: [
        computer({ id: 1, serial: 'C02JANE00001', email: 'jane.doe@acme.com', realname: 'Jane Doe' }),
        computer({ id: 2, serial: 'C02JANE00002', email: 'jane.doe@acme.com', realname: 'Jane Doe' }),
        computer({ id: 3, serial: 'C02ANN000001', email: 'ann.lee@acme.com', realname: 'Ann Lee' }),
        computer({ id: 4, serial: 'C02BO0000001', email: 'bo.ray@acme.com', realname: 'Bo Ray' }),
      ],
      mobileDevices: [],
      fileVaultRecoveryKeys: { '1': RECOVERY_KEY },
    });
    const config = defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(await openProcessDatabase()).env,
      API_TOKEN,
      ENCRYPTION_KEY,
      LOG_LEVEL: 'info',
    });
    service = await startService(config, logs.logger);
  });
  afterAll(async () => {
    await service?.shutdown();
    await sim?.close();
  });

  /** One API call as the platform makes it: JSON in, JSON out, the ops token. */
  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const finished = (runPath: string) =>
    until(async () => {
      const run = await api('GET', runPath);
      return run.body.status !== 'running' && run.body;
    }, `the run ${runPath} to finish`);
  const assetOf = async (serial: string) => (await api('GET', `/api/v1/organizations/acme/assets/${serial}`)).body;

  it('creates, connects, previews, reviews, syncs, follows a webhook and reads secure fields with an audit row', async () => {
    // 1. The organization, then its Jamf connection (policy hold: possible duplicates wait for a person).
    expect((await api('POST', '/api/v1/organizations', { slug: 'acme', name: 'Acme Corp' })).status).toBe(201);
    const connected = await api('PUT', '/api/v1/organizations/acme/connection', {
      baseUrl: sim.url,
      auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret },
    });
    expect(connected.status).toBe(201);
    expect(JSON.stringify(connected.body)).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
    const settings = await api('PATCH', '/api/v1/organizations/acme/connection', { employeePolicy: 'hold', fetchFileVaultKeys: true });
    expect(settings.status).toBe(200);

    // 2. The connection test: reachable, the version and inventory API, every privilege, the counts.
    const tested = await api('POST', '/api/v1/organizations/acme/connection/test');
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, reachable: true, authenticated: true, computers: 4, mobileDevices: 0 });
    expect(tested.body.privileges).toEqual(
      ['Read Computers', 'Read Mobile Devices', 'Read Departments', 'Read Buildings', 'View Disk Encryption Recovery Key'].map((privilege) => ({ privilege, status: 'granted' })),
    );

    // 3. Webhooks: what to enter in Jamf Pro.
    const setup = await api('POST', '/api/v1/organizations/acme/webhooks/credentials', { kind: 'header' });
    expect(setup.status).toBe(201);
    expect(setup.body.url).toBe(`${service.url}/webhooks/jamf/acme`);
    expect(setup.body.events).toEqual(expect.arrayContaining(['ComputerInventoryCompleted', 'ComputerAdded']));

    // 4. The platform's people, known by their personal addresses only (the seed's known pain).
    const imported = await api('POST', '/api/v1/organizations/acme/imports/employees', [
      { firstName: 'Jane', lastName: 'Doe', emails: ['jane.doe@gmail.com'] },
      { firstName: 'Ann', lastName: 'Lee', emails: ['ann.lee@gmail.com'] },
    ]);
    expect([imported.status, imported.body.created]).toEqual([200, 2]);

    // 5. The preview lists who a first sync would create and who looks like an existing employee.
    const preview = await api('POST', '/api/v1/organizations/acme/syncs', { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.counts.created).toBe(4);
    expect(preview.body.newEmployees.items.map((e: { email: string }) => e.email)).toEqual(['bo.ray@acme.com']);
    expect(
      preview.body.possibleDuplicates.items.map((d: any) => [d.email, d.held, d.resembles.map((r: { email: string }) => r.email), d.serials]),
    ).toEqual([
      ['ann.lee@acme.com', true, ['ann.lee@gmail.com'], ['C02ANN000001']],
      ['jane.doe@acme.com', true, ['jane.doe@gmail.com'], ['C02JANE00001', 'C02JANE00002']],
    ]);

    // 6. The first sync: assets created, the two possible duplicates held for review.
    const started = await api('POST', '/api/v1/organizations/acme/syncs', {});
    expect(started.status).toBe(202);
    expect(await finished(started.body.report)).toMatchObject({ status: 'succeeded', counts: { created: 4 } });
    const queue = (await api('GET', '/api/v1/organizations/acme/review')).body.heldAssignees as any[];
    expect(queue.map((q) => [q.email, q.decision])).toEqual([
      ['ann.lee@acme.com', null],
      ['jane.doe@acme.com', null],
    ]);
    expect((await assetOf('C02JANE00001')).assigneeEmail).toBeNull();

    // 7. Decisions: Jane's work address is a new employee; Ann's is the Ann the platform knows.
    const jane = queue.find((q) => q.email === 'jane.doe@acme.com');
    const ann = queue.find((q) => q.email === 'ann.lee@acme.com');
    expect((await api('POST', `/api/v1/organizations/acme/review/${jane.id}/approve`)).status).toBe(200);
    expect((await api('POST', `/api/v1/organizations/acme/review/${ann.id}/link`, { email: 'ann.lee@gmail.com' })).status).toBe(200);
    expect((await assetOf('C02JANE00001')).assigneeEmail).toBe('jane.doe@acme.com');
    expect((await assetOf('C02JANE00002')).assigneeEmail).toBe('jane.doe@acme.com');
    const anns = (await api('GET', '/api/v1/organizations/acme/employees?email=ann.lee')).body.employees as any[];
    expect(anns).toHaveLength(1);
    expect(anns[0].emails.map((e: any) => (typeof e === 'string' ? e : e.email)).sort()).toEqual(['ann.lee@acme.com', 'ann.lee@gmail.com']);
    expect(anns[0].assetCount).toBe(1);

    // 8. A webhook with the answered credential: the device is fetched again and its asset updated.
    sim.store.patch('computers', '4', { hardware: { totalRamMegabytes: 65536 } });
    const auth = { header: { name: setup.body.authentication.header.name, value: setup.body.authentication.header.value } };
    expect((await sim.sendWebhook({ url: setup.body.url, event: 'ComputerInventoryCompleted', deviceId: '4', auth })).status).toBe(202);
    await until(async () => (await assetOf('C02BO0000001')).memoryMb === 65536 || null, 'the webhook to update the asset');

    // 9. What the sync did: assets, field changes, runs.
    const assets = await api('GET', '/api/v1/organizations/acme/assets?limit=10');
    expect(assets.body.assets.map((a: { serialNumber: string }) => a.serialNumber)).toEqual(['C02ANN000001', 'C02BO0000001', 'C02JANE00001', 'C02JANE00002']);
    const changes = await api('GET', '/api/v1/organizations/acme/changes?serial=C02BO0000001&field=memoryMb');
    expect(changes.body.changes.map((c: any) => [c.old, c.new])).toEqual([[16384, 65536]]);
    const runs = await api('GET', '/api/v1/organizations/acme/runs');
    expect(runs.body.runs.map((r: { trigger: string; status: string }) => [r.trigger, r.status])).toEqual([
      ['webhook', 'succeeded'],
      ['manual', 'succeeded'],
    ]);

    // 10. Ops reads one asset's secure fields, giving a reason; the audit row is written and listed.
    const secure = await api('GET', `/api/v1/organizations/acme/assets/C02JANE00001/secure?reason=${encodeURIComponent('TICKET-42 locked out')}`);
    expect(secure.status).toBe(200);
    expect(secure.body).toMatchObject({ serialNumber: 'C02JANE00001', recoveryKey: RECOVERY_KEY });
    const audit = await api('GET', '/api/v1/audit?organization=acme');
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ id: secure.body.auditId, action: 'secure_fields.read', organization: 'acme', target: 'C02JANE00001', reason: 'TICKET-42 locked out', actor: 'API_TOKEN' }),
    ]);
    expect(audit.body.entries[0].fields).toEqual(expect.arrayContaining(['recoveryKey']));
    // Nowhere else: no other answer above held the key, nor did the logs.
    for (const answer of [assets, changes, runs, await api('GET', '/api/v1/organizations/acme/assets/C02JANE00001')]) {
      expect(JSON.stringify(answer.body)).not.toContain(RECOVERY_KEY);
    }
    expect(logs.lines().join('\n')).not.toContain(RECOVERY_KEY);
  }, 180_000);
});
