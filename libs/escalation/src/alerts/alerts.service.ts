import { Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, lockComplaint } from '@redress/complaints';
import { Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { ValidationProblem } from '@redress/http';
import { Brackets, DataSource, IsNull, SelectQueryBuilder } from 'typeorm';
import { Alert } from './alert.entity';
import { AlertPage, AlertView, toAlertView } from './alert.view';
import { ListAlertsQueryDto } from './alerts.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Alerts as each caller may see them: officers those addressed to them, supervisors those of
 * their teams or addressed to them, managers, analysts and admins all.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, q: ListAlertsQueryDto): Promise<AlertPage> {
    const limit = q.limit ?? 50;
    const query = this.query(principal);
    if (q.complaintId) query.andWhere('a.complaintId = :complaintId', { complaintId: q.complaintId });
    if (q.kind) query.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.acknowledged === 'true') query.andWhere('a.acknowledgedAt IS NOT NULL');
    if (q.acknowledged === 'false') query.andWhere('a.acknowledgedAt IS NULL');
    if (q.cursor) {
      const cursor = decodeCursor(q.cursor);
      if (!cursor) throw new ValidationProblem([{ field: 'cursor', messages: ['cursor is not one this API issued'] }]);
      query.andWhere(
        new Brackets((w) =>
          w.where('a.raisedAt < :at', { at: cursor.raisedAt }).orWhere('(a.raisedAt = :at AND a.id < :id)', { at: cursor.raisedAt, id: cursor.id }),
        ),
      );
    }
    const rows = await query.orderBy('a.raisedAt', 'DESC').addOrderBy('a.id', 'DESC').limit(limit + 1).getRawAndEntities();
    const items = rows.entities.slice(0, limit).map((alert, i) => toAlertView(alert, rows.raw[i].reference));
    const last = rows.entities[limit - 1];
    return { items, nextCursor: rows.entities.length > limit && last ? encodeCursor(last) : null };
  }

  async acknowledge(principal: Principal, id: string): Promise<AlertView> {
    if (!UUID.test(id)) throw new NotFoundException(`No alert with id ${id}`);
    const visible = await this.query(principal).andWhere('a.id = :id', { id }).getRawAndEntities();
    const found = visible.entities[0];
    if (!found) throw new NotFoundException(`No alert with id ${id}`);
    if (found.acknowledgedAt) return toAlertView(found, visible.raw[0].reference);
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      await lockComplaint(manager, found.complaintId);
      const result = await manager.update(Alert, { id, acknowledgedAt: IsNull() }, { acknowledgedAt: now, acknowledgedBy: principal.id });
      if (!result.affected) return;
      await this.audit.append(manager, {
        complaintId: found.complaintId,
        type: 'alert.acknowledged',
        actor: { kind: principal.kind, id: principal.id },
        at: now,
        details: { alertId: id, kind: found.kind, milestone: found.milestone, level: found.level },
      });
    });
    const [alert] = await this.query(principal).andWhere('a.id = :id', { id }).getMany();
    return toAlertView(alert, visible.raw[0].reference);
  }

  private query(principal: Principal): SelectQueryBuilder<Alert> {
    const query = this.dataSource
      .getRepository(Alert)
      .createQueryBuilder('a')
      .innerJoin(Complaint, 'c', 'c.id = a.complaintId')
      .addSelect('c.reference', 'reference');
    const roles = principal.roles;
    if (roles.some((role) => role === 'manager' || role === 'admin' || role === 'analyst')) return query;
    const pg = this.dataSource.options.type === 'postgres';
    const addressed = pg ? 'a.recipients ? :me' : `a.recipients LIKE :meLike`;
    const params = { me: principal.id, meLike: `%${JSON.stringify(principal.id)}%` };
    query.andWhere(
      new Brackets((w) => {
        w.where(addressed, params);
        if (roles.includes('supervisor') && principal.teams.length > 0) w.orWhere('a.teamCode IN (:...teams)', { teams: principal.teams });
      }),
    );
    return query;
  }
}

function encodeCursor(alert: Alert): string {
  return Buffer.from(JSON.stringify([new Date(alert.raisedAt).toISOString(), alert.id])).toString('base64url');
}

function decodeCursor(raw: string): { raisedAt: Date; id: string } | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const raisedAt = new Date(String(at));
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(raisedAt.getTime())) return undefined;
    return { raisedAt, id };
  } catch {
    return undefined;
  }
}
