/**
 * What makes a person record complete and clean enough to keep (C2). Every problem is returned
 * at once, named by field in the API's terms (`identifiers[0].value`); the import maps them to
 * its CSV columns and the pages to their inputs. Values are stored normalised, so that what the
 * matcher compares is what a worker sees.
 */
import type { FieldError } from '../../../platform/errors';
import {
  normaliseDate,
  normaliseIdentifierSource,
  normaliseIdentifierValue,
  normaliseNhsNumber,
  parsePostcode,
} from '../domain/normalise';
import type { Identifier, OtherName, Sex } from '../domain/types';
import { isCaseStatus, type CaseStatus } from './link-routing';

export interface PersonInput {
  givenName?: string | null;
  familyName?: string | null;
  otherNames?: Array<{ givenName?: string | null; familyName?: string | null }>;
  /** YYYY-MM-DD, or the UK order DD/MM/YYYY */
  dateOfBirth?: string | null;
  sex?: string | null;
  address?: string | null;
  postcode?: string | null;
  nhsNumber?: string | null;
  identifiers?: Array<{ source?: string; value?: string }>;
  caseStatus?: string | null;
  allocatedWorkerId?: string | null;
}

export interface ValidPerson {
  givenName: string | null;
  familyName: string | null;
  otherNames: OtherName[];
  dateOfBirth: string | null;
  sex: Sex | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  identifiers: Identifier[];
  caseStatus: CaseStatus;
  allocatedWorkerId: string | null;
}

export const NAME_MAX = 100;
export const ADDRESS_MAX = 300;
export const SOURCE_MAX = 30;
export const IDENTIFIER_MAX = 40;
export const MAX_IDENTIFIERS = 20;
export const MAX_OTHER_NAMES = 10;
/** the earliest date of birth accepted: older ones are typing mistakes */
export const EARLIEST_BIRTH = '1900-01-01';

// no control characters in anything stored (a NUL cannot even be stored in PostgreSQL text)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS_OR_CONTROL = /[\u0000-\u001f\u007f]/;

const SEX_WORDS: Record<string, Sex> = {
  female: 'female', f: 'female',
  male: 'male', m: 'male',
  unknown: 'unknown', u: 'unknown', 'not-known': 'unknown', 'not known': 'unknown', other: 'unknown', indeterminate: 'unknown', 'not stated': 'unknown',
};

/** "female", "F", "Male", "not known" … → the index's three values; undefined when not one of them. */
export function parseSex(raw: string): Sex | undefined {
  return SEX_WORDS[raw.trim().toLowerCase()];
}

const trimmed = (v: string | null | undefined) => (v ?? '').trim();

function nameField(errors: FieldError[], field: string, label: string, raw: string | null | undefined): string | null {
  const v = trimmed(raw).replace(/\s+/g, ' ');
  if (!v) return null;
  if (LINE_BREAKS_OR_CONTROL.test(v)) errors.push({ field, text: `${label} must not contain control characters` });
  else if (v.length > NAME_MAX) errors.push({ field, text: `${label} must be ${NAME_MAX} characters or fewer` });
  else if (!/\p{L}/u.test(v)) errors.push({ field, text: `${label} must contain letters` });
  return v;
}

export function validatePerson(input: PersonInput, options: { today: string }): { value?: ValidPerson; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const givenName = nameField(errors, 'givenName', 'First name', input.givenName);
  const familyName = nameField(errors, 'familyName', 'Last name', input.familyName);
  if (!givenName && !familyName) errors.push({ field: 'givenName', text: 'Enter a first name or a last name' });

  const otherNames: OtherName[] = [];
  const others = input.otherNames ?? [];
  if (others.length > MAX_OTHER_NAMES) errors.push({ field: 'otherNames', text: `Enter at most ${MAX_OTHER_NAMES} other names` });
  others.slice(0, MAX_OTHER_NAMES).forEach((o, i) => {
    const g = nameField(errors, `otherNames[${i}].givenName`, 'Other first name', o.givenName);
    const f = nameField(errors, `otherNames[${i}].familyName`, 'Other last name', o.familyName);
    if (g || f) otherNames.push({ ...(g ? { givenName: g } : {}), ...(f ? { familyName: f } : {}) });
  });

  let dateOfBirth: string | null = null;
  const dobRaw = trimmed(input.dateOfBirth);
  if (dobRaw) {
    const dob = normaliseDate(dobRaw);
    if (!dob) errors.push({ field: 'dateOfBirth', text: 'Date of birth must be a real date' });
    else if (dob > options.today) errors.push({ field: 'dateOfBirth', text: 'Date of birth must be today or in the past' });
    else if (dob < EARLIEST_BIRTH) errors.push({ field: 'dateOfBirth', text: 'Date of birth must be after 1900' });
    else dateOfBirth = dob;
  }

  let sex: Sex | null = null;
  const sexRaw = trimmed(input.sex);
  if (sexRaw) {
    const parsed = parseSex(sexRaw);
    if (!parsed) errors.push({ field: 'sex', text: 'Sex must be female, male or unknown' });
    else sex = parsed;
  }

  let address: string | null = trimmed(input.address).replace(/\r\n?/g, '\n') || null;
  if (address && CONTROL.test(address)) errors.push({ field: 'address', text: 'Address must not contain control characters' });
  else if (address && address.length > ADDRESS_MAX) errors.push({ field: 'address', text: `Address must be ${ADDRESS_MAX} characters or fewer` });
  if (address) address = address.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');

  let postcode: string | null = null;
  const postcodeRaw = trimmed(input.postcode);
  if (postcodeRaw) {
    const parsed = parsePostcode(postcodeRaw);
    if (!parsed) errors.push({ field: 'postcode', text: 'Enter a full UK postcode, like DE22 3AB' });
    else postcode = parsed.postcode;
  }

  let nhsNumber: string | null = null;
  const nhsRaw = trimmed(input.nhsNumber);
  if (nhsRaw) {
    const nhs = normaliseNhsNumber(nhsRaw);
    if (!nhs) errors.push({ field: 'nhsNumber', text: 'NHS number must be 10 digits with a valid check digit' });
    else nhsNumber = nhs;
  }

  const identifiers: Identifier[] = [];
  const ids = input.identifiers ?? [];
  if (ids.length > MAX_IDENTIFIERS) errors.push({ field: 'identifiers', text: `Enter at most ${MAX_IDENTIFIERS} agency IDs` });
  ids.slice(0, MAX_IDENTIFIERS).forEach((id, i) => {
    const rawSource = trimmed(id.source);
    const rawValue = trimmed(id.value);
    if (!rawSource && !rawValue) return;
    const source = normaliseIdentifierSource(rawSource);
    const value = normaliseIdentifierValue(rawValue);
    if (!source) errors.push({ field: `identifiers[${i}].source`, text: 'Enter who issued the ID, like la or police' });
    else if (source.length > SOURCE_MAX || !/^[a-z0-9][a-z0-9 -]*$/.test(source)) {
      errors.push({ field: `identifiers[${i}].source`, text: `Who issued the ID must be ${SOURCE_MAX} letters, digits, spaces or hyphens at most` });
    }
    if (!value) errors.push({ field: `identifiers[${i}].value`, text: 'Enter the ID' });
    else if (value.length > IDENTIFIER_MAX || CONTROL.test(value)) errors.push({ field: `identifiers[${i}].value`, text: `The ID must be ${IDENTIFIER_MAX} characters or fewer` });
    if (source && value && !identifiers.some((x) => x.source === source && x.value === value)) identifiers.push({ source, value });
  });

  const caseStatusRaw = trimmed(input.caseStatus) || 'not-known';
  let caseStatus: CaseStatus = 'not-known';
  if (!isCaseStatus(caseStatusRaw)) errors.push({ field: 'caseStatus', text: 'Case status must be not-known, known or open' });
  else caseStatus = caseStatusRaw;
  const allocatedWorkerId = trimmed(input.allocatedWorkerId) || null;
  if (allocatedWorkerId && caseStatus !== 'open') errors.push({ field: 'allocatedWorkerId', text: 'Only an open case has an allocated social worker' });

  if (errors.length > 0) return { errors };
  return { errors, value: { givenName, familyName, otherNames, dateOfBirth, sex, address, postcode, nhsNumber, identifiers, caseStatus, allocatedWorkerId } };
}
