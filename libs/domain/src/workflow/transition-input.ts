import type { WorkflowAction } from './actions';
import type { JsonObject } from './canonical-json';
import { canSee, type Actor } from './permissions';
import { isOpenStatus } from './statuses';
import {
  RESOLUTION_OUTCOMES,
  type Redress,
  type Resolution,
  type ResolutionOutcome,
  type WorkflowChanges,
  type WorkflowComplaint,
} from './workflow-complaint';

/**
 * What the caller supplies for an action: the request body's fields, plus facts only the service
 * can look up (the merge primary, the time the final response was sent). Fields are optional and
 * loosely typed because they arrive from HTTP; each action checks the ones it needs.
 */
export interface TransitionInput {
  /** reopen, withdraw, request-review (required); merge (optional). */
  reason?: string;
  outcome?: string;
  rootCauseCode?: string;
  summary?: string;
  redress?: { amount?: number; currency?: string } | null;
  finalResponseSentAt?: Date | null;
  /** The complaint named by the request's primaryId, or null when there is none by that id. */
  primary?: WorkflowComplaint | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface InputContext {
  complaint: WorkflowComplaint;
  actor: Actor;
  now: Date;
}

interface Parsed {
  changes: WorkflowChanges;
  details: JsonObject;
}

export type ParsedInput = ({ ok: true } & Parsed) | { ok: false; fields: FieldProblem[] };

const MAX_REASON = 2_000;
const MAX_SUMMARY = 10_000;
const ROOT_CAUSE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * A parser records every problem it finds and returns what it parsed; what it returns is used only
 * when no problem was recorded, which is why it may hold values the problems describe as wrong.
 */
type Parser = (input: TransitionInput, context: InputContext, problems: FieldProblem[]) => Parsed;

function nothing(): Parsed {
  return { changes: {}, details: {} };
}

const withReason: Parser = (input, _context, problems) => ({
  changes: {},
  details: { reason: text(input.reason, 'reason', MAX_REASON, problems) },
});

const PARSERS: Readonly<Record<WorkflowAction, Parser>> = {
  acknowledge: nothing,
  start: nothing,
  'request-info': nothing,
  resume: nothing,
  resolve: parseResolve,
  close: parseClose,
  reopen: withReason,
  withdraw: withReason,
  'request-review': (input, context, problems) => ({
    changes: { reviewRequestedAt: context.now },
    details: withReason(input, context, problems).details,
  }),
  merge: parseMerge,
};

/** Checks the input an action needs and turns it into the facts to store and the audit details. */
export function parseTransitionInput(action: WorkflowAction, input: TransitionInput, context: InputContext): ParsedInput {
  const problems: FieldProblem[] = [];
  const parsed = PARSERS[action](input, context, problems);
  return problems.length > 0 ? { ok: false, fields: problems } : { ok: true, ...parsed };
}

function parseResolve(input: TransitionInput, context: InputContext, problems: FieldProblem[]): Parsed {
  const outcome = input.outcome;
  if (outcome === undefined || outcome === '') {
    problems.push({ field: 'outcome', message: 'is required' });
  } else if (!(RESOLUTION_OUTCOMES as readonly unknown[]).includes(outcome)) {
    problems.push({ field: 'outcome', message: `must be one of ${RESOLUTION_OUTCOMES.join(', ')}` });
  }
  const rootCauseCode = text(input.rootCauseCode, 'rootCauseCode', 64, problems);
  if (rootCauseCode && !ROOT_CAUSE_CODE.test(rootCauseCode)) {
    problems.push({ field: 'rootCauseCode', message: 'must be a code of letters, digits, dots, dashes and underscores' });
  }
  const resolution: Resolution = {
    outcome: outcome as ResolutionOutcome,
    rootCauseCode,
    summary: text(input.summary, 'summary', MAX_SUMMARY, problems),
    redress: parseRedress(input.redress, problems),
  };
  return {
    // A new decision needs its own final response, so the one for an earlier decision is cleared.
    changes: { resolvedAt: context.now, resolution, finalResponseSentAt: null },
    details: { resolution: { ...resolution, redress: resolution.redress && { ...resolution.redress } } },
  };
}

function parseRedress(redress: TransitionInput['redress'], problems: FieldProblem[]): Redress | null {
  if (redress === undefined || redress === null) return null;
  const { amount, currency } = redress;
  if (typeof amount !== 'number') {
    problems.push({ field: 'redress.amount', message: 'is required with a redress' });
  } else if (!AMOUNT.test(String(amount))) {
    problems.push({ field: 'redress.amount', message: 'must be a number ≥ 0 with at most 2 decimals' });
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    problems.push({ field: 'redress.currency', message: 'must be an ISO 4217 code such as CNY' });
  }
  return { amount: amount as number, currency: currency as string };
}

function parseClose(input: TransitionInput, context: InputContext, problems: FieldProblem[]): Parsed {
  const sentAt = input.finalResponseSentAt;
  const { resolvedAt } = context.complaint;
  if (!(sentAt instanceof Date) || Number.isNaN(sentAt.getTime())) {
    problems.push({ field: 'finalResponseSentAt', message: 'is required: a complaint is closed only once the final response was sent' });
    return nothing();
  }
  if (sentAt > context.now) {
    problems.push({ field: 'finalResponseSentAt', message: 'cannot be in the future' });
  } else if (resolvedAt && sentAt < resolvedAt) {
    problems.push({ field: 'finalResponseSentAt', message: `is before the decision it answers (${resolvedAt.toISOString()})` });
  }
  return {
    changes: { closedAt: context.now, finalResponseSentAt: sentAt },
    details: { finalResponseSentAt: sentAt.toISOString() },
  };
}

function parseMerge(input: TransitionInput, context: InputContext, problems: FieldProblem[]): Parsed {
  const primary = input.primary;
  const given = typeof input.reason === 'string' && input.reason.trim() !== '';
  const reason = given ? text(input.reason, 'reason', MAX_REASON, problems) : undefined;
  // A primary outside the caller's scope is reported exactly like one that does not exist.
  if (!primary || !canSee(context.actor, primary)) {
    problems.push({ field: 'primaryId', message: 'no complaint with this id' });
    return nothing();
  }
  if (primary.id === context.complaint.id) {
    problems.push({ field: 'primaryId', message: 'a complaint cannot be merged into itself' });
  } else if (primary.customerId !== context.complaint.customerId) {
    // Each customer is owed an answer of their own, so only one customer's complaints are merged.
    problems.push({ field: 'primaryId', message: 'the primary complaint is from another customer' });
  } else if (primary.status === 'merged') {
    problems.push({ field: 'primaryId', message: 'the primary complaint is itself merged; merge into its primary' });
  } else if (!isOpenStatus(primary.status)) {
    problems.push({ field: 'primaryId', message: `the primary complaint is ${primary.status}, not open` });
  }
  return { changes: { mergedInto: primary.id }, details: { primaryId: primary.id, reason } };
}

function text(value: unknown, field: string, max: number, problems: FieldProblem[]): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') problems.push({ field, message: 'is required' });
  else if (trimmed.length > max) problems.push({ field, message: `must be at most ${max} characters` });
  return trimmed;
}
