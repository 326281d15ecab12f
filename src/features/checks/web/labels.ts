/** Words shown on the MASH checks pages, from the domain's own vocabularies. */
import { MCA_REASONS } from '../../consent/domain/capacity';
import { CONSENT_ANSWERS, CONSENT_SOURCES, NOT_SOUGHT_REASONS } from '../../consent/domain/consent-record';
import { PROPORTIONALITY_QUESTIONS, PUBLIC_INTEREST_CRITERIA } from '../../consent/domain/override';
import type { EnquiryStatus } from '../../enquiries/domain/enquiry';
import { LEGAL_BASES } from '../../enquiries/domain/legal-basis';
import { ITEM_KINDS } from '../../enquiries/domain/response';
import { SHARE_CHECKLIST, WHEN_QUESTIONS } from '../../enquiries/domain/share-checklist';
import { SHARE_ROUTES } from '../../enquiries/domain/share-decision';

const items = (record: Record<string, string>) => Object.entries(record).map(([value, text]) => ({ value, text }));

export const CONSENT_STATUS_LABELS: Record<string, string> = { ...CONSENT_ANSWERS, withdrawn: 'Withdrawn' };
export const CONSENT_STATUS_TAGS: Record<string, string> = {
  given: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  'not-sought': 'govuk-tag--orange',
  withdrawn: 'govuk-tag--purple',
};

export const ENQUIRY_STATUS_LABELS: Record<EnquiryStatus, string> = {
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  responded: 'Answered',
  supplemented: 'Answered, with additions',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};
export const ENQUIRY_STATUS_TAGS: Record<EnquiryStatus, string> = {
  sent: 'govuk-tag--blue',
  acknowledged: 'govuk-tag--light-blue',
  responded: 'govuk-tag--green',
  supplemented: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
  withdrawn: 'govuk-tag--grey',
};

export const BRAG_LABELS: Record<string, string> = { blue: 'Blue', red: 'Red', amber: 'Amber', green: 'Green' };
export const BRAG_TAGS: Record<string, string> = { blue: 'govuk-tag--blue', red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };
export const BRAG_ITEMS = [
  { value: 'red', text: 'Red' },
  { value: 'amber', text: 'Amber' },
  { value: 'green', text: 'Green' },
  { value: 'blue', text: 'Blue' },
];

export const vocabulary = {
  consentAnswerItems: items(CONSENT_ANSWERS),
  consentSourceItems: items(CONSENT_SOURCES),
  consentSources: CONSENT_SOURCES as Record<string, string>,
  notSoughtReasonItems: items(NOT_SOUGHT_REASONS),
  notSoughtReasons: NOT_SOUGHT_REASONS as Record<string, string>,
  mcaReasonItems: items(MCA_REASONS),
  criteriaItems: items(PUBLIC_INTEREST_CRITERIA),
  criteria: PUBLIC_INTEREST_CRITERIA as Record<string, string>,
  proportionalityQuestions: PROPORTIONALITY_QUESTIONS,
  whenQuestions: WHEN_QUESTIONS.filter((q) => q.id !== 'consent'),
  checklist: SHARE_CHECKLIST.filter((q) => !('answeredByRecord' in q)).map((q) => ({
    ...q,
    ...('options' in q ? { items: q.options.map((o) => ({ value: o.value, text: o.label })) } : {}),
  })),
  legalBaseItems: items(LEGAL_BASES),
  legalBases: LEGAL_BASES as Record<string, string>,
  itemKindItems: items(ITEM_KINDS),
  itemKinds: ITEM_KINDS as Record<string, string>,
  shareRoutes: SHARE_ROUTES as Record<string, string>,
  consentStatusLabels: CONSENT_STATUS_LABELS,
  consentStatusTags: CONSENT_STATUS_TAGS,
  enquiryStatusLabels: ENQUIRY_STATUS_LABELS,
  enquiryStatusTags: ENQUIRY_STATUS_TAGS,
  bragLabels: BRAG_LABELS,
  bragTags: BRAG_TAGS,
  bragItems: BRAG_ITEMS,
  capacityItems: [
    { value: 'assumed', text: 'Capacity is assumed (no doubt about it)' },
    { value: 'in-doubt-not-assessed', text: 'Capacity is in doubt but has not been assessed' },
    { value: 'has-capacity', text: 'Assessed: has capacity for this decision' },
    { value: 'lacks-capacity', text: 'Assessed: lacks capacity for this decision' },
  ],
};
