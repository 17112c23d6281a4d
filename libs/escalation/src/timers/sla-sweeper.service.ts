import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Complaint } from '@redress/complaints';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { rawTimestamp } from '@redress/database';
import { Metrics } from '@redress/observability';
import { QUEUES, SLA_JOBS } from '@redress/queue';
import type { Queue } from 'bullmq';
import { Brackets, DataSource } from 'typeorm';
import { type SlaTimer, SlaTimers } from './sla-timers';

const BATCH = 1_000;

/** How often each worker checks that the sweep's job scheduler still exists: a quarter of the interval, 1 to 15 s. */
export function schedulerCheckMs(sweepIntervalMs: number): number {
  return Math.min(15_000, Math.max(1_000, Math.floor(sweepIntervalMs / 4)));
}

/**
 * Rebuilds timers from the database, which holds every clock's next wake-up. Job ids are
 * deterministic, so the sweep needs no list of what Redis has: it offers every timer due within
 * the horizon, SlaTimers.restore adds those Redis lacks (after a flush or a lost job), and
 * anything overdue fires at once.
 *
 * The periodic sweep is itself a BullMQ job scheduler, kept in Redis: a flush takes it too, and
 * then no worker would sweep again until one restarts. So each worker also checks, every quarter
 * of the sweep interval, that the scheduler exists, and puts it back when it does not (its first
 * sweep then runs at once), which brings every timer back within the sweep interval.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaSweeper.name);
  private watchdog?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: SlaTimers,
    private readonly clock: Clock,
    @InjectQueue(QUEUES.slaTimers) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.watchdog = setInterval(() => void this.ensureScheduled(), schedulerCheckMs(this.config.sla.sweepIntervalMs));
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.watchdog);
  }

  /** Registers the periodic sweep when Redis has lost it; true when it had to. Never rejects. */
  async ensureScheduled(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.queue.getJobScheduler(SLA_JOBS.sweep)) return false;
      await this.queue.upsertJobScheduler(
        SLA_JOBS.sweep,
        { every: this.config.sla.sweepIntervalMs },
        { name: SLA_JOBS.sweep, opts: { removeOnComplete: 10, removeOnFail: 50 } },
      );
      this.logger.warn('The SLA sweep was no longer scheduled (Redis lost its keys?); scheduled it again, sweeping now');
      return true;
    } catch (error) {
      this.logger.warn({ err: { type: (error as Error).name, message: (error as Error).message } }, 'Could not check the SLA sweep scheduler');
      return false;
    } finally {
      this.checking = false;
    }
  }

  /** Re-adds every timer due before `now + horizonMs` (all of them for an infinite horizon). */
  async sweep(horizonMs: number): Promise<number> {
    const until = Number.isFinite(horizonMs) ? new Date(this.clock.now().getTime() + horizonMs) : null;
    let after: { at: Date; id: string } | null = null;
    let total = 0;
    let restored = 0;
    for (;;) {
      const timers = await this.readTimers(until, after);
      restored += await this.timers.restore(timers);
      total += timers.length;
      if (timers.length < BATCH) break;
      const last = timers[timers.length - 1];
      after = { at: last.at, id: last.complaintId };
    }
    if (restored > 0) {
      this.metrics.slaTimersRestored.inc(restored);
      this.logger.log({ timers: total, restored, horizonMs }, 'SLA sweep re-added missing timers');
    }
    return total;
  }

  /**
   * One keyset page of timers in (wake-up, id) order, as raw rows: a sweep reads tens of thousands
   * a minute, and hydrating entities for three columns cost more than the query itself.
   */
  private async readTimers(until: Date | null, after: { at: Date; id: string } | null): Promise<SlaTimer[]> {
    const query = this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.slaVersion', 'version')
      .addSelect('c.slaNextWakeAt', 'at')
      .where('c.slaNextWakeAt IS NOT NULL');
    if (until) query.andWhere('c.slaNextWakeAt <= :until', { until });
    if (after) {
      query.andWhere(
        new Brackets((w) => w.where('c.slaNextWakeAt > :at', { at: after.at }).orWhere('(c.slaNextWakeAt = :at AND c.id > :id)', after)),
      );
    }
    const rows: Array<{ id: string; version: number | string; at: Date | string }> = await query
      .orderBy('c.slaNextWakeAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(BATCH)
      .getRawMany();
    return rows.map((row) => ({ complaintId: row.id, version: Number(row.version), at: rawTimestamp(row.at) }));
  }
}
