import { BusinessCalendar, isCovered, localDateOf } from './calendar';
import { addCalendarDuration } from './calendar-time';
import { EMPTY_LEDGER, SlaClockState } from './clock-state';
import { calendarDays, nominalMillis, parseDuration, SlaDuration, timeMillis } from './duration';
import { Counting, resolveMilestone, ResolvedMilestone } from './policy';
import { addBusinessDays, addWorkingTime, rollForwardToWorkingDay, workingTimeBetween } from './working-time';

/** A milestone's deadline as of some instant, with the pause ledger applied. */
export interface Deadline {
  readonly rule: ResolvedMilestone;
  readonly allowance: SlaDuration;
  readonly start: Date;
  readonly dueAt: Date;
  readonly warnAt: readonly Date[];
  /** Paused time credited so far, in the milestone's own counting (ms). */
  readonly credited: number;
  /** An open pause is stopping this milestone's clock. */
  readonly paused: boolean;
  /** The deadline depends on holiday data the calendar does not cover yet. */
  readonly provisional: boolean;
}

/** Time in a milestone's own counting: elapsed for calendar, working time for business counting. */
export interface Counter {
  measure(from: Date, to: Date): number;
  advance(from: Date, amount: number): Date;
}

export function counterFor(counting: Counting, calendar: BusinessCalendar): Counter {
  if (counting === 'calendar') {
    return {
      measure: (from, to) => to.getTime() - from.getTime(),
      advance: (from, amount) => new Date(from.getTime() + amount),
    };
  }
  return {
    measure: (from, to) => workingTimeBetween(calendar, from, to),
    advance: (from, amount) => addWorkingTime(calendar, from, amount),
  };
}

function nominalDue(rule: ResolvedMilestone, allowance: SlaDuration, calendar: BusinessCalendar, start: Date): Date {
  switch (rule.counting) {
    case 'calendar':
      return addCalendarDuration(calendar.timeZone, start, allowance);
    case 'business_days':
      return addBusinessDays(calendar, start, calendarDays(allowance));
    case 'business_time':
      return addWorkingTime(calendar, start, timeMillis(allowance));
  }
}

/**
 * When the milestone's clock started: at receipt, or when the milestone it follows was met; a
 * later restart replaces either. Null while a following milestone waits for its predecessor.
 */
export function milestoneStart(state: SlaClockState, key: string): Date | null {
  const rule = resolveMilestone(state.policy, key, state.variant);
  if (!rule) return null;
  const base = rule.startsAfter ? (state.milestones[rule.startsAfter]?.metAt ?? null) : state.receivedAt;
  const restart = state.milestones[key]?.restarts.at(-1)?.at;
  if (!base) return null;
  return restart && restart > base ? restart : base;
}

/** The policy's allowance, or the latest extension granted since the clock (re)started if longer. */
function allowanceOf(state: SlaClockState, key: string, rule: ResolvedMilestone, start: Date): SlaDuration {
  const extension = (state.milestones[key] ?? EMPTY_LEDGER).extensions.filter((entry) => entry.at >= start).at(-1);
  if (!extension) return rule.duration;
  const extended = parseDuration(extension.duration);
  return nominalMillis(extended) > nominalMillis(rule.duration) ? extended : rule.duration;
}

interface Interval {
  readonly from: Date;
  readonly to: Date;
  readonly open: boolean;
}

/**
 * Advances `amount` from `start`, then pushes the result out by every pause that began before the
 * deadline in force at the time: a pause that starts once the deadline has passed does not count,
 * so pausing cannot undo a breach. `settle` turns a raw instant into the deadline in force (the
 * roll-forward). Pauses are in chronological order and do not overlap.
 */
function advanceSkippingPauses(
  counter: Counter,
  start: Date,
  amount: number,
  pauses: readonly Interval[],
  settle: (at: Date) => Date,
) {
  let raw = counter.advance(start, amount);
  let at = settle(raw);
  let credited = 0;
  let openPauseCounted = false;
  for (const pause of pauses) {
    if (pause.from >= at) break;
    const credit = counter.measure(pause.from, pause.to);
    credited += credit;
    openPauseCounted = pause.open;
    raw = counter.advance(raw, credit);
    at = settle(raw);
  }
  return { raw, at, credited, openPauseCounted };
}

/**
 * The deadline of `key` as of `asOf`, which is not before the last recorded event: an open pause
 * counts up to `asOf` (the due instant the milestone would have if resumed then), and no pause
 * counts after the milestone was met or before it (re)started. Null while it has not started.
 */
export function computeDeadline(state: SlaClockState, key: string, asOf: Date): Deadline | null {
  const rule = resolveMilestone(state.policy, key, state.variant);
  const start = milestoneStart(state, key);
  if (!rule || !start) return null;
  const calendar = state.calendar;
  const counter = counterFor(rule.counting, calendar);
  const allowance = allowanceOf(state, key, rule, start);
  const metAt = state.milestones[key]?.metAt ?? null;

  const pauses: Interval[] = [];
  for (const pause of state.pauses) {
    if (!pause.milestones.includes(key)) continue;
    const from = pause.from > start ? pause.from : start;
    const end = pause.to ?? asOf;
    const to = metAt && end > metAt ? metAt : end;
    if (to >= from) pauses.push({ from, to, open: pause.to === null });
  }

  const amount = counter.measure(start, nominalDue(rule, allowance, calendar, start));
  const settle = (at: Date) => (rule.rollForwardToWorkingDay ? rollForwardToWorkingDay(calendar, at) : at);
  const due = advanceSkippingPauses(counter, start, amount, pauses, settle);
  // Warnings are fractions of the allowance actually available, roll-forward included.
  const available = counter.measure(start, due.at) - due.credited;
  const warnAt = rule.warnAt.map(
    (fraction) => advanceSkippingPauses(counter, start, Math.round(fraction * available), pauses, (at) => at).at,
  );

  const usesHolidays = rule.counting !== 'calendar' || rule.rollForwardToWorkingDay;
  const firstDay = localDateOf(calendar, rule.counting === 'calendar' ? due.raw : start);
  const provisional =
    usesHolidays && !(isCovered(calendar, firstDay) && isCovered(calendar, localDateOf(calendar, due.at)));

  return {
    rule,
    allowance,
    start,
    dueAt: due.at,
    warnAt,
    credited: due.credited,
    paused: metAt === null && due.openPauseCounted,
    provisional,
  };
}
