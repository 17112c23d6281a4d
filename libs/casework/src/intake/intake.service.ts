import { Injectable } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, ComplaintsService, CreateComplaintDto, ComplaintView } from '@redress/complaints';
import { SlaClockService, SlaTimers } from '@redress/escalation';
import { IdempotentResult } from '@redress/idempotency';
import { addOutboxEvent, OutboxTrigger } from '@redress/notifications';
import { EntityManager } from 'typeorm';
import { RoutingService } from '../routing/routing.service';
import { complaintEventPayload } from '../workflow/event-payload';

/**
 * Intake as the case workflow sees it: the complaint is stored with its SLA clock started, routed
 * to a team (and an officer, when the team auto-assigns), and its first timeline event written, all
 * in one transaction; its timer and webhooks go out once that commits.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly routing: RoutingService,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxTrigger,
  ) {}

  async submit(principal: Principal, dto: CreateComplaintDto, idempotencyKey?: string): Promise<IdempotentResult<ComplaintView>> {
    let stored: Complaint | null = null;
    let routingNote: Record<string, unknown> = {};
    const result = await this.complaints.submit(principal, dto, idempotencyKey, {
      beforeInsert: async (manager: EntityManager, complaint: Complaint, now: Date) => {
        await this.clocks.start(complaint, now);
        const routing = await this.routing.route(manager, complaint);
        complaint.teamCode = routing.team?.code ?? null;
        if (routing.assignment?.ok) {
          complaint.assigneeId = routing.assignment.staffId;
          complaint.assignedAt = now;
        }
        routingNote = {
          teamCode: complaint.teamCode,
          assigneeId: complaint.assigneeId,
          autoAssignment: routing.assignment && !routing.assignment.ok ? { ...routing.assignment } : null,
        };
      },
      afterInsert: async (manager: EntityManager, complaint: Complaint, now: Date) => {
        stored = complaint;
        await this.audit.append(manager, {
          complaintId: complaint.id,
          type: 'complaint.received',
          actor: { kind: principal.kind, id: principal.id },
          at: now,
          details: {
            channel: complaint.channel,
            receivedAt: complaint.receivedAt.toISOString(),
            priority: complaint.priority,
            slaPolicy: complaint.slaPolicyCode,
            slaMatchReason: complaint.slaMatchReason,
            possibleDuplicateOf: complaint.possibleDuplicateOf,
            ...JSON.parse(JSON.stringify(routingNote)),
          },
        });
        await addOutboxEvent(manager, { type: 'complaint.received', complaintId: complaint.id, payload: complaintEventPayload(complaint), at: now });
        if (complaint.assigneeId) {
          await addOutboxEvent(manager, { type: 'complaint.assigned', complaintId: complaint.id, payload: complaintEventPayload(complaint), at: now });
        }
      },
    });
    const created = stored as Complaint | null;
    if (created && !result.replayed) {
      await this.timers.schedule(SlaTimers.forRow(created));
      await this.outbox.kick();
    }
    return result;
  }
}
