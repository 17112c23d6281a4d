import { addCalendarDuration } from './calendar-time';
import { SlaClockState } from './clock-state';
import { counterFor, computeDeadline } from './deadline';
import { parseDuration } from './duration';
import { Counting, EscalationLevel, resolveMilestone } from './policy';

/**
 * - `not_started`: waits for the milestone it follows (e.g. the review window for the decision);
 * - `on_track`, then `at_risk` once the last warning instant has passed;
 * - `paused`: an open pause stops this milestone's clock;
 * - `breached`: a mandatory milestone unmet at or after its due instant (the due instant itself is
 *   the first breached instant, so the timer set for it finds the breach);
 * - `lapsed`: the same for a non-mandatory window — no breach, no escalation;
 * - `met`: stopped; `remaining` then tells how much time was left (negative if late).
 */
export type MilestoneState = 'not_started' | 'on_track' | 'at_risk' | 'paused' | 'breached' | 'lapsed' | 'met';

export interface MilestoneStatus {
  readonly milestone: string;
  readonly state: MilestoneState;
  readonly counting: Counting;
  readonly mandatory: boolean;
  readonly startedAt: Date | null;
  readonly dueAt: Date | null;
  readonly warnAt: readonly Date[];
  /** Time left in the milestone's own counting (ms); negative once overdue; null before start. */
  readonly remaining: number | null;
  /** Paused time credited, in the milestone's own counting (ms). */
  readonly paused: number;
  readonly metAt: Date | null;
  /** The highest escalation level reached by a breach, if any. */
  readonly escalation: EscalationLevel | null;
  /** The deadline used holiday data the calendar does not cover yet and may move. */
  readonly provisional: boolean;
  readonly version: number;
}

function escalationInstant(state: SlaClockState, dueAt: Date, level: EscalationLevel): Date {
  return addCalendarDuration(state.calendar.timeZone, dueAt, parseDuration(level.delayAfterBreach));
}

export function milestoneStatus(state: SlaClockState, milestoneKey: string, now: Date): MilestoneStatus {
  const rule = resolveMilestone(state.policy, milestoneKey, state.variant);
  if (!rule) throw new RangeError(`policy ${state.policy.code} has no milestone ${milestoneKey}`);
  const metAt = state.milestones[milestoneKey]?.metAt ?? null;
  const deadline = computeDeadline(state, milestoneKey, now);
  const mandatory = rule.mandatory;
  const base = { milestone: milestoneKey, counting: rule.counting, mandatory, metAt, version: state.version };
  if (!deadline) {
    return { ...base, state: 'not_started', startedAt: null, dueAt: null, warnAt: [], remaining: null, paused: 0, escalation: null, provisional: false };
  }
  const counter = counterFor(rule.counting, state.calendar);
  const remaining = counter.measure(metAt ?? now, deadline.dueAt);
  const overdue = metAt === null && now >= deadline.dueAt;
  const reached = overdue && mandatory
    ? state.policy.escalation.filter((level) => escalationInstant(state, deadline.dueAt, level) <= now)
    : [];
  const lastWarning = deadline.warnAt.at(-1);
  const phase: MilestoneState = metAt
    ? 'met'
    : overdue
      ? mandatory ? 'breached' : 'lapsed'
      : deadline.paused
        ? 'paused'
        : lastWarning && now >= lastWarning
          ? 'at_risk'
          : 'on_track';
  return {
    ...base,
    state: phase,
    startedAt: deadline.start,
    dueAt: deadline.dueAt,
    warnAt: deadline.warnAt,
    remaining,
    paused: deadline.credited,
    escalation: reached.at(-1) ?? null,
    provisional: deadline.provisional,
  };
}

export type WakeUpKind = 'warning' | 'due' | 'escalation';

/** An instant at which the worker must re-check a milestone; `version` identifies stale timers. */
export interface WakeUp {
  readonly milestone: string;
  readonly kind: WakeUpKind;
  readonly at: Date;
  /** For warnings: the fraction of the allowance used. */
  readonly fraction?: number;
  /** For escalations: the ladder level. */
  readonly level?: number;
  readonly version: number;
}

/**
 * Every instant strictly after `now` at which a timer must fire: warnings, due instants and
 * escalation levels of the milestones that are running. Paused, met and unstarted milestones have
 * none until an operation changes the state (and the version). What is already due at `now` is
 * reported by milestoneStatus, so a worker handling a timer at t asks for the wake-ups after t and
 * never fires twice.
 */
export function nextWakeUps(state: SlaClockState, now: Date): WakeUp[] {
  const wakeUps = state.policy.milestones.flatMap(({ key }) => wakeUpsOf(state, milestoneStatus(state, key, now)));
  return upcoming(wakeUps, now);
}

/** The wake-ups of one milestone in `status`, at any instant; none while it is met, paused or not started. */
export function wakeUpsOf(state: SlaClockState, status: MilestoneStatus): WakeUp[] {
  if (!status.dueAt || status.state === 'met' || status.state === 'paused') return [];
  const base = { milestone: status.milestone, version: state.version };
  const fractions = resolveMilestone(state.policy, status.milestone, state.variant)?.warnAt ?? [];
  const wakeUps: WakeUp[] = status.warnAt.map((at, index) => ({ ...base, kind: 'warning', at, fraction: fractions[index] }));
  wakeUps.push({ ...base, kind: 'due', at: status.dueAt });
  if (status.mandatory) {
    for (const level of state.policy.escalation) {
      wakeUps.push({ ...base, kind: 'escalation', at: escalationInstant(state, status.dueAt, level), level: level.level });
    }
  }
  return wakeUps;
}

/** Those of `wakeUps` strictly after `now`, earliest first. */
export function upcoming(wakeUps: readonly WakeUp[], now: Date): WakeUp[] {
  return wakeUps
    .filter((wakeUp) => wakeUp.at > now)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.milestone.localeCompare(b.milestone));
}
