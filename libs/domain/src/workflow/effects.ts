/** Letters or messages the customer must receive because of a transition. */
export type CustomerNotice =
  | 'acknowledgement'
  | 'information_request'
  | 'final_response'
  | 'reopen_confirmation'
  | 'review_acknowledgement'
  | 'review_outcome'
  | 'withdrawal_confirmation'
  | 'merge_notice';

/** `review` is the separate 30-day clock NFRA sets for answering a review request (核查). */
export type SlaClockKind = 'response' | 'review';

/**
 * What the service must do, in the same transaction as the status change, once a transition is
 * planned. `restartSlaClock` replaces whatever clock runs with a fresh one starting at `at`.
 */
export type WorkflowEffect =
  | { type: 'stopSlaClock' | 'pauseSlaClock' | 'resumeSlaClock'; at: Date }
  | { type: 'restartSlaClock'; clock: SlaClockKind; at: Date }
  | { type: 'createSurvey' }
  | { type: 'requireCustomerNotice'; notice: CustomerNotice };

/**
 * An effect as the transition table states it: clock instants are filled in when planned. A clock
 * normally stops at the transition; closing stops it when the final response was sent, because
 * that is when the customer got the answer the response-time limit is about.
 */
export type EffectTemplate =
  | { type: 'stopSlaClock' | 'pauseSlaClock' | 'resumeSlaClock'; at?: 'finalResponseSentAt' }
  | { type: 'restartSlaClock'; clock: SlaClockKind }
  | { type: 'createSurvey' }
  | { type: 'requireCustomerNotice'; notice: CustomerNotice };
