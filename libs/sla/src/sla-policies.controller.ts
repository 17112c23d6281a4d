import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { SlaPoliciesService } from './sla-policies.service';
import { PolicyPreviewView, PreviewQueryDto, SlaPolicyDto, SlaPolicyView } from './sla-policy.dto';

@ApiTags('sla')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller('v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The regulators’ presets (CN_NFRA_2020, UK_FCA_DISP, EU_PSD2, US_CFPB, AU_ASIC_RG271), then the bank’s own policies' })
  @ApiOkResponse({ type: [SlaPolicyView] })
  list(): Promise<SlaPolicyView[]> {
    return this.policies.list();
  }

  @Get(':code')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One policy: milestones, escalation ladder, extensions, pauses, variants and match criteria' })
  @ApiOkResponse({ type: SlaPolicyView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@Param('code') code: string): Promise<SlaPolicyView> {
    return this.policies.get(code);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a policy of the bank’s own',
    description: 'At intake the most specific policy whose match criteria all hold is chosen; on a tie the bank’s own policy wins over a preset, then the lower code.',
  })
  @ApiCreatedResponse({ type: SlaPolicyView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Every problem with the policy, each at its field (e.g. milestones.0.duration, calendar)' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The code is taken, or is a preset’s' })
  create(@Body() dto: SlaPolicyDto): Promise<SlaPolicyView> {
    return this.policies.create(dto);
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace a policy of the bank’s own (a deleted one becomes active again)',
    description: 'New complaints get the new edition; complaints already under the policy keep the edition their clock started with.',
  })
  @ApiOkResponse({ type: SlaPolicyView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'Presets are read-only' })
  replace(@Param('code') code: string, @Body() dto: SlaPolicyDto): Promise<SlaPolicyView> {
    return this.policies.replace(code, dto);
  }

  @Delete(':code')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a policy of the bank’s own: no new complaint gets it; complaints under it keep it' })
  @ApiOkResponse({ type: SlaPolicyView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'Presets are read-only; the default policy (SLA_DEFAULT_POLICY) cannot be deleted' })
  remove(@Param('code') code: string): Promise<SlaPolicyView> {
    return this.policies.deactivate(code);
  }

  @Get(':code/preview')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'When each milestone would fall due for a complaint received at a given instant',
    description:
      'For telling a customer when to expect an answer, and for checking a policy against the rule it encodes. receivedAt may lie in the past or the future.',
  })
  @ApiOkResponse({ type: PolicyPreviewView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'receivedAt missing or without a time zone, or an unknown variant' })
  @ApiNotFoundResponse({ type: ProblemDocument })
  preview(@Param('code') code: string, @Query() query: PreviewQueryDto): Promise<PolicyPreviewView> {
    return this.policies.preview(code, query);
  }
}
