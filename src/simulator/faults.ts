import type { Prng } from './prng';

/** Misbehaviour the simulator can be told to show, at start or while running. */
export interface SimulatorFaults {
  /** Added to every API request before it is answered (counts towards in-flight concurrency). */
  latencyMs: number;
  /** Added per record returned, so big pages are slow the way Jamf's are. */
  latencyPerRecordMs: number;
  /** Share (0..1) of data requests answered 500. */
  errorRate: number;
  /** Share (0..1) of data requests answered 429 with Retry-After. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** The next N data requests answer 503 (counts down). */
  burst503: number;
  /** Lifetime of newly issued tokens (OAuth `expires_in`, Basic-token `expires`). */
  tokenLifetimeSeconds: number;
  /** Setting this revokes every live token once; it does not stay set. */
  revokeTokens: boolean;
  /** Privileges the API client lacks, e.g. "View Disk Encryption Recovery Key"; their endpoints answer 403. */
  deniedPrivileges: string[];
  /**
   * List requests asking for a larger page-size answer 504 (0 = off), as Jamf Cloud's edge does
   * when a big page takes Jamf longer than its 90 s limit.
   */
  gatewayTimeoutAbovePageSize: number;
  /** Computers Jamf cannot render: every page or single fetch holding one answers 500. */
  unrenderableComputerIds: string[];
  /** Mobile devices Jamf cannot render, likewise. */
  unrenderableMobileDeviceIds: string[];
}

export const DEFAULT_FAULTS: Readonly<SimulatorFaults> = Object.freeze({
  latencyMs: 0,
  latencyPerRecordMs: 0,
  errorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  burst503: 0,
  tokenLifetimeSeconds: 1800,
  revokeTokens: false,
  deniedPrivileges: [],
  gatewayTimeoutAbovePageSize: 0,
  unrenderableComputerIds: [],
  unrenderableMobileDeviceIds: [],
});

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'unavailable' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'serverError' };

/**
 * Holds the current faults and decides, per data request, whether to misbehave. Decisions use a
 * seeded generator, so a test that sets `errorRate: 0.3` sees the same failures on every run.
 */
export class FaultInjector {
  private current: SimulatorFaults;

  constructor(initial: Partial<SimulatorFaults>, private readonly prng: Prng, private readonly onRevoke: () => void) {
    this.current = { ...DEFAULT_FAULTS, deniedPrivileges: [], unrenderableComputerIds: [], unrenderableMobileDeviceIds: [] };
    this.update(initial);
  }

  get faults(): Readonly<SimulatorFaults> {
    return this.current;
  }

  update(changes: Partial<SimulatorFaults>): void {
    const { revokeTokens, ...rest } = changes;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.current = { ...this.current, ...defined, revokeTokens: false };
    if (revokeTokens) this.onRevoke();
  }

  decide(): FaultDecision {
    if (this.current.burst503 > 0) {
      this.current = { ...this.current, burst503: this.current.burst503 - 1 };
      return { kind: 'unavailable' };
    }
    // Always draw both numbers, so changing one rate does not shift the other's sequence.
    const rateLimitRoll = this.prng.next();
    const errorRoll = this.prng.next();
    if (rateLimitRoll < this.current.rateLimitRate) {
      return { kind: 'rateLimited', retryAfterSeconds: this.current.retryAfterSeconds };
    }
    if (errorRoll < this.current.errorRate) return { kind: 'serverError' };
    return { kind: 'none' };
  }

  /** Whether Jamf would fail to render this device (and so every page holding it). */
  isUnrenderable(kind: 'computer' | 'mobileDevice', id: string): boolean {
    const ids = kind === 'computer' ? this.current.unrenderableComputerIds : this.current.unrenderableMobileDeviceIds;
    return ids.includes(id);
  }

  isDenied(privilege: string): boolean {
    return this.current.deniedPrivileges.some((p) => p.toLowerCase() === privilege.toLowerCase());
  }
}
