import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { Clock } from '@redress/config';
import { IdempotencyService } from '@redress/idempotency';
import { MAINTENANCE_JOBS, MaintenanceJobName, QUEUES } from '@redress/queue';
import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerMetricsListener } from '@redress/observability';
import { createServer } from 'node:net';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { complaintBody } from './support/complaints';
import { FakeClock } from './support/fake-clock';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('worker: metrics listener, maintenance (idempotency keys, delivery records)', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  const clock = new FakeClock(new Date());

  let metricsUrl: string;

  beforeAll(async () => {
    api = await createTestApp();
    process.env.WORKER_METRICS_PORT = String(await freePort());
    try {
      const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(Clock).useValue(clock).compile();
      worker = await moduleRef.init();
    } finally {
      process.env.WORKER_METRICS_PORT = '0';
    }
    metricsUrl = `http://127.0.0.1:${worker.get(WorkerMetricsListener).port}/metrics`;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** Adds a maintenance job as the scheduler would, and waits for the worker's result. */
  async function runMaintenance(name: MaintenanceJobName) {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
    const events = new QueueEvents(QUEUES.maintenance, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(name, {}, { removeOnComplete: true, removeOnFail: 10 });
      return await job.waitUntilFinished(events, 10_000);
    } finally {
      await events.close();
    }
  }

  it('serves its metrics to an integration key or an admin, and refuses everyone else with a problem', async () => {
    const noCredentials = await fetch(metricsUrl);
    expect([noCredentials.status, noCredentials.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    expect(await noCredentials.json()).toMatchObject({ status: 401, detail: expect.stringContaining('X-API-Key') });
    expect((await fetch(metricsUrl, { headers: { 'x-api-key': 'not-a-key-of-anyone' } })).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${api.token(['officer'])}` } })).status).toBe(403);
    expect((await fetch(metricsUrl.replace('/metrics', '/other'), { headers: { 'x-api-key': API_KEYS.callCentre } })).status).toBe(404);

    const scrapers: Array<Record<string, string>> = [{ 'x-api-key': API_KEYS.callCentre }, { authorization: `Bearer ${api.token(['admin'])}` }];
    for (const headers of scrapers) {
      const scrape = await fetch(metricsUrl, { headers });
      expect(scrape.status).toBe(200);
      const text = await scrape.text();
      for (const name of [
        'redress_sla_alerts_raised_total',
        'redress_sla_alert_lateness_seconds',
        'redress_sla_timers_restored_total',
        'redress_webhook_delivery_attempts_total',
        'redress_alert_email_attempts_total',
      ]) {
        expect([name, text.includes(`# TYPE ${name} `)]).toEqual([name, true]);
      }
    }
  });

  it('registers each hourly purge as a job scheduler at start, once however often it starts', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
    const schedulers = await queue.getJobSchedulers();
    for (const job of Object.values(MAINTENANCE_JOBS)) {
      expect([job, schedulers.filter((s) => s.key === job).length]).toEqual([job, 1]);
    }
  });

  it('runs the delivery-record purge through the queue (what it deletes: delivery-retention.e2e-spec.ts)', async () => {
    const result = await runMaintenance(MAINTENANCE_JOBS.purgeDeliveryRecords);
    expect(Object.keys(result).sort()).toEqual(['alertDigests', 'alertEmails', 'outboxEvents', 'webhookDeliveries']);
  });

  it('keeps keys for at least 24 hours and purges them after the retention period, through the queue', async () => {
    const key = randomUUID();
    const body = complaintBody('web');
    const first = await api.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);

    clock.set(new Date(Date.now() + 25 * 3600_000));
    expect(await worker.get(IdempotencyService).purgeExpired()).toBe(0);

    clock.set(new Date(Date.now() + 73 * 3600_000));
    const result = await runMaintenance(MAINTENANCE_JOBS.purgeIdempotencyKeys);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    const left = await worker.get(DataSource).query('SELECT count(*) AS n FROM idempotency_keys WHERE key = $1', [key]);
    expect(Number(left[0].n)).toBe(0);
  });
});
