import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { DEFAULT_REFERENCE_PREFIX, formatReference, isReferencePrefix, parseReference, referenceYear } from './reference';

const isValidation = (e: unknown) => e instanceof DomainError && e.code === 'validation';

describe('contact references', () => {
  it('are PREFIX-YEAR-six digits', () => {
    assert.equal(formatReference(DEFAULT_REFERENCE_PREFIX, 2026, 123), 'MASH-2026-000123');
    assert.equal(formatReference('DCC', 2027, 1), 'DCC-2027-000001');
  });
  it('grow past six digits rather than wrap', () => assert.equal(formatReference('MASH', 2026, 1_234_567), 'MASH-2026-1234567'));
  it('refuse a bad prefix, year or sequence', () => {
    assert.throws(() => formatReference('mash', 2026, 1), isValidation);
    assert.throws(() => formatReference('1MASH', 2026, 1), isValidation);
    assert.throws(() => formatReference('M', 2026, 1), isValidation);
    assert.throws(() => formatReference('MASH', 1999, 1), isValidation);
    assert.throws(() => formatReference('MASH', 2026, 0), isValidation);
    assert.throws(() => formatReference('MASH', 2026, 1.5), isValidation);
  });
  it('parse back, forgiving case and spaces', () => {
    assert.deepEqual(parseReference(' mash-2026-000123 '), { prefix: 'MASH', year: 2026, sequence: 123 });
    assert.equal(parseReference('MASH-2026-123'), undefined);
    assert.equal(parseReference('MASH-2026-000000'), undefined);
    assert.equal(parseReference('nonsense'), undefined);
  });
  it('number by the London year: New Year’s Eve in London is still the old year', () => {
    assert.equal(referenceYear(new Date('2026-12-31T23:30:00Z')), 2026);
    assert.equal(referenceYear(new Date('2027-01-01T00:00:00Z')), 2027);
  });
  it('know a good prefix', () => {
    assert.equal(isReferencePrefix('MASH'), true);
    assert.equal(isReferencePrefix('PANDORSET1'), true);
    assert.equal(isReferencePrefix('TOOLONGPREFIX'), false);
  });
});
