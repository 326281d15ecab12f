/**
 * npm run bench -- [--backend postgres|pglite] [--database-url URL] [--data-dir DIR]
 *   [--only search,read,queue,intake,audit,measures] [--seconds 20] [--clients 50]
 *   [--searches 500] [--no-save]
 *
 * Benchmarks against a database filled by `npm run bench:generate`. Work done directly in the
 * database from this process (the bare cost, the measures, the search pipeline) comes first;
 * then the application is started in its own process (bench/server.ts) and driven over HTTP.
 * PGlite is one process's database, so the two never overlap. Results: a table on stdout,
 * bench/results/<date>-<backend>.json and bench/results/latest.md, compared with the previous
 * run of the same backend and scale.
 */
import { Command } from 'commander';
import path from 'node:path';
import { sql } from 'kysely';
import { benchTarget, describeTarget, openBench, serverVersion } from './lib/bench-db';
import { readGenerationInfo, type GenerationInfo } from './generator/generate';
import { BENCH_PASSWORD_DEFAULT } from './generator/hubs';
import { HttpClient } from './lib/http';
import { describeMachine } from './lib/machine';
import { compareRuns, formatTable, previousRun, saveRun, writeLatest, type RunResult } from './lib/results';
import { sampler, startServer, type ServerProcess } from './lib/server-process';
import { summarise } from './lib/stats';
import {
  apiContactRead,
  apiIntake,
  apiQueue,
  apiReadLoad,
  bareContactRead,
  bareIntake,
  bareQueue,
  benchStaff,
  latencyRow,
  pageQueue,
  sampleContacts,
} from './suites/front-door';
import { benchMeasures } from './suites/measures';
import { benchSearchApi, benchSearchSql, searchQueries } from './suites/search';
import type { SyntheticQuery } from './synthetic/persons';
import { failed, skipped, type BenchRow } from './suites/types';

const program = new Command('bench')
  .option('--backend <name>', 'postgres or pglite', 'postgres')
  .option('--database-url <url>', 'PostgreSQL benchmark database (default BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/openmash_bench)')
  .option('--data-dir <dir>', 'PGlite folder', 'data/bench-pglite')
  .option('--only <list>', 'comma-separated: search,read,queue,intake,audit,measures')
  .option('--seconds <n>', 'duration of each load test', '20')
  .option('--clients <n>', 'concurrent clients for intake', '50')
  .option('--searches <n>', 'person searches', '500')
  .option('--reads <n>', 'single contact reads (and queue requests)', '200')
  .option('--no-save', 'print only; do not write bench/results')
  .parse();

const opts = program.opts<{ backend: string; databaseUrl?: string; dataDir: string; only?: string; seconds: string; clients: string; searches: string; reads: string; save: boolean }>();
const only = new Set((opts.only ?? 'search,read,queue,intake,audit,measures').split(',').map((s) => s.trim()));
const seconds = Number(opts.seconds);
const clients = Number(opts.clients);
const password = process.env.BENCH_PASSWORD ?? BENCH_PASSWORD_DEFAULT;
const target = benchTarget(opts);
const startedAt = new Date();
const machine = describeMachine();
const rows: BenchRow[] = [];
const log = (line: string) => console.error(line);

async function attempt(id: string, title: string, fn: () => Promise<BenchRow | BenchRow[]>) {
  log(`- ${title}`);
  try {
    const r = await fn();
    rows.push(...(Array.isArray(r) ? r : [r]));
  } catch (error) {
    log(`  failed: ${error instanceof Error ? error.stack : String(error)}`);
    rows.push(failed(id, title, error));
  }
}

// ---- 1. in the database, from this process ----
log(`Benchmarking ${describeTarget(target)}`);
const database = await openBench(target, { poolSize: 12 });
const info: GenerationInfo | undefined = await readGenerationInfo(database.db);
if (!info) {
  await database.close();
  console.error('This database holds no finished generation: run `npm run bench:generate -- --persons 20000 --years 1` (or at full scale) first.');
  process.exit(1);
}
const databaseVersion = await serverVersion(database.db);
const staff = benchStaff(info);
const readIds = await sampleContacts(database.db, info, Number(opts.reads));
const bareReads = only.has('read') || only.has('audit') ? await bareContactRead(database.db, readIds) : [];
const bareQueueTimes = only.has('queue') ? await bareQueue(database.db, info.backlogHubId, Number(opts.reads)) : [];

if (only.has('measures')) await attempt('measures.year', 'Performance measures, one year', () => benchMeasures(database.db, info));

let queries: SyntheticQuery[] = [];
let searchStatement: { p50: number; p95: number; p99: number } | undefined;
if (only.has('search')) {
  if (!info.personsIndexed) rows.push(skipped('search.sql', 'Person search', 'not available yet: the database has no person index (generated before the persons tables existed)'));
  else {
    log(`  generating ${opts.searches} synthetic searches over ${info.persons} persons`);
    queries = searchQueries(info, Number(opts.searches));
    await attempt('search.sql', 'Person search (service pipeline without HTTP/audit)', async () => {
      const row = await benchSearchSql(database.db, info, queries);
      if (row.bare?.p50 !== undefined) searchStatement = { p50: row.bare.p50, p95: row.bare.p95!, p99: row.bare.p99! };
      return row;
    });
  }
}

let bareIntakeResult: Awaited<ReturnType<typeof bareIntake>> | undefined;
if (only.has('intake')) {
  log(`- intake, bare SQL: ${clients} clients for ${seconds} s`);
  bareIntakeResult = await bareIntake(database.db, info, { clients, seconds });
}
const openContacts = (await sql<{ n: number }>`select count(*) as n from contact where hub_id = ${info.backlogHubId} and status in ('new', 'screened', 'in-checks')`.execute(database.db)).rows[0].n;
await database.close();

// ---- 2. through the application's HTTP API, in its own process ----
const serverEnv = (): Record<string, string> =>
  target.backend === 'postgres' ? { DATABASE_URL: target.url!, OPENMASH_JOBS: 'true' } : { DATA_DIR: path.resolve(target.dataDir!), OPENMASH_JOBS: 'true' };

async function withServer<T>(env: Record<string, string>, fn: (server: ServerProcess, client: HttpClient) => Promise<T>): Promise<T> {
  const server = await startServer({ env: { ...serverEnv(), ...env } });
  const client = new HttpClient(server.baseUrl, Math.max(64, clients + 8));
  try {
    return await fn(server, client);
  } finally {
    client.close();
    await server.stop();
  }
}

const needsServer = ['read', 'queue', 'intake', 'audit'].some((s) => only.has(s)) || queries.length > 0;
let auditedReads: { throughput: number; rss: number; cpuShare: number } | undefined;
if (needsServer) {
  await withServer({}, async (server, client) => {
    const idleRss = server.rss();
    const dmToken = await client.token(staff.mainDecisionMaker, password);

    if (queries.length > 0) {
      await attempt('search.api', 'Person search, API', async () => benchSearchApi(client, await client.token(staff.mso[0], password), info, queries, searchStatement));
    }

    if (only.has('read')) {
      await attempt('read.api', 'Read one contact, API', async () => {
        await apiContactRead(client, dmToken, readIds.slice(0, 20)); // warm-up
        const times = await apiContactRead(client, dmToken, readIds);
        const api = summarise(times);
        const bare = summarise(bareReads);
        return latencyRow(
          {
            id: 'read.api',
            title: 'Read one contact: GET /api/v1/contacts/:id (audited)',
            bare: { what: 'the contact, its people and clocks by SQL', p50: bare.p50, p95: bare.p95, p99: bare.p99 },
            ratio: api.p50 / bare.p50,
            target: 'API ≤ 3× bare SQL',
            pass: api.p50 / bare.p50 <= 3,
          },
          times,
        );
      });
    }

    if (only.has('queue')) {
      const bare = summarise(bareQueueTimes);
      const queueBare = { what: 'the queue query, its clocks and children by SQL', p50: bare.p50, p95: bare.p95, p99: bare.p99 };
      await attempt('queue.api', 'Decision queue, API', async () => {
        const token = await client.token(staff.backlogDecisionMaker, password);
        await apiQueue(client, token, 5);
        const { times, items } = await apiQueue(client, token, Number(opts.reads));
        const s = summarise(times);
        return latencyRow(
          {
            id: 'queue.api',
            title: `Unallocated queue, first page: GET /api/v1/queues/unallocated (${openContacts} open contacts)`,
            bare: queueBare,
            ratio: s.p50 / bare.p50,
            target: 'p95 ≤ 50 ms',
            pass: s.p95 <= 50,
            extra: { items },
          },
          times,
        );
      });
      await attempt('queue.page', 'Decision queue, page', async () => {
        const cookie = await client.webSession(staff.backlogDecisionMaker, password);
        await pageQueue(client, cookie, 5);
        const times = await pageQueue(client, cookie, Number(opts.reads));
        const s = summarise(times);
        return latencyRow(
          {
            id: 'queue.page',
            title: `Unallocated queue page: GET /contacts?queue=unallocated (${openContacts} open contacts)`,
            bare: queueBare,
            ratio: s.p50 / bare.p50,
            target: 'p95 ≤ 50 ms',
            pass: s.p95 <= 50,
          },
          times,
        );
      });
    }

    if (only.has('intake')) {
      await attempt('intake.api', 'Intake, API', async () => {
        const tokens: string[] = [];
        for (const email of staff.mso.slice(0, 8)) tokens.push(await client.token(email, password));
        await apiIntake(client, tokens, info, { clients: 4, seconds: 2 }); // warm-up
        const memory = sampler(() => server.rss());
        const cpu0 = server.cpuMs();
        const r = await apiIntake(client, tokens, info, { clients, seconds });
        const serverCpu = server.cpuMs() - cpu0;
        const mem = memory.stop();
        const s = summarise(r.latencies);
        const throughput = r.ok / (r.elapsedMs / 1000);
        const b = bareIntakeResult!;
        const bs = summarise(b.latencies);
        const bareThroughput = b.ok / (b.elapsedMs / 1000);
        const out: BenchRow[] = [
          {
            id: 'intake.api',
            title: `Contact intake, flat out: POST /api/v1/contacts, audited, ${clients} concurrent clients, ${seconds} s`,
            status: r.failed > 0 && r.ok === 0 ? 'failed' : 'measured',
            note: r.failed > 0 ? `${r.failed} requests failed (first: ${r.firstError})` : undefined,
            p50: s.p50,
            p95: s.p95,
            p99: s.p99,
            throughput,
            bare: { what: `the same inserts and audit append by SQL, ${clients} clients`, p50: bs.p50, p95: bs.p95, p99: bs.p99, throughput: bareThroughput },
            ratio: bareThroughput / throughput,
            // flat out, ${clients} clients each waiting for its answer: latency is clients ÷ rate by Little's law
            target: '≥ 300/s',
            pass: throughput >= 300,
            // whether the server's one Node thread was the limit: CPU per contact and share of a core
            extra: { accepted: r.ok, failed: r.failed, serverCpuMsPerContact: Number((serverCpu / Math.max(1, r.ok + r.failed)).toFixed(2)), serverCpuShareOfCore: Number((serverCpu / r.elapsedMs).toFixed(2)) },
          },
          await (async (): Promise<BenchRow> => {
            // 300 contacts a second offered, from up to `clients` at once: the latency a worker sees
            const rate = 300;
            const paced = await apiIntake(client, tokens, info, { clients, seconds, rate });
            const ps = summarise(paced.latencies);
            const achieved = paced.ok / (paced.elapsedMs / 1000);
            return {
              id: 'intake.paced',
              title: `Contact intake at ${rate} contacts/s offered (open loop, up to ${clients} concurrent clients, ${seconds} s)`,
              status: paced.failed > 0 && paced.ok === 0 ? 'failed' : 'measured',
              note: paced.failed > 0 ? `${paced.failed} requests failed (first: ${paced.firstError})` : undefined,
              p50: ps.p50,
              p95: ps.p95,
              p99: ps.p99,
              throughput: achieved,
              target: `p99 ≤ 100 ms at ${rate}/s`,
              pass: ps.p99 <= 100 && paced.failed === 0 && achieved >= rate * 0.97,
              extra: { accepted: paced.ok, failed: paced.failed },
            };
          })(),
          {
            id: 'memory.server',
            title: 'Server resident memory (RSS) under intake load',
            status: 'measured',
            value: mem.peak / 2 ** 20,
            unit: 'MB',
            extra: { idleMb: Math.round(idleRss / 2 ** 20), meanMb: Math.round(mem.mean / 2 ** 20), samples: mem.samples },
          },
        ];
        return out;
      });
    }

    if (only.has('audit')) {
      const cpu0 = server.cpuMs();
      const r = await apiReadLoad(client, dmToken, readIds, { clients: 20, seconds });
      auditedReads = { throughput: r.ok / (r.elapsedMs / 1000), rss: server.rss(), cpuShare: (server.cpuMs() - cpu0) / r.elapsedMs };
    }
  });
}

if (only.has('audit') && auditedReads) {
  const audited = auditedReads;
  await attempt('audit.overhead', 'Audit overhead', () =>
    withServer({ BENCH_AUDIT_READS: 'off' }, async (server, client) => {
      const token = await client.token(staff.mainDecisionMaker, password);
      await apiReadLoad(client, token, readIds, { clients: 4, seconds: 2 });
      const cpu0 = server.cpuMs();
      const r = await apiReadLoad(client, token, readIds, { clients: 20, seconds });
      const cpuShare = (server.cpuMs() - cpu0) / r.elapsedMs;
      const unaudited = r.ok / (r.elapsedMs / 1000);
      const overhead = ((unaudited - audited.throughput) / unaudited) * 100;
      return {
        id: 'audit.overhead',
        title: `Read auditing: contact reads a second, 20 clients, ${seconds} s, with and without read audit events`,
        status: 'measured',
        value: overhead,
        unit: '%',
        throughput: audited.throughput,
        bare: { what: 'the same reads with read auditing switched off', throughput: unaudited },
        ratio: unaudited / audited.throughput,
        target: 'overhead ≤ 15 %',
        pass: overhead <= 15,
        extra: { serverCpuShareAudited: Number(audited.cpuShare.toFixed(2)), serverCpuShareUnaudited: Number(cpuShare.toFixed(2)) },
      } satisfies BenchRow;
    }),
  );
}


// ---- 3. report ----
const run: RunResult = {
  startedAt: startedAt.toISOString(),
  backend: target.backend,
  databaseVersion,
  machine,
  scale: { persons: info.persons, years: info.years, contactsPerYear: info.contactsPerYear, backlog: info.backlog, seed: info.seed, personsIndexed: info.personsIndexed },
  options: { only: [...only], seconds, clients, searches: Number(opts.searches), reads: Number(opts.reads) },
  rows,
  seconds: (Date.now() - startedAt.getTime()) / 1000,
};
const previous = previousRun(run);
const changes = previous ? compareRuns(previous, run) : [];
console.log(formatTable(run, changes));
if (!previous) console.log('\n(no previous run at this scale and backend to compare with)');
if (opts.save) {
  const file = saveRun(run);
  writeLatest();
  console.log(`\nSaved ${path.relative(process.cwd(), file)} and bench/results/latest.md`);
}
