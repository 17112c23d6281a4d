/** Workflow actions; each is also the last path segment of `POST /v1/complaints/{id}/{action}`. */
export const WORKFLOW_ACTIONS = [
  'acknowledge',
  'start',
  'request-info',
  'resume',
  'resolve',
  'close',
  'reopen',
  'withdraw',
  'request-review',
  'merge',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export function isWorkflowAction(value: string): value is WorkflowAction {
  return (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}
