import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOtherNames, personErrors, personInputOf, readPerson, searchErrors, searchInputOf, readSearch } from './forms';

describe('person index forms', () => {
  it('other names: one a line, the last word the family name', () => {
    assert.deepEqual(parseOtherNames('Jo  Ann Smith\r\n\nJones\n'), [{ givenName: 'Jo Ann', familyName: 'Smith' }, { familyName: 'Jones' }]);
  });
  it('the date boxes read as the UK order; empty boxes are no date', () => {
    assert.equal(searchInputOf(readSearch({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016' })).dateOfBirth, '1/4/2016');
    assert.equal(searchInputOf(readSearch({})).dateOfBirth, '');
    assert.deepEqual(searchInputOf(readSearch({ otherId: 'PN1' })).identifiers, [{ value: 'PN1' }]);
  });
  it('IDs in fixed rows, so that an error points at its box', () => {
    const input = personInputOf(readPerson({ laId: 'LCS1', 'otherId-1-source': 'police', 'otherId-1-value': 'PN1', caseStatus: 'known', allocatedWorkerId: 'x' }));
    assert.deepEqual(input.identifiers, [
      { source: 'la', value: 'LCS1' },
      { source: '', value: '' },
      { source: 'police', value: 'PN1' },
      { source: '', value: '' },
    ]);
    assert.equal(input.allocatedWorkerId, '', 'a worker only for an open case');
    assert.deepEqual(
      personErrors([{ field: 'identifiers[0].value', text: 'a' }, { field: 'identifiers[2].source', text: 'b' }, { field: 'dateOfBirth', text: 'c' }, { field: 'otherNames[1].familyName', text: 'd' }]).map((e) => e.field),
      ['laId', 'otherId-1-source', 'dateOfBirth-day', 'otherNames'],
    );
    assert.deepEqual(searchErrors([{ field: 'identifiers[0].value', text: 'x' }, { field: 'dateOfBirth', text: 'y' }]).map((e) => e.field), ['otherId', 'dateOfBirth-day']);
  });
});
