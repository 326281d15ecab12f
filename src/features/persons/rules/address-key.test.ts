import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey } from './address-key';

describe('the dwelling an address names', () => {
  it('is the first part, normalised, whatever follows', () => {
    assert.equal(addressKey('12 Elm Rd., Littletown'), '12 elm road');
    assert.equal(addressKey('12 Elm Road\nLittletown'), '12 elm road');
    assert.equal(addressKey('12 ELM ROAD'), '12 elm road');
  });
  it('a flat keeps its building', () => {
    assert.equal(addressKey('Flat 2, 12 Elm Road, Littletown'), 'flat 2 12 elm road');
    assert.notEqual(addressKey('Flat 2, 12 Elm Road'), addressKey('Flat 2, 14 Elm Road'));
  });
  it('none without an address', () => {
    assert.equal(addressKey(null), null);
    assert.equal(addressKey(', ,'), null);
  });
});
