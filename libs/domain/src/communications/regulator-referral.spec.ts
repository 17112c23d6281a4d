import { referralParagraph, referralScheme, type ReferralContext } from './regulator-referral';

const ctx = (jurisdiction: string, stage: ReferralContext['stage'] = 'final'): ReferralContext => ({
  jurisdiction,
  stage,
  date: new Date('2026-12-10T10:00:00Z'),
  receivedAt: new Date('2026-11-27T10:00:00Z'),
  timeZone: 'UTC',
});

describe('referralScheme', () => {
  it.each([
    ['CN', 'CN'],
    ['gb', 'GB'],
    ['GB-SCT', 'GB'],
    ['DE', 'EU'],
    ['IE', 'EU'],
    ['EU', 'EU'],
    ['US', 'US'],
    ['AU-VIC', 'AU'],
    ['JP', 'other'],
  ])('%s → %s', (jurisdiction, scheme) => {
    expect(referralScheme(jurisdiction)).toBe(scheme);
  });
});

describe('referralParagraph', () => {
  it('names the CFPB and how to reach it', () => {
    expect(referralParagraph('en', ctx('US'))).toBe(
      'If you are not satisfied with this response, you may also submit a complaint to the Consumer Financial Protection Bureau (CFPB) at ' +
        'www.consumerfinance.gov/complaint or by calling (855) 411-2372.',
    );
    expect(referralParagraph('zh', ctx('US'))).toContain('向美国消费者金融保护局（CFPB）投诉');
  });

  it('names AFCA with its contact details and the warning about time limits', () => {
    const en = referralParagraph('en', ctx('AU', 'pending'));
    expect(en).toContain('If you are not satisfied with the delay, you may complain to the Australian Financial Complaints Authority (AFCA)');
    expect(en).toContain('www.afca.org.au, info@afca.org.au, 1800 931 678');
    expect(en).toContain('Time limits may apply to complain to AFCA');
    expect(referralParagraph('zh', ctx('AU'))).toContain('可以向澳大利亚金融投诉局（AFCA）投诉');
  });

  it('points an EU customer to the national ADR body', () => {
    expect(referralParagraph('en', ctx('FR'))).toContain('the alternative dispute resolution (ADR) body for financial services in your country');
    expect(referralParagraph('zh', ctx('FR'))).toContain('可以将投诉提交您所在国家负责金融服务的替代性争议解决（ADR）机构');
  });

  it('tells a Chinese customer in English about NFRA and 12378', () => {
    expect(referralParagraph('en', ctx('CN'))).toBe(
      'If you are not satisfied with this response, you may raise the matter with the National Financial Regulatory Administration ' +
        '(NFRA, 国家金融监督管理总局) or its local office; its consumer protection hotline is 12378.',
    );
  });

  it('writes the UK six-month window in Chinese with the letter’s date', () => {
    expect(referralParagraph('zh', ctx('GB'))).toContain(
      '可在本函日期（2026年12月10日）起六个月内，免费将投诉提交英国金融申诉专员服务机构（Financial Ombudsman Service）',
    );
  });

  it('falls back to a general sentence for other countries', () => {
    expect(referralParagraph('en', ctx('JP'))).toBe(
      'If you are not satisfied with this response, you may refer your complaint to the financial regulator or ombudsman in your country.',
    );
  });
});
