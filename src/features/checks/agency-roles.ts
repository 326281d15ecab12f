/**
 * Which partner practitioner role answers for an agency (police → police, health → health,
 * early help → agency-practitioner, ...). Only agencies with such a role can be asked: children's
 * social care is the MASH itself, and the LADO and governance roles do not answer requests.
 */
import { isAgencyType, PARTNER_ROLES, rolesAllowedForAgency, type Role } from '../../platform/access/roles';

export function practitionerRoleFor(agencyType: string): Role | undefined {
  if (!isAgencyType(agencyType)) return undefined;
  return rolesAllowedForAgency(agencyType).find((r) => PARTNER_ROLES.includes(r));
}

export const answersRequests = (agencyType: string): boolean => practitionerRoleFor(agencyType) !== undefined;
