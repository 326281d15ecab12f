import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import type { DB } from '../../db/schema';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  /** cheap liveness probe for /health */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** a PostgreSQL schema to work in (created when missing); tests use one per run */
  schema?: string;
  /** folder for PGlite; 'memory://' for an in-memory database */
  dataDir: string;
  poolSize?: number;
}

// int8 (counts, sequence numbers) as JS numbers; our values stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
// date columns stay as 'YYYY-MM-DD' strings: a date of birth has no time zone
pg.types.setTypeParser(1082, (v) => v);

const PING_TIMEOUT_MS = 3000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema, options.poolSize);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string, schema: string | undefined, poolSize = 10): Promise<Database> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('database schema name must be lower-case letters, digits and _');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  // an idle client losing its server must not crash the process: /health reports it instead
  pool.on('error', () => undefined);
  // a checked-out client losing its server emits 'error' with no pool listener attached, which
  // would crash the process; its queries fail on their own (503) and the pool drops it on release
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'postgres',
    async ping() {
      // a database that stops answering (frozen, or cut off by the network) must not hang /health
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
      try {
        return await Promise.race([sql`select 1`.execute(db).then(() => true, () => false), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(inMemory ? {} : { dataDir }),
    extensions: { pg_trgm, fuzzystrmatch },
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v), 1082: (v: string) => v },
  });
  const { PGliteDialect } = await import('./pglite-dialect');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    backend: 'pglite',
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
