import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HUB, T0, actor, auditor, decisionMaker, mso, police, socialWorker, throwsCode } from '../../enquiries/domain/test-builders';
import { PROPORTIONALITY_QUESTIONS, PUBLIC_INTEREST_CRITERIA, authoriseOverride, overrideCovers, validateOverride, type OverrideInput } from './override';

const input = (over: Partial<OverrideInput> = {}): OverrideInput => ({
  id: 'override-1',
  hubId: HUB,
  contactId: 'contact-1',
  personIds: ['person-1'],
  consentPosition: 'refused',
  scope: 'Checks with police and health',
  criteria: ['protection-of-vulnerable-people', 'prevention-of-crime-and-disorder'],
  proportionality: {
    'proportionate-to-aim': { answer: 'yes', detail: 'Limited to what is needed' },
    'vulnerability-of-those-at-risk': { detail: 'A baby' },
    'impact-on-individual': { detail: 'Low' },
    'other-equally-effective-means': { answer: 'no' },
    'necessary-to-prevent-or-detect-crime': { answer: 'no' },
    'necessary-to-protect-others': { answer: 'yes' },
  },
  justification: 'Significant harm suspected; parents refused',
  ...over,
});
const fields = (i: OverrideInput) => validateOverride(i).map((e) => e.field);

describe('consent override', () => {
  it('has the six public interest criteria and six proportionality questions of 000 ISA "Consent"', () => {
    assert.deepEqual(Object.keys(PUBLIC_INTEREST_CRITERIA), [
      'administration-of-justice',
      'public-safety',
      'apprehension-of-offenders',
      'prevention-of-crime-and-disorder',
      'detection-of-crime',
      'protection-of-vulnerable-people',
    ]);
    assert.equal(PROPORTIONALITY_QUESTIONS.length, 6);
    assert.equal(PROPORTIONALITY_QUESTIONS[0].text, 'Is the intended disclosure proportionate to the intended aim?');
  });

  it('is authorised by a decision maker, signed and timestamped', () => {
    const { override, event } = authoriseOverride(decisionMaker, input(), T0);
    assert.equal(override.authorisedBy, decisionMaker.userId);
    assert.deepEqual(override.authorisedAt, T0);
    assert.equal(event.type, 'consent-override-authorised');
    assert.ok(overrideCovers(override, 'contact-1', 'person-1'));
    assert.equal(overrideCovers(override, 'contact-2', 'person-1'), false);
    assert.equal(overrideCovers(override, 'contact-1', 'person-2'), false);
  });

  it('refuses anyone who is not a decision maker with forbidden', () => {
    for (const a of [socialWorker, mso, police, auditor, actor('lado'), actor('ig-lead')]) {
      throwsCode(() => authoriseOverride(a, input(), T0), 'forbidden');
    }
  });

  it('refuses a decision maker of another hub', () => {
    throwsCode(() => authoriseOverride(actor('decision-maker', 'agency-csc', { hubId: 'hub-2' }), input(), T0), 'not-found');
  });

  it('needs criteria, every question answered, and a justification', () => {
    assert.deepEqual(fields(input()), []);
    assert.deepEqual(fields(input({ criteria: [] })), ['criteria']);
    assert.deepEqual(fields(input({ criteria: ['bogus' as never] })), ['criteria[0]']);
    assert.deepEqual(fields(input({ justification: '' })), ['justification']);
    assert.deepEqual(fields(input({ personIds: [] })), ['personIds']);
    assert.deepEqual(fields(input({ scope: '' })), ['scope']);
    assert.deepEqual(fields(input({ proportionality: {} })), PROPORTIONALITY_QUESTIONS.map((q) => `proportionality.${q.id}`));
  });

  it('cannot be authorised when disproportionate, when another means would do, or when not necessary', () => {
    const p = input().proportionality;
    assert.deepEqual(fields(input({ proportionality: { ...p, 'proportionate-to-aim': { answer: 'no' } } })), ['proportionality.proportionate-to-aim']);
    assert.deepEqual(fields(input({ proportionality: { ...p, 'other-equally-effective-means': { answer: 'yes' } } })), [
      'proportionality.other-equally-effective-means',
    ]);
    assert.deepEqual(fields(input({ proportionality: { ...p, 'necessary-to-protect-others': { answer: 'no' } } })), [
      'proportionality.necessary-to-protect-others',
    ]);
    throwsCode(() => authoriseOverride(decisionMaker, input({ criteria: [] }), T0), 'validation', 'criteria');
  });

  it('checks the confidence holder’s views when given', () => {
    assert.deepEqual(fields(input({ confidenceHolderViews: [{ agencyId: 'agency-health', views: '' }] })), ['confidenceHolderViews[0].views']);
  });
});
