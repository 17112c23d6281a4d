import { BusinessCalendar, validateCalendar } from './calendar';
import { Approval, EMPTY_LEDGER, MilestoneLedger, PauseEntry, SlaClockState } from './clock-state';
import { computeDeadline, milestoneStart } from './deadline';
import { nominalMillis, parseDuration } from './duration';
import { durationProblem, SlaPolicy, validatePolicy } from './policy';

/**
 * Operations on a complaint's SLA clock. Each takes the state and the instant the event happened
 * and returns a new state with `version` + 1, or a typed error saying which rule was broken; the
 * state passed in is never modified.
 */
export type ClockErrorCode =
  | 'invalid_time'
  | 'invalid_policy'
  | 'invalid_calendar'
  | 'calendar_mismatch'
  | 'unknown_variant'
  | 'received_in_future'
  | 'unknown_milestone'
  | 'before_start'
  | 'pause_not_allowed'
  | 'already_paused'
  | 'pause_overlaps_previous'
  | 'nothing_to_pause'
  | 'not_paused'
  | 'resume_before_pause'
  | 'milestone_not_started'
  | 'already_met'
  | 'extension_not_allowed'
  | 'milestone_breached'
  | 'invalid_duration'
  | 'extension_not_longer'
  | 'extension_exceeds_maximum'
  | 'approval_required'
  | 'reason_required'
  | 'customer_notice_required'
  | 'customer_notice_out_of_range'
  | 'unknown_restart_reason'
  | 'extension_incompatible';

export interface ClockError {
  readonly code: ClockErrorCode;
  readonly message: string;
}

export type ClockResult = { readonly ok: true; readonly state: SlaClockState } | { readonly ok: false; readonly error: ClockError };

function fail(code: ClockErrorCode, message: string): ClockResult {
  return { ok: false, error: { code, message } };
}

function next(state: SlaClockState, changes: Partial<SlaClockState>): ClockResult {
  return { ok: true, state: { ...state, ...changes, version: state.version + 1 } };
}

function withLedger(state: SlaClockState, key: string, change: (ledger: MilestoneLedger) => MilestoneLedger) {
  return { ...state.milestones, [key]: change(state.milestones[key] ?? EMPTY_LEDGER) };
}

function invalidTime(...instants: (Date | undefined)[]): ClockResult | null {
  const bad = instants.some((instant) => instant !== undefined && Number.isNaN(instant.getTime()));
  return bad ? fail('invalid_time', 'an instant is not a valid Date') : null;
}

function setupProblem(policy: SlaPolicy, calendar: BusinessCalendar, variant: string | null): ClockResult | null {
  const policyProblems = validatePolicy(policy);
  if (policyProblems.length > 0) return fail('invalid_policy', `policy ${policy.code}: ${policyProblems.join('; ')}`);
  const calendarProblems = validateCalendar(calendar);
  if (calendarProblems.length > 0) return fail('invalid_calendar', `calendar ${calendar.id}: ${calendarProblems.join('; ')}`);
  if (calendar.id !== policy.calendar) {
    return fail('calendar_mismatch', `policy ${policy.code} counts in calendar ${policy.calendar}, not ${calendar.id}`);
  }
  if (variant !== null && !policy.variants?.some((candidate) => candidate.key === variant)) {
    return fail('unknown_variant', `policy ${policy.code} has no variant ${variant}`);
  }
  return null;
}

export interface StartClock {
  readonly policy: SlaPolicy;
  readonly calendar: BusinessCalendar;
  /** When the bank received the complaint; may be in the past (a letter opened late). */
  readonly receivedAt: Date;
  readonly variant?: string;
  readonly now: Date;
}

/** Starts every receipt-based milestone at `receivedAt`; one already overdue is breached at once. */
export function startClock(input: StartClock): ClockResult {
  const variant = input.variant ?? null;
  const problem = invalidTime(input.receivedAt, input.now) ?? setupProblem(input.policy, input.calendar, variant);
  if (problem) return problem;
  if (input.receivedAt > input.now) {
    return fail('received_in_future', `received at ${input.receivedAt.toISOString()}, after now`);
  }
  const milestones = Object.fromEntries(input.policy.milestones.map((rule) => [rule.key, EMPTY_LEDGER]));
  return {
    ok: true,
    state: {
      policy: input.policy,
      calendar: input.calendar,
      variant,
      receivedAt: input.receivedAt,
      version: 1,
      pauses: [],
      milestones,
    },
  };
}

export interface PauseClock {
  readonly at: Date;
  /** Must be one of the policy's pause reasons; it decides which milestones stop. */
  readonly reason: string;
  readonly note?: string;
}

/**
 * Stops the clock of the milestones the policy's pause rule names that are running at `at`
 * (started, not met, not yet due). Only one pause is open at a time.
 */
export function pauseClock(state: SlaClockState, input: PauseClock): ClockResult {
  const problem = invalidTime(input.at);
  if (problem) return problem;
  const rule = state.policy.pauses?.find((candidate) => candidate.reason === input.reason);
  if (!rule) return fail('pause_not_allowed', `policy ${state.policy.code} does not stop the clock for "${input.reason}"`);
  if (input.at < state.receivedAt) return fail('before_start', 'a pause cannot start before the complaint was received');
  const last = state.pauses.at(-1);
  if (last && last.to === null) return fail('already_paused', `the clock is already paused since ${last.from.toISOString()}`);
  if (last && last.to && input.at < last.to) {
    return fail('pause_overlaps_previous', `the previous pause lasted until ${last.to.toISOString()}`);
  }
  const running = rule.milestones.filter((key) => {
    const start = milestoneStart(state, key);
    const deadline = computeDeadline(state, key, input.at);
    return start && start <= input.at && !state.milestones[key]?.metAt && deadline && deadline.dueAt > input.at;
  });
  if (running.length === 0) return fail('nothing_to_pause', `none of ${rule.milestones.join(', ')} is running`);
  const pause: PauseEntry = { from: input.at, to: null, reason: input.reason, note: input.note ?? null, milestones: running };
  return next(state, { pauses: [...state.pauses, pause] });
}

export function resumeClock(state: SlaClockState, input: { readonly at: Date }): ClockResult {
  const problem = invalidTime(input.at);
  if (problem) return problem;
  const open = state.pauses.at(-1);
  if (!open || open.to !== null) return fail('not_paused', 'the clock is not paused');
  if (input.at < open.from) {
    return fail('resume_before_pause', `cannot resume before the pause started at ${open.from.toISOString()}`);
  }
  return next(state, { pauses: [...state.pauses.slice(0, -1), { ...open, to: input.at }] });
}

/** Stops a milestone's clock because it was met (acknowledgement sent, decision communicated). */
export function meetMilestone(state: SlaClockState, input: { readonly milestone: string; readonly at: Date }): ClockResult {
  const problem = invalidTime(input.at);
  if (problem) return problem;
  const key = input.milestone;
  if (!state.milestones[key]) return fail('unknown_milestone', `policy ${state.policy.code} has no milestone ${key}`);
  const start = milestoneStart(state, key);
  if (!start) return fail('milestone_not_started', `${key} has not started`);
  if (input.at < start) return fail('before_start', `${key} started at ${start.toISOString()}`);
  if (state.milestones[key].metAt) return fail('already_met', `${key} was met at ${state.milestones[key].metAt.toISOString()}`);
  return next(state, { milestones: withLedger(state, key, (ledger) => ({ ...ledger, metAt: input.at })) });
}

export interface ExtendMilestone {
  readonly milestone: string;
  readonly at: Date;
  /** The new total allowance (ISO 8601), e.g. "P30D" — not the increment. */
  readonly duration: string;
  readonly reason: string;
  readonly approvedBy?: Approval;
  /** When the customer was told of the extension (NFRA notice, PSD2/CFPB holding reply). */
  readonly customerNoticeAt?: Date;
}

/**
 * Grants a longer allowance within the policy's extension rule. Refused when the milestone has no
 * rule, is met or already breached, the new total is not longer or beyond the last step, the step
 * needs an approver of another role, or the reason or the customer notice (sent between the start
 * of the clock and `at`) is missing.
 */
export function extendMilestone(state: SlaClockState, input: ExtendMilestone): ClockResult {
  const problem = invalidTime(input.at, input.customerNoticeAt);
  if (problem) return problem;
  const key = input.milestone;
  const rule = state.policy.extensions?.find((candidate) => candidate.milestone === key);
  if (!rule) return fail('extension_not_allowed', `policy ${state.policy.code} allows no extension of ${key}`);
  const deadline = computeDeadline(state, key, input.at);
  if (!deadline) return fail('milestone_not_started', `${key} has not started`);
  if (input.at < deadline.start) return fail('before_start', `${key} started at ${deadline.start.toISOString()}`);
  if (state.milestones[key].metAt) return fail('already_met', `${key} is already met`);
  if (input.at >= deadline.dueAt) {
    return fail('milestone_breached', `${key} was due at ${deadline.dueAt.toISOString()}; an extension cannot cure a breach`);
  }
  const durationIssue = durationProblem(input.duration, deadline.rule.counting);
  if (durationIssue) return fail('invalid_duration', durationIssue);
  const requested = nominalMillis(parseDuration(input.duration));
  if (requested <= nominalMillis(deadline.allowance)) {
    return fail('extension_not_longer', `${input.duration} is not longer than the current ${deadline.allowance.iso}`);
  }
  const step = rule.steps.find((candidate) => nominalMillis(parseDuration(candidate.upTo)) >= requested);
  if (!step) {
    return fail('extension_exceeds_maximum', `${key} can be extended to ${rule.steps.at(-1)?.upTo} at most (${rule.source})`);
  }
  if (step.approverRoles && !(input.approvedBy && step.approverRoles.includes(input.approvedBy.role))) {
    return fail('approval_required', `extending ${key} to ${input.duration} needs approval by ${step.approverRoles.join(' or ')} (${rule.source})`);
  }
  if (input.reason.trim() === '') return fail('reason_required', 'an extension needs a reason');
  if (!input.customerNoticeAt) return fail('customer_notice_required', 'the customer must be told of the extension');
  if (input.customerNoticeAt < deadline.start || input.customerNoticeAt > input.at) {
    return fail('customer_notice_out_of_range', 'the customer notice must be sent after the clock started and by the time the extension is recorded');
  }
  const entry = {
    at: input.at,
    duration: input.duration,
    reason: input.reason,
    approvedBy: input.approvedBy ?? null,
    customerNoticeAt: input.customerNoticeAt,
  };
  return next(state, { milestones: withLedger(state, key, (ledger) => ({ ...ledger, extensions: [...ledger.extensions, entry] })) });
}

export interface RestartMilestones {
  readonly at: Date;
  readonly reason: string;
  /** Defaults to the milestones of the policy's restart rule for `reason` (NFRA "new_facts"). */
  readonly milestones?: readonly string[];
}

/**
 * Starts milestones again from `at` with their policy allowance: new facts from the customer (NFRA),
 * or a complaint reopened after its resolution. A met milestone becomes open again, extensions
 * granted before `at` lapse, and earlier pauses no longer count.
 */
export function restartMilestones(state: SlaClockState, input: RestartMilestones): ClockResult {
  const problem = invalidTime(input.at);
  if (problem) return problem;
  if (input.reason.trim() === '') return fail('reason_required', 'a restart needs a reason');
  const keys = input.milestones ?? state.policy.restarts?.find((rule) => rule.reason === input.reason)?.milestones;
  if (!keys || keys.length === 0) {
    return fail('unknown_restart_reason', `policy ${state.policy.code} has no restart rule for "${input.reason}"; name the milestones`);
  }
  const unknown = keys.filter((key) => !state.milestones[key]);
  if (unknown.length > 0) return fail('unknown_milestone', `policy ${state.policy.code} has no milestone ${unknown.join(', ')}`);
  for (const key of keys) {
    const start = milestoneStart(state, key);
    if (!start) return fail('milestone_not_started', `${key} has not started`);
    if (input.at < start) return fail('before_start', `${key} started at ${start.toISOString()}`);
  }
  let milestones = state.milestones;
  for (const key of keys) {
    const ledger = milestones[key];
    milestones = { ...milestones, [key]: { ...ledger, metAt: null, restarts: [...ledger.restarts, { at: input.at, reason: input.reason }] } };
  }
  return next(state, { milestones });
}

export interface ChangePolicy {
  readonly policy: SlaPolicy;
  readonly calendar?: BusinessCalendar;
  readonly variant?: string | null;
}

/**
 * Applies a new policy version or calendar (e.g. next year's holidays loaded) to a running clock.
 * The ledger is kept — receipt, pauses, extensions, met and restarted milestones — and every
 * deadline is recomputed from it; milestones new to the policy start at receipt.
 */
export function changePolicy(state: SlaClockState, input: ChangePolicy): ClockResult {
  const calendar = input.calendar ?? state.calendar;
  const variant = input.variant === undefined ? state.variant : input.variant;
  const problem = setupProblem(input.policy, calendar, variant);
  if (problem) return problem;
  const milestones: Record<string, MilestoneLedger> = {};
  for (const rule of input.policy.milestones) {
    const ledger = state.milestones[rule.key] ?? EMPTY_LEDGER;
    const incompatible = ledger.extensions.find((entry) => durationProblem(entry.duration, rule.counting));
    if (incompatible) {
      return fail('extension_incompatible', `the ${incompatible.duration} extension of ${rule.key} does not fit ${rule.counting} counting`);
    }
    milestones[rule.key] = ledger;
  }
  return next(state, { policy: input.policy, calendar, variant, milestones });
}
