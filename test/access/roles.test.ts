import { decideAccess, isRole, visibleOrganization, type Principal } from '../../src/access/roles';

const acme = { id: 'a-id', slug: 'acme' };
const reader: Principal = { role: 'reader', organization: acme, via: 'jst_reader00' };
const admin: Principal = { role: 'admin', organization: acme, via: 'jst_admin000' };
const ops: Principal = { role: 'ops', organization: null, via: 'API_TOKEN' };

describe('the role decision', () => {
  it('a reader reads its own organization only, and starts nothing', () => {
    expect(decideAccess(reader, 'reader', { slug: 'acme' })).toEqual({ allowed: true });
    expect(decideAccess(reader, 'admin', { slug: 'acme' })).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/role admin or higher; this one is reader/) });
    expect(decideAccess(reader, 'reader', { slug: 'globex' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/another organization/) });
  });

  it('an admin does what a reader does, and admin work, on its own organization only', () => {
    expect(decideAccess(admin, 'reader', { slug: 'acme' })).toEqual({ allowed: true });
    expect(decideAccess(admin, 'admin', { slug: 'acme' })).toEqual({ allowed: true });
    expect(decideAccess(admin, 'admin', { slug: 'globex' }).allowed).toBe(false);
    expect(decideAccess(admin, 'ops', { slug: 'acme' }).allowed).toBe(false);
  });

  it('only ops acts across organizations, and on any of them', () => {
    for (const needed of ['reader', 'admin', 'ops'] as const) {
      expect(decideAccess(ops, needed, { slug: 'globex' })).toEqual({ allowed: true });
      expect(decideAccess(ops, needed, null)).toEqual({ allowed: true });
    }
    expect(decideAccess(admin, 'reader', null)).toMatchObject({ allowed: false, reason: expect.stringMatching(/needs an ops token/) });
  });

  it('a scoped principal without its organization is allowed nothing and sees no organization', () => {
    const orphan: Principal = { role: 'admin', organization: null, via: 'jst_orphan00' };
    expect(decideAccess(orphan, 'reader', { slug: 'acme' }).allowed).toBe(false);
    expect(visibleOrganization(orphan)).toBe('');
    expect(visibleOrganization(reader)).toBe('acme');
    expect(visibleOrganization(ops)).toBeNull();
  });

  it('knows the three roles and nothing else', () => {
    expect(['reader', 'admin', 'ops', 'root', 'Admin', ''].map(isRole)).toEqual([true, true, true, false, false, false]);
  });
});
