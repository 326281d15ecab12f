import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { at, givenConsent, notSought, override } from '../../enquiries/domain/test-builders';
import { checksPermitted } from './consent-position';

describe('consent position for checks', () => {
  it('allows checks when everyone consented', () => {
    const r = checksPermitted({ contactId: 'contact-1', personIds: ['p1', 'p2'], records: [givenConsent('p1'), givenConsent('p2')] });
    assert.deepEqual(r, { permitted: true, position: { basis: 'consent', consentIds: ['consent-p1', 'consent-p2'] } });
  });

  it('needs a recorded position for every person', () => {
    const r = checksPermitted({ contactId: 'contact-1', personIds: ['p1', 'p2'], records: [givenConsent('p1')] });
    assert.equal(r.permitted, false);
    assert.deepEqual(!r.permitted && r.errors.map((e) => e.field), ['subjects[1]']);
  });

  it('needs an override covering each person without consent', () => {
    const records = [givenConsent('p1'), notSought('p2')];
    const without = checksPermitted({ contactId: 'contact-1', personIds: ['p1', 'p2'], records });
    assert.deepEqual(!without.permitted && without.errors.map((e) => e.field), ['subjects[1]']);
    const wrongPerson = checksPermitted({ contactId: 'contact-1', personIds: ['p1', 'p2'], records, override: override(['p1']) });
    assert.equal(wrongPerson.permitted, false);
    const ok = checksPermitted({ contactId: 'contact-1', personIds: ['p1', 'p2'], records, override: override(['p2']) });
    assert.deepEqual(ok, { permitted: true, position: { basis: 'override', consentIds: ['consent-p1', 'consent-p2'], overrideId: 'override-1' } });
  });

  it('treats refused and withdrawn like not sought', () => {
    const refused = givenConsent('p1', { status: 'refused' } as never);
    assert.equal(checksPermitted({ contactId: 'contact-1', personIds: ['p1'], records: [refused] }).permitted, false);
    const withdrawn = givenConsent('p1', { status: 'withdrawn', withdrawnAt: at(1) } as never);
    assert.equal(checksPermitted({ contactId: 'contact-1', personIds: ['p1'], records: [withdrawn] }).permitted, false);
  });

  it('uses the latest record and ignores other contacts', () => {
    const older = givenConsent('p1', { id: 'old', recordedAt: at(-10), status: 'refused' } as never);
    const newer = givenConsent('p1', { id: 'new', recordedAt: at(0) });
    const r = checksPermitted({ contactId: 'contact-1', personIds: ['p1'], records: [newer, older] });
    assert.deepEqual(r.permitted && r.position.consentIds, ['new']);
    const elsewhere = givenConsent('p1', { contactId: 'contact-9' });
    assert.equal(checksPermitted({ contactId: 'contact-1', personIds: ['p1'], records: [elsewhere] }).permitted, false);
  });

  it('needs at least one person', () => {
    assert.equal(checksPermitted({ contactId: 'contact-1', personIds: [], records: [] }).permitted, false);
  });
});
