import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HUB, T0, at, givenConsent, throwsCode } from '../../enquiries/domain/test-builders';
import { recipientTasks, tasksForConsentWithdrawal, type DisclosureOfPerson } from './withdrawal-tasks';

const disclosures: DisclosureOfPerson[] = [
  { id: 'd1', personIds: ['p1', 'p2'], recipient: { agencyId: 'agency-health', name: 'Health' }, disclosedAt: at(-100) },
  { id: 'd2', personIds: ['p1'], recipient: { agencyId: 'agency-police', name: 'Police' }, disclosedAt: at(-90) },
  { id: 'd3', personIds: ['p1'], recipient: { agencyId: 'agency-health', name: 'Health' }, disclosedAt: at(-80) },
  { id: 'd4', personIds: ['p2'], recipient: { agencyId: 'agency-education', name: 'Education' }, disclosedAt: at(-70) },
  { id: 'd5', personIds: ['p1'], recipient: { name: 'Test Nursery' }, disclosedAt: at(-60) },
];

describe('consent withdrawal tasks (000 ISA 1.55)', () => {
  const withdrawn = givenConsent('p1', { status: 'withdrawn', withdrawnAt: T0, withdrawnRecordedBy: 'u', withdrawalReceivedByAgencyId: 'agency-health' } as never);

  it('raises one task per recipient of the person’s information', () => {
    const tasks = tasksForConsentWithdrawal(withdrawn, disclosures, T0);
    assert.equal(tasks.length, 3);
    const byRecipient = Object.fromEntries(tasks.map((t) => [t.recipient.name, t.disclosureIds]));
    assert.deepEqual(byRecipient, { Health: ['d1', 'd3'], Police: ['d2'], 'Test Nursery': ['d5'] });
    for (const t of tasks) {
      assert.equal(t.trigger, 'consent-withdrawn');
      assert.equal(t.hubId, HUB);
      assert.deepEqual(t.raisedAt, T0);
      assert.match(t.title, /securely dispose/);
    }
  });

  it('has stable keys, so re-running raises no duplicates', () => {
    const a = tasksForConsentWithdrawal(withdrawn, disclosures, T0).map((t) => t.key);
    const b = tasksForConsentWithdrawal(withdrawn, [...disclosures].reverse(), at(5)).map((t) => t.key);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, a.length);
  });

  it('raises nothing when nothing was shared', () => {
    assert.deepEqual(tasksForConsentWithdrawal(withdrawn, [], T0), []);
  });

  it('refuses consent that is not withdrawn', () => {
    throwsCode(() => tasksForConsentWithdrawal(givenConsent('p1'), disclosures, T0), 'invalid-state');
  });

  it('serves erasure too, with a due date in the future only', () => {
    const tasks = recipientTasks({ hubId: HUB, personId: 'p2', trigger: 'erasure', disclosures, now: T0, dueAt: at(60) });
    assert.deepEqual(tasks.map((t) => t.recipient.name), ['Education', 'Health']);
    assert.deepEqual(tasks[0].dueAt, at(60));
    throwsCode(() => recipientTasks({ hubId: HUB, personId: 'p2', trigger: 'erasure', disclosures, now: T0, dueAt: at(-1) }), 'validation', 'dueAt');
  });
});
