import { isLocalDate } from './local-date';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The years a complaint's dates and a deadline preview may name. Earlier or later is a typing
 * mistake, and the deadline arithmetic formats dates with four-digit years: an offset can carry
 * 9999-12-31 into year 10000.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 9998;

function inYears(date: Date): Date | undefined {
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < EARLIEST_YEAR || year > LATEST_YEAR ? undefined : date;
}

/**
 * An ISO 8601 date-time with its offset, on a date that exists: JavaScript's Date reads
 * 2026-02-31T10:00Z as 3 March, which would move a complaint's clock without a word.
 */
export function parseTimestampText(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = TIMESTAMP.exec(value);
  return parts && isLocalDate(parts[1]) ? inYears(new Date(value)) : undefined;
}

/** A YYYY-MM-DD date that exists, as its UTC midnight. */
export function parseDateText(value: unknown): Date | undefined {
  return typeof value === 'string' && isLocalDate(value) ? inYears(new Date(`${value}T00:00:00Z`)) : undefined;
}
