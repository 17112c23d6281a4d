import { alwaysOpenCalendar, BusinessCalendar } from './calendar';
import { SlaClockState } from './clock-state';
import { calendarFromCountry } from './country-calendar';
import { milestoneStatus } from './milestone-status';
import { SlaPolicy } from './policy';
import { AU_ASIC_RG271, CN_NFRA_2020, EU_PSD2, UK_FCA_DISP, US_CFPB } from './presets';
import { ClockResult, extendMilestone, meetMilestone, pauseClock, restartMilestones, resumeClock, startClock } from './sla-clock';

// Every expected instant below was worked out by hand from the 2026/2027 calendars (weekdays,
// the State Council's 2026 schedule, UK/DE/US/NSW holidays, DST dates) and is written with the
// local UTC offset in force on that day. Working hours are the default Mon–Fri 09:00–17:30.

const calendars: Record<string, BusinessCalendar> = {
  CN: calendarFromCountry('CN', { years: [2026] }),
  'GB-ENG': calendarFromCountry('GB', { years: [2026, 2027] }),
  DE: calendarFromCountry('DE', { years: [2026] }),
  US: calendarFromCountry('US', { years: [2026] }),
  'AU-NSW': calendarFromCountry('AU', { years: [2026] }),
  'LONDON-24X7': alwaysOpenCalendar('LONDON-24X7', 'Europe/London'),
};

const bankPolicy = (calendar: string, milestones: SlaPolicy['milestones']): SlaPolicy => ({
  code: `INTERNAL_${calendar}`,
  name: 'internal service standard',
  source: 'bank policy (test)',
  calendar,
  milestones,
  pauses: [{ reason: 'awaiting_customer', milestones: milestones.map((m) => m.key), source: 'bank policy (test)' }],
  escalation: [],
});
const GB_INTERNAL = bankPolicy('GB-ENG', [
  { key: 'callback', description: 'call back', duration: 'PT4H', counting: 'business_time' },
  { key: 'investigation', description: 'investigate', duration: 'P3D', counting: 'business_days' },
]);
const US_INTERNAL = bankPolicy('US', [{ key: 'callback', description: 'call back', duration: 'PT4H', counting: 'business_time' }]);
const LONDON_24X7 = bankPolicy('LONDON-24X7', [{ key: 'callback', description: 'call back', duration: 'PT4H', counting: 'business_time' }]);

const manager = { staffId: 'staff-7', role: 'manager' } as const;

type Step = (state: SlaClockState) => ClockResult;
const pause = (at: string, reason: string): Step => (s) => pauseClock(s, { at: new Date(at), reason });
const resume = (at: string): Step => (s) => resumeClock(s, { at: new Date(at) });
const extend = (at: string, duration: string, approved = false): Step => (s) =>
  extendMilestone(s, {
    milestone: 'final_response',
    at: new Date(at),
    duration,
    reason: 'complex case',
    customerNoticeAt: new Date(at),
    ...(approved ? { approvedBy: manager } : {}),
  });
const restart = (at: string, reason: string): Step => (s) => restartMilestones(s, { at: new Date(at), reason });
const meet = (at: string, milestone: string): Step => (s) => meetMilestone(s, { at: new Date(at), milestone });

interface Case {
  name: string;
  policy: SlaPolicy;
  variant?: string;
  receivedAt: string;
  milestone: string;
  steps?: Step[];
  due: string;
}

const cases: Case[] = [
  // ── China, NFRA: 15 calendar days, a deadline on a non-working day rolls to the next close ──
  // Fri 2/6 + 15 d = Sat 2/21, inside 春节 2/15–2/23; 2/22 and 2/23 are holidays too, Tue 2/24 works.
  { name: 'NFRA: due inside the Spring Festival block', policy: CN_NFRA_2020, receivedAt: '2026-02-06T10:00:00+08:00', milestone: 'final_response', due: '2026-02-24T17:30:00+08:00' },
  // Fri 1/30 + 15 d = Sat 2/14, a 调休 working Saturday: no roll.
  { name: 'NFRA: due on the 2/14 make-up Saturday', policy: CN_NFRA_2020, receivedAt: '2026-01-30T10:00:00+08:00', milestone: 'final_response', due: '2026-02-14T10:00:00+08:00' },
  // Fri 2/13 + 15 d = Sat 2/28, also a 调休 working Saturday.
  { name: 'NFRA: due on the 2/28 make-up Saturday', policy: CN_NFRA_2020, receivedAt: '2026-02-13T16:00:00+08:00', milestone: 'final_response', due: '2026-02-28T16:00:00+08:00' },
  // Fri 3/6 + 15 d = Sat 3/21, an ordinary weekend: Mon 3/23 close.
  { name: 'NFRA: due on an ordinary Saturday', policy: CN_NFRA_2020, receivedAt: '2026-03-06T11:00:00+08:00', milestone: 'final_response', due: '2026-03-23T17:30:00+08:00' },
  // Fri 3/20 + 15 d = Sat 4/4, 清明 4/4–4/6: Tue 4/7 close.
  { name: 'NFRA: due inside Qingming', policy: CN_NFRA_2020, receivedAt: '2026-03-20T09:15:00+08:00', milestone: 'final_response', due: '2026-04-07T17:30:00+08:00' },
  // Thu 4/16 + 15 d = Fri 5/1, 劳动节 5/1–5/5: Wed 5/6 close.
  { name: 'NFRA: due on Labour Day', policy: CN_NFRA_2020, receivedAt: '2026-04-16T11:00:00+08:00', milestone: 'final_response', due: '2026-05-06T17:30:00+08:00' },
  // Received on 中秋 Fri 9/25 (calendar days count anyway) + 15 d = Sat 10/10, a 调休 working day.
  { name: 'NFRA: received on a holiday, due on the 10/10 make-up Saturday', policy: CN_NFRA_2020, receivedAt: '2026-09-25T10:00:00+08:00', milestone: 'final_response', due: '2026-10-10T10:00:00+08:00' },
  // Wed 9/16 + 15 d = Thu 10/1, 国庆 10/1–10/7: Thu 10/8 close.
  { name: 'NFRA: due inside National Day week', policy: CN_NFRA_2020, receivedAt: '2026-09-16T14:00:00+08:00', milestone: 'final_response', due: '2026-10-08T17:30:00+08:00' },
  // Sat 9/5 + 15 d = Sun 9/20, a 调休 working Sunday.
  { name: 'NFRA: due on the 9/20 make-up Sunday', policy: CN_NFRA_2020, receivedAt: '2026-09-05T10:00:00+08:00', milestone: 'final_response', due: '2026-09-20T10:00:00+08:00' },
  // A letter from 12/20/2025: + 15 d = Sun 1/4/2026, the 元旦 make-up working day.
  { name: 'NFRA: letter from December, due on the 1/4 make-up Sunday', policy: CN_NFRA_2020, receivedAt: '2025-12-20T10:00:00+08:00', milestone: 'final_response', due: '2026-01-04T10:00:00+08:00' },
  // Extended on 2/10 (before the 2/24 deadline) to 30 d: 2/6 + 30 d = Sun 3/8 → Mon 3/9 close.
  { name: 'NFRA: complex case extended to 30 days', policy: CN_NFRA_2020, receivedAt: '2026-02-06T10:00:00+08:00', milestone: 'final_response', steps: [extend('2026-02-10T10:00:00+08:00', 'P30D')], due: '2026-03-09T17:30:00+08:00' },
  // Manager-approved 60 d: 2/6 + 60 d = Tue 4/7 (Feb has 28 days), the day after 清明: no roll.
  { name: 'NFRA: extended to 60 days with manager approval', policy: CN_NFRA_2020, receivedAt: '2026-02-06T10:00:00+08:00', milestone: 'final_response', steps: [extend('2026-02-10T10:00:00+08:00', 'P60D', true)], due: '2026-04-07T10:00:00+08:00' },
  // Mon 6/1 + 15 d = Tue 6/16; appraisal paused Fri 6/5 10:00 → Mon 6/8 10:00 credits 72 h → Fri 6/19,
  // 端午 6/19–6/21 → Mon 6/22 close.
  { name: 'NFRA: external appraisal pause pushes the deadline into Dragon Boat', policy: CN_NFRA_2020, receivedAt: '2026-06-01T10:00:00+08:00', milestone: 'final_response', steps: [pause('2026-06-05T10:00:00+08:00', 'external_appraisal'), resume('2026-06-08T10:00:00+08:00')], due: '2026-06-22T17:30:00+08:00' },
  // New facts on Tue 3/10 15:00 restart the 15 days: Wed 3/25 15:00.
  { name: 'NFRA: new facts restart the period', policy: CN_NFRA_2020, receivedAt: '2026-03-02T10:00:00+08:00', milestone: 'final_response', steps: [restart('2026-03-10T15:00:00+08:00', 'new_facts')], due: '2026-03-25T15:00:00+08:00' },
  // Decision Thu 3/12 10:00 + 30 d = Sat 4/11 → Mon 4/13 close.
  { name: 'NFRA: review window runs 30 days from the decision', policy: CN_NFRA_2020, receivedAt: '2026-03-02T10:00:00+08:00', milestone: 'review_window', steps: [meet('2026-03-12T10:00:00+08:00', 'final_response')], due: '2026-04-13T17:30:00+08:00' },

  // ── UK, FCA DISP (GMT; BST +01:00 from 3/29 to 10/25) ──
  // Mon 3/2: next business day Tue 3/3, close.
  { name: 'FCA: acknowledgement by the next business day', policy: UK_FCA_DISP, receivedAt: '2026-03-02T10:00:00Z', milestone: 'acknowledge', due: '2026-03-03T17:30:00Z' },
  // Thu 4/2: Good Friday 4/3, weekend, Easter Monday 4/6 → Tue 4/7.
  { name: 'FCA: acknowledgement over Easter', policy: UK_FCA_DISP, receivedAt: '2026-04-02T16:00:00+01:00', milestone: 'acknowledge', due: '2026-04-07T17:30:00+01:00' },
  // Mon 6/1 07:30, before opening: Monday is the day of receipt → Tue 6/2.
  { name: 'FCA: received before opening counts that day', policy: UK_FCA_DISP, receivedAt: '2026-06-01T07:30:00+01:00', milestone: 'acknowledge', due: '2026-06-02T17:30:00+01:00' },
  // Wed 12/23: Thu 12/24 (1), Christmas Fri, weekend, Boxing Day substitute Mon 12/28, Tue 12/29 (2), Wed 12/30 (3).
  { name: 'FCA: summary resolution window over Christmas', policy: UK_FCA_DISP, receivedAt: '2026-12-23T11:00:00Z', milestone: 'summary_resolution', due: '2026-12-30T17:30:00Z' },
  // Fri 3/27 18:00 is after close → received Mon 3/30; Tue (1), Wed (2), Thu 4/2 (3), now in BST.
  { name: 'FCA: summary resolution, received after close before the DST change', policy: UK_FCA_DISP, receivedAt: '2026-03-27T18:00:00Z', milestone: 'summary_resolution', due: '2026-04-02T17:30:00+01:00' },
  // Sat 12/26 (Boxing Day) → received Tue 12/29; Wed (1), Thu (2), New Year Fri 1/1, Mon 1/4/2027 (3).
  { name: 'FCA: summary resolution, received on Boxing Day', policy: UK_FCA_DISP, receivedAt: '2026-12-26T10:00:00Z', milestone: 'summary_resolution', due: '2027-01-04T17:30:00Z' },
  // Mon 3/2 10:00 GMT + 56 d = Mon 4/27 10:00 BST: same wall-clock time, 55 d 23 h elapsed.
  { name: 'FCA: eight weeks across the spring DST change', policy: UK_FCA_DISP, receivedAt: '2026-03-02T10:00:00Z', milestone: 'final_response', due: '2026-04-27T10:00:00+01:00' },
  // Mon 9/14 10:00 BST + 56 d = Mon 11/9 10:00 GMT.
  { name: 'FCA: eight weeks across the autumn DST change', policy: UK_FCA_DISP, receivedAt: '2026-09-14T10:00:00+01:00', milestone: 'final_response', due: '2026-11-09T10:00:00Z' },
  // Sat 10/31 + 56 d = Sat 12/26, Boxing Day: DISP 1.6 weeks are calendar weeks, no roll.
  { name: 'FCA: eight weeks may end on a bank holiday', policy: UK_FCA_DISP, receivedAt: '2026-10-31T12:00:00Z', milestone: 'final_response', due: '2026-12-26T12:00:00Z' },

  // ── EU, PSD2 on the German calendar (CET; CEST +02:00 from 3/29 to 10/25) ──
  // Thu 4/2: Karfreitag 4/3 and Ostermontag 4/6 skipped; Tue 4/7 is day 1 … Mon 4/27 day 15.
  { name: 'PSD2: 15 business days over Easter', policy: EU_PSD2, receivedAt: '2026-04-02T10:00:00+02:00', milestone: 'final_response', due: '2026-04-27T17:30:00+02:00' },
  // Holding reply on 4/20; day 15 = 4/27, then 4/28 (16) … Maifeiertag 5/1, Himmelfahrt 5/14 and
  // Pfingstmontag 5/25 skipped … Thu 5/28 is day 35.
  { name: 'PSD2: 35 business days after a holding reply', policy: EU_PSD2, receivedAt: '2026-04-02T10:00:00+02:00', milestone: 'final_response', steps: [extend('2026-04-20T12:00:00+02:00', 'P35D')], due: '2026-05-28T17:30:00+02:00' },
  // Sat 10/3 (Tag der Deutschen Einheit) → received Mon 10/5; 10/6 (1) … Mon 10/26 (15), after DST ended.
  { name: 'PSD2: received on a Saturday holiday, due after the autumn DST change', policy: EU_PSD2, receivedAt: '2026-10-03T10:00:00+02:00', milestone: 'final_response', due: '2026-10-26T17:30:00+01:00' },

  // ── US, CFPB portal (EST; EDT −04:00 from 3/8) ──
  // Sun 3/1 10:00 EST + 15 d = Mon 3/16 10:00 EDT.
  { name: 'CFPB: 15 days across the spring DST change', policy: US_CFPB, receivedAt: '2026-03-01T10:00:00-05:00', milestone: 'final_response', due: '2026-03-16T10:00:00-04:00' },
  // "In progress" on 3/12; 3/1 + 60 d = 4/30.
  { name: 'CFPB: in-progress response extends to 60 days', policy: US_CFPB, receivedAt: '2026-03-01T10:00:00-05:00', milestone: 'final_response', steps: [extend('2026-03-12T09:00:00-04:00', 'P60D')], due: '2026-04-30T10:00:00-04:00' },
  // Veterans Day 11/11 + 15 d = Thanksgiving 11/26: calendar days, no roll.
  { name: 'CFPB: due on Thanksgiving stays', policy: US_CFPB, receivedAt: '2026-11-11T09:00:00-05:00', milestone: 'final_response', due: '2026-11-26T09:00:00-05:00' },

  // ── Australia, ASIC RG 271 on the NSW calendar (AEDT +11:00 until 4/5, AEST +10:00 until 10/4) ──
  // Thu 4/2: Good Friday, Easter Saturday, Sunday, Easter Monday → Tue 4/7, after DST ended.
  { name: 'ASIC: acknowledgement over Easter and the end of DST', policy: AU_ASIC_RG271, receivedAt: '2026-04-02T15:00:00+11:00', milestone: 'acknowledge', due: '2026-04-07T17:30:00+10:00' },
  // Fri 7/31 18:00 after close; weekend; Mon 8/3 NSW Bank Holiday → received Tue 8/4 → Wed 8/5.
  { name: 'ASIC: acknowledgement after hours before the NSW Bank Holiday', policy: AU_ASIC_RG271, receivedAt: '2026-07-31T18:00:00+10:00', milestone: 'acknowledge', due: '2026-08-05T17:30:00+10:00' },
  // 9/20 + 30 d = 10/20, AEDT from 10/4.
  { name: 'ASIC: 30 calendar days across the DST start', policy: AU_ASIC_RG271, receivedAt: '2026-09-20T12:00:00+10:00', milestone: 'final_response', due: '2026-10-20T12:00:00+11:00' },
  // 12/10 + 21 d = 12/31.
  { name: 'ASIC: default notice complaints, 21 days', policy: AU_ASIC_RG271, variant: 'default_notice_or_hardship', receivedAt: '2026-12-10T10:00:00+11:00', milestone: 'final_response', due: '2026-12-31T10:00:00+11:00' },
  // 1/15 + 45 d = 3/1 (16 days to 1/31, 28 in February, 1 in March).
  { name: 'ASIC: superannuation trustee, 45 days', policy: AU_ASIC_RG271, variant: 'superannuation', receivedAt: '2026-01-15T10:00:00+11:00', milestone: 'final_response', due: '2026-03-01T10:00:00+11:00' },

  // ── Bank service standards in working time ──
  // Fri 3/6 15:30 EST: 2 h to close; the clocks go forward Sun 3/8; Mon 3/9 09:00 EDT + 2 h.
  { name: 'business time: 4 working hours across the US DST weekend', policy: US_INTERNAL, receivedAt: '2026-03-06T15:30:00-05:00', milestone: 'callback', due: '2026-03-09T11:00:00-04:00' },
  // 24×7: working time is elapsed time; 23:30 GMT + 4 h = 03:30Z, shown as 04:30 BST.
  { name: 'business time: 24×7 calendar across the London DST change', policy: LONDON_24X7, receivedAt: '2026-03-28T23:30:00Z', milestone: 'callback', due: '2026-03-29T04:30:00+01:00' },
  // Wed 6/3: Thu (1), Fri (2), Mon 6/8 (3) close. Paused Fri 16:00 → Mon 10:00: 1.5 h + 1 h of working
  // time credited → Tue 6/9 09:00 + 2.5 h.
  { name: 'business days: pause across a weekend credits working time', policy: GB_INTERNAL, receivedAt: '2026-06-03T10:00:00+01:00', milestone: 'investigation', steps: [pause('2026-06-05T16:00:00+01:00', 'awaiting_customer'), resume('2026-06-08T10:00:00+01:00')], due: '2026-06-09T11:30:00+01:00' },
  // Fri 6/5 15:00: 1 h worked before the pause at 16:00; resumed Mon 09:30 with 3 h left → 12:30.
  { name: 'business time: pause across a weekend', policy: GB_INTERNAL, receivedAt: '2026-06-05T15:00:00+01:00', milestone: 'callback', steps: [pause('2026-06-05T16:00:00+01:00', 'awaiting_customer'), resume('2026-06-08T09:30:00+01:00')], due: '2026-06-08T12:30:00+01:00' },
];

describe('deadlines across the presets (hand-computed)', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name', ({ policy, variant, receivedAt, milestone, steps = [], due }) => {
    const received = new Date(receivedAt);
    const started = startClock({ policy, calendar: calendars[policy.calendar], receivedAt: received, variant, now: received });
    let state = unwrap(started);
    for (const step of steps) state = unwrap(step(state));
    // No pause is left open, so the due instant does not depend on when it is asked.
    const status = milestoneStatus(state, milestone, received);
    expect(status.dueAt?.toISOString()).toBe(new Date(due).toISOString());
  });
});

function unwrap(result: ClockResult): SlaClockState {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}
