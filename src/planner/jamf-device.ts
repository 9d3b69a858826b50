import type { AssetType } from '../catalog/types';
import type { JamfOwnedValues } from './jamf-owned-fields';

export type SkipReason = 'unmanaged' | 'no_serial' | 'unknown_asset_type' | 'duplicate_serial_in_jamf' | 'stale_record';

/** What the sync needs of one Jamf record (computer or mobile device), already mapped to asset facts. */
export interface JamfDevice {
  kind: 'computer' | 'mobile';
  jamfId: string;
  /** Trimmed and upper-cased; null when Jamf has none (devices not yet checked in). */
  serialNumber: string | null;
  managed: boolean;
  /** Jamf's last inventory report (ISO), used to never roll an asset back to older data. */
  reportDate: string | null;
  assetType: AssetType;
  values: JamfOwnedValues;
  assignee: JamfPerson | null;
  secure: SecureFacts;
  /** Why R1 forbids creating an asset from it (an existing asset is still updated). */
  createBlockedBy: 'unmanaged' | 'no_serial' | 'unknown_asset_type' | null;
  /** Mapped extension attributes whose value had the wrong type: reported, never applied. */
  mappingWarnings?: readonly string[];
}

export interface JamfPerson {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
}

export interface SecureFacts {
  activationLockEnabled: boolean | null;
  recoveryLockEnabled: boolean | null;
  appleCareId: string | null;
}

export function normalizeSerial(serial: string | null | undefined): string | null {
  const value = serial?.trim().toUpperCase();
  return value ? value : null;
}
