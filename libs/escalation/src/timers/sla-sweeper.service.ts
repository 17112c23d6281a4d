import { Injectable, Logger } from '@nestjs/common';
import { Complaint } from '@redress/complaints';
import { Clock } from '@redress/config';
import { Brackets, DataSource } from 'typeorm';
import { SlaTimers } from './sla-timers';

const BATCH = 1_000;

/**
 * Rebuilds timers from the database, which holds every clock's next wake-up. Adding a timer that
 * exists is a no-op (deterministic job ids), so the sweep needs no list of what Redis has: after a
 * flush or a lost job it simply adds them again, and anything overdue fires at once.
 */
@Injectable()
export class SlaSweeper {
  private readonly logger = new Logger(SlaSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: SlaTimers,
    private readonly clock: Clock,
  ) {}

  /** Re-adds every timer due before `now + horizonMs` (all of them for an infinite horizon). */
  async sweep(horizonMs: number): Promise<number> {
    const until = Number.isFinite(horizonMs) ? new Date(this.clock.now().getTime() + horizonMs) : null;
    let after: { at: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const query = this.dataSource
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .select(['c.id', 'c.slaVersion', 'c.slaNextWakeAt'])
        .where('c.slaNextWakeAt IS NOT NULL');
      if (until) query.andWhere('c.slaNextWakeAt <= :until', { until });
      if (after) {
        const cursor = after;
        query.andWhere(
          new Brackets((w) =>
            w.where('c.slaNextWakeAt > :at', { at: cursor.at }).orWhere('(c.slaNextWakeAt = :at AND c.id > :id)', cursor),
          ),
        );
      }
      const rows = await query.orderBy('c.slaNextWakeAt', 'ASC').addOrderBy('c.id', 'ASC').limit(BATCH).getMany();
      await this.timers.schedule(rows.flatMap((row) => SlaTimers.forRow(row)));
      total += rows.length;
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { at: new Date(last.slaNextWakeAt as Date), id: last.id };
    }
    if (total > 0) this.logger.log({ timers: total, horizonMs }, 'SLA sweep re-added timers');
    return total;
  }
}
