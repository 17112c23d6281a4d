import type { ResolutionOutcome } from '../workflow/workflow-complaint';
import type { FactsFor, Letter, LetterFacts, LetterWording } from './letter-facts';
import { formatLetterDate, formatMoney } from './letter-format';
import { referralParagraph, type ReferralStage } from './regulator-referral';

const SIGN_OFF = 'Yours sincerely,\nCustomer Complaints Team';

const OUTCOME: Record<ResolutionOutcome, string> = {
  upheld: 'Having investigated your complaint, we have upheld it.',
  partially_upheld: 'Having investigated your complaint, we have upheld it in part.',
  not_upheld: 'Having investigated your complaint, we have not upheld it.',
};

export const ENGLISH_LETTERS: LetterWording = {
  acknowledgement: (f) =>
    letter(`We have received your complaint – reference ${f.reference}`, f, [
      `We received your complaint on ${date(f, f.receivedAt)} and have registered it under reference ${f.reference}. ` +
        'Please quote this reference whenever you contact us about it.',
      `We are looking into it and will send you our response by ${date(f, f.dueAt)}. If we need more information from you, we will be in touch.`,
    ]),
  information_request: (f) =>
    letter(`We need some information about your complaint – reference ${f.reference}`, f, [
      `To continue looking into the complaint you made on ${date(f, f.receivedAt)} (reference ${f.reference}), we need the following from you:`,
      f.requestedInformation,
      `Please quote reference ${f.reference} when you reply.`,
    ]),
  holding_reply: (f) =>
    letter(`An update on your complaint – reference ${f.reference}`, f, [
      `We are writing about the complaint you made on ${date(f, f.receivedAt)} (reference ${f.reference}). We are sorry that we have not yet ` +
        `been able to give you our final response${f.dueAt ? `, which we expected to send by ${date(f, f.dueAt)}` : ''}.`,
      `Why it is taking longer: ${f.delayReason}`,
      `We now expect to send you our final response by ${date(f, f.newExpectedAt)}.`,
      referral(f, 'pending'),
    ]),
  final_response: (f) =>
    letter(`Our final response to your complaint – reference ${f.reference}`, f, [
      `Thank you for your patience while we looked into the complaint you made on ${date(f, f.receivedAt)} (reference ${f.reference}). ` +
        'This letter is our final response.',
      ...decision(f),
      referral(f, 'final'),
    ]),
  summary_resolution: (f) =>
    letter(`Your complaint has been resolved – reference ${f.reference}`, f, [
      `Thank you for raising your complaint with us on ${date(f, f.receivedAt)} (reference ${f.reference}). We are pleased that we have been able ` +
        'to resolve it.',
      ...decision(f),
      referral(f, 'final'),
    ]),
};

function letter(subject: string, f: LetterFacts & { customerName: string }, paragraphs: string[]): Letter {
  return { subject, body: [`Dear ${f.customerName},`, ...paragraphs, SIGN_OFF].join('\n\n') };
}

function date(f: LetterFacts, instant: Date): string {
  return formatLetterDate('en', instant, f.timeZone);
}

function decision(f: FactsFor<'final_response'>): string[] {
  return [OUTCOME[f.outcome], f.summary, ...(f.redress ? [`As redress, we will pay you ${formatMoney('en', f.redress)}.`] : [])];
}

function referral(f: LetterFacts & { jurisdiction: string; receivedAt: Date }, stage: ReferralStage): string {
  return referralParagraph('en', { jurisdiction: f.jurisdiction, stage, date: f.date, receivedAt: f.receivedAt, timeZone: f.timeZone });
}
