import { sql } from 'drizzle-orm';
import { startSimulator, type RunningSimulator, type SimulatorOptions, DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';
import { createHttpJamfClient, type JamfClient } from '../../src/jamf';
import { saveConnection, toSyncTarget, type ConnectionSettings } from '../../src/connections/connection-store';
import { runFullSync } from '../../src/sync/full-sync';
import { syncDevices, type DeviceRef } from '../../src/sync/device-sync';
import { mapJamfRecordToDevice } from '../../src/sync/record-to-device';
import type { SyncTarget } from '../../src/connections/sync-target';
import type { RunReport } from '../../src/sync/run-report';
import type { RunSelection } from '../../src/sync/run-selection';
import { selectRows } from '../../src/db/query';
import { openTestDatabase, type TestDatabase } from './test-database';
import { captureLogs } from './log-capture';
import { SecretBox } from '../../src/crypto/secret-box';

/** A fixed key for tests: connections made here store their Jamf secret encrypted with it. */
export const TEST_SECRET_BOX = new SecretBox([Buffer.alloc(32, 7).toString('base64')]);

export interface Fleet {
  computers?: Array<Record<string, unknown>>;
  mobileDevices?: Array<Record<string, unknown>>;
  /** FileVault personal recovery keys by computer id. */
  fileVaultRecoveryKeys?: Record<string, string>;
}

/** The simulator a harness starts: the fleet as given, nothing else generated. */
export function startFleetSimulator(fleet: Fleet, options: Omit<SimulatorOptions, 'fleet'> = {}): Promise<RunningSimulator> {
  return startSimulator({
    ...options,
    fleet: {
      computers: fleet.computers ?? [],
      mobileDevices: fleet.mobileDevices ?? [],
      departments: [],
      buildings: [],
      fileVaultRecoveryKeys: fleet.fileVaultRecoveryKeys ?? {},
    },
  });
}

/**
 * One organization connected to a Jamf simulator loaded with the given records, synced through the
 * real client over HTTP into the test database.
 */
export class SyncHarness {
  readonly logs = captureLogs('debug');
  private constructor(
    readonly db: TestDatabase,
    readonly sim: RunningSimulator,
    readonly target: SyncTarget,
    readonly client: JamfClient,
  ) {}

  static async start(
    db: TestDatabase,
    fleet: Fleet,
    options: { slug?: string; settings?: Partial<ConnectionSettings>; simulator?: Omit<SimulatorOptions, 'fleet'> } = {},
  ): Promise<SyncHarness> {
    const sim = await startFleetSimulator(fleet, options.simulator);
    const auth = { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret } as const;
    const { organization, connection } = await saveConnection(db.db, TEST_SECRET_BOX, { slug: options.slug ?? 'acme' }, {
      baseUrl: sim.url,
      auth,
      pageSize: 50,
      ...options.settings,
    });
    const client = createHttpJamfClient({ baseUrl: sim.url, auth, pageSize: 50, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    return new SyncHarness(db, sim, toSyncTarget(organization, connection), client);
  }

  sync(options: { dryRun?: boolean; batchSize?: number; selection?: RunSelection } = {}): Promise<RunReport> {
    return runFullSync(this.deps(), this.target, { trigger: 'manual', ...options });
  }

  syncDevices(refs: DeviceRef[]) {
    return syncDevices(this.deps(), this.target, refs, { trigger: 'webhook' });
  }

  private deps() {
    return { db: this.db.db, client: this.client, logger: this.logs.logger, mapDevice: mapJamfRecordToDevice, box: TEST_SECRET_BOX };
  }

  async stop(): Promise<void> {
    await this.client.close();
    await this.sim.close();
  }

  async asset(serial: string): Promise<Record<string, any> | undefined> {
    const rows = await selectRows<Record<string, any>>(
      this.db.db,
      sql`select a.*, e.first_name as assignee_first_name, e.last_name as assignee_last_name,
            (select min(email) from employee_emails ee where ee.employee_id = e.id) as assignee_email
          from assets a left join employees e on e.id = a.assignee_employee_id
          where a.organization_id = ${this.target.organizationId} and a.serial_number = ${serial}`,
    );
    return rows[0];
  }

  async count(table: 'assets' | 'employees' | 'employee_emails' | 'asset_changes' | 'sync_runs' | 'asset_secure_fields'): Promise<number> {
    const rows = await selectRows<{ n: number }>(
      this.db.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id = ${this.target.organizationId}`,
    );
    return Number(rows[0].n);
  }

  async employees(): Promise<Array<{ first_name: string; last_name: string; email: string }>> {
    return selectRows(
      this.db.db,
      sql`select e.first_name, e.last_name, ee.email from employees e join employee_emails ee on ee.employee_id = e.id
          where e.organization_id = ${this.target.organizationId} order by ee.email`,
    );
  }

  async changes(serial: string): Promise<Array<{ field: string; old_value: unknown; new_value: unknown; run_id: string }>> {
    return selectRows(
      this.db.db,
      sql`select c.field, c.old_value, c.new_value, c.run_id from asset_changes c join assets a on a.id = c.asset_id
          where a.organization_id = ${this.target.organizationId} and a.serial_number = ${serial} order by c.id`,
    );
  }

  /** Snapshot of every row the sync writes, to prove a run wrote nothing. */
  async snapshot(): Promise<string> {
    const parts = await Promise.all(
      ['assets', 'asset_secure_fields', 'employees', 'employee_emails', 'asset_changes'].map((t) =>
        selectRows(this.db.db, sql`select * from ${sql.identifier(t)} where organization_id = ${this.target.organizationId} order by 1`),
      ),
    );
    return JSON.stringify(parts);
  }
}

/** Empties everything between tests, keeping the schema. */
export async function resetDatabase(db: TestDatabase): Promise<void> {
  await db.db.execute(
    sql`truncate asset_changes, sync_run_events, sync_runs, asset_secure_fields, secure_field_reads, assets, employee_emails, employees, jamf_connections, organizations, job_leases, api_tokens cascade`,
  );
}

/**
 * For a describe block whose tests each start their own harness on one shared database: opens the
 * database before the block, and after each test stops that test's harness and empties the
 * database. `db` is the block's database (once its beforeAll ran).
 */
export function harnessPerTest(): { readonly db: TestDatabase; start: (fleet: Fleet, options?: Parameters<typeof SyncHarness.start>[2]) => Promise<SyncHarness> } {
  let db: TestDatabase | undefined;
  let current: SyncHarness | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
    if (db) await resetDatabase(db);
  });
  const database = (): TestDatabase => {
    if (!db) throw new Error('harnessPerTest: the database opens in beforeAll');
    return db;
  };
  return {
    get db() {
      return database();
    },
    start: async (fleet, options) => {
      current = await SyncHarness.start(database(), fleet, options);
      return current;
    },
  };
}
