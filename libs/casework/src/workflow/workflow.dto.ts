import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { PRIORITY_LEVELS, RESOLUTION_OUTCOMES } from '@redress/domain';
import { ComplaintView, IsTimestamp } from '@redress/complaints';

export class RedressDto {
  @ApiProperty({ example: 268.5 })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0)
  amount: number;

  @ApiProperty({ example: 'CNY' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;
}

/**
 * The body of `POST /v1/complaints/{id}/{action}`. Each action needs some of these fields (resolve:
 * outcome, rootCauseCode, summary; reopen, withdraw and request-review: reason; merge: primaryId;
 * close: finalResponseSentAt, unless a final response or summary resolution was recorded as a
 * communication, whose time is then taken). Which ones
 * an action requires is checked by the workflow, which names every missing field.
 */
export class TransitionDto {
  @ApiPropertyOptional({ example: 'Customer provided the merchant receipt showing a single purchase' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ enum: RESOLUTION_OUTCOMES, example: 'upheld' })
  @IsOptional() @IsString()
  outcome?: string;

  @ApiPropertyOptional({ example: 'CARD.DUPLICATE_POSTING', description: 'Root-cause code for the improvement reviews' })
  @IsOptional() @IsString() @MaxLength(64)
  rootCauseCode?: string;

  @ApiPropertyOptional({ example: 'The duplicate charge was refunded and the posting fault fixed.' })
  @IsOptional() @IsString() @MaxLength(10000)
  summary?: string;

  @ApiPropertyOptional({ type: RedressDto, nullable: true })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RedressDto)
  redress?: RedressDto | null;

  @ApiPropertyOptional({ example: '2026-12-03T10:00:00+08:00', description: 'close: when the final response went out' })
  @IsOptional() @IsTimestamp()
  finalResponseSentAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'merge: the complaint to merge this one into' })
  @IsOptional() @IsUUID()
  primaryId?: string;
}

export class SurveyLinkView {
  @ApiProperty({ example: 'q3Vb0cX9T1mZr8sWl2kPjHfNaYdEuGiO4tR7yB5nM6w' })
  token: string;

  @ApiProperty({ example: '/v1/surveys/q3Vb0cX9T1mZr8sWl2kPjHfNaYdEuGiO4tR7yB5nM6w', description: 'Relative to the API base URL; no login needed' })
  path: string;

  @ApiProperty({ example: '2027-01-02T10:00:00.000Z' })
  expiresAt: string;
}

export class TransitionResultView extends ComplaintView {
  @ApiProperty({
    type: [String],
    example: ['final_response'],
    description: 'Letters the customer must now receive (see the communications endpoints)',
  })
  requiredNotices: string[];

  @ApiProperty({ type: [String], example: ['investigating', 'withdraw'], description: 'What the caller may do next' })
  allowedActions: string[];

  @ApiPropertyOptional({
    type: SurveyLinkView,
    description:
      'resolve only: the satisfaction survey link to send the customer with the decision. It is shown this once: only its hash is kept.',
  })
  survey?: SurveyLinkView;
}


/** The body of `PATCH /v1/complaints/{id}`: a correction of the case's facts, with the reason. */
export class UpdateComplaintDto {
  @ApiPropertyOptional({ example: 'card_fraud', description: 'The corrected category; the SLA policy is matched again' })
  @IsOptional() @IsString() @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ enum: PRIORITY_LEVELS, example: 'urgent', description: 'A priority set by staff, replacing the computed one; the SLA policy is matched again' })
  @IsOptional() @IsString()
  priority?: string;

  @ApiProperty({ example: 'Customer confirmed the card was stolen, not a billing error', description: 'Why; kept on the timeline' })
  @IsString() @MaxLength(2000)
  reason: string;
}
