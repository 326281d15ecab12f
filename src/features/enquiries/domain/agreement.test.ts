import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGREEMENT_STATUSES, agreementBlocksRequest, canRequestFrom } from './agreement';

describe('agreement check', () => {
  it('allows requests only under an active agreement', () => {
    assert.deepEqual(
      AGREEMENT_STATUSES.map((s) => [s, canRequestFrom(s)]),
      [['active', true], ['suspended', false], ['terminated', false], ['none', false]],
    );
    assert.equal(canRequestFrom(undefined), false);
  });

  it('gives a field error on agencyId saying why', () => {
    assert.equal(agreementBlocksRequest('active'), undefined);
    assert.deepEqual(agreementBlocksRequest('suspended'), { field: 'agencyId', text: 'The information sharing agreement with this agency is suspended' });
    assert.equal(agreementBlocksRequest('terminated')?.field, 'agencyId');
    assert.equal(agreementBlocksRequest(undefined)?.text, 'There is no information sharing agreement with this agency');
  });
});
