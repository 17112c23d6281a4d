import { randomUUID } from 'node:crypto';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

/**
 * The case workflow over HTTP on real PostgreSQL: a complaint's life from intake to closed, the
 * refusals users meet (wrong state, stale version, someone else's case), reopen, review, merge,
 * concurrent claims, and tamper detection in the audit chain.
 */
describe('case workflow', () => {
  let t: TestApp;
  const suffix = randomUUID().slice(0, 6);
  const team = `WF-${suffix}`;
  const category = `wf_${suffix}`;
  let admin: string;
  let supervisor: string;
  const officer = (n: number) => `Bearer ${t.token(['officer'], `wf-off${n}-${suffix}`, [team])}`;

  async function submit(overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number; [k: string]: unknown }> {
    const res = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone', { category, ...overrides }));
    expect(res.status).toBe(201);
    return res.body;
  }

  function act(id: string, action: string, as: string, body: Record<string, unknown> = {}) {
    return t.http.post(`/v1/complaints/${id}/${action}`).set('Authorization', as).send(body);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = `Bearer ${t.token(['admin'])}`;
    supervisor = `Bearer ${t.token(['supervisor'], `wf-sup-${suffix}`, [team])}`;
    expect((await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `wf-sup-${suffix}`, name: '周敏', email: 'z@bank.example', roles: ['supervisor'] })).status).toBe(201);
    const created = await t.http.post('/v1/teams').set('Authorization', admin).send({ code: team, name: 'Workflow', supervisorId: `wf-sup-${suffix}`, categories: [category] });
    expect(created.status).toBe(201);
    for (const n of [1, 2, 3]) {
      const res = await t.http
        .post('/v1/staff')
        .set('Authorization', admin)
        .send({ id: `wf-off${n}-${suffix}`, name: `Officer ${n}`, email: `o${n}@bank.example`, roles: ['officer'], teams: [team], capacity: n === 3 ? 1 : 50 });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('routes a complaint to its team with an SLA deadline and records intake on the timeline', async () => {
    const complaint = await submit();
    expect(complaint).toMatchObject({ status: 'received', teamCode: team, assigneeId: null, slaPolicy: 'CN_NFRA_2020', breached: false });
    expect(new Date(String(complaint.dueAt)).getTime()).toBeGreaterThan(Date.now() + 14 * 24 * 3600_000);
    const timeline = await t.http.get(`/v1/complaints/${complaint.id}/timeline`).set('Authorization', supervisor);
    expect(timeline.status).toBe(200);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual(['complaint.received']);
  });

  it('drives a complaint from intake to closed, with ETags and the right refusals on the way', async () => {
    const complaint = await submit();
    const me = officer(1);
    const assigned = await t.http.post(`/v1/complaints/${complaint.id}/assign`).set('Authorization', supervisor).send({ assigneeId: `wf-off1-${suffix}` });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(`wf-off1-${suffix}`);

    const early = await act(complaint.id, 'resolve', me, { outcome: 'upheld', rootCauseCode: 'CARD.DUP', summary: 'Refunded' });
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body).toMatchObject({ currentState: 'received', allowedActions: expect.arrayContaining(['acknowledge', 'withdraw']) });

    const read = await t.http.get(`/v1/complaints/${complaint.id}`).set('Authorization', me);
    const etag = read.headers.etag;
    expect(etag).toBe(`"${read.body.version}"`);
    const ack = await t.http.post(`/v1/complaints/${complaint.id}/acknowledge`).set('Authorization', me).set('If-Match', etag).send({});
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', requiredNotices: ['acknowledgement'] });
    const stale = await t.http.post(`/v1/complaints/${complaint.id}/start`).set('Authorization', me).set('If-Match', etag).send({});
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(ack.body.version);

    expect((await act(complaint.id, 'start', officer(2))).status).toBe(403);
    expect((await act(complaint.id, 'start', me)).body.status).toBe('investigating');
    expect((await act(complaint.id, 'request-info', me)).body.status).toBe('awaiting_customer');
    expect((await act(complaint.id, 'resume', me)).body.status).toBe('investigating');

    const missing = await act(complaint.id, 'resolve', me, { outcome: 'maybe' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['outcome', 'rootCauseCode', 'summary']);

    const resolved = await act(complaint.id, 'resolve', me, {
      outcome: 'partially_upheld',
      rootCauseCode: 'CARD.DUPLICATE_POSTING',
      summary: 'One of the two charges was refunded.',
      redress: { amount: 120.5, currency: 'CNY' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { outcome: 'partially_upheld', redress: { amount: 120.5, currency: 'CNY' } } });

    const noResponse = await act(complaint.id, 'close', me);
    expect(noResponse.status).toBe(400);
    expect(noResponse.body.errors[0].field).toBe('finalResponseSentAt');
    const closed = await act(complaint.id, 'close', me, { finalResponseSentAt: t.clock.now().toISOString() });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.dueAt).toBeNull();

    const sla = await t.http.get(`/v1/complaints/${complaint.id}/sla`).set('Authorization', me);
    expect(sla.body.milestones.find((m: { milestone: string }) => m.milestone === 'final_response').state).toBe('met');

    const timeline = await t.http.get(`/v1/complaints/${complaint.id}/timeline`).set('Authorization', supervisor);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual([
      'complaint.received',
      'complaint.assigned',
      'complaint.acknowledge',
      'complaint.start',
      'complaint.request-info',
      'complaint.resume',
      'complaint.resolve',
      'complaint.close',
    ]);
    const verify = await t.http.get(`/v1/complaints/${complaint.id}/audit/verify`).set('Authorization', supervisor);
    expect(verify.body).toEqual({ intact: true, events: 8 });
  });

  it('hands out the survey link with the decision and closes on the recorded final response letter', async () => {
    const complaint = await submit();
    const me = officer(1);
    await t.http.post(`/v1/complaints/${complaint.id}/assign`).set('Authorization', supervisor).send({ assigneeId: `wf-off1-${suffix}` });
    for (const action of ['acknowledge', 'start']) expect((await act(complaint.id, action, me)).status).toBe(200);
    const resolved = await act(complaint.id, 'resolve', me, { outcome: 'not_upheld', rootCauseCode: 'FEES.DISCLOSED', summary: 'The fee was disclosed.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.survey.path).toBe(`/v1/surveys/${resolved.body.survey.token}`);
    expect(new Date(resolved.body.survey.expiresAt).getTime()).toBe(t.clock.now().getTime() + 30 * 24 * 3600_000);
    expect((await t.http.get(resolved.body.survey.path)).status).toBe(200);

    const letter = await t.http
      .post(`/v1/complaints/${complaint.id}/communications`)
      .set('Authorization', me)
      .send({ template: 'final_response', channel: 'letter' });
    expect(letter.status).toBe(201);
    const closed = await act(complaint.id, 'close', me);
    expect(closed.status).toBe(200);
    expect(closed.body.survey).toBeUndefined();
    expect(new Date(closed.body.finalResponseSentAt).getTime()).toBe(new Date(letter.body.sentAt).getTime());
  });

  it('corrects category and priority, re-matching the SLA policy and recording before and after', async () => {
    const urgentCategory = `${category}_urgent`;
    const policy = await t.http
      .post('/v1/sla-policies')
      .set('Authorization', admin)
      .send({
        code: `WF_FIVE_DAYS_${suffix.toUpperCase()}`,
        name: 'Five days for the urgent category',
        source: 'e2e test',
        calendar: 'UTC-24x7',
        milestones: [{ key: 'final_response', description: 'answer', duration: 'P5D', counting: 'calendar' }],
        escalation: [],
        match: { categories: [urgentCategory] },
      });
    expect(policy.status).toBe(201);
    const complaint = await submit();
    const me = officer(1);
    await t.http.post(`/v1/complaints/${complaint.id}/assign`).set('Authorization', supervisor).send({ assigneeId: `wf-off1-${suffix}` });
    const patch = (as: string, body: Record<string, unknown>, ifMatch?: string) => {
      const req = t.http.patch(`/v1/complaints/${complaint.id}`).set('Authorization', as);
      return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
    };

    const noReason = await patch(me, { priority: 'urgent' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect((await patch(officer(2), { priority: 'urgent', reason: 'r' })).status).toBe(403);
    expect((await patch(`Bearer ${t.token(['officer'], 'outsider', ['ELSEWHERE'])}`, { priority: 'urgent', reason: 'r' })).status).toBe(404);
    expect((await patch(me, { priority: 'urgent', reason: 'r' }, '"999"')).status).toBe(412);

    const read = await t.http.get(`/v1/complaints/${complaint.id}`).set('Authorization', me);
    const corrected = await patch(me, { category: urgentCategory, priority: 'urgent', reason: 'Card reported stolen' }, read.headers.etag);
    expect(corrected.status).toBe(200);
    expect(corrected.headers.etag).toBe(`"${read.body.version + 1}"`);
    expect(corrected.body).toMatchObject({ category: urgentCategory, priority: { level: 'urgent' }, slaPolicy: `WF_FIVE_DAYS_${suffix.toUpperCase()}` });
    expect(new Date(corrected.body.dueAt).getTime()).toBe(new Date(read.body.receivedAt).getTime() + 5 * 24 * 3600_000);
    expect(corrected.body.priority.reasons.at(-1)).toMatchObject({ code: 'staff_override', detail: expect.stringContaining('Card reported stolen') });

    const again = await patch(me, { category: urgentCategory, priority: 'urgent', reason: 'retry' });
    expect(again.body.version).toBe(corrected.body.version);

    const timeline = await t.http.get(`/v1/complaints/${complaint.id}/timeline`).set('Authorization', supervisor);
    const updated = timeline.body.events.filter((e: { type: string }) => e.type === 'complaint.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0].details).toMatchObject({
      reason: 'Card reported stolen',
      changes: [
        { field: 'category', before: category, after: urgentCategory },
        { field: 'priority', before: read.body.priority.level, after: 'urgent' },
      ],
      slaPolicy: `WF_FIVE_DAYS_${suffix.toUpperCase()}`,
      dueBefore: read.body.dueAt,
      dueAfter: corrected.body.dueAt,
    });

    expect((await act(complaint.id, 'withdraw', me, { reason: 'Customer withdrew' })).status).toBe(200);
    const closedRecord = await patch(me, { priority: 'low', reason: 'r' });
    expect(closedRecord.status).toBe(409);
    expect(closedRecord.body.currentState).toBe('withdrawn');
  });

  it('reopens within the window and takes one review request of a closed decision', async () => {
    const complaint = await submit();
    const me = officer(1);
    await t.http.post(`/v1/complaints/${complaint.id}/assign`).set('Authorization', supervisor).send({ assigneeId: `wf-off1-${suffix}` });
    for (const action of ['acknowledge', 'start']) expect((await act(complaint.id, action, me)).status).toBe(200);
    const decision = { outcome: 'not_upheld', rootCauseCode: 'NO_FAULT', summary: 'The charge was authorised.' };
    expect((await act(complaint.id, 'resolve', me, decision)).status).toBe(200);
    expect((await act(complaint.id, 'reopen', me)).body.errors[0].field).toBe('reason');
    const reopened = await act(complaint.id, 'reopen', me, { reason: 'Customer sent a statement showing two postings' });
    expect(reopened.body.status).toBe('reopened');
    expect((await act(complaint.id, 'start', me)).status).toBe(200);
    expect((await act(complaint.id, 'resolve', me, decision)).status).toBe(200);
    expect((await act(complaint.id, 'close', me, { finalResponseSentAt: t.clock.now().toISOString() })).status).toBe(200);

    const review = await act(complaint.id, 'request-review', me, { reason: 'Customer disputes the decision (核查)' });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('under_review');
    expect(review.body.dueAt).not.toBeNull();
    expect((await act(complaint.id, 'resolve', me, decision)).body.status).toBe('resolved');
    expect((await act(complaint.id, 'close', me, { finalResponseSentAt: t.clock.now().toISOString() })).status).toBe(200);
    const again = await act(complaint.id, 'request-review', me, { reason: 'Again' });
    expect(again.status).toBe(409);

    t.clock.advance(31 * 24 * 3600_000);
    const late = await act(complaint.id, 'reopen', me, { reason: 'Too late' });
    expect(late.status).toBe(422);
    expect(late.body.deadline).toBeDefined();
    t.clock.set(new Date());
  });

  it('merges a duplicate into its primary, linking both timelines', async () => {
    const customer = { id: `C-${suffix}`, name: '王伟', preferredLanguage: 'zh' };
    const primary = await submit({ customer });
    const duplicate = await submit({ customer, description: '重复扣款问题，第二次来电投诉。' });
    expect((await act(duplicate.id, 'merge', officer(1), { primaryId: primary.id })).status).toBe(403);
    const other = await submit();
    expect((await act(duplicate.id, 'merge', supervisor, { primaryId: other.id })).body.errors[0].field).toBe('primaryId');
    const merged = await act(duplicate.id, 'merge', supervisor, { primaryId: primary.id, reason: 'Same double charge' });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: primary.id });
    const primaryTimeline = await t.http.get(`/v1/complaints/${primary.id}/timeline`).set('Authorization', supervisor);
    expect(primaryTimeline.body.events.at(-1)).toMatchObject({ type: 'complaint.duplicate_merged', details: { duplicateId: duplicate.id } });
    const duplicateTimeline = await t.http.get(`/v1/complaints/${duplicate.id}/timeline`).set('Authorization', supervisor);
    expect(duplicateTimeline.body.events.at(-1)).toMatchObject({ type: 'complaint.merge', details: { primaryId: primary.id } });
  });

  it('never gives two officers claiming at once the same case, and refuses an officer at capacity', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 6; i++) ids.add((await submit()).id);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http.post('/v1/queue/claim-next').set('Authorization', officer(1 + (i % 2))).send()),
    );
    const claimed = claims.filter((r) => r.status === 200).map((r) => r.body.id as string);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBeGreaterThanOrEqual(6);

    const first = await t.http.post('/v1/queue/claim-next').set('Authorization', officer(3)).send();
    await submit();
    const second = await t.http.post('/v1/queue/claim-next').set('Authorization', officer(3)).send();
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.body).toMatchObject({ openCases: 1, capacity: 1 });
  });

  it('orders the queue breached first, then by due time, and pages with a cursor', async () => {
    const page1 = await t.http.get('/v1/queue?limit=2&scope=mine').set('Authorization', officer(1));
    expect(page1.status).toBe(200);
    const page2 = await t.http.get(`/v1/queue?limit=2&scope=mine&cursor=${page1.body.nextCursor}`).set('Authorization', officer(1));
    const all = await t.http.get('/v1/queue?limit=100&scope=mine').set('Authorization', officer(1));
    expect([...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id)).toEqual(all.body.items.slice(0, 4).map((c: { id: string }) => c.id));
    const dues = all.body.items.map((c: { dueAt: string }) => c.dueAt);
    expect([...dues].sort()).toEqual(dues);

    // A row is a summary: the customer's name, never their contact details or the whole narrative.
    const long = await submit({ description: '信'.repeat(400), customer: { id: `C-q-${suffix}`, name: '钱多多', email: 'qian@example.com', phone: '+86 138 0000 0000', preferredLanguage: 'zh', vulnerable: true } });
    const unassigned = await t.http.get('/v1/queue?scope=unassigned&limit=100').set('Authorization', supervisor);
    const row = unassigned.body.items.find((c: { id: string }) => c.id === long.id);
    expect(row).toMatchObject({ reference: long.reference, status: 'received', summary: `${'信'.repeat(160)}…`, customer: { name: '钱多多', language: 'zh', vulnerable: true } });
    expect(JSON.stringify(row)).not.toMatch(/qian@example\.com|138 0000|C-q-/);
    expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['description']));
    expect((await t.http.get('/v1/queue?cursor=bogus').set('Authorization', officer(1))).status).toBe(400);

    const workload = await t.http.get(`/v1/teams/${team}/workload`).set('Authorization', supervisor);
    expect(workload.status).toBe(200);
    expect(workload.body.officers.find((o: { staffId: string }) => o.staffId === `wf-off3-${suffix}`)).toMatchObject({ openCases: 1, capacity: 1 });
    expect((await t.http.get(`/v1/teams/${team}/workload`).set('Authorization', `Bearer ${t.token(['supervisor'], 'x', ['OTHER'])}`)).status).toBe(404);
  });

  it('hides complaints outside the caller’s teams behind a 404', async () => {
    const complaint = await submit();
    const outsider = `Bearer ${t.token(['officer'], 'outsider', ['SOMEWHERE-ELSE'])}`;
    expect((await t.http.get(`/v1/complaints/${complaint.id}`).set('Authorization', outsider)).status).toBe(404);
    expect((await act(complaint.id, 'acknowledge', outsider)).status).toBe(404);
    expect((await t.http.get(`/v1/complaints/${complaint.id}/timeline`).set('Authorization', outsider)).status).toBe(404);
    expect((await t.http.get(`/v1/complaints/${complaint.id}`).set('Authorization', officer(2))).status).toBe(200);
  });

  it('detects an audit row changed in the database behind the application’s back', async () => {
    const complaint = await submit();
    await act(complaint.id, 'acknowledge', supervisor);
    await t.http.post(`/v1/complaints/${complaint.id}/notes`).set('Authorization', supervisor).send({ text: 'Called the customer' });
    const refused = t.dataSource.query(`UPDATE complaint_events SET details = '{"text":"nothing"}' WHERE complaint_id = $1 AND seq = 3`, [complaint.id]);
    await expect(refused).rejects.toThrow(/append-only/);

    // A database superuser can switch the trigger off; the chain still gives the edit away.
    await t.dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_no_change');
      await m.query(`UPDATE complaint_events SET details = '{"text":"Customer withdrew"}' WHERE complaint_id = $1 AND seq = 3`, [complaint.id]);
      await m.query('ALTER TABLE complaint_events ENABLE TRIGGER complaint_events_no_change');
    });
    const verify = await t.http.get(`/v1/complaints/${complaint.id}/audit/verify`).set('Authorization', supervisor);
    expect(verify.body).toEqual({ intact: false, events: 3, firstBrokenSeq: 3, reason: 'hash_mismatch' });
  });
});
