import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal, principalKey } from '@redress/auth';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { deleteInBatches, Transactions } from '@redress/database';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { EntityManager, Repository } from 'typeorm';
import { IdempotencyRecord } from './idempotency-record.entity';
import { requestHash } from './request-hash';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Makes a write safe to retry. The key is recorded in the same transaction as the write it
 * protects, so either both exist or neither does: a crash between them cannot leave a complaint
 * whose retry creates a second one, nor a key that blocks a retry that never succeeded.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectRepository(IdempotencyRecord) private readonly records: Repository<IdempotencyRecord>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute<T>(
    principal: Principal,
    key: string | undefined,
    operation: string,
    body: unknown,
    work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) {
      const result = await this.transactions.run(work);
      return { ...result, replayed: false };
    }
    checkIdempotencyKey(key);
    const scope = { principal: principalKey(principal), key };
    const hash = requestHash(operation, body);

    const existing = await this.records.findOneBy(scope);
    if (existing) return replayIdempotent<T>(existing, hash);

    try {
      return await this.transactions.run(async (manager) => {
        const result = await work(manager);
        await manager.insert(IdempotencyRecord, {
          ...scope,
          requestHash: hash,
          statusCode: result.status,
          responseBody: result.body as object,
          createdAt: this.clock.now(),
        });
        return { ...result, replayed: false };
      });
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      const raced = await this.records.findOneBy(scope);
      if (raced) return replayIdempotent<T>(raced, hash);
      throw error;
    }
  }

  /** Deletes keys past their retention, oldest first and 1,000 per statement; returns how many went. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.idempotencyTtlHours * 3600_000);
    return deleteInBatches(this.records.manager.connection, 'idempotency_keys', {
      where: 'created_at < :cutoff',
      parameters: { cutoff },
      orderBy: 'created_at',
      key: ['principal', 'key'],
    });
  }
}

/** Refuses a key that cannot be stored or compared safely. */
export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationProblem([{ field: 'Idempotency-Key', messages: ['must be 1-255 printable ASCII characters without spaces'] }]);
  }
}

/** The first answer again for a retry with the same body; 422 for a key reused with another body. */
export function replayIdempotent<T>(
  record: Pick<IdempotencyRecord, 'requestHash' | 'statusCode' | 'responseBody'>,
  hash: string,
): IdempotentResult<T> {
  if (record.requestHash !== hash) {
    throw new ProblemException(
      422,
      PROBLEM_TYPES.idempotencyMismatch,
      'Idempotency-Key reused with a different request',
      'This Idempotency-Key was already used for a request with a different body; use a new key for a new request',
    );
  }
  return { status: record.statusCode, body: record.responseBody as T, replayed: true };
}
