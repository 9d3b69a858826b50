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
      const { results } = await page('/api/v3/computers-inventory', { 'page-size': 300, page: p, sort: 'general.platform:asc' });
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

describe('the computer inventory of each Jamf Pro release', () => {
  const served = async (jamfVersion: string) => {
    const sim = await startSimulator({ computers: 3, mobiles: 0, jamfVersion });
    try {
      const client = await apiClient(sim);
      const status = async (v: number) => (await client.get(`/api/v${v}/computers-inventory`, { params: { section: ['GENERAL'] } })).status;
      const v1 = (await client.get('/api/v1/computers-inventory', { params: { section: ['GENERAL', 'PLUGINS', 'FONTS'] } })).data;
      return { version: (await client.get('/api/v1/jamf-pro-version')).data, v1: await status(1), v3: await status(3), v4: await status(4), v1Page: v1 };
    } finally {
      await sim.close();
    }
  };

  it('11.22.0 (and 11.2.1) serve v1 only, in the v1 shape', async () => {
    for (const jamfVersion of ['11.22.0-t1', '11.2.1-t1707143529']) {
      const answer = await served(jamfVersion);
      expect(answer).toMatchObject({ version: { version: jamfVersion }, v1: 200, v3: 404, v4: 404 });
      expect(answer.v1Page.totalCount).toBe(3);
      expect(answer.v1Page.results[0]).toMatchObject({ plugins: [], fonts: [], general: { lastContactTime: expect.any(String) } });
      expect(answer.v1Page.results[0].general).not.toHaveProperty('lastContact');
    }
  });

  it('11.23.0 adds v3, 11.30.0 adds v4; v1 stays', async () => {
    expect(await served('11.23.0')).toMatchObject({ v1: 200, v3: 200, v4: 404 });
    expect(await served('11.29.0')).toMatchObject({ v1: 200, v3: 200, v4: 404 });
    expect(await served('11.30.0')).toMatchObject({ v1: 200, v3: 200, v4: 200 });
  });

  it('v3 and v4 refuse the v1-only sections', async () => {
    for (const v of [3, 4]) {
      const response = await api.get(`/api/v${v}/computers-inventory`, { params: { section: ['GENERAL', 'PLUGINS'] } });
      expect(response.status).toBe(400);
    }
    expect((await api.get('/api/v1/computers-inventory', { params: { section: ['PLUGINS'] } })).status).toBe(200);
  });

  it('refuses to play a release before 10.49.0, or something that is not a version', async () => {
    await expect(startSimulator({ computers: 0, mobiles: 0, jamfVersion: '10.48.0' })).rejects.toThrow(/10\.49\.0 and later/);
    await expect(startSimulator({ computers: 0, mobiles: 0, jamfVersion: 'latest' })).rejects.toThrow(/Invalid Jamf Pro version/);
  });

  it('can be told to answer the version endpoint with an error', async () => {
    const sim = await startSimulator({ computers: 1, mobiles: 0, versionEndpointStatus: 500 });
    try {
      expect((await (await apiClient(sim)).get('/api/v1/jamf-pro-version')).status).toBe(500);
    } finally {
      await sim.close();
    }
  });
});

describe('sorting', () => {
  it('sorts only by the fields Jamf documents for sorting (400 otherwise)', async () => {
    const bySerial = await api.get('/api/v4/computers-inventory', { params: { sort: 'hardware.serialNumber:asc' } });
    expect(bySerial.status).toBe(400);
    expect(bySerial.data.errors[0].description).toMatch(/Cannot sort by field \[hardware.serialNumber\]/);
    expect((await api.get('/api/v3/computers-inventory', { params: { sort: 'general.lastContact:asc' } })).status).toBe(400);
    expect((await api.get('/api/v3/computers-inventory', { params: { sort: 'general.lastContactTime:desc' } })).status).toBe(200);
    // lastEnrolledDate may be sorted by but not filtered on, as Jamf documents.
    expect((await api.get('/api/v2/mobile-devices/detail', { params: { sort: 'lastEnrolledDate:desc' } })).status).toBe(200);
    expect((await api.get('/api/v2/mobile-devices/detail', { params: { filter: 'lastEnrolledDate>2020-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await api.get('/api/v2/mobile-devices/detail', { params: { sort: 'general.displayName:asc' } })).status).toBe(400);
  });
});

describe('recovery lock password', () => {
  it('answers {recoveryLockPassword} for a Mac with Recovery Lock on, 404 otherwise, per version', async () => {
    const withLock = simulator.store.list('computers').find((c) => (c.security as { recoveryLockEnabled?: boolean }).recoveryLockEnabled === true)!;
    const without = simulator.store.list('computers').find((c) => (c.security as { recoveryLockEnabled?: boolean }).recoveryLockEnabled === false)!;
    for (const v of [1, 3, 4]) {
      const answer = await api.get(`/api/v${v}/computers-inventory/${String(withLock.id)}/view-recovery-lock-password`);
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual({ recoveryLockPassword: expect.stringMatching(/^\S{8,}$/) });
    }
    expect((await api.get(`/api/v4/computers-inventory/${String(without.id)}/view-recovery-lock-password`)).status).toBe(404);
    expect((await api.get('/api/v4/computers-inventory/999999/view-recovery-lock-password')).status).toBe(404);
  });
});
