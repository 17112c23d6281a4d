import { digestWindow } from './alert-digest';
import { AlertSummary, caseLink, composeAlertEmail, composeDigest, DIGEST_LIST_LIMIT, formatTime, readAlertPayload } from './alert-email-content';

const COMPLAINT_ID = '5a1f3c2e-8d4b-4e6a-9c7d-2b1e0f9a8c76';
const TEMPLATE = 'https://redress.bank.example/cases/{id}?ref={reference}';

function summary(overrides: Partial<AlertSummary> = {}): AlertSummary {
  return {
    id: '0b7c6a53-2f1e-4f59-9d43-5f0a8f6d2c11',
    complaintId: COMPLAINT_ID,
    reference: 'CMP-2026-000123',
    kind: 'breach',
    milestone: 'final_response',
    level: null,
    fraction: null,
    dueAt: '2026-12-12T09:00:00.000Z',
    raisedAt: '2026-12-12T09:00:00.120Z',
    ...overrides,
  };
}

describe('readAlertPayload', () => {
  it('keeps the alert fields an e-mail may show and the recipients, and drops anything else', () => {
    const read = readAlertPayload({ ...summary(), teamCode: 'CARDS', recipients: ['off-117', ''], thresholdAt: 'x', customer: { name: '李娜' } });
    expect(read).toEqual({ summary: summary(), recipients: ['off-117'] });
    expect(JSON.stringify(read)).not.toContain('李娜');
  });

  it('refuses payloads that are not alerts', () => {
    expect(readAlertPayload(null)).toBeNull();
    expect(readAlertPayload({ ...summary(), kind: 'gossip', recipients: [] })).toBeNull();
    expect(readAlertPayload({ ...summary(), recipients: 'off-117' })).toBeNull();
    expect(readAlertPayload({ ...summary(), reference: '', recipients: [] })).toBeNull();
  });
});

describe('composeAlertEmail', () => {
  it('names the kind, reference, milestone and due time and links to the case', () => {
    const mail = composeAlertEmail(summary(), TEMPLATE);
    expect(mail.subject).toBe('[Redress] SLA breached: CMP-2026-000123 (final_response)');
    expect(mail.text).toContain('Due:       2026-12-12 09:00 UTC');
    expect(mail.text).toContain(`Case:      https://redress.bank.example/cases/${COMPLAINT_ID}?ref=CMP-2026-000123`);
  });

  it('says how much time a warning has used and which level an escalation reached', () => {
    expect(composeAlertEmail(summary({ kind: 'warning', fraction: 0.75 }), TEMPLATE).subject).toBe(
      '[Redress] SLA warning (75% of the time used): CMP-2026-000123 (final_response)',
    );
    const escalation = composeAlertEmail(summary({ kind: 'escalation', level: 2 }), TEMPLATE);
    expect(escalation.subject).toBe('[Redress] Escalation level 2: CMP-2026-000123 (final_response)');
    expect(escalation.text).toContain('Alert:     escalation (level 2)');
  });

  it('keeps the subject on one line whatever a field holds', () => {
    const mail = composeAlertEmail(summary({ milestone: 'final\r\nBcc: someone@example.com' }), TEMPLATE);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe('composeDigest', () => {
  const window = digestWindow(new Date('2026-12-08T09:00:30Z'));

  it('lists the held alerts with reference, kind and link, and counts them by kind', () => {
    const alerts = [
      summary({ reference: 'CMP-2026-000001' }),
      summary({ reference: 'CMP-2026-000002', kind: 'warning', fraction: 0.5 }),
      summary({ reference: 'CMP-2026-000003' }),
    ];
    const mail = composeDigest({ window, alerts, individually: 10, caseUrlTemplate: TEMPLATE });
    expect(mail.subject).toBe('[Redress] Alert digest: 3 SLA alerts, 2026-12-08 09:00-09:01 UTC');
    expect(mail.text).toContain('(1 warning, 2 breaches)');
    expect(mail.text).toContain('The first 10 of that minute reached you one by one');
    expect(mail.text).toContain('- CMP-2026-000002  SLA warning (50% of the time used)  final_response  due 2026-12-12 09:00 UTC');
    expect(mail.text.match(/https:\/\/redress\.bank\.example\/cases\//g)).toHaveLength(3);
  });

  it('lists a bounded number and counts the rest', () => {
    const alerts = Array.from({ length: DIGEST_LIST_LIMIT + 5 }, (_, i) => summary({ reference: `CMP-2026-${String(i).padStart(6, '0')}` }));
    const mail = composeDigest({ window, alerts, individually: 10, caseUrlTemplate: TEMPLATE });
    expect(mail.text).toContain(`...and 5 more`);
    expect(mail.text).not.toContain(`CMP-2026-${String(DIGEST_LIST_LIMIT).padStart(6, '0')}`);
  });
});

describe('caseLink and formatTime', () => {
  it('fills the template, escaping what it inserts', () => {
    expect(caseLink('https://x.example/c/{id}', { complaintId: COMPLAINT_ID, reference: 'R' })).toBe(`https://x.example/c/${COMPLAINT_ID}`);
    expect(caseLink('https://x.example/?r={reference}', { complaintId: COMPLAINT_ID, reference: 'A B&C' })).toBe('https://x.example/?r=A%20B%26C');
  });

  it('prints minutes in UTC', () => {
    expect(formatTime('2026-12-12T01:02:59.999+08:00')).toBe('2026-12-11 17:02 UTC');
  });
});
