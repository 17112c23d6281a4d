import { CHANNELS } from '../complaint/channel';
import { PRIORITY_LEVELS } from '../complaint/priority';
import {
  choosePolicy,
  EEA_COUNTRIES,
  type MatchFacts,
  MATCH_REASON_MAX_LENGTH,
  matchPolicy,
  type PolicyCandidate,
  PRESET_CRITERIA,
} from './policy-match';
import { SLA_PRESETS } from './presets';

const facts: MatchFacts = { jurisdiction: 'CN', channel: 'phone', category: 'payments', priority: 'high', vulnerable: false };
const own = (code: string, criteria: PolicyCandidate['criteria']): PolicyCandidate => ({ code, criteria, builtin: false });
const presets: PolicyCandidate[] = Object.keys(SLA_PRESETS).map((code) => ({ code, criteria: PRESET_CRITERIA[code], builtin: true }));
const nfra = presets.find((p) => p.code === 'CN_NFRA_2020')!;

describe('matchPolicy: each criterion', () => {
  it.each([
    ['jurisdictions', { jurisdictions: ['CN', 'HK'] }, { jurisdictions: ['GB'] }, 'jurisdiction CN'],
    ['channels', { channels: ['phone', 'web'] }, { channels: ['letter'] }, 'channel phone'],
    ['categories', { categories: ['payments'] }, { categories: ['loans'] }, 'category payments'],
    ['priorities', { priorities: ['high', 'urgent'] }, { priorities: ['low'] }, 'priority high'],
    ['vulnerable', { vulnerable: false }, { vulnerable: true }, 'customer not vulnerable'],
  ] as const)('%s: matches when the fact is listed, not otherwise', (_name, holds, fails, reason) => {
    expect(matchPolicy([own('P', holds)], facts)).toEqual({ candidate: own('P', holds), reason: `P: ${reason}` });
    expect(matchPolicy([own('P', fails)], facts)).toBeNull();
  });

  it('matches every channel and priority level it lists', () => {
    for (const channel of CHANNELS) expect(matchPolicy([own('P', { channels: [channel] })], { ...facts, channel })?.reason).toBe(`P: channel ${channel}`);
    for (const priority of PRIORITY_LEVELS) {
      expect(matchPolicy([own('P', { priorities: [priority] })], { ...facts, priority })?.reason).toBe(`P: priority ${priority}`);
    }
  });

  it('tells a policy for vulnerable customers from one for everyone else', () => {
    const vulnerable = own('V', { vulnerable: true });
    expect(matchPolicy([vulnerable], { ...facts, vulnerable: true })?.reason).toBe('V: vulnerable customer');
    expect(matchPolicy([vulnerable], facts)).toBeNull();
  });

  it('never matches a category criterion for a complaint without a category', () => {
    expect(matchPolicy([own('P', { categories: ['payments'] })], { ...facts, category: null })).toBeNull();
  });

  it('reads an empty list as stated: it matches nothing', () => {
    expect(matchPolicy([own('P', { channels: [] })], facts)).toBeNull();
  });

  it('compares jurisdictions without regard to case and reports them in upper case', () => {
    expect(matchPolicy([own('P', { jurisdictions: ['cn'] })], { ...facts, jurisdiction: 'Cn' })?.reason).toBe('P: jurisdiction CN');
  });

  it('needs every stated criterion to hold and lists them all in the reason, in a fixed order', () => {
    const all = own('ALL5', { vulnerable: false, priorities: ['high'], categories: ['payments'], channels: ['phone'], jurisdictions: ['CN'] });
    expect(matchPolicy([all], facts)?.reason).toBe('ALL5: jurisdiction CN, channel phone, category payments, priority high, customer not vulnerable');
    for (const miss of [{ jurisdiction: 'GB' }, { channel: 'web' }, { category: 'loans' }, { priority: 'low' }, { vulnerable: true }] as const) {
      expect(matchPolicy([all], { ...facts, ...miss })).toBeNull();
    }
  });

  it('lets a policy without criteria catch everything', () => {
    expect(matchPolicy([own('ALL', {})], facts)).toEqual({ candidate: own('ALL', {}), reason: 'ALL: applies to every complaint' });
    expect(matchPolicy([], facts)).toBeNull();
  });
});

describe('matchPolicy: the most specific policy wins', () => {
  const cnPayments = own('BANK_PAYMENTS', { jurisdictions: ['CN'], categories: ['payments'] });
  const catchAll = own('ALL', {});

  it('prefers more stated criteria, in whatever order the candidates come', () => {
    for (const order of [[nfra, cnPayments, catchAll], [catchAll, cnPayments, nfra], [cnPayments, catchAll, nfra]]) {
      expect(matchPolicy(order, facts)?.reason).toBe('BANK_PAYMENTS: jurisdiction CN, category payments');
    }
    expect(matchPolicy([nfra, cnPayments, catchAll], { ...facts, category: 'loans' })?.candidate.code).toBe('CN_NFRA_2020');
    expect(matchPolicy([nfra, cnPayments, catchAll], { ...facts, jurisdiction: 'JP' })?.candidate.code).toBe('ALL');
  });

  it('counts criteria, not list lengths: a long list is no more specific', () => {
    const many = own('MANY', { jurisdictions: ['CN', 'HK', 'MO', 'TW'] });
    const two = own('TWO', { jurisdictions: ['CN'], vulnerable: false });
    expect(matchPolicy([many, two], facts)?.candidate.code).toBe('TWO');
  });

  it('breaks a tie towards the bank’s own policy over a built-in preset', () => {
    const mine = own('ZZ_OWN', { jurisdictions: ['CN'] });
    expect(matchPolicy([nfra, mine], facts)?.candidate.code).toBe('ZZ_OWN');
    expect(matchPolicy([mine, nfra], facts)?.candidate.code).toBe('ZZ_OWN');
  });

  it('then towards the lower code', () => {
    const a = own('A', { priorities: ['high'] });
    const b = own('B', { channels: ['phone'] });
    expect(matchPolicy([b, a], facts)?.candidate.code).toBe('A');
    expect(matchPolicy([a, b], facts)?.candidate.code).toBe('A');
    const builtinA = { ...a, code: 'BUILTIN_A', builtin: true };
    const builtinB = { ...b, code: 'BUILTIN_B', builtin: true };
    expect(matchPolicy([builtinB, builtinA], facts)?.candidate.code).toBe('BUILTIN_A');
  });

  it('hands back the candidate object it was given', () => {
    const candidate = { ...own('X', {}), extra: 42 };
    expect(matchPolicy([candidate], facts)?.candidate.extra).toBe(42);
  });

  it('keeps the reason within the stored column', () => {
    const longCode = 'C'.repeat(64);
    const longCategory = 'k'.repeat(600);
    const reason = matchPolicy([own(longCode, { categories: [longCategory] })], { ...facts, category: longCategory })!.reason;
    expect(reason).toHaveLength(MATCH_REASON_MAX_LENGTH);
    expect(reason.endsWith('…')).toBe(true);
  });
});

describe('the presets’ criteria', () => {
  it('covers every preset', () => {
    expect(Object.keys(PRESET_CRITERIA).sort()).toEqual(Object.keys(SLA_PRESETS).sort());
  });

  it.each([
    ['CN', 'CN_NFRA_2020'],
    ['GB', 'UK_FCA_DISP'],
    ['US', 'US_CFPB'],
    ['AU', 'AU_ASIC_RG271'],
    ['DE', 'EU_PSD2'],
    ['NO', 'EU_PSD2'],
  ])('sends a %s payments complaint to %s', (jurisdiction, code) => {
    expect(matchPolicy(presets, { ...facts, jurisdiction })?.candidate.code).toBe(code);
  });

  it('gives PSD2 only payment complaints in the EU and EEA', () => {
    expect(matchPolicy(presets, { ...facts, jurisdiction: 'FR', category: 'mortgage' })).toBeNull();
    expect(matchPolicy(presets, { ...facts, jurisdiction: 'FR', category: null })).toBeNull();
    expect(matchPolicy(presets, { ...facts, jurisdiction: 'CH' })).toBeNull();
    expect(matchPolicy(presets, { ...facts, jurisdiction: 'FR' })?.reason).toBe('EU_PSD2: jurisdiction FR, category payments');
  });

  it('lists the 27 EU states and Iceland, Liechtenstein and Norway once each', () => {
    expect(new Set(EEA_COUNTRIES).size).toBe(30);
    expect(EEA_COUNTRIES).not.toContain('GB');
    expect(EEA_COUNTRIES).not.toContain('CH');
  });
});

describe('choosePolicy', () => {
  it('takes the match when there is one', () => {
    expect(choosePolicy(presets, facts, 'UK_FCA_DISP')?.reason).toBe('CN_NFRA_2020: jurisdiction CN');
  });

  it('falls back to the default policy and says so', () => {
    const chosen = choosePolicy(presets, { ...facts, jurisdiction: 'JP' }, 'CN_NFRA_2020');
    expect(chosen?.candidate.code).toBe('CN_NFRA_2020');
    expect(chosen?.reason).toBe("default policy CN_NFRA_2020: no policy's criteria matched");
  });

  it('falls back to a default whose own criteria do not hold', () => {
    expect(choosePolicy(presets, { ...facts, jurisdiction: 'JP' }, 'UK_FCA_DISP')?.candidate.code).toBe('UK_FCA_DISP');
  });

  it('is null when nothing matches and the default is not a candidate', () => {
    expect(choosePolicy(presets, { ...facts, jurisdiction: 'JP' }, 'NO_SUCH_POLICY')).toBeNull();
  });
});
