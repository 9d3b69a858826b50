import type { Command } from 'commander';
import pino from 'pino';
import type { Config } from '../../config';
import { createLogger } from '../../logging/logger';
import { jamfConnectionVerifier } from '../../connections/check-connection';
import { CONNECTION_SETTING_DEFAULTS as DEFAULTS } from '../../config/connection-settings';
import { secretBoxFromConfig } from '../../crypto/secret-box-from-config';
import { openServiceDatabase } from '../../service/open-service-database';
import { runCommand } from '../run-command';
import type { RawConnectionOptions } from './connection-options';
import { parseConnectionOptions } from './parse-connection-options';
import { readProcessStdin } from '../read-stdin';
import { connectionsEnvironment, readStdinOnce, requireBox } from './connection-secrets';
import { addConnection } from './add-connection';
import { updateConnection } from './update-connection';
import { listConnectionsText } from './list-connections';
import { retryPolicyFromConfig } from '../../scheduler/retry-policy';
import { removeConnectionBySlug, requireOrgOption } from './remove-connection';
import { COMMAND_DESCRIPTIONS } from '../command-descriptions';
import { runConnectionSync } from '../../sync/run-connection-sync';
import { formatRunReport } from '../../sync/format-run-report';
import type { AppDatabase } from '../../db/open-database';
import type { SecretBox } from '../../crypto/secret-box';
import type { DeviceScope } from '../../scope/device-scope';
import { SCOPE_KIND_HELP } from '../../scope/scope-change';

/**
 * `jamf-sync connections add|list|update|remove`: one Jamf Pro connection per organization (R20).
 * Options are checked all at once (every problem listed, exit 2, nothing written); the Jamf secret
 * is stored encrypted (ENCRYPTION_KEY) and never printed.
 */
export function registerConnectionsCommand(program: Command): void {
  const connections = program.command('connections').description(COMMAND_DESCRIPTIONS.connections);
  const context = () => {
    // Secrets may come from the environment; see connectionsEnvironment.
    const { config, secretEnv } = connectionsEnvironment(process.env);
    return { config, secrets: readStdinOnce({ env: secretEnv, readStdin: readProcessStdin }) };
  };
  // The check's client logs to stderr (warnings and up unless LOG_LEVEL says otherwise); stdout is the result.
  const verifierFor = (config: Config) =>
    jamfConnectionVerifier({ config, logger: createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2)) });

  withConnectionOptions(connections.command('add').description('connect an organization to its Jamf Pro'), 'add').action(
    runCommand(async (opts: RawConnectionOptions) => {
      const { config, secrets } = context();
      // Checked before the database is opened: bad options or no key write nothing.
      await parseConnectionOptions(opts, 'add', secrets);
      const box = requireBox(secretBoxFromConfig(config));
      const database = await openServiceDatabase(config);
      try {
        process.stdout.write(`${await addConnection({ db: database.db, box, verify: verifierFor(config) }, opts, secrets)}\n`);
      } finally {
        await database.close();
      }
    }),
  );

  withConnectionOptions(connections.command('update').description('change some settings of a connection (others stay)'), 'update').action(
    runCommand(async (opts: RawConnectionOptions) => {
      const { config, secrets } = context();
      const database = await openServiceDatabase(config);
      try {
        const box = secretBoxFromConfig(config);
        const previewScope = scopePreview(database.db, box, config);
        process.stdout.write(`${await updateConnection({ db: database.db, box, verify: verifierFor(config), previewScope }, opts, secrets, config)}\n`);
      } finally {
        await database.close();
      }
    }),
  );

  connections
    .command('list')
    .description('list the connections (no secrets): URL, credentials id, schedule, webhook path, last run, last success, failures, next run, last error')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (opts: { json?: boolean }) => {
        const { config } = context();
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await listConnectionsText(database.db, { ...opts, retry: retryPolicyFromConfig(config) })}\n`);
        } finally {
          await database.close();
        }
      }),
    );

  connections
    .command('remove')
    .description('delete the connection of an organization (its assets, employees and runs are kept)')
    .option('--org <slug>', 'organization slug (required)')
    .action(
      runCommand(async (opts: { org?: string }) => {
        const { config } = context();
        requireOrgOption(opts.org);
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await removeConnectionBySlug(database.db, opts.org, config)}\n`);
        } finally {
          await database.close();
        }
      }),
    );
}

/** `update --preview`: a dry run with the new scope, its report as text (the stored scope is untouched). */
function scopePreview(db: AppDatabase, box: SecretBox | null, config: Config) {
  return async (slug: string, scope: DeviceScope): Promise<string> => {
    const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
    const report = await runConnectionSync({ db, config, box, logger }, slug, { trigger: 'manual', dryRun: true, scopeOverride: scope });
    return report ? formatRunReport(report) : '(no dry run was made)';
  };
}

const SCOPE_HELP = `
Scope (which of the tenant's devices this connection syncs; every part narrows, "" clears a part):
  --scope-kinds computers --scope-managed-only --scope-building "Main Hall"
  --scope-computers-filter 'general.platform==Mac;operatingSystem.version=="15.*"'
  --scope-mobiles-filter 'model=="iPad*"'      (RSQL as Jamf takes it: == != =in=() =out=() ; , and or, * wildcards)
Jamf applies the scope where it can (site is checked after fetching). Devices that leave the scope are
kept and marked out of scope, never removed. Preview a change first with --preview (a dry run that
lists the assets that would leave the scope; nothing is saved).`;

const SECRET_HELP = `
Secrets: the client secret (or password) is stored encrypted with ENCRYPTION_KEY, which must be set
(generate one with: openssl rand -base64 32). Keep it off the command line (shell history, ps):
  pipe it on stdin:   vault read -field=secret jamf/acme | jamf-sync connections add ... --secret-stdin
  or set it for the one command (when JAMF_URL is not set):
                      JAMF_CLIENT_SECRET=... jamf-sync connections add --org acme --url ... --client-id ...
  (JAMF_PASSWORD for --username). --client-secret / --password on the command line also work.
To rotate the secret alone: ... | jamf-sync connections update --org acme --secret-stdin

Before saving, add (and update, when the URL, credentials, secret or CA change) tries the connection:
Jamf's version, a page of computers and of mobile devices (their counts), departments, buildings and,
with --fetch-filevault-keys, FileVault keys. A connection that fails is not saved (exit 1) and the
message says why (refused credentials, unreachable, untrusted certificate, missing privileges);
--no-verify saves it unchecked (e.g. before the API client's role is set up).

Notifications: --notify-url sets where run summaries go (README "Notifications"). The first time, a
signing secret is generated, stored encrypted (ENCRYPTION_KEY) and printed once: the receiver checks
X-Jamf-Sync-Signature with it. --rotate-notify-secret prints a new one; --no-notify removes the target.`;

/** The options of `add` and `update` (update: every one optional, only those given change). */
function withConnectionOptions(command: Command, mode: 'add' | 'update'): Command {
  const verb = mode === 'add' ? '' : 'new ';
  command
    .option('--org <slug>', 'organization slug (required): an existing organization (see "organizations create"), or "default"')
    .option('--name <name>', 'organization display name')
    .option('--url <url>', `${verb}Jamf Pro URL, e.g. https://yourcompany.jamfcloud.com${mode === 'add' ? ' (required)' : ''}`)
    .option('--client-id <id>', `${verb}API client id`)
    .option('--client-secret <secret>', `${verb}API client secret (prefer --secret-stdin or JAMF_CLIENT_SECRET)`)
    .option('--username <name>', `${verb}Jamf user account (instead of an API client)`)
    .option('--password <password>', `${verb}password of the user account (prefer --secret-stdin or JAMF_PASSWORD)`)
    .option('--secret-stdin', 'read the client secret or password from the first line of stdin')
    .option('--cron <expr>', `nightly sync schedule, cron syntax (default "${DEFAULTS.scheduleCron}")`)
    .option('--tz <zone>', `time zone of the schedule, IANA name (default ${DEFAULTS.timeZone})`)
    .option('--page-size <n>', `Jamf page size, 1-2000 (default ${DEFAULTS.pageSize})`)
    .option('--max-concurrency <n>', `concurrent Jamf requests, 1-20 (default ${DEFAULTS.maxConcurrency})`)
    .option('--ca-file <file.pem>', "PEM file of the private CA that issued Jamf Pro's certificate, added to the default trust (\"\" clears it)")
    .option('--employee-policy <policy>', 'possible duplicate employees (R10): create or hold')
    .option('--derive-names-from-email', 'name a Jamf user who has an email but no name from a first.last@ address (R9)')
    .option('--no-derive-names-from-email', 'give such a user no employee (default)')
    .option('--ignore <list>', 'comma-separated usernames or emails never made assignees (R11); replaces the list')
    .option(
      '--ea-map <pairs>',
      'extension attribute mapping "Name=field[:jamf|derived],..." onto any field Jamf owns; replaces the mapping ("" clears it)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--fetch-filevault-keys', 'fetch FileVault recovery keys (needs its own Jamf privilege)')
    .option('--no-fetch-filevault-keys', 'do not fetch FileVault recovery keys')
    .option('--removal-threshold <share>', `R14: most share of the fleet a run may mark removed, 0-1 (default ${DEFAULTS.removalThreshold})`)
    .option('--scope-site <id>', 'scope: only devices of this Jamf site id ("" clears)')
    .option('--scope-building <name>', 'scope: only devices of this building, by name ("" clears)')
    .option('--scope-department <name>', 'scope: only devices of this department, by name ("" clears)')
    .option('--scope-managed-only', 'scope: only devices Jamf manages')
    .option('--no-scope-managed-only', 'scope: managed and unmanaged devices (default)')
    .option('--scope-kinds <kinds>', `scope: device kinds synced: ${SCOPE_KIND_HELP} (default all)`)
    .option('--scope-computers-filter <rsql>', 'scope: RSQL filter of computers-inventory, e.g. general.platform==Mac ("" clears)')
    .option('--scope-mobiles-filter <rsql>', 'scope: RSQL filter of mobile-devices/detail, e.g. model=="iPad*" ("" clears)')
    .option('--scope-clear', 'scope: every device again (other --scope-… options then build the new scope)')
    .option('--spread-minutes <n>', 'spread this connection\'s nightly starts over n minutes after the cron time, 0-1440 ("default": SYNC_SPREAD_MINUTES)')
    .option('--enabled', 'run the nightly sync (default)')
    .option('--disabled', 'keep the connection but do not run its nightly sync')
    .option('--notify-url <url>', 'https URL that receives a signed summary when a run fails, ends partial, trips the removal guard, holds employees or creates assets ("" clears it)')
    .option('--notify-format <format>', 'body of the notifications: json (default) or slack (a Slack-compatible message)')
    .option('--no-notify', 'remove the notification target')
    .option('--rotate-notify-secret', 'replace the signing secret of the notification target (the new one is shown once)')
    .option('--no-verify', `save without trying the connection first (by default ${mode === 'add' ? 'it is' : 'a changed URL, credentials, secret or CA is'} tried: version, privileges, device counts)`)
    .addHelpText('after', SECRET_HELP + SCOPE_HELP);
  if (mode === 'update') command.option('--preview', 'with --scope-…: a dry run with the new scope, listing the assets that would leave it; saves nothing');
  return command;
}
