export const STAFF_ROLES = ['officer', 'supervisor', 'manager', 'analyst', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'integration';
export const ALL_ROLES: readonly Role[] = [...STAFF_ROLES, 'integration'];

/** Who is calling: a member of staff (JWT) or an integration client such as the call centre (API key). */
export interface Principal {
  kind: 'staff' | 'integration';
  id: string;
  roles: Role[];
  teams: string[];
}

export function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
