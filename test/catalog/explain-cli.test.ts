import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOBILE_PAGE_FACTS, V3_COMPUTER_FACTS, V4_COMPUTER_FACTS } from './support/expected-fixture-facts';

const root = join(__dirname, '../..');
const sample = (name: string): string => readFileSync(join(root, 'test/fixtures/jamf', name), 'utf8');

function run(entry: string, args: readonly string[], stdin: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [entry, 'explain', ...args], { cwd: root, input: stdin, encoding: 'utf8', timeout: 50_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The real command (commander, stdin, exit codes), registered on a bare program. */
const harness = join(__dirname, 'support/explain-harness.cjs');
/** The shipped CLI; `explain` is wired into src/cli.ts by the lead. */
const bin = join(root, 'bin/jamf-sync.cjs');
const cliWired = readFileSync(join(root, 'src/cli.ts'), 'utf8').includes('registerExplainCommand');

describe.each([
  ['explain command', harness, true],
  ['node bin/jamf-sync.cjs explain', bin, cliWired],
])('%s (spawned)', (_name, entry, enabled) => {
  const maybe = enabled ? it : it.skip;

  const samples: readonly [string, unknown][] = [
    ['computers-inventory-page.json', [V3_COMPUTER_FACTS]],
    ['computers-inventory-v4-page-sdk-mock.json', V4_COMPUTER_FACTS],
    ['mobile-devices-detail-page-sdk-mock.json', [MOBILE_PAGE_FACTS]],
  ];
  (enabled ? it.each(samples) : it.skip.each(samples))('prints the facts of %s', (file, expected) => {
    const result = run(entry, [], sample(file));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject(expected as object);
  });

  maybe('passes --kind and --ea-map through', () => {
    const page = JSON.parse(sample('computers-inventory-page.json'));
    const result = run(entry, ['--kind', 'computer', '--ea-map', 'Some Attribute=keyboardLanguage'], JSON.stringify(page.results[0]));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ asset: { keyboardLanguage: 'foo' } });
  });

  maybe('answers bad JSON with one line on stderr and exit code 2', () => {
    const result = run(entry, [], '{"results": [');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^explain: stdin is not valid JSON .*\n$/);
  });

  maybe('answers a bad option with exit code 2', () => {
    const result = run(entry, ['--kind', 'tv'], '{}');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--kind must be "computer" or "mobile"');
  });
});
