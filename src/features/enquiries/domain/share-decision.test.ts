import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HUB, T0, auditor, decisionMaker, igLead, police, throwsCode } from './test-builders';
import { SHARE_CHECKLIST, WHEN_QUESTIONS } from './share-checklist';
import { evaluateShareDecision, recordShareDecision, type ShareAnswers, type ShareDecisionInput } from './share-decision';

const complete = (): ShareAnswers => ({
  when: { 'legitimate-purpose': 'yes', identifiable: 'yes', confidential: 'yes', consent: 'no', 'other-reason': 'yes' },
  checklist: {
    'whose-information': { detail: 'The child and parents' },
    'lawful-basis': { answer: 'yes', detail: 'Children Act 1989 s.47' },
    pseudonymise: { answer: 'no' },
    'individuals-informed': { detail: 'Privacy notice; telling them now would prejudice the enquiry' },
    'requests-not-to-share': { answer: 'none-received' },
    'how-much': { detail: 'Only the incident summary' },
    'accurate-fact-opinion': { answer: 'yes' },
    'access-limited': { answer: 'yes' },
    secure: { answer: 'yes' },
  },
  legalBases: ['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g', 'dpa-sch1-p2-18'],
});

describe('the information sharing checklist as data', () => {
  it('holds the ten questions of 001 App. D word for word, with what blocks', () => {
    assert.equal(SHARE_CHECKLIST.length, 10);
    assert.equal(SHARE_CHECKLIST[0].text, 'Whose information is this?');
    assert.equal(
      SHARE_CHECKLIST[9].text,
      'Has the decision to share or not share, and the rationale for the decision, been recorded?',
    );
    const blocking = SHARE_CHECKLIST.filter((q) => 'blocksWhen' in q).map((q) => [q.id, q.blocksWhen]);
    assert.deepEqual(blocking, [
      ['lawful-basis', 'no'],
      ['accurate-fact-opinion', 'no'],
      ['access-limited', 'no'],
      ['secure', 'no'],
      ['decision-recorded', 'no'],
    ]);
    assert.deepEqual(new Set(SHARE_CHECKLIST.map((q) => q.id)).size, 10);
  });

  it('holds the five 003 "When?" questions in order', () => {
    assert.deepEqual(WHEN_QUESTIONS.map((q) => [q.id, q.onYes, q.onNo]), [
      ['legitimate-purpose', 'next', 'do-not-share'],
      ['identifiable', 'next', 'share'],
      ['confidential', 'next', 'share'],
      ['consent', 'share', 'next'],
      ['other-reason', 'share', 'do-not-share'],
    ]);
  });
});

describe('evaluateShareDecision', () => {
  it('justifies sharing without consent for a public function, recording bases and reasons', () => {
    const r = evaluateShareDecision(complete());
    assert.equal(r.justified, true);
    assert.equal(r.route, 'public-function-or-vital-interest');
    assert.deepEqual(r.blockers, []);
    assert.deepEqual(r.legalBases, ['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g', 'dpa-sch1-p2-18']);
    assert.equal(r.reasons.length, 15);
    assert.deepEqual(r.reasons.find((x) => x.questionId === 'checklist.lawful-basis'), {
      questionId: 'checklist.lawful-basis',
      question: SHARE_CHECKLIST[1].text,
      answer: 'yes',
      detail: 'Children Act 1989 s.47',
    });
    // golden rule 7: the record itself answers the last question
    assert.equal(r.reasons.find((x) => x.questionId === 'checklist.decision-recorded')?.answer, 'yes');
  });

  it('follows the "When?" routes', () => {
    const route = (when: ShareAnswers['when']) => evaluateShareDecision({ ...complete(), when }).route;
    assert.equal(route({ 'legitimate-purpose': 'no' }), 'no-legitimate-purpose');
    assert.equal(route({ 'legitimate-purpose': 'yes', identifiable: 'no' }), 'not-identifiable');
    assert.equal(route({ 'legitimate-purpose': 'yes', identifiable: 'yes', confidential: 'no' }), 'not-confidential');
    assert.equal(route({ 'legitimate-purpose': 'yes', identifiable: 'yes', confidential: 'yes', consent: 'yes' }), 'consent');
    assert.equal(route({ 'legitimate-purpose': 'yes', identifiable: 'yes', confidential: 'yes', consent: 'no', 'other-reason': 'no' }), 'no-reason-to-share');
    assert.equal(route({ 'legitimate-purpose': 'yes' }), 'unanswered');
  });

  it('does not justify sharing when the flow says do not share', () => {
    const no = evaluateShareDecision({ ...complete(), when: { ...complete().when, 'other-reason': 'no' } });
    assert.equal(no.justified, false);
    assert.deepEqual(no.blockers.map((b) => b.field), ['when.other-reason']);
    const noPurpose = evaluateShareDecision({ ...complete(), when: { 'legitimate-purpose': 'no' } });
    assert.deepEqual(noPurpose.blockers.map((b) => b.field), ['when.legitimate-purpose']);
  });

  it('blocks on each blocking answer of the checklist', () => {
    for (const id of ['lawful-basis', 'accurate-fact-opinion', 'access-limited', 'secure'] as const) {
      const a = complete();
      a.checklist[id] = { answer: 'no', detail: 'x' };
      const r = evaluateShareDecision(a);
      assert.equal(r.justified, false, id);
      assert.deepEqual(r.blockers.map((b) => b.field), [`checklist.${id}`]);
    }
    const a = complete();
    a.checklist['requests-not-to-share'] = { answer: 'received-not-considered' };
    assert.deepEqual(evaluateShareDecision(a).blockers.map((b) => b.field), ['checklist.requests-not-to-share']);
  });

  it('treats unanswered questions as blocking: the checklist must be considered', () => {
    const r = evaluateShareDecision({ when: {}, checklist: {}, legalBases: [] });
    assert.equal(r.justified, false);
    assert.deepEqual(r.blockers.map((b) => b.field), [
      'when.legitimate-purpose',
      'checklist.whose-information',
      'checklist.lawful-basis',
      'checklist.pseudonymise',
      'checklist.individuals-informed',
      'checklist.requests-not-to-share',
      'checklist.how-much',
      'checklist.accurate-fact-opinion',
      'checklist.access-limited',
      'checklist.secure',
    ]);
    const noDetail = complete();
    noDetail.checklist['lawful-basis'] = { answer: 'yes' };
    assert.deepEqual(evaluateShareDecision(noDetail).blockers.map((b) => b.field), ['checklist.lawful-basis']);
  });

  it('needs a named lawful basis for identifiable confidential information', () => {
    assert.deepEqual(evaluateShareDecision({ ...complete(), legalBases: [] }).blockers.map((b) => b.field), ['legalBases']);
    assert.deepEqual(evaluateShareDecision({ ...complete(), legalBases: ['made-up' as never] }).blockers.map((b) => b.field), ['legalBases[0]']);
    const anonymous = evaluateShareDecision({ ...complete(), when: { 'legitimate-purpose': 'yes', identifiable: 'no' }, legalBases: [] });
    assert.equal(anonymous.justified, true);
  });

  it('records pseudonymisation as a condition', () => {
    const a = complete();
    a.checklist.pseudonymise = { answer: 'yes' };
    assert.deepEqual(evaluateShareDecision(a).conditions, ['Pseudonymise or anonymise the information before sharing']);
  });
});

describe('recordShareDecision (golden rule 7)', () => {
  const input = (over: Partial<ShareDecisionInput> = {}): ShareDecisionInput => ({
    id: 'share-1',
    hubId: HUB,
    contactId: 'contact-1',
    decision: 'share',
    what: 'Summary of police involvement',
    withWhom: { agencyId: 'agency-csc', name: "Children's social care" },
    purpose: 'MASH decision on safeguarding',
    answers: complete(),
    rationale: 'Necessary and proportionate to protect the child',
    ...over,
  });

  it('records a justified share with who, when, and the evaluation', () => {
    const r = recordShareDecision(input(), police, T0);
    assert.equal(r.decidedBy, police.userId);
    assert.equal(r.decidedByAgencyId, police.agencyId);
    assert.deepEqual(r.decidedAt, T0);
    assert.equal(r.evaluation.justified, true);
  });

  it('refuses an unjustified share, with the blockers as field errors', () => {
    const answers = { ...complete(), when: { ...complete().when, 'other-reason': 'no' as const } };
    throwsCode(() => recordShareDecision(input({ answers }), police, T0), 'validation', 'when.other-reason');
  });

  it('records a decision not to share whether or not sharing was justified', () => {
    const answers = { ...complete(), when: { ...complete().when, 'other-reason': 'no' as const } };
    const r = recordShareDecision(input({ decision: 'not-share', answers }), police, T0);
    assert.equal(r.decision, 'not-share');
    assert.equal(r.evaluation.justified, false);
    assert.equal(recordShareDecision(input({ decision: 'not-share' }), decisionMaker, T0).evaluation.justified, true);
  });

  it('always needs what, with whom, why and the reasons', () => {
    throwsCode(() => recordShareDecision(input({ rationale: '' }), police, T0), 'validation', 'rationale');
    throwsCode(() => recordShareDecision(input({ decision: 'not-share', what: '' }), police, T0), 'validation', 'what');
    throwsCode(() => recordShareDecision(input({ withWhom: { name: '' } }), police, T0), 'validation', 'withWhom');
    throwsCode(() => recordShareDecision(input({ purpose: '' }), police, T0), 'validation', 'purpose');
  });

  it('is not made by read-only roles', () => {
    throwsCode(() => recordShareDecision(input(), auditor, T0), 'forbidden');
    throwsCode(() => recordShareDecision(input(), igLead, T0), 'forbidden');
  });
});
