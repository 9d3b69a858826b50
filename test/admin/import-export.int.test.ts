import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { selectRows } from '../../src/db/query';
import { importEmployees } from '../../src/inventory/import-employees';
import { importAssets } from '../../src/inventory/import-assets';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { InvalidInputError } from '../../src/errors/invalid-input-error';
import { stringSink, type ExportFormat } from '../../src/inventory/export-writer';
import { runExport } from '../../src/cli/export-command';
import { exportAssets } from '../../src/inventory/export-assets';
import { exportEmployees } from '../../src/inventory/export-employees';
import { exportChanges } from '../../src/inventory/export-changes';
import { readCsvRecords } from '../../src/inventory/csv';
import { Readable } from 'node:stream';
import { MissingEncryptionKeyError } from '../../src/crypto/secret-box';
import { addRunEvents, createRun, finishRun } from '../../src/sync/run-store';
import { KEY_A, boxOf, count, failure, rowCounts } from './admin-support';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const csvRecords = async (text: string) => {
  const out = [];
  for await (const record of readCsvRecords(Readable.from([text]))) out.push(record);
  return out;
};
/** Imports into an organization, created first as an admin would ("organizations create"). */
const importInto = async (db: TestDatabase, kind: 'employees' | 'assets', fileName: string, text: string, org = 'acme') => {
  await ensureOrganization(db.db, org);
  return (kind === 'employees' ? importEmployees : importAssets)(db.db, { organizationSlug: org, fileName, text });
};

const EMPLOYEES = [
  { firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example', 'ann.lee@home.example'] },
  { firstName: 'Bo', lastName: "O'Hara, Jr", emails: ['bo@acme.example'] },
];
/** Every importable field at least once, and text that needs CSV quoting. */
const ASSETS = [
  {
    serialNumber: 'C02FULL0001', jamfId: '17', assetType: 'laptop', make: 'Apple', model: 'MacBook Pro', modelIdentifier: 'MacBookPro18,3',
    modelNumber: 'MKGR3LL/A', displaySizeInches: 14.2, releaseDate: '2021', color: 'Space Gray', keyboardLanguage: 'US English',
    imei: null, memoryMb: 16384, processor: 'Apple M1 Pro', processorFrequencyMhz: null, storageMb: 524288, storageType: 'SSD',
    operatingSystem: 'macOS 14.4 (23E214)', status: 'allocated', condition: 'good', location: 'Paris, "HQ"\nfloor 3', assigneeEmail: 'ann@acme.example',
  },
  { serialNumber: 'DMQPHONE0002', assetType: 'mobile', status: 'in_repair', condition: 'damaged', imei: '356789012345678', model: 'iPhone 15' },
  { serialNumber: 'TV0003', assetType: 'tv', status: 'available' },
];

describe(`import and export (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const assetRow = async (serial: string) =>
    (await selectRows<Record<string, any>>(db.db, sql`select a.*, a.storage_mb::float8 as storage_mb, (select email from employee_emails where employee_id = a.assignee_employee_id order by created_at limit 1) as assignee
      from assets a where serial_number = ${serial}`))[0];
  const exported = async (what: string, org: string, format: ExportFormat, extra: Record<string, unknown> = {}) => {
    const sink = stringSink();
    await runExport({ db: db.db, box: boxOf(KEY_A) }, sink, what, { org, format, ...extra });
    return sink.text();
  };
  /** Export text back to records: JSON as is, CSV through the header (empty cells left out). */
  const records = async (text: string, format: ExportFormat): Promise<Array<Record<string, unknown>>> => {
    if (format === 'json') return JSON.parse(text);
    const [header, ...rows] = await csvRecords(text);
    return rows.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i]]).filter(([, v]) => v !== '')));
  };

  describe('import employees', () => {
    it('creates employees from JSON; the same emails again update the names; source is "import"', async () => {
      expect(await importInto(db, 'employees', 'e.json', json(EMPLOYEES))).toMatchObject({ format: 'json', created: 2, updated: 0 });
      const again = await importInto(db, 'employees', 'e.json', json([{ ...EMPLOYEES[0], firstName: 'Anne', emails: [' ANN@acme.example', 'ann.lee@home.example'] }, EMPLOYEES[1]]));
      expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      const rows = await selectRows<{ first_name: string; source: string; emails: string[] }>(db.db, sql`select e.first_name, e.source,
        array(select email from employee_emails ee where ee.employee_id = e.id order by email) as emails from employees e order by e.first_name`);
      expect(rows).toEqual([
        { first_name: 'Anne', source: 'import', emails: ['ann.lee@home.example', 'ann@acme.example'] },
        { first_name: 'Bo', source: 'import', emails: ['bo@acme.example'] },
      ]);
    });

    it('an email that belongs to another employee is a row error, and nothing of the file is written', async () => {
      await importInto(db, 'employees', 'e.json', json(EMPLOYEES));
      const before = await rowCounts(db.db);
      const err = await failure(importInto(db, 'employees', 'more.json', json([
        { firstName: 'New', lastName: 'Person', emails: ['new@acme.example'] },
        { firstName: 'Carl', lastName: 'Other', emails: ['carl@acme.example', 'ANN.LEE@home.example'] },
        { firstName: 'Mix', lastName: 'Up', emails: ['ann@acme.example', 'bo@acme.example'] },
      ])));
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.problems).toEqual([
        'row 2: email ANN.LEE@home.example already belongs to another employee (Ann Lee)',
        expect.stringMatching(/^row 3: its emails belong to different employees/),
      ]);
      expect(await rowCounts(db.db)).toEqual(before);
    });

    it('CSV: a bad row is reported with its file line (after a quoted line break), every problem is listed, and nothing is written', async () => {
      const csv = [
        'firstName,lastName,emails',
        '"Multi',
        'Line",Name,ml@acme.example',
        'Bad,Email,not-an-email',
        ',NoFirst,nf@acme.example;also@acme.example',
        'Extra,Column,x@acme.example,oops',
      ].join('\r\n');
      const err = await failure(importInto(db, 'employees', 'e.csv', csv, 'neworg'));
      expect(err.message).toMatch(/^e\.csv: 3 problem\(s\), nothing was written/);
      expect(err.problems).toEqual([
        'line 4: emails must hold at least one valid email address (in CSV, separated by ";") (got "not-an-email")',
        'line 5: firstName is required and must not be empty (got nothing)',
        'line 6: has 4 field(s), the header has 3',
      ]);
      // Only the organization the test created first.
      expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, employees: 0, employee_emails: 0 });
    });
  });

  describe('import assets', () => {
    beforeEach(async () => {
      await importInto(db, 'employees', 'e.json', json(EMPLOYEES));
    });

    it('JSON: creates assets with every field, source "import", assignee by email, and a "(created)" change without a run', async () => {
      expect(await importInto(db, 'assets', 'a.json', json(ASSETS))).toMatchObject({ created: 3, updated: 0 });
      expect(await assetRow('C02FULL0001')).toMatchObject({
        source: 'import', status: 'allocated', condition: 'good', location: 'Paris, "HQ"\nfloor 3', assignee: 'ann@acme.example',
        memory_mb: 16384, storage_mb: 524288, model_identifier: 'MacBookPro18,3', jamf_id: '17', jamf_presence: null,
      });
      expect((await assetRow('C02FULL0001')).display_size_inches).toBeCloseTo(14.2, 4);
      const changes = await selectRows<{ field: string; run_id: string | null }>(db.db, sql`select field, run_id from asset_changes`);
      expect(changes).toEqual(Array(3).fill({ field: '(created)', run_id: null }));
    });

    it('an existing serial is updated in the given fields only (JSON null clears, an empty CSV cell keeps), with field changes logged', async () => {
      await importInto(db, 'assets', 'a.json', json(ASSETS));
      const update = 'serialNumber,status,location,assigneeEmail,memoryMb\r\nC02FULL0001,retired,,bo@acme.example,32768\r\nTV0003,available,,,\r\n';
      expect(await importInto(db, 'assets', 'u.csv', update)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      expect(await assetRow('C02FULL0001')).toMatchObject({ status: 'retired', location: 'Paris, "HQ"\nfloor 3', assignee: 'bo@acme.example', memory_mb: 32768, condition: 'good', model: 'MacBook Pro' });
      await importInto(db, 'assets', 'c.json', json([{ serialNumber: 'C02FULL0001', location: null, assigneeEmail: null }]));
      expect(await assetRow('C02FULL0001')).toMatchObject({ location: null, assignee_employee_id: null, status: 'retired' });
      const changes = await selectRows<{ field: string; old_value: unknown; new_value: unknown }>(db.db, sql`select field, old_value, new_value from asset_changes
        where field <> '(created)' order by id`);
      expect(changes).toEqual([
        { field: 'status', old_value: 'allocated', new_value: 'retired' },
        { field: 'memoryMb', old_value: 16384, new_value: 32768 },
        { field: 'assigneeEmail', old_value: 'ann@acme.example', new_value: 'bo@acme.example' },
        { field: 'location', old_value: 'Paris, "HQ"\nfloor 3', new_value: null },
        { field: 'assigneeEmail', old_value: 'bo@acme.example', new_value: null },
      ]);
    });

    it('JSON: every bad row is listed with its row number and field, and nothing of the file is written', async () => {
      const before = await rowCounts(db.db);
      const err = await failure(importInto(db, 'assets', 'bad.json', json([
        { serialNumber: 'OK1', assetType: 'laptop', status: 'available' },
        { serialNumber: 'B2', assetType: 'laptop', status: 'lost' },
        { serialNumber: 'B3', assetType: 'laptop', status: 'available', memoryMb: 'lots', condition: 'mint' },
        { assetType: 'laptop', status: 'available' },
        { serialNumber: 'B5', assetType: 'laptop', status: 'available', assigneeEmail: 'stranger@acme.example' },
        { serialNumber: 'B6', location: 'new but no type' },
        { serialNumber: 'OK1', assetType: 'desktop', status: 'available' },
        { serialNumber: 'B8', assetType: 'laptop', status: 'available', serial: 'typo' },
        'not an object',
      ])));
      // In file order, whichever step found them.
      expect(err.problems).toEqual([
        'row 2: status must be one of allocated, available, in_transit, in_repair, retired (got "lost")',
        'row 3: memoryMb must be a whole number from 0 to 2147483647 (got "lots")',
        'row 3: condition must be one of new, good, fair, poor, damaged (got "mint")',
        'row 4: serialNumber is required and must not be empty (got nothing)',
        'row 5: assigneeEmail "stranger@acme.example" is not an employee of organization "acme" (import employees first)',
        'row 6: assetType and status are required for a new asset ("B6")',
        'row 7: serialNumber "OK1" is also on row 1',
        expect.stringMatching(/^row 8: "serial" is not an asset field/),
        'row 9: must be a JSON object',
      ]);
      expect(await rowCounts(db.db)).toEqual(before);
    });

    it('a column named after an Object.prototype member (constructor, __proto__, toString) is an unknown field, not a rule or a lost column', async () => {
      const before = await rowCounts(db.db);
      const assets = await failure(importInto(db, 'assets', 'a.csv', 'serialNumber,assetType,status,constructor,__proto__,toString\r\nP1,laptop,available,x,y,z'));
      expect(assets.problems).toEqual(['constructor', '__proto__', 'toString'].map((c) => expect.stringMatching(new RegExp(`^line 1: column "${c}" is not an asset field`))));
      const json = '[{"serialNumber":"P1","assetType":"laptop","status":"available","constructor":"x","__proto__":"y","toString":"z"}]';
      const fromJson = await failure(importInto(db, 'assets', 'a.json', json));
      expect(fromJson.problems).toEqual(['constructor', '__proto__', 'toString'].map((c) => expect.stringMatching(new RegExp(`^row 1: "${c}" is not an asset field`))));
      expect(await rowCounts(db.db)).toEqual(before);
      // Employee files may carry HR columns the import does not use: they are ignored and named, never taken for a rule.
      const employees = await importInto(db, 'employees', 'e.csv', 'firstName,lastName,emails,constructor,__proto__\r\nProto,Columns,proto.columns@acme.example,x,y');
      expect(employees).toMatchObject({ created: 1, ignoredFields: expect.arrayContaining(['constructor', '__proto__']) });
      const created = await selectRows<{ first_name: string; last_name: string }>(db.db, sql`select first_name, last_name from employees where first_name = 'Proto'`);
      expect(created).toEqual([{ first_name: 'Proto', last_name: 'Columns' }]);
    });

    it('CSV: quoting (commas, quotes, line breaks, CRLF, BOM) is read exactly; a bad row is reported with its file line', async () => {
      const csv = '\uFEFFserialNumber,assetType,status,location,model,displaySizeInches\r\n' +
        'Q1,laptop,available,"Lyon, ""B"" wing\r\nshelf 2","MacBook Air (13-inch, M2)",13.6\r\n' +
        'Q2,desktop,available,plain,iMac,24\r\n';
      expect(await importInto(db, 'assets', 'q.csv', csv)).toMatchObject({ format: 'csv', created: 2 });
      expect(await assetRow('Q1')).toMatchObject({ location: 'Lyon, "B" wing\r\nshelf 2', model: 'MacBook Air (13-inch, M2)' });

      const bad = 'serialNumber,assetType,status,location\n"R1",laptop,available,"two\nlines"\nR2,laptop,available,x\nR3,toaster,available,y\n';
      const err = await failure(importInto(db, 'assets', 'r.csv', bad));
      expect(err.problems).toEqual([expect.stringMatching(/^line 5: assetType must be one of laptop, desktop/)]);
      expect(await count(db.db, 'assets')).toBe(2);
    });
  });

  describe('export', () => {
    beforeEach(async () => {
      await importInto(db, 'employees', 'e.json', json(EMPLOYEES));
      await importInto(db, 'assets', 'a.json', json(ASSETS));
    });

    it.each(['json', 'csv'] as const)('%s: assets and employees exported, imported into another organization and exported again are equal', async (format) => {
      const ext = format;
      const employees = await exported('employees', 'acme', format);
      const assets = await exported('assets', 'acme', format);
      expect(await importInto(db, 'employees', `e.${ext}`, employees, 'copy')).toMatchObject({ created: 2 });
      expect(await importInto(db, 'assets', `a.${ext}`, assets, 'copy')).toMatchObject({ created: 3, ignoredFields: expect.arrayContaining(format === 'json' ? ['jamfPresence', 'jamfRemovedAt'] : []) });

      expect(await exported('employees', 'copy', format)).toBe(employees);
      expect(await exported('assets', 'copy', format)).toBe(assets);
      // And the data is what was imported in the first place.
      const back = await records(assets, format);
      expect(back).toHaveLength(3);
      const full = back.find((r) => r.serialNumber === 'C02FULL0001')!;
      expect(format === 'json' ? full : { ...full, displaySizeInches: Number(full.displaySizeInches), memoryMb: Number(full.memoryMb) })
        .toMatchObject({ location: 'Paris, "HQ"\nfloor 3', assigneeEmail: 'ann@acme.example', displaySizeInches: 14.2, memoryMb: 16384 });
      expect((await records(employees, format)).map((e) => e.emails)).toEqual(
        format === 'json' ? [EMPLOYEES[0].emails, EMPLOYEES[1].emails] : ['ann@acme.example;ann.lee@home.example', 'bo@acme.example'],
      );
    });

    it('reads in keyset pages: every row exactly once, whatever the page size', async () => {
      const serials = Array.from({ length: 7 }, (_, i) => `P${i}`);
      await importInto(db, 'assets', 'p.json', json(serials.map((s) => ({ serialNumber: s, assetType: 'watch', status: 'available' }))));
      for (const pageSize of [1, 2, 1000]) {
        const sink = stringSink();
        const result = await exportAssets({ db: db.db, box: null }, sink, { organizationSlug: 'acme', format: 'json', actor: 't', pageSize });
        expect(result.rows).toBe(10);
        expect(JSON.parse(sink.text()).map((r: { serialNumber: string }) => r.serialNumber)).toEqual([...ASSETS.map((a) => a.serialNumber), ...serials].sort());
        const people = stringSink();
        await exportEmployees({ db: db.db }, people, { organizationSlug: 'acme', format: 'csv', pageSize });
        expect(await csvRecords(people.text())).toHaveLength(3);
        const changes = stringSink();
        expect((await exportChanges({ db: db.db }, changes, { organizationSlug: 'acme', format: 'json', pageSize })).rows).toBe(10);
      }
    });

    it('--include-secure prints decrypted recovery keys and audits each read; without it, no secure field is printed or read', async () => {
      const box = boxOf(KEY_A);
      const keys: Record<string, string> = { C02FULL0001: 'RK-1111-2222-3333', TV0003: 'RK-4444-5555-6666' };
      for (const [serial, key] of Object.entries(keys)) {
        const sealed = box.seal(key);
        await db.db.execute(sql`insert into asset_secure_fields (asset_id, organization_id, recovery_key_ciphertext, recovery_key_key_id, activation_lock_enabled, apple_care_id)
          select id, organization_id, ${sealed.ciphertext}, ${sealed.keyId}, true, 'AC-9' from assets where serial_number = ${serial}`);
      }
      for (const format of ['json', 'csv'] as const) {
        const plain = await exported('assets', 'acme', format);
        expect(plain).not.toMatch(/RK-|recoveryKey|activationLock|AC-9/);
      }
      expect(await count(db.db, 'secure_field_reads')).toBe(0);

      const secure = JSON.parse(await exported('assets', 'acme', 'json', { includeSecure: true, actor: 'ops:jane', reason: 'TICKET-42' }));
      expect(secure.map((r: any) => [r.serialNumber, r.secure])).toEqual([
        ['C02FULL0001', { activationLockEnabled: true, recoveryLockEnabled: null, appleCareId: 'AC-9', recoveryKey: keys.C02FULL0001 }],
        ['DMQPHONE0002', { activationLockEnabled: null, recoveryLockEnabled: null, appleCareId: null, recoveryKey: null }],
        ['TV0003', { activationLockEnabled: true, recoveryLockEnabled: null, appleCareId: 'AC-9', recoveryKey: keys.TV0003 }],
      ]);
      const reads = await selectRows<{ serial_number: string; actor: string; field: string; reason: string }>(db.db, sql`select a.serial_number, r.actor, r.field, r.reason
        from secure_field_reads r join assets a on a.id = r.asset_id order by a.serial_number`);
      expect(reads).toEqual([
        { serial_number: 'C02FULL0001', actor: 'ops:jane', field: 'recoveryKey', reason: 'TICKET-42' },
        { serial_number: 'TV0003', actor: 'ops:jane', field: 'recoveryKey', reason: 'TICKET-42' },
      ]);

      const csv = await records(await exported('assets', 'acme', 'csv', { includeSecure: true }), 'csv');
      expect(csv.find((r) => r.serialNumber === 'TV0003')).toMatchObject({ recoveryKey: keys.TV0003, activationLockEnabled: 'true', appleCareId: 'AC-9' });
      expect(await count(db.db, 'secure_field_reads')).toBe(4);
      const [{ actor }] = await selectRows<{ actor: string }>(db.db, sql`select actor from secure_field_reads where reason is null limit 1`);
      expect(actor).toMatch(/^cli:./);

      // No key configured: refused before anything is printed or audited.
      const sink = stringSink();
      await expect(exportAssets({ db: db.db, box: null }, sink, { organizationSlug: 'acme', format: 'json', includeSecure: true, actor: 'x' })).rejects.toBeInstanceOf(MissingEncryptionKeyError);
      expect(sink.text()).toBe('');
      expect(await count(db.db, 'secure_field_reads')).toBe(4);
    });

    it('changes and runs: the change log with run ids, the run list, and one run\'s report with its warnings and errors', async () => {
      const [{ id: orgId }] = await selectRows<{ id: string }>(db.db, sql`select id from organizations where slug = 'acme'`);
      const zero = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: {}, employeesCreated: 0, employeesLinked: 0, removed: 0, warnings: 0, errors: 0 };
      const run = await createRun(db.db, { organizationId: orgId, connectionId: null, trigger: 'manual', mode: 'full', counts: zero });
      await addRunEvents(db.db, run.id, 'warning', [{ code: 'possible_duplicate_employee', serialNumber: 'TV0003', jamfId: '9', message: 'same name, "Ann Lee"' }]);
      await addRunEvents(db.db, run.id, 'error', [{ code: 'record_invalid', serialNumber: 'X1', jamfId: '10', message: 'bad, record' }]);
      await db.db.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
        select organization_id, id, ${run.id}, 'operatingSystem', '"macOS 14.3"', '"macOS 14.4"' from assets where serial_number = 'C02FULL0001'`);
      const counts = { ...zero, fetched: 3, updated: 1, unchanged: 2, skipped: { unmanaged: 2, no_serial: 1 }, warnings: 1, errors: 1 };
      await finishRun(db.db, run.id, { status: 'partial', counts, failure: null });

      const changes = JSON.parse(await exported('changes', 'acme', 'json', { run: run.id }));
      expect(changes).toEqual([{ serialNumber: 'C02FULL0001', field: 'operatingSystem', old: 'macOS 14.3', new: 'macOS 14.4', runId: run.id, at: expect.any(String) }]);
      expect(await records(await exported('changes', 'acme', 'csv'), 'csv')).toHaveLength(4);

      const runs = JSON.parse(await exported('runs', 'acme', 'json'));
      expect(runs).toEqual([{ id: run.id, trigger: 'manual', mode: 'full', status: 'partial', startedAt: run.startedAt, finishedAt: expect.any(String), counts, errorCode: null, failureReason: null }]);
      const [csvRun] = await records(await exported('runs', 'acme', 'csv'), 'csv');
      expect(csvRun).toMatchObject({ id: run.id, status: 'partial', fetched: '3', skipped: 'no_serial=1;unmanaged=2', errors: '1' });

      const report = JSON.parse(await exported('runs', 'acme', 'json', { run: run.id }));
      expect(report).toMatchObject({
        id: run.id, organization: 'acme', status: 'partial', counts,
        warnings: [{ code: 'possible_duplicate_employee', serialNumber: 'TV0003', jamfId: '9', message: 'same name, "Ann Lee"' }],
        errors: [{ code: 'record_invalid', serialNumber: 'X1', jamfId: '10', message: 'bad, record' }],
        changes: [{ action: 'update', serialNumber: 'C02FULL0001', jamfId: '17', field: 'operatingSystem', old: 'macOS 14.3', new: 'macOS 14.4' }],
        changesTruncated: false,
      });
      expect(await exported('runs', 'acme', 'text' as ExportFormat, { run: run.id })).toMatch(/Run .* for acme: partial[\s\S]*possible_duplicate_employee x1/);
      expect(await records(await exported('runs', 'acme', 'csv', { run: run.id }), 'csv')).toEqual([
        { severity: 'warning', code: 'possible_duplicate_employee', serialNumber: 'TV0003', jamfId: '9', message: 'same name, "Ann Lee"' },
        { severity: 'error', code: 'record_invalid', serialNumber: 'X1', jamfId: '10', message: 'bad, record' },
      ]);
      expect((await failure(exported('runs', 'other', 'json', { run: run.id }))).code).toBe('organization_not_found');
    });

    it('bad arguments are all listed before anything is read', async () => {
      const err = await failure(exported('gadgets', 'acme', 'xml' as ExportFormat, { includeSecure: true, reason: 'x', run: 'r' }));
      expect(err.problems).toEqual([
        '"gadgets": what to export must be one of assets, employees, changes, runs',
        '--format: must be json or csv (got "xml")',
        '--include-secure: only applies to export assets',
        '--run: only applies to export runs and export changes',
      ]);
    });
  });
});
