import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseDate, normaliseNhsNumber, parsePostcode } from '../../src/features/persons/domain/normalise';
import { drawGivenName, drawSurname, syllableGivenName, syllableSurname } from './names';
import { REFERENCE_DATE, generatePersons, generateQueries, postcodeAt, type SyntheticPerson } from './persons';
import { createRng } from './rng';

const persons = [...generatePersons('test', 5000)];
const age = (dob: string) => (Date.parse(REFERENCE_DATE) - Date.parse(dob)) / (365.25 * 86_400_000);

describe('names', () => {
  it('draws a varied mix of listed and invented names', () => {
    const rng = createRng('names');
    const surnames = new Set(Array.from({ length: 5000 }, () => drawSurname(rng)));
    const given = new Set(Array.from({ length: 5000 }, () => drawGivenName(rng, 'female', 'modern')));
    assert.ok(surnames.size > 1500, `${surnames.size} surnames`);
    assert.ok(given.size > 150, `${given.size} given names`);
  });

  it('invents names that look like names', () => {
    const rng = createRng('syllables');
    for (let i = 0; i < 200; i++) {
      for (const n of [syllableSurname(rng), syllableGivenName(rng, 'male'), syllableGivenName(rng, 'female')]) {
        assert.match(n, /^[A-Z][a-z]{2,}$/);
      }
    }
  });
});

describe('generatePersons', () => {
  it('is deterministic and seed-dependent', () => {
    assert.deepEqual([...generatePersons('test', 5000)], persons);
    assert.notDeepEqual([...generatePersons('other', 5000)], persons);
  });

  it('yields exactly the number asked for, with unique ids', () => {
    assert.equal(persons.length, 5000);
    assert.equal(new Set(persons.map((p) => p.id)).size, 5000);
    assert.equal([...generatePersons('test', 0)].length, 0);
  });

  it('gives valid, unique NHS numbers from the 999 test range', () => {
    const nhs = persons.flatMap((p) => (p.nhsNumber ? [p.nhsNumber] : []));
    assert.ok(nhs.length > 0.8 * persons.length);
    assert.equal(new Set(nhs).size, nhs.length);
    for (const n of nhs) {
      assert.ok(n.startsWith('999'), n);
      assert.equal(normaliseNhsNumber(n), n);
    }
  });

  it('gives valid postcodes, real dates and realistic ages', () => {
    for (const p of persons) {
      if (p.postcode) assert.equal(parsePostcode(p.postcode)?.postcode, p.postcode);
      if (p.dateOfBirth) {
        assert.equal(normaliseDate(p.dateOfBirth), p.dateOfBirth);
        assert.ok(age(p.dateOfBirth) >= 0 && age(p.dateOfBirth) < 95, p.dateOfBirth);
      }
    }
    const children = persons.filter((p) => p.dateOfBirth && age(p.dateOfBirth) < 18).length;
    assert.ok(children > 0.3 * persons.length && children < 0.6 * persons.length, `${children} children`);
    assert.ok(persons.some((p) => !p.postcode), 'some have no fixed abode');
    assert.ok(persons.some((p) => !p.dateOfBirth), 'some have no date of birth');
  });

  it('keeps households together: one address, mostly one surname', () => {
    const households = new Map<string, SyntheticPerson[]>();
    for (const p of persons) households.set(p.householdId, [...(households.get(p.householdId) ?? []), p]);
    let shared = 0;
    let pairs = 0;
    for (const members of households.values()) {
      assert.equal(new Set(members.map((m) => `${m.postcode}|${m.address}`)).size, 1);
      for (const m of members.slice(1)) {
        pairs++;
        if (m.familyName === members[0].familyName) shared++;
      }
    }
    assert.ok(shared / pairs > 0.6 && shared / pairs < 0.95, `${shared}/${pairs}`);
    assert.ok(persons.some((p) => p.otherNames?.length), 'some have a previous surname');
    assert.ok(persons.some((p) => p.familyName.includes('-')), 'some have double-barrelled surnames');
  });

  it('includes twins: same household and date of birth, different first names', () => {
    const seen = new Map<string, SyntheticPerson>();
    let twins = 0;
    for (const p of persons) {
      const key = `${p.householdId}|${p.dateOfBirth}`;
      const other = seen.get(key);
      if (other && p.dateOfBirth) {
        twins++;
        assert.notEqual(other.givenName.split(' ')[0], p.givenName.split(' ')[0]);
      }
      seen.set(key, p);
    }
    assert.ok(twins > 0);
  });

  it('maps postcode numbers to nearby places', () => {
    assert.equal(postcodeAt(0), 'DE1 0AE');
    assert.equal(postcodeAt(1).slice(0, -2), postcodeAt(0).slice(0, -2), 'neighbours share a sector');
    for (let n = 0; n < 64_000; n += 997) assert.ok(parsePostcode(postcodeAt(n)), postcodeAt(n));
  });
});

describe('generateQueries', () => {
  const queries = [...generateQueries('test', persons, 1000)];

  it('is deterministic', () => {
    assert.deepEqual([...generateQueries('test', persons, 1000)], queries);
    assert.notDeepEqual([...generateQueries('other', persons, 1000)], queries);
  });

  it('samples distinct true persons that exist', () => {
    const ids = new Set(persons.map((p) => p.id));
    assert.equal(queries.length, 1000);
    assert.equal(new Set(queries.map((q) => q.trueId)).size, 1000);
    for (const q of queries) assert.ok(ids.has(q.trueId));
  });

  it('works from a stream, holding only the sample', () => {
    const streamed = [...generateQueries('test', generatePersons('test', 5000), 1000)];
    assert.deepEqual(streamed, queries);
  });

  it('makes realistic errors at realistic rates', () => {
    const count = (e: string) => queries.filter((q) => q.errors.includes(e as never)).length;
    assert.ok(queries.filter((q) => q.errors.length === 0).length > 250, 'many are clean');
    for (const e of ['nickname', 'given-typo', 'family-typo', 'names-swapped', 'dob-swapped', 'dob-one-day', 'dob-year', 'moved', 'dob-missing', 'postcode-missing']) {
      assert.ok(count(e) > 5, `${e}: ${count(e)}`);
    }
    assert.ok(count('dob-missing') < 250);
  });

  it('writes queries the way people type them', () => {
    assert.ok(queries.some((q) => q.query.dateOfBirth?.includes('/')), 'UK date order');
    assert.ok(queries.some((q) => q.query.familyName && q.query.familyName === q.query.familyName.toUpperCase()), 'capitals');
    assert.ok(queries.some((q) => q.query.postcode && !q.query.postcode.includes(' ')), 'postcode without space');
    for (const q of queries) if (q.query.dateOfBirth) assert.ok(normaliseDate(q.query.dateOfBirth), q.query.dateOfBirth);
  });

  it('applies the error it names', () => {
    const byId = new Map(persons.map((p) => [p.id, p]));
    for (const q of queries) {
      const p = byId.get(q.trueId)!;
      if (q.errors.includes('dob-missing')) assert.equal(q.query.dateOfBirth, undefined);
      if (q.errors.includes('names-swapped') && q.query.familyName && !q.errors.some((e) => e.includes('typo') || e === 'nickname' || e === 'given-missing' || e === 'family-missing' || e === 'middle-as-first')) {
        const typed = q.query.familyName.toLowerCase();
        assert.ok(typed === p.givenName.toLowerCase() || typed === p.givenName.split(' ')[0].toLowerCase(), typed);
      }
      if (q.errors.length === 0 && q.query.familyName) assert.equal(q.query.familyName.toLowerCase(), p.familyName.toLowerCase());
    }
  });
});
