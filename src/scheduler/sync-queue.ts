/**
 * Pure decisions of the per-replica sync bound and of the spread of scheduled starts: which waiting
 * window starts next, and how long after its cron time a connection's window is due. No I/O here.
 */

/** A scheduled window waiting in this replica for a free slot. */
export interface WaitingWindow {
  organization: string;
  /** When the connection's latest `succeeded` or `partial` full run finished; null if none ever did. */
  lastSuccessAt: string | null;
  /** Order of arrival in this replica: breaks ties, so equal windows start first come, first served. */
  seq: number;
}

/**
 * The waiting window to start next: the one whose organization has gone longest without a
 * successful sync (never synced first). Every replica orders the same way, so across replicas the
 * most overdue organizations are the ones taken first. Null when nothing waits.
 */
export function nextWindow<W extends WaitingWindow>(waiting: readonly W[]): W | null {
  let best: W | null = null;
  for (const w of waiting) if (!best || comesBefore(w, best)) best = w;
  return best;
}

function comesBefore(a: WaitingWindow, b: WaitingWindow): boolean {
  const sa = successTime(a.lastSuccessAt);
  const sb = successTime(b.lastSuccessAt);
  return sa !== sb ? sa < sb : a.seq < b.seq;
}

/** Never synced sorts before any success; an unparsable time is treated the same (the safe side). */
function successTime(iso: string | null): number {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * How long after its cron time a connection's window starts when starts are spread over
 * `spreadMinutes`: a stable offset in [0, spreadMinutes) from a hash of the connection id, the same
 * on every replica and across restarts (so each replica fires the window at the same moment and
 * one lease decides who runs it). 0 when spreading is off.
 */
export function spreadOffsetMs(connectionId: string, spreadMinutes: number): number {
  const windowMs = Math.floor(spreadMinutes * 60_000);
  if (windowMs <= 0) return 0;
  return fnv1a32(connectionId) % windowMs;
}

/** When a connection's window is due: the window's cron time plus the connection's spread offset. */
export function windowDueAt(windowIso: string, connectionId: string, spreadMinutes: number): string {
  return new Date(Date.parse(windowIso) + spreadOffsetMs(connectionId, spreadMinutes)).toISOString();
}

/** FNV-1a, 32 bits: stable, fast, well spread over UUIDs; not for secrets (nothing here is one). */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
