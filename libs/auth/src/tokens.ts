import { createHash, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Principal, STAFF_ROLES, StaffRole } from './principal';

export class InvalidCredentials extends Error {}

const ISSUER = 'redress';

// Given a string, jsonwebtoken first tries it as a PEM public key and throws, on every request
// (about a tenth of the API's CPU on a queue read); a secret KeyObject skips that.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/** Verifies an HS256 staff token; anything else (other algorithm, unknown role, no sub) is refused. */
export function verifyStaffToken(token: string, secret: string): Principal {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new InvalidCredentials('token payload is not an object');
    claims = decoded;
  } catch (error) {
    if (error instanceof InvalidCredentials) throw error;
    throw new InvalidCredentials((error as Error).message);
  }
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 64) {
    throw new InvalidCredentials('token has no valid sub claim');
  }
  const roles = claims.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => STAFF_ROLES.includes(r as StaffRole))) {
    throw new InvalidCredentials(`token roles must be a non-empty subset of ${STAFF_ROLES.join(', ')}`);
  }
  const teams = claims.teams ?? [];
  if (!Array.isArray(teams) || !teams.every((t) => typeof t === 'string')) {
    throw new InvalidCredentials('token teams must be an array of strings');
  }
  return { kind: 'staff', id: sub, roles: [...new Set(roles as StaffRole[])], teams };
}

export function signStaffToken(
  secret: string,
  claims: { sub: string; roles: StaffRole[]; teams?: string[] },
  expiresIn: jwt.SignOptions['expiresIn'] = '12h',
): string {
  return jwt.sign({ roles: claims.roles, teams: claims.teams ?? [] }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    expiresIn,
  });
}

/**
 * Looks an API key up in constant time with respect to the key's content: keys are compared by
 * their SHA-256 digests, which all have the same length.
 */
export class ApiKeyRegistry {
  private readonly digests: Array<{ digest: Buffer; client: string }>;

  constructor(keys: ReadonlyMap<string, string>) {
    this.digests = [...keys].map(([key, client]) => ({ digest: sha256(key), client }));
  }

  clientFor(presented: string): string | undefined {
    const digest = sha256(presented);
    let found: string | undefined;
    for (const entry of this.digests) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.client;
    }
    return found;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
