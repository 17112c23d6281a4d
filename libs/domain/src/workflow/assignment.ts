import type { Language } from '../complaint/channel';

export const AUTO_ASSIGN_MODES = ['off', 'round_robin', 'least_loaded'] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

export interface TeamAssignmentConfig {
  mode: AutoAssignMode;
  /** The staff id round-robin assigned last; persisted by the caller. */
  roundRobinCursor: string | null;
}

export interface AssignmentCase {
  /** Null while uncategorised: any skill set will do until triage says otherwise. */
  category: string | null;
  language: Language;
}

/**
 * A team member with their current load. No skills listed means a generalist who takes any
 * category (as the staff register records them); no languages listed means none is matched,
 * because a customer must never be given an officer who cannot read their complaint.
 */
export interface AssignmentCandidate {
  staffId: string;
  active: boolean;
  skills: readonly string[];
  languages: readonly string[];
  /** The most open cases this person may hold at once. */
  capacity: number;
  openCases: number;
  lastAssignedAt: Date | null;
}

export type RejectionReason = 'inactive' | 'skill' | 'language' | 'capacity';

export type AssignmentResult =
  | { ok: true; staffId: string; roundRobinCursor: string | null }
  | { ok: false; reason: 'auto_assign_off' }
  | { ok: false; reason: 'no_eligible_candidate'; rejected: { staffId: string; reasons: RejectionReason[] }[] };

/**
 * Picks who gets a new complaint, or says why nobody does (listing each candidate's reasons, so a
 * supervisor can see whether to raise a capacity or add a skill). On success `roundRobinCursor`
 * is the value to store for the team: the chosen id under round-robin, unchanged otherwise.
 */
export function chooseAssignee(
  team: TeamAssignmentConfig,
  complaint: AssignmentCase,
  candidates: readonly AssignmentCandidate[],
): AssignmentResult {
  if (team.mode === 'off') return { ok: false, reason: 'auto_assign_off' };
  const assessed = candidates.map((candidate) => ({ candidate, reasons: rejectionReasons(candidate, complaint) }));
  const eligible = assessed.filter((a) => a.reasons.length === 0).map((a) => a.candidate);
  if (eligible.length === 0) {
    const rejected = assessed.map((a) => ({ staffId: a.candidate.staffId, reasons: a.reasons }));
    return { ok: false, reason: 'no_eligible_candidate', rejected };
  }

  if (team.mode === 'round_robin') {
    const staffId = nextInRotation(eligible.map((candidate) => candidate.staffId), team.roundRobinCursor);
    return { ok: true, staffId, roundRobinCursor: staffId };
  }
  const [chosen] = [...eligible].sort(leastLoadedFirst);
  return { ok: true, staffId: chosen.staffId, roundRobinCursor: team.roundRobinCursor };
}

function rejectionReasons(candidate: AssignmentCandidate, complaint: AssignmentCase): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  if (!candidate.active) reasons.push('inactive');
  if (complaint.category !== null && candidate.skills.length > 0 && !candidate.skills.includes(complaint.category)) {
    reasons.push('skill');
  }
  if (!candidate.languages.includes(complaint.language)) reasons.push('language');
  if (candidate.openCases >= candidate.capacity) reasons.push('capacity');
  return reasons;
}

/**
 * The rotation runs in staff-id order, not list order, so it does not depend on how the caller
 * read the team; the cursor need not be eligible (or still exist) for the next one to follow it.
 */
function nextInRotation(staffIds: string[], cursor: string | null): string {
  const ordered = [...staffIds].sort();
  return ordered.find((id) => cursor === null || id > cursor) ?? ordered[0];
}

/** Fewest open cases; then whoever waited longest for a case (never assigned first); then id. */
function leastLoadedFirst(a: AssignmentCandidate, b: AssignmentCandidate): number {
  if (a.openCases !== b.openCases) return a.openCases - b.openCases;
  const waitedA = a.lastAssignedAt?.getTime() ?? -Infinity;
  const waitedB = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (waitedA !== waitedB) return waitedA < waitedB ? -1 : 1;
  return a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0;
}
