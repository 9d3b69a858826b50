import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit } from '../schemas/common';
import { employeeDetailSchema, employeeSchema } from '../schemas/assets';
import { cursorQuery, encodeCursor, queryText, uuidText } from '../schemas/cursor';
import { connectedOrganization } from '../organization-lookup';
import { listAssets } from '../asset-queries';
import { readEmployees } from '../../inventory/employee-reader';
import { isUuid } from '../../db/query';
import { notFound } from '../../errors/app-error';

/** How many of one employee's assets its detail lists (assetCount says how many it holds). */
const EMPLOYEE_ASSET_LIMIT = 1000;

const prefixText = queryText(200).trim().min(1);

/** The employees of an organization, with their emails and assets: the reader `export employees` uses. */
export function employeeRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/employees',
      tag: 'employees',
      summary: "An organization's employees by name, with their emails and asset counts",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          limit: pageLimit,
          after: cursorQuery(z.object({ name: queryText(400), id: uuidText })).optional(),
          email: prefixText.optional().describe('Only employees with an email starting with this (any case)'),
          name: prefixText.optional().describe('Only employees whose "first last" name starts with this (any case)'),
        }),
      },
      responses: {
        200: {
          description: 'A page of employees; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ employees: z.array(employeeSchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ params, query }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const page = await readEmployees(deps.db, organization.id, { limit: query.limit, after: query.after, emailPrefix: query.email, namePrefix: query.name });
        return reply({ employees: page.employees, next: page.next && encodeCursor({ ...page.next }) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/employees/:id',
      tag: 'employees',
      summary: 'One employee with its emails and assets',
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams.extend({ id: z.string().max(100).describe('The employee id (a UUID)') }) },
      responses: {
        200: { description: 'The employee', schema: employeeDetailSchema },
        404: { description: 'No such employee in this organization' },
      },
      handler: async ({ params }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const found = isUuid(params.id) ? await readEmployees(deps.db, organization.id, { id: params.id, limit: 1 }) : null;
        const employee = found?.employees[0];
        if (!employee) throw notFound(isUuid(params.id) ? `No employee ${params.id}` : 'No employee with this id (employee ids are UUIDs)');
        const assets = await listAssets(deps.db, organization.id, { assigneeEmployeeId: employee.id, limit: EMPLOYEE_ASSET_LIMIT });
        return reply({ ...employee, assets });
      },
    }),
  ];
}
