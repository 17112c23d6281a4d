import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OUTBOX_EVENT_TYPES, OutboxEventType } from '../outbox/outbox';
import { DELIVERY_STATUSES, DeliveryStatus } from './webhook-delivery.entity';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true };

export class CreateWebhookDto {
  @ApiProperty({ example: 'Call centre CRM' })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'https://crm.bank.example/hooks/redress', description: 'http(s) URL without credentials; it is POSTed each event' })
  @IsUrl(URL_OPTIONS, { message: 'url must be an http or https URL without user name or password' }) @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: OUTBOX_EVENT_TYPES, isArray: true, example: ['complaint.received', 'complaint.status_changed', 'complaint.resolved'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(OUTBOX_EVENT_TYPES.length) @IsIn(OUTBOX_EVENT_TYPES, { each: true, message: `each event must be one of ${OUTBOX_EVENT_TYPES.join(', ')}` })
  events: OutboxEventType[];

  @ApiProperty({
    example: 'whsec_5c1f9e0a7b3d42e8a6f1',
    minLength: 16,
    maxLength: 200,
    writeOnly: true,
    description: 'Key for the Redress-Signature HMAC. Never returned: responses show only its last four characters',
  })
  @IsString() @MinLength(16) @MaxLength(200)
  secret: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive webhook is sent nothing' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/** PUT replaces the webhook; only the secret may be left out, to keep the current one. */
export class ReplaceWebhookDto extends OmitType(CreateWebhookDto, ['secret'] as const) {
  @ApiPropertyOptional({ example: 'whsec_0d4e7b2a9c1f53e8b6a2', minLength: 16, maxLength: 200, writeOnly: true, description: 'A new key; leave out to keep the current one' })
  @IsOptional() @IsString() @MinLength(16) @MaxLength(200)
  secret?: string;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'failed' })
  @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
