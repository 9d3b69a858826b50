import type { Command } from 'commander';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { SecretBox } from '../crypto/secret-box';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { rotateKeys, type RotationResult } from '../crypto/rotate-keys';
import { InvalidInputError } from '../errors/invalid-input-error';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

/** `jamf-sync keys rotate`: re-encrypts every stored secret under ENCRYPTION_KEY. Prints counts, never a secret. */
export async function rotateKeysText(
  deps: { db: AppDatabase; box: SecretBox | null },
  options: { dryRun?: boolean; batchSize?: string } = {},
): Promise<string> {
  let batchSize: number | undefined;
  if (options.batchSize !== undefined) {
    batchSize = Number(options.batchSize);
    if (!/^\d+$/.test(options.batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new InvalidInputError('Invalid options for "keys rotate"', [`--batch-size: must be a whole number from 1 to 10000 (got "${options.batchSize}")`]);
    }
  }
  return formatRotation(await rotateKeys(deps.db, deps.box, { dryRun: options.dryRun, batchSize }));
}

function formatRotation(r: RotationResult): string {
  return [
    `${r.dryRun ? 'Would re-encrypt' : 'Re-encrypted'} under key id ${r.currentKeyId}:`,
    `  Jamf connection secrets  ${r.rotated.connectionSecrets} (already under it: ${r.alreadyCurrent.connectionSecrets})`,
    `  FileVault recovery keys  ${r.rotated.recoveryKeys} (already under it: ${r.alreadyCurrent.recoveryKeys})`,
    `  notification secrets     ${r.rotated.notifySecrets} (already under it: ${r.alreadyCurrent.notifySecrets})`,
    ...(r.dryRun ? [] : ['Every secret now opens with ENCRYPTION_KEY alone: ENCRYPTION_KEYS_PREVIOUS can be removed once all replicas run with the new key.']),
  ].join('\n');
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description(COMMAND_DESCRIPTIONS.keys);
  keys
    .command('rotate')
    .description('re-encrypt every stored secret with ENCRYPTION_KEY (old keys in ENCRYPTION_KEYS_PREVIOUS)')
    .option('--dry-run', 'count what would be re-encrypted, change nothing')
    .option('--batch-size <n>', 'rows per transaction (default 500)')
    .addHelpText(
      'after',
      `
To rotate: set ENCRYPTION_KEY to a new key (openssl rand -base64 32) and put the old one in
ENCRYPTION_KEYS_PREVIOUS (comma-separated), run this, then drop the old key once every replica runs
with the new one. Each batch is one transaction; a secret whose key is not configured stops the run
with its key id, leaving that batch unchanged.`,
    )
    .action(
      runCommand(async (opts: { dryRun?: boolean; batchSize?: string }) => {
        const config = getConfig();
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await rotateKeysText({ db: database.db, box: secretBoxFromConfig(config) }, opts)}\n`);
        } finally {
          await database.close();
        }
      }),
    );
}
