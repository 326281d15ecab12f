import type { ColumnType, Generated } from 'kysely';

type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface ContactTable {
  id: string;
  hub_id: string;
  /** human reference, unique in the hub, e.g. MASH-2026-000123 */
  reference: string;
  channel: string;
  /** when it really arrived; never in the future */
  received_at: Date;
  /** received outside working time: clocks start at the next opening */
  out_of_hours: boolean;
  recorded_at: Date;
  /** NULL when made through the public referral form */
  recorded_by: string | null;
  referrer_kind: 'professional' | 'public' | 'anonymous';
  referrer_name: string | null;
  referrer_role: string | null;
  referrer_organisation: string | null;
  referrer_phone: string | null;
  referrer_email: string | null;
  anonymity_note: string | null;
  concern_categories: TextArray;
  concern_summary: string;
  parents_informed: Generated<string>;
  child_spoken_to: Generated<string>;
  written_referral_owed: Generated<boolean>;
  written_referral_received_at: Date | null;
  /** 'named-child' | 'scenario' for consultation-line calls; NULL otherwise */
  consultation_kind: string | null;
  /** new | screened | in-checks | decided | closed */
  status: Generated<string>;
  classification: string | null;
  threshold_level: string | null;
  initial_brag: 'blue' | 'red' | 'amber' | 'green' | null;
  brag_rationale: string | null;
  police_crime_suspected: string | null;
  police_referred_to_cait: boolean | null;
  screened_at: Date | null;
  screened_by: string | null;
  /** NULL means unallocated */
  allocated_to: string | null;
  submission_key: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  /** the recording worker's agency; NULL for the public referral form */
  recorded_by_agency_id: string | null;
  /** NULL when not given, or anonymous */
  referrer_address: string | null;
  /** a member of the public's relationship to the child; NULL when not given */
  referrer_relationship: string | null;
  /** advice given on a consultation line call; NULL for other channels */
  consultation_advice: string | null;
  /** when and by whom the current allocation was made; NULL while unallocated */
  allocated_at: Date | null;
  allocated_by: string | null;
  /** NULL while open */
  closed_at: Date | null;
  /** last change after recording; NULL until then */
  updated_at: Date | null;
  /** the earliest due instant of its running clocks (the queues' order); kept by triggers on contact_clock */
  next_due_at: Generated<Date | null>;
}

export interface ContactSubjectTable {
  id: string;
  hub_id: string;
  contact_id: string;
  /** subject | sibling | parent-carer | alleged-perpetrator | victim | witness | professional | other-adult */
  role: string;
  /** as the referrer gave them: may be partial or wrong */
  given_name: string | null;
  family_name: string | null;
  /** YYYY-MM-DD */
  date_of_birth: string | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  school: string | null;
  nhs_number: string | null;
  /** the linked person in the index; NULL until linked */
  person_id: string | null;
  linked_at: Date | null;
  linked_by: string | null;
  /** the order the people were given in, from 0 */
  position: Generated<number>;
}

export interface ContactClockTable {
  id: string;
  hub_id: string;
  contact_id: string;
  /** a ClockType of features/clocks */
  type: string;
  /** the ClockRule in force when it started */
  rule: ColumnType<Record<string, unknown>, string, string>;
  started_at: Date;
  due_at: Date;
  status: 'running' | 'met' | 'paused' | 'stopped';
  met_at: Date | null;
  paused_at: Date | null;
  pause_reason: string | null;
  stopped_at: Date | null;
  stopped_reason: string | null;
}

/** per hub and London calendar year: the last contact reference number given */
export interface ContactReferenceCounterTable {
  hub_id: string;
  year: number;
  last_value: number;
}

export interface PartialDB {
  contact_reference_counter: ContactReferenceCounterTable;
  contact: ContactTable;
  contact_subject: ContactSubjectTable;
  contact_clock: ContactClockTable;
}
