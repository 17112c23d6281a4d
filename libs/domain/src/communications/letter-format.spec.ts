import { formatLetterDate, formatMoney } from './letter-format';
import { letterTimeZone } from './letter-time-zone';

describe('formatLetterDate', () => {
  const instant = new Date('2026-12-31T20:00:00Z');

  it('writes the day the customer is on, in their language', () => {
    expect(formatLetterDate('zh', instant, 'Asia/Shanghai')).toBe('2027年1月1日');
    expect(formatLetterDate('en', instant, 'America/New_York')).toBe('31 December 2026');
  });

  it('refuses a zone it does not know rather than guess', () => {
    expect(() => formatLetterDate('en', instant, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('writes yuan the Chinese way and other amounts with their currency code', () => {
    expect(formatMoney('zh', { amount: 1234567.5, currency: 'CNY' })).toBe('人民币1,234,567.50元');
    expect(formatMoney('zh', { amount: 80, currency: 'USD' })).toBe('USD 80.00');
    expect(formatMoney('en', { amount: 999.99, currency: 'CNY' })).toBe('CNY 999.99');
  });
});

describe('letterTimeZone', () => {
  it.each([
    ['CN', 'Asia/Shanghai'],
    ['GB', 'Europe/London'],
    ['US', 'America/New_York'],
    ['AU', 'Australia/Sydney'],
    ['DE', 'Europe/Berlin'],
    ['EU', 'UTC'],
    [null, 'UTC'],
  ])('%s → %s', (jurisdiction, zone) => {
    expect(letterTimeZone(jurisdiction)).toBe(zone);
  });
});
