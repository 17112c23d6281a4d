import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock } from '@redress/config';
import { IsNull, LessThan, LessThanOrEqual, Repository } from 'typeorm';
import { AlertDigest } from './alert-digest.entity';
import { AlertEmailQueue } from './alert-email-queue';
import { AlertEmail } from './alert-email.entity';
import { ALERT_MAILER, AlertMailer } from './alert-email-transport';

/** A pending e-mail this overdue has probably lost its job (Redis flushed, or enqueueing failed after commit). */
const STUCK_AFTER_MS = 60_000;
const SWEEP_LIMIT = 500;

/**
 * Runs every ALERT_EMAIL_SWEEP_INTERVAL_MS: queues the digests whose window has ended (by the
 * injected clock, so a test moves time instead of waiting), and re-queues e-mails whose job seems
 * lost, including rows claimed by a worker that died before its lease ran out. Adding a job whose
 * id exists is a no-op, and sending claims the row first, so over-queueing costs nothing.
 */
@Injectable()
export class AlertEmailSweeper {
  constructor(
    @InjectRepository(AlertEmail) private readonly emails: Repository<AlertEmail>,
    @InjectRepository(AlertDigest) private readonly digests: Repository<AlertDigest>,
    @Inject(ALERT_MAILER) private readonly mailer: AlertMailer,
    private readonly queue: AlertEmailQueue,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ digests: number; emails: number }> {
    if (!this.mailer.enabled) return { digests: 0, emails: 0 };
    const now = this.clock.now();
    const due = await this.digests.find({
      select: ['id', 'attempts'],
      where: [
        { status: 'pending', dueAt: LessThanOrEqual(now) },
        { status: 'sending', leaseUntil: LessThan(now) },
      ],
      order: { dueAt: 'ASC' },
      take: SWEEP_LIMIT,
    });
    await this.queue.enqueueDigests(due);

    const cutoff = LessThan(new Date(now.getTime() - STUCK_AFTER_MS));
    const stuck = await this.emails.find({
      select: ['id', 'attempts'],
      where: [
        { status: 'pending', nextAttemptAt: IsNull(), createdAt: cutoff },
        { status: 'pending', nextAttemptAt: cutoff },
        { status: 'sending', leaseUntil: LessThan(now) },
      ],
      order: { createdAt: 'ASC' },
      take: SWEEP_LIMIT,
    });
    await this.queue.enqueueEmails(stuck);
    return { digests: due.length, emails: stuck.length };
  }
}
