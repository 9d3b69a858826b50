import { Agent as HttpsAgent } from 'node:https';
import axios from 'axios';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { makeTestCertificates } from '../support/test-certificates';

const READY = /^Jamf Pro simulator listening on (https?:\/\/127\.0\.0\.1:\d+)$/m;

describe('jamf-sync simulator', () => {
  it('prints the ready line, serves the flags it was given and stops on SIGTERM', async () => {
    const cli = runCli(
      ['simulator', '--port', '0', '--computers', '3', '--mobiles', '2', '--client-id', 'cli-client', '--client-secret', 'cli-secret', '--jamf-version', '11.2.1-t1707143529'],
      {},
    );
    const url = READY.exec(await cli.waitFor(READY))![1];
    const token = await axios.post(`${url}/api/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: 'cli-client', client_secret: 'cli-secret' }));
    const headers = { authorization: `Bearer ${token.data.access_token}` };
    // 11.2.1 predates /api/v3 (11.23.0): its computer inventory is v1.
    expect((await axios.get(`${url}/api/v1/computers-inventory`, { headers })).data.totalCount).toBe(3);
    expect((await axios.get(`${url}/api/v3/computers-inventory`, { headers, validateStatus: () => true })).status).toBe(404);
    expect((await axios.get(`${url}/api/v1/jamf-pro-version`, { headers })).data).toEqual({ version: '11.2.1-t1707143529' });
    expect((await cli.stop('SIGTERM')).code).toBe(0);
    expect(cli.stdout()).toBe(`Jamf Pro simulator listening on ${url}\n`);
  }, timeoutForChildWaits(2));

  it('refuses a bad flag with exit code 2', async () => {
    const cli = runCli(['simulator', '--error-rate', '7'], {});
    expect((await cli.waitForExit()).code).toBe(2);
    expect(cli.stderr()).toMatch(/--error-rate/);
    expect(cli.stdout()).not.toMatch(READY);
  }, timeoutForChildWaits(1));

  it('serves HTTPS with --tls-cert and --tls-key, trusted through the issuing CA', async () => {
    const certificates = makeTestCertificates();
    try {
      const cli = runCli(['simulator', '--port', '0', '--computers', '2', '--tls-cert', certificates.server.certFile, '--tls-key', certificates.server.keyFile], {});
      const url = READY.exec(await cli.waitFor(READY))![1];
      expect(url).toMatch(/^https:\/\//);
      const httpsAgent = new HttpsAgent({ ca: certificates.caPem });
      const token = await axios.post(`${url}/api/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sim-client', client_secret: 'sim-secret' }), { httpsAgent });
      expect(token.data.token_type).toBe('Bearer');
      await expect(axios.post(`${url}/api/oauth/token`, '')).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
      httpsAgent.destroy();
      expect((await cli.stop('SIGTERM')).code).toBe(0);
    } finally {
      certificates.cleanup();
    }
  }, timeoutForChildWaits(2));
});
