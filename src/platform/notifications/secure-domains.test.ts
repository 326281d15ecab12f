import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isApprovedSecureDomain } from './secure-domains';

describe('approved secure email domains', () => {
  const approved = ['nhs.net', 'demo.pnn.police.uk', 'cjsm.net'];
  it('allows the domain itself and its sub-domains', () => {
    assert.equal(isApprovedSecureDomain('nurse@nhs.net', approved), true);
    assert.equal(isApprovedSecureDomain('officer@mail.demo.pnn.police.uk', approved), true);
  });
  it('refuses look-alike and unapproved domains', () => {
    assert.equal(isApprovedSecureDomain('someone@gmail.com', approved), false);
    assert.equal(isApprovedSecureDomain('x@evilnhs.net', approved), false);
    assert.equal(isApprovedSecureDomain('x@nhs.net.evil.com', approved), false);
    assert.equal(isApprovedSecureDomain('not-an-email', approved), false);
  });
});
