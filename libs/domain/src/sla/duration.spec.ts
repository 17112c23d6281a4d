import { calendarDays, DAY_MS, DurationError, nominalMillis, parseDuration, timeMillis } from './duration';

describe('parseDuration', () => {
  it.each([
    ['P15D', 0, 15, 0, 0, 0],
    ['P8W', 8, 0, 0, 0, 0],
    ['PT4H', 0, 0, 4, 0, 0],
    ['PT30S', 0, 0, 0, 0, 30],
    ['P1DT12H', 0, 1, 12, 0, 0],
    ['PT1.5S', 0, 0, 0, 0, 1.5],
    ['PT0,25S', 0, 0, 0, 0, 0.25],
    ['PT1H30M', 0, 0, 1, 30, 0],
    ['P1W2D', 1, 2, 0, 0, 0],
    ['P0D', 0, 0, 0, 0, 0],
    ['PT0S', 0, 0, 0, 0, 0],
  ])('reads %s', (iso, weeks, days, hours, minutes, seconds) => {
    expect(parseDuration(iso)).toEqual({ iso, weeks, days, hours, minutes, seconds });
  });

  it.each(['P1Y', 'P1M', 'P1Y2M10D', 'P2MT1H'])('refuses %s: months and years have no fixed length', (iso) => {
    expect(() => parseDuration(iso)).toThrow(/years and months have no fixed length/);
  });

  it.each(['P1.5D', 'PT0.5H', 'PT1,5M'])('refuses a fraction outside the seconds in %s', (iso) => {
    expect(() => parseDuration(iso)).toThrow(/only the seconds may carry a fraction/);
  });

  it.each(['', 'P', 'PT', 'P1DT', '15D', '-P1D', 'p1d', 'P1D2W', 'PT1.2345S', 'P1H', 'PT1D', ' P1D', 'P99999999999999999999D'])(
    'refuses %j',
    (text) => {
      expect(() => parseDuration(text)).toThrow(DurationError);
    },
  );
});

describe('duration measures', () => {
  it('counts weeks and days as days, and the time part in milliseconds', () => {
    const duration = parseDuration('P1W2DT1H2M3.5S');
    expect(calendarDays(duration)).toBe(9);
    expect(timeMillis(duration)).toBe(3_723_500);
    expect(nominalMillis(duration)).toBe(9 * DAY_MS + 3_723_500);
  });

  it('orders P2D after PT47H even though both could be "two days"', () => {
    expect(nominalMillis(parseDuration('P2D'))).toBeGreaterThan(nominalMillis(parseDuration('PT47H')));
  });
});

describe('parsed durations, remembered', () => {
  it('cannot be changed by one caller under another', () => {
    const first = parseDuration('P15D');
    expect(() => Object.assign(first, { days: 1 })).toThrow(TypeError);
    expect(parseDuration('P15D').days).toBe(15);
  });

  it('still refuses an invalid text on every call', () => {
    expect(() => parseDuration('P1M')).toThrow(DurationError);
    expect(() => parseDuration('P1M')).toThrow(DurationError);
  });
});
