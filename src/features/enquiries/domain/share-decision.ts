/**
 * Evaluating and recording a decision to share or not to share. Golden rule 7 (003): "keep a
 * record of your decision and the reasons for it, whether it is to share information or not; if
 * you decide to share, then what you have shared, with whom and for what purpose" — so a record
 * is made for both outcomes, and a "share" the checklist does not justify is refused.
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import { LEGAL_BASES, type LegalBasis } from './legal-basis';
import {
  SHARE_CHECKLIST,
  WHEN_QUESTIONS,
  type ChecklistQuestion,
  type ChecklistQuestionId,
  type WhenQuestionId,
} from './share-checklist';
import { assertSameHub, isBlank, type Actor } from './types';

export interface ChecklistAnswer {
  /** 'yes' | 'no' for yes/no questions, an option value for choice questions */
  answer?: string;
  detail?: string;
}

export interface ShareAnswers {
  when: Partial<Record<WhenQuestionId, 'yes' | 'no'>>;
  checklist: Partial<Record<ChecklistQuestionId, ChecklistAnswer>>;
  legalBases: LegalBasis[];
}

export const SHARE_ROUTES = {
  'no-legitimate-purpose': 'There is no clear and legitimate purpose for sharing',
  'not-identifiable': 'The information does not identify anyone',
  'not-confidential': 'The information is not confidential',
  consent: 'Shared with consent',
  'public-function-or-vital-interest': 'Shared without consent to fulfil a public function or protect vital interests',
  'no-reason-to-share': 'No consent and no other reason to share',
  unanswered: 'The "When?" questions are not all answered',
} as const;
export type ShareRoute = keyof typeof SHARE_ROUTES;

export interface Blocker {
  /** `when.<id>`, `checklist.<id>` or `legalBases` — usable as a form field name */
  field: string;
  text: string;
}

export interface RecordedReason {
  questionId: string;
  question: string;
  answer?: string;
  detail?: string;
}

export interface ShareEvaluation {
  justified: boolean;
  route: ShareRoute;
  blockers: Blocker[];
  /** what must happen if shared, e.g. pseudonymise first */
  conditions: string[];
  legalBases: LegalBasis[];
  reasons: RecordedReason[];
}

/** 003 "When?" in order; the first settled answer decides the route. */
function whenRoute(when: ShareAnswers['when']): { route: ShareRoute; blocker?: Blocker } {
  for (const q of WHEN_QUESTIONS) {
    const a = when[q.id];
    if (a !== 'yes' && a !== 'no') return { route: 'unanswered', blocker: { field: `when.${q.id}`, text: `Answer: ${q.text}` } };
    const outcome = a === 'yes' ? q.onYes : q.onNo;
    if (outcome === 'next') continue;
    switch (q.id) {
      case 'legitimate-purpose':
        return { route: 'no-legitimate-purpose', blocker: { field: `when.${q.id}`, text: 'Do not share: there is no clear and legitimate purpose' } };
      case 'identifiable':
        return { route: 'not-identifiable' };
      case 'confidential':
        return { route: 'not-confidential' };
      case 'consent':
        return { route: 'consent' };
      case 'other-reason':
        return outcome === 'share'
          ? { route: 'public-function-or-vital-interest' }
          : { route: 'no-reason-to-share', blocker: { field: `when.${q.id}`, text: 'Do not share: there is no consent and no other reason to share' } };
      default: {
        const unknown: never = q;
        throw new DomainError('invalid-state', `unknown question ${(unknown as { id: string }).id}`);
      }
    }
  }
  throw new DomainError('invalid-state', 'the "When?" questions ended without an outcome');
}

function checkQuestion(q: ChecklistQuestion, a: ChecklistAnswer | undefined): { blocker?: Blocker; condition?: string } {
  const field = `checklist.${q.id}`;
  if (q.answeredByRecord) return {};
  switch (q.answer) {
    case 'text':
      return isBlank(a?.detail) ? { blocker: { field, text: `Answer: ${q.text}` } } : {};
    case 'yes-no': {
      if (a?.answer !== 'yes' && a?.answer !== 'no') return { blocker: { field, text: `Answer yes or no: ${q.text}` } };
      if (q.detailRequired && isBlank(a.detail)) return { blocker: { field, text: `Give details: ${q.text}` } };
      if (q.blocksWhen === a.answer) return { blocker: { field, text: `Do not share while the answer is "${a.answer}": ${q.text}` } };
      return a.answer === 'yes' && q.conditionWhenYes ? { condition: q.conditionWhenYes } : {};
    }
    case 'choice': {
      const option = q.options?.find((o) => o.value === a?.answer);
      if (!option) return { blocker: { field, text: `Choose an answer: ${q.text}` } };
      return option.blocks ? { blocker: { field, text: `Do not share: ${option.label}` } } : {};
    }
    default: {
      const unknown: never = q.answer;
      throw new DomainError('invalid-state', `unknown answer kind ${String(unknown)}`);
    }
  }
}

/**
 * Whether sharing is justified, by which route and legal basis, with every answer kept as a
 * recorded reason. Unanswered questions block: the checklist "must be considered" (001 App. D).
 */
export function evaluateShareDecision(answers: ShareAnswers): ShareEvaluation {
  const blockers: Blocker[] = [];
  const conditions: string[] = [];
  const { route, blocker } = whenRoute(answers.when);
  if (blocker) blockers.push(blocker);

  for (const q of SHARE_CHECKLIST as readonly ChecklistQuestion[]) {
    const r = checkQuestion(q, answers.checklist[q.id as ChecklistQuestionId]);
    if (r.blocker) blockers.push(r.blocker);
    if (r.condition) conditions.push(r.condition);
  }

  const legalBases = [...new Set(answers.legalBases)];
  for (const [i, b] of legalBases.entries()) {
    if (!(b in LEGAL_BASES)) blockers.push({ field: `legalBases[${i}]`, text: 'Select a lawful basis from the list' });
  }
  // Identifiable, confidential information needs its lawful basis named (001 "Lawful Basis").
  if ((route === 'consent' || route === 'public-function-or-vital-interest') && legalBases.length === 0) {
    blockers.push({ field: 'legalBases', text: 'Select the lawful basis for sharing' });
  }

  const reasons: RecordedReason[] = [
    ...WHEN_QUESTIONS.map((q) => ({ questionId: `when.${q.id}`, question: q.text, ...(answers.when[q.id] ? { answer: answers.when[q.id] } : {}) })),
    ...(SHARE_CHECKLIST as readonly ChecklistQuestion[]).map((q) => {
      const a = answers.checklist[q.id as ChecklistQuestionId];
      const answer = q.answeredByRecord ? 'yes' : a?.answer;
      return {
        questionId: `checklist.${q.id}`,
        question: q.text,
        ...(answer ? { answer } : {}),
        ...(isBlank(a?.detail) ? {} : { detail: a!.detail!.trim() }),
      };
    }),
  ];

  return { justified: blockers.length === 0, route, blockers, conditions, legalBases, reasons };
}

export interface ShareDecisionInput {
  id: string;
  hubId: string;
  contactId: string;
  /** when the decision answers an information request */
  enquiryId?: string;
  decision: 'share' | 'not-share';
  /** what is (or would have been) shared */
  what: string;
  withWhom: { agencyId?: string; name: string };
  purpose: string;
  answers: ShareAnswers;
  rationale: string;
  /** the decision maker's override when sharing without consent (consent/domain/override.ts) */
  consentOverrideId?: string;
}

export interface ShareDecisionRecord extends ShareDecisionInput {
  evaluation: ShareEvaluation;
  decidedBy: string;
  decidedByAgencyId: string;
  decidedAt: Date;
}

export function validateShareDecision(input: ShareDecisionInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.decision !== 'share' && input.decision !== 'not-share') errors.push({ field: 'decision', text: 'Select whether to share' });
  if (isBlank(input.what)) errors.push({ field: 'what', text: 'Enter what information the decision is about' });
  if (isBlank(input.withWhom?.name)) errors.push({ field: 'withWhom', text: 'Enter who the information would go to' });
  if (isBlank(input.purpose)) errors.push({ field: 'purpose', text: 'Enter the purpose' });
  if (isBlank(input.rationale)) errors.push({ field: 'rationale', text: 'Enter the reasons for the decision' });
  return errors;
}

/**
 * Makes the record whatever the outcome. A decision to share is refused with the blockers as
 * field errors when the checklist does not justify it; a decision not to share is always recorded.
 */
export function recordShareDecision(input: ShareDecisionInput, actor: Actor, now: Date): ShareDecisionRecord {
  assertSameHub(actor, input.hubId);
  if (actor.role === 'auditor' || actor.role === 'ig-lead') {
    throw new DomainError('forbidden', 'This role does not make decisions to share');
  }
  const errors = validateShareDecision(input);
  const evaluation = evaluateShareDecision(input.answers);
  if (input.decision === 'share' && !evaluation.justified) errors.push(...evaluation.blockers);
  if (errors.length > 0) throw validationError(errors);
  return {
    ...input,
    what: input.what.trim(),
    purpose: input.purpose.trim(),
    rationale: input.rationale.trim(),
    evaluation,
    decidedBy: actor.userId,
    decidedByAgencyId: actor.agencyId,
    decidedAt: now,
  };
}
