import { ALWAYS_OPEN_WEEK, PRESET_CRITERIA, SLA_PRESETS, type PolicyCriteria, type SlaPolicy } from '@redress/domain';
import type { CalendarDefinition } from './calendar-definition';

export const ALWAYS_OPEN_CALENDAR_ID = 'UTC-24x7';

export interface BuiltinCalendar {
  readonly name: string;
  readonly definition: CalendarDefinition;
}

const NAMES: Readonly<Record<string, string>> = {
  CN: 'Mainland China: State Council holiday schedule, make-up working days included',
  'GB-ENG': 'England and Wales bank holidays',
  DE: 'Germany: national public holidays',
  US: 'United States federal holidays',
  'AU-NSW': 'New South Wales public and bank holidays',
};

/**
 * Every calendar a preset counts in, built from the country's holidays (the id is "CC" or
 * "CC-REGION"), plus a 24×7 UTC calendar for teams that work around the clock.
 */
export const BUILTIN_CALENDARS: ReadonlyMap<string, BuiltinCalendar> = new Map<string, BuiltinCalendar>([
  ...[...new Set(Object.values(SLA_PRESETS).map((policy) => policy.calendar))].sort().map((id): [string, BuiltinCalendar] => {
    const [country, subdivision] = id.split('-', 2);
    return [id, { name: NAMES[id] ?? `${id} public holidays`, definition: { kind: 'country', country, ...(subdivision ? { subdivision } : {}) } }];
  }),
  [
    ALWAYS_OPEN_CALENDAR_ID,
    {
      name: 'Around the clock (UTC): every hour of every day is working time',
      definition: { kind: 'custom', timeZone: 'UTC', week: ALWAYS_OPEN_WEEK, holidays: [], workingDays: [], closures: [] },
    },
  ],
]);

export interface BuiltinPolicy {
  readonly policy: SlaPolicy;
  readonly match: PolicyCriteria;
}

export const BUILTIN_POLICIES: ReadonlyMap<string, BuiltinPolicy> = new Map(
  Object.values(SLA_PRESETS).map((policy) => [policy.code, { policy, match: PRESET_CRITERIA[policy.code] ?? {} }]),
);
