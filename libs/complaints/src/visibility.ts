import type { Principal } from '@redress/auth';
import type { Actor, ActorRole, VisibilityScope } from '@redress/domain';
import { Brackets, type SelectQueryBuilder } from 'typeorm';

export function toActor(principal: Principal): Actor {
  return { kind: principal.kind, id: principal.id, roles: principal.roles as ActorRole[], teams: principal.teams };
}

/** The WHERE clause for a VisibilityScope: the SQL form of canSee, so lists and reads agree. */
export function applyVisibility<T extends object>(query: SelectQueryBuilder<T>, alias: string, scope: VisibilityScope): void {
  if (scope.all) return;
  query.andWhere(
    new Brackets((w) => {
      w.where('1 = 0');
      if (scope.teams.length > 0) w.orWhere(`${alias}.teamCode IN (:...scopeTeams)`, { scopeTeams: scope.teams });
      if (scope.assigneeId !== null) w.orWhere(`${alias}.assigneeId = :scopeAssignee`, { scopeAssignee: scope.assigneeId });
      if (scope.submittedBy !== null) {
        w.orWhere(`(${alias}.submittedByKind = :scopeSubmitterKind AND ${alias}.submittedBy = :scopeSubmitter)`, {
          scopeSubmitterKind: scope.submittedBy.kind,
          scopeSubmitter: scope.submittedBy.id,
        });
      }
    }),
  );
}
