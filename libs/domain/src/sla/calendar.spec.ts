import {
  alwaysOpenCalendar,
  BusinessCalendar,
  CalendarError,
  closeOfBusiness,
  isCovered,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  STANDARD_WEEK,
  validateCalendar,
  workingHoursOn,
  workingWindow,
} from './calendar';
import { addLocalDays, isLocalDate, isoWeekdayOf } from './local-date';

const HOUR = 3_600_000;

const shanghai: BusinessCalendar = {
  id: 'TEST-CN',
  timeZone: 'Asia/Shanghai',
  week: STANDARD_WEEK,
  holidays: ['2026-02-16', '2026-02-17'],
  workingDays: ['2026-02-14', '2026-02-17'],
  closures: ['2026-02-14', '2026-03-03'],
  makeUpDayHours: { open: '08:30', close: '17:00' },
  coverage: { from: '2026-01-01', to: '2026-12-31' },
};

describe('local dates', () => {
  it('give the same answers asked again, and after their remembered answers are dropped', () => {
    const walk = () => {
      const seen: string[] = [];
      for (let day = 0; day < 12_000; day += 1) seen.push(addLocalDays('1990-01-01', day));
      return seen;
    };
    const first = walk();
    expect(first[11_999]).toBe('2022-11-08');
    expect(walk()).toEqual(first);
    expect([isLocalDate('2026-02-30'), isLocalDate('2026-02-30'), isLocalDate('2026-02-28')]).toEqual([false, false, true]);
  });

  it('validates, adds days across month ends and names ISO weekdays', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-8')).toBe(false);
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-03-29', 1)).toBe('2026-03-30');
    expect([isoWeekdayOf('2026-02-16'), isoWeekdayOf('2026-02-22')]).toEqual([1, 7]);
  });

  it('knows leap years, month lengths and year ends, backwards too', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(['2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '20260101', ''].map(isLocalDate)).toEqual(
      [false, false, false, false, false, false, false],
    );
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addLocalDays('2026-10-25', 1)).toBe('2026-10-26');
    // Years below 100 are not read as 19xx.
    expect(isLocalDate('0050-03-01')).toBe(true);
    expect(addLocalDays('0050-02-28', 1)).toBe('0050-03-01');
    expect(isoWeekdayOf('2027-01-01')).toBe(5);
    expect(isoWeekdayOf('2000-01-01')).toBe(6);
  });

  it('refuses to count from a date that does not exist rather than drifting into the next month', () => {
    expect(() => addLocalDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => isoWeekdayOf('2026-13-01')).toThrow(RangeError);
    expect(() => addLocalDays('not a date', 1)).toThrow(RangeError);
  });

  it('gives the same opening instant on every call, also across a DST change', () => {
    const london: BusinessCalendar = { ...shanghai, id: 'TEST-GB', timeZone: 'Europe/London', holidays: [], workingDays: [], closures: [] };
    const first = workingWindow(london, '2026-03-30');
    expect(workingWindow(london, '2026-03-30')).toEqual(first);
    // 09:00 BST on the Monday after the clocks went forward is 08:00 UTC.
    expect(new Date(first!.start).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(new Date(workingWindow(london, '2026-03-27')!.start).toISOString()).toBe('2026-03-27T09:00:00.000Z');
  });
});

describe('day status', () => {
  it('takes the weekday hours on an ordinary day and none at the weekend', () => {
    expect(workingHoursOn(shanghai, '2026-02-18')).toEqual({ open: '09:00', close: '17:30' });
    expect(isWorkingDay(shanghai, '2026-02-21')).toBe(false);
  });

  it('closes on holidays', () => {
    expect(isWorkingDay(shanghai, '2026-02-16')).toBe(false);
  });

  it('opens a make-up working day with the make-up hours, even over a holiday', () => {
    expect(workingHoursOn(shanghai, '2026-02-17')).toEqual({ open: '08:30', close: '17:00' });
  });

  it('lets the bank’s own closures win over make-up days and weekdays', () => {
    expect(isWorkingDay(shanghai, '2026-02-14')).toBe(false);
    expect(isWorkingDay(shanghai, '2026-03-03')).toBe(false);
  });

  it('uses Monday’s hours for a make-up day when none are given', () => {
    const { makeUpDayHours: _omitted, ...withoutMakeUpHours } = shanghai;
    expect(workingHoursOn(withoutMakeUpHours, '2026-02-17')).toEqual({ open: '09:00', close: '17:30' });
  });
});

describe('nextWorkingDay', () => {
  it('is strictly after the date and skips weekends, holidays and closures', () => {
    expect(nextWorkingDay(shanghai, '2026-02-13')).toBe('2026-02-17');
    expect(nextWorkingDay(shanghai, '2026-03-02')).toBe('2026-03-04');
  });

  it('gives up after a year without a working day', () => {
    const closures = Array.from({ length: 400 }, (_, i) => addLocalDays('2026-01-01', i));
    expect(() => nextWorkingDay({ ...shanghai, closures, workingDays: [] }, '2025-12-31')).toThrow(CalendarError);
  });
});

describe('working windows', () => {
  it('turns local hours into instants in the calendar’s zone', () => {
    expect(workingWindow(shanghai, '2026-02-18')).toEqual({
      start: Date.parse('2026-02-18T09:00:00+08:00'),
      end: Date.parse('2026-02-18T17:30:00+08:00'),
    });
    expect(workingWindow(shanghai, '2026-02-21')).toBeNull();
    expect(closeOfBusiness(shanghai, '2026-02-18')).toEqual(new Date('2026-02-18T09:30:00Z'));
  });

  it('refuses close of business on a closed day', () => {
    expect(() => closeOfBusiness(shanghai, '2026-02-16')).toThrow(/not a working day/);
  });

  it('gives a 24×7 calendar 23- and 25-hour days when the clocks change', () => {
    const london = alwaysOpenCalendar('LDN', 'Europe/London');
    const length = (date: string) => {
      const window = workingWindow(london, date);
      return window && (window.end - window.start) / HOUR;
    };
    expect([length('2026-03-28'), length('2026-03-29'), length('2026-10-25')]).toEqual([24, 23, 25]);
  });

  it('keeps 09:00 local on both sides of a DST change', () => {
    const london = { ...shanghai, id: 'LDN', timeZone: 'Europe/London', closures: [], workingDays: [], holidays: [] };
    expect(new Date(workingWindow(london, '2026-03-27')!.start).toISOString()).toBe('2026-03-27T09:00:00.000Z');
    expect(new Date(workingWindow(london, '2026-03-30')!.start).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('localDateOf and coverage', () => {
  it('reads the date on the local wall clock', () => {
    expect(localDateOf(shanghai, new Date('2026-02-15T16:30:00Z'))).toBe('2026-02-16');
  });

  it('knows which dates its holiday data covers', () => {
    expect(isCovered(shanghai, '2026-12-31')).toBe(true);
    expect(isCovered(shanghai, '2027-01-01')).toBe(false);
    expect(isCovered(alwaysOpenCalendar('X', 'UTC'), '2099-01-01')).toBe(true);
  });
});

describe('validateCalendar', () => {
  it('accepts a well-formed calendar', () => {
    expect(validateCalendar(shanghai)).toEqual([]);
    expect(validateCalendar(alwaysOpenCalendar('X', 'Australia/Sydney'))).toEqual([]);
  });

  it('lists every problem', () => {
    const problems = validateCalendar({
      id: 'BAD',
      timeZone: 'Mars/Olympus_Mons',
      week: { 6: { open: '17:00', close: '09:00' }, 7: { open: '9:00', close: '25:00' } },
      holidays: ['2026-13-01'],
      workingDays: ['2026-01-04'],
      closures: [],
      makeUpDayHours: { open: '24:00', close: '24:00' },
      coverage: { from: 'always', to: '2026-12-31' },
    });
    expect(problems).toEqual([
      'unknown IANA time zone "Mars/Olympus_Mons"',
      'weekday 6: opens at 17:00 but closes at 09:00',
      'weekday 7: hours must be "HH:mm" (close may be "24:00"), got 9:00–25:00',
      'make-up day: hours must be "HH:mm" (close may be "24:00"), got 24:00–24:00',
      'holidays: not YYYY-MM-DD dates: 2026-13-01',
      'coverage: from and to must be YYYY-MM-DD dates',
    ]);
  });

  it('needs some working weekday, and hours for make-up days', () => {
    expect(validateCalendar({ ...shanghai, week: {}, makeUpDayHours: undefined })).toEqual([
      'no weekday has working hours',
      'make-up working days need makeUpDayHours when Monday has no hours',
    ]);
  });
});
