import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlaConfigService } from './sla-config.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPolicyRecord } from './sla-policy.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicyRecord])],
  controllers: [SlaPoliciesController],
  providers: [SlaConfigService],
  exports: [SlaConfigService],
})
export class SlaModule {}
