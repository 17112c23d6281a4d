import { COMPLAINT_STATE_MACHINE, InvalidTransitionTableError, createStateMachine, validateTransitionTable } from './state-machine';
import { COMPLAINT_TRANSITIONS, type TransitionTable } from './transition-table';

type Table = TransitionTable<string, string>;

const tiny = (overrides: Partial<Table> = {}): Table => ({
  initial: 'new',
  states: ['new', 'open', 'done'],
  terminal: ['done'],
  rules: [
    { action: 'open', from: ['new'], to: 'open', effects: [] },
    { action: 'finish', from: ['new', 'open'], to: 'done', effects: [] },
  ],
  ...overrides,
});

function problemsOf(table: Table): readonly string[] {
  try {
    validateTransitionTable(table);
  } catch (error) {
    if (error instanceof InvalidTransitionTableError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateTransitionTable', () => {
  it('accepts the complaint lifecycle (what the app checks at boot)', () => {
    expect(() => validateTransitionTable()).not.toThrow();
    expect(problemsOf(COMPLAINT_TRANSITIONS)).toEqual([]);
    expect(problemsOf(tiny())).toEqual([]);
  });

  it('names an action leading to an unknown state', () => {
    const rules = [...tiny().rules, { action: 'park', from: ['open'], to: 'parked', effects: [] }];
    expect(problemsOf(tiny({ rules }))).toEqual(["action 'park' from 'open' leads to unknown state 'parked'"]);
  });

  it('names an action starting from an unknown state', () => {
    const rules = [...tiny().rules, { action: 'finish', from: ['limbo'], to: 'done', effects: [] }];
    expect(problemsOf(tiny({ rules }))).toEqual(["action 'finish' starts from unknown state 'limbo'"]);
  });

  it('names a state no action reaches', () => {
    const table = tiny({ states: ['new', 'open', 'done', 'orphan'], rules: [...tiny().rules, { action: 'finish', from: ['orphan'], to: 'done', effects: [] }] });
    expect(problemsOf(table)).toEqual(["state 'orphan' is not reached by any action from 'new'"]);
  });

  it('names a state reached only from an unreachable one', () => {
    const rules = [
      ...tiny().rules,
      { action: 'a', from: ['island'], to: 'island2', effects: [] },
      { action: 'b', from: ['island2'], to: 'island', effects: [] },
    ];
    expect(problemsOf(tiny({ states: ['new', 'open', 'done', 'island', 'island2'], rules }))).toEqual([
      "state 'island' is not reached by any action from 'new'",
      "state 'island2' is not reached by any action from 'new'",
    ]);
  });

  it('names a non-terminal state with no way out', () => {
    const rules = [{ action: 'open', from: ['new'], to: 'open', effects: [] }, { action: 'finish', from: ['new'], to: 'done', effects: [] }];
    expect(problemsOf(tiny({ rules }))).toEqual(["state 'open' is not terminal but no action leads out of it"]);
  });

  it('names a duplicate action/from pair, even inside one rule', () => {
    const rules = [...tiny().rules, { action: 'open', from: ['new'], to: 'done', effects: [] }];
    expect(problemsOf(tiny({ rules }))).toEqual(["action 'open' from 'new' is defined more than once"]);
    const inOne = [{ action: 'open', from: ['new', 'new'], to: 'open', effects: [] }, tiny().rules[1]];
    expect(problemsOf(tiny({ rules: inOne }))).toEqual(["action 'open' from 'new' is defined more than once"]);
  });

  it('names a terminal state with a way out, an unknown initial or terminal state, a twice-listed state and an empty rule', () => {
    const rules = [...tiny().rules, { action: 'revive', from: ['done'], to: 'open', effects: [] }, { action: 'noop', from: [], to: 'open', effects: [] }];
    expect(problemsOf(tiny({ rules }))).toEqual([
      "action 'noop' has a rule with no 'from' state",
      "terminal state 'done' has actions leading out of it: revive",
    ]);
    expect(problemsOf(tiny({ initial: 'start' }))).toEqual([
      "initial state 'start' is not a known state",
      "state 'new' is not reached by any action from 'start'",
      "state 'open' is not reached by any action from 'start'",
      "state 'done' is not reached by any action from 'start'",
    ]);
    expect(problemsOf(tiny({ terminal: ['done', 'gone'] }))).toEqual(["terminal state 'gone' is not a known state"]);
    expect(problemsOf(tiny({ states: ['new', 'open', 'done', 'open'] }))).toEqual(["state 'open' is listed twice"]);
  });

  it('names every problem in one message', () => {
    const withoutClose = { ...COMPLAINT_TRANSITIONS, rules: COMPLAINT_TRANSITIONS.rules.filter((rule) => rule.action !== 'close') };
    expect(() => validateTransitionTable(withoutClose)).toThrow(
      "Invalid transition table: state 'under_review' is not reached by any action from 'received'; " +
        "state 'closed' is not reached by any action from 'received'",
    );
    const broken = tiny({ rules: [{ action: 'open', from: ['new'], to: 'nowhere', effects: [] }] });
    expect(() => validateTransitionTable(broken)).toThrow(
      "Invalid transition table: action 'open' from 'new' leads to unknown state 'nowhere'; " +
        "state 'open' is not reached by any action from 'new'; state 'open' is not terminal but no action leads out of it; " +
        "state 'done' is not reached by any action from 'new'",
    );
  });
});

describe('createStateMachine', () => {
  it('refuses to build from an invalid table', () => {
    expect(() => createStateMachine(tiny({ terminal: [] }))).toThrow("state 'done' is not terminal but no action leads out of it");
  });

  it('looks rules up by state and action', () => {
    const machine = createStateMachine(tiny());
    expect(machine.rule('open', 'finish')?.to).toBe('done');
    expect(machine.rule('done', 'finish')).toBeUndefined();
    expect(machine.rulesFrom('new').map((rule) => rule.action)).toEqual(['open', 'finish']);
    expect(machine.rulesFrom('done')).toEqual([]);
  });

  it('is built for the complaint lifecycle when the module loads', () => {
    expect(COMPLAINT_STATE_MACHINE.table).toBe(COMPLAINT_TRANSITIONS);
    expect(COMPLAINT_STATE_MACHINE.rule('closed', 'reopen')?.window).toEqual({ anchor: 'closedAt', length: 'reopenWindowDays' });
  });
});
