import { DateTime } from 'luxon';
import { addCalendarDuration } from './calendar-time';
import { parseDuration } from './duration';
import { localDateIn, localInstant } from './local-date';
import { wallClockToInstant, zoneOffsetMinutes } from './zone-offset';

// Zones with DST both ways round the year, half- and quarter-hour offsets, a half-hour DST shift
// (Lord Howe), a zone that skipped a whole day (Apia, 2011-12-30) and local mean time before 1912.
const ZONES = [
  'Europe/London', 'America/New_York', 'Asia/Shanghai', 'Australia/Sydney', 'Asia/Kathmandu',
  'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Apia', 'America/St_Johns', 'Europe/Amsterdam', 'UTC',
];
const HOUR = 3_600_000;

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Instants from 1900 to 2060, four in five of them within two hours of one of the zone's transitions. */
function instants(zone: string, count: number, next: () => number): number[] {
  const from = Date.UTC(1900, 0, 1);
  const to = Date.UTC(2060, 0, 1);
  const result: number[] = [];
  while (result.length < count) {
    const t = Math.floor(from + next() * (to - from));
    result.push(t);
    // Find the next transition within a year (day steps, then halving to the millisecond) and
    // sample around it.
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    const start = offsetAt(t);
    for (let day = 1; day <= 366; day += 1) {
      if (offsetAt(t + day * 24 * HOUR) === start) continue;
      let [before, after] = [t + (day - 1) * 24 * HOUR, t + day * 24 * HOUR];
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (offsetAt(middle) === start) before = middle;
        else after = middle;
      }
      result.push(after - Math.floor(next() * 2 * HOUR), before, after, after + Math.floor(next() * HOUR));
      break;
    }
  }
  return result;
}

describe('zone offsets remembered per quarter hour', () => {
  it.each(ZONES)('match luxon at every sampled instant in %s, transitions included', (zone) => {
    const next = random(zone.length * 7919);
    for (const t of instants(zone, 150, next)) {
      expect([t, zoneOffsetMinutes(zone, t)]).toEqual([t, DateTime.fromMillis(t, { zone }).offset]);
      // Asked again, from the remembered quarter hour.
      expect(zoneOffsetMinutes(zone, t)).toBe(DateTime.fromMillis(t, { zone }).offset);
    }
  });

  it.each(ZONES)('give the same calendar deadlines and local dates as luxon in %s', (zone) => {
    const next = random(zone.length * 104_729);
    const durations = ['P1D', 'P15D', 'P8W', 'PT48H', 'P1DT12H', 'P35D', 'PT0.5S', 'P0D'].map(parseDuration);
    for (const t of instants(zone, 100, next)) {
      const start = new Date(t);
      for (const duration of durations) {
        const expected = DateTime.fromJSDate(start, { zone })
          .plus({ days: duration.weeks * 7 + duration.days })
          .plus({ milliseconds: (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000 })
          .toJSDate();
        expect([start.toISOString(), duration.iso, addCalendarDuration(zone, start, duration).toISOString()]).toEqual([
          start.toISOString(),
          duration.iso,
          expected.toISOString(),
        ]);
      }
      expect(localDateIn(zone, start)).toBe(DateTime.fromJSDate(start, { zone }).toISODate());
    }
  });

  it('refuses an unknown zone instead of computing with NaN', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    expect(() => localDateIn('Mars/Olympus_Mons', new Date())).toThrow(/unknown IANA time zone "Mars\/Olympus_Mons"/);
  });

  it('refuses an invalid instant rather than naming a date', () => {
    expect(() => localDateIn('Europe/London', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('wall-clock times the clocks repeat or skip', () => {
  // London: 2026-10-25 01:00-02:00 happens twice; 2026-03-29 01:00-02:00 does not happen.
  const repeated = Date.UTC(2026, 9, 25, 1, 30);
  const skipped = Date.UTC(2026, 2, 29, 1, 30);

  it('takes the first occurrence of a repeated time, whatever the present offset', () => {
    expect(new Date(wallClockToInstant('Europe/London', repeated)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(localInstant('Europe/London', '2026-10-25', '01:30')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('keeps a guessed offset that is one of the two', () => {
    expect(new Date(wallClockToInstant('Europe/London', repeated, 0)).toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(new Date(wallClockToInstant('Europe/London', repeated, 60)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('moves a skipped time on by the length of the gap, as luxon does', () => {
    expect(new Date(localInstant('Europe/London', '2026-03-29', '01:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(localInstant('Europe/London', '2026-03-29', '01:30')).toISOString()).toBe(
      DateTime.fromObject({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, { zone: 'Europe/London' }).toUTC().toISO(),
    );
    expect(new Date(wallClockToInstant('Europe/London', skipped, 0)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads 24:00 as the next midnight', () => {
    expect(new Date(localInstant('Asia/Shanghai', '2026-12-31', '24:00')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
