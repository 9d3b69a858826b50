import { assetOf, jamfDevice, plan } from '../support/planner-factories';
import { addPlanToCounts, emptyCounts } from '../../src/sync/run-tally';

/** New devices (R1, R2, R16), decided by planBatch from plain records. */
describe('planBatch: new devices', () => {
  it('R1: creates an asset for a managed device with a serial and a known asset type, with its Jamf facts', () => {
    const device = jamfDevice(1, { kind: 'mobile', assetType: 'mobile', values: { model: 'iPhone 15 Pro', imei: '35 209900 176148 1' } });
    const result = plan([device]);
    expect(result.skips).toEqual([]);
    expect(result.creates).toEqual([
      expect.objectContaining({
        serialNumber: 'C02PLAN00001',
        jamfKind: 'mobile',
        jamfId: '1',
        assetType: 'mobile',
        values: expect.objectContaining({ model: 'iPhone 15 Pro', imei: '35 209900 176148 1', jamfId: '1' }),
      }),
    ]);
  });

  it.each(['unmanaged', 'unknown_asset_type'] as const)('R1: a device blocked as %s is skipped with that reason, its serial and Jamf id', (reason) => {
    const result = plan([jamfDevice(7, { createBlockedBy: reason, managed: reason !== 'unmanaged', assetType: reason === 'unknown_asset_type' ? 'unknown' : 'laptop' })]);
    expect(result.creates).toEqual([]);
    expect(result.newEmployees).toEqual([]);
    expect(result.skips).toEqual([{ reason, serialNumber: 'C02PLAN00007', jamfId: '7' }]);
  });

  it('R1: a device without a serial is skipped as no_serial and never matched to an asset', () => {
    const result = plan([jamfDevice(3, { serialNumber: null, createBlockedBy: 'no_serial' })]);
    expect(result.creates).toEqual([]);
    expect(result.skips).toEqual([{ reason: 'no_serial', serialNumber: null, jamfId: '3' }]);
    expect(result.seen).toEqual([]);
  });

  it('R1: the run counts each skip reason', () => {
    const result = plan([
      jamfDevice(1),
      jamfDevice(2, { managed: false, createBlockedBy: 'unmanaged' }),
      jamfDevice(3, { serialNumber: null, createBlockedBy: 'no_serial' }),
      jamfDevice(4, { assetType: 'unknown', createBlockedBy: 'unknown_asset_type' }),
      jamfDevice(5, { managed: false, createBlockedBy: 'unmanaged' }),
    ]);
    const counts = emptyCounts();
    addPlanToCounts(counts, result);
    expect(counts).toMatchObject({ created: 1, skipped: { unmanaged: 2, no_serial: 1, unknown_asset_type: 1 } });
  });

  it('R2: every new asset is allocated', () => {
    const result = plan([jamfDevice(1), jamfDevice(2, { kind: 'mobile', assetType: 'tablet', assignee: null })]);
    expect(result.creates.map((c) => c.status)).toEqual(['allocated', 'allocated']);
  });

  it('R16: an unmanaged device creates no asset, but its existing asset still gets its hardware facts', () => {
    const stored = jamfDevice(1);
    const unmanaged = jamfDevice(1, { managed: false, createBlockedBy: 'unmanaged', values: { memoryMb: 65536 } });
    const result = plan([unmanaged, jamfDevice(2, { managed: false, createBlockedBy: 'unmanaged' })], { assets: [assetOf(stored)] });
    expect(result.creates).toEqual([]);
    expect(result.skips).toEqual([{ reason: 'unmanaged', serialNumber: 'C02PLAN00002', jamfId: '2' }]);
    expect(result.updates).toEqual([
      expect.objectContaining({ serialNumber: 'C02PLAN00001', managed: false, changes: [{ field: 'memoryMb', old: 16384, new: 65536 }] }),
    ]);
  });

  it('R16: an existing asset whose device stops being managed records it, with no field change', () => {
    const stored = jamfDevice(1);
    const result = plan([jamfDevice(1, { managed: false, createBlockedBy: 'unmanaged' })], { assets: [assetOf(stored)] });
    expect(result.updates).toEqual([expect.objectContaining({ assetId: 'asset-C02PLAN00001', managed: false, changes: [] })]);
    expect(result.skips).toEqual([]);
  });
});
