import { IANAZone } from 'luxon';
import { DAY_MS } from './duration';
import { remember } from './remember';

const MINUTE_MS = 60_000;
// Offsets are remembered per quarter hour of UTC. A quarter hour whose two ends have the same
// offset has it throughout (no zone changes its clocks twice within one), so only the rare
// quarter hour that holds a transition asks the zone rules for the instant itself.
const SPAN_MS = 15 * MINUTE_MS;
const CACHE_SIZE = 50_000;

interface ZoneOffsets {
  readonly zone: IANAZone;
  /** Quarter-hour index → offset in minutes, or NaN when the offset changes inside it. */
  readonly spans: Map<number, number>;
}

const ZONES = new Map<string, ZoneOffsets>();

function zoneOffsets(timeZone: string): ZoneOffsets {
  let entry = ZONES.get(timeZone);
  if (!entry) {
    const zone = IANAZone.create(timeZone);
    // Calendars are validated when loaded, so an unknown zone here is a bug: fail loudly.
    if (!zone.isValid) throw new RangeError(`unknown IANA time zone "${timeZone}"`);
    entry = { zone, spans: new Map() };
    ZONES.set(timeZone, entry);
  }
  return entry;
}

/**
 * Minutes that the wall clock of `timeZone` is ahead of UTC at `instant` (ms since the epoch), by
 * the zone rules luxon reads from Intl. Remembered: asking Intl (formatToParts) for each instant
 * was a tenth of intake's CPU, and the instants of concurrent complaints share their quarter hours.
 */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  const { zone, spans } = zoneOffsets(timeZone);
  const span = Math.floor(instant / SPAN_MS);
  let offset = spans.get(span);
  if (offset === undefined) {
    const start = zone.offset(span * SPAN_MS);
    offset = remember(spans, CACHE_SIZE, span, start === zone.offset((span + 1) * SPAN_MS - 1) ? start : NaN);
  }
  return Number.isNaN(offset) ? zone.offset(instant) : offset;
}

/**
 * The instant at which the wall clock of `timeZone` shows `wallClock` (a local time written as if
 * it were UTC, in ms). This is luxon's resolution (fixOffset), starting from `offsetGuess` minutes:
 * a time the clocks repeat keeps the guessed offset when that is one of its two, and a time they
 * skip moves on by the length of the gap. Without a guess, the offset a day before is taken, so a
 * repeated time is its first occurrence, whenever it is asked (luxon guesses from the present).
 */
export function wallClockToInstant(timeZone: string, wallClock: number, offsetGuess = zoneOffsetMinutes(timeZone, wallClock - DAY_MS)): number {
  let guess = wallClock - offsetGuess * MINUTE_MS;
  const second = zoneOffsetMinutes(timeZone, guess);
  if (second === offsetGuess) return guess;
  guess -= (second - offsetGuess) * MINUTE_MS;
  const third = zoneOffsetMinutes(timeZone, guess);
  if (second === third) return guess;
  return wallClock - Math.min(second, third) * MINUTE_MS;
}
