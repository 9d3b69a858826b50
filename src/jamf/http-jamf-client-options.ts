/**
 * Options of the HTTP Jamf client and their defaults, resolved once. Pure.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Logger } from 'pino';
import type { ComputerInventoryApiVersion } from './jamf-version';
import type { InvalidRecordReport } from './record-validation';
import type { JamfCredentials } from './token-requests';
import { DEFAULT_PAGE_SIZE, effectivePageSize } from './inventory-query';

export type { JamfCredentials } from './token-requests';

export interface HttpJamfClientOptions {
  /** e.g. `https://example.jamfcloud.com` */
  baseUrl: string;
  auth: JamfCredentials;
  /** Records per inventory page; default 200, clamped to 2000. */
  pageSize?: number;
  /** Requests in flight at once, token requests included; default 5 (Jamf's guidance). */
  maxConcurrency?: number;
  /** Per-attempt time limit; default 30 s. */
  timeoutMs?: number;
  /** Attempts per request including the first; default 5. */
  maxAttempts?: number;
  /** Backoff ceiling for the first retry (doubles each retry, full jitter); default 500 ms. */
  retryBaseDelayMs?: number;
  /** Largest computed backoff; default 30 s. */
  retryMaxDelayMs?: number;
  /** Longest wait we take for a Retry-After (a longer one is shortened to this); default 60 s. */
  maxRetryAfterMs?: number;
  /** All attempts and waits of one request together; past it the request fails; default 180 s. */
  requestBudgetMs?: number;
  /** While one attempt waits, "still waiting" is logged this often; default 10 s. */
  progressIntervalMs?: number;
  /**
   * Smallest page a slow page (timeout, 502/503/504) is split down to before it counts as a
   * failure; default 25. A page that answers 500 is split down to single devices regardless.
   */
  minPageSize?: number;
  /** Extra trusted CA certificates (PEM text), added to Node's default trust, for a private CA. */
  caCertificates?: string;
  /** The setting that holds `caCertificates`, named in TLS messages; default JAMF_CA_FILE. */
  caSetting?: string;
  /** Pages fetched ahead of the one being consumed (0–2); default 1. */
  prefetchPages?: number;
  /** Use this computer-inventory API version instead of choosing one by version or by stepping down. */
  computerInventoryApi?: ComputerInventoryApiVersion;
  logger?: Logger;
  /** Called for every malformed record the client skips. */
  onInvalidRecord?: (report: InvalidRecordReport) => void;
  /** Custom agents; by default the client creates keep-alive agents sized to `maxConcurrency`. */
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  /** Test seams. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export const JAMF_RECOMMENDED_MAX_CONCURRENCY = 5;

export interface ResolvedClientSettings {
  pageSize: number;
  maxConcurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRetryAfterMs: number;
  requestBudgetMs: number;
  minPageSize: number;
  prefetchPages: number;
}

export function resolveClientSettings(options: HttpJamfClientOptions): ResolvedClientSettings {
  return {
    pageSize: effectivePageSize(options.pageSize, DEFAULT_PAGE_SIZE),
    maxConcurrency: positiveInteger(options.maxConcurrency, JAMF_RECOMMENDED_MAX_CONCURRENCY),
    timeoutMs: positiveInteger(options.timeoutMs, 30_000),
    maxAttempts: positiveInteger(options.maxAttempts, 5),
    retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, 500),
    retryMaxDelayMs: nonNegative(options.retryMaxDelayMs, 30_000),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, 60_000),
    requestBudgetMs: positiveInteger(options.requestBudgetMs, 180_000),
    minPageSize: positiveInteger(options.minPageSize, 25),
    prefetchPages: Math.min(2, Math.floor(nonNegative(options.prefetchPages, 1))),
  };
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
