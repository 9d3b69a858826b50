import {
  computerInventoryApiVersionFor,
  isSupportedRelease,
  parseJamfProVersion,
  type JamfProVersion,
} from '../../src/jamf/jamf-version';

const version = (raw: string): JamfProVersion => {
  const parsed = parseJamfProVersion(raw);
  if (!parsed) throw new Error(`not a version: ${raw}`);
  return parsed;
};

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
  const api = (raw: string) => computerInventoryApiVersionFor(version(raw));

  it('uses v1 below 11.23, where neither v3 nor v4 exists', () => {
    expect(api('10.49.0')).toBe('v1');
    expect(api('11.0.0-t1')).toBe('v1');
    expect(api('11.2.1-t1707143529')).toBe('v1');
    expect(api('11.7.1')).toBe('v1');
    expect(api('11.22.9')).toBe('v1');
  });

  it('uses v3 from 11.23 to 11.29', () => {
    expect(api('11.23.0-t1')).toBe('v3');
    expect(api('11.29.1')).toBe('v3');
  });

  it('uses v4 from 11.30', () => {
    expect(api('11.30.0-t1')).toBe('v4');
    expect(api('11.31.2')).toBe('v4');
    expect(api('12.0.0')).toBe('v4');
  });
});

describe('isSupportedRelease', () => {
  it('supports 10.49.0 (API clients) and later', () => {
    expect(isSupportedRelease(version('10.48.9'))).toBe(false);
    expect(isSupportedRelease(version('10.49.0'))).toBe(true);
    expect(isSupportedRelease(version('11.0.0'))).toBe(true);
    expect(isSupportedRelease(version('9.101.0'))).toBe(false);
  });
});
