import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IdempotencyService } from '@redress/idempotency';
import { DeliveryRetention } from '@redress/notifications';
import { MAINTENANCE_JOBS, MaintenanceJobName, NamedJobsHost, QUEUES } from '@redress/queue';

/**
 * The maintenance queue's one consumer, with every job's handler (a second processor on the same
 * queue would take the other's jobs and fail them).
 */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends NamedJobsHost<MaintenanceJobName> {
  protected readonly jobKind = 'maintenance';
  private readonly logger = new Logger(MaintenanceProcessor.name);

  protected readonly handlers: Record<MaintenanceJobName, () => Promise<unknown>> = {
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
}
