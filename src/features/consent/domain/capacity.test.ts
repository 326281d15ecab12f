import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { T0, at } from '../../enquiries/domain/test-builders';
import { ASSUMED_CAPACITY, MCA_REASONS, canGiveOwnConsent, validateCapacity, type CapacityPosition } from './capacity';

const lacks: CapacityPosition = {
  status: 'lacks-capacity',
  decision: 'to agree to MASH checks',
  assessedBy: 'Worker Example',
  assessedAt: at(-60),
  impairment: 'Test impairment',
  reasons: ['cannot-understand', 'cannot-use-or-weigh'],
  bestInterests: 'Test best interests',
};
const fields = (p: CapacityPosition) => validateCapacity(p, T0).map((e) => e.field);

describe('adult capacity', () => {
  it('is assumed unless assessed (004 §5.15)', () => {
    assert.equal(canGiveOwnConsent(ASSUMED_CAPACITY), true);
    assert.equal(canGiveOwnConsent({ status: 'in-doubt-not-assessed', reasonNotAssessed: 'R' }), true);
    assert.equal(canGiveOwnConsent({ status: 'has-capacity', decision: 'd', assessedBy: 'w', assessedAt: T0 }), true);
    assert.equal(canGiveOwnConsent(lacks), false);
  });

  it('uses the four MCA s.3 reasons', () => {
    assert.deepEqual(Object.keys(MCA_REASONS), ['cannot-understand', 'cannot-retain', 'cannot-use-or-weigh', 'cannot-communicate']);
  });

  it('validates each position', () => {
    assert.deepEqual(fields(ASSUMED_CAPACITY), []);
    assert.deepEqual(fields(lacks), []);
    assert.deepEqual(fields({ status: 'in-doubt-not-assessed', reasonNotAssessed: '' }), ['capacity.reasonNotAssessed']);
    assert.deepEqual(fields({ status: 'has-capacity', decision: '', assessedBy: '', assessedAt: at(10) }), [
      'capacity.decision',
      'capacity.assessedBy',
      'capacity.assessedAt',
    ]);
    assert.deepEqual(fields({ ...lacks, reasons: [] }), ['capacity.reasons']);
    assert.deepEqual(fields({ ...lacks, reasons: ['cannot-retain', 'cannot-retain'] }), ['capacity.reasons']);
    assert.deepEqual(fields({ ...lacks, reasons: ['x' as never] }), ['capacity.reasons[0]']);
    assert.deepEqual(fields({ ...lacks, impairment: ' ', bestInterests: '' }), ['capacity.impairment', 'capacity.bestInterests']);
    assert.deepEqual(fields({ status: 'odd' } as never), ['capacity.status']);
  });
});
