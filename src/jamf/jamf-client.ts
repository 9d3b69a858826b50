/**
 * The port the sync, the webhook worker and the CLI depend on. The HTTP adapter
 * (`http-jamf-client.ts`) implements it against a real Jamf Pro or the simulator; nothing else
 * should need to know about tokens, paging or retries.
 */
import type { ComputerInventoryApiChoice } from './computer-inventory-api';
import type { InvalidRecordReport, JamfRecordKind } from './record-validation';
import type { ComputerInventoryRecord, FileVaultRecord, MobileDeviceDetailRecord } from './schemas';

export interface InventoryPageProgress {
  kind: Extract<JamfRecordKind, 'computer' | 'mobileDevice' | 'fileVault'>;
  /** Zero-based page index. */
  pageIndex: number;
  /** Records on this page that passed validation. */
  records: number;
  /** Records on this page that were skipped as malformed. */
  invalid: number;
  /** Jamf's `totalCount` for the query (may change during a run). */
  totalCount: number | null;
  /** Valid records yielded so far including this page. */
  recordsSoFar: number;
  elapsedMs: number;
}

export interface StreamOptions {
  /** Inventory sections to ask for; defaults to everything the sync reads. */
  sections?: readonly string[];
  /** Records per page (clamped to Jamf's 2000); defaults to the client's page size. */
  pageSize?: number;
  /** RSQL filter, e.g. `general.remoteManagement.managed==true`. */
  filter?: string;
  /** Called once per page after its records are validated, before they are yielded. */
  onPage?: (progress: InventoryPageProgress) => void;
  /** Called for each malformed record (in addition to the client-wide callback). */
  onInvalidRecord?: (report: InvalidRecordReport) => void;
  /** Called for each device Jamf answers 500 for even alone; the stream goes on without it. */
  onUnreadableDevice?: (report: UnreadableDeviceReport) => void;
}

/**
 * A device Jamf Pro could not render (500 for every page holding it, even a page of one). Only its
 * place in the id-sorted list is certain; its id is inferred when its neighbours leave one choice.
 */
export interface UnreadableDeviceReport {
  kind: Extract<JamfRecordKind, 'computer' | 'mobileDevice' | 'fileVault'>;
  /** Zero-based position in the sorted (and filtered) list. */
  position: number;
  /** The Jamf id, when the ids before and after it leave only one (ids are whole numbers). */
  jamfId: string | null;
  /** Ids of the readable devices just before and after it, null when there is none or it was unreadable too. */
  previousId: string | null;
  nextId: string | null;
}

export interface JamfClientStats {
  /** HTTP attempts sent, retries and token requests included. */
  requests: number;
  retries: number;
  tokenRequests: number;
  invalidRecords: number;
  /** Highest number of requests this client had in flight at once. */
  peakConcurrency: number;
}

export interface JamfClient {
  /** Jamf Pro version (null when Jamf will not say) and the computer-inventory API every computer read uses; decided once per client. */
  jamfProVersion(): Promise<ComputerInventoryApiChoice>;
  /** All computers, page by page, as validated records; malformed records are reported and skipped. */
  streamComputers(options?: StreamOptions): AsyncIterable<ComputerInventoryRecord>;
  /** All mobile devices (paged-detail shape), page by page. */
  streamMobileDevices(options?: StreamOptions): AsyncIterable<MobileDeviceDetailRecord>;
  /** One computer with the given sections (default: the stream's), or null when Jamf has no such id. */
  getComputer(id: string, options?: { sections?: readonly string[] }): Promise<ComputerInventoryRecord | null>;
  /** One mobile device, converted to the paged-detail shape, or null when Jamf has no such id. */
  getMobileDevice(id: string): Promise<MobileDeviceDetailRecord | null>;
  /** Every computer's FileVault personal recovery key record, page by page (the bulk endpoint). */
  streamFileVaultKeys(options?: Pick<StreamOptions, 'pageSize' | 'onInvalidRecord'>): AsyncIterable<FileVaultRecord>;
  /** The computer's FileVault personal recovery key record, or null when there is none. */
  getFileVaultKey(computerId: string): Promise<FileVaultRecord | null>;
  /** Department name for an id from `userAndLocation.departmentId` (list loaded once per client). */
  departmentName(id: string | null | undefined): Promise<string | null>;
  /** Building name for an id from `userAndLocation.buildingId` (list loaded once per client). */
  buildingName(id: string | null | undefined): Promise<string | null>;
  /** Id of the department with this name (case-insensitive), or null; same list as departmentName. */
  departmentIdByName(name: string): Promise<string | null>;
  /** Id of the building with this name (case-insensitive), or null; same list as buildingName. */
  buildingIdByName(name: string): Promise<string | null>;
  stats(): JamfClientStats;
  /** Releases keep-alive sockets. The client must not be used afterwards. */
  close(): Promise<void>;
}
