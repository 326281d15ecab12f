import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSex, validatePerson } from './person-validation';

const today = '2026-11-23';
const fields = (input: Parameters<typeof validatePerson>[0]) => validatePerson(input, { today }).errors.map((e) => e.field);

describe('a person record', () => {
  it('keeps values normalised: postcode, NHS number, IDs, dates in UK order', () => {
    const { value } = validatePerson(
      {
        givenName: '  Mary   Ann ',
        familyName: "O'Brien",
        dateOfBirth: '1/2/2015',
        postcode: 'de223ab',
        nhsNumber: '943 476 5919',
        sex: 'F',
        identifiers: [{ source: ' LA ', value: 'lcs-001 234' }, { source: 'la', value: 'LCS001234' }],
        address: ' 1 Elm Road\r\nLittle Town ',
      },
      { today },
    );
    assert.ok(value);
    assert.equal(value.givenName, 'Mary Ann');
    assert.equal(value.dateOfBirth, '2015-02-01');
    assert.equal(value.postcode, 'DE22 3AB');
    assert.equal(value.nhsNumber, '9434765919');
    assert.equal(value.sex, 'female');
    assert.deepEqual(value.identifiers, [{ source: 'la', value: 'LCS001234' }], 'the same ID twice is kept once');
    assert.equal(value.address, '1 Elm Road\nLittle Town');
    assert.equal(value.caseStatus, 'not-known');
  });
  it('needs a first or a last name', () => {
    assert.deepEqual(fields({}), ['givenName']);
    assert.deepEqual(fields({ familyName: 'Testchild' }), []);
    assert.deepEqual(fields({ givenName: '123' }), ['givenName']);
  });
  it('refuses what cannot be true', () => {
    assert.deepEqual(fields({ familyName: 'X', dateOfBirth: '2015-02-30' }), ['dateOfBirth']);
    assert.deepEqual(fields({ familyName: 'X', dateOfBirth: '2026-11-24' }), ['dateOfBirth']);
    assert.deepEqual(fields({ familyName: 'X', dateOfBirth: '1899-12-31' }), ['dateOfBirth']);
    assert.deepEqual(fields({ familyName: 'X', postcode: 'DE22' }), ['postcode']);
    assert.deepEqual(fields({ familyName: 'X', nhsNumber: '9434765910' }), ['nhsNumber']);
    assert.deepEqual(fields({ familyName: 'X', sex: 'yes' }), ['sex']);
    assert.deepEqual(fields({ familyName: 'X', caseStatus: 'closed' }), ['caseStatus']);
    assert.deepEqual(fields({ familyName: 'X', allocatedWorkerId: 'someone' }), ['allocatedWorkerId']);
    assert.deepEqual(fields({ familyName: 'X', caseStatus: 'open', allocatedWorkerId: 'someone' }), []);
  });
  it('refuses control characters (PostgreSQL cannot store a NUL) and over-long values', () => {
    assert.deepEqual(fields({ familyName: 'Test\u0000child' }), ['familyName']);
    assert.deepEqual(fields({ familyName: 'X'.repeat(101) }), ['familyName']);
    assert.deepEqual(fields({ familyName: 'X', address: 'a\u0007b' }), ['address']);
    assert.deepEqual(fields({ familyName: 'X', identifiers: [{ source: 'police', value: 'X'.repeat(41) }] }), ['identifiers[0].value']);
    assert.deepEqual(fields({ familyName: 'X', identifiers: [{ source: 'po/lice', value: 'A1' }] }), ['identifiers[0].source']);
    assert.deepEqual(fields({ familyName: 'X', identifiers: [{ source: '', value: 'A1' }] }), ['identifiers[0].source']);
  });
  it('reads sex the ways systems write it', () => {
    assert.equal(parseSex('Male'), 'male');
    assert.equal(parseSex('u'), 'unknown');
    assert.equal(parseSex('not-known'), 'unknown');
    assert.equal(parseSex('x'), undefined);
  });
});
