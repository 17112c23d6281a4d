import Holidays from 'date-holidays';

/**
 * The zone a customer of this jurisdiction reads dates in: the country's principal zone (the one
 * the SLA calendars use too), UTC when the country is unknown.
 */
export function letterTimeZone(jurisdiction: string | null): string {
  const country = (jurisdiction ?? '').toUpperCase().split('-')[0];
  if (!/^[A-Z]{2}$/.test(country)) return 'UTC';
  return new Holidays(country).getTimezones()[0] ?? 'UTC';
}
