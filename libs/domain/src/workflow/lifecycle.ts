import type { WorkflowAction } from './actions';
import type { JsonObject } from './canonical-json';
import type { EffectTemplate, WorkflowEffect } from './effects';
import { authorizeAction, canSee, type Actor } from './permissions';
import { COMPLAINT_STATE_MACHINE } from './state-machine';
import type { TimeWindow, TransitionRule } from './transition-table';
import { parseTransitionInput, type FieldProblem, type TransitionInput } from './transition-input';
import type { WorkflowStatus } from './statuses';
import type { WorkflowChanges, WorkflowComplaint } from './workflow-complaint';

export interface WorkflowSettings {
  /** Days after the resolution (or the closure, once closed) in which a complaint may be reopened. */
  reopenWindowDays: number;
  /** Days after the final response in which the customer may ask for a review (NFRA: 30). */
  reviewWindowDays: number;
}

export const DEFAULT_WORKFLOW_SETTINGS: Readonly<WorkflowSettings> = { reopenWindowDays: 30, reviewWindowDays: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A transition the service may carry out: store `to` and `changes` on the complaint, append an
 * audit event of `audit.type` with `audit.details`, and perform `effects`, all in one transaction.
 */
export interface TransitionPlan {
  ok: true;
  action: WorkflowAction;
  from: WorkflowStatus;
  to: WorkflowStatus;
  effects: WorkflowEffect[];
  changes: WorkflowChanges;
  audit: { type: string; details: JsonObject };
}

/**
 * Why a transition was refused; REFUSAL_HTTP_STATUS gives the status for each kind.
 * `allowedActions` lists what this caller could do instead in the current state.
 */
export type TransitionRefusal =
  | { ok: false; kind: 'not_found' }
  | { ok: false; kind: 'forbidden'; detail: string }
  | { ok: false; kind: 'conflict'; currentState: WorkflowStatus; allowedActions: WorkflowAction[]; detail: string }
  | { ok: false; kind: 'invalid'; fields: FieldProblem[] }
  | { ok: false; kind: 'window_expired'; deadline: Date; detail: string };

export type TransitionResult = TransitionPlan | TransitionRefusal;

/**
 * A passed deadline is 422, not 409: 409 says "the complaint is in the wrong state, here is what
 * it allows", whereas nothing done to this complaint will reopen an expired window.
 */
export const REFUSAL_HTTP_STATUS: Readonly<Record<TransitionRefusal['kind'], number>> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
  window_expired: 422,
};

/**
 * Decides whether `actor` may take `action` on `complaint` at `now`, and what follows. Checks run
 * in the order that leaks least and helps most: visibility (404), role and assignment (403), state
 * (409), deadlines (422), then the input (400), so a caller never fixes a body only to learn the
 * action was never possible.
 */
export function planTransition(
  complaint: WorkflowComplaint,
  action: WorkflowAction,
  input: TransitionInput,
  actor: Actor,
  now: Date,
  settings: WorkflowSettings = DEFAULT_WORKFLOW_SETTINGS,
): TransitionResult {
  if (!canSee(actor, complaint)) return { ok: false, kind: 'not_found' };
  const authorization = authorizeAction(actor, complaint, action);
  if (!authorization.allowed) return { ok: false, kind: 'forbidden', detail: authorization.detail };

  const conflict = (detail: string): TransitionRefusal => ({
    ok: false,
    kind: 'conflict',
    currentState: complaint.status,
    allowedActions: availableActions(complaint, actor, now, settings),
    detail,
  });
  const rule = COMPLAINT_STATE_MACHINE.rule(complaint.status, action);
  if (!rule) return conflict(`cannot ${action} a complaint that is ${complaint.status}`);
  const blocked = blockedBy(rule, complaint, now, settings);
  if (blocked?.kind === 'conflict') return conflict(blocked.detail);
  if (blocked) return { ok: false, ...blocked };

  const parsed = parseTransitionInput(action, input, { complaint, actor, now });
  if (!parsed.ok) return { ok: false, kind: 'invalid', fields: parsed.fields };
  return {
    ok: true,
    action,
    from: complaint.status,
    to: rule.to,
    effects: rule.effects.map((effect) => materialize(effect, now, parsed.changes)),
    changes: parsed.changes,
    audit: { type: `complaint.${action}`, details: { from: complaint.status, to: rule.to, ...parsed.details } },
  };
}

/** The actions this caller could take now (input aside): for the 409 body and for the UI's buttons. */
export function availableActions(
  complaint: WorkflowComplaint,
  actor: Actor,
  now: Date,
  settings: WorkflowSettings = DEFAULT_WORKFLOW_SETTINGS,
): WorkflowAction[] {
  if (!canSee(actor, complaint)) return [];
  return COMPLAINT_STATE_MACHINE.rulesFrom(complaint.status)
    .filter((rule) => authorizeAction(actor, complaint, rule.action).allowed && !blockedBy(rule, complaint, now, settings))
    .map((rule) => rule.action);
}

type Blocked = { kind: 'conflict'; detail: string } | { kind: 'window_expired'; deadline: Date; detail: string };

function blockedBy(rule: TransitionRule, complaint: WorkflowComplaint, now: Date, settings: WorkflowSettings): Blocked | undefined {
  const done = rule.once && complaint[rule.once];
  if (done) return { kind: 'conflict', detail: `${rule.action} was already done on ${done.toISOString()} and is allowed once` };
  if (!rule.window) return undefined;
  const deadline = windowDeadline(rule.window, complaint, settings);
  if (now.getTime() <= deadline.getTime()) return undefined;
  return {
    kind: 'window_expired',
    deadline,
    detail: `${rule.action} was possible until ${deadline.toISOString()}, ${settings[rule.window.length]} days after ${rule.window.anchor}`,
  };
}

/** The last instant the window allows: the anchor plus whole days, inclusive. */
function windowDeadline(window: TimeWindow, complaint: WorkflowComplaint, settings: WorkflowSettings): Date {
  const anchor = complaint[window.anchor];
  if (!anchor) {
    throw new Error(`complaint ${complaint.id} is ${complaint.status} but has no ${window.anchor}, which the workflow always sets`);
  }
  return new Date(anchor.getTime() + settings[window.length] * DAY_MS);
}

function materialize(effect: EffectTemplate, now: Date, changes: WorkflowChanges): WorkflowEffect {
  switch (effect.type) {
    case 'createSurvey':
    case 'requireCustomerNotice':
      return { ...effect };
    case 'restartSlaClock':
      return { ...effect, at: now };
    default: {
      const at = effect.at === 'finalResponseSentAt' ? changes.finalResponseSentAt : now;
      if (!at) throw new Error(`the ${effect.type} effect runs at finalResponseSentAt, which this action does not record`);
      return { type: effect.type, at };
    }
  }
}
