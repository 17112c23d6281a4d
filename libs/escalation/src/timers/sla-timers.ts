import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Clock } from '@redress/config';
import { QUEUES, SLA_JOBS } from '@redress/queue';
import type { JobsOptions, Queue } from 'bullmq';

/** A wake-up call for one complaint's clock, as stored on its row. */
export interface SlaTimer {
  complaintId: string;
  version: number;
  at: Date;
}

export interface SlaWakeJob {
  complaintId: string;
  version: number;
}

/**
 * Timer job ids are deterministic and carry the clock version and the instant: the same timer
 * added twice (API and sweeper, two sweepers) is one job, and a rescheduled clock gets a new id,
 * never colliding with its predecessor. Finished jobs are removed so that an id can be added
 * again after a Redis flush or when the sweeper re-adds an overdue one.
 */
export function timerJobId(timer: SlaTimer): string {
  return `wake-${timer.complaintId}-v${timer.version}-${timer.at.getTime()}`;
}

const JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  // Kept a minute for inspection; the sweeper re-adds the timer after that.
  removeOnFail: { age: 60 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
};

@Injectable()
export class SlaTimers {
  constructor(
    @InjectQueue(QUEUES.slaTimers) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async schedule(timers: readonly SlaTimer[]): Promise<void> {
    if (timers.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      timers.map((timer) => ({
        name: SLA_JOBS.wake,
        data: { complaintId: timer.complaintId, version: timer.version } satisfies SlaWakeJob,
        opts: { ...JOB_OPTIONS, jobId: timerJobId(timer), delay: Math.max(0, timer.at.getTime() - now) },
      })),
    );
  }

  /** The timer a complaint row asks for, if any. */
  static forRow(row: { id: string; slaVersion: number; slaNextWakeAt: Date | null }): SlaTimer[] {
    return row.slaNextWakeAt ? [{ complaintId: row.id, version: row.slaVersion, at: new Date(row.slaNextWakeAt) }] : [];
  }
}
