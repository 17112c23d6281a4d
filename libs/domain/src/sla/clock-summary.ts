import type { SlaClockState } from './clock-state';
import { type MilestoneStatus, milestoneStatus, nextWakeUps, upcoming, type WakeUp, wakeUpsOf } from './milestone-status';

/** What the complaint row keeps beside its clock so the queue can sort and the sweeper can find work. */
export interface ClockSummary {
  /** Earliest due instant among mandatory milestones not yet met (running or already breached). */
  dueAt: Date | null;
  /** Some mandatory milestone is breached at `now`. */
  breached: boolean;
  /** The earliest instant still to handle: a pending one not yet handled, else the next wake-up. */
  nextWakeAt: Date | null;
}

/**
 * `pendingFrom` is the row's earlier next-wake instant: if it has passed without being handled (a
 * late timer, a dead worker), it stays the next one, so a clock change never skips an alert owed.
 */
export function summarizeClock(state: SlaClockState, now: Date, pendingFrom: Date | null = null): ClockSummary {
  const statuses = statusesAt(state, now);
  const next = upcoming(statuses.flatMap((status) => wakeUpsOf(state, status)), now)[0]?.at ?? null;
  return { ...deadlines(statuses), nextWakeAt: pendingFrom !== null && pendingFrom <= now ? pendingFrom : next };
}

/**
 * summarizeClock(state, now, firstWakeAt(state)) for a clock startClock has just returned, with
 * each milestone's status computed once instead of three times (intake starts a clock for every
 * complaint). Nothing is paused, met, extended or restarted yet, so the wake-ups do not depend on
 * the instant the statuses are taken at: those after `now` are the tail of those after receipt.
 */
export function startedClockSummary(state: SlaClockState, now: Date): ClockSummary {
  const statuses = statusesAt(state, now);
  const wakeUps = statuses.flatMap((status) => wakeUpsOf(state, status));
  const first = upcoming(wakeUps, new Date(state.receivedAt.getTime() - 1))[0]?.at ?? null;
  const nextWakeAt = first !== null && first <= now ? first : (upcoming(wakeUps, now)[0]?.at ?? null);
  return { ...deadlines(statuses), nextWakeAt };
}

function statusesAt(state: SlaClockState, now: Date): MilestoneStatus[] {
  return state.policy.milestones.map(({ key }) => milestoneStatus(state, key, now));
}

/** The earliest due instant of the mandatory milestones still owed, and whether one is breached. */
function deadlines(statuses: readonly MilestoneStatus[]): Pick<ClockSummary, 'dueAt' | 'breached'> {
  let dueAt: Date | null = null;
  let breached = false;
  for (const status of statuses) {
    if (!status.mandatory || !status.dueAt || status.state === 'met' || status.state === 'not_started') continue;
    if (dueAt === null || status.dueAt < dueAt) dueAt = status.dueAt;
    if (status.state === 'breached') breached = true;
  }
  return { dueAt, breached };
}

/** The first wake-up of a freshly started clock, which may lie in the past (a letter opened late). */
export function firstWakeAt(state: SlaClockState): Date | null {
  return nextWakeUps(state, new Date(state.receivedAt.getTime() - 1))[0]?.at ?? null;
}

/**
 * The wake-ups from `from` to `now` inclusive, which a timer handler owes. A warning overtaken by a
 * later warning or the due instant of the same milestone in the same batch is dropped: a case
 * found late is reported as breached, not as "half its time has gone" as well.
 */
export function dueWakeUps(state: SlaClockState, from: Date, now: Date): WakeUp[] {
  const owed = nextWakeUps(state, new Date(from.getTime() - 1)).filter((wakeUp) => wakeUp.at <= now);
  return owed.filter(
    (wakeUp) =>
      wakeUp.kind !== 'warning' ||
      !owed.some((later) => later.milestone === wakeUp.milestone && later.at > wakeUp.at && later.kind !== 'escalation'),
  );
}
