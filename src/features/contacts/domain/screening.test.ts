import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BRAG_CLOCK_TYPES, bragClockType, bragRouting, validateScreening, type ScreeningInput } from './screening';
import { BRAGS, CLASSIFICATIONS, DEFAULT_THRESHOLDS } from './vocabulary';

const good: ScreeningInput = { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'Synthetic: repeated neglect reports.' };
const fields = (input: ScreeningInput, thresholds = DEFAULT_THRESHOLDS) => validateScreening(input, thresholds).errors.map((e) => e.field);

describe('screening', () => {
  it('accepts a complete screening; the police were not consulted unless said', () => {
    const { value, errors } = validateScreening(good, DEFAULT_THRESHOLDS);
    assert.deepEqual(errors, []);
    assert.deepEqual(value, { ...good, policeCrimeSuspected: 'not-consulted', policeReferredToCait: null });
  });
  it('offers the seven classifications of C3', () => {
    assert.deepEqual([...CLASSIFICATIONS], ['information-request', 'early-help-request', 'safeguarding-referral', 'allegation-lado', 'domestic-abuse-notification', 'adult-safeguarding-concern', 'consultation']);
    for (const classification of CLASSIFICATIONS) assert.deepEqual(fields({ ...good, classification }), []);
  });
  it('needs every part, and a rationale for the BRAG', () => {
    assert.deepEqual(fields({}), ['classification', 'thresholdLevel', 'initialBrag', 'bragRationale']);
    assert.deepEqual(fields({ ...good, bragRationale: '   ' }), ['bragRationale']);
    assert.deepEqual(fields({ ...good, bragRationale: 'x'.repeat(5001) }), ['bragRationale']);
    assert.deepEqual(fields({ ...good, initialBrag: 'purple' }), ['initialBrag']);
    assert.deepEqual(fields({ ...good, classification: 'gossip' }), ['classification']);
  });
  it('takes threshold levels from the hub: Derby’s by default, the hub’s own when set', () => {
    assert.deepEqual([...DEFAULT_THRESHOLDS], ['Universal', 'Emerging needs', 'Intensive', 'Specialist']);
    assert.deepEqual(fields({ ...good, thresholdLevel: 'Level 3' }), ['thresholdLevel']);
    assert.deepEqual(fields({ ...good, thresholdLevel: 'Level 3' }, ['Level 1', 'Level 2', 'Level 3', 'Level 4']), []);
    assert.deepEqual(fields({ ...good, thresholdLevel: 'Intensive' }, ['Level 1']), ['thresholdLevel']);
  });
  it('records the police consultation: a CAIT referral follows a crime', () => {
    assert.deepEqual(validateScreening({ ...good, policeCrimeSuspected: 'yes', policeReferredToCait: true }, DEFAULT_THRESHOLDS).value?.policeReferredToCait, true);
    assert.deepEqual(fields({ ...good, policeCrimeSuspected: 'no', policeReferredToCait: true }), ['policeReferredToCait']);
    assert.deepEqual(fields({ ...good, policeCrimeSuspected: 'perhaps' }), ['policeCrimeSuspected']);
    assert.equal(validateScreening({ ...good, policeCrimeSuspected: 'no', policeReferredToCait: false }, DEFAULT_THRESHOLDS).value?.policeReferredToCait, null, 'no crime: the CAIT question does not arise');
  });
});

describe('BRAG', () => {
  it('each rating starts its own action clock', () => {
    assert.deepEqual(BRAGS.map(bragClockType), ['brag-red', 'brag-amber', 'brag-green', 'brag-blue']);
    assert.deepEqual([...BRAG_CLOCK_TYPES], ['brag-red', 'brag-amber', 'brag-green', 'brag-blue']);
  });
  it('Red goes to children’s social care without delay and alerts the decision makers', () => {
    const red = bragRouting('red');
    assert.equal(red.route, 'to-csc-without-delay');
    assert.match(red.text, /children’s social care without delay/);
    assert.equal(red.alertDecisionMakers, true);
  });
  it('other ratings take the ordinary route', () => {
    assert.equal(bragRouting('amber').route, 'mash-checks-if-needed');
    assert.equal(bragRouting('green').route, 'early-help-or-nfa');
    assert.equal(bragRouting('blue').route, 'universal-or-nfa');
    for (const b of ['amber', 'green', 'blue'] as const) assert.equal(bragRouting(b).alertDecisionMakers, false);
  });
});
