import type { SlaClockState } from './clock-state';
import { milestoneStatus, type WakeUp } from './milestone-status';
import type { EscalationTarget } from './policy';

/** Who fills each role on the escalation ladder for one complaint; null where the post is empty. */
export interface AlertOrg {
  assigneeId: string | null;
  teamSupervisorId: string | null;
  managerId: string | null;
  headOfComplaintsId: string | null;
}

export type AlertDraftKind = 'warning' | 'breach' | 'escalation';

export interface AlertDraft {
  milestone: string;
  kind: AlertDraftKind;
  level: number | null;
  fraction: number | null;
  /** Unique with the complaint and clock version: the same threshold is never alerted twice. */
  key: string;
  recipients: string[];
  dueAt: Date;
  thresholdAt: Date;
}

/** Why a wake-up raised no alert; recorded on the timeline so a silent ladder can be explained. */
export interface AlertSkip {
  milestone: string;
  key: string;
  reason: 'not_mandatory' | 'no_recipient' | 'acknowledged';
}

export interface AlertPlan {
  alerts: AlertDraft[];
  skipped: AlertSkip[];
}

/**
 * Turns owed wake-ups into alerts. Warnings and the breach go to the officer handling the case, or
 * to the team supervisor while nobody does. Escalation levels go to the ladder's target, and the
 * climb stops once anyone acknowledged the breach or a lower escalation of that milestone: an
 * acknowledged alert means someone is acting, and waking the next rung would only add noise.
 */
export function planAlerts(
  state: SlaClockState,
  wakeUps: readonly WakeUp[],
  org: AlertOrg,
  acknowledgedMilestones: ReadonlySet<string>,
): AlertPlan {
  const plan: AlertPlan = { alerts: [], skipped: [] };
  const handler = present([org.assigneeId ?? org.teamSupervisorId]);
  for (const wakeUp of wakeUps) {
    const status = milestoneStatus(state, wakeUp.milestone, wakeUp.at);
    const dueAt = status.dueAt ?? wakeUp.at;
    const base = { milestone: wakeUp.milestone, dueAt, thresholdAt: wakeUp.at };
    if (wakeUp.kind === 'warning') {
      const key = `${wakeUp.milestone}:warning:${wakeUp.fraction}`;
      add(plan, { ...base, kind: 'warning', level: null, fraction: wakeUp.fraction ?? null, key, recipients: handler });
    } else if (wakeUp.kind === 'due') {
      const key = `${wakeUp.milestone}:breach`;
      if (!status.mandatory) plan.skipped.push({ milestone: wakeUp.milestone, key, reason: 'not_mandatory' });
      else add(plan, { ...base, kind: 'breach', level: null, fraction: null, key, recipients: handler });
    } else {
      const key = `${wakeUp.milestone}:escalation:${wakeUp.level}`;
      const level = state.policy.escalation.find((candidate) => candidate.level === wakeUp.level);
      if (acknowledgedMilestones.has(wakeUp.milestone)) {
        plan.skipped.push({ milestone: wakeUp.milestone, key, reason: 'acknowledged' });
      } else {
        const recipients = level ? recipientsOf(level.target, org) : [];
        add(plan, { ...base, kind: 'escalation', level: wakeUp.level ?? null, fraction: null, key, recipients });
      }
    }
  }
  return plan;
}

function add(plan: AlertPlan, draft: AlertDraft): void {
  if (draft.recipients.length === 0) plan.skipped.push({ milestone: draft.milestone, key: draft.key, reason: 'no_recipient' });
  else plan.alerts.push(draft);
}

function recipientsOf(target: EscalationTarget, org: AlertOrg): string[] {
  if (typeof target === 'object') return present(target.staffIds);
  switch (target) {
    case 'assignee':
      return present([org.assigneeId]);
    case 'team_supervisor':
      return present([org.teamSupervisorId]);
    case 'manager':
      return present([org.managerId]);
    case 'head_of_complaints':
      return present([org.headOfComplaintsId]);
  }
}

function present(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null && id !== ''))];
}
