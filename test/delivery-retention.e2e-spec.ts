import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@redress/config';
import { Client } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { FakeClock } from './support/fake-clock';
import { withScratchPostgres, withScratchSqlite } from './support/scratch-databases';

const DAY = 86_400_000;
const RETENTION_DAYS = 90;
const CREATED = new Date('2026-06-01T08:00:00Z');
/** Old deliveries that succeeded: more than one purge statement deletes. */
const SUCCEEDED = 2_345;

async function importAll() {
  return {
    typeorm: await import('typeorm'),
    database: await import('@redress/database'),
    retention: await import('../libs/notifications/src/retention/delivery-retention.service'),
    outbox: await import('../libs/notifications/src/outbox/outbox-event.entity'),
    webhook: await import('../libs/notifications/src/webhooks/webhook.entity'),
    delivery: await import('../libs/notifications/src/webhooks/webhook-delivery.entity'),
    email: await import('../libs/notifications/src/alerts/alert-email.entity'),
    digest: await import('../libs/notifications/src/alerts/alert-digest.entity'),
    idempotency: await import('../libs/idempotency/src/idempotency-record.entity'),
  };
}

type Loaded = Awaited<ReturnType<typeof importAll>>;

/**
 * The modules under test, loaded with DATABASE_URL as the dialect needs it: entity column types
 * are chosen when their module is imported (columnTypes), so the SQLite run loads its own copies.
 */
async function load(sqlite: boolean): Promise<Loaded> {
  const saved = process.env.DATABASE_URL;
  if (sqlite) delete process.env.DATABASE_URL;
  try {
    let loaded: Loaded | undefined;
    await jest.isolateModulesAsync(async () => {
      loaded = await importAll();
    });
    return loaded!;
  } finally {
    process.env.DATABASE_URL = saved;
  }
}


async function open(m: Loaded, options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new m.typeorm.DataSource({
    ...options,
    entities: [m.outbox.OutboxEvent, m.webhook.Webhook, m.delivery.WebhookDelivery, m.email.AlertEmail, m.digest.AlertDigest, m.idempotency.IdempotencyRecord],
    migrations: m.database.MIGRATIONS,
    migrationsTableName: 'migrations',
  } as DataSourceOptions);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

async function remaining(dataSource: DataSource, table: string, ids: ReadonlyArray<string | number>): Promise<Array<string | number>> {
  const rows = (await dataSource.query(`SELECT id FROM ${table}`)) as Array<{ id: string | number }>;
  const kept = new Set(rows.map((row) => String(row.id)));
  return ids.filter((id) => kept.has(String(id)));
}

/** Stores what a busy installation accumulates, runs the purge 91 days on, and checks what is left. */
async function purgeScenario(m: Loaded, dataSource: DataSource): Promise<void> {
  const clock = new FakeClock(CREATED);
  const config = { notifications: { deliveryRetentionDays: RETENTION_DAYS } } as AppConfig;
  const retention = new m.retention.DeliveryRetention(dataSource, clock, config);
  const recent = new Date(CREATED.getTime() + 60 * DAY);

  // Two subscribers, so that one event can have a failed delivery and a pending one.
  const [webhookId, otherWebhookId] = [randomUUID(), randomUUID()];
  for (const id of [webhookId, otherWebhookId]) {
    await dataSource.getRepository(m.webhook.Webhook).insert({
      id, name: 'crm', url: 'https://crm.example.com/hook', events: [], secret: 's'.repeat(32), active: true,
      ownerKind: 'integration', ownerId: 'web', createdAt: CREATED, updatedAt: CREATED,
    } as never);
  }

  const outbox = dataSource.getRepository(m.outbox.OutboxEvent);
  const event = async (dispatchedAt: Date | null, createdAt = CREATED): Promise<string> => {
    const result = await outbox.insert({ type: 'complaint.received', complaintId: null, payload: {}, createdAt, dispatchedAt } as never);
    return String(result.identifiers[0].id);
  };
  const lonelyEvent = await event(CREATED);
  const undispatchedEvent = await event(null);
  const eventOfPending = await event(CREATED);
  const eventOfRecentFailure = await event(CREATED);
  const recentEvent = await event(recent, recent);

  const deliveries = dataSource.getRepository(m.delivery.WebhookDelivery);
  const delivery = async (status: string, outboxEventId: string, createdAt = CREATED, subscriber = webhookId): Promise<string> => {
    const id = randomUUID();
    await deliveries.insert({ id, webhookId: subscriber, outboxEventId, eventType: 'complaint.received', status, attempts: 1, createdAt } as never);
    return id;
  };
  const succeededEvents: string[] = [];
  const bulk: Array<Record<string, unknown>> = [];
  for (let i = 0; i < SUCCEEDED; i++) {
    const outboxEventId = await event(CREATED);
    succeededEvents.push(outboxEventId);
    bulk.push({ id: randomUUID(), webhookId, outboxEventId, eventType: 'complaint.received', status: 'succeeded', attempts: 1, createdAt: CREATED });
  }
  for (let i = 0; i < bulk.length; i += 200) await deliveries.insert(bulk.slice(i, i + 200) as never);
  const failed = await delivery('failed', eventOfPending);
  const pending = await delivery('pending', eventOfPending, CREATED, otherWebhookId);
  const recentFailure = await delivery('failed', eventOfRecentFailure, recent);

  const emails = dataSource.getRepository(m.email.AlertEmail);
  const windowStart = new Date(CREATED.getTime() - 60_000);
  const email = async (status: string, recipientId = 'sup-1', window = windowStart): Promise<string> => {
    const id = randomUUID();
    await emails.insert({ id, alertId: randomUUID(), recipientId, windowStart: window, status, alert: {}, attempts: 0, createdAt: window } as never);
    return id;
  };
  const finishedEmails = [await email('sent'), await email('digested'), await email('skipped'), await email('failed')];
  const unfinishedEmails = [await email('pending', 'sup-5'), await email('sending', 'sup-5')];
  const heldWindow = new Date(CREATED.getTime() - 120_000);
  const held = await email('held', 'sup-2', heldWindow);
  const failedWindow = new Date(CREATED.getTime() - 180_000);
  const heldForFailedDigest = await email('held', 'sup-6', failedWindow);

  const digests = dataSource.getRepository(m.digest.AlertDigest);
  const digest = async (status: string, recipientId: string, window: Date): Promise<string> => {
    const id = randomUUID();
    await digests.insert({ id, recipientId, windowStart: window, alertCount: 11, status, dueAt: window, attempts: 0, createdAt: window } as never);
    return id;
  };
  const sentDigest = await digest('sent', 'sup-1', windowStart);
  const openWindow = await digest('open', 'sup-3', windowStart);
  const pendingDigest = await digest('pending', 'sup-4', windowStart);
  const digestOfHeld = await digest('pending', 'sup-2', heldWindow);
  const failedDigest = await digest('failed', 'sup-6', failedWindow);

  // Within the retention period nothing goes.
  clock.set(new Date(CREATED.getTime() + (RETENTION_DAYS - 1) * DAY));
  expect(await retention.purge()).toEqual({ webhookDeliveries: 0, outboxEvents: 0, alertEmails: 0, alertDigests: 0 });

  clock.set(new Date(CREATED.getTime() + (RETENTION_DAYS + 1) * DAY));
  const purged = await retention.purge();
  expect(purged).toEqual({ webhookDeliveries: SUCCEEDED + 1, outboxEvents: SUCCEEDED + 1, alertEmails: finishedEmails.length + 1, alertDigests: 3 });

  expect(await remaining(dataSource, 'webhook_deliveries', [failed, pending, recentFailure])).toEqual([pending, recentFailure]);
  expect(await remaining(dataSource, 'outbox_events', [lonelyEvent, undispatchedEvent, eventOfPending, eventOfRecentFailure, recentEvent])).toEqual([
    undispatchedEvent,
    eventOfPending,
    eventOfRecentFailure,
    recentEvent,
  ]);
  expect(await remaining(dataSource, 'outbox_events', succeededEvents)).toEqual([]);
  expect(await remaining(dataSource, 'alert_emails', [...finishedEmails, ...unfinishedEmails, held, heldForFailedDigest])).toEqual([...unfinishedEmails, held]);
  expect(await remaining(dataSource, 'alert_digests', [sentDigest, openWindow, pendingDigest, digestOfHeld, failedDigest])).toEqual([pendingDigest, digestOfHeld]);

  // A second run finds nothing more.
  expect(await retention.purge()).toEqual({ webhookDeliveries: 0, outboxEvents: 0, alertEmails: 0, alertDigests: 0 });
}

/** The idempotency purge's statement: a two-column key, oldest first, in batches. */
async function compositeKeyScenario(m: Loaded, dataSource: DataSource): Promise<void> {
  const keys = dataSource.getRepository(m.idempotency.IdempotencyRecord);
  const row = (key: string, createdAt: Date) => ({ principal: 'api-key:web', key, requestHash: 'h', statusCode: 201, responseBody: {}, createdAt });
  const old = Array.from({ length: 2_500 }, (_, i) => row(`old-${i}`, new Date(CREATED.getTime() - (i + 1) * 1000)));
  for (let i = 0; i < old.length; i += 250) await keys.insert(old.slice(i, i + 250) as never);
  await keys.insert([row('young', CREATED), { ...row('old-0', CREATED), principal: 'api-key:branch' }] as never);

  const deleted = await m.database.deleteInBatches(dataSource, 'idempotency_keys', {
    where: 'created_at < :cutoff',
    parameters: { cutoff: CREATED },
    orderBy: 'created_at',
    key: ['principal', 'key'],
  });
  expect(deleted).toBe(old.length);
  const left = await keys.find({ order: { principal: 'ASC' } });
  expect(left.map((record) => `${record.principal} ${record.key}`)).toEqual(['api-key:branch old-0', 'api-key:web young']);
}

async function scenarios(m: Loaded, options: DataSourceOptions): Promise<void> {
  const dataSource = await open(m, options);
  try {
    await purgeScenario(m, dataSource);
    await compositeKeyScenario(m, dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('delivery records past DELIVERY_RETENTION_DAYS', () => {
  it('purges finished deliveries, their events, finished alert e-mails and digests on PostgreSQL, and keeps all in flight; batches over a two-column key', async () => {
    const m = await load(false);
    await withScratchPostgres('retention', (url) => scenarios(m, { type: 'postgres', url }));
  });

  it('keeps a failed delivery that an integrator retries while the purge waits for its row', async () => {
    const m = await load(false);
    await withScratchPostgres('retention_race', async (url) => {
      const dataSource = await open(m, { type: 'postgres', url });
      const retrying = new Client({ connectionString: url });
      await retrying.connect();
      try {
        const webhookId = randomUUID();
        await dataSource.getRepository(m.webhook.Webhook).insert({
          id: webhookId, name: 'crm', url: 'https://crm.example.com/hook', events: [], secret: 's'.repeat(32), active: true,
          ownerKind: 'integration', ownerId: 'web', createdAt: CREATED, updatedAt: CREATED,
        } as never);
        const deliveryId = randomUUID();
        await dataSource.getRepository(m.delivery.WebhookDelivery).insert({
          id: deliveryId, webhookId, outboxEventId: 1, eventType: 'complaint.received', status: 'failed', attempts: 10, createdAt: CREATED,
        } as never);
        const clock = new FakeClock(new Date(CREATED.getTime() + (RETENTION_DAYS + 1) * DAY));
        const retention = new m.retention.DeliveryRetention(dataSource, clock, { notifications: { deliveryRetentionDays: RETENTION_DAYS } } as AppConfig);

        // The retry endpoint's update holds the row; the purge's DELETE queues behind it.
        await retrying.query('BEGIN');
        await retrying.query(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0 WHERE id = $1`, [deliveryId]);
        const purging = retention.purge();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await retrying.query('COMMIT');

        expect((await purging).webhookDeliveries).toBe(0);
        expect(await remaining(dataSource, 'webhook_deliveries', [deliveryId])).toEqual([deliveryId]);
      } finally {
        await retrying.end();
        await dataSource.destroy();
      }
    });
  });

  it('does the same on SQLite, the embedded default', async () => {
    const m = await load(true);
    await withScratchSqlite((database) => scenarios(m, { type: 'better-sqlite3', database }));
  });
});
