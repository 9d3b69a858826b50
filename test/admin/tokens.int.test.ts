import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { openProcessDatabase, type ProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { selectRows } from '../../src/db/query';
import { createOrganization } from '../../src/organizations/organization-store';
import { UnknownOrganizationError } from '../../src/organizations/unknown-organization-error';
import { createTokenOutput, listTokensText, revokeTokenText } from '../../src/cli/tokens-command';
import { hashToken, principalOfToken } from '../../src/tokens/token-store';
import { failure } from './admin-support';

const countTokens = async (db: TestDatabase) => (await selectRows<{ n: number }>(db.db, sql`select count(*)::int as n from api_tokens`))[0].n;

describe(`tokens create|list|revoke (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    await createOrganization(db.db, { slug: 'acme' });
  });

  it('create answers a random token once and stores only its SHA-256 and display prefix', async () => {
    const { stdout, stderr } = await createTokenOutput(db.db, { role: 'admin', org: 'acme', name: 'platform UI' });
    expect(stdout).toMatch(/^jst_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toMatch(/^Created admin token jst_\S{8}… \(id [0-9a-f-]{36}\) for organization "acme"\. It is shown only now/);
    expect(stderr).not.toContain(stdout);
    const rows = await selectRows<Record<string, unknown>>(db.db, sql`select * from api_tokens`);
    expect(rows).toEqual([expect.objectContaining({ token_hash: hashToken(stdout), prefix: stdout.slice(0, 12), role: 'admin', name: 'platform UI', revoked_at: null })]);
    expect(JSON.stringify(rows)).not.toContain(stdout.slice(12));
    // Two tokens never share a value.
    expect((await createTokenOutput(db.db, { role: 'ops' })).stdout).not.toBe(stdout);
    expect(await principalOfToken(db.db, stdout)).toMatchObject({ role: 'admin', organization: { slug: 'acme' } });
  });

  it('refuses a bad role, an ops token with --org, a scoped token without one, an unknown organization; writes nothing', async () => {
    const bad = await failure(createTokenOutput(db.db, { role: 'root', name: ' ' }));
    expect(bad.problems).toEqual([expect.stringMatching(/^--role: must be one of reader, admin, ops \(got "root"\)/), '--name: must not be empty']);
    expect((await failure(createTokenOutput(db.db, { role: 'ops', org: 'acme' }))).problems).toEqual([expect.stringMatching(/^--org: an ops token spans every organization/)]);
    expect((await failure(createTokenOutput(db.db, { role: 'reader' }))).problems).toEqual([expect.stringMatching(/^--org: a reader token belongs to one organization/)]);
    const unknown = await failure(createTokenOutput(db.db, { role: 'admin', org: 'acmee' }));
    expect(unknown).toBeInstanceOf(UnknownOrganizationError);
    expect(unknown.message).toMatch(/No organization "acmee"\. Known: acme\./);
    expect(await countTokens(db)).toBe(0);
  });

  it('list shows role, organization and use, never the token; revoke by prefix or id refuses the token from then on', async () => {
    expect(await listTokensText(db.db)).toMatch(/^No API tokens yet/);
    const reader = (await createTokenOutput(db.db, { role: 'reader', org: 'acme', name: 'dashboard' })).stdout;
    const ops = (await createTokenOutput(db.db, { role: 'ops' })).stdout;
    const table = await listTokensText(db.db);
    expect(table.split('\n')[0]).toMatch(/^ID\s+PREFIX\s+ROLE\s+ORG\s+NAME\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(table).toMatch(new RegExp(`${ops.slice(0, 12)}\\s+ops\\s+\\(all\\)`));
    expect(table).toMatch(new RegExp(`${reader.slice(0, 12)}\\s+reader\\s+acme\\s+dashboard\\s+\\S+\\s+never`));
    const json = JSON.parse(await listTokensText(db.db, { json: true }));
    expect(json.map((t: any) => [t.role, t.organization, t.revokedAt])).toEqual(expect.arrayContaining([['reader', 'acme', null], ['ops', null, null]]));
    for (const text of [table, JSON.stringify(json)]) for (const token of [reader, ops]) expect(text).not.toContain(token.slice(12));

    expect(await revokeTokenText(db.db, reader.slice(0, 12))).toMatch(/^Revoked reader token .* the API refuses it from now on\.$/);
    expect(await principalOfToken(db.db, reader)).toBeNull();
    const opsId = json.find((t: any) => t.role === 'ops').id;
    await revokeTokenText(db.db, opsId);
    expect(await principalOfToken(db.db, ops)).toBeNull();
    expect((await failure(revokeTokenText(db.db, 'jst_nothing0'))).code).toBe('token_not_found');
  });

  it('an organization removed takes its tokens with it', async () => {
    const token = (await createTokenOutput(db.db, { role: 'reader', org: 'acme' })).stdout;
    await db.db.execute(sql`delete from organizations where slug = 'acme'`);
    expect(await principalOfToken(db.db, token)).toBeNull();
    expect(await countTokens(db)).toBe(0);
  });
});

describe(`tokens through the CLI (${testDatabaseKind})`, () => {
  let pdb: ProcessDatabase;
  beforeAll(async () => {
    pdb = await openProcessDatabase();
  });

  async function cli(args: string[]) {
    const run = runCli(args, { ...pdb.env, LOG_LEVEL: 'warn' });
    const { code } = await run.waitForExit();
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  it('create prints the token alone on stdout, once; the database holds its hash only; revoke and bad options', async () => {
    expect((await cli(['organizations', 'create', 'acme'])).code).toBe(0);
    const created = await cli(['tokens', 'create', '--role', 'reader', '--org', 'acme', '--name', 'platform']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^jst_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    expect(created.stderr).toMatch(/^Created reader token/);

    const list = await cli(['tokens', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ prefix: token.slice(0, 12), role: 'reader', organization: 'acme', name: 'platform' })]);
    expect(list.stdout + list.stderr).not.toContain(token.slice(12));

    const stored = await pdb.use((db) => selectRows<Record<string, unknown>>(db.db, sql`select * from api_tokens`));
    expect(stored).toEqual([expect.objectContaining({ token_hash: hashToken(token) })]);
    expect(JSON.stringify(stored)).not.toContain(token.slice(12));
    // On the embedded database, not a byte of the token anywhere in its files (tables, WAL, indexes).
    // (The scan does see what was written: the hash is there.)
    if (pdb.dataDir) {
      expect(filesContaining(pdb.dataDir, hashToken(token)).length).toBeGreaterThan(0);
      expect(filesContaining(pdb.dataDir, token.slice(12))).toEqual([]);
    }

    expect(await cli(['tokens', 'create', '--role', 'ops', '--org', 'acme'])).toMatchObject({ code: 2, stdout: '' });
    const typo = await cli(['tokens', 'create', '--role', 'admin', '--org', 'acm']);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(/No organization "acm"\. Known: acme\./);
    expect((await cli(['tokens', 'create', '--org', 'acme'])).code).toBe(2);

    const revoked = await cli(['tokens', 'revoke', token.slice(0, 12)]);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toMatch(/^Revoked reader token/);
    expect(JSON.parse((await cli(['tokens', 'list', '--json'])).stdout)[0].revokedAt).toEqual(expect.any(String));
    expect((await cli(['tokens', 'revoke', 'jst_unknown0'])).code).toBe(1);
  }, timeoutForChildWaits(10));
});

function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(bytes)) found.push(file);
  }
  return found;
}
