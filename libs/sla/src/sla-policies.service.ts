import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { isUniqueViolation } from '@redress/database';
import {
  addCalendarDuration,
  milestoneStatus,
  parseDuration,
  type PolicyCriteria,
  type SlaPolicy,
  startClock,
  validatePolicy,
} from '@redress/domain';
import { FieldError, PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { builtinReadOnly } from './builtin-read-only';
import { BUILTIN_CALENDARS, BUILTIN_POLICIES, type BuiltinPolicy } from './builtins';
import { CalendarRecord } from './calendar.entity';
import { policyProblemFields } from './problem-fields';
import { SlaConfigService } from './sla-config.service';
import { PolicyPreviewView, PreviewQueryDto, SlaPolicyDto, SlaPolicyView } from './sla-policy.dto';
import { SlaPolicyRecord } from './sla-policy.entity';

/** The policies admins manage, and previews of what a policy promises a customer. */
@Injectable()
export class SlaPoliciesService {
  constructor(
    @InjectRepository(SlaPolicyRecord) private readonly records: Repository<SlaPolicyRecord>,
    @InjectRepository(CalendarRecord) private readonly calendars: Repository<CalendarRecord>,
    private readonly slaConfig: SlaConfigService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<SlaPolicyView[]> {
    const stored = await this.records.find({ order: { code: 'ASC' } });
    return [...[...BUILTIN_POLICIES.values()].map(builtinView), ...stored.map(storedView)];
  }

  async get(code: string): Promise<SlaPolicyView> {
    const builtin = BUILTIN_POLICIES.get(code);
    return builtin ? builtinView(builtin) : storedView(await this.find(code));
  }

  async create(dto: SlaPolicyDto): Promise<SlaPolicyView> {
    if (BUILTIN_POLICIES.has(dto.code)) throw builtinReadOnly('policy', dto.code);
    const { policy, match } = await this.validated(dto);
    const now = this.clock.now();
    const record = this.records.create({
      code: policy.code,
      name: policy.name,
      definition: policy,
      match,
      builtin: false,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.records.insert(record);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.records.findOneBy({ code: dto.code });
      const hint = existing && !existing.active ? ' (deleted: PUT /v1/sla-policies/{code} restores it)' : '';
      throw new ConflictException(`SLA policy ${dto.code} already exists${hint}`);
    }
    this.slaConfig.invalidate();
    return storedView(record);
  }

  /** Replaces a policy of the bank's own; one that was deleted becomes active again. */
  async replace(code: string, dto: SlaPolicyDto): Promise<SlaPolicyView> {
    if (BUILTIN_POLICIES.has(code)) throw builtinReadOnly('policy', code);
    if (dto.code !== code) throw new ValidationProblem([{ field: 'code', messages: [`code must be ${code}, the policy named in the path`] }]);
    await this.find(code);
    const { policy, match } = await this.validated(dto);
    await this.records.update(
      { code },
      { name: policy.name, definition: policy, match, active: true, version: () => 'version + 1', updatedAt: this.clock.now() },
    );
    this.slaConfig.invalidate();
    return storedView(await this.find(code));
  }

  /**
   * Takes a policy out of matching. Complaints already under it keep it: their clocks hold the
   * policy as it was when they started.
   */
  async deactivate(code: string): Promise<SlaPolicyView> {
    if (BUILTIN_POLICIES.has(code)) throw builtinReadOnly('policy', code);
    const record = await this.find(code);
    if (code === this.config.sla.defaultPolicy) {
      throw new ProblemException(
        409,
        PROBLEM_TYPES.slaRule,
        'The default policy cannot be deleted',
        `SLA_DEFAULT_POLICY names ${code}: complaints no policy matches get it. Point SLA_DEFAULT_POLICY elsewhere first`,
        { code },
      );
    }
    if (!record.active) return storedView(record);
    await this.records.update({ code }, { active: false, version: () => 'version + 1', updatedAt: this.clock.now() });
    this.slaConfig.invalidate();
    return storedView(await this.find(code));
  }

  /**
   * When each milestone falls due for a complaint received at `receivedAt`: the clock is started
   * with "now" at receipt, so a past or a future instant both work.
   */
  async preview(code: string, query: PreviewQueryDto): Promise<PolicyPreviewView> {
    const policy = await this.slaConfig.policy(code);
    if (!policy) throw new NotFoundException(`No active SLA policy ${code}`);
    const variant = query.variant ?? null;
    if (variant !== null && !policy.variants?.some((candidate) => candidate.key === variant)) {
      const known = policy.variants?.map((candidate) => candidate.key).join(', ');
      throw new ValidationProblem([{ field: 'variant', messages: [known ? `variant must be one of ${known}` : `policy ${code} has no variants`] }]);
    }
    const receivedAt = DateTime.fromISO(query.receivedAt, { setZone: true }).toJSDate();
    const calendar = await this.slaConfig.calendar(policy.calendar);
    const started = startClock({ policy, calendar, receivedAt, variant: variant ?? undefined, now: receivedAt });
    if (!started.ok) {
      throw new ProblemException(409, PROBLEM_TYPES.slaRule, 'The policy cannot be previewed', started.error.message, { code: started.error.code });
    }
    const local = (at: Date) => DateTime.fromJSDate(at, { zone: calendar.timeZone }).toISO();
    return {
      policy: policy.code,
      calendar: calendar.id,
      timeZone: calendar.timeZone,
      variant,
      receivedAt: receivedAt.toISOString(),
      milestones: policy.milestones.map((rule) => {
        const status = milestoneStatus(started.state, rule.key, receivedAt);
        const dueAt = status.dueAt;
        return {
          key: rule.key,
          description: rule.description,
          counting: rule.counting,
          mandatory: status.mandatory,
          startsAfter: rule.startsAfter ?? null,
          dueAt: dueAt?.toISOString() ?? null,
          dueAtLocal: dueAt ? local(dueAt) : null,
          warnAt: status.warnAt.map((at) => at.toISOString()),
          provisional: status.provisional,
          escalation:
            dueAt && status.mandatory
              ? policy.escalation.map((level) => ({
                  level: level.level,
                  target: level.target,
                  at: addCalendarDuration(calendar.timeZone, dueAt, parseDuration(level.delayAfterBreach)).toISOString(),
                }))
              : [],
        };
      }),
    };
  }

  private async find(code: string): Promise<SlaPolicyRecord> {
    const record = await this.records.findOneBy({ code });
    if (!record) throw new NotFoundException(`No SLA policy ${code}`);
    return record;
  }

  /** The shape was checked by the DTO; here what it means, with every problem named at its field. */
  private async validated(dto: SlaPolicyDto): Promise<{ policy: SlaPolicy; match: PolicyCriteria }> {
    const { match, ...definition } = dto;
    // A JSON round trip leaves plain data: no DTO prototypes, no absent optional members.
    const policy = JSON.parse(JSON.stringify(definition)) as SlaPolicy;
    const errors: FieldError[] = policyProblemFields(policy, validatePolicy(policy));
    if (!errors.some((error) => error.field === 'calendar') && !(await this.calendarExists(policy.calendar))) {
      errors.push({ field: 'calendar', messages: [`unknown calendar "${policy.calendar}" (GET /v1/calendars lists them)`] });
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return { policy, match: JSON.parse(JSON.stringify(match)) as PolicyCriteria };
  }

  private async calendarExists(id: string): Promise<boolean> {
    return BUILTIN_CALENDARS.has(id) || (await this.calendars.existsBy({ id }));
  }
}

function builtinView({ policy, match }: BuiltinPolicy): SlaPolicyView {
  return { ...viewOf(policy, match), builtin: true, active: true, version: 1, createdAt: null, updatedAt: null };
}

function storedView(record: SlaPolicyRecord): SlaPolicyView {
  return {
    ...viewOf(record.definition, record.match),
    builtin: false,
    active: record.active,
    version: record.version,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

function viewOf(policy: SlaPolicy, match: PolicyCriteria): Omit<SlaPolicyView, 'builtin' | 'active' | 'version' | 'createdAt' | 'updatedAt'> {
  return JSON.parse(JSON.stringify({ ...policy, match }));
}
