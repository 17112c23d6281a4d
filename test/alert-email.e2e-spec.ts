import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@redress/config';
import { addOutboxEvent, AlertMessage, OutboxTrigger } from '@redress/notifications';
import { randomUUID } from 'node:crypto';
import { Metrics } from '@redress/observability';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { complaintBody } from './support/complaints';
import { FakeClock } from './support/fake-clock';
import { ReceivedMail, SmtpReceiver, startSmtpReceiver, subjectOf, textOf } from './support/smtp-receiver';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;
const THRESHOLD = 5;
const CASE_URL = 'https://redress.bank.example/cases/{id}';

interface EmailRow {
  alert_id: string;
  recipient_id: string;
  status: string;
  attempts: number;
  skip_reason: string | null;
  last_error: string | null;
  digest_id: string | null;
}

/**
 * Alert e-mail end to end: SLA alerts raised by the real timers, and `alert.raised` events committed
 * the way the timers commit them, mailed by two competing workers through a local SMTP receiver.
 * The API and the workers share one fake clock, so the minute windows of the storm rule are moved
 * by the test instead of waited for.
 */
describe('alert e-mail', () => {
  const clock = new FakeClock(new Date());
  const workers: INestApplicationContext[] = [];

  /** Alert e-mail attempts with this outcome, over both workers. */
  const emailAttempts = async (outcome: string): Promise<number> => {
    let sum = 0;
    for (const worker of workers) {
      const counted = await worker.get(Metrics).alertEmails.get();
      sum += counted.values.filter((value) => value.labels.type === 'email' && value.labels.outcome === outcome).reduce((a, v) => a + v.value, 0);
    }
    return sum;
  };
  const suffix = randomUUID().slice(0, 6);
  let t: TestApp;
  let smtp: SmtpReceiver;
  let admin: string;

  const address = (staffId: string) => `${staffId}@bank.example`;
  const mailsTo = (staffId: string): ReceivedMail[] => smtp.mails.filter((mail) => mail.to.includes(`<${address(staffId)}>`));

  async function until<T>(find: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function addStaff(id: string, extra: Record<string, unknown> = {}): Promise<void> {
    const res = await t.http
      .post('/v1/staff')
      .set('Authorization', admin)
      .send({ id, name: `Staff ${id}`, email: address(id), roles: ['officer'], ...extra });
    expect(res.status).toBe(201);
  }

  /** Commits an alert.raised outbox event as the SLA timer does, then kicks the dispatcher. */
  async function raise(recipients: string[], overrides: Partial<AlertMessage> = {}): Promise<AlertMessage> {
    const now = clock.now().toISOString();
    const alert: AlertMessage = {
      id: randomUUID(),
      complaintId: randomUUID(),
      reference: `CMP-AE-${randomUUID().slice(0, 8)}`,
      teamCode: null,
      recipients,
      kind: 'breach',
      milestone: 'final_response',
      level: null,
      fraction: null,
      dueAt: now,
      thresholdAt: now,
      raisedAt: now,
      ...overrides,
    };
    await t.dataSource.transaction((manager) =>
      addOutboxEvent(manager, { type: 'alert.raised', complaintId: alert.complaintId, payload: { ...alert }, at: clock.now() }),
    );
    await t.app.get(OutboxTrigger).kick();
    return alert;
  }

  async function rowsFor(alertIds: string[]): Promise<EmailRow[]> {
    return t.dataSource.query(
      'SELECT alert_id, recipient_id, status, attempts, skip_reason, last_error, digest_id FROM alert_emails WHERE alert_id = ANY($1::uuid[])',
      [alertIds],
    );
  }

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const settings: Record<string, string> = {
      SMTP_URL: smtp.url,
      ALERT_DIGEST_THRESHOLD: String(THRESHOLD),
      ALERT_EMAIL_BACKOFF_MS: '100',
      ALERT_EMAIL_MAX_ATTEMPTS: '10',
      ALERT_EMAIL_SWEEP_INTERVAL_MS: '500',
      ALERT_CASE_URL: CASE_URL,
      SLA_SWEEP_INTERVAL_MS: '1000',
    };
    Object.assign(process.env, settings);
    try {
      t = await createTestApp(clock);
      admin = `Bearer ${t.token(['admin'])}`;
      for (let i = 0; i < 2; i++) {
        const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(Clock).useValue(clock).compile();
        workers.push(await moduleRef.init());
      }
    } finally {
      // Later spec files run in this process; the configuration was read at start-up.
      for (const name of Object.keys(settings)) delete process.env[name];
    }
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t?.close();
    await smtp?.close();
  });

  it('mails each SLA alert to its recipient once, with the reference and a link but nothing about the customer', async () => {
    const team = `AE-${suffix}`;
    const category = `alert_email_${suffix}`;
    const officerId = `ae-off-${suffix}`;
    const supervisorId = `ae-sup-${suffix}`;
    await addStaff(supervisorId, { roles: ['supervisor'] });
    await addStaff(officerId);
    expect((await t.http.post('/v1/teams').set('Authorization', admin).send({ code: team, name: 'Alert e-mail', supervisorId, categories: [category] })).status).toBe(201);
    expect((await t.http.patch(`/v1/staff/${officerId}`).set('Authorization', admin).send({ teams: [team] })).status).toBe(200);
    const policy = await t.http
      .post('/v1/sla-policies')
      .set('Authorization', admin)
      .send({
        code: `AE_FIVE_SECONDS_${suffix}`,
        name: 'Five seconds',
        source: 'e2e test',
        calendar: 'UTC-24x7',
        milestones: [{ key: 'final_response', description: 'answer', duration: 'PT5S', counting: 'calendar' }],
        escalation: [{ level: 1, delayAfterBreach: 'PT1S', target: 'team_supervisor' }],
        match: { categories: [category] },
      });
    expect(policy.status).toBe(201);

    const customer = {
      id: `C-AE-${suffix}`,
      name: '欧阳娜娜',
      email: 'nana.ouyang@example.com',
      phone: '+86 139 1234 5678',
      address: '上海市浦东新区世纪大道88号',
      accountNumber: '6222029876543210',
      preferredLanguage: 'zh',
    };
    const description = '我的信用卡被盗刷了三笔，银行一直没有处理。';
    const submitted = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('web', { category, customer, description }));
    expect(submitted.status).toBe(201);
    const complaint = submitted.body as { id: string; reference: string };
    const supervisor = `Bearer ${t.token(['supervisor'], supervisorId, [team])}`;
    expect((await t.http.post(`/v1/complaints/${complaint.id}/assign`).set('Authorization', supervisor).send({ assigneeId: officerId })).status).toBe(200);
    // The first timer fires 2.5 real seconds after intake, when the clock says three seconds have
    // passed: the 50% warning. Then the clock jumps past the breach and the escalation (the 75%
    // warning, overtaken by the breach, is not raised); the SLA sweep re-adds a timer that fired early.
    clock.advance(3_000);
    await until(() => mailsTo(officerId).length >= 1, 'the 50% warning');
    clock.advance(7_000);

    const officerMails = await until(() => mailsTo(officerId).length >= 2 && mailsTo(officerId), 'the breach');
    const supervisorMails = await until(() => mailsTo(supervisorId).length >= 1 && mailsTo(supervisorId), 'the supervisor’s escalation');
    expect(officerMails.map((mail) => subjectOf(mail.raw))).toEqual([
      `[Redress] SLA warning (50% of the time used): ${complaint.reference} (final_response)`,
      `[Redress] SLA breached: ${complaint.reference} (final_response)`,
    ]);
    expect(subjectOf(supervisorMails[0].raw)).toBe(`[Redress] Escalation level 1: ${complaint.reference} (final_response)`);
    expect(officerMails[0].from).toBe('<complaints@localhost>');

    const mails = [...officerMails, ...supervisorMails];
    for (const mail of mails) {
      const text = textOf(mail.raw);
      expect(text).toContain(`https://redress.bank.example/cases/${complaint.id}`);
      const everything = `${mail.raw}\n${subjectOf(mail.raw)}\n${text}`;
      for (const secret of [customer.id, customer.name, customer.email, customer.phone, customer.address, customer.accountNumber, description]) {
        expect(everything).not.toContain(secret);
      }
    }

    // Two workers dispatched and sent, and still one row and one e-mail per alert and recipient.
    const alerts: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM alerts WHERE complaint_id = $1', [complaint.id]);
    expect(alerts).toHaveLength(3);
    await until(async () => (await rowsFor(alerts.map((a) => a.id))).every((row) => row.status === 'sent'), 'every row marked sent');
    const rows = await rowsFor(alerts.map((a) => a.id));
    expect(rows.map((row) => row.recipient_id).sort()).toEqual([officerId, officerId, supervisorId].sort());
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo(officerId)).toHaveLength(2);
    expect(mailsTo(supervisorId)).toHaveLength(1);
  }, 40_000);

  it('skips, and records, recipients without a usable address', async () => {
    const officerId = `ae-ok-${suffix}`;
    const leaverId = `ae-gone-${suffix}`;
    const ghostId = `ae-ghost-${suffix}`;
    await addStaff(officerId);
    await addStaff(leaverId, { active: false });
    const alert = await raise([officerId, ghostId, leaverId, officerId]);

    await until(() => mailsTo(officerId).length === 1, 'the addressed officer’s e-mail');
    const rows = await until(async () => {
      const found = await rowsFor([alert.id]);
      return found.some((row) => row.status === 'sent') && found;
    }, 'the rows');
    expect(Object.fromEntries(rows.map((row) => [row.recipient_id, [row.status, row.skip_reason]]))).toEqual({
      [officerId]: ['sent', null],
      [ghostId]: ['skipped', 'no_address'],
      [leaverId]: ['skipped', 'inactive'],
    });
    expect(mailsTo(leaverId)).toHaveLength(0);
  });

  it('mails a storm one by one up to the threshold, then sends one digest when the minute ends', async () => {
    const recipient = `ae-storm-${suffix}`;
    await addStaff(recipient);
    // Start of a fresh minute, so the whole storm falls in one window.
    clock.set(new Date(Math.floor(clock.now().getTime() / MINUTE) * MINUTE + MINUTE + 5_000));
    const storm: AlertMessage[] = [];
    const kinds: AlertMessage['kind'][] = ['warning', 'breach', 'escalation', 'breach'];
    for (let burst = 0; burst < 2; burst++) {
      for (let i = 0; i < 4; i++) {
        const n = storm.length + 1;
        const kind = kinds[i];
        storm.push(
          await raise([recipient], {
            reference: `CMP-STORM-${suffix}-${n}`,
            kind,
            fraction: kind === 'warning' ? 0.5 : null,
            level: kind === 'escalation' ? 2 : null,
          }),
        );
      }
      clock.advance(1_000);
    }

    await until(() => mailsTo(recipient).length >= THRESHOLD, 'the individual e-mails');
    // The rest of the minute's alerts are held: nothing more arrives while the minute lasts.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const individual = mailsTo(recipient);
    expect(individual).toHaveLength(THRESHOLD);
    expect(individual.map((mail) => /CMP-STORM-\S+-(\d+)/.exec(subjectOf(mail.raw))?.[1]).sort()).toEqual(['1', '2', '3', '4', '5']);
    const held = await rowsFor(storm.map((a) => a.id));
    expect(held.filter((row) => row.status === 'held')).toHaveLength(3);

    clock.advance(MINUTE);
    const all = await until(() => mailsTo(recipient).length > THRESHOLD && mailsTo(recipient), 'the digest');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo(recipient)).toHaveLength(THRESHOLD + 1);
    const digest = all[THRESHOLD];
    expect(subjectOf(digest.raw)).toMatch(/^\[Redress\] Alert digest: 3 SLA alerts, \d{4}-\d\d-\d\d \d\d:\d\d-\d\d:\d\d UTC$/);
    const text = textOf(digest.raw);
    expect(text).toContain(`The first ${THRESHOLD} of that minute reached you one by one`);
    expect(text).toContain(`- CMP-STORM-${suffix}-6  SLA breached  final_response`);
    expect(text).toContain(`- CMP-STORM-${suffix}-7  Escalation level 2  final_response`);
    expect(text).toContain(`- CMP-STORM-${suffix}-8  SLA breached  final_response`);
    expect(text).not.toMatch(new RegExp(`CMP-STORM-${suffix}-[1-5]\\b`));
    for (const alert of storm.slice(THRESHOLD)) expect(text).toContain(`https://redress.bank.example/cases/${alert.complaintId}`);

    const rows = await until(async () => {
      const found = await rowsFor(storm.map((a) => a.id));
      return found.filter((row) => row.status === 'digested').length === 3 && found;
    }, 'the digested rows');
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(THRESHOLD);
    expect(new Set(rows.filter((row) => row.status === 'digested').map((row) => row.digest_id)).size).toBe(1);
    const [window] = await t.dataSource.query('SELECT status, alert_count, listed FROM alert_digests WHERE recipient_id = $1', [recipient]);
    expect(window).toEqual({ status: 'sent', alert_count: 8, listed: 3 });

    // A new minute starts counting afresh.
    await raise([recipient], { reference: `CMP-STORM-${suffix}-9` });
    await until(() => mailsTo(recipient).length === THRESHOLD + 2, 'the next minute’s e-mail');
    expect(subjectOf(mailsTo(recipient)[THRESHOLD + 1].raw)).toContain(`CMP-STORM-${suffix}-9`);
  }, 40_000);

  it('retries with backoff while the SMTP server is down and delivers once it is back', async () => {
    const recipient = `ae-retry-${suffix}`;
    await addStaff(recipient);
    smtp.down = true;
    let alert: AlertMessage;
    try {
      alert = await raise([recipient], { kind: 'escalation', level: 1 });
      const failing = await until(async () => {
        const [row] = await rowsFor([alert.id]);
        return row && row.attempts >= 2 && row;
      }, 'two failed attempts');
      expect(failing).toMatchObject({ status: 'pending' });
      expect(failing.last_error).toMatch(/421/);
      expect(mailsTo(recipient)).toHaveLength(0);
    } finally {
      smtp.down = false;
    }

    const [mail] = await until(() => mailsTo(recipient).length > 0 && mailsTo(recipient), 'the delivery after recovery');
    expect(subjectOf(mail.raw)).toBe(`[Redress] Escalation level 1: ${alert.reference} (final_response)`);
    const row = await until(async () => {
      const [found] = await rowsFor([alert.id]);
      return found?.status === 'sent' && found;
    }, 'the sent row');
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.last_error).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo(recipient)).toHaveLength(1);
    // The failed attempts and the success, as the workers' metrics count them.
    expect(await emailAttempts('retrying')).toBeGreaterThanOrEqual(2);
    expect(await emailAttempts('sent')).toBeGreaterThanOrEqual(1);
  }, 40_000);
});
