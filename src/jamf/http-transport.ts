/**
 * The one place that puts bytes on the wire to Jamf Pro: concurrency limit, per-attempt timeout and
 * retries. It knows nothing about tokens or payloads; it returns the final response (whatever its
 * status) or throws `JamfUnavailableError` once retries are exhausted.
 *
 * Retried: network errors, timeouts, 429, 502, 503, 504 (honouring Retry-After, capped), within a
 * time budget per request. Not retried: TLS failures, redirects it will not follow, and any other
 * status, which the caller maps to a typed error. The wait between attempts happens outside the
 * concurrency slot so a sleeping retry does not block other requests.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Logger } from 'pino';
import { retryDelayMs, parseRetryAfterMs, type BackoffPolicy } from './backoff';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { JamfUnavailableError } from './errors';
import { tlsFailureKind, type TlsFailureKind } from './tls-failures';
import {
  networkError,
  redirectError,
  statusError,
  timeoutError,
  tlsError,
  waitingFor,
  type RequestDescription,
} from './transport-messages';
import { observedAttempt } from './request-events';

export interface JamfRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/api/`. */
  path: string;
  query?: URLSearchParams;
  /** Already-encoded body (the token endpoints take form or empty bodies). */
  body?: string;
  headers?: Record<string, string>;
  /**
   * An inventory page the caller can ask for again in smaller pieces: a timeout, 502, 504, or 503
   * without Retry-After is thrown after this one attempt instead of repeating the same size.
   */
  shrinkable?: boolean;
}

export interface JamfRawResponse {
  status: number;
  data: unknown;
  headers: Record<string, string | undefined>;
}

export interface HttpTransportOptions {
  baseUrl: string;
  limiter: ConcurrencyLimiter;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy & { maxRetryAfterMs: number };
  /** Every attempt and wait of one request together stay within this. */
  requestBudgetMs: number;
  /** While one attempt waits, a "still waiting" line is logged this often; default 10 s. */
  progressIntervalMs?: number;
  /** The setting TLS messages tell the admin to set for a private CA (default JAMF_CA_FILE). */
  caSetting?: string;
  logger: Logger;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Same-origin hops a data request may take (e.g. a trailing-slash redirect); more is a loop. */
const MAX_SAME_ORIGIN_REDIRECTS = 3;

type AttemptOutcome =
  | { kind: 'response'; response: JamfRawResponse }
  | { kind: 'failure'; reason: 'network' | 'timeout'; errorCode: string }
  | { kind: 'tls'; tlsKind: TlsFailureKind; errorCode: string }
  | { kind: 'redirect-refused'; status: number; location: string };

export interface TransportCounters {
  requests: number;
  retries: number;
}

export class HttpTransport {
  readonly counters: TransportCounters = { requests: 0, retries: 0 };
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly origin: string;

  constructor(private readonly options: HttpTransportOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      httpAgent: options.httpAgent,
      httpsAgent: options.httpsAgent,
      // Statuses are interpreted here and by the caller, never thrown by axios.
      validateStatus: () => true,
      // Redirects are decided here: a followed 307 would re-send a token request's client_secret
      // to whatever host the Location names.
      maxRedirects: 0,
      responseType: 'json',
      headers: { Accept: 'application/json' },
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.origin = new URL(options.baseUrl).origin;
  }

  async execute(request: JamfRequest): Promise<JamfRawResponse> {
    const description: RequestDescription = { method: request.method, path: request.path, isPage: request.query?.has('page-size') ?? false };
    const { baseUrl, maxAttempts, requestBudgetMs: budget } = this.options;
    let attemptsMs = 0;
    let sleptMs = 0;
    const spent = (): number => attemptsMs + sleptMs;

    for (let attempt = 1; ; attempt += 1) {
      const timeoutMs = Math.max(1, Math.min(this.options.timeoutMs, budget - spent()));
      const began = this.now();
      const outcome = await this.options.limiter.run(() => observedAttempt(() => this.attemptFollowingRedirects(request, description, attempt, timeoutMs)));
      attemptsMs += this.now() - began;

      if (outcome.kind === 'tls') throw tlsError(baseUrl, outcome.tlsKind, outcome.errorCode, this.options.caSetting ?? 'JAMF_CA_FILE');
      if (outcome.kind === 'redirect-refused') throw redirectError(baseUrl, description, outcome.status, outcome.location);
      if (outcome.kind === 'response' && !RETRYABLE_STATUSES.has(outcome.response.status)) return outcome.response;

      const retryAfterMs = outcome.kind === 'response' ? parseRetryAfterMs(outcome.response.headers['retry-after']) : null;
      if (request.shrinkable && sizeMayBeTheCause(outcome, retryAfterMs)) throw this.gaveUp(description, outcome, attempt, timeoutMs, false);
      if (attempt >= maxAttempts) throw this.gaveUp(description, outcome, attempt, timeoutMs, false);
      if (outcome.kind === 'response' && retryAfterMs !== null && retryAfterMs > budget - spent()) {
        // Jamf says it will not be ready within the time we may wait: say so now rather than
        // sleeping the capped delay and asking again into the same outage.
        throw statusError(baseUrl, description, attempt, outcome.response.status, retryAfterMs, budget);
      }
      const delayMs = retryDelayMs(attempt, retryAfterMs, this.options.backoff, this.options.random);
      if (spent() + delayMs >= budget) throw this.gaveUp(description, outcome, attempt, timeoutMs, true);

      this.counters.retries += 1;
      this.options.logger.warn(
        {
          path: request.path,
          attempt,
          maxAttempts,
          ...(outcome.kind === 'response' ? { status: outcome.response.status } : { error: outcome.errorCode }),
          retryInMs: delayMs,
        },
        `Jamf Pro request failed, retrying in ${(delayMs / 1000).toFixed(1)} s: Jamf Pro at ${baseUrl} ` +
          `${failureSummary(outcome, timeoutMs)} for ${waitingFor(description)} (attempt ${attempt} of ${maxAttempts})`,
      );
      await this.sleep(delayMs);
      sleptMs += delayMs;
    }
  }

  /** One attempt; a data request may follow a few redirects within the same origin. */
  private async attemptFollowingRedirects(
    request: JamfRequest,
    description: RequestDescription,
    attempt: number,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const query = request.query?.toString();
    let url = query ? `${request.path}?${query}` : request.path;
    for (let hop = 0; ; hop += 1) {
      const outcome = await this.attempt(request, url, description, attempt, timeoutMs);
      if (outcome.kind !== 'response' || !REDIRECT_STATUSES.has(outcome.response.status)) return outcome;
      const location = outcome.response.headers.location ?? '';
      const target = resolveLocation(location, this.options.baseUrl, url);
      const followable = request.method === 'GET' && target !== null && target.origin === this.origin && hop < MAX_SAME_ORIGIN_REDIRECTS;
      if (!followable) return { kind: 'redirect-refused', status: outcome.response.status, location };
      url = target.href;
    }
  }

  private async attempt(
    request: JamfRequest,
    url: string,
    description: RequestDescription,
    attempt: number,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    this.counters.requests += 1;
    // axios' own `timeout` is a socket-idle timeout in Node; a slow trickle would never trip it.
    // An abort after `timeoutMs` bounds the whole attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    // A long silent wait is the worst thing a new user can see: say what we wait for, and how long.
    const began = this.now();
    const progressEvery = this.options.progressIntervalMs ?? 10_000;
    // Warn level: the CLI shows warnings, and 10 s without an answer is worth a line.
    const progress = setInterval(() => {
      this.options.logger.warn(
        { path: request.path, attempt, maxAttempts: this.options.maxAttempts, waitedMs: this.now() - began },
        `Still waiting for Jamf Pro at ${this.options.baseUrl} to answer ${waitingFor(description)} ` +
          `(attempt ${attempt} of ${this.options.maxAttempts}, ${Math.round((this.now() - began) / 1000)} s of ${Math.round(timeoutMs / 1000)} s)`,
      );
    }, progressEvery);
    progress.unref();
    try {
      const response = await this.http.request({
        method: request.method,
        url,
        data: request.body,
        headers: request.headers,
        signal: controller.signal,
      });
      return {
        kind: 'response',
        response: { status: response.status, data: response.data, headers: plainHeaders(response.headers) },
      };
    } catch (error) {
      // Only the error code leaves this function: the axios error's config holds credentials.
      if (timedOut) return { kind: 'failure', reason: 'timeout', errorCode: 'TIMEOUT' };
      const errorCode = axios.isAxiosError(error) ? (error.code ?? 'NETWORK_ERROR') : 'NETWORK_ERROR';
      const tlsKind = tlsFailureKind(errorCode);
      if (tlsKind) return { kind: 'tls', tlsKind, errorCode };
      return { kind: 'failure', reason: 'network', errorCode };
    } finally {
      clearTimeout(timer);
      clearInterval(progress);
    }
  }

  private gaveUp(
    description: RequestDescription,
    outcome: Extract<AttemptOutcome, { kind: 'response' | 'failure' }>,
    attempts: number,
    timeoutMs: number,
    budgetSpent: boolean,
  ): JamfUnavailableError {
    const { baseUrl } = this.options;
    if (outcome.kind === 'failure' && outcome.reason === 'timeout') return timeoutError(baseUrl, description, attempts, timeoutMs, budgetSpent);
    if (outcome.kind === 'failure') return networkError(baseUrl, description, attempts, outcome.errorCode);
    return statusError(baseUrl, description, attempts, outcome.response.status, null, null);
  }
}

/** Failures a smaller page can cure: the server or its edge ran out of time on this size. */
function sizeMayBeTheCause(outcome: Extract<AttemptOutcome, { kind: 'response' | 'failure' }>, retryAfterMs: number | null): boolean {
  if (outcome.kind === 'failure') return outcome.reason === 'timeout';
  const status = outcome.response.status;
  // A 503 with Retry-After is Jamf saying "later", not "smaller": honour it at the same size.
  return status === 502 || status === 504 || (status === 503 && retryAfterMs === null);
}

function failureSummary(outcome: Extract<AttemptOutcome, { kind: 'response' | 'failure' }>, timeoutMs: number): string {
  if (outcome.kind === 'response') return `answered ${outcome.response.status}`;
  if (outcome.reason === 'timeout') return `no answer within ${(timeoutMs / 1000).toFixed(1)} s`;
  return `could not connect (${outcome.errorCode})`;
}

/** The redirect target as an absolute URL, or null when the Location header is unusable. */
function resolveLocation(location: string, baseUrl: string, currentUrl: string): URL | null {
  if (!location) return null;
  try {
    // axios appends a relative request URL to the base URL (path included), so resolve the same way.
    const requested = /^https?:\/\//i.test(currentUrl) ? currentUrl : `${baseUrl.replace(/\/+$/, '')}${currentUrl}`;
    return new URL(location, requested);
  } catch {
    return null;
  }
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value !== undefined && value !== null) plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return plain;
}

/** The base URL as shown in messages: no credentials, query or trailing slash. */
export function displayBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}
