import { Controller, Get, Headers, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import type { Response } from 'express';
import { AlertStreamService } from './alert-stream.service';

const EXAMPLE_EVENT = [
  'id: 0b7c6a53-2f1e-4f59-9d43-5f0a8f6d2c11',
  'event: alert',
  'data: {"id":"0b7c6a53-2f1e-4f59-9d43-5f0a8f6d2c11","complaintId":"5a1f3c2e-8d4b-4e6a-9c7d-2b1e0f9a8c76",' +
    '"reference":"CMP-2026-000123","teamCode":"CARDS","recipients":["off-117","sup-li"],"kind":"warning",' +
    '"milestone":"final_response","level":null,"fraction":0.75,"dueAt":"2026-12-12T09:00:00.000Z",' +
    '"thresholdAt":"2026-12-08T09:00:00.000Z","raisedAt":"2026-12-08T09:00:00.120Z"}',
  '',
].join('\n');

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument, description: 'No or invalid bearer token' })
@ApiForbiddenResponse({ type: ProblemDocument, description: 'The caller lacks the role for this action' })
@Controller('v1/alerts')
export class AlertStreamController {
  constructor(private readonly alerts: AlertStreamService) {}

  @Get('stream')
  @Roles('officer', 'supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'Live SLA alerts as Server-Sent Events',
    description:
      'Officers receive alerts addressed to them, supervisors those of their teams (token claim `teams`) and those addressed ' +
      'to them, managers and admins every alert. Each alert is `id`, `event: alert` and `data` (JSON); a `: heartbeat` ' +
      'comment follows every 15 s of quiet. Reconnect with `Last-Event-ID` to receive the alerts raised since that one.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last alert received, to replay what followed' })
  @ApiOkResponse({ description: 'An open event stream', content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_EVENT } } })
  stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    return this.alerts.stream(principal, lastEventId, res);
  }
}
