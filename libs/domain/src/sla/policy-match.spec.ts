import { matchPolicy, type PolicyCandidate, type PolicyFacts } from './policy-match';

const facts: PolicyFacts = { jurisdiction: 'CN', channel: 'phone', category: 'payments', priority: 'high', vulnerable: false };
const nfra: PolicyCandidate = { code: 'CN_NFRA_2020', criteria: { jurisdictions: ['CN'] }, builtin: true };
const psd2: PolicyCandidate = { code: 'EU_PSD2', criteria: { jurisdictions: ['DE', 'FR'], categories: ['payments'] }, builtin: true };

describe('matchPolicy', () => {
  it('takes the policy of the complaint’s jurisdiction and says why', () => {
    expect(matchPolicy([psd2, nfra], facts)).toEqual({ code: 'CN_NFRA_2020', reason: 'CN_NFRA_2020: jurisdiction CN' });
  });

  it('prefers the most specific policy whose every criterion holds', () => {
    const cards: PolicyCandidate = { code: 'BANK_PAYMENTS', criteria: { jurisdictions: ['CN'], categories: ['payments'] }, builtin: false };
    expect(matchPolicy([nfra, cards], facts)?.reason).toBe('BANK_PAYMENTS: jurisdiction CN, category payments');
    expect(matchPolicy([nfra, cards], { ...facts, category: 'loans' })?.code).toBe('CN_NFRA_2020');
    expect(matchPolicy([nfra, cards], { ...facts, category: null })?.code).toBe('CN_NFRA_2020');
  });

  it('matches PSD2 only for payments in its countries', () => {
    expect(matchPolicy([psd2], { ...facts, jurisdiction: 'DE' })?.code).toBe('EU_PSD2');
    expect(matchPolicy([psd2], { ...facts, jurisdiction: 'DE', category: 'mortgage' })).toBeNull();
  });

  it('checks channel, priority and the vulnerable flag, including a policy for customers who are not vulnerable', () => {
    const vulnerable: PolicyCandidate = { code: 'V', criteria: { vulnerable: true, channels: ['phone'] }, builtin: false };
    const notVulnerable: PolicyCandidate = { code: 'NV', criteria: { vulnerable: false, priorities: ['high'] }, builtin: false };
    expect(matchPolicy([vulnerable, notVulnerable], facts)?.reason).toBe('NV: priority high, customer not vulnerable');
    expect(matchPolicy([vulnerable, notVulnerable], { ...facts, vulnerable: true })?.reason).toBe('V: channel phone, vulnerable customer');
    expect(matchPolicy([vulnerable], { ...facts, vulnerable: true, channel: 'web' })).toBeNull();
  });

  it('breaks ties towards the bank’s own policy, then the lower code, whatever the order given', () => {
    const own: PolicyCandidate = { code: 'ZZ_OWN', criteria: { jurisdictions: ['CN'] }, builtin: false };
    expect(matchPolicy([nfra, own], facts)?.code).toBe('ZZ_OWN');
    expect(matchPolicy([own, nfra], facts)?.code).toBe('ZZ_OWN');
    const a: PolicyCandidate = { code: 'A', criteria: { priorities: ['high'] }, builtin: false };
    const b: PolicyCandidate = { code: 'B', criteria: { priorities: ['high'] }, builtin: false };
    expect(matchPolicy([b, a], facts)?.code).toBe('A');
  });

  it('lets a policy without criteria catch everything, as the least specific', () => {
    const all: PolicyCandidate = { code: 'ALL', criteria: {}, builtin: false };
    expect(matchPolicy([all], facts)).toEqual({ code: 'ALL', reason: 'ALL: applies to every complaint' });
    expect(matchPolicy([all, nfra], facts)?.code).toBe('CN_NFRA_2020');
    expect(matchPolicy([], facts)).toBeNull();
  });
});
