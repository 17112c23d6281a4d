import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '@redress/idempotency';
import { Complaint } from './complaint.entity';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { NotInFutureConstraint } from './validation/timestamps';

@Module({
  imports: [TypeOrmModule.forFeature([Complaint]), IdempotencyModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, NotInFutureConstraint],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}
