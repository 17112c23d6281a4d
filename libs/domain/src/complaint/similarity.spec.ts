import {
  descriptionSimilarity,
  detectLanguage,
  DUPLICATE_SIMILARITY_THRESHOLD,
  findPossibleDuplicate,
  fingerprint,
  fingerprintSimilarity,
  normalizeText,
  shingles,
} from './similarity';

const DAY = 86400_000;
const t0 = new Date('2026-11-01T00:00:00Z');

describe('description similarity', () => {
  const en = 'My debit card was charged twice for the same grocery purchase and the branch could not reverse it.';

  it('is 1 for the same text whatever the case, punctuation and masked digits', () => {
    expect(descriptionSimilarity(en, en.toUpperCase().replace(/\./g, '!!'))).toBe(1);
    expect(normalizeText('Card XXXX-XXXX ending 1234, charged $45.00')).toBe('card ending 0 charged 0 0');
  });

  it('stays high for a light rewording and low for a different complaint', () => {
    expect(descriptionSimilarity(en, en.replace('the branch could not', 'nobody would'))).toBeGreaterThanOrEqual(DUPLICATE_SIMILARITY_THRESHOLD);
    const reordered = 'Nobody called me back about the late fee on my credit card even though I called three times.';
    expect(descriptionSimilarity('I called three times about the late fee on my credit card and nobody called me back.', reordered)).toBeGreaterThan(0.7);
    expect(descriptionSimilarity(en, 'The mortgage offer letter quoted the wrong interest rate.')).toBeLessThan(0.1);
  });

  it('compares Chinese by character bigrams', () => {
    const zh = '我的信用卡在十一月同一笔超市消费被重复扣款两次，客服说会退回但至今没有退款。';
    expect([...shingles('扣款两次')]).toEqual(['扣 款', '款 两', '两 次']);
    expect(descriptionSimilarity(zh, zh.replace('至今', '到现在'))).toBeGreaterThan(0.75);
    expect(descriptionSimilarity(zh, '房贷利率调整后月供计算错误，多扣了利息。')).toBeLessThan(0.1);
  });

  it('handles mixed scripts and empty text', () => {
    expect([...shingles('ATM机吞卡')]).toEqual(['atm', 'atm 机', '机 吞', '吞 卡']);
    expect(descriptionSimilarity('', '')).toBe(1);
    expect(descriptionSimilarity('word', '')).toBe(0);
  });
});

describe('findPossibleDuplicate', () => {
  const text = 'Charged an annual fee on my credit card although the branch promised it would be waived for life.';

  it('returns the most similar candidate within 30 days', () => {
    const result = findPossibleDuplicate(fingerprint(text), t0, [
      { id: 'a', fingerprint: fingerprint('Something else entirely about a mortgage.'), receivedAt: new Date(t0.getTime() - DAY) },
      { id: 'b', fingerprint: fingerprint(text.replace('for life', 'forever')), receivedAt: new Date(t0.getTime() - 10 * DAY) },
      { id: 'c', fingerprint: fingerprint(text), receivedAt: new Date(t0.getTime() - 29 * DAY) },
    ]);
    expect(result).toEqual({ id: 'c', similarity: 1 });
  });

  it('ignores candidates more than 30 days apart in either direction', () => {
    expect(findPossibleDuplicate(fingerprint(text), t0, [{ id: 'old', fingerprint: fingerprint(text), receivedAt: new Date(t0.getTime() - 31 * DAY) }])).toBeUndefined();
    expect(findPossibleDuplicate(fingerprint(text), t0, [{ id: 'new', fingerprint: fingerprint(text), receivedAt: new Date(t0.getTime() + 31 * DAY) }])).toBeUndefined();
    expect(findPossibleDuplicate(fingerprint(text), t0, [{ id: 'edge', fingerprint: fingerprint(text), receivedAt: new Date(t0.getTime() - 30 * DAY) }])?.id).toBe('edge');
  });

  it('returns nothing below the threshold', () => {
    expect(findPossibleDuplicate(fingerprint(text), t0, [{ id: 'x', fingerprint: fingerprint('Annual fee charged on my account.'), receivedAt: t0 }])).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('tells Chinese from English, and decides mixed text by what dominates', () => {
    expect(detectLanguage('信用卡年费未经同意扣收')).toBe('zh');
    expect(detectLanguage('My card was blocked')).toBe('en');
    expect(detectLanguage('我的Visa卡在ATM被吞了')).toBe('zh');
    expect(detectLanguage('The 网点 staff ignored my request for a refund')).toBe('en');
  });
});

describe('fingerprint', () => {
  it('gives the same similarity as comparing the shingle sets', () => {
    const a = 'My debit card was charged twice for the same grocery purchase and the branch could not reverse it.';
    const b = a.replace('the branch could not', 'nobody would');
    expect(fingerprintSimilarity(fingerprint(a), fingerprint(b))).toBeCloseTo(descriptionSimilarity(a, b), 10);
    expect(fingerprint('信用卡被重复扣款')).toEqual([...fingerprint('信用卡被重复扣款')].sort((x, y) => x - y));
    expect(fingerprintSimilarity([], [])).toBe(1);
  });
});
