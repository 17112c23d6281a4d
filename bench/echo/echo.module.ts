import { Body, Controller, Get, HttpCode, Inject, MiddlewareConsumer, Module, NestModule, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule, Public, Roles } from '@redress/auth';
import { APP_CONFIG, AppConfig, ConfigModule } from '@redress/config';
import { jsonBodyMiddleware, ProblemFilter } from '@redress/http';
import { loggerParams, MetricsModule } from '@redress/observability';
import { CreateComplaintDto } from '@redress/complaints';
import { NotInFutureConstraint } from '../../libs/complaints/src/validation/timestamps';

/**
 * The intake endpoint without persistence: same credentials check, body parsing, validation,
 * logging, metrics and error filter, then the validated DTO straight back with 201.
 */
@Controller()
export class EchoController {
  @Post('v1/echo')
  @HttpCode(201)
  @Roles('integration')
  echo(@Body() dto: CreateComplaintDto): CreateComplaintDto {
    return dto;
  }

  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c.logLevel, 'redress-bench-echo') }),
    AuthModule,
    MetricsModule,
  ],
  controllers: [EchoController],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }, NotInFutureConstraint],
})
export class EchoModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** As AppModule: body parsing after the logger's middleware. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyMiddleware(this.config.bodyLimitBytes)).forRoutes('*');
  }
}
