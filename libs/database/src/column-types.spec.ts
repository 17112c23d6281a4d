import { byteaText, packUint32, uint32ListTransformer, unpackUint32 } from './column-types';

describe('32-bit integer lists as bytes', () => {
  it('round-trips the whole unsigned range, four big-endian bytes each', () => {
    const values = [0, 1, 255, 256, 0x7fffffff, 0x80000000, 0xffffffff];
    const bytes = packUint32(values);
    expect(bytes.length).toBe(28);
    expect([...bytes.subarray(20, 24)]).toEqual([0x80, 0, 0, 0]);
    expect(unpackUint32(bytes)).toEqual(values);
    expect(unpackUint32(packUint32([]))).toEqual([]);
  });

  it('reads a slice of a larger buffer from its own offset', () => {
    const buffer = Buffer.concat([Buffer.from([9, 9, 9]), packUint32([42, 7])]);
    expect(unpackUint32(buffer.subarray(3))).toEqual([42, 7]);
  });

  it('refuses bytes that are not whole integers rather than dropping the tail', () => {
    expect(() => unpackUint32(Buffer.from([1, 2, 3, 4, 5]))).toThrow(RangeError);
  });

  it('keeps null as null through the column transformer', () => {
    expect(uint32ListTransformer.to(null)).toBeNull();
    expect(uint32ListTransformer.from(null)).toBeNull();
    expect(uint32ListTransformer.from(uint32ListTransformer.to([3, 1]) as Buffer)).toEqual([3, 1]);
  });

  it('writes bytes as PostgreSQL bytea hex text', () => {
    expect(byteaText(packUint32([0xdeadbeef, 1]))).toBe('\\xdeadbeef00000001');
    expect(byteaText(Buffer.alloc(0))).toBe('\\x');
  });
});
