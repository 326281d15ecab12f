/**
 * Who must take part. A strategy discussion involves, "as a minimum", "a local authority social
 * worker and their manager, health professionals and a police representative" (004 App. 1,
 * Working Together 2015); the LA requests it "with Police and Health" (004 protocol 3) and its
 * manager chairs (004 protocol 4). Others — the referrer, the school, health services the family
 * use — depend on the case (004 App. 1; 002 §4.3.3).
 */
import type { FieldError } from '../../../platform/errors';
import { PARTNER_PRACTITIONER_ROLES, isBlank } from '../../enquiries/domain/types';

export const AGENCY_KINDS = ['childrens-social-care', ...PARTNER_PRACTITIONER_ROLES, 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ATTENDEE_CAPACITIES = {
  chair: 'Chair',
  manager: 'Manager',
  'social-worker': 'Social worker',
  representative: 'Agency representative',
} as const;
export type AttendeeCapacity = keyof typeof ATTENDEE_CAPACITIES;

export interface Attendee {
  agencyId: string;
  agencyKind: AgencyKind;
  name: string;
  capacity: AttendeeCapacity;
  email?: string;
}

export const STRATEGY_MINIMUM = {
  'csc-social-worker': 'A local authority social worker',
  'csc-manager': 'Their manager',
  health: 'A health professional',
  police: 'A police representative',
} as const;
export type StrategyParticipant = keyof typeof STRATEGY_MINIMUM;

export function missingStrategyParticipants(attendees: readonly Attendee[]): StrategyParticipant[] {
  const csc = attendees.filter((a) => a.agencyKind === 'childrens-social-care');
  const missing: StrategyParticipant[] = [];
  if (!csc.some((a) => a.capacity === 'social-worker')) missing.push('csc-social-worker');
  // the LA manager chairs (004 protocol 4), so a chair from children's social care counts
  if (!csc.some((a) => a.capacity === 'manager' || a.capacity === 'chair')) missing.push('csc-manager');
  if (!attendees.some((a) => a.agencyKind === 'health')) missing.push('health');
  if (!attendees.some((a) => a.agencyKind === 'police')) missing.push('police');
  return missing;
}

export function validateAttendees(attendees: readonly Attendee[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (attendees.length === 0) errors.push({ field, text: 'Add at least one attendee' });
  for (const [i, a] of attendees.entries()) {
    if (isBlank(a.name)) errors.push({ field: `${field}[${i}].name`, text: 'Enter the attendee’s name' });
    if (isBlank(a.agencyId)) errors.push({ field: `${field}[${i}].agencyId`, text: 'Select the attendee’s agency' });
    if (!(AGENCY_KINDS as readonly string[]).includes(a.agencyKind)) {
      errors.push({ field: `${field}[${i}].agencyKind`, text: 'Select the kind of agency' });
    }
    if (!(a.capacity in ATTENDEE_CAPACITIES)) errors.push({ field: `${field}[${i}].capacity`, text: 'Select the attendee’s capacity' });
  }
  return errors;
}
