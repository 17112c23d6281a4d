import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import type { Response } from 'express';
import { ComplaintPage, ComplaintView, ComplaintsService, CreateComplaintDto, ListComplaintsQueryDto } from '@redress/complaints';
import { ComplaintUpdateService } from '../workflow/complaint-update.service';
import { UpdateComplaintDto } from '../workflow/workflow.dto';
import { IntakeService } from './intake.service';

/** A strong validator: the complaint's version, which every change increments. */
export function etag(version: number): string {
  return `"${version}"`;
}

@ApiTags('complaints')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@ApiUnauthorizedResponse({ type: ProblemDocument, description: 'No or invalid credentials' })
@ApiForbiddenResponse({ type: ProblemDocument, description: 'The caller lacks the role for this action' })
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly complaints: ComplaintsService,
    private readonly updates: ComplaintUpdateService,
  ) {}

  @Post()
  @Roles('integration', 'officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Submit a complaint from any channel',
    description:
      'Stores the complaint with status "received", a reference, a priority with its reasons and, when the same customer ' +
      'complained about the same thing within 30 days, possibleDuplicateOf. Retry safely with an Idempotency-Key.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first result (kept ≥ 24 h)' })
  @ApiCreatedResponse({ type: ComplaintView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Invalid fields, each named in errors[]' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'externalRef already used on this channel; existingId names the complaint' })
  @ApiUnprocessableEntityResponse({ type: ProblemDocument, description: 'Idempotency-Key reused with a different body' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDocument, description: 'The body is not JSON' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateComplaintDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintView> {
    const result = await this.intake.submit(principal, dto, idempotencyKey);
    res.status(result.status).location(`/v1/complaints/${result.body.id}`).setHeader('ETag', etag(result.body.version));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get()
  @Roles('officer', 'supervisor', 'manager', 'analyst', 'admin', 'integration')
  @ApiOperation({ summary: 'List complaints, newest received first, with filters and a keyset cursor' })
  @ApiOkResponse({ type: ComplaintPage })
  @ApiBadRequestResponse({ type: ProblemDocument })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListComplaintsQueryDto): Promise<ComplaintPage> {
    return this.complaints.list(principal, query);
  }

  @Get(':id')
  @Roles('officer', 'supervisor', 'manager', 'analyst', 'admin', 'integration')
  @ApiOperation({
    summary: 'One complaint',
    description: 'Officers and supervisors see their teams’ complaints (officers also their own); integration clients what they submitted. The ETag header is the version to send back in If-Match.',
  })
  @ApiOkResponse({ type: ComplaintView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintView> {
    const view = await this.complaints.get(principal, id);
    res.setHeader('ETag', etag(view.version));
    return view;
  }

  @Patch(':id')
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Correct a complaint’s category or priority',
    description:
      'For whoever may work the case (its officer, its team’s supervisor, managers), until it is closed. The SLA policy is ' +
      'matched again and the deadlines recomputed; the timeline records each field before and after, with the reason. ' +
      'Sending the current values changes nothing.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag as last read; a stale one is refused with 412' })
  @ApiOkResponse({ type: ComplaintView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Invalid fields, each named in errors[]; reason is required' })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The complaint is closed, withdrawn or merged' })
  @ApiPreconditionFailedResponse({ type: ProblemDocument, description: 'If-Match does not match the current version' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateComplaintDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintView> {
    const view = await this.updates.update(principal, id, dto, ifMatch);
    res.setHeader('ETag', etag(view.version));
    return view;
  }
}
