/**
 * HTTPS with a private CA, as a self-hosted Jamf Pro has: the simulator serves a certificate made
 * at test time. An untrusted certificate fails at once (no retries) with a message naming the
 * setting; the CA given as `caCertificates` (JAMF_CA_FILE) is added to the default trust.
 */
import { JamfTlsError } from '../../src/jamf/errors';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';
import { collect, startTestSimulator, testClient, type Simulator } from './simulator-harness';

describe('HttpJamfClient over HTTPS with a private CA (simulator)', () => {
  let certificates: TestCertificates;
  let simulator: Simulator;

  beforeAll(async () => {
    certificates = makeTestCertificates();
    simulator = await startTestSimulator({ computers: 12, mobiles: 3, tls: { cert: certificates.server.cert, key: certificates.server.key } });
  });
  afterAll(async () => {
    await simulator.close();
    certificates.cleanup();
  });

  it('serves HTTPS', () => {
    expect(simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('fails at once on a certificate from an unknown CA, naming JAMF_CA_FILE', async () => {
    const client = testClient(simulator, { maxAttempts: 5 });
    const error = await client.jamfProVersion().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(JamfTlsError);
    expect((error as JamfTlsError).code).toBe('jamf_tls_untrusted');
    expect((error as Error).message).toContain('set JAMF_CA_FILE');
    expect((error as Error).message).toContain('Verification cannot be turned off');
    expect(client.stats().requests).toBe(1);
    expect(client.stats().retries).toBe(0);
    await client.close();
  });

  it('syncs once the CA is trusted', async () => {
    const client = testClient(simulator, { caCertificates: certificates.caPem });
    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));
    const mobiles = await collect(client.streamMobileDevices({ sections: ['GENERAL'] }));

    expect(computers).toHaveLength(12);
    expect(mobiles).toHaveLength(3);
    await client.close();
  });

  it('names the host name when the certificate is for another host (the CA does not help)', async () => {
    const other = await startTestSimulator({ tls: { cert: certificates.otherHost.cert, key: certificates.otherHost.key } });
    try {
      const client = testClient(other, { caCertificates: certificates.caPem });
      const error = await client.jamfProVersion().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(JamfTlsError);
      expect((error as JamfTlsError).tlsCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      expect((error as Error).message).toContain('not valid for the host name "127.0.0.1"');
      expect((error as Error).message).toContain('Set JAMF_URL');
      expect(client.stats().requests).toBe(1);
      await client.close();
    } finally {
      await other.close();
    }
  });

  it('reports a self-signed certificate as untrusted, and trusts it when given as the CA', async () => {
    const selfSigned = await startTestSimulator({ computers: 2, tls: { cert: certificates.selfSigned.cert, key: certificates.selfSigned.key } });
    try {
      const untrusting = testClient(selfSigned);
      const error = await untrusting.jamfProVersion().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JamfTlsError);
      expect((error as JamfTlsError).tlsCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect((error as Error).message).toContain('JAMF_CA_FILE');
      await untrusting.close();

      const trusting = testClient(selfSigned, { caCertificates: certificates.selfSigned.cert });
      await expect(collect(trusting.streamComputers({ sections: ['GENERAL'] }))).resolves.toHaveLength(2);
      await trusting.close();
    } finally {
      await selfSigned.close();
    }
  });
});
