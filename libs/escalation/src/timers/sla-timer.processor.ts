import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { NamedJobsHost, QUEUES, SLA_JOBS } from '@redress/queue';
import { Job } from 'bullmq';
import { SlaSweeper } from './sla-sweeper.service';
import { type SlaWakeJob, TIMER_JOB_RETENTION } from './sla-timers';
import { SlaWakeService } from './sla-wake.service';

type SlaJobName = (typeof SLA_JOBS)[keyof typeof SLA_JOBS];

/**
 * Several jobs run at once: each wake-up is short and waits mostly on the database. Finished wake
 * jobs are removed (TIMER_JOB_RETENTION); the sweep job keeps its own retention.
 */
@Processor(QUEUES.slaTimers, { concurrency: 16, ...TIMER_JOB_RETENTION })
export class SlaTimerProcessor extends NamedJobsHost<SlaJobName> {
  protected readonly jobKind = 'SLA';
  protected readonly handlers: Record<SlaJobName, (job: Job) => Promise<unknown>> = {
    [SLA_JOBS.wake]: (job) => this.wakes.wake(job.data as SlaWakeJob, job.id),
    // Two sweep intervals ahead, so a timer lost just after one sweep is back before it is due.
    [SLA_JOBS.sweep]: () => this.sweeper.sweep(2 * this.config.sla.sweepIntervalMs),
  };

  constructor(
    private readonly wakes: SlaWakeService,
    private readonly sweeper: SlaSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  override process(job: Job): Promise<unknown> {
    // A worker can take an id from a list just as a flush deletes its hash: the job has no name.
    if (!job.name) throw new Error(`SLA job ${job.id} lost its data in Redis; the sweep reschedules its timer from the database`);
    return super.process(job);
  }
}
