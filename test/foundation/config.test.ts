import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../src/config';

const load = (env: Record<string, string>) => loadConfig({ CONFIG_FILE: '', ...env });

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('has sane defaults with nothing set', () => {
    const config = load({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      JAMF_PAGE_SIZE: 200,
      JAMF_MAX_CONCURRENCY: 5,
      JAMF_SYNC_CRON: '0 2 * * *',
      JAMF_SYNC_TZ: 'UTC',
      LOG_LEVEL: 'info',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, field checks and cross-field checks together', () => {
    const problems = problemsOf({
      PORT: 'abc',
      JAMF_URL: 'ftp://jamf.example.com',
      JAMF_CLIENT_ID: 'id-without-secret',
      JAMF_SYNC_TZ: 'Mars/Olympus',
      DATABASE_URL: 'mysql://x',
      ENCRYPTION_KEY: 'short',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: must be a whole number/),
        expect.stringMatching(/^JAMF_URL: must be an http\(s\) URL/),
        expect.stringMatching(/^JAMF_CLIENT_SECRET: is required when JAMF_CLIENT_ID is set/),
        expect.stringMatching(/^JAMF_SYNC_TZ: must be an IANA time zone/),
        expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/),
        expect.stringMatching(/^ENCRYPTION_KEY: must be 32 random bytes in base64/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('refuses plain http for a remote Jamf but accepts it for the local simulator', () => {
    expect(problemsOf({ JAMF_URL: 'http://acme.jamfcloud.com', JAMF_CLIENT_ID: 'a', JAMF_CLIENT_SECRET: 'b' })).toEqual([
      'JAMF_URL: must use https (plain http is only accepted for localhost)',
    ]);
    const config = load({ JAMF_URL: 'http://127.0.0.1:9000/', JAMF_USERNAME: 'u', JAMF_PASSWORD: 'p' });
    expect(config.JAMF_URL).toBe('http://127.0.0.1:9000');
  });

  it('asks for credentials when only the Jamf URL is set', () => {
    expect(problemsOf({ JAMF_URL: 'https://acme.jamfcloud.com' })).toEqual([
      expect.stringContaining('set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET'),
    ]);
  });

  it('refuses webhook credentials and tokens shorter than the CLI allows, naming the variable and never the value', () => {
    const problems = problemsOf({
      JAMF_WEBHOOK_USERNAME: 'a:b',
      JAMF_WEBHOOK_PASSWORD: 'pw-15-characters'.slice(0, 15),
      JAMF_WEBHOOK_HEADER: 'Content-Type',
      JAMF_WEBHOOK_SECRET: 'b',
      API_TOKEN: 'api-token-15-ch',
      METRICS_TOKEN: 'metrics-15-char',
    });
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(expect.arrayContaining([
      'JAMF_WEBHOOK_USERNAME: must be non-empty and must not contain ":"',
      expect.stringMatching(/^JAMF_WEBHOOK_PASSWORD: must be at least 16 characters/),
      expect.stringMatching(/^JAMF_WEBHOOK_HEADER: cannot be used as the webhook header name/),
      expect.stringMatching(/^JAMF_WEBHOOK_SECRET: must be at least 16 characters/),
      expect.stringMatching(/^API_TOKEN: must be at least 16 characters/),
      expect.stringMatching(/^METRICS_TOKEN: must be at least 16 characters/),
    ]));
    expect(problems.join('\n')).not.toMatch(/pw-15|api-token-15|metrics-15|\bb\b|a:b/);
    // Surrounding spaces do not count toward the length.
    expect(problemsOf({ API_TOKEN: `  ${'x'.repeat(15)}  ` })).toEqual([expect.stringMatching(/^API_TOKEN: must be at least 16/)]);
    const config = load({ JAMF_WEBHOOK_USERNAME: 'jamf', JAMF_WEBHOOK_PASSWORD: 'p'.repeat(16), JAMF_WEBHOOK_HEADER: 'X-Jamf-Secret', JAMF_WEBHOOK_SECRET: 's'.repeat(16), API_TOKEN: 't'.repeat(16) });
    expect(config).toMatchObject({ JAMF_WEBHOOK_PASSWORD: 'p'.repeat(16), JAMF_WEBHOOK_SECRET: 's'.repeat(16), API_TOKEN: 't'.repeat(16) });
  });

  it('accepts a 32-byte base64 encryption key and rejects a 16-byte one', () => {
    const key32 = Buffer.alloc(32, 7).toString('base64');
    expect(load({ ENCRYPTION_KEY: key32 }).ENCRYPTION_KEY).toBe(key32);
    expect(problemsOf({ ENCRYPTION_KEY: Buffer.alloc(16, 7).toString('base64') })).toHaveLength(1);
  });

  it('reads an optional JSON file, and the environment wins over it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const file = path.join(dir, 'local.json');
    fs.writeFileSync(file, JSON.stringify({ PORT: 4000, JAMF_PAGE_SIZE: 500 }));
    const config = loadConfig({ CONFIG_FILE: file, PORT: '4100' });
    expect(config.PORT).toBe(4100);
    expect(config.JAMF_PAGE_SIZE).toBe(500);
    expect(() => loadConfig({ CONFIG_FILE: path.join(dir, 'missing.json') })).toThrow(/does not exist/);
  });
});
