import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { rawClient, oauthToken } from './simulator-client';
import error401 from '../fixtures/jamf/api-error-401.json';

const INVALID_PRIVILEGE = { httpStatus: 403, errors: [{ code: 'INVALID_PRIVILEGE', description: 'Forbidden', id: '0', field: null }] };

/** A clock the test moves by hand: token expiry without sleeping. */
function fakeClock(start = Date.parse('2026-11-27T10:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const form = (fields: Record<string, string>): URLSearchParams => new URLSearchParams(fields);
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('authentication', () => {
  let simulator: RunningSimulator;
  const clock = fakeClock();
  beforeAll(async () => {
    simulator = await startSimulator({ computers: 2, mobiles: 0, now: clock.now, faults: { tokenLifetimeSeconds: 1 } });
  });
  afterAll(() => simulator.close());

  it('issues an OAuth token for the right client credentials', async () => {
    const response = await rawClient(simulator).post('/api/oauth/token', form({ grant_type: 'client_credentials', client_id: 'sim-client', client_secret: 'sim-secret' }));
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ access_token: expect.any(String), scope: 'api-role:1', token_type: 'Bearer', expires_in: 1 });
    expect((await rawClient(simulator).get('/api/v1/jamf-pro-version', bearer(response.data.access_token))).status).toBe(200);
  });

  it('refuses wrong client credentials with 400 invalid_client (as Jamf documents) and a bad grant type with 400', async () => {
    const wrong = await rawClient(simulator).post('/api/oauth/token', form({ grant_type: 'client_credentials', client_id: 'sim-client', client_secret: 'nope' }));
    expect(wrong.status).toBe(400);
    expect(wrong.data).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const grant = await rawClient(simulator).post('/api/oauth/token', form({ grant_type: 'password', client_id: 'sim-client', client_secret: 'sim-secret' }));
    expect(grant.status).toBe(400);
    expect(grant.data).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
    const none = await rawClient(simulator).post('/api/oauth/token', form({ client_id: 'sim-client', client_secret: 'sim-secret' }));
    expect(none.status).toBe(400);
  });

  it('issues a user token for Basic credentials as {token, expires}, 401 otherwise', async () => {
    const ok = await rawClient(simulator).post('/api/v1/auth/token', undefined, { headers: { authorization: basic('sim-admin', 'sim-password') } });
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ token: expect.any(String), expires: new Date(clock.now() + 1000).toISOString() });
    const bad = await rawClient(simulator).post('/api/v1/auth/token', undefined, { headers: { authorization: basic('sim-admin', 'guess') } });
    expect(bad.status).toBe(401);
    expect(bad.data).toMatchObject({ httpStatus: 401, errors: expect.any(Array) });
  });

  it('refuses missing, unknown and expired tokens with 401 INVALID_TOKEN', async () => {
    expect((await rawClient(simulator).get('/api/v3/computers-inventory')).data).toEqual(error401);
    const token = await oauthToken(simulator);
    expect((await rawClient(simulator).get('/api/v3/computers-inventory', bearer(token))).status).toBe(200);
    clock.advance(1001);
    const expired = await rawClient(simulator).get('/api/v3/computers-inventory', bearer(token));
    expect(expired.status).toBe(401);
    expect(expired.data).toEqual(error401);
  });

  it('renews with keep-alive (the old token stops working) and ends with invalidate-token', async () => {
    const login = await rawClient(simulator).post('/api/v1/auth/token', undefined, { headers: { authorization: basic('sim-admin', 'sim-password') } });
    const renewed = await rawClient(simulator).post('/api/v1/auth/keep-alive', undefined, bearer(login.data.token));
    expect(renewed.status).toBe(200);
    expect(renewed.data.token).not.toBe(login.data.token);
    expect((await rawClient(simulator).get('/api/v1/buildings', bearer(login.data.token))).status).toBe(401);
    expect((await rawClient(simulator).post('/api/v1/auth/invalidate-token', undefined, bearer(renewed.data.token))).status).toBe(204);
    expect((await rawClient(simulator).get('/api/v1/buildings', bearer(renewed.data.token))).status).toBe(401);
  });

  it('revokes every live token on demand', async () => {
    const token = await oauthToken(simulator);
    simulator.setFaults({ revokeTokens: true });
    expect((await rawClient(simulator).get('/api/v1/departments', bearer(token))).status).toBe(401);
    expect((await rawClient(simulator).get('/api/v1/departments', bearer(await oauthToken(simulator)))).status).toBe(200);
  });
});

describe('privileges', () => {
  it('answers 403 INVALID_PRIVILEGE on the endpoints of a denied privilege only', async () => {
    const simulator = await startSimulator({ computers: 3, mobiles: 1, deniedPrivileges: ['View Disk Encryption Recovery Key'] });
    try {
      const auth = bearer(await oauthToken(simulator));
      const denied = await rawClient(simulator).get('/api/v4/computers-inventory/1/filevault', auth);
      expect(denied.status).toBe(403);
      expect(denied.data).toEqual(INVALID_PRIVILEGE);
      expect((await rawClient(simulator).get('/api/v3/computers-inventory/filevault', auth)).status).toBe(403);
      expect((await rawClient(simulator).get('/api/v4/computers-inventory/1', auth)).status).toBe(200);

      simulator.setFaults({ deniedPrivileges: ['Read Mobile Devices'] });
      expect((await rawClient(simulator).get('/api/v2/mobile-devices/detail', auth)).status).toBe(403);
      expect((await rawClient(simulator).get('/api/v4/computers-inventory/1/filevault', auth)).status).toBe(200);
    } finally {
      await simulator.close();
    }
  });
});
