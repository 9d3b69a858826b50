import type { ExtensionAttributeMapping } from '../db/schema';
import type { DeviceScope } from '../scope/device-scope';

/** What a sync needs to know about the organization and its Jamf connection. */
export interface SyncTarget {
  organizationId: string;
  organizationSlug: string;
  connectionId: string | null;
  employeePolicy: 'create' | 'hold';
  ignoreList: readonly string[];
  /** R9: name a nameless Jamf user from a first.last@ address (connection setting derive_names_from_email). */
  deriveNamesFromEmail: boolean;
  extensionAttributeMapping: ExtensionAttributeMapping;
  fetchFileVaultKeys: boolean;
  /** R14 guard: share of the fleet above which removals are refused. */
  removalThreshold: number;
  pageSize: number;
  /** Which devices the connection syncs; absent or {} is every device (src/scope/). */
  deviceScope?: DeviceScope;
}
