import type { ColumnType, Generated } from 'kysely';

/** text[] / uuid[]: read as string[], written as string[] (or left to the default) */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** jsonb written as a JSON string, read as parsed JSON */
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

/** One consent position for one person (contact_subject) on one contact; a later row supersedes. */
export interface ConsentRecordTable {
  id: string;
  hub_id: string;
  contact_id: string;
  contact_subject_id: string;
  /** the linked person in the index at the time; NULL when not linked */
  person_id: string | null;
  subject_is_adult: boolean;
  /** given | refused | not-sought | withdrawn (only given can become withdrawn) */
  status: 'given' | 'refused' | 'not-sought' | 'withdrawn';
  /** parental-responsibility | adult | other; NULL when not sought */
  sought_from_kind: 'parental-responsibility' | 'adult' | 'other' | null;
  /** who was asked; NULL when not sought */
  sought_from_names: string[] | null;
  sought_from_description: string | null;
  /** NULL when not sought */
  sought_at: Date | null;
  /** NOT_SOUGHT_REASONS codes; empty unless not sought */
  not_sought_reasons: TextArray;
  /** required when not sought */
  rationale: string | null;
  /** CapacityPosition (adults only); NULL means capacity is assumed */
  capacity: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  scope: string;
  recorded_by: string;
  recorded_at: Date;
  /** NULL unless withdrawn */
  withdrawn_at: Date | null;
  withdrawn_recorded_by: string | null;
  withdrawal_received_by_agency_id: string | null;
  version: Generated<number>;
}

/** A decision maker's authority to proceed without consent, with its public-interest justification. */
export interface ConsentOverrideTable {
  id: string;
  hub_id: string;
  contact_id: string;
  /** whose consent is overridden (contact_subject ids) */
  contact_subject_ids: string[];
  consent_position: 'refused' | 'not-sought' | 'withdrawn';
  scope: string;
  /** PUBLIC_INTEREST_CRITERIA codes */
  criteria: string[];
  /** { questionId: { answer?, detail? } } for all six PROPORTIONALITY_QUESTIONS */
  proportionality: Json<Record<string, { answer?: 'yes' | 'no'; detail?: string }>>;
  justification: string;
  /** [{ agencyId, views }] */
  confidence_holder_views: JsonWithDefault<Array<{ agencyId: string; views: string }>>;
  /** the decision maker who signed it */
  authorised_by: string;
  authorised_at: Date;
}

/** One information request to one agency about one contact. */
export interface EnquiryTable {
  id: string;
  hub_id: string;
  contact_id: string;
  agency_id: string;
  /** the agency's name when asked */
  agency_name: string;
  question: string;
  reason: string;
  consent_basis: 'consent' | 'override';
  /** the consent_record rows relied on */
  consent_ids: TextArray;
  /** NULL when everyone consented */
  override_id: string | null;
  brag: 'blue' | 'red' | 'amber' | 'green';
  /** the ClockRule the due time came from */
  due_rule: Json<Record<string, unknown>>;
  due_at: Date;
  status: 'sent' | 'acknowledged' | 'responded' | 'supplemented' | 'closed' | 'withdrawn';
  sent_at: Date;
  sent_by: string;
  /** NULL until acknowledged */
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  /** NULL unless closed (a decision came first) */
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
  /** NULL unless withdrawn by the decision maker */
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  version: Generated<number>;
}

/** A person asked about, with only what the agency needs to search its systems. */
export interface EnquirySubjectTable {
  id: string;
  hub_id: string;
  enquiry_id: string;
  contact_subject_id: string;
  /** NULL when not linked to the person index at sending */
  person_id: string | null;
  position: number;
  name: string;
  /** YYYY-MM-DD; NULL when not known */
  date_of_birth: ColumnType<string | null, string | null, string | null>;
  address: string | null;
  /** [{ name, dateOfBirth?, relationship }] */
  household: JsonWithDefault<Array<{ name: string; dateOfBirth?: string; relationship: string }>>;
  /** MASH staff only */
  role_in_contact: string | null;
}

/** An agency's answer: one per request. */
export interface EnquiryResponseTable {
  id: string;
  hub_id: string;
  enquiry_id: string;
  /** the originating agency of every part */
  origin_agency_id: string;
  responded_at: Date;
  responded_by: string;
  no_information_held: boolean;
  /** NULL only while no information is held */
  agency_brag: 'blue' | 'red' | 'amber' | 'green' | null;
  last_added_at: Date;
  version: Generated<number>;
}

/** One part of a response: a fact or an opinion, possibly held back within the MASH. */
export interface EnquiryResponseItemTable {
  id: string;
  hub_id: string;
  response_id: string;
  enquiry_id: string;
  origin_agency_id: string;
  /** 1, 2, 3 … across the response and its additions */
  position: number;
  /** 0 for the first response, n for the nth addition */
  batch: number;
  kind: 'fact' | 'opinion';
  text: string;
  held_back: Generated<boolean>;
  /** NULL when not held back */
  held_back_reason: string | null;
  added_at: Date;
  added_by: string;
}

/** A timestamped transition of a request. */
export interface EnquiryEventTable {
  id: string;
  hub_id: string;
  enquiry_id: string;
  type: string;
  /** the status after the event */
  status: string;
  at: Date;
  by_user_id: string;
  by_agency_id: string;
  /** ids and counts only */
  details: JsonWithDefault<Record<string, unknown>>;
}

/** A recorded decision to share or not to share (001 App. D; 003 golden rule 7). */
export interface ShareDecisionTable {
  id: string;
  hub_id: string;
  contact_id: string;
  /** the request sent; NULL for a decision not to share */
  enquiry_id: string | null;
  decision: 'share' | 'not-share';
  what: string;
  /** NULL when the recipient is not an agency of the hub */
  recipient_agency_id: string | null;
  recipient_name: string;
  purpose: string;
  /** ShareAnswers without legalBases: { when, checklist } */
  answers: Json<Record<string, unknown>>;
  /** ShareEvaluation at the time */
  evaluation: Json<Record<string, unknown>>;
  /** LEGAL_BASES codes */
  legal_bases: TextArray;
  rationale: string;
  /** NULL unless sharing relied on an override */
  consent_override_id: string | null;
  decided_by: string;
  decided_by_agency_id: string;
  decided_at: Date;
  /** the disclosure ledger entry written for it */
  disclosure_id: string;
}

/** A task raised for one recipient when a person's consent was withdrawn (000 ISA 1.55). */
export interface ConsentWithdrawalTaskTable {
  id: string;
  hub_id: string;
  consent_id: string;
  contact_id: string;
  contact_subject_id: string;
  /** NULL when the recipient is not an agency of the hub (the decision maker tells them) */
  recipient_agency_id: string | null;
  recipient_name: string;
  /** the in-app task; its completed_at is the recipient's confirmation */
  notification_id: string;
  enquiry_ids: TextArray;
  disclosure_ids: TextArray;
  task_key: string;
  raised_at: Date;
}

export interface PartialDB {
  consent_record: ConsentRecordTable;
  consent_override: ConsentOverrideTable;
  enquiry: EnquiryTable;
  enquiry_subject: EnquirySubjectTable;
  enquiry_response: EnquiryResponseTable;
  enquiry_response_item: EnquiryResponseItemTable;
  enquiry_event: EnquiryEventTable;
  share_decision: ShareDecisionTable;
  consent_withdrawal_task: ConsentWithdrawalTaskTable;
}
