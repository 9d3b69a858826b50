import type { RunCounts } from '../db/schema';
import type { RunIssue } from '../planner/plan-batch';
import type { RunMode } from './run-store';
import type { DeviceScope } from '../scope/device-scope';
import type { PreviewPeople } from './preview-people';

export interface PlannedChange {
  action: 'create' | 'update' | 'remove' | 'leave_scope' | 'enter_scope';
  serialNumber: string;
  jamfId: string | null;
  assetType?: string;
  field?: string;
  old?: unknown;
  new?: unknown;
}

/** R17: what a run did (or, for a dry run, would do). */
export interface RunReport {
  /** null for a dry run, which stores nothing. */
  id: string | null;
  organization: string;
  trigger: 'scheduled' | 'manual' | 'webhook';
  mode: RunMode | 'dry_run';
  status: 'succeeded' | 'failed' | 'partial' | 'interrupted' | 'running';
  startedAt: string;
  finishedAt: string | null;
  failureReason: string | null;
  /** Stable code of the failure (src/runs/run-failure.ts); null when the run did not fail. */
  errorCode: string | null;
  counts: RunCounts;
  warnings: RunIssue[];
  errors: RunIssue[];
  changes: PlannedChange[];
  /** The connection's device scope the run read ({} every device), and that in words (describeScope). */
  scope?: DeviceScope;
  scopeDescription?: string;
  /** True when the run changed more than the report lists (see the change log / export changes). */
  changesTruncated: boolean;
  /** A dry run only: the employees it would create and the possible duplicates (R10), every one of them (the API pages them). */
  people?: PreviewPeople;
}
