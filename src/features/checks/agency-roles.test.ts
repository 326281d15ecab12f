import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENCY_TYPES } from '../../platform/access/roles';
import { answersRequests, practitionerRoleFor } from './agency-roles';

describe('practitionerRoleFor', () => {
  it('names the partner role that answers for each agency type', () => {
    assert.equal(practitionerRoleFor('police'), 'police');
    assert.equal(practitionerRoleFor('health'), 'health');
    assert.equal(practitionerRoleFor('early-help'), 'agency-practitioner');
    assert.equal(practitionerRoleFor('domestic-abuse-service'), 'agency-practitioner');
  });
  it('children’s social care, the LADO and unknown types are not asked', () => {
    assert.equal(answersRequests('childrens-social-care'), false);
    assert.equal(answersRequests('lado'), false);
    assert.equal(answersRequests('martians'), false);
    assert.equal(AGENCY_TYPES.filter(answersRequests).length, AGENCY_TYPES.length - 2);
  });
});
