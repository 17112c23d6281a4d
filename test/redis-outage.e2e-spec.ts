import { QUEUES } from '@redress/queue';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { timerJobId } from '../libs/escalation/src/timers/sla-timers';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

/** A port nobody listens on, for this suite's own Redis. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A Redis of this suite's own, which it can kill without touching the machine's shared one. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * The database is the truth and the SLA timers in Redis are derived from it: while Redis is down,
 * a complaint is still taken and answered, and its timer reaches Redis when Redis is back (or from
 * the worker's sweep of the rows). A request that hung or failed after its commit would be retried
 * by the channel, and the complaint stored twice.
 */
describe('intake while Redis is down', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  const sharedRedisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    t = await createTestApp();
  });

  afterAll(async () => {
    // The app closes its queues cleanly only with its Redis there.
    if (redis.exitCode !== null || redis.signalCode !== null) redis = await startRedis(port);
    await t.close();
    await stopRedis(redis);
    process.env.REDIS_URL = sharedRedisUrl;
  });

  it('stores and answers at once, corrections too, and schedules the timer once Redis is back', async () => {
    expect((await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone'))).status).toBe(201);

    await stopRedis(redis);
    const started = Date.now();
    const res = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone')).timeout(10_000);
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(3_000);

    // A correction re-matches the SLA policy and reschedules the timer after its commit.
    const corrected = await t.http
      .patch(`/v1/complaints/${res.body.id}`)
      .set('Authorization', `Bearer ${t.token(['manager'])}`)
      .send({ priority: 'urgent', reason: 'Customer is in hospital' })
      .timeout(10_000);
    expect(corrected.status).toBe(200);
    expect(corrected.body.priority.level).toBe('urgent');
    expect(Date.now() - started).toBeLessThan(6_000);
    const [row] = await t.dataSource.query('SELECT sla_version, sla_next_wake_at FROM complaints WHERE id = $1', [res.body.id]);
    expect(row.sla_next_wake_at).not.toBeNull();

    redis = await startRedis(port);
    const queue = new Queue(QUEUES.slaTimers, { connection: { host: '127.0.0.1', port }, prefix: process.env.QUEUE_PREFIX });
    try {
      const jobId = timerJobId({ complaintId: res.body.id, version: row.sla_version, at: new Date(row.sla_next_wake_at) });
      let job = await queue.getJob(jobId);
      for (let i = 0; i < 50 && !job; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = await queue.getJob(jobId);
      }
      expect(job?.data).toEqual({ complaintId: res.body.id, version: row.sla_version });
    } finally {
      await queue.close();
    }
  });
});
