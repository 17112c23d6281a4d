import { alwaysOpenCalendar } from './calendar';
import { planAlerts } from './alert-plan';
import { decodeClock, encodeClock } from './clock-codec';
import type { SlaClockState } from './clock-state';
import { dueWakeUps, firstWakeAt, summarizeClock } from './clock-summary';
import { calendarFromCountry } from './country-calendar';
import type { SlaPolicy } from './policy';
import { CN_NFRA_2020 } from './presets';
import { type ClockResult, extendMilestone, meetMilestone, pauseClock, resumeClock, startClock } from './sla-clock';

const t = (iso: string) => new Date(iso);
const S = 1000;
const calendar = alwaysOpenCalendar('UTC-24x7', 'UTC');

/** Five seconds to answer, warnings at 50% and 75%, the supervisor at the breach, the manager 2 s later. */
const FAST: SlaPolicy = {
  code: 'FAST',
  name: 'test',
  source: 'test',
  calendar: 'UTC-24x7',
  milestones: [{ key: 'final_response', description: 'answer', duration: 'PT5S', counting: 'calendar' }],
  escalation: [
    { level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' },
    { level: 2, delayAfterBreach: 'PT2S', target: 'manager' },
  ],
  pauses: [{ reason: 'awaiting_customer', milestones: ['final_response'], source: 'test' }],
};
const received = t('2026-12-01T00:00:00Z');
const at = (seconds: number) => new Date(received.getTime() + seconds * S);
const org = { assigneeId: 'officer-1', teamSupervisorId: 'sup-1', managerId: 'mgr-1', headOfComplaintsId: null };

function unwrap(result: ClockResult): SlaClockState {
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}
const fast = () => unwrap(startClock({ policy: FAST, calendar, receivedAt: received, now: received }));

describe('summarizeClock', () => {
  it('gives the queue the due instant and the sweeper the first warning', () => {
    expect(summarizeClock(fast(), received)).toEqual({ dueAt: at(5), breached: false, nextWakeAt: at(2.5) });
  });

  it('reports a breach, and keeps a pending wake-up that has passed unhandled', () => {
    expect(summarizeClock(fast(), at(6), at(2.5))).toEqual({ dueAt: at(5), breached: true, nextWakeAt: at(2.5) });
    expect(summarizeClock(fast(), at(6), at(9))).toEqual({ dueAt: at(5), breached: true, nextWakeAt: at(7) });
  });

  it('has nothing due and nothing to wake for once the milestone is met', () => {
    const met = unwrap(meetMilestone(fast(), { milestone: 'final_response', at: at(1) }));
    expect(summarizeClock(met, at(1))).toEqual({ dueAt: null, breached: false, nextWakeAt: null });
  });

  it('has no wake-up while paused, and the paused time later moves every instant', () => {
    const paused = unwrap(pauseClock(fast(), { at: at(1), reason: 'awaiting_customer' }));
    expect(summarizeClock(paused, at(2)).nextWakeAt).toBeNull();
    const resumed = unwrap(resumeClock(paused, { at: at(11) }));
    expect(summarizeClock(resumed, at(11))).toEqual({ dueAt: at(15), breached: false, nextWakeAt: at(12.5) });
  });

  it('counts only mandatory milestones towards the due instant', () => {
    const cn = calendarFromCountry('CN', { years: [2026] });
    const state = unwrap(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: t('2026-03-02T10:00:00+08:00'), now: t('2026-03-02T10:00:00+08:00') }));
    const decided = unwrap(meetMilestone(state, { milestone: 'final_response', at: t('2026-03-05T10:00:00+08:00') }));
    expect(summarizeClock(decided, t('2026-03-05T10:00:00+08:00')).dueAt).toBeNull();
  });
});

describe('firstWakeAt', () => {
  it('is the first warning for a complaint received now, and lies in the past for a letter opened late', () => {
    expect(firstWakeAt(fast())).toEqual(at(2.5));
    const late = unwrap(startClock({ policy: FAST, calendar, receivedAt: received, now: at(60) }));
    expect(firstWakeAt(late)).toEqual(at(2.5));
  });
});

describe('dueWakeUps', () => {
  it('returns each instant owed since the last handled one, in order', () => {
    expect(dueWakeUps(fast(), at(2.5), at(2.5)).map((w) => [w.kind, w.at])).toEqual([['warning', at(2.5)]]);
    expect(dueWakeUps(fast(), at(3.75), at(4)).map((w) => [w.kind, w.fraction])).toEqual([['warning', 0.75]]);
    expect(dueWakeUps(fast(), at(5), at(5)).map((w) => [w.kind, w.level])).toEqual([
      ['due', undefined],
      ['escalation', 1],
    ]);
  });

  it('drops warnings overtaken by the breach when a case is found late', () => {
    const late = dueWakeUps(fast(), at(2.5), at(60));
    expect(late.map((w) => [w.kind, w.level ?? null])).toEqual([
      ['due', null],
      ['escalation', 1],
      ['escalation', 2],
    ]);
  });

  it('owes nothing before the first instant', () => {
    expect(dueWakeUps(fast(), at(2.5), at(2))).toEqual([]);
  });
});

describe('planAlerts', () => {
  it('warns the assigned officer, reports the breach to them and climbs the ladder to the supervisor and manager', () => {
    const plan = planAlerts(fast(), dueWakeUps(fast(), at(2.5), at(7)), org, new Set());
    expect(plan.alerts.map((a) => [a.key, a.recipients])).toEqual([
      ['final_response:breach', ['officer-1']],
      ['final_response:escalation:1', ['sup-1']],
      ['final_response:escalation:2', ['mgr-1']],
    ]);
    expect(plan.alerts.every((a) => a.dueAt.getTime() === at(5).getTime())).toBe(true);
    const warning = planAlerts(fast(), dueWakeUps(fast(), at(2.5), at(2.5)), org, new Set());
    expect(warning.alerts).toEqual([
      { milestone: 'final_response', kind: 'warning', level: null, fraction: 0.5, key: 'final_response:warning:0.5', recipients: ['officer-1'], dueAt: at(5), thresholdAt: at(2.5) },
    ]);
  });

  it('warns the supervisor while nobody is assigned', () => {
    const plan = planAlerts(fast(), dueWakeUps(fast(), at(2.5), at(2.5)), { ...org, assigneeId: null }, new Set());
    expect(plan.alerts[0].recipients).toEqual(['sup-1']);
  });

  it('stops climbing once the breach was acknowledged', () => {
    const plan = planAlerts(fast(), dueWakeUps(fast(), at(7), at(7)), org, new Set(['final_response']));
    expect(plan.alerts).toEqual([]);
    expect(plan.skipped).toEqual([{ milestone: 'final_response', key: 'final_response:escalation:2', reason: 'acknowledged' }]);
  });

  it('skips a level whose post is empty, saying so', () => {
    const plan = planAlerts(fast(), dueWakeUps(fast(), at(7), at(7)), { ...org, managerId: null }, new Set());
    expect(plan.skipped).toEqual([{ milestone: 'final_response', key: 'final_response:escalation:2', reason: 'no_recipient' }]);
  });

  it('raises nothing when a window that is not an obligation lapses', () => {
    const cn = calendarFromCountry('CN', { years: [2026] });
    const start = t('2026-03-02T10:00:00+08:00');
    const decided = unwrap(
      meetMilestone(unwrap(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: start, now: start })), {
        milestone: 'final_response',
        at: t('2026-03-05T10:00:00+08:00'),
      }),
    );
    const owed = dueWakeUps(decided, t('2026-03-05T10:00:01+08:00'), t('2026-05-01T00:00:00+08:00'));
    expect(owed.map((w) => [w.milestone, w.kind])).toEqual([['review_window', 'due']]);
    expect(planAlerts(decided, owed, org, new Set())).toEqual({
      alerts: [],
      skipped: [{ milestone: 'review_window', key: 'review_window:breach', reason: 'not_mandatory' }],
    });
  });
});

describe('encodeClock / decodeClock', () => {
  it('round-trips a clock with a pause, an extension and a met milestone through JSON', () => {
    const cn = calendarFromCountry('CN', { years: [2026] });
    const start = t('2026-03-02T10:00:00+08:00');
    let state = unwrap(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: start, now: start }));
    state = unwrap(pauseClock(state, { at: t('2026-03-03T10:00:00+08:00'), reason: 'external_appraisal', note: 'lab test' }));
    state = unwrap(resumeClock(state, { at: t('2026-03-04T10:00:00+08:00') }));
    state = unwrap(
      extendMilestone(state, {
        milestone: 'final_response',
        at: t('2026-03-05T10:00:00+08:00'),
        duration: 'P30D',
        reason: 'complex',
        customerNoticeAt: t('2026-03-05T09:00:00+08:00'),
      }),
    );
    const stored = JSON.parse(JSON.stringify(encodeClock(state)));
    expect(decodeClock(stored, cn)).toEqual(state);
  });

  it('refuses a calendar other than the one the clock counts in', () => {
    expect(() => decodeClock(encodeClock(fast()), alwaysOpenCalendar('OTHER', 'UTC'))).toThrow(/UTC-24x7/);
  });
});
