import express, { type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import type { JsonObject } from '../fleet-types';
import { requirePrivilege, sendRecords } from '../api-middleware';
import { notFoundError } from '../jamf-errors';
import { filterAndSort, pageOf, parseFilter, parsePaging, parseSort, queryFirst, queryList } from '../list-query';
import { invalidMobileSections, mobileDeviceDetailView, mobileDeviceListItem, mobileInventoryView } from '../mobile-views';
import { MOBILE_DEVICE_FIELDS, MOBILE_DEVICE_LIST_FIELDS, MOBILE_DEVICE_SORT_FIELDS } from '../record-fields';
import { FieldError } from '../rsql-matcher';

const READ_MOBILE_DEVICES = 'Read Mobile Devices';

export function mobileDeviceRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();
  const read = requirePrivilege(ctx, READ_MOBILE_DEVICES);

  router.get('/api/v2/mobile-devices/detail', read, async (req, res) => {
    const sections = queryList(req.query.section).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    const invalid = invalidMobileSections(sections);
    if (invalid.length > 0) throw new FieldError(`Invalid section [${invalid.join(', ')}]`);
    const paging = parsePaging(req.query.page, req.query['page-size']);
    const sortValues = queryList(req.query.sort);
    const filter = queryFirst(req.query.filter);
    const comparator = parseSort(sortValues, MOBILE_DEVICE_SORT_FIELDS, 'displayName:asc', 'mobileDeviceId');
    const predicate = parseFilter(filter, MOBILE_DEVICE_FIELDS);
    const ordered = ctx.listCache.getOrCompute(
      JSON.stringify(['mobileDetail', filter ?? '', sortValues]),
      ctx.store.version,
      () => filterAndSort(ctx.store.list('mobileDevices'), predicate, comparator),
    );
    const page = pageOf(ordered, paging);
    const results = page.results.map((record) => mobileInventoryView(record, sections));
    await sendRecords(ctx, res, { totalCount: page.totalCount, results }, results.length);
  });

  router.get('/api/v2/mobile-devices', read, async (req, res) => {
    const paging = parsePaging(req.query.page, req.query['page-size']);
    const sortValues = queryList(req.query.sort);
    const comparator = parseSort(sortValues, MOBILE_DEVICE_LIST_FIELDS, 'id:asc', 'id');
    const ordered = ctx.listCache.getOrCompute(
      JSON.stringify(['mobileList', sortValues]),
      ctx.store.version,
      () => filterAndSort(ctx.store.list('mobileDevices').map(mobileDeviceListItem), undefined, comparator),
    );
    const page = pageOf(ordered, paging);
    await sendRecords(ctx, res, page, page.results.length);
  });

  const findOr404 = (id: string, res: express.Response): JsonObject | undefined => {
    const record = ctx.store.get('mobileDevices', id);
    if (!record) res.status(404).json(notFoundError(`Mobile device ${id} not found`));
    return record;
  };

  router.get('/api/v2/mobile-devices/:id/detail', read, async (req, res) => {
    const record = findOr404(String(req.params.id), res);
    if (record) await sendRecords(ctx, res, mobileDeviceDetailView(record), 1);
  });

  router.get('/api/v2/mobile-devices/:id', read, async (req, res) => {
    const record = findOr404(String(req.params.id), res);
    if (record) await sendRecords(ctx, res, mobileDeviceListItem(record), 1);
  });

  return router;
}
