import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import {
  type BusinessCalendar,
  type Channel,
  choosePolicy,
  type HolidaySchedule,
  type PolicyCandidate,
  type PriorityLevel,
  type SlaPolicy,
} from '@redress/domain';
import { Repository } from 'typeorm';
import { BUILTIN_CALENDARS, BUILTIN_POLICIES } from './builtins';
import { buildCalendar, type CalendarDefinition, rollingYears, scheduleCountry } from './calendar-definition';
import { CalendarRecord } from './calendar.entity';
import { HolidayScheduleRecord, toHolidaySchedule } from './holiday-schedule.entity';
import { SlaPolicyRecord } from './sla-policy.entity';

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

/**
 * How long policies, calendars and schedules are reused before the database is read again. The
 * worker reads them for every timer; an admin's change made through another process reaches it
 * within this time (the process that made the change sees it at once).
 */
export const SLA_CONFIG_TTL_MS = 30_000;

interface PolicyEntry extends PolicyCandidate {
  readonly policy: SlaPolicy;
}

interface Snapshot {
  readonly policies: ReadonlyMap<string, PolicyEntry>;
  readonly calendars: ReadonlyMap<string, CalendarDefinition>;
  readonly schedules: readonly HolidaySchedule[];
}

/**
 * The SLA configuration in force: the regulators' presets and the bank's active policies, the
 * calendars they count in, and which policy a complaint gets.
 */
@Injectable()
export class SlaConfigService implements OnModuleInit {
  private loaded: { at: number; snapshot: Snapshot } | null = null;
  private loading: Promise<Snapshot> | null = null;
  // Building a country calendar takes tens of milliseconds (date-holidays), so a calendar is
  // rebuilt only when its definition, its country's schedules or the years in force change. The
  // years come from the injected clock, so a test's clock decides which holidays load; the TTL
  // runs on the process's own timer, as it is about freshness, not business time.
  private readonly built = new Map<string, { fingerprint: string; calendar: BusinessCalendar }>();

  constructor(
    @InjectRepository(SlaPolicyRecord) private readonly policies: Repository<SlaPolicyRecord>,
    @InjectRepository(CalendarRecord) private readonly calendars: Repository<CalendarRecord>,
    @InjectRepository(HolidayScheduleRecord) private readonly schedules: Repository<HolidayScheduleRecord>,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The policy for a complaint and why; a complaint naming no jurisdiction is the default one's. */
  async match(facts: PolicyFacts): Promise<MatchedPolicy> {
    const { policies } = await this.current();
    const defaultCode = this.config.sla.defaultPolicy;
    const chosen = choosePolicy(
      [...policies.values()],
      { ...facts, jurisdiction: facts.jurisdiction ?? this.config.sla.defaultJurisdiction },
      defaultCode,
    );
    if (!chosen) throw new Error(`SLA_DEFAULT_POLICY is ${defaultCode}, which is neither a preset nor an active policy`);
    return { policy: chosen.candidate.policy, reason: chosen.reason };
  }

  /** An active policy, built-in or the bank's own. */
  async policy(code: string): Promise<SlaPolicy | null> {
    return (await this.current()).policies.get(code)?.policy ?? null;
  }

  async calendar(id: string): Promise<BusinessCalendar> {
    const { calendars, schedules } = await this.current();
    const definition = calendars.get(id);
    if (!definition) throw new Error(`Unknown calendar "${id}": neither built in nor defined by an admin (GET /v1/calendars lists them)`);
    return this.calendarFrom(id, definition, schedules);
  }

  /**
   * The calendar a definition describes with the given official schedules, over the years in
   * force. Reused while its inputs stay the same; throws CalendarError for a bad definition.
   */
  calendarFrom(id: string, definition: CalendarDefinition, schedules: readonly HolidaySchedule[]): BusinessCalendar {
    const years = rollingYears(this.clock.now());
    const country = scheduleCountry(definition);
    const own = country ? schedules.filter((schedule) => schedule.country === country) : [];
    const fingerprint = JSON.stringify([definition, own, years]);
    const cached = this.built.get(id);
    if (cached?.fingerprint === fingerprint) return cached.calendar;
    const calendar = buildCalendar(id, definition, years, own);
    this.built.set(id, { fingerprint, calendar });
    return calendar;
  }

  /** Drops what was read, after this process changed the configuration. */
  invalidate(): void {
    this.loaded = null;
    this.loading = null;
  }

  /** Loads the configuration at start, so no request waits for the first load. */
  async onModuleInit(): Promise<void> {
    await this.current();
  }

  // Concurrent callers share one load. Once a snapshot exists, an expired one is still served while
  // the next loads in the background: callers often hold a pooled connection inside a transaction,
  // and if every connection waited for a reload that itself needs a connection, the pool would
  // deadlock under load. A failed load is forgotten so the next call retries.
  private current(): Promise<Snapshot> {
    const loaded = this.loaded;
    if (loaded && performance.now() - loaded.at < SLA_CONFIG_TTL_MS) return Promise.resolve(loaded.snapshot);
    const pending = this.loading ?? this.reload();
    if (!loaded) return pending;
    pending.catch(() => undefined);
    return Promise.resolve(loaded.snapshot);
  }

  private reload(): Promise<Snapshot> {
    const startedAt = performance.now();
    const loading: Promise<Snapshot> = this.load()
      .then((snapshot) => {
        if (this.loading === loading) this.loaded = { at: startedAt, snapshot };
        return snapshot;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }

  private async load(): Promise<Snapshot> {
    const [records, calendarRecords, scheduleRecords] = await Promise.all([
      this.policies.find({ where: { active: true } }),
      this.calendars.find(),
      this.schedules.find(),
    ]);
    // Built-ins go in last so that no stored row can stand in for one.
    const policies = new Map<string, PolicyEntry>();
    for (const record of records) policies.set(record.code, { code: record.code, criteria: record.match, builtin: false, policy: record.definition });
    for (const [code, builtin] of BUILTIN_POLICIES) policies.set(code, { code, criteria: builtin.match, builtin: true, policy: builtin.policy });

    const calendars = new Map<string, CalendarDefinition>(calendarRecords.map((record) => [record.id, record.definition]));
    for (const [id, builtin] of BUILTIN_CALENDARS) calendars.set(id, builtin.definition);
    return { policies, calendars, schedules: scheduleRecords.map(toHolidaySchedule) };
  }
}
