/**
 * Measures of a ranking against known truth, shared by the in-memory harness and the SQL
 * benchmark so both report the same numbers the same way.
 */
import type { Band } from '../../src/features/persons/domain/types';

export interface RankingResult {
  queryId: string;
  /** candidate ids, best first */
  rankedIds: readonly string[];
  /** band of the top candidate, when known */
  topBand?: Band;
}

export interface RankingMetrics {
  queries: number;
  /** share of queries with the true person among the first k */
  recallAtK: number;
  k: number;
  /** share of queries whose first candidate is the true person (of all queries) */
  top1Precision: number;
  /** mean of 1/rank of the true person (0 when absent) */
  meanReciprocalRank: number;
  /** queries whose true person was not among the first k */
  missed: string[];
  /** share of queries whose first candidate was banded strong */
  strongRate: number;
  /** of those, the share where it was the true person: a strong band must be right */
  strongPrecision: number;
}

export function evaluateRanking(
  results: Iterable<RankingResult>,
  truth: ReadonlyMap<string, string>,
  k = 10,
): RankingMetrics {
  let queries = 0;
  let hits = 0;
  let top1 = 0;
  let rr = 0;
  let strong = 0;
  let strongRight = 0;
  const missed: string[] = [];
  for (const r of results) {
    const trueId = truth.get(r.queryId);
    if (trueId === undefined) throw new RangeError(`no truth for query ${r.queryId}`);
    queries++;
    const rank = r.rankedIds.indexOf(trueId);
    if (rank >= 0 && rank < k) hits++;
    else missed.push(r.queryId);
    if (rank === 0) top1++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (r.topBand === 'strong') {
      strong++;
      if (rank === 0) strongRight++;
    }
  }
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    queries,
    k,
    recallAtK: share(hits, queries),
    top1Precision: share(top1, queries),
    meanReciprocalRank: share(rr, queries),
    missed,
    strongRate: share(strong, queries),
    strongPrecision: share(strongRight, strong),
  };
}
