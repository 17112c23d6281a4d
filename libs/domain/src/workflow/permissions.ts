import { WORKFLOW_ACTIONS, type WorkflowAction } from './actions';

export const ACTOR_ROLES = ['officer', 'supervisor', 'manager', 'analyst', 'admin', 'integration'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** The caller, shaped like the auth library's Principal so the service can pass that as it is. */
export interface Actor {
  kind: 'staff' | 'integration';
  id: string;
  roles: readonly ActorRole[];
  teams: readonly string[];
}

/** The complaint facts that decide who may see it and act on it. */
export interface ComplaintOwnership {
  teamCode: string | null;
  assigneeId: string | null;
  submittedBy: { kind: 'staff' | 'integration'; id: string };
}

type Reach = 'all' | 'teams' | 'assigned' | 'submitted';

interface RolePolicy {
  sees: readonly Reach[];
  acts: { actions: readonly WorkflowAction[]; on: Reach } | null;
}

/**
 * Merging is kept from officers: it ends a complaint without its own answer, and regulators check
 * that banks do not under-count complaints, so a supervisor (or above) confirms every merge.
 * Integration clients act for the customer, and the one customer request that needs no judgement
 * is a withdrawal; reopening or reviewing a decision comes in as a contact that staff record, because
 * someone has to decide whether it is that or a new complaint.
 */
const ROLE_POLICIES: Readonly<Record<ActorRole, RolePolicy>> = {
  officer: { sees: ['teams', 'assigned'], acts: { actions: WORKFLOW_ACTIONS.filter((a) => a !== 'merge'), on: 'assigned' } },
  supervisor: { sees: ['teams'], acts: { actions: WORKFLOW_ACTIONS, on: 'teams' } },
  manager: { sees: ['all'], acts: { actions: WORKFLOW_ACTIONS, on: 'all' } },
  admin: { sees: ['all'], acts: { actions: WORKFLOW_ACTIONS, on: 'all' } },
  analyst: { sees: ['all'], acts: null },
  integration: { sees: ['submitted'], acts: { actions: ['withdraw'], on: 'submitted' } },
};

const OUT_OF_REACH: Readonly<Record<Exclude<Reach, 'all'>, string>> = {
  assigned: 'officers may act only on complaints assigned to them; claim it first',
  teams: 'supervisors may act only on complaints of their teams',
  submitted: 'integration clients may act only on complaints they submitted',
};

/**
 * What a caller may see, as data the repository turns into a WHERE clause (all: no filter;
 * otherwise team_code IN teams OR assignee_id = assigneeId OR the submitter matches; nothing
 * set: no rows), so lists and single reads scope exactly as canSee does.
 */
export interface VisibilityScope {
  all: boolean;
  teams: string[];
  assigneeId: string | null;
  submittedBy: { kind: 'staff' | 'integration'; id: string } | null;
}

export function visibilityScope(actor: Actor): VisibilityScope {
  const reaches = new Set(actor.roles.flatMap((role) => ROLE_POLICIES[role].sees));
  return {
    all: reaches.has('all'),
    teams: reaches.has('teams') ? [...actor.teams] : [],
    assigneeId: reaches.has('assigned') && actor.kind === 'staff' ? actor.id : null,
    submittedBy: reaches.has('submitted') ? { kind: actor.kind, id: actor.id } : null,
  };
}

/** False means the complaint must be reported as not found (404), so ids outside the scope do not leak. */
export function canSee(actor: Actor, complaint: ComplaintOwnership): boolean {
  const scope = visibilityScope(actor);
  return (
    scope.all ||
    (complaint.teamCode !== null && scope.teams.includes(complaint.teamCode)) ||
    (scope.assigneeId !== null && complaint.assigneeId === scope.assigneeId) ||
    (scope.submittedBy !== null &&
      complaint.submittedBy.kind === scope.submittedBy.kind &&
      complaint.submittedBy.id === scope.submittedBy.id)
  );
}

export type ActionAuthorization = { allowed: true } | { allowed: false; detail: string };

/** Whether the caller's roles and relation to the complaint let them take the action (state aside). */
export function authorizeAction(actor: Actor, complaint: ComplaintOwnership, action: WorkflowAction): ActionAuthorization {
  let outOfReach: string | undefined;
  for (const role of actor.roles) {
    const acts = ROLE_POLICIES[role].acts;
    if (!acts?.actions.includes(action)) continue;
    if (reaches(actor, complaint, acts.on)) return { allowed: true };
    if (acts.on !== 'all') outOfReach ??= OUT_OF_REACH[acts.on];
  }
  return { allowed: false, detail: outOfReach ?? `'${action}' needs one of the roles ${rolesThatMay(action).join(', ')}` };
}

function reaches(actor: Actor, complaint: ComplaintOwnership, reach: Reach): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'teams':
      return complaint.teamCode !== null && actor.teams.includes(complaint.teamCode);
    case 'assigned':
      return actor.kind === 'staff' && complaint.assigneeId === actor.id;
    case 'submitted':
      return complaint.submittedBy.kind === actor.kind && complaint.submittedBy.id === actor.id;
  }
}

function rolesThatMay(action: WorkflowAction): ActorRole[] {
  return ACTOR_ROLES.filter((role) => ROLE_POLICIES[role].acts?.actions.includes(action));
}
