import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { AuditVerificationView, NoteDto, TimelineEventView, TimelineView } from './timeline.dto';
import { TimelineService } from './timeline.service';

@ApiTags('timeline')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@ApiNotFoundResponse({ type: ProblemDocument, description: 'No such complaint, or not one the caller may see' })
@Controller('v1/complaints/:id')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get('timeline')
  @Roles('officer', 'supervisor', 'manager', 'analyst', 'admin')
  @ApiOperation({ summary: 'Every event of the complaint in order: intake, actions, assignments, notes, letters, SLA alerts' })
  @ApiOkResponse({ type: TimelineView })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TimelineView> {
    return this.timeline.timeline(principal, id);
  }

  @Post('notes')
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Add an internal note to the timeline' })
  @ApiCreatedResponse({ type: TimelineEventView })
  addNote(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: NoteDto): Promise<TimelineEventView> {
    return this.timeline.addNote(principal, id, dto.text);
  }

  @Get('audit/verify')
  @Roles('supervisor', 'manager', 'analyst', 'admin')
  @ApiOperation({
    summary: 'Check the audit chain',
    description: 'Recomputes every event’s hash from its content and the previous hash; reports the first event that does not match.',
  })
  @ApiOkResponse({ type: AuditVerificationView })
  verify(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<AuditVerificationView> {
    return this.timeline.verify(principal, id);
  }
}
