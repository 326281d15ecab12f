/**
 * Start the application in a child process on a free port, wait for /health, read its
 * resident memory from /proc, and stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** resident set size in bytes (Linux /proc), or NaN elsewhere */
  rss(): number;
  /** CPU time used so far (user + system), in ms (Linux /proc), or NaN elsewhere */
  cpuMs(): number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(options: { env: Record<string, string>; entry?: string; timeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const entry = options.entry ?? path.join(ROOT, 'bench/server.ts');
  let output = '';
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'Europe/London',
      NODE_ENV: 'development',
      // development mode signs in without TOTP, but pages are measured as production renders them
      OPENMASH_TEMPLATE_CACHE: 'true',
      LOG_LEVEL: 'warn',
      OPENMASH_DEMO: 'false',
      API_TOKEN_MINUTES: '600',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-2_000_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-2_000_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    port,
    baseUrl,
    rss() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : Number.NaN;
      } catch {
        return Number.NaN;
      }
    },
    cpuMs() {
      try {
        // fields 14 and 15 of /proc/<pid>/stat: utime and stime in clock ticks (100 a second on Linux)
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return Number.NaN;
      }
    },
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Sample a number every `ms` until stopped: for the server's memory under load. */
export function sampler(read: () => number, ms = 250) {
  const values: number[] = [];
  const timer = setInterval(() => {
    const v = read();
    if (Number.isFinite(v)) values.push(v);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return { peak: values.length ? Math.max(...values) : Number.NaN, mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN, samples: values.length };
    },
  };
}
