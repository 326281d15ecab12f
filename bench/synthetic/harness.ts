/**
 * An in-memory stand-in for the SQL search: the block keys go into maps (as they would into an
 * indexed key table), a search unions the query's blocks and ranks them with the real scorer.
 * It measures the matching rules — recall, precision, block sizes — without a database; the SQL
 * benchmark measures the same with Postgres timings.
 */
import {
  ACTIVE_RULES,
  blockingKeys,
  blockKeyStrings,
  queryBlocks,
  type BlockColumn,
  type BlockRuleCode,
} from '../../src/features/persons/domain/blocking';
import { rankCandidates } from '../../src/features/persons/domain/score';
import { trigramSimilarity } from '../../src/features/persons/domain/similarity';
import type { PersonQuery, PersonRecord, RankedCandidate } from '../../src/features/persons/domain/types';
import { evaluateRanking, type RankingMetrics, type RankingResult } from './evaluate';
import { generatePersons, generateQueries, type SyntheticQuery } from './persons';

/** Columns answered directly for broad look-ups (a query with one field). */
const BROAD_COLUMNS: readonly BlockColumn[] = ['familyPhonetic', 'givenPhonetic', 'dob', 'postcode', 'postcodeSector'];
/** Broad look-ups are capped, as the repository must. */
const BROAD_CAP = 2000;

export interface SearchOutcome {
  ranked: RankedCandidate[];
  /** persons scored: the size of the union of blocks */
  candidateCount: number;
  /** for diagnostics: rules whose blocks held each candidate */
  rulesById: Map<number, Set<BlockRuleCode>>;
  /** for diagnostics: rows each rule's look-ups returned (before the union) */
  rowsByRule: Map<BlockRuleCode, number>;
  /** time spent scoring and ranking (the TypeScript part of a SQL search too) */
  scoreMs: number;
}

export class InMemoryPersonIndex {
  private readonly persons: PersonRecord[] = [];
  private readonly blocks = new Map<string, number[]>();
  private readonly columns = new Map<string, number[]>();
  private readonly slots = new Map<string, number>();
  /** normalised names per slot, for the trigram conditions */
  private readonly similarValues = { givenFirst: [] as string[], familyKey: [] as string[] };

  constructor(private readonly rules: readonly BlockRuleCode[] = ACTIVE_RULES) {}

  get size(): number {
    return this.persons.length;
  }

  add(person: PersonRecord): void {
    const slot = this.persons.length;
    this.persons.push(person);
    this.slots.set(person.id, slot);
    for (const key of blockKeyStrings(person, this.rules)) push(this.blocks, key, slot);
    const keys = blockingKeys(person);
    this.similarValues.givenFirst.push(keys.givenFirst ?? '');
    this.similarValues.familyKey.push(keys.familyKey ?? '');
    for (const c of BROAD_COLUMNS) {
      const v = keys[c];
      for (const value of v === undefined ? [] : Array.isArray(v) ? v : [v]) push(this.columns, `${c}=${value}`, slot);
    }
  }

  /** Block sizes, for the report: how many persons share each stored key. */
  blockSizes(): number[] {
    return [...this.blocks.values()].map((s) => s.length);
  }

  search(query: PersonQuery, limit = 10): SearchOutcome {
    const rulesById = new Map<number, Set<BlockRuleCode>>();
    const note = (slot: number, rule: BlockRuleCode) => {
      const set = rulesById.get(slot) ?? new Set<BlockRuleCode>();
      set.add(rule);
      rulesById.set(slot, set);
    };
    const rowsByRule = new Map<BlockRuleCode, number>();
    for (const lookup of queryBlocks(query, this.rules)) {
      let slots: number[];
      if (lookup.key) slots = this.blocks.get(lookup.key) ?? [];
      else {
        const column = this.columns.get(`${Object.keys(lookup.where)[0]}=${Object.values(lookup.where)[0]}`) ?? [];
        const similar = lookup.similar;
        slots = similar
          ? column.filter((slot) => trigramSimilarity(this.similarValues[similar.column][slot], similar.value) >= similar.threshold)
          : column.slice(0, BROAD_CAP);
      }
      rowsByRule.set(lookup.rule, (rowsByRule.get(lookup.rule) ?? 0) + slots.length);
      for (const slot of slots) note(slot, lookup.rule);
    }
    const candidates = [...rulesById.keys()].map((s) => this.persons[s]);
    const t0 = performance.now();
    const ranked = rankCandidates(query, candidates, limit);
    return { ranked, candidateCount: candidates.length, rulesById, rowsByRule, scoreMs: performance.now() - t0 };
  }

  slotOf(id: string): number {
    return this.slots.get(id) ?? -1;
  }
}

function push(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== slot) list.push(slot);
  } else map.set(key, [slot]);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export interface HarnessOptions {
  seed: string | number;
  persons: number;
  queries: number;
  rules?: readonly BlockRuleCode[];
}

export interface HarnessReport {
  persons: number;
  metrics: RankingMetrics;
  candidates: { mean: number; p95: number; max: number };
  blocks: { keys: number; meanSize: number; maxSize: number };
  /** in-memory search time (blocking + scoring), not a database timing */
  searchMs: { p50: number; p95: number };
  /** scoring and ranking alone: what a SQL search adds to its query time */
  scoreMs: { p50: number; p95: number };
  /** true person not in any block (blocking miss) vs in a block but ranked below k (scoring miss) */
  misses: { blocking: number; scoring: number };
  /** recall and top-1 per error kind in the query */
  byError: Record<string, { queries: number; recall: number; top1: number }>;
  /** queries whose true person was reached through one rule only: what each rule earns */
  onlyRule: Partial<Record<BlockRuleCode, number>>;
  /** rows fetched per search by each rule: mean and p95 (what each rule costs) */
  rowsByRule: Partial<Record<BlockRuleCode, { mean: number; p95: number }>>;
  missedQueries: SyntheticQuery[];
}

export function runHarness(options: HarnessOptions): HarnessReport {
  const index = new InMemoryPersonIndex(options.rules);
  for (const p of generatePersons(options.seed, options.persons)) index.add(p);
  const queries = [...generateQueries(options.seed, generatePersons(options.seed, options.persons), options.queries)];
  const truth = new Map(queries.map((q) => [q.id, q.trueId]));

  const results: RankingResult[] = [];
  const counts: number[] = [];
  const times: number[] = [];
  const scoreTimes: number[] = [];
  const onlyRule: Partial<Record<BlockRuleCode, number>> = {};
  const misses = { blocking: 0, scoring: 0 };
  const perError = new Map<string, { queries: number; hits: number; top1: number }>();
  const missedQueries: SyntheticQuery[] = [];
  const ruleRows = new Map<BlockRuleCode, number[]>();

  for (const q of queries) {
    const t0 = performance.now();
    const outcome = index.search(q.query, 10);
    times.push(performance.now() - t0);
    scoreTimes.push(outcome.scoreMs);
    counts.push(outcome.candidateCount);
    for (const [rule, rows] of outcome.rowsByRule) ruleRows.set(rule, [...(ruleRows.get(rule) ?? []), rows]);
    const rankedIds = outcome.ranked.map((r) => r.candidate.id);
    results.push({ queryId: q.id, rankedIds, topBand: outcome.ranked[0]?.band });

    const slot = index.slotOf(q.trueId);
    const rules = outcome.rulesById.get(slot);
    if (rules?.size === 1) {
      const [only] = rules;
      onlyRule[only] = (onlyRule[only] ?? 0) + 1;
    }
    const rank = rankedIds.indexOf(q.trueId);
    if (rank < 0) {
      if (!rules) misses.blocking++;
      else misses.scoring++;
      missedQueries.push(q);
    }
    for (const e of q.errors.length ? q.errors : ['none']) {
      const s = perError.get(e) ?? { queries: 0, hits: 0, top1: 0 };
      s.queries++;
      if (rank >= 0) s.hits++;
      if (rank === 0) s.top1++;
      perError.set(e, s);
    }
  }

  counts.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  scoreTimes.sort((a, b) => a - b);
  const sizes = index.blockSizes();
  const byError: HarnessReport['byError'] = {};
  for (const [e, s] of [...perError].sort((a, b) => b[1].queries - a[1].queries)) {
    byError[e] = { queries: s.queries, recall: s.hits / s.queries, top1: s.top1 / s.queries };
  }
  const rowsByRule: HarnessReport['rowsByRule'] = {};
  for (const [rule, rows] of ruleRows) {
    rows.sort((a, b) => a - b);
    rowsByRule[rule] = { mean: rows.reduce((a, b) => a + b, 0) / queries.length, p95: quantile(rows, 0.95) };
  }
  return {
    persons: index.size,
    rowsByRule,
    metrics: evaluateRanking(results, truth, 10),
    candidates: { mean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length), p95: quantile(counts, 0.95), max: counts[counts.length - 1] ?? 0 },
    blocks: { keys: sizes.length, meanSize: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length), maxSize: sizes.reduce((a, b) => Math.max(a, b), 0) },
    searchMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) },
    scoreMs: { p50: quantile(scoreTimes, 0.5), p95: quantile(scoreTimes, 0.95) },
    misses,
    byError,
    onlyRule,
    missedQueries,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(r: HarnessReport): string {
  const m = r.metrics;
  const lines = [
    `persons ${r.persons}, queries ${m.queries}`,
    `recall@${m.k} ${m.recallAtK.toFixed(4)}  top-1 precision ${m.top1Precision.toFixed(4)}  MRR ${m.meanReciprocalRank.toFixed(4)}`,
    `strong top candidates ${pct(m.strongRate)}, of which right ${pct(m.strongPrecision)}`,
    `misses: blocking ${r.misses.blocking}, scoring ${r.misses.scoring}`,
    `candidates per search: mean ${r.candidates.mean.toFixed(1)}, p95 ${r.candidates.p95}, max ${r.candidates.max}`,
    `block keys ${r.blocks.keys}, mean size ${r.blocks.meanSize.toFixed(2)}, max ${r.blocks.maxSize}`,
    `in-memory search p50 ${r.searchMs.p50.toFixed(2)} ms, p95 ${r.searchMs.p95.toFixed(2)} ms; scoring alone p50 ${r.scoreMs.p50.toFixed(2)} ms, p95 ${r.scoreMs.p95.toFixed(2)} ms`,
    `found through one rule only: ${Object.entries(r.onlyRule).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `rows fetched per rule (mean/p95 when used): ${Object.entries(r.rowsByRule).map(([k, v]) => `${k} ${v!.mean.toFixed(1)}/${v!.p95}`).join(', ')}`,
    'by error in the query (queries, recall@10, top-1):',
    ...Object.entries(r.byError).map(([e, s]) => `  ${e.padEnd(18)} ${String(s.queries).padStart(5)}  ${pct(s.recall).padStart(6)}  ${pct(s.top1).padStart(6)}`),
  ];
  return lines.join('\n');
}
