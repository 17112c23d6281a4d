import type { Complaint } from '@redress/complaints';
import { type Language, type Letter, type LetterFactName, type LetterKind, MissingLetterFactsError, renderLetter } from '@redress/domain';
import { ProblemException, ValidationProblem } from '@redress/http';
import type { PreviewCommunicationDto } from './communications.dto';
import type { LetterSchedule } from './letter-schedule';

export const LETTER_FACTS_MISSING = 'urn:redress:problem:letter-facts-missing';

/** Facts the request carries, by the field that carries them; the rest come from the complaint. */
const REQUEST_FIELDS: Partial<Record<LetterFactName, keyof PreviewCommunicationDto>> = {
  delayReason: 'reason',
  newExpectedAt: 'newExpectedAt',
  requestedInformation: 'requestedInformation',
};

/** What to do about a fact the complaint lacks, for the officer reading the 409. */
const COMPLAINT_FACT_HINTS: Partial<Record<LetterFactName, string>> = {
  dueAt: 'no response deadline runs on the complaint',
  outcome: 'record the decision with the resolve action first',
  summary: 'record the decision with the resolve action first',
  jurisdiction: 'the complaint has no jurisdiction, so the regulator cannot be named',
};

/**
 * The letter for a complaint, dated `date`, in the customer's preferred language. A missing fact
 * the caller should have sent is a 400 naming its field; one the complaint does not have yet (no
 * decision, no deadline) is a 409 listing `missingFacts`.
 */
export function renderComplaintLetter(
  kind: LetterKind,
  complaint: Complaint,
  schedule: LetterSchedule,
  request: PreviewCommunicationDto,
  date: Date,
): Letter & { language: Language } {
  const language = complaint.customer.preferredLanguage;
  try {
    const letter = renderLetter(kind, language, {
      date,
      timeZone: schedule.timeZone,
      reference: complaint.reference,
      customerName: complaint.customer.name,
      receivedAt: new Date(complaint.receivedAt),
      dueAt: schedule.answerDueAt,
      jurisdiction: complaint.jurisdiction,
      delayReason: request.reason,
      newExpectedAt: request.newExpectedAt ? new Date(request.newExpectedAt) : undefined,
      requestedInformation: request.requestedInformation,
      outcome: complaint.resolution?.outcome,
      summary: complaint.resolution?.summary,
      redress: complaint.resolution?.redress ?? null,
    });
    return { ...letter, language };
  } catch (error) {
    if (error instanceof MissingLetterFactsError) throw missingFactsProblem(error);
    throw error;
  }
}

function missingFactsProblem(error: MissingLetterFactsError): ProblemException {
  const fields = error.missing.flatMap((fact) => REQUEST_FIELDS[fact] ?? []);
  if (fields.length > 0) {
    return new ValidationProblem(fields.map((field) => ({ field, messages: [`${field} is required for a ${error.kind} letter`] })));
  }
  const hints = [...new Set(error.missing.map((fact) => COMPLAINT_FACT_HINTS[fact] ?? `the complaint has no ${fact}`))];
  return new ProblemException(
    409,
    LETTER_FACTS_MISSING,
    'The complaint lacks what this letter must say',
    `A ${error.kind} letter needs ${error.missing.join(', ')}: ${hints.join('; ')}`,
    { missingFacts: error.missing },
  );
}
