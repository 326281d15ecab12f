/**
 * A quick measure of the person index's search on a real database: p50/p95 latency and
 * recall@10 against known truth, plus EXPLAIN of the search statement.
 *
 *   npx tsx bench/person-search-quick.ts [persons=100000] [queries=1000] [seed=quick]
 *
 * PERSON_QUICK_URL (default postgres://postgres@127.0.0.1:5432/openmash_person_quick) names a
 * database of its own, created when missing; the persons are loaded once per seed and size and
 * reused on later runs. `--pglite` runs on an in-memory PGlite instead (smaller sizes).
 *
 * It times the service's search end to end (validation, block look-ups, one SQL statement,
 * scoring in TypeScript, the audit event and the transaction) and, separately, the statement
 * and scoring without the audit. The full benchmark at 1M persons belongs to bench/.
 */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema';
import { queryBlocks } from '../src/features/persons/domain/blocking';
import { rankCandidates } from '../src/features/persons/domain/score';
import type { PersonQuery } from '../src/features/persons/domain/types';
import { candidateQuery, personsRepository, toRecord } from '../src/features/persons/persons-repository';
import { createPersonsService } from '../src/features/persons/persons-service';
import { validatePerson, type ValidPerson } from '../src/features/persons/rules/person-validation';
import { loadConfig } from '../src/config/config';
import type { Actor } from '../src/platform/access/policy';
import { openDatabase, type Database } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { UnitOfWork } from '../src/platform/db/unit-of-work';
import { systemClock } from '../src/platform/time/clock';
import { evaluateRanking, type RankingResult } from './synthetic/evaluate';
import { generatePersons, generateQueries, REFERENCE_DATE } from './synthetic/persons';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const usePglite = process.argv.includes('--pglite');
const PERSONS = Number(args[0] ?? 100_000);
const QUERIES = Number(args[1] ?? 1000);
const SEED = args[2] ?? 'quick';
const URL = process.env.PERSON_QUICK_URL ?? 'postgres://postgres@127.0.0.1:5432/openmash_person_quick';

/** A stable uuid per synthetic person, so truth is known without a lookup table. */
const uuidOf = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const indexOfSynthetic = (id: string) => Number(id.slice(2)) - 1;

const HUB_ID = '00000000-0000-4000-8000-00000000aaaa';
const AGENCY_ID = '00000000-0000-4000-8000-00000000bbbb';
const USER_ID = '00000000-0000-4000-8000-00000000cccc';

async function ensureDatabase(url: string): Promise<void> {
  const u = new globalThis.URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test' || name === 'postgres') throw new Error(`refusing database "${name}": use a dedicated one`);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

async function ensureHub(db: Kysely<DB>): Promise<void> {
  await db.insertInto('hub').values({ id: HUB_ID, name: 'Person search bench', local_authorities: ['Synthetic Council'], settings: '{}' }).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('agency').values({ id: AGENCY_ID, hub_id: HUB_ID, name: 'Synthetic children’s social care', type: 'childrens-social-care' }).onConflict((oc) => oc.doNothing()).execute();
  await db
    .insertInto('app_user')
    .values({ id: USER_ID, hub_id: HUB_ID, agency_id: AGENCY_ID, email: 'mso@person-search.bench', display_name: 'Bench MSO', role: 'mso', password_hash: 'not-a-password' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function loadPersons(db: Kysely<DB>): Promise<void> {
  const have = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('hub_id', '=', HUB_ID).executeTakeFirstOrThrow();
  const marker = await db.selectFrom('person').select('id').where('id', '=', uuidOf(PERSONS - 1)).executeTakeFirst();
  if (Number(have.n) === PERSONS && marker) {
    console.log(`${PERSONS} persons already loaded (seed ${SEED})`);
    return;
  }
  console.log(`loading ${PERSONS} persons…`);
  for (const table of ['person_block_key', 'person_identifier', 'person_relationship', 'person_merge'] as const) await db.deleteFrom(table).where('hub_id', '=', HUB_ID).execute();
  await db.deleteFrom('person').where('hub_id', '=', HUB_ID).execute();
  const t0 = performance.now();
  let batch: Array<{ id: string; person: ValidPerson; origin: 'import' }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db.transaction().execute((tx) => personsRepository.insertPersons(tx, HUB_ID, rows, null, new Date()));
  };
  for (const p of generatePersons(SEED, PERSONS)) {
    const { value, errors } = validatePerson(
      { givenName: p.givenName, familyName: p.familyName, otherNames: p.otherNames, dateOfBirth: p.dateOfBirth, sex: p.sex, address: p.address, postcode: p.postcode, nhsNumber: p.nhsNumber, identifiers: p.identifiers },
      { today: REFERENCE_DATE },
    );
    if (!value) throw new Error(`synthetic person ${p.id} is not valid: ${errors.map((e) => e.field).join(', ')}`);
    batch.push({ id: uuidOf(p.index), person: value, origin: 'import' });
    if (batch.length === 5000) {
      await flush();
      process.stderr.write(`\r  ${p.index + 1} persons`);
    }
  }
  await flush();
  process.stderr.write('\n');
  console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const ms = (n: number) => `${n.toFixed(2)} ms`;

function searchInput(q: PersonQuery) {
  return { givenName: q.givenName, familyName: q.familyName, dateOfBirth: q.dateOfBirth, postcode: q.postcode, address: q.address, nhsNumber: q.nhsNumber, laId: q.laId, sex: q.sex };
}

async function main() {
  let database: Database;
  if (usePglite) database = await openDatabase({ dataDir: 'memory://' });
  else {
    await ensureDatabase(URL);
    database = await openDatabase({ databaseUrl: URL, dataDir: '', poolSize: 4 });
  }
  const { db } = database;
  try {
    await migrateToLatest(db);
    await ensureHub(db);
    await loadPersons(db);
    if (!usePglite) await sql`vacuum analyze person, person_block_key, person_identifier`.execute(db);
    const counts = await sql<{ persons: number; keys: number }>`select (select count(*) from person where hub_id = ${HUB_ID})::int as persons, (select count(*) from person_block_key where hub_id = ${HUB_ID})::int as keys`.execute(db);
    console.log(`${counts.rows[0].persons} persons, ${counts.rows[0].keys} block keys (${(counts.rows[0].keys / counts.rows[0].persons).toFixed(1)} a person)`);

    const queries = [...generateQueries(SEED, generatePersons(SEED, PERSONS), QUERIES)];
    const truth = new Map(queries.map((q) => [q.id, uuidOf(indexOfSynthetic(q.trueId))]));
    const actor: Actor = { userId: USER_ID, hubId: HUB_ID, agencyId: AGENCY_ID, role: 'mso', displayName: 'Bench MSO' };
    const service = createPersonsService({ db, uow: new UnitOfWork(db, systemClock), clock: systemClock, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }) });
    const ctx = { requestId: 'bench', sourceAddress: null };

    // warm up: plans, caches, the JIT
    for (const q of queries.slice(0, Math.min(200, queries.length))) await service.search(actor, ctx, searchInput(q.query)).catch(() => undefined);

    const serviceTimes: number[] = [];
    const sqlTimes: number[] = [];
    const candidates: number[] = [];
    const results: RankingResult[] = [];
    let refused = 0;
    const slow: Array<{ total: number; sql: number; score: number; rows: number; lookups: number; broad: boolean; fields: string }> = [];
    for (const q of queries) {
      const t0 = performance.now();
      try {
        const r = await service.search(actor, ctx, searchInput(q.query));
        serviceTimes.push(performance.now() - t0);
        candidates.push(r.candidateCount);
        results.push({ queryId: q.id, rankedIds: r.candidates.map((c) => c.person.id), topBand: r.candidates[0]?.band });
      } catch {
        refused++;
        results.push({ queryId: q.id, rankedIds: [] });
      }
      // the statement and scoring alone, as the repository runs them (no audit, no transaction)
      const t1 = performance.now();
      const lookups = queryBlocks(q.query);
      const rows = await personsRepository.searchCandidates(db as never, HUB_ID, lookups);
      const t2 = performance.now();
      rankCandidates(q.query, rows.map((r) => toRecord(r, r.identifiers)), 10);
      const t3 = performance.now();
      sqlTimes.push(t3 - t1);
      slow.push({ total: t3 - t1, sql: t2 - t1, score: t3 - t2, rows: rows.length, lookups: lookups.length, broad: lookups.some((l) => l.broad), fields: Object.keys(q.query).join(',') });
    }
    serviceTimes.sort((a, b) => a - b);
    sqlTimes.sort((a, b) => a - b);
    candidates.sort((a, b) => a - b);
    const m = evaluateRanking(results, truth, 10);
    console.log(`\n${database.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${PERSONS} persons, ${queries.length} queries (seed ${SEED})`);
    console.log(`recall@10 ${m.recallAtK.toFixed(4)}  top-1 ${m.top1Precision.toFixed(4)}  MRR ${m.meanReciprocalRank.toFixed(4)}  strong top ${(100 * m.strongRate).toFixed(1)}% (right ${(100 * m.strongPrecision).toFixed(1)}%)  refused ${refused}`);
    console.log(`search, service end to end (incl. audit): p50 ${ms(quantile(serviceTimes, 0.5))}  p95 ${ms(quantile(serviceTimes, 0.95))}  p99 ${ms(quantile(serviceTimes, 0.99))}  max ${ms(serviceTimes[serviceTimes.length - 1] ?? 0)}`);
    console.log(`search, statement + scoring only:        p50 ${ms(quantile(sqlTimes, 0.5))}  p95 ${ms(quantile(sqlTimes, 0.95))}  p99 ${ms(quantile(sqlTimes, 0.99))}`);
    console.log(`candidates per search: p50 ${quantile(candidates, 0.5)}  p95 ${quantile(candidates, 0.95)}  max ${candidates[candidates.length - 1] ?? 0}`);

    if (process.env.SHOW_SLOW) {
      slow.sort((a, b) => b.total - a.total);
      for (const x of slow.slice(0, Number(process.env.SHOW_SLOW))) console.log(`  ${ms(x.total)} (sql ${ms(x.sql)}, scoring ${ms(x.score)}): ${x.rows} rows, ${x.lookups} look-ups${x.broad ? ' (broad)' : ''}; ${x.fields}`);
    }

    // EXPLAIN a typical search (name and date of birth), one without a date of birth (trigram look-ups, run only
    // when the stored keys found fewer than FALLBACK_BELOW persons) and a broad one
    const typical = queries.find((q) => q.query.dateOfBirth && q.query.familyName && q.query.givenName)!.query;
    const noDob = queries.find((q) => !q.query.dateOfBirth && q.query.familyName && q.query.givenName)?.query;
    const surnameOnly: PersonQuery = { familyName: typical.familyName };
    for (const [label, q] of [['name and date of birth', typical], ['no date of birth (trigram look-ups when the keys found few)', noDob], ['a surname alone (broad)', surnameOnly]] as const) {
      if (!q) continue;
      const statement = candidateQuery(HUB_ID, queryBlocks(q));
      if (!statement) continue;
      const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers, costs off) ${statement}`.execute(db);
      console.log(`\nEXPLAIN ANALYZE, ${label}, ${queryBlocks(q).length} look-ups:`);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    await database.close();
  }
}

await main();
