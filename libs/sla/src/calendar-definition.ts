import {
  type BusinessCalendar,
  type CalendarCoverage,
  CalendarError,
  calendarFromCountry,
  type HolidaySchedule,
  type LocalDate,
  validateCalendar,
  type WeekHours,
  type WorkingHours,
} from '@redress/domain';

/** A calendar built from date-holidays (and official schedules) for a country or one of its regions. */
export interface CountryCalendarDefinition {
  readonly kind: 'country';
  /** ISO 3166 alpha-2. */
  readonly country: string;
  /** A date-holidays region, e.g. "SCT", "NSW", "HE"; GB and AU default to England and NSW. */
  readonly subdivision?: string;
  /** Years to load holidays for; by default the year before the current one to two years after. */
  readonly years?: readonly number[];
  /** Defaults to the country's first zone in date-holidays. */
  readonly timeZone?: string;
  /** Defaults to Monday–Friday 09:00–17:30. */
  readonly week?: WeekHours;
  readonly makeUpDayHours?: WorkingHours;
  /** The bank's own closed days. */
  readonly closures?: readonly LocalDate[];
}

/** A calendar whose every date the admin states. */
export interface CustomCalendarDefinition {
  readonly kind: 'custom';
  readonly timeZone: string;
  readonly week: WeekHours;
  readonly holidays: readonly LocalDate[];
  readonly workingDays: readonly LocalDate[];
  readonly closures: readonly LocalDate[];
  readonly makeUpDayHours?: WorkingHours;
  /** The dates the holiday lists are complete for; deadlines outside are flagged provisional. */
  readonly coverage?: CalendarCoverage;
}

export type CalendarDefinition = CountryCalendarDefinition | CustomCalendarDefinition;

/**
 * The years a country calendar loads when its definition names none: enough for a complaint
 * received last December whose extended deadline runs into next year, and for previews ahead.
 */
export function rollingYears(now: Date): number[] {
  const year = now.getUTCFullYear();
  return [year - 1, year, year + 1, year + 2];
}

/** The country a definition takes official holiday schedules from, if any. */
export function scheduleCountry(definition: CalendarDefinition): string | null {
  return definition.kind === 'country' ? definition.country : null;
}

/**
 * The BusinessCalendar a definition describes, under `id` (policies and stored clocks name
 * calendars by id). Throws CalendarError naming every problem.
 */
export function buildCalendar(
  id: string,
  definition: CalendarDefinition,
  years: readonly number[],
  schedules: readonly HolidaySchedule[],
): BusinessCalendar {
  if (definition.kind === 'custom') {
    const calendar: BusinessCalendar = {
      id,
      timeZone: definition.timeZone,
      week: definition.week,
      holidays: [...definition.holidays].sort(),
      workingDays: [...definition.workingDays].sort(),
      closures: [...definition.closures].sort(),
      ...(definition.makeUpDayHours ? { makeUpDayHours: definition.makeUpDayHours } : {}),
      ...(definition.coverage ? { coverage: definition.coverage } : {}),
    };
    const problems = validateCalendar(calendar);
    if (problems.length > 0) throw new CalendarError(`calendar ${id}: ${problems.join('; ')}`);
    return calendar;
  }
  const code = definition.subdivision ? `${definition.country}-${definition.subdivision}` : definition.country;
  const calendar = calendarFromCountry(code, {
    years: definition.years ?? years,
    timeZone: definition.timeZone,
    week: definition.week,
    makeUpDayHours: definition.makeUpDayHours,
    closures: definition.closures,
    schedules,
  });
  return { ...calendar, id };
}
