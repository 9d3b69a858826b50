/**
 * What the client does when the network or the address is not what it seems: redirects (never to
 * another host with a secret or token), servers that are not Jamf Pro, a JAMF_URL with a path, a
 * Jamf that never answers, and Retry-After values too long to wait.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JamfConfigError, JamfRedirectError, JamfUnavailableError } from '../../src/jamf/errors';
import { captureLogs } from '../support/log-capture';
import { CLIENT_SECRET, silentServer, startTestSimulator, testClient, type Simulator } from './simulator-harness';

interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A plain HTTP server answering with `handler`, recording every request it receives. */
async function recordingServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('redirects never carry credentials to another host', () => {
  let elsewhere: Awaited<ReturnType<typeof recordingServer>>;

  beforeEach(async () => {
    elsewhere = await recordingServer((_req, res) => json(res, 200, { access_token: 'stolen', token_type: 'Bearer', expires_in: 600 }));
  });
  afterEach(() => elsewhere.close());

  it('does not follow a 307 of the token request: the other host never receives the client secret', async () => {
    const front = await recordingServer((req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}${req.url ?? '/'}` });
      res.end();
    });
    try {
      const client = testClient(front);
      const error = await client.jamfProVersion().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfRedirectError);
      expect((error as Error).message).toContain(elsewhere.url);
      expect((error as Error).message).toContain('never sent on to a redirect target');
      expect((error as Error).message).not.toContain(CLIENT_SECRET);
      expect(front.requests).toHaveLength(1);
      expect(front.requests[0]?.body).toContain('client_secret=');
      expect(elsewhere.requests).toHaveLength(0);
      expect(client.stats().requests).toBe(1);
      await client.close();
    } finally {
      await front.close();
    }
  });

  it('follows a data request within the same origin, but not to another one (the bearer token stays home)', async () => {
    const front = await recordingServer((req, res) => {
      if (req.url === '/api/oauth/token') return json(res, 200, { access_token: 'front-token', token_type: 'Bearer', expires_in: 600 });
      if (req.url === '/api/v1/jamf-pro-version') {
        res.writeHead(301, { Location: '/api/v1/jamf-pro-version/' });
        return res.end();
      }
      if (req.url === '/api/v1/jamf-pro-version/') return json(res, 200, { version: '11.31.0-t1731000000' });
      res.writeHead(302, { Location: `${elsewhere.url}${req.url ?? '/'}` });
      res.end();
    });
    try {
      const client = testClient(front);
      await expect(client.jamfProVersion()).resolves.toMatchObject({ computerInventoryApi: 'v4' });
      expect(front.requests.filter((r) => r.url === '/api/v1/jamf-pro-version/')[0]?.authorization).toBe('Bearer front-token');

      const error = await client.getComputer('1').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JamfRedirectError);
      expect((error as Error).message).toContain('only followed to the same host');
      expect(elsewhere.requests).toHaveLength(0);
      await client.close();
    } finally {
      await front.close();
    }
  });
});

describe('messages that name the real cause', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 3, mobiles: 0 });
  });
  afterAll(() => simulator.close());

  it('a JAMF_URL with a path is told to drop the path, not to upgrade Jamf Pro', async () => {
    const client = testClient({ url: `${simulator.url}/index.html` });
    const error = await client.jamfProVersion().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfConfigError);
    expect((error as Error).message).toContain('has a path after the host ("/index.html")');
    expect((error as Error).message).toContain(`set JAMF_URL to ${simulator.url}`);
    expect((error as Error).message).not.toMatch(/upgrade/i);
    await client.close();
  });

  it('a server that is not Jamf Pro is not reported as rejecting the credentials', async () => {
    const login = await recordingServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Please sign in</body></html>');
    });
    try {
      const client = testClient(login);
      const error = await client.jamfProVersion().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfConfigError);
      expect((error as Error).message).toContain('does not look like Jamf Pro');
      expect((error as Error).message).toContain('an HTML page');
      expect((error as Error).message).not.toContain('rejected');
      await client.close();
    } finally {
      await login.close();
    }
  });

  it('a web server answering every path with 200 and a page is not mistaken for Jamf Pro either', async () => {
    const website = await recordingServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Welcome</body></html>');
    });
    try {
      const client = testClient(website, { auth: { kind: 'user', username: 'admin', password: 'not-used-here' } });
      const error = await client.jamfProVersion().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfConfigError);
      expect((error as Error).message).toContain('does not look like Jamf Pro');
      await client.close();
    } finally {
      await website.close();
    }
  });

  it('a Jamf that accepts the connection and never answers: progress while waiting, then the token request named, no page-size advice', async () => {
    const silent = await silentServer();
    const { logger, text } = captureLogs('info');
    try {
      const client = testClient(silent, { timeoutMs: 300, progressIntervalMs: 100, maxAttempts: 2, logger });
      const error = await client.jamfProVersion().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfUnavailableError);
      expect((error as JamfUnavailableError).reason).toBe('timeout');
      expect((error as Error).message).toContain('the token request (POST /api/oauth/token)');
      expect((error as Error).message).toContain('2 attempts');
      expect((error as Error).message).not.toContain('lower the page size');
      const logged = text();
      expect(logged).toContain('Still waiting for Jamf Pro');
      expect(logged).toContain('(attempt 1 of 2');
      expect(logged).toContain('(attempt 2 of 2');
      expect(logged).toContain('retrying');
      expect(logged).not.toContain(CLIENT_SECRET);
      await client.close();
    } finally {
      await silent.close();
    }
  });
});

describe('Retry-After is capped and a request has a time budget', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 3, mobiles: 0 });
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.setFaults({ rateLimitRate: 0, retryAfterSeconds: 1 }));

  const recordingSleep = () => {
    const delays: number[] = [];
    return { delays, sleep: async (ms: number) => void delays.push(ms) };
  };

  it('waits at most 60 s for a longer Retry-After, and stops once the request budget is spent', async () => {
    const { delays, sleep } = recordingSleep();
    // The harness shortens waits for speed; this test uses the real defaults (60 s cap, 180 s budget).
    const client = testClient(simulator, { maxRetryAfterMs: undefined, maxAttempts: 10, sleep });
    await client.jamfProVersion();
    simulator.setFaults({ rateLimitRate: 1, retryAfterSeconds: 90 });

    const error = await client.getComputer('1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfUnavailableError);
    expect((error as JamfUnavailableError).reason).toBe('rate-limited');
    expect(delays.length).toBeGreaterThan(0);
    expect(delays.every((ms) => ms === 60_000)).toBe(true);
    expect(delays.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(180_000);
    expect(client.stats().retries).toBe(delays.length);
    await client.close();
  });

  it('fails at once, saying so, when Retry-After asks for longer than a request may take (3600 s)', async () => {
    const { delays, sleep } = recordingSleep();
    const client = testClient(simulator, { maxRetryAfterMs: undefined, sleep });
    await client.jamfProVersion();
    const requestsBefore = client.stats().requests;
    simulator.setFaults({ rateLimitRate: 1, retryAfterSeconds: 3600 });

    const error = await client.getComputer('1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfUnavailableError);
    expect((error as Error).message).toContain('asked to wait 3600 s');
    expect(delays).toEqual([]);
    expect(client.stats().requests - requestsBefore).toBe(1);
    await client.close();
  });
});
