import { jamfRequestChannel, type JamfRequestEvent } from '../jamf/request-events';
import { finishedRunChannel, type FinishedRunEvent } from '../sync/run-events';

/** What the background thread saw since its last message: plain data, structured-cloned. */
export interface TelemetryBatch {
  jamfRequests: JamfRequestEvent[];
  finishedRuns: FinishedRunEvent[];
}

export interface TelemetryForwarder {
  /** Posts what is buffered now (the thread calls it before it reports that it stopped). */
  flush(): void;
  stop(): void;
}

/** Often enough for a 15 s scrape; one message a second costs nothing beside a batch's work. */
const FORWARD_EVERY_MS = 1000;

/**
 * On the background thread: diagnostics channels belong to one thread, so the Jamf requests and
 * the runs that happen here would never reach the service's metrics. They are gathered and
 * posted once a second (not one message per request: a full sync sends dozens a second). A thread
 * that crashes loses at most its last second of counts.
 */
export function forwardTelemetry(post: (batch: TelemetryBatch) => void, everyMs = FORWARD_EVERY_MS): TelemetryForwarder {
  let batch: TelemetryBatch = { jamfRequests: [], finishedRuns: [] };
  const onJamfRequest = (message: unknown) => void batch.jamfRequests.push(message as JamfRequestEvent);
  const onFinishedRun = (message: unknown) => void batch.finishedRuns.push(message as FinishedRunEvent);
  jamfRequestChannel.subscribe(onJamfRequest);
  finishedRunChannel.subscribe(onFinishedRun);
  const flush = () => {
    if (!batch.jamfRequests.length && !batch.finishedRuns.length) return;
    const full = batch;
    batch = { jamfRequests: [], finishedRuns: [] };
    post(full);
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return {
    flush,
    stop() {
      clearInterval(timer);
      jamfRequestChannel.unsubscribe(onJamfRequest);
      finishedRunChannel.unsubscribe(onFinishedRun);
    },
  };
}

/** On the service's thread: publishes the forwarded events here, where the service's metrics count them. */
export function republishTelemetry(batch: TelemetryBatch): void {
  if (jamfRequestChannel.hasSubscribers) for (const event of batch.jamfRequests) jamfRequestChannel.publish(event);
  if (finishedRunChannel.hasSubscribers) for (const event of batch.finishedRuns) finishedRunChannel.publish(event);
}
