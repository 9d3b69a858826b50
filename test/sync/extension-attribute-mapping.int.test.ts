/**
 * Issue 19, field mapping: extension attributes fill any field Jamf owns, set with
 * `connections update --ea-map`, validated per device against the field's type. Over the simulator
 * and a real database: a good value applies, a bad one warns and keeps Jamf's value, and the run
 * goes on (R19).
 */
import { sql } from 'drizzle-orm';
import { testDatabaseKind } from '../support/test-database';
import { TEST_SECRET_BOX, harnessPerTest, type SyncHarness } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { failure, noSecrets } from '../admin/admin-support';
import { selectRows } from '../../src/db/query';
import { updateConnection } from '../../src/cli/connections/update-connection';
import { findConnection, toSyncTarget } from '../../src/connections/connection-store';
import { runFullSync } from '../../src/sync/full-sync';
import { mapJamfRecordToDevice } from '../../src/sync/record-to-device';
import { formatRunReport } from '../../src/sync/format-run-report';
import { loadConfig } from '../../src/config';
import { applyEnvironmentConnection } from '../../src/connections/default-connection';

const serialOf = (id: number) => `C02TEST${String(id).padStart(5, '0')}`;

describe(`extension attributes mapped onto asset fields (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();

  /** `connections update --org acme --ea-map …`, then a sync with the connection as stored. */
  async function mapAndSync(h: SyncHarness, eaMap: string[]) {
    await updateConnection({ db: h.db.db, box: TEST_SECRET_BOX }, { org: 'acme', eaMap, verify: false }, noSecrets());
    const found = await findConnection(h.db.db, 'acme');
    const target = toSyncTarget(found!.organization, found!.connection);
    const deps = { db: h.db.db, client: h.client, logger: h.logs.logger, mapDevice: mapJamfRecordToDevice, box: TEST_SECRET_BOX };
    return runFullSync(deps, target, { trigger: 'manual' });
  }

  const storedMapping = async (h: SyncHarness) =>
    (await selectRows<{ m: unknown }>(h.db.db, sql`select extension_attribute_mapping as m from jamf_connections`))[0].m;

  it('fills a numeric field from a good value; a bad value warns with the serial and keeps the Jamf value', async () => {
    const h = await suite.start({
      computers: [
        computer({ id: 1, ramMb: 16384, extensionAttributes: [{ name: 'RAM', values: ['32 GB'] }, { name: 'CPU', values: ['3.5 GHz'] }] }),
        computer({ id: 2, ramMb: 16384, extensionAttributes: [{ name: 'RAM', values: ['plenty'] }] }),
        computer({ id: 3, ramMb: 8192 }),
      ],
    });

    const report = await mapAndSync(h, ['RAM=memoryMb', 'CPU=processorFrequencyMhz:jamf']);

    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ created: 3, warnings: 1, errors: 0 });
    expect(await h.asset(serialOf(1))).toMatchObject({ memory_mb: 32768, processor_frequency_mhz: 3500 });
    expect(await h.asset(serialOf(2))).toMatchObject({ memory_mb: 16384 });
    expect(await h.asset(serialOf(3))).toMatchObject({ memory_mb: 8192 });
    const warning = {
      code: 'extension_attribute_invalid',
      serialNumber: serialOf(2),
      jamfId: '2',
      message: 'extension attribute "RAM": "plenty" is not memory in megabytes or with a unit, such as 16384 or "16 GB"; memoryMb keeps Jamf\'s value',
    };
    expect(report.warnings).toEqual([warning]);
    const events = await selectRows<Record<string, unknown>>(
      h.db.db,
      sql`select code, serial_number, jamf_id, message from sync_run_events where run_id = ${report.id}`,
    );
    expect(events).toEqual([{ code: warning.code, serial_number: warning.serialNumber, jamf_id: '2', message: warning.message }]);
    // The printed report lists each such device, since the admin fixes each attribute.
    expect(formatRunReport(report)).toContain(`${serialOf(2)}`);
    expect(formatRunReport(report)).toMatch(/Extension attribute values of the wrong type \(not applied\)/);
  });

  it("an existing asset takes the attribute's value, and Jamf's again when the attribute turns bad", async () => {
    const h = await suite.start({ computers: [computer({ id: 5, ramMb: 16384, extensionAttributes: [{ name: 'RAM', values: ['24 GB'] }] })] });
    expect((await mapAndSync(h, ['RAM=memoryMb'])).status).toBe('succeeded');
    expect(await h.asset(serialOf(5))).toMatchObject({ memory_mb: 24576 });

    h.sim.store.patch('computers', '5', { extensionAttributes: [{ definitionId: '100', name: 'RAM', values: ['twenty-four'] }] });
    const bad = await mapAndSync(h, ['RAM=memoryMb']);
    expect(bad).toMatchObject({ status: 'succeeded', counts: { warnings: 1 } });
    // Jamf's 16384 replaces the attribute's value: a bad attribute never stands in for the field's own source.
    expect(await h.asset(serialOf(5))).toMatchObject({ memory_mb: 16384 });
    expect(bad.warnings[0]).toMatchObject({ code: 'extension_attribute_invalid', serialNumber: serialOf(5) });
  });

  it('maps a mobile attribute filed in its section, by the connection stored in the first format', async () => {
    const iphone = mobile({ id: 10 });
    (iphone.hardware as Record<string, unknown>).extensionAttributes = [
      { id: '2', name: 'Screen', type: 'STRING', value: ['6.3 in'], extensionAttributeCollectionAllowed: false, inventoryDisplay: 'HARDWARE' },
    ];
    const h = await suite.start({ mobileDevices: [iphone] }, { settings: { extensionAttributeMapping: { Screen: 'displaySizeInches' } } });
    expect((await h.sync()).status).toBe('succeeded');
    // The catalog says 6.1 for an iPhone 15 Pro: the attribute wins by default.
    expect(Number((await h.asset('DMQTEST00010'))!.display_size_inches)).toBeCloseTo(6.3, 5);
  });

  it('refuses a map naming a field the inventory owns or no field at all, and writes nothing', async () => {
    const h = await suite.start({ computers: [computer({ id: 1 })] });
    await updateConnection({ db: h.db.db, box: TEST_SECRET_BOX }, { org: 'acme', eaMap: ['RAM=memoryMb'], verify: false }, noSecrets());

    const err = await failure(updateConnection({ db: h.db.db, box: TEST_SECRET_BOX }, { org: 'acme', eaMap: ['Owner=assignee,Rack=location,Mood=flavour'], verify: false }, noSecrets()));
    expect(err.message).toMatch(/nothing was written/);
    expect(err.problems).toEqual([
      expect.stringMatching(/^--ea-map: "Owner": "assignee" cannot be mapped: the inventory owns it \(R6\)/),
      expect.stringMatching(/^--ea-map: "Rack": "location" cannot be mapped: the inventory owns it/),
      expect.stringMatching(/^--ea-map: "Mood": "flavour" is not an asset field Jamf owns \(mappable: assetType, make, /),
    ]);
    expect(await storedMapping(h)).toEqual({ RAM: 'memoryMb' });
  });

  it('JAMF_EA_MAP sets the default organization\'s mapping at start; left empty it keeps the stored one', async () => {
    const env = { CONFIG_FILE: '', JAMF_URL: 'https://acme.jamfcloud.com', JAMF_CLIENT_ID: 'client-1', JAMF_CLIENT_SECRET: 'secret-1' };
    const mappingOfDefault = async () => (await findConnection(suite.db.db, 'default'))!.connection.extensionAttributeMapping;

    await applyEnvironmentConnection(suite.db.db, loadConfig({ ...env, JAMF_EA_MAP: 'RAM=memoryMb, Screen=displaySizeInches:derived' }));
    expect(await mappingOfDefault()).toEqual({ RAM: 'memoryMb', Screen: 'displaySizeInches:derived' });

    await applyEnvironmentConnection(suite.db.db, loadConfig({ ...env, JAMF_EA_MAP: '' }));
    expect(await mappingOfDefault()).toEqual({ RAM: 'memoryMb', Screen: 'displaySizeInches:derived' });
  });
});
