/**
 * The one place that puts bytes on the wire to Jamf Pro: concurrency limit, per-attempt timeout and
 * retries. It knows nothing about tokens or payloads; it returns the final response (whatever its
 * status) or throws `JamfUnavailableError` once retries are exhausted.
 *
 * Retried: network errors, timeouts, 429, 502, 503, 504 (honouring Retry-After). Not retried: any
 * other status, which the caller maps to a typed error. The wait between attempts happens outside
 * the concurrency slot so a sleeping retry does not block other requests.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Logger } from 'pino';
import { retryDelayMs, parseRetryAfterMs, type BackoffPolicy } from './backoff';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { JamfUnavailableError, type UnavailableReason } from './errors';
import { observedAttempt } from './request-events';

export interface JamfRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/api/`. */
  path: string;
  query?: URLSearchParams;
  /** Already-encoded body (the token endpoints take form or empty bodies). */
  body?: string;
  headers?: Record<string, string>;
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
  logger: Logger;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

type AttemptOutcome =
  | { kind: 'response'; response: JamfRawResponse }
  | { kind: 'failure'; reason: 'network' | 'timeout'; errorCode: string };

export interface TransportCounters {
  requests: number;
  retries: number;
}

export class HttpTransport {
  readonly counters: TransportCounters = { requests: 0, retries: 0 };
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpTransportOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      httpAgent: options.httpAgent,
      httpsAgent: options.httpsAgent,
      // Statuses are interpreted here and by the caller, never thrown by axios.
      validateStatus: () => true,
      responseType: 'json',
      headers: { Accept: 'application/json' },
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async execute(request: JamfRequest): Promise<JamfRawResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.options.limiter.run(() => observedAttempt(() => this.attempt(request)));
      if (outcome.kind === 'response' && !RETRYABLE_STATUSES.has(outcome.response.status)) return outcome.response;
      if (attempt >= this.options.maxAttempts) throw this.exhausted(request, outcome, attempt);

      const retryAfter = outcome.kind === 'response' ? parseRetryAfterMs(outcome.response.headers['retry-after']) : null;
      const delayMs = retryDelayMs(attempt, retryAfter, this.options.backoff, this.options.random);
      this.counters.retries += 1;
      this.options.logger.warn(
        {
          path: request.path,
          attempt,
          ...(outcome.kind === 'response' ? { status: outcome.response.status } : { error: outcome.errorCode }),
          retryInMs: delayMs,
        },
        'Jamf Pro request failed, retrying',
      );
      await this.sleep(delayMs);
    }
  }

  private async attempt(request: JamfRequest): Promise<AttemptOutcome> {
    this.counters.requests += 1;
    // axios' own `timeout` is a socket-idle timeout in Node; a slow trickle would never trip it.
    // An abort after `timeoutMs` bounds the whole attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    try {
      const query = request.query?.toString();
      const response = await this.http.request({
        method: request.method,
        url: query ? `${request.path}?${query}` : request.path,
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
      return { kind: 'failure', reason: 'network', errorCode };
    } finally {
      clearTimeout(timer);
    }
  }

  private exhausted(request: JamfRequest, outcome: AttemptOutcome, attempts: number): JamfUnavailableError {
    const where = `Jamf Pro at ${this.options.baseUrl}`;
    const details = { baseUrl: this.options.baseUrl, path: request.path, attempts };
    if (outcome.kind === 'failure' && outcome.reason === 'timeout') {
      return new JamfUnavailableError(
        `${where} did not answer ${request.path} within ${this.options.timeoutMs} ms (${attempts} attempts). ` +
          'Jamf Pro may be overloaded; try again later or lower the page size.',
        'timeout',
        details,
      );
    }
    if (outcome.kind === 'failure') {
      return new JamfUnavailableError(
        `Could not reach ${where} (${outcome.errorCode}, ${attempts} attempts). ` +
          'Check the Jamf Pro URL, DNS, and that this machine can reach it through any proxy or firewall.',
        'network',
        { ...details, errorCode: outcome.errorCode },
      );
    }
    const status = outcome.response.status;
    const reason: UnavailableReason = status === 429 ? 'rate-limited' : 'server-error';
    const what = status === 429 ? 'kept rate-limiting requests (429)' : `kept answering ${status}`;
    return new JamfUnavailableError(
      `${where} ${what} for ${request.path} after ${attempts} attempts. It may be overloaded or down; try again later.`,
      reason,
      { ...details, httpStatus: status },
    );
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
