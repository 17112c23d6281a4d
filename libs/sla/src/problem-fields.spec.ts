import { CalendarError, type SlaPolicy, UK_FCA_DISP, validateHolidaySchedule, validatePolicy } from '@redress/domain';
import { buildCalendar } from './calendar-definition';
import { calendarProblemFields, policyProblemFields, scheduleProblemFields } from './problem-fields';

const base: SlaPolicy = {
  code: 'T',
  name: 'T',
  source: 'test',
  calendar: 'UTC-24x7',
  milestones: [
    { key: 'acknowledge', description: 'ack', duration: 'P1D', counting: 'business_days' },
    { key: 'final_response', description: 'answer', duration: 'P15D', counting: 'calendar' },
  ],
  escalation: [
    { level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' },
    { level: 2, delayAfterBreach: 'P1D', target: 'manager' },
  ],
};

function fieldsOf(policy: SlaPolicy): string[] {
  return policyProblemFields(policy, validatePolicy(policy)).map((error) => error.field);
}

describe('policyProblemFields: validatePolicy’s sentences at their fields', () => {
  it('reports nothing for a valid policy', () => {
    expect(fieldsOf(base)).toEqual([]);
    expect(fieldsOf(UK_FCA_DISP)).toEqual([]);
  });

  it.each<[string, Partial<SlaPolicy>, string[]]>([
    ['a blank calendar', { calendar: ' ' }, ['calendar']],
    ['no milestones', { milestones: [], escalation: [] }, ['milestones']],
    ['a duplicate key', { milestones: [base.milestones[1], base.milestones[1]] }, ['milestones']],
    ['a bad duration', { milestones: [base.milestones[0], { ...base.milestones[1], duration: 'P1M' }] }, ['milestones.1.duration']],
    ['hours counted in business days', { milestones: [{ ...base.milestones[0], duration: 'PT4H' }] }, ['milestones.0.duration']],
    ['a warning at 100 %', { milestones: [{ ...base.milestones[1], warnAt: [0.5, 1] }] }, ['milestones.0.warnAt']],
    ['roll-forward on business days', { milestones: [{ ...base.milestones[0], rollForwardToWorkingDay: true }] }, ['milestones.0.rollForwardToWorkingDay']],
    ['an unknown predecessor', { milestones: [{ ...base.milestones[1], startsAfter: 'nothing' }] }, ['milestones.0.startsAfter']],
    [
      'a cycle',
      { milestones: [{ ...base.milestones[0], startsAfter: 'final_response' }, { ...base.milestones[1], startsAfter: 'acknowledge' }] },
      ['milestones.0.startsAfter', 'milestones.1.startsAfter'],
    ],
    ['a bad delay', { escalation: [base.escalation[0], { ...base.escalation[1], delayAfterBreach: 'soon' }] }, ['escalation.1.delayAfterBreach']],
    ['levels out of order', { escalation: [base.escalation[1], base.escalation[0]] }, ['escalation', 'escalation.1.delayAfterBreach']],
    ['a level firing early', { escalation: [{ ...base.escalation[0], delayAfterBreach: 'P2D' }, base.escalation[1]] }, ['escalation.1.delayAfterBreach']],
    ['no staff for an explicit target', { escalation: [{ ...base.escalation[0], target: { staffIds: [] } }] }, ['escalation.0.target']],
    ['an extension of an unknown milestone', { extensions: [{ milestone: 'nothing', steps: [{ upTo: 'P30D' }], source: 's' }] }, ['extensions.0.milestone']],
    ['an extension without steps', { extensions: [{ milestone: 'final_response', steps: [], source: 's' }] }, ['extensions.0.steps']],
    ['an extension that is shorter', { extensions: [{ milestone: 'final_response', steps: [{ upTo: 'P10D' }], source: 's' }] }, ['extensions.0.steps']],
    ['a pause of an unknown milestone', { pauses: [{ reason: 'wait', milestones: ['nothing'], source: 's' }] }, ['pauses.0.milestones']],
    ['a restart of an unknown milestone', { restarts: [{ reason: 'new_facts', milestones: ['nothing'], source: 's' }] }, ['restarts.0.milestones']],
    [
      'duplicate variants',
      { variants: [{ key: 'v', description: 'v', durations: {}, source: 's' }, { key: 'v', description: 'v', durations: {}, source: 's' }] },
      ['variants'],
    ],
    ['a variant of an unknown milestone', { variants: [{ key: 'v', description: 'v', durations: { nothing: 'P1D' }, source: 's' }] }, ['variants.0.durations']],
  ])('%s', (_name, change, fields) => {
    expect(fieldsOf({ ...base, ...change })).toEqual(fields);
  });

  it('groups several sentences about one field', () => {
    const policy = { ...base, milestones: [{ ...base.milestones[1], duration: 'P1Y', warnAt: [2] }] };
    const errors = policyProblemFields(policy, validatePolicy(policy));
    expect(errors.map((e) => e.field)).toEqual(['milestones.0.duration', 'milestones.0.warnAt']);
    expect(errors.every((e) => e.messages.length === 1)).toBe(true);
  });

  it('keeps a sentence it cannot place on the body', () => {
    expect(policyProblemFields(base, ['something new'])).toEqual([{ field: '(body)', messages: ['something new'] }]);
  });
});

function calendarFields(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof CalendarError) return calendarProblemFields(error.message, 'definition').map((e) => e.field);
    throw error;
  }
  return [];
}

describe('calendarProblemFields: the calendar builder’s sentences at their fields', () => {
  const week = { 1: { open: '09:00', close: '17:30' } };

  it('places a custom calendar’s problems', () => {
    const fields = calendarFields(() =>
      buildCalendar(
        'X',
        {
          kind: 'custom',
          timeZone: 'Mars/Olympus',
          week: { 1: { open: '18:00', close: '09:00' }, 6: { open: '9', close: '12:00' } },
          holidays: ['2026-02-30'],
          workingDays: ['tomorrow'],
          closures: ['2026/01/01'],
          makeUpDayHours: { open: '25:00', close: '26:00' },
          coverage: { from: '2026', to: '2027' },
        },
        [2026],
        [],
      ),
    );
    expect(fields).toEqual([
      'definition.timeZone',
      'definition.week.1',
      'definition.week.6',
      'definition.makeUpDayHours',
      'definition.holidays',
      'definition.workingDays',
      'definition.closures',
      'definition.coverage',
    ]);
    expect(calendarFields(() => buildCalendar('X', { kind: 'custom', timeZone: 'UTC', week: {}, holidays: [], workingDays: [], closures: [] }, [2026], []))).toEqual([
      'definition.week',
    ]);
  });

  it('places a country calendar’s problems', () => {
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'XX' }, [2026], []))).toEqual(['definition.country']);
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'GB', subdivision: 'ZZZ' }, [2026], []))).toEqual(['definition.subdivision']);
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'GB', years: [] }, [2026], []))).toEqual(['definition.years']);
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'GB', timeZone: 'Nowhere/City', week }, [2026], []))).toEqual(['definition.timeZone']);
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'CN', week: { 2: week[1] } }, [2026], []))).toEqual(['definition.makeUpDayHours']);
  });

  it('builds a valid one under the id it is given', () => {
    expect(calendarFields(() => buildCalendar('X', { kind: 'country', country: 'GB', subdivision: 'SCT' }, [2026], []))).toEqual([]);
    expect(buildCalendar('SCOTLAND', { kind: 'country', country: 'GB', subdivision: 'SCT' }, [2026], []).id).toBe('SCOTLAND');
  });
});

describe('scheduleProblemFields', () => {
  it('places validateHolidaySchedule’s sentences at the request body’s fields', () => {
    const problems = validateHolidaySchedule({ country: 'CN', year: 2027, holidays: ['2027-02-06', '2030-01-01'], workingDays: ['2027-02-06', 'x'], source: ' ' });
    expect(scheduleProblemFields(problems).map((e) => e.field)).toEqual(['source', 'holidays', 'workingDays']);
    expect(scheduleProblemFields(problems).find((e) => e.field === 'workingDays')?.messages).toHaveLength(2);
  });
});
