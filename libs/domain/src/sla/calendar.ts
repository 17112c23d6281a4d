import { IANAZone } from 'luxon';
import { addLocalDays, isLocalDate, isoWeekdayOf, IsoWeekday, LocalDate, localDateIn, localInstant } from './local-date';

/** Opening hours of one day on the local wall clock, "HH:mm"; `close` may be "24:00". */
export interface WorkingHours {
  readonly open: string;
  readonly close: string;
}

/** Hours per ISO weekday; a weekday without hours is not a working day. */
export type WeekHours = Readonly<Partial<Record<IsoWeekday, WorkingHours>>>;

/** The local dates for which the holiday data is known to be complete. */
export interface CalendarCoverage {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/**
 * When a bank is open for complaint handling. A plain value (JSON-safe) so it can be stored,
 * versioned and loaded by an admin; every function here is pure over it.
 *
 * A local date's status is decided in this order:
 *  1. `closures` — the bank's own closed days (system cut-over, local disruption) — closed;
 *  2. `workingDays` — make-up working days (调休) on what would be a weekend or holiday — open
 *     with `makeUpDayHours`, or Monday's hours when not set, as they stand in for a weekday;
 *  3. `holidays` — closed;
 *  4. otherwise the weekday's hours in `week`.
 */
export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  readonly week: WeekHours;
  readonly holidays: readonly LocalDate[];
  readonly workingDays: readonly LocalDate[];
  readonly closures: readonly LocalDate[];
  readonly makeUpDayHours?: WorkingHours;
  /** Absent when the calendar needs no holiday data (e.g. a 24×7 calendar). */
  readonly coverage?: CalendarCoverage;
}

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}

export const STANDARD_WEEK: WeekHours = {
  1: { open: '09:00', close: '17:30' },
  2: { open: '09:00', close: '17:30' },
  3: { open: '09:00', close: '17:30' },
  4: { open: '09:00', close: '17:30' },
  5: { open: '09:00', close: '17:30' },
};

const WHOLE_DAY: WorkingHours = { open: '00:00', close: '24:00' };
export const ALWAYS_OPEN_WEEK: WeekHours = { 1: WHOLE_DAY, 2: WHOLE_DAY, 3: WHOLE_DAY, 4: WHOLE_DAY, 5: WHOLE_DAY, 6: WHOLE_DAY, 7: WHOLE_DAY };

/** For teams that work around the clock: working time equals elapsed time. */
export function alwaysOpenCalendar(id: string, timeZone: string): BusinessCalendar {
  return { id, timeZone, week: ALWAYS_OPEN_WEEK, holidays: [], workingDays: [], closures: [] };
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
// A calendar with no working day in a whole year is misconfigured; searching further would only
// hide that.
const SEARCH_LIMIT_DAYS = 366;

function hoursProblem(label: string, hours: WorkingHours): string | null {
  if (!HHMM.test(hours.open) || !HHMM.test(hours.close) || hours.open === '24:00') {
    return `${label}: hours must be "HH:mm" (close may be "24:00"), got ${hours.open}–${hours.close}`;
  }
  return hours.open < hours.close ? null : `${label}: opens at ${hours.open} but closes at ${hours.close}`;
}

export function validateCalendar(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(calendar.timeZone)) problems.push(`unknown IANA time zone "${calendar.timeZone}"`);
  for (const day of WEEKDAYS) {
    const hours = calendar.week[day];
    const problem = hours && hoursProblem(`weekday ${day}`, hours);
    if (problem) problems.push(problem);
  }
  if (WEEKDAYS.every((day) => !calendar.week[day])) problems.push('no weekday has working hours');
  const makeUpProblem = calendar.makeUpDayHours && hoursProblem('make-up day', calendar.makeUpDayHours);
  if (makeUpProblem) problems.push(makeUpProblem);
  if (calendar.workingDays.length > 0 && !calendar.makeUpDayHours && !calendar.week[1]) {
    problems.push('make-up working days need makeUpDayHours when Monday has no hours');
  }
  const lists = { holidays: calendar.holidays, workingDays: calendar.workingDays, closures: calendar.closures };
  for (const [name, dates] of Object.entries(lists)) {
    const bad = dates.filter((date) => !isLocalDate(date));
    if (bad.length > 0) problems.push(`${name}: not YYYY-MM-DD dates: ${bad.join(', ')}`);
  }
  const coverage = calendar.coverage;
  if (coverage && !(isLocalDate(coverage.from) && isLocalDate(coverage.to))) {
    problems.push('coverage: from and to must be YYYY-MM-DD dates');
  }
  return problems;
}

interface DateSets {
  holidays: ReadonlySet<LocalDate>;
  workingDays: ReadonlySet<LocalDate>;
  closures: ReadonlySet<LocalDate>;
}

// Calendars are immutable values, so their lookup sets can be built once per value.
const dateSets = new WeakMap<BusinessCalendar, DateSets>();

function setsOf(calendar: BusinessCalendar): DateSets {
  let sets = dateSets.get(calendar);
  if (!sets) {
    sets = {
      holidays: new Set(calendar.holidays),
      workingDays: new Set(calendar.workingDays),
      closures: new Set(calendar.closures),
    };
    dateSets.set(calendar, sets);
  }
  return sets;
}

export function workingHoursOn(calendar: BusinessCalendar, date: LocalDate): WorkingHours | null {
  const sets = setsOf(calendar);
  if (sets.closures.has(date)) return null;
  if (sets.workingDays.has(date)) return calendar.makeUpDayHours ?? calendar.week[1] ?? null;
  if (sets.holidays.has(date)) return null;
  return calendar.week[isoWeekdayOf(date)] ?? null;
}

export function isWorkingDay(calendar: BusinessCalendar, date: LocalDate): boolean {
  return workingHoursOn(calendar, date) !== null;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: BusinessCalendar, date: LocalDate): LocalDate {
  let day = date;
  for (let step = 0; step < SEARCH_LIMIT_DAYS; step++) {
    day = addLocalDays(day, 1);
    if (isWorkingDay(calendar, day)) return day;
  }
  throw new CalendarError(`calendar ${calendar.id} has no working day in the year after ${date}`);
}

/** The working period of `date` as epoch milliseconds, or null on a non-working day. */
export function workingWindow(calendar: BusinessCalendar, date: LocalDate): { start: number; end: number } | null {
  const hours = workingHoursOn(calendar, date);
  if (!hours) return null;
  return {
    start: localInstant(calendar.timeZone, date, hours.open),
    end: localInstant(calendar.timeZone, date, hours.close),
  };
}

export function closeOfBusiness(calendar: BusinessCalendar, date: LocalDate): Date {
  const window = workingWindow(calendar, date);
  if (!window) throw new CalendarError(`${date} is not a working day in calendar ${calendar.id}`);
  return new Date(window.end);
}

export function localDateOf(calendar: BusinessCalendar, instant: Date): LocalDate {
  return localDateIn(calendar.timeZone, instant);
}

/** False when the calendar's holiday data does not reach `date`, so a result may still change. */
export function isCovered(calendar: BusinessCalendar, date: LocalDate): boolean {
  const coverage = calendar.coverage;
  return !coverage || (date >= coverage.from && date <= coverage.to);
}
