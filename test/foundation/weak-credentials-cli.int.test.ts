import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli-process';
import { EXIT_CODES } from '../../src/cli/exit-codes';

/** Issue 14, item 6: `serve` refuses short webhook credentials and tokens before it starts anything. */
describe('serve with weak credentials in the environment', () => {
  it('exits 2 naming each variable, never its value, and listens nowhere', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-weak-credentials-'));
    try {
      const run = runCli(['serve'], {
        DATA_DIR: dataDir,
        PORT: '0',
        JAMF_WEBHOOK_USERNAME: 'jamf',
        JAMF_WEBHOOK_PASSWORD: 'weakpw',
        JAMF_WEBHOOK_HEADER: 'X-Jamf-Secret',
        JAMF_WEBHOOK_SECRET: 'weaksecret',
        API_TOKEN: 'weaktoken',
      });
      const { code } = await run.waitForExit();
      expect(code).toBe(EXIT_CODES.invalidInput);
      const stderr = run.stderr();
      for (const name of ['JAMF_WEBHOOK_PASSWORD', 'JAMF_WEBHOOK_SECRET', 'API_TOKEN']) expect(stderr).toMatch(new RegExp(`${name}: must be at least 16 characters`));
      expect(stderr).not.toMatch(/weakpw|weaksecret|weaktoken/);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(run.stdout()).not.toContain('listening');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
