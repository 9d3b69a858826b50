/**
 * Extension attributes onto any field Jamf owns (issue 19): the mapping as an admin sets it, each
 * field type's coercion, and the overlay on a raw record (what the sync writes and explain prints).
 */
import { jamfRecordToAssetFacts, parseEaMapping, parseEaMapPairs } from '../../src/catalog';
import { coerceAttributeValue } from '../../src/catalog/ea-mapping/coerce-value';
import type { FieldType } from '../../src/catalog/ea-mapping/mappable-fields';

describe('coerceAttributeValue: each field type', () => {
  const good: ReadonlyArray<[FieldType, string, unknown]> = [
    ['text', '  Space   Black ', 'Space Black'],
    ['memory-megabytes', '16384', 16384],
    ['memory-megabytes', '16,384 MB', 16384],
    ['memory-megabytes', '16 GB', 16384],
    ['memory-megabytes', '32gb', 32768],
    ['memory-megabytes', '1.5 GiB', 1536],
    ['storage-megabytes', '512 GB', 512000],
    ['storage-megabytes', '1 TB', 1000000],
    ['storage-megabytes', '500277', 500277],
    ['megahertz', '3200', 3200],
    ['megahertz', '3.2 GHz', 3200],
    ['megahertz', '2400 MHz', 2400],
    ['inches', '13.3', 13.3],
    ['inches', '13,3', 13.3],
    ['inches', '14.2"', 14.2],
    ['inches', '16-inch', 16],
    ['inches', '27 inches', 27],
    ['release-date', '2018', '2018'],
    ['release-date', '2018-11', '2018-11'],
    ['release-date', '2018/3', '2018-03'],
    ['release-date', '2024-02-29', '2024-02'],
    ['storage-type', 'Solid State', 'SSD'],
    ['storage-type', 'fusion drive', 'Fusion'],
    ['asset-type', 'Desktop', 'desktop'],
    ['boolean', 'Yes', true],
    ['boolean', 'disabled', false],
    ['boolean', '0', false],
    ['imei', '35 882334 083223 0', '35 882334 083223 0'],
  ];
  it.each(good)('%s reads %j as %j', (type, raw, value) => {
    expect(coerceAttributeValue(type, raw)).toEqual({ ok: true, value });
  });

  const bad: ReadonlyArray<[FieldType, string]> = [
    ['memory-megabytes', 'lots'],
    ['memory-megabytes', '16 PB'],
    ['memory-megabytes', '0'],
    ['memory-megabytes', '-8 GB'],
    ['storage-megabytes', '1,23'],
    ['megahertz', '3.2'],
    ['megahertz', '99999'],
    ['inches', 'big'],
    ['inches', '0.5'],
    ['inches', '130'],
    ['release-date', 'Mid 2012'],
    ['release-date', '2018-13'],
    ['release-date', '2023-02-29'],
    ['release-date', '1900'],
    ['storage-type', 'n/a'],
    ['asset-type', 'unknown'],
    ['asset-type', 'phone'],
    ['boolean', 'maybe'],
    ['imei', '12345'],
    ['text', 'x'.repeat(256)],
  ];
  it.each(bad)('%s refuses %j and says what it expected', (type, raw) => {
    const result = coerceAttributeValue(type, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.expected.length).toBeGreaterThan(5);
  });
});

describe('parseEaMapping: the mapping as an admin sets it', () => {
  it('keeps the first format (name → field) as it is', () => {
    const legacy = { 'Keyboard Layout': 'keyboardLanguage', Colour: 'color', Drive: 'storageType', 'Part Number': 'modelNumber' };
    const parsed = parseEaMapping(legacy);
    expect(parsed).toMatchObject({ ok: true, stored: legacy });
    expect(parsed.ok && parsed.entries.every((e) => e.prefer === 'extension-attribute')).toBe(true);
  });

  it('takes a per-field choice and spells fields loosely, storing one spelling', () => {
    expect(parseEaMapPairs(['RAM=memory_mb:jamf, Screen=Display Size Inches:derived', 'Kb=keyboardLanguage:ea,Finish=colour'])).toMatchObject({
      ok: true,
      stored: { RAM: 'memoryMb:jamf', Screen: 'displaySizeInches:derived', Kb: 'keyboardLanguage', Finish: 'color' },
    });
  });

  it.each([
    ['assignee', /"assignee" cannot be mapped: the inventory owns it \(R6\)/],
    ['location', /"location" cannot be mapped: the inventory owns it/],
    ['status', /"status" cannot be mapped: the inventory owns it/],
    ['condition', /"condition" cannot be mapped: the inventory owns it/],
    ['serialNumber', /the serial number is the key/],
    ['jamfId', /the Jamf ID ties the asset to its Jamf record/],
    ['recoveryKey', /FileVault recovery key/],
    ['batteryHealth', /"batteryHealth" is not an asset field Jamf owns \(mappable: assetType, make,/],
  ])('refuses %s with a clear message', (field, message) => {
    const result = parseEaMapping({ Attr: field });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(message)]);
  });

  it("refuses a choice the field does not have, and two choices for one field, listing every problem", () => {
    const result = parseEaMapping({ A: 'displaySizeInches:jamf', B: 'memoryMb:derived', C: 'keyboardLanguage:jamf', D: 'color:later', E: 'storageMb', F: 'storageMb:jamf', G: 7 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(/^"A": displaySizeInches cannot prefer jamf: its own source is derivation \(use displaySizeInches or displaySizeInches:derived\)/),
      expect.stringMatching(/^"B": memoryMb cannot prefer derived: its own source is Jamf's value/),
      expect.stringMatching(/^"C": keyboardLanguage cannot prefer jamf: Jamf has no such field/),
      expect.stringMatching(/^"D": "later" is not a choice \(use color, color:derived or color:extension-attribute\)/),
      expect.stringMatching(/^"G": expected "field" or "field:choice"/),
      expect.stringMatching(/^storageMb is mapped from "E" and "F" with different choices/),
    ]);
  });

  it('refuses what is not an object, and malformed pairs', () => {
    expect(parseEaMapping(['color'])).toMatchObject({ ok: false });
    expect(parseEaMapPairs(['Colour'])).toMatchObject({ ok: false, errors: [expect.stringContaining('name=field')] });
    expect(parseEaMapPairs([''])).toEqual({ ok: true, entries: [], stored: {} });
  });
});

/** A managed Apple-silicon Mac as the computers-inventory endpoint returns it, with extension attributes. */
function mac(attributes: Array<{ name: string; values: string[] }>, hardware: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '42',
    general: { platform: 'Mac', remoteManagement: { managed: true } },
    hardware: {
      make: 'Apple', model: 'MacBook Pro (14-inch, M3, Nov 2023)', modelIdentifier: 'Mac15,3', serialNumber: 'FVFXC2ABCDEF',
      processorType: 'Apple M3', processorSpeedMhz: 0, totalRamMegabytes: 16384, ...hardware,
    },
    operatingSystem: { name: 'macOS', version: '14.5', build: '23F79' },
    security: { activationLockEnabled: false, recoveryLockEnabled: true },
    storage: { disks: [{ device: 'disk0', model: 'APPLE SSD AP0512Z', sizeMegabytes: 500277, partitions: [{ partitionType: 'BOOT' }] }] },
    extensionAttributes: attributes.map((a, i) => ({ definitionId: String(i + 1), ...a })),
  };
}

const facts = (record: unknown, mapping: Record<string, string>) => jamfRecordToAssetFacts(record, 'computer', { eaMapping: mapping });

describe('extension attributes laid over a record', () => {
  it('fills a numeric field from a good value, naming the attribute as the source', () => {
    const result = facts(mac([{ name: 'RAM', values: ['32 GB'] }]), { ram: 'memoryMb' });
    expect(result.asset.memoryMb).toBe(32768);
    expect(result.sources.memoryMb).toBe('extension attribute RAM');
    expect(result.warnings).toEqual([]);
  });

  it("keeps Jamf's value and warns for a value of the wrong type", () => {
    const result = facts(mac([{ name: 'RAM', values: ['plenty'] }]), { RAM: 'memoryMb' });
    expect(result.asset.memoryMb).toBe(16384);
    expect(result.sources.memoryMb).toBe('jamf-field');
    expect(result.warnings).toEqual([
      { field: 'memoryMb', attribute: 'RAM', message: expect.stringMatching(/^extension attribute "RAM": "plenty" is not memory in megabytes .*; memoryMb keeps Jamf's value$/) },
    ]);
  });

  it('with :jamf or :derived, fills the field only where its own source has nothing', () => {
    const attributes = [{ name: 'CPU MHz', values: ['3.5 GHz'] }, { name: 'RAM', values: ['8 GB'] }, { name: 'Screen', values: ['15'] }];
    const own = facts(mac(attributes), { 'CPU MHz': 'processorFrequencyMhz:jamf', RAM: 'memoryMb:jamf', Screen: 'displaySizeInches:derived' });
    // Apple silicon reports 0 MHz (unknown): the attribute fills it; memory and the display size are known.
    expect(own.asset).toMatchObject({ processorFrequencyMhz: 3500, memoryMb: 16384, displaySizeInches: 14 });
    expect(own.sources).toMatchObject({ processorFrequencyMhz: 'extension attribute CPU MHz', memoryMb: 'jamf-field', displaySizeInches: 'model-string' });
    const unknownModel = facts(mac(attributes, { model: 'Mac', modelIdentifier: 'Mac99,1' }), { Screen: 'displaySizeInches:derived' });
    expect(unknownModel.asset.displaySizeInches).toBe(15);
  });

  it('by default the attribute wins over derivation, and a bad value keeps the derived one', () => {
    const good = facts(mac([{ name: 'Released', values: ['2024-01-15'] }]), { Released: 'releaseDate' });
    expect(good.asset.releaseDate).toBe('2024-01');
    const bad = facts(mac([{ name: 'Released', values: ['Mid 2012'] }]), { Released: 'releaseDate' });
    expect(bad.asset.releaseDate).toBe('2023-11');
    expect(bad.warnings[0].message).toMatch(/releaseDate keeps the derived value$/);
  });

  it('an attribute can give the asset type, which then decides creation (R1)', () => {
    const virtual = mac([{ name: 'Kind', values: ['desktop'] }], { model: 'VirtualMac2,1', modelIdentifier: 'VirtualMac2,1' });
    expect(facts(virtual, {}).skipReason).toBe('unknown_asset_type');
    const mapped = facts(virtual, { Kind: 'assetType' });
    expect(mapped).toMatchObject({ asset: { assetType: 'desktop' }, createEligible: true, skipReason: null });
  });

  it('fills an ops-only flag, and never quotes its value in a warning (R24)', () => {
    const good = facts(mac([{ name: 'AL', values: ['yes'] }]), { AL: 'activationLockEnabled' });
    expect(good.asset.secure.activationLockEnabled).toBe(true);
    expect(good.sources['secure.activationLockEnabled']).toBe('extension attribute AL');
    const bad = facts(mac([{ name: 'AC', values: ['SECRET-4411'] }]), { AC: 'recoveryLockEnabled' });
    expect(bad.asset.secure.recoveryLockEnabled).toBe(true);
    expect(bad.warnings[0].message).toMatch(/^extension attribute "AC": its value is not yes or no/);
    expect(JSON.stringify(bad.warnings)).not.toContain('SECRET-4411');
  });

  it('matches names trimmed and case-insensitively, skips empty values, and ignores unmapped attributes', () => {
    const result = facts(mac([{ name: ' keyboard layout ', values: ['', 'British'] }, { name: 'Colour', values: ['  '] }, { name: 'Other', values: ['x'] }]), {
      'Keyboard Layout': 'keyboardLanguage',
      Colour: 'color',
    });
    expect(result.asset).toMatchObject({ keyboardLanguage: 'British', color: null });
    expect(result.warnings).toEqual([]);
  });

  it('a colour, a Mac part number and a storage type, as the first four mapped fields did', () => {
    const result = facts(mac([{ name: 'Colour', values: ['Gold'] }, { name: 'Part Number', values: ['MKGP3LL/A'] }, { name: 'Drive', values: ['Fusion Drive'] }]), {
      Colour: 'color', 'Part Number': 'modelNumber', Drive: 'storageType',
    });
    expect(result.asset).toMatchObject({ color: 'Gold', modelNumber: 'MKGP3LL/A', storageType: 'Fusion' });
    const notAType = facts(mac([{ name: 'Drive', values: ['n/a'] }]), { Drive: 'storageType' });
    expect(notAType.asset.storageType).toBe('SSD');
    expect(notAType.warnings).toHaveLength(1);
  });

  it('leaves out a stored entry that no longer parses instead of failing the device', () => {
    const result = facts(mac([{ name: 'RAM', values: ['32 GB'] }, { name: 'Who', values: ['x@y.z'] }]), { RAM: 'memoryMb', Who: 'assignee' });
    expect(result.asset.memoryMb).toBe(32768);
    expect(result.warnings).toEqual([]);
  });
});
