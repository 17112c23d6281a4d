import { MigrationInterface, QueryRunner } from 'typeorm';
import { packUint32, unpackUint32 } from '../column-types';
import { dialectTypes } from './dialect';

const BATCH = 500;

/**
 * Description fingerprints as four bytes per hash (packUint32) instead of a JSON array: intake
 * reads up to 50 of them per complaint, and PostgreSQL spent three times as long writing the JSON
 * numbers out as it does the bytes in base64, before Node parsed them again. Existing fingerprints
 * are converted; a row left without one is fingerprinted from its description when read.
 */
export class BinaryFingerprint1765200000000 implements MigrationInterface {
  name = 'BinaryFingerprint1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await convertFingerprints(q, {
      type: dialectTypes(q).binary,
      // int8send's last four bytes are the hash as an unsigned big-endian 32-bit number.
      postgres: `COALESCE((
          SELECT string_agg(substring(int8send(e.hash::bigint) FROM 5 FOR 4), ''::bytea ORDER BY e.n)
          FROM jsonb_array_elements_text(description_fingerprint) WITH ORDINALITY AS e(hash, n)), ''::bytea)`,
      sqlite: (text: string) => packUint32(JSON.parse(text) as number[]),
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await convertFingerprints(q, {
      type: dialectTypes(q).json,
      postgres: `COALESCE((
          SELECT jsonb_agg(('x' || encode(substring(description_fingerprint FROM i FOR 4), 'hex'))::bit(32)::bigint ORDER BY i)
          FROM generate_series(1, octet_length(description_fingerprint), 4) AS i), '[]'::jsonb)`,
      sqlite: (bytes: Uint8Array) => JSON.stringify(unpackUint32(bytes)),
    });
  }
}

/**
 * Rewrites description_fingerprint as `type`: into a new column (by the SQL expression on
 * PostgreSQL, row by row on SQLite), which then takes the old one's name. Plain ALTER TABLE on
 * both databases: TypeORM's dropColumn and renameColumn rebuild the whole table on SQLite.
 */
async function convertFingerprints<F, T>(q: QueryRunner, to: { type: string; postgres: string; sqlite: (value: F) => T }): Promise<void> {
  await q.query(`ALTER TABLE complaints ADD COLUMN description_fingerprint_converted ${to.type}`);
  if (dialectTypes(q).pg) {
    await q.query(`UPDATE complaints SET description_fingerprint_converted = ${to.postgres} WHERE description_fingerprint IS NOT NULL`);
  } else {
    await convertInBatches(q, to.sqlite);
  }
  await q.query('ALTER TABLE complaints DROP COLUMN description_fingerprint');
  await q.query('ALTER TABLE complaints RENAME COLUMN description_fingerprint_converted TO description_fingerprint');
}

/** SQLite only: a development database, converted row by row in keyset order. */
async function convertInBatches<F, T>(q: QueryRunner, convert: (value: F) => T): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await q.query(
      `SELECT id, description_fingerprint AS value FROM complaints WHERE description_fingerprint IS NOT NULL AND id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as Array<{ id: string; value: F }>;
    for (const row of rows) await q.query('UPDATE complaints SET description_fingerprint_converted = ? WHERE id = ?', [convert(row.value), row.id]);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
