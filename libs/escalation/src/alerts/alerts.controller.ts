import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { AlertPage, AlertView } from './alert.view';
import { ListAlertsQueryDto } from './alerts.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Roles('officer', 'supervisor', 'manager', 'analyst', 'admin')
  @ApiOperation({
    summary: 'SLA warnings, breaches and escalations for the caller',
    description: 'Officers see alerts addressed to them; supervisors those of their teams; managers, analysts and admins all. Newest first.',
  })
  @ApiOkResponse({ type: AlertPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQueryDto): Promise<AlertPage> {
    return this.alerts.list(principal, query);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Acknowledge an alert',
    description:
      'Says someone is acting on it: an acknowledged breach or escalation stops the ladder from climbing further for that ' +
      'milestone. Acknowledging twice returns the first acknowledgement.',
  })
  @ApiOkResponse({ type: AlertView })
  @ApiNotFoundResponse({ type: ProblemDocument, description: 'No such alert, or not one the caller may see' })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<AlertView> {
    return this.alerts.acknowledge(principal, id);
  }
}
