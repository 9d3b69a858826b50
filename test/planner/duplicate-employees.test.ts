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
        message: 'An employee named "Jane Smith" already exists with another email than jane.smith@acme.example; a new employee is created (policy "create")',
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
});
