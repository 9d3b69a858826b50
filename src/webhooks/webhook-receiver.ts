import type { IncomingHttpHeaders } from 'node:http';
import type { AppDatabase } from '../db/open-database';
import type { WebhookCredential } from '../db/schema';
import { AppError } from '../errors/app-error';
import { ConnectionDirectory, type WebhookTarget } from './connection-directory';
import { DECOY_CREDENTIALS, refusedCredentialsMessage, verifyCredentials, type PresentedCredentials } from './webhook-credentials';
import { parseWebhookBody, webhookFormatOf, type WebhookFormat } from './parse-webhook-body';
import { readEnvelope } from './webhook-envelope';
import { dedupeKeyOf } from './inbox-store';
import { InboxWriter } from './inbox-writer';

/** Jamf's payloads are a few KB; anything near this is not a Jamf webhook. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;

export interface WebhookReceiverDeps {
  db: AppDatabase;
  /** The environment's credentials (organization "default"), already hashed. */
  environmentCredentials: readonly WebhookCredential[];
  /** Called after a webhook with device work was stored (wakes a worker). */
  onStored?: () => void;
  /** Test seams. */
  now?: () => Date;
  directory?: ConnectionDirectory;
}

/** A request whose credentials and content type passed: its body may now be read. */
export interface AdmittedWebhook {
  target: WebhookTarget;
  format: WebhookFormat;
}

export interface AcceptedWebhook {
  /** The inbox row (of the original, for a duplicate). */
  id: number;
  duplicate: boolean;
  eventName: string;
}

/**
 * The webhook receiver, apart from HTTP: `admit` checks what the headers say (credentials: 401, or
 * 404 for an unknown connection after the same work; content type: 415), `accept` checks the body
 * (syntax: 400 invalid_json / invalid_xml; envelope: 400 invalid_body with field paths) and
 * stores it; only then is the webhook acknowledged. Nothing is stored on any refusal.
 */
export class WebhookReceiver {
  private readonly directory: ConnectionDirectory;
  private readonly writer: InboxWriter;
  private readonly now: () => Date;

  constructor(private readonly deps: WebhookReceiverDeps) {
    this.directory = deps.directory ?? new ConnectionDirectory(deps.db, deps.environmentCredentials);
    this.writer = new InboxWriter(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  async admit(connection: string, headers: IncomingHttpHeaders): Promise<AdmittedWebhook> {
    const target = await this.directory.lookup(connection);
    // An unknown connection (or one with no credential: never open) is checked against decoys, so
    // every refusal costs the same work.
    const active = target?.credentials.length ? target.credentials : DECOY_CREDENTIALS;
    const ok = verifyCredentials(active, presentedCredentials(headers)) && active !== DECOY_CREDENTIALS;
    if (!target) {
      throw new AppError(404, 'connection_not_found', 'No Jamf connection for this webhook URL');
    }
    if (!ok) throw new AppError(401, 'unauthorized', refusedCredentialsMessage(target.credentials));
    const format = webhookFormatOf(headers['content-type']);
    if (!format) {
      throw new AppError(
        415,
        'unsupported_media_type',
        'Webhooks must be sent as application/json, text/xml or application/xml (set the content type in the Jamf webhook)',
      );
    }
    return { target, format };
  }

  async accept({ target, format }: AdmittedWebhook, raw: Buffer): Promise<AcceptedWebhook> {
    const text = raw.toString('utf8').replace(/^\uFEFF/, '');
    const tree = parseWebhookBody(format, text);
    const read = readEnvelope(tree);
    if (!read.ok) {
      throw new AppError(400, 'invalid_body', 'Request body is not a Jamf webhook envelope', read.problems);
    }
    const stored = await this.writer.store({
      organizationId: target.organizationId,
      connectionId: target.connectionId,
      dedupeKey: dedupeKeyOf(target.connectionId, raw, read.envelope, this.now()),
      envelope: read.envelope,
      format,
      payload: tree,
    });
    if (!stored.duplicate && stored.status === 'pending') this.deps.onStored?.();
    return { id: stored.id, duplicate: stored.duplicate, eventName: read.envelope.eventName };
  }
}

/** Basic credentials from Authorization, and every header (a Header credential names its own). */
function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const authorization = headers.authorization ?? '';
  let basic: PresentedCredentials['basic'] = null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (match) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) basic = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return { basic, headers };
}
