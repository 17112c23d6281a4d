/**
 * The letters a complaint handler sends. `summary_resolution` is the short letter for a complaint
 * settled within a few business days (the FCA's "summary resolution communication"); the
 * others follow the case through acknowledgement, questions, delay and decision.
 */
export const LETTER_KINDS = ['acknowledgement', 'information_request', 'holding_reply', 'final_response', 'summary_resolution'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
