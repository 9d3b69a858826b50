import { z } from 'zod';

/** Bodies accepted by the control API (`/__sim/...`). */

const rate = z.number().min(0).max(1);
const nonNegative = z.number().min(0);

export const faultsSchema = z
  .object({
    latencyMs: nonNegative,
    latencyPerRecordMs: nonNegative,
    errorRate: rate,
    rateLimitRate: rate,
    retryAfterSeconds: nonNegative,
    burst503: z.number().int().min(0),
    tokenLifetimeSeconds: z.number().int().min(1),
    revokeTokens: z.boolean(),
    deniedPrivileges: z.array(z.string()),
    gatewayTimeoutAbovePageSize: z.number().int().min(0),
    unrenderableComputerIds: z.array(z.coerce.string()),
    unrenderableMobileDeviceIds: z.array(z.coerce.string()),
  })
  .partial()
  .strict();

export const webhookRequestSchema = z
  .object({
    url: z.url(),
    event: z.string().min(1),
    deviceId: z.union([z.string().min(1), z.number().int()]).transform(String),
    format: z.enum(['json', 'xml']).optional(),
    auth: z
      .union([
        z.object({ basic: z.object({ username: z.string(), password: z.string() }) }),
        z.object({ header: z.object({ name: z.string().min(1), value: z.string() }) }),
      ])
      .optional(),
    webhookId: z.number().int().optional(),
    webhookName: z.string().optional(),
    legacy: z.boolean().optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

export const recordSchema = z.record(z.string(), z.unknown());

export const fileVaultKeySchema = z.object({ personalRecoveryKey: z.string().min(1).nullable() }).strict();
