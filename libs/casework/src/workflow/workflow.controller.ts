import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
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
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@redress/auth';
import type { WorkflowAction } from '@redress/domain';
import { ProblemDocument } from '@redress/http';
import type { Response } from 'express';
import { etag } from '../intake/complaints.controller';
import { TransitionDto, TransitionResultView } from './workflow.dto';
import { WorkflowService } from './workflow.service';

/** Who may call an action at all; the workflow then checks assignment, team and state. */
const ACTING_ROLES: Role[] = ['officer', 'supervisor', 'manager', 'admin', 'integration'];

@ApiTags('workflow')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the complaint as last read; a stale one is refused with 412' })
@ApiOkResponse({ type: TransitionResultView, description: 'The complaint after the transition; ETag carries its new version' })
@ApiBadRequestResponse({ type: ProblemDocument, description: 'A field the action needs is missing or invalid; each is named' })
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument, description: 'The caller’s role or assignment does not allow this action' })
@ApiNotFoundResponse({ type: ProblemDocument, description: 'No such complaint, or not one the caller may see' })
@ApiConflictResponse({ type: ProblemDocument, description: 'Not allowed from the current state: currentState and allowedActions say what is' })
@ApiPreconditionFailedResponse({ type: ProblemDocument, description: 'If-Match does not match the current version' })
@ApiUnprocessableEntityResponse({ type: ProblemDocument, description: 'The reopen or review window has passed' })
@Controller('v1/complaints')
export class WorkflowController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Acknowledge receipt', description: 'received → acknowledged. The customer must get an acknowledgement letter; UK/AU policies count the acknowledge milestone as met.' })
  acknowledge(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'acknowledge', body, ifMatch, res);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Start the investigation', description: 'acknowledged or reopened → investigating.' })
  start(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'start', body, ifMatch, res);
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Ask the customer for information', description: 'investigating → awaiting_customer. Pauses the SLA clock only where the policy allows it (not under NFRA).' })
  requestInfo(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'request-info', body, ifMatch, res);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Resume after the customer answered', description: 'awaiting_customer → investigating; a pause is closed and its time credited.' })
  resume(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'resume', body, ifMatch, res);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Record the decision', description: 'investigating or under_review → resolved. Requires outcome (upheld, partially_upheld, not_upheld), rootCauseCode and summary; redress optional.' })
  resolve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'resolve', body, ifMatch, res);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Close after the final response was sent', description: 'resolved → closed. Requires finalResponseSentAt, or a final_response communication on record. Stops the SLA clock at that instant and creates the satisfaction survey.' })
  close(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'close', body, ifMatch, res);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Reopen a decided complaint', description: 'resolved or closed → reopened, within WORKFLOW_REOPEN_WINDOW_DAYS (30). Requires reason. From closed the SLA clock restarts.' })
  reopen(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'reopen', body, ifMatch, res);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Record that the customer withdrew', description: 'any open status → withdrawn. Requires reason. Integration clients may withdraw what they submitted.' })
  withdraw(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'withdraw', body, ifMatch, res);
  }

  @Post(':id/request-review')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'The customer asks for a review of the decision (核查)', description: 'closed → under_review, within WORKFLOW_REVIEW_WINDOW_DAYS of the final response, once. Requires reason. Starts a fresh clock.' })
  requestReview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'request-review', body, ifMatch, res);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({ summary: 'Merge a duplicate into its primary', description: 'any open status → merged. Requires primaryId of an open complaint of the same customer; supervisors and above only. Both timelines record the link.' })
  merge(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TransitionResultView> {
    return this.act(p, id, 'merge', body, ifMatch, res);
  }

  private async act(
    principal: Principal,
    id: string,
    action: WorkflowAction,
    body: TransitionDto,
    ifMatch: string | undefined,
    res: Response,
  ): Promise<TransitionResultView> {
    const result = await this.workflow.act(principal, id, action, body, ifMatch);
    res.setHeader('ETag', etag(result.version));
    return result;
  }
}
