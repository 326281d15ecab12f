/**
 * Where benchmarks keep their data: a dedicated PostgreSQL database (never the test database)
 * or a PGlite folder under ./data (git-ignored).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../../src/db/schema';
import { openDatabase, type Backend, type Database } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrate';

export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/openmash_bench';
export const DEFAULT_PGLITE_DIR = 'data/bench-pglite';

export interface BenchTarget {
  backend: Backend;
  /** PostgreSQL only */
  url?: string;
  /** PGlite only: absolute folder */
  dataDir?: string;
}

export function benchTarget(options: { backend?: string; databaseUrl?: string; dataDir?: string }): BenchTarget {
  const backend = (options.backend ?? 'postgres') as Backend;
  if (backend !== 'postgres' && backend !== 'pglite') throw new Error(`--backend must be postgres or pglite, got ${options.backend}`);
  if (backend === 'pglite') return { backend, dataDir: path.resolve(options.dataDir ?? DEFAULT_PGLITE_DIR) };
  const url = options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
  const name = new URL(url).pathname.replace(/^\//, '');
  // the test suite's database is shared with other engineers' runs: benchmarks never touch it
  if (name === 'test' || name === 'postgres' || name === '') throw new Error(`refusing to use database "${name}" for benchmarks: create a dedicated one (createdb -h 127.0.0.1 -U postgres openmash_bench)`);
  return { backend, url };
}

export function describeTarget(target: BenchTarget): string {
  if (target.backend === 'pglite') return `PGlite in ${path.relative(process.cwd(), target.dataDir!) || target.dataDir}`;
  const u = new URL(target.url!);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** Create the dedicated PostgreSQL database when it does not exist yet (a fresh machine). */
async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  u.pathname = '/postgres';
  const admin = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 1 });
  try {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db);
    if (r.rows[0]?.n === 0) await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

export async function openBench(target: BenchTarget, options: { poolSize?: number; migrate?: boolean } = {}): Promise<Database> {
  if (target.backend === 'postgres') await ensureDatabase(target.url!);
  const database =
    target.backend === 'pglite'
      ? await openDatabase({ dataDir: target.dataDir! })
      : await openDatabase({ databaseUrl: target.url, dataDir: '', poolSize: options.poolSize ?? 4 });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

/** Empty the bench database completely (its own database or folder only). */
export async function resetBench(target: BenchTarget): Promise<void> {
  if (target.backend === 'pglite') {
    fs.rmSync(target.dataDir!, { recursive: true, force: true });
    return;
  }
  const database = await openDatabase({ databaseUrl: target.url, dataDir: '', poolSize: 1 });
  try {
    await sql`drop schema if exists public cascade`.execute(database.db);
    await sql`create schema public`.execute(database.db);
  } finally {
    await database.close();
  }
}

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Multi-row inserts, as many rows per statement as PostgreSQL's 65 535 bind parameters allow
 * (at most `maxRows`): thousands of rows per round trip, near COPY speed without a COPY driver.
 */
export async function insertMany<T extends keyof DB & string>(db: Db, table: T, rows: readonly Record<string, unknown>[], maxRows = 5000): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length;
  const per = Math.max(1, Math.min(maxRows, Math.floor(65_000 / columns)));
  for (let i = 0; i < rows.length; i += per) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}

export async function tableExists(db: Db, table: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass(${table}) is not null as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

export async function serverVersion(db: Db): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return r.rows[0]?.v ?? 'unknown';
}

/**
 * Rows as one array parameter per column, expanded by unnest(): a statement carries tens of
 * thousands of rows with a handful of parameters, so building and sending it costs little CPU.
 * For simple columns only (text, uuid, numbers, timestamps: no arrays, no json).
 */
export async function insertUnnest(db: Db, table: string, columns: Record<string, string>, rows: readonly Record<string, unknown>[], perStatement = 50_000): Promise<void> {
  const names = Object.keys(columns);
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const arrays = names.map((c) => slice.map((r) => r[c] as unknown));
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(names.map((c, k) => sql`${arrays[k]}::${sql.raw(columns[c])}[]`))})`.execute(db);
  }
}
