/** The words the person index's pages show for its codes. */
import { STATUS_LABELS } from '../../contacts/domain/status';
import { CONCERN_CATEGORY_LABELS, SUBJECT_ROLE_LABELS } from '../../contacts/domain/vocabulary';
import { formatNhsNumber } from '../domain/normalise';
import { LA_ID_SOURCE, type Band } from '../domain/types';
import { CASE_STATUS_LABELS, CASE_STATUSES } from '../rules/link-routing';
import { RELATIONSHIP_KINDS, RELATIONSHIP_LABELS } from '../rules/relationships';

export const BAND_LABELS: Record<Band, string> = { strong: 'Strong match', possible: 'Possible match', weak: 'Weak match' };
export const BAND_TAGS: Record<Band, string> = { strong: 'govuk-tag--green', possible: 'govuk-tag--yellow', weak: 'govuk-tag--grey' };
export const CASE_TAGS: Record<string, string> = { 'not-known': 'govuk-tag--grey', known: 'govuk-tag--blue', open: 'govuk-tag--purple' };
export const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', unknown: 'Not known or indeterminate', other: 'Other', 'not-known': 'Not known' };

export const LABELS = {
  band: BAND_LABELS,
  bandTag: BAND_TAGS,
  caseStatus: CASE_STATUS_LABELS,
  caseTag: CASE_TAGS,
  sex: SEX_LABELS,
  role: SUBJECT_ROLE_LABELS,
  contactStatus: STATUS_LABELS,
  category: CONCERN_CATEGORY_LABELS,
  relationship: RELATIONSHIP_LABELS,
  field: {
    givenName: 'First name',
    familyName: 'Last name',
    dateOfBirth: 'Date of birth',
    sex: 'Sex',
    address: 'Address',
    nhsNumber: 'NHS number',
    caseStatus: 'Case status',
  } as Record<string, string>,
};

export const SEARCH_SEX_ITEMS = [
  { value: '', text: 'Not given' },
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
];
export const PERSON_SEX_ITEMS = [
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'unknown', text: 'Not known or indeterminate' },
  { value: '', text: 'Not recorded' },
];
export const CASE_STATUS_ITEMS = CASE_STATUSES.map((s) => ({ value: s, text: CASE_STATUS_LABELS[s] }));
export const RELATIONSHIP_ITEMS = RELATIONSHIP_KINDS.map((k) => ({ value: k, text: RELATIONSHIP_LABELS[k] }));

export const nhsText = (digits: string | null | undefined): string => (digits ? formatNhsNumber(digits) : '');
export const identifierText = (i: { source: string; value: string }): string => `${i.source === LA_ID_SOURCE ? 'LA' : i.source.length <= 4 ? i.source.toUpperCase() : i.source}: ${i.value}`;
