import { z } from 'zod';
import { isoTime } from './common';
import { connectionStatusSchema } from './runs';
import { ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE } from '../../organizations/organization-store';

/** An organization as the API answers it: its sync status (the keys it always had, first), then what it is and holds. */
export const organizationSchema = connectionStatusSchema.extend({
  name: z.string(),
  createdAt: isoTime,
  hasConnection: z.boolean().describe('Whether a Jamf connection is set up (PUT …/connection)'),
  assets: z.number(),
  employees: z.number(),
  runs: z.number(),
});

export const createOrganizationBody = z
  .object({
    slug: z.string().regex(ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE).describe('Lower-case letters, digits and dashes; it appears in URLs, e.g. acme-corp'),
    name: z.string().trim().min(1, 'must not be empty').max(200).optional().describe('For people; the slug unless given'),
  })
  .strict();

export const deleteOrganizationQuery = z.object({
  force: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('Delete its assets too (audited); without it an organization with assets is refused with 409'),
});

export const deletedOrganizationSchema = z.object({
  organization: z.string(),
  removed: z.object({ assets: z.number(), employees: z.number(), runs: z.number(), connection: z.boolean() }),
  audited: z.boolean().describe('A forced delete of an organization with assets writes an audit row first'),
});
