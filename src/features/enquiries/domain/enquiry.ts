/**
 * An information request ("MASH check") to one agency for one contact (GLOSSARY `enquiry`;
 * PRODUCT C6). The decision maker sends it (000 §6.3); the agency acknowledges, responds from its
 * own systems and may add more later (002 App. 1); a decision that comes first closes it.
 *
 *   sent → acknowledged → responded → supplemented (→ supplemented …)
 *   sent | acknowledged → responded | closed | withdrawn
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { checksPermitted, type ConsentPosition } from '../../consent/domain/consent-position';
import type { ConsentRecord } from '../../consent/domain/consent-record';
import type { ConsentOverride } from '../../consent/domain/override';
import { agreementBlocksRequest, type AgreementStatus } from './agreement';
import { toItems, validateItems, validateResponse, type EnquiryResponse, type ResponseInput, type ResponseItemInput } from './response';
import {
  assertDecisionMaker,
  assertSameHub,
  isBlank,
  isBrag,
  isIsoDateString,
  isPartnerPractitionerRole,
  isValidDate,
  type Actor,
  type Brag,
} from './types';

export interface HouseholdMember {
  name: string;
  dateOfBirth?: string;
  relationship: string;
}

export interface EnquirySubject {
  personId: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  address?: string;
  household: HouseholdMember[];
  /** beyond what an agency needs to search its systems: shown to MASH staff only (visibility.ts) */
  roleInContact?: string;
  identifiers?: { scheme: string; value: string }[];
  notes?: string;
}

export interface EnquiryRequest {
  /** what is asked */
  question: string;
  /** why it is asked */
  reason: string;
  consent: ConsentPosition;
}

interface EnquiryBase {
  id: string;
  hubId: string;
  contactId: string;
  agencyId: string;
  agencyName: string;
  subjects: EnquirySubject[];
  request: EnquiryRequest;
  /** the BRAG the due time was derived from */
  brag: Brag;
  dueAt: Date;
  sentAt: Date;
  sentBy: string;
  acknowledgedAt?: Date;
  acknowledgedBy?: string;
}

export const CLOSE_REASONS = {
  'decision-made-before-response': 'Decision made before response',
} as const;
export type CloseReason = keyof typeof CLOSE_REASONS;

export type Enquiry =
  | (EnquiryBase & { status: 'sent' })
  | (EnquiryBase & { status: 'acknowledged'; acknowledgedAt: Date; acknowledgedBy: string })
  | (EnquiryBase & { status: 'responded'; response: EnquiryResponse })
  | (EnquiryBase & { status: 'supplemented'; response: EnquiryResponse })
  | (EnquiryBase & { status: 'closed'; closedAt: Date; closedBy: string; closeReason: CloseReason })
  | (EnquiryBase & { status: 'withdrawn'; withdrawnAt: Date; withdrawnBy: string; withdrawReason: string });

export type EnquiryStatus = Enquiry['status'];
export const ENQUIRY_STATUSES: readonly EnquiryStatus[] = ['sent', 'acknowledged', 'responded', 'supplemented', 'closed', 'withdrawn'];

export type EnquiryCommand =
  | { type: 'acknowledge' }
  | { type: 'respond'; response: ResponseInput }
  | { type: 'supplement'; items: ResponseItemInput[]; agencyBrag?: Brag }
  | { type: 'close'; reason: CloseReason }
  | { type: 'withdraw'; reason: string };

export type EnquiryCommandType = EnquiryCommand['type'];

export interface EnquiryEvent {
  type: 'enquiry-sent' | 'enquiry-acknowledged' | 'enquiry-responded' | 'enquiry-supplemented' | 'enquiry-closed' | 'enquiry-withdrawn';
  enquiryId: string;
  hubId: string;
  contactId: string;
  agencyId: string;
  status: EnquiryStatus;
  at: Date;
  by: string;
}

export interface SendEnquiryInput {
  id: string;
  hubId: string;
  contactId: string;
  agencyId: string;
  agencyName: string;
  agreementStatus: AgreementStatus | undefined;
  subjects: EnquirySubject[];
  question: string;
  reason: string;
  consent: { records: readonly ConsentRecord[]; override?: ConsentOverride };
  brag: Brag;
  /** computed by the caller from the BRAG and the hub calendar (PRODUCT C4) */
  dueAt: Date;
}

export function validateSend(input: SendEnquiryInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const agreement = agreementBlocksRequest(input.agreementStatus);
  if (agreement) errors.push(agreement);
  if (isBlank(input.question)) errors.push({ field: 'question', text: 'Enter what you are asking the agency' });
  if (isBlank(input.reason)) errors.push({ field: 'reason', text: 'Enter why you are asking' });
  if (!isBrag(input.brag)) errors.push({ field: 'brag', text: 'Select a BRAG rating' });
  if (!isValidDate(input.dueAt)) errors.push({ field: 'dueAt', text: 'Enter when the response is due' });
  else if (input.dueAt.getTime() <= now.getTime()) errors.push({ field: 'dueAt', text: 'The response must be due in the future' });
  if (input.subjects.length === 0) errors.push({ field: 'subjects', text: 'Select at least one person to ask about' });
  for (const [i, s] of input.subjects.entries()) {
    if (isBlank(s.name)) errors.push({ field: `subjects[${i}].name`, text: 'Enter the person’s name' });
    if (s.dateOfBirth !== undefined && !isIsoDateString(s.dateOfBirth)) {
      errors.push({ field: `subjects[${i}].dateOfBirth`, text: 'Date of birth must be a real date' });
    }
  }
  return errors;
}

/** Creates the request in `sent`; refuses without an active agreement or a consent position that allows checks. */
export function sendEnquiry(input: SendEnquiryInput, actor: Actor, now: Date): { enquiry: Enquiry; event: EnquiryEvent } {
  assertSameHub(actor, input.hubId);
  assertDecisionMaker(actor, 'send information requests');
  const errors = validateSend(input, now);
  // checks need consent or the decision maker's recorded override (000 §6.3; PRODUCT C5)
  const consent = checksPermitted({
    contactId: input.contactId,
    personIds: input.subjects.map((s) => s.personId),
    records: input.consent.records,
    override: input.consent.override,
  });
  if (!consent.permitted) {
    // an empty subject list is already reported by validateSend
    errors.push(...consent.errors.filter((e) => !errors.some((x) => x.field === e.field)));
    throw validationError(errors);
  }
  if (errors.length > 0) throw validationError(errors);
  const enquiry: Enquiry = {
    id: input.id,
    hubId: input.hubId,
    contactId: input.contactId,
    agencyId: input.agencyId,
    agencyName: input.agencyName,
    subjects: input.subjects.map((s) => ({ ...s, household: s.household.map((h) => ({ ...h })) })),
    request: { question: input.question.trim(), reason: input.reason.trim(), consent: consent.position },
    brag: input.brag,
    dueAt: input.dueAt,
    sentAt: now,
    sentBy: actor.userId,
    status: 'sent',
  };
  return { enquiry, event: eventFor('enquiry-sent', enquiry, actor, now) };
}

/** Which commands each status accepts: the single statement of the legal transitions. */
export function allowedCommands(status: EnquiryStatus): readonly EnquiryCommandType[] {
  switch (status) {
    case 'sent':
      return ['acknowledge', 'respond', 'close', 'withdraw'];
    case 'acknowledged':
      return ['respond', 'close', 'withdraw'];
    case 'responded':
    case 'supplemented':
      return ['supplement'];
    case 'closed':
    case 'withdrawn':
      return [];
    default: {
      const unknown: never = status;
      throw new DomainError('invalid-state', `unknown enquiry status ${String(unknown)}`);
    }
  }
}

export const isOpen = (enquiry: Enquiry): boolean => enquiry.status === 'sent' || enquiry.status === 'acknowledged';

export const isOverdue = (enquiry: Enquiry, now: Date): boolean => isOpen(enquiry) && now.getTime() > enquiry.dueAt.getTime();

/**
 * The agency answers for itself: only its own staff acknowledge, respond and add (000 §6.4: each
 * agency interrogates its own databases). Read-only roles never do.
 */
function assertAgencyResponder(actor: Actor, enquiry: Enquiry): void {
  const responderRole = isPartnerPractitionerRole(actor.role) || ['social-worker', 'lado', 'decision-maker'].includes(actor.role);
  if (!responderRole || actor.agencyId !== enquiry.agencyId) {
    throw new DomainError('forbidden', 'Only the agency asked may answer this request');
  }
}

export function decideEnquiry(enquiry: Enquiry, command: EnquiryCommand, actor: Actor, now: Date): { enquiry: Enquiry; event: EnquiryEvent } {
  assertSameHub(actor, enquiry.hubId);
  if (!allowedCommands(enquiry.status).includes(command.type)) {
    throw invalidState(`A request that is ${enquiry.status} cannot be given "${command.type}"`);
  }
  const base = baseOf(enquiry);
  let next: Enquiry;
  switch (command.type) {
    case 'acknowledge': {
      assertAgencyResponder(actor, enquiry);
      next = { ...base, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId };
      return { enquiry: next, event: eventFor('enquiry-acknowledged', next, actor, now) };
    }
    case 'respond': {
      assertAgencyResponder(actor, enquiry);
      const errors = validateResponse(command.response);
      if (errors.length > 0) throw validationError(errors);
      const response: EnquiryResponse = {
        enquiryId: enquiry.id,
        hubId: enquiry.hubId,
        agencyId: enquiry.agencyId,
        agencyName: enquiry.agencyName,
        respondedAt: now,
        respondedBy: actor.userId,
        noInformationHeld: command.response.noInformationHeld,
        ...(command.response.agencyBrag ? { agencyBrag: command.response.agencyBrag } : {}),
        items: toItems(enquiry.id, command.response.items, 0, actor.userId, now, false),
        lastAddedAt: now,
      };
      next = { ...base, status: 'responded', response };
      return { enquiry: next, event: eventFor('enquiry-responded', next, actor, now) };
    }
    case 'supplement': {
      assertAgencyResponder(actor, enquiry);
      if (enquiry.status !== 'responded' && enquiry.status !== 'supplemented') throw invalidState('Nothing to add to');
      const previous = enquiry.response;
      const errors = validateItems(command.items);
      if (command.items.length === 0) errors.push({ field: 'items', text: 'Enter the information to add' });
      if (command.agencyBrag !== undefined && !isBrag(command.agencyBrag)) {
        errors.push({ field: 'agencyBrag', text: 'Select a BRAG rating' });
      }
      if (previous.noInformationHeld && previous.agencyBrag === undefined && command.agencyBrag === undefined) {
        errors.push({ field: 'agencyBrag', text: 'Select your agency’s BRAG rating now that information is held' });
      }
      if (errors.length > 0) throw validationError(errors);
      const response: EnquiryResponse = {
        ...previous,
        noInformationHeld: false,
        agencyBrag: command.agencyBrag ?? previous.agencyBrag,
        items: [...previous.items, ...toItems(enquiry.id, command.items, previous.items.length, actor.userId, now, true)],
        lastAddedAt: now,
      };
      next = { ...base, status: 'supplemented', response };
      return { enquiry: next, event: eventFor('enquiry-supplemented', next, actor, now) };
    }
    case 'close': {
      assertDecisionMaker(actor, 'close information requests');
      if (!(command.reason in CLOSE_REASONS)) throw validationError([{ field: 'reason', text: 'Select a reason for closing' }]);
      next = { ...base, status: 'closed', closedAt: now, closedBy: actor.userId, closeReason: command.reason };
      return { enquiry: next, event: eventFor('enquiry-closed', next, actor, now) };
    }
    case 'withdraw': {
      assertDecisionMaker(actor, 'withdraw information requests');
      if (isBlank(command.reason)) throw validationError([{ field: 'reason', text: 'Enter why the request is withdrawn' }]);
      next = { ...base, status: 'withdrawn', withdrawnAt: now, withdrawnBy: actor.userId, withdrawReason: command.reason.trim() };
      return { enquiry: next, event: eventFor('enquiry-withdrawn', next, actor, now) };
    }
    default: {
      const unknown: never = command;
      throw new DomainError('invalid-state', `unknown command ${(unknown as EnquiryCommand).type}`);
    }
  }
}

function baseOf(enquiry: Enquiry): EnquiryBase {
  const {
    id, hubId, contactId, agencyId, agencyName, subjects, request, brag, dueAt, sentAt, sentBy, acknowledgedAt, acknowledgedBy,
  } = enquiry;
  return {
    id, hubId, contactId, agencyId, agencyName, subjects, request, brag, dueAt, sentAt, sentBy,
    ...(acknowledgedAt ? { acknowledgedAt } : {}),
    ...(acknowledgedBy ? { acknowledgedBy } : {}),
  };
}

function eventFor(type: EnquiryEvent['type'], enquiry: Enquiry, actor: Actor, now: Date): EnquiryEvent {
  return {
    type,
    enquiryId: enquiry.id,
    hubId: enquiry.hubId,
    contactId: enquiry.contactId,
    agencyId: enquiry.agencyId,
    status: enquiry.status,
    at: now,
    by: actor.userId,
  };
}
