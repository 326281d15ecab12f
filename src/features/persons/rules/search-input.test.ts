import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSearch } from './search-input';

describe('a search as typed', () => {
  it('keeps what the matcher can use, normalised where the form allows two ways', () => {
    const { value } = validateSearch({ givenName: ' Alex ', familyName: 'TESTCHILD', dateOfBirth: '01/04/2016', postcode: 'de22', nhsNumber: '943 476 5919', laId: 'LCS1', identifiers: [{ value: 'pn-1' }, { source: 'Police', value: 'PN2' }], sex: 'female' });
    assert.ok(value);
    assert.deepEqual(value.query, { givenName: 'Alex', familyName: 'TESTCHILD', dateOfBirth: '2016-04-01', postcode: 'de22', nhsNumber: '9434765919', laId: 'LCS1', identifiers: [{ source: 'police', value: 'PN2' }], sex: 'female' });
    assert.deepEqual(value.anySourceIds, ['PN1'], 'an ID without its source is looked up in every source');
    assert.equal(value.fieldCount, 9);
  });
  it('needs something to find a person by: an address or sex alone finds nobody', () => {
    assert.deepEqual(validateSearch({}).errors.map((e) => e.field), ['familyName']);
    assert.deepEqual(validateSearch({ sex: 'male' }).errors.map((e) => e.field), ['familyName']);
    assert.deepEqual(validateSearch({ address: '1 Elm Road' }).errors.map((e) => e.field), ['postcode']);
    assert.ok(validateSearch({ givenName: 'Alex' }).value, 'one name is a (broad) search');
  });
  it('refuses values that cannot be what they say', () => {
    assert.deepEqual(validateSearch({ familyName: 'X', dateOfBirth: '31/02/2016' }).errors.map((e) => e.field), ['dateOfBirth']);
    assert.deepEqual(validateSearch({ familyName: 'X', postcode: 'nowhere' }).errors.map((e) => e.field), ['postcode']);
    assert.deepEqual(validateSearch({ familyName: 'X', nhsNumber: '123' }).errors.map((e) => e.field), ['nhsNumber']);
    assert.deepEqual(validateSearch({ familyName: 'X\u0000' }).errors.map((e) => e.field), ['familyName']);
    assert.deepEqual(validateSearch({ familyName: 'X', sex: 'other' }).errors.map((e) => e.field), ['sex']);
  });
});
