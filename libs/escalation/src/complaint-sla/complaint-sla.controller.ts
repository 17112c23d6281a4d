import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { ExtendMilestoneDto, PauseClockDto, RestartClockDto } from './complaint-sla.dto';
import { ComplaintSlaService } from './complaint-sla.service';
import { ComplaintSlaView } from './complaint-sla.view';

@ApiTags('sla')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@ApiNotFoundResponse({ type: ProblemDocument, description: 'No such complaint, or not one the caller may see' })
@Controller('v1/complaints/:id/sla')
export class ComplaintSlaController {
  constructor(private readonly sla: ComplaintSlaService) {}

  @Get()
  @Roles('officer', 'supervisor', 'manager', 'analyst', 'admin')
  @ApiOperation({ summary: 'Each SLA milestone: due time, time left, paused time, state', description: 'States: on_track, at_risk, paused, breached, lapsed, met, not_started.' })
  @ApiOkResponse({ type: ComplaintSlaView })
  status(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ComplaintSlaView> {
    return this.sla.status(principal, id);
  }

  @Post('pause')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Stop the clock for one of the policy’s reasons (e.g. external appraisal under NFRA)' })
  @ApiOkResponse({ type: ComplaintSlaView })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The policy does not allow this pause now' })
  pause(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: PauseClockDto): Promise<ComplaintSlaView> {
    return this.sla.pause(principal, id, dto);
  }

  @Post('resume')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Restart a paused clock; the paused time is credited' })
  @ApiOkResponse({ type: ComplaintSlaView })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The clock is not paused' })
  resume(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ComplaintSlaView> {
    return this.sla.resume(principal, id);
  }

  @Post('extensions')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Extend a milestone within the policy’s rules',
    description: 'Needs a reason and a customer notice already sent; some steps need a manager’s approval (the caller). An extension cannot cure a breach.',
  })
  @ApiOkResponse({ type: ComplaintSlaView })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The policy refuses this extension; `code` says why' })
  extend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ExtendMilestoneDto): Promise<ComplaintSlaView> {
    return this.sla.extend(principal, id, dto);
  }

  @Post('restart')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Start milestones again, e.g. new facts from the customer (NFRA)' })
  @ApiOkResponse({ type: ComplaintSlaView })
  @ApiConflictResponse({ type: ProblemDocument })
  restart(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: RestartClockDto): Promise<ComplaintSlaView> {
    return this.sla.restart(principal, id, dto);
  }
}
