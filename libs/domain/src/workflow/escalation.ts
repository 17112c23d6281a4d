export type LadderTarget =
  | { kind: 'assignee' }
  | { kind: 'team_supervisor' }
  | { kind: 'manager' }
  | { kind: 'head_of_complaints' }
  | { kind: 'staff'; staffIds: readonly string[] };

export interface LadderLevel {
  /** Milliseconds after the breach at which this level is alerted, unless a lower level acknowledged. */
  delayAfterBreach: number;
  target: LadderTarget;
}

/** Who fills each role for this complaint; null where nobody does (an unassigned case, a vacant post). */
export interface EscalationOrg {
  assigneeId: string | null;
  teamSupervisorId: string | null;
  managerId: string | null;
  headOfComplaintsId: string | null;
}

const HOUR_MS = 60 * 60 * 1000;

/** Officer → team supervisor → manager → head of complaints; a starting point for configuration. */
export const DEFAULT_ESCALATION_LADDER: readonly LadderLevel[] = [
  { delayAfterBreach: 0, target: { kind: 'assignee' } },
  { delayAfterBreach: 4 * HOUR_MS, target: { kind: 'team_supervisor' } },
  { delayAfterBreach: 24 * HOUR_MS, target: { kind: 'manager' } },
  { delayAfterBreach: 72 * HOUR_MS, target: { kind: 'head_of_complaints' } },
];

/** `level` is the 1-based position on the ladder, kept when levels before it are skipped. */
export interface ScheduledEscalationLevel {
  level: number;
  dueAt: Date;
  recipients: string[];
}

export interface EscalationSchedule {
  breachedAt: Date;
  levels: ScheduledEscalationLevel[];
  /** Levels left out: nobody fills the role, or everyone in it was alerted at a lower level. */
  skipped: { level: number; reason: 'no_recipient' | 'already_alerted' }[];
}

/** Throws, naming every problem, for a ladder that could alert nobody or climb out of order. */
export function validateEscalationLadder(ladder: readonly LadderLevel[]): void {
  const problems: string[] = [];
  if (ladder.length === 0) problems.push('the ladder has no levels');
  ladder.forEach((step, index) => {
    const level = index + 1;
    if (!Number.isSafeInteger(step.delayAfterBreach) || step.delayAfterBreach < 0) {
      problems.push(`level ${level}: delayAfterBreach must be a whole number of milliseconds ≥ 0`);
    } else if (index > 0 && step.delayAfterBreach < ladder[index - 1].delayAfterBreach) {
      problems.push(`level ${level}: delayAfterBreach is shorter than level ${index}'s`);
    }
    if (step.target.kind === 'staff' && step.target.staffIds.length === 0) problems.push(`level ${level}: names no staff`);
  });
  if (problems.length > 0) throw new Error(`Invalid escalation ladder: ${problems.join('; ')}`);
}

/**
 * Resolves each level to people and a due time. A person is alerted once, at the lowest level that
 * names them (a supervisor handling a case is not alerted again as supervisor), and a level that
 * adds nobody is skipped rather than stopping the climb.
 */
export function resolveEscalation(
  ladder: readonly LadderLevel[],
  org: EscalationOrg,
  breachedAt: Date,
): EscalationSchedule {
  validateEscalationLadder(ladder);
  const alerted = new Set<string>();
  const schedule: EscalationSchedule = { breachedAt, levels: [], skipped: [] };
  ladder.forEach((step, index) => {
    const level = index + 1;
    const named = [...new Set(recipientsOf(step.target, org))];
    const recipients = named.filter((id) => !alerted.has(id));
    if (recipients.length === 0) {
      schedule.skipped.push({ level, reason: named.length === 0 ? 'no_recipient' : 'already_alerted' });
      return;
    }
    recipients.forEach((id) => alerted.add(id));
    schedule.levels.push({ level, dueAt: new Date(breachedAt.getTime() + step.delayAfterBreach), recipients });
  });
  return schedule;
}

function recipientsOf(target: LadderTarget, org: EscalationOrg): string[] {
  switch (target.kind) {
    case 'assignee':
      return present([org.assigneeId]);
    case 'team_supervisor':
      return present([org.teamSupervisorId]);
    case 'manager':
      return present([org.managerId]);
    case 'head_of_complaints':
      return present([org.headOfComplaintsId]);
    case 'staff':
      return present(target.staffIds);
  }
}

function present(ids: readonly (string | null)[]): string[] {
  return ids.filter((id): id is string => id !== null && id !== '');
}

export interface EscalationPosition {
  /** The level that should have been alerted by now, or null before the first is due. */
  level: ScheduledEscalationLevel | null;
  /** When to look again: the next level's due time, or null once acknowledged or at the top. */
  recheckAt: Date | null;
}

/**
 * How far the alert has climbed at `now`. Each level is due at its own delay after the breach, and
 * the climb stops at the first level someone acknowledged: an alert nobody acknowledged before the
 * next level fell due goes up. The caller alerts `level` if it has not already, and schedules a
 * check at `recheckAt`.
 */
export function nextLevel(schedule: EscalationSchedule, ackedLevels: readonly number[], now: Date): EscalationPosition {
  let current: ScheduledEscalationLevel | null = null;
  for (const scheduled of schedule.levels) {
    if (scheduled.dueAt > now) return { level: current, recheckAt: scheduled.dueAt };
    current = scheduled;
    if (ackedLevels.includes(scheduled.level)) return { level: current, recheckAt: null };
  }
  return { level: current, recheckAt: null };
}
