import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. PostgreSQL gives each transaction its own pooled
 * connection. TypeORM's better-sqlite3 driver shares a single connection, where a second
 * concurrent transaction would silently become a savepoint inside the first; there they are queued.
 */
@Injectable()
export class Transactions {
  private sqliteTail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return this.dataSource.transaction(work);
    const next = this.sqliteTail.then(() => this.dataSource.transaction(work));
    this.sqliteTail = next.catch(() => undefined);
    return next;
  }
}

/** The next value of a named counter that never hands out the same number twice. */
export async function nextSequenceValue(manager: EntityManager, name: 'complaint_reference'): Promise<number> {
  if (manager.connection.options.type === 'postgres') {
    const [row] = await manager.query(`SELECT nextval('${name}_seq') AS value`);
    return Number(row.value);
  }
  const [row] = await manager.query('UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value', [name]);
  return Number(row.value);
}
