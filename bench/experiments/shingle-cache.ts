/**
 * EXPERIMENT (opt-in, `--experiment shingle-cache`): what intake would cost if each complaint's
 * shingle set were computed once (e.g. stored as a fingerprint column at intake) instead of being
 * re-derived from the description text of every one of the customer's earlier complaints (up to 50)
 * on every new complaint. Simulated by memoising shingles() per description text; the comparison
 * itself (window, Jaccard, threshold, best match) is findPossibleDuplicate()'s, unchanged.
 *
 * Preloaded with node -r into the benchmark's servers only; it changes no file of the service.
 */
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const similarity = require(join(__dirname, '../../libs/domain/src/complaint/similarity')) as typeof import('@redress/domain');

const { shingles, jaccard, DUPLICATE_WINDOW_DAYS, DUPLICATE_SIMILARITY_THRESHOLD } = similarity;
const cache = new Map<string, Set<string>>();
const LIMIT = 20_000;

function cachedShingles(text: string): Set<string> {
  let set = cache.get(text);
  if (!set) {
    set = shingles(text);
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(text, set);
  }
  return set;
}

(similarity as { findPossibleDuplicate: typeof similarity.findPossibleDuplicate }).findPossibleDuplicate = (
  description,
  receivedAt,
  candidates,
  threshold = DUPLICATE_SIMILARITY_THRESHOLD,
) => {
  const windowMs = DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000;
  const mine = cachedShingles(description);
  let best: { id: string; similarity: number } | undefined;
  for (const candidate of candidates) {
    if (Math.abs(candidate.receivedAt.getTime() - receivedAt.getTime()) > windowMs) continue;
    const value = jaccard(mine, cachedShingles(candidate.description));
    if (value >= threshold && (!best || value > best.similarity)) best = { id: candidate.id, similarity: value };
  }
  return best;
};
