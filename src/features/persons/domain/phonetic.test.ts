import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLOCKING_CODE_LENGTH,
  canonicalGivenKeys,
  familyNamePhoneticKeys,
  givenNamePhoneticKeys,
  metaphoneCodes,
  soundsAlike,
} from './phonetic';

describe('phonetic keys', () => {
  it('hears common spelling variants as one name', () => {
    for (const [a, b] of [['smith', 'smyth'], ['smith', 'schmidt'], ['catherine', 'kathryn'], ['jon', 'john'], ['stephen', 'steven'], ['mohammed', 'muhammad'], ['clarke', 'clark']]) {
      assert.ok(soundsAlike(a, b), `${a} ~ ${b}`);
    }
  });

  it('keeps different names apart', () => {
    for (const [a, b] of [['smith', 'jones'], ['emily', 'emma'], ['', 'smith']]) assert.ok(!soundsAlike(a, b), `${a} ≁ ${b}`);
  });

  it('gives primary and alternative codes without duplicates', () => {
    assert.deepEqual(metaphoneCodes('smith'), ['SM0', 'XMT']);
    assert.deepEqual(metaphoneCodes('john'), ['JN', 'AN']);
    assert.deepEqual(metaphoneCodes(''), []);
  });

  it('cuts blocking codes to four characters', () => {
    const keys = familyNamePhoneticKeys('Wojciechowski');
    assert.ok(keys.length > 0 && keys.every((k) => k.length <= BLOCKING_CODE_LENGTH));
    // a late typo in a long name still lands in the same block
    assert.ok(familyNamePhoneticKeys('Wojciechowsky').some((k) => keys.includes(k)));
  });

  it('keys a double-barrelled name whole and by part', () => {
    const keys = familyNamePhoneticKeys('Smith-Jones');
    for (const part of [...familyNamePhoneticKeys('Smith'), ...familyNamePhoneticKeys('Jones')]) assert.ok(keys.includes(part), part);
    assert.ok(familyNamePhoneticKeys('SmithJones').every((k) => keys.includes(k)));
  });

  it('keys the first given name, and the middle ones on request', () => {
    assert.deepEqual(givenNamePhoneticKeys('Mary Ann'), givenNamePhoneticKeys('Mary'));
    const all = givenNamePhoneticKeys('Mary Ann', true);
    assert.ok(givenNamePhoneticKeys('Ann').every((k) => all.includes(k)));
  });

  it('keys the canonical name of a nickname', () => {
    assert.deepEqual(canonicalGivenKeys('Bill Henry'), ['william']);
    assert.deepEqual(canonicalGivenKeys(undefined), []);
  });
});
