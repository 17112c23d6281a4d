import { SlaConfigService } from '@redress/sla';
import { randomUUID } from 'node:crypto';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';
import { FakeClock } from './support/fake-clock';

interface MilestonePreview {
  key: string;
  mandatory: boolean;
  startsAfter: string | null;
  dueAt: string | null;
  dueAtLocal: string | null;
  warnAt: string[];
  provisional: boolean;
  escalation: { level: number; target: unknown; at: string }[];
}

const byKey = (milestones: MilestonePreview[]) => Object.fromEntries(milestones.map((m) => [m.key, m]));

/**
 * SLA configuration over HTTP on PostgreSQL: the presets and their calendars, previews checked by
 * hand against the rules and the published holidays, and the bank's own policies and calendars.
 * Everything this file creates carries a random suffix, and its country schedule is for Japan,
 * which no other spec uses, so specs running beside it are unaffected.
 */
describe('SLA configuration: policies, calendars, previews', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  const suffix = randomUUID().slice(0, 6);
  const policyCode = `E2E_FAST_${suffix}`;
  const category = `sla-test-${suffix}`;

  const fastPolicy = (overrides: Record<string, unknown> = {}) => ({
    code: policyCode,
    name: 'Five and fifteen seconds',
    source: 'e2e test',
    calendar: 'UTC-24x7',
    milestones: [
      { key: 'acknowledge', description: 'acknowledgement', duration: 'PT5S', counting: 'calendar' },
      { key: 'final_response', description: 'answer', duration: 'PT15S', counting: 'business_time' },
    ],
    escalation: [{ level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' }, { level: 2, delayAfterBreach: 'PT1M', target: { staffIds: ['mgr-1'] } }],
    match: { categories: [category] },
    ...overrides,
  });

  const preview = (code: string, query: string) => t.http.get(`/v1/sla-policies/${code}/preview?${query}`).set('Authorization', officer);

  beforeAll(async () => {
    // The year decides which holidays the country calendars load (2025-2028).
    t = await createTestApp(new FakeClock(new Date('2026-11-28T09:00:00Z')));
    admin = `Bearer ${t.token(['admin'])}`;
    officer = `Bearer ${t.token(['officer'])}`;
  });
  afterAll(() => t.close());

  describe('presets', () => {
    it('lists the five regulators’ presets, read-only, with their match criteria', async () => {
      const res = await t.http.get('/v1/sla-policies').set('Authorization', `Bearer ${t.token(['analyst'])}`);
      expect(res.status).toBe(200);
      const builtin = res.body.filter((p: { builtin: boolean }) => p.builtin);
      expect(builtin.map((p: { code: string }) => p.code)).toEqual(['CN_NFRA_2020', 'UK_FCA_DISP', 'EU_PSD2', 'US_CFPB', 'AU_ASIC_RG271']);
      const psd2 = builtin.find((p: { code: string }) => p.code === 'EU_PSD2');
      expect(psd2.match.categories).toEqual(['payments']);
      expect(psd2.match.jurisdictions).toEqual(expect.arrayContaining(['DE', 'FR', 'NO']));
    });

    it('shows one preset in full', async () => {
      const res = await t.http.get('/v1/sla-policies/CN_NFRA_2020').set('Authorization', officer);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: 'CN_NFRA_2020',
        calendar: 'CN',
        builtin: true,
        active: true,
        version: 1,
        match: { jurisdictions: ['CN'] },
        milestones: [{ key: 'final_response', duration: 'P15D', counting: 'calendar', rollForwardToWorkingDay: true }, { key: 'review_window', startsAfter: 'final_response' }],
      });
      expect(res.body.extensions[0].steps).toEqual([{ upTo: 'P30D' }, { upTo: 'P60D', approverRoles: ['manager', 'head_of_complaints'] }]);
    });
  });

  describe('preview', () => {
    it('CN_NFRA_2020 before Spring Festival 2026: day 15 is a holiday, so the answer is due at close on 24 February', async () => {
      // 1 Feb 10:00 + 15 days = Mon 16 Feb, inside the 15–23 Feb holiday; the next working day is
      // Tue 24 Feb, close of business 17:30 Beijing time.
      const res = await preview('CN_NFRA_2020', 'receivedAt=2026-02-01T10:00:00%2B08:00');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ policy: 'CN_NFRA_2020', calendar: 'CN', timeZone: 'Asia/Shanghai', variant: null, receivedAt: '2026-02-01T02:00:00.000Z' });
      const m = byKey(res.body.milestones);
      expect(m.final_response).toMatchObject({
        mandatory: true,
        startsAfter: null,
        dueAt: '2026-02-24T09:30:00.000Z',
        dueAtLocal: '2026-02-24T17:30:00.000+08:00',
        provisional: false,
      });
      // Warnings at half and three quarters of the time actually available (23 days 7.5 hours).
      expect(m.final_response.warnAt).toEqual(['2026-02-12T17:45:00.000Z', '2026-02-18T13:37:30.000Z']);
      expect(m.final_response.escalation).toEqual([
        { level: 1, target: 'team_supervisor', at: '2026-02-24T09:30:00.000Z' },
        { level: 2, target: 'manager', at: '2026-02-25T09:30:00.000Z' },
        { level: 3, target: 'head_of_complaints', at: '2026-02-27T09:30:00.000Z' },
      ]);
      expect(m.review_window).toMatchObject({ mandatory: false, startsAfter: 'final_response', dueAt: null, warnAt: [], escalation: [] });
    });

    it('CN_NFRA_2020: a 调休 Saturday is a working day, so nothing rolls', async () => {
      // 30 Jan 10:00 + 15 days = Sat 14 Feb, a make-up working day before Spring Festival.
      const res = await preview('CN_NFRA_2020', 'receivedAt=2026-01-30T10:00:00%2B08:00');
      expect(byKey(res.body.milestones).final_response.dueAt).toBe('2026-02-14T02:00:00.000Z');
    });

    it('CN_NFRA_2020 over National Day 2026: day 15 falls in the 1–7 October holiday, due at close on 8 October', async () => {
      // Received on Sun 20 Sep (itself a make-up working day); 20 Sep + 15 days = 5 Oct.
      const res = await preview('CN_NFRA_2020', 'receivedAt=2026-09-20T09:00:00%2B08:00');
      expect(byKey(res.body.milestones).final_response).toMatchObject({ dueAt: '2026-10-08T09:30:00.000Z', provisional: false });
    });

    it('accepts an unencoded "+" in the offset, which a query string turns into a space', async () => {
      const res = await preview('CN_NFRA_2020', 'receivedAt=2026-09-20T09:00:00+08:00');
      expect(byKey(res.body.milestones).final_response.dueAt).toBe('2026-10-08T09:30:00.000Z');
    });

    it('UK_FCA_DISP on Christmas Eve: business days skip Christmas, Boxing Day’s substitute and the weekend', async () => {
      // Thu 24 Dec 16:00 (before close): business days after it are Tue 29, Wed 30, Thu 31 Dec
      // (25 Dec Fri, 26 Sat, 27 Sun, 28 Mon the Boxing Day substitute). Eight weeks: 18 Feb 2027.
      const res = await preview('UK_FCA_DISP', 'receivedAt=2026-12-24T16:00:00Z');
      expect(res.status).toBe(200);
      expect(res.body.timeZone).toBe('Europe/London');
      const m = byKey(res.body.milestones);
      expect(m.acknowledge).toMatchObject({ dueAt: '2026-12-29T17:30:00.000Z', mandatory: true, provisional: false });
      expect(m.summary_resolution).toMatchObject({ dueAt: '2026-12-31T17:30:00.000Z', mandatory: false, escalation: [] });
      expect(m.final_response).toMatchObject({ dueAt: '2027-02-18T16:00:00.000Z', provisional: false });
      expect(m.final_response.escalation.map((e: { at: string }) => e.at)).toEqual(['2027-02-18T16:00:00.000Z', '2027-02-19T16:00:00.000Z', '2027-02-21T16:00:00.000Z']);
    });

    it('AU_ASIC_RG271 superannuation variant: 45 calendar days on Sydney’s wall clock, across the end of daylight saving', async () => {
      const res = await preview('AU_ASIC_RG271', 'receivedAt=2026-03-02T10:00:00%2B11:00&variant=superannuation');
      expect(res.body.variant).toBe('superannuation');
      expect(byKey(res.body.milestones).final_response).toMatchObject({ dueAt: '2026-04-16T00:00:00.000Z', dueAtLocal: '2026-04-16T10:00:00.000+10:00' });
    });

    it('flags a deadline that depends on holidays not yet published as provisional', async () => {
      // No State Council schedule for 2030 is loaded, and 2030 is outside the years in force.
      const res = await preview('CN_NFRA_2020', 'receivedAt=2030-05-01T10:00:00%2B08:00');
      expect(byKey(res.body.milestones).final_response.provisional).toBe(true);
    });

    it.each([
      ['missing', '', 'receivedAt is required'],
      ['without a time zone', 'receivedAt=2026-02-01T10:00:00', 'receivedAt must be an ISO 8601 date-time with a time zone, on a real date from 1900 to 9998, e.g. 2026-09-30T15:00:00+08:00'],
      ['a date that does not exist', 'receivedAt=2026-02-30T10:00:00Z', 'receivedAt must be an ISO 8601 date-time with a time zone, on a real date from 1900 to 9998, e.g. 2026-09-30T15:00:00+08:00'],
      ['in year 0', 'receivedAt=0000-01-01T00:00:00Z', 'receivedAt must be an ISO 8601 date-time with a time zone, on a real date from 1900 to 9998, e.g. 2026-09-30T15:00:00+08:00'],
      ['that an offset carries into year 10000', 'receivedAt=9999-12-31T23:00:00-05:00', 'receivedAt must be an ISO 8601 date-time with a time zone, on a real date from 1900 to 9998, e.g. 2026-09-30T15:00:00+08:00'],
    ])('refuses receivedAt %s, naming it', async (_name, query, message) => {
      const res = await preview('CN_NFRA_2020', query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'receivedAt', messages: [message] }]);
    });

    it('refuses an unknown variant, naming the policy’s variants, and unknown query fields', async () => {
      const variant = await preview('AU_ASIC_RG271', 'receivedAt=2026-03-02T10:00:00Z&variant=mortgage');
      expect(variant.status).toBe(400);
      expect(variant.body.errors).toEqual([{ field: 'variant', messages: ['variant must be one of default_notice_or_hardship, superannuation'] }]);
      const none = await preview('CN_NFRA_2020', 'receivedAt=2026-03-02T10:00:00Z&variant=fast');
      expect(none.body.errors).toEqual([{ field: 'variant', messages: ['policy CN_NFRA_2020 has no variants'] }]);
      const unknown = await preview('CN_NFRA_2020', 'receivedAt=2026-03-02T10:00:00Z&at=now');
      expect(unknown.body.errors).toEqual([{ field: 'at', messages: ['is not a known field'] }]);
    });
  });

  describe('the bank’s own policies', () => {
    it('lets an admin add a policy on the 24×7 calendar, preview it, and have it matched at once', async () => {
      const created = await t.http.post('/v1/sla-policies').set('Authorization', admin).send(fastPolicy());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: policyCode, builtin: false, active: true, version: 1, match: { categories: [category] } });

      const res = await preview(policyCode, 'receivedAt=2030-01-01T00:00:00Z');
      expect(res.status).toBe(200);
      const m = byKey(res.body.milestones);
      expect(m.acknowledge).toMatchObject({ dueAt: '2030-01-01T00:00:05.000Z', warnAt: ['2030-01-01T00:00:02.500Z', '2030-01-01T00:00:03.750Z'], provisional: false });
      expect(m.final_response).toMatchObject({ dueAt: '2030-01-01T00:00:15.000Z', warnAt: ['2030-01-01T00:00:07.500Z', '2030-01-01T00:00:11.250Z'] });
      expect(m.final_response.escalation).toEqual([
        { level: 1, target: 'team_supervisor', at: '2030-01-01T00:00:15.000Z' },
        { level: 2, target: { staffIds: ['mgr-1'] }, at: '2030-01-01T00:01:15.000Z' },
      ]);

      const config = t.app.get(SlaConfigService);
      const facts = { jurisdiction: 'CN', channel: 'web' as const, category, priority: 'low' as const, vulnerable: false };
      expect(await config.match(facts)).toMatchObject({ policy: { code: policyCode }, reason: `${policyCode}: category ${category}` });
      expect(await config.match({ ...facts, category: 'loans', jurisdiction: null })).toMatchObject({
        policy: { code: 'CN_NFRA_2020' },
        reason: 'CN_NFRA_2020: jurisdiction CN',
      });
      expect(await config.match({ ...facts, category: 'loans', jurisdiction: 'JP' })).toMatchObject({
        policy: { code: 'CN_NFRA_2020' },
        reason: "default policy CN_NFRA_2020: no policy's criteria matched",
      });
    });

    it('replaces, deactivates and restores it, counting versions', async () => {
      const replaced = await t.http
        .put(`/v1/sla-policies/${policyCode}`)
        .set('Authorization', admin)
        .send(fastPolicy({ milestones: [{ key: 'final_response', description: 'answer', duration: 'PT10S', counting: 'calendar' }] }));
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ version: 2, milestones: [{ duration: 'PT10S' }] });
      expect(byKey((await preview(policyCode, 'receivedAt=2030-01-01T00:00:00Z')).body.milestones).final_response.dueAt).toBe('2030-01-01T00:00:10.000Z');

      const deleted = await t.http.delete(`/v1/sla-policies/${policyCode}`).set('Authorization', admin);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ active: false, version: 3 });
      expect((await preview(policyCode, 'receivedAt=2030-01-01T00:00:00Z')).status).toBe(404);
      const config = t.app.get(SlaConfigService);
      expect(await config.policy(policyCode)).toBeNull();
      expect((await config.match({ jurisdiction: 'CN', channel: 'web', category, priority: 'low', vulnerable: false })).policy.code).toBe('CN_NFRA_2020');
      expect((await t.http.get(`/v1/sla-policies/${policyCode}`).set('Authorization', officer)).body.active).toBe(false);

      const again = await t.http.post('/v1/sla-policies').set('Authorization', admin).send(fastPolicy());
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/deleted: PUT/);
      const restored = await t.http.put(`/v1/sla-policies/${policyCode}`).set('Authorization', admin).send(fastPolicy());
      expect(restored.body).toMatchObject({ active: true, version: 4 });
      expect(await config.policy(policyCode)).not.toBeNull();
    });

    it('names every invalid field: shape from the DTO, meaning from the domain’s validatePolicy', async () => {
      const res = await t.http
        .post('/v1/sla-policies')
        .set('Authorization', admin)
        .send(
          fastPolicy({
            code: `BAD_${suffix}`,
            calendar: 'MARS',
            milestones: [
              { key: 'acknowledge', description: 'ack', duration: 'P1M', counting: 'calendar' },
              { key: 'final_response', description: 'answer', duration: 'P15D', counting: 'calendar', warnAt: [0.5, 1.5] },
            ],
          }),
        );
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('urn:redress:problem:validation');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['milestones.0.duration', 'milestones.1.warnAt', 'calendar']);
      expect(res.body.errors[2].messages).toEqual(['unknown calendar "MARS" (GET /v1/calendars lists them)']);

      const shape = await t.http
        .post('/v1/sla-policies')
        .set('Authorization', admin)
        .send(
          fastPolicy({
            code: `BAD_${suffix}`,
            milestones: [{ key: 'Final Response', description: 'x', duration: 'P1D', counting: 'weekly', colour: 'red' }],
            escalation: [{ level: 1, delayAfterBreach: 'PT0S', target: 'ceo' }],
            match: { channels: ['fax'], jurisdictions: [] },
          }),
        );
      expect(shape.status).toBe(400);
      expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['escalation.0.target', 'match.channels', 'match.jurisdictions', 'milestones.0.colour', 'milestones.0.counting', 'milestones.0.key'].sort(),
      );

      const mismatch = await t.http.put(`/v1/sla-policies/${policyCode}`).set('Authorization', admin).send(fastPolicy({ code: 'OTHER' }));
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors[0].field).toBe('code');
    });

    it('refuses a taken code, and edits of the presets, with 409', async () => {
      const duplicate = await t.http.post('/v1/sla-policies').set('Authorization', admin).send(fastPolicy());
      expect(duplicate.status).toBe(409);
      const presetCode = await t.http.post('/v1/sla-policies').set('Authorization', admin).send(fastPolicy({ code: 'UK_FCA_DISP' }));
      expect(presetCode.status).toBe(409);
      const put = await t.http.put('/v1/sla-policies/CN_NFRA_2020').set('Authorization', admin).send(fastPolicy({ code: 'CN_NFRA_2020' }));
      expect(put.status).toBe(409);
      expect(put.body).toMatchObject({ type: 'urn:redress:problem:builtin-read-only', title: 'Built-in policies are read-only', code: 'CN_NFRA_2020' });
      const del = await t.http.delete('/v1/sla-policies/CN_NFRA_2020').set('Authorization', admin);
      expect(del.status).toBe(409);
      expect(del.body.type).toBe('urn:redress:problem:builtin-read-only');
    });
  });

  describe('calendars', () => {
    const jpCalendar = `JP-E2E-${suffix}`;

    it('lists the presets’ calendars and the 24×7 one', async () => {
      const res = await t.http.get('/v1/calendars').set('Authorization', officer);
      expect(res.status).toBe(200);
      const builtin = res.body.filter((c: { builtin: boolean }) => c.builtin);
      expect(builtin.map((c: { id: string; timeZone: string }) => [c.id, c.timeZone])).toEqual([
        ['AU-NSW', 'Australia/Sydney'],
        ['CN', 'Asia/Shanghai'],
        ['DE', 'Europe/Berlin'],
        ['GB-ENG', 'Europe/London'],
        ['US', 'America/New_York'],
        ['UTC-24x7', 'UTC'],
      ]);
      expect(builtin.find((c: { id: string }) => c.id === 'UTC-24x7').coverage).toBeNull();
    });

    it('shows China’s 2026 holidays with the make-up working days, and 2027 as incomplete until its schedule is loaded', async () => {
      const res = await t.http.get('/v1/calendars/CN?year=2026').set('Authorization', officer);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 'CN', kind: 'country', year: 2026, timeZone: 'Asia/Shanghai', complete: true, definition: { kind: 'country', country: 'CN' } });
      expect(res.body.workingDays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
      expect(res.body.holidays).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23', '2026-10-07']));
      expect(res.body.holidays).toHaveLength(33);
      const next = await t.http.get('/v1/calendars/CN?year=2027').set('Authorization', officer);
      expect(next.body).toMatchObject({ complete: false, workingDays: [], schedule: null });
      const badYear = await t.http.get('/v1/calendars/CN?year=twenty').set('Authorization', officer);
      expect(badYear.status).toBe(400);
      expect(badYear.body.errors[0].field).toBe('year');
    });

    it('lets an admin add a country calendar, load a year’s official schedule for its country, and count with the make-up day', async () => {
      const created = await t.http
        .post('/v1/calendars')
        .set('Authorization', admin)
        .send({ id: jpCalendar, name: 'Tokyo office', definition: { kind: 'country', country: 'JP', closures: ['2027-01-05'] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: jpCalendar, builtin: false, kind: 'country', timeZone: 'Asia/Tokyo', year: 2026 });

      const schedule = await t.http
        .put(`/v1/calendars/${jpCalendar}/schedules/2027`)
        .set('Authorization', admin)
        .send({ holidays: ['2027-01-01', '2027-01-04'], workingDays: ['2027-01-09'], source: 'e2e test: a hypothetical notice' });
      expect(schedule.status).toBe(200);
      expect(schedule.body).toMatchObject({
        year: 2027,
        holidays: ['2027-01-01', '2027-01-04'],
        workingDays: ['2027-01-09'],
        closures: ['2027-01-05'],
        complete: true,
        schedule: { country: 'JP', year: 2027, source: 'e2e test: a hypothetical notice' },
      });

      const policy = await t.http
        .post('/v1/sla-policies')
        .set('Authorization', admin)
        .send(
          fastPolicy({
            code: `JP_${suffix}`,
            calendar: jpCalendar,
            milestones: [{ key: 'final_response', description: 'answer', duration: 'P3D', counting: 'business_days' }],
            match: { jurisdictions: ['JP'], categories: [`jp-${suffix}`] },
          }),
        );
      expect(policy.status).toBe(201);
      // Received Wed 6 Jan: business days Thu 7, Fri 8 and the make-up Saturday 9 January.
      const res = await preview(`JP_${suffix}`, 'receivedAt=2027-01-06T10:00:00%2B09:00');
      expect(byKey(res.body.milestones).final_response).toMatchObject({ dueAt: '2027-01-09T08:30:00.000Z', provisional: false });
    });

    it('validates calendars and schedules, naming the fields', async () => {
      const bad = await t.http
        .post('/v1/calendars')
        .set('Authorization', admin)
        .send({
          id: `BAD-${suffix}`,
          name: 'Bad',
          definition: { kind: 'custom', country: 'CN', timeZone: 'Mars/Base', week: { 1: { open: '09:00', close: '17:30' }, 6: { open: '9', close: '12:00' } } },
        });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['definition.country']);
      const meaning = await t.http
        .post('/v1/calendars')
        .set('Authorization', admin)
        .send({ id: `BAD-${suffix}`, name: 'Bad', definition: { kind: 'custom', timeZone: 'Mars/Base', week: { 1: { open: '09:00', close: '17:30' }, 6: { open: '9', close: '12:00' } } } });
      expect(meaning.body.errors.map((e: { field: string }) => e.field)).toEqual(['definition.timeZone', 'definition.week.6']);
      const noCountry = await t.http.post('/v1/calendars').set('Authorization', admin).send({ id: `BAD-${suffix}`, name: 'Bad', definition: { kind: 'country', country: 'XX' } });
      expect(noCountry.body.errors).toEqual([{ field: 'definition.country', messages: ['date-holidays has no country "XX"'] }]);

      const schedule = await t.http
        .put(`/v1/calendars/${jpCalendar}/schedules/2027`)
        .set('Authorization', admin)
        .send({ holidays: ['2027-01-01'], workingDays: ['2027-01-01', '2027-13-01'], source: 'x' });
      expect(schedule.status).toBe(400);
      expect(schedule.body.errors.map((e: { field: string }) => e.field)).toEqual(['workingDays']);
      expect(schedule.body.errors[0].messages).toHaveLength(2);
      const badYear = await t.http.put(`/v1/calendars/${jpCalendar}/schedules/next`).set('Authorization', admin).send({ holidays: [], workingDays: [], source: 'x' });
      expect(badYear.status).toBe(400);
      expect(badYear.body.errors[0].field).toBe('year');
    });

    it('refuses edits of built-in calendars, taken ids, and schedules for a calendar that lists its own dates', async () => {
      const week = { 1: { open: '09:00', close: '17:00' } };
      const builtin = await t.http.put('/v1/calendars/CN').set('Authorization', admin).send({ id: 'CN', name: 'x', definition: { kind: 'country', country: 'CN' } });
      expect(builtin.status).toBe(409);
      expect(builtin.body.type).toBe('urn:redress:problem:builtin-read-only');
      const builtinId = await t.http.post('/v1/calendars').set('Authorization', admin).send({ id: 'UTC-24x7', name: 'x', definition: { kind: 'custom', timeZone: 'UTC', week } });
      expect(builtinId.status).toBe(409);
      const duplicate = await t.http.post('/v1/calendars').set('Authorization', admin).send({ id: jpCalendar, name: 'again', definition: { kind: 'country', country: 'JP' } });
      expect(duplicate.status).toBe(409);
      const custom = await t.http.put('/v1/calendars/UTC-24x7/schedules/2027').set('Authorization', admin).send({ holidays: [], workingDays: [], source: 'x' });
      expect(custom.status).toBe(409);
    });
  });

  it('needs credentials, the right role, and existing ids', async () => {
    expect((await t.http.get('/v1/sla-policies')).status).toBe(401);
    expect((await t.http.get('/v1/calendars')).status).toBe(401);
    expect((await t.http.get('/v1/sla-policies').set('X-API-Key', API_KEYS.callCentre)).status).toBe(403);
    expect((await t.http.post('/v1/sla-policies').set('Authorization', officer).send(fastPolicy({ code: `X_${suffix}` }))).status).toBe(403);
    expect((await t.http.delete(`/v1/sla-policies/${policyCode}`).set('Authorization', `Bearer ${t.token(['manager'])}`)).status).toBe(403);
    expect((await t.http.put('/v1/calendars/CN/schedules/2027').set('Authorization', `Bearer ${t.token(['supervisor'])}`).send({})).status).toBe(403);
    expect((await t.http.get('/v1/sla-policies/NOPE_404').set('Authorization', officer)).status).toBe(404);
    expect((await preview('NOPE_404', 'receivedAt=2026-01-01T00:00:00Z')).status).toBe(404);
    expect((await t.http.put('/v1/sla-policies/NOPE_404').set('Authorization', admin).send(fastPolicy({ code: 'NOPE_404' }))).status).toBe(404);
    expect((await t.http.get('/v1/calendars/NOPE-404').set('Authorization', officer)).status).toBe(404);
    expect((await t.http.put('/v1/calendars/NOPE-404/schedules/2027').set('Authorization', admin).send({ holidays: [], workingDays: [], source: 'x' })).status).toBe(404);
  });
});
