import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class NoteDto {
  @ApiProperty({ example: 'Called the customer; they will send the receipt by Friday.', description: 'Internal only; never sent to the customer' })
  @IsString() @IsNotEmpty() @MaxLength(10000)
  text: string;
}

export class TimelineActorView {
  @ApiProperty({ enum: ['staff', 'integration', 'system'] }) kind: string;
  @ApiProperty({ example: 'officer-wang' }) id: string;
}

export class TimelineEventView {
  @ApiProperty({ example: 3 }) seq: number;
  @ApiProperty({ example: 'complaint.resolve' }) type: string;
  @ApiProperty({ type: TimelineActorView }) actor: TimelineActorView;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { from: 'investigating', to: 'resolved' } }) details: Record<string, unknown>;
  @ApiProperty({ example: '9f2c…', description: 'SHA-256 linking this event to the previous one' }) hash: string;
}

export class TimelineView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ type: [TimelineEventView] }) events: TimelineEventView[];
}

export class AuditVerificationView {
  @ApiProperty({ example: true }) intact: boolean;
  @ApiProperty({ example: 7, description: 'Events checked' }) events: number;
  @ApiProperty({ required: false, example: 4, description: 'The first event that cannot be trusted' }) firstBrokenSeq?: number;
  @ApiProperty({ required: false, enum: ['hash_mismatch', 'sequence_gap', 'previous_hash_mismatch'] }) reason?: string;
}
