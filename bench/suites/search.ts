/**
 * Person search over the generated index: synthetic searches with the mistakes referrers make
 * (bench/synthetic/persons.ts generateQueries), each with the person it was made from.
 *
 * Measured twice: through the search API of a running server, and as the service's pipeline
 * run from here without HTTP, policy and audit; the repository's candidate statement alone is
 * the bare cost of both.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { queryBlocks } from '../../src/features/persons/domain/blocking';
import { rankCandidates } from '../../src/features/persons/domain/score';
import type { PersonQuery } from '../../src/features/persons/domain/types';
import { personsRepository, toRecord } from '../../src/features/persons/persons-repository';
import { validateSearch, type SearchInput } from '../../src/features/persons/rules/search-input';
import type { HttpClient } from '../lib/http';
import type { GenerationInfo } from '../generator/generate';
import { idMaker } from '../lib/ids';
import { summarise } from '../lib/stats';
import { evaluateRanking, type RankingResult } from '../synthetic/evaluate';
import { generatePersons, generateQueries, type SyntheticQuery } from '../synthetic/persons';
import type { BenchRow } from './types';

export function searchQueries(info: GenerationInfo, count: number): SyntheticQuery[] {
  return [...generateQueries(info.seed, generatePersons(info.seed, info.persons), count)];
}

/** The database id of a synthetic person ('SP00000001' is the first of the stream). */
export function personUuid(info: GenerationInfo): (syntheticId: string) => string {
  const ids = idMaker(info.seed);
  return (syntheticId) => ids('person', Number(syntheticId.slice(2)) - 1);
}

/** What a worker types, as the search API and the service take it. */
export function searchBody(q: PersonQuery): SearchInput {
  const body: SearchInput = {};
  if (q.givenName) body.givenName = q.givenName;
  if (q.familyName) body.familyName = q.familyName;
  if (q.dateOfBirth) body.dateOfBirth = q.dateOfBirth;
  if (q.postcode) body.postcode = q.postcode;
  if (q.address) body.address = q.address;
  if (q.nhsNumber) body.nhsNumber = q.nhsNumber;
  if (q.laId) body.laId = q.laId;
  if (q.sex) body.sex = q.sex;
  return body;
}

/**
 * The search pipeline of the persons service without its HTTP, policy and audit layers: the
 * input validated, the block look-ups (queryBlocks), the repository's one candidate statement
 * (personsRepository.searchCandidates), and the domain's scorer. Its statement alone is the
 * bare cost.
 */
export async function benchSearchSql(db: Kysely<DB>, info: GenerationInfo, queries: SyntheticQuery[]): Promise<BenchRow> {
  const toUuid = personUuid(info);
  const truth = new Map(queries.map((q) => [q.id, toUuid(q.trueId)]));
  const run = async (q: SyntheticQuery) => {
    const { value } = validateSearch(searchBody(q.query));
    // a search the form would refuse (nothing usable in it) finds nobody
    if (!value) return { statement: 0, total: 0, candidates: 0, ranked: [] };
    const query = value.query;
    const t0 = performance.now();
    const rows = await db.transaction().execute((tx) => personsRepository.searchCandidates(tx, info.mainHubId, queryBlocks(query)));
    const t1 = performance.now();
    const ranked = rankCandidates(query, rows.map((r) => toRecord({ ...r, other_names: r.other_names ?? [] }, r.identifiers)), 10);
    return { statement: t1 - t0, total: performance.now() - t0, candidates: rows[0]?.total ?? 0, ranked };
  };
  for (const q of queries.slice(0, 20)) await run(q); // warm-up: the first searches read the index from disk
  const total: number[] = [];
  const statement: number[] = [];
  const candidates: number[] = [];
  const results: RankingResult[] = [];
  for (const q of queries) {
    const r = await run(q);
    total.push(r.total);
    statement.push(r.statement);
    candidates.push(r.candidates);
    results.push({ queryId: q.id, rankedIds: r.ranked.map((c) => c.candidate.id), topBand: r.ranked[0]?.band });
  }
  const m = evaluateRanking(results, truth, 10);
  const s = summarise(total);
  const b = summarise(statement);
  const c = summarise(candidates);
  return {
    id: 'search.sql',
    title: `Person search, service pipeline without HTTP/audit (${info.persons} persons, ${queries.length} searches)`,
    status: 'measured',
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    bare: { what: 'the candidate statement alone', p50: b.p50, p95: b.p95, p99: b.p99 },
    ratio: s.p50 / b.p50,
    target: 'p95 ≤ 20 ms',
    pass: s.p95 <= 20,
    extra: metricsExtra(m, c.p50, c.p95),
  };
}

export function metricsExtra(m: ReturnType<typeof evaluateRanking>, candidatesP50: number, candidatesP95: number) {
  return {
    recallAt10: Number(m.recallAtK.toFixed(4)),
    top1Precision: Number(m.top1Precision.toFixed(4)),
    mrr: Number(m.meanReciprocalRank.toFixed(4)),
    strongPrecision: Number(m.strongPrecision.toFixed(4)),
    candidatesP50,
    candidatesP95,
  };
}

/** The same searches through POST /api/v1/persons/search (audited), one client. */
export async function benchSearchApi(client: HttpClient, token: string, info: GenerationInfo, queries: SyntheticQuery[], bare: { p50: number; p95: number; p99: number } | undefined): Promise<BenchRow> {
  const toUuid = personUuid(info);
  const truth = new Map(queries.map((q) => [q.id, toUuid(q.trueId)]));
  const post = (q: SyntheticQuery) => client.json('POST', '/api/v1/persons/search', token, { ...searchBody(q.query), limit: 10 });
  for (const q of queries.slice(0, 20)) await post(q);
  const times: number[] = [];
  const candidates: number[] = [];
  const results: RankingResult[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const res = await post(q);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`search answered ${res.status}: ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as { candidates: Array<{ person: { id: string }; band: 'strong' | 'possible' | 'weak' }>; candidateCount: number };
    candidates.push(body.candidateCount);
    results.push({ queryId: q.id, rankedIds: body.candidates.map((c) => c.person.id), topBand: body.candidates[0]?.band });
  }
  const m = evaluateRanking(results, truth, 10);
  const s = summarise(times);
  const c = summarise(candidates);
  return {
    id: 'search.api',
    title: `Person search: POST /api/v1/persons/search, audited (${info.persons} persons, ${queries.length} searches)`,
    status: 'measured',
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    ...(bare ? { bare: { what: 'the candidate statement alone', ...bare }, ratio: s.p50 / bare.p50 } : {}),
    target: 'p95 ≤ 20 ms',
    pass: s.p95 <= 20,
    extra: metricsExtra(m, c.p50, c.p95),
  };
}
