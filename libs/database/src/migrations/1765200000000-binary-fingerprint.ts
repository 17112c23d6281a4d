import { MigrationInterface, QueryRunner } from 'typeorm';
import { packUint32 } from '../column-types';
import { dialectTypes } from './dialect';

/** Rows per backfill statement: each commits on its own, so no lock is held for long. */
const BATCH = 2_000;

/**
 * Description fingerprints as four bytes per hash (packUint32) in description_shingle_hashes,
 * instead of the JSON array in description_fingerprint: intake reads up to 50 of them per
 * complaint, and PostgreSQL spent three times as long writing the JSON numbers out as it does the
 * bytes in base64, before Node parsed them again.
 *
 * Expand only, so that a rolling deploy works: the JSON column stays, and a release running
 * before this one keeps writing and reading it. A row that has only one of the two is
 * fingerprinted from its description when read, by either release. Dropping
 * description_fingerprint is for a later release, once none older than this one runs.
 *
 * Outside a transaction: adding the column is instant, and the backfill commits BATCH rows at a
 * time, so intake and the queue keep working on a large table meanwhile. Run again after a
 * failure, it picks up where it stopped.
 */
export class BinaryFingerprint1765200000000 implements MigrationInterface {
  name = 'BinaryFingerprint1765200000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const types = dialectTypes(q);
    if (!(await q.hasColumn('complaints', 'description_shingle_hashes'))) {
      await q.query(`ALTER TABLE complaints ADD COLUMN description_shingle_hashes ${types.binary}`);
    }
    if (types.pg) await backfillPostgres(q);
    else await backfillSqlite(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaints DROP COLUMN description_shingle_hashes');
  }
}

async function backfillPostgres(q: QueryRunner): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // int8send's last four bytes are the hash as an unsigned big-endian 32-bit number.
    const [{ last }] = (await q.query(
      `WITH batch AS (
         SELECT id FROM complaints WHERE id > $1 AND description_fingerprint IS NOT NULL ORDER BY id LIMIT ${BATCH}
       ), converted AS (
         UPDATE complaints c SET description_shingle_hashes = COALESCE((
           SELECT string_agg(substring(int8send(e.hash::bigint) FROM 5 FOR 4), ''::bytea ORDER BY e.n)
           FROM jsonb_array_elements_text(c.description_fingerprint) WITH ORDINALITY AS e(hash, n)), ''::bytea)
         FROM batch WHERE c.id = batch.id AND c.description_shingle_hashes IS NULL
       )
       SELECT (SELECT id::text FROM batch ORDER BY id DESC LIMIT 1) AS last`,
      [after],
    )) as Array<{ last: string | null }>;
    if (last === null) return;
    after = last;
  }
}

async function backfillSqlite(q: QueryRunner): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await q.query(
      `SELECT id, description_fingerprint AS json FROM complaints
       WHERE id > ? AND description_fingerprint IS NOT NULL AND description_shingle_hashes IS NULL ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as Array<{ id: string; json: string }>;
    await q.startTransaction();
    for (const row of rows) {
      await q.query('UPDATE complaints SET description_shingle_hashes = ? WHERE id = ?', [packUint32(JSON.parse(row.json) as number[]), row.id]);
    }
    await q.commitTransaction();
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
