import { FleetStore } from '../../src/simulator/fleet-store';
import { deepMerge } from '../../src/simulator/deep-merge';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

function store(): FleetStore {
  return new FleetStore(
    {
      computers: [{ id: '3', general: { name: 'a', reportDate: '2026-01-01T00:00:00.000Z', site: { id: '-1' } }, hardware: { serialNumber: 'S' } }],
      mobileDevices: [{ mobileDeviceId: '8', general: { displayName: 'p' } }],
      fileVaultRecoveryKeys: { '3': 'KEY' },
    },
    () => NOW,
  );
}

describe('deepMerge', () => {
  it('merges objects, replaces arrays and nulls, leaves inputs untouched', () => {
    const target = { a: { b: 1, c: [1, 2] }, d: 'x' };
    const merged = deepMerge(target, { a: { c: [3] }, d: null });
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: null });
    expect(target).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x' });
  });
});

describe('FleetStore', () => {
  it('assigns the next id to a record without one and keeps given ids', () => {
    const s = store();
    expect(s.add('computers', { general: { name: 'new' } }).id).toBe('4');
    expect(s.add('computers', { id: '100' }).id).toBe('100');
    expect(s.add('computers', {}).id).toBe('101');
    expect(s.add('mobileDevices', { general: {} }).mobileDeviceId).toBe('9');
  });

  it('stores a malformed record exactly as given (apart from a missing id)', () => {
    const s = store();
    const odd = { id: '50', general: 'oops', hardware: { serialNumber: 42 } };
    s.add('computers', odd);
    expect(s.get('computers', '50')).toBe(odd);
  });

  it('patch deep-merges and moves the report date to now unless the patch sets it', () => {
    const s = store();
    const patched = s.patch('computers', '3', { hardware: { serialNumber: 'T' } });
    expect(patched).toMatchObject({
      general: { name: 'a', reportDate: '2026-11-27T12:00:00.000Z', site: { id: '-1' } },
      hardware: { serialNumber: 'T' },
    });
    expect(s.patch('computers', '3', { general: { reportDate: '2020-01-01T00:00:00.000Z' } })?.general).toMatchObject({
      reportDate: '2020-01-01T00:00:00.000Z',
    });
    expect(s.patch('mobileDevices', '8', {})?.general).toEqual({ displayName: 'p', lastInventoryUpdateDate: '2026-11-27T12:00:00.000Z' });
    expect(s.patch('computers', 'nope', {})).toBeUndefined();
  });

  it('removes records with their FileVault key and counts writes', () => {
    const s = store();
    const before = s.version;
    expect(s.fileVaultKey('3')).toBe('KEY');
    expect(s.remove('computers', '3')).toBe(true);
    expect(s.remove('computers', '3')).toBe(false);
    expect(s.fileVaultKey('3')).toBeUndefined();
    expect(s.version).toBeGreaterThan(before);
  });
});
