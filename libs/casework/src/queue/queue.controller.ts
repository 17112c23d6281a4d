import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ComplaintView } from '@redress/complaints';
import { ProblemDocument } from '@redress/http';
import type { Response } from 'express';
import { etag } from '../intake/complaints.controller';
import { AssignDto, QueuePage, QueueQueryDto, TeamWorkloadView } from './queue.dto';
import { QueueService } from './queue.service';

@ApiTags('queue')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller()
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get('v1/queue')
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'The work queue, most urgent first',
    description:
      'Officers: their own open cases and the unassigned ones of their teams. Supervisors: their teams’ open cases. Managers and admins: every open case. ' +
      'Ordered breached first, then earliest due, then priority, then oldest; keyset-paginated.',
  })
  @ApiOkResponse({ type: QueuePage })
  @ApiBadRequestResponse({ type: ProblemDocument })
  page(@CurrentPrincipal() principal: Principal, @Query() query: QueueQueryDto): Promise<QueuePage> {
    return this.queue.page(principal, query);
  }

  @Post('v1/queue/claim-next')
  @Roles('officer')
  @ApiOperation({
    summary: 'Take the most urgent unassigned case of your teams',
    description: 'Atomic: officers claiming at the same time never get the same case. 204 when there is nothing to claim.',
  })
  @ApiOkResponse({ type: ComplaintView })
  @ApiNoContentResponse({ description: 'Nothing to claim' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The officer already holds as many open cases as their capacity' })
  async claimNext(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<ComplaintView | undefined> {
    const claimed = await this.queue.claimNext(principal);
    if (!claimed) {
      res.status(204);
      return undefined;
    }
    res.status(200).setHeader('ETag', etag(claimed.version));
    return claimed;
  }

  @Post('v1/complaints/:id/assign')
  @HttpCode(200)
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Assign (or reassign) a complaint to an officer, optionally moving it to another team' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'The assignee is not an active officer of the team' })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The complaint is not open, or the officer is at capacity' })
  assign(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: AssignDto): Promise<ComplaintView> {
    return this.queue.assign(principal, id, dto);
  }

  @Get('v1/teams/:code/workload')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Open cases per officer of a team, the oldest, and those at risk' })
  @ApiOkResponse({ type: TeamWorkloadView })
  @ApiNotFoundResponse({ type: ProblemDocument, description: 'No such team, or not one the caller supervises' })
  workload(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<TeamWorkloadView> {
    return this.queue.workload(principal, code);
  }
}
