import type { WorkflowAction } from './actions';
import { availableActions, planTransition } from './lifecycle';
import { authorizeAction, canSee, visibilityScope, type Actor } from './permissions';
import type { TransitionInput } from './transition-input';
import type { WorkflowComplaint } from './workflow-complaint';

const NOW = new Date('2026-03-10T08:00:00.000Z');

const ACTORS = {
  'off-1': { kind: 'staff', id: 'off-1', roles: ['officer'], teams: ['T1'] },
  'off-2': { kind: 'staff', id: 'off-2', roles: ['officer'], teams: ['T1'] },
  'sup-T1': { kind: 'staff', id: 'sup-1', roles: ['supervisor'], teams: ['T1'] },
  'sup-T2': { kind: 'staff', id: 'sup-2', roles: ['supervisor'], teams: ['T2'] },
  manager: { kind: 'staff', id: 'mgr-1', roles: ['manager'], teams: [] },
  admin: { kind: 'staff', id: 'adm-1', roles: ['admin'], teams: [] },
  analyst: { kind: 'staff', id: 'ana-1', roles: ['analyst'], teams: ['T1'] },
  web: { kind: 'integration', id: 'web', roles: ['integration'], teams: [] },
  'call-centre': { kind: 'integration', id: 'call-centre', roles: ['integration'], teams: [] },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;

function complaint(id: string, teamCode: string | null, assigneeId: string | null, submittedBy: WorkflowComplaint['submittedBy']): WorkflowComplaint {
  return {
    id,
    status: 'investigating',
    customerId: 'cust-1',
    teamCode,
    assigneeId,
    submittedBy,
    resolvedAt: null,
    closedAt: null,
    finalResponseSentAt: null,
    reviewRequestedAt: null,
  };
}

/** A: T1, off-1's. B: T1, unassigned. C: T2 but assigned to off-1. D: no team, nobody's. */
const COMPLAINTS = {
  A: complaint('A', 'T1', 'off-1', { kind: 'integration', id: 'web' }),
  B: complaint('B', 'T1', null, { kind: 'staff', id: 'off-2' }),
  C: complaint('C', 'T2', 'off-1', { kind: 'integration', id: 'call-centre' }),
  D: complaint('D', null, null, { kind: 'integration', id: 'web' }),
};
type ComplaintName = keyof typeof COMPLAINTS;
const NAMES = Object.keys(COMPLAINTS) as ComplaintName[];

const SEES: Record<ActorName, ComplaintName[]> = {
  'off-1': ['A', 'B', 'C'],
  'off-2': ['A', 'B'],
  'sup-T1': ['A', 'B'],
  'sup-T2': ['C'],
  manager: ['A', 'B', 'C', 'D'],
  admin: ['A', 'B', 'C', 'D'],
  analyst: ['A', 'B', 'C', 'D'],
  web: ['A', 'D'],
  'call-centre': ['C'],
};

type Outcome = 'ok' | 'forbidden' | 'not_found';
const ok4 = (o: Outcome): Record<ComplaintName, Outcome> => ({ A: o, B: o, C: o, D: o });

/** What planTransition answers, per action, actor and complaint. */
const EXPECTED: Record<'withdraw' | 'resolve' | 'merge', Record<ActorName, Record<ComplaintName, Outcome>>> = {
  withdraw: {
    'off-1': { A: 'ok', B: 'forbidden', C: 'ok', D: 'not_found' },
    'off-2': { A: 'forbidden', B: 'forbidden', C: 'not_found', D: 'not_found' },
    'sup-T1': { A: 'ok', B: 'ok', C: 'not_found', D: 'not_found' },
    'sup-T2': { A: 'not_found', B: 'not_found', C: 'ok', D: 'not_found' },
    manager: ok4('ok'),
    admin: ok4('ok'),
    analyst: ok4('forbidden'),
    web: { A: 'ok', B: 'not_found', C: 'not_found', D: 'ok' },
    'call-centre': { A: 'not_found', B: 'not_found', C: 'ok', D: 'not_found' },
  },
  resolve: {
    'off-1': { A: 'ok', B: 'forbidden', C: 'ok', D: 'not_found' },
    'off-2': { A: 'forbidden', B: 'forbidden', C: 'not_found', D: 'not_found' },
    'sup-T1': { A: 'ok', B: 'ok', C: 'not_found', D: 'not_found' },
    'sup-T2': { A: 'not_found', B: 'not_found', C: 'ok', D: 'not_found' },
    manager: ok4('ok'),
    admin: ok4('ok'),
    analyst: ok4('forbidden'),
    web: { A: 'forbidden', B: 'not_found', C: 'not_found', D: 'forbidden' },
    'call-centre': { A: 'not_found', B: 'not_found', C: 'forbidden', D: 'not_found' },
  },
  merge: {
    'off-1': { A: 'forbidden', B: 'forbidden', C: 'forbidden', D: 'not_found' },
    'off-2': { A: 'forbidden', B: 'forbidden', C: 'not_found', D: 'not_found' },
    'sup-T1': { A: 'ok', B: 'ok', C: 'not_found', D: 'not_found' },
    'sup-T2': { A: 'not_found', B: 'not_found', C: 'ok', D: 'not_found' },
    manager: ok4('ok'),
    admin: ok4('ok'),
    analyst: ok4('forbidden'),
    web: { A: 'forbidden', B: 'not_found', C: 'not_found', D: 'forbidden' },
    'call-centre': { A: 'not_found', B: 'not_found', C: 'forbidden', D: 'not_found' },
  },
};

function inputFor(action: WorkflowAction, target: WorkflowComplaint): TransitionInput {
  if (action === 'resolve') return { outcome: 'upheld', rootCauseCode: 'RC-1', summary: 'Refunded' };
  if (action === 'merge') return { primary: { ...target, id: `${target.id}-primary` } };
  return { reason: 'Customer asked' };
}

const actorNames = Object.keys(ACTORS) as ActorName[];

describe('canSee', () => {
  it.each(actorNames)('%s sees exactly its scope', (name) => {
    const actor: Actor = ACTORS[name];
    expect(NAMES.filter((c) => canSee(actor, COMPLAINTS[c]))).toEqual(SEES[name]);
  });

  it('does not mix up a staff id and an integration client of the same name', () => {
    const staffNamedWeb: Actor = { kind: 'staff', id: 'web', roles: ['officer'], teams: [] };
    const clientNamedOff1: Actor = { kind: 'integration', id: 'off-1', roles: ['integration'], teams: [] };
    expect(NAMES.filter((c) => canSee(staffNamedWeb, COMPLAINTS[c]))).toEqual([]);
    expect(NAMES.filter((c) => canSee(clientNamedOff1, COMPLAINTS[c]))).toEqual([]);
  });

  it('gives an actor without roles nothing', () => {
    expect(NAMES.filter((c) => canSee({ kind: 'staff', id: 'off-1', roles: [], teams: ['T1'] }, COMPLAINTS[c]))).toEqual([]);
  });
});

describe('visibilityScope (the repository’s filter)', () => {
  it.each([
    ['off-1', { all: false, teams: ['T1'], assigneeId: 'off-1', submittedBy: null }],
    ['sup-T2', { all: false, teams: ['T2'], assigneeId: null, submittedBy: null }],
    ['manager', { all: true, teams: [], assigneeId: null, submittedBy: null }],
    ['analyst', { all: true, teams: [], assigneeId: null, submittedBy: null }],
    ['web', { all: false, teams: [], assigneeId: null, submittedBy: { kind: 'integration', id: 'web' } }],
  ] as const)('%s', (name, scope) => {
    expect(visibilityScope(ACTORS[name])).toEqual(scope);
  });

  it('unites the scopes of several roles', () => {
    const both: Actor = { kind: 'staff', id: 'off-1', roles: ['officer', 'supervisor'], teams: ['T1', 'T2'] };
    expect(visibilityScope(both)).toEqual({ all: false, teams: ['T1', 'T2'], assigneeId: 'off-1', submittedBy: null });
  });
});

describe('planTransition: not found vs forbidden vs allowed', () => {
  const rows = (['withdraw', 'resolve', 'merge'] as const).flatMap((action) =>
    actorNames.flatMap((actor) => NAMES.map((c) => [action, actor, c, EXPECTED[action][actor][c]] as const)),
  );

  it.each(rows)('%s by %s on %s: %s', (action, actorName, c, outcome) => {
    const result = planTransition(COMPLAINTS[c], action, inputFor(action, COMPLAINTS[c]), ACTORS[actorName], NOW);
    expect(result.ok ? 'ok' : result.kind).toBe(outcome);
  });

  it('agrees with canSee: not found exactly where the complaint is outside the scope', () => {
    for (const [action, actorName, c, outcome] of rows) {
      expect([action, actorName, c, outcome === 'not_found']).toEqual([action, actorName, c, !SEES[actorName].includes(c)]);
    }
  });
});

describe('authorizeAction explains a refusal', () => {
  it.each([
    ['off-2', 'A', 'resolve', 'officers may act only on complaints assigned to them; claim it first'],
    ['sup-T1', 'C', 'resolve', 'supervisors may act only on complaints of their teams'],
    ['web', 'C', 'withdraw', 'integration clients may act only on complaints they submitted'],
    ['analyst', 'A', 'resolve', "'resolve' needs one of the roles officer, supervisor, manager, admin"],
    ['web', 'A', 'reopen', "'reopen' needs one of the roles officer, supervisor, manager, admin"],
    ['off-1', 'A', 'merge', "'merge' needs one of the roles supervisor, manager, admin"],
  ] as const)('%s on %s, %s', (actor, c, action, detail) => {
    expect(authorizeAction(ACTORS[actor], COMPLAINTS[c], action)).toEqual({ allowed: false, detail });
  });

  it('passes the explanation on as the 403 detail', () => {
    expect(planTransition(COMPLAINTS.A, 'withdraw', { reason: 'x' }, ACTORS['off-2'], NOW)).toEqual({
      ok: false,
      kind: 'forbidden',
      detail: 'officers may act only on complaints assigned to them; claim it first',
    });
  });

  it('lets any one of several roles grant the action', () => {
    const both: Actor = { kind: 'staff', id: 'off-2', roles: ['officer', 'supervisor'], teams: ['T1', 'T2'] };
    expect(authorizeAction(both, COMPLAINTS.C, 'resolve')).toEqual({ allowed: true });
    expect(authorizeAction(both, COMPLAINTS.C, 'merge')).toEqual({ allowed: true });
  });
});

describe('available actions per caller', () => {
  it.each([
    ['off-1', 'A', ['request-info', 'resolve', 'withdraw']],
    ['sup-T1', 'A', ['request-info', 'resolve', 'withdraw', 'merge']],
    ['manager', 'D', ['request-info', 'resolve', 'withdraw', 'merge']],
    ['off-2', 'A', []],
    ['analyst', 'A', []],
    ['web', 'A', ['withdraw']],
    ['web', 'C', []],
  ] as const)('%s on %s', (actor, c, actions) => {
    expect(availableActions(COMPLAINTS[c], ACTORS[actor], NOW)).toEqual(actions);
  });

  it('names the caller’s own options in a 409', () => {
    const result = planTransition(COMPLAINTS.A, 'close', { finalResponseSentAt: NOW }, ACTORS['off-1'], NOW);
    expect(result).toEqual({
      ok: false,
      kind: 'conflict',
      currentState: 'investigating',
      allowedActions: ['request-info', 'resolve', 'withdraw'],
      detail: 'cannot close a complaint that is investigating',
    });
  });

  it('lets an integration client withdraw only while the complaint is open', () => {
    const closed = { ...COMPLAINTS.A, status: 'closed' as const, resolvedAt: NOW, closedAt: NOW, finalResponseSentAt: NOW };
    expect(planTransition(closed, 'withdraw', { reason: 'x' }, ACTORS.web, NOW)).toMatchObject({
      ok: false,
      kind: 'conflict',
      allowedActions: [],
    });
  });
});
