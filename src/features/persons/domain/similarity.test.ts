import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { damerauLevenshtein, jaro, jaroWinkler, levenshtein, trigrams, trigramSimilarity } from './similarity';

const close = (actual: number, expected: number, digits = 3) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`);

describe('Jaro and Jaro-Winkler', () => {
  it('give the textbook values', () => {
    close(jaro('martha', 'marhta'), 0.944);
    close(jaro('dwayne', 'duane'), 0.822);
    close(jaro('dixon', 'dicksonx'), 0.767);
    close(jaroWinkler('martha', 'marhta'), 0.961);
    close(jaroWinkler('dwayne', 'duane'), 0.84);
    close(jaroWinkler('dixon', 'dicksonx'), 0.813);
  });

  it('is 1 for equal names and 0 with nothing in common or nothing at all', () => {
    assert.equal(jaroWinkler('smith', 'smith'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', ''), 0);
  });
});

describe('trigram similarity (pg_trgm)', () => {
  it('pads each word with two spaces in front and one behind', () => {
    assert.deepEqual([...trigrams('Cat')].sort(), ['  c', ' ca', 'at ', 'cat']);
    assert.deepEqual([...trigrams('a')].sort(), ['  a', ' a ']);
    assert.equal(trigrams('').size, 0);
  });

  // Values returned by PostgreSQL's `similarity()` (pg_trgm in PGlite, Postgres 18).
  const postgres: [string, string, number][] = [
    ['smith', 'smyth', 0.33333334],
    ['cat', 'cats', 0.5],
    ['a', 'a', 1],
    ['', 'x', 0],
    ['mary ann', 'maryann', 0.54545456],
    ['12 elm road', '12 elm rd', 0.5714286],
    ['o brien', 'obrien', 0.5],
    ['catherine', 'katherine', 0.53846157],
    ['jon', 'john', 0.2857143],
    ['ab-cd', 'abcd', 0.375],
    ['flat 3 12 willow close', '12 willow close', 0.6956522],
    ['aaa', 'aaaa', 1],
    ['the  quick', 'quick the', 1],
  ];
  for (const [a, b, expected] of postgres) {
    it(`agrees with Postgres on "${a}" ~ "${b}"`, () => close(trigramSimilarity(a, b), expected, 6));
  }

  it('takes a precomputed trigram set for either side', () => {
    assert.equal(trigramSimilarity(trigrams('smith'), 'smyth'), trigramSimilarity('smith', 'smyth'));
  });
});

describe('edit distances', () => {
  it('Levenshtein counts inserts, deletes and substitutions', () => {
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(levenshtein('jhon', 'john'), 2);
  });

  it('Damerau (optimal string alignment) counts a swap of neighbours as one', () => {
    assert.equal(damerauLevenshtein('jhon', 'john'), 1);
    assert.equal(damerauLevenshtein('kitten', 'sitting'), 3);
    assert.equal(damerauLevenshtein('ca', 'abc'), 3);
    assert.equal(damerauLevenshtein('smith', ''), 5);
  });
});

describe('properties', () => {
  const word = fc.stringMatching(/^[a-z ]{0,12}$/);

  it('all similarities are symmetric and within 0-1', () => {
    fc.assert(fc.property(word, word, (a, b) => {
      for (const f of [jaro, trigramSimilarity]) {
        const s = f(a, b);
        assert.ok(s >= 0 && s <= 1);
        close(s, f(b, a), 9);
      }
      const jw = jaroWinkler(a, b);
      assert.ok(jw >= 0 && jw <= 1);
    }));
  });

  it('Damerau never exceeds Levenshtein and both are symmetric distances', () => {
    fc.assert(fc.property(word, word, (a, b) => {
      const d = damerauLevenshtein(a, b);
      assert.ok(d <= levenshtein(a, b));
      assert.equal(d, damerauLevenshtein(b, a));
      assert.equal(d === 0, a === b);
      assert.ok(d >= Math.abs(a.length - b.length));
    }));
  });
});
