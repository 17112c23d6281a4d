import type { Language } from '../complaint/channel';
import { LETTER_NEEDS, type Letter, type LetterFacts, type LetterFactName, MissingLetterFactsError } from './letter-facts';
import type { LetterKind } from './letter-kinds';
import { ENGLISH_LETTERS } from './letter-wording-en';
import { CHINESE_LETTERS } from './letter-wording-zh';

/**
 * The letter of `kind` in the customer's language, filled with the complaint's facts. A letter
 * that would go out with a blank where a date or the decision belongs is refused instead, naming
 * every fact it lacks.
 */
export function renderLetter(kind: LetterKind, language: Language, facts: LetterFacts): Letter {
  const needs: readonly LetterFactName[] = LETTER_NEEDS[kind];
  const missing = needs.filter((name) => isBlank(facts[name]));
  if (missing.length > 0) throw new MissingLetterFactsError(kind, language, missing);
  const wording = language === 'zh' ? CHINESE_LETTERS : ENGLISH_LETTERS;
  // Every need was checked just above, which is what the kind's FactsFor type promises.
  return (wording[kind] as (facts: LetterFacts) => Letter)(facts);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
