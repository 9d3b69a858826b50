import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { defaultConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { createOrganization } from '../../src/organizations/organization-store';
import { createToken } from '../../src/tokens/token-store';
import { openProcessDatabase } from '../support/process-database';
import { captureLogs } from '../support/log-capture';
import { testDatabaseKind } from '../support/test-database';
import { until } from '../support/until';
import { insertInboxRow } from '../support/webhook-inbox-rows';
import { chromiumInstalled, requireChromiumInCi, launchChromium, checkPage, signIn } from './browser';

requireChromiumInCi();
const describeInBrowser = chromiumInstalled ? describe : describe.skip;

const API_TOKEN = `connect-test-${randomBytes(12).toString('hex')}`;

/**
 * The first hour of a customer in the dashboard, in headless Chromium against a real `serve` and a
 * simulated Jamf: an admin connects Jamf (a wrong secret first, then the right one), reads the
 * connection test, generates webhook credentials whose settings really work, syncs, and follows
 * webhooks (a dead one retried) on the Webhooks page and the overview; a reader is offered none of
 * the management actions. Every page is checked with axe-core and for console errors at both widths.
 */
describeInBrowser(`dashboard: connecting Jamf and its webhooks in Chromium (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let service: RunningService;
  let browser: Browser;
  let adminToken: string;
  let readerToken: string;
  /** The header credential the Connect page showed, as Jamf Pro would send it. */
  let webhookHeader: { name: string; value: string };

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    sim = await startSimulator({ computers: 12, mobiles: 6, seed: 160 });
    // No JAMF_URL: the organization starts without a connection, as a new customer does.
    const config = defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(await openProcessDatabase()).env,
      API_TOKEN,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    });
    service = await startService(config, captureLogs('warn').logger);
    await createOrganization(service.database.db, { slug: 'acme', name: 'Acme' });
    adminToken = (await createToken(service.database.db, { role: 'admin', org: 'acme', name: 'acme admin' })).token;
    readerToken = (await createToken(service.database.db, { role: 'reader', org: 'acme', name: 'acme reader' })).token;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.shutdown();
    await sim?.close();
  });

  const signedIn = (token: string) => signIn(browser, service.url, token);

  it('an admin connects Jamf: a refused secret with what to do, then the test result and webhook settings that Jamf Pro can use', async () => {
    const { page, console } = await signedIn(adminToken);
    await page.getByText('This organization has no Jamf connection yet.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'First sync' }).click();
    await page.getByText('Connect Jamf first: the preview reads it.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Connect Jamf' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect Jamf: acme' }).waitFor();
    // Only the fields of the chosen kind of credentials are shown.
    expect(await page.getByLabel('Username').isVisible()).toBe(false);
    await page.getByLabel('User account').check();
    expect(await page.getByLabel('Client ID').isVisible()).toBe(false);
    await page.getByLabel('API client (recommended)').check();
    await checkPage(page, 'connect-form', console);

    await page.getByLabel('Jamf Pro URL').fill(sim.url);
    await page.getByLabel('Client ID').fill(DEFAULT_CREDENTIALS.clientId);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Connect and test' }).click();
    const test = page.locator('section.connection-test');
    await test.waitFor();
    expect(await test.locator('.card-head .badge').textContent()).toBe('A sync would fail');
    expect(await test.locator('.error-detail code').textContent()).toBe('jamf_auth_failed');
    expect(await test.locator('.hint').textContent()).toContain('API roles and clients');

    // Replaced with the right secret; the secret field was kept, the form answers again.
    await page.getByLabel('Client secret').fill(DEFAULT_CREDENTIALS.clientSecret);
    await page.getByLabel('Employees new to the inventory').selectOption('hold');
    await page.getByRole('button', { name: 'Connect and test' }).click();
    await until(async () => (await test.locator('.card-head .badge').textContent()) === 'A sync will work', 'the passing connection test');
    const facts = Object.fromEntries(
      await test.locator('dl.facts > div').evaluateAll((items) => items.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])),
    );
    expect(facts).toMatchObject({ Reachable: 'yes', 'Credentials accepted': 'yes', 'Jamf Pro version': expect.stringMatching(/^11\./), Computers: '12', 'Mobile devices': '6' });
    const privileges = await test.locator('ul.privileges li').allTextContents();
    expect(privileges.length).toBeGreaterThan(0);
    for (const line of privileges) expect(line).toMatch(/^granted /);
    const connection = await apiGet<{ baseUrl: string; settings: { employeePolicy: string } }>('/api/v1/organizations/acme/connection');
    expect(connection).toMatchObject({ baseUrl: sim.url, settings: { employeePolicy: 'hold' } });
    await checkPage(page, 'connect-tested', console);

    await page.getByLabel('Authentication').selectOption('header');
    await page.getByRole('button', { name: 'Generate webhook credentials' }).click();
    const settings = page.locator('section.webhook-settings');
    await settings.waitFor();
    const shown = Object.fromEntries(
      await settings.locator('dl.settings-list > div').evaluateAll((items) => items.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])),
    );
    expect(shown).toMatchObject({ 'Webhook URL': `${service.url}/webhooks/jamf/acme`, 'Authentication type': 'Header Authentication', 'Content type': 'JSON' });
    expect(await settings.locator('dd ul.events').first().locator('li').allTextContents()).toContain('ComputerInventoryCompleted');
    const header = JSON.parse(shown['Header authentication (JSON to paste)']!) as Record<string, string>;
    const [name, value] = Object.entries(header)[0];
    webhookHeader = { name, value };
    await checkPage(page, 'connect-webhooks', console);

    // What the page said to enter is what the service accepts: Jamf (the simulator) sends with it.
    const computerId = String(sim.store.list('computers')[0].id);
    const delivery = await sim.sendWebhook({ url: shown['Webhook URL']!, event: 'ComputerInventoryCompleted', deviceId: computerId, format: 'json', auth: { header: webhookHeader } });
    expect(delivery.status).toBeLessThan(300);
    const wrong = await sim.sendWebhook({ url: shown['Webhook URL']!, event: 'ComputerInventoryCompleted', deviceId: computerId, format: 'json', auth: { header: { name, value: 'guess' } } });
    expect(wrong.status).toBe(401);
    // The worker refreshes the device (a webhook run) before the next test imports people.
    await until(async () => {
      const body = await apiGet<{ recent: Array<{ outcome: string | null }> }>('/api/v1/organizations/acme/webhooks');
      return body.recent.some((e) => e.outcome === 'refreshed');
    }, 'the webhook to be processed');
    await page.close();
  });

  it('an admin previews the first sync with a possible duplicate beside the employee it resembles, starts it, and approves the held person', async () => {
    // The platform knew Jane already, under her personal email; Jamf has her work email.
    // Not the user of the device the webhook refreshed: that one is an employee already.
    const firstUserEmail = (sim.store.list('computers')[0] as { userAndLocation?: { email?: string } }).userAndLocation?.email;
    const jamfUser = sim.store
      .list('computers')
      .slice(1)
      .map((c) => (c as { userAndLocation?: { realname?: string; email?: string } }).userAndLocation)
      .find((u) => u?.email && u.email !== firstUserEmail && /^[A-Za-z]+ [A-Za-z]+$/.test(u.realname ?? ''))!;
    const [firstName, lastName] = jamfUser.realname!.split(' ');
    const personal = `${firstName}.${lastName}@personal.example`.toLowerCase();
    const imported = await fetch(`${service.url}/api/v1/organizations/acme/imports/employees`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ firstName, lastName, emails: [personal] }]),
    });
    expect(imported.status).toBe(200);

    const { page, console } = await signedIn(adminToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'First sync' }).click();
    await page.getByRole('heading', { level: 1, name: 'First sync: acme' }).waitFor();
    await page.getByText('Nobody is waiting for a decision.').waitFor();
    // The policy chosen on the Connect page, changed and changed back here.
    const policy = page.getByLabel('Jamf users new to the inventory');
    expect(await policy.inputValue()).toBe('hold');
    await policy.selectOption('create');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByText('Saved: every new employee will be created.').waitFor();
    expect((await apiGet<{ settings: { employeePolicy: string } }>('/api/v1/organizations/acme/connection')).settings.employeePolicy).toBe('create');
    await policy.selectOption('hold');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByText('Saved: possible duplicates will be held for review.').waitFor();

    await page.getByRole('button', { name: 'Preview the first sync' }).click();
    const duplicates = page.locator('section[aria-labelledby="duplicates-heading"] tbody tr');
    await duplicates.first().waitFor();
    const row = duplicates.filter({ hasText: jamfUser.email! });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td[data-label="Resembles"]').textContent()).toContain(personal);
    expect(await row.locator('td[data-label="What the sync does"]').textContent()).toBe('holds it for review');
    const newEmployees = await page.locator('section[aria-labelledby="new-employees-heading"] tbody tr td[data-label="Email"]').allTextContents();
    expect(newEmployees.length).toBeGreaterThan(0);
    expect(newEmployees).not.toContain(jamfUser.email);
    expect((await apiGet<{ runs: unknown[] }>('/api/v1/organizations/acme/runs')).runs.filter((r) => (r as { mode: string }).mode === 'full')).toEqual([]);
    await checkPage(page, 'first-sync-preview', console);

    await page.getByRole('button', { name: 'Start the sync' }).click();
    await page.getByRole('heading', { level: 1, name: /^Run of/ }).waitFor();
    await until(async () => ['succeeded', 'partial'].includes((await page.locator('h1 .badge').textContent()) ?? ''), 'the sync to end on its page', { timeoutMs: 30_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'First sync' }).click();
    const held = page.locator('article.held').filter({ hasText: jamfUser.email! });
    await held.waitFor();
    expect(await held.textContent()).toContain(personal);
    await checkPage(page, 'first-sync-review', console);
    await held.getByRole('button', { name: 'Approve: a different person' }).click();
    await page.locator(".review-feedback").getByText(`Approved ${jamfUser.email}: a new employee`).waitFor();
    expect(await page.locator('article.held').filter({ hasText: jamfUser.email! }).count()).toBe(0);
    // The button pressed went with its entry: the focus is on the queue's heading, not lost.
    expect(await page.evaluate('document.activeElement.id')).toBe('review-heading');
    const { assets } = await apiGet<{ assets: Array<{ assigneeEmail: string | null }> }>('/api/v1/organizations/acme/assets?limit=1000');
    expect(assets.some((a) => a.assigneeEmail === jamfUser.email!.toLowerCase())).toBe(true);
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('an admin sees devices by type and the webhook inbox, and retries a dead webhook', async () => {
    const { page, console } = await signedIn(adminToken);
    await page.getByRole('heading', { level: 1, name: 'Overview: acme' }).waitFor();
    const byType = page.locator('section[aria-labelledby="by-type-heading"]');
    const { assets } = await apiGet<{ assets: Array<{ assetType: string; jamfPresence: string }> }>('/api/v1/organizations/acme/assets?limit=1000');
    const expected: Record<string, string> = {};
    for (const a of assets.filter((x) => x.jamfPresence !== 'removed')) expected[a.assetType] = String(Number(expected[a.assetType] ?? 0) + 1);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    const counted = async () =>
      Object.fromEntries(
        await byType.locator('dl.counts > div').evaluateAll((items) => items.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])),
      );
    await until(async () => Object.keys(await counted()).length > 0, 'the devices by type');
    expect(await counted()).toEqual(expected);
    const inbox = page.locator('section[aria-labelledby="inbox-summary-heading"]');
    await inbox.locator('dl.counts').waitFor();
    await checkPage(page, 'overview-admin-connected', console);

    // The webhook of the first test was refreshed; a dead one waits for a retry.
    const deadId = await insertInboxRow(service.database.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'Jamf Pro unreachable', serialNumber: 'C02DEADWEBHK' });
    await inbox.getByRole('link', { name: 'Webhook events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks: acme' }).waitFor();
    const recent = page.locator('section[aria-labelledby="recent-heading"] tbody tr');
    await recent.filter({ hasText: 'refreshed' }).first().waitFor();
    const deadRows = page.locator('section[aria-labelledby="dead-heading"] tbody tr');
    expect(await deadRows.count()).toBe(1);
    expect(await deadRows.first().textContent()).toContain('Jamf Pro unreachable');
    await checkPage(page, 'webhooks', console);

    await page.getByRole('button', { name: `Retry webhook ${deadId}` }).click();
    await page.getByText('No dead event.').waitFor();
    await until(async () => (await page.evaluate('document.activeElement.id')) === 'dead-heading', 'the focus on the dead events heading');
    const after = await apiGet<{ counts: { dead: number }; recent: Array<{ id: number; status: string }> }>('/api/v1/organizations/acme/webhooks');
    expect(after.counts.dead).toBe(0);
    expect(after.recent.find((e) => e.id === deadId)?.status).not.toBe('dead');
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('lets ops name a new organization and connect it in one form', async () => {
    const { page, console } = await signedIn(API_TOKEN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connect Jamf' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect Jamf' }).waitFor();
    await page.getByLabel('Organization (slug)').fill('Not A Slug');
    await page.getByLabel('Jamf Pro URL').fill(sim.url);
    await page.getByLabel('Client ID').fill(DEFAULT_CREDENTIALS.clientId);
    await page.getByLabel('Client secret').fill(DEFAULT_CREDENTIALS.clientSecret);
    await page.getByRole('button', { name: 'Connect and test' }).click();
    // The API's refusal, with its field path; nothing created.
    await page.getByRole('alert').filter({ hasText: 'The connection was not saved' }).waitFor();
    expect(await page.locator('.feedback ul.field-error').textContent()).toContain('slug');
    expect(console.take()).toEqual([expect.stringMatching(/400/)]);

    await page.getByLabel('Organization (slug)').fill('globex');
    await page.getByLabel('Organization name (optional)').fill('Globex Corporation');
    await page.getByRole('button', { name: 'Connect and test' }).click();
    await until(async () => (await page.locator('section.connection-test .card-head .badge').textContent().catch(() => null)) === 'A sync will work', 'the connection test of globex');
    const globex = await apiGet<{ name: string; hasConnection: boolean }>('/api/v1/organizations/globex');
    expect(globex).toMatchObject({ name: 'Globex Corporation', hasConnection: true });
    await checkPage(page, 'connect-ops', console);

    // From the list of every organization, its connection as it is (never its secret), tested again on demand.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('link', { name: 'Connection of globex' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect Jamf: globex' }).waitFor();
    const current = page.locator('section[aria-labelledby="current-connection"]');
    expect(await current.textContent()).toContain(sim.url);
    expect(await current.textContent()).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
    await current.getByRole('button', { name: 'Test the connection' }).click();
    await until(async () => (await page.locator('section.connection-test .card-head .badge').textContent().catch(() => null)) === 'A sync will work', 'the second test of globex');
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('ops filters the assets on the server, opens one with where its facts came from and its history, and reveals its secure fields with a reason (audited)', async () => {
    const { page, console } = await signedIn(API_TOKEN);
    await page.goto(`${service.url}/#/orgs/acme/assets`);
    await page.getByRole('heading', { level: 1, name: 'Assets: acme' }).waitFor();
    const { assets } = await apiGet<{ assets: Array<{ serialNumber: string; assetType: string; model: string | null }> }>('/api/v1/organizations/acme/assets?limit=1000');
    const laptops = assets.filter((a) => a.assetType === 'laptop');
    await page.getByLabel('Type').selectOption('laptop');
    await page.getByText(`${laptops.length} of ${laptops.length} assets`).waitFor();
    expect(new Set(await page.locator('td[data-label="Type"]').allTextContents())).toEqual(new Set(['laptop']));

    const wanted = laptops[0];
    await page.getByLabel('Search').fill(wanted.serialNumber);
    await page.getByText(`1 of ${laptops.length} assets`).waitFor();
    await page.getByRole('link', { name: wanted.serialNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Asset ${wanted.serialNumber}` }).waitFor();
    const model = page.locator('section[aria-labelledby="facts-heading"] tbody tr').filter({ has: page.locator('td[data-label="Field"]', { hasText: /^Model$/ }) });
    expect(await model.locator('td[data-label="Value"]').textContent()).toBe(wanted.model ?? '—');
    expect(await model.locator('td[data-label="Set by"]').textContent()).toMatch(/^a sync /);
    const history = page.locator('section[aria-labelledby="history-heading"] tbody tr');
    expect(await history.first().locator('td[data-label="Field"]').textContent()).toBe('(created)');

    await page.getByRole('button', { name: 'Reveal secure fields' }).click();
    await page.getByRole('alert').filter({ hasText: 'Say why you read them' }).waitFor();
    await page.getByLabel('Reason (e.g. a ticket number)').fill('ticket INC-4242');
    await page.getByRole('button', { name: 'Reveal secure fields' }).click();
    await page.locator('form.secure-fields .audit-note').waitFor();
    const auditId = await page.locator('form.secure-fields .audit-note code').textContent();
    const { entries } = await apiGet<{ entries: Array<{ id: string; target: string; reason: string; action: string }> }>('/api/v1/audit?action=secure_fields.read&organization=acme');
    expect(entries).toEqual([expect.objectContaining({ id: auditId, target: wanted.serialNumber, reason: 'ticket INC-4242', action: 'secure_fields.read' })]);
    await checkPage(page, 'asset-ops', console);

    // The runs, filtered by the API.
    await page.goto(`${service.url}/#/orgs/acme/runs`);
    await page.getByRole('heading', { level: 1, name: 'Runs: acme' }).waitFor();
    await page.getByLabel('Trigger').selectOption('webhook');
    await page.getByText(/^\d+ matching runs? shown$/).waitFor();
    expect(new Set(await page.locator('td[data-label="Trigger"]').allTextContents())).toEqual(new Set(['webhook · device']));
    expect(console.take()).toEqual([]);
    await page.close();
  });

  it('offers a reader no connection form and no retry', async () => {
    await insertInboxRow(service.database.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'timeout' });
    const { page, console } = await signedIn(readerToken);
    await page.getByRole('heading', { level: 1, name: 'Overview: acme' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Runs', 'Assets', 'Webhooks']);
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks: acme' }).waitFor();
    const deadRows = page.locator('section[aria-labelledby="dead-heading"] tbody tr');
    await deadRows.first().waitFor();
    expect(await deadRows.first().textContent()).toContain('timeout');
    expect(await page.getByRole('button', { name: /Retry/ }).count()).toBe(0);
    await checkPage(page, 'webhooks-reader', console);

    // An asset's page without the secure fields.
    const { assets } = await apiGet<{ assets: Array<{ serialNumber: string }> }>('/api/v1/organizations/acme/assets?limit=1');
    await page.goto(`${service.url}/#/orgs/acme/assets/${assets[0].serialNumber}`);
    await page.getByRole('heading', { name: /^Change history/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Secure fields' }).count()).toBe(0);
    await checkPage(page, 'asset-reader', console);

    await page.goto(`${service.url}/#/orgs/acme/connect`);
    await page.getByText('Connecting Jamf needs an admin token').waitFor();
    expect(await page.getByRole('button', { name: /Connect|Generate|Test/ }).count()).toBe(0);
    expect(console.take()).toEqual([]);
    await page.close();
  });
});
