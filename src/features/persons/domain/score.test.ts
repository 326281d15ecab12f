import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LEVEL_BITS, REFERENCE_BITS, THRESHOLDS, bandFor, rankCandidates, scoreCandidate } from './score';
import type { PersonQuery, PersonRecord, ReasonCode } from './types';

// Synthetic people: no real individuals.
const william: PersonRecord = {
  id: 'p-william',
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
const twin: PersonRecord = { ...william, id: 'p-twin', givenName: 'James', otherNames: undefined, nhsNumber: '9990000026', identifiers: [] };

const codes = (q: PersonQuery, r: PersonRecord = william) => scoreCandidate(q, r).reasons.map((x) => x.code);
const texts = (q: PersonQuery, r: PersonRecord = william) => scoreCandidate(q, r).reasons.map((x) => x.text);
const has = (q: PersonQuery, code: ReasonCode, r: PersonRecord = william) => assert.ok(codes(q, r).includes(code), `${code} not in ${codes(q, r)}`);

const full: PersonQuery = { givenName: 'William', familyName: 'Thompson', dateOfBirth: '2012-03-04', postcode: 'DE22 3AB' };

describe('absolute scale', () => {
  it('scores an exact duplicate 100, strong, with the reasons in words', () => {
    const r = scoreCandidate({ ...full, address: '12 Elm Rd', nhsNumber: '999 000 0018', laId: 'LCS0001234', sex: 'male' }, william);
    assert.equal(r.score, 100);
    assert.equal(r.band, 'strong');
    for (const t of ['same NHS number', 'same LA ID', 'same surname', 'same first name', 'same date of birth', 'same postcode', 'same address', 'same sex']) {
      assert.ok(r.reasons.some((x) => x.text === t), t);
    }
  });

  it('never calls a name alone strong, however exact', () => {
    const first = scoreCandidate({ givenName: 'William', familyName: 'Thompson', sex: 'male' }, william);
    assert.equal(first.band, 'weak');
    const all = scoreCandidate({ givenName: 'William Henry', familyName: 'Thompson', sex: 'male' }, william);
    assert.equal(all.band, 'possible');
  });

  it('does not count a shared date of birth fully within one household without the first name', () => {
    const r = scoreCandidate({ familyName: 'Thompson', dateOfBirth: '2012-03-04', postcode: 'DE22 3AB' }, william);
    assert.equal(r.band, 'possible', 'could be a twin');
    assert.ok(r.reasons.some((x) => x.code === 'dob-exact' && x.text.includes('twins')), 'explains why');
    const withoutPostcode = scoreCandidate({ familyName: 'Thompson', dateOfBirth: '2012-03-04' }, william);
    assert.ok(r.evidenceBits >= withoutPostcode.evidenceBits, 'an agreeing postcode never lowers the score');
  });

  it('calls name and date of birth strong, name and postcode possible', () => {
    assert.equal(scoreCandidate({ givenName: 'William', familyName: 'Thompson', dateOfBirth: '2012-03-04' }, william).band, 'strong');
    assert.equal(scoreCandidate({ givenName: 'William', familyName: 'Thompson', postcode: 'DE22 3AB' }, william).band, 'possible');
  });

  it('needs more than an NHS number alone for strong', () => {
    assert.equal(scoreCandidate({ nhsNumber: '9990000018' }, william).band, 'possible');
    assert.equal(scoreCandidate({ nhsNumber: '9990000018', familyName: 'Thompson' }, william).band, 'strong');
  });

  it('has reasons that add up to the score', () => {
    const r = scoreCandidate({ givenName: 'Bill', familyName: 'Smyth', dateOfBirth: '2012-04-03' }, { ...william, familyName: 'Smith' });
    const sum = r.reasons.reduce((s, x) => s + x.weight, 0);
    assert.ok(Math.abs(sum - r.score) <= 1, `${sum} vs ${r.score}`);
    assert.ok(Math.abs(r.evidenceBits * 100 / REFERENCE_BITS - sum) < 0.5);
  });

  it('derives every weight from m and u: agreement positive, disagreement negative', () => {
    for (const code of ['family-exact', 'given-exact', 'dob-exact', 'postcode-exact', 'nhs-same', 'dob-day-month-swapped'] as const) assert.ok(LEVEL_BITS[code] > 0, code);
    for (const code of ['family-different', 'given-different', 'dob-different', 'postcode-different', 'nhs-different', 'sex-different'] as const) assert.ok(LEVEL_BITS[code] < 0, code);
  });

  it('bands by fixed thresholds', () => {
    assert.equal(bandFor(80), 'strong');
    assert.equal(bandFor(79), 'possible');
    assert.equal(bandFor(55), 'possible');
    assert.equal(bandFor(54), 'weak');
  });
});

describe('names', () => {
  it('recognises a nickname and says which', () => {
    const r = scoreCandidate({ ...full, givenName: 'Bill' }, william);
    assert.ok(r.reasons.some((x) => x.code === 'given-nickname' && x.text === 'first name is a known nickname (Bill → William)'));
    assert.equal(r.band, 'strong');
  });

  it('hears a surname that sounds alike', () => {
    has({ ...full, familyName: 'Smyth' }, 'family-sounds-alike', { ...william, familyName: 'Smith' });
    assert.ok(texts({ ...full, familyName: 'Smyth' }, { ...william, familyName: 'Smith' }).includes('surname sounds alike'));
  });

  it('forgives a typing slip', () => {
    has({ ...full, familyName: 'Thomspon' }, 'family-similar');
    has({ ...full, givenName: 'Wiliam' }, 'given-sounds-alike');
    has({ ...full, givenName: 'Wlliam' }, 'given-similar');
  });

  it('reads names entered the wrong way round', () => {
    const r = scoreCandidate({ givenName: 'THOMPSON', familyName: 'WILLIAM', dateOfBirth: '2012-03-04' }, william);
    assert.ok(r.reasons.some((x) => x.text === 'given and family names swapped'));
    assert.equal(r.band, 'strong');
  });

  it('matches a previous surname', () => has({ ...full, familyName: 'Okafor' }, 'family-other-name'));

  it('matches a first name against a middle name', () => {
    assert.ok(texts({ ...full, givenName: 'Henry' }).includes('first name matches a middle name'));
  });

  it('counts middle names only when both sides give one', () => {
    has({ ...full, givenName: 'William Henry' }, 'middle-same');
    has({ ...full, givenName: 'William George' }, 'middle-different');
    assert.ok(!codes({ ...full, givenName: 'William' }).some((c) => c.startsWith('middle')));
  });

  it('takes a short form the table lacks as weaker evidence', () => {
    const matilda = { ...william, givenName: 'Matilda', sex: 'female' as const };
    const r = scoreCandidate({ ...full, givenName: 'Tilda' }, matilda);
    assert.ok(r.reasons.some((x) => x.text === 'first name may be a short form (Tilda → Matilda)'));
    assert.ok(LEVEL_BITS['given-short-form'] < LEVEL_BITS['given-nickname']);
  });

  it('matches double-barrelled names by part', () => has({ ...full, familyName: 'Thompson-Reed' }, 'family-part'));

  it('ignores case, accents, apostrophes and Mc/Mac', () => {
    const r = { ...william, givenName: 'Zoë', familyName: "O'Brien-McDonald" };
    has({ givenName: 'ZOE', familyName: 'obrien macdonald', dateOfBirth: '2012-03-04' }, 'family-exact', r);
    has({ givenName: 'ZOE', familyName: 'obrien macdonald', dateOfBirth: '2012-03-04' }, 'given-exact', r);
  });
});

describe('dates of birth', () => {
  const cases: [string, ReasonCode, string][] = [
    ['04/03/2012', 'dob-exact', 'same date of birth'],
    ['2012-04-03', 'dob-day-month-swapped', 'day and month of birth swapped'],
    ['2012-03-05', 'dob-one-day', 'date of birth one day apart'],
    ['2012-03-03', 'dob-one-day', 'date of birth one day apart'],
    ['2011-03-04', 'dob-year-one', 'year of birth differs by one'],
    ['2012-03-24', 'dob-one-digit', 'date of birth differs by one digit'],
    ['2012-03-20', 'dob-same-month-year', 'same month and year of birth'],
    ['1987-11-23', 'dob-different', 'different date of birth'],
  ];
  for (const [dob, code, text] of cases) {
    it(`${dob}: ${text}`, () => {
      const r = scoreCandidate({ ...full, dateOfBirth: dob }, william);
      assert.ok(r.reasons.some((x) => x.code === code && x.text === text), 'reason');
    });
  }

  it('ranks the slips between exact and different', () => {
    const score = (dob: string) => scoreCandidate({ ...full, dateOfBirth: dob }, william).score;
    assert.ok(score('2012-03-04') > score('2012-04-03'));
    assert.ok(score('2012-04-03') > score('1987-11-23'));
    assert.ok(score('2012-03-05') > score('2012-03-20'));
  });

  it('gives the brief\'s example in words', () => {
    const smith = { ...william, familyName: 'Smith' };
    const t = texts({ givenName: 'William', familyName: 'Smyth', dateOfBirth: '2012-04-03', postcode: 'DE22 3AB' }, smith);
    assert.deepEqual(t.filter((x) => x !== 'same first name'), ['surname sounds alike', 'day and month of birth swapped', 'same postcode']);
  });
});

describe('addresses and postcodes', () => {
  it('still calls name and date of birth strong after a move', () => {
    const r = scoreCandidate({ ...full, postcode: 'NG1 1AA', address: '3 Mill Lane' }, william);
    assert.ok(r.reasons.some((x) => x.text === 'different postcode' && x.weight < 0));
    assert.equal(r.band, 'strong');
  });

  it('grades postcodes by how near', () => {
    has({ ...full, postcode: 'DE22 3AD' }, 'postcode-one-character');
    has({ ...full, postcode: 'DE22 3XY' }, 'postcode-sector');
    has({ ...full, postcode: 'DE22 5XY' }, 'postcode-district');
    has({ ...full, postcode: 'de22' }, 'postcode-district');
  });

  it('uses the address when the postcode is missing or mistyped', () => {
    has({ givenName: 'William', familyName: 'Thompson', address: '12 Elm Rd' }, 'address-exact');
    has({ givenName: 'William', familyName: 'Thompson', address: '12 Elm Road', postcode: 'DE22 3AD' }, 'address-exact');
    has({ givenName: 'William', familyName: 'Thompson', address: 'Flat 1, 12 Elm Road' }, 'address-similar');
    has({ ...full, address: '80 Station Street' }, 'address-different');
  });
});

describe('identifiers and sex', () => {
  it('compares the LA ID and other agency IDs by source', () => {
    assert.ok(texts({ laId: 'lcs-0001234' }).includes('same LA ID'));
    assert.ok(texts({ laId: 'LCS0009999' }).includes('different LA ID'));
    assert.ok(texts({ identifiers: [{ source: 'Police', value: 'PN1' }] }, { ...william, identifiers: [{ source: 'police', value: 'PN1' }] }).includes('same police ID'), 'police ID');
    assert.deepEqual(codes({ identifiers: [{ source: 'police', value: 'PN1' }] }), [], 'no police ID on record: neutral');
  });

  it('counts a different NHS number against', () => {
    const r = scoreCandidate({ ...full, nhsNumber: '9990000026' }, william);
    assert.ok(r.reasons.some((x) => x.text === 'different NHS number' && x.weight < 0));
    has({ ...full, nhsNumber: '1234567890' }, 'family-exact');
    assert.ok(!codes({ ...full, nhsNumber: '1234567890' }).some((c) => c.startsWith('nhs')), 'an invalid number is ignored');
  });

  it('counts sex only when both are known', () => {
    has({ ...full, sex: 'female' }, 'sex-different');
    assert.ok(!codes({ ...full, sex: 'unknown' }).includes('sex-same'));
  });
});

describe('missing fields are neutral', () => {
  it('a field on one side only adds nothing', () => {
    const withoutDob = { ...william, dateOfBirth: undefined };
    assert.equal(scoreCandidate(full, withoutDob).evidenceBits, scoreCandidate({ ...full, dateOfBirth: undefined }, william).evidenceBits);
    assert.equal(scoreCandidate({ ...full, postcode: 'DE22 3AB' }, { ...william, postcode: undefined }).evidenceBits, scoreCandidate({ ...full, postcode: undefined }, william).evidenceBits);
    assert.deepEqual(scoreCandidate({}, william), { score: 0, band: 'weak', reasons: [], evidenceBits: 0 });
  });
});

describe('rankCandidates', () => {
  const others: PersonRecord[] = [
    twin,
    { ...william, id: 'p-cousin', givenName: 'William', dateOfBirth: '2009-07-30', nhsNumber: undefined, identifiers: [], otherNames: undefined },
    { id: 'p-other', givenName: 'Olivia', familyName: 'Begum', dateOfBirth: '1988-11-23', identifiers: [] },
  ];

  it('puts the true person above a twin, and the twin below strong', () => {
    const ranked = rankCandidates({ ...full, sex: 'male' }, [...others, william]);
    assert.equal(ranked[0].candidate.id, 'p-william');
    const t = ranked.find((r) => r.candidate.id === 'p-twin')!;
    assert.notEqual(t.band, 'strong');
    assert.ok(t.reasons.some((x) => x.text === 'different first name'));
  });

  it('sorts by evidence, breaks ties by id and honours the limit', () => {
    const a = { ...twin, id: 'b' };
    const b = { ...twin, id: 'a' };
    const ranked = rankCandidates(full, [a, william, b], 2);
    assert.deepEqual(ranked.map((r) => r.candidate.id), ['p-william', 'a']);
  });
});

describe('properties', () => {
  const given = fc.constantFrom('William', 'Bill', 'Liam', 'Mary Ann', 'Ann', 'Katie', 'Catherine', 'Jhon', 'John', 'Jack', 'Ava');
  const family = fc.constantFrom('Thompson', 'Thomson', 'Smith', 'Smyth', "O'Brien", 'Smith-Jones', 'Okafor', 'Begum');
  const dob = fc.constantFrom('2012-03-04', '2012-04-03', '2012-03-05', '2011-03-04', '1988-11-23', undefined);
  const postcode = fc.constantFrom('DE22 3AB', 'DE22 3AD', 'DE22 5XY', 'NG1 1AA', undefined);
  const sex = fc.constantFrom('female' as const, 'male' as const, 'unknown' as const, undefined);
  const nhs = fc.constantFrom('9990000018', '9990000026', undefined);
  const record = fc.record({ id: fc.constantFrom('a', 'b', 'c'), givenName: given, familyName: family, dateOfBirth: dob, postcode, sex, nhsNumber: nhs })
    .map((r): PersonRecord => ({ ...r, identifiers: [] }));
  const query = fc.record({ givenName: fc.option(given, { nil: undefined }), familyName: fc.option(family, { nil: undefined }), dateOfBirth: dob, postcode, sex, nhsNumber: nhs });

  it('a score is a whole number from 0 to 100 and its band follows the thresholds', () => {
    fc.assert(fc.property(query, record, (q, r) => {
      const s = scoreCandidate(q, r);
      assert.ok(Number.isInteger(s.score) && s.score >= 0 && s.score <= 100);
      assert.equal(s.band, bandFor(s.score));
    }));
  });

  it('an exact duplicate with a date of birth is always strong', () => {
    fc.assert(fc.property(record, (r) => {
      fc.pre(!!r.dateOfBirth);
      const q: PersonQuery = { givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth, postcode: r.postcode, sex: r.sex, nhsNumber: r.nhsNumber };
      assert.equal(scoreCandidate(q, r).band, 'strong');
    }));
  });

  it('how a query is typed does not matter (case, UK dates, postcode spacing, NHS spaces)', () => {
    fc.assert(fc.property(query, record, (q, r) => {
      const shouted: PersonQuery = {
        ...q,
        givenName: q.givenName?.toUpperCase(),
        familyName: q.familyName?.toLowerCase(),
        dateOfBirth: q.dateOfBirth && `${q.dateOfBirth.slice(8)}/${q.dateOfBirth.slice(5, 7)}/${q.dateOfBirth.slice(0, 4)}`,
        postcode: q.postcode?.toLowerCase().replace(' ', ''),
        nhsNumber: q.nhsNumber && `${q.nhsNumber.slice(0, 3)} ${q.nhsNumber.slice(3, 6)} ${q.nhsNumber.slice(6)}`,
      };
      assert.deepEqual(scoreCandidate(shouted, r), scoreCandidate(q, r));
    }));
  });

  it('agreeing evidence never lowers a score: adding the true date of birth or postcode', () => {
    fc.assert(fc.property(query, record, (q, r) => {
      const bitsOf = (x: PersonQuery) => scoreCandidate(x, r).evidenceBits;
      if (r.dateOfBirth) assert.ok(bitsOf({ ...q, dateOfBirth: r.dateOfBirth }) >= bitsOf({ ...q, dateOfBirth: undefined }), 'dob');
      if (r.postcode) assert.ok(bitsOf({ ...q, postcode: r.postcode }) >= bitsOf({ ...q, postcode: undefined }), 'postcode');
    }));
  });

  it('the ranking does not depend on the order candidates arrive in', () => {
    fc.assert(fc.property(query, fc.array(record, { maxLength: 8 }), (q, rs) => {
      const withIds = rs.map((r, i) => ({ ...r, id: `${r.id}${i}` }));
      const ids = (list: PersonRecord[]) => rankCandidates(q, list, 10).map((x) => x.candidate.id);
      assert.deepEqual(ids([...withIds].reverse()), ids(withIds));
    }));
  });
});
