/**
 * Fills a benchmark database with a synthetic hub, in steps that each commit with a record of
 * being done (table bench_generation_step): a run that stops part way resumes where it
 * stopped, and a finished run does nothing. The same options give the same data.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/db/schema';
import { createWorkingCalendar } from '../../src/features/clocks/domain/calendar';
import { londonInstant } from '../../src/features/clocks/domain/london-time';
import { readFrontDoorSettings } from '../../src/features/contacts/domain/front-door-settings';
import { hashPassword } from '../../src/features/auth/passwords';
import { insertMany, tableExists } from '../lib/bench-db';
import { idMaker } from '../lib/ids';
import { appendGenerated } from './audit-chain';
import { BACKLOG_CHUNK, modelBacklogChunk } from './backlog';
import { dropSecondaryIndexes, rebuildSecondaryIndexes } from './bulk-indexes';
import { monthBounds, monthDate, TABLE_ORDER } from './front-door';
import { frontDoorContext, ModelSource, type ModelResult, type ModelSettings } from './model-source';
import { BENCH_PASSWORD_DEFAULT, HUB_SETTINGS, planHub, type HubPlan } from './hubs';
import { insertPersonRows, PERSONS_CHUNK, personsAvailable } from './persons-index';
import { loadPopulation } from './population';

export interface GenerateOptions {
  seed: string;
  persons: number;
  years: number;
  /** the instant the data ends (exclusive), London midnight of this date */
  end: string;
  contactsPerYear: number;
  /** open contacts in the backlog hub */
  backlog: number;
  password: string;
  /** keep foreign-key checks on while loading (slower; proves the generated rows are consistent) */
  checkForeignKeys?: boolean;
  /** memory for building the indexes at the end (PGlite's WebAssembly heap is small) */
  indexMemory?: string;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<GenerateOptions, 'persons' | 'years'> = {
  seed: 'openmash-bench-1',
  end: '2026-01-01',
  contactsPerYear: 50_000,
  backlog: 100_000,
  password: BENCH_PASSWORD_DEFAULT,
};

export interface GenerationInfo {
  seed: string;
  persons: number;
  years: number;
  end: string;
  contactsPerYear: number;
  backlog: number;
  mainHubId: string;
  backlogHubId: string;
  /** whether the person index tables existed and were filled */
  personsIndexed: boolean;
}

async function ensureProgressTables(db: Kysely<DB>) {
  await sql`create table if not exists bench_generation (id integer primary key check (id = 1), options jsonb not null, started_at timestamptz not null default now(), finished_at timestamptz)`.execute(db);
  await sql`create table if not exists bench_generation_step (step text primary key, rows integer not null, seconds numeric not null, done_at timestamptz not null default now())`.execute(db);
}

export async function readGenerationInfo(db: Kysely<DB>): Promise<GenerationInfo | undefined> {
  if (!(await tableExists(db, 'bench_generation'))) return undefined;
  const r = await sql<{ options: GenerationInfo; finished_at: Date | null }>`select options, finished_at from bench_generation where id = 1`.execute(db);
  const row = r.rows[0];
  return row?.finished_at ? row.options : undefined;
}

function comparable(o: GenerateOptions) {
  return { seed: o.seed, persons: o.persons, years: o.years, end: o.end, contactsPerYear: o.contactsPerYear, backlog: o.backlog };
}

export async function generate(db: Kysely<DB>, options: GenerateOptions): Promise<GenerationInfo & { steps: number; skipped: number; seconds: number }> {
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  await ensureProgressTables(db);
  const existing = await sql<{ options: Record<string, unknown> }>`select options from bench_generation where id = 1`.execute(db);
  const wanted = comparable(options);
  if (existing.rows[0]) {
    const had = existing.rows[0].options;
    const same = Object.entries(wanted).every(([k, v]) => had[k] === v);
    if (!same) throw new Error(`this database holds a generation with other options (${JSON.stringify(had)}); run with --reset to start again`);
  } else {
    await sql`insert into bench_generation (id, options) values (1, ${JSON.stringify(wanted)})`.execute(db);
  }

  const ids = idMaker(options.seed);
  const main = planHub(ids, options.seed, 0);
  const backlogHub = planHub(ids, options.seed, 1);
  const front = readFrontDoorSettings(HUB_SETTINGS);
  const cal = createWorkingCalendar(front.calendar);
  const asOf = londonInstant(options.end, 0);
  const months = options.years * 12;
  const personsIndexed = await personsAvailable(db);

  const done = new Set((await sql<{ step: string }>`select step from bench_generation_step`.execute(db)).rows.map((r) => r.step));
  let steps = 0;
  let skipped = 0;
  const step = async (name: string, fn: (tx: Transaction<DB>) => Promise<number>) => {
    if (done.has(name)) {
      skipped++;
      return;
    }
    const s = performance.now();
    const rows = await db.transaction().execute(async (tx) => {
      // a benchmark database: losing the last step in a crash only means running it again
      await sql`set local synchronous_commit = off`.execute(tx);
      // bulk load: foreign-key triggers off (the generator writes parents first, and the small
      // runs in CI keep them on to prove it); CHECK constraints and unique indexes still apply
      if (!options.checkForeignKeys) await sql`set local session_replication_role = replica`.execute(tx);
      const n = await fn(tx);
      const seconds = (performance.now() - s) / 1000;
      await sql`insert into bench_generation_step (step, rows, seconds) values (${name}, ${n}, ${seconds.toFixed(3)})`.execute(tx);
      return n;
    });
    steps++;
    log(`  ${name}: ${rows} rows in ${((performance.now() - s) / 1000).toFixed(1)} s`);
  };

  log(`population: ${options.persons} synthetic persons (seed ${options.seed})`);
  const population = loadPopulation(options.seed, options.persons, ids);
  log(`  ${population.households.length} households, ${population.familyHouseholds.length} with children (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const passwordHash = done.has('hubs') ? '' : await hashPassword(options.password);
  await step('hubs', async (tx) => {
    let n = 0;
    for (const hub of [main, backlogHub]) n += await insertHub(tx, hub, passwordHash);
    return n;
  });
  await step('indexes:drop', (tx) => dropSecondaryIndexes(tx));

  const settings: ModelSettings = { seed: options.seed, persons: options.persons, years: options.years, end: options.end, contactsPerYear: options.contactsPerYear, linkPersons: personsIndexed };
  const ctx = frontDoorContext(settings, population);
  const personChunks = personsIndexed ? Math.ceil(options.persons / PERSONS_CHUNK) : 0;
  const personSteps = Array.from({ length: personChunks }, (_, c) => `persons:${c}`);
  const monthSteps = Array.from({ length: months }, (_, m) => `contacts:${monthDate(ctx, m).slice(0, 7)}`);
  if (!personsIndexed) log('  persons: the person index tables are not available yet; contacts are generated without links to persons');
  if ([...personSteps, ...monthSteps].some((name) => !done.has(name))) {
    const source = new ModelSource(settings, { persons: personChunks, month: months });
    try {
      for (let c = 0; c < personChunks; c++) {
        if (done.has(personSteps[c])) continue;
        const rows = await source.get({ kind: 'persons', n: c });
        await step(personSteps[c], (tx) => insertPersonRows(tx, rows));
      }
      const resolved = new Map<number, ModelResult>();
      for (let m = 0; m < months; m++) {
        if (done.has(monthSteps[m])) continue;
        for (const k of [m - 2, m - 1, m]) if (k >= 0 && !resolved.has(k)) resolved.set(k, await source.get({ kind: 'month', n: k }));
        for (const k of resolved.keys()) if (k < m - 2) resolved.delete(k);
        const { from, to } = monthBounds(ctx, m);
        await step(monthSteps[m], async (tx) => {
          const current = resolved.get(m)!.model;
          let n = 0;
          for (const table of TABLE_ORDER) {
            await insertMany(tx, table, current.rows[table]);
            n += current.rows[table].length;
          }
          // the audit of this month: events of this month's contacts and the two before, in time order
          const events = [m - 2, m - 1, m]
            .filter((k) => k >= 0)
            .flatMap((k) => resolved.get(k)!.model.events)
            .filter((e) => e.at >= from && e.at < to);
          events.push(...resolved.get(m)!.daily);
          n += await appendGenerated(tx, main.id, events);
          return n;
        });
      }
    } finally {
      await source.close();
    }
  } else skipped += months + personChunks;

  const backlogCtx = { seed: options.seed, ids, hub: backlogHub, population, cal, rules: front.timescales, asOf };
  for (let c = 0; c < Math.ceil(options.backlog / BACKLOG_CHUNK); c++) {
    await step(`backlog:${c}`, async (tx) => {
      const chunk = modelBacklogChunk(backlogCtx, c, options.backlog);
      let n = 0;
      for (const table of ['contact', 'contact_subject', 'contact_clock'] as const) {
        await insertMany(tx, table, chunk.rows[table]);
        n += chunk.rows[table].length;
      }
      return n + (await appendGenerated(tx, backlogHub.id, chunk.events));
    });
  }

  await step('indexes:build', (tx) => rebuildSecondaryIndexes(tx, log, options.indexMemory));
  await step('finish', async (tx) => {
    // reference counters: new contacts recorded through the API must not reuse a generated number
    await sql`
      insert into contact_reference_counter (hub_id, year, last_value)
      select hub_id, split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
      from contact where hub_id = ${main.id} and reference like 'MASH-%' group by 1, 2
      on conflict (hub_id, year) do update set last_value = greatest(contact_reference_counter.last_value, excluded.last_value)`.execute(tx);
    return 0;
  });
  const info: GenerationInfo = { ...wanted, mainHubId: main.id, backlogHubId: backlogHub.id, personsIndexed };
  await sql`update bench_generation set options = ${JSON.stringify(info)}, finished_at = coalesce(finished_at, now()) where id = 1`.execute(db);
  if (steps > 0) {
    const s = performance.now();
    // vacuum too: rows loaded in bulk are not yet marked all-visible, so index-only scans (the
    // person index's key look-ups) would visit the table for every key until a vacuum runs
    await sql`vacuum analyze`.execute(db);
    log(`  vacuum analyze: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
  return { ...info, steps, skipped, seconds: (performance.now() - t0) / 1000 };
}

async function insertHub(tx: Transaction<DB>, hub: HubPlan, passwordHash: string): Promise<number> {
  await tx.insertInto('hub').values({ id: hub.id, name: hub.name, local_authorities: ['Bench City Council'], settings: JSON.stringify(HUB_SETTINGS) }).execute();
  await insertMany(
    tx,
    'agency',
    hub.agencies.map((a) => ({ id: a.id, hub_id: hub.id, name: a.name, type: a.type, ico_registration: a.ico, secure_email_domains: a.domains })),
  );
  await insertMany(
    tx,
    'app_user',
    hub.users.map((u) => ({ id: u.id, hub_id: hub.id, agency_id: u.agencyId, email: u.email, display_name: u.name, role: u.role, password_hash: passwordHash })),
  );
  await appendGenerated(tx, hub.id, [{ at: new Date('2015-01-01T00:00:00Z'), actor: null, action: 'hub.create', recordType: 'hub', recordId: hub.id, details: { bench: true, users: hub.users.length }, requestId: 'bench-generate' }]);
  return 1 + hub.agencies.length + hub.users.length;
}

export { planHub };
