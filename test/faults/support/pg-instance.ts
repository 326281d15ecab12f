/**
 * A throwaway PostgreSQL server of the tests' own (initdb + pg_ctl from the machine's
 * PostgreSQL, in a temporary folder, on a free port), so that a test can stop and start "the
 * database" without touching anyone else's cluster. PostgreSQL refuses to run as root: as root
 * it runs as the postgres OS user; as anyone else (a CI runner), as that user.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../bench/lib/server-process';

const BIN = process.env.PG_BIN ?? debianPgBin();

/** Debian and Ubuntu keep each version apart: /usr/lib/postgresql/<version>/bin; the newest wins */
function debianPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a)).find((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')));
  return path.join(root, newest ?? '15', 'bin');
}

export interface PgInstance {
  url: string;
  port: number;
  dir: string;
  start(): void;
  /** 'fast': a clean shutdown; 'immediate': as if the server crashed (recovery on next start) */
  stop(mode?: 'fast' | 'immediate'): void;
  /** SIGSTOP every process of the server: it accepts connections (the kernel does) but answers nothing */
  freeze(): void;
  thaw(): void;
  destroy(): void;
}

/** Why a throwaway instance cannot be made here, or undefined when it can. */
export function pgInstanceUnavailable(): string | undefined {
  if (!fs.existsSync(path.join(BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${BIN} (set PG_BIN)`;
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
  // the postmaster (first line of its pid file) first, so it forks no more, then its children;
  // a backend may exit between the listing and the signal
  const signalAll = (signal: NodeJS.Signals) => {
    const postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, signal);
    const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    for (const pid of children) {
      try {
        process.kill(Number(pid), signal);
      } catch {
        // gone already
      }
    }
  };
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
    freeze() {
      signalAll('SIGSTOP');
    },
    thaw() {
      signalAll('SIGCONT');
    },
    destroy() {
      try {
        signalAll('SIGCONT');
      } catch {
        // not running or not frozen
      }
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
