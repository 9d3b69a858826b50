import { spawn } from 'node:child_process';
import path from 'node:path';
import { Agent as HttpsAgent } from 'node:https';
import axios from 'axios';
import { makeTestCertificates } from '../support/test-certificates';

const BIN = path.join(__dirname, '../../bin/jamf-sync.cjs');
const started: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `jamf-sync simulator` and resolves with its URL once it prints the ready line. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'simulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Jamf Pro simulator listening on (https?:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('jamf-sync simulator', () => {
  it('prints the ready line, serves the flags it was given and stops on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--computers', '3', '--mobiles', '2', '--client-id', 'cli-client', '--client-secret', 'cli-secret', '--jamf-version', '11.2.1-t1707143529']);
    const url = await cli.ready;
    const token = await axios.post(`${url}/api/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: 'cli-client', client_secret: 'cli-secret' }));
    const headers = { authorization: `Bearer ${token.data.access_token}` };
    expect((await axios.get(`${url}/api/v3/computers-inventory`, { headers })).data.totalCount).toBe(3);
    expect((await axios.get(`${url}/api/v1/jamf-pro-version`, { headers })).data).toEqual({ version: '11.2.1-t1707143529' });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toBe(`Jamf Pro simulator listening on ${url}\n`);
  });

  it('refuses a bad flag with exit code 2', async () => {
    const cli = startCli(['--error-rate', '7']);
    await expect(cli.ready).rejects.toThrow(/--error-rate/);
    expect(await cli.exited).toBe(2);
  });

  it('serves HTTPS with --tls-cert and --tls-key, trusted through the issuing CA', async () => {
    const certificates = makeTestCertificates();
    try {
      const cli = startCli(['--port', '0', '--computers', '2', '--tls-cert', certificates.server.certFile, '--tls-key', certificates.server.keyFile]);
      const url = await cli.ready;
      expect(url).toMatch(/^https:\/\//);
      const httpsAgent = new HttpsAgent({ ca: certificates.caPem });
      const token = await axios.post(`${url}/api/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sim-client', client_secret: 'sim-secret' }), { httpsAgent });
      expect(token.data.token_type).toBe('Bearer');
      await expect(axios.post(`${url}/api/oauth/token`, '')).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
      httpsAgent.destroy();
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      certificates.cleanup();
    }
  });
});
