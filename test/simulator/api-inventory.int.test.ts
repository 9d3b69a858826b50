import type { AxiosInstance } from 'axios';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { apiClient } from './simulator-client';

type Page = { totalCount: number; results: Array<Record<string, any>> };

let simulator: RunningSimulator;
let api: AxiosInstance;

beforeAll(async () => {
  simulator = await startSimulator({ computers: 2105, mobiles: 30, seed: 11 });
  api = await apiClient(simulator);
});
afterAll(() => simulator.close());

const page = async (path: string, params: Record<string, unknown>): Promise<Page> => {
  const response = await api.get(path, { params });
  expect(response.status).toBe(200);
  return response.data as Page;
};

describe('computers-inventory paging', () => {
  it('defaults to 100 records, clamps page-size to 2000 and answers an empty page after the last', async () => {
    expect((await page('/api/v4/computers-inventory', {})).results).toHaveLength(100);
    const clamped = await page('/api/v4/computers-inventory', { 'page-size': 5000, sort: 'id:asc' });
    expect(clamped.totalCount).toBe(2105);
    expect(clamped.results).toHaveLength(2000);
    const second = await page('/api/v4/computers-inventory', { 'page-size': 2000, page: 1, sort: 'id:asc' });
    expect(second.results.map((r) => r.id)).toEqual(Array.from({ length: 105 }, (_, i) => String(2001 + i)));
    const past = await page('/api/v4/computers-inventory', { 'page-size': 2000, page: 2, sort: 'id:asc' });
    expect(past).toEqual({ totalCount: 2105, results: [] });
  });

  it('walks every record exactly once with a stable sort, even on equal sort keys', async () => {
    const seen: string[] = [];
    for (let p = 0; ; p++) {
      const { results } = await page('/api/v3/computers-inventory', { 'page-size': 300, page: p, sort: 'general.remoteManagement.managed:asc' });
      if (results.length === 0) break;
      seen.push(...results.map((r) => r.id));
    }
    expect(seen).toHaveLength(2105);
    expect(new Set(seen).size).toBe(2105);
  });

  it('sorts ids numerically and by report date', async () => {
    const desc = await page('/api/v4/computers-inventory', { sort: 'id:desc', 'page-size': 3 });
    expect(desc.results.map((r) => r.id)).toEqual(['2105', '2104', '2103']);
    const byDate = await page('/api/v4/computers-inventory', { sort: 'general.reportDate:desc', 'page-size': 50 });
    const dates = byDate.results.map((r) => Date.parse(r.general.reportDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('returns only the requested sections; the rest are null', async () => {
    const { results } = await page('/api/v4/computers-inventory', { section: ['HARDWARE', 'USER_AND_LOCATION'], 'page-size': 2 });
    for (const record of results) {
      expect(record.general).toBeNull();
      expect(record.storage).toBeNull();
      expect(record.hardware).toEqual(expect.objectContaining({ serialNumber: expect.any(String) }));
      expect(record.userAndLocation).toEqual(expect.objectContaining({ realname: expect.any(String) }));
      expect(typeof record.id).toBe('string');
    }
    const general = await page('/api/v3/computers-inventory', { 'page-size': 1 });
    expect(general.results[0]?.general).toEqual(expect.objectContaining({ lastContactTime: expect.any(String) }));
    expect(general.results[0]?.hardware).toBeNull();
  });

  it('filters with RSQL; totalCount counts the filtered records', async () => {
    const unmanaged = await page('/api/v4/computers-inventory', { filter: 'general.remoteManagement.managed==false', 'page-size': 2000 });
    expect(unmanaged.totalCount).toBe(unmanaged.results.length);
    expect(unmanaged.totalCount).toBeGreaterThan(0);
    expect(unmanaged.results.every((r) => r.general.remoteManagement.managed === false)).toBe(true);

    const since = '2026-01-01T00:00:00.000Z';
    const recent = await page('/api/v4/computers-inventory', { filter: `general.reportDate>=${since} and id<=100`, sort: 'id:asc' });
    expect(recent.results.every((r) => Date.parse(r.general.reportDate) >= Date.parse(since) && Number(r.id) <= 100)).toBe(true);

    const some = await page('/api/v4/computers-inventory', { filter: 'id=in=(3,5,8)', section: 'HARDWARE', sort: 'id:asc' });
    expect(some.results.map((r) => r.id)).toEqual(['3', '5', '8']);
    const serial = some.results[0]?.hardware.serialNumber as string;
    const bySerial = await page('/api/v4/computers-inventory', { filter: `hardware.serialNumber=="${serial}"` });
    expect(bySerial.results.map((r) => r.id)).toContain('3');
  });

  it('answers 400 in Jamf’s error shape for an unknown filter field, sort field or section', async () => {
    for (const params of [{ filter: 'general.colour==red' }, { sort: 'colour:asc' }, { section: 'EVERYTHING' }, { section: 'PLUGINS' }]) {
      const response = await api.get('/api/v4/computers-inventory', { params });
      expect(response.status).toBe(400);
      expect(response.data).toEqual({ httpStatus: 400, errors: [expect.objectContaining({ code: null, id: '0', field: null })] });
    }
  });
});

describe('single computer endpoints', () => {
  it('serves all sections on -detail, chosen sections by id, 404 for an unknown id', async () => {
    const detail = (await api.get('/api/v4/computers-inventory-detail/7')).data;
    expect(detail.id).toBe('7');
    expect(detail.hardware).not.toBeNull();
    expect(detail.storage.disks[0].device).toBe('disk0');
    const one = (await api.get('/api/v3/computers-inventory/7', { params: { section: 'SECURITY' } })).data;
    expect(one.general).toBeNull();
    expect(one.security).toEqual(detail.security);
    const missing = await api.get('/api/v4/computers-inventory-detail/999999');
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ httpStatus: 404, errors: [{ id: '0' }] });
  });

  it('serves FileVault keys, 404 when a computer has none', async () => {
    const bulk = (await api.get('/api/v4/computers-inventory/filevault', { params: { 'page-size': 2000 } })).data as Page;
    expect(bulk.totalCount).toBeGreaterThan(0);
    const withKey = bulk.results[0] as Record<string, any>;
    const single = await api.get(`/api/v4/computers-inventory/${withKey.computerId}/filevault`);
    expect(single.data).toEqual(withKey);
    const keyed = new Set(bulk.results.map((r) => r.computerId));
    const withoutKey = Array.from({ length: 2105 }, (_, i) => String(i + 1)).find((id) => !keyed.has(id));
    expect((await api.get(`/api/v3/computers-inventory/${withoutKey}/filevault`)).status).toBe(404);
  });
});

describe('mobile devices', () => {
  it('pages the detail inventory with sections, sort and flat-name filters', async () => {
    const all = await page('/api/v2/mobile-devices/detail', { section: ['GENERAL', 'HARDWARE'], sort: 'mobileDeviceId:asc', 'page-size': 2000 });
    expect(all.totalCount).toBe(30);
    expect(all.results.map((r) => r.mobileDeviceId)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(all.results[0]).toMatchObject({ userAndLocation: null, network: null, general: expect.any(Object) });

    const tvs = await page('/api/v2/mobile-devices/detail', { filter: 'modelIdentifier=="AppleTV14,1"', section: 'HARDWARE' });
    expect(tvs.results.every((r) => r.deviceType === 'tvOS')).toBe(true);
    expect(tvs.totalCount).toBeGreaterThan(0);

    const managed = await page('/api/v2/mobile-devices/detail', { filter: 'managed==false' });
    expect(managed.results.every((r) => r.general.managed === false)).toBe(true);

    const bad = await api.get('/api/v2/mobile-devices/detail', { params: { filter: 'general.managed==true' } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].description).toMatch(/^Cannot filter by field \[general\.managed\]/);
  });

  it('serves the list shape and the single-device detail, 404 for an unknown id', async () => {
    const list = await page('/api/v2/mobile-devices', { 'page-size': 5 });
    expect(list.results.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
    const detail = (await api.get('/api/v2/mobile-devices/2/detail')).data;
    expect(detail).toMatchObject({ id: '2', type: 'ios', serialNumber: list.results[1]?.serialNumber });
    expect((await api.get('/api/v2/mobile-devices/999/detail')).status).toBe(404);
  });
});

describe('departments, buildings and version', () => {
  it('answers {totalCount, results} with paging, and the Jamf Pro version', async () => {
    const departments = await page('/api/v1/departments', { 'page-size': 2 });
    expect(departments.totalCount).toBeGreaterThan(2);
    expect(departments.results).toEqual([{ id: '1', name: expect.any(String) }, { id: '2', name: expect.any(String) }]);
    const buildings = await page('/api/v1/buildings', {});
    expect(buildings.results[0]).toMatchObject({ id: '1', name: expect.any(String), city: expect.any(String) });
    expect((await api.get('/api/v1/jamf-pro-version')).data).toEqual({ version: '11.31.0-t1731000000' });
  });
});

describe('a v3-era Jamf Pro', () => {
  it('reports its version and has no v4 inventory', async () => {
    const old = await startSimulator({ computers: 3, mobiles: 0, jamfVersion: '11.2.1-t1707143529' });
    try {
      const oldApi = await apiClient(old);
      expect((await oldApi.get('/api/v1/jamf-pro-version')).data).toEqual({ version: '11.2.1-t1707143529' });
      expect((await oldApi.get('/api/v4/computers-inventory')).status).toBe(404);
      expect((await oldApi.get('/api/v3/computers-inventory')).data.totalCount).toBe(3);
    } finally {
      await old.close();
    }
  });
});
