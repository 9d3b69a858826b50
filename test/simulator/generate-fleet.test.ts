import { generateFleet } from '../../src/simulator/generate-fleet';
import type { JsonObject } from '../../src/simulator/fleet-types';

const REFERENCE = Date.parse('2026-11-27T00:00:00.000Z');
const fleet = generateFleet({ computers: 400, mobiles: 300, seed: 42, referenceTime: REFERENCE });

const get = (record: JsonObject, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as JsonObject)[k] : undefined), record);
const values = (records: JsonObject[], path: string): unknown[] => records.map((r) => get(r, path));

describe('generateFleet', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateFleet({ computers: 400, mobiles: 300, seed: 42, referenceTime: REFERENCE });
    expect(JSON.stringify(again)).toEqual(JSON.stringify(fleet));
    const other = generateFleet({ computers: 400, mobiles: 300, seed: 43, referenceTime: REFERENCE });
    expect(values(other.computers, 'hardware.serialNumber')).not.toEqual(values(fleet.computers, 'hardware.serialNumber'));
  });

  it('keeps one list stable when the other list grows', () => {
    const moreMobiles = generateFleet({ computers: 400, mobiles: 500, seed: 42, referenceTime: REFERENCE });
    expect(JSON.stringify(moreMobiles.computers)).toEqual(JSON.stringify(fleet.computers));
  });

  it('uses string ids 1..n and report dates in the past with milliseconds', () => {
    expect(values(fleet.computers, 'id')).toEqual(fleet.computers.map((_, i) => String(i + 1)));
    expect(values(fleet.mobileDevices, 'mobileDeviceId')).toEqual(fleet.mobileDevices.map((_, i) => String(i + 1)));
    for (const date of [...values(fleet.computers, 'general.reportDate'), ...values(fleet.mobileDevices, 'general.lastInventoryUpdateDate')]) {
      expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(date as string)).toBeLessThan(REFERENCE);
    }
  });

  it('has Intel Macs with real clock speeds and Apple silicon Macs at 0 MHz', () => {
    const hardware = values(fleet.computers, 'hardware') as JsonObject[];
    const silicon = hardware.filter((h) => h.appleSilicon === true);
    const intel = hardware.filter((h) => h.appleSilicon === false);
    expect(silicon.length).toBeGreaterThan(0);
    expect(intel.length).toBeGreaterThan(0);
    expect(silicon.every((h) => h.processorSpeedMhz === 0 && h.processorArchitecture === 'arm64')).toBe(true);
    expect(intel.every((h) => (h.processorSpeedMhz as number) > 1000)).toBe(true);
  });

  it('shows model names in every form Jamf uses', () => {
    const models = new Set(values(fleet.computers, 'hardware.model'));
    expect(models).toContain('13-inch MacBook Pro (Mid 2012)');
    expect(models).toContain('MacBook Pro (14-inch, M3, Nov 2023)');
    expect(models).toContain('MacBook Air (M2, 2022)');
    expect(models).toContain('MacBook Pro (15-inch, 2018)');
    const osNames = new Set(values(fleet.computers, 'operatingSystem.name'));
    expect(osNames).toEqual(new Set(['macOS', 'Mac OS X']));
    const disks = values(fleet.computers, 'storage.disks') as JsonObject[][];
    expect(disks.every((d) => d[0]?.device === 'disk0' && typeof d[0]?.sizeMegabytes === 'number')).toBe(true);
    expect(disks.some((d) => String(d[0]?.model).startsWith('APPLE HDD'))).toBe(true);
    expect(disks.some((d) => String(d[0]?.model).startsWith('APPLE SSD'))).toBe(true);
  });

  it('plants the oddities a sync must survive', () => {
    const serials = values(fleet.computers, 'hardware.serialNumber') as string[];
    expect(serials.filter((s) => s === '').length).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const s of serials.filter(Boolean)) counts.set(s, (counts.get(s) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1);
    expect(duplicated).toHaveLength(1);
    const [serial] = duplicated[0] as [string, number];
    const twins = fleet.computers.filter((c) => get(c, 'hardware.serialNumber') === serial);
    expect(new Set(twins.map((c) => get(c, 'general.reportDate'))).size).toBe(2);

    expect(values(fleet.computers, 'general.remoteManagement.managed')).toContain(false);
    expect(values(fleet.mobileDevices, 'general.managed')).toContain(false);
    expect(Object.keys(fleet.fileVaultRecoveryKeys).length).toBeGreaterThan(0);
    expect(Object.values(fleet.fileVaultRecoveryKeys)[0]).toMatch(/^([A-Z0-9]{4}-){5}[A-Z0-9]{4}$/);
  });

  it('holds people in every form: "First Last", "Last, First", e-mail only, no e-mail, shared admin', () => {
    const users = [...values(fleet.computers, 'userAndLocation'), ...values(fleet.mobileDevices, 'userAndLocation')] as JsonObject[];
    const realNames = users.map((u) => String(u.realname ?? u.realName ?? ''));
    const emails = users.map((u) => String(u.email ?? u.emailAddress ?? ''));
    expect(realNames.some((n) => /^\S+ \S+/.test(n) && !n.includes(','))).toBe(true);
    expect(realNames.some((n) => /^[^,]+, \S+$/.test(n))).toBe(true);
    expect(users.some((_u, i) => realNames[i] === '' && emails[i] !== '')).toBe(true);
    expect(users.some((_u, i) => realNames[i] !== '' && emails[i] === '')).toBe(true);
    expect(users.some((u) => u.username === 'admin')).toBe(true);
    const departmentIds = new Set(fleet.departments.map((d) => d.id));
    expect(users.every((u) => u.departmentId === null || departmentIds.has(u.departmentId as string))).toBe(true);
  });

  it('has iPhones, iPads with part numbers, Wi-Fi iPads with empty IMEI and Apple TVs', () => {
    const types = new Set(values(fleet.mobileDevices, 'deviceType'));
    expect(types).toContain('iOS');
    expect(types).toContain('tvOS');
    const ipads = fleet.mobileDevices.filter((m) => String(get(m, 'hardware.model')).startsWith('iPad'));
    expect(ipads.every((m) => /^M[A-Z0-9]{4}LL$/.test(String(get(m, 'hardware.modelNumber'))))).toBe(true);
    expect(ipads.some((m) => String(get(m, 'hardware.model')).includes('Wi-Fi') && get(m, 'network.imei') === '')).toBe(true);
    expect(values(fleet.mobileDevices, 'hardware.model').some((m) => String(m).startsWith('iPhone'))).toBe(true);
  });

  it('sends null, not "", where Jamf does: absent asset tags and barcodes, the SMC version of Apple silicon', () => {
    const assetTags = [...values(fleet.computers, 'general.assetTag'), ...values(fleet.mobileDevices, 'general.assetTag')];
    expect(assetTags).toContain(null);
    expect(assetTags).not.toContain('');
    expect(new Set([...values(fleet.computers, 'general.barcode1'), ...values(fleet.computers, 'general.barcode2')])).toEqual(new Set([null]));
    const smc = (silicon: boolean) => fleet.computers.filter((c) => get(c, 'hardware.appleSilicon') === silicon).map((c) => get(c, 'hardware.smcVersion'));
    expect(new Set(smc(true))).toEqual(new Set([null]));
    for (const version of smc(false)) expect(version).toMatch(/^\d+\.\d+f\d+$/);
  });

  it("gives A12-and-later devices UDIDs in Apple's 0000{chip}-{ECID} form, older ones 40 hex digits", () => {
    const udidOf = (modelIdentifier: string) =>
      fleet.mobileDevices.filter((d) => get(d, 'hardware.modelIdentifier') === modelIdentifier).map((d) => get(d, 'general.udid') as string);
    expect(udidOf('iPhone15,4').length).toBeGreaterThan(0);
    for (const udid of udidOf('iPhone15,4')) expect(udid).toMatch(/^00008120-00[0-9A-F]{14}$/);
    for (const udid of udidOf('iPad12,1')) expect(udid).toMatch(/^00008030-00[0-9A-F]{14}$/);
    expect(udidOf('iPad6,11').length).toBeGreaterThan(0);
    for (const udid of udidOf('iPad6,11')) expect(udid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keeps extension attributes such as Keyboard Layout and Color', () => {
    const names = new Set((values(fleet.computers, 'extensionAttributes') as JsonObject[][]).flat().map((ea) => ea.name));
    expect(names).toContain('Keyboard Layout');
    expect(names).toContain('Color');
  });

  it('plants the oddities in a tiny fleet too', () => {
    const tiny = generateFleet({ computers: 6, mobiles: 6, seed: 1, referenceTime: REFERENCE });
    const serials = values(tiny.computers, 'hardware.serialNumber');
    expect(serials).toContain('');
    expect(new Set(serials.filter(Boolean)).size).toBeLessThan(serials.filter(Boolean).length);
    expect(values(tiny.mobileDevices, 'deviceType')).toContain('tvOS');
  });
});
