import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planMerge, planUndo, type MergeFields } from './merge-plan';

const person = (over: Partial<MergeFields> = {}): MergeFields => ({
  givenName: 'Alex',
  familyName: 'Testchild',
  otherNames: [],
  dateOfBirth: '2016-04-01',
  sex: 'female',
  address: '1 Synthetic Road',
  postcode: 'DE22 3AB',
  nhsNumber: null,
  caseStatus: 'not-known',
  allocatedWorkerId: null,
  ...over,
});

describe('merging a duplicate into the record kept', () => {
  it('keeps the kept record’s details, fills what it lacks, and keeps the other names', () => {
    const kept = person();
    const dup = person({ givenName: 'Alexandra', familyName: 'Testkid', otherNames: [{ familyName: 'Previous' }], dateOfBirth: '2016-01-04', nhsNumber: '9434765919' });
    const plan = planMerge(kept, dup);
    assert.deepEqual(plan.after.otherNames, [{ givenName: 'Alexandra', familyName: 'Testkid' }, { familyName: 'Previous' }]);
    assert.deepEqual(planMerge(kept, person({ familyName: 'Newname' })).after.otherNames, [{ familyName: 'Newname' }], 'only the surname differs: a previous surname');
    assert.equal(plan.after.nhsNumber, '9434765919');
    assert.equal(plan.after.dateOfBirth, undefined, 'a different date of birth is not taken');
    assert.deepEqual(plan.differences.sort(), ['dateOfBirth', 'familyName', 'givenName']);
    assert.deepEqual(plan.before, { otherNames: [], nhsNumber: null });
  });
  it('does not add a name the kept record already has', () => {
    const plan = planMerge(person({ otherNames: [{ familyName: 'Previous' }] }), person({ familyName: 'TESTCHILD', otherNames: [{ familyName: 'previous' }] }));
    assert.equal(plan.after.otherNames, undefined);
  });
  it('takes an address only with its postcode, when the kept record has neither', () => {
    const plan = planMerge(person({ address: null, postcode: null }), person({ address: '2 Other Way', postcode: 'DE1 1AA' }));
    assert.equal(plan.after.address, '2 Other Way');
    assert.equal(plan.after.postcode, 'DE1 1AA');
    assert.deepEqual(planMerge(person(), person({ postcode: 'DE1 1AA' })).differences, ['address']);
  });
  it('the more involved case status wins, with its worker', () => {
    const plan = planMerge(person({ caseStatus: 'known' }), person({ caseStatus: 'open', allocatedWorkerId: 'sw-1' }));
    assert.equal(plan.after.caseStatus, 'open');
    assert.equal(plan.after.allocatedWorkerId, 'sw-1');
    assert.equal(planMerge(person({ caseStatus: 'open' }), person({ caseStatus: 'known' })).after.caseStatus, undefined);
  });
});

describe('undoing a merge', () => {
  it('restores every field the merge changed', () => {
    const kept = person({ caseStatus: 'known' });
    const plan = planMerge(kept, person({ givenName: 'Alexa', nhsNumber: '9434765919', caseStatus: 'open', allocatedWorkerId: 'sw-1' }));
    const merged = { ...kept, ...plan.after };
    const { restore, kept: unchanged } = planUndo(merged, plan);
    assert.deepEqual({ ...merged, ...restore }, kept);
    assert.deepEqual(unchanged, []);
  });
  it('leaves a field changed again since the merge, and names added since', () => {
    const kept = person();
    const plan = planMerge(kept, person({ givenName: 'Alexa', nhsNumber: '9434765919' }));
    const merged = { ...kept, ...plan.after };
    const later = { ...merged, nhsNumber: '4010232137', otherNames: [...merged.otherNames, { familyName: 'Later' }] };
    const { restore, kept: unchanged } = planUndo(later, plan);
    assert.deepEqual(unchanged, ['nhsNumber']);
    assert.deepEqual(restore.otherNames, [{ familyName: 'Later' }]);
    assert.equal('nhsNumber' in restore, false);
  });
  it('never leaves a worker on a case that is no longer open', () => {
    const kept = person({ caseStatus: 'known' });
    const plan = planMerge(kept, person({ caseStatus: 'open', allocatedWorkerId: 'sw-1' }));
    const later = { ...kept, ...plan.after, allocatedWorkerId: 'sw-2' };
    const { restore } = planUndo(later, plan);
    assert.equal(restore.caseStatus, 'known');
    assert.equal(restore.allocatedWorkerId, null);
  });
});
