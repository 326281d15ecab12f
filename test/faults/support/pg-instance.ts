/**
 * A throwaway PostgreSQL server of the tests' own (initdb + pg_ctl from the machine's
 * PostgreSQL 15, run as the postgres OS user, in a temporary folder, on a free port), so that
 * a test can stop and start "the database" without touching anyone else's cluster.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../bench/lib/server-process';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgInstance {
  url: string;
  port: number;
  dir: string;
  start(): void;
  /** 'fast': a clean shutdown; 'immediate': as if the server crashed (recovery on next start) */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

/** Why a throwaway instance cannot be made here, or undefined when it can. */
export function pgInstanceUnavailable(): string | undefined {
  if (!fs.existsSync(path.join(BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${BIN} (set PG_BIN)`;
  const uid = process.getuid?.();
  if (uid !== 0 && os.userInfo().username !== 'postgres') return 'needs to run as root (to become the postgres user) or as postgres';
  return undefined;
}

function asPostgres(command: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

export async function createPgInstance(): Promise<PgInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openmash-faults-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  asPostgres(path.join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const pgCtl = path.join(BIN, 'pg_ctl');
  const instance: PgInstance = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start() {
      // fsync stays on: this is the production configuration being tested
      asPostgres(pgCtl, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`, 'start']);
    },
    stop(mode = 'fast') {
      asPostgres(pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    destroy() {
      try {
        asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  instance.start();
  return instance;
}
