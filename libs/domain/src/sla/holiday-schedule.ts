import { isLocalDate, LocalDate } from './local-date';

/**
 * A government's published holiday arrangement for one year, in the shape an admin loads each
 * year (China's State Council publishes the next year's 放假安排 every autumn). For its year it
 * replaces the library holiday data of that country entirely: `holidays` are the non-working
 * days (including weekend days inside a holiday block), `workingDays` the make-up working days
 * (调休) that fall on a weekend. Dates may lie just outside `year` when a holiday block crosses
 * New Year.
 */
export interface HolidaySchedule {
  readonly country: string;
  readonly year: number;
  readonly holidays: readonly LocalDate[];
  readonly workingDays: readonly LocalDate[];
  /** The notice the dates were copied from, so an auditor can check them. */
  readonly source: string;
}

export function validateHolidaySchedule(schedule: HolidaySchedule): string[] {
  const problems: string[] = [];
  if (!/^[A-Z]{2}$/.test(schedule.country)) problems.push(`country must be an ISO 3166 alpha-2 code, got "${schedule.country}"`);
  if (!Number.isInteger(schedule.year)) problems.push(`year must be an integer, got ${schedule.year}`);
  if (schedule.source.trim() === '') problems.push('source is required');
  const nearYear = (date: LocalDate) => Math.abs(Number(date.slice(0, 4)) - schedule.year) <= 1;
  for (const [name, dates] of [['holidays', schedule.holidays], ['workingDays', schedule.workingDays]] as const) {
    const bad = dates.filter((date) => !isLocalDate(date) || !nearYear(date));
    if (bad.length > 0) problems.push(`${name}: not YYYY-MM-DD dates in or next to ${schedule.year}: ${bad.join(', ')}`);
  }
  const holidays = new Set(schedule.holidays);
  const both = schedule.workingDays.filter((date) => holidays.has(date));
  if (both.length > 0) problems.push(`dates listed as both holiday and working day: ${both.join(', ')}`);
  return problems;
}
