import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { resetDatabase } from '../support/sync-harness';
import { selectRows } from '../../src/db/query';
import { importEmployees } from '../../src/inventory/import-employees';
import { importAssets } from '../../src/inventory/import-assets';
import { importFile } from '../../src/cli/import-command';
import { InvalidInputError } from '../../src/errors/invalid-input-error';
import { failure, rowCounts } from './admin-support';
import { ensureOrganization } from '../../src/organizations/organization-store';

/** Import files as admins have them: collisions inside one file, HR exports, BOM, ";", dry runs. */
describe(`import files (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-import-files-'));
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await ensureOrganization(db.db, 'acme'); // as an admin would ("organizations create acme")
  });
  afterEach(async () => {
    await resetDatabase(db);
  });
  const employees = (fileName: string, text: string, extra: { dryRun?: boolean } = {}) =>
    importEmployees(db.db, { organizationSlug: 'acme', fileName, text, ...extra });
  const assets = (fileName: string, text: string, extra: { dryRun?: boolean } = {}) =>
    importAssets(db.db, { organizationSlug: 'acme', fileName, text, ...extra });
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const people = () =>
    selectRows<{ first_name: string; last_name: string; emails: string[] }>(
      db.db,
      sql`select e.first_name, e.last_name, array(select email from employee_emails ee where ee.employee_id = e.id order by ee.created_at) as emails
          from employees e order by e.last_name`,
    );

  describe('collisions inside one file', () => {
    it('two rows with one email (any case, any plus tag) are errors naming both lines, and nothing is written', async () => {
      const csv = [
        'firstName,lastName,emails',
        'Ann,Lee,ann@acme.example',
        'Bo,Ray,bo@acme.example',
        'Cy,Oh,cy@acme.example',
        'Dee,Ng,dee@acme.example',
        'Ann,Leigh,ANN@acme.example', // the second row used to rename the first's employee
        'Bob,Ray,bo+laptop@acme.example;robert@acme.example',
      ].join('\n');
      const err = await failure(employees('people.csv', csv));
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.message).toMatch(/^people\.csv: 2 problem\(s\), nothing was written/);
      expect(err.problems).toEqual([
        'line 6: email ANN@acme.example is also on line 2 (one employee per email)',
        'line 7: email bo+laptop@acme.example is also on line 3 (one employee per email)',
      ]);
      // Only the organization the test created.
      expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, employees: 0, employee_emails: 0 });
    });

    it('two rows that are one stored employee (by two of their emails) are an error naming both lines', async () => {
      await employees('first.json', JSON.stringify([{ firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example', 'ann.lee@home.example'] }]));
      const err = await failure(employees('again.csv', 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\nAnne,Lee,ann.lee@home.example\n'));
      expect(err.problems).toEqual(['line 3: is the same employee (Ann Lee, by email) as line 2']);
      expect((await people()).map((p) => p.first_name)).toEqual(['Ann']);
    });

    it('two rows with one serial are errors naming both lines', async () => {
      const err = await failure(assets('a.csv', 'serialNumber,assetType,status\r\nS1,laptop,available\r\n"S2",laptop,available\r\nS1,desktop,retired\r\n'));
      expect(err.problems).toEqual(['line 4: serialNumber "S1" is also on line 2']);
      expect(await rowCounts(db.db)).toMatchObject({ assets: 0 });
    });
  });

  describe('HR-style files', () => {
    it('reads "First Name", "Last Name", "Email", "Work Email" with a BOM and ";" delimiters; other columns are ignored and named', async () => {
      const csv = '\uFEFFFirst Name;LAST_NAME;Email;Work Email;Department\r\n' +
        'Siobhán;Ó Briain;siobhan@home.example;siobhan.obriain@acme.example;"R&D; Dublin"\r\n' +
        'Kim;Lee;;kim.lee@acme.example;Sales\r\n';
      const summary = await employees('hr.csv', csv);
      expect(summary).toMatchObject({ format: 'csv', rows: 2, created: 2, updated: 0, refused: 0, ignoredFields: ['Department'] });
      expect(await people()).toEqual([
        { first_name: 'Kim', last_name: 'Lee', emails: ['kim.lee@acme.example'] },
        { first_name: 'Siobhán', last_name: 'Ó Briain', emails: ['siobhan@home.example', 'siobhan.obriain@acme.example'] },
      ]);
    });

    it('asset headers in any case with spaces or underscores ("Serial Number", "asset_type"); an unknown column is refused', async () => {
      expect(await assets('a.csv', 'Serial Number;Asset_Type;STATUS;Display Size Inches\nS1;laptop;available;13,6\n'.replace('13,6', '13.6'))).toMatchObject({ created: 1 });
      const err = await failure(assets('b.csv', 'Serial Number,Asset Type,Status,Colour\nS2,laptop,available,red\n'));
      expect(err.problems).toEqual([expect.stringMatching(/^line 1: column "Colour" is not an asset field \(use serialNumber, jamfId, /)]);
    });

    it('a header without a required column is one problem, not one per row', async () => {
      const err = await failure(employees('hr.csv', 'First Name,Surname,Department\nAnn,Lee,Sales\nBo,Ray,IT\n'));
      expect(err.problems).toEqual(['line 1: the header has no column for emails']);
    });

    it('errors point at the physical line after CRLF line breaks inside quoted cells', async () => {
      const csv = 'First Name;Last Name;Email;Notes\r\n' +
        'Ann;Lee;ann@acme.example;"two\r\nlines"\r\n' +
        '\r\n' +
        'Bo;Ray;not-an-email;"three\r\nlines\r\nhere"\r\n' +
        'Cy;;cy@acme.example;x\r\n';
      const err = await failure(employees('notes.csv', csv));
      expect(err.problems).toEqual([
        'line 5: emails must hold at least one valid email address (in CSV, separated by ";") (got "not-an-email")',
        'line 8: lastName is required and must not be empty (got nothing)',
      ]);
    });
  });

  describe('dry run', () => {
    it('reports what would be created, updated and left unchanged, and writes nothing (not even the organization)', async () => {
      const preview = await employees('e.csv', 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\nBo,Ray,bo@acme.example\n', { dryRun: true });
      expect(preview).toMatchObject({ dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0, refused: 0, problems: [] });
      expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, employees: 0 });
      // Into `default`, which a real import would create on first use: a dry run does not.
      const intoDefault = await importEmployees(db.db, { organizationSlug: 'default', fileName: 'e.csv', text: 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\n', dryRun: true });
      expect(intoDefault).toMatchObject({ dryRun: true, created: 1 });
      expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, employees: 0 });

      await employees('e.csv', 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\n');
      const before = await rowCounts(db.db);
      const mixed = await employees(
        'f.csv',
        'firstName,lastName,emails\nAnne,Lee,ann@acme.example\nBo,Ray,bo@acme.example\nCy,,cy@acme.example\nDee,Ng,BO@acme.example\n',
        { dryRun: true },
      );
      expect(mixed).toMatchObject({ created: 1, updated: 1, unchanged: 0, refused: 2 });
      expect(mixed.problems).toEqual([
        'line 4: lastName is required and must not be empty (got nothing)',
        'line 5: email BO@acme.example is also on line 3 (one employee per email)',
      ]);
      expect(await rowCounts(db.db)).toEqual(before);
      expect((await people()).map((p) => p.first_name)).toEqual(['Ann']);
    });

    it('assets: counts creates and updates from a file on disk, and prints them; refused rows listed', async () => {
      await assets('a.csv', 'serialNumber,assetType,status\nS1,laptop,available\n');
      const before = await rowCounts(db.db);
      const { text, summary } = await importFile(db.db, 'assets', file('b.csv', 'serialNumber,assetType,status\nS1,laptop,retired\nS2,desktop,available\nS3,toaster,available\n'), {
        org: 'acme',
        dryRun: true,
      });
      expect(summary).toMatchObject({ created: 1, updated: 1, refused: 1 });
      expect(text).toMatch(/^Dry run of importing assets from b\.csv \(CSV, 3 row\(s\)\) into organization "acme" \(nothing was written\): would create 1, update 1, leave 0 unchanged; 1 row\(s\) refused/);
      expect(text).toMatch(/ - line 4: assetType must be one of/);
      expect(await rowCounts(db.db)).toEqual(before);
    });
  });

  it('the CLI: import --dry-run exits 0 with nothing refused, 2 with a refused row, and writes nothing either way', async () => {
    const env = { ...(await openProcessDatabase()).env, LOG_LEVEL: 'warn' };
    const cli = async (args: string[]) => {
      const run = runCli(args, env);
      const { code } = await run.waitForExit();
      return { code, stdout: run.stdout(), stderr: run.stderr() };
    };
    expect(await cli(['organizations', 'create', 'acme'])).toMatchObject({ code: 0, stderr: '' });
    const good = await cli(['import', 'employees', file('ok.csv', 'First Name,Last Name,Work Email\nAnn,Lee,ann@acme.example\n'), '--org', 'acme', '--dry-run']);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toMatch(/would create 1, update 0, leave 0 unchanged; 0 row\(s\) refused/);
    const bad = await cli(['import', 'employees', file('dup.csv', 'email,first name,last name\na@acme.example,A,B\nA@acme.example,C,D\n'), '--org', 'acme', '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/line 3: email A@acme\.example is also on line 2/);
    const real = await cli(['import', 'employees', file('ok.csv', 'First Name,Last Name,Work Email\nAnn,Lee,ann@acme.example\n'), '--org', 'acme']);
    expect(real.stdout).toMatch(/Imported employees from ok\.csv \(CSV, 1 row\(s\)\) into organization "acme": 1 created/);
  }, timeoutForChildWaits(3));
});
