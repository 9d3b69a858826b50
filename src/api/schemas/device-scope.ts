import { z } from 'zod';
import { normalizeScope, scopeProblems, SCOPE_KINDS } from '../../scope/device-scope';

/** The CLI option each scope problem names (scope/device-scope.ts), as the API's field path. */
const FIELD_OF_OPTION: Record<string, string> = {
  '--scope-site': 'siteId',
  '--scope-building': 'building',
  '--scope-department': 'department',
  '--scope-kinds': 'kinds',
  '--scope-computers-filter': 'computersFilter',
  '--scope-mobiles-filter': 'mobilesFilter',
};

/**
 * A connection's device scope over the API: the same parts and rules as `connections update
 * --scope-…` (see the README, "Device scope per connection"); `{}` means every device. The rules
 * are scope/device-scope.ts's; only the names in the messages are the API's.
 */
export const deviceScopeBody = z
  .object({
    siteId: z.string().max(100).optional().describe('A Jamf site id, e.g. "3"'),
    building: z.string().max(1000).optional().describe('A building name, as in Jamf Pro'),
    department: z.string().max(1000).optional().describe('A department name, as in Jamf Pro'),
    managedOnly: z.boolean().optional().describe('Only devices Jamf manages'),
    kinds: z.array(z.enum(SCOPE_KINDS as [string, ...string[]])).max(2).optional().describe('Device kinds synced (both when absent)'),
    computersFilter: z.string().max(10_000).optional().describe('RSQL for computers-inventory, e.g. general.platform==Mac'),
    mobilesFilter: z.string().max(10_000).optional().describe('RSQL for mobile-devices/detail, e.g. model=="iPad*"'),
  })
  .strict()
  .superRefine((scope, ctx) => {
    for (const problem of scopeProblems(scope as never)) {
      const [option, ...rest] = problem.split(': ');
      const field = FIELD_OF_OPTION[option];
      ctx.addIssue({ code: 'custom', message: field ? rest.join(': ') : problem, path: field ? [field] : [] });
    }
  })
  .transform((scope) => normalizeScope(scope as never));

export const deviceScopeSchema = z.object({
  siteId: z.string().optional(),
  building: z.string().optional(),
  department: z.string().optional(),
  managedOnly: z.boolean().optional(),
  kinds: z.array(z.string()).optional(),
  computersFilter: z.string().optional(),
  mobilesFilter: z.string().optional(),
});
