import { sql } from 'drizzle-orm';
import { createApp } from '../../../src/http/create-app';
import { listen, withFrontHandlers, type RunningHttpServer } from '../../../src/http/http-server';
import { defaultConfig, type Config } from '../../../src/config';
import { selectRows } from '../../../src/db/query';
import { saveConnection, type ConnectionSettings } from '../../../src/connections/connection-store';
import { DEFAULT_CREDENTIALS, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/start-simulator';
import type { SendWebhookRequest, WebhookAuth } from '../../../src/simulator/send-webhook';
import { WebhookReceiver } from '../../../src/webhooks/webhook-receiver';
import { webhookRequestHandler } from '../../../src/webhooks/webhook-http-handler';
import { ConnectionDirectory } from '../../../src/webhooks/connection-directory';
import { environmentWebhookCredentials, setWebhookCredential } from '../../../src/webhooks/webhook-credentials';
import { InboxWorker, type InboxWorkerOptions } from '../../../src/webhooks/inbox-worker';
import { captureLogs } from '../../support/log-capture';
import { TEST_SECRET_BOX, resetDatabase, startFleetSimulator, type Fleet } from '../../support/sync-harness';
import type { TestDatabase } from '../../support/test-database';

export const BASIC = { username: 'jamf-webhooks', password: 'correct-horse-battery-staple' };
export const BASIC_AUTH: WebhookAuth = { basic: BASIC };

export interface InboxRow {
  id: string;
  status: string;
  outcome: string | null;
  event_name: string;
  device_kind: string | null;
  jamf_id: string | null;
  attempts: number;
  deliveries: number;
  content_type: string;
  last_error: string | null;
  run_id: string | null;
}

/**
 * One test file's webhook setup: a simulator, the receiver on a real port (so the simulator sends
 * webhooks exactly as Jamf would), and a worker the test drives batch by batch with its own clock.
 */
export class WebhookHarness {
  readonly logs = captureLogs('debug');
  /** Added to the worker's clock: leases and backoff pass without waiting. */
  clockOffsetMs = 0;
  organizationId = '';
  connectionId = '';
  private directory!: ConnectionDirectory;
  worker!: InboxWorker;

  private constructor(
    readonly db: TestDatabase,
    readonly sim: RunningSimulator,
    readonly config: Config,
    private http: RunningHttpServer | null,
    readonly slug: string,
    private readonly connectionSettings: Partial<ConnectionSettings> = {},
  ) {}

  static async start(
    db: TestDatabase,
    fleet: Fleet,
    options: {
      slug?: string;
      config?: Record<string, string>;
      simulator?: Omit<SimulatorOptions, 'fleet'>;
      /** Settings of the connection every reset() saves (e.g. fetchFileVaultKeys). */
      connection?: Partial<ConnectionSettings>;
    } = {},
  ): Promise<WebhookHarness> {
    const sim = await startFleetSimulator(fleet, options.simulator);
    // One attempt per Jamf request keeps failure tests fast; the inbox does the retrying.
    const config = defaultConfig({ JAMF_MAX_ATTEMPTS: '1', ...options.config });
    const h = new WebhookHarness(db, sim, config, null, options.slug ?? 'acme', options.connection);
    await h.listen();
    await h.reset();
    return h;
  }

  get url(): string {
    return this.http!.url;
  }

  webhookUrl(connection = this.slug): string {
    return `${this.url}/webhooks/jamf/${connection}`;
  }

  /** Empty database, the organization and its connection with Basic webhook credentials, a fresh worker. */
  async reset(workerOptions: InboxWorkerOptions = {}): Promise<void> {
    await resetDatabase(this.db);
    const { organization, connection } = await saveConnection(this.db.db, TEST_SECRET_BOX, { slug: this.slug }, {
      baseUrl: this.sim.url,
      auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret },
      pageSize: 50,
      ...this.connectionSettings,
    });
    this.organizationId = organization.id;
    this.connectionId = connection.id;
    await setWebhookCredential(this.db.db, this.slug, { kind: 'basic', ...BASIC });
    this.directory.clear();
    this.clockOffsetMs = 0;
    this.sim.setFaults({ latencyMs: 0, errorRate: 0 });
    this.newWorker(workerOptions);
  }

  newWorker(options: InboxWorkerOptions = {}): InboxWorker {
    this.worker = new InboxWorker(
      { db: this.db.db, config: this.config, box: TEST_SECRET_BOX, logger: this.logs.logger },
      { clock: () => new Date(Date.now() + this.clockOffsetMs), retry: { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 3 }, ...options },
    );
    return this.worker;
  }

  /** Sends a webhook for a simulator device, as Jamf would (XML unless told). */
  send(event: string, deviceId: string | number, extra: Partial<SendWebhookRequest> = {}) {
    return this.sim.sendWebhook({ url: this.webhookUrl(), event, deviceId: String(deviceId), auth: BASIC_AUTH, ...extra });
  }

  /** Posts a raw body with the given headers. */
  async post(body: string | Buffer, headers: Record<string, string>, connection = this.slug): Promise<{ status: number; body: any }> {
    const res = await fetch(this.webhookUrl(connection), { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  }

  async rows(): Promise<InboxRow[]> {
    return selectRows<InboxRow>(
      this.db.db,
      sql`select id::text, status, outcome, event_name, device_kind, jamf_id, attempts, deliveries, content_type, last_error, run_id
          from webhook_inbox order by webhook_inbox.id`,
    );
  }

  async webhookRuns(): Promise<Array<{ id: string; status: string; counts: any }>> {
    return selectRows(this.db.db, sql`select id, status, counts from sync_runs where trigger = 'webhook' order by started_at`);
  }

  async asset(serial: string): Promise<Record<string, any> | undefined> {
    const rows = await selectRows<Record<string, any>>(this.db.db, sql`select * from assets where serial_number = ${serial}`);
    return rows[0];
  }

  async close(): Promise<void> {
    await this.worker?.stop(1000);
    await this.http?.close(1000);
    await this.sim.close();
  }

  private async listen(): Promise<void> {
    this.directory = new ConnectionDirectory(this.db.db, environmentWebhookCredentials(this.config), 0);
    const app = createApp({
      logger: this.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
    });
    const receiver = new WebhookReceiver({ db: this.db.db, environmentCredentials: [], directory: this.directory });
    this.http = await listen(withFrontHandlers(app, webhookRequestHandler(receiver, this.logs.logger)), 0, '127.0.0.1');
  }
}
