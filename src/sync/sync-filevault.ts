import { MissingEncryptionKeyError } from '../crypto/secret-box';
import { JamfPermissionError } from '../jamf/errors';
import type { FileVaultRecord } from '../jamf/schemas';
import type { SyncDeps } from './sync-deps';
import type { SyncSession } from './sync-session';
import { storeFileVaultKeys } from './filevault-keys';

const FILEVAULT_BATCH = 500;

/**
 * After the inventory pass: pages through Jamf's FileVault keys (one bulk endpoint, not one request
 * per computer) and stores the new or changed ones. A missing privilege or key is one clear run
 * error; the inventory already written stands.
 */
export async function syncAllFileVaultKeys(
  deps: SyncDeps,
  session: SyncSession,
  /** Only these computers' keys (a scoped run: the computers it read); absent for every computer. */
  onlyComputerIds?: ReadonlySet<string>,
): Promise<void> {
  try {
    const box = requireBox(deps);
    let batch: FileVaultRecord[] = [];
    let stored = 0;
    const flush = async () => {
      stored += (await storeFileVaultKeys(deps.db, box, session.target.organizationId, batch, { dryRun: session.options.dryRun })).stored;
      batch = [];
    };
    for await (const record of deps.client.streamFileVaultKeys({ pageSize: session.target.pageSize })) {
      if (onlyComputerIds && !onlyComputerIds.has(String(record.computerId))) continue;
      batch.push(record);
      if (batch.length >= FILEVAULT_BATCH) await flush();
    }
    await flush();
    session.counts.recoveryKeysStored = stored;
  } catch (err) {
    session.reportError(fileVaultError(err));
  }
}

/** The webhook path: one computer's key, fetched only when the connection enables it. */
export async function syncDeviceFileVaultKeys(deps: SyncDeps, session: SyncSession, computerIds: readonly string[]): Promise<void> {
  if (!computerIds.length) return;
  try {
    const box = requireBox(deps);
    const records = (await Promise.all(computerIds.map((id) => deps.client.getFileVaultKey(id)))).filter(
      (r): r is FileVaultRecord => r !== null,
    );
    const { stored } = await storeFileVaultKeys(deps.db, box, session.target.organizationId, records, { dryRun: session.options.dryRun });
    session.counts.recoveryKeysStored = (session.counts.recoveryKeysStored ?? 0) + stored;
  } catch (err) {
    session.reportError(fileVaultError(err));
  }
}

function requireBox(deps: SyncDeps) {
  if (!deps.box) throw new MissingEncryptionKeyError('FileVault recovery keys (this connection fetches them)');
  return deps.box;
}

function fileVaultError(err: unknown) {
  const message =
    err instanceof JamfPermissionError
      ? `FileVault keys were not fetched: ${err.message}`
      : err instanceof MissingEncryptionKeyError
        ? err.message
        : `FileVault keys were not fetched: ${(err as Error).message}`;
  return { code: 'filevault_keys_not_synced', serialNumber: null, jamfId: null, message };
}
