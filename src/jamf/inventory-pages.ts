/**
 * Pages of a Jamf inventory list over HTTP, with the recovery of page-recovery.ts: too-slow pages
 * are read smaller, a page that answers 500 is split down to the one device Jamf cannot render,
 * which is reported (R19) instead of failing the whole stream.
 */
import type { Logger } from 'pino';
import type { AuthorizedRequests } from './authorized-requests';
import { JamfResponseError, JamfUnavailableError } from './errors';
import { inventoryPageParams } from './inventory-query';
import type { UnreadableDeviceReport } from './jamf-client';
import { PageRecovery, type PageFailureKind, type RawPage } from './page-recovery';
import { pageEnvelopeSchema } from './schemas';

export interface InventoryListSpec {
  kind: UnreadableDeviceReport['kind'];
  path: string;
  idField: string;
  sections: readonly string[];
  sort: string;
  filter?: string;
}

export interface RecoveredInventoryPage {
  items: unknown[];
  unreadable: UnreadableDeviceReport[];
  totalCount: number | null;
}

const TOO_SLOW_STATUSES = new Set([502, 503, 504]);

/** What a failed page request means for the page size. */
function classifyPageFailure(error: unknown): PageFailureKind {
  if (!(error instanceof JamfUnavailableError)) return 'other';
  if (error.reason === 'timeout') return 'too-slow';
  const status = error.details.httpStatus;
  if (typeof status === 'number' && TOO_SLOW_STATUSES.has(status)) return 'too-slow';
  if (status === 500) return 'server-error';
  return 'other';
}

/** A reader of the list's pages at `pageSize`; each call reads one page, recovering as it must. */
export function inventoryPageReader(
  deps: { requests: AuthorizedRequests; baseUrl: string; logger: Logger; minPageSize: number },
  spec: InventoryListSpec,
  pageSize: number,
): (pageIndex: number) => Promise<RecoveredInventoryPage> {
  const fetch = async (page: number, size: number, shrinkable: boolean): Promise<RawPage> => {
    const query = inventoryPageParams({ sections: spec.sections, page, pageSize: size, sort: spec.sort, filter: spec.filter });
    const response = await deps.requests.get(spec.path, query, { shrinkable });
    const envelope = pageEnvelopeSchema.safeParse(response.data);
    if (!envelope.success) {
      throw new JamfResponseError(`Jamf Pro answered ${spec.path} (page ${page} of ${size}) without a {totalCount, results} page.`, {
        baseUrl: deps.baseUrl,
        path: spec.path,
        page,
      });
    }
    return { items: envelope.data.results, totalCount: envelope.data.totalCount ?? null };
  };
  const recovery = new PageRecovery(
    {
      fetch,
      classify: classifyPageFailure,
      minPageSize: Math.min(deps.minPageSize, pageSize),
      onShrink: (event) =>
        deps.logger.warn(
          { path: spec.path, offset: event.offset, from: event.from, to: event.to, cause: event.cause },
          event.cause === 'too-slow'
            ? `Jamf Pro could not serve ${event.from} records per page of ${spec.path} in time; reading ${event.to} per page from here on`
            : `Jamf Pro failed (500) on a page of ${event.from} records of ${spec.path}; reading it as pages of ${event.to} to find the record it cannot render`,
        ),
    },
    pageSize,
  );

  const idAt = async (position: number): Promise<string | null> => {
    if (position < 0) return null;
    try {
      const item = (await fetch(position, 1, false)).items[0];
      const id = item && typeof item === 'object' ? (item as Record<string, unknown>)[spec.idField] : undefined;
      return id === undefined || id === null ? null : String(id);
    } catch {
      return null; // unreadable too, or unreachable: the report says less, the stream goes on
    }
  };
  const identify = async (position: number): Promise<UnreadableDeviceReport> => {
    const [previousId, nextId] = await Promise.all([position === 0 ? Promise.resolve(null) : idAt(position - 1), idAt(position + 1)]);
    // Ids say something about the gap only when the list is sorted by id ascending.
    const jamfId = /^(id|mobileDeviceId|computerId):asc$/.test(spec.sort) ? inferId(position, previousId, nextId) : null;
    const report: UnreadableDeviceReport = { kind: spec.kind, position, jamfId, previousId, nextId };
    deps.logger.error(
      { path: spec.path, ...report },
      `Jamf Pro fails (500) on the ${spec.kind} at position ${position} of ${spec.path} even alone` +
        `${report.jamfId ? ` (Jamf id ${report.jamfId})` : ''}; skipped, the other records are read`,
    );
    return report;
  };

  return async (pageIndex) => {
    const range = await recovery.readPage(pageIndex);
    const unreadable = await Promise.all(range.unreadableOffsets.map(identify));
    return { items: range.items, unreadable, totalCount: range.totalCount };
  };
}

/**
 * Jamf ids are whole numbers and the list is sorted by id: with readable neighbours `previous`
 * and `next` (ids start at 1, so the first device has 0 before it), one free id between them is it.
 */
export function inferId(position: number, previousId: string | null, nextId: string | null): string | null {
  const previous = previousId === null ? (position === 0 ? 0 : NaN) : Number(previousId);
  const next = nextId === null ? NaN : Number(nextId);
  if (!Number.isInteger(previous) || !Number.isInteger(next)) return null;
  return next - previous === 2 ? String(previous + 1) : null;
}
