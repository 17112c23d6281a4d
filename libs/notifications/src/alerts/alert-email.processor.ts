import { Processor } from '@nestjs/bullmq';
import { ALERT_EMAIL_JOBS, AlertEmailJobName, NamedJobsHost, QUEUES } from '@redress/queue';
import { Job } from 'bullmq';
import { attemptPosition } from '../webhooks/webhook-delivery-queue';
import { AlertEmailJob } from './alert-email-queue';
import { AlertEmailService } from './alert-email.service';
import { AlertEmailSweeper } from './alert-email-sweeper';

/** SMTP servers are slow, not busy: a few e-mails wait on the network at once. */
@Processor(QUEUES.alertEmails, { concurrency: 5 })
export class AlertEmailProcessor extends NamedJobsHost<AlertEmailJobName, Job<AlertEmailJob>> {
  protected readonly jobKind = 'alert e-mail';
  protected readonly handlers: Record<AlertEmailJobName, (job: Job<AlertEmailJob>) => Promise<unknown>> = {
    [ALERT_EMAIL_JOBS.send]: (job) => this.emails.send(job.data.id, attemptPosition(job)),
    [ALERT_EMAIL_JOBS.sendDigest]: (job) => this.emails.sendDigest(job.data.id, attemptPosition(job)),
    [ALERT_EMAIL_JOBS.sweep]: () => this.sweeper.sweep(),
  };

  constructor(
    private readonly emails: AlertEmailService,
    private readonly sweeper: AlertEmailSweeper,
  ) {
    super();
  }
}
