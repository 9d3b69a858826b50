import { nextRetryAt, retryDelaySeconds } from '../../src/scheduler/retry-policy';

const policy = { baseSeconds: 60, maxSeconds: 3600 };
const ended = '2026-12-06T10:00:00.000Z';
const after = (seconds: number) => new Date(Date.parse(ended) + seconds * 1000);

describe('retry policy: a sync that did not succeed is tried again, backing off', () => {
  it('waits 1, 2, 4 … minutes, capped at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelaySeconds(n, policy))).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('retries a failed or interrupted run after its wait, from when it ended', () => {
    expect(nextRetryAt({ status: 'failed', finishedAt: ended, errorCode: 'jamf_unreachable' }, 1, policy)).toEqual(after(60));
    expect(nextRetryAt({ status: 'failed', finishedAt: ended, errorCode: 'jamf_auth_rejected' }, 3, policy)).toEqual(after(240));
    // An interrupted run is not a failure (0 failures in a row), but it is tried again after the shortest wait.
    expect(nextRetryAt({ status: 'interrupted', finishedAt: ended, errorCode: 'run_interrupted' }, 0, policy)).toEqual(after(60));
  });

  it('does not retry a run that succeeded, is partial, still runs, tripped the removal guard, or when retries are off', () => {
    expect(nextRetryAt(null, 0, policy)).toBeNull();
    expect(nextRetryAt({ status: 'succeeded', finishedAt: ended, errorCode: null }, 0, policy)).toBeNull();
    expect(nextRetryAt({ status: 'partial', finishedAt: ended, errorCode: null }, 0, policy)).toBeNull();
    expect(nextRetryAt({ status: 'running', finishedAt: null, errorCode: null }, 1, policy)).toBeNull();
    expect(nextRetryAt({ status: 'failed', finishedAt: ended, errorCode: 'removal_guard_tripped' }, 1, policy)).toBeNull();
    expect(nextRetryAt({ status: 'failed', finishedAt: ended, errorCode: 'jamf_unreachable' }, 1, { ...policy, maxSeconds: 0 })).toBeNull();
  });
});
