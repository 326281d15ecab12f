import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, WeightedList } from './rng';

const take = (seed: string | number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same stream for the same seed, and another for another seed', () => {
    assert.deepEqual(take('a', 50), take('a', 50));
    assert.notDeepEqual(take('a', 50), take('b', 50));
    assert.deepEqual(take(42, 5), take('42', 5));
  });

  it('stays in range', () => {
    const rng = createRng('range');
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      const n = rng.int(3, 7);
      assert.ok(Number.isInteger(n) && n >= 3 && n <= 7);
    }
  });

  it('is roughly uniform', () => {
    const rng = createRng('uniform');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(rng.next() * 10)]++;
    for (const b of buckets) assert.ok(Math.abs(b - 10_000) < 500, String(b));
  });

  it('forks independent streams that do not depend on draws made before', () => {
    const a = createRng('root');
    const b = createRng('root');
    b.next();
    b.next();
    assert.deepEqual(Array.from({ length: 5 }, a.fork('x').next), Array.from({ length: 5 }, b.fork('x').next));
    assert.notDeepEqual(Array.from({ length: 5 }, a.fork('x').next), Array.from({ length: 5 }, a.fork('y').next));
  });

  it('refuses to pick from nothing', () => assert.throws(() => createRng(1).pick([]), RangeError));
});

describe('WeightedList', () => {
  it('draws in proportion to the weights', () => {
    const list = new WeightedList(['a', 'b', 'c'], [1, 2, 7]);
    const rng = createRng('weights');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 50_000; i++) counts[list.draw(rng)]++;
    assert.ok(Math.abs(counts.a / 50_000 - 0.1) < 0.01);
    assert.ok(Math.abs(counts.c / 50_000 - 0.7) < 0.01);
  });

  it('makes Zipf-like lists with a head and a long tail', () => {
    const items = Array.from({ length: 300 }, (_, i) => i);
    const list = WeightedList.zipf(items, 1, 20);
    const rng = createRng('zipf');
    let first = 0;
    for (let i = 0; i < 50_000; i++) if (list.draw(rng) === 0) first++;
    const share = first / 50_000;
    assert.ok(share > 0.01 && share < 0.03, String(share));
  });

  it('refuses mismatched weights', () => assert.throws(() => new WeightedList(['a'], [1, 2]), RangeError));
});
