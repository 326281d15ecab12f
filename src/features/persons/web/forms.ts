/**
 * Between the person index's flat form fields (`dateOfBirth-day`, `otherId-0-source`) and the
 * service's input; and back from the service's field names (`identifiers[1].value`) to the ids
 * of the inputs, so that the error summary links to the right box.
 */
import type { FieldError } from '../../../platform/errors';
import { LA_ID_SOURCE } from '../domain/types';
import type { PersonInput } from '../rules/person-validation';
import type { SearchInput } from '../rules/search-input';
import type { PersonView } from '../persons-views';

export type Body = Record<string, string | string[] | undefined>;

export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '');
export const version = (v: string | string[] | undefined): number => Number.parseInt(str(v), 10) || 0;

/** Other agencies' IDs a person form offers, beside the LA ID. */
export const OTHER_ID_ROWS = 3;

/** The three boxes of a date input as the UK order the validators read ('' when all empty). */
export function dateFromBoxes(b: Body, name: string): string {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(b[`${name}-${p}`]).trim());
  return d || m || y ? `${d}/${m}/${y}` : '';
}

/** YYYY-MM-DD → the three boxes, for a form filled from a record. */
export function boxesFromIso(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { day: '', month: '', year: '' };
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) };
}

// ---------------------------------------------------------------------------------------------
// The search form (also the link page's)

export interface SearchValues {
  givenName: string;
  familyName: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  sex: string;
  address: string;
  postcode: string;
  nhsNumber: string;
  laId: string;
  otherId: string;
}

export const emptySearch = (): SearchValues => ({ givenName: '', familyName: '', dobDay: '', dobMonth: '', dobYear: '', sex: '', address: '', postcode: '', nhsNumber: '', laId: '', otherId: '' });

export function readSearch(b: Body): SearchValues {
  return {
    givenName: str(b.givenName),
    familyName: str(b.familyName),
    dobDay: str(b['dateOfBirth-day']),
    dobMonth: str(b['dateOfBirth-month']),
    dobYear: str(b['dateOfBirth-year']),
    sex: str(b.sex),
    address: str(b.address),
    postcode: str(b.postcode),
    nhsNumber: str(b.nhsNumber),
    laId: str(b.laId),
    otherId: str(b.otherId),
  };
}

/** The search as the form's own fields, to carry it in hidden inputs (to "create a new person from these details"). */
export function searchFormFields(v: SearchValues): Record<string, string> {
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    'dateOfBirth-day': v.dobDay,
    'dateOfBirth-month': v.dobMonth,
    'dateOfBirth-year': v.dobYear,
    sex: v.sex,
    address: v.address,
    postcode: v.postcode,
    nhsNumber: v.nhsNumber,
    laId: v.laId,
  };
}

export function searchInputOf(v: SearchValues): SearchInput {
  const d = [v.dobDay, v.dobMonth, v.dobYear].map((s) => s.trim());
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    dateOfBirth: d.some(Boolean) ? `${d[0]}/${d[1]}/${d[2]}` : '',
    sex: v.sex,
    address: v.address,
    postcode: v.postcode,
    nhsNumber: v.nhsNumber,
    laId: v.laId,
    identifiers: v.otherId.trim() ? [{ value: v.otherId }] : [],
  };
}

export function searchValuesFrom(s: { givenName: string; familyName: string; dateOfBirth: string; sex: string; address: string; postcode: string; nhsNumber: string; laId: string }): SearchValues {
  const dob = boxesFromIso(s.dateOfBirth);
  return { ...emptySearch(), ...s, dobDay: dob.day, dobMonth: dob.month, dobYear: dob.year, otherId: '' };
}

/** service field → the search form's input id */
export function searchErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({
    ...e,
    field: e.field === 'dateOfBirth' ? 'dateOfBirth-day' : e.field.startsWith('identifiers') ? 'otherId' : e.field,
  }));
}

// ---------------------------------------------------------------------------------------------
// The person form

export interface PersonValues {
  givenName: string;
  familyName: string;
  /** one name per line */
  otherNames: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  sex: string;
  address: string;
  postcode: string;
  nhsNumber: string;
  laId: string;
  otherIds: Array<{ source: string; value: string }>;
  caseStatus: string;
  allocatedWorkerId: string;
}

const blankIds = () => Array.from({ length: OTHER_ID_ROWS }, () => ({ source: '', value: '' }));

export function readPerson(b: Body): PersonValues {
  return {
    givenName: str(b.givenName),
    familyName: str(b.familyName),
    otherNames: str(b.otherNames),
    dobDay: str(b['dateOfBirth-day']),
    dobMonth: str(b['dateOfBirth-month']),
    dobYear: str(b['dateOfBirth-year']),
    sex: str(b.sex),
    address: str(b.address),
    postcode: str(b.postcode),
    nhsNumber: str(b.nhsNumber),
    laId: str(b.laId),
    otherIds: blankIds().map((_, i) => ({ source: str(b[`otherId-${i}-source`]), value: str(b[`otherId-${i}-value`]) })),
    caseStatus: str(b.caseStatus) || 'not-known',
    allocatedWorkerId: str(b.allocatedWorkerId),
  };
}

/** "Jo Smith" → given Jo, family Smith; "Smith" alone → a previous family name. */
export function parseOtherNames(text: string): Array<{ givenName?: string; familyName?: string }> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .map((line) => {
      const words = line.split(' ');
      const familyName = words.pop()!;
      return words.length > 0 ? { givenName: words.join(' '), familyName } : { familyName };
    });
}

export function personInputOf(v: PersonValues): PersonInput {
  const d = [v.dobDay, v.dobMonth, v.dobYear].map((s) => s.trim());
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    otherNames: parseOtherNames(v.otherNames),
    dateOfBirth: d.some(Boolean) ? `${d[0]}/${d[1]}/${d[2]}` : '',
    sex: v.sex,
    address: v.address,
    postcode: v.postcode,
    nhsNumber: v.nhsNumber,
    // fixed positions, so that an error names the right row: 0 is the LA ID, then the others
    identifiers: [{ source: v.laId.trim() ? LA_ID_SOURCE : '', value: v.laId }, ...v.otherIds],
    caseStatus: v.caseStatus,
    allocatedWorkerId: v.caseStatus === 'open' ? v.allocatedWorkerId : '',
  };
}

export function personValuesOf(p: PersonView): PersonValues {
  const dob = boxesFromIso(p.dateOfBirth);
  const la = p.identifiers.find((i) => i.source === LA_ID_SOURCE);
  const others = p.identifiers.filter((i) => i !== la).slice(0, OTHER_ID_ROWS);
  return {
    givenName: p.givenName ?? '',
    familyName: p.familyName ?? '',
    otherNames: p.otherNames.map((o) => [o.givenName, o.familyName].filter(Boolean).join(' ')).join('\n'),
    dobDay: dob.day,
    dobMonth: dob.month,
    dobYear: dob.year,
    sex: p.sex ?? '',
    address: p.address ?? '',
    postcode: p.postcode ?? '',
    nhsNumber: p.nhsNumber ?? '',
    laId: la?.value ?? '',
    otherIds: blankIds().map((blank, i) => others[i] ?? blank),
    caseStatus: p.caseStatus,
    allocatedWorkerId: p.allocatedWorker?.id ?? '',
  };
}

/** A new person's form, filled from a search as typed. */
export function personValuesFromSearch(s: SearchValues): PersonValues {
  return {
    givenName: s.givenName,
    familyName: s.familyName,
    otherNames: '',
    dobDay: s.dobDay,
    dobMonth: s.dobMonth,
    dobYear: s.dobYear,
    sex: s.sex,
    address: s.address,
    postcode: s.postcode,
    nhsNumber: s.nhsNumber,
    laId: s.laId,
    otherIds: blankIds(),
    caseStatus: 'not-known',
    allocatedWorkerId: '',
  };
}

/** service field → the person form's input id */
export function personErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    if (e.field === 'dateOfBirth') return { ...e, field: 'dateOfBirth-day' };
    if (e.field.startsWith('otherNames')) return { ...e, field: 'otherNames' };
    const id = /^identifiers\[(\d+)\]\.(source|value)$/.exec(e.field);
    if (id) {
      const i = Number(id[1]);
      return { ...e, field: i === 0 ? 'laId' : `otherId-${i - 1}-${id[2]}` };
    }
    if (e.field === 'identifiers') return { ...e, field: 'laId' };
    return e;
  });
}
