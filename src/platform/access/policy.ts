import { isPartnerRole, type Role } from './roles';

/**
 * THE access policy: every service asks here, and nowhere else decides. Deny by default.
 * Decisions combine the role's permissions, the actor's hub and agency, and the actor's
 * relationship to the record (need-to-know, PRODUCT.md C11).
 */
export interface Actor {
  userId: string;
  hubId: string;
  agencyId: string;
  role: Role;
  displayName: string;
}

export type Permission =
  // platform administration
  | 'hub.read'
  | 'hub.manage'
  | 'agency.read'
  | 'agency.manage'
  | 'user.read'
  | 'user.manage'
  // audit
  | 'audit.read'
  | 'audit.verify'
  // front door (C1-C4, C14)
  | 'contact.create'
  | 'contact.read'
  | 'contact.update'
  | 'contact.screen'
  | 'contact.allocate'
  | 'queue.read'
  | 'person.search'
  | 'person.read'
  | 'person.write'
  | 'person.merge'
  | 'person.import'
  | 'consultation.record'
  // MASH checks and decisions (C5-C8)
  | 'consent.record'
  | 'consent.override'
  | 'enquiry.send'
  | 'enquiry.read'
  | 'enquiry.respond'
  | 'decision.record'
  | 'feedback.record'
  | 'disagreement.record'
  | 'disclosure.record'
  | 'disclosure.read'
  | 'meeting.manage'
  | 'meeting.read'
  | 'lado.read'
  // performance (C13)
  | 'report.read'
  // one's own alerts and tasks
  | 'notification.read';

const FRONT_DOOR_READ: Permission[] = ['contact.read', 'queue.read', 'person.search', 'person.read', 'enquiry.read', 'meeting.read'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['hub.read', 'hub.manage', 'agency.read', 'agency.manage', 'user.read', 'user.manage', 'person.import'],
  mso: [
    ...FRONT_DOOR_READ,
    'agency.read',
    'contact.create',
    'contact.update',
    'contact.screen',
    'contact.allocate',
    'person.write',
    'person.merge',
    'consultation.record',
    'consent.record',
  ],
  'social-worker': [
    ...FRONT_DOOR_READ,
    'agency.read',
    'contact.create',
    'contact.update',
    'contact.screen',
    'person.write',
    'consultation.record',
    'consent.record',
    'feedback.record',
    'disagreement.record',
  ],
  'decision-maker': [
    ...FRONT_DOOR_READ,
    'agency.read',
    'contact.create',
    'contact.update',
    'contact.screen',
    'contact.allocate',
    'person.write',
    'person.merge',
    'consultation.record',
    'consent.record',
    'consent.override',
    'enquiry.send',
    'decision.record',
    'feedback.record',
    'disagreement.record',
    'disclosure.record',
    'disclosure.read',
    'meeting.manage',
    'lado.read',
  ],
  // partner practitioners reach requests to their own agency, nothing of the front door
  police: ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  health: ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  education: ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  probation: ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  housing: ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  'agency-practitioner': ['enquiry.read', 'enquiry.respond', 'meeting.read'],
  lado: ['lado.read', 'contact.read', 'meeting.read'],
  'ig-lead': ['agency.read', 'audit.read', 'disclosure.read', 'user.read'],
  auditor: ['audit.read', 'audit.verify', 'disclosure.read', 'agency.read', 'user.read'],
  performance: ['report.read'],
};

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const allow: AccessDecision = { allowed: true };
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

/** What the policy needs to know about the record: always its hub, and the relationship facts. */
export interface ResourceFacts {
  hubId: string;
  /** the agency that owns the record (an enquiry's recipient, a response's author) */
  agencyId?: string;
  /** agencies that have a live or past information request on this contact (for a meeting: the agencies invited) */
  enquiryAgencyIds?: readonly string[];
  /** the contact involves an allegation against a professional (LADO sees it) */
  ladoInvolved?: boolean;
  /** for a record addressed to people (an alert or task): whether it is addressed to the actor, by name or by role */
  addressedToActor?: boolean;
}

/** Every signed-in role has these. */
const EVERYONE: readonly Permission[] = ['notification.read'];

export function hasPermission(role: Role, permission: Permission): boolean {
  if (!Object.hasOwn(ROLE_PERMISSIONS, role)) return false;
  return EVERYONE.includes(permission) || ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return Object.hasOwn(ROLE_PERMISSIONS, role) ? [...ROLE_PERMISSIONS[role], ...EVERYONE] : [];
}

/**
 * Decide. Without `resource` the question is "may this actor ever do this in their own hub"
 * (used for showing links and for list pages that are then filtered by `scopeFor`).
 */
export function decide(actor: Actor, permission: Permission, resource?: ResourceFacts): AccessDecision {
  if (!hasPermission(actor.role, permission)) return deny(`role ${actor.role} lacks ${permission}`);
  if (!resource) return allow;
  if (resource.hubId !== actor.hubId) return deny('record belongs to another hub');
  // one's own alerts and tasks only, whatever the role
  if (resource.addressedToActor === false) return deny('addressed to someone else');

  // need-to-know for partner practitioners: only records their own agency was asked about
  if (isPartnerRole(actor.role)) {
    if (resource.agencyId !== undefined) {
      return resource.agencyId === actor.agencyId ? allow : deny('record belongs to another agency');
    }
    if (resource.enquiryAgencyIds !== undefined) {
      return resource.enquiryAgencyIds.includes(actor.agencyId) ? allow : deny('no information request to this agency');
    }
    return deny('no relationship to the record');
  }
  // the LADO sees contacts with an allegation against a professional, and nothing else
  if (actor.role === 'lado' && permission === 'contact.read') {
    return resource.ladoInvolved ? allow : deny('not an allegation against a professional');
  }
  // and, like a partner agency, only the meetings it was invited to (C8, C11)
  if (actor.role === 'lado' && permission === 'meeting.read') {
    return (resource.enquiryAgencyIds ?? []).includes(actor.agencyId) ? allow : deny('agency not invited to the meeting');
  }
  return allow;
}
