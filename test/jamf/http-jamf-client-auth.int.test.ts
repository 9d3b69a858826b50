/**
 * Tokens and credentials against the simulator: renewal before expiry, one renewal for many 401s,
 * wrong credentials and missing privileges.
 */
import { JamfAuthError, JamfPermissionError } from '../../src/jamf/errors';
import {
  CLIENT_ID,
  PASSWORD,
  USERNAME,
  collect,
  requestsTo,
  startTestSimulator,
  testClient,
  type Simulator,
} from './simulator-harness';

const OAUTH_TOKEN = '/api/oauth/token';
const USER_TOKEN = '/api/v1/auth/token';

describe('HttpJamfClient tokens (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 40, mobiles: 5 });
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.setFaults({ latencyMs: 0, tokenLifetimeSeconds: 1800 }));

  it('renews a short-lived token before it expires while a stream outlives it', async () => {
    simulator.setFaults({ tokenLifetimeSeconds: 1, latencyMs: 120 });
    const client = testClient(simulator, { pageSize: 4, prefetchPages: 0 });
    const tokensBefore = requestsTo(simulator, OAUTH_TOKEN);

    // 11 pages at >= 120 ms each: the stream runs well past the 1 s token lifetime.
    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));

    expect(computers).toHaveLength(40);
    expect(requestsTo(simulator, OAUTH_TOKEN) - tokensBefore).toBeGreaterThanOrEqual(2);
    expect(client.stats().tokenRequests).toBe(requestsTo(simulator, OAUTH_TOKEN) - tokensBefore);
    await client.close();
  });

  it('recovers with a single renewal when Jamf rejects an expired token mid-stream', async () => {
    // 2 s tokens and 21 pages of >= 120 ms: the stream outlives at least one token, and a retry
    // sent right after a renewal cannot meet an expired token even on a slow machine.
    simulator.setFaults({ tokenLifetimeSeconds: 2, latencyMs: 120 });
    // A frozen clock makes the client believe its token is still fresh, so only Jamf's 401 tells it.
    const frozen = Date.now();
    const client = testClient(simulator, { pageSize: 2, prefetchPages: 0, now: () => frozen });
    const tokensBefore = requestsTo(simulator, OAUTH_TOKEN);
    const unauthorizedBefore = simulator.stats().byStatus['401'] ?? 0;

    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));

    expect(computers).toHaveLength(40);
    const renewals = requestsTo(simulator, OAUTH_TOKEN) - tokensBefore;
    const unauthorized = (simulator.stats().byStatus['401'] ?? 0) - unauthorizedBefore;
    expect(unauthorized).toBeGreaterThanOrEqual(1);
    // One initial token, then exactly one new token per 401 seen (each retry succeeded).
    expect(renewals).toBe(1 + unauthorized);
    await client.close();
  });

  it('answers five in-flight requests whose token is revoked with exactly one new token request (no storm)', async () => {
    const client = testClient(simulator);
    await client.jamfProVersion(); // holds a token now
    // The simulator checks the token after its latency, so revoking during the wait hits all five.
    simulator.setFaults({ latencyMs: 300 });
    const tokensBefore = requestsTo(simulator, OAUTH_TOKEN);
    const unauthorizedBefore = simulator.stats().byStatus['401'] ?? 0;

    const inFlight = Promise.all(['1', '2', '3', '4', '5'].map((id) => client.getComputer(id)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    simulator.setFaults({ revokeTokens: true });
    const computers = await inFlight;

    expect(computers.map((computer) => computer?.id)).toEqual(['1', '2', '3', '4', '5']);
    expect((simulator.stats().byStatus['401'] ?? 0) - unauthorizedBefore).toBe(5);
    expect(requestsTo(simulator, OAUTH_TOKEN) - tokensBefore).toBe(1);
    await client.close();
  });

  it('authenticates with user credentials (Basic → bearer) as a fallback', async () => {
    const client = testClient(simulator, { auth: { kind: 'user', username: USERNAME, password: PASSWORD } });
    const before = requestsTo(simulator, USER_TOKEN);
    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));
    expect(computers).toHaveLength(40);
    expect(requestsTo(simulator, USER_TOKEN) - before).toBe(1);
    await client.close();
  });

  it('reports wrong API client credentials as JamfAuthError naming what to check, without the secret', async () => {
    const client = testClient(simulator, { auth: { kind: 'client', clientId: CLIENT_ID, clientSecret: 'not-the-secret' } });
    const error = await collect(client.streamComputers()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JamfAuthError);
    const message = (error as JamfAuthError).message;
    expect((error as JamfAuthError).code).toBe('jamf_auth_failed');
    expect(message).toContain(CLIENT_ID);
    expect(message).toContain('JAMF_CLIENT_ID / JAMF_CLIENT_SECRET');
    expect(message).not.toContain('not-the-secret');
    expect(JSON.stringify((error as JamfAuthError).details)).not.toContain('not-the-secret');
    await client.close();
  });

  it('reports wrong user credentials as JamfAuthError', async () => {
    const client = testClient(simulator, { auth: { kind: 'user', username: USERNAME, password: 'wrong-password' } });
    const error = await client.getComputer('1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JamfAuthError);
    expect((error as Error).message).toContain('JAMF_USERNAME / JAMF_PASSWORD');
    expect((error as Error).message).not.toContain('wrong-password');
    await client.close();
  });

  it('never sends more than one token request for a burst of concurrent first calls', async () => {
    const client = testClient(simulator);
    const before = requestsTo(simulator, OAUTH_TOKEN);
    await Promise.all(['1', '2', '3', '4', '5', '6', '7', '8'].map((id) => client.getComputer(id)));
    expect(requestsTo(simulator, OAUTH_TOKEN) - before).toBe(1);
    await client.close();
  });
});

describe('HttpJamfClient missing privileges (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({
      computers: 3,
      mobiles: 3,
      deniedPrivileges: ['Read Computers', 'Read Mobile Devices', 'View Disk Encryption Recovery Key', 'Read Departments'],
    });
  });
  afterAll(() => simulator.close());

  it.each([
    ['streamComputers', 'Read Computers', (client: ReturnType<typeof testClient>) => collect(client.streamComputers())],
    ['streamMobileDevices', 'Read Mobile Devices', (client: ReturnType<typeof testClient>) => collect(client.streamMobileDevices())],
    ['getFileVaultKey', 'View Disk Encryption Recovery Key', (client: ReturnType<typeof testClient>) => client.getFileVaultKey('1')],
    ['departmentName', 'Read Departments', (client: ReturnType<typeof testClient>) => client.departmentName('1')],
  ])('%s → JamfPermissionError naming "%s"', async (_name, privilege, call) => {
    const client = testClient(simulator);
    const error = await call(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JamfPermissionError);
    expect((error as JamfPermissionError).privilege).toBe(privilege);
    expect((error as JamfPermissionError).message).toContain(`"${privilege}"`);
    expect((error as JamfPermissionError).code).toBe('jamf_permission_denied');
    await client.close();
  });

  it('still serves what the client may read', async () => {
    const client = testClient(simulator);
    expect(await client.buildingName('999999')).toBeNull();
    await client.close();
  });
});
