import { randomUUID } from 'node:crypto';
import { nextWindow, spreadOffsetMs, windowDueAt } from '../../src/scheduler/sync-queue';

describe('which waiting window starts next', () => {
  const w = (organization: string, lastSuccessAt: string | null, seq: number) => ({ organization, lastSuccessAt, seq });

  it('starts the organization longest without a successful sync first', () => {
    const waiting = [w('recent', '2026-12-05T02:10:00Z', 0), w('oldest', '2026-12-01T02:10:00Z', 1), w('middle', '2026-12-03T02:10:00Z', 2)];
    expect(nextWindow(waiting)?.organization).toBe('oldest');
  });

  it('puts an organization that never synced before any that did', () => {
    const waiting = [w('synced', '2020-01-01T00:00:00Z', 0), w('never', null, 1)];
    expect(nextWindow(waiting)?.organization).toBe('never');
  });

  it('breaks ties by arrival, first come first served', () => {
    expect(nextWindow([w('b', null, 5), w('a', null, 3), w('c', null, 9)])?.organization).toBe('a');
    expect(nextWindow([w('b', '2026-12-01T00:00:00Z', 5), w('a', '2026-12-01T00:00:00Z', 3)])?.organization).toBe('a');
  });

  it('drains a queue in fair order: taking the next one each time gives oldest success first', () => {
    const waiting = [w('d', '2026-12-04T00:00:00Z', 0), w('b', '2026-12-02T00:00:00Z', 1), w('n', null, 2), w('c', '2026-12-03T00:00:00Z', 3)];
    const order: string[] = [];
    for (let next = nextWindow(waiting); next; next = nextWindow(waiting)) {
      order.push(next.organization);
      waiting.splice(waiting.indexOf(next), 1);
    }
    expect(order).toEqual(['n', 'b', 'c', 'd']);
  });

  it('has nothing to start when nothing waits', () => {
    expect(nextWindow([])).toBeNull();
  });
});

describe('spread offsets of scheduled starts', () => {
  it('is off (0) without a spread window', () => {
    expect(spreadOffsetMs(randomUUID(), 0)).toBe(0);
  });

  it('is stable per connection: the same id gives the same offset, on every call and replica', () => {
    const id = '1d1a7c7e-5b5e-4a0e-9b7e-2f3c4d5e6f70';
    const first = spreadOffsetMs(id, 30);
    expect(spreadOffsetMs(id, 30)).toBe(first);
    // A fixed value, across releases too: a change of the hash would move every organization's start.
    expect(first).toBe(1_447_525);
  });

  it('stays within the window and spreads many connections roughly evenly over it', () => {
    const minutes = 30;
    const windowMs = minutes * 60_000;
    const buckets = new Array(10).fill(0);
    const ids = Array.from({ length: 5000 }, () => randomUUID());
    for (const id of ids) {
      const offset = spreadOffsetMs(id, minutes);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(windowMs);
      buckets[Math.floor((offset / windowMs) * buckets.length)]++;
    }
    // 500 expected per tenth; a uniform spread stays well within ±30 % (a few standard deviations).
    for (const count of buckets) {
      expect(count).toBeGreaterThan(350);
      expect(count).toBeLessThan(650);
    }
  });

  it('gives different connections different offsets', () => {
    const offsets = new Set(Array.from({ length: 200 }, () => spreadOffsetMs(randomUUID(), 60)));
    expect(offsets.size).toBeGreaterThan(190);
  });

  it("makes a window due at its cron time plus the connection's offset, inside the spread window", () => {
    const id = '1d1a7c7e-5b5e-4a0e-9b7e-2f3c4d5e6f70';
    expect(windowDueAt('2026-12-07T02:00:00.000Z', id, 30)).toBe('2026-12-07T02:24:07.525Z');
    expect(windowDueAt('2026-12-08T02:00:00.000Z', id, 30)).toBe('2026-12-08T02:24:07.525Z');
    expect(windowDueAt('2026-12-07T02:00:00.000Z', id, 0)).toBe('2026-12-07T02:00:00.000Z');
  });
});
