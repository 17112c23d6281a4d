import type { Channel } from '../complaint/channel';
import type { PriorityLevel } from '../complaint/priority';

/** Which complaints a policy is for; a criterion left out matches anything. */
export interface PolicyCriteria {
  readonly jurisdictions?: readonly string[];
  readonly channels?: readonly Channel[];
  readonly categories?: readonly string[];
  readonly priorities?: readonly PriorityLevel[];
  readonly vulnerable?: boolean;
}

export interface PolicyFacts {
  readonly jurisdiction: string;
  readonly channel: Channel;
  readonly category: string | null;
  readonly priority: PriorityLevel;
  readonly vulnerable: boolean;
}

export interface PolicyCandidate {
  readonly code: string;
  readonly criteria: PolicyCriteria;
  /** Built-in presets yield to a bank's own policies of equal specificity. */
  readonly builtin: boolean;
}

export interface PolicyMatch {
  readonly code: string;
  readonly reason: string;
}

type Criterion = keyof PolicyCriteria;

const CHECKS: Readonly<Record<Criterion, (criteria: PolicyCriteria, facts: PolicyFacts) => string | null>> = {
  jurisdictions: (c, f) => (c.jurisdictions?.includes(f.jurisdiction) ? `jurisdiction ${f.jurisdiction}` : null),
  channels: (c, f) => (c.channels?.includes(f.channel) ? `channel ${f.channel}` : null),
  categories: (c, f) => (f.category !== null && c.categories?.includes(f.category) ? `category ${f.category}` : null),
  priorities: (c, f) => (c.priorities?.includes(f.priority) ? `priority ${f.priority}` : null),
  vulnerable: (c, f) => (c.vulnerable === f.vulnerable ? (f.vulnerable ? 'vulnerable customer' : 'customer not vulnerable') : null),
};

/**
 * The policy for a complaint: among those whose every stated criterion holds, the one stating the
 * most criteria (the most specific); ties go to the bank's own policy over a built-in preset, then
 * to the lower code, so the choice never depends on storage order. Null when nothing matches.
 */
export function matchPolicy(candidates: readonly PolicyCandidate[], facts: PolicyFacts): PolicyMatch | null {
  let best: { candidate: PolicyCandidate; reasons: string[] } | null = null;
  for (const candidate of candidates) {
    const stated = (Object.keys(CHECKS) as Criterion[]).filter((key) => candidate.criteria[key] !== undefined);
    const reasons = stated.map((key) => CHECKS[key](candidate.criteria, facts));
    if (reasons.some((reason) => reason === null)) continue;
    if (!best || better(candidate, stated.length, best.candidate, best.reasons.length)) {
      best = { candidate, reasons: reasons as string[] };
    }
  }
  if (!best) return null;
  const why = best.reasons.length === 0 ? 'applies to every complaint' : best.reasons.join(', ');
  return { code: best.candidate.code, reason: `${best.candidate.code}: ${why}` };
}

function better(a: PolicyCandidate, aSpecificity: number, b: PolicyCandidate, bSpecificity: number): boolean {
  if (aSpecificity !== bSpecificity) return aSpecificity > bSpecificity;
  if (a.builtin !== b.builtin) return !a.builtin;
  return a.code < b.code;
}
