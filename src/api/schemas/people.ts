import { z } from 'zod';
import { isoTime } from './common';
import { previewReportSchema } from './runs';

const resembledEmployeeSchema = z.object({
  employeeId: z.string().nullable().describe('null: an employee this same preview (or run) would create'),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
});

const newEmployeeSchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  serials: z.array(z.string()).describe('The devices that bring this person as their assignee'),
  possibleDuplicate: z.boolean().describe('Also among possibleDuplicates: created all the same (policy "create")'),
});

const possibleDuplicateSchema = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  serials: z.array(z.string()),
  held: z.boolean().describe('Policy "hold": not created, no assignee set, into the review queue'),
  resembles: z.array(resembledEmployeeSchema).describe('The employees of the same name (R10)'),
});

const page = <T extends z.ZodType>(item: T, what: string) =>
  z.object({
    total: z.number().describe(`Every ${what} of the preview`),
    items: z.array(item),
    next: z.string().nullable().describe('The cursor of the following page (send it back as the matching *After); null on the last'),
  });

/** The preview: the report of what a run would do (its keys as before), and who it would bring in. */
export const previewWithPeopleSchema = previewReportSchema.extend({
  newEmployees: page(newEmployeeSchema, 'employee the run would create').describe('Employees the run would create, by email'),
  possibleDuplicates: page(possibleDuplicateSchema, 'possible duplicate').describe('Jamf users with the name of an employee of another email (R10), by email'),
});

export const reviewDeviceSchema = z.object({
  serialNumber: z.string(),
  assetType: z.string(),
  model: z.string().nullable(),
  jamfId: z.string().nullable(),
  assigneeEmail: z.string().nullable().describe("The asset's assignee now (null until a decision assigns one)"),
  outcome: z.enum(['assigned', 'kept_assignee']).nullable().describe('What the decision did: assigned, or kept the assignee the inventory had set meanwhile (R6); null while pending or ignored'),
});

export const heldAssigneeSchema = z.object({
  id: z.string(),
  email: z.string().describe('The Jamf user\'s email'),
  firstName: z.string(),
  lastName: z.string(),
  resembles: z.array(resembledEmployeeSchema).describe('The employees of the same name it was held for; employeeId null when no employee has that email any more'),
  devices: z.array(reviewDeviceSchema),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  decision: z.enum(['approved', 'linked', 'ignored']).nullable().describe('null: pending'),
  decidedBy: z.string().nullable().describe("The token that decided: 'API_TOKEN' or a stored token's prefix"),
  decidedAt: isoTime.nullable(),
  employeeId: z.string().nullable().describe('The employee approved (created) or linked to'),
});
