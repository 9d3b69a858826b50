import diagnosticsChannel from 'node:diagnostics_channel';
import { notificationBody } from './notification-body';
import type { NotifyTarget } from './notification-targets';
import type { RunSummary } from './run-summary';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './sign-notification';

export type SendResult = { ok: true; httpStatus: number } | { ok: false; httpStatus: number | null; error: string };

/**
 * One attempt: POST the body in the target's format, signed, within `timeoutMs`. Any 2xx is
 * delivered; anything else (3xx included: a redirect is not followed, the signed body is not
 * resent elsewhere) is a failed attempt. The error names the status or the network failure,
 * never the URL (a chat webhook's path is a credential).
 */
export async function sendNotification(
  target: NotifyTarget,
  delivery: { id: number; event: string; summary: RunSummary },
  options: { timeoutMs: number; now: Date },
): Promise<SendResult> {
  const body = notificationBody(target.format, String(delivery.id), delivery.summary);
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'jamf-asset-sync-notifier/1',
        [SIGNATURE_HEADER]: signatureHeader(target.secret, body, options.now.getTime() / 1000),
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: String(delivery.id),
      },
      body,
    });
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status };
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return { ok: false, httpStatus: res.status, error: `the target answered HTTP ${res.status}${snippet ? `: ${snippet}` : ''}` };
  } catch (err) {
    return { ok: false, httpStatus: null, error: `no answer from the target: ${networkReason(err)}` };
  }
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/** One finished attempt, for /metrics (the sender runs on the service's thread, where the metrics count). */
export interface NotificationAttemptEvent {
  outcome: 'delivered' | 'failed' | 'dead';
}

export const notificationAttemptChannel = diagnosticsChannel.channel('jamf-asset-sync:notification-attempt');

export function reportNotificationAttempt(event: NotificationAttemptEvent): void {
  if (notificationAttemptChannel.hasSubscribers) notificationAttemptChannel.publish(event);
}
