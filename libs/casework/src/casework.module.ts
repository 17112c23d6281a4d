import { Module } from '@nestjs/common';
import { CommunicationsModule } from '@redress/communications';
import { ComplaintsModule } from '@redress/complaints';
import { EscalationModule } from '@redress/escalation';
import { NotificationsModule } from '@redress/notifications';
import { OrganisationModule } from '@redress/organisation';
import { ComplaintsController } from './intake/complaints.controller';
import { IntakeService } from './intake/intake.service';
import { IntakeStore } from './intake/intake-store';
import { QueueController } from './queue/queue.controller';
import { QueueService } from './queue/queue.service';
import { RoutingService } from './routing/routing.service';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineService } from './timeline/timeline.service';
import { WorkflowController } from './workflow/workflow.controller';
import { ComplaintUpdateService } from './workflow/complaint-update.service';
import { WorkflowService } from './workflow/workflow.service';

/** The case workflow over HTTP: intake with routing, the lifecycle actions, the queue, the timeline. */
@Module({
  imports: [ComplaintsModule, EscalationModule, OrganisationModule, NotificationsModule, CommunicationsModule],
  controllers: [ComplaintsController, WorkflowController, QueueController, TimelineController],
  providers: [IntakeService, IntakeStore, RoutingService, WorkflowService, ComplaintUpdateService, QueueService, TimelineService],
  exports: [IntakeService],
})
export class CaseworkModule {}
