/**
 * A search of the person index as typed (C2): any of name, date of birth, address, postcode,
 * NHS number, LA ID or another agency's ID. The matcher tolerates typos, nicknames, names the
 * wrong way round and a swapped day and month, so little is refused here: only values that
 * cannot be what they say (a date that does not exist, a postcode that is not one).
 */
import type { FieldError } from '../../../platform/errors';
import {
  normaliseDate,
  normaliseIdentifierSource,
  normaliseIdentifierValue,
  normaliseNhsNumber,
  parsePartialPostcode,
} from '../domain/normalise';
import type { PersonQuery } from '../domain/types';
import { ADDRESS_MAX, IDENTIFIER_MAX, NAME_MAX, SOURCE_MAX } from './person-validation';

export interface SearchInput {
  givenName?: string;
  familyName?: string;
  /** YYYY-MM-DD, or the UK order DD/MM/YYYY */
  dateOfBirth?: string;
  postcode?: string;
  address?: string;
  nhsNumber?: string;
  /** the local authority's ID */
  laId?: string;
  /** other agencies' IDs; without a source, an ID from any agency */
  identifiers?: Array<{ source?: string; value?: string }>;
  sex?: string;
}

export interface ValidSearch {
  query: PersonQuery;
  /** ID values typed without saying who issued them: the repository finds their sources */
  anySourceIds: string[];
  /** how many fields were given: audited (a count, never the values) */
  fieldCount: number;
}

const MAX_SEARCH_IDS = 5;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function validateSearch(input: SearchInput): { value?: ValidSearch; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const query: PersonQuery = {};
  let fieldCount = 0;
  const text = (field: keyof SearchInput, label: string, max: number): string | undefined => {
    const raw = input[field];
    const v = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
    if (!v) return undefined;
    if (CONTROL.test(v)) errors.push({ field, text: `${label} must not contain control characters` });
    else if (v.length > max) errors.push({ field, text: `${label} must be ${max} characters or fewer` });
    else {
      fieldCount++;
      return v;
    }
    return undefined;
  };

  const givenName = text('givenName', 'First name', NAME_MAX);
  if (givenName) query.givenName = givenName;
  const familyName = text('familyName', 'Last name', NAME_MAX);
  if (familyName) query.familyName = familyName;

  const dob = text('dateOfBirth', 'Date of birth', 10);
  if (dob) {
    const iso = normaliseDate(dob);
    if (!iso) errors.push({ field: 'dateOfBirth', text: 'Date of birth must be a real date' });
    else query.dateOfBirth = iso;
  }
  const postcode = text('postcode', 'Postcode', 10);
  if (postcode) {
    if (!parsePartialPostcode(postcode)) errors.push({ field: 'postcode', text: 'Enter a postcode like DE22 3AB, or just its first part like DE22' });
    else query.postcode = postcode;
  }
  const nhs = text('nhsNumber', 'NHS number', 14);
  if (nhs) {
    const digits = normaliseNhsNumber(nhs);
    if (!digits) errors.push({ field: 'nhsNumber', text: 'NHS number must be 10 digits with a valid check digit' });
    else query.nhsNumber = digits;
  }
  const laId = text('laId', 'LA ID', IDENTIFIER_MAX);
  if (laId) query.laId = laId;

  const anySourceIds: string[] = [];
  const identifiers = input.identifiers ?? [];
  if (identifiers.length > MAX_SEARCH_IDS) errors.push({ field: 'identifiers', text: `Enter at most ${MAX_SEARCH_IDS} agency IDs` });
  identifiers.slice(0, MAX_SEARCH_IDS).forEach((id, i) => {
    const value = normaliseIdentifierValue((id.value ?? '').trim());
    const source = normaliseIdentifierSource(id.source ?? '');
    if (!value) return;
    if (value.length > IDENTIFIER_MAX || CONTROL.test(value)) {
      errors.push({ field: `identifiers[${i}].value`, text: `An agency ID must be ${IDENTIFIER_MAX} characters or fewer` });
      return;
    }
    if (source.length > SOURCE_MAX || CONTROL.test(source)) {
      errors.push({ field: `identifiers[${i}].source`, text: `Who issued the ID must be ${SOURCE_MAX} characters or fewer` });
      return;
    }
    fieldCount++;
    if (source) (query.identifiers ??= []).push({ source, value });
    else if (!anySourceIds.includes(value)) anySourceIds.push(value);
  });

  // an address and sex sharpen a score but find nobody on their own (blocks use the postcode)
  const found = fieldCount;
  const address = text('address', 'Address', ADDRESS_MAX);
  if (address) query.address = address;
  const sex = (input.sex ?? '').trim();
  if (sex === 'female' || sex === 'male') {
    query.sex = sex;
    fieldCount++;
  } else if (sex && sex !== 'unknown') errors.push({ field: 'sex', text: 'Sex must be female, male or left blank' });

  if (errors.length === 0 && found === 0) {
    errors.push(address
      ? { field: 'postcode', text: 'Enter the postcode or a name as well as the address' }
      : { field: 'familyName', text: 'Enter at least one detail to search for, such as a last name and date of birth' });
  }
  if (errors.length > 0) return { errors };
  return { errors, value: { query, anySourceIds, fieldCount } };
}
