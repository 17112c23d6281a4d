import { COMPLAINT_TRANSITIONS, type TransitionRule, type TransitionTable } from './transition-table';

export class InvalidTransitionTableError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid transition table: ${problems.join('; ')}`);
    this.name = 'InvalidTransitionTableError';
  }
}

/**
 * Throws, naming every problem at once, when the table could strand a complaint or is ambiguous.
 * The app calls it at boot so a bad edit fails the deploy instead of a customer's case.
 */
export function validateTransitionTable(table: TransitionTable<string, string> = COMPLAINT_TRANSITIONS): void {
  const problems = transitionTableProblems(table);
  if (problems.length > 0) throw new InvalidTransitionTableError(problems);
}

function transitionTableProblems(table: TransitionTable<string, string>): string[] {
  const problems: string[] = [];
  const states = new Set<string>();
  for (const state of table.states) {
    if (states.has(state)) problems.push(`state '${state}' is listed twice`);
    states.add(state);
  }
  if (!states.has(table.initial)) problems.push(`initial state '${table.initial}' is not a known state`);
  for (const state of table.terminal) {
    if (!states.has(state)) problems.push(`terminal state '${state}' is not a known state`);
  }

  const pairs = new Set<string>();
  const exits = new Map<string, string[]>();
  for (const rule of table.rules) {
    if (rule.from.length === 0) problems.push(`action '${rule.action}' has a rule with no 'from' state`);
    if (!states.has(rule.to)) {
      problems.push(`action '${rule.action}' from '${rule.from.join("', '")}' leads to unknown state '${rule.to}'`);
    }
    for (const from of rule.from) {
      if (!states.has(from)) problems.push(`action '${rule.action}' starts from unknown state '${from}'`);
      const pair = `${rule.action}\u0000${from}`;
      if (pairs.has(pair)) problems.push(`action '${rule.action}' from '${from}' is defined more than once`);
      pairs.add(pair);
      exits.set(from, [...(exits.get(from) ?? []), rule.action]);
    }
  }

  const reached = reachableStates(table);
  for (const state of states) {
    const terminal = table.terminal.includes(state);
    if (!reached.has(state)) problems.push(`state '${state}' is not reached by any action from '${table.initial}'`);
    if (!terminal && !exits.has(state)) problems.push(`state '${state}' is not terminal but no action leads out of it`);
    if (terminal && exits.has(state)) {
      problems.push(`terminal state '${state}' has actions leading out of it: ${exits.get(state)?.join(', ')}`);
    }
  }
  return problems;
}

function reachableStates(table: TransitionTable<string, string>): Set<string> {
  const reached = new Set([table.initial]);
  const pending = [table.initial];
  for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
    for (const rule of table.rules) {
      if (rule.from.includes(state) && !reached.has(rule.to)) {
        reached.add(rule.to);
        pending.push(rule.to);
      }
    }
  }
  return reached;
}

export interface StateMachine<S extends string, A extends string> {
  readonly table: TransitionTable<S, A>;
  /** The rule for this action from this state, or undefined when the table does not allow it. */
  rule(from: S, action: A): TransitionRule<S, A> | undefined;
  /** The rules that apply in a state, in table order. */
  rulesFrom(state: S): TransitionRule<S, A>[];
}

/** Validates the table, then indexes it so each lookup is a map access. */
export function createStateMachine<S extends string, A extends string>(table: TransitionTable<S, A>): StateMachine<S, A> {
  validateTransitionTable(table);
  const rules = new Map<string, TransitionRule<S, A>>();
  for (const rule of table.rules) {
    for (const from of rule.from) rules.set(`${rule.action}\u0000${from}`, rule);
  }
  return {
    table,
    rule: (from, action) => rules.get(`${action}\u0000${from}`),
    rulesFrom: (state) => table.rules.filter((rule) => rule.from.includes(state)),
  };
}

export const COMPLAINT_STATE_MACHINE = createStateMachine(COMPLAINT_TRANSITIONS);
