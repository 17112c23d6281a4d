import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { CurrentPrincipal, Principal, Role, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { CommunicationView, LetterPreviewView, PreviewCommunicationDto, SendCommunicationDto } from './communications.dto';
import { CommunicationsService } from './communications.service';

const HANDLING_ROLES: Role[] = ['officer', 'supervisor', 'manager', 'admin'];

@ApiTags('communications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@ApiNotFoundResponse({ type: ProblemDocument, description: 'No such complaint, or not one the caller may see' })
@Controller('v1/complaints/:id/communications')
export class CommunicationsController {
  constructor(private readonly communications: CommunicationsService) {}

  @Post('preview')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  @ApiOperation({
    summary: 'Render a letter without recording it',
    description: 'The template filled with the complaint’s facts and deadlines, in the customer’s preferred language (zh or en).',
  })
  @ApiOkResponse({ type: LetterPreviewView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'A field the letter needs is missing (e.g. reason and newExpectedAt for holding_reply)' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The complaint lacks a fact the letter states (e.g. no decision yet); missingFacts lists them' })
  preview(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: PreviewCommunicationDto): Promise<LetterPreviewView> {
    return this.communications.preview(principal, id, dto);
  }

  @Post()
  @Roles(...HANDLING_ROLES)
  @ApiOperation({
    summary: 'Record a communication to the customer, sending it when it is an e-mail',
    description:
      'Stores what was sent, when, by whom and on which channel, and adds communication.sent to the timeline. An e-mail goes to the ' +
      'customer’s address through SMTP_URL when that is set (delivery "sent"); if the SMTP server refuses it, the record is kept with ' +
      'delivery "failed" and deliveryError, the timeline gets communication.failed, and the answer is still 201: post again to retry. ' +
      'Without SMTP_URL, and on other channels, delivery is "recorded".',
  })
  @ApiCreatedResponse({ type: CommunicationView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Invalid fields, sentAt in the future, or an e-mail for a customer without an address' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The complaint lacks a fact the letter states; missingFacts lists them' })
  record(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: SendCommunicationDto): Promise<CommunicationView> {
    return this.communications.record(principal, id, dto);
  }

  @Get()
  @Roles(...HANDLING_ROLES)
  @ApiOperation({ summary: 'Everything sent to the customer about this complaint, newest first' })
  @ApiOkResponse({ type: [CommunicationView] })
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CommunicationView[]> {
    return this.communications.list(principal, id);
  }
}
