import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MAINTENANCE_JOBS, QUEUES } from '@redress/queue';
import { Queue } from 'bullmq';
import { MaintenanceProcessor } from './idempotency-purge.processor';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IdempotencyService } from './idempotency.service';

@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [IdempotencyService],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}

/** Worker side: the hourly purge, registered as a BullMQ job scheduler (upserted, so never doubled). */
@Module({
  imports: [IdempotencyModule, BullModule.registerQueue({ name: QUEUES.maintenance })],
  providers: [MaintenanceProcessor],
})
export class IdempotencyMaintenanceModule implements OnApplicationBootstrap {
  constructor(@Inject(getQueueToken(QUEUES.maintenance)) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      MAINTENANCE_JOBS.purgeIdempotencyKeys,
      { pattern: '17 * * * *' },
      { name: MAINTENANCE_JOBS.purgeIdempotencyKeys, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
