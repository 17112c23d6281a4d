import { DUPLICATE_SIMILARITY_THRESHOLD, fingerprintSimilarity } from '@redress/domain';
import { comparableLengths } from './intake-store';

/** A sorted fingerprint of `size` hashes, `shared` of them taken from the start of `base`. */
function fingerprintOf(base: number[], size: number, shared: number): number[] {
  const own = Array.from({ length: size - shared }, (_, i) => 1_000_000 + i);
  return [...base.slice(0, shared), ...own].sort((a, b) => a - b);
}

describe('comparableLengths', () => {
  it('never leaves out a fingerprint that could reach the threshold', () => {
    for (let mine = 0; mine <= 60; mine++) {
      const base = Array.from({ length: mine }, (_, i) => i);
      const [low, high] = comparableLengths(mine);
      for (let other = 0; other <= 130; other++) {
        // The best case for `other`: as many hashes in common as the shorter one has.
        const best = fingerprintSimilarity(base, fingerprintOf(base, other, Math.min(mine, other)));
        const kept = other >= low && other <= high;
        if (best >= DUPLICATE_SIMILARITY_THRESHOLD) expect({ mine, other, kept }).toEqual({ mine, other, kept: true });
      }
    }
  });

  it('leaves out fingerprints less than half or more than twice as long', () => {
    expect(comparableLengths(174)).toEqual([87, 348]);
    expect(comparableLengths(0)).toEqual([0, 0]);
    expect(comparableLengths(3, 0.3)).toEqual([0, 10]);
  });
});
