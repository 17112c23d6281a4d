import Holidays, { HolidaysTypes } from 'date-holidays';
import { BusinessCalendar, CalendarError, STANDARD_WEEK, validateCalendar, WeekHours, WorkingHours } from './calendar';
import { CN_OFFICIAL_2026 } from './cn-official-2026';
import { HolidaySchedule, validateHolidaySchedule } from './holiday-schedule';
import { isoWeekdayOf, LocalDate } from './local-date';

export interface CountryCalendarOptions {
  /** Years to load holidays for; deadlines outside them are flagged provisional. */
  readonly years: readonly number[];
  /** Defaults to the country's first zone in date-holidays (US: America/New_York). */
  readonly timeZone?: string;
  /** Defaults to Monday–Friday 09:00–17:30. */
  readonly week?: WeekHours;
  readonly makeUpDayHours?: WorkingHours;
  /** The bank's own closed days. */
  readonly closures?: readonly LocalDate[];
  /** Official schedules added to the built-in ones; for the same country and year the last wins. */
  readonly schedules?: readonly HolidaySchedule[];
}

// Regions chosen when the code names only the country:
//  - GB: England & Wales share bank holidays (Scotland and Northern Ireland differ: use GB-SCT,
//    GB-NIR); FCA-regulated complaint teams are mostly in England.
//  - AU: New South Wales, where most banks' head offices and complaint teams sit; it also has
//    the NSW Bank Holiday (first Monday of August) on which banks close.
// Other countries default to national holidays only: a German bank in Frankfurt adds its Land
// with "DE-HE", a US bank its state with e.g. "US-NY".
const DEFAULT_REGIONS: Readonly<Record<string, string>> = { GB: 'ENG', AU: 'NSW' };

// Countries whose library data is known to be incomplete, so only years with an official schedule
// count as covered. date-holidays' China data lacks the 调休 make-up working days and most of each
// holiday block.
const NEEDS_OFFICIAL_SCHEDULE: ReadonlySet<string> = new Set(['CN']);

const BUILT_IN_SCHEDULES: readonly HolidaySchedule[] = [CN_OFFICIAL_2026];

// "public" and "bank" are the types on which banks are closed (date-holidays: "bank holiday, banks
// and offices are closed" — e.g. the NSW Bank Holiday, Irish Good Friday, Japan's 1/2–1/3 and
// 12/31, Sweden's midsommarafton). "optional" and "observance" days are working days.
const CLOSED_TYPES: ReadonlySet<HolidaysTypes.HolidayType> = new Set(['public', 'bank']);

// Days date-holidays marks "public" that only a group of people get off, so banks stay open:
// China's 妇女节 (women, half day), 青年节 (ages 14–28, half day), 儿童节 (children under 14) and
// 建军节 (serving military, half day).
const GROUP_ONLY_RULES: Readonly<Record<string, ReadonlySet<string>>> = {
  CN: new Set(['03-08 12:00', '05-04 12:00', '06-01', '08-01 12:00']),
};

function closesBank(country: string, holiday: HolidaysTypes.Holiday): boolean {
  if (!CLOSED_TYPES.has(holiday.type)) return false;
  // Half-day closures (e.g. German Heiliger Abend from 14:00) do not make the day non-working;
  // a bank that shuts for them lists them as closures.
  if (holiday.date.slice(11, 19) !== '00:00:00') return false;
  if (GROUP_ONLY_RULES[country]?.has(holiday.rule)) return false;
  // The Federal Reserve is open on the Friday before a holiday that falls on a Saturday, and US
  // banks follow the Fed schedule; date-holidays lists that Friday as the federal substitute day.
  if (country === 'US' && holiday.substitute && isoWeekdayOf(holiday.date.slice(0, 10)) === 5) return false;
  return true;
}

function schedulesFor(country: string, extra: readonly HolidaySchedule[]): Map<number, HolidaySchedule> {
  const byYear = new Map<number, HolidaySchedule>();
  for (const schedule of [...BUILT_IN_SCHEDULES, ...extra]) {
    if (schedule.country !== country) continue;
    const problems = validateHolidaySchedule(schedule);
    if (problems.length > 0) {
      throw new CalendarError(`holiday schedule ${schedule.country} ${schedule.year}: ${problems.join('; ')}`);
    }
    byYear.set(schedule.year, schedule);
  }
  return byYear;
}

/**
 * A business calendar for a country (optionally "CC-REGION", e.g. "GB-SCT", "AU-VIC", "DE-HE"),
 * built from date-holidays for the requested years. An official schedule for a year replaces the
 * library data for that year; China 2026 ships built in.
 */
export function calendarFromCountry(code: string, options: CountryCalendarOptions): BusinessCalendar {
  const [country, explicitRegion] = code.toUpperCase().split('-', 2);
  const region = explicitRegion ?? DEFAULT_REGIONS[country];
  const catalogue = new Holidays();
  if (!catalogue.getCountries()[country]) throw new CalendarError(`date-holidays has no country "${country}"`);
  if (region && !catalogue.getStates(country)?.[region]) {
    throw new CalendarError(`date-holidays has no region "${region}" for ${country}`);
  }
  const years = [...new Set(options.years)].sort((a, b) => a - b);
  if (years.length === 0 || !years.every(Number.isInteger)) {
    throw new CalendarError('calendarFromCountry needs at least one whole year');
  }

  const source = region ? new Holidays(country, region) : new Holidays(country);
  const schedules = schedulesFor(country, options.schedules ?? []);
  const holidays = new Set<LocalDate>();
  const workingDays = new Set<LocalDate>();
  for (const year of years) {
    const schedule = schedules.get(year);
    if (schedule) {
      schedule.holidays.forEach((date) => holidays.add(date));
      schedule.workingDays.forEach((date) => workingDays.add(date));
      continue;
    }
    for (const holiday of source.getHolidays(year)) {
      if (closesBank(country, holiday)) holidays.add(holiday.date.slice(0, 10));
    }
  }

  // Coverage is one unbroken run of years, from the first year whose data is complete.
  const isCoveredYear = (year: number) =>
    years.includes(year) && (!NEEDS_OFFICIAL_SCHEDULE.has(country) || schedules.has(year));
  const firstCoveredYear = years.find(isCoveredYear) ?? years[0];
  let lastCoveredYear = firstCoveredYear - 1;
  while (isCoveredYear(lastCoveredYear + 1)) lastCoveredYear++;

  const timeZone = options.timeZone ?? source.getTimezones()[0];
  if (!timeZone) throw new CalendarError(`date-holidays has no time zone for ${code}; pass options.timeZone`);
  const calendar: BusinessCalendar = {
    id: region ? `${country}-${region}` : country,
    timeZone,
    week: options.week ?? STANDARD_WEEK,
    holidays: [...holidays].sort(),
    workingDays: [...workingDays].sort(),
    closures: [...(options.closures ?? [])].sort(),
    ...(options.makeUpDayHours ? { makeUpDayHours: options.makeUpDayHours } : {}),
    coverage: { from: `${firstCoveredYear}-01-01`, to: `${lastCoveredYear}-12-31` },
  };
  const problems = validateCalendar(calendar);
  if (problems.length > 0) throw new CalendarError(`calendar ${calendar.id}: ${problems.join('; ')}`);
  return calendar;
}
