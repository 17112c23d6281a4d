import { ApiProperty, ApiPropertyOptional, ApiExtraModels } from '@nestjs/swagger';
import { CHANNELS, Channel, WORKFLOW_STATUSES, WorkflowStatus, LANGUAGES, Language, PRIORITY_LEVELS, PriorityLevel } from '@redress/domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ChannelDetailsFor } from './validation/channel-details';
import { IsCalendarDate, IsTimestamp, NotAfter, NotInFuture } from './validation/timestamps';

const ID = /^[A-Za-z0-9._:\-/]+$/;

export class CustomerDto {
  @ApiProperty({ example: 'C-000123', description: "The bank's customer number" })
  @IsString() @IsNotEmpty() @MaxLength(64) @Matches(ID, { message: 'id may contain letters, digits and . _ : - / only' })
  id: string;

  @ApiProperty({ example: '王小明' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'xiaoming.wang@example.com' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+86 138 0013 8000' })
  @IsOptional() @IsString() @Matches(/^\+?[0-9 ()-]{5,32}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '上海市浦东新区世纪大道100号' })
  @IsOptional() @IsString() @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: '6222021234567890', description: 'The account the complaint concerns' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9 -]{4,34}$/, { message: 'accountNumber must be 4-34 letters or digits' })
  accountNumber?: string;

  @ApiProperty({ enum: LANGUAGES, example: 'zh', description: 'Language for letters to the customer' })
  @IsIn(LANGUAGES)
  preferredLanguage: Language;

  @ApiPropertyOptional({ default: false, description: 'Customer in vulnerable circumstances (raises priority)' })
  @IsOptional() @IsBoolean()
  vulnerable?: boolean;
}

export class MoneyDto {
  @ApiProperty({ example: 12000.5 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e13)
  amount: number;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 currency code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;
}

export class PhoneDetailsDto {
  @ApiProperty({ example: 'CALL-20261128-0042', description: "The telephony platform's call id" })
  @IsString() @IsNotEmpty() @MaxLength(64)
  callId: string;

  @ApiProperty({ example: 'agent-117', description: 'The call-centre agent who took the call' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  agentId: string;

  @ApiPropertyOptional({ example: 'rec://2026/11/28/0042' })
  @IsOptional() @IsString() @MaxLength(256)
  recordingRef?: string;
}

export class WebDetailsDto {
  @ApiProperty({ example: 'WF-88412', description: "The web form's submission id" })
  @IsString() @IsNotEmpty() @MaxLength(64)
  submissionId: string;

  @ApiPropertyOptional({ description: 'Whether the customer was logged in to online banking' })
  @IsOptional() @IsBoolean()
  authenticated?: boolean;
}

export class MobileAppDetailsDto {
  @ApiProperty({ enum: ['ios', 'android', 'harmonyos'] })
  @IsIn(['ios', 'android', 'harmonyos'])
  platform: string;

  @ApiProperty({ example: '7.4.1' })
  @IsString() @Matches(/^[0-9A-Za-z.+-]{1,32}$/, { message: 'appVersion must be a version string' })
  appVersion: string;

  @ApiPropertyOptional({ example: 'sess-4f1c' })
  @IsOptional() @IsString() @MaxLength(64)
  sessionId?: string;
}

export class BranchDetailsDto {
  @ApiProperty({ example: 'SH-PD-012' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  branchCode: string;

  @ApiProperty({ example: 'staff-2291', description: 'The member of staff who took the complaint' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  takenBy: string;
}

export class EmailDetailsDto {
  @ApiProperty({ example: 'customer@example.com' })
  @IsEmail() @MaxLength(254)
  senderAddress: string;

  @ApiProperty({ example: '<CAF=42x@mail.example.com>', description: 'The Message-ID header' })
  @IsString() @IsNotEmpty() @MaxLength(998)
  messageId: string;

  @ApiPropertyOptional({ example: 'Card charged twice' })
  @IsOptional() @IsString() @MaxLength(998)
  subject?: string;
}

export class LetterDetailsDto {
  @ApiProperty({ example: '2026-11-20', description: 'The date written on the letter' })
  @IsCalendarDate() @NotInFuture()
  letterDate: string;

  @ApiProperty({ example: 'DMS-2026-11-000731', description: 'Reference of the scanned letter in the document store' })
  @IsString() @IsNotEmpty() @MaxLength(128)
  scannedDocumentRef: string;
}

export class SocialMediaDetailsDto {
  @ApiProperty({ example: 'weibo' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  platform: string;

  @ApiProperty({ example: '@xiaoming' })
  @IsString() @IsNotEmpty() @MaxLength(128)
  handle: string;

  @ApiProperty({ example: 'https://weibo.com/123/456' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(2048)
  postUrl: string;

  @ApiPropertyOptional({ description: 'Whether the post is publicly visible', default: true })
  @IsOptional() @IsBoolean()
  public?: boolean;
}

export class RegulatorReferralDetailsDto {
  @ApiProperty({ example: 'NFRA', description: 'The referring regulator or ombudsman (NFRA, PBOC, FCA, FOS, CFPB, ...)' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  regulator: string;

  @ApiProperty({ example: 'NFRA-SH-2026-10441' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  regulatorReference: string;

  @ApiProperty({ example: '2026-11-27T16:00:00+08:00', description: 'When the regulator forwarded the complaint' })
  @IsTimestamp() @NotInFuture()
  forwardedAt: string;
}

export const CHANNEL_DETAIL_PROPERTIES = {
  phone: 'phone',
  web: 'web',
  mobile_app: 'mobileApp',
  branch: 'branch',
  email: 'email',
  letter: 'letter',
  social_media: 'socialMedia',
  regulator_referral: 'regulatorReferral',
} as const satisfies Record<Channel, string>;

@ApiExtraModels(PhoneDetailsDto, WebDetailsDto, MobileAppDetailsDto, BranchDetailsDto, EmailDetailsDto, LetterDetailsDto, SocialMediaDetailsDto, RegulatorReferralDetailsDto)
export class CreateComplaintDto {
  @ApiProperty({ enum: CHANNELS, example: 'phone', description: 'Where the complaint came in; the matching details object is required' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ type: CustomerDto })
  @IsObject() @ValidateNested() @Type(() => CustomerDto)
  customer: CustomerDto;

  @ApiProperty({ example: '信用卡同一笔消费被重复扣款两次，联系客服后仍未退回。', description: 'The complaint in the customer\'s words (Chinese or English)' })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  description: string;

  @ApiProperty({ example: 'credit_card' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  product: string;

  @ApiPropertyOptional({ example: 'billing_dispute', description: 'Complaint category, when the channel already knows it' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9_.-]{1,64}$/, { message: 'category must be a lowercase code (a-z, 0-9, _ . -)' })
  category?: string;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto)
  disputedAmount?: MoneyDto;

  @ApiPropertyOptional({ example: '2026-11-20T14:05:00+08:00', description: 'When the problem happened' })
  @IsOptional() @IsTimestamp() @NotInFuture() @NotAfter('receivedAt')
  occurredAt?: string;

  @ApiPropertyOptional({
    example: '2026-11-28T09:30:00+08:00',
    description: "When the bank received the complaint: the SLA clock starts here. Defaults to now; may be in the past (letters, e-mail, referrals), never in the future.",
  })
  @IsOptional() @IsTimestamp() @NotInFuture()
  receivedAt?: string;

  @ApiPropertyOptional({ example: 'CC-2026-0042', description: "The channel's own id; unique per channel (a second submission is 409)" })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  externalRef?: string;

  @ApiPropertyOptional({
    example: 'CN',
    description: "ISO 3166 country whose regulator's rules apply (picks the SLA policy); defaults to the bank's DEFAULT_JURISDICTION",
  })
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166 country code such as CN or GB' })
  jurisdiction?: string;

  @ApiPropertyOptional({ type: PhoneDetailsDto, description: 'Required when channel = phone' })
  @ChannelDetailsFor('phone', PhoneDetailsDto)
  phone?: PhoneDetailsDto;

  @ApiPropertyOptional({ type: WebDetailsDto, description: 'Required when channel = web' })
  @ChannelDetailsFor('web', WebDetailsDto)
  web?: WebDetailsDto;

  @ApiPropertyOptional({ type: MobileAppDetailsDto, description: 'Required when channel = mobile_app' })
  @ChannelDetailsFor('mobile_app', MobileAppDetailsDto)
  mobileApp?: MobileAppDetailsDto;

  @ApiPropertyOptional({ type: BranchDetailsDto, description: 'Required when channel = branch' })
  @ChannelDetailsFor('branch', BranchDetailsDto)
  branch?: BranchDetailsDto;

  @ApiPropertyOptional({ type: EmailDetailsDto, description: 'Required when channel = email' })
  @ChannelDetailsFor('email', EmailDetailsDto)
  email?: EmailDetailsDto;

  @ApiPropertyOptional({ type: LetterDetailsDto, description: 'Required when channel = letter' })
  @ChannelDetailsFor('letter', LetterDetailsDto)
  letter?: LetterDetailsDto;

  @ApiPropertyOptional({ type: SocialMediaDetailsDto, description: 'Required when channel = social_media' })
  @ChannelDetailsFor('social_media', SocialMediaDetailsDto)
  socialMedia?: SocialMediaDetailsDto;

  @ApiPropertyOptional({ type: RegulatorReferralDetailsDto, description: 'Required when channel = regulator_referral' })
  @ChannelDetailsFor('regulator_referral', RegulatorReferralDetailsDto)
  regulatorReferral?: RegulatorReferralDetailsDto;
}

export class ListComplaintsQueryDto {
  @ApiPropertyOptional({ enum: WORKFLOW_STATUSES })
  @IsOptional() @IsIn(WORKFLOW_STATUSES)
  status?: WorkflowStatus;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional() @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: 'billing_dispute' })
  @IsOptional() @IsString() @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ enum: PRIORITY_LEVELS })
  @IsOptional() @IsIn(PRIORITY_LEVELS)
  priority?: PriorityLevel;

  @ApiPropertyOptional({ example: 'C-000123' })
  @IsOptional() @IsString() @MaxLength(64)
  customerId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Received at or after' })
  @IsOptional() @IsTimestamp()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Received before' })
  @IsOptional() @IsTimestamp()
  receivedTo?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
