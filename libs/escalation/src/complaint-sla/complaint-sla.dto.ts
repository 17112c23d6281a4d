import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PauseClockDto {
  @ApiProperty({ example: 'external_appraisal', description: 'One of the policy’s pause reasons' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  reason: string;

  @ApiPropertyOptional({ example: 'Card sent to the scheme for chargeback evidence' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ExtendMilestoneDto {
  @ApiProperty({ example: 'final_response' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  milestone: string;

  @ApiProperty({ example: 'P30D', description: 'The new total allowance, not the increment' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  duration: string;

  @ApiProperty({ example: 'Merchant records requested from the acquirer' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-12-01T10:00:00+08:00', description: 'When the customer was told of the extension' })
  @IsISO8601({ strict: true })
  customerNoticeAt: string;
}

export class RestartClockDto {
  @ApiProperty({ example: 'new_facts', description: 'One of the policy’s restart reasons (NFRA: new facts from the customer)' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  reason: string;
}
