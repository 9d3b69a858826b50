import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { assetSecureFields } from '../../src/db/schema';
import { SECURE_ASSET_FIELDS } from '../../src/inventory/asset-fields';

/**
 * The README says which secure fields (R12) are encrypted and which are only withheld from
 * customer-facing reads; the schema decides which really are. A field is encrypted when it is kept
 * as a ciphertext column, and plaintext when its own column holds the value.
 */
describe('README: which secure fields are encrypted', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const columns = Object.keys(getTableColumns(assetSecureFields));

  /** Rows of the "Secure fields and secrets at rest" table: export field → "encrypted" or "plaintext". */
  function documented(): Record<string, string> {
    const section = readme.split(/^## /m).find((s) => s.startsWith('Secure fields and secrets at rest'));
    expect(section).toBeDefined();
    const rows = section!.split('\n').filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| fact '));
    return Object.fromEntries(
      rows.map((line) => {
        const cells = line.split('|').map((c) => c.trim());
        return [cells[2].replace(/`/g, ''), /^encrypted\b/.test(cells[3]) ? 'encrypted' : /^plaintext\b/.test(cells[3]) ? 'plaintext' : cells[3]];
      }),
    );
  }

  it('lists every secure field once, stored as the schema stores it', () => {
    const stored = Object.fromEntries(
      SECURE_ASSET_FIELDS.map((field) => {
        if (columns.includes(`${field}Ciphertext`)) return [field, 'encrypted'];
        if (columns.includes(field)) return [field, 'plaintext'];
        throw new Error(`secure field ${field} has no column in asset_secure_fields`);
      }),
    );
    expect(documented()).toEqual(stored);
  });

  it('claims encryption only for what is encrypted', () => {
    const intro = readme.slice(0, readme.indexOf('## Quick start'));
    expect(intro).not.toMatch(/AppleCare ID\)? apart and encrypted/);
    for (const [field, how] of Object.entries(documented())) {
      if (how === 'plaintext') expect(intro).not.toMatch(new RegExp(`${field}[^.]*encrypted`, 'i'));
    }
  });
});
