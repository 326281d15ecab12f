import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LADO_MESSAGE, MANAGER_MESSAGE, routeLinkedContact, UNALLOCATED_MESSAGE, WORKER_MESSAGE, type RoutingFacts } from './link-routing';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  caseStatus: 'not-known',
  allocatedWorkerId: null,
  newPerson: false,
  allegationAgainstProfessional: false,
  actorUserId: 'mso-1',
  ...over,
});

describe('routing a contact when one of its people is linked (000 §6.2)', () => {
  it('an open case with a worker: the worker and the team manager are alerted', () => {
    const r = routeLinkedContact(facts({ caseStatus: 'open', allocatedWorkerId: 'sw-1' }));
    assert.equal(r.outcome, 'open-case-allocated');
    assert.deepEqual(r.alerts, [
      { to: 'user', userId: 'sw-1', topic: 'contact-on-open-case', message: WORKER_MESSAGE },
      { to: 'team-managers', topic: 'contact-on-open-case', message: MANAGER_MESSAGE },
    ]);
    assert.equal(r.lado, false);
  });
  it('the allocated worker linking it themselves is not alerted about their own work', () => {
    const r = routeLinkedContact(facts({ caseStatus: 'open', allocatedWorkerId: 'sw-1', actorUserId: 'sw-1' }));
    assert.deepEqual(r.alerts.map((a) => a.to), ['team-managers']);
  });
  it('an open case with no worker: the team managers are alerted to allocate', () => {
    const r = routeLinkedContact(facts({ caseStatus: 'open' }));
    assert.equal(r.outcome, 'open-case-unallocated');
    assert.deepEqual(r.alerts, [{ to: 'team-managers', topic: 'contact-on-open-case', message: UNALLOCATED_MESSAGE }]);
  });
  it('known, no open case: attached to the file, nobody alerted', () => {
    const r = routeLinkedContact(facts({ caseStatus: 'known' }));
    assert.equal(r.outcome, 'attached-to-file');
    assert.deepEqual(r.alerts, []);
  });
  it('not known: a new record, or an existing one with no history', () => {
    assert.equal(routeLinkedContact(facts({ newPerson: true })).outcome, 'new-record');
    assert.match(routeLinkedContact(facts({ newPerson: true })).text, /family and household/);
    assert.equal(routeLinkedContact(facts()).outcome, 'not-known');
  });
  it('an allegation against a professional also goes to the LADO, whatever the case status', () => {
    for (const caseStatus of ['not-known', 'known', 'open'] as const) {
      const r = routeLinkedContact(facts({ caseStatus, allegationAgainstProfessional: true }));
      assert.equal(r.lado, true, caseStatus);
      assert.match(r.text, /LADO/);
    }
    assert.match(LADO_MESSAGE, /one working day/);
  });
  it('texts are short and fixed: they go into a flash message, never a name', () => {
    for (const caseStatus of ['not-known', 'known', 'open'] as const) {
      for (const allocatedWorkerId of [null, 'sw-1']) {
        for (const lado of [true, false]) {
          const r = routeLinkedContact(facts({ caseStatus, allocatedWorkerId: caseStatus === 'open' ? allocatedWorkerId : null, allegationAgainstProfessional: lado, newPerson: true }));
          assert.ok(`Linked. ${r.text}`.length < 200, r.text);
        }
      }
    }
  });
});
