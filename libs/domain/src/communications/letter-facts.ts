import type { Language } from '../complaint/channel';
import type { Redress, ResolutionOutcome } from '../workflow/workflow-complaint';
import type { LetterKind } from './letter-kinds';

/** What a letter may say about the complaint; each kind needs some of it (LETTER_NEEDS). */
export interface LetterFacts {
  /** The date the letter bears: when it is sent. The UK referral window counts from it. */
  date: Date;
  /** IANA zone the customer's dates are written in, so a deadline is the day the customer sees. */
  timeZone: string;
  reference?: string;
  customerName?: string;
  receivedAt?: Date;
  /** When the customer can expect our answer. */
  dueAt?: Date | null;
  /** ISO 3166 country whose regulator or ombudsman the customer may turn to. */
  jurisdiction?: string | null;
  delayReason?: string;
  newExpectedAt?: Date;
  requestedInformation?: string;
  outcome?: ResolutionOutcome;
  summary?: string;
  redress?: Redress | null;
}

export type LetterFactName = Exclude<keyof LetterFacts, 'date' | 'timeZone' | 'redress'>;

/** The facts each kind cannot be written without; anything else it mentions only when present. */
export const LETTER_NEEDS = {
  acknowledgement: ['reference', 'customerName', 'receivedAt', 'dueAt'],
  information_request: ['reference', 'customerName', 'receivedAt', 'requestedInformation'],
  holding_reply: ['reference', 'customerName', 'receivedAt', 'delayReason', 'newExpectedAt', 'jurisdiction'],
  final_response: ['reference', 'customerName', 'receivedAt', 'outcome', 'summary', 'jurisdiction'],
  summary_resolution: ['reference', 'customerName', 'receivedAt', 'outcome', 'summary', 'jurisdiction'],
} as const satisfies Record<LetterKind, readonly LetterFactName[]>;

/** The facts as a kind's wording receives them: its needs are guaranteed present. */
export type FactsFor<K extends LetterKind> = LetterFacts & {
  [P in (typeof LETTER_NEEDS)[K][number]]-?: NonNullable<LetterFacts[P]>;
};

export interface Letter {
  subject: string;
  body: string;
}

/** One language's wording of every kind of letter. */
export type LetterWording = { [K in LetterKind]: (facts: FactsFor<K>) => Letter };

export class MissingLetterFactsError extends Error {
  constructor(
    readonly kind: LetterKind,
    readonly language: Language,
    readonly missing: LetterFactName[],
  ) {
    super(`A ${kind} letter needs ${missing.join(', ')}`);
  }
}
