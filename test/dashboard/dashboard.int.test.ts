import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { defaultConfig, type Config } from '../../src/config';
import { startService, type RunningService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { saveConnection } from '../../src/connections/connection-store';
import { secretBoxFromConfig } from '../../src/crypto/secret-box-from-config';
import { createToken, revokeToken } from '../../src/tokens/token-store';
import { RUN_ERROR_CODES } from '../../src/runs/run-failure';
import { openProcessDatabase } from '../support/process-database';
import { captureLogs } from '../support/log-capture';
import { testDatabaseKind } from '../support/test-database';
import { until } from '../support/until';
import { chromiumInstalled, requireChromiumInCi, launchChromium, watchConsole, checkPage, signIn, LAPTOP } from './browser';

requireChromiumInCi();
const describeInBrowser = chromiumInstalled ? describe : describe.skip;

const API_TOKEN = `dashboard-test-${randomBytes(12).toString('hex')}`;

interface RunBody {
  id: string;
  status: string;
  mode: string;
  trigger: string;
  counts: { fetched: number };
  warnings: Array<{ code: string; serialNumber: string | null }>;
  errors: Array<{ code: string; serialNumber: string | null }>;
  changes: Array<{ serialNumber: string; field: string }>;
}

/**
 * The dashboard in headless Chromium against a real `serve` (in this process) syncing a simulated
 * Jamf: sign-in, the overview sorted by trouble, runs, a run's report, assets, a preview and a
 * sync; a reader is offered no management action. Every page is checked with axe-core and for
 * console errors at laptop and phone widths, and photographed (test-output/screenshots/).
 */
describeInBrowser(`dashboard in Chromium (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let config: Config;
  let service: RunningService;
  let browser: Browser;
  let readerToken: string;
  let readerTokenPrefix: string;
  let adminToken: string;
  let firstRun: RunBody;

  const apiGet = async <T>(path: string, token = API_TOKEN): Promise<T> => {
    const res = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    sim = await startSimulator({ computers: 40, mobiles: 20, seed: 16 });
    config = defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(await openProcessDatabase()).env,
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      JAMF_SYNC_ON_START: 'true',
      API_TOKEN,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    });
    service = await startService(config, captureLogs('warn').logger);
    const { runs } = await until(
      async () => {
        const body = await apiGet<{ runs: Array<{ id: string; mode: string; status: string }> }>('/api/v1/organizations/default/runs');
        return body.runs.some((r) => r.mode === 'full' && r.status !== 'running') && body;
      },
      'the first sync',
    );
    firstRun = await apiGet<RunBody>(`/api/v1/runs/${runs.find((r) => r.mode === 'full')!.id}`);
    expect(firstRun.status).toBe('succeeded');

    // A second customer whose Jamf refuses the credentials: its sync fails at once, recorded.
    await saveConnection(service.database.db, secretBoxFromConfig(config), { slug: 'globex' }, { baseUrl: sim.url, auth: { kind: 'client', clientId: 'globex', clientSecret: 'wrong-secret' } });
    const failed = await fetch(`${service.url}/api/v1/organizations/globex/syncs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(failed.status).toBeGreaterThanOrEqual(400);

    const reader = await createToken(service.database.db, { role: 'reader', org: 'default', name: 'dashboard reader' });
    readerToken = reader.token;
    readerTokenPrefix = reader.summary.prefix;
    adminToken = (await createToken(service.database.db, { role: 'admin', org: 'default', name: 'dashboard admin' })).token;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.shutdown();
    await sim?.close();
  });

  const signedIn = (token: string) => signIn(browser, service.url, token);

  it('serves the dashboard at / with a strict CSP, beside the API, health, metrics and webhook routes', async () => {
    const index = await fetch(`${service.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(`${service.url}/dashboard/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    const metrics = await fetch(`${service.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('jamf_sync_');
    expect((await fetch(`${service.url}/api/v1/organizations`)).status).toBe(401);
    expect((await fetch(`${service.url}/webhooks/jamf/default`, { method: 'POST' })).status).toBe(401);
    const missing = await fetch(`${service.url}/dashboard/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('signs in with a token kept in sessionStorage only, refuses a wrong one, and signs out', async () => {
    const page = await browser.newPage({ viewport: LAPTOP });
    const console = watchConsole(page);
    await page.goto(`${service.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkPage(page, 'sign-in', console);

    // By keyboard: the token field has focus, Enter submits.
    await page.keyboard.type('not-a-valid-token-at-all');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'This token was not accepted' }).waitFor();
    // The refused token is the one console error expected (Chromium logs the 401 it answered).
    expect(console.take()).toEqual([expect.stringMatching(/401/)]);

    await page.getByLabel('API token').fill(API_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    expect(page.url()).not.toContain(API_TOKEN);
    const stored = (await page.evaluate("({ session: sessionStorage.getItem('jamf-sync.session'), local: localStorage.length })")) as { session: string | null; local: number };
    expect(JSON.parse(stored.session!)).toEqual({ token: API_TOKEN, role: 'ops', organization: null });
    expect(stored.local).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('jamf-sync.session')")).toBeNull();
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('shows ops every organization, the failing one first with its error code and what to do', async () => {
    const { page, console } = await signedIn(API_TOKEN);
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    const cards = page.locator('.org-list article');
    await cards.first().waitFor();
    expect(await cards.locator('h2').allTextContents()).toEqual(['globex', 'default']);
    const globex = cards.first();
    expect(await globex.locator('.badge').first().textContent()).toBe('Failing');
    expect(await globex.locator('.error-detail code').textContent()).toBe('jamf_auth_rejected');
    expect(await globex.locator('.hint').textContent()).toContain('API roles and clients');
    expect(await cards.nth(1).locator('.badge').first().textContent()).toBe('Healthy');
    expect(await page.locator('.summary').textContent()).toMatch(/2 organizations: 1 failing, 1 healthy/);
    await checkPage(page, 'overview-ops', console);

    // Every run error code of the service has a hint in the dashboard.
    const hinted = (await page.evaluate("import('/dashboard/error-hints.js').then((m) => Object.keys(m.ERROR_HINTS))")) as string[];
    expect(hinted.sort()).toEqual(Object.keys(RUN_ERROR_CODES).sort());
    await page.close();
  });

  it('ranks organizations by trouble: failing (more failures first), interrupted, never synced, stale, then healthy and disabled', async () => {
    const page = await browser.newPage({ viewport: LAPTOP });
    await page.goto(`${service.url}/`);
    const now = Date.parse('2026-12-06T12:00:00Z');
    const hoursAgo = (h: number) => new Date(now - h * 3600_000).toISOString();
    const status = (organization: string, extra: object) => ({
      organization,
      enabled: true,
      lastRun: { id: 'x', trigger: 'scheduled', status: 'succeeded', startedAt: hoursAgo(2), finishedAt: hoursAgo(2) },
      lastSuccessAt: hoursAgo(2),
      consecutiveFailures: 0,
      lastError: null,
      nextScheduledRun: null,
      nextRetryAt: null,
      ...extra,
    });
    const failedRun = { id: 'y', trigger: 'scheduled', status: 'failed', startedAt: hoursAgo(1), finishedAt: hoursAgo(1) };
    const statuses = [
      status('healthy', {}),
      status('off', { enabled: false }),
      status('stale', { lastSuccessAt: hoursAgo(48) }),
      status('new', { lastRun: null, lastSuccessAt: null }),
      status('failing-once', { lastRun: failedRun, consecutiveFailures: 1, lastError: { code: 'jamf_unreachable', message: 'm' } }),
      status('interrupted', { lastRun: { ...failedRun, status: 'interrupted' }, lastError: { code: 'run_interrupted', message: 'm' } }),
      status('failing-thrice', { lastRun: failedRun, consecutiveFailures: 3, lastError: { code: 'jamf_auth_rejected', message: 'm' } }),
    ];
    const ranked = await page.evaluate(
      `import('/dashboard/health.js').then(({ byTrouble, healthOf }) => byTrouble(${JSON.stringify(statuses)}, ${now}).map((s) => [s.organization, healthOf(s, ${now}).label]))`,
    );
    expect(ranked).toEqual([
      ['failing-thrice', 'Failing'],
      ['failing-once', 'Failing'],
      ['interrupted', 'Interrupted'],
      ['new', 'Never synced'],
      ['stale', 'No recent success'],
      ['healthy', 'Healthy'],
      ['off', 'Disabled'],
    ]);
    await page.close();
  });

  it("lists an organization's runs and opens a run with its warnings and changes, filterable", async () => {
    const { page, console } = await signedIn(API_TOKEN);
    await page.getByRole('link', { name: 'Runs of default' }).click();
    await page.getByRole('heading', { level: 1, name: 'Runs: default' }).waitFor();
    const row = page.locator('table.data tbody tr').filter({ has: page.locator(`a[href="#/runs/${firstRun.id}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('succeeded');
    expect(await row.textContent()).toContain('scheduled · full');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No run yet.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.waitFor();
    await checkPage(page, 'runs', console);

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /^Changes/ }).waitFor();
    const issues = [...firstRun.warnings, ...firstRun.errors];
    expect(issues.length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: /^Warnings and errors/ }).textContent()).toBe(`Warnings and errors (${issues.length})`);
    expect(await page.getByRole('heading', { name: /^Changes/ }).textContent()).toBe(`Changes (${firstRun.changes.length})`);
    await checkPage(page, 'run', console);

    const code = issues[0].code;
    await page.getByLabel('Code').selectOption(code);
    const issueRows = page.locator('section[aria-labelledby="issues-heading"] tbody tr');
    await until(async () => (await issueRows.count()) === issues.filter((i) => i.code === code).length, `the rows of ${code}`);
    for (const text of await issueRows.allTextContents()) expect(text).toContain(code);

    const serial = firstRun.changes[0].serialNumber;
    await page.getByLabel('Serial', { exact: true }).fill(serial.toLowerCase());
    const changeRows = page.locator('section[aria-labelledby="changes-heading"] tbody tr');
    await until(async () => (await changeRows.count()) === firstRun.changes.filter((c) => c.serialNumber === serial).length, `the changes of ${serial}`);
    expect(await changeRows.first().textContent()).toContain(serial);
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('finds an asset, sorts by keyboard, and lets an admin preview and start a sync', async () => {
    const { page, console } = await signedIn(adminToken);
    await page.getByRole('heading', { level: 1, name: 'Overview: default' }).waitFor();
    await page.locator('article.org-card').waitFor();
    await page.getByRole('heading', { name: 'Latest runs' }).waitFor();
    await page.locator('section[aria-labelledby="latest-runs"] tbody tr').first().waitFor();
    await checkPage(page, 'overview-admin', console);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assets: default' }).waitFor();
    const { assets } = await apiGet<{ assets: Array<{ serialNumber: string; model: string }> }>('/api/v1/organizations/default/assets?limit=1000');
    await page.getByText(`${assets.length} of ${assets.length} assets`).waitFor();
    await checkPage(page, 'assets', console);

    const wanted = assets[Math.floor(assets.length / 2)];
    await page.getByLabel('Search').fill(wanted.serialNumber.toLowerCase());
    const rows = page.locator('table.data tbody tr');
    await page.getByText(`1 of ${assets.length} assets`).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('td[data-label="Serial"]').textContent()).toBe(wanted.serialNumber);
    expect(await rows.first().locator('td[data-label="Model"]').textContent()).toBe(wanted.model ?? '—');
    await page.getByLabel('Search').fill('');

    // Sort by model, descending, from the keyboard.
    const modelHeader = page.getByRole('button', { name: /^Model/ });
    await modelHeader.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('th[aria-sort="descending"]').textContent())?.startsWith('Model'), 'the descending sort');
    const models = (await page.locator('td[data-label="Model"]').allTextContents()).filter((m) => m !== '—');
    expect(models).toEqual([...models].sort((a, b) => b.localeCompare(a, undefined, { numeric: true, sensitivity: 'base' })));

    await page.getByRole('button', { name: 'Preview sync' }).click();
    await page.getByRole('heading', { name: 'Preview: what a sync would do' }).waitFor();
    // Nothing changed in Jamf since the first sync: everything read again, nothing to create.
    const previewCounts = Object.fromEntries(
      await page.locator('.preview dl.counts > div').evaluateAll((items) => items.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])),
    );
    expect(previewCounts).toMatchObject({ 'Read from Jamf': String(firstRun.counts.fetched), 'Would create': '0', 'Would update': '0' });
    await checkPage(page, 'assets-preview', console);

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('button', { name: 'Start the sync of default' }).click();
    await page.getByRole('heading', { level: 1, name: /^Run of/ }).waitFor();
    await until(async () => (await page.locator('h1 .badge').textContent()) === 'succeeded', 'the sync to end on its page', { timeoutMs: 30_000 });
    const { runs } = await apiGet<{ runs: Array<{ id: string; trigger: string }> }>('/api/v1/organizations/default/runs');
    expect(runs[0].trigger).toBe('manual');
    expect(await page.locator('dl.facts').textContent()).toContain(runs[0].id);
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('offers a reader no management action, and only its own organization', async () => {
    const { page, console } = await signedIn(readerToken);
    await page.getByRole('heading', { level: 1, name: 'Overview: default' }).waitFor();
    await page.locator('section[aria-labelledby="latest-runs"] tbody tr').first().waitFor();
    expect(await page.getByText('reader · default').count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Runs', 'Assets', 'Webhooks']);
    for (const where of ['Runs', 'Assets', 'Overview']) {
      await nav.getByRole('link', { name: where }).click();
      await page.locator('main h1').filter({ hasText: where === 'Overview' ? 'Overview: default' : `${where}: default` }).waitFor();
      await page.locator('table.data tbody tr').first().waitFor();
      expect(await page.getByRole('button', { name: /Preview|Sync/ }).count()).toBe(0);
    }
    await checkPage(page, 'overview-reader', console);

    // Revoked while signed in: the next call is refused and the page asks to sign in again.
    await revokeToken(service.database.db, readerTokenPrefix);
    await nav.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your token was refused' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('jamf-sync.session')")).toBeNull();
    expect(console.take()).toEqual([expect.stringMatching(/401/)]);
    await page.close();
  });
});
