import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SystemClock } from '@redress/config';
import { Metrics } from '@redress/observability';
import Redis from 'ioredis';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, get, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { SlaSweeper } from '../libs/escalation/src/timers/sla-sweeper.service';
import { OVERDUE_RESCUE_MS, timerJobId } from '../libs/escalation/src/timers/sla-timers';
import { SlaWakeService } from '../libs/escalation/src/timers/sla-wake.service';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

const SECOND = 1000;

interface AlertEvent {
  id: string;
  complaintId: string;
  kind: string;
  milestone: string;
  fraction: number | null;
  level: number | null;
  thresholdAt: string;
}

/**
 * SLA timers end to end, in real time: a policy of five seconds on a 24×7 calendar, three workers
 * competing for the same timers, alerts arriving by Server-Sent Events and by signed webhook.
 */
describe('SLA timers and escalation', () => {
  let t: TestApp<SystemClock>;
  const workers: INestApplicationContext[] = [];
  let receiver: Server;
  let stream: IncomingMessage;
  const webhookBodies: { body: string; signature: string; timestamp: string }[] = [];
  const streamed: AlertEvent[] = [];
  const suffix = randomUUID().slice(0, 6);
  const team = `SLA-${suffix}`;
  const category = `sla_${suffix}`;
  const secret = `whsec-${randomUUID()}`;
  let admin: string;
  let supervisorToken: string;

  /**
   * A metric of the running workers, summed over them, for samples whose labels include `labels`;
   * `sample` picks one series of a histogram (e.g. its `_count`).
   */
  const workerMetric = async (name: string, labels: Record<string, string> = {}, sample = name): Promise<number> => {
    let sum = 0;
    for (const worker of workers) {
      const metric = await worker.get(Metrics).registry.getSingleMetric(name)?.get();
      for (const value of metric?.values ?? []) {
        const labelled = value.labels as Record<string, unknown>;
        const series = (value as { metricName?: string }).metricName ?? name;
        if (series === sample && Object.entries(labels).every(([k, v]) => labelled[k] === v)) sum += value.value;
      }
    }
    return sum;
  };

  const startWorker = async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    const worker = await moduleRef.init();
    workers.push(worker);
    return worker;
  };

  async function submit(): Promise<{ id: string; receivedAt: string }> {
    const res = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('web', { category }));
    expect(res.status).toBe(201);
    expect(res.body.slaPolicy).toBe(`FIVE_SECONDS_${suffix}`);
    return res.body;
  }

  const alertsOf = (complaintId: string) => streamed.filter((a) => a.complaintId === complaintId);
  const until = async (check: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };

  /** A fresh complaint, the newest worker, and the timer its row asks for (row and job id). */
  async function submitWithTimer() {
    const complaint = await submit();
    const worker = workers[workers.length - 1];
    const [row] = await worker.get(DataSource).query('SELECT sla_version, sla_next_wake_at FROM complaints WHERE id = $1', [complaint.id]);
    const jobId = timerJobId({ complaintId: complaint.id, version: row.sla_version, at: new Date(row.sla_next_wake_at) });
    return { complaint, worker, row: row as { sla_version: number; sla_next_wake_at: string }, jobId };
  }

  /** The complaint's first alert is its first warning, raised well before a sweep's rescue could. */
  async function expectFirstWarningOnTime(worker: INestApplicationContext, complaintId: string): Promise<void> {
    await until(() => alertsOf(complaintId).length > 0, 10 * SECOND);
    const [first] = await worker.get(DataSource).query('SELECT kind, raised_at, threshold_at FROM alerts WHERE complaint_id = $1 ORDER BY threshold_at LIMIT 1', [complaintId]);
    expect(first.kind).toBe('warning');
    expect(new Date(first.raised_at).getTime() - new Date(first.threshold_at).getTime()).toBeLessThan(OVERDUE_RESCUE_MS / 2);
  }

  beforeAll(async () => {
    process.env.SLA_SWEEP_INTERVAL_MS = '2000';
    t = await createTestApp(new SystemClock());
    await t.app.listen(0, '127.0.0.1');
    admin = `Bearer ${t.token(['admin'])}`;
    supervisorToken = t.token(['supervisor'], `sla-sup-${suffix}`, [team]);
    await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `sla-sup-${suffix}`, name: 'Sup', email: 's@bank.example', roles: ['supervisor'] });
    await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `sla-off-${suffix}`, name: 'Off', email: 'o@bank.example', roles: ['officer'] });
    expect((await t.http.post('/v1/teams').set('Authorization', admin).send({ code: team, name: 'SLA', supervisorId: `sla-sup-${suffix}`, categories: [category] })).status).toBe(201);
    await t.http.patch(`/v1/staff/sla-off-${suffix}`).set('Authorization', admin).send({ teams: [team] });
    const policy = await t.http
      .post('/v1/sla-policies')
      .set('Authorization', admin)
      .send({
        code: `FIVE_SECONDS_${suffix}`,
        name: 'Five seconds',
        source: 'e2e test',
        calendar: 'UTC-24x7',
        milestones: [{ key: 'final_response', description: 'answer', duration: 'PT5S', counting: 'calendar' }],
        escalation: [{ level: 1, delayAfterBreach: 'PT1S', target: 'team_supervisor' }],
        pauses: [{ reason: 'awaiting_customer', milestones: ['final_response'], source: 'e2e test' }],
        match: { categories: [category] },
      });
    expect(policy.status).toBe(201);

    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        webhookBodies.push({ body, signature: String(req.headers['redress-signature']), timestamp: String(req.headers['redress-timestamp']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = await t.http
      .post('/v1/webhooks')
      .set('Authorization', admin)
      .send({ name: 'sla e2e', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ['alert.raised'], secret });
    expect(hook.status).toBe(201);

    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    stream = await new Promise<IncomingMessage>((resolve) =>
      get({ host: '127.0.0.1', port, path: '/v1/alerts/stream', headers: { Authorization: `Bearer ${supervisorToken}`, Accept: 'text/event-stream' } }, resolve),
    );
    expect(stream.statusCode).toBe(200);
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const frame of frames) {
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (frame.includes('event: alert') && data) streamed.push(JSON.parse(data.slice(6)));
      }
    });

    for (let i = 0; i < 3; i++) await startWorker();
  }, 60_000);

  afterAll(async () => {
    stream?.destroy();
    for (const worker of workers) await worker.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await t.close();
    delete process.env.SLA_SWEEP_INTERVAL_MS;
  });

  it('warns at 50% and 75%, reports the breach and escalates to the supervisor, in order, each once, by SSE and signed webhook', async () => {
    const started = Date.now();
    const open = await submit();
    const paused = await submit();
    const closed = await submit();
    const officer = `Bearer ${t.token(['officer'], `sla-off-${suffix}`, [team])}`;

    // The second complaint waits on the customer for three seconds; the third is answered at once.
    for (const id of [paused.id, closed.id]) {
      await t.http.post(`/v1/complaints/${id}/assign`).set('Authorization', `Bearer ${supervisorToken}`).send({ assigneeId: `sla-off-${suffix}` });
      for (const action of ['acknowledge', 'start']) expect((await t.http.post(`/v1/complaints/${id}/${action}`).set('Authorization', officer).send({})).status).toBe(200);
    }
    expect((await t.http.post(`/v1/complaints/${paused.id}/request-info`).set('Authorization', officer).send({})).status).toBe(200);
    await t.http
      .post(`/v1/complaints/${closed.id}/resolve`)
      .set('Authorization', officer)
      .send({ outcome: 'upheld', rootCauseCode: 'TEST', summary: 'Answered at once' });
    expect((await t.http.post(`/v1/complaints/${closed.id}/close`).set('Authorization', officer).send({ finalResponseSentAt: new Date().toISOString() })).status).toBe(200);
    const pausedFor = 3 * SECOND - (Date.now() - started);
    await new Promise((r) => setTimeout(r, Math.max(0, pausedFor)));
    expect((await t.http.post(`/v1/complaints/${paused.id}/resume`).set('Authorization', officer).send({})).status).toBe(200);
    const resumedAt = Date.now();

    await until(() => alertsOf(open.id).length >= 4 && alertsOf(paused.id).some((a) => a.kind === 'breach'), 15 * SECOND);

    expect(alertsOf(open.id).map((a) => [a.kind, a.fraction ?? a.level])).toEqual([
      ['warning', 0.5],
      ['warning', 0.75],
      ['breach', null],
      ['escalation', 1],
    ]);
    const receivedAt = new Date(open.receivedAt).getTime();
    expect(alertsOf(open.id).map((a) => new Date(a.thresholdAt).getTime() - receivedAt)).toEqual([2500, 3750, 5000, 6000]);

    const breach = alertsOf(paused.id).find((a) => a.kind === 'breach') as AlertEvent;
    const shift = new Date(breach.thresholdAt).getTime() - new Date(paused.receivedAt).getTime();
    expect(shift).toBeGreaterThanOrEqual(5 * SECOND + (resumedAt - started) - 1500);
    expect(alertsOf(closed.id)).toEqual([]);

    const rows: { complaint_id: string; alert_key: string; n: string }[] = await t.dataSource.query(
      'SELECT complaint_id, alert_key, count(*) AS n FROM alerts WHERE complaint_id = ANY($1) GROUP BY complaint_id, alert_key',
      [[open.id, paused.id, closed.id]],
    );
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
    expect(rows.filter((row) => row.complaint_id === open.id)).toHaveLength(4);
    expect(new Set(streamed.map((a) => a.id)).size).toBe(streamed.length);

    await until(() => webhookBodies.filter((w) => w.body.includes(open.id)).length >= 4, 10 * SECOND);
    const delivered = webhookBodies.filter((w) => w.body.includes(open.id));
    expect(delivered).toHaveLength(4);
    for (const delivery of delivered) {
      const expected = createHmac('sha256', secret).update(`${delivery.timestamp}.${delivery.body}`).digest('hex');
      expect(delivery.signature).toBe(`v1=${expected}`);
    }

    const timeline = await t.http.get(`/v1/complaints/${open.id}/timeline`).set('Authorization', admin);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual(['complaint.received', 'sla.warning', 'sla.warning', 'sla.breach', 'sla.escalation']);

    // What an operator's dashboard shows of it: the alerts by kind, and how late each was raised.
    expect(await workerMetric('redress_sla_alerts_raised_total', { kind: 'warning' })).toBeGreaterThanOrEqual(2);
    expect(await workerMetric('redress_sla_alerts_raised_total', { kind: 'breach' })).toBeGreaterThanOrEqual(1);
    expect(await workerMetric('redress_sla_alerts_raised_total', { kind: 'escalation' })).toBeGreaterThanOrEqual(1);
    const lateness = 'redress_sla_alert_lateness_seconds';
    expect(await workerMetric(lateness, {}, `${lateness}_count`)).toBe(await workerMetric('redress_sla_alerts_raised_total'));
    expect(await workerMetric('redress_webhook_delivery_attempts_total', { outcome: 'succeeded' })).toBeGreaterThanOrEqual(4);
  }, 40_000);

  it('still raises every pending alert after Redis loses the timers and a worker restarts', async () => {
    const complaint = await submit();
    // Everything this run keeps in Redis goes, as after FLUSHALL (scoped to this run's prefix so
    // that other test runs sharing the server are untouched).
    const redis = new Redis(process.env.REDIS_URL as string);
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await workers.shift()?.close();
    await startWorker();

    await until(() => alertsOf(complaint.id).length >= 4, 15 * SECOND);
    expect(alertsOf(complaint.id).map((a) => a.kind)).toEqual(['warning', 'warning', 'breach', 'escalation']);
  }, 30_000);

  it('rescues a timer whose job Redis still holds but will never run (a flush mid-flight leaves such)', async () => {
    const { complaint, worker, row, jobId } = await submitWithTimer();
    // The job's hash stays, but no list points at it: EXISTS says yes, no worker ever takes it.
    const redis = new Redis(process.env.REDIS_URL as string);
    expect(await redis.zrem(`${process.env.QUEUE_PREFIX}:sla-timers:delayed`, jobId)).toBe(1);
    expect(await redis.exists(`${process.env.QUEUE_PREFIX}:sla-timers:${jobId}`)).toBe(1);
    await redis.quit();
    await new Promise((r) => setTimeout(r, new Date(row.sla_next_wake_at).getTime() + OVERDUE_RESCUE_MS + 200 - Date.now()));

    // Any sweep from now on (this one, or a scheduled one that came first) rescues it. The
    // warnings' moment has passed by then; the breach and its escalation are what is owed.
    const restoredBefore = await workerMetric('redress_sla_timers_restored_total');
    await worker.get(SlaSweeper).sweep(60 * SECOND);
    expect(await workerMetric('redress_sla_timers_restored_total')).toBeGreaterThan(restoredBefore);
    await until(() => alertsOf(complaint.id).some((a) => a.kind === 'escalation'), 15 * SECOND);
    expect(alertsOf(complaint.id).map((a) => a.kind)).toEqual(expect.arrayContaining(['breach', 'escalation']));
  }, 40_000);

  // Hashes that hold a timer's job id but will never run: adding the timer again under that id does nothing.
  it.each([
    ['failed and nameless: a worker took the id from a list as the flush deleted its hash', { failedReason: 'No handler for SLA job "undefined"' }, true],
    ['nameless and never finished: the worker died before it failed the job', {}, false],
    ['failed with its name: its retries used up, kept a minute for inspection', { name: 'wake', data: '{}', failedReason: 'database away' }, true],
  ])('fires on time a timer whose job hash is %s', async (_case, fields, failed) => {
    const { complaint, worker, jobId } = await submitWithTimer();
    const prefix = `${process.env.QUEUE_PREFIX}:sla-timers`;
    const redis = new Redis(process.env.REDIS_URL as string);
    expect(await redis.zrem(`${prefix}:delayed`, jobId)).toBe(1);
    await redis.del(`${prefix}:${jobId}`);
    const now = Date.now();
    await redis.hset(`${prefix}:${jobId}`, { processedOn: now, atm: 1, ...fields, ...(failed ? { finishedOn: now } : {}) });
    if (failed) await redis.zadd(`${prefix}:failed`, now, jobId);
    await redis.quit();

    // The first warning is due 2.5 s after receipt, well before the timer is OVERDUE_RESCUE_MS late.
    await worker.get(SlaSweeper).sweep(60 * SECOND);
    await expectFirstWarningOnTime(worker, complaint.id);
  }, 30_000);

  it('gives the clock back its next timer when a wake finds nothing due (a retry, or a timer that fired early)', async () => {
    const { complaint, worker, row, jobId } = await submitWithTimer();
    const prefix = `${process.env.QUEUE_PREFIX}:sla-timers`;
    const redis = new Redis(process.env.REDIS_URL as string);
    const dropTimer = async () => {
      await redis.zrem(`${prefix}:delayed`, jobId);
      await redis.del(`${prefix}:${jobId}`);
    };
    const wake = worker.get(SlaWakeService);
    try {
      // The retry of an earlier wake whose add of this timer failed: the timer comes back under its own id.
      await dropTimer();
      expect(await wake.wake({ complaintId: complaint.id, version: row.sla_version }, 'wake-an-earlier-timer')).toBe('not_due');
      expect(await redis.exists(`${prefix}:${jobId}`)).toBe(1);

      // The timer itself, run before its instant: its own id is taken (by itself), so a rescue carries it.
      await dropTimer();
      expect(await wake.wake({ complaintId: complaint.id, version: row.sla_version }, jobId)).toBe('not_due');
      expect(await redis.keys(`${prefix}:${jobId}-rescue-*`)).toHaveLength(1);
    } finally {
      await redis.quit();
    }

    await expectFirstWarningOnTime(worker, complaint.id);
  }, 30_000);

  it('lists alerts for the supervisor, who acknowledges one; others cannot see it', async () => {
    const list = await t.http.get('/v1/alerts?kind=breach&acknowledged=false').set('Authorization', `Bearer ${supervisorToken}`);
    expect(list.status).toBe(200);
    const breach = list.body.items[0];
    const ack = await t.http.post(`/v1/alerts/${breach.id}/ack`).set('Authorization', `Bearer ${supervisorToken}`).send();
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toBe(`sla-sup-${suffix}`);
    const outsider = `Bearer ${t.token(['officer'], 'nobody', ['ELSEWHERE'])}`;
    expect((await t.http.post(`/v1/alerts/${breach.id}/ack`).set('Authorization', outsider).send()).status).toBe(404);
  });
});
