import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTIVE_RULES,
  BLOCK_RULES,
  blockingKeys,
  blockKeyStrings,
  queryBlocks,
  type BlockColumn,
  type BlockLookup,
} from './blocking';
import { trigramSimilarity } from './similarity';
import type { PersonQuery, PersonRecord } from './types';

// Synthetic person: no real individual.
const person: PersonRecord = {
  id: 'p1',
  givenName: 'William Henry',
  familyName: 'Thompson',
  otherNames: [{ familyName: 'Okafor' }],
  dateOfBirth: '2012-03-04',
  sex: 'male',
  postcode: 'DE22 3AB',
  address: '12 Elm Road',
  nhsNumber: '9990000018',
  identifiers: [{ source: 'la', value: 'LCS0001234' }],
};

/** Does a look-up select this person? Evaluated on the columns, as the repository would. */
function selects(lookup: BlockLookup, p: PersonRecord): boolean {
  const keys = blockingKeys(p);
  const has = (c: BlockColumn, v: string) => {
    const k = keys[c];
    return Array.isArray(k) ? k.includes(v) : k === v;
  };
  if (!Object.entries(lookup.where).every(([c, v]) => has(c as BlockColumn, v!))) return false;
  if (!lookup.similar) return true;
  const value = keys[lookup.similar.column];
  return !!value && trigramSimilarity(value, lookup.similar.value) >= lookup.similar.threshold;
}

const reaches = (q: PersonQuery, p: PersonRecord = person) => queryBlocks(q).filter((l) => selects(l, p)).map((l) => l.rule);

describe('blockingKeys', () => {
  it('stores every column a search looks up', () => {
    const k = blockingKeys(person);
    assert.deepEqual(k.givenCanonical, ['william']);
    assert.equal(k.givenFirst, 'william');
    assert.equal(k.familyKey, 'thompson');
    assert.equal(k.dob, '2012-03-04');
    assert.equal(k.dobSwapped, '2012-04-03');
    assert.equal(k.dobYearMonth, '2012-03');
    assert.equal(k.dobMonthDay, '03-04');
    assert.equal(k.postcode, 'DE22 3AB');
    assert.equal(k.postcodeSector, 'DE22 3');
    assert.deepEqual(k.postcodeFamilyInitial, ['DE22 3AB:T', 'DE22 3AB:O']);
    assert.deepEqual(k.outwardFamilyInitial, ['DE22:T', 'DE22:O']);
    assert.equal(k.nhsNumber, '9990000018');
    assert.deepEqual(k.identifiers, ['la:LCS0001234']);
    // current and previous surname; first and middle given name
    assert.ok(k.familyPhonetic.includes('TMPS') && k.familyPhonetic.includes('AKFR'));
    assert.ok(k.givenPhonetic.includes('ALM') && k.givenPhonetic.includes('HNR'));
  });

  it('leaves out what the person lacks, and a swapped date that is not a date', () => {
    const k = blockingKeys({ id: 'p2', givenName: 'Ava', familyName: 'Reed', dateOfBirth: '2019-03-13', nhsNumber: '9990000019', identifiers: [] });
    assert.equal(k.dobSwapped, undefined);
    assert.equal(k.postcode, undefined);
    assert.deepEqual(k.postcodeFamilyInitial, []);
    assert.equal(k.nhsNumber, undefined, 'an invalid NHS number is not a key');
    assert.ok(!('postcodeSector' in k));
  });

  it('gives key strings for stored rules only', () => {
    const keys = blockKeyStrings(person);
    assert.ok(keys.includes('fd:TMPS|2012-03-04'));
    assert.ok(keys.includes('nhs:9990000018'));
    assert.ok(keys.includes('id:la:LCS0001234'));
    assert.ok(keys.includes('fs:TMPS|2012-04-03'));
    assert.ok(!keys.some((k) => k.startsWith('ft:') || k.startsWith('gt:')), 'trigram rules are not stored');
    assert.ok(!keys.some((k) => k.startsWith('oi:') || k.startsWith('ga:')), 'inactive rules are not stored');
    assert.equal(new Set(keys).size, keys.length);
  });

  it('says for every rule what it is there to catch', () => {
    for (const r of BLOCK_RULES) assert.ok(r.catches.length > 10, r.code);
    for (const code of ACTIVE_RULES) assert.ok(BLOCK_RULES.some((r) => r.code === code));
  });
});

describe('queryBlocks reaches the true person despite realistic errors', () => {
  const base: PersonQuery = { givenName: 'William', familyName: 'Thompson', dateOfBirth: '2012-03-04', postcode: 'DE22 3AB' };
  const cases: [string, PersonQuery, string][] = [
    ['exact', base, 'fd'],
    ['nickname', { ...base, givenName: 'Bill' }, 'fd'],
    ['nickname and no date of birth', { givenName: 'Bill', familyName: 'Thompson' }, 'fc'],
    ['misspelt surname', { ...base, familyName: 'Thomspon' }, 'gd'],
    ['names swapped, no date of birth', { givenName: 'THOMPSON', familyName: 'William' }, 'fg'],
    ['day and month swapped, first name wrong', { ...base, givenName: 'Billy-Joe', dateOfBirth: '03/04/2012' }, 'fs'],
    ['one day out, first name wrong', { ...base, givenName: 'Liam', dateOfBirth: '2012-03-05', postcode: undefined }, 'fm'],
    ['year out, first name wrong', { ...base, givenName: 'Wim', dateOfBirth: '2011-03-04', postcode: undefined }, 'fa'],
    ['moved house', { ...base, postcode: 'NG1 1AA' }, 'fd'],
    ['previous surname', { givenName: 'William', familyName: 'Okafor', dateOfBirth: '2012-03-04' }, 'fd'],
    ['known by middle name, no date of birth', { givenName: 'Henry', familyName: 'Thompson' }, 'fg'],
    ['both names misspelt, no date of birth, at home', { givenName: 'Wiliem', familyName: 'Tomsen', postcode: 'de223ab' }, 'pi'],
    ['misspelt first name, nothing else', { givenName: 'Wlliam', familyName: 'Thompson' }, 'ft'],
    ['misspelt surname, nothing else', { givenName: 'William', familyName: 'Thmopson' }, 'gt'],
    ['NHS number only', { nhsNumber: '999 000 0018' }, 'nhs'],
    ['LA ID only', { laId: 'lcs-0001234' }, 'id'],
  ];
  for (const [what, query, rule] of cases) {
    it(what, () => assert.ok(reaches(query).includes(rule as never), `${rule} not in ${reaches(query).join(',')}`));
  }

  it('does not reach a different person', () => {
    assert.deepEqual(reaches({ givenName: 'Olivia', familyName: 'Begum', dateOfBirth: '1988-11-23', postcode: 'NG7 2AB' }), []);
  });
});

describe('queryBlocks', () => {
  it('looks the names up both ways round', () => {
    const lookups = queryBlocks({ givenName: 'Thompson', familyName: 'William', dateOfBirth: '2012-03-04' });
    assert.ok(lookups.some((l) => l.namesSwapped && l.key === 'fd:TMPS|2012-03-04'));
  });

  it('uses trigram look-ups only when there is no date of birth', () => {
    assert.ok(queryBlocks({ givenName: 'William', familyName: 'Thompson' }).some((l) => l.rule === 'ft' && l.similar && !l.key));
    assert.ok(!queryBlocks({ givenName: 'William', familyName: 'Thompson', dateOfBirth: '2012-03-04' }).some((l) => l.similar));
  });

  it('falls back to broad single-column look-ups when nothing else is possible', () => {
    const lookups = queryBlocks({ familyName: 'Thompson' });
    assert.ok(lookups.length > 0 && lookups.every((l) => l.broad && !l.key));
    assert.deepEqual(lookups.map((l) => Object.keys(l.where)), lookups.map(() => ['familyPhonetic']));
    assert.deepEqual(queryBlocks({}), []);
  });

  it('looks names up the wrong way round only for the rules marked so', () => {
    const lookups = queryBlocks({ givenName: 'Thompson', familyName: 'William', dateOfBirth: '2012-03-04', postcode: 'DE22 3AB' });
    const swapped = new Set(lookups.filter((l) => l.namesSwapped).map((l) => l.rule));
    assert.deepEqual([...swapped].sort(), BLOCK_RULES.filter((r) => r.swapNames && !r.similar && ACTIVE_RULES.includes(r.code)).map((r) => r.code).sort());
  });

  it('carries its rule’s weight; only trigram look-ups wait for the stored keys to find too few', () => {
    const lookups = queryBlocks({ givenName: 'William', familyName: 'Thompson', postcode: 'DE22 3AB' });
    for (const l of lookups) {
      assert.equal(l.weight, BLOCK_RULES.find((r) => r.code === l.rule)!.weight);
      assert.equal(l.fallback, !!l.similar, l.rule);
    }
  });

  it('weighs an identifier above any name-and-date block, and those above a name alone', () => {
    const weight = (code: string) => BLOCK_RULES.find((r) => r.code === code)!.weight;
    assert.ok(BLOCK_RULES.every((r) => r.weight > 0));
    assert.ok(weight('nhs') > weight('fd') + weight('fm') + weight('fa'));
    assert.ok(weight('fd') > weight('fg') && weight('fd') > weight('fm'));
  });

  it('never repeats a look-up', () => {
    const lookups = queryBlocks({ givenName: 'Anna', familyName: 'Anna', dateOfBirth: '2012-03-04' });
    const ids = lookups.map((l) => JSON.stringify([l.rule, l.where, l.similar]));
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('key strings and columns agree', () => {
  const names = ['William', 'Bill', 'Thompson', 'Thomson', 'Okafor', 'Mary Ann', 'Ann', 'Smith-Jones', 'Jones', "O'Brien"];
  const dates = ['2012-03-04', '2012-04-03', '2012-03-05', '2011-03-04', undefined];
  const postcodes = ['DE22 3AB', 'DE22 3AD', 'NG1 1AA', undefined];
  const arbPerson = fc.record({
    givenName: fc.constantFrom(...names),
    familyName: fc.constantFrom(...names),
    dateOfBirth: fc.constantFrom(...dates),
    postcode: fc.constantFrom(...postcodes),
  });

  it('a look-up with a key selects a person exactly when the person has that key', () => {
    fc.assert(fc.property(arbPerson, arbPerson, (p, q) => {
      const record: PersonRecord = { id: 'x', ...p, identifiers: [] };
      const stored = new Set(blockKeyStrings(record));
      for (const l of queryBlocks(q)) if (l.key) assert.equal(stored.has(l.key), selects(l, record), l.key);
    }));
  });

  it('a person searched for with their own details is always reached', () => {
    fc.assert(fc.property(arbPerson, (p) => {
      const record: PersonRecord = { id: 'x', ...p, identifiers: [] };
      fc.pre(!!p.dateOfBirth || !!p.postcode);
      assert.ok(reaches(p, record).length > 0);
    }));
  });
});
