import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRanking } from './evaluate';
import { InMemoryPersonIndex, formatReport, runHarness } from './harness';
import { generatePersons } from './persons';

describe('evaluateRanking', () => {
  const truth = new Map([['q1', 'a'], ['q2', 'b'], ['q3', 'c'], ['q4', 'd']]);

  it('measures recall@k, top-1 precision and mean reciprocal rank', () => {
    const m = evaluateRanking([
      { queryId: 'q1', rankedIds: ['a', 'x'], topBand: 'strong' },
      { queryId: 'q2', rankedIds: ['x', 'b'], topBand: 'strong' },
      { queryId: 'q3', rankedIds: ['x', 'y', 'z', 'c'], topBand: 'possible' },
      { queryId: 'q4', rankedIds: [] },
    ], truth, 3);
    assert.equal(m.queries, 4);
    assert.equal(m.recallAtK, 0.5);
    assert.equal(m.top1Precision, 0.25);
    assert.equal(m.meanReciprocalRank, (1 + 0.5 + 0.25) / 4);
    assert.deepEqual(m.missed, ['q3', 'q4']);
    assert.equal(m.strongRate, 0.5);
    assert.equal(m.strongPrecision, 0.5);
  });

  it('is all zeros with no queries, and refuses a query without truth', () => {
    assert.equal(evaluateRanking([], truth).recallAtK, 0);
    assert.throws(() => evaluateRanking([{ queryId: 'nope', rankedIds: [] }], truth), RangeError);
  });
});

describe('in-memory search', () => {
  it('finds a person by their own details first', () => {
    const persons = [...generatePersons('index', 2000)];
    const index = new InMemoryPersonIndex();
    for (const p of persons) index.add(p);
    for (const p of persons.slice(0, 50)) {
      const out = index.search({ givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth, postcode: p.postcode });
      assert.equal(out.ranked[0]?.candidate.id, p.id, p.id);
    }
  });
});

describe('matching benchmark on 20 000 synthetic persons (in memory, blocking + scoring)', () => {
  it('reaches recall@10 ≥ 0.98 with a right strong band', () => {
    const report = runHarness({ seed: 'bench', persons: 20_000, queries: 2000 });
    console.log(formatReport(report));
    assert.ok(report.metrics.recallAtK >= 0.98, `recall@10 ${report.metrics.recallAtK}`);
    assert.ok(report.metrics.top1Precision >= 0.97, `top-1 ${report.metrics.top1Precision}`);
    assert.ok(report.metrics.strongPrecision >= 0.99, `strong precision ${report.metrics.strongPrecision}`);
  });
});
