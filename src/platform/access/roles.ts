/**
 * Roles of PRODUCT.md §1. A partner agency practitioner's role names their agency type
 * (police, health, ...); `agency-practitioner` serves the other partners (substance misuse,
 * domestic abuse service, early help, youth offending, fire, ...).
 */
export const ROLES = [
  'admin',
  'mso',
  'social-worker',
  'decision-maker',
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'agency-practitioner',
  'lado',
  'ig-lead',
  'auditor',
  'performance',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  mso: 'MASH support officer',
  'social-worker': 'MASH social worker',
  'decision-maker': 'Decision maker (MASH team manager)',
  police: 'Police practitioner',
  health: 'Health practitioner',
  education: 'Education practitioner',
  probation: 'Probation practitioner',
  housing: 'Housing practitioner',
  'agency-practitioner': 'Partner agency practitioner',
  lado: 'LADO (designated officer)',
  'ig-lead': 'Information governance lead',
  auditor: 'Auditor',
  performance: 'Performance lead',
};

/** Partner agency practitioners answer information requests for their own agency only. */
export const PARTNER_ROLES: readonly Role[] = ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner'];
export const isPartnerRole = (role: Role): boolean => PARTNER_ROLES.includes(role);

/** The front-door team of children's social care. */
export const FRONT_DOOR_ROLES: readonly Role[] = ['mso', 'social-worker', 'decision-maker'];

export const AGENCY_TYPES = [
  'childrens-social-care',
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'substance-misuse',
  'domestic-abuse-service',
  'early-help',
  'youth-offending',
  'lado',
  'fire',
  'ambulance',
  'dwp',
  'voluntary',
  'adult-social-care',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];
export const isAgencyType = (value: string): value is AgencyType => (AGENCY_TYPES as readonly string[]).includes(value);

export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  'childrens-social-care': "Children's social care",
  police: 'Police',
  health: 'Health',
  education: 'Education',
  probation: 'Probation',
  housing: 'Housing',
  'substance-misuse': 'Substance misuse',
  'domestic-abuse-service': 'Domestic abuse service',
  'early-help': 'Early help',
  'youth-offending': 'Youth offending',
  lado: 'LADO',
  fire: 'Fire and rescue',
  ambulance: 'Ambulance',
  dwp: 'DWP',
  voluntary: 'Voluntary sector',
  'adult-social-care': 'Adult social care',
};

/** Which roles a member of an agency of this type may hold: the policy refuses other pairings. */
export function rolesAllowedForAgency(type: AgencyType): Role[] {
  switch (type) {
    case 'childrens-social-care':
      return ['admin', 'mso', 'social-worker', 'decision-maker', 'ig-lead', 'auditor', 'performance'];
    case 'police':
      return ['police', 'admin', 'ig-lead', 'auditor'];
    case 'health':
      return ['health', 'ig-lead', 'auditor'];
    case 'education':
      return ['education'];
    case 'probation':
      return ['probation'];
    case 'housing':
      return ['housing'];
    case 'lado':
      return ['lado'];
    case 'substance-misuse':
    case 'domestic-abuse-service':
    case 'early-help':
    case 'youth-offending':
    case 'fire':
    case 'ambulance':
    case 'dwp':
    case 'voluntary':
    case 'adult-social-care':
      return ['agency-practitioner'];
    default: {
      const unknown: never = type;
      throw new Error(`unknown agency type ${String(unknown)}`);
    }
  }
}
