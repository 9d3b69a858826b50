import { jamfDevice, plan } from '../support/planner-factories';

/** Employees that may already exist under another email (R10), decided by planBatch from plain records. */
describe('planBatch: possible duplicate employees', () => {
  const janeWithPersonalEmail = { id: 'emp-jane', firstName: 'Jane', lastName: 'Smith', emails: ['jane@personal.example'] };
  const janeInJamf = { email: 'jane.smith@acme.example', firstName: 'Jane', lastName: 'Smith' };

  it('R10: policy "create" creates and links the same-name employee, and reports it', () => {
    const result = plan([jamfDevice(1, { assignee: janeInJamf })], { employees: [janeWithPersonalEmail], employeePolicy: 'create' });
    expect(result.newEmployees).toEqual([expect.objectContaining({ normalizedEmail: 'jane.smith@acme.example', firstName: 'Jane', lastName: 'Smith' })]);
    expect(result.creates[0].assignee).toEqual({ newEmployeeEmail: 'jane.smith@acme.example' });
    expect(result.employeesLinked).toBe(1);
    expect(result.warnings).toEqual([
      {
        code: 'possible_duplicate_employee',
        serialNumber: 'C02PLAN00001',
        jamfId: '1',
        message:
          'Jamf user jane.smith@acme.example ("Jane Smith") has the name of an employee with another email: jane@personal.example; a new employee is created (policy "create")',
      },
    ]);
  });

  it('R10: policy "hold" neither creates nor links the same-name employee, reports it, and still creates the asset', () => {
    const result = plan([jamfDevice(1, { assignee: janeInJamf }), jamfDevice(2, { assignee: { email: 'new.hire@acme.example', firstName: 'New', lastName: 'Hire' } })], {
      employees: [janeWithPersonalEmail],
      employeePolicy: 'hold',
    });
    expect(result.creates.map((c) => [c.serialNumber, c.assignee])).toEqual([
      ['C02PLAN00001', null],
      ['C02PLAN00002', { newEmployeeEmail: 'new.hire@acme.example' }],
    ]);
    expect(result.newEmployees.map((e) => e.email)).toEqual(['new.hire@acme.example']);
    expect(result.employeesLinked).toBe(1);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'possible_duplicate_employee',
        serialNumber: 'C02PLAN00001',
        message: expect.stringContaining('held: no employee created and no assignee set (policy "hold")'),
      }),
    ]);
  });

  it('R10: names compare case-insensitive with whitespace collapsed', () => {
    const result = plan([jamfDevice(1, { assignee: { ...janeInJamf, firstName: ' JANE ', lastName: 'smith' } })], { employees: [janeWithPersonalEmail] });
    expect(result.warnings.map((w) => w.code)).toEqual(['possible_duplicate_employee']);
  });

  it('R10: two new employees of one batch with the same name: the second is flagged, and held under "hold"', () => {
    const devices = [
      jamfDevice(1, { assignee: { email: 'alex.kim@acme.example', firstName: 'Alex', lastName: 'Kim' } }),
      jamfDevice(2, { assignee: { email: 'alex.kim2@acme.example', firstName: 'Alex', lastName: 'Kim' } }),
    ];
    const created = plan(devices, { employeePolicy: 'create' });
    expect(created.newEmployees.map((e) => e.email)).toEqual(['alex.kim@acme.example', 'alex.kim2@acme.example']);
    expect(created.warnings.map((w) => [w.code, w.jamfId])).toEqual([['possible_duplicate_employee', '2']]);

    const held = plan(devices, { employeePolicy: 'hold' });
    expect(held.newEmployees.map((e) => e.email)).toEqual(['alex.kim@acme.example']);
    expect(held.creates.map((c) => c.assignee)).toEqual([{ newEmployeeEmail: 'alex.kim@acme.example' }, null]);
  });

  it('R10: an email that matches is a link, not a possible duplicate', () => {
    const result = plan([jamfDevice(1, { assignee: { ...janeInJamf, email: 'jane@personal.example' } })], {
      employees: [janeWithPersonalEmail],
      employeePolicy: 'hold',
    });
    expect(result.creates[0].assignee).toEqual({ employeeId: 'emp-jane' });
    expect(result.warnings).toEqual([]);
  });

  it('R10: a different name is not flagged', () => {
    const result = plan([jamfDevice(1, { assignee: { ...janeInJamf, lastName: 'Smithson' } })], { employees: [janeWithPersonalEmail], employeePolicy: 'hold' });
    expect(result.warnings).toEqual([]);
    expect(result.newEmployees).toHaveLength(1);
  });

  it('R10: names compare after Unicode normalisation, accent, case, whitespace and punctuation folding', () => {
    const siobhan = { id: 'emp-siobhan', firstName: 'Siobhán', lastName: 'Ó Briain', emails: ['siobhan@home.example'] };
    for (const [firstName, lastName] of [
      ['siobhan', 'o briain'],
      ['SIOBHAN', '  O   BRIAIN '],
      ['Siobha\u0301n', 'O\u0301 Briain'], // the accents as combining marks (NFD), as some systems send them
      ['Siobhán', 'Ó-Briain'],
    ]) {
      const result = plan([jamfDevice(1, { assignee: { email: 'sobriain@acme.example', firstName, lastName } })], { employees: [siobhan] });
      expect([firstName, lastName, result.warnings.map((w) => w.code)]).toEqual([firstName, lastName, ['possible_duplicate_employee']]);
    }
  });

  it('R10: "Last, First" and "First Last" are one name (Jamf\'s "Ó Briain, Siobhán" against an employee "Siobhán Ó Briain")', () => {
    // splitFullName reads "Ó Briain, Siobhán" as first "Siobhán", last "Ó Briain"; an admin's file may have them swapped.
    const swapped = { id: 'emp-s', firstName: 'Ó Briain', lastName: 'Siobhán', emails: ['siobhan@home.example'] };
    const result = plan([jamfDevice(1, { assignee: { email: 'sobriain@acme.example', firstName: 'siobhan', lastName: 'o briain' } })], { employees: [swapped] });
    expect(result.warnings.map((w) => w.code)).toEqual(['possible_duplicate_employee']);
  });

  it('R10: letters without a decomposition are folded too (ß, ø, ł)', () => {
    const result = plan(
      [
        jamfDevice(1, { assignee: { email: 'a@acme.example', firstName: 'Jorg', lastName: 'Strasse' } }),
        jamfDevice(2, { assignee: { email: 'b@acme.example', firstName: 'Soren', lastName: 'Lokke' } }),
        jamfDevice(3, { assignee: { email: 'c@acme.example', firstName: 'Lukasz', lastName: 'Nowak' } }),
      ],
      {
        employees: [
          { id: 'e1', firstName: 'Jörg', lastName: 'Straße', emails: ['jorg@home.example'] },
          { id: 'e2', firstName: 'Søren', lastName: 'Løkke', emails: ['soren@home.example'] },
          { id: 'e3', firstName: 'Łukasz', lastName: 'Nowak', emails: ['lukasz@home.example'] },
        ],
      },
    );
    expect(result.warnings.map((w) => [w.code, w.jamfId])).toEqual([
      ['possible_duplicate_employee', '1'],
      ['possible_duplicate_employee', '2'],
      ['possible_duplicate_employee', '3'],
    ]);
  });

  it('R10: a Jamf work email whose name matches an employee of another domain is reported with both emails', () => {
    const result = plan([jamfDevice(1, { assignee: { email: 'Siobhan.OBriain@Acme.example', firstName: 'Siobhan', lastName: 'O Briain' } })], {
      employees: [{ id: 'emp-s', firstName: 'Siobhán', lastName: 'Ó Briain', emails: ['siobhan.obriain@gmail.example', 'sob@other.example'] }],
      employeePolicy: 'hold',
    });
    expect(result.warnings).toEqual([
      {
        code: 'possible_duplicate_employee',
        serialNumber: 'C02PLAN00001',
        jamfId: '1',
        message:
          'Jamf user Siobhan.OBriain@Acme.example ("Siobhan O Briain") has the name of an employee with another email: siobhan.obriain@gmail.example; held: no employee created and no assignee set (policy "hold")',
      },
    ]);
    expect(result.newEmployees).toEqual([]);
  });

  it('R3/R10: an email that differs only by case or a plus-address tag is the same address: a link, no warning', () => {
    for (const email of ['JANE@Personal.Example', 'jane+laptop@personal.example', ' Jane+IT@PERSONAL.example ']) {
      const result = plan([jamfDevice(1, { assignee: { ...janeInJamf, email } })], { employees: [janeWithPersonalEmail], employeePolicy: 'hold' });
      expect([email, result.creates[0].assignee, result.warnings]).toEqual([email, { employeeId: 'emp-jane' }, []]);
    }
  });

  it('R10: two plus-addressed spellings of one new address in a batch make one employee', () => {
    const result = plan([
      jamfDevice(1, { assignee: { email: 'alex+mac@acme.example', firstName: 'Alex', lastName: 'Kim' } }),
      jamfDevice(2, { assignee: { email: 'Alex+ipad@acme.example', firstName: 'Alex', lastName: 'Kim' } }),
    ]);
    expect(result.newEmployees.map((e) => e.normalizedEmail)).toEqual(['alex@acme.example']);
    expect(result.creates.map((c) => c.assignee)).toEqual([{ newEmployeeEmail: 'alex@acme.example' }, { newEmployeeEmail: 'alex@acme.example' }]);
    expect(result.warnings).toEqual([]);
  });
});

describe('planBatch: names derived from a first.last@ email (derive_names_from_email)', () => {
  const nameless = { email: 'siobhan.obriain@acme.example', firstName: null, lastName: null };

  it('R9: off (the default), a user with an email and no name gets no employee, as before', () => {
    const result = plan([jamfDevice(1, { assignee: nameless })]);
    expect(result.newEmployees).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['employee_not_created_missing_name']);
  });

  it('R9: on, the name comes from the local part, and the run report says so', () => {
    const result = plan([jamfDevice(1, { assignee: nameless })], { deriveNamesFromEmail: true });
    expect(result.newEmployees).toEqual([expect.objectContaining({ email: 'siobhan.obriain@acme.example', firstName: 'Siobhan', lastName: 'Obriain' })]);
    expect(result.warnings).toEqual([
      {
        code: 'employee_name_derived_from_email',
        serialNumber: 'C02PLAN00001',
        jamfId: '1',
        message:
          'Jamf user siobhan.obriain@acme.example has no first and last name; named "Siobhan Obriain" from the email\'s first.last@ form (connection setting derive_names_from_email)',
      },
    ]);
  });

  it('R9: on, only a first.last@ local part is used (jsmith@, j.r.smith@, it-support@ and digits are not names)', () => {
    const devices = ['jsmith@acme.example', 'j.r.smith@acme.example', 'it-support@acme.example', 'jane.smith2@acme.example'].map((email, i) =>
      jamfDevice(i + 1, { assignee: { email, firstName: null, lastName: null } }),
    );
    const result = plan(devices, { deriveNamesFromEmail: true });
    expect(result.newEmployees).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(Array(4).fill('employee_not_created_missing_name'));
  });

  it('R10: a derived name is checked for duplicates like any other', () => {
    const result = plan([jamfDevice(1, { assignee: { email: 'jane.smith+work@acme.example', firstName: null, lastName: null } })], {
      employees: [{ id: 'emp-jane', firstName: 'Jane', lastName: 'Smith', emails: ['jane@personal.example'] }],
      deriveNamesFromEmail: true,
      employeePolicy: 'hold',
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['employee_name_derived_from_email', 'possible_duplicate_employee']);
    expect(result.warnings[1].message).toContain('jane.smith+work@acme.example ("Jane Smith") has the name of an employee with another email: jane@personal.example');
    expect(result.newEmployees).toEqual([]);
  });

  it('R9: Jamf\'s own names win over the email', () => {
    const result = plan([jamfDevice(1, { assignee: { email: 'jane.smith@acme.example', firstName: 'Janet', lastName: 'Smythe' } })], { deriveNamesFromEmail: true });
    expect(result.newEmployees).toEqual([expect.objectContaining({ firstName: 'Janet', lastName: 'Smythe' })]);
    expect(result.warnings).toEqual([]);
  });
});
