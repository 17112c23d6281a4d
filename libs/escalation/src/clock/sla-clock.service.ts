import { Injectable } from '@nestjs/common';
import type { Complaint } from '@redress/complaints';
import {
  type BusinessCalendar,
  changePolicy,
  type ClockResult,
  type ClockSummary,
  decodeClock,
  encodeClock,
  type JsonObject,
  meetMilestone,
  milestoneStart,
  milestoneStatus,
  type MilestoneStatus,
  pauseClock,
  PRIORITY_RANK,
  restartMilestones,
  resumeClock,
  type SlaClockState,
  type SlaPolicy,
  startClock,
  startedClockSummary,
  type StoredSlaClock,
  summarizeClock,
  type WorkflowAction,
  type WorkflowEffect,
} from '@redress/domain';
import { SlaConfigService } from '@redress/sla';

/** The pause reason a request for information uses; only policies that list it stop the clock. */
export const AWAITING_CUSTOMER = 'awaiting_customer';

export class SlaClockError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Keeps a complaint's SLA clock: the ledger in `sla_clock`, and beside it what the queue and the
 * timers read (due_at, breached, sla_version, sla_next_wake_at). Every method changes the entity
 * in memory; the caller saves it in the transaction that holds the complaint's row lock, and
 * schedules the timer (SlaTimers) after that transaction commits.
 */
@Injectable()
export class SlaClockService {
  /**
   * A clock started under each policy and calendar value, by identity. Both are immutable values
   * that SlaConfigService reuses until the configuration changes, so startClock's validation of
   * them (about a tenth of intake's CPU: every holiday date is parsed) need not run per complaint.
   */
  private readonly started = new WeakMap<SlaPolicy, WeakMap<BusinessCalendar, SlaClockState>>();

  constructor(private readonly slaConfig: SlaConfigService) {}

  async start(complaint: Complaint, now: Date): Promise<void> {
    const matched = await this.match(complaint);
    const calendar = await this.slaConfig.calendar(matched.policy.calendar);
    const state = this.startState(matched.policy, calendar, complaint.receivedAt, now);
    complaint.slaPolicyCode = matched.policy.code;
    complaint.slaMatchReason = matched.reason.slice(0, 500);
    // As store(complaint, state, now, firstWakeAt(state)), with the statuses computed once.
    this.record(complaint, state, startedClockSummary(state, now), now);
  }

  /**
   * Matches the policy again after the facts it depends on changed (category, priority). The
   * ledger is kept (receipt, pauses, extensions, met milestones) and every deadline recomputed
   * under the policy now matched. Returns what changed, for the audit event; null when the
   * complaint has no clock. A policy the ledger does not fit is refused and the old one kept.
   */
  async rematch(complaint: Complaint, now: Date): Promise<JsonObject | null> {
    const state = await this.state(complaint);
    if (!state) return null;
    const matched = await this.match(complaint);
    const calendar = await this.slaConfig.calendar(matched.policy.calendar);
    const changed = changePolicy(state, { policy: matched.policy, calendar, variant: matched.policy.code === state.policy.code ? undefined : null });
    if (!changed.ok) {
      return { sla: [`policy ${matched.policy.code} matched but not applied: ${changed.error.message}; ${state.policy.code} still applies`] };
    }
    const from = state.policy.code;
    complaint.slaPolicyCode = matched.policy.code;
    complaint.slaMatchReason = matched.reason.slice(0, 500);
    const dueBefore = complaint.dueAt;
    this.store(complaint, changed.state, now, complaint.slaNextWakeAt);
    const note = from === matched.policy.code ? `policy ${from} still applies; deadlines recomputed` : `policy ${from} replaced by ${matched.policy.code}`;
    return { sla: [note], slaPolicy: matched.policy.code, dueBefore: dueBefore ? new Date(dueBefore).toISOString() : null, dueAfter: complaint.dueAt?.toISOString() ?? null };
  }

  async state(complaint: Pick<Complaint, 'slaClock'>): Promise<SlaClockState | null> {
    const stored = complaint.slaClock as StoredSlaClock | null;
    if (!stored) return null;
    return decodeClock(stored, await this.slaConfig.calendar(stored.calendarId));
  }

  async statuses(complaint: Complaint, now: Date): Promise<{ state: SlaClockState; milestones: MilestoneStatus[] } | null> {
    const state = await this.state(complaint);
    if (!state) return null;
    return { state, milestones: state.policy.milestones.map((rule) => milestoneStatus(state, rule.key, now)) };
  }

  /**
   * Applies a clock operation (pause, extension, restart…) requested directly; a refusal by the
   * clock's rules is thrown as SlaClockError for the HTTP layer to report.
   */
  async change(complaint: Complaint, now: Date, operation: (state: SlaClockState) => ClockResult): Promise<void> {
    const state = await this.state(complaint);
    if (!state) throw new SlaClockError('no_clock', 'this complaint has no SLA clock');
    this.store(complaint, unwrap(operation(state)), now, complaint.slaNextWakeAt);
  }

  /**
   * The clock side of a workflow transition. Returns what happened to the clock, for the audit
   * event, or null when the transition does not touch it.
   */
  async applyTransition(complaint: Complaint, action: WorkflowAction, effects: readonly WorkflowEffect[], now: Date): Promise<JsonObject | null> {
    let state = await this.state(complaint);
    if (!state) return null;
    const notes: string[] = [];
    const apply = (result: ClockResult, note: string) => {
      if (result.ok) {
        state = result.state;
        notes.push(note);
      } else {
        notes.push(`${note} not applied: ${result.error.message}`);
      }
    };
    if (action === 'acknowledge' && state.milestones.acknowledge && milestoneStart(state, 'acknowledge')) {
      apply(meetMilestone(state, { milestone: 'acknowledge', at: now }), 'acknowledge met');
    }
    for (const effect of effects) {
      switch (effect.type) {
        case 'pauseSlaClock':
          if (state.policy.pauses?.some((rule) => rule.reason === AWAITING_CUSTOMER)) {
            apply(pauseClock(state, { at: effect.at, reason: AWAITING_CUSTOMER }), 'clock paused while awaiting the customer');
          } else {
            notes.push(`clock keeps running: policy ${state.policy.code} does not stop it while awaiting the customer`);
          }
          break;
        case 'resumeSlaClock': {
          const open = state.pauses.at(-1);
          if (open && open.to === null && open.reason === AWAITING_CUSTOMER) apply(resumeClock(state, { at: effect.at }), 'clock resumed');
          break;
        }
        case 'stopSlaClock':
          for (const key of runningMilestones(state, effect.at)) {
            apply(meetMilestone(state, { milestone: key, at: effect.at }), `${key} met`);
          }
          break;
        case 'restartSlaClock': {
          const milestones = restartable(state);
          if (milestones.length > 0) {
            apply(restartMilestones(state, { at: effect.at, reason: action, milestones }), `${milestones.join(', ')} restarted`);
          }
          break;
        }
        default:
          break;
      }
    }
    if (notes.length === 0) return null;
    this.store(complaint, state, now, complaint.slaNextWakeAt);
    return { sla: notes };
  }

  /**
   * startClock's result. Once a policy and calendar have passed its checks, a later start under
   * the same two values differs only in receivedAt; instants it would refuse (invalid, or after
   * now) still go through startClock, which reports them.
   */
  private startState(policy: SlaPolicy, calendar: BusinessCalendar, receivedAt: Date, now: Date): SlaClockState {
    const known = this.started.get(policy)?.get(calendar);
    if (known && receivedAt.getTime() <= now.getTime()) {
      return { ...known, receivedAt, pauses: [], milestones: { ...known.milestones } };
    }
    const state = unwrap(startClock({ policy, calendar, receivedAt, now }));
    let byCalendar = this.started.get(policy);
    if (!byCalendar) this.started.set(policy, (byCalendar = new WeakMap()));
    byCalendar.set(calendar, state);
    return state;
  }

  private match(complaint: Complaint) {
    return this.slaConfig.match({
      jurisdiction: complaint.jurisdiction,
      channel: complaint.channel,
      category: complaint.category,
      priority: complaint.priority,
      vulnerable: complaint.vulnerableCustomer,
    });
  }

  private store(complaint: Complaint, state: SlaClockState, now: Date, pendingFrom: Date | null): void {
    this.record(complaint, state, summarizeClock(state, now, pendingFrom), now);
  }

  private record(complaint: Complaint, state: SlaClockState, summary: ClockSummary, now: Date): void {
    complaint.slaClock = encodeClock(state) as unknown as Record<string, unknown>;
    complaint.slaVersion = state.version;
    complaint.dueAt = summary.dueAt;
    complaint.slaNextWakeAt = summary.nextWakeAt;
    complaint.priorityRank = PRIORITY_RANK[complaint.priority];
    // A restart gives the customer a new deadline, so an old breach no longer describes the case.
    if (summary.breached || !complaint.breached) complaint.breached = summary.breached;
    else if (summary.dueAt && summary.dueAt > now) complaint.breached = false;
  }
}

function unwrap(result: ClockResult): SlaClockState {
  if (!result.ok) throw new SlaClockError(result.error.code, result.error.message);
  return result.state;
}

/** Milestones whose clock has started and that are not met, as of `at`. */
function runningMilestones(state: SlaClockState, at: Date): string[] {
  return state.policy.milestones
    .map((rule) => rule.key)
    .filter((key) => {
      const start = milestoneStart(state, key);
      return start !== null && start <= at && !state.milestones[key]?.metAt;
    });
}

/** What a reopen or review starts again: the mandatory answers owed from receipt, not the acknowledgement. */
function restartable(state: SlaClockState): string[] {
  return state.policy.milestones
    .filter((rule) => rule.mandatory !== false && !rule.startsAfter && rule.key !== 'acknowledge')
    .map((rule) => rule.key)
    .filter((key) => milestoneStart(state, key) !== null);
}
