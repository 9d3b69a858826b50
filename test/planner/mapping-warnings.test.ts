import { assetOf, jamfDevice, plan } from '../support/planner-factories';

/**
 * A mapped extension attribute with a value of the wrong type comes with the device as a message
 * (the catalog decided it); the plan reports it per device, whether the device is created, updated
 * or unchanged, and plans the device as if the attribute had no value (R19).
 */
describe('planBatch: extension-attribute warnings', () => {
  const message = 'extension attribute "RAM": "plenty" is not memory in megabytes …; memoryMb keeps Jamf\'s value';

  it('reports each warning with serial and Jamf id, and still plans the device', () => {
    const created = jamfDevice(1, { mappingWarnings: [message] });
    const unchanged = jamfDevice(2, { mappingWarnings: [message] });
    const clean = jamfDevice(3);
    const result = plan([created, unchanged, clean], { assets: [assetOf(unchanged)] });

    expect(result.creates.map((c) => c.serialNumber)).toEqual(['C02PLAN00001', 'C02PLAN00003']);
    expect(result.unchanged.map((u) => u.serialNumber)).toEqual(['C02PLAN00002']);
    expect(result.warnings).toEqual([
      { code: 'extension_attribute_invalid', serialNumber: 'C02PLAN00001', jamfId: '1', message },
      { code: 'extension_attribute_invalid', serialNumber: 'C02PLAN00002', jamfId: '2', message },
    ]);
  });
});
