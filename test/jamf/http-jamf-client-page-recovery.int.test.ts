/**
 * Pages Jamf cannot serve at the asked size, through the real client and the simulator over HTTP:
 * a 504 from the edge above a page size, pages slow in proportion to their size, and one device
 * that makes every page holding it answer 500.
 */
import type { UnreadableDeviceReport } from '../../src/jamf/jamf-client';
import { captureLogs } from '../support/log-capture';
import { collect, requestsTo, startTestSimulator, testClient, type Simulator } from './simulator-harness';

const ids = (records: Array<{ id?: string; mobileDeviceId?: string }>) => records.map((r) => String(r.id ?? r.mobileDeviceId));
const oneTo = (n: number, except: string[] = []) =>
  Array.from({ length: n }, (_, index) => String(index + 1)).filter((id) => !except.includes(id));

describe('HttpJamfClient with pages Jamf cannot serve (simulator)', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startTestSimulator({ computers: 130, mobiles: 45 });
  });
  afterAll(() => simulator.close());
  afterEach(() =>
    simulator.setFaults({ gatewayTimeoutAbovePageSize: 0, latencyPerRecordMs: 0, unrenderableComputerIds: [], unrenderableMobileDeviceIds: [] }),
  );

  it('reads pages the edge answers 504 for at a smaller size, every device once and in order', async () => {
    simulator.setFaults({ gatewayTimeoutAbovePageSize: 40 });
    const client = testClient(simulator, { pageSize: 100 });

    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));

    expect(ids(computers)).toEqual(oneTo(130));
    expect(client.stats().retries).toBe(0); // shrinking is not retrying the same page
    await client.close();
  });

  it('reads a page that times out at 1,000 at a smaller size', async () => {
    // 4 ms per record: a page of 1,000 (or of all 130) would take 520 ms or more, a page of 62 about 250 ms.
    simulator.setFaults({ latencyPerRecordMs: 4 });
    const { logger, text } = captureLogs('warn');
    const client = testClient(simulator, { pageSize: 1000, timeoutMs: 400, minPageSize: 10, logger });

    const computers = await collect(client.streamComputers({ sections: ['GENERAL'] }));

    expect(ids(computers)).toEqual(oneTo(130));
    expect(text()).toContain('could not serve 1000 records per page');
    await client.close();
  });

  it('reports the one computer Jamf cannot render and reads all the others', async () => {
    simulator.setFaults({ unrenderableComputerIds: ['37'] });
    const reports: UnreadableDeviceReport[] = [];
    const client = testClient(simulator, { pageSize: 20 });

    const computers = await collect(client.streamComputers({ sections: ['GENERAL'], onUnreadableDevice: (r) => reports.push(r) }));

    expect(ids(computers)).toEqual(oneTo(130, ['37']));
    expect(reports).toEqual([{ kind: 'computer', position: 36, jamfId: '37', previousId: '36', nextId: '38' }]);
    await client.close();
  });

  it('does the same for mobile devices, two of them next to each other', async () => {
    simulator.setFaults({ unrenderableMobileDeviceIds: ['10', '11'] });
    const reports: UnreadableDeviceReport[] = [];
    const client = testClient(simulator, { pageSize: 16 });
    const before = requestsTo(simulator, '/api/v2/mobile-devices/detail');

    const mobiles = await collect(client.streamMobileDevices({ sections: ['GENERAL'], onUnreadableDevice: (r) => reports.push(r) }));

    expect(ids(mobiles)).toEqual(oneTo(45, ['10', '11']));
    // Side by side, each is the other's unreadable neighbour: the positions are certain, the ids are not.
    expect(reports.map((r) => [r.position, r.previousId, r.nextId, r.jamfId])).toEqual([
      [9, '9', null, null],
      [10, null, '12', null],
    ]);
    // Splitting costs a bounded number of requests, not one per device of the fleet.
    expect(requestsTo(simulator, '/api/v2/mobile-devices/detail') - before).toBeLessThan(45);
    await client.close();
  });
});
