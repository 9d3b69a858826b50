import express, { type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import { requirePrivilege, sendRecords } from '../api-middleware';
import { computerView, fileVaultView, invalidComputerSections, type InventoryVersion } from '../computer-views';
import { emptyError, notFoundError } from '../jamf-errors';
import { supportsInventoryV4 } from '../jamf-version';
import { filterAndSort, pageOf, parseFilter, parsePaging, parseSort, queryFirst, queryList } from '../list-query';
import { COMPUTER_FIELDS_V3, COMPUTER_FIELDS_V4 } from '../record-fields';
import { FieldError } from '../rsql-matcher';

export const READ_COMPUTERS = 'Read Computers';
export const VIEW_RECOVERY_KEY = 'View Disk Encryption Recovery Key';

/** `/api/v3/...` and `/api/v4/...` computer inventory; v4 exists only on Jamf Pro 11.30+. */
export function computerRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();
  for (const version of [3, 4] as const) addVersion(router, ctx, version);
  return router;
}

function addVersion(router: Router, ctx: SimulatorContext, version: InventoryVersion): void {
  const base = `/api/v${version}`;
  const fields = version === 3 ? COMPUTER_FIELDS_V3 : COMPUTER_FIELDS_V4;
  const exists: express.RequestHandler = (_req, res, next) => {
    if (version === 4 && !supportsInventoryV4(ctx.jamfVersion)) {
      res.status(404).json(emptyError(404));
      return;
    }
    next();
  };
  const readComputers = [exists, requirePrivilege(ctx, READ_COMPUTERS)];
  const readKeys = [exists, requirePrivilege(ctx, VIEW_RECOVERY_KEY)];

  router.get(`${base}/computers-inventory`, ...readComputers, async (req, res) => {
    const sections = requestedSections(req.query.section, version);
    const paging = parsePaging(req.query.page, req.query['page-size']);
    const sortValues = queryList(req.query.sort);
    const filter = queryFirst(req.query.filter);
    const comparator = parseSort(sortValues, fields, 'general.name:asc', 'id');
    const predicate = parseFilter(filter, fields);
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
