import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  daysBetween,
  familyNameKey,
  formatNhsNumber,
  isValidNhsNumber,
  nameTokens,
  nhsCheckDigit,
  normaliseAddress,
  normaliseDate,
  normaliseIdentifierValue,
  normaliseName,
  normaliseNhsNumber,
  normalisePostcode,
  parsePartialPostcode,
  parsePostcode,
  splitGivenNames,
  swapDayMonth,
  yearMonth,
} from './normalise';

describe('names', () => {
  it('lower-cases, drops apostrophes and joins a detached O', () => {
    for (const raw of ["O'Brien", 'O’Brien', 'OBRIEN', 'O Brien', 'o brien']) assert.equal(familyNameKey(raw), 'obrien', raw);
  });

  it('writes Mc as Mac, attached or not', () => {
    for (const raw of ['McDonald', 'MacDonald', 'Mac Donald', 'mc donald', 'MCDONALD']) {
      assert.equal(familyNameKey(raw), 'macdonald', raw);
    }
    assert.equal(familyNameKey('Mack'), 'mack');
  });

  it('splits double-barrelled names but compares them joined', () => {
    assert.deepEqual(nameTokens('Smith-Jones'), ['smith', 'jones']);
    assert.equal(familyNameKey('Smith-Jones'), familyNameKey('Smith Jones'));
    assert.equal(familyNameKey('Van Dijk'), familyNameKey('VANDIJK'));
  });

  it('removes accents and folds letters NFKD leaves alone', () => {
    assert.equal(normaliseName('Zoë'), 'zoe');
    assert.equal(normaliseName('José'), 'jose');
    assert.equal(normaliseName('Łukasz'), 'lukasz');
    assert.equal(normaliseName('Søren'), 'soren');
    assert.equal(normaliseName('Strauß'), 'strauss');
    assert.equal(normaliseName('  Anne-Marie  '), 'anne marie');
  });

  it('treats St, St. and Saint alike', () => {
    assert.equal(familyNameKey('St John'), 'saintjohn');
    assert.equal(familyNameKey('St. John'), 'saintjohn');
    assert.equal(familyNameKey('Saint-John'), 'saintjohn');
  });

  it('splits given names into the first and the middle ones', () => {
    assert.deepEqual(splitGivenNames('Mary-Jane Anne'), { first: 'mary', middle: ['jane', 'anne'], joined: 'maryjaneanne' });
    assert.deepEqual(splitGivenNames(undefined), { first: '', middle: [], joined: '' });
    assert.deepEqual(nameTokens('  '), []);
  });
});

describe('postcodes', () => {
  it('normalises case and spacing', () => {
    assert.equal(normalisePostcode('sw1a1aa'), 'SW1A 1AA');
    assert.equal(normalisePostcode('  SW1A   1AA '), 'SW1A 1AA');
    assert.equal(normalisePostcode('de22-3ab'), 'DE22 3AB');
  });

  it('accepts every outward shape', () => {
    for (const pc of ['M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB']) assert.equal(normalisePostcode(pc), pc);
  });

  it('refuses what is not a postcode', () => {
    for (const pc of ['SW1A 1CA', 'QW1 1AA', '12345', 'SW1A', 'SW1A 1AAA', '', 'not a postcode']) {
      assert.equal(normalisePostcode(pc), undefined, pc);
    }
  });

  it('gives outward code, sector and area', () => {
    assert.deepEqual(parsePostcode('sw1a 1aa'), { postcode: 'SW1A 1AA', outward: 'SW1A', inward: '1AA', sector: 'SW1A 1', area: 'SW' });
    assert.equal(parsePostcode('M1 1AE')?.area, 'M');
  });

  it('reads a district or sector typed alone', () => {
    assert.deepEqual(parsePartialPostcode('de22'), { outward: 'DE22', area: 'DE' });
    assert.deepEqual(parsePartialPostcode('DE22 3'), { outward: 'DE22', sector: 'DE22 3', area: 'DE' });
    assert.equal(parsePartialPostcode('DE22 3A'), undefined);
    assert.equal(parsePartialPostcode('DE22 3AB')?.postcode, 'DE22 3AB');
  });
});

describe('addresses', () => {
  it('writes out street abbreviations and drops punctuation', () => {
    assert.equal(normaliseAddress('12 Elm Rd.'), '12 elm road');
    assert.equal(normaliseAddress('Flat 3, 12 Willow Cl'), 'flat 3 12 willow close');
    assert.equal(normaliseAddress('Flat 3, 12 Willow Cl'), normaliseAddress('flat 3 12 willow close'));
    assert.equal(normaliseAddress(undefined), '');
  });
});

describe('NHS numbers', () => {
  it('computes the modulus 11 check digit', () => {
    assert.equal(nhsCheckDigit('943476591'), 9);
    assert.equal(nhsCheckDigit('999000001'), 8);
    // remainder 1 → check digit 10: never issued
    assert.equal(nhsCheckDigit('999000000'), undefined);
    assert.equal(nhsCheckDigit('12345'), undefined);
  });

  it('accepts valid numbers with spaces or hyphens', () => {
    assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
    assert.equal(normaliseNhsNumber('999-000-0018'), '9990000018');
    assert.ok(isValidNhsNumber('9990000018'));
  });

  it('refuses a wrong check digit, wrong length and placeholders', () => {
    assert.equal(normaliseNhsNumber('9990000019'), undefined);
    assert.equal(normaliseNhsNumber('999000001'), undefined);
    // passes the check digit but is a placeholder
    assert.equal(nhsCheckDigit('999999999'), 9);
    assert.equal(normaliseNhsNumber('9999999999'), undefined);
    assert.equal(normaliseNhsNumber('0000000000'), undefined);
  });

  it('catches a single mistyped digit or two swapped digits', () => {
    const valid = '9434765919';
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        assert.equal(normaliseNhsNumber(valid.slice(0, i) + d + valid.slice(i + 1)), undefined);
      }
    }
    assert.equal(normaliseNhsNumber('4934765919'), undefined);
  });

  it('formats 3-3-4', () => assert.equal(formatNhsNumber('9990000018'), '999 000 0018'));
});

describe('identifiers', () => {
  it('ignores case, spaces and separators', () => assert.equal(normaliseIdentifierValue('lcs 001-234/5'), 'LCS0012345'));
});

describe('dates', () => {
  it('takes ISO and UK day-first forms', () => {
    assert.equal(normaliseDate('2012-03-04'), '2012-03-04');
    assert.equal(normaliseDate('04/03/2012'), '2012-03-04');
    assert.equal(normaliseDate('4.3.2012'), '2012-03-04');
    assert.equal(normaliseDate('4-3-2012'), '2012-03-04');
  });

  it('refuses dates that do not exist', () => {
    assert.equal(normaliseDate('2012-02-30'), undefined);
    assert.equal(normaliseDate('29/02/2023'), undefined);
    assert.equal(normaliseDate('29/02/2024'), '2024-02-29');
    assert.equal(normaliseDate('2012-13-01'), undefined);
    assert.equal(normaliseDate('12/31/2012'), undefined);
    assert.equal(normaliseDate('yesterday'), undefined);
  });

  it('swaps day and month only when that gives another real date', () => {
    assert.equal(swapDayMonth('2012-03-04'), '2012-04-03');
    assert.equal(swapDayMonth('2012-03-13'), undefined);
    assert.equal(swapDayMonth('2012-03-03'), undefined);
  });

  it('counts days across months, years and leap days', () => {
    assert.equal(daysBetween('2023-12-31', '2024-01-01'), 1);
    assert.equal(daysBetween('2024-03-01', '2024-02-28'), -2);
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(yearMonth('2012-03-04'), '2012-03');
    assert.equal(yearMonth('2012-03-40'), undefined);
  });
});
