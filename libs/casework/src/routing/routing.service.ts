import { Injectable } from '@nestjs/common';
import { Complaint } from '@redress/complaints';
import { type AssignmentCandidate, chooseAssignee, type AssignmentResult, OPEN_STATUSES } from '@redress/domain';
import { Staff, Team } from '@redress/organisation';
import { EntityManager, In } from 'typeorm';

export interface Routing {
  team: Team | null;
  assignment: AssignmentResult | null;
}

/**
 * Sends a new complaint to a team and, when the team auto-assigns, to an officer. The team is the
 * one whose categories name the complaint's category and that speaks the customer's language; a
 * team with no categories takes anything, so it is the fallback.
 */
@Injectable()
export class RoutingService {
  async route(manager: EntityManager, complaint: Complaint): Promise<Routing> {
    const teams = await manager.find(Team, { order: { code: 'ASC' } });
    return this.assign(manager, chooseTeam(teams, complaint), complaint);
  }

  /**
   * The officer of `team` who gets the complaint, when the team auto-assigns. Reads and locks in
   * `manager`'s transaction, which must also store the complaint (see routeWithoutAssignment).
   */
  async assign(manager: EntityManager, team: Team | null, complaint: Complaint): Promise<Routing> {
    const settled = routeWithoutAssignment(team);
    if (settled !== null || team === null) return settled ?? { team: null, assignment: null };

    // The team row is locked so two intakes do not both pick the same round-robin turn; the turn
    // is the one read under the lock.
    let roundRobinCursor = team.roundRobinCursor;
    if (manager.connection.options.type === 'postgres') {
      const locked = await manager.getRepository(Team).createQueryBuilder('t').setLock('pessimistic_write').where('t.code = :code', { code: team.code }).getOne();
      if (locked) roundRobinCursor = locked.roundRobinCursor;
    }
    const candidates = await this.candidates(manager, team.code);
    const assignment = chooseAssignee(
      { mode: team.autoAssign, roundRobinCursor },
      { category: complaint.category, language: complaint.customerLanguage },
      candidates,
    );
    if (assignment.ok && assignment.roundRobinCursor !== roundRobinCursor) {
      await manager.update(Team, { code: team.code }, { roundRobinCursor: assignment.roundRobinCursor });
    }
    return { team, assignment };
  }

  /** The team's officers with their open case counts. */
  async candidates(manager: EntityManager, teamCode: string): Promise<AssignmentCandidate[]> {
    const members = (await manager.find(Staff)).filter((staff) => staff.teams.includes(teamCode) && staff.roles.includes('officer'));
    if (members.length === 0) return [];
    const load = await openCaseCounts(manager, members.map((member) => member.id));
    return members.map((member) => ({
      staffId: member.id,
      active: member.active,
      skills: member.skills,
      languages: member.languages,
      capacity: member.capacity,
      openCases: load.get(member.id)?.open ?? 0,
      lastAssignedAt: load.get(member.id)?.lastAssignedAt ?? null,
    }));
  }
}

/** Open cases per officer, and when each was last given one. */
export async function openCaseCounts(
  manager: EntityManager,
  staffIds: string[],
): Promise<Map<string, { open: number; lastAssignedAt: Date | null }>> {
  if (staffIds.length === 0) return new Map();
  const rows: { assignee: string; open: string; last: Date | string | null }[] = await manager
    .getRepository(Complaint)
    .createQueryBuilder('c')
    .select('c.assigneeId', 'assignee')
    .addSelect('COUNT(*)', 'open')
    .addSelect('MAX(c.assignedAt)', 'last')
    .where({ assigneeId: In(staffIds), status: In([...OPEN_STATUSES]) })
    .groupBy('c.assigneeId')
    .getRawMany();
  return new Map(rows.map((row) => [row.assignee, { open: Number(row.open), lastAssignedAt: row.last ? new Date(row.last) : null }]));
}

/**
 * The team a new complaint goes to, among all teams in code order: the one whose categories name
 * the complaint's category and that speaks the customer's language, else one that takes anything.
 */
export function chooseTeam(teams: readonly Team[], complaint: Pick<Complaint, 'category' | 'customerLanguage'>): Team | null {
  const speaks = teams.filter((team) => team.languages.length === 0 || team.languages.includes(complaint.customerLanguage));
  const specialist = complaint.category ? speaks.find((team) => team.categories.includes(complaint.category as string)) : undefined;
  return specialist ?? speaks.find((team) => team.categories.length === 0) ?? null;
}

/**
 * The routing when no officer is to be chosen: no team, or a team that does not auto-assign.
 * Null when the team auto-assigns: then assign() must run in the transaction that stores the complaint.
 */
export function routeWithoutAssignment(team: Team | null): Routing | null {
  if (!team) return { team: null, assignment: null };
  if (team.autoAssign === 'off') return { team, assignment: { ok: false, reason: 'auto_assign_off' } };
  return null;
}
