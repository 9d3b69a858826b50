import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it), driven by playwright-core.
 * CHROMIUM_PATH points elsewhere. Absent: the browser tests are skipped with a message, except in
 * CI (CI=true), where that is a failure: the dashboard must be tested there.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = fs.existsSync(CHROMIUM_PATH);

export function requireChromiumInCi(): void {
  if (!chromiumInstalled && process.env.CI === 'true') {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: CI must run the dashboard's browser tests (apt-get install chromium, as .ci/run does)`);
  }
  if (!chromiumInstalled) {
    process.stderr.write(`SKIPPED: the dashboard's browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** Git-ignored (.gitignore): each page at both widths, for a person to look at. */
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

/** Everything a page said on its console at level error, and every uncaught exception. */
export function watchConsole(page: Page): { errors: string[]; take(): string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { errors, take: () => errors.splice(0) };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated through
 * the DevTools protocol, not added as a <script>: the dashboard's CSP (rightly) refuses inline scripts.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page (the test's TypeScript has no DOM types).
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`);
}

/**
 * The checks every page gets: no axe violation (serious or critical) and no console error at
 * laptop and phone widths, and a screenshot of each, named after the page.
 */
export async function checkPage(page: Page, name: string, console: { take(): string[] }): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [width, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    expect({ page: name, width, violations: await seriousAxeViolations(page) }).toEqual({ page: name, width, violations: [] });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    // The first screen alone, as a person sees it on opening the page (the README's pictures).
    if (width === 'laptop') await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}-first-screen.png`) });
  }
  await page.setViewportSize(LAPTOP);
  expect({ page: name, consoleErrors: console.take() }).toEqual({ page: name, consoleErrors: [] });
}

/** A new laptop-sized page signed in to the dashboard at `baseUrl` with `token`, its console watched. */
export async function signIn(browser: Browser, baseUrl: string, token: string): Promise<{ page: Page; console: ReturnType<typeof watchConsole> }> {
  const page = await browser.newPage({ viewport: LAPTOP });
  const console = watchConsole(page);
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, console };
}
