/**
 * Feedback to the referrer (PRODUCT C7; 000 §6.3): "Final decisions must be fed back to the
 * referrer as soon as practicably possible and no later than 24 working hours after a decision
 * has been made ... including rationale for NFA decisions". The caller computes the due instant
 * with the hub calendar. Email goes only to approved secure domains (000 ISA 1.58).
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { assertSameHub, isBlank, isValidDate, type Actor } from '../../enquiries/domain/types';
import { OUTCOMES, type ContactDecision, type Outcome } from './decision';
import { isApprovedSecureDomain } from './secure-domain';

export const FEEDBACK_METHODS = {
  'secure-email': 'Secure email',
  phone: 'Telephone',
  letter: 'Letter',
  'in-person': 'In person',
} as const;
export type FeedbackMethod = keyof typeof FEEDBACK_METHODS;

export interface Referrer {
  anonymous: boolean;
  email?: string;
  phone?: string;
  postalAddress?: string;
}

interface FeedbackBase {
  hubId: string;
  contactId: string;
  outcome: Outcome;
  nfaRationale?: string;
  dueAt: Date;
}

export type Feedback =
  | (FeedbackBase & { status: 'due'; method: FeedbackMethod; to?: string })
  | (FeedbackBase & { status: 'sent'; method: FeedbackMethod; to?: string; sentAt: Date; sentBy: string; late: boolean })
  /** an anonymous referrer cannot be told; recorded so the clock stops with a reason */
  | (FeedbackBase & { status: 'not-possible'; reason: 'anonymous-referrer' });

export interface PlanFeedbackInput {
  decision: ContactDecision;
  referrer: Referrer;
  method: FeedbackMethod;
  /** the hub's approved secure domains */
  approvedDomains: readonly string[];
  /** 24 working hours after the decision, from the hub calendar */
  dueAt: Date;
}

export function validateFeedback(input: PlanFeedbackInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidDate(input.dueAt) || input.dueAt.getTime() < input.decision.decidedAt.getTime()) {
    errors.push({ field: 'dueAt', text: 'Feedback must be due after the decision' });
  }
  if (input.referrer.anonymous) return errors;
  if (!(input.method in FEEDBACK_METHODS)) {
    errors.push({ field: 'method', text: 'Select how the referrer will be told' });
    return errors;
  }
  switch (input.method) {
    case 'secure-email':
      if (isBlank(input.referrer.email)) errors.push({ field: 'email', text: 'Enter the referrer’s email address' });
      else if (!isApprovedSecureDomain(input.referrer.email!, input.approvedDomains)) {
        errors.push({ field: 'email', text: 'Email can only go to an approved secure domain; choose another method' });
      }
      break;
    case 'phone':
      if (isBlank(input.referrer.phone)) errors.push({ field: 'phone', text: 'Enter the referrer’s phone number' });
      break;
    case 'letter':
      if (isBlank(input.referrer.postalAddress)) errors.push({ field: 'postalAddress', text: 'Enter the referrer’s postal address' });
      break;
    case 'in-person':
      break;
    default: {
      const unknown: never = input.method;
      errors.push({ field: 'method', text: `Unknown method ${String(unknown)}` });
    }
  }
  return errors;
}

export function planFeedback(input: PlanFeedbackInput): Feedback {
  const errors = validateFeedback(input);
  if (errors.length > 0) throw validationError(errors);
  const base: FeedbackBase = {
    hubId: input.decision.hubId,
    contactId: input.decision.contactId,
    outcome: input.decision.outcome,
    ...(input.decision.nfaRationale ? { nfaRationale: input.decision.nfaRationale } : {}),
    dueAt: input.dueAt,
  };
  if (input.referrer.anonymous) return { ...base, status: 'not-possible', reason: 'anonymous-referrer' };
  const to =
    input.method === 'secure-email' ? input.referrer.email!.trim() : input.method === 'phone' ? input.referrer.phone!.trim() : undefined;
  return { ...base, status: 'due', method: input.method, ...(to ? { to } : {}) };
}

export function markFeedbackSent(feedback: Feedback, actor: Actor, now: Date): Feedback {
  assertSameHub(actor, feedback.hubId);
  if (actor.role === 'auditor' || actor.role === 'ig-lead') throw new DomainError('forbidden', 'This role does not send feedback');
  switch (feedback.status) {
    case 'due':
      return { ...feedback, status: 'sent', sentAt: now, sentBy: actor.userId, late: now.getTime() > feedback.dueAt.getTime() };
    case 'sent':
      throw invalidState('Feedback has already been sent');
    case 'not-possible':
      throw invalidState('Feedback cannot be sent to an anonymous referrer');
    default: {
      const unknown: never = feedback;
      throw new DomainError('invalid-state', `unknown feedback status ${(unknown as Feedback).status}`);
    }
  }
}

/** The words the referrer receives: the outcome, and for NFA the rationale. No names. */
export function feedbackText(feedback: Pick<FeedbackBase, 'outcome' | 'nfaRationale'>, contactReference: string): string {
  const lines = [
    `Thank you for your referral (reference ${contactReference}).`,
    `The MASH has made its decision: ${OUTCOMES[feedback.outcome]}.`,
  ];
  if (feedback.outcome === 'nfa' && feedback.nfaRationale) lines.push(`Why no further action: ${feedback.nfaRationale}`);
  return lines.join('\n\n');
}
