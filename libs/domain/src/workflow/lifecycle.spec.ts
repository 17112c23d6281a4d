import { WORKFLOW_ACTIONS, isWorkflowAction, type WorkflowAction } from './actions';
import { canonicalJson } from './canonical-json';
import type { WorkflowEffect } from './effects';
import { REFUSAL_HTTP_STATUS, availableActions, planTransition, type TransitionResult } from './lifecycle';
import type { Actor } from './permissions';
import { COMPLAINT_STATE_MACHINE } from './state-machine';
import { OPEN_STATUSES, WORKFLOW_STATUSES, isOpenStatus, isWorkflowStatus, type WorkflowStatus } from './statuses';
import type { TransitionInput } from './transition-input';
import type { WorkflowComplaint } from './workflow-complaint';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-10T08:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const SENT = ago(HOUR);

const manager: Actor = { kind: 'staff', id: 'mgr-1', roles: ['manager'], teams: [] };

function complaint(status: WorkflowStatus, overrides: Partial<WorkflowComplaint> = {}): WorkflowComplaint {
  return {
    id: 'c-1',
    status,
    customerId: 'cust-1',
    teamCode: 'T1',
    assigneeId: 'off-1',
    submittedBy: { kind: 'integration', id: 'web' },
    resolvedAt: ago(2 * DAY),
    closedAt: ago(DAY),
    finalResponseSentAt: ago(DAY),
    reviewRequestedAt: null,
    ...overrides,
  };
}

const resolution = { outcome: 'partially_upheld', rootCauseCode: 'FEES.OVERCHARGE', summary: 'Fee refunded, rate kept' };

const VALID_INPUT: Record<WorkflowAction, TransitionInput> = {
  acknowledge: {},
  start: {},
  'request-info': {},
  resume: {},
  resolve: { ...resolution, redress: { amount: 120.5, currency: 'CNY' } },
  close: { finalResponseSentAt: SENT },
  reopen: { reason: 'The refund did not arrive' },
  withdraw: { reason: 'Settled at the branch' },
  'request-review': { reason: 'I disagree with the decision' },
  merge: { primary: complaint('investigating', { id: 'c-primary' }) },
};

const stop = (at: Date): WorkflowEffect => ({ type: 'stopSlaClock', at });
const notice = (kind: Extract<WorkflowEffect, { type: 'requireCustomerNotice' }>['notice']): WorkflowEffect => ({
  type: 'requireCustomerNotice',
  notice: kind,
});
const WITHDRAW = { to: 'withdrawn', effects: [stop(NOW), notice('withdrawal_confirmation')] } as const;
const MERGE = { to: 'merged', effects: [stop(NOW), notice('merge_notice')] } as const;

type Cell = { to: WorkflowStatus; effects: readonly WorkflowEffect[] };

/** Written out by hand so that a change to the table has to be made twice, on purpose. */
const EXPECTED: Record<WorkflowStatus, Partial<Record<WorkflowAction, Cell>>> = {
  received: { acknowledge: { to: 'acknowledged', effects: [notice('acknowledgement')] }, withdraw: WITHDRAW, merge: MERGE },
  acknowledged: { start: { to: 'investigating', effects: [] }, withdraw: WITHDRAW, merge: MERGE },
  investigating: {
    'request-info': { to: 'awaiting_customer', effects: [{ type: 'pauseSlaClock', at: NOW }, notice('information_request')] },
    resolve: { to: 'resolved', effects: [notice('final_response'), { type: 'createSurvey' }] },
    withdraw: WITHDRAW,
    merge: MERGE,
  },
  awaiting_customer: {
    resume: { to: 'investigating', effects: [{ type: 'resumeSlaClock', at: NOW }] },
    withdraw: WITHDRAW,
    merge: MERGE,
  },
  reopened: { start: { to: 'investigating', effects: [] }, withdraw: WITHDRAW, merge: MERGE },
  under_review: { resolve: { to: 'resolved', effects: [notice('review_outcome'), { type: 'createSurvey' }] }, withdraw: WITHDRAW, merge: MERGE },
  resolved: {
    close: { to: 'closed', effects: [stop(SENT)] },
    reopen: { to: 'reopened', effects: [] },
  },
  closed: {
    reopen: { to: 'reopened', effects: [{ type: 'restartSlaClock', clock: 'response', at: NOW }, notice('reopen_confirmation')] },
    'request-review': {
      to: 'under_review',
      effects: [{ type: 'restartSlaClock', clock: 'review', at: NOW }, notice('review_acknowledgement')],
    },
  },
  withdrawn: {},
  merged: {},
};

const allowedIn = (status: WorkflowStatus) => WORKFLOW_ACTIONS.filter((action) => EXPECTED[status][action]);
const cells = WORKFLOW_STATUSES.flatMap((status) => WORKFLOW_ACTIONS.map((action) => [status, action] as const));

function expectRefusal<K extends string>(result: TransitionResult, kind: K) {
  if (result.ok || result.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(result)}`);
  return result as Extract<TransitionResult, { kind: K }>;
}

function expectPlan(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
  return result;
}

describe('the transition table', () => {
  it('allows exactly the hand-written matrix', () => {
    const fromTable = Object.fromEntries(
      WORKFLOW_STATUSES.map((status) => [
        status,
        Object.fromEntries(COMPLAINT_STATE_MACHINE.rulesFrom(status).map((rule) => [rule.action, rule.to])),
      ]),
    );
    const handWritten = Object.fromEntries(
      WORKFLOW_STATUSES.map((status) => [
        status,
        Object.fromEntries(Object.entries(EXPECTED[status]).map(([action, cell]) => [action, cell.to])),
      ]),
    );
    expect(fromTable).toEqual(handWritten);
  });

  it('lets every open status be withdrawn and merged, and nothing else', () => {
    const withdrawable = WORKFLOW_STATUSES.filter((s) => COMPLAINT_STATE_MACHINE.rule(s, 'withdraw'));
    const mergeable = WORKFLOW_STATUSES.filter((s) => COMPLAINT_STATE_MACHINE.rule(s, 'merge'));
    expect(withdrawable).toEqual(OPEN_STATUSES);
    expect(mergeable).toEqual(OPEN_STATUSES);
  });

  it('recognises statuses and actions from strings', () => {
    expect([isWorkflowStatus('under_review'), isWorkflowStatus('merged'), isWorkflowStatus('open')]).toEqual([true, true, false]);
    expect([isWorkflowAction('request-review'), isWorkflowAction('request_review'), isWorkflowAction('delete')]).toEqual([true, false, false]);
    expect(WORKFLOW_STATUSES.filter(isOpenStatus)).toEqual(OPEN_STATUSES);
  });
});

describe('planTransition over every (status, action) pair', () => {
  it.each(cells)('%s + %s', (status, action) => {
    const result = planTransition(complaint(status), action, VALID_INPUT[action], manager, NOW);
    const cell = EXPECTED[status][action];
    const rule = COMPLAINT_STATE_MACHINE.rule(status, action);
    if (cell) {
      const plan = expectPlan(result);
      expect(plan).toMatchObject({ action, from: status, to: cell.to, effects: cell.effects });
      expect(plan.to).toBe(rule?.to);
      expect(plan.audit.type).toBe(`complaint.${action}`);
      expect(plan.audit.details).toMatchObject({ from: status, to: cell.to });
      expect(() => canonicalJson(plan.audit.details)).not.toThrow();
    } else {
      expect(rule).toBeUndefined();
      const refusal = expectRefusal(result, 'conflict');
      expect(refusal.currentState).toBe(status);
      expect(refusal.allowedActions).toEqual(allowedIn(status));
      expect(refusal.detail).toBe(`cannot ${action} a complaint that is ${status}`);
      expect(REFUSAL_HTTP_STATUS[refusal.kind]).toBe(409);
    }
  });

  it('covers all 100 pairs, 23 of them allowed', () => {
    expect(cells).toHaveLength(100);
    expect(cells.filter(([s, a]) => EXPECTED[s][a])).toHaveLength(23);
  });

  it.each(WORKFLOW_STATUSES)('lists the actions available in %s', (status) => {
    expect(availableActions(complaint(status), manager, NOW)).toEqual(allowedIn(status));
  });
});

describe('what a transition records', () => {
  it('resolve stores the decision and clears the final response of an earlier one', () => {
    const plan = expectPlan(planTransition(complaint('under_review'), 'resolve', VALID_INPUT.resolve, manager, NOW));
    const stored = { ...resolution, redress: { amount: 120.5, currency: 'CNY' } };
    expect(plan.changes).toEqual({ resolvedAt: NOW, resolution: stored, finalResponseSentAt: null });
    expect(plan.audit.details).toEqual({ from: 'under_review', to: 'resolved', resolution: stored });
  });

  it('resolve trims text and allows no redress or a zero one', () => {
    const input = { outcome: 'not_upheld', rootCauseCode: ' RC-1 ', summary: '  Explained the rate  ' };
    const plan = expectPlan(planTransition(complaint('investigating'), 'resolve', input, manager, NOW));
    expect(plan.changes.resolution).toEqual({ outcome: 'not_upheld', rootCauseCode: 'RC-1', summary: 'Explained the rate', redress: null });
    const zero = planTransition(complaint('investigating'), 'resolve', { ...input, redress: { amount: 0, currency: 'USD' } }, manager, NOW);
    expect(expectPlan(zero).changes.resolution?.redress).toEqual({ amount: 0, currency: 'USD' });
  });

  it('close stores when the final response was sent and stops the clock then', () => {
    const plan = expectPlan(planTransition(complaint('resolved'), 'close', { finalResponseSentAt: SENT }, manager, NOW));
    expect(plan.changes).toEqual({ closedAt: NOW, finalResponseSentAt: SENT });
    expect(plan.audit.details).toEqual({ from: 'resolved', to: 'closed', finalResponseSentAt: SENT.toISOString() });
    expect(plan.effects[0]).toEqual({ type: 'stopSlaClock', at: SENT });
  });

  it('request-review records that the one review was asked for', () => {
    const plan = expectPlan(planTransition(complaint('closed'), 'request-review', { reason: '  Too little  ' }, manager, NOW));
    expect(plan.changes).toEqual({ reviewRequestedAt: NOW });
    expect(plan.audit.details).toEqual({ from: 'closed', to: 'under_review', reason: 'Too little' });
  });

  it.each(['reopen', 'withdraw'] as const)('%s records the reason in the audit trail only', (action) => {
    const status = action === 'reopen' ? 'closed' : 'investigating';
    const plan = expectPlan(planTransition(complaint(status), action, { reason: 'Because' }, manager, NOW));
    expect(plan.changes).toEqual({});
    expect(plan.audit.details).toMatchObject({ reason: 'Because' });
  });

  it('merge stores the primary, with the reason when one is given', () => {
    const primary = complaint('awaiting_customer', { id: 'c-primary' });
    const plain = expectPlan(planTransition(complaint('received'), 'merge', { primary }, manager, NOW));
    expect(plain.changes).toEqual({ mergedInto: 'c-primary' });
    expect(canonicalJson(plain.audit.details)).toBe('{"from":"received","primaryId":"c-primary","to":"merged"}');
    const withReason = expectPlan(planTransition(complaint('received'), 'merge', { primary, reason: ' Same call twice ' }, manager, NOW));
    expect(withReason.audit.details).toMatchObject({ primaryId: 'c-primary', reason: 'Same call twice' });
    const blank = expectPlan(planTransition(complaint('received'), 'merge', { primary, reason: '  ' }, manager, NOW));
    expect(blank.audit.details).toEqual(plain.audit.details);
  });

  it('hands out effects the service may change without changing the table', () => {
    const first = expectPlan(planTransition(complaint('received'), 'acknowledge', {}, manager, NOW));
    (first.effects[0] as { notice: string }).notice = 'tampered';
    const second = expectPlan(planTransition(complaint('received'), 'acknowledge', {}, manager, NOW));
    expect(second.effects).toEqual([notice('acknowledgement')]);
  });
});

describe('input checks (400)', () => {
  const invalid = (status: WorkflowStatus, action: WorkflowAction, input: TransitionInput) =>
    expectRefusal(planTransition(complaint(status), action, input, manager, NOW), 'invalid').fields;

  it('resolve names every missing field at once', () => {
    expect(invalid('investigating', 'resolve', {})).toEqual([
      { field: 'outcome', message: 'is required' },
      { field: 'rootCauseCode', message: 'is required' },
      { field: 'summary', message: 'is required' },
    ]);
    expect(REFUSAL_HTTP_STATUS.invalid).toBe(400);
  });

  it.each([
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome', 'must be one of upheld, partially_upheld, not_upheld'],
    ['a root cause with spaces', { rootCauseCode: 'fees overcharged' }, 'rootCauseCode', 'must be a code of letters, digits, dots, dashes and underscores'],
    ['a root cause over 64 characters', { rootCauseCode: 'X'.repeat(65) }, 'rootCauseCode', 'must be at most 64 characters'],
    ['a blank summary', { summary: '   ' }, 'summary', 'is required'],
    ['a summary over 10,000 characters', { summary: 'x'.repeat(10_001) }, 'summary', 'must be at most 10000 characters'],
    ['a negative redress', { redress: { amount: -1, currency: 'CNY' } }, 'redress.amount', 'must be a number ≥ 0 with at most 2 decimals'],
    ['a redress with 3 decimals', { redress: { amount: 1.005, currency: 'CNY' } }, 'redress.amount', 'must be a number ≥ 0 with at most 2 decimals'],
    ['a non-finite redress', { redress: { amount: Infinity, currency: 'CNY' } }, 'redress.amount', 'must be a number ≥ 0 with at most 2 decimals'],
    ['a redress without an amount', { redress: { currency: 'CNY' } }, 'redress.amount', 'is required with a redress'],
    ['a redress without a currency', { redress: { amount: 10 } }, 'redress.currency', 'must be an ISO 4217 code such as CNY'],
    ['a lower-case currency', { redress: { amount: 10, currency: 'cny' } }, 'redress.currency', 'must be an ISO 4217 code such as CNY'],
  ])('resolve refuses %s', (_name, override, field, message) => {
    const input = { ...VALID_INPUT.resolve, ...override } as TransitionInput;
    expect(invalid('investigating', 'resolve', input)).toEqual([{ field, message }]);
  });

  it.each([
    ['no time', {}, 'is required: a complaint is closed only once the final response was sent'],
    ['null', { finalResponseSentAt: null }, 'is required: a complaint is closed only once the final response was sent'],
    ['an invalid date', { finalResponseSentAt: new Date('nope') }, 'is required: a complaint is closed only once the final response was sent'],
    ['a future time', { finalResponseSentAt: new Date(NOW.getTime() + 1) }, 'cannot be in the future'],
    ['a time before the decision', { finalResponseSentAt: ago(2 * DAY + 1) }, `is before the decision it answers (${ago(2 * DAY).toISOString()})`],
  ])('close refuses %s', (_name, input, message) => {
    expect(invalid('resolved', 'close', input)).toEqual([{ field: 'finalResponseSentAt', message }]);
  });

  it('close accepts a final response sent at the decision or right now', () => {
    expect(planTransition(complaint('resolved'), 'close', { finalResponseSentAt: ago(2 * DAY) }, manager, NOW).ok).toBe(true);
    expect(planTransition(complaint('resolved'), 'close', { finalResponseSentAt: NOW }, manager, NOW).ok).toBe(true);
  });

  it.each([
    ['reopen', 'closed'],
    ['withdraw', 'acknowledged'],
    ['request-review', 'closed'],
  ] as const)('%s needs a reason', (action, status) => {
    expect(invalid(status, action, {})).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(invalid(status, action, { reason: ' \n ' })).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(invalid(status, action, { reason: 'x'.repeat(2001) })).toEqual([{ field: 'reason', message: 'must be at most 2000 characters' }]);
    expect(planTransition(complaint(status), action, { reason: 'x'.repeat(2000) }, manager, NOW).ok).toBe(true);
  });

  it.each([
    ['no primary', { primary: null }, 'no complaint with this id'],
    ['the complaint itself', { primary: complaint('investigating') }, 'a complaint cannot be merged into itself'],
    ['another customer’s complaint', { primary: complaint('investigating', { id: 'c-2', customerId: 'cust-2' }) }, 'the primary complaint is from another customer'],
    ['a merged primary', { primary: complaint('merged', { id: 'c-2' }) }, 'the primary complaint is itself merged; merge into its primary'],
    ['a closed primary', { primary: complaint('closed', { id: 'c-2' }) }, 'the primary complaint is closed, not open'],
    ['a resolved primary', { primary: complaint('resolved', { id: 'c-2' }) }, 'the primary complaint is resolved, not open'],
    ['a withdrawn primary', { primary: complaint('withdrawn', { id: 'c-2' }) }, 'the primary complaint is withdrawn, not open'],
    ['a reason over 2000 characters', { primary: complaint('investigating', { id: 'c-2' }), reason: 'x'.repeat(2001) }, undefined],
  ])('merge refuses %s', (_name, input, message) => {
    const fields = invalid('investigating', 'merge', input);
    expect(fields).toEqual([message ? { field: 'primaryId', message } : { field: 'reason', message: 'must be at most 2000 characters' }]);
  });

  it.each(OPEN_STATUSES)('merge accepts a primary that is %s', (status) => {
    expect(planTransition(complaint('received'), 'merge', { primary: complaint(status, { id: 'c-2' }) }, manager, NOW).ok).toBe(true);
  });

  it('merge reports a primary the caller cannot see as not existing', () => {
    const supervisor: Actor = { kind: 'staff', id: 'sup-1', roles: ['supervisor'], teams: ['T1'] };
    const hidden = complaint('investigating', { id: 'c-2', teamCode: 'T9', assigneeId: 'off-9' });
    const refusal = expectRefusal(planTransition(complaint('investigating'), 'merge', { primary: hidden }, supervisor, NOW), 'invalid');
    expect(refusal.fields).toEqual([{ field: 'primaryId', message: 'no complaint with this id' }]);
  });
});

describe('reopen and review windows (inclusive: the last allowed instant is the anchor + N days)', () => {
  const cases = [
    { name: 'reopen from resolved', status: 'resolved', action: 'reopen', anchor: 'resolvedAt', days: 30 },
    { name: 'reopen from closed', status: 'closed', action: 'reopen', anchor: 'closedAt', days: 30 },
    { name: 'review from closed', status: 'closed', action: 'request-review', anchor: 'finalResponseSentAt', days: 30 },
  ] as const;

  function at(anchorAgo: number, c: (typeof cases)[number]) {
    const anchor = ago(anchorAgo);
    const facts = { resolvedAt: anchor, closedAt: anchor, finalResponseSentAt: anchor };
    return planTransition(complaint(c.status, facts), c.action, VALID_INPUT[c.action], manager, NOW);
  }

  describe.each(cases)('$name, from $anchor', (c) => {
    it('is open at 29 days 23 hours 59 minutes', () => {
      expect(at(30 * DAY - MINUTE, c).ok).toBe(true);
    });

    it('is open at exactly 30 days', () => {
      expect(at(30 * DAY, c).ok).toBe(true);
    });

    it('has closed at 30 days and 1 ms (422, naming the deadline)', () => {
      const refusal = expectRefusal(at(30 * DAY + 1, c), 'window_expired');
      expect(refusal.deadline).toEqual(new Date(NOW.getTime() - 1));
      expect(refusal.detail).toBe(`${c.action} was possible until ${refusal.deadline.toISOString()}, 30 days after ${c.anchor}`);
      expect(REFUSAL_HTTP_STATUS.window_expired).toBe(422);
    });
  });

  it('runs a reopen from a closed complaint from the closure, not the resolution', () => {
    const c = complaint('closed', { resolvedAt: ago(45 * DAY), finalResponseSentAt: ago(44 * DAY), closedAt: ago(10 * DAY) });
    expect(planTransition(c, 'reopen', VALID_INPUT.reopen, manager, NOW).ok).toBe(true);
    expect(expectRefusal(planTransition(c, 'request-review', VALID_INPUT['request-review'], manager, NOW), 'window_expired').deadline).toEqual(
      ago(14 * DAY),
    );
    expect(availableActions(c, manager, NOW)).toEqual(['reopen']);
  });

  it('takes the window lengths from the settings', () => {
    const settings = { reopenWindowDays: 7, reviewWindowDays: 60 };
    const c = (sinceAnchor: number) => complaint('closed', { closedAt: ago(sinceAnchor), finalResponseSentAt: ago(sinceAnchor) });
    expect(planTransition(c(7 * DAY), 'reopen', VALID_INPUT.reopen, manager, NOW, settings).ok).toBe(true);
    expect(expectRefusal(planTransition(c(7 * DAY + 1), 'reopen', VALID_INPUT.reopen, manager, NOW, settings), 'window_expired')).toBeTruthy();
    expect(planTransition(c(60 * DAY), 'request-review', VALID_INPUT['request-review'], manager, NOW, settings).ok).toBe(true);
  });

  it('leaves expired actions out of the allowed actions of a 409', () => {
    const c = complaint('closed', { closedAt: ago(31 * DAY), finalResponseSentAt: ago(31 * DAY) });
    expect(availableActions(c, manager, NOW)).toEqual([]);
    expect(expectRefusal(planTransition(c, 'close', {}, manager, NOW), 'conflict').allowedActions).toEqual([]);
  });

  it('allows one review per complaint', () => {
    const c = complaint('closed', { reviewRequestedAt: ago(20 * DAY) });
    const refusal = expectRefusal(planTransition(c, 'request-review', VALID_INPUT['request-review'], manager, NOW), 'conflict');
    expect(refusal.detail).toBe(`request-review was already done on ${ago(20 * DAY).toISOString()} and is allowed once`);
    expect(refusal.allowedActions).toEqual(['reopen']);
  });

  it('throws on a complaint whose anchor the workflow would have set', () => {
    expect(() => planTransition(complaint('closed', { closedAt: null }), 'reopen', VALID_INPUT.reopen, manager, NOW)).toThrow(
      'complaint c-1 is closed but has no closedAt, which the workflow always sets',
    );
  });
});

describe('the order of the checks', () => {
  const officer: Actor = { kind: 'staff', id: 'off-2', roles: ['officer'], teams: ['T1'] };

  it('reports a complaint outside the scope as not found whatever else is wrong', () => {
    const outside = complaint('withdrawn', { teamCode: 'T9', assigneeId: 'off-9' });
    expect(planTransition(outside, 'resolve', {}, officer, NOW)).toEqual({ ok: false, kind: 'not_found' });
    expect(REFUSAL_HTTP_STATUS.not_found).toBe(404);
  });

  it('refuses the role or assignment before looking at the state', () => {
    expect(planTransition(complaint('withdrawn'), 'resolve', {}, officer, NOW)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(REFUSAL_HTTP_STATUS.forbidden).toBe(403);
  });

  it('refuses the state before the deadline and the input', () => {
    const expired = complaint('under_review', { closedAt: ago(90 * DAY) });
    expect(planTransition(expired, 'reopen', {}, manager, NOW)).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('refuses a passed deadline before the input, since no body would help', () => {
    const expired = complaint('closed', { closedAt: ago(31 * DAY) });
    expect(planTransition(expired, 'reopen', {}, manager, NOW)).toMatchObject({ ok: false, kind: 'window_expired' });
  });
});
