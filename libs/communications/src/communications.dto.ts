import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimestamp } from '@redress/complaints';
import { LANGUAGES, type Language, LETTER_KINDS, type LetterKind } from '@redress/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { COMMUNICATION_CHANNELS, type CommunicationChannel, DELIVERY_STATES, type DeliveryState } from './communication.entity';

export class PreviewCommunicationDto {
  @ApiProperty({ enum: LETTER_KINDS, example: 'holding_reply', description: 'Which letter; it is written in the customer’s preferred language' })
  @IsIn(LETTER_KINDS)
  template: LetterKind;

  @ApiPropertyOptional({ example: '需要向发卡机构调取交易凭证，预计还需十个工作日。', description: 'holding_reply: why the answer is late, as the customer will read it' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ example: '2027-01-05T18:00:00+08:00', description: 'holding_reply: when the customer can now expect the final response' })
  @IsOptional() @IsTimestamp()
  newExpectedAt?: string;

  @ApiPropertyOptional({ example: '2026年11月的信用卡对账单复印件', description: 'information_request: what the customer is asked to send' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000)
  requestedInformation?: string;
}

export class SendCommunicationDto extends PreviewCommunicationDto {
  @ApiProperty({
    enum: COMMUNICATION_CHANNELS,
    example: 'email',
    description: 'email goes to the customer’s address and is sent through SMTP_URL when that is set; the other channels are recorded as sent by staff',
  })
  @IsIn(COMMUNICATION_CHANNELS)
  channel: CommunicationChannel;

  @ApiPropertyOptional({
    example: '2026-12-01T10:30:00+08:00',
    description: 'When it went out; default now, never in the future. Not accepted for an e-mail this service sends: that is sent now',
  })
  @IsOptional() @IsTimestamp()
  sentAt?: string;

  @ApiPropertyOptional({ example: 'Our final response to your complaint – reference CMP-2026-000123', description: 'Replaces the template’s subject' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ description: 'Replaces the template’s text, e.g. after the officer edited the preview. The template is still rendered first, so the facts it needs are still required' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20000)
  body?: string;
}

export class LetterPreviewView {
  @ApiProperty({ enum: LETTER_KINDS, example: 'acknowledgement' }) template: LetterKind;
  @ApiProperty({ enum: LANGUAGES, example: 'zh' }) language: Language;
  @ApiProperty({ example: '我们已收到您的投诉（编号：CMP-2026-000123）' }) subject: string;
  @ApiProperty({
    example:
      '尊敬的李娜：\n\n我们已于2026年11月28日收到您的投诉，投诉编号为CMP-2026-000123。今后就此事与我们联系时，请提供该编号。\n\n' +
      '我们正在处理您的投诉，将于2026年12月18日前向您作出答复。如需您补充材料，我们会及时与您联系。\n\n此致\n敬礼！\n\n客户投诉处理团队',
  })
  body: string;
}

export class CommunicationView extends LetterPreviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ enum: COMMUNICATION_CHANNELS, example: 'email' }) channel: CommunicationChannel;
  @ApiProperty({ nullable: true, type: String, example: 'li.na@example.com', description: 'Address, number or portal account; null when the complaint holds none' })
  recipient: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ example: 'officer-wang' }) sentBy: string;
  @ApiProperty({
    enum: DELIVERY_STATES,
    example: 'sent',
    description: 'recorded: logged as sent by staff; sent: accepted by the SMTP server; failed: refused by it (see deliveryError; post again to retry)',
  })
  delivery: DeliveryState;
  @ApiProperty({ nullable: true, type: String, example: null }) deliveryError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
