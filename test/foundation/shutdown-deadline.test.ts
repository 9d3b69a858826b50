import { shutdownDeadline } from '../../src/service/shutdown-deadline';

/** The shutdown's one budget, split between its phases (a clock the test moves). */
describe('shutdownDeadline', () => {
  const at = (start: number) => {
    let now = start;
    return { clock: () => now, advance: (ms: number) => (now += ms) };
  };

  it('keeps the last quarter (at most 2 s) from the draining phases and a fifth (at most 0.7 s) for the exit', () => {
    const time = at(1_000_000);
    const deadline = shutdownDeadline(8000, time.clock);
    expect([deadline.drainLeftMs(), deadline.leftMs()]).toEqual([6000, 7300]);
    time.advance(5000);
    expect([deadline.drainLeftMs(), deadline.leftMs(), deadline.elapsedMs()]).toEqual([1000, 2300, 5000]);
    expect([shutdownDeadline(2000, time.clock).drainLeftMs(), shutdownDeadline(2000, time.clock).leftMs()]).toEqual([1500, 1600]);
    expect([shutdownDeadline(60_000, time.clock).drainLeftMs(), shutdownDeadline(60_000, time.clock).leftMs()]).toEqual([58_000, 59_300]);
  });

  it('never answers a negative time: a phase that overran leaves the next ones none', () => {
    const time = at(0);
    const deadline = shutdownDeadline(1000, time.clock);
    time.advance(5000);
    expect([deadline.drainLeftMs(), deadline.leftMs(), deadline.elapsedMs()]).toEqual([0, 0, 5000]);
    expect(shutdownDeadline(0, time.clock).leftMs()).toBe(0);
  });
});
