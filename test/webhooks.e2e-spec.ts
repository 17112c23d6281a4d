import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@redress/config';
import { DatabaseModule } from '@redress/database';
import { addOutboxEvent, NotificationsWorkerModule, OutboxEvent, OutboxEventType, OutboxTrigger, WebhookDelivery } from '@redress/notifications';
import { MetricsModule } from '@redress/observability';
import { OUTBOX_JOBS, QUEUES, QueueModule } from '@redress/queue';
import { Queue } from 'bullmq';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; occurredAt: string; data: { marker?: string } };
}

/**
 * Webhooks end to end: management over HTTP, and the worker's outbox dispatcher and delivery jobs
 * (started in-process on this run's queue prefix) POSTing to a real local receiver.
 */
describe('webhooks', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let receiver: Server;
  let base: string;
  let admin: string;
  const received: Received[] = [];
  const failuresBeforeSuccess = new Map<string, number>();
  const healed = new Set<string>();
  const created: Array<{ id: string; auth: [string, string] }> = [];
  const secret = `whsec-${randomUUID()}`;

  /**
   * /ok answers 204; /flaky fails each event twice first; /down fails until the event is healed;
   * /redirect/same sends it on to /ok on this host, /redirect/away to another host name.
   */
  function answer(path: string, eventId: string): [number, Record<string, string>?] {
    if (path === '/redirect/same') return [308, { Location: '/ok/redirected' }];
    if (path === '/redirect/away') return [307, { Location: base.replace('127.0.0.1', 'localhost') + '/ok/elsewhere' }];
    return [status(path, eventId)];
  }

  function status(path: string, eventId: string): number {
    if (path.startsWith('/flaky')) {
      const left = failuresBeforeSuccess.get(eventId) ?? 2;
      failuresBeforeSuccess.set(eventId, left - 1);
      return left > 0 ? 503 : 204;
    }
    if (path.startsWith('/down')) return healed.has(eventId) ? 200 : 500;
    return 204;
  }

  async function until<T>(find: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function createWebhook(path: string, events: OutboxEventType[], auth: [string, string] = ['Authorization', admin]): Promise<string> {
    const res = await t.http.post('/v1/webhooks').set(...auth).send({ name: `hook ${path}`, url: `${base}${path}`, events, secret });
    expect(res.status).toBe(201);
    created.push({ id: res.body.id, auth });
    return res.body.id;
  }

  /** Commits an outbox event the way the workflow does, then kicks the dispatcher. */
  async function emit(type: OutboxEventType, complaintId: string | null = randomUUID()): Promise<string> {
    const marker = randomUUID();
    await t.dataSource.transaction((manager) => addOutboxEvent(manager, { type, complaintId, payload: { marker }, at: new Date() }));
    await t.app.get(OutboxTrigger).kick();
    return marker;
  }

  const deliveriesTo = (path: string, marker: string) => received.filter((r) => r.path === path && r.body.data.marker === marker);

  async function deliveryOf(webhookId: string, eventId: string, status?: string): Promise<Record<string, unknown> | undefined> {
    const res = await t.http.get(`/v1/webhooks/${webhookId}/deliveries${status ? `?status=${status}` : ''}`).set('Authorization', admin);
    expect(res.status).toBe(200);
    return res.body.find((d: { eventId: string }) => d.eventId === eventId);
  }

  beforeAll(async () => {
    process.env.WEBHOOK_BACKOFF_MS = '50';
    process.env.WEBHOOK_MAX_ATTEMPTS = '4';
    t = await createTestApp();
    admin = `Bearer ${t.token(['admin'])}`;
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, QueueModule, MetricsModule, NotificationsWorkerModule] }).compile();
    worker = await moduleRef.init();

    receiver = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw) as Received['body'];
        received.push({ path: req.url ?? '', headers: req.headers, raw, body });
        res.writeHead(...answer(req.url ?? '', body.id)).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    // Later specs share the database; webhooks pointing at a closed port would only make noise.
    for (const hook of created) await t.http.delete(`/v1/webhooks/${hook.id}`).set(...hook.auth);
    await worker?.close();
    await t?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  describe('management', () => {
    it('creates, reads, replaces and deletes a webhook, never showing the secret', async () => {
      const res = await t.http
        .post('/v1/webhooks')
        .set('Authorization', admin)
        .send({ name: 'Alerting', url: 'https://alerts.bank.example/redress', events: ['complaint.received', 'alert.raised'], secret });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Alerting', active: true, ownerKind: 'staff', ownerId: 'staff-admin', secretHint: `…${secret.slice(-4)}` });
      expect(JSON.stringify(res.body)).not.toContain(secret);
      const id = res.body.id;

      const read = await t.http.get(`/v1/webhooks/${id}`).set('Authorization', admin);
      expect(read.status).toBe(200);
      expect(read.body.events).toEqual(['complaint.received', 'alert.raised']);
      expect(JSON.stringify(read.body)).not.toContain(secret);

      const replaced = await t.http
        .put(`/v1/webhooks/${id}`)
        .set('Authorization', admin)
        .send({ name: 'Alerting (paused)', url: 'https://alerts.bank.example/v2', events: ['complaint.closed'], active: false });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ name: 'Alerting (paused)', events: ['complaint.closed'], active: false, secretHint: `…${secret.slice(-4)}` });

      const rotated = await t.http
        .put(`/v1/webhooks/${id}`)
        .set('Authorization', admin)
        .send({ name: 'Alerting', url: 'https://alerts.bank.example/v2', events: ['complaint.closed'], secret: 'rotated-secret-0042' });
      expect(rotated.body).toMatchObject({ active: true, secretHint: '…0042' });

      expect((await t.http.delete(`/v1/webhooks/${id}`).set('Authorization', admin)).status).toBe(204);
      expect((await t.http.get(`/v1/webhooks/${id}`).set('Authorization', admin)).status).toBe(404);
    });

    it('names every invalid field', async () => {
      const res = await t.http
        .post('/v1/webhooks')
        .set('Authorization', admin)
        .send({ name: '', url: 'ftp://files.bank.example/in', events: ['complaint.received', 'complaint.deleted'], secret: 'short', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events', 'extra', 'name', 'secret', 'url']);

      const withCredentials = await t.http
        .post('/v1/webhooks')
        .set('Authorization', admin)
        .send({ name: 'x', url: 'https://user:pass@hooks.bank.example/', events: ['complaint.received'], secret });
      expect(withCredentials.body.errors).toEqual([{ field: 'url', messages: ['url must be an http or https URL without user name or password'] }]);

      const noEvents = await t.http.post('/v1/webhooks').set('Authorization', admin).send({ name: 'x', url: 'https://hooks.bank.example/', events: [], secret });
      expect(noEvents.body.errors.map((e: { field: string }) => e.field)).toEqual(['events']);

      const badFilter = await t.http.get(`/v1/webhooks/${randomUUID()}/deliveries?status=lost`).set('Authorization', admin);
      expect(badFilter.status).toBe(400);
    });

    it('needs credentials and the admin or integration role', async () => {
      const anonymous = await t.http.get('/v1/webhooks');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      for (const role of ['officer', 'supervisor', 'manager', 'analyst'] as const) {
        expect((await t.http.get('/v1/webhooks').set('Authorization', `Bearer ${t.token([role])}`)).status).toBe(403);
      }
    });

    it('lets an integration client see and change only its own webhooks; admins see all', async () => {
      const callCentre: [string, string] = ['X-API-Key', API_KEYS.callCentre];
      const web: [string, string] = ['X-API-Key', API_KEYS.web];
      const res = await t.http
        .post('/v1/webhooks')
        .set(...callCentre)
        .send({ name: 'CRM', url: 'https://crm.bank.example/hooks', events: ['complaint.resolved'], secret });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerKind: 'integration', ownerId: 'call-centre' });
      const id = res.body.id;
      created.push({ id, auth: callCentre });

      expect((await t.http.get('/v1/webhooks').set(...callCentre)).body.map((w: { id: string }) => w.id)).toContain(id);
      expect((await t.http.get('/v1/webhooks').set(...web)).body.map((w: { id: string }) => w.id)).not.toContain(id);
      expect((await t.http.get(`/v1/webhooks/${id}`).set(...web)).status).toBe(404);
      expect((await t.http.put(`/v1/webhooks/${id}`).set(...web).send({ name: 'x', url: 'https://x.example/', events: ['complaint.closed'] })).status).toBe(404);
      expect((await t.http.delete(`/v1/webhooks/${id}`).set(...web)).status).toBe(404);
      expect((await t.http.get(`/v1/webhooks/${id}/deliveries`).set(...web)).status).toBe(404);
      expect((await t.http.get('/v1/webhooks').set('Authorization', admin)).body.map((w: { id: string }) => w.id)).toContain(id);
      expect((await t.http.get('/v1/webhooks/not-a-uuid').set(...callCentre)).status).toBe(404);
    });
  });

  describe('delivery', () => {
    it('delivers a committed outbox event, signed with HMAC-SHA256 over timestamp and body', async () => {
      const hookId = await createWebhook('/ok', ['complaint.received']);
      const marker = await emit('complaint.received');
      const [delivery] = await until(() => {
        const found = deliveriesTo('/ok', marker);
        return found.length ? found : undefined;
      }, 'the delivery');

      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['redress-event']).toBe('complaint.received');
      const timestamp = String(delivery.headers['redress-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = createHmac('sha256', secret).update(`${timestamp}.${delivery.raw}`).digest('hex');
      expect(delivery.headers['redress-signature']).toBe(`v1=${expected}`);
      expect(delivery.body).toMatchObject({ type: 'complaint.received', data: { marker } });
      expect(new Date(delivery.body.occurredAt).toISOString()).toBe(delivery.body.occurredAt);

      const row = await until(() => deliveryOf(hookId, delivery.body.id, 'succeeded'), 'the delivery row');
      expect(row).toMatchObject({ id: delivery.headers['redress-delivery'], eventType: 'complaint.received', attempts: 1, lastStatusCode: 204, lastError: null });
      expect(row.deliveredAt).toEqual(expect.any(String));
    });

    it('retries with backoff until the receiver recovers', async () => {
      const hookId = await createWebhook('/flaky', ['complaint.status_changed']);
      const marker = await emit('complaint.status_changed');
      const attempts = await until(() => {
        const found = deliveriesTo('/flaky', marker);
        return found.length === 3 ? found : undefined;
      }, 'three attempts');
      expect(new Set(attempts.map((a) => a.headers['redress-delivery'])).size).toBe(1);
      const row = await until(() => deliveryOf(hookId, attempts[0].body.id, 'succeeded'), 'success after retries');
      expect(row).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204 });
    });

    it('marks a delivery failed after the last attempt, shows why, and retries it on request', async () => {
      const hookId = await createWebhook('/down', ['complaint.closed']);
      const marker = await emit('complaint.closed');
      const first = await until(() => deliveriesTo('/down', marker)[0], 'the first attempt');
      const failed = await until(() => deliveryOf(hookId, first.body.id, 'failed'), 'the failure');
      expect(failed).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null });
      expect(deliveriesTo('/down', marker)).toHaveLength(4);

      healed.add(first.body.id);
      const retried = await t.http.post(`/v1/webhooks/${hookId}/deliveries/${failed.id}/retry`).set('Authorization', admin);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
      const succeeded = await until(() => deliveryOf(hookId, first.body.id, 'succeeded'), 'the retried delivery');
      expect(succeeded).toMatchObject({ attempts: 1, lastStatusCode: 200 });

      const again = await t.http.post(`/v1/webhooks/${hookId}/deliveries/${failed.id}/retry`).set('Authorization', admin);
      expect(again.status).toBe(409);
      expect((await t.http.post(`/v1/webhooks/${hookId}/deliveries/${randomUUID()}/retry`).set('Authorization', admin)).status).toBe(404);
    });

    it('sends an integration client events only about complaints it submitted', async () => {
      const complaint = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone'));
      expect(complaint.status).toBe(201);
      const mine = await createWebhook('/ok/call-centre', ['complaint.resolved'], ['X-API-Key', API_KEYS.callCentre]);
      const theirs = await createWebhook('/ok/web-portal', ['complaint.resolved'], ['X-API-Key', API_KEYS.web]);

      const marker = await emit('complaint.resolved', complaint.body.id);
      const delivered = await until(() => deliveriesTo('/ok/call-centre', marker)[0], 'the owner’s delivery');
      // Both webhooks' deliveries are created in the same dispatch transaction, so the decision is already made.
      expect(await deliveryOf(mine, delivered.body.id)).toBeDefined();
      expect(await deliveryOf(theirs, delivered.body.id)).toBeUndefined();
      expect(deliveriesTo('/ok/web-portal', marker)).toHaveLength(0);
    });

    it('follows a redirect on the same host only', async () => {
      const same = await createWebhook('/redirect/same', ['complaint.acknowledged']);
      const away = await createWebhook('/redirect/away', ['complaint.acknowledged']);
      const marker = await emit('complaint.acknowledged');

      const redirected = await until(() => deliveriesTo('/ok/redirected', marker)[0], 'the redirected delivery');
      const expected = createHmac('sha256', secret).update(`${redirected.headers['redress-timestamp']}.${redirected.raw}`).digest('hex');
      expect(redirected.headers['redress-signature']).toBe(`v1=${expected}`);
      await until(() => deliveryOf(same, redirected.body.id, 'succeeded'), 'the same-host success');

      const refused = await until(() => deliveryOf(away, redirected.body.id, 'failed'), 'the refused redirect');
      expect(refused).toMatchObject({ attempts: 4, lastStatusCode: 307, lastError: 'HTTP 307: redirect to another host not followed' });
      expect(deliveriesTo('/ok/elsewhere', marker)).toHaveLength(0);
    });

    it('re-queues a pending delivery whose job was lost', async () => {
      const hookId = await createWebhook('/ok/sweep', ['complaint.assigned']);
      const marker = randomUUID();
      const longAgo = new Date(Date.now() - 5 * 60_000);
      const deliveryId = randomUUID();
      // As after a Redis flush: the event was dispatched and its delivery row committed, but no job exists.
      await t.dataSource.transaction(async (manager) => {
        const inserted = await manager.insert(OutboxEvent, { type: 'complaint.assigned', complaintId: null, payload: { marker }, createdAt: longAgo, dispatchedAt: longAgo });
        await manager.insert(WebhookDelivery, {
          id: deliveryId,
          webhookId: hookId,
          outboxEventId: String(inserted.identifiers[0].id),
          eventType: 'complaint.assigned',
          status: 'pending',
          attempts: 0,
          createdAt: longAgo,
        });
      });

      await worker.get<Queue>(getQueueToken(QUEUES.outbox)).add(OUTBOX_JOBS.sweepDeliveries, {}, { removeOnComplete: true, removeOnFail: true });
      const delivered = await until(() => deliveriesTo('/ok/sweep', marker)[0], 'the re-queued delivery');
      expect(delivered.headers['redress-delivery']).toBe(deliveryId);
      await until(() => deliveryOf(hookId, delivered.body.id, 'succeeded'), 'the delivery row');
    });
  });

  describe('Bull Board', () => {
    it('shows every queue to admins only', async () => {
      const anonymous = await t.http.get('/admin/queues');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      const officer = await t.http.get('/admin/queues/api/queues').set('Authorization', `Bearer ${t.token(['officer'])}`);
      expect(officer.status).toBe(403);
      expect(officer.body).toMatchObject({ status: 403, instance: '/admin/queues/api/queues' });
      expect((await t.http.get('/admin/queues').set('Authorization', 'Bearer not.a.token')).status).toBe(401);

      const page = await t.http.get('/admin/queues').set('Authorization', admin);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await t.http.get('/admin/queues/api/queues').set('Authorization', admin);
      expect(api.status).toBe(200);
      const names = api.body.queues.map((q: { name: string }) => q.name);
      expect(names).toEqual(expect.arrayContaining(['maintenance', 'outbox', 'webhooks']));
      expect(api.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
    });
  });
});
