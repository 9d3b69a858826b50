import { decideReview, type ReviewFacts } from '../../src/planner/review-decision';

/** R23's decisions as plain values: what each does to the held devices, and what it refuses. */
describe('review decisions', () => {
  const facts = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({
    held: { email: 'Jane.Doe@acme.com', normalizedEmail: 'jane.doe@acme.com', firstName: 'Jane', lastName: 'Doe', decision: null, decidedAt: null },
    emailOwner: null,
    ignoreList: ['admin'],
    devices: [
      { assetId: 'a1', assigneeId: null },
      { assetId: 'a2', assigneeId: 'someone-else' },
    ],
    ...over,
  });

  it('approve creates the employee with the Jamf name and email and assigns only the devices still without an assignee (R6)', () => {
    expect(decideReview({ kind: 'approve' }, facts())).toEqual({
      ok: true,
      decision: 'approved',
      createEmployee: { firstName: 'Jane', lastName: 'Doe', email: 'Jane.Doe@acme.com', normalizedEmail: 'jane.doe@acme.com' },
      employeeId: null,
      addEmail: false,
      ignoreEntry: null,
      assign: ['a1'],
      keep: ['a2'],
    });
  });

  it('approve is refused when the address became an employee\'s meanwhile: link instead', () => {
    expect(decideReview({ kind: 'approve' }, facts({ emailOwner: { id: 'e9', firstName: 'Jane', lastName: 'Doe' } }))).toMatchObject({ ok: false, status: 409, code: 'email_already_employee' });
  });

  it('link adds the email to the target unless it is already theirs, and refuses a missing target or another owner', () => {
    const target = { id: 'e1', firstName: 'Jane', lastName: 'Doe' };
    expect(decideReview({ kind: 'link' }, facts({ target }))).toMatchObject({ ok: true, decision: 'linked', employeeId: 'e1', addEmail: true, assign: ['a1'] });
    expect(decideReview({ kind: 'link' }, facts({ target, emailOwner: target }))).toMatchObject({ ok: true, addEmail: false });
    expect(decideReview({ kind: 'link' }, facts({ target: null }))).toMatchObject({ ok: false, status: 404, code: 'employee_not_found' });
    expect(decideReview({ kind: 'link' }, facts({ target, emailOwner: { id: 'e2', firstName: 'Bo', lastName: 'Ray' } }))).toMatchObject({
      ok: false,
      status: 409,
      code: 'email_of_another_employee',
    });
  });

  it('ignore adds the normalized address to the ignore-list (once) and assigns nothing', () => {
    expect(decideReview({ kind: 'ignore' }, facts())).toMatchObject({ ok: true, decision: 'ignored', ignoreEntry: 'jane.doe@acme.com', assign: [], keep: [] });
    expect(decideReview({ kind: 'ignore' }, facts({ ignoreList: ['JANE.DOE@acme.com'] }))).toMatchObject({ ok: true, ignoreEntry: null });
  });

  it('a decided one is final', () => {
    const decided = facts({ held: { ...facts().held, decision: 'ignored', decidedAt: '2026-12-06T10:00:00.000Z' } });
    for (const kind of ['approve', 'link', 'ignore'] as const) {
      expect(decideReview({ kind }, decided)).toMatchObject({ ok: false, status: 409, code: 'already_decided' });
    }
  });
});
