import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '@redress/auth';
import { Metrics, METRICS_ROLES } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Roles(...METRICS_ROLES)
  @ApiSecurity('apiKey')
  @ApiOperation({ summary: 'Prometheus metrics (scrape with an integration API key or an admin token)' })
  @ApiProduces('text/plain')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
