import {
  DEFAULT_ESCALATION_LADDER,
  nextLevel,
  resolveEscalation,
  validateEscalationLadder,
  type LadderLevel,
  type EscalationOrg,
} from './escalation';

const HOUR = 60 * 60 * 1000;
const BREACH = new Date('2026-03-10T08:00:00.000Z');
const after = (ms: number) => new Date(BREACH.getTime() + ms);

const ORG: EscalationOrg = { assigneeId: 'off-1', teamSupervisorId: 'sup-1', managerId: 'mgr-1', headOfComplaintsId: 'head-1' };

describe('resolveEscalation', () => {
  it('resolves the default ladder to one person a level, each due at its delay after the breach', () => {
    expect(resolveEscalation(DEFAULT_ESCALATION_LADDER, ORG, BREACH)).toEqual({
      breachedAt: BREACH,
      levels: [
        { level: 1, dueAt: BREACH, recipients: ['off-1'] },
        { level: 2, dueAt: after(4 * HOUR), recipients: ['sup-1'] },
        { level: 3, dueAt: after(24 * HOUR), recipients: ['mgr-1'] },
        { level: 4, dueAt: after(72 * HOUR), recipients: ['head-1'] },
      ],
      skipped: [],
    });
  });

  it('skips a level nobody fills, keeping the others’ numbers and times', () => {
    const schedule = resolveEscalation(DEFAULT_ESCALATION_LADDER, { ...ORG, teamSupervisorId: null }, BREACH);
    expect(schedule.levels.map((l) => [l.level, l.recipients, l.dueAt])).toEqual([
      [1, ['off-1'], BREACH],
      [3, ['mgr-1'], after(24 * HOUR)],
      [4, ['head-1'], after(72 * HOUR)],
    ]);
    expect(schedule.skipped).toEqual([{ level: 2, reason: 'no_recipient' }]);
  });

  it('starts with the supervisor when the case has no assignee, and treats an empty id as nobody', () => {
    const schedule = resolveEscalation(DEFAULT_ESCALATION_LADDER, { ...ORG, assigneeId: null, managerId: '' }, BREACH);
    expect(schedule.levels.map((l) => l.recipients)).toEqual([['sup-1'], ['head-1']]);
    expect(schedule.skipped).toEqual([
      { level: 1, reason: 'no_recipient' },
      { level: 3, reason: 'no_recipient' },
    ]);
  });

  it('alerts each person once, at the lowest level naming them', () => {
    const org = { assigneeId: 'sup-1', teamSupervisorId: 'sup-1', managerId: 'head-1', headOfComplaintsId: 'head-1' };
    const schedule = resolveEscalation(DEFAULT_ESCALATION_LADDER, org, BREACH);
    expect(schedule.levels.map((l) => [l.level, l.recipients])).toEqual([
      [1, ['sup-1']],
      [3, ['head-1']],
    ]);
    expect(schedule.skipped).toEqual([
      { level: 2, reason: 'already_alerted' },
      { level: 4, reason: 'already_alerted' },
    ]);
  });

  it('resolves explicit staff, dropping repeats and people already alerted', () => {
    const ladder: LadderLevel[] = [
      { delayAfterBreach: 0, target: { kind: 'assignee' } },
      { delayAfterBreach: HOUR, target: { kind: 'staff', staffIds: ['risk-1', 'off-1', 'risk-1', 'risk-2'] } },
      { delayAfterBreach: 2 * HOUR, target: { kind: 'staff', staffIds: ['risk-2'] } },
      { delayAfterBreach: 3 * HOUR, target: { kind: 'head_of_complaints' } },
    ];
    const schedule = resolveEscalation(ladder, ORG, BREACH);
    expect(schedule.levels).toEqual([
      { level: 1, dueAt: BREACH, recipients: ['off-1'] },
      { level: 2, dueAt: after(HOUR), recipients: ['risk-1', 'risk-2'] },
      { level: 4, dueAt: after(3 * HOUR), recipients: ['head-1'] },
    ]);
    expect(schedule.skipped).toEqual([{ level: 3, reason: 'already_alerted' }]);
  });

  it('leaves nobody to alert when nobody fills any role', () => {
    const nobody = { assigneeId: null, teamSupervisorId: null, managerId: null, headOfComplaintsId: null };
    expect(resolveEscalation(DEFAULT_ESCALATION_LADDER, nobody, BREACH).levels).toEqual([]);
  });

  it('refuses an invalid ladder', () => {
    expect(() => resolveEscalation([], ORG, BREACH)).toThrow('Invalid escalation ladder: the ladder has no levels');
  });
});

describe('validateEscalationLadder', () => {
  it('accepts the default ladder and equal delays', () => {
    expect(() => validateEscalationLadder(DEFAULT_ESCALATION_LADDER)).not.toThrow();
    expect(() =>
      validateEscalationLadder([
        { delayAfterBreach: HOUR, target: { kind: 'assignee' } },
        { delayAfterBreach: HOUR, target: { kind: 'manager' } },
      ]),
    ).not.toThrow();
  });

  it('names every problem', () => {
    const ladder: LadderLevel[] = [
      { delayAfterBreach: -1, target: { kind: 'assignee' } },
      { delayAfterBreach: 2 * HOUR, target: { kind: 'team_supervisor' } },
      { delayAfterBreach: HOUR, target: { kind: 'manager' } },
      { delayAfterBreach: 1.5, target: { kind: 'staff', staffIds: [] } },
      { delayAfterBreach: Infinity, target: { kind: 'head_of_complaints' } },
    ];
    expect(() => validateEscalationLadder(ladder)).toThrow(
      'Invalid escalation ladder: level 1: delayAfterBreach must be a whole number of milliseconds ≥ 0; ' +
        "level 3: delayAfterBreach is shorter than level 2's; " +
        'level 4: delayAfterBreach must be a whole number of milliseconds ≥ 0; level 4: names no staff; ' +
        'level 5: delayAfterBreach must be a whole number of milliseconds ≥ 0',
    );
  });
});

describe('nextLevel', () => {
  const schedule = resolveEscalation(DEFAULT_ESCALATION_LADDER, ORG, BREACH);
  const delayed = resolveEscalation([{ delayAfterBreach: HOUR, target: { kind: 'assignee' } }, ...DEFAULT_ESCALATION_LADDER.slice(1)], ORG, BREACH);
  const level = (n: number) => schedule.levels.find((l) => l.level === n) ?? null;

  it('alerts nobody before the first level is due, and says when to look again', () => {
    expect(nextLevel(delayed, [], after(HOUR - 1))).toEqual({ level: null, recheckAt: after(HOUR) });
    expect(nextLevel(delayed, [], after(HOUR)).level?.level).toBe(1);
  });

  it('alerts the first level at the breach', () => {
    expect(nextLevel(schedule, [], BREACH)).toEqual({ level: level(1), recheckAt: after(4 * HOUR) });
  });

  it('climbs when nobody acknowledged before the next level fell due', () => {
    expect(nextLevel(schedule, [], after(4 * HOUR - 1))).toEqual({ level: level(1), recheckAt: after(4 * HOUR) });
    expect(nextLevel(schedule, [], after(4 * HOUR))).toEqual({ level: level(2), recheckAt: after(24 * HOUR) });
    expect(nextLevel(schedule, [], after(30 * HOUR))).toEqual({ level: level(3), recheckAt: after(72 * HOUR) });
  });

  it('stays at the top once every level is due', () => {
    expect(nextLevel(schedule, [], after(1000 * HOUR))).toEqual({ level: level(4), recheckAt: null });
  });

  it('stops climbing at the level that acknowledged', () => {
    expect(nextLevel(schedule, [1], after(1000 * HOUR))).toEqual({ level: level(1), recheckAt: null });
    expect(nextLevel(schedule, [2], after(1000 * HOUR))).toEqual({ level: level(2), recheckAt: null });
    expect(nextLevel(schedule, [3, 2], after(1000 * HOUR))).toEqual({ level: level(2), recheckAt: null });
  });

  it('ignores an acknowledgement for a level not yet reached', () => {
    expect(nextLevel(schedule, [3], after(5 * HOUR))).toEqual({ level: level(2), recheckAt: after(24 * HOUR) });
  });

  it('climbs over skipped levels by their own numbers', () => {
    const gap = resolveEscalation(DEFAULT_ESCALATION_LADDER, { ...ORG, teamSupervisorId: null }, BREACH);
    expect(nextLevel(gap, [], after(5 * HOUR))).toEqual({ level: gap.levels[0], recheckAt: after(24 * HOUR) });
    expect(nextLevel(gap, [], after(24 * HOUR)).level?.level).toBe(3);
  });

  it('has nothing to do for an empty schedule', () => {
    const empty = { breachedAt: BREACH, levels: [], skipped: [] };
    expect(nextLevel(empty, [], after(HOUR))).toEqual({ level: null, recheckAt: null });
  });
});
