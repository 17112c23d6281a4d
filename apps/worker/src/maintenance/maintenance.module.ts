import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { IdempotencyModule } from '@redress/idempotency';
import { NotificationsWorkerModule } from '@redress/notifications';
import { MAINTENANCE_JOBS, QUEUES } from '@redress/queue';
import { Queue } from 'bullmq';
import { MaintenanceProcessor } from './maintenance.processor';

/** Hourly purges, each a BullMQ job scheduler (upserted, so one of each however many workers start). */
const SCHEDULES = [
  { job: MAINTENANCE_JOBS.purgeIdempotencyKeys, pattern: '17 * * * *' },
  { job: MAINTENANCE_JOBS.purgeDeliveryRecords, pattern: '47 * * * *' },
] as const;

@Module({
  imports: [IdempotencyModule, NotificationsWorkerModule, BullModule.registerQueue({ name: QUEUES.maintenance })],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken(QUEUES.maintenance)) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { job, pattern } of SCHEDULES) {
      await this.queue.upsertJobScheduler(job, { pattern }, { name: job, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    }
  }
}
