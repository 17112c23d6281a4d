import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarRecord } from './calendar.entity';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';
import { HolidayScheduleRecord } from './holiday-schedule.entity';
import { SlaConfigService } from './sla-config.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicyRecord } from './sla-policy.entity';

/** SLA policies and business calendars: their admin API, and SlaConfigService for the workflow and the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicyRecord, CalendarRecord, HolidayScheduleRecord])],
  controllers: [SlaPoliciesController, CalendarsController],
  providers: [SlaConfigService, SlaPoliciesService, CalendarsService],
  exports: [SlaConfigService],
})
export class SlaModule {}
