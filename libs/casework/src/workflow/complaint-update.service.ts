import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, ComplaintView, lockComplaint, saveComplaintState, toActor, toComplaintView } from '@redress/complaints';
import { Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { type JsonObject, planFieldUpdate, PRIORITY_RANK, type PriorityLevel } from '@redress/domain';
import { SlaClockService, SlaTimers } from '@redress/escalation';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { UpdateComplaintDto } from './workflow.dto';
import { requireVersion, toWorkflowComplaint } from './workflow.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `PATCH /v1/complaints/{id}`: corrects a case's category or priority. Both decide which SLA
 * policy applies, so the policy is matched again and the deadlines recomputed in the same
 * transaction; the timeline records each field before and after, with the reason.
 */
@Injectable()
export class ComplaintUpdateService {
  constructor(
    private readonly transactions: Transactions,
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async update(principal: Principal, id: string, dto: UpdateComplaintDto, ifMatch?: string): Promise<ComplaintView> {
    if (!UUID.test(id)) throw new NotFoundException(`No complaint with id ${id}`);
    const now = this.clock.now();
    const { complaint, changed } = await this.transactions.run(async (manager) => {
      const locked = await lockComplaint(manager, id);
      if (!locked) throw new NotFoundException(`No complaint with id ${id}`);
      const plan = planFieldUpdate({ ...toWorkflowComplaint(locked), category: locked.category, priority: locked.priority }, dto, toActor(principal));
      if (!plan.ok) {
        switch (plan.kind) {
          case 'not_found':
            throw new NotFoundException(`No complaint with id ${id}`);
          case 'forbidden':
            throw new ForbiddenException(plan.detail);
          case 'conflict':
            throw new ProblemException(409, PROBLEM_TYPES.invalidTransition, 'This complaint can no longer be corrected', plan.detail, { currentState: locked.status });
          case 'invalid':
            throw new ValidationProblem(plan.fields.map((field) => ({ field: field.field, messages: [field.message] })));
        }
      }
      requireVersion(ifMatch, locked.version);
      if (plan.changes.length === 0) return { complaint: locked, changed: false };

      for (const change of plan.changes) {
        if (change.field === 'category') locked.category = change.after;
        if (change.field === 'priority') {
          locked.priority = change.after as PriorityLevel;
          locked.priorityRank = PRIORITY_RANK[locked.priority];
          locked.priorityReasons = [
            ...locked.priorityReasons.filter((reason) => reason.code !== 'staff_override'),
            { code: 'staff_override', points: 0, detail: `set to ${change.after} by ${principal.id}: ${plan.reason}` },
          ];
        }
      }
      const slaNote = await this.clocks.rematch(locked, now);
      locked.version += 1;
      locked.updatedAt = now;
      await saveComplaintState(manager, locked);
      const details: JsonObject = { changes: plan.changes.map((change) => ({ ...change })), reason: plan.reason, ...(slaNote ?? {}) };
      await this.audit.append(manager, { complaintId: locked.id, type: 'complaint.updated', actor: { kind: principal.kind, id: principal.id }, at: now, details });
      return { complaint: locked, changed: true };
    });
    if (changed) await this.timers.scheduleCommitted(SlaTimers.forRow(complaint));
    return toComplaintView(complaint);
  }
}
