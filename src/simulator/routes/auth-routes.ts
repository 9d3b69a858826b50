import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import { bearerToken } from '../api-middleware';
import { emptyError, invalidTokenError, oauthError } from '../jamf-errors';
import { isoDateTime } from '../value-formats';

/**
 * Jamf's two ways to get a token: an API client (OAuth client credentials, form-encoded) and a user
 * account (HTTP Basic → `{token, expires}`), plus keep-alive and invalidate for user tokens.
 */
export function authRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const issueOAuthToken = (req: Request, res: express.Response): void => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = body.grant_type;
    if (grantType === undefined || grantType === '') {
      res.status(400).json(oauthError('invalid_request', 'OAuth 2.0 Parameter: grant_type'));
      return;
    }
    if (grantType !== 'client_credentials') {
      res.status(400).json(oauthError('unsupported_grant_type', 'OAuth 2.0 Parameter: grant_type'));
      return;
    }
    const [clientId, clientSecret] = clientCredentials(req, body);
    // Jamf documents every token-endpoint refusal as 400 with an RFC 6749 body, a bad client included.
    if (!sameSecret(clientId, ctx.credentials.clientId) || !sameSecret(clientSecret, ctx.credentials.clientSecret)) {
      res.status(400).json(oauthError('invalid_client', 'Client authentication failed'));
      return;
    }
    const lifetime = ctx.faults.faults.tokenLifetimeSeconds;
    const { token } = ctx.tokens.issue(`client:${clientId}`, lifetime);
    res.json({ access_token: token, scope: 'api-role:1', token_type: 'Bearer', expires_in: lifetime });
  };
  router.post('/api/oauth/token', form, issueOAuthToken);
  router.post('/api/v1/oauth/token', form, issueOAuthToken);

  router.post('/api/v1/auth/token', (req, res) => {
    const [username, password] = basicCredentials(req);
    if (!sameSecret(username, ctx.credentials.username) || !sameSecret(password, ctx.credentials.password)) {
      res.status(401).json(emptyError(401));
      return;
    }
    const { token, expiresAt } = ctx.tokens.issue(`user:${username}`, ctx.faults.faults.tokenLifetimeSeconds);
    res.json({ token, expires: isoDateTime(expiresAt) });
  });

  router.post('/api/v1/auth/keep-alive', (req, res) => {
    const token = bearerToken(req);
    if (!token || ctx.tokens.status(token) !== 'valid') {
      res.status(401).json(invalidTokenError());
      return;
    }
    const subject = ctx.tokens.subjectOf(token) ?? 'user';
    ctx.tokens.revoke(token);
    const renewed = ctx.tokens.issue(subject, ctx.faults.faults.tokenLifetimeSeconds);
    res.json({ token: renewed.token, expires: isoDateTime(renewed.expiresAt) });
  });

  router.post('/api/v1/auth/invalidate-token', (req, res) => {
    const token = bearerToken(req);
    if (!token || ctx.tokens.status(token) !== 'valid') {
      res.status(401).json(invalidTokenError());
      return;
    }
    ctx.tokens.revoke(token);
    res.status(204).end();
  });

  return router;
}

/** client_secret_post (Jamf's documented form) or client_secret_basic. */
function clientCredentials(req: Request, body: Record<string, unknown>): [string, string] {
  if (typeof body.client_id === 'string') return [body.client_id, typeof body.client_secret === 'string' ? body.client_secret : ''];
  return basicCredentials(req);
}

function basicCredentials(req: Request): [string, string] {
  const match = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) return ['', ''];
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** Constant-time comparison of hashes, so the check leaks neither content nor length. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
