import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, show } from '../../clocks/domain/test-support';
import { isEmail, normaliseNhsNumber, normalisePhone, normalisePostcode, parseDateParts, parseIsoInstant, parseLondonDateTime, parseTime } from './formats';

describe('postcodes', () => {
  for (const [given, expected] of [
    ['sw1a1aa', 'SW1A 1AA'],
    ['SW1A 1AA', 'SW1A 1AA'],
    [' m1 1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['gir 0aa', 'GIR 0AA'],
  ]) {
    it(`accepts ${given}`, () => assert.equal(normalisePostcode(given), expected));
  }
  for (const bad of ['', '12345', 'SW1A', 'SW1A 1A', 'Q', 'AAA1 1AA', 'SW1A-1AA', '1AA SW1']) {
    it(`refuses "${bad}"`, () => assert.equal(normalisePostcode(bad), undefined));
  }
});

describe('NHS numbers', () => {
  it('accepts a number whose check digit is right, with or without spaces', () => {
    assert.equal(normaliseNhsNumber('9434765919'), '9434765919');
    assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
  });
  it('refuses a wrong check digit, a check of 10, and wrong lengths', () => {
    assert.equal(normaliseNhsNumber('9434765918'), undefined);
    assert.equal(normaliseNhsNumber('0000000060'), undefined, 'remainder gives 10: never valid');
    assert.equal(normaliseNhsNumber('943476591'), undefined);
    assert.equal(normaliseNhsNumber('94347659190'), undefined);
    assert.equal(normaliseNhsNumber('94347659x9'), undefined);
  });
  it('accepts a check digit of 0 (11 - 11)', () => {
    // digits summing to a multiple of 11 under the weights give check 11 → 0
    assert.equal(normaliseNhsNumber('0000000000'), '0000000000');
  });
});

describe('phone numbers', () => {
  it('accepts UK and international formats', () => {
    assert.equal(normalisePhone('01632 960 001'), '01632 960 001');
    assert.equal(normalisePhone('+44 808 157 0192'), '+44 808 157 0192');
    assert.equal(normalisePhone('(01632) 960-001'), '(01632) 960-001');
  });
  it('refuses letters, too few and too many digits', () => {
    assert.equal(normalisePhone('call me'), undefined);
    assert.equal(normalisePhone('12345'), undefined);
    assert.equal(normalisePhone('1234567890123456'), undefined);
    assert.equal(normalisePhone('0163296000+1'), undefined);
  });
});

describe('email addresses', () => {
  it('accepts a plain address and refuses malformed ones', () => {
    assert.equal(isEmail('name@example.com'), true);
    assert.equal(isEmail('name@example'), false);
    assert.equal(isEmail('name example@example.com'), false);
    assert.equal(isEmail('@example.com'), false);
    assert.equal(isEmail(`${'a'.repeat(250)}@e.co`), false);
  });
});

describe('date inputs', () => {
  it('is empty when all three boxes are', () => assert.deepEqual(parseDateParts({}, 'Date of birth'), { kind: 'empty' }));
  it('pads a real date', () => assert.deepEqual(parseDateParts({ day: '1', month: '3', year: '2015' }, 'Date of birth'), { kind: 'date', date: '2015-03-01' }));
  it('says which part is missing', () => {
    assert.deepEqual(parseDateParts({ day: '1', year: '2015' }, 'Date of birth'), { kind: 'error', text: 'Date of birth must include a month' });
    assert.deepEqual(parseDateParts({ year: '2015' }, 'Date of birth'), { kind: 'error', text: 'Date of birth must include a day and a month' });
  });
  it('refuses dates that do not exist and non-numbers', () => {
    assert.equal(parseDateParts({ day: '31', month: '2', year: '2015' }, 'D').kind, 'error');
    assert.equal(parseDateParts({ day: '29', month: '2', year: '2023' }, 'D').kind, 'error');
    assert.equal(parseDateParts({ day: 'x', month: '2', year: '2015' }, 'D').kind, 'error');
    assert.equal(parseDateParts({ day: '1', month: '2', year: '15' }, 'D').kind, 'error');
  });
  it('accepts 29 February in a leap year', () => assert.deepEqual(parseDateParts({ day: '29', month: '2', year: '2024' }, 'D'), { kind: 'date', date: '2024-02-29' }));
});

describe('times and London dates and times', () => {
  it('reads the 24-hour clock in several ways', () => {
    assert.equal(parseTime('14:30'), 870);
    assert.equal(parseTime('9:05'), 545);
    assert.equal(parseTime('14.30'), 870);
    assert.equal(parseTime('1430'), 870);
    assert.equal(parseTime('24:00'), undefined);
    assert.equal(parseTime('12:60'), undefined);
    assert.equal(parseTime('2pm'), undefined);
  });
  it('gives the London instant, in summer time and in winter', () => {
    const summer = parseLondonDateTime({ day: '1', month: '7', year: '2026', time: '10:00' }, 'Date received');
    assert.equal(summer.kind === 'instant' && summer.at.toISOString(), '2026-07-01T09:00:00.000Z');
    const winter = parseLondonDateTime({ day: '1', month: '12', year: '2026', time: '10:00' }, 'Date received');
    assert.equal(winter.kind === 'instant' && show(winter.at), 'Tue 2026-12-01 10:00');
    assert.deepEqual(winter, { kind: 'instant', at: at('2026-12-01 10:00') });
  });
  it('asks for the missing part', () => {
    assert.deepEqual(parseLondonDateTime({ day: '1', month: '7', year: '2026' }, 'Date received'), { kind: 'error', text: 'Date received must include a time' });
    assert.deepEqual(parseLondonDateTime({ time: '10:00' }, 'Date received'), { kind: 'error', text: 'Date received must include a date' });
    assert.equal(parseLondonDateTime({ day: '1', month: '7', year: '2026', time: 'noon' }, 'Date received').kind, 'error');
    assert.deepEqual(parseLondonDateTime({}, 'Date received'), { kind: 'empty' });
  });
});

describe('ISO instants (the API)', () => {
  it('needs an offset and a real date', () => {
    assert.equal(parseIsoInstant('2026-11-23T14:30:00Z')?.toISOString(), '2026-11-23T14:30:00.000Z');
    assert.equal(parseIsoInstant('2026-11-23T14:30:00+01:00')?.toISOString(), '2026-11-23T13:30:00.000Z');
    assert.equal(parseIsoInstant('2026-11-23T14:30Z')?.toISOString(), '2026-11-23T14:30:00.000Z');
    assert.equal(parseIsoInstant('2026-11-23T14:30:00'), undefined, 'no offset: ambiguous');
    assert.equal(parseIsoInstant('2026-02-30T14:30:00Z'), undefined);
    assert.equal(parseIsoInstant('yesterday'), undefined);
  });
});
