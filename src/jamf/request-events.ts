import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

/** One attempt on the wire to Jamf Pro, as the metrics count it. */
export interface JamfRequestEvent {
  /** The HTTP status Jamf answered ("200", "429", …), or "timeout" / "network" / "tls" when none came. */
  status: string;
  durationSeconds: number;
}

/**
 * Jamf requests are published on a diagnostics channel rather than through an option: the
 * transport is built deep inside each connection's client, and a channel reaches every one of
 * them without threading a callback through every layer. Channels belong to one thread, so the
 * background thread forwards what it sees to the service's (src/metrics/thread-forwarding.ts).
 * With no subscriber the attempt runs untimed.
 */
export const jamfRequestChannel = diagnosticsChannel.channel('jamf-asset-sync:jamf-request');

type AttemptOutcome =
  | { kind: 'response'; response: { status: number } }
  | { kind: 'failure'; reason: string }
  | { kind: 'tls' }
  | { kind: 'redirect-refused'; status: number };

/** The status label: Jamf's HTTP status, a redirect that was not followed, or why none came. */
function statusLabel(outcome: AttemptOutcome): string {
  switch (outcome.kind) {
    case 'response':
      return String(outcome.response.status);
    case 'redirect-refused':
      return String(outcome.status);
    case 'tls':
      return 'tls';
    case 'failure':
      return outcome.reason;
  }
}

/** Runs one attempt and publishes its status and duration (time on the wire, not the queue's). */
export async function observedAttempt<T extends AttemptOutcome>(attempt: () => Promise<T>): Promise<T> {
  if (!jamfRequestChannel.hasSubscribers) return attempt();
  const started = performance.now();
  const outcome = await attempt();
  const event: JamfRequestEvent = {
    status: statusLabel(outcome),
    durationSeconds: (performance.now() - started) / 1000,
  };
  jamfRequestChannel.publish(event);
  return outcome;
}
