/**
 * Preloaded into the SLA benchmark's workers (node -r, after bench/profiling/probe.ts) to see the
 * timer machinery from the inside without changing it. Wraps two methods on their prototypes:
 *
 *  - SlaSweeper.sweep: every sweep (the one at start, the scheduled ones) is reported over IPC when
 *    it ends, { slaProbe: 'sweep', horizonMs, timers, startedAt, finishedAt }, so the benchmark
 *    knows when a worker has rebuilt the timers from the database;
 *  - SlaTimerProcessor.process: for each wake job, the pickup delay (start of processing minus the
 *    instant in its id, wake-{id}-v{version}-{atMs}), the handling time and the outcome. Asked with
 *    { slaProbe: 'stats' }, it answers { slaProbe: 'stats', stats } for the time since the last ask.
 */
import type { Job } from 'bullmq';
import { SlaSweeper } from '../../libs/escalation/src/timers/sla-sweeper.service';
import { SlaTimerProcessor } from '../../libs/escalation/src/timers/sla-timer.processor';

export interface WakeProbeStats {
  pid: number;
  /** Wake jobs by outcome: handled, stale, not_due, failed. */
  outcomes: Record<string, number>;
  /** Milliseconds from the timer's instant to the start of processing, one entry per wake job. */
  pickupMs: number[];
  /** Milliseconds spent in the handler, one entry per wake job. */
  handleMs: number[];
  sweepJobs: number;
  /** Per second (epoch seconds) in which wake jobs started: [second, jobs, total handling ms, max handling ms]. */
  perSecond: Array<[number, number, number, number]>;
}

export interface SweepProbeEvent {
  slaProbe: 'sweep';
  pid: number;
  horizonMs: number | null;
  timers: number;
  startedAt: number;
  finishedAt: number;
  error?: string;
}

const WAKE_ID = /-v\d+-(\d+)(?:-rescue-\d+)?$/;

function fresh(): WakeProbeStats {
  return { pid: process.pid, outcomes: {}, pickupMs: [], handleMs: [], sweepJobs: 0, perSecond: [] };
}

let stats = fresh();

const send = (message: object) => {
  if (process.send && process.connected) process.send(message);
};

const originalSweep = SlaSweeper.prototype.sweep;
SlaSweeper.prototype.sweep = async function (this: SlaSweeper, horizonMs: number): Promise<number> {
  const startedAt = Date.now();
  const horizon = Number.isFinite(horizonMs) ? horizonMs : null;
  try {
    const timers = await originalSweep.call(this, horizonMs);
    send({ slaProbe: 'sweep', pid: process.pid, horizonMs: horizon, timers, startedAt, finishedAt: Date.now() } satisfies SweepProbeEvent);
    return timers;
  } catch (error) {
    send({ slaProbe: 'sweep', pid: process.pid, horizonMs: horizon, timers: -1, startedAt, finishedAt: Date.now(), error: (error as Error).message } satisfies SweepProbeEvent);
    throw error;
  }
};

const originalProcess = SlaTimerProcessor.prototype.process;
SlaTimerProcessor.prototype.process = async function (this: SlaTimerProcessor, job: Job): Promise<unknown> {
  if (job.name !== 'wake') {
    stats.sweepJobs++;
    return originalProcess.call(this, job);
  }
  const started = Date.now();
  const at = Number(WAKE_ID.exec(job.id ?? '')?.[1] ?? NaN);
  let outcome = 'failed';
  try {
    const result = await originalProcess.call(this, job);
    outcome = String(result);
    return result;
  } finally {
    stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
    if (Number.isFinite(at)) stats.pickupMs.push(started - at);
    const handled = Date.now() - started;
    stats.handleMs.push(handled);
    const second = Math.floor(started / 1000);
    let slot = stats.perSecond[stats.perSecond.length - 1];
    if (!slot || slot[0] !== second) stats.perSecond.push((slot = [second, 0, 0, 0]));
    slot[1]++;
    slot[2] += handled;
    slot[3] = Math.max(slot[3], handled);
  }
};

if (process.send) {
  process.on('message', (message: { slaProbe?: string }) => {
    if (message?.slaProbe !== 'stats') return;
    const report = stats;
    stats = fresh();
    send({ slaProbe: 'stats', stats: report });
  });
}
