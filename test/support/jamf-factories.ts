/**
 * Jamf records for tests, in the shapes Jamf's list endpoints return (computers-inventory results;
 * mobile-devices/detail results), with only what a test states plus realistic defaults.
 */

type Json = Record<string, unknown>;

export interface ComputerSpec {
  id: number | string;
  serial?: string | null;
  managed?: boolean;
  model?: string;
  modelIdentifier?: string;
  reportDate?: string;
  email?: string | null;
  realname?: string | null;
  username?: string | null;
  ramMb?: number;
  processor?: string;
  mhz?: number;
  os?: { name: string; version: string; build: string };
  bootDisk?: { model: string; sizeMegabytes: number } | null;
  activationLock?: boolean;
  recoveryLock?: boolean;
  appleCareId?: string | null;
  extensionAttributes?: Array<{ name: string; values: string[] }>;
}

export function computer(spec: ComputerSpec): Json {
  const os = spec.os ?? { name: 'macOS', version: '14.5.0', build: '23F79' };
  const disk = spec.bootDisk === undefined ? { model: 'APPLE SSD AP0512Q', sizeMegabytes: 500277 } : spec.bootDisk;
  return {
    id: String(spec.id),
    udid: `UDID-C-${spec.id}`,
    general: {
      name: `Mac-${spec.id}`,
      platform: 'Mac',
      assetTag: '',
      remoteManagement: { managed: spec.managed ?? true },
      supervised: true,
      reportDate: spec.reportDate ?? '2026-11-01T10:00:00.123Z',
      lastContactTime: spec.reportDate ?? '2026-11-01T10:00:00.123Z',
      lastEnrolledDate: '2025-01-10T09:00:00Z',
      site: { id: '-1', name: 'None' },
      extensionAttributes: [],
    },
    hardware: {
      make: 'Apple',
      model: spec.model ?? 'MacBook Pro (14-inch, M3, Nov 2023)',
      modelIdentifier: spec.modelIdentifier ?? 'Mac15,3',
      serialNumber: spec.serial === undefined ? `C02TEST${String(spec.id).padStart(5, '0')}` : spec.serial,
      processorSpeedMhz: spec.mhz ?? 0,
      processorCount: 1,
      coreCount: 8,
      processorType: spec.processor ?? 'Apple M3',
      processorArchitecture: 'arm64',
      totalRamMegabytes: spec.ramMb ?? 16384,
      appleSilicon: (spec.mhz ?? 0) === 0,
      macAddress: '6A:2C:4B:B7:65:B5',
      extensionAttributes: [],
    },
    operatingSystem: { name: os.name, version: os.version, build: os.build, fileVault2Status: 'ALL_ENCRYPTED', extensionAttributes: [] },
    userAndLocation: {
      username: spec.username === undefined ? `user${spec.id}` : spec.username,
      realname: spec.realname === undefined ? `Jane Doe${spec.id}` : spec.realname,
      email: spec.email === undefined ? `user${spec.id}@acme.example` : spec.email,
      position: 'Engineer',
      phone: '',
      departmentId: '1',
      buildingId: '1',
      room: '',
      extensionAttributes: [],
    },
    security: {
      sipStatus: 'ENABLED',
      activationLockEnabled: spec.activationLock ?? false,
      recoveryLockEnabled: spec.recoveryLock ?? false,
      firewallEnabled: true,
    },
    storage: {
      bootDriveAvailableSpaceMegabytes: 100000,
      disks: disk
        ? [
            {
              id: '1',
              device: 'disk0',
              model: disk.model,
              revision: '1',
              serialNumber: 'DISK1',
              sizeMegabytes: disk.sizeMegabytes,
              smartStatus: 'Verified',
              type: 'false',
              partitions: [{ name: 'Macintosh HD', sizeMegabytes: disk.sizeMegabytes, availableMegabytes: 100000, partitionType: 'BOOT', percentUsed: 80, fileVault2State: 'ENCRYPTED', fileVault2ProgressPercent: 100, lvmManaged: false }],
            },
          ]
        : [],
    },
    purchasing: {
      leased: false,
      purchased: true,
      poNumber: '',
      poDate: '2025-01-01',
      vendor: 'Apple',
      warrantyDate: '2028-01-01',
      appleCareId: spec.appleCareId === undefined ? null : spec.appleCareId,
      extensionAttributes: [],
    },
    extensionAttributes: (spec.extensionAttributes ?? []).map((ea, i) => ({
      definitionId: String(100 + i),
      name: ea.name,
      enabled: true,
      multiValue: false,
      values: ea.values,
      dataType: 'STRING',
      inputType: 'TEXT',
    })),
  };
}

export interface MobileSpec {
  id: number | string;
  serial?: string | null;
  managed?: boolean;
  deviceType?: string;
  model?: string;
  modelIdentifier?: string;
  modelNumber?: string;
  reportDate?: string;
  email?: string | null;
  realName?: string | null;
  username?: string | null;
  capacityMb?: number;
  imei?: string;
  osVersion?: string;
  activationLock?: boolean;
}

export function mobile(spec: MobileSpec): Json {
  return {
    mobileDeviceId: String(spec.id),
    deviceType: spec.deviceType ?? 'iOS',
    hardware: {
      capacityMb: spec.capacityMb ?? 131072,
      availableSpaceMb: 60000,
      serialNumber: spec.serial === undefined ? `DMQTEST${String(spec.id).padStart(5, '0')}` : spec.serial,
      wifiMacAddress: 'ee:00:7c:f0:e5:ff',
      model: spec.model ?? 'iPhone 15 Pro',
      modelIdentifier: spec.modelIdentifier ?? 'iPhone16,1',
      modelNumber: spec.modelNumber ?? 'MTQA3LL',
    },
    userAndLocation: {
      username: spec.username === undefined ? `muser${spec.id}` : spec.username,
      realName: spec.realName === undefined ? `Sam Roe${spec.id}` : spec.realName,
      emailAddress: spec.email === undefined ? `muser${spec.id}@acme.example` : spec.email,
      position: '',
      phoneNumber: '',
      departmentId: '1',
      buildingId: '1',
      room: '',
    },
    general: {
      udid: `udid-m-${spec.id}`,
      displayName: `Phone ${spec.id}`,
      assetTag: '',
      siteId: '-1',
      lastInventoryUpdateDate: spec.reportDate ?? '2026-11-01T11:00:00.000Z',
      osVersion: spec.osVersion ?? '17.5',
      osBuild: '21F79',
      managed: spec.managed ?? true,
      supervised: true,
      managementId: `mgmt-${spec.id}`,
    },
    security: { activationLockEnabled: spec.activationLock ?? true, dataProtected: true, passcodePresent: true },
    network: { imei: spec.imei ?? '35 209900 176148 1', imei2: '', meid: '', iccid: '' },
    purchasing: { appleCareId: null, warrantyExpiresDate: null },
    extensionAttributes: [],
  };
}
