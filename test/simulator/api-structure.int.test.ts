/**
 * The simulator must answer in Jamf's shapes: for each real sample in test/fixtures/jamf, every key
 * path the sample has must be served with the same JSON type (null allowed on either side, since
 * Jamf sends null for almost anything). Paths the simulator deliberately leaves out are listed
 * below with the reason; everything else failing here means a field drifted.
 */
import type { AxiosInstance } from 'axios';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { computerSections } from '../../src/simulator/computer-views';
import { apiClient, rawClient } from './simulator-client';
import { structureMismatches } from './key-path-types';
import computersV3Page from '../fixtures/jamf/computers-inventory-page.json';
import computersV4Page from '../fixtures/jamf/computers-inventory-v4-page-sdk-mock.json';
import fileVaultPage from '../fixtures/jamf/computers-inventory-filevault-page.json';
import mobileListPage from '../fixtures/jamf/mobile-devices-list-page.json';
import mobileDetail from '../fixtures/jamf/mobile-device-detail.json';
import mobileDetailPage from '../fixtures/jamf/mobile-devices-detail-page-sdk-mock.json';
import tokenResponse from '../fixtures/jamf/oauth-token-response.json';
import error401 from '../fixtures/jamf/api-error-401.json';

/** Sample paths the simulator serves empty (`[]`/null) on purpose; the sync reads none of them. */
const OMITTED_COMPUTER_PATHS = [
  // Jamf's doc generator wrapped this list in a second list; real tenants send a flat list.
  'results[].general.mdmCapable.userManagementInfo',
  'results[].printers',
  'results[].attachments',
  'results[].licensedSoftware',
  'results[].ibeacons',
  'results[].softwareUpdates',
  'results[].contentCaching',
];
const OMITTED_MOBILE_DETAIL_PATHS = [
  'ios.serviceSubscriptions',
  'ios.ebooks',
  'ios.mdmCapableUsers',
  'ios.provisioningProfiles',
  'ios.attachments',
];

let simulator: RunningSimulator;
let api: AxiosInstance;

beforeAll(async () => {
  simulator = await startSimulator({ computers: 12, mobiles: 12, seed: 1 });
  api = await apiClient(simulator);
});
afterAll(() => simulator.close());

const allSections = (version: 3 | 4): string[] => computerSections(version).map(([name]) => name);
const MOBILE_SECTIONS = ['GENERAL', 'HARDWARE', 'USER_AND_LOCATION', 'SECURITY', 'NETWORK', 'PURCHASING', 'APPLICATIONS', 'EXTENSION_ATTRIBUTES'];

async function served(path: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const response = await api.get(path, { params });
  expect(response.status).toBe(200);
  return response.data;
}

describe('responses have the structure of real Jamf samples', () => {
  it('GET /api/v3/computers-inventory (all sections)', async () => {
    const body = await served('/api/v3/computers-inventory', { section: allSections(3) });
    expect(structureMismatches(computersV3Page, body, OMITTED_COMPUTER_PATHS)).toEqual([]);
  });

  it('GET /api/v4/computers-inventory', async () => {
    const body = await served('/api/v4/computers-inventory', { section: allSections(4) });
    expect(structureMismatches(computersV4Page, body)).toEqual([]);
    const v3Paths = structureMismatches(computersV3Page, body, OMITTED_COMPUTER_PATHS);
    // v4 is v3 with the last-contact field renamed, so the v3 sample fits v4 but for that field.
    expect(v3Paths).toEqual(['results[].general.lastContactTime: missing (sample has string)']);
  });

  it('GET /api/v3/computers-inventory/filevault', async () => {
    expect(structureMismatches(fileVaultPage, await served('/api/v3/computers-inventory/filevault'))).toEqual([]);
  });

  it('GET /api/v2/mobile-devices', async () => {
    expect(structureMismatches(mobileListPage, await served('/api/v2/mobile-devices'))).toEqual([]);
  });

  it('GET /api/v2/mobile-devices/detail', async () => {
    const body = await served('/api/v2/mobile-devices/detail', { section: MOBILE_SECTIONS });
    expect(structureMismatches(mobileDetailPage, body)).toEqual([]);
  });

  it('GET /api/v2/mobile-devices/{id}/detail (an iPhone or iPad: ios filled, other platforms null)', async () => {
    const body = await served('/api/v2/mobile-devices/1/detail');
    expect(body).toMatchObject({ type: 'ios', tvos: null, watchos: null, visionos: null });
    expect(structureMismatches(mobileDetail, body, OMITTED_MOBILE_DETAIL_PATHS)).toEqual([]);
  });

  it('GET /api/v2/mobile-devices/{id}/detail (an Apple TV: tvos filled)', async () => {
    const body = await served('/api/v2/mobile-devices/3/detail');
    expect(body).toMatchObject({ type: 'tvos', ios: null });
    expect(structureMismatches({ tvos: mobileDetail.tvos }, body)).toEqual([]);
  });

  it('POST /api/oauth/token', async () => {
    const response = await rawClient(simulator).post(
      '/api/oauth/token',
      new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sim-client', client_secret: 'sim-secret' }),
    );
    expect(response.status).toBe(200);
    expect(structureMismatches(tokenResponse, response.data)).toEqual([]);
  });

  it('401 with a token Jamf does not know', async () => {
    const response = await rawClient(simulator).get('/api/v3/computers-inventory', { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
    expect(response.data).toEqual(error401);
  });
});
