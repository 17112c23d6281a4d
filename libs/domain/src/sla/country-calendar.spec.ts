import { CalendarError, isWorkingDay, validateCalendar } from './calendar';
import { CN_OFFICIAL_2026 } from './cn-official-2026';
import { calendarFromCountry } from './country-calendar';
import { HolidaySchedule, validateHolidaySchedule } from './holiday-schedule';

describe('calendarFromCountry: China', () => {
  const cn = calendarFromCountry('CN', { years: [2026] });

  it('uses the State Council 2026 schedule instead of date-holidays', () => {
    expect(cn.id).toBe('CN');
    expect(cn.timeZone).toBe('Asia/Shanghai');
    expect(cn.holidays).toEqual([...CN_OFFICIAL_2026.holidays].sort());
    expect(cn.workingDays).toEqual(CN_OFFICIAL_2026.workingDays);
    expect(cn.coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('closes the whole Spring Festival block and opens its make-up Saturdays', () => {
    const open = ['2026-02-13', '2026-02-14', '2026-02-15', '2026-02-20', '2026-02-23', '2026-02-24', '2026-02-28'].map(
      (date) => [date, isWorkingDay(cn, date)],
    );
    expect(open).toEqual([
      ['2026-02-13', true],
      ['2026-02-14', true],
      ['2026-02-15', false],
      ['2026-02-20', false],
      ['2026-02-23', false],
      ['2026-02-24', true],
      ['2026-02-28', true],
    ]);
  });

  it('keeps the group-only days (妇女节, 青年节, 儿童节, 建军节) as working days', () => {
    const fallback = calendarFromCountry('CN', { years: [2027] });
    expect(['2027-03-08', '2027-05-04', '2027-06-01'].filter((date) => !isWorkingDay(fallback, date))).toEqual([]);
    expect(isWorkingDay(fallback, '2027-02-05')).toBe(false);
  });

  it('does not count a year without an official schedule as covered', () => {
    expect(calendarFromCountry('CN', { years: [2026, 2027] }).coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(calendarFromCountry('CN', { years: [2025, 2026] }).coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('takes a schedule an admin loads for the next year', () => {
    const cn2027: HolidaySchedule = {
      country: 'CN',
      year: 2027,
      holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'],
      workingDays: ['2027-02-20'],
      source: 'test schedule',
    };
    const calendar = calendarFromCountry('CN', { years: [2026, 2027], schedules: [cn2027] });
    expect(calendar.coverage).toEqual({ from: '2026-01-01', to: '2027-12-31' });
    expect(isWorkingDay(calendar, '2027-02-05')).toBe(true);
    expect(isWorkingDay(calendar, '2027-02-08')).toBe(false);
    expect(isWorkingDay(calendar, '2027-02-20')).toBe(true);
  });

  it('lets a later schedule for the same year replace the built-in one', () => {
    const corrected = { ...CN_OFFICIAL_2026, holidays: CN_OFFICIAL_2026.holidays.filter((date) => date !== '2026-10-07') };
    expect(isWorkingDay(calendarFromCountry('CN', { years: [2026], schedules: [corrected] }), '2026-10-07')).toBe(true);
  });

  it('refuses an invalid schedule', () => {
    const broken = { ...CN_OFFICIAL_2026, workingDays: ['2026-02-15'] };
    expect(() => calendarFromCountry('CN', { years: [2026], schedules: [broken] })).toThrow(/both holiday and working day: 2026-02-15/);
  });
});

describe('validateHolidaySchedule', () => {
  it('accepts the shipped China 2026 schedule', () => {
    expect(validateHolidaySchedule(CN_OFFICIAL_2026)).toEqual([]);
    expect(CN_OFFICIAL_2026.holidays).toHaveLength(33);
  });

  it('lists every problem', () => {
    expect(
      validateHolidaySchedule({ country: 'china', year: 2026.5, holidays: ['2024-01-01'], workingDays: ['26-1-4'], source: ' ' }),
    ).toEqual([
      'country must be an ISO 3166 alpha-2 code, got "china"',
      'year must be an integer, got 2026.5',
      'source is required',
      'holidays: not YYYY-MM-DD dates in or next to 2026.5: 2024-01-01',
      'workingDays: not YYYY-MM-DD dates in or next to 2026.5: 26-1-4',
    ]);
  });
});

describe('calendarFromCountry: other countries', () => {
  it('defaults GB to England & Wales bank holidays', () => {
    const gb = calendarFromCountry('GB', { years: [2026] });
    expect(gb.id).toBe('GB-ENG');
    expect(gb.timeZone).toBe('Europe/London');
    expect(gb.holidays).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-26', '2026-12-28',
    ]);
  });

  it('builds Scotland on request', () => {
    const scotland = calendarFromCountry('GB-SCT', { years: [2026] });
    expect(scotland.id).toBe('GB-SCT');
    expect(['2026-01-02', '2026-11-30'].every((date) => !isWorkingDay(scotland, date))).toBe(true);
    expect(isWorkingDay(scotland, '2026-04-06')).toBe(true);
  });

  it('follows the Federal Reserve in the US: open on the Friday before a Saturday holiday', () => {
    const us = calendarFromCountry('US', { years: [2026, 2027] });
    expect(us.timeZone).toBe('America/New_York');
    expect(['2026-07-03', '2027-12-24', '2027-12-31', '2026-12-24', '2026-11-27'].filter((date) => !isWorkingDay(us, date))).toEqual([]);
    expect(['2026-07-04', '2026-10-12', '2026-11-11', '2026-11-26', '2027-07-05'].filter((date) => isWorkingDay(us, date))).toEqual([]);
  });

  it('defaults AU to New South Wales, whose Bank Holiday closes banks', () => {
    const au = calendarFromCountry('AU', { years: [2026] });
    expect([au.id, au.timeZone]).toEqual(['AU-NSW', 'Australia/Sydney']);
    expect(['2026-01-26', '2026-04-27', '2026-08-03', '2026-10-05'].filter((date) => isWorkingDay(au, date))).toEqual([]);
  });

  it('ignores half-day and observance entries in Germany', () => {
    const de = calendarFromCountry('DE', { years: [2026] });
    expect(['2026-02-16', '2026-12-24', '2026-12-31'].filter((date) => !isWorkingDay(de, date))).toEqual([]);
    expect(['2026-04-03', '2026-05-14', '2026-10-02', '2026-12-25'].map((date) => isWorkingDay(de, date))).toEqual([false, false, true, false]);
  });

  it.each([
    ['HK', 'Asia/Hong_Kong', '2026-07-01'],
    ['SG', 'Asia/Singapore', '2026-05-27'],
    ['FR', 'Europe/Paris', '2026-07-14'],
    ['JP', 'Asia/Tokyo', '2026-01-02'],
    ['IE', 'Europe/Dublin', '2026-04-03'],
  ])('builds %s in %s, closed on %s', (code, timeZone, closed) => {
    const calendar = calendarFromCountry(code, { years: [2026] });
    expect(validateCalendar(calendar)).toEqual([]);
    expect(calendar.timeZone).toBe(timeZone);
    expect(isWorkingDay(calendar, closed)).toBe(false);
  });

  it('takes the zone, hours and the bank’s closures from the options', () => {
    const calendar = calendarFromCountry('US-CA', {
      years: [2026],
      timeZone: 'America/Los_Angeles',
      week: { 1: { open: '08:00', close: '16:00' }, 6: { open: '09:00', close: '12:00' } },
      closures: ['2026-03-02'],
    });
    expect([calendar.id, calendar.timeZone]).toEqual(['US-CA', 'America/Los_Angeles']);
    expect(isWorkingDay(calendar, '2026-03-02')).toBe(false);
    expect(isWorkingDay(calendar, '2026-03-03')).toBe(false);
    expect(isWorkingDay(calendar, '2026-03-07')).toBe(true);
  });

  it.each([
    ['XX', { years: [2026] }, /no country "XX"/],
    ['GB-XYZ', { years: [2026] }, /no region "XYZ"/],
    ['GB', { years: [] }, /at least one whole year/],
    ['GB', { years: [2026.5] }, /at least one whole year/],
    ['GB', { years: [2026], timeZone: 'Europe/Atlantis' }, /unknown IANA time zone/],
  ])('refuses %s %j', (code, options, message) => {
    expect(() => calendarFromCountry(code, options)).toThrow(CalendarError);
    expect(() => calendarFromCountry(code, options)).toThrow(message);
  });
});
