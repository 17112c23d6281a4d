import { parseDateText, parseTimestampText } from './instant-text';

describe('parseTimestampText', () => {
  it('reads an ISO 8601 date-time with its offset', () => {
    expect(parseTimestampText('2026-11-28T09:30:00+08:00')?.toISOString()).toBe('2026-11-28T01:30:00.000Z');
    expect(parseTimestampText('2028-02-29T23:59Z')?.toISOString()).toBe('2028-02-29T23:59:00.000Z');
  });

  it('refuses a date that does not exist instead of rolling it into the next month', () => {
    expect(parseTimestampText('2026-02-31T10:00:00Z')).toBeUndefined();
    expect(parseTimestampText('2026-02-29T10:00:00+08:00')).toBeUndefined();
    expect(parseTimestampText('2026-04-31T10:00:00Z')).toBeUndefined();
  });

  it('refuses a time without an offset, and years outside 1900-9998', () => {
    expect(parseTimestampText('2026-11-28T09:30:00')).toBeUndefined();
    expect(parseTimestampText('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseTimestampText('1899-12-31T23:00:00Z')).toBeUndefined();
    expect(parseTimestampText('1900-01-01T00:00:00Z')).toBeDefined();
    // An offset would carry this into year 10000.
    expect(parseTimestampText('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(parseTimestampText(20261128)).toBeUndefined();
  });
});

describe('parseDateText', () => {
  it('reads a real YYYY-MM-DD date as its UTC midnight, and nothing else', () => {
    expect(parseDateText('2026-11-28')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(parseDateText('2026-02-31')).toBeUndefined();
    expect(parseDateText('2026-11-28T00:00:00Z')).toBeUndefined();
    expect(parseDateText('0999-01-01')).toBeUndefined();
  });
});
