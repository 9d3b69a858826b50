/**
 * Walks a paged Jamf endpoint page by page, yielding pages in order while fetching up to
 * `prefetch` pages ahead, so the download of page N+1 overlaps the caller's work on page N and
 * memory stays bounded by (1 + prefetch) pages whatever the fleet size.
 *
 * Stops at the first page with no results at all. A short page is not the end (Jamf clamps page
 * sizes silently), and a page whose records were all malformed is not empty either: hence
 * `rawCount` (what Jamf sent) rather than the number of valid records.
 */

export interface PageWithRawCount {
  rawCount: number;
}

const noop = (): void => undefined;

export async function* streamPages<P extends PageWithRawCount>(
  fetchPage: (pageIndex: number) => Promise<P>,
  prefetch: number,
): AsyncGenerator<P & { pageIndex: number }> {
  const ahead = Math.max(0, Math.floor(prefetch));
  const pending: Array<Promise<P>> = [];
  let nextToRequest = 0;
  const request = (): void => {
    const promise = fetchPage(nextToRequest);
    // Mark as handled now: if the consumer stops early, a failed prefetch must not become an
    // unhandled rejection. Awaiting `promise` below still throws.
    promise.catch(noop);
    pending.push(promise);
    nextToRequest += 1;
  };

  request();
  for (let pageIndex = 0; ; pageIndex += 1) {
    const current = pending.shift();
    if (!current) return;
    const page = await current;
    if (page.rawCount === 0) return;
    while (pending.length < ahead) request();
    yield { ...page, pageIndex };
    // Without prefetch, the next page is asked for only once the caller is done with this one.
    if (pending.length === 0) request();
  }
}
