import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { ALERT_KINDS, type AlertKind } from './alert.entity';

export class ListAlertsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  complaintId?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional() @IsIn(ALERT_KINDS)
  kind?: AlertKind;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only acknowledged (true) or unacknowledged (false) alerts' })
  @IsOptional() @IsIn(['true', 'false'])
  acknowledged?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString()
  cursor?: string;
}
