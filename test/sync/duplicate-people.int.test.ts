import { sql } from 'drizzle-orm';
import { testDatabaseKind } from '../support/test-database';
import { harnessPerTest, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { selectRows } from '../../src/db/query';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { insertEmployee } from '../support/employee-rows';
import { formatRunReport } from '../../src/sync/format-run-report';

/**
 * R10 across spellings and R9's derived names, through a real sync (simulator over HTTP, real
 * database): the preview (`sync --dry-run`) lists each possible duplicate with both emails.
 */
describe(`duplicate people across spellings (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();
  const { start } = suite;
  const addEmployee = (orgId: string, first: string, last: string, emails: string[]) => insertEmployee(suite.db.db, orgId, first, last, emails);

  it('R10: the preview lists "siobhan o briain" at work as a possible duplicate of "Siobhán Ó Briain" at home, with both emails, and writes nothing', async () => {
    const s = await start({
      computers: [
        computer({ id: 1, email: 'siobhan.obriain@acme.example', realname: 'siobhan o briain' }),
        computer({ id: 2, email: 'kim.lee@acme.example', realname: 'Lee, Kim' }),
        computer({ id: 3, email: 'new.hire@acme.example', realname: 'New Hire' }),
      ],
    });
    await addEmployee(s.target.organizationId, 'Siobhán', 'Ó Briain', ['siobhan.ob@gmail.example']);
    await addEmployee(s.target.organizationId, 'Kim', 'Lee', ['kimlee@home.example']);
    const before = await s.snapshot();

    const preview = await s.sync({ dryRun: true });
    expect(await s.snapshot()).toBe(before);
    expect(preview.counts.employeesCreated).toBe(3);
    expect(preview.warnings.map((w) => [w.code, w.serialNumber])).toEqual([
      ['possible_duplicate_employee', 'C02TEST00001'],
      ['possible_duplicate_employee', 'C02TEST00002'],
    ]);
    const text = formatRunReport(preview);
    expect(text).toContain('Possible duplicate employees (possible_duplicate_employee):');
    expect(text).toContain(
      'C02TEST00001 (Jamf id 1): Jamf user siobhan.obriain@acme.example ("siobhan o briain") has the name of an employee with another email: siobhan.ob@gmail.example',
    );
    expect(text).toContain('C02TEST00002 (Jamf id 2): Jamf user kim.lee@acme.example ("Kim Lee") has the name of an employee with another email: kimlee@home.example');
  });

  it('R3: a Jamf email that differs only by case and a plus-address tag links the existing employee', async () => {
    const s = await start({ computers: [computer({ id: 1, email: 'Jane+MacBook@Personal.example', realname: 'Jane Smith' })] });
    const jane = await addEmployee(s.target.organizationId, 'Jane', 'Smith', ['jane@personal.example']);
    const run = await s.sync();
    expect(run.warnings).toEqual([]);
    expect((await s.asset('C02TEST00001'))!.assignee_employee_id).toBe(jane);
    expect(await s.count('employees')).toBe(1);
  });

  it('R9: derive_names_from_email off (default) creates no employee for a nameless user; on, it does and the run report says so', async () => {
    const fleet = { computers: [computer({ id: 1, email: 'ann.lee@acme.example', realname: null })] };
    const off = await start(fleet);
    const first = await off.sync();
    expect(first.warnings.map((w) => w.code)).toEqual(['employee_not_created_missing_name']);
    expect(await off.count('employees')).toBe(0);
    await off.stop();
    await resetDatabase(suite.db);

    const on = await start(fleet, { settings: { deriveNamesFromEmail: true } });
    expect(on.target.deriveNamesFromEmail).toBe(true);
    const run = await on.sync();
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: 'employee_name_derived_from_email', serialNumber: 'C02TEST00001', message: expect.stringContaining('named "Ann Lee"') }),
    ]);
    expect(await on.employees()).toEqual([{ first_name: 'Ann', last_name: 'Lee', email: 'ann.lee@acme.example' }]);
    expect(formatRunReport(run)).toContain('Employee names derived from emails (employee_name_derived_from_email):');
  });

  it('migrate fills the name key of employees stored before it existed, so they are found by R10', async () => {
    const s = await start({ computers: [computer({ id: 1, email: 'sob@acme.example', realname: 'Siobhan O Briain' })] });
    await suite.db.db.execute(sql`insert into employees (organization_id, first_name, last_name, normalized_name, source)
      values (${s.target.organizationId}, 'Siobhán', 'Ó Briain', 'siobhán ó briain', 'import')`);
    await migrate(suite.db.db);
    expect(await selectRows(suite.db.db, sql`select name_key from employees`)).toEqual([{ name_key: 'briain o siobhan' }]);
    const preview = await s.sync({ dryRun: true });
    expect(preview.warnings.map((w) => w.code)).toEqual(['possible_duplicate_employee']);
  });

  it('migration 0003 re-keys stored emails without their plus tag, the oldest first where two fold into one', async () => {
    const s = await start({ computers: [] });
    const org = s.target.organizationId;
    // Keys as the previous version stored them: lower-case, the tag kept.
    const ann = await addEmployee(org, 'Ann', 'Lee', []);
    const bo = await addEmployee(org, 'Bo', 'Ray', []);
    for (const [employee, email, at] of [
      [ann, 'Ann+Mac@acme.example', '2026-01-01'],
      [bo, 'bo+a@acme.example', '2026-01-01'],
      [bo, 'bo+b@acme.example', '2026-01-02'],
      [bo, 'bo@home.example', '2026-01-03'],
      [ann, 'ann.lee@home.example', '2026-01-04'],
      [ann, 'ann.lee+x@home.example', '2026-01-05'],
    ]) {
      await suite.db.db.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email, created_at)
        values (${org}, ${employee}, ${email}, ${email.toLowerCase()}, ${at}::timestamptz)`);
    }
    const rekey = loadMigrations().find((m) => m.tag === '0003_people_keys')!.statements.at(-1)!;
    await suite.db.db.execute(sql.raw(rekey));
    const keys = await selectRows<{ email: string; normalized_email: string }>(suite.db.db, sql`select email, normalized_email from employee_emails order by created_at, email`);
    expect(keys).toEqual([
      { email: 'Ann+Mac@acme.example', normalized_email: 'ann@acme.example' },
      { email: 'bo+a@acme.example', normalized_email: 'bo@acme.example' },
      { email: 'bo+b@acme.example', normalized_email: 'bo+b@acme.example' }, // bo@ is taken by the older one
      { email: 'bo@home.example', normalized_email: 'bo@home.example' },
      { email: 'ann.lee@home.example', normalized_email: 'ann.lee@home.example' },
      { email: 'ann.lee+x@home.example', normalized_email: 'ann.lee+x@home.example' }, // the untagged address is on record
    ]);
  });
});
