export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue | undefined;
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The JSON text the audit chain hashes, defined so that a row read back from the database can be
 * re-hashed byte for byte, here or by an auditor's own tool. It is RFC 8785 (JCS) for the values
 * accepted:
 *  - no whitespace; object members sorted by key, keys compared as UTF-16 code units (what
 *    Array.prototype.sort does); members whose value is undefined are left out, as they are when
 *    the object is stored;
 *  - strings and numbers written exactly as JSON.stringify writes them (numbers in the shortest
 *    form that reads back to the same double, -0 as 0);
 *  - refused with the path of the offending value, because they would not read back the same:
 *    non-finite numbers, undefined inside arrays, anything but plain objects and arrays (a Date,
 *    say: store its ISO string), and strings PostgreSQL cannot store (U+0000, unpaired surrogates).
 * Strings are not Unicode-normalised: the database keeps them as given, so they are hashed as given.
 */
export function canonicalJson(value: JsonValue): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000') || UNPAIRED_SURROGATE.test(value)) throw new TypeError(`${path}: contains U+0000 or an unpaired surrogate`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => (item === undefined ? refuse(`${path}[${i}]`) : write(item, `${path}[${i}]`))).join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${write(key, `${path}.${key}`)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
  }
  return refuse(path);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function refuse(path: string): never {
  throw new TypeError(`${path}: only null, booleans, finite numbers, strings, arrays and plain objects have a canonical JSON form`);
}
