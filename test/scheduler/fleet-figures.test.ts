import cron from 'node-cron';
import { cronAt, deviationFromEven, maxOverlap } from '../../bench/support/fleet-figures';

/** The arithmetic bench:fleet reports its figures with (the bound held, runs spread, the window). */
describe('fleet benchmark figures', () => {
  it('counts the most runs going at once; one ending as another starts is not an overlap', () => {
    const run = (startedAt: number, finishedAt: number | null) => ({ startedAt, finishedAt });
    expect(maxOverlap([], 0)).toBe(0);
    expect(maxOverlap([run(0, 10), run(10, 20), run(20, 30)], 99)).toBe(1);
    expect(maxOverlap([run(0, 10), run(5, 15), run(6, 7), run(12, 20)], 99)).toBe(3);
    // A run still going counts until now.
    expect(maxOverlap([run(0, null), run(50, 60)], 100)).toBe(2);
    expect(maxOverlap([run(0, null), run(50, 60)], 40)).toBe(1);
  });

  it('measures how far the runs per replica are from even', () => {
    expect(deviationFromEven([70, 64, 66])).toBeCloseTo(0.05, 2);
    expect(deviationFromEven([100, 100])).toBe(0);
    expect(deviationFromEven([0, 0])).toBe(0);
    expect(deviationFromEven([150, 50])).toBeCloseTo(0.5, 5);
  });

  it('makes a valid cron expression that fires at the given second (UTC)', () => {
    const at = new Date('2026-12-06T21:09:17.000Z');
    expect(cronAt(at)).toBe('17 9 21 6 12 *');
    expect(cron.validate(cronAt(at))).toBe(true);
  });
});
