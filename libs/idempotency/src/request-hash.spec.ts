import { canonicalJson, requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestHash('POST /v1/complaints', { a: 1, b: 2 })).toBe(requestHash('POST /v1/complaints', { b: 2, a: 1 }));
  });

  it('differs when the body or the operation differs', () => {
    expect(requestHash('POST /v1/complaints', { a: 1 })).not.toBe(requestHash('POST /v1/complaints', { a: 2 }));
    expect(requestHash('POST /v1/complaints', { a: 1 })).not.toBe(requestHash('POST /v1/other', { a: 1 }));
    expect(requestHash('op', { a: '1' })).not.toBe(requestHash('op', { a: 1 }));
  });
});
