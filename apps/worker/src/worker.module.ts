import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@redress/config';
import { DatabaseModule } from '@redress/database';
import { EscalationWorkerModule } from '@redress/escalation';
import { NotificationsWorkerModule } from '@redress/notifications';
import { loggerParams, MetricsModule, WorkerMetricsModule } from '@redress/observability';
import { QueueModule } from '@redress/queue';
import { SlaModule } from '@redress/sla';
import { MaintenanceModule } from './maintenance/maintenance.module';

/** The background process: BullMQ processors and schedulers, no HTTP. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c.logLevel, 'redress-worker') }),
    DatabaseModule,
    MetricsModule,
    WorkerMetricsModule,
    QueueModule,
    SlaModule,
    NotificationsWorkerModule,
    MaintenanceModule,
    EscalationWorkerModule,
  ],
})
export class WorkerModule {}
