import type { Channel } from '../complaint/channel';
import type { PriorityLevel } from '../complaint/priority';

/**
 * Which complaints a policy is for. A criterion left out matches anything; a stated one must hold,
 * so an empty list matches nothing.
 */
export interface PolicyCriteria {
  readonly jurisdictions?: readonly string[];
  readonly channels?: readonly Channel[];
  readonly categories?: readonly string[];
  readonly priorities?: readonly PriorityLevel[];
  readonly vulnerable?: boolean;
}

/** What the matcher knows of a complaint; the jurisdiction is an ISO 3166 alpha-2 code. */
export interface MatchFacts {
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

export interface PolicyMatch<C extends PolicyCandidate = PolicyCandidate> {
  readonly candidate: C;
  /** Why this policy applies, in words, for the complaint's record. */
  readonly reason: string;
}

/** Complaints store the reason in a column of this width. */
export const MATCH_REASON_MAX_LENGTH = 500;

/** EU and EEA states, where PSD2 art. 101 governs complaints about payment services. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
];

/**
 * Which complaints each regulator's preset is for. PSD2 covers payment services only, so an EU
 * complaint about a mortgage falls through to a bank's own policy or the default.
 */
export const PRESET_CRITERIA: Readonly<Record<string, PolicyCriteria>> = {
  CN_NFRA_2020: { jurisdictions: ['CN'] },
  UK_FCA_DISP: { jurisdictions: ['GB'] },
  EU_PSD2: { jurisdictions: EEA_COUNTRIES, categories: ['payments'] },
  US_CFPB: { jurisdictions: ['US'] },
  AU_ASIC_RG271: { jurisdictions: ['AU'] },
};

type Criterion = keyof PolicyCriteria;

// The order in which a reason lists the criteria that held.
const CHECKS: Readonly<Record<Criterion, (criteria: PolicyCriteria, facts: MatchFacts) => string | null>> = {
  jurisdictions: (c, f) => {
    const jurisdiction = f.jurisdiction.toUpperCase();
    return c.jurisdictions?.some((code) => code.toUpperCase() === jurisdiction) ? `jurisdiction ${jurisdiction}` : null;
  },
  channels: (c, f) => (c.channels?.includes(f.channel) ? `channel ${f.channel}` : null),
  categories: (c, f) => (f.category !== null && c.categories?.includes(f.category) ? `category ${f.category}` : null),
  priorities: (c, f) => (c.priorities?.includes(f.priority) ? `priority ${f.priority}` : null),
  vulnerable: (c, f) => (c.vulnerable === f.vulnerable ? (f.vulnerable ? 'vulnerable customer' : 'customer not vulnerable') : null),
};

function clip(reason: string): string {
  return reason.length <= MATCH_REASON_MAX_LENGTH ? reason : `${reason.slice(0, MATCH_REASON_MAX_LENGTH - 1)}…`;
}

/**
 * The policy for a complaint: among those whose every stated criterion holds, the one stating the
 * most criteria (the most specific). Ties go to the bank's own policy over a built-in preset (a
 * bank narrowing a regulator's rule for itself means it), then to the lower code, so the choice
 * never depends on storage order. Null when nothing matches.
 */
export function matchPolicy<C extends PolicyCandidate>(candidates: readonly C[], facts: MatchFacts): PolicyMatch<C> | null {
  let best: { candidate: C; reasons: string[] } | null = null;
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
  return { candidate: best.candidate, reason: clip(`${best.candidate.code}: ${why}`) };
}

/**
 * matchPolicy, falling back to the candidate coded `defaultCode` when nothing matches. Null only
 * when nothing matches and no candidate has that code.
 */
export function choosePolicy<C extends PolicyCandidate>(candidates: readonly C[], facts: MatchFacts, defaultCode: string): PolicyMatch<C> | null {
  const matched = matchPolicy(candidates, facts);
  if (matched) return matched;
  const fallback = candidates.find((candidate) => candidate.code === defaultCode);
  return fallback ? { candidate: fallback, reason: clip(`default policy ${defaultCode}: no policy's criteria matched`) } : null;
}

function better(a: PolicyCandidate, aSpecificity: number, b: PolicyCandidate, bSpecificity: number): boolean {
  if (aSpecificity !== bSpecificity) return aSpecificity > bSpecificity;
  if (a.builtin !== b.builtin) return !a.builtin;
  return a.code < b.code;
}
