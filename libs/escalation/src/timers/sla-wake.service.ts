import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditTrail } from '@redress/complaints';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { type AlertDraft, type AuditEventDraft, dueWakeUps, planAlerts, summarizeClock } from '@redress/domain';
import { AlertPublisher, OutboxTrigger, type AlertMessage } from '@redress/notifications';
import { Metrics } from '@redress/observability';
import { randomUUID } from 'node:crypto';
import { Alert } from '../alerts/alert.entity';
import { toAlertMessage } from '../alerts/alert.view';
import { SlaClockService } from '../clock/sla-clock.service';
import { isJobOfTimer, rescueJobId, type SlaTimer, SlaTimers, type SlaWakeJob, timerJobId } from './sla-timers';
import { type WakeChanges, type WakeComplaint, type WakeSnapshot, WakeStore } from './wake-store';

export type WakeOutcome = 'stale' | 'not_due' | 'handled';

/**
 * How long a worker gathers the outbox kicks of the alerts it raises into one. A kick costs two
 * Redis round trips and, once per generation, an outbox dispatch run (a transaction of its own);
 * with hundreds of alerts a second, one per alert cost more than the alerts themselves.
 */
export const OUTBOX_KICK_COALESCE_MS = 50;

/**
 * Handles a timer: re-reads the complaint under its row lock and raises whatever its clock owes
 * from the last handled instant up to now. A timer for an older clock version, or one that fires
 * before anything is owed, does nothing, so duplicates and leftovers are harmless.
 */
@Injectable()
export class SlaWakeService implements OnModuleDestroy {
  private readonly logger = new Logger(SlaWakeService.name);
  private pendingKick: NodeJS.Timeout | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly store: WakeStore,
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly publisher: AlertPublisher,
    private readonly outbox: OutboxTrigger,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * `jobId` is the timer job's own id. When nothing is due yet, the row's next timer is made sure
   * of: a retry after the next timer's add failed, or a timer that fired early, would otherwise
   * leave the clock without one until the sweep. Its own id (or a rescue of it), still held by this
   * running job, would be ignored, so that case gets a fresh rescue id.
   */
  async wake(job: SlaWakeJob, jobId?: string): Promise<WakeOutcome> {
    const { result, now } = await this.transactions.run(async (manager) => {
      const at = this.clock.now();
      const decision = await this.decide(await this.store.read(manager, job.complaintId), job, at);
      if (decision.outcome === 'handled') await this.store.write(manager, decision.changes);
      return { result: decision, now: at };
    });
    if (result.outcome === 'not_due' && result.next) {
      await this.timers.schedule([result.next], (timer) => (isJobOfTimer(timer, jobId) ? rescueJobId(timer, now.getTime()) : timerJobId(timer)));
    }
    if (result.outcome !== 'handled') return result.outcome;
    // Counted once committed: a failure in the round trips below is retried, and the retry finds nothing due.
    for (const message of result.messages) {
      this.metrics.slaAlertsRaised.inc({ kind: message.kind });
      this.metrics.slaAlertLateness.observe({ kind: message.kind }, (Date.parse(message.raisedAt) - Date.parse(message.thresholdAt)) / 1000);
    }
    // Independent round trips, after the commit: the next timer and the announcements.
    await Promise.all([
      this.timers.schedule(SlaTimers.forRow({ id: job.complaintId, slaVersion: job.version, slaNextWakeAt: result.changes.slaNextWakeAt })),
      ...result.messages.map((message) => this.publisher.publish(message)),
    ]);
    if (result.messages.length > 0) {
      this.kickOutbox();
      this.logger.log({ complaintId: job.complaintId, alerts: result.messages.map((m) => m.kind) }, 'SLA alerts raised');
    }
    return 'handled';
  }

  /**
   * Kicks the outbox dispatcher at most once per OUTBOX_KICK_COALESCE_MS: the kick reads the
   * dispatch generation after every commit made before it started, so it covers them all (see
   * OutboxTrigger). A kick lost with the process is made up by the scheduled dispatch, as a failed
   * one is.
   */
  private kickOutbox(): void {
    if (this.pendingKick) return;
    this.pendingKick = setTimeout(() => {
      this.pendingKick = null;
      void this.outbox.kick();
    }, OUTBOX_KICK_COALESCE_MS);
    this.pendingKick.unref();
  }

  /** A kick still waiting goes out before the queues close. */
  async onModuleDestroy(): Promise<void> {
    if (!this.pendingKick) return;
    clearTimeout(this.pendingKick);
    this.pendingKick = null;
    await this.outbox.kick();
  }

  /**
   * What the clock owes from the last handled instant up to now: the alerts not raised yet for
   * this clock version, their timeline and outbox events, and the clock's next wake-up.
   */
  private async decide(
    snapshot: WakeSnapshot | null,
    job: SlaWakeJob,
    now: Date,
  ): Promise<
    | { outcome: 'stale' }
    | { outcome: 'not_due'; next: SlaTimer | null }
    | { outcome: 'handled'; changes: WakeChanges; messages: AlertMessage[] }
  > {
    const complaint = snapshot?.complaint;
    if (!snapshot || !complaint || complaint.slaVersion !== job.version) return { outcome: 'stale' };
    if (!complaint.slaNextWakeAt || complaint.slaNextWakeAt > now) {
      return { outcome: 'not_due', next: SlaTimers.forRow({ id: complaint.id, slaVersion: complaint.slaVersion, slaNextWakeAt: complaint.slaNextWakeAt })[0] ?? null };
    }
    const state = await this.clocks.state(complaint);
    if (!state) return { outcome: 'stale' };

    const owed = dueWakeUps(state, complaint.slaNextWakeAt, now);
    // The milestones whose breach or escalation someone acknowledged: their ladder stops climbing.
    const acknowledged = snapshot.raised.filter((alert) => (alert.kind === 'breach' || alert.kind === 'escalation') && alert.acknowledgedAt !== null);
    const plan = planAlerts(
      state,
      owed,
      {
        assigneeId: complaint.assigneeId,
        teamSupervisorId: snapshot.team?.supervisorId ?? null,
        managerId: snapshot.team?.managerId ?? null,
        headOfComplaintsId: this.config.sla.headOfComplaintsId,
      },
      new Set(acknowledged.map((alert) => alert.milestone)),
    );
    // Under the row lock no other worker handles this complaint, so what was read is what exists;
    // the unique index on (complaint, key, version) is the backstop if that ever changes.
    const existing = new Set(snapshot.raised.map((alert) => alert.alertKey));
    const actor = { kind: 'system', id: 'sla-timer' } as const;
    const alerts = plan.alerts.filter((draft) => !existing.has(draft.key)).map((draft) => newAlert(complaint, draft, state.version, now));
    const drafts: AuditEventDraft[] = alerts.map((alert) => ({
      complaintId: complaint.id,
      type: `sla.${alert.kind}`,
      actor,
      at: now,
      details: {
        alertId: alert.id,
        milestone: alert.milestone,
        level: alert.level,
        fraction: alert.fraction,
        recipients: alert.recipients,
        dueAt: alert.dueAt.toISOString(),
        thresholdAt: alert.thresholdAt.toISOString(),
        clockVersion: state.version,
      },
    }));
    for (const skip of plan.skipped.filter((candidate) => candidate.reason !== 'not_mandatory' && !existing.has(candidate.key))) {
      drafts.push({
        complaintId: complaint.id,
        type: 'sla.alert_skipped',
        actor,
        at: now,
        details: { milestone: skip.milestone, alertKey: skip.key, reason: skip.reason, clockVersion: state.version },
      });
    }
    const messages = alerts.map((alert) => toAlertMessage(alert, complaint.reference));

    const summary = summarizeClock(state, now);
    return {
      outcome: 'handled',
      messages,
      changes: {
        complaintId: complaint.id,
        alerts,
        events: this.audit.chain(snapshot.auditHead, drafts),
        outbox: messages.map((message) => ({ type: 'alert.raised', payload: { ...message } })),
        at: now,
        slaNextWakeAt: summary.nextWakeAt,
        dueAt: summary.dueAt,
        breached: complaint.breached || (owed.some((wakeUp) => wakeUp.kind === 'due') && summary.breached),
      },
    };
  }
}

function newAlert(complaint: WakeComplaint, draft: AlertDraft, version: number, now: Date): Alert {
  return Object.assign(new Alert(), {
    id: randomUUID(),
    complaintId: complaint.id,
    teamCode: complaint.teamCode,
    milestone: draft.milestone,
    kind: draft.kind,
    level: draft.level,
    fraction: draft.fraction,
    alertKey: draft.key,
    clockVersion: version,
    recipients: draft.recipients,
    dueAt: draft.dueAt,
    thresholdAt: draft.thresholdAt,
    raisedAt: now,
    acknowledgedAt: null,
    acknowledgedBy: null,
  });
}
