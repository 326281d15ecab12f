import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDomains, validateAgency, validateHub, validateUser } from './admin-validation';

describe('agency validation', () => {
  it('accepts a police force with its ICO number and secure domains', () => {
    const { value, errors } = validateAgency({
      name: ' Demo Police ',
      type: 'police',
      icoRegistration: 'z1234567',
      secureEmailDomains: parseDomains('demo.pnn.police.uk, @cjsm.net'),
      agreementStatus: 'active',
    });
    assert.deepEqual(errors, []);
    assert.equal(value?.name, 'Demo Police');
    assert.equal(value?.icoRegistration, 'Z1234567');
    assert.deepEqual(value?.secureEmailDomains, ['demo.pnn.police.uk', 'cjsm.net']);
  });
  it('names each bad field', () => {
    const { errors } = validateAgency({ name: '', type: 'pirates', icoRegistration: '12', secureEmailDomains: ['not a domain'], agreementStatus: 'maybe' });
    assert.deepEqual(errors.map((e) => e.field), ['name', 'type', 'icoRegistration', 'secureEmailDomains', 'agreementStatus']);
  });
});

describe('user validation', () => {
  const agencies = [
    { id: 'csc', type: 'childrens-social-care' },
    { id: 'pol', type: 'police' },
  ];
  it('accepts a decision maker in children’s social care', () => {
    const { value, errors } = validateUser({ email: 'Manager@Example.gov.uk', displayName: 'A Manager', role: 'decision-maker', agencyId: 'csc', password: 'a long enough passphrase' }, agencies, { passwordRequired: true });
    assert.deepEqual(errors, []);
    assert.equal(value?.email, 'manager@example.gov.uk');
  });
  it('refuses a role the agency cannot hold', () => {
    const { errors } = validateUser({ email: 'p@example.gov.uk', displayName: 'P', role: 'decision-maker', agencyId: 'pol' }, agencies, { passwordRequired: false });
    assert.equal(errors[0].field, 'role');
    assert.match(errors[0].text, /Police cannot be Decision maker/);
  });
  it('refuses a bad email and a weak password', () => {
    const { errors } = validateUser({ email: 'nope', displayName: 'X', role: 'mso', agencyId: 'csc', password: 'short' }, agencies, { passwordRequired: true });
    assert.deepEqual(errors.map((e) => e.field), ['email', 'password']);
  });
});

describe('hub validation', () => {
  it('refuses closing before opening', () => {
    const { errors } = validateHub({ name: 'Hub', localAuthorities: [], openingTime: '17:00', closingTime: '09:00' });
    assert.equal(errors[0].field, 'closingTime');
  });
});
