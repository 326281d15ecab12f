/**
 * Proceeding without consent on a recorded public-interest justification, authorised by the
 * decision maker (000 §6.3: "the Decision Maker will decide as to whether checks are justified
 * without consent ... recorded with a clear justification"; 000 ISA "Consent"; 003; 004 §6.1.4).
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import { assertDecisionMaker, assertSameHub, isBlank, type Actor } from '../../enquiries/domain/types';

/** 000 ISA "Consent" (i)-(vi), word for word; codes as GLOSSARY "public interest criteria". */
export const PUBLIC_INTEREST_CRITERIA = {
  'administration-of-justice': 'The administration of justice',
  'public-safety': 'Maintaining public safety',
  'apprehension-of-offenders': 'The apprehension of offenders',
  'prevention-of-crime-and-disorder': 'The prevention of crime and disorder',
  'detection-of-crime': 'The detection of crime',
  'protection-of-vulnerable-people': 'The protection of vulnerable members of the community',
} as const;
export type PublicInterestCriterion = keyof typeof PUBLIC_INTEREST_CRITERIA;

/**
 * "When judging the public interest, it is necessary to consider" (000 ISA "Consent" (i)-(vi);
 * the same six in 003 and 004 §6.1.4). Yes/no questions carry the answer that an override needs:
 * "proportionate" is the critical issue (003), and an equally effective other means must be used
 * instead of overriding.
 */
export const PROPORTIONALITY_QUESTIONS = [
  { id: 'proportionate-to-aim', text: 'Is the intended disclosure proportionate to the intended aim?', answer: 'yes-no', requires: 'yes' },
  { id: 'vulnerability-of-those-at-risk', text: 'What is the vulnerability of those who are at risk?', answer: 'text' },
  { id: 'impact-on-individual', text: 'What is the impact of disclosure likely to be on the individual?', answer: 'text' },
  { id: 'other-equally-effective-means', text: 'Is there another equally effective means of achieving the same aim?', answer: 'yes-no', requires: 'no' },
  {
    id: 'necessary-to-prevent-or-detect-crime',
    text: 'Is the disclosure necessary to prevent or detect crime and uphold the rights and freedoms of the public?',
    answer: 'yes-no',
  },
  { id: 'necessary-to-protect-others', text: 'Is it necessary to disclose the information, to protect other vulnerable people?', answer: 'yes-no' },
] as const satisfies readonly ProportionalityQuestion[];

interface ProportionalityQuestion {
  id: string;
  text: string;
  answer: 'yes-no' | 'text';
  /** the only answer with which an override can be authorised */
  requires?: 'yes' | 'no';
}

export type ProportionalityQuestionId = (typeof PROPORTIONALITY_QUESTIONS)[number]['id'];

export interface ProportionalityAnswer {
  /** for yes/no questions */
  answer?: 'yes' | 'no';
  /** required for text questions; the reasoning for yes/no ones */
  detail?: string;
}

export interface OverrideInput {
  id: string;
  hubId: string;
  contactId: string;
  /** whose consent is overridden */
  personIds: string[];
  /** why there is no consent to rely on */
  consentPosition: 'refused' | 'not-sought' | 'withdrawn';
  /** what is done without consent, e.g. "checks with police, health and education" */
  scope: string;
  criteria: PublicInterestCriterion[];
  proportionality: Partial<Record<ProportionalityQuestionId, ProportionalityAnswer>>;
  justification: string;
  /**
   * Views of the organisation owing the duty of confidence, which the MASH must seek and take into
   * account (000 ISA "Consent"; 004 §6.1.6). Optional here: they may be sought per disclosure.
   */
  confidenceHolderViews?: { agencyId: string; views: string }[];
}

export interface ConsentOverride extends Omit<OverrideInput, 'proportionality'> {
  proportionality: Record<ProportionalityQuestionId, ProportionalityAnswer>;
  authorisedBy: string;
  authorisedAt: Date;
}

export interface OverrideEvent {
  type: 'consent-override-authorised';
  overrideId: string;
  hubId: string;
  contactId: string;
  at: Date;
  by: string;
}

export function validateOverride(input: OverrideInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.personIds.length === 0) errors.push({ field: 'personIds', text: 'Select whose consent is being overridden' });
  if (!['refused', 'not-sought', 'withdrawn'].includes(input.consentPosition)) {
    errors.push({ field: 'consentPosition', text: 'Select why there is no consent' });
  }
  if (isBlank(input.scope)) errors.push({ field: 'scope', text: 'Enter what will be done without consent' });
  if (input.criteria.length === 0) {
    errors.push({ field: 'criteria', text: 'Select at least one public interest criterion' });
  }
  for (const [i, c] of input.criteria.entries()) {
    if (!(c in PUBLIC_INTEREST_CRITERIA)) errors.push({ field: `criteria[${i}]`, text: 'Select a criterion from the list' });
  }
  for (const q of PROPORTIONALITY_QUESTIONS) {
    const field = `proportionality.${q.id}`;
    const a = input.proportionality[q.id];
    if (q.answer === 'text') {
      if (isBlank(a?.detail)) errors.push({ field, text: `Answer: ${q.text}` });
      continue;
    }
    if (a?.answer !== 'yes' && a?.answer !== 'no') {
      errors.push({ field, text: `Answer yes or no: ${q.text}` });
      continue;
    }
    if ('requires' in q && a.answer !== q.requires) {
      errors.push({
        field,
        text:
          q.requires === 'yes'
            ? 'An override can only be authorised when the disclosure is proportionate to the intended aim'
            : 'Use the other equally effective means instead of overriding consent',
      });
    }
  }
  const crime = input.proportionality['necessary-to-prevent-or-detect-crime']?.answer;
  const protect = input.proportionality['necessary-to-protect-others']?.answer;
  if (crime === 'no' && protect === 'no') {
    errors.push({
      field: 'proportionality.necessary-to-protect-others',
      text: 'An override needs the disclosure to be necessary to prevent or detect crime or to protect others',
    });
  }
  for (const [i, v] of (input.confidenceHolderViews ?? []).entries()) {
    if (isBlank(v.agencyId)) errors.push({ field: `confidenceHolderViews[${i}].agencyId`, text: 'Select the organisation' });
    if (isBlank(v.views)) errors.push({ field: `confidenceHolderViews[${i}].views`, text: 'Enter the organisation’s views' });
  }
  if (isBlank(input.justification)) errors.push({ field: 'justification', text: 'Enter the justification for proceeding without consent' });
  return errors;
}

/** Only a decision maker may authorise; anyone else is refused with `forbidden` (000 §6.3). */
export function authoriseOverride(actor: Actor, input: OverrideInput, now: Date): { override: ConsentOverride; event: OverrideEvent } {
  assertSameHub(actor, input.hubId);
  assertDecisionMaker(actor, 'authorise proceeding without consent');
  const errors = validateOverride(input);
  if (errors.length > 0) throw validationError(errors);
  const proportionality = {} as Record<ProportionalityQuestionId, ProportionalityAnswer>;
  for (const q of PROPORTIONALITY_QUESTIONS) proportionality[q.id] = { ...input.proportionality[q.id] };
  const override: ConsentOverride = {
    ...input,
    personIds: [...input.personIds],
    criteria: [...input.criteria],
    proportionality,
    justification: input.justification.trim(),
    authorisedBy: actor.userId,
    authorisedAt: now,
  };
  return {
    override,
    event: { type: 'consent-override-authorised', overrideId: input.id, hubId: input.hubId, contactId: input.contactId, at: now, by: actor.userId },
  };
}

/** An override covers a person only on its own contact. */
export function overrideCovers(override: ConsentOverride, contactId: string, personId: string): boolean {
  if (override.contactId !== contactId) return false;
  return override.personIds.includes(personId);
}

export function assertOverrideCovers(override: ConsentOverride, contactId: string, personId: string): void {
  if (!overrideCovers(override, contactId, personId)) {
    throw new DomainError('validation', 'The override does not cover this person on this contact', [
      { field: 'overrideId', text: 'The override does not cover this person on this contact' },
    ]);
  }
}
