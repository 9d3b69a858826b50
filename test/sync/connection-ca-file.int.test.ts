import { DEFAULT_CREDENTIALS, startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { saveConnection } from '../../src/connections/connection-store';
import { defaultConfig } from '../../src/config';
import { RunFailedError, runConnectionSync } from '../../src/sync/run-connection-sync';
import { captureLogs } from '../support/log-capture';
import { TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

/**
 * Several organizations, one of them on a self-hosted Jamf Pro with its own CA: the CA file is a
 * setting of that connection (stored with it), not only the process-wide JAMF_CA_FILE.
 */
describe(`a connection's own CA file (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let certificates: TestCertificates;
  let sim: RunningSimulator;
  beforeAll(async () => {
    db = await openTestDatabase();
    certificates = makeTestCertificates();
    sim = await startSimulator({ computers: 3, mobiles: 2, tls: { cert: certificates.server.cert, key: certificates.server.key } });
    await resetDatabase(db);
  });
  afterAll(async () => {
    await sim.close();
    await db.close();
    certificates.cleanup();
  });

  const auth = { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret } as const;
  const deps = () => ({ db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: captureLogs('warn').logger });

  it('syncs the connection whose CA file names the CA', async () => {
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'onprem' }, { baseUrl: sim.url, auth, caFile: certificates.caFile });
    const report = await runConnectionSync(deps(), 'onprem', { trigger: 'manual' });
    expect(report?.status).toBe('succeeded');
    expect(report?.counts.fetched).toBe(5);
  });

  it('fails another connection to the same server at once, naming where a CA can be set', async () => {
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'other' }, { baseUrl: sim.url, auth });
    const error = await runConnectionSync(deps(), 'other', { trigger: 'manual' }).catch((caught: unknown) => caught);
    // The run is recorded failed with its code; the error carries the TLS message and the run id.
    expect(error).toBeInstanceOf(RunFailedError);
    expect(error).toMatchObject({ code: 'jamf_tls_untrusted', details: { runId: expect.any(String) } });
    expect((error as Error).message).toContain("JAMF_CA_FILE (or the connection's --ca-file)");
  });
});
