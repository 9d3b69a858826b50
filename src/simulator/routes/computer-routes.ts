import express, { type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import { requirePrivilege, sendRecords } from '../api-middleware';
import { computerView, fileVaultView, invalidComputerSections } from '../computer-views';
import { emptyError, notFoundError } from '../jamf-errors';
import { inventoryVersionsServed, type InventoryVersion } from '../jamf-version';
import { filterAndSort, pageOf, parseFilter, parsePaging, parseSort, queryFirst, queryList } from '../list-query';
import { COMPUTER_FILTER_FIELDS, COMPUTER_SORT_FIELDS } from '../record-fields';
import { FieldError } from '../rsql-matcher';

const READ_COMPUTERS = 'Read Computers';
const VIEW_RECOVERY_KEY = 'View Disk Encryption Recovery Key';
const VIEW_RECOVERY_LOCK = 'View Recovery Lock';

/**
 * `/api/v1`, `/api/v3` and `/api/v4` computer inventory, each only on the releases that have it
 * (v1 always, v3 from 11.23.0, v4 from 11.30.0); elsewhere 404, as Jamf answers unknown paths.
 */
export function computerRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();
  const served = new Set(inventoryVersionsServed(ctx.jamfVersion));
  for (const version of [1, 3, 4] as const) addVersion(router, ctx, version, served.has(version));
  return router;
}

function addVersion(router: Router, ctx: SimulatorContext, version: InventoryVersion, served: boolean): void {
  const base = `/api/v${version}`;
  const exists: express.RequestHandler = (_req, res, next) => {
    if (!served) {
      res.status(404).json(emptyError(404));
      return;
    }
    next();
  };
  const readComputers = [exists, requirePrivilege(ctx, READ_COMPUTERS)];
  const readKeys = [exists, requirePrivilege(ctx, VIEW_RECOVERY_KEY)];
  const readRecoveryLock = [exists, requirePrivilege(ctx, VIEW_RECOVERY_LOCK)];

  router.get(`${base}/computers-inventory`, ...readComputers, async (req, res) => {
    const sections = requestedSections(req.query.section, version);
    const paging = parsePaging(req.query.page, req.query['page-size']);
    const sortValues = queryList(req.query.sort);
    const filter = queryFirst(req.query.filter);
    const comparator = parseSort(sortValues, COMPUTER_SORT_FIELDS[version], 'general.name:asc', 'id');
    const predicate = parseFilter(filter, COMPUTER_FILTER_FIELDS[version]);
    const ordered = ctx.listCache.getOrCompute(
      JSON.stringify(['computers', version, filter ?? '', sortValues]),
      ctx.store.version,
      () => filterAndSort(ctx.store.list('computers'), predicate, comparator),
    );
    const page = pageOf(ordered, paging);
    const results = page.results.map((record) => computerView(record, version, sections));
    await sendRecords(ctx, res, { totalCount: page.totalCount, results }, results.length);
  });

  router.get(`${base}/computers-inventory/filevault`, ...readKeys, async (req, res) => {
    const paging = parsePaging(req.query.page, req.query['page-size']);
    const withKeys = ctx.store
      .list('computers')
      .filter((record) => ctx.store.fileVaultKey(String(record.id)) !== undefined)
      .sort((a, b) => Number(a.id) - Number(b.id));
    const page = pageOf(withKeys, paging);
    const results = page.results.map((record) => fileVaultView(record, ctx.store.fileVaultKey(String(record.id)) ?? ''));
    await sendRecords(ctx, res, { totalCount: page.totalCount, results }, results.length);
  });

  router.get(`${base}/computers-inventory/:id/filevault`, ...readKeys, async (req, res) => {
    const record = ctx.store.get('computers', String(req.params.id));
    const key = ctx.store.fileVaultKey(String(req.params.id));
    if (!record || key === undefined) {
      res.status(404).json(notFoundError(`FileVault information for computer ${String(req.params.id)} does not exist`));
      return;
    }
    await sendRecords(ctx, res, fileVaultView(record, key), 1);
  });

  router.get(`${base}/computers-inventory/:id/view-recovery-lock-password`, ...readRecoveryLock, async (req, res) => {
    const password = ctx.store.get('computers', String(req.params.id)) ? ctx.store.recoveryLockPassword(String(req.params.id)) : undefined;
    if (password === undefined) {
      res.status(404).json(notFoundError(`Computer ${String(req.params.id)} not found`));
      return;
    }
    await sendRecords(ctx, res, { recoveryLockPassword: password }, 1);
  });

  router.get(`${base}/computers-inventory/:id`, ...readComputers, async (req, res) => {
    const sections = requestedSections(req.query.section, version);
    const record = ctx.store.get('computers', String(req.params.id));
    if (!record) {
      res.status(404).json(notFoundError(`Computer ${String(req.params.id)} not found`));
      return;
    }
    await sendRecords(ctx, res, computerView(record, version, sections), 1);
  });

  router.get(`${base}/computers-inventory-detail/:id`, ...readComputers, async (req, res) => {
    const record = ctx.store.get('computers', String(req.params.id));
    if (!record) {
      res.status(404).json(notFoundError(`Computer ${String(req.params.id)} not found`));
      return;
    }
    await sendRecords(ctx, res, computerView(record, version), 1);
  });
}

function requestedSections(value: unknown, version: InventoryVersion): string[] {
  const sections = queryList(value).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const invalid = invalidComputerSections(sections, version);
  if (invalid.length > 0) throw new FieldError(`Invalid section [${invalid.join(', ')}]`);
  return sections;
}
