import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { TurnBatcher } from '@redress/batching';
import { Clock } from '@redress/config';
import { QUEUES, SLA_JOBS } from '@redress/queue';
import type { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';

/** A wake-up call for one complaint's clock, as stored on its row. */
export interface SlaTimer {
  complaintId: string;
  version: number;
  at: Date;
}

export interface SlaWakeJob {
  complaintId: string;
  version: number;
}

/**
 * Timer job ids are deterministic and carry the clock version and the instant: the same timer
 * added twice (API and sweeper, two sweepers) is one job, and a rescheduled clock gets a new id,
 * never colliding with its predecessor. Completed jobs are removed at once (TIMER_JOB_RETENTION),
 * so that a handled timer's id does not linger; a timer whose id is still held by a hash that will
 * never run (failed, or left nameless by a flush) is rescued under rescueJobId instead.
 */
export function timerJobId(timer: SlaTimer): string {
  return `wake-${timer.complaintId}-v${timer.version}-${timer.at.getTime()}`;
}

/**
 * A timer still not handled this long after its instant is rescued by the sweep under a fresh job
 * id (rescueJobId), whatever Redis holds under its own id. The bench's Redis flush under load left
 * job hashes that no list pointed at (a worker's in-flight calls wrote to the job after its keys
 * were deleted): EXISTS said yes, nothing ever ran them, and 5 of 166,750 alerts never came. A
 * healthy worker is never this late (p99 under 0.1 s at 345 timers/s), and a rescue that races the
 * original is harmless: the handler re-reads the row under its lock and does nothing twice.
 */
export const OVERDUE_RESCUE_MS = 5_000;

/** A rescue's job id: the timer's own, plus the instant of the sweep that rescued it. */
export function rescueJobId(timer: SlaTimer, sweptAt: number): string {
  return `${timerJobId(timer)}-rescue-${sweptAt}`;
}

/** Whether `jobId` is the timer's own job id or a rescue of it. */
export function isJobOfTimer(timer: SlaTimer, jobId: string | undefined): boolean {
  const own = timerJobId(timer);
  return jobId === own || (jobId?.startsWith(`${own}-rescue-`) ?? false);
}

/**
 * What becomes of a finished timer job. Set on the worker (SlaTimerProcessor), which applies it to
 * every job that names no retention of its own, rather than stored in each job: every waiting timer
 * keeps its options in Redis, and these two took 48 of its ~140 bytes there.
 */
export const TIMER_JOB_RETENTION = {
  removeOnComplete: { count: 0 },
  // Kept a minute for inspection; the sweep meanwhile rescues the timer under a fresh id.
  removeOnFail: { age: 60 },
} as const;

/**
 * How long a request waits for Redis to take the timers of the change it committed. An addBulk
 * takes a millisecond or two; longer means Redis is away, and the request answers without it.
 */
export const AFTER_COMMIT_WAIT_MS = 1_000;

/** Jobs per addBulk at most: a smaller transaction keeps the other Redis calls waiting less. */
const RESTORE_CHUNK = 200;

const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
};

type TimerJob = Parameters<Queue['addBulk']>[0][number];

@Injectable()
export class SlaTimers {
  /**
   * The timers scheduled in one turn of the event loop go to Redis as one addBulk (one MULTI):
   * under intake load 29 µs of the API's CPU per timer instead of 80-90 µs for an addBulk each.
   * A failed addBulk fails every caller in it: Redis, not one timer, is then at fault.
   */
  private readonly adds = new TurnBatcher<TimerJob, void>(
    async (jobs) => {
      await this.queue.addBulk(jobs);
      return jobs.map(() => undefined);
    },
    RESTORE_CHUNK,
    () => false,
  );

  private readonly logger = new Logger(SlaTimers.name);

  constructor(
    @InjectQueue(QUEUES.slaTimers) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async schedule(timers: readonly SlaTimer[], jobId: (timer: SlaTimer) => string = timerJobId): Promise<void> {
    if (timers.length === 0) return;
    const now = this.clock.now().getTime();
    await Promise.all(
      timers.map((timer) =>
        this.adds.submit({
          name: SLA_JOBS.wake,
          data: { complaintId: timer.complaintId, version: timer.version } satisfies SlaWakeJob,
          opts: { ...JOB_OPTIONS, jobId: jobId(timer), delay: Math.max(0, timer.at.getTime() - now) },
        }),
      ),
    );
  }

  /**
   * Schedules the timers of a change that has committed, for a request that must answer: never
   * rejects, and waits for Redis at most AFTER_COMMIT_WAIT_MS. The row already holds the timer
   * (sla_next_wake_at): the add still goes out when Redis is back (the connection queues it), and
   * the worker's sweep restores from the rows any timer Redis lacks. Failing or hanging instead
   * would make the channel retry a complaint that is already stored.
   */
  async scheduleCommitted(timers: readonly SlaTimer[]): Promise<void> {
    if (timers.length === 0) return;
    let waited: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.schedule(timers).then(
        () => 'scheduled' as const,
        (error: unknown) => error,
      ),
      new Promise<'waiting'>((resolve) => (waited = setTimeout(() => resolve('waiting'), AFTER_COMMIT_WAIT_MS))),
    ]);
    clearTimeout(waited);
    if (outcome === 'scheduled') return;
    const reason = outcome === 'waiting' ? `Redis did not answer within ${AFTER_COMMIT_WAIT_MS} ms` : outcome instanceof Error ? outcome.message : String(outcome);
    this.logger.warn({ complaintIds: timers.map((timer) => timer.complaintId), reason }, 'SLA timer not yet in Redis; the sweep restores it from the database');
  }

  /**
   * Schedules those of `timers` that Redis does not hold as a job still to run, for the sweeper,
   * which offers thousands of timers a minute that nearly all exist. Adding an existing job is a
   * no-op, but a costly one: a script run and an event per job, in one transaction per batch that
   * holds up every worker's Redis calls meanwhile. An EXISTS and two fields of each job's hash are
   * far cheaper, and no less exact: a job that is waiting here and finishes a moment later has moved
   * its complaint's next wake-up on.
   *
   * A hash that exists is not always a job that will run. One that has finished (a failed job kept
   * for inspection, TIMER_JOB_RETENTION) or has no name (a worker took the id from a list just as
   * its hash was deleted, and wrote only its own bookkeeping back: the bench's flush under load
   * left such, failed with "No handler", and the timer waited a whole sweep interval) blocks its
   * id, so its timer is rescued under a fresh one (rescueJobId), as is any timer overdue by
   * OVERDUE_RESCUE_MS whatever Redis holds. Returns how many it added.
   */
  async restore(all: readonly SlaTimer[]): Promise<number> {
    if (all.length === 0) return 0;
    const now = this.clock.now().getTime();
    const overdue = all.filter((timer) => timer.at.getTime() <= now - OVERDUE_RESCUE_MS);
    const timers = all.filter((timer) => timer.at.getTime() > now - OVERDUE_RESCUE_MS);
    const rescued = [...overdue];
    const missing: SlaTimer[] = [];
    if (timers.length > 0) {
      // The queue's own connection, an ioredis client.
      const client = (await this.queue.client) as unknown as Redis;
      const pipeline = client.pipeline();
      for (const timer of timers) {
        const key = this.queue.toKey(timerJobId(timer));
        pipeline.exists(key).hmget(key, 'name', 'finishedOn');
      }
      const results = (await pipeline.exec()) ?? [];
      timers.forEach((timer, i) => {
        const [existsError, exists] = results[2 * i] ?? [null, 0];
        const [fieldsError, fields] = results[2 * i + 1] ?? [null, null];
        const [name, finishedOn] = (fields as Array<string | null> | null) ?? [null, null];
        if (existsError !== null || Number(exists) === 0) missing.push(timer);
        else if (fieldsError !== null || name === null || finishedOn !== null) rescued.push(timer);
      });
    }
    for (let i = 0; i < rescued.length; i += RESTORE_CHUNK) {
      await this.schedule(rescued.slice(i, i + RESTORE_CHUNK), (timer) => rescueJobId(timer, now));
    }
    for (let i = 0; i < missing.length; i += RESTORE_CHUNK) await this.schedule(missing.slice(i, i + RESTORE_CHUNK));
    return rescued.length + missing.length;
  }

  /** The timer a complaint row asks for, if any. */
  static forRow(row: { id: string; slaVersion: number; slaNextWakeAt: Date | null }): SlaTimer[] {
    return row.slaNextWakeAt ? [{ complaintId: row.id, version: row.slaVersion, at: new Date(row.slaNextWakeAt) }] : [];
  }
}
