import { DurationError, nominalMillis, parseDuration, SlaDuration } from './duration';

/**
 * How a milestone's allowance is counted from its start (receipt, or a restart):
 *
 *  - `calendar`: due = start + duration, with weeks/days added on the calendar zone's wall clock
 *    (P15D from 10:00 is 10:00 fifteen days later, across a DST change too) and the time part as
 *    elapsed time. With `rollForwardToWorkingDay`, a due instant whose local date is not a working
 *    day moves to close of business on the next working day.
 *  - `business_days` (PnD only): due at close of business on the n-th working day after the day of
 *    receipt; received on a non-working day or at/after closing, the next working day is the day
 *    of receipt (FCA DISP 1.5 / 1.6, PSD2 art. 101).
 *  - `business_time` (PTnHnMnS only): due once that much working time has passed.
 *
 * Paused time is credited in the milestone's own counting: elapsed time for `calendar`, working
 * time for the business countings.
 */
export type Counting = 'calendar' | 'business_days' | 'business_time';

export interface MilestoneRule {
  readonly key: string;
  readonly description: string;
  /** ISO 8601 duration, see ./duration. */
  readonly duration: string;
  readonly counting: Counting;
  /** Only with `calendar` counting: the business countings already end on a working day. */
  readonly rollForwardToWorkingDay?: boolean;
  /** Fractions of the allowance at which to warn; default [0.5, 0.75]. */
  readonly warnAt?: readonly number[];
  /**
   * False for a window rather than an obligation (FCA summary-resolution route, the customer's
   * NFRA review window): running past it is "lapsed", not a breach, and nobody is escalated.
   * Default true.
   */
  readonly mandatory?: boolean;
  /** Starts when that milestone is met instead of at receipt (e.g. a window after the decision). */
  readonly startsAfter?: string;
}

export type StaffRole = 'team_supervisor' | 'manager' | 'head_of_complaints';

export type EscalationTarget = 'assignee' | StaffRole | { readonly staffIds: readonly string[] };

export interface EscalationLevel {
  readonly level: number;
  /** ISO 8601, counted on the calendar's wall clock from the breached due instant. */
  readonly delayAfterBreach: string;
  readonly target: EscalationTarget;
}

/**
 * How far a milestone's allowance may be extended. A request picks the first step whose `upTo`
 * covers the new total; that step's `approverRoles`, when present, must include the approver's
 * role. Every extension needs a reason and a notice already sent to the customer, and must be
 * granted before the deadline in force passes (an extension cannot cure a breach).
 */
export interface ExtensionRule {
  readonly milestone: string;
  readonly steps: readonly ExtensionStep[];
  readonly source: string;
}

export interface ExtensionStep {
  /** The longest total allowance this step grants (ISO 8601, in the milestone's counting). */
  readonly upTo: string;
  readonly approverRoles?: readonly StaffRole[];
}

/** Which milestones a pause or restart with `reason` applies to, and the rule that allows it. */
export interface ClockRule {
  readonly reason: string;
  readonly milestones: readonly string[];
  readonly source: string;
}

/** A named alternative allowance chosen when the clock starts (e.g. ASIC superannuation: 45 days). */
export interface PolicyVariant {
  readonly key: string;
  readonly description: string;
  /** Milestone key → ISO 8601 duration replacing the policy's. */
  readonly durations: Readonly<Record<string, string>>;
  readonly source: string;
}

export interface SlaPolicy {
  readonly code: string;
  readonly name: string;
  readonly source: string;
  /** Id of the BusinessCalendar to count in, e.g. "CN", "GB-ENG". */
  readonly calendar: string;
  readonly milestones: readonly MilestoneRule[];
  readonly escalation: readonly EscalationLevel[];
  readonly extensions?: readonly ExtensionRule[];
  /** Reasons for which the clock may stop; a policy without them cannot be paused. */
  readonly pauses?: readonly ClockRule[];
  readonly restarts?: readonly ClockRule[];
  readonly variants?: readonly PolicyVariant[];
}

export const DEFAULT_WARN_AT: readonly number[] = [0.5, 0.75];

/** A milestone rule with the variant applied, the duration parsed and the defaults filled in. */
export interface ResolvedMilestone {
  readonly key: string;
  readonly duration: SlaDuration;
  readonly counting: Counting;
  readonly rollForwardToWorkingDay: boolean;
  readonly warnAt: readonly number[];
  readonly mandatory: boolean;
  readonly startsAfter: string | null;
}

/** Why `text` cannot be an allowance in `counting`, or null when it can. */
export function durationProblem(text: string, counting: Counting): string | null {
  let duration: SlaDuration;
  try {
    duration = parseDuration(text);
  } catch (error) {
    if (error instanceof DurationError) return error.message;
    throw error;
  }
  const hasTime = duration.hours + duration.minutes + duration.seconds > 0;
  if (counting === 'business_days' && (duration.weeks > 0 || hasTime)) {
    return `"${text}": business days are counted in whole days only (PnD)`;
  }
  if (counting === 'business_time' && duration.weeks + duration.days > 0) {
    return `"${text}": working time is stated in hours, minutes and seconds (PTnH); a working "day" has no fixed length`;
  }
  return null;
}

export function resolveMilestone(policy: SlaPolicy, key: string, variant: string | null): ResolvedMilestone | undefined {
  const rule = policy.milestones.find((milestone) => milestone.key === key);
  if (!rule) return undefined;
  const override = policy.variants?.find((candidate) => candidate.key === variant)?.durations[key];
  return {
    key,
    duration: parseDuration(override ?? rule.duration),
    counting: rule.counting,
    rollForwardToWorkingDay: rule.rollForwardToWorkingDay ?? false,
    warnAt: [...(rule.warnAt ?? DEFAULT_WARN_AT)].sort((a, b) => a - b),
    mandatory: rule.mandatory ?? true,
    startsAfter: rule.startsAfter ?? null,
  };
}

function milestoneProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  const keys = policy.milestones.map((milestone) => milestone.key);
  if (keys.length === 0) problems.push('a policy needs at least one milestone');
  const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
  if (duplicates.length > 0) problems.push(`duplicate milestone keys: ${duplicates.join(', ')}`);
  for (const milestone of policy.milestones) {
    const label = `milestone ${milestone.key}`;
    const problem = durationProblem(milestone.duration, milestone.counting);
    if (problem) problems.push(`${label}: ${problem}`);
    if (milestone.rollForwardToWorkingDay && milestone.counting !== 'calendar') {
      problems.push(`${label}: rollForwardToWorkingDay applies to calendar counting only`);
    }
    if ((milestone.warnAt ?? []).some((fraction) => !(fraction > 0 && fraction < 1))) {
      problems.push(`${label}: warnAt fractions must lie strictly between 0 and 1`);
    }
    if (milestone.startsAfter !== undefined && !keys.includes(milestone.startsAfter)) {
      problems.push(`${label}: starts after unknown milestone ${milestone.startsAfter}`);
    }
  }
  for (const milestone of policy.milestones) {
    let next = milestone.startsAfter;
    for (let hops = 0; next !== undefined && hops <= keys.length; hops++) {
      if (next === milestone.key) {
        problems.push(`milestone ${milestone.key}: startsAfter forms a cycle`);
        break;
      }
      next = policy.milestones.find((candidate) => candidate.key === next)?.startsAfter;
    }
  }
  return problems;
}

function escalationProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  let previous: EscalationLevel | undefined;
  for (const level of policy.escalation) {
    const problem = durationProblem(level.delayAfterBreach, 'calendar');
    if (problem) problems.push(`escalation level ${level.level}: ${problem}`);
    if (previous && level.level <= previous.level) problems.push('escalation levels must increase');
    if (previous && !problem && !durationProblem(previous.delayAfterBreach, 'calendar')) {
      if (nominalMillis(parseDuration(level.delayAfterBreach)) < nominalMillis(parseDuration(previous.delayAfterBreach))) {
        problems.push(`escalation level ${level.level} fires before level ${previous.level}`);
      }
    }
    if (typeof level.target === 'object' && level.target.staffIds.length === 0) {
      problems.push(`escalation level ${level.level}: an explicit target needs at least one staff id`);
    }
    previous = level;
  }
  return problems;
}

function extensionProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  for (const rule of policy.extensions ?? []) {
    const milestone = policy.milestones.find((candidate) => candidate.key === rule.milestone);
    if (!milestone) {
      problems.push(`extension rule for unknown milestone ${rule.milestone}`);
      continue;
    }
    if (rule.steps.length === 0) problems.push(`extension rule for ${rule.milestone} has no steps`);
    let floor = durationProblem(milestone.duration, milestone.counting) ? 0 : nominalMillis(parseDuration(milestone.duration));
    for (const step of rule.steps) {
      const problem = durationProblem(step.upTo, milestone.counting);
      if (problem) {
        problems.push(`extension of ${rule.milestone}: ${problem}`);
        continue;
      }
      const length = nominalMillis(parseDuration(step.upTo));
      if (length <= floor) problems.push(`extension of ${rule.milestone}: step ${step.upTo} must be longer than what precedes it`);
      floor = length;
    }
  }
  return problems;
}

function referenceProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  const byKey = new Map(policy.milestones.map((milestone) => [milestone.key, milestone]));
  for (const [kind, rules] of [['pause', policy.pauses ?? []], ['restart', policy.restarts ?? []]] as const) {
    for (const rule of rules) {
      const unknown = rule.milestones.filter((key) => !byKey.has(key));
      if (unknown.length > 0) problems.push(`${kind} reason ${rule.reason}: unknown milestones ${unknown.join(', ')}`);
    }
  }
  const variantKeys = (policy.variants ?? []).map((variant) => variant.key);
  if (new Set(variantKeys).size !== variantKeys.length) problems.push('duplicate variant keys');
  for (const variant of policy.variants ?? []) {
    for (const [key, duration] of Object.entries(variant.durations)) {
      const milestone = byKey.get(key);
      const problem = milestone ? durationProblem(duration, milestone.counting) : `unknown milestone ${key}`;
      if (problem) problems.push(`variant ${variant.key}: ${problem}`);
    }
  }
  return problems;
}

/** Everything wrong with a policy, as sentences for the admin who wrote it; empty when valid. */
export function validatePolicy(policy: SlaPolicy): string[] {
  return [
    ...(policy.calendar.trim() === '' ? ['a policy must name its calendar'] : []),
    ...milestoneProblems(policy),
    ...escalationProblems(policy),
    ...extensionProblems(policy),
    ...referenceProblems(policy),
  ];
}
