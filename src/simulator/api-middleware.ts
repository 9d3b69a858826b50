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
  return (_req, res, next) => {
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

/** Answers with a body holding `recordCount` records, after the per-record latency. */
export async function sendRecords(ctx: SimulatorContext, res: Response, body: unknown, recordCount: number): Promise<void> {
  await delay(ctx.faults.faults.latencyPerRecordMs * recordCount);
  res.json(body);
}
