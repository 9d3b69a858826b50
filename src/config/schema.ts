import { z } from 'zod';
import { CONNECTION_SETTING_DEFAULTS as DEFAULTS, connectionSetting } from './connection-settings';
import { MIN_SECRET_LENGTH, webhookHeaderNameProblem, webhookUsernameProblem } from './credential-rules';

/**
 * Every setting the service reads, as environment variables (optionally from a JSON file under
 * config/, see load-config.ts). One schema gives both the check and the type; `.env.example`
 * documents each variable.
 */

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const integer = (fallback: number, min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message }).default(fallback),
  );
};

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

/**
 * A connection setting (connection-settings.ts) read from a variable: unset or empty takes the
 * default; numbers are read as Number() reads them.
 */
const connectionNumber = (rule: z.ZodType<number, number>, fallback: number) =>
  z.preprocess(emptyToUndefined, z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), rule).default(fallback));
const connectionText = (rule: z.ZodType<string, string>, fallback: string) => z.preprocess(emptyToUndefined, rule.default(fallback));

const postgresUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset to use the embedded database)')
    .optional(),
);

/**
 * A token or secret the service checks: at least MIN_SECRET_LENGTH characters, as `webhooks
 * credentials` requires. The message names the rule, never the value.
 */
const secret = z.preprocess(
  emptyToUndefined,
  z.string().trim().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 24)`).optional(),
);

/** A value `problem` checks (null: fine), trimmed like every optional string. */
const checkedString = (problem: (value: string) => string | null) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        const found = problem(value);
        if (found) ctx.addIssue({ code: 'custom', message: found });
      })
      .optional(),
  );

/** 32 random bytes in base64, e.g. from `openssl rand -base64 32`. */
const encryptionKey = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
      message: 'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)',
    })
    .optional(),
);

export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PORT: integer(3000, 0, 65535),
    /** Folder of the embedded database (PGlite); created on first start. */
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    /** When set, PostgreSQL is used instead of the embedded database. */
    DATABASE_URL: postgresUrl,
    HTTP_BODY_LIMIT: z.preprocess(emptyToUndefined, z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb').default('100kb')),
    /**
     * The whole shutdown after SIGTERM, work left behind included: 8 s fits inside the 10 s that
     * Docker and Kubernetes wait before SIGKILL, with room for the process to end.
     */
    SHUTDOWN_TIMEOUT_MS: integer(8_000, 0, 600_000),

    JAMF_URL: z.preprocess(emptyToUndefined, connectionSetting.baseUrl.optional()),
    JAMF_CLIENT_ID: optionalString,
    JAMF_CLIENT_SECRET: optionalString,
    JAMF_USERNAME: optionalString,
    JAMF_PASSWORD: optionalString,
    JAMF_PAGE_SIZE: connectionNumber(connectionSetting.pageSize, DEFAULTS.pageSize),
    JAMF_MAX_CONCURRENCY: connectionNumber(connectionSetting.maxConcurrency, DEFAULTS.maxConcurrency),
    JAMF_TIMEOUT_MS: integer(30_000, 1_000, 600_000),
    JAMF_MAX_ATTEMPTS: integer(5, 1, 20),
    /** PEM file of a private CA (self-hosted Jamf Pro), trusted in addition to the default CAs. */
    JAMF_CA_FILE: optionalString,
    JAMF_SYNC_CRON: connectionText(connectionSetting.scheduleCron, DEFAULTS.scheduleCron),
    JAMF_SYNC_TZ: connectionText(connectionSetting.timeZone, DEFAULTS.timeZone),
    JAMF_FETCH_FILEVAULT_KEYS: booleanFlag(DEFAULTS.fetchFileVaultKeys),
    /** "Name=field[:jamf|derived],…": the default organization's extension-attribute mapping; unset keeps the stored one. */
    JAMF_EA_MAP: z.preprocess(emptyToUndefined, connectionSetting.extensionAttributeMapping.optional()),

    /**
     * Bearer token for the HTTP API (/api/v1/...). Without it the API refuses every request; the
     * webhook receiver and health endpoints do not use it.
     */
    API_TOKEN: secret,
    /**
     * The service's address as Jamf Pro reaches it (e.g. https://sync.example.com): the base of the
     * webhook URL the API answers when webhooks are set up. Without it that URL is derived from the
     * request's Host, which behind a proxy or on an internal name may not be what Jamf can reach.
     */
    PUBLIC_BASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://sync.example.com' })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    /** Bearer token for GET /metrics; without it the metrics are open (keep that port on the monitoring network). */
    METRICS_TOKEN: secret,
    /**
     * Requests refused with 401 that one address may send within a minute before it is answered 429
     * (API, /metrics, and each webhook connection count apart); 0 turns the limit off, e.g. behind
     * a proxy that makes every caller one address.
     */
    AUTH_FAILURES_PER_MINUTE: integer(20, 0, 100_000),
    /** Run a full sync at start for a connection that has never completed one (else the first is at the scheduled time). */
    JAMF_SYNC_ON_START: booleanFlag(true),
    /** After a full sync that failed or was cut short, `serve` tries again after this, doubling each time… */
    JAMF_SYNC_RETRY_MIN_SECONDS: integer(60, 1, 86_400),
    /** …up to this (0 turns the retries off: only the nightly window runs again). */
    JAMF_SYNC_RETRY_MAX_SECONDS: integer(3600, 0, 604_800),
    /**
     * Full syncs one `serve` process runs at a time (scheduled windows, retries, first syncs at
     * start); windows beyond it wait their turn and are left to replicas with a free slot. 4 was kept
     * after measuring 2, 4 and 8 (npm run bench:fleet; README, Many organizations).
     */
    SYNC_MAX_CONCURRENT: integer(4, 1, 1000),
    /** Scheduled starts are spread over this many minutes after the cron time, by a stable offset per connection (0: off). */
    SYNC_SPREAD_MINUTES: integer(0, 0, 1440),

    JAMF_WEBHOOK_USERNAME: checkedString(webhookUsernameProblem),
    JAMF_WEBHOOK_PASSWORD: secret,
    JAMF_WEBHOOK_HEADER: checkedString(webhookHeaderNameProblem),
    JAMF_WEBHOOK_SECRET: secret,

    /** Run notifications of the default organization's connection (README "Notifications"); signed with NOTIFY_SECRET. */
    NOTIFY_URL: z.preprocess(emptyToUndefined, connectionSetting.notifyUrl.optional()),
    NOTIFY_FORMAT: z.preprocess(emptyToUndefined, connectionSetting.notifyFormat.default('json')),
    NOTIFY_SECRET: secret,

    ENCRYPTION_KEY: encryptionKey,
    /** Earlier keys, comma-separated, still accepted for decryption until `jamf-sync keys rotate` ran. */
    ENCRYPTION_KEYS_PREVIOUS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
        .refine((keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32), {
          message: 'must be comma-separated keys of 32 bytes in base64',
        })
        .default([]),
    ),
  });

/**
 * Checks between variables. They run on the raw values, beside the schema rather than inside it,
 * so that one start lists every problem at once (zod skips object refinements after a field fails).
 */
export function crossFieldProblems(raw: Record<string, unknown>): string[] {
  const c = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined]),
  ) as Record<string, string | undefined>;
  const problems: string[] = [];
  const pairs: Array<[string, string]> = [
    ['JAMF_CLIENT_ID', 'JAMF_CLIENT_SECRET'],
    ['JAMF_USERNAME', 'JAMF_PASSWORD'],
    ['JAMF_WEBHOOK_USERNAME', 'JAMF_WEBHOOK_PASSWORD'],
    ['JAMF_WEBHOOK_HEADER', 'JAMF_WEBHOOK_SECRET'],
    ['NOTIFY_URL', 'NOTIFY_SECRET'],
  ];
  for (const [a, b] of pairs) {
    if (Boolean(c[a]) !== Boolean(c[b])) {
      const [present, missing] = c[a] ? [a, b] : [b, a];
      problems.push(`${missing}: is required when ${present} is set`);
    }
  }
  const hasClient = Boolean(c.JAMF_CLIENT_ID && c.JAMF_CLIENT_SECRET);
  const hasUser = Boolean(c.JAMF_USERNAME && c.JAMF_PASSWORD);
  if (c.JAMF_URL && !hasClient && !hasUser && !c.JAMF_CLIENT_ID && !c.JAMF_USERNAME) {
    problems.push(
      'JAMF_URL: is set but no credentials are: set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (an API client), or JAMF_USERNAME and JAMF_PASSWORD',
    );
  }
  if (!c.JAMF_URL && (c.JAMF_CLIENT_ID || c.JAMF_USERNAME)) {
    problems.push('JAMF_URL: is required when Jamf credentials are set');
  }
  if (['true', '1', 'yes'].includes(c.JAMF_FETCH_FILEVAULT_KEYS ?? '') && !c.ENCRYPTION_KEY) {
    problems.push('ENCRYPTION_KEY: is required when JAMF_FETCH_FILEVAULT_KEYS is true (the keys are stored encrypted); generate one with: openssl rand -base64 32');
  }
  return problems;
}

export type Config = Readonly<z.output<typeof configSchema>>;
