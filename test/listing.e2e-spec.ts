import { randomUUID } from 'node:crypto';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

describe('GET /v1/complaints', () => {
  let t: TestApp;
  const customerId = `C-list-${randomUUID().slice(0, 8)}`;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const base = Date.now() - 10 * 86400_000;
    for (let i = 0; i < 23; i++) {
      const channel = i % 2 ? 'email' : 'web';
      const res = await t.http
        .post('/v1/complaints')
        .set('X-API-Key', API_KEYS.callCentre)
        .send(
          complaintBody(channel, {
            customer: { id: customerId, name: 'List Test', preferredLanguage: 'en' },
            description: `Complaint number ${i} about a different matter ${randomUUID()}`,
            category: i % 3 === 0 ? 'fees_charges' : 'service_quality',
            // Three share one timestamp so the cursor must break ties by id.
            receivedAt: new Date(base + Math.max(i, 3) * 3600_000).toISOString(),
          }),
        );
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  const get = (query: string) => t.http.get(`/v1/complaints?customerId=${customerId}&${query}`).set('Authorization', `Bearer ${t.token(['manager'])}`);

  it('pages through every complaint exactly once, newest received first', async () => {
    const seen: Array<{ id: string; receivedAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen.map((c) => c.id).sort()).toEqual([...ids].sort());
    const times = seen.map((c) => Date.parse(c.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by channel, category, status, priority and received range', async () => {
    const email = await get('channel=email&limit=100');
    expect(email.body.items).toHaveLength(11);
    const fees = await get('category=fees_charges&limit=100');
    expect(fees.body.items).toHaveLength(8);
    const received = await get('status=received&limit=100');
    expect(received.body.items).toHaveLength(23);
    // The first complaint is low; every later one is raised as a repeat complaint.
    const low = await get('priority=low&limit=100');
    expect(low.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect((await get('priority=medium&limit=100')).body.items).toHaveLength(22);
    const all = (await get('limit=100')).body.items;
    const from = all[9].receivedAt;
    const ranged = await get(`receivedFrom=${encodeURIComponent(from)}&limit=100`);
    expect(ranged.body.items).toHaveLength(10);
    const none = await get('status=closed');
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });
});
