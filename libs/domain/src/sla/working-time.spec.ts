import { alwaysOpenCalendar, BusinessCalendar, CalendarError, STANDARD_WEEK } from './calendar';
import { addCalendarDuration } from './calendar-time';
import { parseDuration } from './duration';
import { addBusinessDays, addWorkingTime, rollForwardToWorkingDay, workingTimeBetween } from './working-time';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

// London, Mon–Fri 09:00–17:30, with Good Friday and Easter Monday 2026 off.
const london: BusinessCalendar = {
  id: 'LDN',
  timeZone: 'Europe/London',
  week: STANDARD_WEEK,
  holidays: ['2026-04-03', '2026-04-06'],
  workingDays: [],
  closures: [],
};
const london24x7 = alwaysOpenCalendar('LDN-24X7', 'Europe/London');

describe('workingTimeBetween', () => {
  it.each([
    ['within one day', '2026-03-02T10:00:00Z', '2026-03-02T12:30:00Z', 2.5],
    ['from before opening to after close', '2026-03-02T06:00:00Z', '2026-03-02T20:00:00Z', 8.5],
    ['overnight', '2026-03-02T17:00:00Z', '2026-03-03T09:30:00Z', 1],
    ['over a weekend', '2026-03-06T16:30:00Z', '2026-03-09T10:00:00Z', 2],
    ['over Easter, across the DST change', '2026-04-02T17:00:00+01:00', '2026-04-07T10:00:00+01:00', 1.5],
    ['inside a weekend', '2026-03-07T10:00:00Z', '2026-03-08T18:00:00Z', 0],
    ['an empty interval', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 0],
  ])('%s', (_name, from, to, hours) => {
    expect(workingTimeBetween(london, at(from), at(to))).toBe(hours * HOUR);
  });

  it('is negative when the interval runs backwards', () => {
    expect(workingTimeBetween(london, at('2026-03-02T12:00:00Z'), at('2026-03-02T10:00:00Z'))).toBe(-2 * HOUR);
  });

  it('equals elapsed time on a 24×7 calendar, a 23-hour day included', () => {
    expect(workingTimeBetween(london24x7, at('2026-03-28T23:00:00Z'), at('2026-03-29T23:00:00Z'))).toBe(24 * HOUR);
    expect(workingTimeBetween(london24x7, at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'))).toBe(23 * HOUR);
  });
});

describe('addWorkingTime', () => {
  it('returns the start unchanged for zero, even outside working hours', () => {
    expect(addWorkingTime(london, at('2026-03-07T12:00:00Z'), 0)).toEqual(at('2026-03-07T12:00:00Z'));
  });

  it('stops at the close when the time runs out exactly there', () => {
    expect(addWorkingTime(london, at('2026-03-02T09:00:00Z'), 8.5 * HOUR)).toEqual(at('2026-03-02T17:30:00Z'));
  });

  it('starts counting at the next opening when started out of hours', () => {
    expect(addWorkingTime(london, at('2026-03-07T12:00:00Z'), HOUR)).toEqual(at('2026-03-09T10:00:00Z'));
  });

  it('skips Easter and lands on local time after the DST change', () => {
    expect(addWorkingTime(london, at('2026-04-02T16:30:00+01:00'), 2 * HOUR)).toEqual(at('2026-04-07T10:00:00+01:00'));
  });

  it('is elapsed time on a 24×7 calendar', () => {
    expect(addWorkingTime(london24x7, at('2026-10-24T23:00:00Z'), 26 * HOUR)).toEqual(at('2026-10-26T01:00:00Z'));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (amount) => {
    expect(() => addWorkingTime(london, at('2026-03-02T10:00:00Z'), amount)).toThrow(CalendarError);
  });

  it('refuses a calendar that never opens', () => {
    expect(() => addWorkingTime({ ...london, week: {} }, at('2026-03-02T10:00:00Z'), HOUR)).toThrow(/no working time/);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['zero days is close on the day of receipt', '2026-03-02T10:00:00Z', 0, '2026-03-02T17:30:00Z'],
    ['before opening, the day itself is the day of receipt', '2026-03-02T07:00:00Z', 1, '2026-03-03T17:30:00Z'],
    ['at closing time exactly, the next day is', '2026-03-02T17:30:00Z', 1, '2026-03-04T17:30:00Z'],
    ['on a Saturday, Monday is', '2026-03-07T10:00:00Z', 1, '2026-03-10T17:30:00Z'],
    ['zero days from a Saturday is Monday’s close', '2026-03-07T10:00:00Z', 0, '2026-03-09T17:30:00Z'],
    ['over Easter', '2026-04-01T12:00:00+01:00', 2, '2026-04-07T17:30:00+01:00'],
  ])('%s', (_name, receivedAt, days, expected) => {
    expect(addBusinessDays(london, at(receivedAt), days)).toEqual(at(expected));
  });

  it.each([-1, 1.5])('refuses %p days', (days) => {
    expect(() => addBusinessDays(london, at('2026-03-02T10:00:00Z'), days)).toThrow(CalendarError);
  });

  it('on a 24×7 calendar ends at local midnight', () => {
    expect(addBusinessDays(london24x7, at('2026-03-28T10:00:00Z'), 1)).toEqual(at('2026-03-30T00:00:00+01:00'));
  });
});

describe('rollForwardToWorkingDay', () => {
  it('keeps an instant on a working day, even after hours', () => {
    expect(rollForwardToWorkingDay(london, at('2026-03-02T23:00:00Z'))).toEqual(at('2026-03-02T23:00:00Z'));
  });

  it('moves an instant on a closed day to the next close of business', () => {
    expect(rollForwardToWorkingDay(london, at('2026-04-03T08:00:00+01:00'))).toEqual(at('2026-04-07T17:30:00+01:00'));
  });

  it('never moves anything on a 24×7 calendar', () => {
    expect(rollForwardToWorkingDay(london24x7, at('2026-12-25T12:00:00Z'))).toEqual(at('2026-12-25T12:00:00Z'));
  });
});

describe('addCalendarDuration', () => {
  it('adds days on the wall clock and hours as elapsed time', () => {
    const start = at('2026-03-28T10:00:00Z');
    expect(addCalendarDuration('Europe/London', start, parseDuration('P1D'))).toEqual(at('2026-03-29T10:00:00+01:00'));
    expect(addCalendarDuration('Europe/London', start, parseDuration('PT24H'))).toEqual(at('2026-03-29T11:00:00+01:00'));
    expect(addCalendarDuration('Europe/London', start, parseDuration('P1DT12H'))).toEqual(at('2026-03-29T22:00:00+01:00'));
  });

  it('returns the start for a zero duration and keeps milliseconds', () => {
    const start = at('2026-03-28T10:00:00Z');
    expect(addCalendarDuration('Europe/London', start, parseDuration('P0D'))).toEqual(start);
    expect(addCalendarDuration('Europe/London', start, parseDuration('PT1.5S'))).toEqual(at('2026-03-28T10:00:01.500Z'));
  });

  it('moves a wall-clock time the clocks skip to just after the gap', () => {
    expect(addCalendarDuration('America/New_York', at('2026-03-07T02:30:00-05:00'), parseDuration('P1D'))).toEqual(
      at('2026-03-08T03:30:00-04:00'),
    );
  });
});
