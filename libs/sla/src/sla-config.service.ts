import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { isUniqueViolation } from '@redress/database';
import {
  type BusinessCalendar,
  type Channel,
  matchPolicy,
  milestoneStatus,
  type PolicyCandidate,
  type PolicyCriteria,
  type PriorityLevel,
  SLA_PRESETS,
  type SlaPolicy,
  startClock,
  validatePolicy,
} from '@redress/domain';
import { ValidationProblem } from '@redress/http';
import { Repository } from 'typeorm';
import { builtinCalendars, PRESET_CRITERIA } from './builtin';
import { SlaPolicyRecord } from './sla-policy.entity';
import { CreateSlaPolicyDto } from './sla-policy.dto';

export interface PolicyFacts {
  jurisdiction: string | null;
  channel: Channel;
  category: string | null;
  priority: PriorityLevel;
  vulnerable: boolean;
}

export interface MatchedPolicy {
  policy: SlaPolicy;
  reason: string;
}

export interface PolicyView extends SlaPolicy {
  builtin: boolean;
  match: PolicyCriteria;
}

/** The worker reads policies for every timer; an admin's change reaches it within this time. */
const CACHE_MS = 10_000;

/**
 * SLA policies (the regulators' presets plus the bank's own) and the calendars they count in.
 */
@Injectable()
export class SlaConfigService {
  private calendars: Map<string, BusinessCalendar> | null = null;
  private custom: { at: number; records: SlaPolicyRecord[] } | null = null;

  constructor(
    @InjectRepository(SlaPolicyRecord) private readonly records: Repository<SlaPolicyRecord>,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async match(facts: PolicyFacts): Promise<MatchedPolicy> {
    const custom = await this.customPolicies();
    const candidates: PolicyCandidate[] = [
      ...Object.keys(SLA_PRESETS).map((code) => ({ code, criteria: PRESET_CRITERIA[code] ?? {}, builtin: true })),
      ...custom.map((record) => ({ code: record.code, criteria: record.criteria, builtin: false })),
    ];
    const matched = matchPolicy(candidates, { ...facts, jurisdiction: facts.jurisdiction ?? this.config.sla.defaultJurisdiction });
    const fallback = this.config.sla.defaultPolicy;
    const policy = matched ? await this.policy(matched.code) : await this.policy(fallback);
    if (!policy) throw new Error(`SLA_DEFAULT_POLICY ${fallback} is not a known policy`);
    return { policy, reason: matched?.reason ?? `default policy ${fallback}: no policy's criteria matched` };
  }

  async policy(code: string): Promise<SlaPolicy | null> {
    return SLA_PRESETS[code] ?? (await this.customPolicies()).find((record) => record.code === code)?.definition ?? null;
  }

  async calendar(id: string): Promise<BusinessCalendar> {
    this.calendars ??= builtinCalendars(this.clock.now());
    const calendar = this.calendars.get(id);
    if (!calendar) throw new Error(`Unknown calendar ${id}`);
    return calendar;
  }

  async calendarIds(): Promise<string[]> {
    this.calendars ??= builtinCalendars(this.clock.now());
    return [...this.calendars.keys()].sort();
  }

  async list(): Promise<PolicyView[]> {
    const presets = Object.values(SLA_PRESETS).map((policy) => ({ ...policy, builtin: true, match: PRESET_CRITERIA[policy.code] ?? {} }));
    const custom = (await this.customPolicies()).map((record) => ({ ...record.definition, builtin: false, match: record.criteria }));
    return [...presets, ...custom];
  }

  async get(code: string): Promise<PolicyView> {
    const view = (await this.list()).find((policy) => policy.code === code);
    if (!view) throw new NotFoundException(`No SLA policy ${code}`);
    return view;
  }

  async create(dto: CreateSlaPolicyDto): Promise<PolicyView> {
    const { match, ...definition } = dto;
    const policy = definition as SlaPolicy;
    const problems = validatePolicy(policy);
    if (!(await this.calendarIds()).includes(policy.calendar)) problems.push(`unknown calendar ${policy.calendar}`);
    if (problems.length > 0) throw new ValidationProblem([{ field: 'policy', messages: problems }]);
    if (SLA_PRESETS[dto.code]) throw new ConflictException(`${dto.code} is a built-in preset`);
    const now = this.clock.now();
    try {
      await this.records.insert({ code: dto.code, definition: policy, criteria: match ?? {}, active: true, createdAt: now, updatedAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`SLA policy ${dto.code} already exists`);
      throw error;
    }
    this.custom = null;
    return { ...policy, builtin: false, match: match ?? {} };
  }

  /** When each milestone of `code` falls due for a complaint received at `receivedAt`. */
  async preview(code: string, receivedAt: Date) {
    const policy = (await this.policy(code)) ?? (() => { throw new NotFoundException(`No SLA policy ${code}`); })();
    const calendar = await this.calendar(policy.calendar);
    const started = startClock({ policy, calendar, receivedAt, now: receivedAt });
    if (!started.ok) throw new ValidationProblem([{ field: 'receivedAt', messages: [started.error.message] }]);
    return {
      policy: policy.code,
      calendar: calendar.id,
      receivedAt: receivedAt.toISOString(),
      milestones: policy.milestones.map((rule) => {
        const status = milestoneStatus(started.state, rule.key, receivedAt);
        return {
          milestone: rule.key,
          description: rule.description,
          counting: rule.counting,
          mandatory: status.mandatory,
          startsAfter: rule.startsAfter ?? null,
          dueAt: status.dueAt?.toISOString() ?? null,
          warnAt: status.warnAt.map((at) => at.toISOString()),
          provisional: status.provisional,
        };
      }),
    };
  }

  private async customPolicies(): Promise<SlaPolicyRecord[]> {
    if (this.custom && Date.now() - this.custom.at < CACHE_MS) return this.custom.records;
    const records = await this.records.find({ where: { active: true }, order: { code: 'ASC' } });
    this.custom = { at: Date.now(), records };
    return records;
  }
}
