/**
 * What duplicate detection costs per intake: the new description's fingerprint() and its comparison
 * with the stored fingerprints of up to HISTORY_LIMIT = 50 of the customer's earlier complaints,
 * beside the same comparison on shingle sets. Measured on the CFPB narratives the intake benchmark sends.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/micro/similarity.micro.ts
 */
import { detectLanguage, findPossibleDuplicate, fingerprint, jaccard, shingles } from '@redress/domain';
import { loadCfpbSample } from '../lib/complaints';

const sample = loadCfpbSample(`${__dirname}/../..`);
const texts = sample.narratives.map((r) => r['Consumer complaint narrative'].slice(0, 20_000));
const now = new Date();

function time(label: string, iterations: number, work: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(iterations, 200); i++) work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) work(i);
  const us = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label}: ${us.toFixed(1)} µs`);
  return us;
}

const avgChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
console.log(`${texts.length} narratives, ${avgChars.toFixed(0)} characters on average`);
time('shingles() of one narrative', 5000, (i) => shingles(texts[i % texts.length]));
time('fingerprint() of one narrative (what intake computes)', 5000, (i) => fingerprint(texts[i % texts.length]));
time('detectLanguage() of one narrative', 5000, (i) => detectLanguage(texts[i % texts.length]));
for (const n of [5, 20, 50]) {
  const candidates = (i: number) =>
    Array.from({ length: n }, (_, k) => ({ id: String(k), fingerprint: fingerprint(texts[(i + 7 * k + 1) % texts.length]), receivedAt: now }));
  const sets = (i: number) => Array.from({ length: n }, (_, k) => shingles(texts[(i + 7 * k + 1) % texts.length]));
  const prepared = Array.from({ length: 64 }, (_, i) => ({ c: candidates(i), s: sets(i) }));
  time(`findPossibleDuplicate() with ${n} stored fingerprints (as intake does it)`, Math.ceil(20_000 / n), (i) => findPossibleDuplicate(fingerprint(texts[i % texts.length]), now, prepared[i % 64].c));
  time(`same with the candidates' shingle sets precomputed`, Math.ceil(20_000 / n), (i) => {
    const mine = shingles(texts[i % texts.length]);
    let best = 0;
    for (const s of prepared[i % 64].s) best = Math.max(best, jaccard(mine, s));
    return best;
  });
}

// The worst case the service allows: 50 candidates, each among the longest narratives (up to 20,000 characters).
const longest = [...texts].sort((a, b) => b.length - a.length).slice(0, 50);
console.log(`50 longest narratives: ${Math.round(longest.reduce((a, t) => a + t.length, 0) / 50)} characters on average`);
time(
  'findPossibleDuplicate() with the 50 longest narratives as candidates (event loop blocked this long)',
  20,
  (i) => findPossibleDuplicate(fingerprint(longest[i % 50]), now, longest.map((description, k) => ({ id: String(k), fingerprint: fingerprint(description), receivedAt: now }))),
);
