import { alwaysOpenCalendar, type BusinessCalendar, calendarFromCountry, type PolicyCriteria, SLA_PRESETS } from '@redress/domain';

/** EU and EEA states, where PSD2 art. 101 governs payment service complaints. */
const EEA = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'];

/** Which complaints each regulator's preset is for. */
export const PRESET_CRITERIA: Readonly<Record<string, PolicyCriteria>> = {
  CN_NFRA_2020: { jurisdictions: ['CN'] },
  UK_FCA_DISP: { jurisdictions: ['GB'] },
  EU_PSD2: { jurisdictions: EEA, categories: ['payments'] },
  US_CFPB: { jurisdictions: ['US'] },
  AU_ASIC_RG271: { jurisdictions: ['AU'] },
};

export const ALWAYS_OPEN_CALENDAR_ID = 'UTC-24x7';

/**
 * The calendars the presets count in, built from date-holidays (and the State Council schedule for
 * China) for the year before to two years after `now`, plus a 24×7 UTC calendar for teams that
 * work around the clock.
 */
export function builtinCalendars(now: Date): Map<string, BusinessCalendar> {
  const year = now.getUTCFullYear();
  const years = [year - 1, year, year + 1, year + 2];
  const ids = new Set(Object.values(SLA_PRESETS).map((policy) => policy.calendar));
  const calendars = new Map<string, BusinessCalendar>([[ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar(ALWAYS_OPEN_CALENDAR_ID, 'UTC')]]);
  for (const id of ids) calendars.set(id, calendarFromCountry(id, { years }));
  return calendars;
}
