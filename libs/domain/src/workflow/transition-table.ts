import type { WorkflowAction } from './actions';
import type { EffectTemplate } from './effects';
import { OPEN_STATUSES, WORKFLOW_STATUSES, type WorkflowStatus } from './statuses';

/** The complaint facts a time window can run from. */
export type WindowAnchor = 'resolvedAt' | 'closedAt' | 'finalResponseSentAt';

/** A transition allowed only until `settings[length]` days after the anchor instant (inclusive). */
export interface TimeWindow {
  anchor: WindowAnchor;
  length: 'reopenWindowDays' | 'reviewWindowDays';
}

/**
 * One row of the table. Rows for the same action may differ by `from` when the effects or the
 * window differ (a reopen before the customer was answered keeps the original clock running).
 * `once` names the fact that, when set, means the action was already taken on this complaint.
 */
export interface TransitionRule<S extends string = WorkflowStatus, A extends string = WorkflowAction> {
  action: A;
  from: readonly S[];
  to: S;
  effects: readonly EffectTemplate[];
  window?: TimeWindow;
  once?: 'reviewRequestedAt';
}

export interface TransitionTable<S extends string = WorkflowStatus, A extends string = WorkflowAction> {
  initial: S;
  states: readonly S[];
  /** States with no way out; every other state must have at least one. */
  terminal: readonly S[];
  rules: readonly TransitionRule<S, A>[];
}

export const COMPLAINT_TRANSITIONS: TransitionTable = {
  initial: 'received',
  states: WORKFLOW_STATUSES,
  terminal: ['withdrawn', 'merged'],
  rules: [
    {
      action: 'acknowledge',
      from: ['received'],
      to: 'acknowledged',
      effects: [{ type: 'requireCustomerNotice', notice: 'acknowledgement' }],
    },
    { action: 'start', from: ['acknowledged', 'reopened'], to: 'investigating', effects: [] },
    {
      action: 'request-info',
      from: ['investigating'],
      to: 'awaiting_customer',
      effects: [{ type: 'pauseSlaClock' }, { type: 'requireCustomerNotice', notice: 'information_request' }],
    },
    { action: 'resume', from: ['awaiting_customer'], to: 'investigating', effects: [{ type: 'resumeSlaClock' }] },
    {
      action: 'resolve',
      from: ['investigating'],
      to: 'resolved',
      // The survey link goes to the customer with the decision, so it is made when the decision is.
      effects: [{ type: 'requireCustomerNotice', notice: 'final_response' }, { type: 'createSurvey' }],
    },
    {
      action: 'resolve',
      from: ['under_review'],
      to: 'resolved',
      effects: [{ type: 'requireCustomerNotice', notice: 'review_outcome' }, { type: 'createSurvey' }],
    },
    {
      action: 'close',
      from: ['resolved'],
      to: 'closed',
      effects: [{ type: 'stopSlaClock', at: 'finalResponseSentAt' }],
    },
    {
      // The customer has not been answered yet, so the original clock keeps running: restarting
      // it here would hide a late answer.
      action: 'reopen',
      from: ['resolved'],
      to: 'reopened',
      effects: [],
      window: { anchor: 'resolvedAt', length: 'reopenWindowDays' },
    },
    {
      action: 'reopen',
      from: ['closed'],
      to: 'reopened',
      effects: [
        { type: 'restartSlaClock', clock: 'response' },
        { type: 'requireCustomerNotice', notice: 'reopen_confirmation' },
      ],
      window: { anchor: 'closedAt', length: 'reopenWindowDays' },
    },
    {
      // A review is of a decision the customer received, so it runs from the final response
      // (NFRA counts the 30 days from receipt of the decision).
      action: 'request-review',
      from: ['closed'],
      to: 'under_review',
      effects: [
        { type: 'restartSlaClock', clock: 'review' },
        { type: 'requireCustomerNotice', notice: 'review_acknowledgement' },
      ],
      window: { anchor: 'finalResponseSentAt', length: 'reviewWindowDays' },
      once: 'reviewRequestedAt',
    },
    {
      action: 'withdraw',
      from: OPEN_STATUSES,
      to: 'withdrawn',
      effects: [{ type: 'stopSlaClock' }, { type: 'requireCustomerNotice', notice: 'withdrawal_confirmation' }],
    },
    {
      action: 'merge',
      from: OPEN_STATUSES,
      to: 'merged',
      effects: [{ type: 'stopSlaClock' }, { type: 'requireCustomerNotice', notice: 'merge_notice' }],
    },
  ],
};
