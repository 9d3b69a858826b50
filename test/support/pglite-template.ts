import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** Where the migrated template database is dumped; named after the migrations it holds. */
export function pgliteTemplatePath(migrationTags: string[]): string {
  const hash = createHash('sha256').update(migrationTags.join('\n')).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `jamf-sync-test-template-${hash}.tar`);
}
