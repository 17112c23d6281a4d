import { AuditTrail, Complaint } from '@redress/complaints';
import { isUniqueViolation } from '@redress/database';
import { randomUUID } from 'node:crypto';
import { IntakeStore } from '../libs/casework/src/intake/intake-store';
import { CHANNEL_DETAILS, complaintBody, TestChannel } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

describe('POST /v1/complaints (intake)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const submit = (body: object, headers: Record<string, string> = {}) =>
    t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).set(headers).send(body);

  const countRows = async (where = '1=1', params: unknown[] = []) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM complaints WHERE ${where}`, params))[0].n);

  describe.each(Object.keys(CHANNEL_DETAILS) as TestChannel[])('channel %s', (channel) => {
    it('stores a complaint with its details and answers 201 with reference, status and priority', async () => {
      const res = await submit(complaintBody(channel, { category: 'billing_dispute' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'received',
        channel,
        category: 'billing_dispute',
        channelDetails: CHANNEL_DETAILS[channel],
        submittedBy: 'integration:call-centre',
      });
      expect(res.body.reference).toMatch(/^CMP-\d{4}-\d{6}$/);
      expect(res.headers.location).toBe(`/v1/complaints/${res.body.id}`);
      expect(['low', 'medium', 'high', 'urgent']).toContain(res.body.priority.level);
      const stored = await t.http.get(`/v1/complaints/${res.body.id}`).set('Authorization', `Bearer ${t.token(['manager'])}`);
      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(res.body);
    });

    it('refuses the complaint without the channel details, naming the missing fields, and stores nothing', async () => {
      const detailsProperty = Object.keys(CHANNEL_DETAILS[channel])[0];
      const body = complaintBody(channel);
      const required = Object.keys((CHANNEL_DETAILS[channel] as Record<string, Record<string, unknown>>)[detailsProperty]).filter(
        (f) => !['authenticated'].includes(f),
      );
      const customerId = (body.customer as { id: string }).id;

      const missingObject = await submit({ ...body, [detailsProperty]: undefined });
      expect(missingObject.status).toBe(400);
      expect(missingObject.body.errors).toEqual([
        { field: detailsProperty, messages: [`${detailsProperty} is required when channel is ${channel}`] },
      ]);

      const emptyObject = await submit({ ...body, [detailsProperty]: {} });
      expect(emptyObject.status).toBe(400);
      expect(emptyObject.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        required.map((f) => `${detailsProperty}.${f}`).sort(),
      );
      expect(await countRows('customer_id = $1', [customerId])).toBe(0);
    });
  });

  it('refuses details that belong to another channel', async () => {
    const res = await submit({ ...complaintBody('phone'), ...CHANNEL_DETAILS.branch });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'branch', messages: ['branch is only allowed when channel is branch'] }]);
  });

  it('hands out unique, increasing references', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(complaintBody('web'))));
    const references = results.map((r) => r.body.reference as string);
    expect(new Set(references).size).toBe(20);
  });

  it('keeps a receivedAt in the past (a letter that arrived last week) as the start of the clock', async () => {
    const receivedAt = new Date(Date.now() - 7 * 86400_000);
    receivedAt.setMilliseconds(0);
    const res = await submit(complaintBody('letter', { receivedAt: receivedAt.toISOString().replace('.000Z', '+00:00') }));
    expect(res.status).toBe(201);
    expect(res.body.receivedAt).toBe(receivedAt.toISOString());
  });

  describe('idempotency', () => {
    it('returns the first result for a retry with the same key and body, storing one complaint', async () => {
      const key = randomUUID();
      const body = complaintBody('phone', { externalRef: `CC-${randomUUID()}` });
      const first = await submit(body, { 'Idempotency-Key': key });
      const retry = await submit(body, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await countRows('customer_id = $1', [(body.customer as { id: string }).id])).toBe(1);
    });

    it('stores one complaint when the same request races itself', async () => {
      const key = randomUUID();
      const body = complaintBody('web');
      const responses = await Promise.all(Array.from({ length: 8 }, () => submit(body, { 'Idempotency-Key': key })));
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await countRows('customer_id = $1', [(body.customer as { id: string }).id])).toBe(1);
    });

    it('answers 422 when the key is reused with a different body', async () => {
      const key = randomUUID();
      const body = complaintBody('web');
      expect((await submit(body, { 'Idempotency-Key': key })).status).toBe(201);
      const res = await submit({ ...body, description: 'A different complaint' }, { 'Idempotency-Key': key });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('urn:redress:problem:idempotency-key-reused');
    });

    it('scopes keys to the caller: two integration clients may use the same key', async () => {
      const key = randomUUID();
      const a = await submit(complaintBody('web'), { 'Idempotency-Key': key });
      const b = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.web).set('Idempotency-Key', key).send(complaintBody('web'));
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('lets a corrected request through after a rejected one with the same key', async () => {
      const key = randomUUID();
      const body = complaintBody('web');
      expect((await submit({ ...body, product: '' }, { 'Idempotency-Key': key })).status).toBe(400);
      expect((await submit(body, { 'Idempotency-Key': key })).status).toBe(201);
    });

    it('refuses an unusable key with 400', async () => {
      const res = await submit(complaintBody('web'), { 'Idempotency-Key': 'x'.repeat(256) });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('Idempotency-Key');
    });
  });

  describe('externalRef', () => {
    it('answers 409 with the existing complaint when a channel submits the same externalRef again', async () => {
      const externalRef = `CC-${randomUUID()}`;
      const first = await submit(complaintBody('phone', { externalRef }));
      const again = await submit(complaintBody('phone', { externalRef }));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        type: 'urn:redress:problem:duplicate-external-ref',
        existingId: first.body.id,
        existingReference: first.body.reference,
      });
      expect(await countRows('external_ref = $1', [externalRef])).toBe(1);
    });

    it('stores the rest of a burst when one of its complaints repeats another’s externalRef', async () => {
      // Concurrent intakes are written together; one that breaks a constraint must not take the others down.
      const externalRef = `CC-${randomUUID()}`;
      const others = Array.from({ length: 10 }, () => complaintBody('phone', { externalRef: `CC-${randomUUID()}` }));
      const bodies = [complaintBody('phone', { externalRef }), ...others, complaintBody('phone', { externalRef })];
      const responses = await Promise.all(bodies.map((body) => submit(body)));

      expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(11).fill(201), 409]);
      const winner = [responses[0], responses[11]].find((r) => r.status === 201);
      expect(responses.find((r) => r.status === 409)?.body.existingId).toBe(winner?.body.id);
      const stored = await t.dataSource.query('SELECT id, external_ref FROM complaints WHERE id = ANY($1)', [
        responses.filter((r) => r.status === 201).map((r) => r.body.id),
      ]);
      expect(stored.map((row: { external_ref: string }) => row.external_ref).sort()).toEqual(
        [externalRef, ...others.map((o) => (o as { externalRef: string }).externalRef)].sort(),
      );
    });

    it('writes intakes handed over together in one statement, failing only the one that repeats an externalRef', async () => {
      const seed = await submit(complaintBody('phone'));
      const template = await t.dataSource.getRepository(Complaint).findOneByOrFail({ id: seed.body.id });
      const audit = t.app.get(AuditTrail);
      const externalRef = `CC-${randomUUID()}`;
      const refs = [externalRef, `CC-${randomUUID()}`, externalRef, `CC-${randomUUID()}`];
      const rows = refs.map((ref, i) => {
        const complaint = Object.assign(new Complaint(), template, { id: randomUUID(), reference: `${template.reference}-B${i}`, externalRef: ref });
        const at = new Date();
        const event = audit.first({ complaintId: complaint.id, type: 'complaint.received', actor: { kind: 'integration', id: 'test' }, at, details: {} });
        return { complaint, event, outbox: [{ type: 'complaint.received', payload: { id: complaint.id } }], outboxAt: at, idempotency: null };
      });
      // Handed over in one turn of the event loop, so the four go out as one statement, which fails.
      const store = t.app.get(IntakeStore);
      const results = await Promise.allSettled(rows.map((row) => store.write(row)));

      const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, unique: isUniqueViolation(r.reason) }] : []));
      expect(rejected).toHaveLength(1);
      expect([0, 2]).toContain(rejected[0].i);
      expect(rejected[0].unique).toBe(true);
      const stored = await t.dataSource.query('SELECT external_ref FROM complaints WHERE id = ANY($1)', [rows.map((r) => r.complaint.id)]);
      expect(stored.map((row: { external_ref: string }) => row.external_ref).sort()).toEqual([externalRef, refs[1], refs[3]].sort());
      const events = await t.dataSource.query('SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = ANY($1)', [rows.map((r) => r.complaint.id)]);
      expect(events[0].n).toBe(3);
    });

    it('reads for intakes handed over together in one statement; one that PostgreSQL refuses fails alone', async () => {
      const store = t.app.get(IntakeStore);
      const now = new Date();
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const params = (customerId: string) => ({
        principal: 'integration:test', key: null, channel: 'web', externalRef: null, customerId,
        since: dayAgo, until: now, receivedAt: now, duplicatesSince: dayAgo, fingerprintLength: 10,
      });
      // The middleware refuses U+0000 from clients; handed straight to the store, it fails the shared statement.
      const results = await Promise.allSettled([params('C-a'), params('C-\u0000'), params('C-b')].map((p) => store.read(p)));

      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const sequences = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.sequence] : []));
      expect(sequences).toEqual([expect.any(Number), expect.any(Number)]);
      expect(sequences[0]).not.toBe(sequences[1]);
    });

    it('allows the same externalRef on another channel (each channel numbers its own)', async () => {
      const externalRef = `REF-${randomUUID()}`;
      expect((await submit(complaintBody('phone', { externalRef }))).status).toBe(201);
      expect((await submit(complaintBody('email', { externalRef }))).status).toBe(201);
    });
  });

  describe('possible duplicates', () => {
    const customer = () => ({ id: `C-${randomUUID().slice(0, 8)}`, name: 'Tom Baker', preferredLanguage: 'en' });
    const text = 'My debit card was charged twice for the same grocery purchase on 12 November and the branch could not reverse it.';

    it('marks a similar complaint by the same customer within 30 days', async () => {
      const c = customer();
      const first = await submit(complaintBody('phone', { customer: c, description: text }));
      const second = await submit(
        complaintBody('email', { customer: c, description: text.replace('the branch could not', 'nobody would') }),
      );
      expect(first.body.possibleDuplicateOf).toBeNull();
      expect(second.status).toBe(201);
      expect(second.body.possibleDuplicateOf.id).toBe(first.body.id);
      expect(second.body.possibleDuplicateOf.similarity).toBeGreaterThanOrEqual(0.5);
    });

    it('marks near-identical Chinese complaints too', async () => {
      const c = { ...customer(), preferredLanguage: 'zh' };
      const zh = '我的信用卡在十一月十二日同一笔超市消费被重复扣款两次，客服说会退回但至今没有退款。';
      const first = await submit(complaintBody('web', { customer: c, description: zh }));
      const second = await submit(complaintBody('mobile_app', { customer: c, description: zh.replace('至今', '到现在') }));
      expect(second.body.possibleDuplicateOf?.id).toBe(first.body.id);
    });

    it('does not mark a different complaint, another customer, or one more than 30 days apart', async () => {
      const c = customer();
      await submit(complaintBody('phone', { customer: c, description: text }));
      const different = await submit(
        complaintBody('phone', { customer: c, description: 'The mortgage offer letter quoted the wrong interest rate.' }),
      );
      const otherCustomer = await submit(complaintBody('phone', { customer: customer(), description: text }));
      const old = customer();
      await submit(complaintBody('letter', { customer: old, description: text, receivedAt: new Date(Date.now() - 40 * 86400_000).toISOString() }));
      const later = await submit(complaintBody('phone', { customer: old, description: text }));
      expect(different.body.possibleDuplicateOf).toBeNull();
      expect(otherCustomer.body.possibleDuplicateOf).toBeNull();
      expect(later.body.possibleDuplicateOf).toBeNull();
    });
  });

  describe('priority', () => {
    it('puts a vulnerable customer referred by the regulator at the top, with the reasons', async () => {
      const res = await submit(
        complaintBody('regulator_referral', {
          customer: { id: `C-${randomUUID().slice(0, 8)}`, name: '张伟', preferredLanguage: 'zh', vulnerable: true },
          disputedAmount: { amount: 80000, currency: 'CNY' },
        }),
      );
      expect(res.body.priority.level).toBe('urgent');
      expect(res.body.priority.score).toBe(80);
      expect(res.body.priority.reasons.map((r: { code: string }) => r.code)).toEqual([
        'vulnerable_customer',
        'regulator_referral',
        'large_amount',
      ]);
    });

    it('raises a repeat complainant and a public social media post', async () => {
      const c = { id: `C-${randomUUID().slice(0, 8)}`, name: 'Amy Lee', preferredLanguage: 'en' };
      const first = await submit(complaintBody('web', { customer: c, description: 'App login fails every morning.' }));
      const second = await submit(complaintBody('social_media', { customer: c, description: 'Still no answer about my overdraft fee.' }));
      expect(first.body.priority).toEqual({ level: 'low', score: 0, reasons: [] });
      expect(second.body.priority.level).toBe('high');
      expect(second.body.priority.reasons.map((r: { code: string }) => r.code)).toEqual(['repeat_complainant', 'public_social_media']);
    });
  });
});
