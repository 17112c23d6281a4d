import { DateTime } from 'luxon';
import { calendarDays, SlaDuration, timeMillis } from './duration';

/**
 * Calendar counting: weeks and days are added on the wall clock of `timeZone`, so "P15D" from
 * 10:00 is 10:00 fifteen days later even when the clocks change in between (the elapsed time is
 * then an hour more or less); the time part is then added as elapsed time, so "PT48H" is always
 * 48 real hours. A wall-clock time skipped by a spring-forward change resolves to the first
 * instant after the gap.
 */
export function addCalendarDuration(timeZone: string, start: Date, duration: SlaDuration): Date {
  return DateTime.fromJSDate(start, { zone: timeZone })
    .plus({ days: calendarDays(duration) })
    .plus({ milliseconds: timeMillis(duration) })
    .toJSDate();
}
