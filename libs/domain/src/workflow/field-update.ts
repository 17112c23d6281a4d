import { PRIORITY_LEVELS, type PriorityLevel } from '../complaint/priority';
import { authorizeAction, canSee, type Actor } from './permissions';
import { OPEN_STATUSES, type WorkflowStatus } from './statuses';
import type { FieldProblem } from './transition-input';
import type { WorkflowComplaint } from './workflow-complaint';

/** The facts staff may correct on an open case; both feed the SLA policy match and the queue order. */
export interface FieldUpdateInput {
  category?: string;
  priority?: string;
  reason?: string;
}

export interface CorrectableFields {
  category: string | null;
  priority: PriorityLevel;
}

export interface FieldChange {
  field: keyof CorrectableFields;
  before: string | null;
  after: string;
}

export type FieldUpdatePlan =
  | { ok: true; changes: FieldChange[]; reason: string }
  | { ok: false; kind: 'not_found' }
  | { ok: false; kind: 'forbidden'; detail: string }
  | { ok: false; kind: 'conflict'; detail: string }
  | { ok: false; kind: 'invalid'; fields: FieldProblem[] };

/** Until the case is closed: a resolved case's category still feeds the root-cause reviews. */
const CORRECTABLE: readonly WorkflowStatus[] = [...OPEN_STATUSES, 'resolved'];
const CATEGORY = /^[a-z0-9_.-]{1,64}$/;
export const UPDATE_REASON_MAX_LENGTH = 2000;

/**
 * A correction of a case's category or priority. Whoever may work the case (its officer, its
 * team's supervisor, a manager) may correct its facts, so the check is the one for `start`. A
 * closed, withdrawn or merged case is a record and is not edited; reopen it first. Every change
 * needs a reason, because it moves the case in the queue and may change its regulator deadline.
 * Values equal to the current ones are not changes, so a retried correction is a no-op.
 */
export function planFieldUpdate(complaint: WorkflowComplaint & CorrectableFields, input: FieldUpdateInput, actor: Actor): FieldUpdatePlan {
  if (!canSee(actor, complaint)) return { ok: false, kind: 'not_found' };
  const authorized = authorizeAction(actor, complaint, 'start');
  if (!authorized.allowed) return { ok: false, kind: 'forbidden', detail: authorized.detail };

  const problems: FieldProblem[] = [];
  if (input.category === undefined && input.priority === undefined) {
    problems.push({ field: 'category', message: 'give category or priority (or both) to change' });
  }
  if (input.category !== undefined && !CATEGORY.test(input.category)) {
    problems.push({ field: 'category', message: 'must be a lowercase code (a-z, 0-9, _ . -), at most 64 characters' });
  }
  if (input.priority !== undefined && !(PRIORITY_LEVELS as readonly string[]).includes(input.priority)) {
    problems.push({ field: 'priority', message: `must be one of ${PRIORITY_LEVELS.join(', ')}` });
  }
  const reason = input.reason?.trim() ?? '';
  if (reason.length === 0) problems.push({ field: 'reason', message: 'is required: say why the case is corrected' });
  else if (reason.length > UPDATE_REASON_MAX_LENGTH) problems.push({ field: 'reason', message: `must be at most ${UPDATE_REASON_MAX_LENGTH} characters` });
  if (problems.length > 0) return { ok: false, kind: 'invalid', fields: problems };

  if (!CORRECTABLE.includes(complaint.status)) {
    return { ok: false, kind: 'conflict', detail: `a ${complaint.status} complaint is not corrected; reopen it first` };
  }
  const changes: FieldChange[] = [];
  if (input.category !== undefined && input.category !== complaint.category) {
    changes.push({ field: 'category', before: complaint.category, after: input.category });
  }
  if (input.priority !== undefined && input.priority !== complaint.priority) {
    changes.push({ field: 'priority', before: complaint.priority, after: input.priority });
  }
  return { ok: true, changes, reason };
}
