import type { ComplaintOwnership } from './permissions';
import type { WorkflowStatus } from './statuses';

export const RESOLUTION_OUTCOMES = ['upheld', 'partially_upheld', 'not_upheld'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export interface Redress {
  amount: number;
  currency: string;
}

/** A redress may accompany any outcome: banks pay goodwill on complaints they do not uphold. */
export interface Resolution {
  outcome: ResolutionOutcome;
  rootCauseCode: string;
  summary: string;
  redress: Redress | null;
}

/** The complaint as the workflow needs it; the service maps its row to this. */
export interface WorkflowComplaint extends ComplaintOwnership {
  id: string;
  status: WorkflowStatus;
  customerId: string;
  /** When the latest decision was made; each resolve sets it anew. */
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** When the final response to the latest decision went out; null until then. */
  finalResponseSentAt: Date | null;
  reviewRequestedAt: Date | null;
}

/** Complaint facts to store with the new status. */
export interface WorkflowChanges {
  resolvedAt?: Date;
  resolution?: Resolution;
  finalResponseSentAt?: Date | null;
  closedAt?: Date;
  reviewRequestedAt?: Date;
  mergedInto?: string;
}
