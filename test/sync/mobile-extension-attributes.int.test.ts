/**
 * Jamf files a mobile extension attribute under the section its inventoryDisplay names; a mapped
 * colour there must reach the asset, from the nightly pages and from a webhook's single fetch.
 */
import { testDatabaseKind } from '../support/test-database';
import { harnessPerTest } from '../support/sync-harness';
import { mobile } from '../support/jamf-factories';

const colour = (value: string) => ({
  id: '2', name: 'Colour', type: 'STRING', value: [value], extensionAttributeCollectionAllowed: false, inventoryDisplay: 'HARDWARE',
});

describe(`mobile extension attributes in their sections (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();

  it('maps an attribute in hardware.extensionAttributes, in a full sync and in a webhook refresh', async () => {
    const iphone = mobile({ id: 10, reportDate: '2026-11-01T11:00:00.000Z' });
    (iphone.hardware as Record<string, unknown>).extensionAttributes = [colour('Blue Titanium')];
    const h = await suite.start({ mobileDevices: [iphone] }, { settings: { extensionAttributeMapping: { Colour: 'color' } } });

    expect((await h.sync()).status).toBe('succeeded');
    expect(await h.asset('DMQTEST00010')).toMatchObject({ color: 'Blue Titanium' });

    h.sim.store.patch('mobileDevices', '10', { general: { lastInventoryUpdateDate: '2026-11-02T11:00:00.000Z' }, hardware: { extensionAttributes: [colour('Natural Titanium')] } });
    expect((await h.syncDevices([{ kind: 'mobile', jamfId: '10' }])).report.status).toBe('succeeded');
    expect(await h.asset('DMQTEST00010')).toMatchObject({ color: 'Natural Titanium' });
    expect(h.sim.stats().byPath['/api/v2/mobile-devices/:id/detail']).toBe(1);
  });
});
