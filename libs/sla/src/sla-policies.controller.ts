import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@redress/auth';
import { ProblemDocument, ValidationProblem } from '@redress/http';
import { PolicyView, SlaConfigService } from './sla-config.service';
import { CreateSlaPolicyDto } from './sla-policy.dto';

const STAFF = ['officer', 'supervisor', 'manager', 'analyst', 'admin'] as const;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

@ApiTags('sla')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller()
export class SlaPoliciesController {
  constructor(private readonly config: SlaConfigService) {}

  @Get('v1/sla-policies')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The regulators’ presets (CN_NFRA_2020, UK_FCA_DISP, EU_PSD2, US_CFPB, AU_ASIC_RG271) and the bank’s own policies' })
  @ApiOkResponse({ description: 'Policies with their milestones, ladders and match criteria' })
  list(): Promise<PolicyView[]> {
    return this.config.list();
  }

  @Get('v1/sla-policies/:code')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'One policy' })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@Param('code') code: string): Promise<PolicyView> {
    return this.config.get(code);
  }

  @Post('v1/sla-policies')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a policy of the bank’s own; the most specific matching policy wins at intake' })
  @ApiCreatedResponse({ description: 'The stored policy' })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Every problem with the policy, in words' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The code is taken (or is a preset)' })
  create(@Body() dto: CreateSlaPolicyDto): Promise<PolicyView> {
    return this.config.create(dto);
  }

  @Get('v1/sla-policies/:code/preview')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'When each milestone would fall due for a complaint received at a given instant',
    description: 'For telling a customer when to expect an answer, and for checking a preset against the rule it encodes.',
  })
  @ApiQuery({ name: 'receivedAt', example: '2026-09-30T15:00:00+08:00' })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  preview(@Param('code') code: string, @Query('receivedAt') receivedAt?: string) {
    if (!receivedAt || !WITH_OFFSET.test(receivedAt) || Number.isNaN(Date.parse(receivedAt))) {
      throw new ValidationProblem([{ field: 'receivedAt', messages: ['receivedAt must be an ISO 8601 instant with a time zone'] }]);
    }
    return this.config.preview(code, new Date(receivedAt));
  }

  @Get('v1/calendars')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Calendar ids policies may count in' })
  calendars(): Promise<string[]> {
    return this.config.calendarIds();
  }
}
