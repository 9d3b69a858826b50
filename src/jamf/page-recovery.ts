/**
 * Reads the items of one page of a paged Jamf list, recovering when Jamf cannot serve it. Pure
 * logic over an injected `fetch`, so it is tested without HTTP.
 *
 * Paging is page/page-size over a stable sort, so page N at size S holds items N*S … N*S+S-1.
 * A page is re-read as smaller pages covering exactly that range (each smaller page starts at an
 * offset its size divides, so its page index is whole), then the stream goes on at the original
 * page grid: no item is skipped or read twice.
 * - Too slow (a timeout, 502, 504, 503 without Retry-After): read at half the size, down to
 *   `minPageSize`, and keep the smaller size for the rest of the stream (the next page of the
 *   old size would be just as slow).
 * - 500 (Jamf could not render something on the page): split in halves down to single items; an
 *   item that fails even alone is reported by position and the rest of the range is read. The
 *   smaller size is not kept: the failure belongs to that item, not to the page size. When
 *   nothing in the range answers at all (Jamf itself is failing, not one record), the 500 is
 *   thrown as before: a 500 for a position says nothing unless something around it answers.
 */

/** Single items failing before Jamf answered anything in the stream: Jamf is down, not one record bad. */
const ITEMS_FAILING_ALONE_BEFORE_GIVING_UP = 3;

export type PageFailureKind = 'too-slow' | 'server-error' | 'other';

export interface RawPage {
  items: unknown[];
  totalCount: number | null;
}

export interface PageRecoveryDeps {
  /**
   * One page of `pageSize` items. With `shrinkable`, a too-slow failure is thrown after one
   * attempt (a smaller page follows); without it, the request is retried at this size as usual.
   */
  fetch(pageIndex: number, pageSize: number, shrinkable: boolean): Promise<RawPage>;
  classify(error: unknown): PageFailureKind;
  minPageSize: number;
  onShrink?(event: { offset: number; from: number; to: number; cause: 'too-slow' | 'server-error' }): void;
}

export interface RecoveredRange {
  /** The range's items in list order, without the unreadable ones. */
  items: unknown[];
  /** List positions (zero-based) of items Jamf answered 500 for even when asked for alone. */
  unreadableOffsets: number[];
  totalCount: number | null;
}

interface RangeProgress extends RecoveredRange {
  /** Pages of this range Jamf answered (an empty page included). */
  answered: number;
}

export class PageRecovery {
  private workingSize: number;
  /** Jamf's totalCount from the latest page it answered: positions past it hold no device. */
  private knownTotal: number | null = null;
  /** Pages Jamf answered in this whole stream. */
  private answeredInStream = 0;

  constructor(
    private readonly deps: PageRecoveryDeps,
    private readonly pageSize: number,
  ) {
    this.workingSize = pageSize;
  }

  /** The page size reads use now (smaller than the requested one after a too-slow page). */
  get currentPageSize(): number {
    return this.workingSize;
  }

  /** Items of page `pageIndex` at the stream's page size, however many requests that takes. */
  async readPage(pageIndex: number): Promise<RecoveredRange> {
    const start = pageIndex * this.pageSize;
    const range: RangeProgress = { items: [], unreadableOffsets: [], totalCount: null, answered: 0 };
    await this.cover(start, start + this.pageSize, this.workingSize, range);
    const total = this.knownTotal;
    return {
      items: range.items,
      unreadableOffsets: total === null ? range.unreadableOffsets : range.unreadableOffsets.filter((offset) => offset < total),
      totalCount: range.totalCount,
    };
  }

  /** Reads [start, end) in aligned pages of at most `preferred`; false once the list has ended. */
  private async cover(start: number, end: number, preferred: number, range: RangeProgress): Promise<boolean> {
    for (let offset = start; offset < end; ) {
      // The working size may have shrunk meanwhile (a too-slow page earlier in this range).
      const size = alignedPageSize(offset, Math.min(preferred, this.workingSize, end - offset));
      if (!(await this.readChunk(offset, size, range))) return false;
      offset += size;
    }
    return true;
  }

  private async readChunk(offset: number, size: number, range: RangeProgress): Promise<boolean> {
    const { minPageSize } = this.deps;
    try {
      const page = await this.deps.fetch(offset / size, size, size > minPageSize);
      this.answered(page, range);
      // Only an empty page ends the list: Jamf may answer a page short without it being the last.
      return page.items.length > 0;
    } catch (error) {
      const kind = this.deps.classify(error);
      if (kind === 'too-slow' && size > minPageSize) {
        const smaller = Math.max(minPageSize, Math.floor(size / 2));
        this.workingSize = Math.min(this.workingSize, smaller);
        this.deps.onShrink?.({ offset, from: size, to: smaller, cause: kind });
        return this.cover(offset, offset + size, smaller, range);
      }
      if (kind === 'server-error') {
        if (size === 1) {
          // Once more alone, so a passing 500 does not get a readable device reported.
          const again = await this.deps.fetch(offset, 1, false).catch((retryError: unknown) => {
            if (this.deps.classify(retryError) === 'server-error') return null;
            throw retryError;
          });
          if (again) {
            this.answered(again, range);
            return again.items.length > 0;
          }
          range.unreadableOffsets.push(offset);
          if (this.answeredInStream === 0 && range.unreadableOffsets.length >= ITEMS_FAILING_ALONE_BEFORE_GIVING_UP) throw error;
          return true;
        }
        const smaller = Math.floor(size / 2);
        this.deps.onShrink?.({ offset, from: size, to: smaller, cause: kind });
        const more = await this.cover(offset, offset + size, smaller, range);
        if (range.answered === 0) throw error; // not one page of the range answered: nothing to isolate
        return more;
      }
      throw error;
    }
  }

  private answered(page: RawPage, range: RangeProgress): void {
    range.answered += 1;
    this.answeredInStream += 1;
    range.items.push(...page.items);
    range.totalCount = page.totalCount ?? range.totalCount;
    this.knownTotal = page.totalCount ?? this.knownTotal;
  }
}

/**
 * The largest page size up to `maxSize` that divides `offset`, so that page `offset / size` starts
 * exactly at `offset`. Offset 0 takes any size; 1 divides everything, so there is always one.
 */
export function alignedPageSize(offset: number, maxSize: number): number {
  for (let size = Math.max(1, Math.floor(maxSize)); size > 1; size -= 1) {
    if (offset % size === 0) return size;
  }
  return 1;
}
