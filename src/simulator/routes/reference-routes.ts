import express, { type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import type { JsonObject } from '../fleet-types';
import { requirePrivilege, sendRecords } from '../api-middleware';
import { emptyError } from '../jamf-errors';
import { filterAndSort, pageOf, parseFilter, parsePaging, parseSort, queryFirst, queryList } from '../list-query';
import { ID_AND_NAME_FIELDS } from '../record-fields';

/** Jamf Pro version, departments and buildings. */
export function referenceRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();

  router.get('/api/v1/jamf-pro-version', (_req, res) => {
    if (ctx.versionEndpointStatus !== null) {
      res.status(ctx.versionEndpointStatus).json(emptyError(ctx.versionEndpointStatus));
      return;
    }
    res.json({ version: ctx.jamfVersion });
  });

  const collection = (path: string, privilege: string, items: () => JsonObject[]): void => {
    router.get(path, requirePrivilege(ctx, privilege), async (req, res) => {
      const paging = parsePaging(req.query.page, req.query['page-size']);
      const comparator = parseSort(queryList(req.query.sort), ID_AND_NAME_FIELDS, 'id:asc', 'id');
      const predicate = parseFilter(queryFirst(req.query.filter), ID_AND_NAME_FIELDS);
      const page = pageOf(filterAndSort(items(), predicate, comparator), paging);
      await sendRecords(ctx, res, page, page.results.length);
    });
  };
  collection('/api/v1/departments', 'Read Departments', () => ctx.store.departments as unknown as JsonObject[]);
  collection('/api/v1/buildings', 'Read Buildings', () => ctx.store.buildings as unknown as JsonObject[]);

  return router;
}
