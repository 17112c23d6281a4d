import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal } from '@redress/auth';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { isUniqueViolation, nextSequenceValue } from '@redress/database';
import {
  assessPriority,
  detectLanguage,
  DUPLICATE_WINDOW_DAYS,
  type DuplicateCandidate,
  findPossibleDuplicate,
  fingerprint,
  formatReference,
  PRIORITY_RANK,
  REPEAT_LOOKBACK_DAYS,
  visibilityScope,
} from '@redress/domain';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { IdempotencyService, IdempotentResult } from '@redress/idempotency';
import { Metrics } from '@redress/observability';
import { randomUUID } from 'node:crypto';
import { Brackets, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Complaint } from './complaint.entity';
import { CHANNEL_DETAIL_PROPERTIES, CreateComplaintDto, ListComplaintsQueryDto } from './complaint.dto';
import { ComplaintPage, ComplaintView, toComplaintView } from './complaint.view';
import { decodeCursor, encodeCursor } from './cursor';
import { applyVisibility, toActor } from './visibility';

const DAY_MS = 24 * 3600 * 1000;
/** How many of a customer's recent complaints are compared for duplicates: enough for any real customer. */
export const HISTORY_LIMIT = 50;

/** The idempotency scope of a complaint submission. */
export const SUBMIT_OPERATION = 'POST /v1/complaints';

/**
 * The customer's complaints intake reads: the HISTORY_LIMIT most recent received in this window,
 * newest first. Those received up to the new one's receivedAt make a repeat complainant; those
 * within DUPLICATE_WINDOW_DAYS of it are compared for duplicates.
 */
export function historyWindow(receivedAt: Date): { since: Date; until: Date; duplicatesSince: Date } {
  const at = receivedAt.getTime();
  return {
    since: new Date(at - REPEAT_LOOKBACK_DAYS * DAY_MS),
    until: new Date(at + DUPLICATE_WINDOW_DAYS * DAY_MS),
    duplicatesSince: new Date(at - DUPLICATE_WINDOW_DAYS * DAY_MS),
  };
}

/** What intake read before building a complaint. */
export interface IntakeHistory {
  now: Date;
  /** The next value of the complaint reference sequence. */
  sequence: number;
  /** Earlier complaints of the customer, as assessPriority counts them. */
  previousComplaints: number;
  /** Complaints findPossibleDuplicate compares (it skips any outside DUPLICATE_WINDOW_DAYS). */
  candidates: readonly DuplicateCandidate[];
  /** fingerprint(dto.description), when the caller already computed it. */
  fingerprint?: number[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class ExternalRefConflict extends Error {}

export interface IntakeHooks {
  beforeInsert(manager: EntityManager, complaint: Complaint, now: Date): Promise<void>;
  afterInsert(manager: EntityManager, complaint: Complaint, now: Date): Promise<void>;
}

@Injectable()
export class ComplaintsService {
  constructor(
    @InjectRepository(Complaint) private readonly complaints: Repository<Complaint>,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores a complaint. `hooks` let the case workflow start the SLA clock and route the complaint
   * before the row is written, and record its first timeline event after, in the same transaction.
   */
  async submit(
    principal: Principal,
    dto: CreateComplaintDto,
    idempotencyKey?: string,
    hooks?: IntakeHooks,
  ): Promise<IdempotentResult<ComplaintView>> {
    try {
      const result = await this.idempotency.execute(principal, idempotencyKey, SUBMIT_OPERATION, dto, async (manager) => ({
        status: 201,
        body: toComplaintView(await this.store(manager, principal, dto, hooks)),
      }));
      if (!result.replayed) this.metrics.complaintsReceived.inc({ channel: dto.channel });
      return result;
    } catch (error) {
      if (error instanceof ExternalRefConflict) throw await this.externalRefProblem(dto);
      throw error;
    }
  }

  async get(principal: Principal, id: string): Promise<ComplaintView> {
    return toComplaintView(await this.findVisible(principal, id));
  }

  /**
   * The complaint if the caller may see it. Anything else, including a complaint outside the
   * caller's teams, is the same 404, so ids do not leak.
   */
  async findVisible(principal: Principal, id: string, manager?: EntityManager): Promise<Complaint> {
    if (!UUID.test(id)) throw new NotFoundException(`No complaint with id ${id}`);
    const repository = manager ? manager.getRepository(Complaint) : this.complaints;
    const query = repository.createQueryBuilder('c').where('c.id = :id', { id });
    this.scope(query, principal);
    const complaint = await query.getOne();
    if (!complaint) throw new NotFoundException(`No complaint with id ${id}`);
    return complaint;
  }

  async list(principal: Principal, q: ListComplaintsQueryDto): Promise<ComplaintPage> {
    const limit = q.limit ?? 25;
    const query = this.complaints.createQueryBuilder('c');
    this.scope(query, principal);
    if (q.status) query.andWhere('c.status = :status', { status: q.status });
    if (q.channel) query.andWhere('c.channel = :channel', { channel: q.channel });
    if (q.category) query.andWhere('c.category = :category', { category: q.category });
    if (q.priority) query.andWhere('c.priority = :priority', { priority: q.priority });
    if (q.customerId) query.andWhere('c.customerId = :customerId', { customerId: q.customerId });
    if (q.receivedFrom) query.andWhere('c.receivedAt >= :from', { from: new Date(q.receivedFrom) });
    if (q.receivedTo) query.andWhere('c.receivedAt < :to', { to: new Date(q.receivedTo) });
    if (q.cursor) {
      const cursor = decodeCursor(q.cursor);
      if (!cursor) throw new ValidationProblem([{ field: 'cursor', messages: ['cursor is not one this API issued'] }]);
      query.andWhere(
        new Brackets((w) =>
          w
            .where('c.receivedAt < :cursorAt', { cursorAt: cursor.receivedAt })
            .orWhere('(c.receivedAt = :cursorAt AND c.id < :cursorId)', { cursorAt: cursor.receivedAt, cursorId: cursor.id }),
        ),
      );
    }
    const rows = await query.orderBy('c.receivedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toComplaintView),
      nextCursor: rows.length > limit && last ? encodeCursor({ receivedAt: new Date(last.receivedAt), id: last.id }) : null,
    };
  }

  private async store(manager: EntityManager, principal: Principal, dto: CreateComplaintDto, hooks?: IntakeHooks): Promise<Complaint> {
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const window = historyWindow(receivedAt);

    const history = await manager
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select(['c.id', 'c.receivedAt', 'c.descriptionFingerprint'])
      // Older rows have no fingerprint; only then is the description fetched to compute one.
      .addSelect('CASE WHEN c.description_shingle_hashes IS NULL THEN c.description END', 'legacy_description')
      .where('c.customerId = :customerId', { customerId: dto.customer.id })
      .andWhere('c.receivedAt >= :since', { since: window.since })
      .andWhere('c.receivedAt <= :until', { until: window.until })
      .orderBy('c.receivedAt', 'DESC')
      .limit(HISTORY_LIMIT)
      .getRawAndEntities();
    const candidates = history.entities.map((h, i) => ({
      id: h.id,
      receivedAt: new Date(h.receivedAt),
      fingerprint: h.descriptionFingerprint ?? fingerprint(String(history.raw[i].legacy_description ?? '')),
    }));
    const complaint = this.draft(principal, dto, {
      now,
      sequence: await nextSequenceValue(manager, 'complaint_reference'),
      previousComplaints: candidates.filter((h) => h.receivedAt <= receivedAt).length,
      candidates,
    });
    await hooks?.beforeInsert(manager, complaint, now);
    try {
      await manager.insert(Complaint, complaint as QueryDeepPartialEntity<Complaint>);
    } catch (error) {
      if (dto.externalRef !== undefined && isUniqueViolation(error)) throw new ExternalRefConflict();
      throw error;
    }
    await hooks?.afterInsert(manager, complaint, now);
    return complaint;
  }

  /**
   * The complaint as it will be stored, before its SLA clock starts and it is routed: reference,
   * priority with its reasons and possible duplicate, from the customer's history the caller read.
   */
  draft(principal: Principal, dto: CreateComplaintDto, history: IntakeHistory): Complaint {
    const now = history.now;
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const descriptionFingerprint = history.fingerprint ?? fingerprint(dto.description);
    const duplicate = findPossibleDuplicate(descriptionFingerprint, receivedAt, history.candidates);
    const priority = assessPriority({
      channel: dto.channel,
      vulnerableCustomer: dto.customer.vulnerable ?? false,
      previousComplaints: history.previousComplaints,
      disputedAmount: dto.disputedAmount,
    });

    const detailsProperty = CHANNEL_DETAIL_PROPERTIES[dto.channel];
    return Object.assign(new Complaint(), {
      id: randomUUID(),
      reference: formatReference(now, history.sequence),
      channel: dto.channel,
      status: 'received',
      priority: priority.level,
      priorityScore: priority.score,
      priorityReasons: priority.reasons,
      category: dto.category ?? null,
      product: dto.product,
      description: dto.description,
      descriptionFingerprint,
      descriptionLanguage: detectLanguage(dto.description),
      customerId: dto.customer.id,
      customer: { ...dto.customer, vulnerable: dto.customer.vulnerable ?? false },
      customerLanguage: dto.customer.preferredLanguage,
      vulnerableCustomer: dto.customer.vulnerable ?? false,
      disputedAmount: dto.disputedAmount?.amount ?? null,
      disputedCurrency: dto.disputedAmount?.currency ?? null,
      occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : null,
      receivedAt,
      externalRef: dto.externalRef ?? null,
      channelDetails: { [detailsProperty]: { ...(dto[detailsProperty] as object) } },
      submittedBy: principal.id,
      submittedByKind: principal.kind,
      possibleDuplicateOf: duplicate?.id ?? null,
      duplicateSimilarity: duplicate ? Math.round(duplicate.similarity * 1000) / 1000 : null,
      jurisdiction: dto.jurisdiction ?? this.config.sla.defaultJurisdiction,
      teamCode: null,
      assigneeId: null,
      assignedAt: null,
      priorityRank: PRIORITY_RANK[priority.level],
      dueAt: null,
      breached: false,
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      finalResponseSentAt: null,
      reviewRequestedAt: null,
      mergedInto: null,
      slaPolicyCode: null,
      slaMatchReason: null,
      slaClock: null,
      slaVersion: 0,
      slaNextWakeAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async externalRefProblem(dto: CreateComplaintDto): Promise<ProblemException> {
    const existing = await this.complaints.findOne({
      select: ['id', 'reference'],
      where: { channel: dto.channel, externalRef: dto.externalRef },
    });
    return externalRefConflict(dto, existing);
  }

  /** Restricts a query to what visibilityScope lets the caller see (the same rule as canSee). */
  private scope(query: SelectQueryBuilder<Complaint>, principal: Principal): void {
    applyVisibility(query, 'c', visibilityScope(toActor(principal)));
  }
}

/** The 409 for an externalRef the channel already used; `existing` is that complaint, if found. */
export function externalRefConflict(dto: CreateComplaintDto, existing: { id: string; reference: string } | null | undefined): ProblemException {
  return new ProblemException(
    409,
    PROBLEM_TYPES.duplicateExternalRef,
    'A complaint with this externalRef already exists',
    `The ${dto.channel} channel already submitted externalRef "${dto.externalRef}"`,
    { existingId: existing?.id, existingReference: existing?.reference },
  );
}
