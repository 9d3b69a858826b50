import { deriveNameFromEmail, isIgnoredPerson, normalizeEmail, personNameKey } from '../../src/planner/people';

/** The comparisons R3, R10 and R11 rest on (src/planner/people.ts). */
describe('people: how emails and names compare', () => {
  it('normalizeEmail: trimmed, lower-case, without a plus-address tag', () => {
    expect(normalizeEmail(' Jane.Smith+Laptop@ACME.com ')).toBe('jane.smith@acme.com');
    expect(normalizeEmail('jane@acme.com')).toBe('jane@acme.com');
    expect(normalizeEmail('+ops@acme.com')).toBe('+ops@acme.com'); // nothing before the "+": not a tag
    expect(normalizeEmail('a+b+c@acme.com')).toBe('a@acme.com');
    expect(normalizeEmail('   ')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
  });

  it('personNameKey: "Siobhán Ó Briain", "siobhan o briain" and the swapped order are one key', () => {
    const key = personNameKey('Siobhán', 'Ó Briain');
    expect(key).toBe('briain o siobhan');
    expect(personNameKey('siobhan', 'o briain')).toBe(key);
    expect(personNameKey('Ó Briain', 'Siobhán')).toBe(key);
    expect(personNameKey('Ｓｉｏｂｈáｎ', 'Ó\tBriain')).toBe(key); // full-width letters (NFKD) and a tab
    expect(personNameKey("Mary-Jane", "O'Neil")).toBe(personNameKey('mary jane', 'oneil'));
    expect(personNameKey('Jane', 'Smith')).not.toBe(personNameKey('Jane', 'Smithson'));
  });

  it('deriveNameFromEmail: only first.last@, capitalised', () => {
    expect(deriveNameFromEmail('mary-jane.smith+it@acme.com')).toEqual({ firstName: 'Mary-Jane', lastName: 'Smith' });
    expect(deriveNameFromEmail('ANNA.ÖBERG@acme.se')).toEqual({ firstName: 'Anna', lastName: 'Öberg' });
    for (const email of ['jsmith@acme.com', 'j.r.smith@acme.com', 'jane.smith2@acme.com', '.smith@acme.com', 'jane.@acme.com', 'it_support@acme.com']) {
      expect([email, deriveNameFromEmail(email)]).toEqual([email, null]);
    }
  });

  it('isIgnoredPerson: a plus-addressed admin mailbox is still the admin mailbox', () => {
    expect(isIgnoredPerson(['admin'], null, 'Admin+jamf@acme.com')).toBe(true);
    expect(isIgnoredPerson(['helpdesk@acme.com'], null, 'helpdesk+mac@acme.com')).toBe(true);
    expect(isIgnoredPerson(['admin'], null, 'jane.admin@acme.com')).toBe(false);
  });
});
