/**
 * Near-duplicate detection for complaint descriptions in Chinese or English.
 *
 * Text is normalised (case, width, punctuation, masked digits), then cut into shingles: character
 * bigrams for CJK runs (Chinese has no spaces) and word bigrams for everything else. Two texts are
 * near duplicates when the Jaccard similarity of their shingle sets reaches the threshold; a
 * customer resubmitting through a second channel typically rewords a little, so exact matching
 * would miss most of them.
 */
export const DUPLICATE_WINDOW_DAYS = 30;
export const DUPLICATE_SIMILARITY_THRESHOLD = 0.6;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/x{2,}/g, ' ')
    .replace(/[0-9]+/g, '0')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  const normalized = normalizeText(text);
  const words: string[] = [];
  for (const token of normalized.split(' ')) {
    if (!token) continue;
    let latin = '';
    for (const ch of token) {
      if (CJK.test(ch)) {
        if (latin) {
          words.push(latin);
          latin = '';
        }
        words.push(ch);
      } else {
        latin += ch;
      }
    }
    if (latin) words.push(latin);
  }
  if (words.length === 1) out.add(words[0]);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let intersection = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) intersection++;
  return intersection / (a.size + b.size - intersection);
}

export function descriptionSimilarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}

export interface DuplicateCandidate {
  id: string;
  description: string;
  receivedAt: Date;
}

/** The most similar earlier complaint within the window, if any reaches the threshold. */
export function findPossibleDuplicate(
  description: string,
  receivedAt: Date,
  candidates: readonly DuplicateCandidate[],
  threshold = DUPLICATE_SIMILARITY_THRESHOLD,
): { id: string; similarity: number } | undefined {
  const windowMs = DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000;
  const mine = shingles(description);
  let best: { id: string; similarity: number } | undefined;
  for (const candidate of candidates) {
    if (Math.abs(candidate.receivedAt.getTime() - receivedAt.getTime()) > windowMs) continue;
    const similarity = jaccard(mine, shingles(candidate.description));
    if (similarity >= threshold && (!best || similarity > best.similarity)) {
      best = { id: candidate.id, similarity };
    }
  }
  return best;
}

/** The language a description is written in: Chinese when CJK characters dominate the letters. */
export function detectLanguage(text: string): 'zh' | 'en' {
  let cjk = 0;
  let latinWords = 0;
  for (const ch of text) if (CJK.test(ch)) cjk++;
  latinWords = (text.match(/[A-Za-z]+/g) ?? []).length;
  return cjk > latinWords ? 'zh' : 'en';
}
