import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HUB, at, auditor, decisionMaker, mso, throwsCode } from '../../enquiries/domain/test-builders';
import type { ContactDecision } from './decision';
import { feedbackText, markFeedbackSent, planFeedback, validateFeedback, type PlanFeedbackInput } from './feedback';
import { DEFAULT_SECURE_DOMAINS } from './secure-domain';

const decision: ContactDecision = {
  contactId: 'contact-1',
  hubId: HUB,
  finalBrag: 'green',
  outcome: 'nfa',
  nfaRationale: 'No concerns found',
  summary: 'S',
  recommendation: 'R',
  decidedBy: decisionMaker.userId,
  decidedAt: at(0),
};
const plan = (over: Partial<PlanFeedbackInput> = {}): PlanFeedbackInput => ({
  decision,
  referrer: { anonymous: false, email: 'referrer@test.nhs.net', phone: '01000 000000' },
  method: 'secure-email',
  approvedDomains: DEFAULT_SECURE_DOMAINS,
  dueAt: at(24 * 60),
  ...over,
});
const fields = (p: PlanFeedbackInput) => validateFeedback(p).map((e) => e.field);

describe('feedback to the referrer', () => {
  it('plans feedback with outcome, NFA rationale and due time', () => {
    const f = planFeedback(plan());
    assert.ok(f.status === 'due');
    assert.equal(f.outcome, 'nfa');
    assert.equal(f.nfaRationale, 'No concerns found');
    assert.equal(f.to, 'referrer@test.nhs.net');
    assert.deepEqual(f.dueAt, at(24 * 60));
  });

  it('sends email only to approved secure domains', () => {
    assert.deepEqual(fields(plan({ referrer: { anonymous: false, email: 'someone@gmail.com' } })), ['email']);
    assert.deepEqual(fields(plan({ referrer: { anonymous: false } })), ['email']);
    throwsCode(() => planFeedback(plan({ referrer: { anonymous: false, email: 'someone@gmail.com' } })), 'validation', 'email');
  });

  it('needs the details for the chosen method', () => {
    assert.deepEqual(fields(plan({ method: 'phone', referrer: { anonymous: false } })), ['phone']);
    assert.deepEqual(fields(plan({ method: 'letter', referrer: { anonymous: false } })), ['postalAddress']);
    assert.deepEqual(fields(plan({ method: 'in-person', referrer: { anonymous: false } })), []);
    assert.deepEqual(fields(plan({ method: 'pigeon' as never })), ['method']);
    assert.deepEqual(fields(plan({ dueAt: at(-1) })), ['dueAt']);
  });

  it('records that an anonymous referrer cannot be told', () => {
    const f = planFeedback(plan({ referrer: { anonymous: true } }));
    assert.deepEqual(f.status === 'not-possible' && f.reason, 'anonymous-referrer');
    throwsCode(() => markFeedbackSent(f, mso, at(10)), 'invalid-state');
  });

  it('marks feedback sent, late when past due, and only once', () => {
    const f = planFeedback(plan());
    const onTime = markFeedbackSent(f, mso, at(60));
    assert.ok(onTime.status === 'sent' && !onTime.late && onTime.sentBy === mso.userId);
    const late = markFeedbackSent(f, mso, at(24 * 60 + 1));
    assert.ok(late.status === 'sent' && late.late);
    throwsCode(() => markFeedbackSent(onTime, mso, at(61)), 'invalid-state');
    throwsCode(() => markFeedbackSent(f, auditor, at(61)), 'forbidden');
  });

  it('words the outcome and NFA rationale without names', () => {
    assert.equal(
      feedbackText(decision, 'C-123'),
      'Thank you for your referral (reference C-123).\n\nThe MASH has made its decision: No further action.\n\nWhy no further action: No concerns found',
    );
    assert.ok(!feedbackText({ outcome: 'early-help' }, 'C-1').includes('Why no further action'));
  });
});
