import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, lockComplaint, saveComplaintState, toComplaintView, type ComplaintView } from '@redress/complaints';
import { Clock } from '@redress/config';
import { rawTimestamp, Transactions } from '@redress/database';
import {
  compareQueueEntries,
  decodeQueueCursor,
  encodeQueueCursor,
  isOpenStatus,
  OPEN_STATUSES,
  PRIORITY_RANK,
  type Channel,
  type Language,
  type PriorityLevel,
  type QueueEntry,
  type WorkflowStatus,
} from '@redress/domain';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { addOutboxEvent, OutboxTrigger } from '@redress/notifications';
import { Staff, Team } from '@redress/organisation';
import { Brackets, DataSource, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { openCaseCounts } from '../routing/routing.service';
import { complaintEventPayload } from '../workflow/event-payload';
import { AssignDto, QUEUE_SUMMARY_LENGTH, QueueItemView, QueuePage, QueueQueryDto, TeamWorkloadView } from './queue.dto';

const DAY_MS = 24 * 3600 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Source = (query: SelectQueryBuilder<Complaint>) => void;

function isLead(principal: Principal): boolean {
  return principal.roles.some((role) => role === 'manager' || role === 'admin');
}

/**
 * The officer's work queue in QUEUE_ORDER, claiming from it, and the supervisor's view of a team.
 * A page is read as a few ordered index ranges (the caller's own cases, each team's unassigned
 * ones), each cut at the page size, and merged here: that keeps every range on its index.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxTrigger,
    private readonly clock: Clock,
  ) {}

  async page(principal: Principal, q: QueueQueryDto): Promise<QueuePage> {
    const limit = q.limit ?? 25;
    const cursor = q.cursor === undefined ? undefined : decodeQueueCursor(q.cursor);
    if (q.cursor !== undefined && !cursor) throw new ValidationProblem([{ field: 'cursor', messages: ['cursor is not one this API issued'] }]);
    const rows = (await this.read(this.sources(principal, q), q, cursor, limit + 1)).map(toQueueItem);
    const ordered = rows.sort((a, b) => compareQueueEntries(entry(a), entry(b)));
    const items = ordered.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: ordered.length > limit && last ? encodeQueueCursor(entry(last)) : null };
  }

  /** Assigns the caller the first claimable complaint, or returns null when there is none. */
  async claimNext(principal: Principal): Promise<ComplaintView | null> {
    const now = this.clock.now();
    const claimed = await this.transactions.run(async (manager) => {
      const officer = await this.lockStaff(manager, principal.id);
      if (!officer || !officer.active) throw new ForbiddenException('Only an active officer in the staff register can claim complaints');
      const teams = principal.teams.filter((team) => officer.teams.includes(team));
      const open = (await openCaseCounts(manager, [officer.id])).get(officer.id)?.open ?? 0;
      if (open >= officer.capacity) throw atCapacity(officer, open);
      if (teams.length === 0) return null;
      const query = manager
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .select('c.id')
        .where({ teamCode: In(teams), status: In([...OPEN_STATUSES]) })
        .andWhere('c.assigneeId IS NULL');
      orderQueue(query).limit(1);
      // Each officer skips the rows others are claiming right now instead of waiting for them.
      if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const next = await query.getOne();
      if (!next) return null;
      const complaint = await lockComplaint(manager, next.id);
      if (!complaint) return null;
      await this.setAssignee(manager, complaint, complaint.teamCode, officer.id, principal, now, 'claim');
      return complaint;
    });
    if (claimed) await this.outbox.kick();
    return claimed && toComplaintView(claimed);
  }

  async assign(principal: Principal, id: string, dto: AssignDto): Promise<ComplaintView> {
    if (!UUID.test(id)) throw new NotFoundException(`No complaint with id ${id}`);
    const now = this.clock.now();
    const complaint = await this.transactions.run(async (manager) => {
      const locked = await lockComplaint(manager, id);
      const supervises = (team: string | null) => team !== null && principal.roles.includes('supervisor') && principal.teams.includes(team);
      if (!locked || !(isLead(principal) || supervises(locked.teamCode) || (principal.roles.includes('officer') && principal.teams.includes(locked.teamCode ?? '')))) {
        throw new NotFoundException(`No complaint with id ${id}`);
      }
      const teamCode = dto.teamCode ?? locked.teamCode;
      if (!isLead(principal) && !(supervises(locked.teamCode) && supervises(teamCode))) {
        throw new ForbiddenException('Only the supervisor of the complaint’s team (and of the team it moves to) or a manager may assign it');
      }
      if (!isOpenStatus(locked.status)) {
        throw new ProblemException(409, PROBLEM_TYPES.invalidTransition, 'Only open complaints are assigned', `The complaint is ${locked.status}`, {
          currentState: locked.status,
        });
      }
      if (dto.teamCode && !(await manager.findOneBy(Team, { code: dto.teamCode }))) {
        throw new ValidationProblem([{ field: 'teamCode', messages: [`no team ${dto.teamCode}`] }]);
      }
      const officer = await this.lockStaff(manager, dto.assigneeId);
      if (!officer || !officer.active || !officer.roles.includes('officer') || !teamCode || !officer.teams.includes(teamCode)) {
        throw new ValidationProblem([{ field: 'assigneeId', messages: [`must be an active officer of team ${teamCode ?? '(none)'}`] }]);
      }
      if (locked.assigneeId !== officer.id) {
        const open = (await openCaseCounts(manager, [officer.id])).get(officer.id)?.open ?? 0;
        if (open >= officer.capacity) throw atCapacity(officer, open);
      }
      await this.setAssignee(manager, locked, teamCode, officer.id, principal, now, 'assign');
      return locked;
    });
    await this.outbox.kick();
    return toComplaintView(complaint);
  }

  async workload(principal: Principal, code: string): Promise<TeamWorkloadView> {
    const team = await this.dataSource.getRepository(Team).findOneBy({ code });
    if (!team || !(isLead(principal) || principal.teams.includes(code))) throw new NotFoundException(`No team ${code}`);
    const now = this.clock.now();
    const officers = (await this.dataSource.getRepository(Staff).find({ order: { id: 'ASC' } })).filter(
      (staff) => staff.teams.includes(code) && staff.roles.includes('officer'),
    );
    const rows: { assignee: string | null; open: string; breached: string; risk: string; oldest: Date | string | null }[] = await this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select('c.assigneeId', 'assignee')
      .addSelect('COUNT(*)', 'open')
      .addSelect('SUM(CASE WHEN c.breached THEN 1 ELSE 0 END)', 'breached')
      .addSelect('SUM(CASE WHEN c.breached OR c.dueAt < :soon THEN 1 ELSE 0 END)', 'risk')
      .addSelect('MIN(c.receivedAt)', 'oldest')
      .where({ teamCode: code, status: In([...OPEN_STATUSES]) })
      .setParameter('soon', new Date(now.getTime() + DAY_MS))
      .groupBy('c.assigneeId')
      .getRawMany();
    const byAssignee = new Map(rows.map((row) => [row.assignee, row]));
    return {
      team: code,
      unassigned: Number(byAssignee.get(null)?.open ?? 0),
      officers: officers.map((officer) => {
        const row = byAssignee.get(officer.id);
        return {
          staffId: officer.id,
          name: officer.name,
          openCases: Number(row?.open ?? 0),
          capacity: officer.capacity,
          atRisk: Number(row?.risk ?? 0),
          breached: Number(row?.breached ?? 0),
          oldestReceivedAt: row?.oldest ? new Date(row.oldest).toISOString() : null,
        };
      }),
    };
  }

  private async setAssignee(
    manager: EntityManager,
    complaint: Complaint,
    teamCode: string | null,
    assigneeId: string,
    principal: Principal,
    now: Date,
    via: 'claim' | 'assign',
  ): Promise<void> {
    const before = { teamCode: complaint.teamCode, assigneeId: complaint.assigneeId };
    complaint.teamCode = teamCode;
    complaint.assigneeId = assigneeId;
    complaint.assignedAt = now;
    complaint.version += 1;
    complaint.updatedAt = now;
    await saveComplaintState(manager, complaint);
    await this.audit.append(manager, {
      complaintId: complaint.id,
      type: 'complaint.assigned',
      actor: { kind: principal.kind, id: principal.id },
      at: now,
      details: { via, before, after: { teamCode, assigneeId } },
    });
    await addOutboxEvent(manager, { type: 'complaint.assigned', complaintId: complaint.id, payload: complaintEventPayload(complaint), at: now });
  }

  /** Locks the officer's staff row so one officer's concurrent claims count their load one at a time. */
  private lockStaff(manager: EntityManager, id: string): Promise<Staff | null> {
    const query = manager.getRepository(Staff).createQueryBuilder('s').where('s.id = :id', { id });
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return query.getOne();
  }

  private sources(principal: Principal, q: QueueQueryDto): Source[] {
    const scope = q.scope ?? 'all';
    // Parameters are named apart where sources differ: read() may put several in one statement.
    const open = (query: SelectQueryBuilder<Complaint>) => query.andWhere('c.status IN (:...openStatuses)', { openStatuses: [...OPEN_STATUSES] });
    if (isLead(principal)) {
      return [(query) => {
        open(query);
        if (q.team) query.andWhere('c.teamCode = :team', { team: q.team });
        if (scope === 'mine') query.andWhere('c.assigneeId = :me', { me: principal.id });
        if (scope === 'unassigned') query.andWhere('c.assigneeId IS NULL');
      }];
    }
    const teams = principal.teams.filter((team) => q.team === undefined || team === q.team);
    const sources: Source[] = [];
    if (scope !== 'unassigned') {
      sources.push((query) => {
        open(query).andWhere('c.assigneeId = :me', { me: principal.id });
        if (q.team) query.andWhere('c.teamCode = :team', { team: q.team });
      });
    }
    const supervisor = principal.roles.includes('supervisor');
    for (const [i, team] of teams.entries()) {
      if (scope === 'mine') break;
      sources.push((query) => {
        open(query).andWhere(`c.teamCode = :team_${i}`, { [`team_${i}`]: team });
        // Supervisors see their whole team's open work; officers what they may still claim.
        if (!supervisor || scope === 'unassigned') query.andWhere('c.assigneeId IS NULL');
        else query.andWhere(new Brackets((w) => w.where('c.assigneeId IS NULL').orWhere('c.assigneeId <> :me', { me: principal.id })));
      });
    }
    return sources;
  }

  /**
   * The first `take` complaints of the sources, in QUEUE_ORDER, in one statement. Each source is
   * an ordered index range cut at `take` of which only the sort keys are read; the ranges are
   * merged and cut again in the database, and only the complaints that made the cut are read in
   * full. One round trip, and no more rows hydrated than the page needs.
   */
  private read(sources: Source[], q: QueueQueryDto, cursor: QueueEntry | undefined, take: number): Promise<QueueRow[]> {
    const repository = this.dataSource.getRepository(Complaint);
    const narrow = (query: SelectQueryBuilder<Complaint>) => {
      if (q.priority) query.andWhere('c.priorityRank = :rank', { rank: PRIORITY_RANK[q.priority] });
      if (cursor) query.andWhere(afterCursor(cursor));
      return orderQueue(query).limit(take);
    };
    if (sources.length === 0) return Promise.resolve([]);
    if (sources.length === 1) {
      const query = selectQueueRow(repository.createQueryBuilder('c'));
      sources[0](query);
      return narrow(query).getRawMany();
    }
    const parameters: ObjectLiteral = {};
    const ranges = sources.map((source, i) => {
      const range = repository
        .createQueryBuilder('c')
        .select('c.id', 'id')
        .addSelect('c.breached', 'breached')
        .addSelect('c.dueAt', 'due_at')
        .addSelect('c.priorityRank', 'priority_rank')
        .addSelect('c.receivedAt', 'received_at');
      source(range);
      narrow(range);
      // The ranges share one parameter namespace: a name may repeat only with the same value.
      for (const [name, value] of Object.entries(range.getParameters())) {
        if (name in parameters && JSON.stringify(parameters[name]) !== JSON.stringify(value)) {
          throw new Error(`Queue ranges disagree on parameter ${name}`);
        }
        parameters[name] = value;
      }
      return `SELECT * FROM (${range.getQuery()}) r${i}`;
    });
    const keys = 'u.breached DESC, u.due_at ASC NULLS LAST, u.priority_rank ASC, u.received_at ASC, u.id ASC';
    const query = selectQueueRow(repository.createQueryBuilder('c'))
      .where(`c.id IN (SELECT u.id FROM (${ranges.join(' UNION ALL ')}) u ORDER BY ${keys} LIMIT ${take})`)
      .setParameters(parameters);
    return orderQueue(query).getRawMany();
  }
}

/** A queue row as the database returns it (SQLite: booleans as 0/1, JSON and timestamps as text). */
interface QueueRow {
  id: string;
  reference: string;
  status: WorkflowStatus;
  channel: Channel;
  priority: PriorityLevel;
  category: string | null;
  product: string;
  summary: string;
  customer: { name: string } | string;
  language: Language;
  vulnerable: boolean | number;
  received_at: Date | string;
  due_at: Date | string | null;
  breached: boolean | number;
  team_code: string | null;
  assignee_id: string | null;
  sla_policy: string | null;
  version: number | string;
}

/**
 * Selects only what a queue row shows. One character more of the description than the summary
 * shows tells whether it was cut; substr counts characters on both databases.
 */
function selectQueueRow(query: SelectQueryBuilder<Complaint>): SelectQueryBuilder<Complaint> {
  return query
    .select('c.id', 'id')
    .addSelect('c.reference', 'reference')
    .addSelect('c.status', 'status')
    .addSelect('c.channel', 'channel')
    .addSelect('c.priority', 'priority')
    .addSelect('c.category', 'category')
    .addSelect('c.product', 'product')
    .addSelect(`substr(c.description, 1, ${QUEUE_SUMMARY_LENGTH + 1})`, 'summary')
    .addSelect('c.customer', 'customer')
    .addSelect('c.customerLanguage', 'language')
    .addSelect('c.vulnerableCustomer', 'vulnerable')
    .addSelect('c.receivedAt', 'received_at')
    .addSelect('c.dueAt', 'due_at')
    .addSelect('c.breached', 'breached')
    .addSelect('c.teamCode', 'team_code')
    .addSelect('c.assigneeId', 'assignee_id')
    .addSelect('c.slaPolicyCode', 'sla_policy')
    .addSelect('c.version', 'version');
}

function toQueueItem(row: QueueRow): QueueItemView {
  const customer = typeof row.customer === 'string' ? (JSON.parse(row.customer) as { name: string }) : row.customer;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    priority: row.priority,
    category: row.category,
    product: row.product,
    summary: row.summary.length > QUEUE_SUMMARY_LENGTH ? `${row.summary.slice(0, QUEUE_SUMMARY_LENGTH)}…` : row.summary,
    customer: { name: customer.name, language: row.language, vulnerable: Boolean(row.vulnerable) },
    receivedAt: rawTimestamp(row.received_at).toISOString(),
    dueAt: row.due_at === null ? null : rawTimestamp(row.due_at).toISOString(),
    breached: Boolean(row.breached),
    teamCode: row.team_code,
    assigneeId: row.assignee_id,
    slaPolicy: row.sla_policy,
    version: Number(row.version),
  };
}

function entry(item: QueueItemView): QueueEntry {
  return {
    id: item.id,
    breached: item.breached,
    dueAt: item.dueAt === null ? null : new Date(item.dueAt),
    priority: item.priority,
    receivedAt: new Date(item.receivedAt),
  };
}

function orderQueue(query: SelectQueryBuilder<Complaint>): SelectQueryBuilder<Complaint> {
  return query
    .orderBy('c.breached', 'DESC')
    .addOrderBy('c.dueAt', 'ASC', 'NULLS LAST')
    .addOrderBy('c.priorityRank', 'ASC')
    .addOrderBy('c.receivedAt', 'ASC')
    .addOrderBy('c.id', 'ASC');
}

/** "Comes after the cursor" in QUEUE_ORDER, spelt out because the sort directions are mixed. */
function afterCursor(cursor: QueueEntry): Brackets {
  const params = {
    qb: cursor.breached,
    qd: cursor.dueAt,
    qp: PRIORITY_RANK[cursor.priority],
    qr: cursor.receivedAt,
    qi: cursor.id,
  };
  const rest = '(c.priorityRank > :qp OR (c.priorityRank = :qp AND (c.receivedAt > :qr OR (c.receivedAt = :qr AND c.id > :qi))))';
  const due = cursor.dueAt === null ? `(c.dueAt IS NULL AND ${rest})` : `(c.dueAt > :qd OR c.dueAt IS NULL OR (c.dueAt = :qd AND ${rest}))`;
  return new Brackets((w) => w.where('c.breached < :qb', params).orWhere(`(c.breached = :qb AND ${due})`, params));
}

function atCapacity(officer: Staff, open: number): ProblemException {
  return new ProblemException(
    409,
    PROBLEM_TYPES.atCapacity,
    'The officer is at capacity',
    `${officer.id} has ${open} open cases, the most their capacity of ${officer.capacity} allows`,
    { openCases: open, capacity: officer.capacity },
  );
}
