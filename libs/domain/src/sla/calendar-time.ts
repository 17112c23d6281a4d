import { calendarDays, DAY_MS, SlaDuration, timeMillis } from './duration';
import { wallClockToInstant, zoneOffsetMinutes } from './zone-offset';

/**
 * Calendar counting: weeks and days are added on the wall clock of `timeZone`, so "P15D" from
 * 10:00 is 10:00 fifteen days later even when the clocks change in between (the elapsed time is
 * then an hour more or less); the time part is then added as elapsed time, so "PT48H" is always
 * 48 real hours. As in luxon, whose results these match: a wall-clock time the clocks repeat keeps
 * the start's offset when it can, and one they skip moves on by the length of the gap.
 */
export function addCalendarDuration(timeZone: string, start: Date, duration: SlaDuration): Date {
  const offset = zoneOffsetMinutes(timeZone, start.getTime());
  const wallClock = start.getTime() + offset * 60_000 + calendarDays(duration) * DAY_MS;
  return new Date(wallClockToInstant(timeZone, wallClock, offset) + timeMillis(duration));
}
