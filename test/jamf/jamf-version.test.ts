import { computerInventoryApiVersionFor, parseJamfProVersion } from '../../src/jamf/jamf-version';

describe('parseJamfProVersion', () => {
  it('reads Jamf version strings with a build suffix', () => {
    expect(parseJamfProVersion('11.2.1-t1707143529')).toEqual({ major: 11, minor: 2, patch: 1, raw: '11.2.1-t1707143529' });
    expect(parseJamfProVersion('11.30')).toMatchObject({ major: 11, minor: 30, patch: 0 });
  });

  it('returns null for something that is not a version', () => {
    expect(parseJamfProVersion('unknown')).toBeNull();
  });
});

describe('computerInventoryApiVersionFor', () => {
  const api = (raw: string) => computerInventoryApiVersionFor(parseJamfProVersion(raw));

  it('uses v3 before 11.30', () => {
    expect(api('11.2.1-t1707143529')).toBe('v3');
    expect(api('11.29.9')).toBe('v3');
    expect(api('10.50.0')).toBe('v3');
  });

  it('uses v4 from 11.30', () => {
    expect(api('11.30.0-t1')).toBe('v4');
    expect(api('11.31.2')).toBe('v4');
    expect(api('12.0.0')).toBe('v4');
  });

  it('falls back to v3 when the version is unknown', () => {
    expect(computerInventoryApiVersionFor(null)).toBe('v3');
  });
});
