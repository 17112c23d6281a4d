import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectTypes } from './dialect';

const OPEN = `('received','acknowledged','investigating','awaiting_customer','reopened','under_review')`;

/**
 * The queue views that CaseWorkflow1764600000000's two partial indexes do not cover, in QUEUE_ORDER:
 *  - a team's open cases whoever holds them: the supervisor's view (unassigned, or held by someone
 *    other than the supervisor) and a manager's `?team=`;
 *  - every open case: the manager's and admin's view.
 * Without them those pages sort every open case of the team, or of the bank, for each page (a
 * parallel sequential scan of the whole complaints table: about 200 ms at a million complaints).
 * PostgreSQL only, like the other queue indexes; SQLite deployments are small enough to sort.
 */
export class QueueIndexes1765100000000 implements MigrationInterface {
  name = 'QueueIndexes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    if (!dialectTypes(q).pg) return;
    await q.query(
      `CREATE INDEX ix_complaints_queue_team_open ON complaints (team_code, breached DESC, due_at ASC NULLS LAST, priority_rank, received_at, id)
       WHERE status IN ${OPEN}`,
    );
    await q.query(
      `CREATE INDEX ix_complaints_queue_open ON complaints (breached DESC, due_at ASC NULLS LAST, priority_rank, received_at, id)
       WHERE status IN ${OPEN}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (!dialectTypes(q).pg) return;
    await q.query('DROP INDEX ix_complaints_queue_open');
    await q.query('DROP INDEX ix_complaints_queue_team_open');
  }
}
