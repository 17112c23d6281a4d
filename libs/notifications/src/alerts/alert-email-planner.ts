import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { OutboxEvent } from '../outbox/outbox-event.entity';
import { AlertDigest } from './alert-digest.entity';
import { digestWindow, DigestWindow, needsDigest, RecipientRecord, sortByRecipient, windowDeliveries } from './alert-digest';
import { AlertSummary, readAlertPayload } from './alert-email-content';
import { AlertEmail, AlertEmailStatus } from './alert-email.entity';
import { ALERT_MAILER, AlertMailer } from './alert-email-transport';

const INSERT_CHUNK = 500;

interface PlannedAlert {
  alertId: string;
  recipients: string[];
  summary: AlertSummary;
}

/**
 * Turns dispatched `alert.raised` events into alert_emails rows, inside the transaction that
 * claims the events from the outbox: an event is planned exactly when it is marked dispatched,
 * and only by the worker that claimed it. The storm rule is applied here, against a per-recipient
 * counter for the current minute that is updated under its row lock, so concurrent dispatchers
 * agree on which alerts are mailed one by one and which wait for the digest. Counters are locked
 * in recipient order, so two dispatchers can never deadlock on them.
 */
@Injectable()
export class AlertEmailPlanner {
  private readonly logger = new Logger(AlertEmailPlanner.name);

  constructor(
    @Inject(ALERT_MAILER) private readonly mailer: AlertMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the e-mails to queue once the transaction has committed. */
  async plan(manager: EntityManager, events: readonly OutboxEvent[], now: Date): Promise<Array<{ id: string; attempts: number }>> {
    if (!this.mailer.enabled) return [];
    const alerts = this.readAlerts(events);
    if (alerts.length === 0) return [];

    const fresh = await this.withoutPlanned(manager, alerts);
    if (fresh.length === 0) return [];
    const staff = await this.staff(manager, [...new Set(fresh.flatMap((alert) => alert.recipients))]);
    const { mailable, skipped } = sortByRecipient(fresh, staff);
    const window = digestWindow(now);
    const threshold = this.config.notifications.alertDigestThreshold;

    const rows: AlertEmail[] = skipped.map(({ alert, recipientId, reason }) => {
      const row = this.row(manager, alert, recipientId, window, 'skipped', now);
      row.skipReason = reason;
      return row;
    });
    for (const recipientId of [...mailable.keys()].sort()) {
      const list = mailable.get(recipientId) as PlannedAlert[];
      const before = await this.count(manager, recipientId, window, list.length, now);
      const deliveries = windowDeliveries(before, list.length, threshold);
      list.forEach((alert, i) => rows.push(this.row(manager, alert, recipientId, window, deliveries[i] === 'individual' ? 'pending' : 'held', now)));
      if (needsDigest(before + list.length, threshold)) await this.owe(manager, recipientId, window);
    }
    // Decided before inserting, and copies inserted: on SQLite TypeORM reloads defaulted columns after
    // a multi-row insert and writes them back to the entities out of order, ids included.
    const toQueue = rows.filter((row) => row.status === 'pending').map((row) => ({ id: row.id, attempts: 0 }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await manager.insert(AlertEmail, rows.slice(i, i + INSERT_CHUNK).map((row) => ({ ...row })));
    }

    if (skipped.length > 0) {
      // Staff ids and reasons only: enough to fix the staff record, nothing about anyone's address.
      this.logger.warn(
        { skipped: skipped.length, recipients: skipped.map((s) => ({ alertId: s.alert.alertId, staffId: s.recipientId, reason: s.reason })) },
        'Alert e-mail skipped for recipients without a usable address',
      );
    }
    const held = rows.filter((row) => row.status === 'held').length;
    if (held > 0) this.logger.log({ held, windowStart: window.start.toISOString() }, 'Alert e-mails held for the storm digest');
    return toQueue;
  }

  private readAlerts(events: readonly OutboxEvent[]): PlannedAlert[] {
    const alerts: PlannedAlert[] = [];
    for (const event of events) {
      if (event.type !== 'alert.raised') continue;
      const read = readAlertPayload(event.payload);
      if (!read) {
        this.logger.warn({ outboxEventId: event.id }, 'Ignored an alert.raised event without a readable alert');
        continue;
      }
      alerts.push({ alertId: read.summary.id, recipients: read.recipients, summary: read.summary });
    }
    return alerts;
  }

  /** An event dispatched again (a replay) must not mail anyone twice; the unique index is the backstop. */
  private async withoutPlanned(manager: EntityManager, alerts: PlannedAlert[]): Promise<PlannedAlert[]> {
    const existing = await manager.find(AlertEmail, {
      select: ['alertId', 'recipientId'],
      where: { alertId: In([...new Set(alerts.map((alert) => alert.alertId))]) },
    });
    const done = new Set(existing.map((row) => `${row.alertId} ${row.recipientId}`));
    const seen = new Set<string>();
    return alerts
      .map((alert) => ({
        ...alert,
        recipients: alert.recipients.filter((id) => {
          const key = `${alert.alertId} ${id}`;
          if (done.has(key) || seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      }))
      .filter((alert) => alert.recipients.length > 0);
  }

  /**
   * Staff by id, read by table name: the organisation library is not a dependency of this one,
   * and only the address and whether the person is still active are needed.
   */
  private async staff(manager: EntityManager, ids: string[]): Promise<Map<string, RecipientRecord>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; email: string | null; active: boolean | number }> = await manager
      .createQueryBuilder()
      .select('s.id', 'id')
      .addSelect('s.email', 'email')
      .addSelect('s.active', 'active')
      .from('staff', 's')
      .where('s.id IN (:...ids)', { ids })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, { email: row.email, active: Boolean(row.active) }]));
  }

  /**
   * Adds `added` to the recipient's counter for the window and returns how many came before. The
   * UPDATE takes the row lock, so a concurrent dispatcher waits and then counts after this one.
   */
  private async count(manager: EntityManager, recipientId: string, window: DigestWindow, added: number, now: Date): Promise<number> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AlertDigest)
      .values({ id: randomUUID(), recipientId, windowStart: window.start, alertCount: 0, status: 'open', dueAt: window.end, attempts: 0, createdAt: now })
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .update(AlertDigest)
      .set({ alertCount: () => `alert_count + ${Math.trunc(added)}` })
      .where('recipient_id = :recipientId AND window_start = :start', { recipientId, start: window.start })
      .execute();
    const counter = await manager.findOneOrFail(AlertDigest, { select: ['id', 'alertCount'], where: { recipientId, windowStart: window.start } });
    return counter.alertCount - added;
  }

  /**
   * Marks the window's digest as owed. One already sent or given up on is owed again, so alerts held
   * after it (only possible when workers' clocks disagree) are not stranded; one being sent re-checks
   * for held alerts when it finishes.
   */
  private async owe(manager: EntityManager, recipientId: string, window: DigestWindow): Promise<void> {
    await manager.update(
      AlertDigest,
      { recipientId, windowStart: window.start, status: In(['open', 'sent', 'skipped', 'failed']) },
      { status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null },
    );
  }

  private row(manager: EntityManager, alert: PlannedAlert, recipientId: string, window: DigestWindow, status: AlertEmailStatus, now: Date): AlertEmail {
    return manager.create(AlertEmail, {
      id: randomUUID(),
      alertId: alert.alertId,
      recipientId,
      windowStart: window.start,
      status,
      alert: alert.summary,
      attempts: 0,
      skipReason: null,
      lastError: null,
      nextAttemptAt: null,
      leaseUntil: null,
      sentAt: null,
      digestId: null,
      createdAt: now,
    });
  }
}
