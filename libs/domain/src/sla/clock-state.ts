import type { BusinessCalendar } from './calendar';
import type { SlaPolicy, StaffRole } from './policy';

/**
 * A complaint's SLA clock: what happened to it, never derived instants. Deadlines, warnings and
 * wake-ups are computed from this ledger on demand, so a change of policy or calendar (a new year's
 * holidays) recomputes them without migrating stored deadlines. The persistence layer may store
 * `policy` and `calendar` by reference; `version` goes up with every change so that a timer set
 * for an older version can be recognised as stale.
 */
export interface SlaClockState {
  readonly policy: SlaPolicy;
  readonly calendar: BusinessCalendar;
  readonly variant: string | null;
  readonly receivedAt: Date;
  readonly version: number;
  readonly pauses: readonly PauseEntry[];
  readonly milestones: Readonly<Record<string, MilestoneLedger>>;
}

/** A stop of the clock for the listed milestones; `to` is null while the clock is still stopped. */
export interface PauseEntry {
  readonly from: Date;
  readonly to: Date | null;
  readonly reason: string;
  readonly note: string | null;
  readonly milestones: readonly string[];
}

export interface MilestoneLedger {
  readonly metAt: Date | null;
  readonly extensions: readonly ExtensionEntry[];
  readonly restarts: readonly RestartEntry[];
}

export interface Approval {
  readonly staffId: string;
  readonly role: StaffRole;
}

export interface ExtensionEntry {
  readonly at: Date;
  /** The new total allowance (ISO 8601), not the increment. */
  readonly duration: string;
  readonly reason: string;
  readonly approvedBy: Approval | null;
  readonly customerNoticeAt: Date;
}

export interface RestartEntry {
  readonly at: Date;
  readonly reason: string;
}

export const EMPTY_LEDGER: MilestoneLedger = { metAt: null, extensions: [], restarts: [] };
