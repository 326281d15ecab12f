import { isAgencyType, isRole, rolesAllowedForAgency, AGENCY_TYPE_LABELS, ROLE_LABELS, type AgencyType, type Role } from '../../../platform/access/roles';
import type { FieldError } from '../../../platform/errors';
import { isEmailAddress, normaliseEmail, passwordProblems } from '../../auth/domain/sign-in-rules';

/** Pure validation of administrators' forms; returns GOV.UK-shaped field errors. */

export interface AgencyInput {
  name: string;
  type: string;
  icoRegistration?: string;
  secureEmailDomains: string[];
  agreementStatus: string;
}

export interface ValidAgency {
  name: string;
  type: AgencyType;
  icoRegistration: string | null;
  secureEmailDomains: string[];
  agreementStatus: 'active' | 'suspended' | 'terminated' | 'none';
}

const AGREEMENT_STATUSES = ['active', 'suspended', 'terminated', 'none'] as const;
// ICO registration numbers: Z + 7 digits, or 2 letters + 6 digits (e.g. ZA123456)
const ICO_PATTERN = /^(Z\d{7}|[A-Z]{2}\d{6})$/;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseDomains(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter((d) => d.length > 0);
}

export function validateAgency(input: AgencyInput): { value?: ValidAgency; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errors.push({ field: 'name', text: 'Enter the agency name' });
  else if (name.length > 200) errors.push({ field: 'name', text: 'Agency name must be 200 characters or fewer' });
  if (!isAgencyType(input.type)) errors.push({ field: 'type', text: 'Select the type of agency' });
  const ico = (input.icoRegistration ?? '').trim().toUpperCase();
  if (ico && !ICO_PATTERN.test(ico)) errors.push({ field: 'icoRegistration', text: 'Enter an ICO registration number like Z1234567 or ZA123456' });
  const bad = input.secureEmailDomains.filter((d) => !DOMAIN_PATTERN.test(d));
  if (bad.length > 0) errors.push({ field: 'secureEmailDomains', text: `Enter domains like police.example.pnn.gov.uk (not valid: ${bad.slice(0, 3).join(', ')})` });
  if (!(AGREEMENT_STATUSES as readonly string[]).includes(input.agreementStatus)) {
    errors.push({ field: 'agreementStatus', text: 'Select the agreement status' });
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    value: {
      name,
      type: input.type as AgencyType,
      icoRegistration: ico || null,
      secureEmailDomains: [...new Set(input.secureEmailDomains)],
      agreementStatus: input.agreementStatus as ValidAgency['agreementStatus'],
    },
  };
}

export interface UserInput {
  email: string;
  displayName: string;
  role: string;
  agencyId: string;
  password?: string;
}

export function validateUser(
  input: UserInput,
  agencies: ReadonlyArray<{ id: string; type: string }>,
  options: { passwordRequired: boolean },
): { errors: FieldError[]; value?: { email: string; displayName: string; role: Role; agencyId: string; password?: string } } {
  const errors: FieldError[] = [];
  const email = normaliseEmail(input.email);
  if (!email) errors.push({ field: 'email', text: 'Enter an email address' });
  else if (!isEmailAddress(email)) errors.push({ field: 'email', text: 'Enter an email address in the correct format, like name@example.gov.uk' });
  const displayName = input.displayName.trim();
  if (!displayName) errors.push({ field: 'displayName', text: 'Enter the full name' });
  else if (displayName.length > 200) errors.push({ field: 'displayName', text: 'Full name must be 200 characters or fewer' });
  const agency = agencies.find((a) => a.id === input.agencyId);
  if (!agency) errors.push({ field: 'agencyId', text: 'Select the agency' });
  if (!isRole(input.role)) errors.push({ field: 'role', text: 'Select a role' });
  else if (agency && isAgencyType(agency.type) && !rolesAllowedForAgency(agency.type).includes(input.role)) {
    errors.push({
      field: 'role',
      text: `A member of ${AGENCY_TYPE_LABELS[agency.type]} cannot be ${ROLE_LABELS[input.role]}`,
    });
  }
  if (input.password || options.passwordRequired) {
    for (const text of passwordProblems(input.password ?? '')) errors.push({ field: 'password', text });
  }
  if (errors.length > 0) return { errors };
  return { errors, value: { email, displayName, role: input.role as Role, agencyId: input.agencyId, password: input.password || undefined } };
}

export interface HubInput {
  name: string;
  localAuthorities: string[];
  openingTime: string;
  closingTime: string;
}

export function validateHub(input: HubInput): { errors: FieldError[]; value?: HubInput } {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errors.push({ field: 'name', text: 'Enter the hub name' });
  else if (name.length > 200) errors.push({ field: 'name', text: 'Hub name must be 200 characters or fewer' });
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!time.test(input.openingTime)) errors.push({ field: 'openingTime', text: 'Enter an opening time like 09:00' });
  if (!time.test(input.closingTime)) errors.push({ field: 'closingTime', text: 'Enter a closing time like 17:00' });
  else if (time.test(input.openingTime) && input.closingTime <= input.openingTime) {
    errors.push({ field: 'closingTime', text: 'Closing time must be after the opening time' });
  }
  const localAuthorities = input.localAuthorities.map((l) => l.trim()).filter(Boolean);
  if (errors.length > 0) return { errors };
  return { errors, value: { ...input, name, localAuthorities } };
}
