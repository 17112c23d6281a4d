import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplaintsModule } from '@redress/complaints';
import { SlaModule } from '@redress/sla';
import { Communication } from './communication.entity';
import { CommunicationsController } from './communications.controller';
import { CommunicationsService } from './communications.service';
import { LetterScheduleReader } from './letter-schedule';
import { Mailer } from './mailer';
import { Survey } from './survey.entity';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** Letters and e-mails to customers, and the satisfaction survey. */
@Module({
  imports: [TypeOrmModule.forFeature([Communication, Survey]), ComplaintsModule, SlaModule],
  controllers: [CommunicationsController, SurveysController],
  providers: [CommunicationsService, SurveysService, Mailer, LetterScheduleReader],
  exports: [CommunicationsService, SurveysService, Mailer],
})
export class CommunicationsModule {}
