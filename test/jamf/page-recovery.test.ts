import { PageRecovery, alignedPageSize, type PageFailureKind, type PageRecoveryDeps } from '../../src/jamf/page-recovery';
import { inferId } from '../../src/jamf/inventory-pages';

class TooSlow extends Error {}
class ServerError extends Error {}
const classify = (error: unknown): PageFailureKind =>
  error instanceof TooSlow ? 'too-slow' : error instanceof ServerError ? 'server-error' : 'other';

/**
 * A fake paged list of `total` items (0, 1, 2, …) served as page/page-size, failing the way Jamf
 * does: too slow above `slowAbove`, 500 for any page holding an item of `poison`.
 */
function fakeList(total: number, faults: { slowAbove?: number; poison?: number[]; flakyOnce?: number[] } = {}) {
  const requests: Array<{ page: number; size: number; shrinkable: boolean }> = [];
  const flaky = new Set(faults.flakyOnce ?? []);
  const fetch: PageRecoveryDeps['fetch'] = async (page, size, shrinkable) => {
    requests.push({ page, size, shrinkable });
    const start = page * size;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, index) => start + index);
    if (faults.slowAbove !== undefined && size > faults.slowAbove) throw new TooSlow();
    if (items.some((item) => faults.poison?.includes(item))) throw new ServerError();
    const flakyItem = items.find((item) => flaky.has(item));
    if (flakyItem !== undefined) {
      flaky.delete(flakyItem);
      throw new ServerError();
    }
    return { items, totalCount: total };
  };
  return { fetch, requests };
}

/** Reads every page the way the stream does: until a page with nothing (readable or not) in it. */
async function readAll(recovery: PageRecovery) {
  const items: unknown[] = [];
  const unreadable: number[] = [];
  for (let pageIndex = 0; ; pageIndex += 1) {
    const page = await recovery.readPage(pageIndex);
    if (page.items.length + page.unreadableOffsets.length === 0) return { items, unreadable };
    items.push(...page.items);
    unreadable.push(...page.unreadableOffsets);
  }
}

const range = (n: number) => Array.from({ length: n }, (_, index) => index);

describe('PageRecovery', () => {
  it('reads a too-slow page at half the size, keeps the smaller size, and reads every item exactly once', async () => {
    const list = fakeList(1000, { slowAbove: 250 });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 25 }, 1000);

    const { items, unreadable } = await readAll(recovery);

    expect(items).toEqual(range(1000));
    expect(unreadable).toEqual([]);
    expect(recovery.currentPageSize).toBe(250);
    // 1000 and 500 failed once each; from then on only pages of 250 were asked for.
    expect(list.requests.slice(0, 3).map((r) => r.size)).toEqual([1000, 500, 250]);
    expect(list.requests.filter((r) => r.size === 1000)).toHaveLength(1);
    expect(list.requests.filter((r) => r.size === 500)).toHaveLength(1);
  });

  it('re-reads the same range with sizes that do not divide the page size, without a gap or a duplicate', async () => {
    const list = fakeList(777, { slowAbove: 100 });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 10 }, 250);

    const { items } = await readAll(recovery);

    expect(items).toEqual(range(777));
    // Every request started at an offset its size divides: page * size is that offset.
    expect(list.requests.every((r) => Number.isInteger(r.page) && r.size >= 1)).toBe(true);
  });

  it('splits a page that answers 500 down to the one item Jamf cannot render, and reads the rest', async () => {
    const list = fakeList(300, { poison: [137] });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 25 }, 100);

    const { items, unreadable } = await readAll(recovery);

    expect(unreadable).toEqual([137]);
    expect(items).toEqual(range(300).filter((item) => item !== 137));
    // The 500 was the item's fault, not the size's: later pages are read at 100 again.
    expect(recovery.currentPageSize).toBe(100);
    expect(list.requests.filter((r) => r.page === 2 && r.size === 100)).toHaveLength(1);
  });

  it('reads a device whose page failed with a passing 500 when it answers alone', async () => {
    const list = fakeList(40, { flakyOnce: [7] });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 5 }, 20);

    const { items, unreadable } = await readAll(recovery);

    expect(unreadable).toEqual([]);
    expect(items).toEqual(range(40));
  });

  it('gives up once a too-slow page is at the smallest size, retrying it there as usual (not shrinkable)', async () => {
    const list = fakeList(100, { slowAbove: 10 });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 25 }, 100);

    await expect(recovery.readPage(0)).rejects.toBeInstanceOf(TooSlow);
    expect(list.requests.map((r) => [r.size, r.shrinkable])).toEqual([
      [100, true],
      [50, true],
      [25, false],
    ]);
  });

  it('fails, quickly and without looping, when Jamf answers 500 to everything', async () => {
    const list = fakeList(100, { poison: range(100) });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 25 }, 50);

    await expect(recovery.readPage(0)).rejects.toBeInstanceOf(ServerError);
    expect(list.requests.length).toBeLessThan(20);
  });

  it('fails a page none of whose devices answer, even after earlier pages did (Jamf went down mid-stream)', async () => {
    const list = fakeList(60, { poison: range(20).map((i) => 20 + i) });
    const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize: 5 }, 20);

    expect((await recovery.readPage(0)).items).toEqual(range(20));
    await expect(recovery.readPage(1)).rejects.toBeInstanceOf(ServerError);
  });

  it('passes any other failure through unchanged', async () => {
    const failing = new Error('forbidden');
    const recovery = new PageRecovery({ fetch: () => Promise.reject(failing), classify, minPageSize: 1 }, 50);
    await expect(recovery.readPage(0)).rejects.toBe(failing);
  });

  it('never loses or repeats an item, whatever the sizes, slowness and poisoned items (seeded cases)', async () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 150; run += 1) {
      const total = random(400);
      const pageSize = 1 + random(300);
      const minPageSize = 1 + random(20);
      const slowAbove = random(2) ? minPageSize + random(200) : undefined;
      // Position 0 stays readable (so Jamf has answered before any device fails alone), and no page
      // is all unreadable devices: both read as "Jamf is failing", tested on their own below.
      const poison = Array.from({ length: random(4) }, () => 1 + random(Math.max(1, total - 1))).filter((item) => item < total);
      const pages = Array.from({ length: Math.ceil(total / pageSize) }, (_, k) => range(Math.min(pageSize, total - k * pageSize)).map((i) => k * pageSize + i));
      if (pages.some((page) => page.length > 0 && page.every((item) => poison.includes(item)))) continue;
      const list = fakeList(total, { slowAbove, poison });
      const recovery = new PageRecovery({ fetch: list.fetch, classify, minPageSize }, pageSize);

      const { items, unreadable } = await readAll(recovery);

      const context = JSON.stringify({ total, pageSize, minPageSize, slowAbove, poison });
      expect({ context, items }).toEqual({ context, items: range(total).filter((item) => !poison.includes(item)) });
      expect({ context, unreadable: [...unreadable].sort((a, b) => a - b) }).toEqual({
        context,
        unreadable: [...new Set(poison.filter((item) => item < total))].sort((a, b) => a - b),
      });
    }
  });
});

describe('alignedPageSize', () => {
  it('is the largest size up to the limit that divides the offset', () => {
    expect(alignedPageSize(0, 125)).toBe(125);
    expect(alignedPageSize(1000, 62)).toBe(50);
    expect(alignedPageSize(248, 2)).toBe(2);
    expect(alignedPageSize(37, 20)).toBe(1);
  });
});

describe('inferId', () => {
  it('names the id only when the neighbours leave one whole number between them', () => {
    expect(inferId(36, '36', '38')).toBe('37');
    expect(inferId(0, null, '2')).toBe('1');
    expect(inferId(36, '36', '40')).toBeNull();
    expect(inferId(36, null, '38')).toBeNull();
    expect(inferId(59, '59', null)).toBeNull();
  });
});
