import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@redress/auth';
import { CaseworkModule } from '@redress/casework';
import { CommunicationsModule } from '@redress/communications';
import { APP_CONFIG, AppConfig, ConfigModule } from '@redress/config';
import { DatabaseModule } from '@redress/database';
import { jsonBodyMiddleware, ProblemFilter } from '@redress/http';
import { HealthModule, loggerParams, MetricsModule } from '@redress/observability';
import { NotificationsApiModule } from '@redress/notifications';
import { OrganisationModule } from '@redress/organisation';
import { QueueModule } from '@redress/queue';
import { SlaModule } from '@redress/sla';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c.logLevel, 'redress-api') }),
    DatabaseModule,
    QueueModule,
    AuthModule,
    MetricsModule,
    HealthModule,
    OrganisationModule,
    SlaModule,
    NotificationsApiModule,
    CaseworkModule,
    CommunicationsModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Body parsing runs here, after the logger's middleware, so its problems carry a request id. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyMiddleware(this.config.bodyLimitBytes)).forRoutes('*');
  }
}
