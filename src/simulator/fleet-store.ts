import { createHash } from 'node:crypto';
import type { Building, Department, FleetData, JsonObject, SimulatorFleet } from './fleet-types';
import { deepMerge, isPlainObject } from './deep-merge';
import { isoDateTime } from './value-formats';

export type DeviceKind = 'computers' | 'mobileDevices';

/** Where each kind keeps its id and its "last inventory" time. */
const ID_KEY: Record<DeviceKind, string> = { computers: 'id', mobileDevices: 'mobileDeviceId' };

/**
 * The simulator's in-memory tenant: one record per device in the shape the list endpoints return.
 * Records are stored as given (a malformed one included), keyed by id in insertion order.
 * `version` changes on every write, so callers can cache derived views.
 */
export class FleetStore {
  private readonly records: Record<DeviceKind, Map<string, JsonObject>> = {
    computers: new Map(),
    mobileDevices: new Map(),
  };
  private readonly nextId: Record<DeviceKind, number> = { computers: 1, mobileDevices: 1 };
  readonly departments: Department[];
  readonly buildings: Building[];
  private readonly fileVaultKeys: Map<string, string>;
  private writeCount = 0;

  constructor(fleet: SimulatorFleet | FleetData, private readonly now: () => number = Date.now) {
    for (const record of fleet.computers ?? []) this.add('computers', record);
    for (const record of fleet.mobileDevices ?? []) this.add('mobileDevices', record);
    this.departments = (fleet.departments ?? []) as Department[];
    this.buildings = (fleet.buildings ?? []) as Building[];
    this.fileVaultKeys = new Map(Object.entries(fleet.fileVaultRecoveryKeys ?? {}));
    this.writeCount = 0;
  }

  get version(): number {
    return this.writeCount;
  }

  list(kind: DeviceKind): JsonObject[] {
    return [...this.records[kind].values()];
  }

  count(kind: DeviceKind): number {
    return this.records[kind].size;
  }

  get(kind: DeviceKind, id: string): JsonObject | undefined {
    return this.records[kind].get(id);
  }

  /** Stores a record as given; only a missing id is filled in. Returns the stored record. */
  add(kind: DeviceKind, record: JsonObject): JsonObject {
    const idKey = ID_KEY[kind];
    const givenId = record[idKey];
    let id: string;
    if (typeof givenId === 'string' && givenId !== '') id = givenId;
    else if (typeof givenId === 'number') id = String(givenId);
    else {
      id = String(this.nextId[kind]);
      record = { [idKey]: id, ...record };
    }
    const numeric = Number(id);
    if (Number.isInteger(numeric) && numeric >= this.nextId[kind]) this.nextId[kind] = numeric + 1;
    this.records[kind].set(id, record);
    this.writeCount++;
    return record;
  }

  /**
   * Deep-merges a partial record and, unless the patch sets it, moves the inventory time to now,
   * as a fresh inventory report would.
   */
  patch(kind: DeviceKind, id: string, partial: JsonObject): JsonObject | undefined {
    const current = this.records[kind].get(id);
    if (!current) return undefined;
    const nowIso = isoDateTime(this.now());
    const general = isPlainObject(partial.general) ? partial.general : {};
    const bump: JsonObject =
      kind === 'computers'
        ? { reportDate: nowIso, lastContact: nowIso, lastCheckIn: nowIso }
        : { lastInventoryUpdateDate: nowIso };
    const merged = deepMerge(current, { ...partial, general: { ...bump, ...general } });
    this.records[kind].set(id, merged);
    this.writeCount++;
    return merged;
  }

  remove(kind: DeviceKind, id: string): boolean {
    const removed = this.records[kind].delete(id);
    if (removed) {
      this.writeCount++;
      if (kind === 'computers') this.fileVaultKeys.delete(id);
    }
    return removed;
  }

  fileVaultKey(computerId: string): string | undefined {
    return this.fileVaultKeys.get(computerId);
  }

  /**
   * The Recovery Lock password of a Mac that has Recovery Lock on, derived from its UDID: stable
   * across restarts and never part of the inventory record, as in Jamf.
   */
  recoveryLockPassword(computerId: string): string | undefined {
    const record = this.records.computers.get(computerId);
    const security = record && isPlainObject(record.security) ? record.security : null;
    if (!record || security?.recoveryLockEnabled !== true) return undefined;
    return createHash('sha256').update(`recovery-lock:${String(record.udid ?? computerId)}`).digest('base64url').slice(0, 16);
  }

  setFileVaultKey(computerId: string, key: string | null): void {
    if (key === null) this.fileVaultKeys.delete(computerId);
    else this.fileVaultKeys.set(computerId, key);
    this.writeCount++;
  }
}
