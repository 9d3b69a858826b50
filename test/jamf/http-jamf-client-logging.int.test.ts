/**
 * Secrets never reach the logs: client secrets, passwords and bearer tokens stay out of every log
 * line the client writes, through renewals, retries, skipped records and failures.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { CLIENT_SECRET, PASSWORD, USERNAME, collect, startTestSimulator, testClient, type Simulator } from './simulator-harness';

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), text: () => lines.join('') };
}

describe('HttpJamfClient logging (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 20, mobiles: 5, faults: { tokenLifetimeSeconds: 1 } });
  });
  afterAll(() => simulator.close());

  it('logs ids, paths and statuses but never secrets or tokens', async () => {
    const { logger, text } = capturingLogger();
    await fetch(`${simulator.url}/__sim/computers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: '500', hardware: { serialNumber: 42 } }),
    });

    const client = testClient(simulator, { logger, pageSize: 3, prefetchPages: 0 });
    simulator.setFaults({ rateLimitRate: 0.3, latencyMs: 40 });
    await collect(client.streamComputers());
    simulator.setFaults({ rateLimitRate: 0, revokeTokens: true });
    await client.getComputer('1');
    await client.close();

    const wrong = testClient(simulator, { logger, auth: { kind: 'user', username: USERNAME, password: PASSWORD + '-wrong' } });
    await wrong.getComputer('1').catch(() => undefined);
    await wrong.close();

    const logged = text();
    expect(logged).toContain('"id":"500"'); // the skipped record is identified
    expect(logged).toContain('Jamf Pro request failed, retrying');
    expect(logged).not.toContain(CLIENT_SECRET);
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toMatch(/Bearer\s/);
    expect(logged).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT-shaped token
    expect(logged).not.toMatch(/Basic\s/);
  });
});
