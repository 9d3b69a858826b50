import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppDatabase } from '../db/open-database';
import type { WebhookCredential } from '../db/schema';
import { AppError } from '../http/app-error';
import { ConnectionDirectory, type WebhookTarget } from './connection-directory';
import { DECOY_CREDENTIALS, verifyCredentials, type PresentedCredentials } from './webhook-credentials';
import { parseWebhookBody, webhookFormatOf, type WebhookFormat } from './parse-webhook-body';
import { readEnvelope } from './webhook-envelope';
import { dedupeKeyOf } from './inbox-store';
import { InboxWriter } from './inbox-writer';

/** Jamf's payloads are a few KB; anything near this is not a Jamf webhook. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;

export { WEBHOOK_PATH_PREFIX } from './webhook-paths';

export interface WebhookRouterDeps {
  db: AppDatabase;
  /** The environment's credentials (organization "default"), already hashed. */
  environmentCredentials: readonly WebhookCredential[];
  /** Called after a webhook with device work was stored (wakes this process's worker). */
  onStored?: () => void;
  /** Test seam. */
  now?: () => Date;
  directory?: ConnectionDirectory;
}

interface Located {
  target: WebhookTarget;
  format: WebhookFormat;
}

/**
 * `POST /webhooks/jamf/:connection` (connection id or organization slug). In order: credentials
 * (401, or 404 for an unknown connection after the same work), content type (415), size (413),
 * syntax (400 invalid_json / invalid_xml), envelope (400 invalid_body with field paths); then the
 * webhook is stored and only then acknowledged with 202. Nothing is stored on any 4xx.
 */
export function webhookRouter(deps: WebhookRouterDeps): Router {
  const directory = deps.directory ?? new ConnectionDirectory(deps.db, deps.environmentCredentials);
  const now = deps.now ?? (() => new Date());
  const writer = new InboxWriter(deps.db);
  const rawBody = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES });
  const router = Router();

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const target = await directory.lookup(String(req.params.connection));
    // An unknown connection (or one with no credential: never open) is checked against decoys, so
    // every refusal costs the same work.
    const active = target?.credentials.length ? target.credentials : DECOY_CREDENTIALS;
    const ok = verifyCredentials(active, presentedCredentials(req)) && active !== DECOY_CREDENTIALS;
    if (!target) {
      throw new AppError(404, 'connection_not_found', 'No Jamf connection for this webhook URL');
    }
    if (!ok) {
      res.setHeader('WWW-Authenticate', 'Basic realm="jamf-webhooks", charset="UTF-8"');
      throw new AppError(401, 'unauthorized', 'Missing or wrong webhook credentials');
    }
    const format = webhookFormatOf(req.headers['content-type']);
    if (!format) {
      throw new AppError(
        415,
        'unsupported_media_type',
        'Webhooks must be sent as application/json, text/xml or application/xml (set the content type in the Jamf webhook)',
      );
    }
    res.locals.webhook = { target, format } satisfies Located;
    next();
  };

  const accept = async (req: Request, res: Response) => {
    const { target, format } = res.locals.webhook as Located;
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = raw.toString('utf8').replace(/^\uFEFF/, '');
    const tree = parseWebhookBody(format, text);
    const read = readEnvelope(tree);
    if (!read.ok) {
      throw new AppError(400, 'invalid_body', 'Request body is not a Jamf webhook envelope', read.problems);
    }
    const stored = await writer.store({
      organizationId: target.organizationId,
      connectionId: target.connectionId,
      dedupeKey: dedupeKeyOf(target.connectionId, raw, read.envelope, now()),
      envelope: read.envelope,
      format,
      payload: tree,
    });
    if (!stored.duplicate && stored.status === 'pending') deps.onStored?.();
    res.status(202).json({ accepted: true, id: stored.id, duplicate: stored.duplicate });
  };

  router.post('/webhooks/jamf/:connection', authenticate, rawBody, accept);
  return router;
}

/** Basic credentials from Authorization, and every header (a Header credential names its own). */
function presentedCredentials(req: Request): PresentedCredentials {
  const authorization = req.headers.authorization ?? '';
  let basic: PresentedCredentials['basic'] = null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (match) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) basic = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return { basic, headers: req.headers };
}
