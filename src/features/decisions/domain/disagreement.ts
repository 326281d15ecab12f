/**
 * Disagreements between agencies, with their escalation level and resolution (PRODUCT C7).
 * Levels, lowest first, from both protocols:
 * - 002 §4.3.9: every professional's responsibility to "problem solve" at the earliest stage;
 * - 000 §9: "in the first instance, at local level through discussion with relevant partner
 *   agencies and managers", or within their own organisations;
 * - 002 §4.3.11: the bimonthly MASH operational managers meeting;
 * - 000 §9 "MASH Head of Service"; 002 §4.3.12 "partner agency Head of Service/Strategic Lead";
 * - 002 §4.3.12: "raised at the MASH Strategic Board where necessary";
 * - 000 §9, 002 §4.3.13, 004 protocol 11: the safeguarding partnership's escalation policy.
 * A hub configures which of them its path uses (Barnet has no operational managers meeting).
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { assertSameHub, isBlank, type Actor } from '../../enquiries/domain/types';

export const ESCALATION_LEVELS = {
  practitioners: 'Practitioners resolve it between themselves',
  managers: 'Local discussion with the agencies’ managers',
  'operational-managers-meeting': 'MASH operational managers meeting',
  'head-of-service': 'Head of service or strategic lead',
  'strategic-board': 'MASH strategic board',
  'safeguarding-partnership': 'Safeguarding children partnership escalation policy',
} as const;
export type EscalationLevel = keyof typeof ESCALATION_LEVELS;

export const DEFAULT_ESCALATION_PATH: readonly EscalationLevel[] = Object.freeze(Object.keys(ESCALATION_LEVELS) as EscalationLevel[]);

export const DISAGREEMENT_SUBJECTS = {
  decision: 'A decision on a contact',
  'strategy-outcome': 'The outcome of a strategy discussion',
  'information-sharing': 'Sharing of information',
  operations: 'How the MASH operates',
} as const;
export type DisagreementSubject = keyof typeof DISAGREEMENT_SUBJECTS;

export interface EscalationStep {
  level: EscalationLevel;
  at: Date;
  by: string;
  reason: string;
}

interface DisagreementBase {
  id: string;
  hubId: string;
  contactId?: string;
  meetingId?: string;
  subject: DisagreementSubject;
  description: string;
  raisedBy: string;
  raisedByAgencyId: string;
  /** the other agencies in the disagreement */
  withAgencyIds: string[];
  path: EscalationLevel[];
  level: EscalationLevel;
  steps: EscalationStep[];
}

export type Disagreement =
  | (DisagreementBase & { status: 'open' })
  | (DisagreementBase & { status: 'resolved'; resolution: string; resolvedAt: Date; resolvedBy: string });

export interface RaiseDisagreementInput {
  id: string;
  hubId: string;
  contactId?: string;
  meetingId?: string;
  subject: DisagreementSubject;
  description: string;
  withAgencyIds: string[];
  path?: readonly EscalationLevel[];
}

const READ_ONLY_ROLES = ['auditor', 'ig-lead'];

function assertParticipant(actor: Actor): void {
  if (READ_ONLY_ROLES.includes(actor.role)) throw new DomainError('forbidden', 'This role does not take part in disagreements');
}

export function validatePath(path: readonly EscalationLevel[]): FieldError[] {
  const order = Object.keys(ESCALATION_LEVELS);
  if (path.length === 0) return [{ field: 'path', text: 'The escalation path needs at least one level' }];
  for (const [i, l] of path.entries()) {
    if (!(l in ESCALATION_LEVELS)) return [{ field: `path[${i}]`, text: 'Select a level from the list' }];
    if (i > 0 && order.indexOf(l) <= order.indexOf(path[i - 1])) {
      return [{ field: 'path', text: 'Escalation levels must go from lowest to highest, each once' }];
    }
  }
  return [];
}

/** Raised at the first level of the path: resolve "at the earliest possible stage" (002 §4.3.9). */
export function raiseDisagreement(input: RaiseDisagreementInput, actor: Actor, now: Date): Disagreement {
  assertSameHub(actor, input.hubId);
  assertParticipant(actor);
  const path = [...(input.path ?? DEFAULT_ESCALATION_PATH)];
  const errors = validatePath(path);
  if (!(input.subject in DISAGREEMENT_SUBJECTS)) errors.push({ field: 'subject', text: 'Select what the disagreement is about' });
  if (isBlank(input.description)) errors.push({ field: 'description', text: 'Describe the disagreement' });
  if (input.withAgencyIds.length === 0) errors.push({ field: 'withAgencyIds', text: 'Select the agency you disagree with' });
  if (input.withAgencyIds.includes(actor.agencyId)) {
    errors.push({ field: 'withAgencyIds', text: 'A disagreement between agencies is with another agency' });
  }
  if (errors.length > 0) throw validationError(errors);
  const level = path[0];
  return {
    id: input.id,
    hubId: input.hubId,
    ...(input.contactId ? { contactId: input.contactId } : {}),
    ...(input.meetingId ? { meetingId: input.meetingId } : {}),
    subject: input.subject,
    description: input.description.trim(),
    raisedBy: actor.userId,
    raisedByAgencyId: actor.agencyId,
    withAgencyIds: [...new Set(input.withAgencyIds)],
    path,
    level,
    steps: [{ level, at: now, by: actor.userId, reason: 'Raised' }],
    status: 'open',
  };
}

/** Moves to a higher level on the hub's path; skipping is allowed with a reason (urgency). */
export function escalateDisagreement(
  d: Disagreement,
  input: { toLevel?: EscalationLevel; reason: string },
  actor: Actor,
  now: Date,
): Disagreement {
  assertSameHub(actor, d.hubId);
  assertParticipant(actor);
  switch (d.status) {
    case 'open':
      break;
    case 'resolved':
      throw invalidState('The disagreement has been resolved');
    default: {
      const unknown: never = d;
      throw new DomainError('invalid-state', `unknown disagreement status ${(unknown as Disagreement).status}`);
    }
  }
  const here = d.path.indexOf(d.level);
  if (here === d.path.length - 1) throw invalidState('The disagreement is already at the highest level');
  const to = input.toLevel ?? d.path[here + 1];
  const there = d.path.indexOf(to);
  const errors: FieldError[] = [];
  if (there === -1) errors.push({ field: 'toLevel', text: 'That level is not on this hub’s escalation path' });
  else if (there <= here) errors.push({ field: 'toLevel', text: 'Escalate to a higher level' });
  if (isBlank(input.reason)) errors.push({ field: 'reason', text: 'Enter why it could not be resolved at this level' });
  if (errors.length > 0) throw validationError(errors);
  return { ...d, level: to, steps: [...d.steps, { level: to, at: now, by: actor.userId, reason: input.reason.trim() }] };
}

export function resolveDisagreement(d: Disagreement, input: { resolution: string }, actor: Actor, now: Date): Disagreement {
  assertSameHub(actor, d.hubId);
  assertParticipant(actor);
  switch (d.status) {
    case 'open':
      if (isBlank(input.resolution)) throw validationError([{ field: 'resolution', text: 'Enter how it was resolved' }]);
      return { ...d, status: 'resolved', resolution: input.resolution.trim(), resolvedAt: now, resolvedBy: actor.userId };
    case 'resolved':
      throw invalidState('The disagreement has already been resolved');
    default: {
      const unknown: never = d;
      throw new DomainError('invalid-state', `unknown disagreement status ${(unknown as Disagreement).status}`);
    }
  }
}
