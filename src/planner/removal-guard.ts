/**
 * R14's guard. When more than the connection's share of the fleet is missing from a complete run
 * at once, that smells of a wrong filter, a permission change or a half-empty tenant, not of
 * devices leaving: then nothing is marked removed and the run fails with the reason this returns.
 */
export interface RemovalShare {
  /** Present assets the complete run did not see (a subset of `fleet`). */
  missing: number;
  /** Present assets of the organization that came from Jamf. */
  fleet: number;
  /** The connection's setting: share of the fleet (0–1) a run may mark removed at once. */
  threshold: number;
}

/** null when the missing devices may be confirmed and marked removed; else why none may be. */
export function removalRefusalReason({ missing, fleet, threshold }: RemovalShare): string | null {
  // Exactly the threshold is allowed: 1 of 10 with the default 10 % still marks that device.
  if (missing === 0 || missing <= threshold * fleet) return null;
  return (
    `${missing} of ${fleet} devices (${Math.round((100 * missing) / fleet)}%) are missing from Jamf, ` +
    `more than the ${Math.round(threshold * 100)}% this connection allows at once; none was marked removed. ` +
    "Check the Jamf API client's privileges and site scope; if the devices really left, raise the connection's removal threshold and sync again."
  );
}
