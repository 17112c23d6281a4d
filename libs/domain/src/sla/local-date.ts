import { DateTime } from 'luxon';

/**
 * A date on a calendar's local wall clock, "YYYY-MM-DD". Holidays are local dates, not instants:
 * Christmas in London starts eight hours after Christmas in Shanghai.
 */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

// Date-only arithmetic runs in UTC so that no zone's DST can move a date by an hour into the
// neighbouring day.
function utcDate(date: LocalDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function isLocalDate(text: string): boolean {
  return LOCAL_DATE_PATTERN.test(text) && utcDate(text).isValid;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return utcDate(date).plus({ days }).toISODate() as LocalDate;
}

export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  return utcDate(date).weekday as IsoWeekday;
}

export function localDateIn(timeZone: string, instant: Date): LocalDate {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() as LocalDate;
}

/**
 * The instant at which the wall clock in `timeZone` shows `hhmm` on `date`; "24:00" is the
 * following midnight. A time that the clock skips (spring forward) resolves to the first instant
 * after the gap, as luxon does.
 */
export function localInstant(timeZone: string, date: LocalDate, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  const day = hour === 24 ? addLocalDays(date, 1) : date;
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return DateTime.fromObject(
    { year, month, day: dayOfMonth, hour: hour % 24, minute },
    { zone: timeZone },
  ).toMillis();
}
