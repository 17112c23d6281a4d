import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { Metrics } from '@redress/observability';
import { Brackets, DataSource, EntityManager, EntityTarget, In, Not } from 'typeorm';
import type { AttemptPosition } from '../webhooks/webhook-delivery-queue';
import { AlertDigest } from './alert-digest.entity';
import { recipientSkipReason, RecipientSkipReason } from './alert-digest';
import { composeAlertEmail, composeDigest } from './alert-email-content';
import { describeSmtpError, isPermanentSmtpError } from './alert-email-errors';
import { AlertEmail } from './alert-email.entity';
import { ALERT_MAILER, AlertMailer } from './alert-email-transport';

/** How long a claimed row is left to its worker before another may take it over (a crash mid-send). */
export const SEND_LEASE_MS = 5 * 60_000;

export type AlertEmailOutcome = 'sent' | 'skipped' | 'failed' | 'not_claimed' | 'disabled';

/**
 * Sends one alert e-mail or one digest. A job is only a reminder: the row is claimed first (one
 * conditional UPDATE, so of several workers holding the same job exactly one goes on), the address
 * is read from the staff table at that moment, and the outcome is written back to the claimed row.
 * Only an SMTP failure that may pass (a connection problem, a 4xx reply) is retried, by rejecting
 * so that BullMQ tries again with backoff; a 5xx refusal is final at once.
 */
@Injectable()
export class AlertEmailService {
  private readonly logger = new Logger(AlertEmailService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    @Inject(ALERT_MAILER) private readonly mailer: AlertMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async send(id: string, position: AttemptPosition): Promise<AlertEmailOutcome> {
    // A worker without SMTP_URL leaves the row for one that has it (the sweep re-queues it).
    if (!this.mailer.enabled) return 'disabled';
    if (!(await this.claim(AlertEmail, id))) return 'not_claimed';
    const email = await this.dataSource.getRepository(AlertEmail).findOneByOrFail({ id });
    const address = await this.addressOf(email.recipientId);
    if (!address.email) {
      await this.finish(AlertEmail, id, 'skipped', { skipReason: address.reason }, 'skipped');
      this.logger.warn({ alertEmailId: id, alertId: email.alertId, staffId: email.recipientId, reason: address.reason }, 'Alert e-mail skipped: no usable address');
      return 'skipped';
    }
    try {
      await this.mailer.send({ to: address.email, ...composeAlertEmail(email.alert, this.config.notifications.alertEmail.caseUrl) });
    } catch (error) {
      return this.failed(AlertEmail, email, error, position);
    }
    await this.finish(AlertEmail, id, 'sent', { attempts: email.attempts + 1, sentAt: this.clock.now(), lastError: null }, 'sent');
    return 'sent';
  }

  /** Sends a window's digest once the window has ended, listing the recipient's alerts held in it. */
  async sendDigest(id: string, position: AttemptPosition): Promise<AlertEmailOutcome> {
    if (!this.mailer.enabled) return 'disabled';
    if (!(await this.claim(AlertDigest, id, true))) return 'not_claimed';
    const digest = await this.dataSource.getRepository(AlertDigest).findOneByOrFail({ id });
    const emails = this.dataSource.getRepository(AlertEmail);
    const window = { recipientId: digest.recipientId, windowStart: digest.windowStart };
    const held = (await emails.find({ where: { ...window, status: 'held' } })).sort(
      (a, b) => a.alert.raisedAt.localeCompare(b.alert.raisedAt) || a.alert.reference.localeCompare(b.alert.reference) || a.id.localeCompare(b.id),
    );
    if (held.length === 0) {
      await this.finish(AlertDigest, id, 'skipped', {}, 'skipped');
      return 'skipped';
    }
    const address = await this.addressOf(digest.recipientId);
    if (!address.email) {
      await this.transactions.run(async (manager) => {
        for (const ids of chunks(held.map((e) => e.id))) {
          await manager.update(AlertEmail, { id: In(ids), status: 'held' }, { status: 'skipped', skipReason: address.reason });
        }
        await this.finish(AlertDigest, id, 'skipped', {}, 'skipped', manager);
      });
      this.logger.warn({ alertDigestId: id, staffId: digest.recipientId, alerts: held.length, reason: address.reason }, 'Alert digest skipped: no usable address');
      return 'skipped';
    }
    const individually = await emails.count({ where: { ...window, status: Not(In(['held', 'digested', 'skipped'])) } });
    const mail = composeDigest({
      window: { start: new Date(digest.windowStart), end: new Date(digest.dueAt) },
      alerts: held.map((email) => email.alert),
      individually,
      caseUrlTemplate: this.config.notifications.alertEmail.caseUrl,
    });
    try {
      await this.mailer.send({ to: address.email, ...mail });
    } catch (error) {
      return this.failed(AlertDigest, digest, error, position);
    }
    const sentAt = this.clock.now();
    await this.transactions.run(async (manager) => {
      for (const ids of chunks(held.map((e) => e.id))) {
        await manager.update(AlertEmail, { id: In(ids), status: 'held' }, { status: 'digested', digestId: id, sentAt });
      }
      // Alerts held while this one was being sent (workers' clocks disagreeing) get a digest of their own.
      const stragglers = await manager.count(AlertEmail, { where: { ...window, status: 'held' } });
      // Stragglers leave the digest pending for one more, but this one was sent.
      await this.finish(AlertDigest, id, stragglers > 0 ? 'pending' : 'sent', { attempts: digest.attempts + 1, listed: held.length, sentAt, lastError: null }, 'sent', manager);
    });
    this.logger.log({ alertDigestId: id, staffId: digest.recipientId, alerts: held.length }, 'Alert digest sent');
    return 'sent';
  }

  /**
   * pending → sending, or a sending row whose worker's lease ran out. A digest is claimed only once
   * its window has ended.
   */
  private async claim(target: EntityTarget<AlertEmail | AlertDigest>, id: string, digest = false): Promise<boolean> {
    const now = this.clock.now();
    const query = this.dataSource
      .createQueryBuilder()
      .update(target)
      .set({ status: 'sending', leaseUntil: new Date(now.getTime() + SEND_LEASE_MS) })
      .where('id = :id', { id })
      .andWhere(new Brackets((w) => w.where(`status = 'pending'`).orWhere(`(status = 'sending' AND lease_until < :now)`, { now })));
    if (digest) query.andWhere('due_at <= :now', { now });
    const result = await query.execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Writes the outcome to a row this worker holds; a row another worker took over is left alone,
   * and only an outcome written is counted in the metrics.
   */
  private async finish(
    target: EntityTarget<AlertEmail | AlertDigest>,
    id: string,
    status: 'pending' | 'sent' | 'skipped' | 'failed',
    changes: Record<string, unknown>,
    outcome: 'sent' | 'skipped' | 'failed' | 'retrying',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const result = await manager
      .createQueryBuilder().update(target).set({ leaseUntil: null, nextAttemptAt: null, ...changes, status }).where('id = :id AND status = :sending', { id, sending: 'sending' }).execute();
    if ((result.affected ?? 0) > 0) this.metrics.alertEmails.inc({ type: target === AlertDigest ? 'digest' : 'email', outcome });
  }

  private async failed(
    target: EntityTarget<AlertEmail | AlertDigest>,
    row: { id: string; attempts: number },
    error: unknown,
    position: AttemptPosition,
  ): Promise<AlertEmailOutcome> {
    const attempts = row.attempts + 1;
    const lastError = describeSmtpError(error);
    const permanent = isPermanentSmtpError(error);
    const final = permanent || position.final;
    if (final) {
      await this.finish(target, row.id, 'failed', { attempts, lastError }, 'failed');
    } else {
      await this.finish(target, row.id, 'pending', { attempts, lastError, nextAttemptAt: new Date(this.clock.now().getTime() + position.retryInMs) }, 'retrying');
    }
    const kind = target === AlertDigest ? 'digest' : 'e-mail';
    this.logger.warn({ id: row.id, kind, attempts, error: lastError, final }, `Alert ${kind} attempt failed`);
    if (final) return 'failed';
    throw new Error(`Alert ${kind} attempt ${attempts} failed: ${lastError}`);
  }

  private async addressOf(staffId: string): Promise<{ email: string; reason: null } | { email: null; reason: RecipientSkipReason }> {
    const [row]: Array<{ email: string | null; active: boolean | number }> = await this.dataSource
      .createQueryBuilder()
      .select('s.email', 'email')
      .addSelect('s.active', 'active')
      .from('staff', 's')
      .where('s.id = :staffId', { staffId })
      .getRawMany();
    const record = row ? { email: row.email, active: Boolean(row.active) } : undefined;
    const reason = recipientSkipReason(record);
    return reason ? { email: null, reason } : { email: (record?.email as string).trim(), reason: null };
  }
}

/** Keeps IN lists well under the databases' parameter limits. */
function chunks<T>(items: T[], size = 1_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
