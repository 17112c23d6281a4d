import jwt from 'jsonwebtoken';
import { ApiKeyRegistry, InvalidCredentials, signStaffToken, verifyStaffToken } from './tokens';

const secret = 'k'.repeat(32);

describe('staff tokens', () => {
  it('round-trips sub, roles and teams', () => {
    const token = signStaffToken(secret, { sub: 'officer-1', roles: ['officer', 'supervisor'], teams: ['cards'] });
    expect(verifyStaffToken(token, secret)).toEqual({ kind: 'staff', id: 'officer-1', roles: ['officer', 'supervisor'], teams: ['cards'] });
  });

  it.each([
    ['another secret', jwt.sign({ roles: ['admin'] }, 'x'.repeat(32), { subject: 'a' })],
    ['HS512', jwt.sign({ roles: ['admin'] }, secret, { subject: 'a', algorithm: 'HS512' })],
    ['alg none', jwt.sign({ roles: ['admin'] }, '', { subject: 'a', algorithm: 'none' })],
    ['expired', jwt.sign({ roles: ['admin'] }, secret, { subject: 'a', expiresIn: -1 })],
    ['no sub', jwt.sign({ roles: ['admin'] }, secret)],
    ['no roles', jwt.sign({}, secret, { subject: 'a' })],
    ['unknown role', jwt.sign({ roles: ['admin', 'root'] }, secret, { subject: 'a' })],
    ['integration role in a staff token', jwt.sign({ roles: ['integration'] }, secret, { subject: 'a' })],
    ['teams not strings', jwt.sign({ roles: ['officer'], teams: [1] }, secret, { subject: 'a' })],
    ['garbage', 'not.a.token'],
  ])('refuses %s', (_name, token) => {
    expect(() => verifyStaffToken(token, secret)).toThrow(InvalidCredentials);
  });
});

describe('ApiKeyRegistry', () => {
  const registry = new ApiKeyRegistry(new Map([['aaaaaaaaaaaaaaaa', 'call-centre'], ['bbbbbbbbbbbbbbbb', 'web']]));

  it('finds the client for a key and nothing for a near miss', () => {
    expect(registry.clientFor('aaaaaaaaaaaaaaaa')).toBe('call-centre');
    expect(registry.clientFor('bbbbbbbbbbbbbbbb')).toBe('web');
    expect(registry.clientFor('aaaaaaaaaaaaaaab')).toBeUndefined();
    expect(registry.clientFor('')).toBeUndefined();
  });
});
