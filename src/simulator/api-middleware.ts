import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SimulatorContext } from './simulator-context';
import { emptyError, invalidPrivilegeError, invalidTokenError } from './jamf-errors';

// Unref'd: the listening server keeps a running simulator alive; a closed one need not wait for a slow answer.
const delay = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve());

/** Counts the request and keeps it "in flight" until the response is finished or abandoned. */
export function trackApiRequests(ctx: SimulatorContext): RequestHandler {
  return (req, res, next) => {
    const end = ctx.stats.begin(req.baseUrl + req.path);
    res.on('finish', () => end(res.statusCode));
    res.on('close', () => end(res.statusCode));
    next();
  };
}

/** Fixed latency before anything else, so a slow tenant slows auth too. */
export function applyLatency(ctx: SimulatorContext): RequestHandler {
  return async (_req, _res, next) => {
    await delay(ctx.faults.faults.latencyMs);
    next();
  };
}

/**
 * 503 bursts, 429s and 500s for data requests. Token endpoints are spared, so a test of the data
 * path's retries is not also a test of the token path's.
 */
export function injectFaults(ctx: SimulatorContext): RequestHandler {
  return (req, res, next) => {
    const pageSizeLimit = ctx.faults.faults.gatewayTimeoutAbovePageSize;
    const pageSize = Number(req.query['page-size']);
    if (pageSizeLimit > 0 && Number.isFinite(pageSize) && pageSize > pageSizeLimit) {
      // What the edge sends, not Jamf: an HTML page, no Jamf error body.
      res.status(504).type('html').send('<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>');
      return;
    }
    const decision = ctx.faults.decide();
    switch (decision.kind) {
      case 'unavailable':
        res.status(503).json(emptyError(503));
        return;
      case 'rateLimited':
        res.status(429).set('Retry-After', String(decision.retryAfterSeconds)).json(emptyError(429));
        return;
      case 'serverError':
        res.status(500).json(emptyError(500));
        return;
      default:
        next();
    }
  };
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim();
}

/** Every data endpoint needs a live bearer token; anything else is 401 INVALID_TOKEN. */
export function requireBearer(ctx: SimulatorContext): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token || ctx.tokens.status(token) !== 'valid') {
      res.status(401).json(invalidTokenError());
      return;
    }
    next();
  };
}

export function requirePrivilege(ctx: SimulatorContext, privilege: string): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (ctx.faults.isDenied(privilege)) {
      res.status(403).json(invalidPrivilegeError());
      return;
    }
    next();
  };
}

/**
 * Answers with a body holding `recordCount` records, after the per-record latency; or 500 when it
 * holds a device Jamf cannot render (Jamf fails the whole page, not just that record).
 */
export async function sendRecords(ctx: SimulatorContext, res: Response, body: unknown, recordCount: number): Promise<void> {
  await delay(ctx.faults.faults.latencyPerRecordMs * recordCount);
  if (holdsUnrenderableDevice(ctx, res.req, body)) {
    res.status(500).json(emptyError(500));
    return;
  }
  res.json(body);
}

function holdsUnrenderableDevice(ctx: SimulatorContext, req: Request, body: unknown): boolean {
  const path = req.originalUrl.split('?')[0] ?? '';
  const kind = path.includes('/computers-inventory') ? 'computer' : path.includes('/mobile-devices') ? 'mobileDevice' : null;
  if (!kind) return false;
  const records = isRecord(body) && Array.isArray(body.results) ? body.results : [body];
  return records.some((record) => {
    if (!isRecord(record)) return false;
    const id = record.id ?? record.mobileDeviceId ?? record.computerId;
    return id !== undefined && id !== null && ctx.faults.isUnrenderable(kind, String(id));
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
