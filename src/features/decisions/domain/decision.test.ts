import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideEnquiry } from '../../enquiries/domain/enquiry';
import {
  HEALTH,
  HUB,
  T0,
  actor,
  at,
  decisionMaker,
  givenConsent,
  notSought,
  police,
  respondedEnquiry,
  sentEnquiry,
  socialWorker,
  throwsCode,
} from '../../enquiries/domain/test-builders';
import { OUTCOMES, decide, validateDecision, type ContactForDecision, type DecisionInput } from './decision';

const contact = (over: Partial<ContactForDecision> = {}): ContactForDecision => ({
  id: 'contact-1',
  hubId: HUB,
  version: 3,
  status: 'awaiting-decision',
  enquiries: [
    respondedEnquiry(),
    sentEnquiry({ id: 'enquiry-health', agencyId: HEALTH, agencyName: 'Health' }),
    decideEnquiry(sentEnquiry({ id: 'enquiry-edu', agencyId: 'agency-education', agencyName: 'Education' }), { type: 'acknowledge' }, actor('education', 'agency-education'), at(1)).enquiry,
  ],
  ...over,
});

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  finalBrag: 'amber',
  outcome: 'early-help',
  summary: 'Information gathered from police, health and education',
  recommendation: 'Offer early help',
  ...over,
});

const fields = (i: DecisionInput, consents = [givenConsent('person-1')]) => validateDecision(i, 'contact-1', consents).map((e) => e.field);

describe('deciding a contact', () => {
  it('records the decision, bumps the version and emits an event', () => {
    const r = decide(contact(), 3, input(), [], decisionMaker, at(100));
    assert.equal(r.contact.status, 'decided');
    assert.equal(r.contact.version, 4);
    assert.equal(r.decision.decidedBy, decisionMaker.userId);
    assert.deepEqual(r.decision.decidedAt, at(100));
    assert.deepEqual(
      { type: r.event.type, outcome: r.event.outcome, finalBrag: r.event.finalBrag, version: r.event.version },
      { type: 'contact-decided', outcome: 'early-help', finalBrag: 'amber', version: 4 },
    );
  });

  it('closes open requests with "decision made before response" and leaves answered ones', () => {
    const r = decide(contact(), 3, input(), [], decisionMaker, at(100));
    assert.deepEqual(r.contact.enquiries.map((e) => e.status), ['responded', 'closed', 'closed']);
    assert.deepEqual(r.closedEnquiries.map((c) => [c.enquiry.id, c.event.type]), [
      ['enquiry-health', 'enquiry-closed'],
      ['enquiry-edu', 'enquiry-closed'],
    ]);
    for (const { enquiry } of r.closedEnquiries) assert.ok(enquiry.status === 'closed' && enquiry.closeReason === 'decision-made-before-response');
  });

  it('refuses with conflict when the version moved on', () => {
    throwsCode(() => decide(contact(), 2, input(), [], decisionMaker, T0), 'conflict');
    const once = decide(contact(), 3, input(), [], decisionMaker, T0).contact;
    throwsCode(() => decide(once, 3, input(), [], decisionMaker, T0), 'conflict');
    throwsCode(() => decide(once, 4, input(), [], decisionMaker, T0), 'invalid-state');
  });

  it('is decided by a decision maker of the hub only', () => {
    throwsCode(() => decide(contact(), 3, input(), [], socialWorker, T0), 'forbidden');
    throwsCode(() => decide(contact(), 3, input(), [], police, T0), 'forbidden');
    throwsCode(() => decide(contact(), 3, input(), [], actor('decision-maker', 'agency-csc', { hubId: 'hub-2' }), T0), 'not-found');
  });

  it('has the six outcomes', () => {
    assert.deepEqual(Object.keys(OUTCOMES), ['assessment', 's47-strategy-discussion', 'early-help', 'other-service', 'advice', 'nfa']);
  });

  it('needs BRAG, summary and recommendation', () => {
    assert.deepEqual(fields(input()), []);
    assert.deepEqual(fields(input({ finalBrag: 'x' as never })), ['finalBrag']);
    assert.deepEqual(fields(input({ summary: '' })), ['summary']);
    assert.deepEqual(fields(input({ recommendation: ' ' })), ['recommendation']);
    assert.deepEqual(fields(input({ outcome: 'x' as never })), ['outcome']);
    throwsCode(() => decide(contact(), 3, input({ summary: '' }), [], decisionMaker, T0), 'validation', 'summary');
  });

  it('needs a rationale for NFA, and only for NFA', () => {
    assert.deepEqual(fields(input({ outcome: 'nfa' })), ['nfaRationale']);
    assert.deepEqual(fields(input({ outcome: 'nfa', nfaRationale: 'No concerns found' })), []);
    assert.deepEqual(fields(input({ nfaRationale: 'stray' })), ['nfaRationale']);
    const r = decide(contact(), 3, input({ outcome: 'nfa', nfaRationale: ' No concerns ' }), [], decisionMaker, T0);
    assert.equal(r.decision.nfaRationale, 'No concerns');
  });

  it('sends a red contact to children’s social care', () => {
    assert.deepEqual(fields(input({ finalBrag: 'red', outcome: 'nfa', nfaRationale: 'r' })), ['outcome']);
    assert.deepEqual(fields(input({ finalBrag: 'red', outcome: 'assessment' })), []);
    assert.deepEqual(fields(input({ finalBrag: 'red', outcome: 's47-strategy-discussion' })), []);
  });

  it('refers to another service only with consent (000 §8.1)', () => {
    const other = input({ outcome: 'other-service', otherService: { name: '0-19 hub', personIds: ['person-1'] } });
    assert.deepEqual(fields(other, [givenConsent('person-1')]), []);
    assert.deepEqual(fields(other, [notSought('person-1')]), ['otherService.personIds[0]']);
    assert.deepEqual(fields(other, []), ['otherService.personIds[0]']);
    assert.deepEqual(fields(other, [givenConsent('person-1', { status: 'withdrawn' } as never)]), ['otherService.personIds[0]']);
    assert.deepEqual(fields(input({ outcome: 'other-service' })), ['otherService.name', 'otherService.personIds']);
    assert.deepEqual(fields(input({ otherService: { name: 'x', personIds: [] } })), ['otherService']);
    throwsCode(() => decide(contact(), 3, other, [notSought('person-1')], decisionMaker, T0), 'validation', 'otherService.personIds[0]');
    assert.equal(decide(contact(), 3, other, [givenConsent('person-1')], decisionMaker, T0).decision.otherService?.name, '0-19 hub');
  });
});
