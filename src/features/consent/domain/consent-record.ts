/**
 * The consent position for one person on one contact: whether consent was sought, from whom,
 * the answer, and why it was not sought (PRODUCT C5; 000 §6.3). Consent to research and share
 * about a child "will always be sought from adults who hold parental responsibility" unless one
 * of the 000 §6.3 reasons applies, and the decision is "always ... recorded together with the
 * rationale" (000 ISA "Consent").
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import { assertSameHub, isBlank, isPartnerPractitionerRole, isValidDate, type Actor } from '../../enquiries/domain/types';
import { canGiveOwnConsent, validateCapacity, type CapacityPosition } from './capacity';

export const CONSENT_SOURCES = {
  'parental-responsibility': 'Holders of parental responsibility',
  adult: 'The adult',
  other: 'Someone else',
} as const;
export type ConsentSource = keyof typeof CONSENT_SOURCES;

export const CONSENT_ANSWERS = {
  given: 'Given',
  refused: 'Refused',
  'not-sought': 'Not sought',
} as const;
export type ConsentAnswer = keyof typeof CONSENT_ANSWERS;

/** The 000 §6.3 list, word for word; its second bullet carries two distinct reasons. */
export const NOT_SOUGHT_REASONS = {
  'immediate-danger': 'The child is in immediate danger',
  'risk-to-child': 'Approaching the parents for consent to network checks will put the child at risk of further significant harm',
  'prejudice-criminal-investigation': 'Approaching the parents for consent to network checks will prejudice a criminal investigation',
  'public-protection': 'Public protection matter',
  'unjustifiable-delay': 'Obtaining consent could lead to unjustifiable delay in enquiries',
} as const;
export type NotSoughtReason = keyof typeof NOT_SOUGHT_REASONS;

export interface ConsentSoughtFrom {
  kind: ConsentSource;
  /** who was asked, e.g. both parents; at least one */
  names: string[];
  /** for `other`: who they are and why they can consent (e.g. attorney, deputy, a competent young person) */
  description?: string;
}

export interface ConsentInput {
  /** assigned by the caller (ids are not the domain's business) */
  id: string;
  hubId: string;
  contactId: string;
  personId: string;
  /** decides who can be asked: the adult themselves, or holders of parental responsibility */
  subjectIsAdult: boolean;
  answer: ConsentAnswer;
  soughtFrom?: ConsentSoughtFrom;
  soughtAt?: Date;
  notSoughtReasons?: NotSoughtReason[];
  /** required when not sought; optional note otherwise */
  rationale?: string;
  /** adults only; capacity is assumed when absent (004 §5.15) */
  capacity?: CapacityPosition;
  /** what the consent covers, e.g. "MASH checks with police, health and education" */
  scope: string;
}

interface ConsentBase {
  id: string;
  hubId: string;
  contactId: string;
  personId: string;
  subjectIsAdult: boolean;
  scope: string;
  rationale?: string;
  capacity?: CapacityPosition;
  recordedBy: string;
  recordedAt: Date;
}

export type ConsentRecord =
  | (ConsentBase & { status: 'given'; soughtFrom: ConsentSoughtFrom; soughtAt: Date })
  | (ConsentBase & { status: 'refused'; soughtFrom: ConsentSoughtFrom; soughtAt: Date })
  | (ConsentBase & { status: 'not-sought'; notSoughtReasons: NotSoughtReason[]; rationale: string })
  | (ConsentBase & {
      status: 'withdrawn';
      soughtFrom: ConsentSoughtFrom;
      soughtAt: Date;
      withdrawnAt: Date;
      withdrawnRecordedBy: string;
      /** the party the person told (000 ISA 1.55: that party tells the other partners) */
      withdrawalReceivedByAgencyId: string;
    });

export type ConsentStatus = ConsentRecord['status'];

export interface ConsentEvent {
  type: 'consent-recorded' | 'consent-withdrawn';
  consentId: string;
  hubId: string;
  contactId: string;
  personId: string;
  status: ConsentStatus;
  at: Date;
  by: string;
}

/** Read-only roles (auditor, IG lead) never record a consent position. */
function assertMayRecord(actor: Actor): void {
  const mash = ['decision-maker', 'social-worker', 'mso', 'lado'];
  if (!mash.includes(actor.role) && !isPartnerPractitionerRole(actor.role)) {
    throw new DomainError('forbidden', 'This role may not record consent');
  }
}

export function validateConsent(input: ConsentInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(input.scope)) errors.push({ field: 'scope', text: 'Enter what the consent is for' });
  if (!(input.answer in CONSENT_ANSWERS)) {
    errors.push({ field: 'answer', text: 'Select whether consent was given, refused or not sought' });
    return errors;
  }
  if (input.capacity) {
    if (!input.subjectIsAdult) {
      errors.push({ field: 'capacity', text: 'Record mental capacity only for an adult' });
    } else {
      errors.push(...validateCapacity(input.capacity, now));
    }
  }
  const sought = input.answer === 'given' || input.answer === 'refused';
  if (sought) {
    errors.push(...validateSoughtFrom(input));
    if (!isValidDate(input.soughtAt)) errors.push({ field: 'soughtAt', text: 'Enter when consent was sought' });
    else if (input.soughtAt.getTime() > now.getTime()) {
      errors.push({ field: 'soughtAt', text: 'When consent was sought must be now or in the past' });
    }
    if (input.notSoughtReasons && input.notSoughtReasons.length > 0) {
      errors.push({ field: 'notSoughtReasons', text: 'Reasons for not seeking consent apply only when consent was not sought' });
    }
  } else {
    if (input.soughtFrom) errors.push({ field: 'soughtFrom', text: 'Consent was not sought, so do not say who it was sought from' });
    const reasons = input.notSoughtReasons ?? [];
    if (reasons.length === 0) {
      errors.push({ field: 'notSoughtReasons', text: 'Select why consent was not sought' });
    }
    for (const [i, r] of reasons.entries()) {
      if (!(r in NOT_SOUGHT_REASONS)) errors.push({ field: `notSoughtReasons[${i}]`, text: 'Select a reason from the list' });
    }
    if (new Set(reasons).size !== reasons.length) {
      errors.push({ field: 'notSoughtReasons', text: 'Select each reason only once' });
    }
    // 000 ISA "Consent": the determination "should always be recorded together with the rationale"
    if (isBlank(input.rationale)) errors.push({ field: 'rationale', text: 'Enter the rationale for not seeking consent' });
  }
  return errors;
}

function validateSoughtFrom(input: ConsentInput): FieldError[] {
  const from = input.soughtFrom;
  if (!from) return [{ field: 'soughtFrom', text: 'Select who consent was sought from' }];
  const errors: FieldError[] = [];
  if (!(from.kind in CONSENT_SOURCES)) {
    return [{ field: 'soughtFrom.kind', text: 'Select who consent was sought from' }];
  }
  if (from.names.length === 0 || from.names.some(isBlank)) {
    errors.push({ field: 'soughtFrom.names', text: 'Enter the name of each person asked' });
  }
  if (from.kind === 'parental-responsibility' && input.subjectIsAdult) {
    errors.push({ field: 'soughtFrom.kind', text: 'For an adult, consent is sought from the adult, not from holders of parental responsibility' });
  }
  if (from.kind === 'adult' && !input.subjectIsAdult) {
    errors.push({ field: 'soughtFrom.kind', text: 'For a child, consent is sought from holders of parental responsibility' });
  }
  if (from.kind === 'adult' && input.capacity && !canGiveOwnConsent(input.capacity)) {
    errors.push({ field: 'soughtFrom.kind', text: 'The adult was assessed as lacking capacity for this decision; record who consented on their behalf' });
  }
  if (from.kind === 'other' && isBlank(from.description)) {
    errors.push({ field: 'soughtFrom.description', text: 'Enter who they are and why they can consent' });
  }
  return errors;
}

export function recordConsent(input: ConsentInput, actor: Actor, now: Date): { record: ConsentRecord; event: ConsentEvent } {
  assertSameHub(actor, input.hubId);
  assertMayRecord(actor);
  const errors = validateConsent(input, now);
  if (errors.length > 0) throw validationError(errors);

  const base: ConsentBase = {
    id: input.id,
    hubId: input.hubId,
    contactId: input.contactId,
    personId: input.personId,
    subjectIsAdult: input.subjectIsAdult,
    scope: input.scope.trim(),
    ...(isBlank(input.rationale) ? {} : { rationale: input.rationale!.trim() }),
    ...(input.capacity ? { capacity: input.capacity } : {}),
    recordedBy: actor.userId,
    recordedAt: now,
  };
  let record: ConsentRecord;
  switch (input.answer) {
    case 'given':
    case 'refused':
      record = { ...base, status: input.answer, soughtFrom: input.soughtFrom!, soughtAt: input.soughtAt! };
      break;
    case 'not-sought':
      record = { ...base, status: 'not-sought', notSoughtReasons: [...input.notSoughtReasons!], rationale: input.rationale!.trim() };
      break;
    default: {
      const unknown: never = input.answer;
      throw new DomainError('invalid-state', `unknown consent answer ${String(unknown)}`);
    }
  }
  return { record, event: eventFor('consent-recorded', record, actor, now) };
}

/**
 * Only consent that was given can be withdrawn; the withdrawal then drives a task for every
 * agency that received the person's information (withdrawal-tasks.ts; 000 ISA 1.55).
 */
export function withdrawConsent(
  record: ConsentRecord,
  input: { receivedByAgencyId: string },
  actor: Actor,
  now: Date,
): { record: ConsentRecord; event: ConsentEvent } {
  assertSameHub(actor, record.hubId);
  assertMayRecord(actor);
  switch (record.status) {
    case 'given': {
      if (isBlank(input.receivedByAgencyId)) {
        throw validationError([{ field: 'receivedByAgencyId', text: 'Select the agency the person told' }]);
      }
      const next: ConsentRecord = {
        ...record,
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawnRecordedBy: actor.userId,
        withdrawalReceivedByAgencyId: input.receivedByAgencyId,
      };
      return { record: next, event: eventFor('consent-withdrawn', next, actor, now) };
    }
    case 'refused':
    case 'not-sought':
    case 'withdrawn':
      throw new DomainError('invalid-state', `Consent that is ${record.status} cannot be withdrawn`);
    default: {
      const unknown: never = record;
      throw new DomainError('invalid-state', `unknown consent status ${(unknown as ConsentRecord).status}`);
    }
  }
}

/** True only while consent stands: given and not withdrawn. */
export const hasConsent = (record: ConsentRecord | undefined): boolean => record?.status === 'given';

function eventFor(type: ConsentEvent['type'], record: ConsentRecord, actor: Actor, now: Date): ConsentEvent {
  return {
    type,
    consentId: record.id,
    hubId: record.hubId,
    contactId: record.contactId,
    personId: record.personId,
    status: record.status,
    at: now,
    by: actor.userId,
  };
}
