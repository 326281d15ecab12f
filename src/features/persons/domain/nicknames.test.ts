import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NICKNAME_GROUP_COUNT, canonicalGivenNames, isKnownNickname } from './nicknames';

describe('nicknames', () => {
  it('covers at least 150 groups of names', () => assert.ok(NICKNAME_GROUP_COUNT >= 150, String(NICKNAME_GROUP_COUNT)));

  it('maps short forms to their formal name', () => {
    const cases: [string, string][] = [
      ['bill', 'william'], ['will', 'william'], ['liam', 'william'], ['peggy', 'margaret'], ['jack', 'john'],
      ['alfie', 'alfred'], ['kate', 'catherine'], ['katie', 'catherine'], ['katherine', 'catherine'],
      ['sasha', 'alexandra'], ['bob', 'robert'], ['ted', 'edward'], ['nell', 'eleanor'], ['mo', 'mohammed'],
    ];
    for (const [short, formal] of cases) assert.ok(canonicalGivenNames(short).includes(formal), `${short} → ${formal}`);
  });

  it('gives every formal name a short form may stand for', () => {
    assert.deepEqual(canonicalGivenNames('alex'), ['alexander', 'alexandra', 'alexis']);
    assert.deepEqual(canonicalGivenNames('sam'), ['samantha', 'samuel']);
  });

  it('is its own canonical name when not in the table, and ignores case', () => {
    assert.deepEqual(canonicalGivenNames('Zephyrine'), ['zephyrine']);
    assert.deepEqual(canonicalGivenNames('BILL'), ['william']);
    assert.deepEqual(canonicalGivenNames(''), []);
  });

  it('says whether two different names are one name', () => {
    assert.ok(isKnownNickname('bill', 'william'));
    assert.ok(isKnownNickname('peggy', 'maggie'));
    assert.ok(!isKnownNickname('william', 'william'));
    assert.ok(!isKnownNickname('bill', 'robert'));
    assert.ok(!isKnownNickname('alexander', 'alexandra'));
    assert.ok(!isKnownNickname('zephyrine', 'william'));
  });
});
