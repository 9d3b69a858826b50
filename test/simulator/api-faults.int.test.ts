import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { apiClient, oauthToken, rawClient } from './simulator-client';

let simulator: RunningSimulator;
beforeEach(async () => {
  simulator = await startSimulator({ computers: 20, mobiles: 5, seed: 4 });
});
afterEach(() => simulator.close());

describe('fault injection', () => {
  it('answers 429 with Retry-After for the configured share', async () => {
    const api = await apiClient(simulator);
    simulator.setFaults({ rateLimitRate: 1, retryAfterSeconds: 3 });
    const response = await api.get('/api/v4/computers-inventory');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    simulator.setFaults({ rateLimitRate: 0 });
    expect((await api.get('/api/v4/computers-inventory')).status).toBe(200);
  });

  it('answers the next N data requests 503, then recovers; token requests are spared', async () => {
    simulator.setFaults({ burst503: 2 });
    const api = await apiClient(simulator);
    expect((await api.get('/api/v1/departments')).status).toBe(503);
    expect((await api.get('/api/v1/departments')).status).toBe(503);
    expect((await api.get('/api/v1/departments')).status).toBe(200);
  });

  it('fails the same requests with 500 for the same seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const sim = await startSimulator({ computers: 2, mobiles: 0, seed: 77, faults: { errorRate: 0.5 } });
      try {
        const api = await apiClient(sim);
        const seen: number[] = [];
        for (let i = 0; i < 20; i++) seen.push((await api.get('/api/v1/buildings')).status);
        return seen;
      } finally {
        await sim.close();
      }
    };
    const first = await statuses();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });

  it('counts peak concurrency across the latency wait', async () => {
    const api = await apiClient(simulator);
    simulator.setFaults({ latencyMs: 150 });
    simulator.resetStats();
    await Promise.all(Array.from({ length: 5 }, () => api.get('/api/v1/departments')));
    const stats = simulator.stats();
    expect(stats.requests).toBe(5);
    expect(stats.peakConcurrency).toBe(5);
    expect(stats.inFlight).toBe(0);
    expect(stats.byPath).toEqual({ '/api/v1/departments': 5 });

    simulator.resetStats();
    for (let i = 0; i < 3; i++) await api.get('/api/v4/computers-inventory-detail/1');
    expect(simulator.stats()).toMatchObject({ requests: 3, peakConcurrency: 1, byPath: { '/api/v4/computers-inventory-detail/:id': 3 } });
  });

  it('changes faults and reads stats over the control API', async () => {
    const control = rawClient(simulator);
    const set = await control.post('/__sim/faults', { rateLimitRate: 1, retryAfterSeconds: 9 });
    expect(set.status).toBe(200);
    expect(set.data).toMatchObject({ rateLimitRate: 1, retryAfterSeconds: 9 });
    const token = await oauthToken(simulator);
    const limited = await control.get('/api/v1/buildings', { headers: { authorization: `Bearer ${token}` } });
    expect(limited.headers['retry-after']).toBe('9');
    expect((await control.post('/__sim/faults', { errorRate: 2 })).status).toBe(400);
    expect((await control.post('/__sim/faults', { nonsense: true })).status).toBe(400);

    const stats = (await control.get('/__sim/stats')).data;
    expect(stats).toMatchObject({ requests: 2, byPath: { '/api/oauth/token': 1, '/api/v1/buildings': 1 } });
    expect((await control.post('/__sim/stats/reset')).data).toMatchObject({ requests: 0, byPath: {} });
  });
});
