import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SECURE_DOMAINS, emailDomain, isApprovedSecureDomain } from './secure-domain';

const hub = [...DEFAULT_SECURE_DOMAINS, 'council.example.gov.uk'];

describe('isApprovedSecureDomain', () => {
  it('accepts the approved domains and their subdomains', () => {
    for (const e of ['someone@nhs.net', 'a.b@met.pnn.police.uk', 'x@test.gcsx.gov.uk', 'x@cjsm.net', 'x@dept.gsi.gov.uk', 'X@Council.Example.gov.uk', ' x@nhs.net ']) {
      assert.equal(isApprovedSecureDomain(e, hub), true, e);
    }
  });

  it('refuses everything else, including look-alikes', () => {
    for (const e of ['x@gmail.com', 'x@nhs.net.example.com', 'x@notnhs.net', 'x@pnn.example.com', 'x@example.gov.uk', 'nhs.net', 'x@@nhs.net', 'a@b@nhs.net', 'x y@nhs.net', '@nhs.net', 'x@nhs', '']) {
      assert.equal(isApprovedSecureDomain(e, hub), false, e);
    }
  });

  it('tolerates "*." or "." in configuration, and ignores empty or single-label entries', () => {
    assert.equal(isApprovedSecureDomain('x@a.nhs.net', ['*.nhs.net']), true);
    assert.equal(isApprovedSecureDomain('x@nhs.net', ['.nhs.net']), true);
    assert.equal(isApprovedSecureDomain('x@example.com', ['', 'com']), false);
    assert.equal(isApprovedSecureDomain('x@nhs.net', []), false);
  });

  it('extracts the domain', () => {
    assert.equal(emailDomain('A@NHS.net'), 'nhs.net');
    assert.equal(emailDomain('no-at-sign'), undefined);
  });
});
