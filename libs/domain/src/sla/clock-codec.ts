import type { BusinessCalendar } from './calendar';
import type { SlaClockState } from './clock-state';
import type { SlaPolicy } from './policy';

/**
 * A clock as stored in the database: JSON with ISO instants. The policy is kept as it was when
 * the clock started (a later edit of the policy must not silently move deadlines already promised
 * to a customer; changePolicy does that on purpose). The calendar is stored by id, so a new year's
 * holidays reach running clocks.
 */
export interface StoredSlaClock {
  policy: SlaPolicy;
  calendarId: string;
  variant: string | null;
  receivedAt: string;
  version: number;
  pauses: { from: string; to: string | null; reason: string; note: string | null; milestones: string[] }[];
  milestones: Record<
    string,
    {
      metAt: string | null;
      extensions: { at: string; duration: string; reason: string; approvedBy: { staffId: string; role: string } | null; customerNoticeAt: string }[];
      restarts: { at: string; reason: string }[];
    }
  >;
}

export function encodeClock(state: SlaClockState): StoredSlaClock {
  return {
    policy: state.policy,
    calendarId: state.calendar.id,
    variant: state.variant,
    receivedAt: state.receivedAt.toISOString(),
    version: state.version,
    pauses: state.pauses.map((pause) => ({
      from: pause.from.toISOString(),
      to: pause.to?.toISOString() ?? null,
      reason: pause.reason,
      note: pause.note,
      milestones: [...pause.milestones],
    })),
    milestones: Object.fromEntries(
      Object.entries(state.milestones).map(([key, ledger]) => [
        key,
        {
          metAt: ledger.metAt?.toISOString() ?? null,
          extensions: ledger.extensions.map((entry) => ({
            at: entry.at.toISOString(),
            duration: entry.duration,
            reason: entry.reason,
            approvedBy: entry.approvedBy ? { ...entry.approvedBy } : null,
            customerNoticeAt: entry.customerNoticeAt.toISOString(),
          })),
          restarts: ledger.restarts.map((entry) => ({ at: entry.at.toISOString(), reason: entry.reason })),
        },
      ]),
    ),
  };
}

/** The clock again; `calendar` must be the one named by `stored.calendarId`. */
export function decodeClock(stored: StoredSlaClock, calendar: BusinessCalendar): SlaClockState {
  if (calendar.id !== stored.calendarId) throw new Error(`clock counts in calendar ${stored.calendarId}, not ${calendar.id}`);
  return {
    policy: stored.policy,
    calendar,
    variant: stored.variant,
    receivedAt: new Date(stored.receivedAt),
    version: stored.version,
    pauses: stored.pauses.map((pause) => ({ ...pause, from: new Date(pause.from), to: pause.to === null ? null : new Date(pause.to) })),
    milestones: Object.fromEntries(
      Object.entries(stored.milestones).map(([key, ledger]) => [
        key,
        {
          metAt: ledger.metAt === null ? null : new Date(ledger.metAt),
          extensions: ledger.extensions.map((entry) => ({
            ...entry,
            at: new Date(entry.at),
            approvedBy: entry.approvedBy as SlaClockState['milestones'][string]['extensions'][number]['approvedBy'],
            customerNoticeAt: new Date(entry.customerNoticeAt),
          })),
          restarts: ledger.restarts.map((entry) => ({ ...entry, at: new Date(entry.at) })),
        },
      ]),
    ),
  };
}
