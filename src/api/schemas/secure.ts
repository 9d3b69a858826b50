import { z } from 'zod';
import { isoTime } from './common';

/** R12: the only response that carries these (ops, audited). */
export const secureFieldsSchema = z.object({
  serialNumber: z.string(),
  recoveryKey: z.string().nullable().describe('The FileVault personal recovery key (computers, when the connection fetches them)'),
  activationLockEnabled: z.boolean().nullable(),
  recoveryLockEnabled: z.boolean().nullable(),
  appleCareId: z.string().nullable(),
  auditId: z.string().describe('The audit row this read wrote (GET /api/v1/audit)'),
});

export const auditRowSchema = z.object({
  id: z.string(),
  at: isoTime,
  actor: z.string().describe("The token: 'API_TOKEN' or a stored token's prefix"),
  role: z.string(),
  action: z.string().describe('secure_fields.read, organization.delete_forced, ...'),
  organization: z.string().nullable(),
  target: z.string().nullable().describe('e.g. the serial number of the asset read'),
  fields: z.array(z.string()),
  reason: z.string().nullable(),
});
