import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../crypto/secret-box';
import { AppError, badRequest, notFound } from '../errors/app-error';
import { findConnection } from '../connections/connection-store';
import { isUuid } from '../db/query';
import { syncStarter, type SyncStarter } from './start-sync';
import { bearerAuth } from './bearer-auth';
import type { AuthFailureLimiter } from '../http/auth-failure-limiter';
import { listRuns, runReport, syncStatuses } from './run-responses';
import { retryPolicyFromConfig } from '../scheduler/retry-policy';
import { listAssets } from './asset-queries';
import { DEVICE_KIND_CHOICES, MAX_SERIALS, normalizeSerials, serialProblem } from '../sync/run-selection';
import { principalOf, requireRole } from './request-principal';
import { visibleOrganization, type Role } from '../access/roles';
import { addNotificationRoutes } from './notification-routes';

export interface ApiDeps {
  db: AppDatabase;
  config: Config;
  box: SecretBox | null;
  logger: Logger;
  /** Where syncs started from the API run (default: on this thread); serve runs them with its background work. */
  startSync?: SyncStarter;
  /** Counts wrong tokens per address (default: one per router, that is per process). */
  authFailures?: AuthFailureLimiter;
}

/** A serial number as a query value: PostgreSQL text cannot hold NUL, and no serial has a control character. */
const serialText = z
  .string()
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: serialText.optional(),
  serial: serialText.optional(),
});
const syncSerial = z.string().superRefine((value, ctx) => {
  const problem = serialProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const syncBody = z
  .object({
    dryRun: z.boolean().default(false),
    /** Only these devices (a partial run: nothing is marked removed). */
    serials: z.array(syncSerial).min(1).max(MAX_SERIALS).optional(),
    /** Only this device kind (a partial run too). */
    only: z.enum(DEVICE_KIND_CHOICES).optional(),
  })
  .strict();

/**
 * The HTTP API, behind a bearer token: what a sync did (runs, reports), the assets as the
 * inventory holds them (never the secure fields), and starting a sync or a preview. Each route
 * says the role it needs on which organization (requireRole; src/access/roles.ts).
 */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const startSync = deps.startSync ?? syncStarter(deps);
  router.use('/api', bearerAuth({ db: deps.db, apiToken: deps.config.API_TOKEN, limiter: deps.authFailures }));

  // Each organization's sync: last run, last success, consecutive failures, last error, next run.
  // ops sees every organization, a reader or admin token its own.
  router.get('/api/v1/organizations', async (req, res) => {
    const only = visibleOrganization(principalOf(req));
    res.json({ organizations: await syncStatuses(deps.db, retryPolicyFromConfig(deps.config), only ?? undefined) });
  });

  router.get('/api/v1/organizations/:org', async (req, res) => {
    const { organization } = await organizationOf(deps, req, 'reader');
    const [status] = await syncStatuses(deps.db, retryPolicyFromConfig(deps.config), organization.slug);
    res.json(status);
  });

  router.get('/api/v1/organizations/:org/runs', async (req, res) => {
    const { organization } = await organizationOf(deps, req, 'reader');
    const { limit } = parse(pageQuery, req.query);
    res.json({ runs: await listRuns(deps.db, organization.id, limit) });
  });

  router.get('/api/v1/runs/:id', async (req, res) => {
    const id = String(req.params.id);
    const report = isUuid(id) ? await runReport(deps.db, id) : null;
    if (!report) throw notFound(isUuid(id) ? `No run ${id}` : 'No run with this id (run ids are UUIDs)');
    requireRole(req, 'reader', { slug: report.organization });
    res.json(report);
  });

  router.get('/api/v1/organizations/:org/assets', async (req, res) => {
    const { organization } = await organizationOf(deps, req, 'reader');
    const query = parse(pageQuery, req.query);
    const assets = await listAssets(deps.db, organization.id, query);
    res.json({ assets, next: assets.length === query.limit ? assets[assets.length - 1].serialNumber : null });
  });

  // A preview answers with its report; a real sync answers 202 as soon as its run exists.
  router.post('/api/v1/organizations/:org/syncs', async (req, res) => {
    const { organization } = await organizationOf(deps, req, 'admin');
    // A body that is not JSON is never read by the JSON parser: without this check a text/plain
    // `{"dryRun": true}` would start a real sync. No body at all still means the defaults.
    if (req.is('application/json') === false) {
      throw new AppError(415, 'unsupported_media_type', 'Send the sync options as application/json, e.g. {"dryRun": true}');
    }
    const { dryRun, serials, only } = parse(syncBody, req.body ?? {});
    const started = await startSync(organization.slug, { dryRun, selection: { serials: serials && normalizeSerials(serials), only } });
    if (started.dryRun) {
      res.json(started.report);
      return;
    }
    const { runId } = started;
    res.status(202).json({ accepted: true, runId, report: runId ? `/api/v1/runs/${runId}` : null });
  });
  addNotificationRoutes(router, deps);
  return router;
}

/** The organization of the path, once the token may act on it as `needed` (checked first: a scoped token learns nothing of other organizations). */
async function organizationOf(deps: ApiDeps, req: Request, needed: Role) {
  const slug = String(req.params.org);
  requireRole(req, needed, { slug });
  const found = await findConnection(deps.db, slug);
  if (!found) throw new AppError(404, 'organization_not_found', `No organization with a Jamf connection named "${slug.slice(0, 100)}"`);
  return found;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(
      'invalid_request',
      'The request is not valid',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}
