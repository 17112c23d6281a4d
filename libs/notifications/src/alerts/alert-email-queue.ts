import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { ALERT_EMAIL_JOBS, QUEUES } from '@redress/queue';
import type { Queue } from 'bullmq';

export interface AlertEmailJob {
  /** An alert_emails row id for `send`, an alert_digests row id for `send-digest`. */
  id: string;
}

/**
 * Queues `send` and `send-digest` jobs whose id is the row's id, so the dispatcher and the sweep
 * can add the same e-mail without creating a second job. Finished jobs are removed at once: the
 * row keeps the outcome, and a later re-queue must be able to reuse the id.
 */
@Injectable()
export class AlertEmailQueue {
  constructor(
    @InjectQueue(QUEUES.alertEmails) private readonly queue: Queue<AlertEmailJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  enqueueEmails(rows: ReadonlyArray<{ id: string; attempts: number }>): Promise<void> {
    return this.enqueue(ALERT_EMAIL_JOBS.send, rows);
  }

  enqueueDigests(rows: ReadonlyArray<{ id: string; attempts: number }>): Promise<void> {
    return this.enqueue(ALERT_EMAIL_JOBS.sendDigest, rows);
  }

  private async enqueue(name: string, rows: ReadonlyArray<{ id: string; attempts: number }>): Promise<void> {
    if (rows.length === 0) return;
    const { maxAttempts, backoffMs } = this.config.notifications.alertEmail;
    await this.queue.addBulk(
      rows.map((row) => ({
        name,
        data: { id: row.id },
        opts: {
          jobId: row.id,
          // A row re-queued after a lost job keeps the attempts it has already used.
          attempts: Math.max(1, maxAttempts - row.attempts),
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }
}
