import { CommunicationsService, SurveysService } from '@redress/communications';
import { lockComplaint } from '@redress/complaints';
import { Transactions } from '@redress/database';
import { formatLetterDate } from '@redress/domain';
import { complaintBody } from './support/complaints';
import { type SmtpReceiver, startSmtpReceiver, subjectOf } from './support/smtp-receiver';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Customer communications and satisfaction surveys over HTTP on real PostgreSQL: letters rendered
 * in the customer's language, recorded and sent by e-mail through a local SMTP receiver, the
 * refusals officers meet, and the survey link's single use and expiry.
 */
describe('customer communications and surveys', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;

  async function submit(overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string; dueAt: string; [k: string]: unknown }> {
    const res = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone', overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  function communicate(id: string, body: Record<string, unknown>, as = admin) {
    return t.http.post(`/v1/complaints/${id}/communications`).set('Authorization', as).send(body);
  }

  function preview(id: string, body: Record<string, unknown>, as = admin) {
    return t.http.post(`/v1/complaints/${id}/communications/preview`).set('Authorization', as).send(body);
  }

  async function decide(id: string, decision: Record<string, unknown>): Promise<void> {
    for (const [action, body] of [['acknowledge', {}], ['start', {}], ['resolve', decision]] as const) {
      const res = await t.http.post(`/v1/complaints/${id}/${action}`).set('Authorization', admin).send(body);
      expect(res.status).toBe(200);
    }
  }

  async function events(complaintId: string): Promise<{ type: string; actor_kind: string; actor_id: string; details: Record<string, unknown> }[]> {
    return t.dataSource.query('SELECT type, actor_kind, actor_id, details FROM complaint_events WHERE complaint_id = $1 ORDER BY seq', [complaintId]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = `Bearer ${t.token(['admin'])}`;
    manager = `Bearer ${t.token(['manager'], 'mgr-letters')}`;
  });
  afterAll(() => t.close());

  describe('letters', () => {
    it('previews the acknowledgement in Chinese with the reference and the answer date in China', async () => {
      const complaint = await submit();
      const res = await preview(complaint.id, { template: 'acknowledgement' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ template: 'acknowledgement', language: 'zh', subject: `我们已收到您的投诉（编号：${complaint.reference}）` });
      // Under NFRA the answer is the only deadline, so it is the complaint's dueAt.
      expect(res.body.body).toContain(`将于${formatLetterDate('zh', new Date(complaint.dueAt), 'Asia/Shanghai')}前向您作出答复`);
      expect(res.body.body).toContain('尊敬的李娜：');
    });

    it('previews it in English for a UK customer with the final-response deadline, not the acknowledgement’s', async () => {
      const complaint = await submit({
        jurisdiction: 'GB',
        customer: { id: 'C-GB-1', name: 'Ann Moss', email: 'ann.moss@example.co.uk', preferredLanguage: 'en' },
        description: 'I was charged twice for the same card payment and the second charge has not been refunded.',
      });
      const sla = await t.http.get(`/v1/complaints/${complaint.id}/sla`).set('Authorization', admin);
      const answerDue = sla.body.milestones.find((m: { milestone: string }) => m.milestone === 'final_response').dueAt;
      expect(answerDue).not.toBe(complaint.dueAt);

      const res = await preview(complaint.id, { template: 'acknowledgement' }, manager);
      expect(res.status).toBe(200);
      expect(res.body.language).toBe('en');
      expect(res.body.subject).toBe(`We have received your complaint – reference ${complaint.reference}`);
      expect(res.body.body).toContain('Dear Ann Moss,');
      expect(res.body.body).toContain(`will send you our response by ${formatLetterDate('en', new Date(answerDue), 'Europe/London')}.`);
    });

    it('records a letter and an edited information request, lists them newest first, and notes each on the timeline', async () => {
      const complaint = await submit({ receivedAt: new Date(t.clock.now().getTime() - 2 * DAY_MS).toISOString() });
      const beforeReceipt = await communicate(complaint.id, {
        template: 'acknowledgement',
        channel: 'letter',
        sentAt: new Date(t.clock.now().getTime() - 3 * DAY_MS).toISOString(),
      });
      expect(beforeReceipt.body.errors).toEqual([{ field: 'sentAt', messages: ['sentAt must not be before the complaint was received'] }]);

      const sentAt = new Date(t.clock.now().getTime() - 3600_000).toISOString();
      const letter = await communicate(complaint.id, { template: 'acknowledgement', channel: 'letter', sentAt });
      expect(letter.status).toBe(201);
      expect(letter.body).toMatchObject({
        complaintId: complaint.id,
        template: 'acknowledgement',
        language: 'zh',
        channel: 'letter',
        recipient: null,
        sentAt,
        sentBy: 'staff-admin',
        delivery: 'recorded',
        deliveryError: null,
      });
      expect(letter.body.body).toContain(complaint.reference);

      const info = await communicate(complaint.id, {
        template: 'information_request',
        channel: 'phone',
        requestedInformation: '2026年11月的信用卡对账单',
        body: '电话中已请客户提供2026年11月的信用卡对账单。',
      });
      expect(info.status).toBe(201);
      expect(info.body).toMatchObject({ subject: `关于您的投诉，需要您补充材料（编号：${complaint.reference}）`, body: '电话中已请客户提供2026年11月的信用卡对账单。' });

      const list = await t.http.get(`/v1/complaints/${complaint.id}/communications`).set('Authorization', manager);
      expect(list.status).toBe(200);
      expect(list.body.map((c: { id: string }) => c.id)).toEqual([info.body.id, letter.body.id]);

      const sent = (await events(complaint.id)).filter((e) => e.type === 'communication.sent');
      expect(sent.map((e) => e.details)).toEqual([
        { communicationId: letter.body.id, template: 'acknowledgement', channel: 'letter', sentAt, delivery: 'recorded' },
        { communicationId: info.body.id, template: 'information_request', channel: 'phone', sentAt: info.body.sentAt, delivery: 'recorded' },
      ]);
      expect(sent[0]).toMatchObject({ actor_kind: 'staff', actor_id: 'staff-admin' });
      expect((await t.http.get(`/v1/complaints/${complaint.id}/audit/verify`).set('Authorization', admin)).body).toMatchObject({ intact: true });
    });

    it('writes the final response from the decision, with the redress and the NFRA hotline', async () => {
      const complaint = await submit();
      const early = await preview(complaint.id, { template: 'final_response' });
      expect(early.status).toBe(409);
      expect(early.headers['content-type']).toContain('application/problem+json');
      expect(early.body).toMatchObject({ type: 'urn:redress:problem:letter-facts-missing', missingFacts: ['outcome', 'summary'] });
      expect(early.body.detail).toContain('record the decision with the resolve action first');

      await decide(complaint.id, { outcome: 'partially_upheld', rootCauseCode: 'CARD.DUP', summary: '重复扣款已核实并撤销。', redress: { amount: 268.5, currency: 'CNY' } });
      const res = await communicate(complaint.id, { template: 'final_response', channel: 'letter' });
      expect(res.status).toBe(201);
      expect(res.body.body).toContain('经调查，我们认为您的投诉部分成立。\n\n重复扣款已核实并撤销。\n\n作为补偿，我们将向您支付人民币268.50元。');
      expect(res.body.body).toContain('消费者投诉维权热线：12378');

      const communications = t.app.get(CommunicationsService);
      expect((await communications.lastSentAt(t.dataSource.manager, complaint.id, 'final_response'))?.toISOString()).toBe(res.body.sentAt);
      expect(await communications.lastSentAt(t.dataSource.manager, complaint.id, 'holding_reply')).toBeNull();
    });

    it('names what a holding reply lacks, and refuses dates that cannot be', async () => {
      const complaint = await submit();
      const bare = await preview(complaint.id, { template: 'holding_reply' });
      expect(bare.status).toBe(400);
      expect(bare.body.errors).toEqual([
        { field: 'reason', messages: ['reason is required for a holding_reply letter'] },
        { field: 'newExpectedAt', messages: ['newExpectedAt is required for a holding_reply letter'] },
      ]);

      const past = await preview(complaint.id, { template: 'holding_reply', reason: '需要调取交易凭证。', newExpectedAt: '2020-01-01T00:00:00+08:00' });
      expect(past.status).toBe(400);
      expect(past.body.errors[0].field).toBe('newExpectedAt');

      const future = await communicate(complaint.id, { template: 'acknowledgement', channel: 'letter', sentAt: new Date(t.clock.now().getTime() + DAY_MS).toISOString() });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([{ field: 'sentAt', messages: ['sentAt must not be in the future'] }]);

      const newExpectedAt = new Date(t.clock.now().getTime() + 20 * DAY_MS).toISOString();
      const ok = await communicate(complaint.id, { template: 'holding_reply', channel: 'sms', reason: '需要向发卡机构调取交易凭证。', newExpectedAt });
      expect(ok.status).toBe(201);
      expect(ok.body.body).toContain('延期原因：需要向发卡机构调取交易凭证。');
      expect(ok.body.body).toContain(`我们预计将于${formatLetterDate('zh', new Date(newExpectedAt), 'Asia/Shanghai')}前向您作出最终答复。`);

      const unknown = await communicate(complaint.id, { template: 'apology', channel: 'fax', extra: 1 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'extra', 'template']);
    });

    it('records an e-mail without SMTP as recorded, and refuses one for a customer without an address', async () => {
      const complaint = await submit();
      const recorded = await communicate(complaint.id, { template: 'acknowledgement', channel: 'email' });
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({ channel: 'email', recipient: 'li.na@example.com', delivery: 'recorded' });

      const noEmail = await submit({ customer: { id: 'C-NOMAIL', name: '王强', preferredLanguage: 'zh' } });
      const refused = await communicate(noEmail.id, { template: 'acknowledgement', channel: 'email' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'channel', messages: ['channel email needs the customer’s e-mail address, and the complaint has none'] }]);
      expect((await events(noEmail.id)).map((e) => e.type)).not.toContain('communication.sent');
    });

    it('hides complaints outside the caller’s scope and keeps analysts and integrations out', async () => {
      const complaint = await submit();
      const officer = `Bearer ${t.token(['officer'], 'officer-no-team')}`;
      expect((await preview(complaint.id, { template: 'acknowledgement' }, officer)).status).toBe(404);
      expect((await communicate(complaint.id, { template: 'acknowledgement', channel: 'letter' }, officer)).status).toBe(404);
      expect((await t.http.get(`/v1/complaints/${complaint.id}/communications`).set('Authorization', officer)).status).toBe(404);
      expect((await t.http.get(`/v1/complaints/${complaint.id}/communications`).set('Authorization', `Bearer ${t.token(['analyst'])}`)).status).toBe(403);
      expect((await t.http.get(`/v1/complaints/${complaint.id}/communications`).set('X-API-Key', API_KEYS.callCentre)).status).toBe(403);
    });
  });

  describe('e-mail through SMTP', () => {
    let smtp: SmtpReceiver;
    let refusing: SmtpReceiver;
    let mailing: TestApp;
    let bouncing: TestApp;

    async function appWithSmtp(url: string): Promise<TestApp> {
      process.env.SMTP_URL = url;
      try {
        return await createTestApp();
      } finally {
        delete process.env.SMTP_URL;
      }
    }

    beforeAll(async () => {
      smtp = await startSmtpReceiver();
      refusing = await startSmtpReceiver(true);
      mailing = await appWithSmtp(smtp.url);
      bouncing = await appWithSmtp(refusing.url);
    });
    afterAll(async () => {
      await mailing.close();
      await bouncing.close();
      await smtp.close();
      await refusing.close();
    });

    it('sends the letter to the customer’s address with its subject', async () => {
      const complaint = await submit();
      const res = await mailing.http.post(`/v1/complaints/${complaint.id}/communications`).set('Authorization', admin).send({ template: 'acknowledgement', channel: 'email' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ delivery: 'sent', recipient: 'li.na@example.com', deliveryError: null });
      const mail = smtp.mails.find((m) => subjectOf(m.raw).includes(complaint.reference));
      expect(mail).toBeDefined();
      expect(mail!.to).toEqual(['<li.na@example.com>']);
      expect(subjectOf(mail!.raw)).toBe(`我们已收到您的投诉（编号：${complaint.reference}）`);
    });

    it('refuses sentAt for an e-mail it sends itself', async () => {
      const complaint = await submit();
      const res = await mailing.http
        .post(`/v1/complaints/${complaint.id}/communications`)
        .set('Authorization', admin)
        .send({ template: 'acknowledgement', channel: 'email', sentAt: new Date(t.clock.now().getTime() - 3600_000).toISOString() });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('sentAt');
    });

    it('keeps a refused e-mail as failed, still 201, and notes the failure on the timeline', async () => {
      const complaint = await submit();
      const res = await bouncing.http.post(`/v1/complaints/${complaint.id}/communications`).set('Authorization', admin).send({ template: 'acknowledgement', channel: 'email' });
      expect(res.status).toBe(201);
      expect(res.body.delivery).toBe('failed');
      expect(res.body.deliveryError).toContain('550');
      const failed = (await events(complaint.id)).find((e) => e.type === 'communication.failed');
      expect(failed?.details).toMatchObject({ communicationId: res.body.id, channel: 'email', delivery: 'failed' });
      expect(await bouncing.app.get(CommunicationsService).lastSentAt(bouncing.dataSource.manager, complaint.id, 'acknowledgement')).toBeNull();
    });
  });

  describe('satisfaction surveys', () => {
    async function invite(complaintId: string) {
      return t.app.get(Transactions).run(async (manager) => {
        await lockComplaint(manager, complaintId);
        return t.app.get(SurveysService).create(manager, { id: complaintId });
      });
    }

    it('shows the question, takes one answer, and refuses a second', async () => {
      const complaint = await submit();
      const invitation = await invite(complaint.id);
      expect(invitation!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(invitation!.expiresAt.getTime()).toBe(t.clock.now().getTime() + 30 * DAY_MS);
      const stored = await t.dataSource.query('SELECT token_hash FROM surveys WHERE complaint_id = $1', [complaint.id]);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].token_hash).not.toContain(invitation!.token);

      const question = await t.http.get(`/v1/surveys/${invitation!.token}`);
      expect(question.status).toBe(200);
      expect(question.body).toMatchObject({ reference: complaint.reference, language: 'zh', expiresAt: invitation!.expiresAt.toISOString() });
      expect(question.body.question).toContain(`（编号：${complaint.reference}）`);

      const badScore = await t.http.post(`/v1/surveys/${invitation!.token}`).send({ score: 6, comment: 'x'.repeat(2001) });
      expect(badScore.status).toBe(400);
      expect(badScore.body.errors.map((e: { field: string }) => e.field)).toEqual(['score', 'comment']);

      const answered = await t.http.post(`/v1/surveys/${invitation!.token}`).send({ score: 5, comment: '处理很及时，谢谢。' });
      expect(answered.status).toBe(201);
      expect(answered.body).toMatchObject({ reference: complaint.reference, score: 5 });
      const again = await t.http.post(`/v1/surveys/${invitation!.token}`).send({ score: 1 });
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect((await t.http.get(`/v1/surveys/${invitation!.token}`)).status).toBe(409);

      const timeline = await events(complaint.id);
      expect(timeline.filter((e) => e.type === 'survey.answered')).toEqual([
        { type: 'survey.answered', actor_kind: 'system', actor_id: 'customer-survey', details: { score: 5 } },
      ]);
      expect(await invite(complaint.id)).toBeNull();
    });

    it('replaces an unanswered survey’s link, and answers 404 for a link it does not know', async () => {
      const complaint = await submit();
      const first = await invite(complaint.id);
      const second = await invite(complaint.id);
      expect(second!.token).not.toBe(first!.token);
      expect((await t.http.post(`/v1/surveys/${first!.token}`).send({ score: 4 })).status).toBe(404);
      expect((await t.http.get('/v1/surveys/not-a-token')).status).toBe(404);
      expect((await t.http.post(`/v1/surveys/${'A'.repeat(43)}`).send({ score: 4 })).status).toBe(404);
      expect((await t.http.post(`/v1/surveys/${second!.token}`).send({ score: 4 })).status).toBe(201);
    });

    it('answers 410 once the link has expired', async () => {
      const complaint = await submit();
      const invitation = await invite(complaint.id);
      const start = t.clock.now();
      try {
        t.clock.advance(30 * DAY_MS);
        expect((await t.http.get(`/v1/surveys/${invitation!.token}`)).status).toBe(410);
        const late = await t.http.post(`/v1/surveys/${invitation!.token}`).send({ score: 3 });
        expect(late.status).toBe(410);
        expect(late.body).toMatchObject({ status: 410, detail: 'This survey link has expired' });
      } finally {
        t.clock.set(start);
      }
    });
  });
});
