import { sql } from 'drizzle-orm';
import { testDatabaseKind } from '../support/test-database';
import { harnessPerTest } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { selectRows } from '../../src/db/query';

/**
 * R19 for a device Jamf Pro cannot render: every page holding it answers 500 (a single HTTP 500
 * used to fail the whole nightly run). The run ends `partial`, that device is reported, every
 * other device is synced, and nothing is marked removed from an incomplete pass.
 */
describe(`a device Jamf cannot render (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();

  const computers = Array.from({ length: 45 }, (_, index) => computer({ id: index + 1 }));
  const mobiles = Array.from({ length: 12 }, (_, index) => mobile({ id: index + 101 }));
  const jamfIds = async () =>
    (await selectRows<{ jamf_id: string }>(suite.db.db, sql`select jamf_id from assets order by jamf_id::int`)).map((row) => row.jamf_id);

  it('finishes partial with that device reported (serial and Jamf id) and every other device synced', async () => {
    const h = await suite.start({ computers, mobileDevices: mobiles }, { settings: { pageSize: 20 } });
    const first = await h.sync();
    expect(first.status).toBe('succeeded');
    expect(await h.asset('C02TEST00017')).toBeDefined();

    h.sim.setFaults({ unrenderableComputerIds: ['17'], unrenderableMobileDeviceIds: ['105'] });
    const report = await h.sync();

    expect(report.status).toBe('partial');
    const unreadable = report.errors.filter((issue) => issue.code === 'jamf_device_unreadable');
    expect(unreadable.map((issue) => [issue.jamfId, issue.serialNumber])).toEqual([
      ['17', 'C02TEST00017'],
      ['105', 'DMQTEST00105'],
    ]);
    expect(unreadable[0]?.message).toContain('answers 500 for the computer id 17');
    expect(report.counts.fetched).toBe(45 + 12 - 2);
    // Not seen is not gone: the pass was incomplete, so no asset is marked removed.
    expect(report.counts.removed).toBe(0);
    expect(report.warnings.map((issue) => issue.code)).toContain('removal_check_skipped');
    const present = await selectRows<{ n: number }>(suite.db.db, sql`select count(*)::int as n from assets where jamf_presence = 'present'`);
    expect(present[0]?.n).toBe(57);
  });

  it('creates every other device on a first sync, the unrenderable one not at all', async () => {
    const h = await suite.start({ computers, mobileDevices: mobiles }, { settings: { pageSize: 20 } });
    h.sim.setFaults({ unrenderableComputerIds: ['30'] });

    const report = await h.sync();

    expect(report.status).toBe('partial');
    expect(report.errors.map((issue) => [issue.code, issue.jamfId, issue.serialNumber])).toEqual([['jamf_device_unreadable', '30', null]]);
    expect(await jamfIds()).toEqual([...Array.from({ length: 45 }, (_, i) => String(i + 1)).filter((id) => id !== '30'), ...Array.from({ length: 12 }, (_, i) => String(i + 101))]);
  });
});
