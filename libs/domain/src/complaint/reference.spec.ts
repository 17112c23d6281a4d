import { formatReference, REFERENCE_PATTERN } from './reference';

describe('formatReference', () => {
  it('writes the UTC year and a zero-padded number', () => {
    expect(formatReference(new Date('2026-03-01T00:00:00Z'), 123)).toBe('CMP-2026-000123');
    expect(formatReference(new Date('2026-12-31T23:59:59Z'), 1)).toBe('CMP-2026-000001');
  });

  it('keeps growing past six digits instead of wrapping', () => {
    expect(formatReference(new Date('2027-01-01T00:00:00Z'), 1_234_567)).toBe('CMP-2027-1234567');
    expect(REFERENCE_PATTERN.test('CMP-2027-1234567')).toBe(true);
  });
});
