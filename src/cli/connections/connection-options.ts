import { z } from 'zod';
import { connectionSetting } from '../../config/connection-settings';
import type { ExtensionAttributeMapping } from '../../db/schema';
import { ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE } from '../../organizations/organization-store';
import type { RawScopeOptions, ScopeChange } from '../../scope/scope-change';
import type { NotifyChange, RawNotifyOptions } from '../../notifications/notify-options';

/** Options of `connections add|update` as commander gives them (strings, flags), before validation. */
export interface RawConnectionOptions extends RawNotifyOptions, RawScopeOptions {
  org?: string;
  name?: string;
  url?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  secretStdin?: boolean;
  cron?: string;
  tz?: string;
  pageSize?: string;
  maxConcurrency?: string;
  caFile?: string;
  employeePolicy?: string;
  ignore?: string;
  deriveNamesFromEmail?: boolean;
  eaMap?: string[];
  fetchFilevaultKeys?: boolean;
  removalThreshold?: string;
  spreadMinutes?: string;
  enabled?: boolean;
  disabled?: boolean;
  /** false with --no-verify: save without trying the connection. */
  verify?: boolean;
  /** update --preview: a dry run with the changed scope; nothing is saved. */
  preview?: boolean;
}

/** Where a secret can come from besides the command line, so it need not be in shell history or `ps`. */
export interface SecretSources {
  /** JAMF_CLIENT_SECRET / JAMF_PASSWORD from the environment. */
  env: { clientSecret?: string; password?: string };
  /** The whole of stdin (read only with --secret-stdin). */
  readStdin: () => Promise<string>;
}

export interface ParsedConnectionOptions {
  org: string;
  name?: string;
  baseUrl?: string;
  auth?: { kind: 'client' | 'user'; id?: string; secret?: string; secretSource?: string };
  scheduleCron?: string;
  timeZone?: string;
  pageSize?: number;
  maxConcurrency?: number;
  /** '' clears it (back to JAMF_CA_FILE or the default trust). */
  caFile?: string;
  employeePolicy?: 'create' | 'hold';
  ignoreList?: string[];
  deriveNamesFromEmail?: boolean;
  extensionAttributeMapping?: ExtensionAttributeMapping;
  fetchFileVaultKeys?: boolean;
  removalThreshold?: number;
  /** null: back to SYNC_SPREAD_MINUTES. */
  spreadMinutes?: number | null;
  enabled?: boolean;
  /** The --scope-… options, as a change to the stored scope (src/scope/scope-change.ts). */
  scope?: ScopeChange;
  /** The notification target (src/notifications/notify-options.ts). */
  notify?: NotifyChange;
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * A number typed on the command line, then the setting's own rule. Only plain digits (or a plain
 * decimal for a share) count: "1e2" or "0x10" is not what an admin means by a page size.
 */
const typedNumber = (pattern: RegExp, rule: z.ZodType<number, number>) =>
  z
    .string()
    .transform((v) => (pattern.test(v) ? Number(v) : Number.NaN))
    .pipe(rule);

/**
 * Each option on its own; the settings' rules and messages are the environment's
 * (config/connection-settings.ts). Keys are the options' names: an issue's path gives its flag.
 */
export const connectionOptionsSchema = z.object({
  org: z.string().regex(ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE).optional(),
  name: nonEmpty.optional(),
  url: connectionSetting.baseUrl.optional(),
  clientId: nonEmpty.optional(),
  clientSecret: nonEmpty.optional(),
  username: nonEmpty.optional(),
  password: nonEmpty.optional(),
  cron: connectionSetting.scheduleCron.optional(),
  tz: connectionSetting.timeZone.optional(),
  pageSize: typedNumber(/^\s*\d+\s*$/, connectionSetting.pageSize).optional(),
  maxConcurrency: typedNumber(/^\s*\d+\s*$/, connectionSetting.maxConcurrency).optional(),
  caFile: z.string().trim().optional(),
  employeePolicy: connectionSetting.employeePolicy.optional(),
  ignore: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((e) => e.trim()).filter(Boolean))])
    .pipe(connectionSetting.ignoreList)
    .optional(),
  deriveNamesFromEmail: connectionSetting.deriveNamesFromEmail.optional(),
  // Repeatable: each occurrence adds pairs; all of them together replace the stored mapping.
  eaMap: z
    .array(z.string())
    .transform((values): string | Record<string, string> => values.join(','))
    .pipe(connectionSetting.extensionAttributeMapping)
    .optional(),
  fetchFilevaultKeys: connectionSetting.fetchFileVaultKeys.optional(),
  removalThreshold: typedNumber(/^\s*(\d+\.?\d*|\.\d+)\s*$/, connectionSetting.removalThreshold).optional(),
  // "default" puts the connection back on SYNC_SPREAD_MINUTES.
  spreadMinutes: z
    .string()
    .transform((v) => (v.trim() === 'default' ? null : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN))
    .pipe(connectionSetting.spreadMinutes)
    .optional(),
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

/** `pageSize` → `--page-size`. */
export const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
