import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppDatabase } from '../db/open-database';
import { jamfRequestChannel, type JamfRequestEvent } from '../jamf/request-events';
import { finishedRunChannel, type FinishedRunEvent } from '../sync/run-events';
import type { WebhookAnswerObserver } from '../webhooks/webhook-http-handler';
import { readInboxState, readSyncHealth } from './database-state';
import { outboxBacklog } from '../notifications/notification-outbox';
import { notificationAttemptChannel, type NotificationAttemptEvent } from '../notifications/send-notification';

/**
 * What `GET /metrics` shows for one service. Two kinds of figures:
 *
 * - Counters and histograms of what this process did (runs, devices, Jamf requests, webhooks
 *   answered), counted where it happens. Each replica exports its own and Prometheus adds them
 *   up (`sum`). Runs and Jamf requests of the background thread (PostgreSQL) are forwarded to the
 *   service's thread by message (thread-forwarding.ts). Counting them from sync_runs at scrape
 *   time instead would make every replica report every replica's runs (a `sum` over replicas
 *   would multiply them), and its cost would grow with the run history (a run per webhook batch).
 * - Gauges of shared state (last success and failures per organization, the webhook inbox), read
 *   from the database at each scrape, so whichever replica is scraped tells the truth.
 *
 * Each service has a registry of its own (tests start several in one process); Node's default
 * process metrics are registered in it too. Jamf requests and runs are heard per thread, though:
 * two services in one process would each count both's.
 */
export interface ServiceMetrics {
  readonly contentType: string;
  /** For the webhook handler: each answer's status and acknowledgement time. */
  readonly observeWebhookAnswer: WebhookAnswerObserver;
  /** The Prometheus text, with the database gauges read now. */
  scrape(): Promise<string>;
  /** Stops counting this thread's Jamf requests and runs. */
  close(): void;
}

const SYNC_DEVICE_OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

export function createServiceMetrics(db: AppDatabase): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const runs = new Counter({
    name: 'jamf_sync_runs_total',
    help: 'Sync runs this process finished, by organization, trigger (scheduled, manual, webhook) and status (succeeded, partial, failed); dry runs are not counted.',
    labelNames: ['organization', 'trigger', 'status'] as const,
    registers,
  });
  const devices = new Counter({
    name: 'jamf_sync_devices_total',
    help: 'Devices handled by the runs this process finished, by organization and outcome (created, updated, unchanged, skipped, failed).',
    labelNames: ['organization', 'outcome'] as const,
    registers,
  });
  const jamfRequests = new Counter({
    name: 'jamf_api_requests_total',
    help: 'Requests this process sent to Jamf Pro (each retry counts), by HTTP status, or "timeout" / "network" when no answer came.',
    labelNames: ['status'] as const,
    registers,
  });
  const jamfDuration = new Histogram({
    name: 'jamf_api_request_duration_seconds',
    help: 'Time from sending a request to Jamf Pro to its answer (or its timeout), excluding the wait for a concurrency slot.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const webhooks = new Counter({
    name: 'jamf_webhooks_received_total',
    help: 'Webhook requests this process answered, by HTTP status (202 stored; 4xx refused; 5xx could not be stored).',
    labelNames: ['status'] as const,
    registers,
  });
  const webhookAck = new Histogram({
    name: 'jamf_webhook_ack_duration_seconds',
    help: 'Time from a webhook request arriving to its answer being sent (Jamf gives up after 2 seconds).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'jamf_sync_last_success_timestamp_seconds',
    help: 'When the last full sync of the organization that succeeded (or completed with device errors) finished; absent before its first one.',
    labelNames: ['organization'] as const,
    registers,
  });
  const connected = new Gauge({
    name: 'jamf_sync_connection_created_timestamp_seconds',
    help: "When the organization's Jamf connection was added: the no-success alert's baseline before its first successful sync.",
    labelNames: ['organization'] as const,
    registers,
  });
  const consecutiveFailures = new Gauge({
    name: 'jamf_sync_consecutive_failures',
    help: 'Full syncs of the organization that failed since its last successful or partial one (interrupted runs are not counted).',
    labelNames: ['organization'] as const,
    registers,
  });
  const inboxPending = new Gauge({ name: 'jamf_webhook_inbox_pending', help: 'Webhooks stored and not yet processed (pending or being processed), all replicas.', registers });
  const inboxOldestAge = new Gauge({ name: 'jamf_webhook_inbox_oldest_age_seconds', help: 'Age of the oldest webhook not yet processed; 0 when there is none.', registers });
  const inboxDead = new Gauge({ name: 'jamf_webhook_inbox_dead', help: 'Webhooks that failed too often and wait for `webhooks retry`.', registers });
  const notifyDelivered = new Counter({ name: 'jamf_notifications_delivered_total', help: 'Run notifications this process delivered (the target answered 2xx).', registers });
  const notifyFailures = new Counter({
    name: 'jamf_notifications_failures_total',
    help: 'Notification attempts of this process that failed (no answer, or not 2xx), and notifications it gave up (dead).',
    registers,
  });
  const notifyPending = new Gauge({ name: 'jamf_notifications_pending', help: 'Run notifications queued and not yet delivered (waiting, or being sent), all replicas.', registers });
  const notifyDead = new Gauge({ name: 'jamf_notifications_dead', help: 'Run notifications that failed every attempt and wait for `notifications retry`.', registers });

  const onJamfRequest = (message: unknown) => {
    const event = message as JamfRequestEvent;
    jamfRequests.inc({ status: event.status });
    jamfDuration.observe(event.durationSeconds);
  };
  const onFinishedRun = (message: unknown) => {
    const { organization, trigger, status, counts } = message as FinishedRunEvent;
    runs.inc({ organization, trigger, status });
    const skipped = Object.values(counts.skipped).reduce((sum, n) => sum + n, 0);
    const byOutcome = { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, skipped, failed: counts.errors };
    for (const outcome of SYNC_DEVICE_OUTCOMES) devices.inc({ organization, outcome }, byOutcome[outcome]);
  };
  const onNotificationAttempt = (message: unknown) => {
    if ((message as NotificationAttemptEvent).outcome === 'delivered') notifyDelivered.inc();
    else notifyFailures.inc();
  };
  jamfRequestChannel.subscribe(onJamfRequest);
  finishedRunChannel.subscribe(onFinishedRun);
  notificationAttemptChannel.subscribe(onNotificationAttempt);

  return {
    contentType: registry.contentType,
    observeWebhookAnswer: (statusCode, durationSeconds) => {
      webhooks.inc({ status: String(statusCode) });
      webhookAck.observe(durationSeconds);
    },
    async scrape() {
      const [health, inbox, outbox] = await Promise.all([readSyncHealth(db), readInboxState(db), outboxBacklog(db)]);
      // Reset, then set, in one synchronous step: an organization whose connection went away
      // disappears, and no scrape ever sees the gauges half filled.
      for (const gauge of [lastSuccess, connected, consecutiveFailures]) gauge.reset();
      for (const org of health) {
        const labels = { organization: org.organization };
        if (org.lastSuccessSeconds !== null) lastSuccess.set(labels, org.lastSuccessSeconds);
        connected.set(labels, org.connectedSeconds);
        consecutiveFailures.set(labels, org.consecutiveFailures);
      }
      inboxPending.set(inbox.pending);
      inboxOldestAge.set(inbox.oldestPendingAgeSeconds ?? 0);
      inboxDead.set(inbox.dead);
      notifyPending.set(outbox.pending);
      notifyDead.set(outbox.dead);
      return registry.metrics();
    },
    close() {
      jamfRequestChannel.unsubscribe(onJamfRequest);
      finishedRunChannel.unsubscribe(onFinishedRun);
      notificationAttemptChannel.unsubscribe(onNotificationAttempt);
    },
  };
}
