import { z } from 'zod';
import { isoTime } from './common';
import { connectionSetting } from '../../config/connection-settings';
import { deviceScopeBody, deviceScopeSchema } from './device-scope';

/**
 * A Jamf connection over the API. Every setting's rule is config/connection-settings.ts's (the one
 * the environment and `connections add|update` use), so the API and the CLI accept the same values.
 */

const nonEmpty = z.string().trim().min(1, 'must not be empty').max(500);

const authBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client').describe('A Jamf Pro API client (recommended)'), clientId: nonEmpty, clientSecret: nonEmpty.describe('Write-only: never answered') }).strict(),
  z.object({ kind: z.literal('basic').describe('A Jamf Pro user account'), username: nonEmpty, password: nonEmpty.describe('Write-only: never answered') }).strict(),
]);

const settingFields = {
  scheduleCron: connectionSetting.scheduleCron.describe('When the nightly full sync runs, e.g. "0 2 * * *"'),
  timeZone: connectionSetting.timeZone.describe('IANA time zone of the schedule, e.g. Europe/Paris'),
  pageSize: connectionSetting.pageSize.describe('Devices per Jamf page (1 to 2000)'),
  maxConcurrency: connectionSetting.maxConcurrency.describe('Requests in flight to Jamf (1 to 20; Jamf asks for at most 5)'),
  employeePolicy: connectionSetting.employeePolicy.describe('R10: create employees, or hold possible duplicates for review'),
  ignoreList: connectionSetting.ignoreList
    .transform((list) => [...new Set(list)])
    .describe('R11: usernames or emails never made assignees (replaces the whole list)'),
  extensionAttributeMapping: connectionSetting.extensionAttributeMapping.describe('Extension attribute name → asset field (replaces the whole map)'),
  deriveNamesFromEmail: connectionSetting.deriveNamesFromEmail.describe('R9: name a Jamf user without a name from a first.last@ address'),
  fetchFileVaultKeys: connectionSetting.fetchFileVaultKeys.describe('Fetch FileVault recovery keys (needs ENCRYPTION_KEY and the View Disk Encryption Recovery Key privilege)'),
  removalThreshold: connectionSetting.removalThreshold.describe('R14: the largest share of the fleet one run may mark removed, 0 to 1'),
  enabled: connectionSetting.enabled.describe('Whether scheduled syncs run'),
  deviceScope: deviceScopeBody.describe(
    'Which devices are synced (replaces the whole scope; {} for every device); checked against Jamf by POST …/connection/test. Preview its effect with a dry run',
  ),
};

/** PATCH: any of the settings; the URL and credentials are PUT's. */
export const connectionSettingsBody = z
  .object(settingFields)
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'give at least one setting to change');

/** PUT: URL and credentials, and any settings (those not given keep their value, or get the defaults on a new connection). */
export const connectionBody = z
  .object({
    baseUrl: connectionSetting.baseUrl.describe('Jamf Pro URL, e.g. https://yourcompany.jamfcloud.com'),
    auth: authBody,
    ...z.object(settingFields).partial().shape,
  })
  .strict();

export const connectionSchema = z.object({
  organization: z.string(),
  baseUrl: z.string(),
  auth: z.object({
    kind: z.enum(['client', 'basic']),
    clientId: z.string().nullable(),
    username: z.string().nullable(),
    secretSet: z.boolean().describe('Whether a secret is there to use (the secret itself is never answered)'),
    secretSource: z.enum(['stored', 'environment']).nullable().describe('stored encrypted, or JAMF_CLIENT_SECRET/JAMF_PASSWORD for the organization default'),
  }),
  settings: z.object({
    scheduleCron: z.string(),
    timeZone: z.string(),
    pageSize: z.number(),
    maxConcurrency: z.number(),
    employeePolicy: z.enum(['create', 'hold']),
    ignoreList: z.array(z.string()),
    extensionAttributeMapping: z.record(z.string(), z.string()),
    deriveNamesFromEmail: z.boolean(),
    fetchFileVaultKeys: z.boolean(),
    removalThreshold: z.number(),
    enabled: z.boolean(),
    deviceScope: deviceScopeSchema,
    scopeDescription: z.string().describe('The scope in words, as connections list shows it'),
    caFile: z.string().nullable().describe('PEM file of a private CA, set with the CLI (connections update --ca-file)'),
  }),
  webhooks: z.object({
    path: z.string().describe('Where Jamf Pro sends webhooks, under the service address'),
    credentials: z.array(z.object({ kind: z.enum(['basic', 'header']), headerName: z.string().nullable(), createdAt: isoTime })).describe('Active credentials, never their values'),
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
  notes: z.array(z.string()).describe('What an admin should know, e.g. that JAMF_URL re-applies the environment to the organization default at start'),
});

export const connectionTestSchema = z.object({
  organization: z.string(),
  ok: z.boolean().describe('Everything a sync needs works'),
  reachable: z.boolean(),
  authenticated: z.boolean(),
  jamfProVersion: z.string().nullable(),
  computerInventoryApi: z.string().nullable().describe('The computer inventory API a sync will use'),
  privileges: z.array(z.object({ privilege: z.string(), status: z.enum(['granted', 'missing', 'unchecked']) })),
  computers: z.number().nullable(),
  mobileDevices: z.number().nullable(),
  problem: z.object({ code: z.string(), message: z.string() }).nullable().describe('scope_refused: Jamf refused the device scope (its message says why)'),
  scope: z
    .object({ description: z.string(), computers: z.number().nullable(), mobileDevices: z.number().nullable(), siteAfterFetch: z.boolean() })
    .nullable()
    .describe('The device scope as Jamf filters it: devices kept per kind (null for a kind it leaves out); null without a scope'),
  checkedAt: isoTime,
});

export const removedConnectionSchema = z.object({
  organization: z.string(),
  removed: z.literal(true),
  notes: z.array(z.string()),
});

export const webhookCredentialsBody = z
  .object({
    kind: z.enum(['header', 'basic']).default('header').describe("Jamf Pro's Header Authentication (default) or Basic Authentication"),
    rotate: z.boolean().default(false).describe('Keep the newest existing credential active too (at most two), to switch Jamf over without losing events'),
  })
  .strict();

export const webhookSetupSchema = z.object({
  organization: z.string(),
  url: z.string().describe('Webhook URL to enter in Jamf Pro'),
  urlSource: z.enum(['PUBLIC_BASE_URL', 'request']),
  contentType: z.literal('JSON').describe('Content type to choose in Jamf Pro (XML is accepted too)'),
  authentication: z.object({
    type: z.enum(['Header Authentication', 'Basic Authentication']),
    username: z.string().nullable(),
    password: z.string().nullable().describe('Shown once'),
    header: z
      .object({ name: z.string(), value: z.string().describe('Shown once'), jamfProValue: z.string().describe('The JSON object Jamf Pro asks for') })
      .nullable(),
  }),
  events: z.array(z.string()).describe('Create one webhook per event, each with these settings'),
  optionalEvents: z.array(z.string()).describe('Handled too, but frequent (every check-in)'),
  activeCredentials: z.number().describe('Credentials now accepted (two while rotating)'),
  notes: z.array(z.string()),
});
