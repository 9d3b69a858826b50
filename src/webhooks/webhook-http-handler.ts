import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger';
import { AppError } from '../errors/app-error';
import { errorBody, setRetryAfter, toAppError } from '../http/error-handler';
import { AuthFailureLimiter } from '../http/auth-failure-limiter';
import { assignRequestId } from '../http/request-id';
import { redactUrl } from '../logging/redaction';
import type { FrontHandler } from '../http/http-server';
import { WEBHOOK_BODY_LIMIT_BYTES, type AcceptedWebhook, type WebhookReceiver } from './webhook-receiver';

/** `POST /webhooks/jamf/:connection` (a trailing slash and a query string are tolerated). */
const WEBHOOK_ROUTE = /^\/webhooks\/jamf\/([^/?#]+)\/?(?:\?.*)?$/;

/** Told each webhook's answer (status, seconds until it was sent): the metrics' hook. */
export type WebhookAnswerObserver = (statusCode: number, durationSeconds: number) => void;

/**
 * Webhooks are answered by Node's own request handling, in front of Express. At 500 webhooks/s
 * Express's per-request work (router, helmet's browser headers, pino-http's child logger, res.json's
 * ETag) doubled the acknowledgement p99 (receiver alone: 47–50 ms with it, 20–25 ms without), and
 * Jamf gives up after 2 seconds. The handler keeps what matters to an admin: the one error shape,
 * a request id, and one log line per webhook that never shows a header (a Header credential
 * travels in a header of the customer's choosing) nor a query value other than paging's (redactUrl).
 * Any other request returns false and goes to the app.
 */
export function webhookRequestHandler(
  receiver: WebhookReceiver,
  logger: Logger,
  observe?: WebhookAnswerObserver,
  limiter = new AuthFailureLimiter(),
): FrontHandler {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const match = WEBHOOK_ROUTE.exec(req.url ?? '');
    if (!match) return false;
    void answer({ receiver, logger, observe, limiter }, req, res, decodePathSegment(match[1]));
    return true;
  };
}

interface AnswerDeps {
  receiver: WebhookReceiver;
  logger: Logger;
  observe?: WebhookAnswerObserver;
  limiter: AuthFailureLimiter;
}

async function answer({ receiver, logger, observe, limiter }: AnswerDeps, req: IncomingMessage, res: ServerResponse, connection: string): Promise<void> {
  const started = performance.now();
  const requestId = assignRequestId(req, res);
  // Per address and connection: behind a reverse proxy every caller shares the proxy's address,
  // and one organization's wrong guesses must not shut out another's webhooks.
  const limiterKey = `${req.socket.remoteAddress ?? ''} ${connection}`;
  let accepted: AcceptedWebhook | undefined;
  let refused: AppError | undefined;
  try {
    limiter.check(limiterKey);
    const admitted = await receiver.admit(connection, req.headers);
    accepted = await receiver.accept(admitted, await readBody(req, WEBHOOK_BODY_LIMIT_BYTES));
    sendJson(res, 202, { accepted: true, id: accepted.id, duplicate: accepted.duplicate });
  } catch (err) {
    refused = toAppError(err);
    if (refused.status === 401) {
      limiter.recordFailure(limiterKey);
      res.setHeader('WWW-Authenticate', 'Basic realm="jamf-webhooks", charset="UTF-8"');
    }
    setRetryAfter(res, refused);
    // A body left unread (refused on its headers, or too large) is not worth reading to keep the connection.
    if (!req.readableEnded) res.setHeader('Connection', 'close');
    if (refused.status >= 500) logger.error({ err, reqId: requestId }, 'webhook could not be stored');
    if (!res.headersSent && !res.destroyed) sendJson(res, refused.status, errorBody(refused, requestId));
  }
  const status = res.statusCode;
  observe?.(status, (performance.now() - started) / 1000);
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      reqId: requestId,
      req: { method: req.method, url: redactUrl(req.url ?? ''), remoteAddress: req.socket.remoteAddress },
      res: { statusCode: status },
      responseTime: Math.round(performance.now() - started),
      ...(accepted && { webhook: { event: accepted.eventName, inboxId: accepted.id, duplicate: accepted.duplicate } }),
      ...(refused && { error: refused.code }),
    },
    accepted ? 'webhook accepted' : `webhook refused: ${refused?.message}`,
  );
}

/** The raw body, up to `limit` bytes (413 beyond, said early when Content-Length already tells). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new AppError(413, 'payload_too_large', `Request body is larger than the ${limit} byte limit`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') {
    return Promise.reject(new AppError(415, 'unsupported_media_type', `Compressed webhook bodies (Content-Encoding: ${encoding}) are not accepted`));
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error) => {
      req.off('data', onData);
      req.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(tooLarge());
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.once('error', stop);
    req.once('aborted', () => stop(new AppError(400, 'request_aborted', 'The request was aborted before its body arrived')));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes: no connection has such a name, so it is a 404
  }
}
