/**
 * Load behaviour against the simulator: retries on 429/503 (honouring Retry-After), the
 * concurrency limit, timeouts and an unreachable Jamf.
 */
import { JamfUnavailableError } from '../../src/jamf/errors';
import { closedPort, collect, silentServer, startTestSimulator, testClient, type Simulator } from './simulator-harness';

describe('HttpJamfClient under load and faults (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 60, mobiles: 20 });
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.setFaults({ latencyMs: 0, rateLimitRate: 0, burst503: 0, retryAfterSeconds: 1 }));

  it('recovers from 429s, waiting what Retry-After asks (capped)', async () => {
    const delays: number[] = [];
    const client = testClient(simulator, {
      pageSize: 5,
      maxAttempts: 10,
      maxRetryAfterMs: 60_000,
      // Records the waits instead of sleeping them: the test stays fast and can see the delays.
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await client.jamfProVersion();
    simulator.setFaults({ rateLimitRate: 0.3, retryAfterSeconds: 2 });

    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));

    expect(computers).toHaveLength(60);
    expect(client.stats().retries).toBeGreaterThan(0);
    expect(delays.length).toBe(client.stats().retries);
    expect(delays.every((ms) => ms === 2_000)).toBe(true);
    await client.close();
  });

  it('recovers from a burst of 503s with jittered backoff', async () => {
    const client = testClient(simulator);
    await client.jamfProVersion();
    simulator.setFaults({ burst503: 3 });

    const computer = await client.getComputer('7');

    expect(computer?.id).toBe('7');
    expect(client.stats().retries).toBe(3);
    await client.close();
  });

  it('gives up after maxAttempts with JamfUnavailableError naming the Jamf URL', async () => {
    const client = testClient(simulator, { maxAttempts: 2 });
    await client.jamfProVersion();
    simulator.setFaults({ burst503: 5 });

    const error = await client.getComputer('7').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfUnavailableError);
    expect((error as JamfUnavailableError).reason).toBe('server-error');
    expect((error as JamfUnavailableError).code).toBe('jamf_unavailable');
    expect((error as Error).message).toContain(simulator.url.replace(/\/+$/, ''));
    await client.close();
  });

  it('never has more requests in flight than maxConcurrency', async () => {
    simulator.setFaults({ latencyMs: 25 });
    const client = testClient(simulator, { maxConcurrency: 3, pageSize: 5, prefetchPages: 2 });
    const before = simulator.stats().peakConcurrency;
    expect(before).toBeLessThanOrEqual(3);

    await Promise.all([
      collect(client.streamComputers({ sections: ['GENERAL'] })),
      collect(client.streamMobileDevices({ sections: ['GENERAL'] })),
      ...Array.from({ length: 15 }, (_, index) => client.getComputer(String(index + 1))),
    ]);

    expect(simulator.stats().peakConcurrency).toBeLessThanOrEqual(3);
    expect(client.stats().peakConcurrency).toBe(3);
    await client.close();
  });

  it('defaults to at most 5 requests in flight', async () => {
    const fresh = await startTestSimulator({ computers: 30, faults: { latencyMs: 25 } });
    try {
      const client = testClient(fresh);
      await Promise.all(Array.from({ length: 30 }, (_, index) => client.getComputer(String(index + 1))));
      expect(fresh.stats().peakConcurrency).toBeLessThanOrEqual(5);
      expect(fresh.stats().peakConcurrency).toBeGreaterThan(1);
      expect(client.stats().peakConcurrency).toBe(5);
      await client.close();
    } finally {
      await fresh.close();
    }
  });
});

describe('HttpJamfClient with Jamf unreachable or silent', () => {
  it('times out attempts that get no answer and reports JamfUnavailableError (timeout)', async () => {
    const silent = await silentServer();
    try {
      const client = testClient(silent, { timeoutMs: 100, maxAttempts: 2 });
      const error = await client.getComputer('1').catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfUnavailableError);
      expect((error as JamfUnavailableError).reason).toBe('timeout');
      expect((error as Error).message).toContain(silent.url);
      expect(client.stats().requests).toBe(2);
      await client.close();
    } finally {
      await silent.close();
    }
  });

  it('reports JamfUnavailableError with the base URL when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = testClient({ url }, { maxAttempts: 2 });

    const error = await collect(client.streamComputers()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfUnavailableError);
    expect((error as JamfUnavailableError).reason).toBe('network');
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(client.stats().requests).toBe(2);
    await client.close();
  });
});
