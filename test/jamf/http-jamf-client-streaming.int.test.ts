/**
 * The HTTP client against the simulator over real HTTP: paging, validation, single fetches and
 * lookups.
 */
import type { InventoryPageProgress } from '../../src/jamf/jamf-client';
import type { InvalidRecordReport } from '../../src/jamf/record-validation';
import { collect, requestsTo, startTestSimulator, testClient, type Simulator } from './simulator-harness';

const COMPUTERS = 45;
const MOBILES = 30;

describe('HttpJamfClient streaming (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: COMPUTERS, mobiles: MOBILES });
  });
  afterAll(() => simulator.close());

  it('streams every computer and mobile device as validated records, page by page', async () => {
    const client = testClient(simulator, { pageSize: 10 });
    const pages: InventoryPageProgress[] = [];
    const computers = await collect(client.streamComputers({ onPage: (page) => pages.push(page) }));
    const mobiles = await collect(client.streamMobileDevices());

    expect(computers).toHaveLength(COMPUTERS);
    expect(new Set(computers.map((computer) => computer.id)).size).toBe(COMPUTERS);
    expect(computers.every((computer) => typeof computer.id === 'string')).toBe(true);
    expect(mobiles).toHaveLength(MOBILES);
    expect(mobiles.every((mobile) => typeof mobile.mobileDeviceId === 'string')).toBe(true);
    expect(pages.map((page) => page.records)).toEqual([10, 10, 10, 10, 5]);
    expect(pages.at(-1)).toMatchObject({ kind: 'computer', pageIndex: 4, recordsSoFar: COMPUTERS, totalCount: COMPUTERS });
    await client.close();
  });

  it('asks for the page after a short one and stops only at the empty page', async () => {
    const client = testClient(simulator, { pageSize: 20, computerInventoryApi: 'v3' });
    const before = requestsTo(simulator, '/api/v3/computers-inventory');
    const computers = await collect(client.streamComputers());
    // 45 records in pages of 20: 20, 20, 5 (short, not the end), then 0 (the end).
    expect(computers).toHaveLength(COMPUTERS);
    expect(requestsTo(simulator, '/api/v3/computers-inventory') - before).toBe(4);
    await client.close();
  });

  it('streams everything when asked for pages larger than Jamf allows (clamped to 2000)', async () => {
    const big = await startTestSimulator({ computers: 2_050, mobiles: 0 });
    try {
      const client = testClient(big, { computerInventoryApi: 'v3' });
      const pages: number[] = [];
      const computers = await collect(
        client.streamComputers({ pageSize: 5_000, sections: ['GENERAL'], onPage: (page) => pages.push(page.records) }),
      );
      expect(computers).toHaveLength(2_050);
      expect(pages).toEqual([2_000, 50]);
      await client.close();
    } finally {
      await big.close();
    }
  });

  it('skips a malformed record, reports it with its id, and still delivers the rest of its page', async () => {
    const broken = {
      id: '1000',
      general: { name: 'Broken Mac', remoteManagement: { managed: 'yes' } },
      hardware: { processorSpeedMhz: 'fast' },
    };
    const added = await fetch(`${simulator.url}/__sim/computers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(broken),
    });
    expect(added.ok).toBe(true);
    try {
      const reports: InvalidRecordReport[] = [];
      const clientWide: InvalidRecordReport[] = [];
      const pages: InventoryPageProgress[] = [];
      const client = testClient(simulator, { pageSize: 10, onInvalidRecord: (report) => clientWide.push(report) });
      const computers = await collect(
        client.streamComputers({ onInvalidRecord: (report) => reports.push(report), onPage: (page) => pages.push(page) }),
      );

      expect(computers).toHaveLength(COMPUTERS);
      expect(computers.map((computer) => computer.id)).not.toContain('1000');
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ kind: 'computer', id: '1000' });
      expect(reports[0]?.issues.map((issue) => issue.path).sort()).toEqual(['general.remoteManagement.managed', 'hardware.processorSpeedMhz']);
      expect(clientWide).toEqual(reports);
      // The last page held ids 41-45 and the broken 1000: five records arrive, one is skipped.
      expect(pages.at(-1)).toMatchObject({ records: 5, invalid: 1 });
      expect(client.stats().invalidRecords).toBe(1);
      await client.close();
    } finally {
      await fetch(`${simulator.url}/__sim/computers/1000`, { method: 'DELETE' });
    }
  });

  it('passes an RSQL filter through', async () => {
    const client = testClient(simulator);
    const all = await collect(client.streamComputers({ sections: ['GENERAL'] }));
    const managed = await collect(client.streamComputers({ sections: ['GENERAL'], filter: 'general.remoteManagement.managed==true' }));
    expect(managed.length).toBeGreaterThan(0);
    expect(managed.length).toBe(all.filter((computer) => computer.general?.remoteManagement?.managed === true).length);
    expect(managed.every((computer) => computer.general?.remoteManagement?.managed === true)).toBe(true);
    await client.close();
  });

  it('returns requested sections and null for the others', async () => {
    const client = testClient(simulator);
    const [first] = await collect(client.streamComputers({ sections: ['HARDWARE'], pageSize: 1 }));
    expect(first?.hardware).toBeTruthy();
    expect(first?.general ?? null).toBeNull();
    await client.close();
  });

  it('fetches one computer and one mobile device (normalised to the paged shape), null when absent', async () => {
    const client = testClient(simulator);
    const [streamedMobile] = await collect(client.streamMobileDevices({ pageSize: 1 }));
    const computer = await client.getComputer('1');
    const mobile = await client.getMobileDevice(streamedMobile!.mobileDeviceId);

    expect(computer?.id).toBe('1');
    expect(computer?.hardware).toBeTruthy();
    expect(mobile?.mobileDeviceId).toBe(streamedMobile!.mobileDeviceId);
    expect(mobile?.general?.udid).toBe(streamedMobile!.general?.udid);
    expect(mobile?.hardware?.serialNumber).toBe(streamedMobile!.hardware?.serialNumber);
    expect(mobile?.hardware?.modelIdentifier).toBe(streamedMobile!.hardware?.modelIdentifier);
    expect(mobile?.userAndLocation?.realName ?? null).toBe(streamedMobile!.userAndLocation?.realName ?? null);
    expect(mobile?.deviceType?.toLowerCase()).toBe(streamedMobile!.deviceType?.toLowerCase());

    expect(await client.getComputer('999999')).toBeNull();
    expect(await client.getMobileDevice('999999')).toBeNull();
    await client.close();
  });

  it('fetches FileVault recovery keys, null when there is none', async () => {
    const client = testClient(simulator);
    const ids = Array.from({ length: COMPUTERS }, (_, index) => String(index + 1));
    const keys = await Promise.all(ids.map((id) => client.getFileVaultKey(id)));
    const found = keys.filter((key) => key !== null);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((key) => typeof key?.personalRecoveryKey === 'string')).toBe(true);
    expect(await client.getFileVaultKey('999999')).toBeNull();
    await client.close();
  });

  it('resolves department and building names, loading each list once per client', async () => {
    const client = testClient(simulator);
    const computers = await collect(client.streamComputers({ sections: ['USER_AND_LOCATION'] }));
    const withDepartment = computers.find((computer) => computer.userAndLocation?.departmentId);
    const withBuilding = computers.find((computer) => computer.userAndLocation?.buildingId);
    expect(withDepartment && withBuilding).toBeTruthy();

    const departmentsBefore = requestsTo(simulator, '/api/v1/departments');
    const departmentId = withDepartment!.userAndLocation!.departmentId!;
    const expectedDepartment = simulator.store.departments.find((department) => String(department.id) === departmentId)?.name;
    expect(await client.departmentName(departmentId)).toBe(expectedDepartment);
    const afterFirst = requestsTo(simulator, '/api/v1/departments');
    await Promise.all(computers.map((computer) => client.departmentName(computer.userAndLocation?.departmentId)));
    expect(requestsTo(simulator, '/api/v1/departments')).toBe(afterFirst);
    expect(afterFirst).toBeGreaterThan(departmentsBefore);

    const buildingId = withBuilding!.userAndLocation!.buildingId!;
    const expectedBuilding = simulator.store.buildings.find((building) => String(building.id) === buildingId)?.name;
    expect(await client.buildingName(buildingId)).toBe(expectedBuilding);
    expect(await client.departmentName(null)).toBeNull();
    expect(await client.buildingName('-1')).toBeNull();
    expect(await client.buildingName('999999')).toBeNull();
    await client.close();
  });
});

describe('HttpJamfClient computer-inventory version (simulator)', () => {
  const APIS = ['v1', 'v3', 'v4'] as const;

  it.each([
    ['11.2.1-t1707143529', 'v1'],
    ['11.22.0-t1', 'v1'],
    ['11.23.0-t1', 'v3'],
    ['11.30.0-t1750000000', 'v4'],
  ])('Jamf Pro %s → /api/%s/computers-inventory, lastContact filled either way', async (jamfVersion, api) => {
    const simulator = await startTestSimulator({ computers: 5, jamfVersion });
    try {
      const client = testClient(simulator);
      const probe = await client.jamfProVersion();
      const computers = await collect(client.streamComputers());

      expect(probe.computerInventoryApi).toBe(api);
      expect(probe.version?.raw).toBe(jamfVersion);
      expect(computers).toHaveLength(5);
      expect(requestsTo(simulator, `/api/${api}/computers-inventory`)).toBeGreaterThan(0);
      for (const other of APIS.filter((v) => v !== api)) expect(requestsTo(simulator, `/api/${other}/computers-inventory`)).toBe(0);
      expect(computers.every((computer) => typeof computer.general?.lastContact === 'string')).toBe(true);
      await client.close();
    } finally {
      await simulator.close();
    }
  });

  it.each([
    ['11.22.0', 500, 'v1'],
    ['11.29.0', 500, 'v3'],
    ['11.31.0', 404, 'v4'],
    ['11.5.0', 404, 'v1'],
  ])('Jamf Pro %s whose version probe answers %i: steps down to /api/%s and remembers it', async (jamfVersion, status, api) => {
    const simulator = await startTestSimulator({ computers: 4, jamfVersion, versionEndpointStatus: status });
    try {
      const client = testClient(simulator, { maxAttempts: 2 });
      const probe = await client.jamfProVersion();
      expect(probe).toEqual({ version: null, computerInventoryApi: api });
      // Newest first: one list request to each API above the one found (404), one to it.
      const tried: readonly string[] = APIS.slice(APIS.indexOf(api as (typeof APIS)[number]));
      for (const v of APIS) expect(requestsTo(simulator, `/api/${v}/computers-inventory`)).toBe(tried.includes(v) ? 1 : 0);
      const probes = requestsTo(simulator, '/api/v1/jamf-pro-version');

      expect(await collect(client.streamComputers())).toHaveLength(4);
      expect((await client.getComputer('2'))?.id).toBe('2');
      await client.jamfProVersion();

      // Remembered: no second probe, nothing more to the APIs that answered 404.
      expect(requestsTo(simulator, '/api/v1/jamf-pro-version')).toBe(probes);
      for (const v of APIS.filter((other) => other !== api)) expect(requestsTo(simulator, `/api/${v}/computers-inventory`)).toBe(tried.includes(v) ? 1 : 0);
      expect(requestsTo(simulator, `/api/${api}/computers-inventory`)).toBeGreaterThan(2);
      await client.close();
    } finally {
      await simulator.close();
    }
  });
});
