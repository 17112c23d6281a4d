import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { WorkerMetricsListener } from './worker-metrics.listener';

/** Metrics are global: any module may count what it does. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule {}

/** The worker's /metrics, which has no Nest HTTP stack to be served by. */
@Module({
  providers: [WorkerMetricsListener],
  exports: [WorkerMetricsListener],
})
export class WorkerMetricsModule {}

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false })],
  controllers: [HealthController],
})
export class HealthModule {}
