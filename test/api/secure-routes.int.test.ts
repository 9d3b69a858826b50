import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter, apiRoutes } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { SecretBox } from '../../src/crypto/secret-box';
import { selectRows } from '../../src/db/query';
import { createToken } from '../../src/tokens/token-store';
import { exportAssets } from '../../src/inventory/export-assets';
import { exportChanges } from '../../src/inventory/export-changes';
import { exportEmployees } from '../../src/inventory/export-employees';
import { exportRuns } from '../../src/inventory/export-runs';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';

const RECOVERY_KEYS: Record<string, string> = { '1': 'K7PQ-2MXR-99ZT-LLW4-H3DC-0QXB', '2': 'T2VN-88RE-WQ1Z-MM5K-7YHU-PL0A' };
const APPLE_CARE_ID = 'ACX-SECRET-0001';
const SECRETS = [...Object.values(RECOVERY_KEYS), APPLE_CARE_ID];
const SERIAL = 'C02TEST00001';
const FIELDS = ['activationLockEnabled', 'recoveryLockEnabled', 'appleCareId', 'recoveryKey'];

/** GET …/assets/:serial/secure (ops, reason required, audited before answering) and GET /api/v1/audit (issue 15, "Secure fields", R12). */
describe(`HTTP API: secure fields and the audit trail (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  const tokens: Record<'ops' | 'admin' | 'reader', { token: string; prefix: string }> = {} as never;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(
      db,
      {
        computers: [computer({ id: 1, activationLock: true, recoveryLock: true, appleCareId: APPLE_CARE_ID }), computer({ id: 2 })],
        mobileDevices: [mobile({ id: 50 })],
        fileVaultRecoveryKeys: RECOVERY_KEYS,
      },
      { settings: { fetchFileVaultKeys: true } },
    );
    expect((await h.sync()).counts.recoveryKeysStored).toBe(2);
    for (const [name, role] of [['ops', 'ops'], ['admin', 'admin'], ['reader', 'reader']] as const) {
      const created = await createToken(db.db, { role, org: role === 'ops' ? undefined : 'acme' });
      tokens[name] = { token: created.token, prefix: created.summary.prefix };
    }
  });
  afterEach(async () => {
    await db.db.execute(sql`truncate audit_log, secure_field_reads`);
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = (box: SecretBox | null = TEST_SECRET_BOX) =>
    createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig(), box, logger: h.logs.logger })],
    });
  const get = (path: string, token = tokens.ops.token, box?: SecretBox | null) => request(app(box)).get(path).set('authorization', `Bearer ${token}`);
  const secure = (query: string, options: { token?: string; box?: SecretBox | null; serial?: string } = {}) =>
    get(`/api/v1/organizations/acme/assets/${options.serial ?? SERIAL}/secure${query}`, options.token, options.box);
  const written = async () => ({
    audit: await selectRows(db.db, sql`select * from audit_log`),
    keyReads: await selectRows(db.db, sql`select * from secure_field_reads`),
  });
  const nothingWritten = { audit: [], keyReads: [] };

  it('answers ops the recovery key, activation lock, recovery lock and AppleCare ID, after writing the audit row it names', async () => {
    const res = await secure(`?reason=${encodeURIComponent('TICKET-42 locked out')}`, { serial: SERIAL.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      serialNumber: SERIAL,
      recoveryKey: RECOVERY_KEYS['1'],
      activationLockEnabled: true,
      recoveryLockEnabled: true,
      appleCareId: APPLE_CARE_ID,
      auditId: expect.any(String),
    });
    const audit = await get('/api/v1/audit');
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual({
      entries: [
        {
          id: res.body.auditId,
          at: expect.any(String),
          actor: tokens.ops.prefix,
          role: 'ops',
          action: 'secure_fields.read',
          organization: 'acme',
          target: SERIAL,
          fields: FIELDS,
          reason: 'TICKET-42 locked out',
        },
      ],
      next: null,
    });
    // The recovery key read is in the same trail `export assets --include-secure` writes.
    const { keyReads } = await written();
    expect(keyReads).toEqual([expect.objectContaining({ actor: `api:${tokens.ops.prefix}`, field: 'recoveryKey', reason: 'TICKET-42 locked out' })]);
  });

  it('answers no fields when the audit row cannot be written: no trail, no answer', async () => {
    await db.db.execute(sql`alter table audit_log rename to audit_log_elsewhere`);
    try {
      const res = await secure('?reason=outage');
      expect(res.status).toBe(500);
      for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
    } finally {
      await db.db.execute(sql`alter table audit_log_elsewhere rename to audit_log`);
    }
    expect(await written()).toEqual(nothingWritten);
  });

  it('refuses a read without a reason (400 on reason), and by an admin or a reader (403), writing nothing', async () => {
    for (const query of ['', '?reason=', `?reason=${encodeURIComponent('   ')}`, `?reason=${'x'.repeat(501)}`, '?reason=a%00b']) {
      const res = await secure(query);
      expect({ query, status: res.status, paths: res.body.error?.details?.map((d: { path: string }) => d.path) }).toEqual({ query, status: 400, paths: ['reason'] });
    }
    for (const who of ['admin', 'reader'] as const) {
      const res = await secure('?reason=curious', { token: tokens[who].token });
      expect({ who, status: res.status, code: res.body.error.code }).toEqual({ who, status: 403, code: 'forbidden' });
    }
    expect((await get('/api/v1/audit', tokens.admin.token)).status).toBe(403);
    expect(await written()).toEqual(nothingWritten);
  });

  it('answers 404 for an unknown serial and 503 when no key can decrypt the recovery key, writing nothing', async () => {
    expect((await secure('?reason=x', { serial: 'NOSUCHSERIAL' })).status).toBe(404);
    const none = await secure('?reason=x', { box: null });
    expect({ status: none.status, code: none.body.error.code }).toEqual({ status: 503, code: 'encryption_key_missing' });
    const other = await secure('?reason=x', { box: new SecretBox([Buffer.alloc(32, 9).toString('base64')]) });
    expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 503, code: 'encryption_key_not_configured' });
    expect(other.body.error.message).toMatch(/ENCRYPTION_KEY/);
    expect(await written()).toEqual(nothingWritten);
    // A device without a stored recovery key (the mobile) needs no key to decrypt with: its other fields answer.
    const assets: Array<{ serialNumber: string }> = (await get('/api/v1/organizations/acme/assets')).body.assets;
    const handheld = assets.find((a) => !a.serialNumber.startsWith('C02TEST'))!;
    const res = await secure('?reason=x', { box: null, serial: handheld.serialNumber });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serialNumber: handheld.serialNumber, recoveryKey: null });
    expect((await written()).keyReads).toEqual([]);
  });

  it('lists audit rows newest first, filtered by organization and action, paged by cursor', async () => {
    for (const reason of ['one', 'two', 'three']) expect((await secure(`?reason=${reason}`)).status).toBe(200);
    const reasons = async (query: string) => (await get(`/api/v1/audit?${query}`)).body.entries.map((e: { reason: string }) => e.reason);
    expect(await reasons('')).toEqual(['three', 'two', 'one']);
    expect(await reasons('organization=acme&action=secure_fields.read')).toEqual(['three', 'two', 'one']);
    expect(await reasons('organization=globex')).toEqual([]);
    expect(await reasons('action=organization.delete_forced')).toEqual([]);
    const seen: string[] = [];
    let after: string | null = '';
    while (after !== null) {
      const res = await get(`/api/v1/audit?limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.entries.map((e: { reason: string }) => e.reason));
      after = res.body.next;
      expect(seen.length).toBeLessThan(5);
    }
    expect(seen).toEqual(['three', 'two', 'one']);
    const bad = await get('/api/v1/audit?after=nope');
    expect({ status: bad.status, path: bad.body.error.details[0].path }).toEqual({ status: 400, path: 'after' });
  });

  it('a recovery key that does not decrypt is refused (409) and forgotten for the next sync, unrecorded', async () => {
    const [stored] = await selectRows<{ ciphertext: string }>(
      db.db,
      sql`select s.recovery_key_ciphertext as ciphertext from asset_secure_fields s join assets a on a.id = s.asset_id where a.serial_number = 'C02TEST00002'`,
    );
    const damaged = stored.ciphertext.slice(0, -4) + (stored.ciphertext.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await db.db.execute(sql`update asset_secure_fields set recovery_key_ciphertext = ${damaged} where recovery_key_ciphertext = ${stored.ciphertext}`);
    const res = await secure('?reason=x', { serial: 'C02TEST00002' });
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 409, code: 'recovery_key_unreadable' });
    expect(await written()).toEqual(nothingWritten);
    const [after] = await selectRows<{ fingerprint: string | null }>(
      db.db,
      sql`select recovery_key_fingerprint as fingerprint from asset_secure_fields where recovery_key_ciphertext = ${damaged}`,
    );
    expect(after.fingerprint).toBeNull();
    // The next sync stores it again, and it reads.
    expect((await h.sync()).counts.recoveryKeysStored).toBe(1);
    expect((await secure('?reason=x', { serial: 'C02TEST00002' })).body.recoveryKey).toBe(RECOVERY_KEYS['2']);
  });

  it('no other route, export without --include-secure, error or log line holds a secure field', async () => {
    // Something to find: a read that answered them, so a leak into the trail or a cache would show.
    expect((await secure('?reason=leak%20check')).body.recoveryKey).toBe(RECOVERY_KEYS['1']);
    const [runId] = (await get('/api/v1/organizations/acme/runs')).body.runs.map((r: { id: string }) => r.id);
    const [employeeId] = (await get('/api/v1/organizations/acme/employees')).body.employees.map((e: { id: string }) => e.id);
    const values: Record<string, string> = { org: 'acme', serial: SERIAL, id: employeeId };
    const answers: string[] = [];
    const declared = apiRoutes({ db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: h.logs.logger, startSync: async () => ({ dryRun: true, report: null }) });
    const gets = declared.filter((r) => r.method === 'get' && !r.path.endsWith('/secure'));
    for (const route of gets) {
      for (const path of [route.path, route.path.replace(/:serial/, 'NOSUCHSERIAL')]) {
        const called = path
          .replace('/runs/:id', `/runs/${runId}`)
          .replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'x');
        const res = await get(called);
        answers.push(`${called} ${res.status} ${res.text}`);
      }
    }
    // A preview, which plans every field a run would write.
    const preview = await request(app()).post('/api/v1/organizations/acme/syncs').set('authorization', `Bearer ${tokens.ops.token}`).send({ dryRun: true });
    expect(preview.status).toBe(200);
    answers.push(preview.text);
    expect(answers.filter((a) => / 200 /.test(a)).length).toBeGreaterThanOrEqual(gets.length);

    let exported = '';
    const sink = { write: async (chunk: string) => void (exported += chunk) };
    for (const format of ['json', 'csv'] as const) {
      await exportAssets({ db: db.db, box: TEST_SECRET_BOX }, sink, { organizationSlug: 'acme', format, actor: 'test' });
      await exportChanges({ db: db.db }, sink, { organizationSlug: 'acme', format });
      await exportEmployees({ db: db.db }, sink, { organizationSlug: 'acme', format });
      await exportRuns({ db: db.db }, sink, { organizationSlug: 'acme', format });
    }
    expect(exported).toContain(SERIAL);

    const logs = h.logs.text();
    expect(logs).toContain('/secure');
    for (const secret of SECRETS) {
      expect(answers.filter((a) => a.includes(secret))).toEqual([]);
      expect(exported).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
