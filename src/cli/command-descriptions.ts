/**
 * What each command does, for the top-level help. Kept apart from the commands' modules so
 * `jamf-sync --help` lists every command without loading any of them (src/cli.ts).
 */
export const COMMAND_DESCRIPTIONS = {
  serve: 'run the service: HTTP server (health, webhooks), inbox worker and nightly scheduler',
  sync: 'run a full sync now, or of some serials (--serial) or one device kind (--only); preview with --dry-run',
  migrate: 'apply the database migrations (serve also does this at start)',
  explain: 'print the asset facts derived from a raw Jamf record (or page) read on stdin',
  connections: 'manage the Jamf Pro connection of each organization',
  organizations: 'list, create and remove organizations (a connection, an inventory and runs belong to one)',
  import: 'import an organization\'s existing employees or assets from a CSV or JSON file (all or nothing)',
  export: 'print assets, employees, the change log or runs of an organization as JSON or CSV',
  tokens: 'create, list and revoke the HTTP API\'s tokens (roles reader, admin, ops)',
  keys: 'manage the encryption keys of stored secrets',
  webhooks: 'webhook credentials and the webhook inbox (dead events, retries)',
  notifications: 'run notifications sent to each connection\'s target (list, retry dead ones)',
  simulator: 'run a Jamf Pro simulator (API, faults, webhooks) on this machine',
  demo: 'run the service against a simulated Jamf Pro and show what it does (no configuration, no network)',
} as const;

export type CommandName = keyof typeof COMMAND_DESCRIPTIONS;
