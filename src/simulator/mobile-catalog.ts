/**
 * iPhones, iPads, Apple TVs and a watch as Jamf Pro reports them in mobile device inventory.
 * `modelNumber` is Apple's part number without the region suffix (Jamf shows "MP2F2LL", not
 * "MP2F2LL/A"); Wi-Fi-only iPads and Apple TVs report an empty IMEI.
 */

type MobileDeviceType = 'iOS' | 'tvOS' | 'watchOS';

interface MobileOsRelease {
  version: string;
  build: string;
}

export interface MobileModel {
  model: string;
  modelIdentifier: string;
  modelNumbers: readonly string[];
  deviceType: MobileDeviceType;
  /** Has a cellular modem (iPhones, cellular iPads, watches with LTE). */
  cellular: boolean;
  capacitiesMb: readonly number[];
  osReleases: readonly MobileOsRelease[];
  weight: number;
  /**
   * Apple's chip id (CPID) for A12 and later: those devices' UDIDs read `0000{chipId}-{ECID}`, e.g.
   * 00008110-001A2D6E3C38802E; older ones have 40 hex digits.
   */
  chipId?: string;
}

const IOS18: readonly MobileOsRelease[] = [
  { version: '18.3.1', build: '22D72' },
  { version: '18.2.1', build: '22C161' },
  { version: '18.1', build: '22B83' },
];
const IOS17: readonly MobileOsRelease[] = [
  { version: '17.7.2', build: '21H221' },
  { version: '17.6.1', build: '21G93' },
];
const IOS_OLD: readonly MobileOsRelease[] = [
  { version: '16.7.10', build: '20H350' },
  { version: '15.8.3', build: '19H386' },
];

// Capacities as iOS reports them (formatted size, not the marketing size).
const GB64 = 59554;
const GB128 = 121929;
const GB256 = 243859;
const GB32 = 27503;

export const MOBILE_MODELS: readonly MobileModel[] = [
  { model: 'iPhone 15 Pro', modelIdentifier: 'iPhone16,1', modelNumbers: ['MTQP3LL', 'MTUV3LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB128, GB256], osReleases: IOS18, weight: 10, chipId: '8130' },
  { model: 'iPhone 15', modelIdentifier: 'iPhone15,4', modelNumbers: ['MTLX3LL', 'MTM13LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB128], osReleases: IOS18, weight: 12, chipId: '8120' },
  { model: 'iPhone 14', modelIdentifier: 'iPhone14,7', modelNumbers: ['MPUF3LL', 'MPVA3LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB128], osReleases: [...IOS18, ...IOS17], weight: 10, chipId: '8110' },
  { model: 'iPhone 13', modelIdentifier: 'iPhone14,5', modelNumbers: ['MLMN3LL', 'MLML3LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB128], osReleases: [...IOS18, ...IOS17], weight: 8, chipId: '8110' },
  { model: 'iPhone SE (3rd generation)', modelIdentifier: 'iPhone14,6', modelNumbers: ['MMXF3LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB64], osReleases: IOS18, weight: 5, chipId: '8110' },
  { model: 'iPhone 12', modelIdentifier: 'iPhone13,2', modelNumbers: ['MGJ53LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB64, GB128], osReleases: IOS17, weight: 4, chipId: '8101' },
  { model: 'iPhone 6', modelIdentifier: 'iPhone7,2', modelNumbers: ['MG4N2LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [12159], osReleases: [{ version: '12.5.7', build: '16H81' }], weight: 0.5 },
  { model: 'iPad 9th Generation (Wi-Fi)', modelIdentifier: 'iPad12,1', modelNumbers: ['MK2K3LL', 'MK2L3LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB64, GB256], osReleases: [...IOS18, ...IOS17], weight: 8, chipId: '8030' },
  { model: 'iPad 9th Generation (Cellular)', modelIdentifier: 'iPad12,2', modelNumbers: ['MK473LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB64], osReleases: IOS18, weight: 2, chipId: '8030' },
  { model: 'iPad 10th Generation (Wi-Fi)', modelIdentifier: 'iPad13,18', modelNumbers: ['MPQ03LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB64], osReleases: IOS18, weight: 4, chipId: '8101' },
  { model: 'iPad Air 5th Generation (Wi-Fi)', modelIdentifier: 'iPad13,16', modelNumbers: ['MM9C3LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB64, GB256], osReleases: IOS18, weight: 3, chipId: '8103' },
  { model: 'iPad Pro (11-inch) 4th Generation (Wi-Fi)', modelIdentifier: 'iPad14,3', modelNumbers: ['MNXD3LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB128], osReleases: IOS18, weight: 2, chipId: '8112' },
  { model: 'iPad mini 6th Generation (Cellular)', modelIdentifier: 'iPad14,2', modelNumbers: ['MK8F3LL'], deviceType: 'iOS', cellular: true, capacitiesMb: [GB64], osReleases: [...IOS18, ...IOS17], weight: 1.5, chipId: '8110' },
  { model: 'iPad 7th Generation (Wi-Fi)', modelIdentifier: 'iPad7,11', modelNumbers: ['MW742LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB32], osReleases: [...IOS18, ...IOS_OLD], weight: 2 },
  { model: 'iPad 5th Generation (Wi-Fi)', modelIdentifier: 'iPad6,11', modelNumbers: ['MP2F2LL'], deviceType: 'iOS', cellular: false, capacitiesMb: [GB32], osReleases: IOS_OLD, weight: 1.5 },
  { model: 'Apple TV 4K (3rd generation)', modelIdentifier: 'AppleTV14,1', modelNumbers: ['MN873LL'], deviceType: 'tvOS', cellular: false, capacitiesMb: [GB64], osReleases: [{ version: '18.2', build: '22K154' }, { version: '17.6', build: '21M71' }], weight: 2, chipId: '8110' },
  { model: 'Apple TV HD', modelIdentifier: 'AppleTV5,3', modelNumbers: ['MR912LL'], deviceType: 'tvOS', cellular: false, capacitiesMb: [GB32], osReleases: [{ version: '17.6', build: '21M71' }], weight: 1 },
  { model: 'Apple Watch Series 9 (GPS + Cellular, 45mm)', modelIdentifier: 'Watch7,4', modelNumbers: ['MRMQ3LL'], deviceType: 'watchOS', cellular: true, capacitiesMb: [GB64], osReleases: [{ version: '11.2', build: '22S101' }], weight: 0.5 },
];

export const MOBILE_MODEL_WEIGHTS: readonly number[] = MOBILE_MODELS.map((m) => m.weight);
