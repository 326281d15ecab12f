import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../../src/platform/db/database';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEMO_PASSWORD = 'synthetic-cli-password-1';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A database of its own for the command line: a PGlite folder, or on PostgreSQL runs a fresh
 * schema. The CLI reads it from the same environment variables an operator would set.
 */
export function cliDatabase(): { env: Record<string, string>; open(): Promise<Database>; cleanup(): Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `cli_${randomBytes(6).toString('hex')}`;
    return {
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      open: () => openDatabase({ databaseUrl: url, schema, dataDir: '', poolSize: 2 }),
      async cleanup() {
        const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
        const { sql } = await import('kysely');
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
        await database.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'openmash-cli-'));
  return {
    env: { DATA_DIR: dir },
    open: () => openDatabase({ dataDir: dir }),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `node bin/openmash.js …` as an operator would; never throws, answers the exit code. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'DATABASE_SCHEMA' && k !== 'DATA_DIR') base[k] = v;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'bin', 'openmash.js'), ...args],
      { cwd: REPO, env: { ...base, NODE_ENV: 'test', OPENMASH_DEMO_PASSWORD: DEMO_PASSWORD, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
