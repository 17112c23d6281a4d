import type { Principal } from '@redress/auth';
import type { AlertMessage } from './alert-message';

/**
 * Which alerts a caller's stream carries: managers and admins every alert; supervisors those of
 * their teams; everyone those addressed to them. Roles add up, so a supervisor who is also an
 * officer gets both.
 */
export interface AlertAudience {
  all: boolean;
  staffId: string;
  teams: string[];
}

export function alertAudience(principal: Principal): AlertAudience {
  const all = principal.roles.includes('manager') || principal.roles.includes('admin');
  return { all, staffId: principal.id, teams: principal.roles.includes('supervisor') ? principal.teams : [] };
}

export function isInAudience(audience: AlertAudience, alert: Pick<AlertMessage, 'recipients' | 'teamCode'>): boolean {
  return (
    audience.all ||
    alert.recipients.includes(audience.staffId) ||
    (alert.teamCode !== null && audience.teams.includes(alert.teamCode))
  );
}
