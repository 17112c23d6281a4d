import { randomUUID } from 'node:crypto';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

/** Every client mistake gets a problem+json 4xx naming what is wrong, and nothing is stored. */
describe('bad input', () => {
  let t: TestApp;
  let rowsBefore: number;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM complaints'))[0].n);
  const post = () => t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre);

  beforeEach(async () => {
    rowsBefore = await count();
  });

  afterEach(async () => {
    expect(await count()).toBe(rowsBefore);
  });

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), instance: '/v1/complaints' });
  };
  const fields = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field).sort();

  it('lists every missing required field at once', async () => {
    const res = await post().send({});
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['channel', 'customer', 'description', 'product']);
  });

  it('refuses unknown fields, top-level and nested', async () => {
    const res = await post().send({ ...complaintBody(), priority: 'urgent', customer: { ...(complaintBody().customer as object), ssn: '123' } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'priority', messages: ['is not a known field'] },
        { field: 'customer.ssn', messages: ['is not a known field'] },
      ]),
    );
  });

  it('checks types and enumerations', async () => {
    const res = await post().send({
      ...complaintBody(),
      channel: 'fax',
      description: 42,
      customer: { id: 'C1', name: 'A', preferredLanguage: 'fr', vulnerable: 'yes', email: 'not-an-email' },
      disputedAmount: { amount: '100', currency: 'yuan' },
    });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(
      expect.arrayContaining([
        'channel',
        'description',
        'customer.preferredLanguage',
        'customer.vulnerable',
        'customer.email',
        'disputedAmount.amount',
        'disputedAmount.currency',
      ]),
    );
  });

  it('caps string lengths', async () => {
    const res = await post().send(complaintBody('phone', { description: 'x'.repeat(20001), product: 'p'.repeat(101) }));
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['description', 'product']);
  });

  it('refuses negative amounts and more than two decimals', async () => {
    const negative = await post().send(complaintBody('phone', { disputedAmount: { amount: -5, currency: 'CNY' } }));
    const decimals = await post().send(complaintBody('phone', { disputedAmount: { amount: 1.234, currency: 'CNY' } }));
    expect(fields(negative)).toEqual(['disputedAmount.amount']);
    expect(fields(decimals)).toEqual(['disputedAmount.amount']);
  });

  it('refuses a receivedAt in the future and one without a time zone', async () => {
    const future = await post().send(complaintBody('phone', { receivedAt: new Date(Date.now() + 3600_000).toISOString() }));
    expectProblem(future, 400);
    expect(future.body.errors).toEqual([{ field: 'receivedAt', messages: ['receivedAt must not be in the future'] }]);
    const local = await post().send(complaintBody('phone', { receivedAt: '2026-11-01T09:00:00' }));
    expect(fields(local)).toEqual(['receivedAt']);
  });

  it('refuses dates that do not exist or lie outside 1900-9998, rather than moving them', async () => {
    const feb31 = await post().send(complaintBody('phone', { receivedAt: '2026-02-31T10:00:00+08:00' }));
    expectProblem(feb31, 400);
    expect(fields(feb31)).toEqual(['receivedAt']);
    const letter = await post().send(complaintBody('letter', { letter: { letterDate: '2026-04-31', scannedDocumentRef: 'DMS-1' } }));
    expect(fields(letter)).toEqual(['letter.letterDate']);
    const ancient = await post().send(complaintBody('phone', { occurredAt: '0001-01-01T00:00:00Z' }));
    expect(fields(ancient)).toEqual(['occurredAt']);
  });

  it('refuses a problem date after the date the bank received it', async () => {
    const res = await post().send(
      complaintBody('phone', { receivedAt: '2026-11-10T09:00:00Z', occurredAt: '2026-11-11T09:00:00Z' }),
    );
    expect(res.body.errors).toEqual([{ field: 'occurredAt', messages: ['occurredAt must not be after receivedAt'] }]);
  });

  it('answers 413 for a body over the size cap', async () => {
    const res = await post().send({ ...complaintBody(), description: 'x'.repeat(300 * 1024) });
    expectProblem(res, 413);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await post().set('Content-Type', 'application/x-www-form-urlencoded').send('channel=phone');
    expectProblem(res, 415);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post().set('Content-Type', 'application/json').send('{"channel": "phone",');
    expectProblem(res, 400);
    expect(res.body.detail).toBe('The request body is not well-formed JSON');
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await post().set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
  });

  it('refuses text with a NUL character, which PostgreSQL cannot store, naming the fields', async () => {
    const body = complaintBody('web', { description: 'Charged twice\u0000 for one purchase' });
    const res = await post().send({ ...body, customer: { ...(body as { customer: object }).customer, id: 'C-1\u0000' } });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['customer.id', 'description']);
    // An escaped backslash before "u0000" is ordinary text.
    expect((await post().send(complaintBody('web', { description: 'A path like C:\\u0000\\statement.pdf' }))).status).toBe(201);
    rowsBefore++;
  });

  it('refuses text with a surrogate that has lost its pair, and stores an emoji sent as an escaped pair', async () => {
    const res = await post().send(complaintBody('web', { description: 'Charged twice \ud800 for one purchase', product: 'card\udfff' }));
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['description', 'product']);
    const emoji = await post()
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(complaintBody('web', { description: 'Charged twice for one coffee \ud83d\ude20' })).replace('\ud83d\ude20', '\\ud83d\\ude20'));
    expect(emoji.status).toBe(201);
    expect(emoji.body.description).toBe('Charged twice for one coffee \ud83d\ude20');
    rowsBefore++;
  });

  it('finds a NUL character in a body sent as UTF-16 too', async () => {
    const body = JSON.stringify(complaintBody('web', { description: 'Charged twice\u0000 for one purchase' }));
    // serialize: the bytes as they are, not JSON-encoded again by the client.
    const res = await post()
      .set('Content-Type', 'application/json; charset=utf-16le')
      .serialize((bytes: unknown) => bytes as string)
      .send(Buffer.from(body, 'utf16le'));
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['description']);
  });

  it('answers 400, not 500, for a NUL character in a query parameter', async () => {
    const officer = `Bearer ${t.token(['officer'])}`;
    const res = await t.http.get('/v1/complaints?customerId=C-1%00').set('Authorization', officer);
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['customerId']);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const officer = `Bearer ${t.token(['officer'])}`;
    const unknown = await t.http.get(`/v1/complaints/${randomUUID()}`).set('Authorization', officer);
    const malformed = await t.http.get('/v1/complaints/not-an-id').set('Authorization', officer);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 400 for a forged cursor and an out-of-range limit', async () => {
    const officer = `Bearer ${t.token(['officer'])}`;
    const cursor = await t.http.get('/v1/complaints?cursor=abc').set('Authorization', officer);
    const limit = await t.http.get('/v1/complaints?limit=1000').set('Authorization', officer);
    const nonNumeric = await t.http.get('/v1/complaints?limit=ten').set('Authorization', officer);
    expect(cursor.status).toBe(400);
    expect(fields(cursor)).toEqual(['cursor']);
    expect(fields(limit)).toEqual(['limit']);
    expect(fields(nonNumeric)).toEqual(['limit']);
  });
});
