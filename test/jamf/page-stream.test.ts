import { streamPages } from '../../src/jamf/page-stream';

type Page = { rawCount: number; records: number[] };
const page = (...records: number[]): Page => ({ rawCount: records.length, records });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('streamPages', () => {
  it('continues past a short page and stops only at an empty one', async () => {
    const pages = [page(1, 2, 3), page(4), page(5, 6), page()];
    const fetched: number[] = [];
    const result = await collect(
      streamPages(async (index) => {
        fetched.push(index);
        return pages[index] ?? page();
      }, 1),
    );
    expect(result.map((p) => p.records)).toEqual([[1, 2, 3], [4], [5, 6]]);
    expect(result.map((p) => p.pageIndex)).toEqual([0, 1, 2]);
    expect(fetched.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('does not stop on a page whose records were all invalid (rawCount > 0)', async () => {
    const pages: Page[] = [{ rawCount: 2, records: [] }, page(7), page()];
    const result = await collect(streamPages(async (index) => pages[index] ?? page(), 0));
    expect(result.map((p) => p.records)).toEqual([[], [7]]);
  });

  it('keeps at most `prefetch` pages in flight ahead of the consumer', async () => {
    let outstanding = 0;
    let peakOutstanding = 0;
    const fetchPage = async (index: number) => {
      outstanding += 1;
      peakOutstanding = Math.max(peakOutstanding, outstanding);
      await new Promise((resolve) => setImmediate(resolve));
      outstanding -= 1;
      return index < 10 ? page(index) : page();
    };
    for await (const current of streamPages(fetchPage, 2)) {
      void current;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(peakOutstanding).toBeLessThanOrEqual(3);
  });

  it('without prefetch asks for the next page only after the consumer finished the current one', async () => {
    const events: string[] = [];
    const fetchPage = async (index: number) => {
      events.push(`fetch ${index}`);
      return index < 2 ? page(index) : page();
    };
    for await (const current of streamPages(fetchPage, 0)) events.push(`consume ${current.pageIndex}`);
    expect(events).toEqual(['fetch 0', 'consume 0', 'fetch 1', 'consume 1', 'fetch 2']);
  });

  it('propagates a failed page and leaves no unhandled rejection when the consumer stops early', async () => {
    const failing = streamPages(async (index) => {
      if (index === 1) throw new Error('page 1 failed');
      return page(index);
    }, 1);
    const iterator = failing[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.records).toEqual([0]);
    await expect(iterator.next()).rejects.toThrow('page 1 failed');

    // Stop after the first page while page 1 (which fails) is being prefetched.
    for await (const current of streamPages(async (index) => {
      if (index === 1) throw new Error('ignored');
      return page(index);
    }, 1)) {
      void current;
      break;
    }
  });
});
