import { assessPriority, levelForScore, PriorityInput } from './priority';

const base: PriorityInput = { channel: 'web', vulnerableCustomer: false, previousComplaints: 0 };

describe('assessPriority', () => {
  it('gives an ordinary first complaint low priority with no reasons', () => {
    expect(assessPriority(base)).toEqual({ level: 'low', score: 0, reasons: [] });
  });

  it.each([
    ['vulnerable customer', { vulnerableCustomer: true }, 30, 'medium', ['vulnerable_customer']],
    ['regulator referral', { channel: 'regulator_referral' }, 30, 'medium', ['regulator_referral']],
    ['social media', { channel: 'social_media' }, 20, 'medium', ['public_social_media']],
    ['one earlier complaint', { previousComplaints: 1 }, 15, 'medium', ['repeat_complainant']],
    ['two earlier complaints', { previousComplaints: 2 }, 25, 'medium', ['repeat_complainant']],
    ['material CNY amount', { disputedAmount: { amount: 5000, currency: 'CNY' } }, 10, 'low', ['material_amount']],
    ['large CNY amount', { disputedAmount: { amount: 50000, currency: 'CNY' } }, 20, 'medium', ['large_amount']],
    ['amount just below material', { disputedAmount: { amount: 999.99, currency: 'USD' } }, 0, 'low', []],
    ['lower-case currency', { disputedAmount: { amount: 10000, currency: 'gbp' } }, 20, 'medium', ['large_amount']],
    ['unlisted currency is not guessed', { disputedAmount: { amount: 1e9, currency: 'XAU' } }, 0, 'low', []],
    ['vulnerable + referral', { vulnerableCustomer: true, channel: 'regulator_referral' }, 60, 'urgent', ['vulnerable_customer', 'regulator_referral']],
    [
      'repeat + social + large',
      { previousComplaints: 3, channel: 'social_media', disputedAmount: { amount: 20000, currency: 'EUR' } },
      65,
      'urgent',
      ['repeat_complainant', 'large_amount', 'public_social_media'],
    ],
    ['vulnerable + one repeat', { vulnerableCustomer: true, previousComplaints: 1 }, 45, 'high', ['vulnerable_customer', 'repeat_complainant']],
  ] as const)('%s scores %i (%s)', (_name, overrides, score, level, codes) => {
    const result = assessPriority({ ...base, ...(overrides as Partial<PriorityInput>) });
    expect(result.score).toBe(score);
    expect(result.level).toBe(level);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    expect(result.reasons.every((r) => r.detail.length > 0)).toBe(true);
  });

  it('maps score boundaries to levels', () => {
    expect([0, 14, 15, 34, 35, 59, 60, 200].map(levelForScore)).toEqual([
      'low', 'low', 'medium', 'medium', 'high', 'high', 'urgent', 'urgent',
    ]);
  });
});
