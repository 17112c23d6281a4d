import { canonicalJson, type JsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    const value = { b: [3, { z: 1, a: [true, null] }], a: { d: 'x', c: -2.5 } };
    expect(canonicalJson(value)).toBe('{"a":{"c":-2.5,"d":"x"},"b":[3,{"a":[true,null],"z":1}]}');
  });

  it('sorts keys by UTF-16 code units (the RFC 8785 example)', () => {
    const value = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    expect(canonicalJson(value)).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
  });

  it('leaves out members whose value is undefined', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
  });

  it('writes numbers as JSON.stringify does', () => {
    expect(canonicalJson([0, -0, 1, 100.0, 1e21, 1e-7, 0.1 + 0.2, 120.5, -1.25e-10, 2 ** 53])).toBe(
      '[0,0,1,100,1e+21,1e-7,0.30000000000000004,120.5,-1.25e-10,9007199254740992]',
    );
  });

  it('keeps Chinese and other text as it is, escaping only what JSON must', () => {
    expect(canonicalJson({ summary: '已退还手续费 "fee"\n\\ \u001f' })).toBe('{"summary":"已退还手续费 \\"fee\\"\\n\\\\ \\u001f"}');
  });

  it('reads back to the same text after a round trip through JSON', () => {
    const value = { z: [1.5, 'é', { y: null, x: false }], a: '投诉' };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue)).toBe(canonicalJson(value));
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, JsonValue>, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it.each([
    ['NaN', { n: NaN }, '$.n: NaN has no JSON form'],
    ['Infinity', [1, -Infinity], '$[1]: -Infinity has no JSON form'],
    ['a Date', { details: { when: new Date(0) } }, '$.details.when: only null, booleans'],
    ['a Map', { m: new Map() }, '$.m: only null'],
    ['a class instance', { e: new (class Point { x = 1 })() }, '$.e: only null'],
    ['undefined in an array', { list: [1, undefined] }, '$.list[1]: only null'],
    ['undefined at the top', undefined, '$: only null'],
    ['a function', { f: () => 1 }, '$.f: only null'],
    ['a bigint', { n: BigInt(1) }, '$.n: only null'],
    ['U+0000', { s: 'a\u0000b' }, '$.s: contains U+0000 or an unpaired surrogate'],
    ['an unpaired high surrogate', { s: 'a\ud83d' }, '$.s: contains U+0000 or an unpaired surrogate'],
    ['an unpaired low surrogate', { s: '\ude00b' }, '$.s: contains U+0000 or an unpaired surrogate'],
    ['a bad key', { 'a\u0000': 1 }, 'contains U+0000'],
  ])('refuses %s', (_name, value, message) => {
    expect(() => canonicalJson(value as unknown as JsonValue)).toThrow(message);
  });
});
