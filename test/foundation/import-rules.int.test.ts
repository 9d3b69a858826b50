import { spawnSync } from 'node:child_process';
import path from 'node:path';

/*
 * `npm run lint:deps` (part of `npm test`) keeps the import graph honest. This runs the project's
 * own dependency-cruiser configuration over a small tree with one violation of each rule, so a
 * change to the configuration that stops catching them fails here.
 */
const root = path.join(__dirname, '../..');
const fixture = path.join(root, 'test/fixtures/import-rules');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function depcruise(cwd: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), ...args, '--config', path.join(root, '.dependency-cruiser.cjs')],
    { cwd, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw new Error(`dependency-cruiser did not finish: ${result.error.message}\n${result.stderr}`);
  return result;
}

/** The violations found, and the exit status of the form `npm run lint:deps` uses (`--output-type err`). */
function cruise(cwd: string, folders: string[]): { status: number | null; violations: Violation[] } {
  const { violations } = JSON.parse(depcruise(cwd, [...folders, '--output-type', 'json']).stdout).summary as { violations: Violation[] };
  return { status: depcruise(cwd, [...folders, '--output-type', 'err']).status, violations };
}

describe('import rules (dependency-cruiser)', () => {
  it('refuses a file cycle, a pure → I/O import and a pure → node:fs import, and allows type-only imports', () => {
    const { status, violations } = cruise(fixture, ['src']);
    const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'no-circular: src/sync/a.ts → src/sync/b.ts',
      'pure-does-no-io: src/catalog/read.ts → fs',
      'pure-imports-only-pure-code: src/planner/decide.ts → src/db/open.ts',
    ]);
    expect(status).not.toBe(0);
  });

  it('finds no violation in the project itself', () => {
    const { status, violations } = cruise(root, ['src', 'bench', 'scripts', 'bin']);
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });
});
