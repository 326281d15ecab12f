/**
 * The decision on a contact (PRODUCT C7; 000 §6.3): the decision maker gives a final BRAG,
 * chooses the outcome, and records "a summary of the information gathered with a recommendation
 * as to what should happen next", with the rationale for an NFA decision. Deciding closes the
 * information requests still open: the decision came before their response.
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { latestFor } from '../../consent/domain/consent-position';
import type { ConsentRecord } from '../../consent/domain/consent-record';
import { decideEnquiry, isOpen, type Enquiry, type EnquiryEvent } from '../../enquiries/domain/enquiry';
import { assertDecisionMaker, assertSameHub, isBlank, isBrag, type Actor, type Brag } from '../../enquiries/domain/types';

/** 000 §6.3 BRAG table "Decision to"; codes as GLOSSARY. */
export const OUTCOMES = {
  assessment: 'Progress to a child and family assessment',
  's47-strategy-discussion': 'Section 47 enquiry: strategy discussion',
  'early-help': 'CAF / early help',
  'other-service': 'Refer to another service',
  advice: 'Information and advice',
  nfa: 'No further action',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** 000 §6.3: "Contacts rated as RED will always be passed directly to Children's Social Care". */
const RED_OUTCOMES: readonly Outcome[] = ['assessment', 's47-strategy-discussion'];

export interface DecisionInput {
  finalBrag: Brag;
  outcome: Outcome;
  /** summary of the information gathered */
  summary: string;
  recommendation: string;
  /** required for NFA: referrers get "rationale for NFA decisions" (000 §6.3) */
  nfaRationale?: string;
  /** for `other-service`: which service, and whose consent it rests on */
  otherService?: { name: string; personIds: string[] };
}

export interface ContactDecision extends DecisionInput {
  contactId: string;
  hubId: string;
  decidedBy: string;
  decidedAt: Date;
}

export interface ContactForDecision {
  id: string;
  hubId: string;
  /** bumped on every change; `decide` refuses a stale expected version */
  version: number;
  status: 'awaiting-decision' | 'decided';
  enquiries: Enquiry[];
  decision?: ContactDecision;
}

export interface DecisionEvent {
  type: 'contact-decided';
  contactId: string;
  hubId: string;
  outcome: Outcome;
  finalBrag: Brag;
  version: number;
  at: Date;
  by: string;
}

export function validateDecision(input: DecisionInput, contactId: string, consents: readonly ConsentRecord[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!isBrag(input.finalBrag)) errors.push({ field: 'finalBrag', text: 'Select the final BRAG rating' });
  if (!(input.outcome in OUTCOMES)) {
    errors.push({ field: 'outcome', text: 'Select the decision' });
    return errors;
  }
  if (isBlank(input.summary)) errors.push({ field: 'summary', text: 'Enter a summary of the information gathered' });
  if (isBlank(input.recommendation)) errors.push({ field: 'recommendation', text: 'Enter the recommendation' });
  if (input.finalBrag === 'red' && !RED_OUTCOMES.includes(input.outcome)) {
    errors.push({ field: 'outcome', text: 'A red contact goes to children’s social care: choose an assessment or a strategy discussion' });
  }
  if (input.outcome === 'nfa') {
    if (isBlank(input.nfaRationale)) errors.push({ field: 'nfaRationale', text: 'Enter the rationale for no further action' });
  } else if (!isBlank(input.nfaRationale)) {
    errors.push({ field: 'nfaRationale', text: 'Give a rationale for no further action only with that decision' });
  }
  if (input.outcome === 'other-service') {
    const s = input.otherService;
    if (!s || isBlank(s.name)) errors.push({ field: 'otherService.name', text: 'Enter the service referred to' });
    if (!s || s.personIds.length === 0) {
      errors.push({ field: 'otherService.personIds', text: 'Select whose consent the referral rests on' });
    } else {
      // 000 §8.1: referrals "can only be sent ... with consent from the adult(s) who hold parental responsibility"
      for (const [i, personId] of s.personIds.entries()) {
        if (latestFor(consents, contactId, personId)?.status !== 'given') {
          errors.push({ field: `otherService.personIds[${i}]`, text: 'A referral to another service needs consent, and there is none for this person' });
        }
      }
    }
  } else if (input.otherService) {
    errors.push({ field: 'otherService', text: 'Name another service only when referring to one' });
  }
  return errors;
}

/**
 * Records the decision. Refuses with `conflict` when the contact moved on since the decision maker
 * loaded it (someone else decided or changed it), so two managers never decide one contact twice.
 */
export function decide(
  contact: ContactForDecision,
  expectedVersion: number,
  input: DecisionInput,
  consents: readonly ConsentRecord[],
  actor: Actor,
  now: Date,
): {
  contact: ContactForDecision;
  decision: ContactDecision;
  event: DecisionEvent;
  closedEnquiries: { enquiry: Enquiry; event: EnquiryEvent }[];
} {
  assertSameHub(actor, contact.hubId);
  assertDecisionMaker(actor, 'decide on a contact');
  if (contact.version !== expectedVersion) {
    throw new DomainError('conflict', 'The contact has changed since you opened it; reload it and decide again');
  }
  switch (contact.status) {
    case 'awaiting-decision':
      break;
    case 'decided':
      throw invalidState('The contact has already been decided');
    default: {
      const unknown: never = contact.status;
      throw new DomainError('invalid-state', `unknown contact status ${String(unknown)}`);
    }
  }
  const errors = validateDecision(input, contact.id, consents);
  if (errors.length > 0) throw validationError(errors);

  const decision: ContactDecision = {
    finalBrag: input.finalBrag,
    outcome: input.outcome,
    summary: input.summary.trim(),
    recommendation: input.recommendation.trim(),
    ...(input.outcome === 'nfa' ? { nfaRationale: input.nfaRationale!.trim() } : {}),
    ...(input.outcome === 'other-service' ? { otherService: { name: input.otherService!.name.trim(), personIds: [...input.otherService!.personIds] } } : {}),
    contactId: contact.id,
    hubId: contact.hubId,
    decidedBy: actor.userId,
    decidedAt: now,
  };
  const closedEnquiries = contact.enquiries
    .filter(isOpen)
    .map((e) => decideEnquiry(e, { type: 'close', reason: 'decision-made-before-response' }, actor, now));
  const closedById = new Map(closedEnquiries.map((c) => [c.enquiry.id, c.enquiry]));
  const version = contact.version + 1;
  return {
    contact: {
      ...contact,
      version,
      status: 'decided',
      decision,
      enquiries: contact.enquiries.map((e) => closedById.get(e.id) ?? e),
    },
    decision,
    event: {
      type: 'contact-decided',
      contactId: contact.id,
      hubId: contact.hubId,
      outcome: decision.outcome,
      finalBrag: decision.finalBrag,
      version,
      at: now,
      by: actor.userId,
    },
    closedEnquiries,
  };
}
