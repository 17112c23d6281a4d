import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, lockComplaint, saveComplaintState, toActor, toComplaintView } from '@redress/complaints';
import { CommunicationsService, type SurveyInvitation, SurveysService } from '@redress/communications';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import {
  availableActions,
  canSee,
  type JsonObject,
  planTransition,
  type TransitionRefusal,
  type WorkflowAction,
  type WorkflowComplaint,
  type WorkflowSettings,
} from '@redress/domain';
import { SlaClockService, SlaTimers } from '@redress/escalation';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { addOutboxEvent, OutboxTrigger, type OutboxEventType } from '@redress/notifications';
import { EntityManager } from 'typeorm';
import { complaintEventPayload } from './event-payload';
import { TransitionDto, TransitionResultView } from './workflow.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Webhook events beside complaint.status_changed, for the transitions channels care most about. */
const STATUS_EVENTS: Partial<Record<string, OutboxEventType>> = {
  acknowledged: 'complaint.acknowledged',
  resolved: 'complaint.resolved',
  closed: 'complaint.closed',
};

export function toWorkflowComplaint(c: Complaint): WorkflowComplaint {
  return {
    id: c.id,
    status: c.status,
    customerId: c.customerId,
    teamCode: c.teamCode,
    assigneeId: c.assigneeId,
    submittedBy: { kind: c.submittedByKind, id: c.submittedBy },
    resolvedAt: c.resolvedAt && new Date(c.resolvedAt),
    closedAt: c.closedAt && new Date(c.closedAt),
    finalResponseSentAt: c.finalResponseSentAt && new Date(c.finalResponseSentAt),
    reviewRequestedAt: c.reviewRequestedAt && new Date(c.reviewRequestedAt),
  };
}

/** "3", W/"3" and * as If-Match values; anything else never matches. */
export function ifMatchAccepts(header: string, version: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${version}"`);
}

/** 412 when the caller's If-Match names a version other than the current one. */
export function requireVersion(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined || ifMatchAccepts(ifMatch, version)) return;
  throw new ProblemException(
    412,
    PROBLEM_TYPES.staleVersion,
    'The complaint changed since you read it',
    `If-Match ${ifMatch} does not match the current version "${version}"; read the complaint again and retry`,
    { currentVersion: version },
  );
}

/**
 * Carries out `POST /v1/complaints/{id}/{action}`: the transition table decides, and the status,
 * the clock, the survey, the audit event and the outbox events are written in one transaction
 * under the complaint's row lock. Timers and webhook dispatch are kicked after it commits.
 */
@Injectable()
export class WorkflowService {
  private readonly settings: WorkflowSettings;

  constructor(
    private readonly transactions: Transactions,
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxTrigger,
    private readonly communications: CommunicationsService,
    private readonly surveys: SurveysService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = config.workflow;
  }

  async act(principal: Principal, id: string, action: WorkflowAction, body: TransitionDto, ifMatch?: string): Promise<TransitionResultView> {
    if (!UUID.test(id)) throw new NotFoundException(`No complaint with id ${id}`);
    const actor = toActor(principal);
    const now = this.clock.now();
    const { complaint, requiredNotices, survey } = await this.transactions.run(async (manager) => {
      const locked = await lockComplaint(manager, id);
      if (!locked || !canSee(actor, toWorkflowComplaint(locked))) throw new NotFoundException(`No complaint with id ${id}`);
      requireVersion(ifMatch, locked.version);
      const primary = action === 'merge' && body.primaryId ? await lockComplaint(manager, body.primaryId) : null;
      const finalResponseSentAt = body.finalResponseSentAt
        ? new Date(body.finalResponseSentAt)
        : action === 'close'
          ? await this.lastDecisionLetterAt(manager, locked.id)
          : null;
      const plan = planTransition(
        toWorkflowComplaint(locked),
        action,
        { ...body, finalResponseSentAt, primary: primary && toWorkflowComplaint(primary) },
        actor,
        now,
        this.settings,
      );
      if (!plan.ok) throw refusalProblem(plan, id, action);

      locked.status = plan.to;
      Object.assign(locked, plan.changes);
      const clockNote = await this.clocks.applyTransition(locked, action, plan.effects, now);
      locked.version += 1;
      locked.updatedAt = now;
      await saveComplaintState(manager, locked);

      const notices = plan.effects.flatMap((effect) => (effect.type === 'requireCustomerNotice' ? [effect.notice] : []));
      const details: JsonObject = { ...plan.audit.details, ...(clockNote ?? {}), requiredNotices: notices };
      await this.audit.append(manager, { complaintId: locked.id, type: plan.audit.type, actor: { kind: principal.kind, id: principal.id }, at: now, details });
      if (primary && plan.changes.mergedInto) await this.recordMergeOnPrimary(manager, primary, locked, principal, now);
      await this.publish(manager, locked, plan.from, now);
      const survey = plan.effects.some((effect) => effect.type === 'createSurvey') ? await this.surveys.create(manager, locked) : null;
      return { complaint: locked, requiredNotices: notices, survey };
    });
    await this.timers.scheduleCommitted(SlaTimers.forRow(complaint));
    await this.outbox.kick();
    return {
      ...toComplaintView(complaint),
      requiredNotices,
      allowedActions: availableActions(toWorkflowComplaint(complaint), actor, now, this.settings),
      ...(survey ? { survey: surveyLink(survey) } : {}),
    };
  }

  // A final response, or the FCA's summary resolution for a case settled within three business
  // days, is what answers the customer; the later of the two is when the answer went out.
  private async lastDecisionLetterAt(manager: EntityManager, complaintId: string): Promise<Date | null> {
    const sent = await Promise.all(
      (['final_response', 'summary_resolution'] as const).map((kind) => this.communications.lastSentAt(manager, complaintId, kind)),
    );
    const times = sent.filter((at): at is Date => at !== null).map((at) => at.getTime());
    return times.length > 0 ? new Date(Math.max(...times)) : null;
  }

  private async recordMergeOnPrimary(manager: EntityManager, primary: Complaint, duplicate: Complaint, principal: Principal, now: Date): Promise<void> {
    await this.audit.append(manager, {
      complaintId: primary.id,
      type: 'complaint.duplicate_merged',
      actor: { kind: principal.kind, id: principal.id },
      at: now,
      details: { duplicateId: duplicate.id, duplicateReference: duplicate.reference },
    });
  }

  private async publish(manager: EntityManager, complaint: Complaint, from: string, now: Date): Promise<void> {
    const payload = complaintEventPayload(complaint, { previousStatus: from });
    await addOutboxEvent(manager, { type: 'complaint.status_changed', complaintId: complaint.id, payload, at: now });
    const specific = STATUS_EVENTS[complaint.status];
    if (specific) await addOutboxEvent(manager, { type: specific, complaintId: complaint.id, payload, at: now });
  }
}

function surveyLink(invitation: SurveyInvitation) {
  return { token: invitation.token, path: `/v1/surveys/${invitation.token}`, expiresAt: invitation.expiresAt.toISOString() };
}

function refusalProblem(refusal: TransitionRefusal, id: string, action: WorkflowAction): Error {
  switch (refusal.kind) {
    case 'not_found':
      return new NotFoundException(`No complaint with id ${id}`);
    case 'forbidden':
      return new ForbiddenException(refusal.detail);
    case 'conflict':
      return new ProblemException(409, PROBLEM_TYPES.invalidTransition, `Cannot ${action} this complaint now`, refusal.detail, {
        currentState: refusal.currentState,
        allowedActions: refusal.allowedActions,
      });
    case 'invalid':
      return new ValidationProblem(refusal.fields.map((field) => ({ field: field.field, messages: [field.message] })));
    case 'window_expired':
      return new ProblemException(422, PROBLEM_TYPES.windowExpired, `Too late to ${action}`, refusal.detail, {
        deadline: refusal.deadline.toISOString(),
      });
  }
}
