import { Injectable } from '@nestjs/common';
import { Principal, principalKey } from '@redress/auth';
import { Clock } from '@redress/config';
import {
  AuditTrail,
  Complaint,
  ComplaintEvent,
  ComplaintsService,
  ComplaintView,
  CreateComplaintDto,
  externalRefConflict,
  historyWindow,
  SUBMIT_OPERATION,
  toComplaintView,
} from '@redress/complaints';
import { isUniqueViolation, Transactions } from '@redress/database';
import { fingerprint } from '@redress/domain';
import { SlaClockService, SlaTimers } from '@redress/escalation';
import { checkIdempotencyKey, IdempotentResult, replayIdempotent, requestHash } from '@redress/idempotency';
import { addOutboxEvent, OutboxTrigger } from '@redress/notifications';
import { Metrics } from '@redress/observability';
import { EntityManager } from 'typeorm';
import { Routing, RoutingService, chooseTeam, routeWithoutAssignment } from '../routing/routing.service';
import { complaintEventPayload } from '../workflow/event-payload';
import { IntakeStore } from './intake-store';

/**
 * Intake as the case workflow sees it: the complaint is stored with its SLA clock started, routed
 * to a team (and an officer, when the team auto-assigns), and its first timeline event written, all
 * in one transaction; its timer and webhooks go out once that commits.
 *
 * On PostgreSQL (IntakeStore) that is two statements: one read (idempotency record, externalRef,
 * the customer's history, teams, the next reference) and one write of every row, shared with the
 * intakes that reach it in the same turn of the event loop; only a team that auto-assigns adds a
 * transaction around its own write, for its row lock. SQLite keeps
 * ComplaintsService.submit, with the workflow's steps as its hooks.
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
    private readonly store: IntakeStore,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async submit(principal: Principal, dto: CreateComplaintDto, idempotencyKey?: string): Promise<IdempotentResult<ComplaintView>> {
    if (!this.store.enabled) return this.submitWithHooks(principal, dto, idempotencyKey);

    if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
    const owner = principalKey(principal);
    const hash = idempotencyKey === undefined ? '' : requestHash(SUBMIT_OPERATION, dto);
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const window = historyWindow(receivedAt);
    const descriptionFingerprint = fingerprint(dto.description);
    const read = await this.store.read({
      principal: owner,
      key: idempotencyKey ?? null,
      channel: dto.channel,
      externalRef: dto.externalRef ?? null,
      customerId: dto.customer.id,
      since: window.since,
      until: window.until,
      receivedAt,
      // findPossibleDuplicate applies the window exactly; this only spares reading older fingerprints.
      duplicatesSince: new Date(window.duplicatesSince.getTime() - 1),
      fingerprintLength: descriptionFingerprint.length,
    });
    if (read.idempotency) return replayIdempotent<ComplaintView>(read.idempotency, hash);
    if (read.existing) throw externalRefConflict(dto, read.existing);

    let complaint: Complaint;
    let body: ComplaintView;
    try {
      complaint = this.complaints.draft(principal, dto, {
        now,
        sequence: read.sequence as number,
        previousComplaints: read.previousComplaints,
        candidates: read.candidates,
        fingerprint: descriptionFingerprint,
      });
      await this.clocks.start(complaint, now);
      const team = chooseTeam(read.teams, complaint);
      const settled = routeWithoutAssignment(team);
      const write = async (manager?: EntityManager) => {
        const routingNote = this.applyRouting(complaint, settled ?? (await this.routing.assign(manager as EntityManager, team, complaint)), now);
        body = toComplaintView(complaint);
        await this.store.write(
          {
            complaint,
            event: this.receivedEvent(principal, complaint, routingNote, now),
            outbox: this.outboxEvents(complaint),
            outboxAt: now,
            idempotency:
              idempotencyKey === undefined
                ? null
                : { principal: owner, key: idempotencyKey, requestHash: hash, statusCode: 201, responseBody: body, createdAt: this.clock.now() },
          },
          manager,
        );
      };
      // A team that auto-assigns locks its row and reads its officers' load in the transaction that stores the complaint.
      await (settled ? write() : this.transactions.run(write));
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (idempotencyKey !== undefined) {
        const raced = await this.store.idempotency(owner, idempotencyKey);
        if (raced) return replayIdempotent<ComplaintView>(raced, hash);
      }
      if (dto.externalRef !== undefined && isUniqueViolation(error)) {
        throw externalRefConflict(dto, await this.store.existing(dto.channel, dto.externalRef));
      }
      throw error;
    }
    this.metrics.complaintsReceived.inc({ channel: dto.channel });
    await this.afterCommit(complaint);
    return { status: 201, body: body!, replayed: false };
  }

  /** The same steps through ComplaintsService's TypeORM transaction (SQLite). */
  private async submitWithHooks(principal: Principal, dto: CreateComplaintDto, idempotencyKey?: string): Promise<IdempotentResult<ComplaintView>> {
    let stored: Complaint | null = null;
    let routingNote: Record<string, unknown> = {};
    const result = await this.complaints.submit(principal, dto, idempotencyKey, {
      beforeInsert: async (manager: EntityManager, complaint: Complaint, now: Date) => {
        await this.clocks.start(complaint, now);
        routingNote = this.applyRouting(complaint, await this.routing.route(manager, complaint), now);
      },
      afterInsert: async (manager: EntityManager, complaint: Complaint, now: Date) => {
        stored = complaint;
        await this.audit.append(manager, this.receivedDraft(principal, complaint, routingNote, now));
        for (const event of this.outboxEvents(complaint)) {
          await addOutboxEvent(manager, { ...event, complaintId: complaint.id, at: now });
        }
      },
    });
    const created = stored as Complaint | null;
    if (created && !result.replayed) await this.afterCommit(created);
    return result;
  }

  /** Sets team and assignee; returns what the timeline records about the routing. */
  private applyRouting(complaint: Complaint, routing: Routing, now: Date): Record<string, unknown> {
    complaint.teamCode = routing.team?.code ?? null;
    if (routing.assignment?.ok) {
      complaint.assigneeId = routing.assignment.staffId;
      complaint.assignedAt = now;
    }
    return {
      teamCode: complaint.teamCode,
      assigneeId: complaint.assigneeId,
      autoAssignment: routing.assignment && !routing.assignment.ok ? { ...routing.assignment } : null,
    };
  }

  private receivedDraft(principal: Principal, complaint: Complaint, routingNote: Record<string, unknown>, now: Date) {
    return {
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
    };
  }

  /** The complaint's first timeline event; it is new, so its chain starts here. */
  private receivedEvent(principal: Principal, complaint: Complaint, routingNote: Record<string, unknown>, now: Date): ComplaintEvent {
    return this.audit.first(this.receivedDraft(principal, complaint, routingNote, now));
  }

  private outboxEvents(complaint: Complaint): Array<{ type: 'complaint.received' | 'complaint.assigned'; payload: Record<string, unknown> }> {
    const events: Array<{ type: 'complaint.received' | 'complaint.assigned'; payload: Record<string, unknown> }> = [
      { type: 'complaint.received', payload: complaintEventPayload(complaint) },
    ];
    if (complaint.assigneeId) events.push({ type: 'complaint.assigned', payload: complaintEventPayload(complaint) });
    return events;
  }

  /** The SLA timer and the webhooks, once the complaint is committed; independent, so sent together. */
  private async afterCommit(complaint: Complaint): Promise<void> {
    await Promise.all([this.timers.scheduleCommitted(SlaTimers.forRow(complaint)), this.outbox.kick()]);
  }
}
