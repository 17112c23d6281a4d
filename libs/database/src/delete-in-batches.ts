import { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';

export interface DeleteInBatchesOptions {
  /** The table's primary key columns, as named in SQL. */
  key?: readonly string[];
  /** Rows per DELETE: short statements, so a purge holds few row locks and no long transaction. */
  batch?: number;
  /** Statements per call; a larger backlog is left to the next call. */
  maxBatches?: number;
  /** Which rows go first, e.g. along an index that follows age. */
  orderBy?: string;
}

/**
 * Deletes the rows `expired` selects (on alias `x`), `batch` at a time, as
 * DELETE ... WHERE key IN (SELECT key ... LIMIT n): each batch selects and deletes in one
 * statement, the same on PostgreSQL and SQLite, so a row is judged by its state when that
 * statement runs, not when an earlier batch did. Returns how many rows went.
 */
export async function deleteInBatches<T extends ObjectLiteral>(
  repository: Repository<T>,
  expired: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
  { key = ['id'], batch = 1_000, maxBatches = 200, orderBy }: DeleteInBatchesOptions = {},
): Promise<number> {
  const columns = key.map((column) => `x.${column}`).join(', ');
  const tuple = key.length === 1 ? key[0] : `(${key.join(', ')})`;
  let deleted = 0;
  for (let round = 0; round < maxBatches; round++) {
    let rows = expired(repository.createQueryBuilder('x').select(columns));
    if (orderBy) rows = rows.orderBy(orderBy);
    rows = rows.limit(batch);
    const result = await repository
      .createQueryBuilder()
      .delete()
      .where(`${tuple} IN (${rows.getQuery()})`)
      .setParameters(rows.getParameters())
      .execute();
    const affected = result.affected ?? 0;
    deleted += affected;
    if (affected < batch) break;
  }
  return deleted;
}
