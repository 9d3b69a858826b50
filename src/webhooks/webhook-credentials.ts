import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { jamfConnections, type WebhookCredential } from '../db/schema';
import type { Config } from '../config';
import { findConnection, DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { AppError } from '../errors/app-error';
import { MIN_SECRET_LENGTH, SECRET_ADVICE, webhookHeaderNameProblem, webhookUsernameProblem } from '../config/credential-rules';

/**
 * Webhook credentials, as Jamf offers them: Basic (username + password) or Header (a header name
 * and a secret value). Only hashes are stored. The hash is a salted HMAC-SHA256 rather than a slow
 * password hash because it runs on every webhook (hundreds per second, inside Jamf's 2-second
 * timeout); webhook secrets are machine-to-machine values, so the CLI asks for long random ones.
 * At most two are active, so a secret can be rotated without dropping events.
 */

const MAX_ACTIVE_CREDENTIALS = 2;

export type NewWebhookCredential =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; headerName: string; secret: string };

/** What a request presented: its Basic credentials and its headers (lower-case names). */
export interface PresentedCredentials {
  basic: { username: string; password: string } | null;
  headers: Record<string, string | string[] | undefined>;
}

export function hashCredential(credential: NewWebhookCredential, now = new Date()): WebhookCredential {
  const salt = randomBytes(16).toString('base64');
  if (credential.kind === 'basic') {
    return {
      kind: 'basic',
      usernameHash: digest(salt, credential.username).toString('base64'),
      passwordHash: digest(salt, credential.password).toString('base64'),
      salt,
      createdAt: now.toISOString(),
    };
  }
  return {
    kind: 'header',
    headerName: normalizeHeaderName(credential.headerName),
    valueHash: digest(salt, credential.secret).toString('base64'),
    salt,
    createdAt: now.toISOString(),
  };
}

/**
 * True when the request presents one of the active credentials. Every credential is checked (no
 * early exit) and each comparison hashes both sides and uses timingSafeEqual, so the time taken
 * does not depend on how much of a secret was right.
 */
export function verifyCredentials(credentials: readonly WebhookCredential[], presented: PresentedCredentials): boolean {
  let matched = false;
  for (const credential of credentials) {
    if (credential.kind === 'basic') {
      const username = presented.basic?.username ?? '';
      const password = presented.basic?.password ?? '';
      const userOk = safeEqual(digest(credential.salt, username), Buffer.from(credential.usernameHash, 'base64'));
      const passOk = safeEqual(digest(credential.salt, password), Buffer.from(credential.passwordHash, 'base64'));
      matched = (userOk && passOk && presented.basic !== null) || matched;
    } else {
      // Own headers only: a header name such as "constructor" or "__proto__" must not read
      // Object.prototype's members off the headers object.
      const raw = Object.hasOwn(presented.headers, credential.headerName) ? presented.headers[credential.headerName] : undefined;
      const value = Array.isArray(raw) ? raw[0] : raw;
      const ok = safeEqual(digest(credential.salt, value ?? ''), Buffer.from(credential.valueHash, 'base64'));
      matched = (ok && value !== undefined) || matched;
    }
  }
  return matched;
}

/**
 * The 401's message: which of Jamf Pro's authentication types this connection accepts, so an admin
 * who picked another one in Jamf (Hash Signature, Mutual TLS, None) sees what to change. Jamf's
 * Hash Signature scheme is not published, so it cannot be verified here (README, Webhooks).
 */
export function refusedCredentialsMessage(credentials: readonly WebhookCredential[]): string {
  const kinds = new Set(credentials.map((c) => c.kind));
  const expected =
    kinds.size === 0
      ? 'this connection has no webhook credential yet (set one with: jamf-sync webhooks credentials)'
      : `this connection accepts ${[kinds.has('basic') ? 'Basic' : null, kinds.has('header') ? 'Header' : null].filter(Boolean).join(' or ')} authentication`;
  return `Missing or wrong webhook credentials: ${expected}; Jamf Pro's Hash Signature and Mutual TLS types are not supported`;
}

/** Stand-ins checked for an unknown connection, so a 404 costs what a 401 costs. */
export const DECOY_CREDENTIALS: readonly WebhookCredential[] = [
  hashCredential({ kind: 'basic', username: randomBytes(12).toString('hex'), password: randomBytes(24).toString('hex') }),
  hashCredential({ kind: 'header', headerName: 'x-decoy-webhook-secret', secret: randomBytes(24).toString('hex') }),
];

/**
 * The single-organization setup's credentials from the environment (organization "default"),
 * hashed once at start so the plain values are not kept around longer than the config is.
 */
export function environmentWebhookCredentials(config: Config): WebhookCredential[] {
  const out: WebhookCredential[] = [];
  if (config.JAMF_WEBHOOK_USERNAME && config.JAMF_WEBHOOK_PASSWORD) {
    out.push(hashCredential({ kind: 'basic', username: config.JAMF_WEBHOOK_USERNAME, password: config.JAMF_WEBHOOK_PASSWORD }));
  }
  if (config.JAMF_WEBHOOK_HEADER && config.JAMF_WEBHOOK_SECRET) {
    out.push(hashCredential({ kind: 'header', headerName: config.JAMF_WEBHOOK_HEADER, secret: config.JAMF_WEBHOOK_SECRET }));
  }
  return out;
}

export const environmentCredentialsApply = (organizationSlug: string) => organizationSlug === DEFAULT_ORGANIZATION_SLUG;

/**
 * Sets a connection's webhook credential. `rotate` keeps the newest existing credential active
 * beside the new one (configure Jamf with the new one, then set it again without --rotate to drop
 * the old); otherwise the new credential replaces all others.
 */
export async function setWebhookCredential(
  db: AppDatabase,
  organizationSlugOrConnectionId: string,
  credential: NewWebhookCredential,
  options: { rotate?: boolean; now?: Date } = {},
): Promise<{ connectionId: string; organizationSlug: string; active: WebhookCredential[] }> {
  validateNewCredential(credential);
  const found = await findConnection(db, organizationSlugOrConnectionId);
  if (!found) {
    throw new AppError(404, 'connection_not_found', `No Jamf connection for "${organizationSlugOrConnectionId}"`);
  }
  const fresh = hashCredential(credential, options.now);
  const kept = options.rotate
    ? [...found.connection.webhookCredentials].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, MAX_ACTIVE_CREDENTIALS - 1)
    : [];
  const active = [fresh, ...kept];
  await db
    .update(jamfConnections)
    .set({ webhookCredentials: active, updatedAt: new Date() })
    .where(eq(jamfConnections.id, found.connection.id));
  return { connectionId: found.connection.id, organizationSlug: found.organization.slug, active };
}

/** Removes every webhook credential of a connection: its receiver then refuses everything. */
export async function clearWebhookCredentials(db: AppDatabase, organizationSlugOrConnectionId: string): Promise<void> {
  const found = await findConnection(db, organizationSlugOrConnectionId);
  if (!found) throw new AppError(404, 'connection_not_found', `No Jamf connection for "${organizationSlugOrConnectionId}"`);
  await db.update(jamfConnections).set({ webhookCredentials: [], updatedAt: new Date() }).where(eq(jamfConnections.id, found.connection.id));
}

/** A credential as it may be shown: kind, header name and date, never a hash. */
export function describeCredential(credential: WebhookCredential): string {
  return credential.kind === 'basic'
    ? `basic (created ${credential.createdAt})`
    : `header ${credential.headerName} (created ${credential.createdAt})`;
}

function validateNewCredential(credential: NewWebhookCredential): void {
  const invalid = (message: string) => new AppError(400, 'invalid_credential', message);
  if (credential.kind === 'basic') {
    const usernameProblem = webhookUsernameProblem(credential.username);
    if (usernameProblem) throw invalid(`The webhook username ${usernameProblem}`);
    if (credential.password.length < MIN_SECRET_LENGTH) {
      throw invalid(`The webhook password must be at least ${MIN_SECRET_LENGTH} characters (${SECRET_ADVICE})`);
    }
    return;
  }
  const headerProblem = webhookHeaderNameProblem(credential.headerName);
  if (headerProblem) throw invalid(`"${credential.headerName}" ${headerProblem}`);
  if (credential.secret.length < MIN_SECRET_LENGTH) {
    throw invalid(`The webhook secret must be at least ${MIN_SECRET_LENGTH} characters (${SECRET_ADVICE})`);
  }
}

function normalizeHeaderName(name: string): string {
  return name.trim().toLowerCase();
}

function digest(salt: string, value: string): Buffer {
  return createHmac('sha256', salt).update(value, 'utf8').digest();
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  // Both are 32-byte digests; a stored hash of another length (corrupt row) never matches.
  return a.length === b.length && timingSafeEqual(a, b);
}
