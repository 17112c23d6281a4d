import { alwaysOpenCalendar } from './calendar';
import { SlaClockState } from './clock-state';
import { calendarFromCountry } from './country-calendar';
import { DAY_MS } from './duration';
import { milestoneStatus, nextWakeUps } from './milestone-status';
import { SlaPolicy } from './policy';
import { CN_NFRA_2020, UK_FCA_DISP, US_CFPB } from './presets';
import { ClockResult, meetMilestone, pauseClock, startClock } from './sla-clock';

const HOUR = 3_600_000;
const t = (iso: string) => new Date(iso);
const cn = calendarFromCountry('CN', { years: [2026] });
const gb = calendarFromCountry('GB', { years: [2026] });
const us = calendarFromCountry('US', { years: [2026] });

function unwrap(result: ClockResult): SlaClockState {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

// NFRA, received Mon 3/2 10:00 Shanghai: due Tue 3/17 10:00; warnings at 7.5 days (Mon 3/9 22:00)
// and 11.25 days (Fri 3/13 16:00); escalations at due, +1 day, +3 days.
const received = t('2026-03-02T10:00:00+08:00');
const nfra = (now = received) => unwrap(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: received, now }));

describe('milestoneStatus', () => {
  it('gives a letter received ten days ago the five days it has left', () => {
    const now = t('2026-03-12T10:00:00+08:00');
    expect(milestoneStatus(nfra(now), 'final_response', now)).toEqual({
      milestone: 'final_response',
      state: 'on_track',
      counting: 'calendar',
      mandatory: true,
      startedAt: received,
      dueAt: t('2026-03-17T10:00:00+08:00'),
      warnAt: [t('2026-03-09T22:00:00+08:00'), t('2026-03-13T16:00:00+08:00')],
      remaining: 5 * DAY_MS,
      paused: 0,
      metAt: null,
      escalation: null,
      provisional: false,
      version: 1,
    });
  });

  it('finds a letter already past its deadline breached at intake, escalated as far as its age warrants', () => {
    const now = t('2026-03-20T10:00:00+08:00');
    const status = milestoneStatus(nfra(now), 'final_response', now);
    expect(status.state).toBe('breached');
    expect(status.remaining).toBe(-3 * DAY_MS);
    expect(status.escalation).toEqual({ level: 3, delayAfterBreach: 'P3D', target: 'head_of_complaints' });
  });

  it('is at risk once the last warning has passed', () => {
    expect(milestoneStatus(nfra(), 'final_response', t('2026-03-13T15:59:59+08:00')).state).toBe('on_track');
    expect(milestoneStatus(nfra(), 'final_response', t('2026-03-13T16:00:00+08:00')).state).toBe('at_risk');
  });

  it('is breached from the due instant itself, but a milestone met at that instant is on time', () => {
    const due = t('2026-03-17T10:00:00+08:00');
    expect(milestoneStatus(nfra(), 'final_response', due)).toMatchObject({ state: 'breached', remaining: 0 });
    expect(milestoneStatus(nfra(), 'final_response', due).escalation?.level).toBe(1);
    const met = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: due }));
    expect(milestoneStatus(met, 'final_response', due)).toMatchObject({ state: 'met', remaining: 0, escalation: null });
  });

  it('reports how early or late a met milestone was', () => {
    const early = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-12T10:00:00+08:00') }));
    const late = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-18T10:00:00+08:00') }));
    const later = t('2026-04-01T00:00:00+08:00');
    expect(milestoneStatus(early, 'final_response', later)).toMatchObject({ state: 'met', remaining: 5 * DAY_MS, metAt: t('2026-03-12T10:00:00+08:00') });
    expect(milestoneStatus(late, 'final_response', later)).toMatchObject({ state: 'met', remaining: -1 * DAY_MS });
  });

  it('freezes the time left while a pause is open at now and moves the deadline with now', () => {
    const paused = unwrap(pauseClock(nfra(), { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    const twoDaysLater = milestoneStatus(paused, 'final_response', t('2026-03-07T10:00:00+08:00'));
    expect(twoDaysLater).toMatchObject({ state: 'paused', dueAt: t('2026-03-19T10:00:00+08:00'), remaining: 12 * DAY_MS, paused: 2 * DAY_MS });
    const threeDaysLater = milestoneStatus(paused, 'final_response', t('2026-03-08T10:00:00+08:00'));
    expect(threeDaysLater).toMatchObject({ state: 'paused', dueAt: t('2026-03-20T10:00:00+08:00'), remaining: 12 * DAY_MS, paused: 3 * DAY_MS });
  });

  it('calls a missed optional window lapsed and escalates only the obligations', () => {
    const receipt = t('2026-06-01T10:00:00+01:00');
    const fca = unwrap(startClock({ policy: UK_FCA_DISP, calendar: gb, receivedAt: receipt, now: receipt }));
    const friday = t('2026-06-05T09:00:00+01:00');
    expect(milestoneStatus(fca, 'summary_resolution', friday)).toMatchObject({ state: 'lapsed', mandatory: false, escalation: null });
    // Acknowledgement was due Tue 6/2 17:30; level 2 (+1 day) has passed, level 3 (+3 days) has not.
    expect(milestoneStatus(fca, 'acknowledge', friday)).toMatchObject({ state: 'breached', escalation: { level: 2, delayAfterBreach: 'P1D', target: 'manager' } });
    expect(milestoneStatus(fca, 'final_response', friday).state).toBe('on_track');
  });

  it('places warnings at fractions of working time for business-day milestones', () => {
    // Mon 10:00 → Thu 17:30 holds 7.5 + 8.5 × 3 = 33 working hours: 16.5 h is Wed 09:30, 24.75 h Thu 09:15.
    const receipt = t('2026-06-01T10:00:00+01:00');
    const fca = unwrap(startClock({ policy: UK_FCA_DISP, calendar: gb, receivedAt: receipt, now: receipt }));
    expect(milestoneStatus(fca, 'summary_resolution', receipt)).toMatchObject({
      dueAt: t('2026-06-04T17:30:00+01:00'),
      warnAt: [t('2026-06-03T09:30:00+01:00'), t('2026-06-04T09:15:00+01:00')],
      remaining: 33 * HOUR,
    });
  });

  it('places warnings at fractions of elapsed time for calendar milestones', () => {
    const receipt = t('2026-06-01T12:00:00-04:00');
    const cfpb = unwrap(startClock({ policy: US_CFPB, calendar: us, receivedAt: receipt, now: receipt }));
    expect(milestoneStatus(cfpb, 'final_response', receipt).warnAt).toEqual([t('2026-06-09T00:00:00-04:00'), t('2026-06-12T18:00:00-04:00')]);
  });

  it('reports a following milestone as not started until its predecessor is met', () => {
    expect(milestoneStatus(nfra(), 'review_window', received)).toMatchObject({
      state: 'not_started',
      startedAt: null,
      dueAt: null,
      warnAt: [],
      remaining: null,
    });
  });

  it('flags a deadline that depends on holidays the calendar does not cover', () => {
    const late = t('2026-12-20T10:00:00+08:00');
    const partial = calendarFromCountry('CN', { years: [2026, 2027] });
    const state = unwrap(startClock({ policy: CN_NFRA_2020, calendar: partial, receivedAt: late, now: late }));
    expect(milestoneStatus(state, 'final_response', late).provisional).toBe(true);
    expect(milestoneStatus(nfra(), 'final_response', received).provisional).toBe(false);
  });

  it('treats a zero allowance on a 24×7 calendar as due on receipt', () => {
    const policy: SlaPolicy = {
      code: 'INSTANT',
      name: 'instant',
      source: 'test',
      calendar: 'UTC-24X7',
      milestones: [{ key: 'triage', description: 'triage', duration: 'PT0S', counting: 'business_time' }],
      escalation: [],
    };
    const now = t('2026-03-29T00:30:00Z');
    const state = unwrap(startClock({ policy, calendar: alwaysOpenCalendar('UTC-24X7', 'UTC'), receivedAt: now, now }));
    expect(milestoneStatus(state, 'triage', now)).toMatchObject({ state: 'breached', dueAt: now, remaining: 0, warnAt: [now, now] });
    expect(nextWakeUps(state, now)).toEqual([]);
  });

  it('refuses an unknown milestone', () => {
    expect(() => milestoneStatus(nfra(), 'holding_reply', received)).toThrow(RangeError);
  });
});

describe('nextWakeUps', () => {
  it('lists every future warning, due instant and escalation in time order', () => {
    const receipt = t('2026-06-01T10:00:00+01:00');
    const fca = unwrap(startClock({ policy: UK_FCA_DISP, calendar: gb, receivedAt: receipt, now: receipt }));
    const rows = nextWakeUps(fca, receipt).map((w) => [w.milestone, w.kind, w.at.toISOString(), w.fraction ?? w.level ?? null, w.version]);
    const bst = (local: string) => t(`${local}+01:00`).toISOString();
    expect(rows).toEqual([
      // Acknowledge: Mon 10:00 → Tue 17:30 is 16 working hours; 8 h = Tue 09:30, 12 h = Tue 13:30.
      ['acknowledge', 'warning', bst('2026-06-02T09:30:00'), 0.5, 1],
      ['acknowledge', 'warning', bst('2026-06-02T13:30:00'), 0.75, 1],
      ['acknowledge', 'due', bst('2026-06-02T17:30:00'), null, 1],
      ['acknowledge', 'escalation', bst('2026-06-02T17:30:00'), 1, 1],
      ['summary_resolution', 'warning', bst('2026-06-03T09:30:00'), 0.5, 1],
      ['acknowledge', 'escalation', bst('2026-06-03T17:30:00'), 2, 1],
      ['summary_resolution', 'warning', bst('2026-06-04T09:15:00'), 0.75, 1],
      ['summary_resolution', 'due', bst('2026-06-04T17:30:00'), null, 1],
      ['acknowledge', 'escalation', bst('2026-06-05T17:30:00'), 3, 1],
      // Final response: Mon 6/1 + 56 d = Mon 7/27; warnings at 28 and 42 days.
      ['final_response', 'warning', bst('2026-06-29T10:00:00'), 0.5, 1],
      ['final_response', 'warning', bst('2026-07-13T10:00:00'), 0.75, 1],
      ['final_response', 'due', bst('2026-07-27T10:00:00'), null, 1],
      ['final_response', 'escalation', bst('2026-07-27T10:00:00'), 1, 1],
      ['final_response', 'escalation', bst('2026-07-28T10:00:00'), 2, 1],
      ['final_response', 'escalation', bst('2026-07-30T10:00:00'), 3, 1],
    ]);
  });

  it('leaves out instants at or before now, so a handled timer does not come back', () => {
    const due = t('2026-03-17T10:00:00+08:00');
    expect(nextWakeUps(nfra(), due).map((w) => [w.kind, w.level])).toEqual([
      ['escalation', 2],
      ['escalation', 3],
    ]);
  });

  it('has nothing for paused or met milestones, and picks up the window that follows a decision', () => {
    const paused = unwrap(pauseClock(nfra(), { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    expect(nextWakeUps(paused, t('2026-03-06T10:00:00+08:00'))).toEqual([]);
    const decided = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-12T10:00:00+08:00') }));
    // 3/12 + 30 d = Sat 4/11 → Mon 4/13 close; an optional window has no escalations.
    expect(nextWakeUps(decided, t('2026-03-12T10:00:00+08:00'))).toEqual([
      { milestone: 'review_window', kind: 'due', at: t('2026-04-13T17:30:00+08:00'), version: 2 },
    ]);
  });
});
