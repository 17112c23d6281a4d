import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, ComplaintsService, lockComplaint, saveComplaintState } from '@redress/complaints';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { type Approval, type ClockResult, extendMilestone, type JsonObject, pauseClock, restartMilestones, resumeClock, type SlaClockState } from '@redress/domain';
import { PROBLEM_TYPES, ProblemException } from '@redress/http';
import { SlaClockError, SlaClockService } from '../clock/sla-clock.service';
import { SlaTimers } from '../timers/sla-timers';
import { ComplaintSlaView, toComplaintSlaView } from './complaint-sla.view';
import { ExtendMilestoneDto, PauseClockDto, RestartClockDto } from './complaint-sla.dto';

/** Reading a complaint's clock, and the clock operations staff request directly. */
@Injectable()
export class ComplaintSlaService {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly clocks: SlaClockService,
    private readonly timers: SlaTimers,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(principal: Principal, id: string): Promise<ComplaintSlaView> {
    const visible = await this.complaints.findVisible(principal, id);
    const complaint = await this.transactions.run((manager) => lockComplaint(manager, visible.id));
    const result = complaint && (await this.clocks.statuses(complaint, this.clock.now()));
    if (!complaint || !result) throw new NotFoundException(`Complaint ${id} has no SLA clock`);
    return toComplaintSlaView(result.state, result.milestones, complaint.slaMatchReason);
  }

  pause(principal: Principal, id: string, dto: PauseClockDto): Promise<ComplaintSlaView> {
    return this.operate(principal, id, 'sla.paused', { reason: dto.reason, note: dto.note ?? null }, (state, now) =>
      pauseClock(state, { at: now, reason: dto.reason, note: dto.note }),
    );
  }

  resume(principal: Principal, id: string): Promise<ComplaintSlaView> {
    return this.operate(principal, id, 'sla.resumed', {}, (state, now) => resumeClock(state, { at: now }));
  }

  extend(principal: Principal, id: string, dto: ExtendMilestoneDto): Promise<ComplaintSlaView> {
    const approvedBy = this.approval(principal);
    return this.operate(
      principal,
      id,
      'sla.extended',
      { milestone: dto.milestone, duration: dto.duration, reason: dto.reason, customerNoticeAt: dto.customerNoticeAt, approvedBy: approvedBy ? { ...approvedBy } : null },
      (state, now) =>
        extendMilestone(state, {
          milestone: dto.milestone,
          at: now,
          duration: dto.duration,
          reason: dto.reason,
          approvedBy,
          customerNoticeAt: new Date(dto.customerNoticeAt),
        }),
    );
  }

  restart(principal: Principal, id: string, dto: RestartClockDto): Promise<ComplaintSlaView> {
    return this.operate(principal, id, 'sla.restarted', { reason: dto.reason }, (state, now) => restartMilestones(state, { at: now, reason: dto.reason }));
  }

  private async operate(
    principal: Principal,
    id: string,
    eventType: string,
    details: JsonObject,
    operation: (state: SlaClockState, now: Date) => ClockResult,
  ): Promise<ComplaintSlaView> {
    const visible = await this.complaints.findVisible(principal, id);
    this.authorize(principal, visible);
    const now = this.clock.now();
    const complaint = await this.transactions.run(async (manager) => {
      const locked = await lockComplaint(manager, visible.id);
      if (!locked) throw new NotFoundException(`No complaint with id ${id}`);
      try {
        await this.clocks.change(locked, now, (state) => operation(state, now));
      } catch (error) {
        if (error instanceof SlaClockError) {
          throw new ProblemException(409, PROBLEM_TYPES.slaRule, 'The SLA rules do not allow this', error.message, { code: error.code });
        }
        throw error;
      }
      locked.version += 1;
      locked.updatedAt = now;
      await saveComplaintState(manager, locked);
      await this.audit.append(manager, {
        complaintId: locked.id,
        type: eventType,
        actor: { kind: principal.kind, id: principal.id },
        at: now,
        details: { ...details, clockVersion: locked.slaVersion },
      });
      return locked;
    });
    await this.timers.scheduleCommitted(SlaTimers.forRow(complaint));
    const result = await this.clocks.statuses(complaint, now);
    if (!result) throw new NotFoundException(`Complaint ${id} has no SLA clock`);
    return toComplaintSlaView(result.state, result.milestones, complaint.slaMatchReason);
  }

  /** Officers change the clock of their own cases; supervisors of their teams'; managers and admins any. */
  private authorize(principal: Principal, complaint: Complaint): void {
    const roles = principal.roles;
    if (roles.includes('manager') || roles.includes('admin')) return;
    if (roles.includes('supervisor') && complaint.teamCode && principal.teams.includes(complaint.teamCode)) return;
    if (roles.includes('officer') && complaint.assigneeId === principal.id) return;
    throw new ForbiddenException('Only the assigned officer, the team supervisor or a manager may change this clock');
  }

  /** The caller's standing as an approver of extensions that need one (NFRA's second 30 days). */
  private approval(principal: Principal): Approval | undefined {
    if (this.config.sla.headOfComplaintsId === principal.id) return { staffId: principal.id, role: 'head_of_complaints' };
    if (principal.roles.includes('manager')) return { staffId: principal.id, role: 'manager' };
    if (principal.roles.includes('supervisor')) return { staffId: principal.id, role: 'team_supervisor' };
    return undefined;
  }
}
