import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { MAINTENANCE_JOBS, MaintenanceJobName, QUEUES, QueueWorkerHost } from '@redress/queue';
import { Job } from 'bullmq';
import { IdempotencyService } from './idempotency.service';

/** Idempotency keys are kept for IDEMPOTENCY_TTL_HOURS (at least 24 h), then purged hourly. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends QueueWorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  private readonly handlers: Record<MaintenanceJobName, () => Promise<unknown>> = {
    [MAINTENANCE_JOBS.purgeIdempotencyKeys]: async () => {
      const purged = await this.idempotency.purgeExpired();
      this.logger.log({ purged }, 'Purged expired idempotency keys');
      return { purged };
    },
  };

  constructor(private readonly idempotency: IdempotencyService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as MaintenanceJobName];
    if (!handler) throw new Error(`No handler for maintenance job "${job.name}"`);
    return handler();
  }
}
