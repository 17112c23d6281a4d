import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { Clock } from '@redress/config';
import { IdempotencyService } from '@redress/idempotency';
import { MAINTENANCE_JOBS, MaintenanceJobName, QUEUES } from '@redress/queue';
import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { complaintBody } from './support/complaints';
import { FakeClock } from './support/fake-clock';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

describe('worker: maintenance (idempotency keys, delivery records)', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    api = await createTestApp();
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(Clock).useValue(clock).compile();
    worker = await moduleRef.init();
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
