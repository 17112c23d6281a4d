/**
 * What one PostgreSQL round trip costs on this machine, apart from any SQL work: `SELECT 1` through
 * node-postgres, from 64 concurrent callers over a pool of 20 (the intake's setting), for 5 s.
 * Reports the Node process's CPU time per round trip and the PostgreSQL backends' CPU per round trip.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/micro/roundtrip.micro.ts
 */
import { Pool } from 'pg';
import { cpuSnapshot, cpuUse, POSTGRES_BACKGROUND, POSTGRES_BENCH } from '../lib/cpu';
import { ADMIN_URL } from '../lib/database';

async function main(): Promise<void> {
  const database = new URL(ADMIN_URL).pathname.slice(1);
  const pool = new Pool({ connectionString: ADMIN_URL, max: 20 });
  for (const [label, sql, values] of [
    ['SELECT 1 (simple protocol, no parameters)', 'SELECT 1', undefined],
    ['SELECT $1::int (extended protocol, one parameter)', 'SELECT $1::int AS v', [1]],
  ] as const) {
    let count = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        await pool.query(sql, values as unknown[] | undefined);
        count++;
      }
    };
    const warm = Array.from({ length: 64 }, worker);
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await Promise.all(warm);
    stop = false;
    count = 0;
    const before = cpuSnapshot({ node: process.pid }, database);
    const workers = Array.from({ length: 64 }, worker);
    await new Promise((r) => setTimeout(r, 5000));
    stop = true;
    await Promise.all(workers);
    const use = cpuUse(before, cpuSnapshot({ node: process.pid }, database));
    const per = (cores: number) => ((cores * use.wallSeconds * 1e6) / count).toFixed(0);
    console.log(
      `${label}: ${(count / use.wallSeconds).toFixed(0)} round trips/s; Node ${per(use.cores.node)} µs CPU each, ` +
        `PostgreSQL ${per((use.cores[POSTGRES_BENCH] ?? 0) + (use.cores[POSTGRES_BACKGROUND] ?? 0))} µs CPU each; machine ${use.cores['machine (all processes)'].toFixed(2)} cores busy`,
    );
  }
  await pool.end();
}

void main();
