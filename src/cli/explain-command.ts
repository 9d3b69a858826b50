import type { Command } from 'commander';
import { explainInput } from '../explain/explain-input';
import { parseEaMapOption, parseKindOption } from '../explain/explain-options';
import { EXIT_CODES } from './exit-codes';
import { readProcessStdin } from './read-stdin';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

interface ExplainCommandOptions {
  readonly kind?: string;
  readonly eaMap: string[];
}

/**
 * `jamf-sync explain [--kind computer|mobile] [--ea-map name=field[:choice],...]`: reads a raw Jamf record or
 * page on stdin and prints the asset facts the sync would derive, with where each came from. No
 * database, no network: the admin's tool for "why did this device map like that".
 */
export function registerExplainCommand(program: Command): Command {
  return program
    .command('explain')
    .description(COMMAND_DESCRIPTIONS.explain)
    .option('--kind <kind>', 'computer or mobile, when the record does not show which')
    .option(
      '--ea-map <pairs>',
      'extension attribute name=field[:jamf|derived] pairs, comma-separated; any field Jamf owns (see README "Extension attributes")',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (options: ExplainCommandOptions) => {
      const kind = parseKindOption(options.kind);
      const eaMapping = parseEaMapOption(options.eaMap);
      if (!kind.ok || !eaMapping.ok) {
        process.stderr.write(`explain: ${!kind.ok ? kind.error : !eaMapping.ok ? eaMapping.error : ''}\n`);
        process.exitCode = EXIT_CODES.invalidInput;
        return;
      }
      if (process.stdin.isTTY) {
        process.stderr.write('explain: no input: pipe one Jamf record, or a page {"totalCount", "results": [...]}, on stdin\n');
        process.exitCode = EXIT_CODES.invalidInput;
        return;
      }
      const result = explainInput(await readProcessStdin(), { kind: kind.value, eaMapping: eaMapping.value });
      if (result.exitCode === 0) process.stdout.write(result.stdout);
      else process.stderr.write(result.stderr);
      // explainInput is pure (it cannot import exit-codes.ts); its 0 and 2 are EXIT_CODES' ok and invalidInput (test/cli/exit-codes.test.ts).
      process.exitCode = result.exitCode;
    });
}
