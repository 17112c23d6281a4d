import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IdempotencyService } from '@redress/idempotency';
import { DeliveryRetention } from '@redress/notifications';
import { MAINTENANCE_JOBS, MaintenanceJobName, QUEUES, QueueWorkerHost } from '@redress/queue';
import { Job } from 'bullmq';

/**
 * The maintenance queue's one consumer. Every job name has its handler here, typed as a record
 * over MaintenanceJobName, so a job added to MAINTENANCE_JOBS without one does not compile (a
 * second processor on the same queue would take the other's jobs and fail them).
 */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends QueueWorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  private readonly handlers: Record<MaintenanceJobName, () => Promise<unknown>> = {
    [MAINTENANCE_JOBS.purgeIdempotencyKeys]: async () => {
      const purged = await this.idempotency.purgeExpired();
      this.logger.log({ purged }, 'Purged expired idempotency keys');
      return { purged };
    },
    [MAINTENANCE_JOBS.purgeDeliveryRecords]: async () => {
      const purged = await this.retention.purge();
      this.logger.log({ purged }, 'Purged delivery records past their retention');
      return purged;
    },
  };

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly retention: DeliveryRetention,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as MaintenanceJobName];
    if (!handler) throw new Error(`No handler for maintenance job "${job.name}"`);
    return handler();
  }
}
