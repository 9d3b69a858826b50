import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const RULES_DIR = path.join(__dirname, '../../deploy/prometheus');
const INSTALL_HINT = 'promtool is missing: install it with `apt-get install -y --no-install-recommends prometheus` (Debian), as .ci/run does';

/** Runs promtool; a missing promtool fails the test (it never skips) with how to install it. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { cwd: RULES_DIR, encoding: 'utf8', timeout: 60_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(INSTALL_HINT);
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('Prometheus alert rules (deploy/prometheus)', () => {
  it('are valid rules (promtool check rules)', () => {
    const check = promtool('check', 'rules', 'alerts.yml');
    expect(check.output).toContain('SUCCESS: 6 rules found');
    expect(check.status).toBe(0);
  });

  it('fire and stay quiet as their unit tests say (promtool test rules)', () => {
    const test = promtool('test', 'rules', 'alerts.test.yml');
    expect(test.output).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('each alert has a unit test that sees it fire and one that sees it quiet', () => {
    const rules = fs.readFileSync(path.join(RULES_DIR, 'alerts.yml'), 'utf8');
    const tests = fs.readFileSync(path.join(RULES_DIR, 'alerts.test.yml'), 'utf8');
    const alerts = [...rules.matchAll(/^\s+- alert: (\w+)$/gm)].map((m) => m[1]);
    expect(alerts).toEqual([
      'JamfSyncNoSuccessIn26Hours',
      'JamfSyncConsecutiveFailures',
      'JamfWebhookInboxStuck',
      'JamfWebhooksDead',
      'JamfWebhookServerErrors',
      'JamfNotificationsDead',
    ]);
    // Each `alertname:` line is followed by its `exp_alerts:`, empty (quiet) or not (firing).
    const cases = [...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:( \[\])?/g)].map((m) => ({ alert: m[1], quiet: Boolean(m[2]) }));
    for (const alert of alerts) {
      expect(cases).toContainEqual({ alert, quiet: true });
      expect(cases).toContainEqual({ alert, quiet: false });
    }
  });
});
