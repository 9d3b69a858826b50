/**
 * Shapes of the simulator's fleet. Records are kept exactly as the Jamf list endpoints return them
 * (computers: a full `computers-inventory` record in its v4 form; mobiles: a
 * `mobile-devices/detail` record), so every other shape is derived from one source of truth.
 *
 * Stored records are plain JSON objects, not these interfaces: a record posted through the control
 * API may be deliberately malformed, and it must be served back exactly as given.
 */

export type JsonObject = Record<string, unknown>;

interface IdAndName {
  id: string;
  name: string;
}

export interface Building extends IdAndName {
  streetAddress1: string | null;
  streetAddress2: string | null;
  city: string | null;
  stateProvince: string | null;
  zipPostalCode: string | null;
  country: string | null;
}

export type Department = IdAndName;

export interface ComputerExtensionAttribute {
  definitionId: string;
  name: string;
  description: string | null;
  enabled: boolean;
  multiValue: boolean;
  values: string[] | null;
  dataType: 'STRING' | 'INTEGER' | 'DATE_TIME' | null;
  options: string[] | null;
  inputType: 'TEXT' | 'POPUP' | 'SCRIPT' | 'LDAP' | null;
}

export interface MobileDeviceExtensionAttribute {
  id: string;
  name: string;
  type: 'STRING' | 'INTEGER' | 'DATE';
  value: string[];
  extensionAttributeCollectionAllowed: boolean;
  inventoryDisplay: string;
}

/**
 * A fleet to load (from a file or a test): records in the shape the list endpoints return. A list
 * left out is empty; a section left out of a record is served as `null`, as Jamf does.
 */
export interface SimulatorFleet {
  computers?: JsonObject[] | null;
  mobileDevices?: JsonObject[] | null;
  departments?: JsonObject[] | null;
  buildings?: JsonObject[] | null;
  /** FileVault personal recovery keys by computer id (Jamf keeps them outside the inventory record). */
  fileVaultRecoveryKeys?: Record<string, string> | null;
}

/** A complete fleet, as the generator produces it. */
export interface FleetData {
  computers: JsonObject[];
  mobileDevices: JsonObject[];
  departments: Department[];
  buildings: Building[];
  fileVaultRecoveryKeys: Record<string, string>;
}
