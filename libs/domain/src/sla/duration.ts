import { remember } from './remember';

/**
 * ISO 8601 durations as SLA policies state them (P15D, P8W, PT4H, P1DT12H, PT1.5S).
 *
 * Years and months are refused: a month is 28 to 31 days, so "P1M" would give two complaints
 * received on different days different allowances, and regulators state deadlines in days or
 * weeks anyway. Only the seconds may carry a fraction (ISO 8601 allows a fraction on the lowest
 * component only, and a fraction of a day is ambiguous on a wall clock that skips or repeats an
 * hour); it is kept to the millisecond.
 *
 * The parts stay separate because the counting modes read them differently: calendar counting
 * adds weeks and days on the local wall clock and the time part as elapsed time, business-day
 * counting takes whole days only, and business-time counting takes the time part only.
 */
export interface SlaDuration {
  readonly iso: string;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

const DURATION_PATTERN =
  /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?$/;
const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Parsed durations by their text: policies state a handful, and every deadline reads them again. */
const PARSED = new Map<string, SlaDuration>();
const PARSED_CACHE_SIZE = 1_000;

export function parseDuration(text: string): SlaDuration {
  return PARSED.get(text) ?? remember(PARSED, PARSED_CACHE_SIZE, text, Object.freeze(parse(text)));
}

function parse(text: string): SlaDuration {
  const [datePart, timePart = ''] = text.startsWith('P') ? text.slice(1).split('T', 2) : [''];
  if (/[YM]/.test(datePart)) {
    throw new DurationError(
      `"${text}": years and months have no fixed length; state the deadline in days or weeks (e.g. P30D, P8W)`,
    );
  }
  if (/\d[.,]\d/.test(datePart) || /\d[.,]\d+[HM]/.test(timePart)) {
    throw new DurationError(`"${text}": only the seconds may carry a fraction (e.g. PT1.5S)`);
  }
  const match = DURATION_PATTERN.exec(text);
  if (!match || text === 'P') {
    throw new DurationError(`"${text}" is not an ISO 8601 duration such as P15D, P8W, PT4H or P1DT12H`);
  }
  const [weeks, days, hours, minutes] = match.slice(1, 5).map((part) => Number(part ?? 0));
  const seconds = Number((match[5] ?? '0').replace(',', '.'));
  if (![weeks, days, hours, minutes].every(Number.isSafeInteger) || !Number.isSafeInteger(Math.round(seconds * 1000))) {
    throw new DurationError(`"${text}" is too large`);
  }
  return { iso: text, weeks, days, hours, minutes, seconds };
}

/** Weeks and days as a count of days, for wall-clock and business-day arithmetic. */
export function calendarDays(duration: SlaDuration): number {
  return duration.weeks * 7 + duration.days;
}

/** The time part (hours, minutes, seconds) in milliseconds. */
export function timeMillis(duration: SlaDuration): number {
  return duration.hours * HOUR_MS + duration.minutes * 60_000 + Math.round(duration.seconds * 1000);
}

/** Length with a day taken as 24 hours: only for ordering durations of the same counting mode. */
export function nominalMillis(duration: SlaDuration): number {
  return calendarDays(duration) * DAY_MS + timeMillis(duration);
}
