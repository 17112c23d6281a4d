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
    const speaks = teams.filter((team) => team.languages.length === 0 || team.languages.includes(complaint.customerLanguage));
    const specialist = complaint.category ? speaks.find((team) => team.categories.includes(complaint.category as string)) : undefined;
    const team = specialist ?? speaks.find((team) => team.categories.length === 0) ?? null;
    if (!team) return { team: null, assignment: null };
    if (team.autoAssign === 'off') return { team, assignment: { ok: false, reason: 'auto_assign_off' } };

    // The team row is locked so two intakes do not both pick the same round-robin turn.
    if (manager.connection.options.type === 'postgres') {
      await manager.getRepository(Team).createQueryBuilder('t').setLock('pessimistic_write').where('t.code = :code', { code: team.code }).getOne();
    }
    const candidates = await this.candidates(manager, team.code);
    const assignment = chooseAssignee(
      { mode: team.autoAssign, roundRobinCursor: team.roundRobinCursor },
      { category: complaint.category, language: complaint.customerLanguage },
      candidates,
    );
    if (assignment.ok && assignment.roundRobinCursor !== team.roundRobinCursor) {
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
