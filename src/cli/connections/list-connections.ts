import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../db/open-database';
import { selectRows } from '../../db/query';
import type { ExtensionAttributeMapping } from '../../db/schema';
import { listConnections } from '../../connections/connection-store';

export interface ConnectionListing {
  organization: string;
  organizationName: string;
  url: string;
  auth: { kind: 'client' | 'user'; id: string; secret: 'encrypted' | 'environment'; keyId: string | null };
  schedule: { cron: string; timeZone: string };
  pageSize: number;
  maxConcurrency: number;
  employeePolicy: 'create' | 'hold';
  ignoreList: string[];
  deriveNamesFromEmail: boolean;
  extensionAttributeMapping: ExtensionAttributeMapping;
  fetchFileVaultKeys: boolean;
  removalThreshold: number;
  enabled: boolean;
  webhookPath: string;
  webhookCredentials: number;
  lastRun: { id: string; status: string; startedAt: string; finishedAt: string | null } | null;
}

/** `connections list`: every connection's settings, never a secret (not even its ciphertext). */
export async function listConnectionsData(db: AppDatabase): Promise<ConnectionListing[]> {
  const rows = await listConnections(db);
  const lastRuns = await selectRows<{ organization_id: string; id: string; status: string; started_at: Date | string; finished_at: Date | string | null }>(
    db,
    sql`select distinct on (organization_id) organization_id, id, status, started_at, finished_at
        from sync_runs order by organization_id, started_at desc`,
  );
  const lastRunByOrg = new Map(lastRuns.map((r) => [r.organization_id, r]));
  return rows.map(({ organization, connection: c }) => {
    const run = lastRunByOrg.get(organization.id);
    return {
      organization: organization.slug,
      organizationName: organization.name,
      url: c.baseUrl,
      auth: { kind: c.authKind, id: c.authId, secret: c.authSecretCiphertext ? 'encrypted' : 'environment', keyId: c.authSecretKeyId },
      schedule: { cron: c.scheduleCron, timeZone: c.timeZone },
      pageSize: c.pageSize,
      maxConcurrency: c.maxConcurrency,
      employeePolicy: c.employeePolicy,
      ignoreList: c.ignoreList,
      deriveNamesFromEmail: c.deriveNamesFromEmail,
      extensionAttributeMapping: c.extensionAttributeMapping,
      fetchFileVaultKeys: c.fetchFileVaultKeys,
      removalThreshold: c.removalThreshold,
      enabled: c.enabled,
      webhookPath: webhookPath(organization.slug),
      webhookCredentials: c.webhookCredentials.length,
      lastRun: run
        ? {
            id: run.id,
            status: run.status,
            startedAt: new Date(run.started_at).toISOString(),
            finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
          }
        : null,
    };
  });
}

export async function listConnectionsText(db: AppDatabase, options: { json?: boolean } = {}): Promise<string> {
  const list = await listConnectionsData(db);
  if (options.json) return JSON.stringify(list, null, 2);
  if (!list.length) return 'No Jamf connections yet. Add one with "jamf-sync connections add --org <slug> --url <url> --client-id <id>".';
  const header = ['ORG', 'URL', 'AUTH', 'SCHEDULE', 'POLICY', 'ENABLED', 'WEBHOOK PATH', 'LAST RUN'];
  const lines = list.map((c) => [
    c.organization,
    c.url,
    `${c.auth.kind === 'client' ? 'client' : 'user'} ${c.auth.id}`,
    `${c.schedule.cron} ${c.schedule.timeZone}`,
    c.employeePolicy,
    c.enabled ? 'yes' : 'no',
    c.webhookPath,
    c.lastRun ? `${c.lastRun.status} ${c.lastRun.startedAt}` : 'never',
  ]);
  return formatTable([header, ...lines]);
}

/** Where Jamf sends this organization's webhooks (the receiver's route). */
export function webhookPath(slug: string): string {
  return `/webhooks/jamf/${slug}`;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}
