import { firstWakeAt, SLA_PRESETS, startClock, startedClockSummary, summarizeClock, type SlaClockState } from '@redress/domain';
import { buildCalendar, rollingYears } from '../../../sla/src/calendar-definition';
import { BUILTIN_CALENDARS } from '../../../sla/src/builtins';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('startedClockSummary', () => {
  const now = new Date('2026-11-27T09:41:07.123Z');
  const calendars = new Map(
    [...BUILTIN_CALENDARS].map(([id, builtin]) => [id, buildCalendar(id, builtin.definition, rollingYears(now), [])]),
  );
  // Received just now, earlier today, before a weekend, and long enough ago for warnings, breaches and escalations.
  const ages = [0, 1, 7 * 60_000, 5 * HOUR, 26 * HOUR, 3 * DAY + 7 * HOUR, 9 * DAY, 16 * DAY, 40 * DAY, 61 * DAY + 13 * HOUR, 200 * DAY];

  it.each(Object.keys(SLA_PRESETS))('equals summarizeClock(state, now, firstWakeAt(state)) for a clock just started under %s', (code) => {
    const policy = SLA_PRESETS[code];
    const calendar = calendars.get(policy.calendar)!;
    const variants = [undefined, ...(policy.variants ?? []).map((variant) => variant.key)];
    for (const variant of variants) {
      for (const age of ages) {
        const started = startClock({ policy, calendar, receivedAt: new Date(now.getTime() - age), now, variant });
        if (!started.ok) throw new Error(started.error.message);
        const state: SlaClockState = started.state;
        expect({ variant, age, summary: startedClockSummary(state, now) }).toEqual({ variant, age, summary: summarizeClock(state, now, firstWakeAt(state)) });
        // Exactly at the first wake-up, which is then the one still owed.
        const first = firstWakeAt(state);
        if (first) {
          expect({ variant, age, at: 'first', summary: startedClockSummary(state, first) }).toEqual({
            variant,
            age,
            at: 'first',
            summary: summarizeClock(state, first, first),
          });
        }
      }
    }
  });
});
