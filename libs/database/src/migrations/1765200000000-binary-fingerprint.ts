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
    const types = dialectTypes(q);
    await q.query(`ALTER TABLE complaints ADD COLUMN description_fingerprint_bytes ${types.binary}`);
    if (types.pg) {
      // int8send's last four bytes are the hash as an unsigned big-endian 32-bit number.
      await q.query(`
        UPDATE complaints SET description_fingerprint_bytes = COALESCE((
          SELECT string_agg(substring(int8send(e.hash::bigint) FROM 5 FOR 4), ''::bytea ORDER BY e.n)
          FROM jsonb_array_elements_text(description_fingerprint) WITH ORDINALITY AS e(hash, n)), ''::bytea)
        WHERE description_fingerprint IS NOT NULL`);
    } else {
      await convertInBatches(q, 'description_fingerprint', 'description_fingerprint_bytes', (text: string) => packUint32(JSON.parse(text) as number[]));
    }
    await replaceColumn(q, 'description_fingerprint_bytes');
  }

  async down(q: QueryRunner): Promise<void> {
    const types = dialectTypes(q);
    await q.query(`ALTER TABLE complaints ADD COLUMN description_fingerprint_json ${types.json}`);
    if (types.pg) {
      await q.query(`
        UPDATE complaints SET description_fingerprint_json = COALESCE((
          SELECT jsonb_agg(('x' || encode(substring(description_fingerprint FROM i FOR 4), 'hex'))::bit(32)::bigint ORDER BY i)
          FROM generate_series(1, octet_length(description_fingerprint), 4) AS i), '[]'::jsonb)
        WHERE description_fingerprint IS NOT NULL`);
    } else {
      await convertInBatches(q, 'description_fingerprint', 'description_fingerprint_json', (bytes: Uint8Array) => JSON.stringify(unpackUint32(bytes)));
    }
    await replaceColumn(q, 'description_fingerprint_json');
  }
}

/**
 * The converted column takes the old one's name. Plain ALTER TABLE on both databases: TypeORM's
 * dropColumn and renameColumn rebuild the whole table on SQLite.
 */
async function replaceColumn(q: QueryRunner, converted: string): Promise<void> {
  await q.query('ALTER TABLE complaints DROP COLUMN description_fingerprint');
  await q.query(`ALTER TABLE complaints RENAME COLUMN ${converted} TO description_fingerprint`);
}

/** SQLite only: a development database, converted row by row in keyset order. */
async function convertInBatches<F, T>(q: QueryRunner, from: string, to: string, convert: (value: F) => T): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await q.query(`SELECT id, ${from} AS value FROM complaints WHERE ${from} IS NOT NULL AND id > ? ORDER BY id LIMIT ${BATCH}`, [after])) as Array<{ id: string; value: F }>;
    for (const row of rows) await q.query(`UPDATE complaints SET ${to} = ? WHERE id = ?`, [convert(row.value), row.id]);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
