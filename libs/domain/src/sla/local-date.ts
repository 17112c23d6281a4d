import { remember } from './remember';
import { wallClockToInstant, zoneOffsetMinutes } from './zone-offset';

/**
 * A date on a calendar's local wall clock, "YYYY-MM-DD". Holidays are local dates, not instants:
 * Christmas in London starts eight hours after Christmas in Shanghai.
 */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// Date-only arithmetic runs on UTC days so that no zone's DST can move a date by an hour into the
// neighbouring day. Plain Date arithmetic rather than luxon: business-time deadlines step through
// every day of a period, and luxon's parse-and-format per step was most of intake's SLA cost.
// Zone offsets come from zone-offset.ts, which remembers luxon's answers. Dates and day numbers
// are remembered both ways (a Date and an ISO string per conversion were 2 % of intake's CPU);
// isLocalDate also reads texts from requests, hence the bound.
const DATES = new Map<number, LocalDate>();
const DAYS = new Map<string, number>();
const DATE_CACHE_SIZE = 10_000;

function fromEpochDay(day: number): LocalDate {
  return DATES.get(day) ?? remember(DATES, DATE_CACHE_SIZE, day, new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/** Days since 1970-01-01, or NaN when `date` is not a real YYYY-MM-DD date. */
function epochDay(date: LocalDate): number {
  const known = DAYS.get(date);
  if (known !== undefined) return known;
  const parts = LOCAL_DATE_PATTERN.exec(date);
  if (!parts) return remember(DAYS, DATE_CACHE_SIZE, date, NaN);
  const day = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  day.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  const days = day.getTime() / DAY_MS;
  // 2026-02-30 would count as 2026-03-02; only a real date survives the round trip.
  return remember(DAYS, DATE_CACHE_SIZE, date, fromEpochDay(days) === date ? days : NaN);
}

/** Calendars are validated when loaded, so an invalid date here is a bug: fail loudly, never drift a day. */
function requireEpochDay(date: LocalDate): number {
  const days = epochDay(date);
  if (Number.isNaN(days)) throw new RangeError(`not a local date (YYYY-MM-DD): "${date}"`);
  return days;
}

export function isLocalDate(text: string): boolean {
  return !Number.isNaN(epochDay(text));
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(requireEpochDay(date) + days);
}

export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  return (new Date(requireEpochDay(date) * DAY_MS).getUTCDay() || 7) as IsoWeekday;
}

export function localDateIn(timeZone: string, instant: Date): LocalDate {
  const wallClock = instant.getTime() + zoneOffsetMinutes(timeZone, instant.getTime()) * 60_000;
  if (!Number.isFinite(wallClock)) throw new RangeError(`not an instant: ${String(instant)}`);
  return fromEpochDay(Math.floor(wallClock / DAY_MS));
}

/** Remembered wall-clock instants; cleared when full. Each is a pure function of its key. */
const INSTANTS = new Map<string, number>();
const INSTANT_CACHE_SIZE = 20_000;

/**
 * The instant at which the wall clock in `timeZone` shows `hhmm` on `date`; "24:00" is the
 * following midnight. A time the clock repeats (fall back) is its first occurrence; a time it
 * skips (spring forward) moves on by the length of the gap, so 01:30 on a night that skips
 * 01:00-02:00 is 02:30. Remembered: every deadline asks for the opening and closing instants of
 * each day it spans, and concurrent complaints span the same days.
 */
export function localInstant(timeZone: string, date: LocalDate, hhmm: string): number {
  const key = `${timeZone} ${date} ${hhmm}`;
  let instant = INSTANTS.get(key);
  if (instant === undefined) {
    const [hour, minute] = hhmm.split(':').map(Number);
    instant = remember(INSTANTS, INSTANT_CACHE_SIZE, key, wallClockToInstant(timeZone, requireEpochDay(date) * DAY_MS + (hour * 60 + minute) * 60_000));
  }
  return instant;
}
