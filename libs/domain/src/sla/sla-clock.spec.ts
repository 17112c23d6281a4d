import { SlaClockState } from './clock-state';
import { calendarFromCountry } from './country-calendar';
import { milestoneStatus } from './milestone-status';
import { SlaPolicy } from './policy';
import { AU_ASIC_RG271, CN_NFRA_2020, UK_FCA_DISP } from './presets';
import {
  changePolicy,
  ClockErrorCode,
  ClockResult,
  extendMilestone,
  ExtendMilestone,
  meetMilestone,
  pauseClock,
  restartMilestones,
  resumeClock,
  startClock,
} from './sla-clock';

const cn = calendarFromCountry('CN', { years: [2026] });
const gb = calendarFromCountry('GB', { years: [2026] });
const t = (iso: string) => new Date(iso);
// Mon 2026-03-02 10:00 in Shanghai; the 15-day decision is due Tue 3/17 10:00 (a working day).
const received = t('2026-03-02T10:00:00+08:00');
const manager = { staffId: 'staff-1', role: 'manager' } as const;

function unwrap(result: ClockResult): SlaClockState {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}
function errorCode(result: ClockResult): ClockErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}
const nfra = () => unwrap(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: received, now: received }));
const dueOf = (state: SlaClockState, key = 'final_response', now = received) => milestoneStatus(state, key, now).dueAt?.toISOString();
const iso = (text: string) => t(text).toISOString();

describe('startClock', () => {
  it('starts at version 1 with an empty ledger per milestone', () => {
    const state = nfra();
    expect(state.version).toBe(1);
    expect(state.variant).toBeNull();
    expect(state.pauses).toEqual([]);
    expect(Object.keys(state.milestones)).toEqual(['final_response', 'review_window']);
    expect(dueOf(state)).toBe(iso('2026-03-17T10:00:00+08:00'));
  });

  it.each<[string, Partial<Parameters<typeof startClock>[0]>, ClockErrorCode]>([
    ['an invalid policy', { policy: { ...CN_NFRA_2020, milestones: [] } }, 'invalid_policy'],
    ['an invalid calendar', { calendar: { ...cn, timeZone: 'Nowhere/Land' } }, 'invalid_calendar'],
    ['a calendar the policy does not count in', { calendar: gb }, 'calendar_mismatch'],
    ['an unknown variant', { variant: 'superannuation' }, 'unknown_variant'],
    ['a receipt after now', { receivedAt: t('2026-03-02T10:00:01+08:00') }, 'received_in_future'],
    ['an invalid date', { receivedAt: t('yesterday') }, 'invalid_time'],
  ])('refuses %s', (_name, overrides, code) => {
    expect(errorCode(startClock({ policy: CN_NFRA_2020, calendar: cn, receivedAt: received, now: received, ...overrides }))).toBe(code);
  });
});

describe('pauseClock and resumeClock', () => {
  it('stops the milestones the pause rule names and bumps the version without touching the input', () => {
    const state = nfra();
    const paused = unwrap(pauseClock(state, { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal', note: 'lab test' }));
    expect(paused.version).toBe(2);
    expect(paused.pauses).toEqual([
      { from: t('2026-03-05T10:00:00+08:00'), to: null, reason: 'external_appraisal', note: 'lab test', milestones: ['final_response'] },
    ]);
    expect(state.pauses).toEqual([]);
    const resumed = unwrap(resumeClock(paused, { at: t('2026-03-06T10:00:00+08:00') }));
    expect(resumed.version).toBe(3);
    expect(dueOf(resumed)).toBe(iso('2026-03-18T10:00:00+08:00'));
  });

  it('credits nothing for a pause resumed at the instant it began', () => {
    const paused = unwrap(pauseClock(nfra(), { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    expect(dueOf(unwrap(resumeClock(paused, { at: t('2026-03-05T10:00:00+08:00') })))).toBe(iso('2026-03-17T10:00:00+08:00'));
  });

  it('refuses reasons the policy does not allow (FCA DISP has no stop-the-clock)', () => {
    expect(errorCode(pauseClock(nfra(), { at: received, reason: 'awaiting_customer' }))).toBe('pause_not_allowed');
    const fca = unwrap(startClock({ policy: UK_FCA_DISP, calendar: gb, receivedAt: t('2026-03-02T10:00:00Z'), now: t('2026-03-02T10:00:00Z') }));
    expect(errorCode(pauseClock(fca, { at: t('2026-03-03T10:00:00Z'), reason: 'external_appraisal' }))).toBe('pause_not_allowed');
  });

  it('refuses a pause before receipt, a second open pause and one overlapping the last', () => {
    const state = nfra();
    expect(errorCode(pauseClock(state, { at: t('2026-03-01T10:00:00+08:00'), reason: 'external_appraisal' }))).toBe('before_start');
    const paused = unwrap(pauseClock(state, { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    expect(errorCode(pauseClock(paused, { at: t('2026-03-05T11:00:00+08:00'), reason: 'external_appraisal' }))).toBe('already_paused');
    const resumed = unwrap(resumeClock(paused, { at: t('2026-03-06T10:00:00+08:00') }));
    expect(errorCode(pauseClock(resumed, { at: t('2026-03-05T12:00:00+08:00'), reason: 'external_appraisal' }))).toBe('pause_overlaps_previous');
  });

  it('refuses to pause a milestone that is met or already breached', () => {
    const met = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-04T10:00:00+08:00') }));
    expect(errorCode(pauseClock(met, { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }))).toBe('nothing_to_pause');
    expect(errorCode(pauseClock(nfra(), { at: t('2026-03-17T10:00:00+08:00'), reason: 'external_appraisal' }))).toBe('nothing_to_pause');
  });

  it('refuses to resume a clock that is not paused, or before the pause began', () => {
    expect(errorCode(resumeClock(nfra(), { at: received }))).toBe('not_paused');
    const paused = unwrap(pauseClock(nfra(), { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    expect(errorCode(resumeClock(paused, { at: t('2026-03-05T09:59:59+08:00') }))).toBe('resume_before_pause');
    expect(errorCode(resumeClock(paused, { at: t('not a date') }))).toBe('invalid_time');
  });
});

describe('meetMilestone', () => {
  it('stops the milestone and starts the one that follows it', () => {
    const decided = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-12T10:00:00+08:00') }));
    expect(decided.milestones.final_response.metAt).toEqual(t('2026-03-12T10:00:00+08:00'));
    expect(milestoneStatus(decided, 'review_window', t('2026-03-12T10:00:00+08:00')).startedAt).toEqual(t('2026-03-12T10:00:00+08:00'));
  });

  it.each<[string, string, string, ClockErrorCode]>([
    ['an unknown milestone', 'holding_reply', '2026-03-03T10:00:00+08:00', 'unknown_milestone'],
    ['a milestone that has not started', 'review_window', '2026-03-03T10:00:00+08:00', 'milestone_not_started'],
    ['a time before its start', 'final_response', '2026-03-01T10:00:00+08:00', 'before_start'],
  ])('refuses %s', (_name, milestone, at, code) => {
    expect(errorCode(meetMilestone(nfra(), { milestone, at: t(at) }))).toBe(code);
  });

  it('refuses to meet a milestone twice', () => {
    const met = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-04T10:00:00+08:00') }));
    expect(errorCode(meetMilestone(met, { milestone: 'final_response', at: t('2026-03-05T10:00:00+08:00') }))).toBe('already_met');
  });
});

describe('extendMilestone (NFRA: 30 days for complex cases, 60 with a senior manager’s approval)', () => {
  const request = (overrides: Partial<ExtendMilestone> = {}): ExtendMilestone => ({
    milestone: 'final_response',
    at: t('2026-03-10T10:00:00+08:00'),
    duration: 'P30D',
    reason: 'needs records from the card scheme',
    customerNoticeAt: t('2026-03-10T09:00:00+08:00'),
    ...overrides,
  });

  it('extends to 30 days without approval and records the extension', () => {
    const extended = unwrap(extendMilestone(nfra(), request()));
    expect(extended.milestones.final_response.extensions).toEqual([
      { at: request().at, duration: 'P30D', reason: request().reason, approvedBy: null, customerNoticeAt: request().customerNoticeAt },
    ]);
    // 3/2 + 30 d = Wed 4/1.
    expect(dueOf(extended)).toBe(iso('2026-04-01T10:00:00+08:00'));
  });

  it('refuses 60 days without a manager’s approval, or with a supervisor’s', () => {
    expect(errorCode(extendMilestone(nfra(), request({ duration: 'P60D' })))).toBe('approval_required');
    const supervisor = { staffId: 'staff-2', role: 'team_supervisor' } as const;
    expect(errorCode(extendMilestone(nfra(), request({ duration: 'P60D', approvedBy: supervisor })))).toBe('approval_required');
  });

  it('extends to 30 and then to 60 days with approval', () => {
    const thirty = unwrap(extendMilestone(nfra(), request()));
    const sixty = unwrap(extendMilestone(thirty, request({ at: t('2026-03-25T10:00:00+08:00'), duration: 'P60D', approvedBy: manager, customerNoticeAt: t('2026-03-25T10:00:00+08:00') })));
    // 3/2 + 60 d = Fri 5/1, 劳动节 5/1–5/5 → Wed 5/6 close.
    expect(dueOf(sixty)).toBe(iso('2026-05-06T17:30:00+08:00'));
    expect(sixty.version).toBe(3);
  });

  it.each<[string, Partial<ExtendMilestone>, ClockErrorCode]>([
    ['beyond the last step', { duration: 'P61D', approvedBy: manager }, 'extension_exceeds_maximum'],
    ['not longer than now', { duration: 'P15D' }, 'extension_not_longer'],
    ['shorter than now', { duration: 'P10D' }, 'extension_not_longer'],
    ['in months', { duration: 'P1M' }, 'invalid_duration'],
    ['without a reason', { reason: '  ' }, 'reason_required'],
    ['without a customer notice', { customerNoticeAt: undefined }, 'customer_notice_required'],
    ['with a notice not yet sent', { customerNoticeAt: t('2026-03-10T11:00:00+08:00') }, 'customer_notice_out_of_range'],
    ['with a notice before receipt', { customerNoticeAt: t('2026-03-01T11:00:00+08:00') }, 'customer_notice_out_of_range'],
    ['after the deadline passed', { at: t('2026-03-17T10:00:00+08:00') }, 'milestone_breached'],
    ['before the clock started', { at: t('2026-03-01T10:00:00+08:00') }, 'before_start'],
    ['of a milestone without an extension rule', { milestone: 'review_window' }, 'extension_not_allowed'],
  ])('refuses an extension %s', (_name, overrides, code) => {
    expect(errorCode(extendMilestone(nfra(), request(overrides)))).toBe(code);
  });

  it('refuses to extend a met milestone, or under a policy without extensions', () => {
    const met = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-04T10:00:00+08:00') }));
    expect(errorCode(extendMilestone(met, request()))).toBe('already_met');
    const fca = unwrap(startClock({ policy: UK_FCA_DISP, calendar: gb, receivedAt: t('2026-03-02T10:00:00Z'), now: t('2026-03-02T10:00:00Z') }));
    expect(errorCode(extendMilestone(fca, request({ duration: 'P10W' })))).toBe('extension_not_allowed');
  });
});

describe('restartMilestones', () => {
  const newFacts = t('2026-03-10T15:00:00+08:00');

  it('restarts the milestones of the policy’s rule for the reason (NFRA new facts)', () => {
    const restarted = unwrap(restartMilestones(nfra(), { at: newFacts, reason: 'new_facts' }));
    expect(restarted.milestones.final_response.restarts).toEqual([{ at: newFacts, reason: 'new_facts' }]);
    expect(dueOf(restarted)).toBe(iso('2026-03-25T15:00:00+08:00'));
  });

  it('drops extensions and pauses from before the restart', () => {
    const extended = unwrap(
      extendMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-05T10:00:00+08:00'), duration: 'P30D', reason: 'complex', customerNoticeAt: t('2026-03-05T10:00:00+08:00') }),
    );
    const paused = unwrap(pauseClock(extended, { at: t('2026-03-06T10:00:00+08:00'), reason: 'external_appraisal' }));
    const resumed = unwrap(resumeClock(paused, { at: t('2026-03-09T10:00:00+08:00') }));
    expect(dueOf(unwrap(restartMilestones(resumed, { at: newFacts, reason: 'new_facts' })))).toBe(iso('2026-03-25T15:00:00+08:00'));
  });

  it('reopens a met milestone when the caller names it, and the window after it waits again', () => {
    const decided = unwrap(meetMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-12T10:00:00+08:00') }));
    const reopened = unwrap(restartMilestones(decided, { at: t('2026-03-20T10:00:00+08:00'), reason: 'reopened', milestones: ['final_response'] }));
    expect(reopened.milestones.final_response.metAt).toBeNull();
    expect(dueOf(reopened)).toBe(iso('2026-04-07T17:30:00+08:00'));
    expect(milestoneStatus(reopened, 'review_window', t('2026-03-20T10:00:00+08:00')).state).toBe('not_started');
  });

  it.each<[string, Parameters<typeof restartMilestones>[1], ClockErrorCode]>([
    ['a reason without a rule and no milestones', { at: newFacts, reason: 'reopened' }, 'unknown_restart_reason'],
    ['an unknown milestone', { at: newFacts, reason: 'reopened', milestones: ['holding_reply'] }, 'unknown_milestone'],
    ['a milestone that has not started', { at: newFacts, reason: 'reopened', milestones: ['review_window'] }, 'milestone_not_started'],
    ['a time before receipt', { at: t('2026-03-01T10:00:00+08:00'), reason: 'new_facts' }, 'before_start'],
    ['an empty reason', { at: newFacts, reason: '', milestones: ['final_response'] }, 'reason_required'],
  ])('refuses %s', (_name, input, code) => {
    expect(errorCode(restartMilestones(nfra(), input))).toBe(code);
  });
});

describe('changePolicy', () => {
  it('recomputes deadlines from the kept ledger', () => {
    const paused = unwrap(pauseClock(nfra(), { at: t('2026-03-05T10:00:00+08:00'), reason: 'external_appraisal' }));
    const resumed = unwrap(resumeClock(paused, { at: t('2026-03-06T10:00:00+08:00') }));
    const stricter: SlaPolicy = {
      ...CN_NFRA_2020,
      code: 'CN_BANK_10D',
      milestones: [{ ...CN_NFRA_2020.milestones[0], duration: 'P10D' }, CN_NFRA_2020.milestones[1]],
    };
    const changed = unwrap(changePolicy(resumed, { policy: stricter }));
    expect(changed.version).toBe(4);
    expect(changed.pauses).toBe(resumed.pauses);
    // 3/2 + 10 d + 1 d paused = Fri 3/13.
    expect(dueOf(changed)).toBe(iso('2026-03-13T10:00:00+08:00'));
  });

  it('starts milestones new to the policy at receipt', () => {
    const withAcknowledgement: SlaPolicy = {
      ...CN_NFRA_2020,
      milestones: [...CN_NFRA_2020.milestones, { key: 'acknowledge', description: 'ack', duration: 'P1D', counting: 'business_days' }],
    };
    const changed = unwrap(changePolicy(nfra(), { policy: withAcknowledgement }));
    expect(dueOf(changed, 'acknowledge')).toBe(iso('2026-03-03T17:30:00+08:00'));
  });

  it('applies next year’s holidays once they are loaded, and the deadline stops being provisional', () => {
    const partial = calendarFromCountry('CN', { years: [2026, 2027] });
    const late = t('2026-12-20T10:00:00+08:00');
    const state = unwrap(startClock({ policy: CN_NFRA_2020, calendar: partial, receivedAt: late, now: late }));
    // 12/20 + 15 d = Mon 1/4/2027: a working day in the library data, but 2027 is not covered yet.
    expect(milestoneStatus(state, 'final_response', late)).toMatchObject({ dueAt: t('2027-01-04T10:00:00+08:00'), provisional: true });
    // A hypothetical 2027 notice closing 1/1–1/4 moves the deadline to Tue 1/5.
    const schedule = { country: 'CN', year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workingDays: [], source: 'test' };
    const complete = calendarFromCountry('CN', { years: [2026, 2027], schedules: [schedule] });
    const recomputed = unwrap(changePolicy(state, { policy: CN_NFRA_2020, calendar: complete }));
    expect(milestoneStatus(recomputed, 'final_response', late)).toMatchObject({ dueAt: t('2027-01-05T17:30:00+08:00'), provisional: false });
  });

  it('switches the variant', () => {
    const au = calendarFromCountry('AU', { years: [2026] });
    const at = t('2026-01-15T10:00:00+11:00');
    const state = unwrap(startClock({ policy: AU_ASIC_RG271, calendar: au, receivedAt: at, now: at }));
    const superannuation = unwrap(changePolicy(state, { policy: AU_ASIC_RG271, variant: 'superannuation' }));
    expect(dueOf(superannuation, 'final_response', at)).toBe(iso('2026-03-01T10:00:00+11:00'));
    expect(errorCode(changePolicy(state, { policy: AU_ASIC_RG271, variant: 'pension' }))).toBe('unknown_variant');
  });

  it('refuses a calendar the policy does not name, and extensions the new counting cannot read', () => {
    expect(errorCode(changePolicy(nfra(), { policy: CN_NFRA_2020, calendar: gb }))).toBe('calendar_mismatch');
    const extended = unwrap(
      extendMilestone(nfra(), { milestone: 'final_response', at: t('2026-03-05T10:00:00+08:00'), duration: 'P30D', reason: 'complex', customerNoticeAt: t('2026-03-05T10:00:00+08:00') }),
    );
    const inHours: SlaPolicy = {
      ...CN_NFRA_2020,
      milestones: [{ key: 'final_response', description: 'reply', duration: 'PT40H', counting: 'business_time' }],
      extensions: [],
    };
    expect(errorCode(changePolicy(extended, { policy: inHours }))).toBe('extension_incompatible');
  });
});
