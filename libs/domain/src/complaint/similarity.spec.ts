import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  it('counts CJK characters against runs of Latin letters, whatever else the text holds', () => {
    const byDefinition = (text: string) => ([...text].filter((ch) => /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ch)).length > (text.match(/[A-Za-z]+/g) ?? []).length ? 'zh' : 'en');
    for (const text of ['', '卡', 'a卡', '卡a', 'ab 卡卡', 'a,b 卡卡', '😀卡', 'é卡 ü', '12 卡', 'ATM 机 吞 卡 了', 'x1y 卡卡']) {
      expect([text, detectLanguage(text)]).toEqual([text, byDefinition(text)]);
    }
  });

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

/** The definition fingerprint() must match: FNV-1a of each shingle's text, sorted and distinct. */
function hashedShingles(text: string): number[] {
  const hashes = new Set<number>();
  for (const shingle of shingles(text)) {
    let h = 0x811c9dc5;
    for (let i = 0; i < shingle.length; i++) h = Math.imul(h ^ shingle.charCodeAt(i), 0x01000193);
    hashes.add(h >>> 0);
  }
  return [...hashes].sort((a, b) => a - b);
}

describe('fingerprint as stored with each complaint', () => {
  it('hashes exactly the shingles, on edge cases of script, stopwords and masking', () => {
    const texts = [
      '', '   ', 'the', 'The the', '卡', '卡 卡', 'ATM机吞卡', '😀卡😀', 'İstanbul şube', 'ＡＢＣ１２３ 全角', 'XXXX/XXXX/2020 xx x',
      'exxxample of xx inside words', 'a b c d e f g', '信用卡年费未经同意扣收，客服说会退回。', 'mixed 网点 staff 拒绝 refund 2次',
      'their which would', 'theirs whichever', '\u00e9t\u00e9 café', 'tab\tseparated\nlines',
    ];
    for (const text of texts) expect([text, fingerprint(text)]).toEqual([text, hashedShingles(text)]);
  });

  it('hashes exactly the shingles of random text mixing Latin, CJK, digits, masks and punctuation', () => {
    const alphabet = ['a', 'b', 'x', 'X', 'the', 'an', 'card', ' ', ' ', '  ', ',', '.', '1', '42', '卡', '款', '扣', '，', 'é', '😀', 'ß', '-', 'XX'];
    let seed = 20261129;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4_294_967_296;
    };
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect([text, fingerprint(text)]).toEqual([text, hashedShingles(text)]);
    }
  });

  const sample = join(__dirname, '../../../../../shared/data/cfpb-complaints-sample.csv');
  (existsSync(sample) ? it : it.skip)('hashes exactly the shingles of every CFPB narrative (when the sample is present)', () => {
    // Narratives are quoted fields; every quoted run of 200+ characters is one.
    const narratives = readFileSync(sample, 'utf8').match(/"(?:[^"]|""){200,}"/g) ?? [];
    expect(narratives.length).toBeGreaterThan(1000);
    const mismatched = narratives.filter((text) => fingerprint(text).join() !== hashedShingles(text).join());
    expect(mismatched).toEqual([]);
  });
});
