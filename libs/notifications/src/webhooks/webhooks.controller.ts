import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { CreateWebhookDto, ListDeliveriesQueryDto, ReplaceWebhookDto } from './webhooks.dto';
import { WebhooksService } from './webhooks.service';
import { WebhookDeliveryView, WebhookView } from './webhook.view';

const DELIVERY_CONTRACT =
  'Each event is POSTed as JSON `{ id, type, occurredAt, data }` with headers Redress-Event, Redress-Delivery, ' +
  'Redress-Timestamp (Unix seconds) and Redress-Signature `v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`. ' +
  'Verify the signature over the raw body with a constant-time comparison and refuse timestamps more than 5 minutes ' +
  'old. Any 2xx acknowledges; anything else, a timeout (10 s) or a redirect to another host is retried with ' +
  'exponential backoff (10 attempts over about 4 hours by default). Deliveries may repeat: deduplicate on `id`.';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@ApiUnauthorizedResponse({ type: ProblemDocument, description: 'No or invalid credentials' })
@ApiForbiddenResponse({ type: ProblemDocument, description: 'Only admins and integration clients manage webhooks' })
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles('admin', 'integration')
  @ApiOperation({ summary: 'Subscribe a URL to complaint and alert events', description: DELIVERY_CONTRACT })
  @ApiCreatedResponse({ type: WebhookView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Invalid fields, each named in errors[]' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto): Promise<WebhookView> {
    return this.webhooks.create(principal, dto);
  }

  @Get()
  @Roles('admin', 'integration')
  @ApiOperation({ summary: 'Webhooks: all for admins, their own for integration clients' })
  @ApiOkResponse({ type: [WebhookView] })
  list(@CurrentPrincipal() principal: Principal): Promise<WebhookView[]> {
    return this.webhooks.list(principal);
  }

  @Get(':id')
  @Roles('admin', 'integration')
  @ApiOperation({ summary: 'One webhook' })
  @ApiOkResponse({ type: WebhookView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(principal, id);
  }

  @Put(':id')
  @Roles('admin', 'integration')
  @ApiOperation({ summary: 'Replace a webhook (leave out `secret` to keep it; `active` defaults to true)' })
  @ApiOkResponse({ type: WebhookView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  replace(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ReplaceWebhookDto): Promise<WebhookView> {
    return this.webhooks.replace(principal, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'integration')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook and its delivery history' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDocument })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @Roles('admin', 'integration')
  @ApiOperation({ summary: 'Recent deliveries, newest first, with attempts and the last error' })
  @ApiOkResponse({ type: [WebhookDeliveryView] })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ListDeliveriesQueryDto): Promise<WebhookDeliveryView[]> {
    return this.webhooks.listDeliveries(principal, id, query);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @Roles('admin', 'integration')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed delivery again, with a fresh set of attempts' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The delivery has not failed, or the webhook is inactive' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryView> {
    return this.webhooks.retryDelivery(principal, id, deliveryId);
  }
}
