import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '@redress/complaints';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { NotificationsModule } from '@redress/notifications';
import { OrganisationModule } from '@redress/organisation';
import { QUEUES, SLA_JOBS } from '@redress/queue';
import { SlaModule } from '@redress/sla';
import { Queue } from 'bullmq';
import { Alert } from './alerts/alert.entity';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { SlaClockService } from './clock/sla-clock.service';
import { ComplaintSlaController } from './complaint-sla/complaint-sla.controller';
import { ComplaintSlaService } from './complaint-sla/complaint-sla.service';
import { SlaSweeper } from './timers/sla-sweeper.service';
import { SlaTimerProcessor } from './timers/sla-timer.processor';
import { SlaTimers } from './timers/sla-timers';
import { SlaWakeService } from './timers/sla-wake.service';
import { WakeStore } from './timers/wake-store';

/** SLA clocks on complaints, their timers, and the alerts they raise (API side). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Alert]),
    BullModule.registerQueue({ name: QUEUES.slaTimers }),
    ComplaintsModule,
    OrganisationModule,
    SlaModule,
    NotificationsModule,
  ],
  controllers: [AlertsController, ComplaintSlaController],
  providers: [SlaClockService, SlaTimers, AlertsService, ComplaintSlaService],
  exports: [SlaClockService, SlaTimers],
})
export class EscalationModule {}

/**
 * Worker side: the timer handler, and the sweeper as a job scheduler. Every worker sweeps once at
 * start with no horizon, so timers lost while no worker ran (or to a Redis flush) come back.
 */
@Module({
  imports: [EscalationModule, ComplaintsModule, NotificationsModule, BullModule.registerQueue({ name: QUEUES.slaTimers })],
  providers: [WakeStore, SlaWakeService, SlaSweeper, SlaTimerProcessor],
})
export class EscalationWorkerModule implements OnApplicationBootstrap {
  constructor(
    @Inject(getQueueToken(QUEUES.slaTimers)) private readonly queue: Queue,
    private readonly sweeper: SlaSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SLA_JOBS.sweep,
      { every: this.config.sla.sweepIntervalMs },
      { name: SLA_JOBS.sweep, opts: { removeOnComplete: 10, removeOnFail: 50 } },
    );
    await this.sweeper.sweep(Infinity);
  }
}
