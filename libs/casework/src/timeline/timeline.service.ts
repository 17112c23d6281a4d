import { ForbiddenException, Injectable } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, ComplaintEvent, ComplaintsService, lockComplaint } from '@redress/complaints';
import { Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { AuditVerificationView, TimelineEventView, TimelineView } from './timeline.dto';

/** The complaint's history as its hash-chained audit trail records it. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly audit: AuditTrail,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async timeline(principal: Principal, id: string): Promise<TimelineView> {
    const complaint = await this.complaints.findVisible(principal, id);
    return { complaintId: complaint.id, events: (await this.audit.events(complaint.id)).map(toEventView) };
  }

  async addNote(principal: Principal, id: string, text: string): Promise<TimelineEventView> {
    const visible = await this.complaints.findVisible(principal, id);
    if (principal.kind !== 'staff') throw new ForbiddenException('Notes are written by staff');
    const event = await this.transactions.run(async (manager) => {
      await lockComplaint(manager, visible.id);
      return this.audit.append(manager, {
        complaintId: visible.id,
        type: 'note.added',
        actor: { kind: 'staff', id: principal.id },
        at: this.clock.now(),
        details: { text },
      });
    });
    return toEventView(event);
  }

  async verify(principal: Principal, id: string): Promise<AuditVerificationView> {
    const complaint = await this.complaints.findVisible(principal, id);
    return this.audit.verify(complaint.id);
  }
}

function toEventView(event: ComplaintEvent): TimelineEventView {
  return {
    seq: event.seq,
    type: event.type,
    actor: { kind: event.actorKind, id: event.actorId },
    at: new Date(event.at).toISOString(),
    details: event.details,
    hash: event.hash,
  };
}
