import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { MOBILE_PAGE_FACTS, V3_COMPUTER_FACTS, V4_COMPUTER_FACTS } from './support/expected-fixture-facts';

/**
 * `jamf-sync explain` as an admin runs it: the shipped CLI, stdin, stdout, stderr and exit codes.
 * One process per test, so this is an integration test (`npm run test:unit` leaves it out). The
 * command must be wired into src/cli.ts: without it every test here fails, saying so.
 */
const sample = (name: string): string => readFileSync(join(__dirname, '../fixtures/jamf', name), 'utf8');

async function explain(args: readonly string[], stdin: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const run = runCli(['explain', ...args], {}, stdin);
  const { code } = await run.waitForExit();
  if (/unknown command 'explain'/.test(run.stderr())) throw new Error('jamf-sync has no explain command: register it in src/cli.ts (registerExplainCommand)');
  return { status: code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('jamf-sync explain (spawned)', () => {
  jest.setTimeout(timeoutForChildWaits(1));

  it.each([
    ['computers-inventory-page.json', [V3_COMPUTER_FACTS]],
    ['computers-inventory-v4-page-sdk-mock.json', V4_COMPUTER_FACTS],
    ['mobile-devices-detail-page-sdk-mock.json', [MOBILE_PAGE_FACTS]],
  ] as const)('prints the facts of %s', async (file, expected) => {
    const result = await explain([], sample(file));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject(expected as object);
  });

  it('passes --kind and --ea-map through', async () => {
    const page = JSON.parse(sample('computers-inventory-page.json'));
    const result = await explain(['--kind', 'computer', '--ea-map', 'Some Attribute=keyboardLanguage'], JSON.stringify(page.results[0]));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ asset: { keyboardLanguage: 'foo' } });
  });

  it('--ea-map fills any Jamf-owned field, names the attribute as the source, and lists a bad value as a warning', async () => {
    const [record] = JSON.parse(sample('computers-inventory-page.json')).results;
    record.extensionAttributes = [
      { definitionId: '7', name: 'RAM', values: ['64 GB'] },
      { definitionId: '8', name: 'Screen', values: ['huge'] },
    ];
    const result = await explain(['--ea-map', 'RAM=memoryMb,Screen=displaySizeInches'], JSON.stringify(record));
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ asset: { memoryMb: 65536 }, sources: { memoryMb: 'extension attribute RAM' } });
    expect(printed.warnings).toEqual([
      { field: 'displaySizeInches', attribute: 'Screen', message: expect.stringMatching(/^extension attribute "Screen": "huge" is not a display size in inches/) },
    ]);
  });

  it('refuses an --ea-map naming a field the inventory owns, with exit code 2', async () => {
    const result = await explain(['--ea-map', 'Owner=assignee'], '{}');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^explain: --ea-map: "Owner": "assignee" cannot be mapped: the inventory owns it \(R6\)/);
  });

  it('answers bad JSON with one line on stderr and exit code 2', async () => {
    const result = await explain([], '{"results": [');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^explain: stdin is not valid JSON .*\n$/);
  });

  it('answers a bad option with exit code 2', async () => {
    const result = await explain(['--kind', 'tv'], '{}');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--kind must be "computer" or "mobile"');
  });
});
