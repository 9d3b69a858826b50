import type { AppDatabase } from '../../db/open-database';
import type { ExtensionAttributeMapping } from '../../db/schema';
import { listConnections } from '../../connections/connection-store';
import { readConnectionStatuses } from '../../runs/connection-status';
import type { RetryPolicy } from '../../scheduler/retry-policy';
import { describeScope, type DeviceScope } from '../../scope/device-scope';

export interface ConnectionListing {
  organization: string;
  organizationName: string;
  url: string;
  auth: { kind: 'client' | 'user'; id: string; secret: 'encrypted' | 'environment'; keyId: string | null };
  /** spreadMinutes: the connection's own, null when it follows SYNC_SPREAD_MINUTES. */
  schedule: { cron: string; timeZone: string; spreadMinutes: number | null };
  pageSize: number;
  maxConcurrency: number;
  employeePolicy: 'create' | 'hold';
  ignoreList: string[];
  deriveNamesFromEmail: boolean;
  extensionAttributeMapping: ExtensionAttributeMapping;
  fetchFileVaultKeys: boolean;
  removalThreshold: number;
  /** Which devices the connection syncs ({} is every device), and that in words. */
  scope: DeviceScope;
  scopeDescription: string;
  enabled: boolean;
  webhookPath: string;
  webhookCredentials: number;
  /** The latest full run (webhook device runs are in `export runs`). */
  lastRun: { id: string; trigger: string; status: string; startedAt: string; finishedAt: string | null } | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  /** Why the latest full run did not succeed; null when it did. */
  lastError: { code: string | null; message: string | null } | null;
  /** The next nightly run (cron and time zone), and the next retry of a run that did not succeed. */
  nextScheduledRun: string | null;
  nextRetryAt: string | null;
}

/**
 * `connections list`: every connection's settings, never a secret (not even its ciphertext), and
 * how its sync is doing (the status reader the API and the metrics use too).
 */
export async function listConnectionsData(db: AppDatabase, retry?: RetryPolicy): Promise<ConnectionListing[]> {
  const rows = await listConnections(db);
  const statuses = new Map((await readConnectionStatuses(db, { retry })).map((s) => [s.connectionId, s]));
  return rows.map(({ organization, connection: c }) => {
    const status = statuses.get(c.id);
    return {
      organization: organization.slug,
      organizationName: organization.name,
      url: c.baseUrl,
      auth: { kind: c.authKind, id: c.authId, secret: c.authSecretCiphertext ? 'encrypted' : 'environment', keyId: c.authSecretKeyId },
      schedule: { cron: c.scheduleCron, timeZone: c.timeZone, spreadMinutes: c.spreadMinutes },
      pageSize: c.pageSize,
      maxConcurrency: c.maxConcurrency,
      employeePolicy: c.employeePolicy,
      ignoreList: c.ignoreList,
      deriveNamesFromEmail: c.deriveNamesFromEmail,
      extensionAttributeMapping: c.extensionAttributeMapping,
      fetchFileVaultKeys: c.fetchFileVaultKeys,
      removalThreshold: c.removalThreshold,
      scope: c.deviceScope,
      scopeDescription: describeScope(c.deviceScope),
      enabled: c.enabled,
      webhookPath: webhookPath(organization.slug),
      webhookCredentials: c.webhookCredentials.length,
      lastRun: status?.lastRun ?? null,
      lastSuccessAt: status?.lastSuccessAt ?? null,
      consecutiveFailures: status?.consecutiveFailures ?? 0,
      lastError: status?.lastError ?? null,
      nextScheduledRun: status?.nextScheduledRun ?? null,
      nextRetryAt: status?.nextRetryAt ?? null,
    };
  });
}

export async function listConnectionsText(db: AppDatabase, options: { json?: boolean; retry?: RetryPolicy } = {}): Promise<string> {
  const list = await listConnectionsData(db, options.retry);
  if (options.json) return JSON.stringify(list, null, 2);
  if (!list.length) return 'No Jamf connections yet. Add one with "jamf-sync connections add --org <slug> --url <url> --client-id <id>".';
  const header = ['ORG', 'URL', 'AUTH', 'SCHEDULE', 'POLICY', 'SCOPE', 'ENABLED', 'WEBHOOK PATH', 'LAST RUN', 'LAST SUCCESS', 'FAILURES', 'NEXT RUN', 'ERROR'];
  const lines = list.map((c) => [
    c.organization,
    c.url,
    `${c.auth.kind === 'client' ? 'client' : 'user'} ${c.auth.id}`,
    `${c.schedule.cron} ${c.schedule.timeZone}${c.schedule.spreadMinutes === null ? '' : ` +${c.schedule.spreadMinutes}m`}`,
    c.employeePolicy,
    c.scopeDescription,
    c.enabled ? 'yes' : 'no',
    c.webhookPath,
    c.lastRun ? `${c.lastRun.status} ${c.lastRun.finishedAt ?? c.lastRun.startedAt}` : 'never',
    c.lastSuccessAt ?? 'never',
    String(c.consecutiveFailures),
    nextRun(c),
    c.lastError?.code ?? '-',
  ]);
  // The messages are long; each gets a line of its own under the table.
  const errors = list.filter((c) => c.lastError).map((c) => `${c.organization}: ${c.lastError!.code ?? 'error'}: ${c.lastError!.message ?? '(no message)'}`);
  return [formatTable([header, ...lines]), ...(errors.length ? ['', 'Last errors:', ...errors] : [])].join('\n');
}

/** The earlier of the retry and the nightly run; "-" when neither is planned (disabled). */
function nextRun(c: ConnectionListing): string {
  if (c.nextRetryAt && (!c.nextScheduledRun || c.nextRetryAt < c.nextScheduledRun)) return `retry ${c.nextRetryAt}`;
  return c.nextScheduledRun ?? '-';
}

/** Where Jamf sends this organization's webhooks (the receiver's route). */
export function webhookPath(slug: string): string {
  return `/webhooks/jamf/${slug}`;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}
