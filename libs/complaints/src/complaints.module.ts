import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '@redress/idempotency';
import { AuditTrail } from './audit/audit-trail.service';
import { ComplaintEvent } from './audit/complaint-event.entity';
import { Complaint } from './complaint.entity';
import { ComplaintsService } from './complaints.service';
import { NotInFutureConstraint } from './validation/timestamps';

@Module({
  imports: [TypeOrmModule.forFeature([Complaint, ComplaintEvent]), IdempotencyModule],
  providers: [ComplaintsService, NotInFutureConstraint, AuditTrail],
  exports: [ComplaintsService, AuditTrail, TypeOrmModule],
})
export class ComplaintsModule {}
