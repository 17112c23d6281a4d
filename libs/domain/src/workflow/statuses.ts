/**
 * The statuses of a complaint. Two need a word:
 *  - under_review: the customer asked for a review (核查) of the decision they received. NFRA gives
 *    the bank 30 days to answer it, so it runs its own clock and is its own line in MI.
 *  - merged: a duplicate closed into its primary. Kept apart from `closed` so a duplicate is not
 *    counted a second time in complaint statistics, and is never reopened on its own.
 */
export const WORKFLOW_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'reopened',
  'under_review',
  'resolved',
  'closed',
  'withdrawn',
  'merged',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/**
 * Statuses in which the bank still owes the customer an answer. Only these may be withdrawn or
 * merged: once a decision exists, the complaint has to be closed (or reopened) on its own record.
 */
export const OPEN_STATUSES: readonly WorkflowStatus[] = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'reopened',
  'under_review',
];

export function isWorkflowStatus(value: string): value is WorkflowStatus {
  return (WORKFLOW_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: WorkflowStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
