import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditTrail, Complaint, lockComplaint } from '@redress/complaints';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { type AlertDraft, dueWakeUps, planAlerts, summarizeClock } from '@redress/domain';
import { addOutboxEvent, AlertPublisher, OutboxTrigger, type AlertMessage } from '@redress/notifications';
import { Team } from '@redress/organisation';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Alert } from '../alerts/alert.entity';
import { toAlertMessage } from '../alerts/alert.view';
import { SlaClockService } from '../clock/sla-clock.service';
import { SlaTimers, type SlaWakeJob } from './sla-timers';

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
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly publisher: AlertPublisher,
    private readonly outbox: OutboxTrigger,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async wake(job: SlaWakeJob): Promise<WakeOutcome> {
    const result = await this.transactions.run((manager) => this.handle(manager, job));
    if (result.outcome !== 'handled') return result.outcome;
    // Independent round trips, after the commit: the next timer and the announcements.
    await Promise.all([
      this.timers.schedule(SlaTimers.forRow(result.complaint)),
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

  private async handle(
    manager: EntityManager,
    job: SlaWakeJob,
  ): Promise<{ outcome: 'stale' | 'not_due' } | { outcome: 'handled'; complaint: Complaint; messages: AlertMessage[] }> {
    const now = this.clock.now();
    const complaint = await lockComplaint(manager, job.complaintId);
    if (!complaint || complaint.slaVersion !== job.version) return { outcome: 'stale' };
    if (!complaint.slaNextWakeAt || complaint.slaNextWakeAt > now) return { outcome: 'not_due' };
    const state = await this.clocks.state(complaint);
    if (!state) return { outcome: 'stale' };

    const owed = dueWakeUps(state, complaint.slaNextWakeAt, now);
    const team = complaint.teamCode ? await manager.findOneBy(Team, { code: complaint.teamCode }) : null;
    // What this clock version has raised already, read once: the keys not to raise again, and the
    // milestones whose breach or escalation someone acknowledged (their ladder stops climbing).
    const raised = await manager.find(Alert, {
      select: ['alertKey', 'milestone', 'kind', 'acknowledgedAt'],
      where: { complaintId: complaint.id, clockVersion: state.version },
    });
    const acknowledged = raised.filter((alert) => (alert.kind === 'breach' || alert.kind === 'escalation') && alert.acknowledgedAt !== null);
    const plan = planAlerts(
      state,
      owed,
      {
        assigneeId: complaint.assigneeId,
        teamSupervisorId: team?.supervisorId ?? null,
        managerId: team?.managerId ?? null,
        headOfComplaintsId: this.config.sla.headOfComplaintsId,
      },
      new Set(acknowledged.map((alert) => alert.milestone)),
    );
    // Under the row lock no other worker handles this complaint, so reading what exists first is
    // safe; the unique index on (complaint, key, version) is the backstop if that ever changes.
    const existing = new Set(raised.map((alert) => alert.alertKey));
    const messages: AlertMessage[] = [];
    for (const draft of plan.alerts.filter((candidate) => !existing.has(candidate.key))) {
      const alert = await this.raise(manager, complaint, draft, state.version, now);
      messages.push(toAlertMessage(alert, complaint.reference));
    }
    for (const skip of plan.skipped.filter((candidate) => candidate.reason !== 'not_mandatory' && !existing.has(candidate.key))) {
      await this.audit.append(manager, {
        complaintId: complaint.id,
        type: 'sla.alert_skipped',
        actor: { kind: 'system', id: 'sla-timer' },
        at: now,
        details: { milestone: skip.milestone, alertKey: skip.key, reason: skip.reason, clockVersion: state.version },
      });
    }

    const summary = summarizeClock(state, now);
    complaint.slaNextWakeAt = summary.nextWakeAt;
    complaint.dueAt = summary.dueAt;
    if (owed.some((wakeUp) => wakeUp.kind === 'due') && summary.breached) complaint.breached = true;
    await manager.update(
      Complaint,
      { id: complaint.id },
      { slaNextWakeAt: complaint.slaNextWakeAt, dueAt: complaint.dueAt, breached: complaint.breached },
    );
    return { outcome: 'handled', complaint, messages };
  }

  private async raise(manager: EntityManager, complaint: Complaint, draft: AlertDraft, version: number, now: Date): Promise<Alert> {
    const alert = manager.create(Alert, {
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
    await manager.insert(Alert, alert);
    await this.audit.append(manager, {
      complaintId: complaint.id,
      type: `sla.${draft.kind}`,
      actor: { kind: 'system', id: 'sla-timer' },
      at: now,
      details: {
        alertId: alert.id,
        milestone: draft.milestone,
        level: draft.level,
        fraction: draft.fraction,
        recipients: draft.recipients,
        dueAt: draft.dueAt.toISOString(),
        thresholdAt: draft.thresholdAt.toISOString(),
        clockVersion: version,
      },
    });
    await addOutboxEvent(manager, {
      type: 'alert.raised',
      complaintId: complaint.id,
      payload: { ...toAlertMessage(alert, complaint.reference) },
      at: now,
    });
    return alert;
  }
}
