import { assigneeFrom } from '../../src/catalog/jamf-record/assignee';
import { jamfDevice, plan } from '../support/planner-factories';

const ann = { id: 'emp-ann', firstName: 'Ann', lastName: 'Lee', emails: ['ann@personal.example', 'ann.lee@acme.example'] };

/** Assignees and the employees created for them (R3, R4, R9, R11), decided by planBatch from plain records. */
describe('planBatch: assignees', () => {
  it('R3: links the existing employee by any of their emails, trimmed and case-insensitive', () => {
    const result = plan([jamfDevice(1, { assignee: { email: '  Ann.Lee@ACME.example ', firstName: 'Ann', lastName: 'Lee' } })], { employees: [ann] });
    expect(result.creates[0].assignee).toEqual({ employeeId: 'emp-ann' });
    expect(result.newEmployees).toEqual([]);
    expect(result.employeesLinked).toBe(1);
  });

  it('R3: with no match and an email, first and last name, creates the employee and links it', () => {
    const result = plan([jamfDevice(2, { assignee: { email: ' New.Person@acme.example', firstName: 'New', lastName: 'Person' } })], { employees: [ann] });
    expect(result.newEmployees).toEqual([
      { email: 'New.Person@acme.example', normalizedEmail: 'new.person@acme.example', firstName: 'New', lastName: 'Person', normalizedName: 'new person', nameKey: 'new person' },
    ]);
    expect(result.creates[0].assignee).toEqual({ newEmployeeEmail: 'new.person@acme.example' });
    expect(result.employeesLinked).toBe(1);
    expect(result.warnings).toEqual([]);
  });

  it('R3: one new person on several devices of a batch is one employee, linked to each', () => {
    const person = { email: 'sam@acme.example', firstName: 'Sam', lastName: 'Roe' };
    const result = plan([jamfDevice(1, { assignee: person }), jamfDevice(2, { assignee: { ...person, email: 'SAM@acme.example' } })]);
    expect(result.newEmployees.map((e) => e.normalizedEmail)).toEqual(['sam@acme.example']);
    expect(result.creates.map((c) => c.assignee)).toEqual([{ newEmployeeEmail: 'sam@acme.example' }, { newEmployeeEmail: 'sam@acme.example' }]);
    expect(result.employeesLinked).toBe(2);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['no Jamf user', null],
    ['a user without email', { email: null }],
    ['a blank email', { email: '   ' }],
  ])('R3: %s → the asset is created with no assignee and nothing is reported', (_, assignee) => {
    const result = plan([jamfDevice(3, { assignee })]);
    expect(result.creates).toHaveLength(1);
    expect(result.creates[0].assignee).toBeNull();
    expect(result.newEmployees).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.employeesLinked).toBe(0);
  });

  it.each([
    ['no name', { firstName: null, lastName: null }],
    ['a first name only (one word, R4)', { firstName: 'Cher', lastName: null }],
    ['a last name only', { firstName: null, lastName: 'Doe' }],
    ['blank names', { firstName: '  ', lastName: ' ' }],
  ])('R9: an email with %s and no match creates no employee, no assignee, and reports employee_not_created_missing_name', (_, names) => {
    const result = plan([jamfDevice(4, { assignee: { email: ' nameless@acme.example ', ...names } })]);
    expect(result.creates[0].assignee).toBeNull();
    expect(result.newEmployees).toEqual([]);
    expect(result.employeesLinked).toBe(0);
    expect(result.warnings).toEqual([
      {
        code: 'employee_not_created_missing_name',
        serialNumber: 'C02PLAN00004',
        jamfId: '4',
        message: 'Jamf user nameless@acme.example has no usable first and last name; the asset is created without an assignee',
      },
    ]);
  });

  it('R9: an email that matches an employee links them even when Jamf has no name', () => {
    const result = plan([jamfDevice(5, { assignee: { email: 'ann@personal.example', firstName: null, lastName: null } })], { employees: [ann] });
    expect(result.creates[0].assignee).toEqual({ employeeId: 'emp-ann' });
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['Doe,   John', 'John', 'Doe'],
    ['  Mary   Ann  Smith ', 'Mary Ann', 'Smith'],
    ['van der Berg, Anna', 'Anna', 'van der Berg'],
  ])('R4: Jamf\'s full name "%s" gives the employee first name %p and last name %p', (realname, firstName, lastName) => {
    const assignee = assigneeFrom('person@acme.example', realname)!;
    const result = plan([jamfDevice(6, { assignee: { ...assignee, username: 'person' } })]);
    expect(result.newEmployees).toEqual([expect.objectContaining({ firstName, lastName })]);
  });

  it.each([
    ['a username entry', ['admin'], { username: 'admin', email: 'it@acme.example' }],
    ['a username entry, case-insensitive', ['Admin'], { username: 'ADMIN', email: 'it@acme.example' }],
    ['an email entry, trimmed and case-insensitive', [' front.desk@acme.example '], { username: 'kiosk', email: 'Front.Desk@ACME.example' }],
    ['a username entry matching the local part of the email', ['admin'], { username: 'it-shared', email: 'admin@acme.example' }],
  ])('R11: %s keeps the person from becoming an assignee or an employee', (_, ignoreList, person) => {
    const result = plan([jamfDevice(7, { assignee: { ...person, firstName: 'Shared', lastName: 'Account' } })], { ignoreList });
    expect(result.creates).toHaveLength(1);
    expect(result.creates[0].assignee).toBeNull();
    expect(result.newEmployees).toEqual([]);
    expect(result.employeesLinked).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('R11: an ignored address is not linked even to an existing employee who has it', () => {
    const result = plan([jamfDevice(8, { assignee: { email: 'ann.lee@acme.example', username: 'ann' } })], { employees: [ann], ignoreList: ['ann.lee@acme.example'] });
    expect(result.creates[0].assignee).toBeNull();
    expect(result.employeesLinked).toBe(0);
  });

  it('R11: a username entry does not catch an email that merely contains it', () => {
    const result = plan([jamfDevice(9, { assignee: { username: 'jane', email: 'jane.admin@acme.example', firstName: 'Jane', lastName: 'Admin' } })], {
      ignoreList: ['admin'],
    });
    expect(result.creates[0].assignee).toEqual({ newEmployeeEmail: 'jane.admin@acme.example' });
    expect(result.newEmployees.map((e) => e.email)).toEqual(['jane.admin@acme.example']);
  });
});
