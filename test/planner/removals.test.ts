import { removalRefusalReason } from '../../src/planner/removal-guard';
import { assetOf, jamfDevice, plan } from '../support/planner-factories';

/** Devices gone from Jamf (R14): the share guard, and an asset Jamf lists again, from plain values. */
describe('R14: the removal share guard', () => {
  it('allows removals up to the share, the share itself included', () => {
    expect(removalRefusalReason({ missing: 1, fleet: 10, threshold: 0.1 })).toBeNull();
    expect(removalRefusalReason({ missing: 3, fleet: 30, threshold: 0.1 })).toBeNull();
    expect(removalRefusalReason({ missing: 10, fleet: 10, threshold: 1 })).toBeNull();
  });

  it('refuses more than the share, with the reason the run fails with', () => {
    expect(removalRefusalReason({ missing: 3, fleet: 10, threshold: 0.1 })).toBe(
      '3 of 10 devices (30%) are missing from Jamf, more than the 10% this connection allows at once; none was marked removed. ' +
        "Check the Jamf API client's privileges and site scope; if the devices really left, raise the connection's removal threshold and sync again.",
    );
    expect(removalRefusalReason({ missing: 2, fleet: 10, threshold: 0.1 })).toMatch(/^2 of 10 devices \(20%\)/);
  });

  it('rounds both shares to whole percents in the reason', () => {
    expect(removalRefusalReason({ missing: 2, fleet: 3, threshold: 0.125 })).toMatch(/^2 of 3 devices \(67%\) .* more than the 13% /);
    expect(removalRefusalReason({ missing: 1, fleet: 8, threshold: 0.1 })).toMatch(/^1 of 8 devices \(13%\) .* more than the 10% /);
  });

  it('with a threshold of 0 refuses any removal; with nothing missing there is nothing to refuse', () => {
    expect(removalRefusalReason({ missing: 1, fleet: 1000, threshold: 0 })).toMatch(/^1 of 1000 devices \(0%\)/);
    expect(removalRefusalReason({ missing: 0, fleet: 1000, threshold: 0 })).toBeNull();
  });
});

describe('R14: planBatch and removed assets', () => {
  it('an asset marked removed that Jamf lists again is planned back to present, logged as a change', () => {
    const device = jamfDevice(7);
    const result = plan([device], { assets: [assetOf(device, { jamfPresence: 'removed' })] });
    expect(result.updates).toEqual([expect.objectContaining({ assetId: 'asset-C02PLAN00007', changes: [{ field: 'jamfPresence', old: 'removed', new: 'present' }] })]);
  });

  it('every device with a serial is reported as seen, so a complete run can tell which assets are missing', () => {
    const result = plan([jamfDevice(1), jamfDevice(2, { managed: false, createBlockedBy: 'unmanaged' }), jamfDevice(3, { serialNumber: null, createBlockedBy: 'no_serial' })]);
    expect(result.seen).toEqual([
      ['C02PLAN00001', '1'],
      ['C02PLAN00002', '2'],
    ]);
  });
});
