import { getTableColumns } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../../src/config';
import { jamfConnections } from '../../src/db/schema';
import { CONNECTION_SETTING_DEFAULTS } from '../../src/config/connection-settings';
import type { RawConnectionOptions } from '../../src/cli/connections/connection-options';
import { parseConnectionOptions } from '../../src/cli/connections/parse-connection-options';

/**
 * The environment (JAMF_*) and `connections add` read the same connection settings: one schema,
 * so a value one accepts the other accepts, with the same message when it is refused.
 */
const credentials = { JAMF_CLIENT_ID: 'client-1', JAMF_CLIENT_SECRET: 'secret-1' };
// The secret comes from the environment: a refused option must be the only problem listed.
const secrets = { env: { clientSecret: 'secret-1' }, readStdin: async () => '' };
const addOptions: RawConnectionOptions = { org: 'acme', url: 'https://acme.jamfcloud.com', clientId: 'client-1', eaMap: [] };

function environmentProblems(env: Record<string, string>): string[] {
  try {
    loadConfig({ CONFIG_FILE: '', JAMF_URL: 'https://acme.jamfcloud.com', ...credentials, ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

async function optionProblems(options: RawConnectionOptions): Promise<readonly string[]> {
  try {
    await parseConnectionOptions({ ...addOptions, ...options }, 'add', secrets);
    return [];
  } catch (err) {
    return (err as { problems?: readonly string[] }).problems ?? [String(err)];
  }
}

/** "JAMF_SYNC_TZ: must be ..." and "--tz: must be ..." → "must be ...". */
const rules = (problems: readonly string[]) => problems.map((p) => p.replace(/^[^:]+: /, ''));

describe('connection settings: one schema for the environment and the connections command', () => {
  it.each([
    ['a time zone that does not exist', { JAMF_SYNC_TZ: 'Europe/Atlantis' }, { tz: 'Europe/Atlantis' }, 'must be an IANA time zone such as Europe/Paris or UTC'],
    ['a cron expression out of range', { JAMF_SYNC_CRON: '61 * * * *' }, { cron: '61 * * * *' }, 'must be a cron expression such as "0 2 * * *" (02:00 every day)'],
    ['a page size over the limit', { JAMF_PAGE_SIZE: '5000' }, { pageSize: '5000' }, 'must be a whole number from 1 to 2000'],
    ['a page size that is not a number', { JAMF_PAGE_SIZE: 'lots' }, { pageSize: 'lots' }, 'must be a whole number from 1 to 2000'],
    ['no concurrency at all', { JAMF_MAX_CONCURRENCY: '0' }, { maxConcurrency: '0' }, 'must be a whole number from 1 to 20'],
    ['a URL that is not http(s)', { JAMF_URL: 'ftp://acme.example' }, { url: 'ftp://acme.example' }, 'must be an http(s) URL such as https://yourcompany.jamfcloud.com'],
    [
      'an extension attribute mapped onto a field the inventory owns',
      { JAMF_EA_MAP: 'RAM=memoryMb,Owner=assignee' },
      { eaMap: ['RAM=memoryMb', 'Owner=assignee'] },
      '"Owner": "assignee" cannot be mapped: the inventory owns it (R6): a sync never writes it, so no extension attribute can fill it',
    ],
    ['plain http to a remote Jamf', { JAMF_URL: 'http://acme.jamfcloud.com' }, { url: 'http://acme.jamfcloud.com' }, 'must use https (plain http is only accepted for localhost)'],
  ])('%s: refused by both with the same message', async (_what, env, options, message) => {
    const fromEnvironment = environmentProblems(env);
    const fromOptions = await optionProblems(options);
    expect(fromEnvironment).toHaveLength(1);
    expect(fromOptions).toHaveLength(1);
    expect(rules(fromEnvironment)).toEqual([message]);
    expect(rules(fromOptions)).toEqual([message]);
  });

  it('accepts the same values and reads them the same way', async () => {
    const config = loadConfig({
      CONFIG_FILE: '',
      ...credentials,
      JAMF_URL: 'http://127.0.0.1:9000/',
      JAMF_SYNC_CRON: '15 3 * * 1-5',
      JAMF_SYNC_TZ: 'Asia/Tokyo',
      JAMF_PAGE_SIZE: '2000',
      JAMF_MAX_CONCURRENCY: '1',
    });
    const parsed = await parseConnectionOptions(
      { ...addOptions, url: 'http://127.0.0.1:9000/', cron: '15 3 * * 1-5', tz: 'Asia/Tokyo', pageSize: '2000', maxConcurrency: '1' },
      'add',
      secrets,
    );
    expect({ baseUrl: config.JAMF_URL, scheduleCron: config.JAMF_SYNC_CRON, timeZone: config.JAMF_SYNC_TZ, pageSize: config.JAMF_PAGE_SIZE, maxConcurrency: config.JAMF_MAX_CONCURRENCY }).toEqual({
      baseUrl: 'http://127.0.0.1:9000',
      scheduleCron: '15 3 * * 1-5',
      timeZone: 'Asia/Tokyo',
      pageSize: 2000,
      maxConcurrency: 1,
    });
    expect(parsed).toMatchObject({ baseUrl: 'http://127.0.0.1:9000', scheduleCron: '15 3 * * 1-5', timeZone: 'Asia/Tokyo', pageSize: 2000, maxConcurrency: 1 });
  });

  it('reads an extension-attribute mapping the same way from JAMF_EA_MAP and --ea-map', async () => {
    const config = loadConfig({ CONFIG_FILE: '', ...credentials, JAMF_URL: 'https://acme.jamfcloud.com', JAMF_EA_MAP: 'RAM=memory_mb:jamf, Screen=displaySizeInches' });
    const parsed = await parseConnectionOptions({ ...addOptions, eaMap: ['RAM=memory_mb:jamf', 'Screen=displaySizeInches'] }, 'add', secrets);
    const stored = { RAM: 'memoryMb:jamf', Screen: 'displaySizeInches' };
    expect(config.JAMF_EA_MAP).toEqual(stored);
    expect(parsed.extensionAttributeMapping).toEqual(stored);
    expect(loadConfig({ CONFIG_FILE: '', JAMF_EA_MAP: '' }).JAMF_EA_MAP).toBeUndefined();
  });

  it('gives the environment the defaults a new connection gets', () => {
    const config = loadConfig({ CONFIG_FILE: '' });
    expect({
      scheduleCron: config.JAMF_SYNC_CRON,
      timeZone: config.JAMF_SYNC_TZ,
      pageSize: config.JAMF_PAGE_SIZE,
      maxConcurrency: config.JAMF_MAX_CONCURRENCY,
      fetchFileVaultKeys: config.JAMF_FETCH_FILEVAULT_KEYS,
    }).toEqual({ scheduleCron: '0 2 * * *', timeZone: 'UTC', pageSize: 200, maxConcurrency: 5, fetchFileVaultKeys: false });
    expect(CONNECTION_SETTING_DEFAULTS).toMatchObject({ scheduleCron: '0 2 * * *', timeZone: 'UTC', pageSize: 200, maxConcurrency: 5, fetchFileVaultKeys: false });
  });

  it('names the same defaults as the database columns a new connection falls back to', () => {
    const columns = getTableColumns(jamfConnections);
    const columnDefaults = Object.fromEntries(Object.keys(CONNECTION_SETTING_DEFAULTS).map((key) => [key, columns[key as keyof typeof columns].default]));
    expect(columnDefaults).toEqual(CONNECTION_SETTING_DEFAULTS);
  });

  it('the command keeps refusing numbers an admin would not type (exponents, hex), as before', async () => {
    expect(rules(await optionProblems({ pageSize: '1e2' }))).toEqual(['must be a whole number from 1 to 2000']);
    expect(rules(await optionProblems({ maxConcurrency: '0x10' }))).toEqual(['must be a whole number from 1 to 20']);
    expect(rules(await optionProblems({ removalThreshold: '1e-1' }))).toEqual(['must be a share from 0 to 1, such as 0.1']);
    expect(await optionProblems({ pageSize: ' 300 ', removalThreshold: '.25' })).toEqual([]);
  });

  it('derive_names_from_email: off unless given; --derive-names-from-email alone is a change for update', async () => {
    expect(CONNECTION_SETTING_DEFAULTS.deriveNamesFromEmail).toBe(false);
    expect((await parseConnectionOptions(addOptions, 'add', secrets)).deriveNamesFromEmail).toBeUndefined();
    expect((await parseConnectionOptions({ ...addOptions, deriveNamesFromEmail: true }, 'add', secrets)).deriveNamesFromEmail).toBe(true);
    const update = await parseConnectionOptions({ org: 'acme', deriveNamesFromEmail: false }, 'update', secrets, null);
    expect(update.deriveNamesFromEmail).toBe(false);
  });
});
