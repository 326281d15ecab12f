/**
 * npm run bench:generate -- --persons 1000000 --years 5 [--backend postgres|pglite]
 *   [--database-url URL] [--data-dir DIR] [--seed S] [--end YYYY-MM-DD]
 *   [--contacts-per-year 50000] [--backlog 100000] [--reset]
 *
 * Fills a dedicated benchmark database with a synthetic hub. Resumable: run it again after an
 * interruption and it carries on; with the same options on a finished database it does nothing.
 */
import { Command } from 'commander';
import { benchTarget, describeTarget, openBench, resetBench } from './lib/bench-db';
import { DEFAULT_OPTIONS, generate } from './generator/generate';
import { installFastLondon } from './lib/fast-london';

const program = new Command('bench:generate')
  .option('--persons <n>', 'persons in the index', '1000000')
  .option('--years <n>', 'years of contacts', '5')
  .option('--backend <name>', 'postgres or pglite', 'postgres')
  .option('--database-url <url>', 'PostgreSQL database (default BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/openmash_bench)')
  .option('--data-dir <dir>', 'PGlite folder', 'data/bench-pglite')
  .option('--seed <seed>', 'seed: the same seed gives the same data', DEFAULT_OPTIONS.seed)
  .option('--end <date>', 'the data ends at London midnight of this date', DEFAULT_OPTIONS.end)
  .option('--contacts-per-year <n>', 'contacts a year in the main hub', String(DEFAULT_OPTIONS.contactsPerYear))
  .option('--backlog <n>', 'open contacts in the backlog hub', String(DEFAULT_OPTIONS.backlog))
  .option('--reset', 'empty the benchmark database first')
  .option('--check-foreign-keys', 'keep foreign-key checks on while loading (slower)')
  .parse();

const opts = program.opts<{ persons: string; years: string; backend: string; databaseUrl?: string; dataDir: string; seed: string; end: string; contactsPerYear: string; backlog: string; reset?: boolean; checkForeignKeys?: boolean }>();
const whole = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};

// the backlog and persons steps run the calendar here too
installFastLondon();
const target = benchTarget(opts);
if (opts.reset) {
  console.log(`Emptying ${describeTarget(target)}`);
  await resetBench(target);
}
const database = await openBench(target, { poolSize: 2 });
try {
  console.log(`Generating into ${describeTarget(target)}`);
  const result = await generate(database.db, {
    ...DEFAULT_OPTIONS,
    seed: opts.seed,
    persons: whole('persons', opts.persons),
    years: whole('years', opts.years),
    end: opts.end,
    contactsPerYear: whole('contacts-per-year', opts.contactsPerYear),
    backlog: whole('backlog', opts.backlog),
    password: process.env.BENCH_PASSWORD ?? DEFAULT_OPTIONS.password,
    checkForeignKeys: opts.checkForeignKeys === true,
    indexMemory: target.backend === 'pglite' ? '256MB' : '1GB',
    log: (line) => console.log(line),
  });
  console.log(`Done in ${result.seconds.toFixed(1)} s: ${result.steps} steps run, ${result.skipped} already done. Main hub ${result.mainHubId}, backlog hub ${result.backlogHubId}.`);
} finally {
  await database.close();
}
