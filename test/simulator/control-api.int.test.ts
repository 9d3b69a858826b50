import type { AxiosInstance } from 'axios';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { apiClient, rawClient } from './simulator-client';

/** The simulator's clock, fixed so a bumped report date is known exactly. */
const NOW = '2026-11-27T10:00:00.000Z';

let simulator: RunningSimulator;
let api: AxiosInstance;
let control: AxiosInstance;

beforeEach(async () => {
  simulator = await startSimulator({ computers: 5, mobiles: 5, seed: 2, now: () => Date.parse(NOW) });
  api = await apiClient(simulator);
  control = rawClient(simulator);
});
afterEach(() => simulator.close());

describe('control API', () => {
  it('PATCH deep-merges a computer and bumps its report date to now', async () => {
    const before = (await api.get('/api/v4/computers-inventory-detail/2')).data;
    const patched = await control.patch('/__sim/computers/2', { general: { name: 'Renamed Mac' }, userAndLocation: { email: 'new@example.com' } });
    expect(patched.status).toBe(200);
    const after = (await api.get('/api/v4/computers-inventory-detail/2')).data;
    expect(after.general.name).toBe('Renamed Mac');
    expect(after.general.assetTag).toBe(before.general.assetTag);
    expect(after.userAndLocation).toEqual({ ...before.userAndLocation, email: 'new@example.com' });
    expect(after.general.reportDate).toBe(NOW);
    expect(Date.parse(after.general.reportDate)).toBeGreaterThan(Date.parse(before.general.reportDate));
    const changed = (await api.get('/api/v4/computers-inventory', { params: { filter: `general.reportDate>=${NOW}` } })).data;
    expect(changed.results.map((r: { id: string }) => r.id)).toEqual(['2']);
  });

  it('PATCH bumps a mobile device’s lastInventoryUpdateDate', async () => {
    const before = (await api.get('/api/v2/mobile-devices/4/detail')).data;
    await control.patch('/__sim/mobile-devices/4', { userAndLocation: { realName: 'Smith, Jane' } });
    const after = (await api.get('/api/v2/mobile-devices/4/detail')).data;
    expect(after.location.realName).toBe('Smith, Jane');
    expect(after.lastInventoryUpdateTimestamp).toBe(NOW);
    expect(before.lastInventoryUpdateTimestamp).not.toBe(NOW);
  });

  it('POST adds a record with the next id, and stores a malformed one exactly as given', async () => {
    const added = await control.post('/__sim/computers', { general: { name: 'New Mac' }, hardware: { serialNumber: 'NEW123' } });
    expect(added.status).toBe(201);
    expect(added.data.id).toBe('6');
    const served = (await api.get('/api/v4/computers-inventory/6', { params: { section: 'HARDWARE' } })).data;
    expect(served).toMatchObject({ id: '6', hardware: { serialNumber: 'NEW123' }, general: null });

    const malformed = { id: '77', general: 'not-an-object', hardware: { serialNumber: 12345 } };
    expect((await control.post('/__sim/computers', malformed)).status).toBe(201);
    const page = (await api.get('/api/v4/computers-inventory', { params: { section: ['GENERAL', 'HARDWARE'], filter: 'id==77' } })).data;
    expect(page.results[0]).toMatchObject(malformed);

    const mobile = await control.post('/__sim/mobile-devices', { deviceType: 'iOS', general: { displayName: 'New iPad' } });
    expect(mobile.data.mobileDeviceId).toBe('6');
    expect((await control.post('/__sim/computers', [1, 2])).status).toBe(400);
  });

  it('DELETE removes a record; a second delete is 404', async () => {
    expect((await control.delete('/__sim/computers/3')).status).toBe(204);
    expect((await api.get('/api/v4/computers-inventory-detail/3')).status).toBe(404);
    expect((await control.delete('/__sim/computers/3')).status).toBe(404);
    expect((await control.delete('/__sim/mobile-devices/1')).status).toBe(204);
    expect((await api.get('/api/v2/mobile-devices')).data.totalCount).toBe(4);
  });

  it('sets and clears a FileVault key', async () => {
    await control.put('/__sim/computers/5/filevault', { personalRecoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' });
    expect((await api.get('/api/v4/computers-inventory/5/filevault')).data.personalRecoveryKey).toBe('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await control.put('/__sim/computers/5/filevault', { personalRecoveryKey: null });
    expect((await api.get('/api/v4/computers-inventory/5/filevault')).status).toBe(404);
  });

  it('control requests do not count as API requests', async () => {
    simulator.resetStats();
    await control.get('/__sim/stats');
    await control.patch('/__sim/computers/1', {});
    expect(simulator.stats().requests).toBe(0);
  });
});

describe('a loaded fleet', () => {
  it('serves loaded records unchanged, with missing sections as null', async () => {
    const loaded = await startSimulator({
      fleet: {
        computers: [{ id: '42', udid: 'U-42', general: { name: 'Loaded', lastContactTime: '2026-08-01T10:00:00.123Z' } }],
        mobileDevices: [{ mobileDeviceId: '9', deviceType: 'iOS', hardware: { serialNumber: 'M9' } }],
        departments: [{ id: '1', name: 'Engineering' }],
      },
    });
    try {
      const client = await apiClient(loaded);
      const v3 = (await client.get('/api/v3/computers-inventory', { params: { section: ['GENERAL', 'HARDWARE'] } })).data;
      expect(v3).toEqual({
        totalCount: 1,
        results: [expect.objectContaining({ id: '42', udid: 'U-42', general: { name: 'Loaded', lastContactTime: '2026-08-01T10:00:00.123Z' }, hardware: null })],
      });
      const mobiles = (await client.get('/api/v2/mobile-devices/detail', { params: { section: ['HARDWARE', 'NETWORK'] } })).data;
      expect(mobiles.results[0]).toMatchObject({ mobileDeviceId: '9', hardware: { serialNumber: 'M9' }, network: null, general: null });
      expect((await client.get('/api/v1/buildings')).data).toEqual({ totalCount: 0, results: [] });
    } finally {
      await loaded.close();
    }
  });
});
