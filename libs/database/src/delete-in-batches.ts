import { DataSource, ObjectLiteral } from 'typeorm';

export interface DeleteInBatchesOptions {
  /** The rows to delete, as SQL over the table's own columns (unqualified, or qualified by the table name). */
  where: string;
  /** Named parameters of `where` (`:name`, `:...list`), as TypeORM takes them. */
  parameters?: ObjectLiteral;
  /** Which rows go first: an indexed column that follows age, so that each batch reads only what it deletes. */
  orderBy: string;
  /** The table's primary key columns. */
  key?: readonly string[];
  /** Rows per DELETE: short statements, so a purge holds few row locks and no long transaction. */
  batch?: number;
  /** Statements per call; a larger backlog is left to the next call. */
  maxBatches?: number;
}

/**
 * Deletes the rows of `table` that `where` selects, `batch` at a time, oldest first:
 * DELETE FROM t WHERE key IN (SELECT key FROM t WHERE <where> ORDER BY .. LIMIT n) AND <where>.
 * The outer copy of the condition matters on PostgreSQL: a row updated by another transaction
 * while the DELETE waited for its lock is judged again by the outer condition on its new version
 * (the subquery's answer is not re-evaluated), so a failed delivery retried meanwhile stays.
 * The same SQL runs on SQLite. Returns how many rows went.
 */
export async function deleteInBatches(
  dataSource: DataSource,
  table: string,
  { where, parameters = {}, orderBy, key = ['id'], batch = 1_000, maxBatches = 200 }: DeleteInBatchesOptions,
): Promise<number> {
  const columns = key.join(', ');
  const tuple = key.length === 1 ? key[0] : `(${columns})`;
  const [sql, values] = dataSource.driver.escapeQueryWithParameters(
    `DELETE FROM ${table} WHERE ${tuple} IN (SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY ${orderBy} LIMIT ${batch}) AND (${where})`,
    parameters,
    {},
  );
  const runner = dataSource.createQueryRunner();
  try {
    let deleted = 0;
    for (let round = 0; round < maxBatches; round++) {
      const affected = (await runner.query(sql, values, true)).affected ?? 0;
      deleted += affected;
      if (affected < batch) break;
    }
    return deleted;
  } finally {
    await runner.release();
  }
}
