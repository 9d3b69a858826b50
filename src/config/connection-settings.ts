import { z } from 'zod';
import cron from 'node-cron';
import { parseEaMapPairs, parseEaMapping, type MappingResult } from '../catalog';

/**
 * The settings of a Jamf connection, with their rules and messages written once. Two sources feed
 * them: the environment (JAMF_URL, JAMF_SYNC_CRON, ... in schema.ts, for the quick single-organization
 * setup) and the options of `jamf-sync connections add|update`. Each source only turns its own text
 * into values (empty variables, "true"/"yes", "200") and names the setting its own way in messages
 * (JAMF_PAGE_SIZE: ..., --page-size: ...); what is valid is decided here, so the two cannot drift.
 */

/** What a new connection gets for a setting it is not given (the database columns say the same). */
export const CONNECTION_SETTING_DEFAULTS = {
  scheduleCron: '0 2 * * *',
  timeZone: 'UTC',
  pageSize: 200,
  /** Jamf asks integrations for at most 5 concurrent connections. */
  maxConcurrency: 5,
  employeePolicy: 'create',
  deriveNamesFromEmail: false,
  fetchFileVaultKeys: false,
  removalThreshold: 0.1,
  enabled: true,
} as const;

function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

const SHARE_RULE = 'must be a share from 0 to 1, such as 0.1';

const connectionSettingsSchema = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://yourcompany.jamfcloud.com' })
    .refine(httpsUnlessLoopback, 'must use https (plain http is only accepted for localhost)')
    .transform((u) => u.replace(/\/+$/, '')),
  scheduleCron: z.string().refine((expr) => cron.validate(expr), 'must be a cron expression such as "0 2 * * *" (02:00 every day)'),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris or UTC'),
  pageSize: wholeNumber(1, 2000),
  maxConcurrency: wholeNumber(1, 20),
  /** R10: what a run does with a possible duplicate employee. */
  employeePolicy: z.enum(['create', 'hold'], { message: 'must be create or hold' }),
  /** R11: usernames or emails never made assignees. */
  ignoreList: z.array(z.string().trim().min(1, 'must not hold an empty entry').max(320, 'entries are usernames or emails (at most 320 characters)')).max(10_000),
  /** R9: a Jamf user with an email but no name is named from a first.last@ address. */
  deriveNamesFromEmail: z.boolean(),
  fetchFileVaultKeys: z.boolean(),
  /**
   * Extension attributes onto asset fields, as "Name=field[:jamf|derived],…" (the CLI and
   * JAMF_EA_MAP) or as that object (the API) → the stored object. Refused as a whole when one pair
   * names a field Jamf does not own; each problem is listed (catalog/ea-mapping/).
   */
  extensionAttributeMapping: z
    .union([z.string(), z.record(z.string().max(255), z.string().max(100))])
    .transform((value, ctx) => {
      const parsed: MappingResult = typeof value === 'string' ? parseEaMapPairs([value]) : parseEaMapping(value);
      if (parsed.ok) return { ...parsed.stored };
      for (const message of parsed.errors) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }),
  /** R14: the largest share of the fleet one run may mark removed. */
  removalThreshold: z.number({ message: SHARE_RULE }).min(0, SHARE_RULE).max(1, SHARE_RULE),
  enabled: z.boolean(),
  /** Where run notifications go (src/notifications/); https, like the Jamf URL, but for loopback. */
  notifyUrl: z
    .url({ protocol: /^https?$/, message: 'must be an https URL such as https://hooks.example.com/jamf-sync' })
    .refine(httpsUnlessLoopback, 'must use https (plain http is only accepted for localhost)')
    .refine(withoutUserInfo, 'must not hold a user name or password (put a token in the path, or rely on the signature)'),
  notifyFormat: z.enum(['json', 'slack'], { message: 'must be json or slack' }),
  /** Minutes over which this connection's scheduled starts are spread (its own SYNC_SPREAD_MINUTES); null: the service's. */
  spreadMinutes: wholeNumber(0, 1440).nullable(),
});

/** One setting's rule, for a source that reads the settings one by one. */
export const connectionSetting = connectionSettingsSchema.shape;

/** Plain http only to this machine (the simulator, a tunnel): anywhere else the secret would travel in clear. */
function httpsUnlessLoopback(url: string): boolean {
  // zod runs this even when the URL rule failed: anything that is not an http URL is that rule's to report.
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  return u.protocol !== 'http:' || u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\./.test(u.hostname);
}

/** user:password@ in a URL ends up in logs and proxies; the signature authenticates the sender. */
function withoutUserInfo(url: string): boolean {
  try {
    const u = new URL(url);
    return !u.username && !u.password;
  } catch {
    return true;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
