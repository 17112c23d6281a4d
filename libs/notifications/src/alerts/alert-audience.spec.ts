import type { Principal } from '@redress/auth';
import { alertAudience, isInAudience } from './alert-audience';

const staff = (id: string, roles: Principal['roles'], teams: string[] = []): Principal => ({ kind: 'staff', id, roles, teams });
const alert = { recipients: ['off-1', 'sup-cards'], teamCode: 'CARDS' };

describe('alert audience', () => {
  it('gives officers only alerts addressed to them', () => {
    expect(isInAudience(alertAudience(staff('off-1', ['officer'], ['CARDS'])), alert)).toBe(true);
    expect(isInAudience(alertAudience(staff('off-2', ['officer'], ['CARDS'])), alert)).toBe(false);
  });

  it('gives supervisors their teams’ alerts and those addressed to them', () => {
    expect(isInAudience(alertAudience(staff('sup-x', ['supervisor'], ['CARDS'])), alert)).toBe(true);
    expect(isInAudience(alertAudience(staff('sup-cards', ['supervisor'], ['LOANS'])), alert)).toBe(true);
    expect(isInAudience(alertAudience(staff('sup-y', ['supervisor'], ['LOANS'])), alert)).toBe(false);
    expect(isInAudience(alertAudience(staff('sup-y', ['supervisor'], ['LOANS'])), { ...alert, teamCode: null })).toBe(false);
  });

  it('gives managers and admins everything', () => {
    expect(isInAudience(alertAudience(staff('mgr', ['manager'])), alert)).toBe(true);
    expect(isInAudience(alertAudience(staff('adm', ['admin'])), { recipients: [], teamCode: null })).toBe(true);
  });
});
