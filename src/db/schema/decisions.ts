import type { ColumnType, Generated } from 'kysely';

type TextArray = ColumnType<string[], string[], string[]>;
type NullableTextArray = ColumnType<string[] | null, string[] | null | undefined, string[] | null>;

/** The decision on a contact (C7; 000 §6.3). One per contact. */
export interface DecisionTable {
  id: string;
  hub_id: string;
  contact_id: string;
  final_brag: 'blue' | 'red' | 'amber' | 'green';
  /** assessment | s47-strategy-discussion | early-help | other-service | advice | nfa */
  outcome: string;
  summary: string;
  recommendation: string;
  /** NULL unless NFA */
  nfa_rationale: string | null;
  /** NULL unless referred to another service */
  other_service_name: string | null;
  /** whose consent the referral to another service rests on; NULL otherwise */
  other_service_person_ids: NullableTextArray;
  decided_by: string;
  decided_at: Date;
  /** the contact version the decision was made against */
  contact_version: number;
  closed_enquiry_count: Generated<number>;
}

/** Feedback to the referrer (000 §6.3): sent, or not possible (anonymous referrer). */
export interface ReferrerFeedbackTable {
  id: string;
  hub_id: string;
  contact_id: string;
  decision_id: string;
  status: 'sent' | 'not-possible';
  /** NULL when not possible */
  method: 'secure-email' | 'phone' | 'letter' | 'in-person' | null;
  /** email, phone or postal address used; NULL in person or when not possible */
  to_address: string | null;
  outcome: string;
  nfa_rationale: string | null;
  due_at: Date;
  sent_at: Date | null;
  sent_by: string | null;
  late: boolean | null;
  not_possible_reason: string | null;
  /** NULL unless a secure email was queued */
  outbox_email_id: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** A disagreement between agencies and its escalation (000 §9; 002 §4.3.9-4.3.13). */
export interface DisagreementTable {
  id: string;
  hub_id: string;
  /** NULL when not about one contact */
  contact_id: string | null;
  /** NULL when not about one meeting */
  meeting_id: string | null;
  subject: string;
  description: string;
  raised_by: string;
  raised_by_agency_id: string;
  with_agency_ids: TextArray;
  /** escalation path when raised, lowest first */
  path: TextArray;
  level: string;
  status: 'open' | 'resolved';
  /** NULL while open */
  resolution: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  raised_at: Date;
  version: Generated<number>;
}

export interface DisagreementStepTable {
  id: string;
  hub_id: string;
  disagreement_id: string;
  seq: number;
  level: string;
  at: Date;
  by_user_id: string;
  reason: string;
}

/** The originating agency's permission to pass its information outside the MASH (ISA 1.61). */
export interface DisseminationPermissionTable {
  id: string;
  hub_id: string;
  contact_id: string;
  origin_agency_id: string;
  /** NULL when the recipient is a service outside the hub's agencies */
  recipient_agency_id: string | null;
  recipient_name: string;
  /** NULL: every item of the originating agency on the contact except held-back ones */
  item_ids: NullableTextArray;
  purpose: 'safeguarding' | 'policing';
  granted_by_name: string;
  granted_at: Date;
  recorded_by: string;
  recorded_at: Date;
  /** NULL while the permission stands */
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** A MASH meeting or strategy discussion (C8). */
export interface MeetingTable {
  id: string;
  hub_id: string;
  kind: 'mash-meeting' | 'strategy-discussion';
  status: 'scheduled' | 'held' | 'minutes-circulated' | 'cancelled';
  starts_at: Date;
  venue: string;
  /** NULL when urgent or a MASH meeting */
  slot_id: string | null;
  urgent_reason: string | null;
  chair_user_id: string;
  scheduled_by: string;
  scheduled_at: Date;
  /** NULL until held */
  held_at: Date | null;
  held_recorded_by: string | null;
  decisions: string | null;
  minutes_rule: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  minutes_due_at: Date | null;
  /** NULL until circulated */
  minutes_circulated_at: Date | null;
  minutes_circulated_by: string | null;
  minutes_circulated_to: NullableTextArray;
  minutes_late: boolean | null;
  /** NULL unless cancelled */
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface MeetingContactTable {
  hub_id: string;
  meeting_id: string;
  contact_id: string;
  position: number;
  /** strategy discussions: NULL until held */
  s47_begin: boolean | null;
  s47_reason: string | null;
}

export interface MeetingAttendeeTable {
  id: string;
  hub_id: string;
  meeting_id: string;
  list: 'invited' | 'attended';
  position: number;
  agency_id: string;
  agency_kind: string;
  name: string;
  capacity: 'chair' | 'manager' | 'social-worker' | 'representative';
  email: string | null;
}

export interface MeetingInformationTable {
  id: string;
  hub_id: string;
  meeting_id: string;
  position: number;
  agency_id: string;
  summary: string;
}

export interface MeetingActionTable {
  id: string;
  hub_id: string;
  meeting_id: string;
  position: number;
  description: string;
  owner_name: string;
  owner_agency_id: string;
  due_at: Date;
}

/** A school DSL invitation (002 App. 7); its text is re-rendered, never stored. */
export interface MeetingInvitationTable {
  id: string;
  hub_id: string;
  meeting_id: string;
  school_name: string;
  dsl_name: string;
  /** NULL when only shown for copying */
  to_address: string | null;
  outbox_email_id: string | null;
  created_by: string;
  created_at: Date;
}

export interface PartialDB {
  decision: DecisionTable;
  referrer_feedback: ReferrerFeedbackTable;
  disagreement: DisagreementTable;
  disagreement_step: DisagreementStepTable;
  dissemination_permission: DisseminationPermissionTable;
  meeting: MeetingTable;
  meeting_contact: MeetingContactTable;
  meeting_attendee: MeetingAttendeeTable;
  meeting_information: MeetingInformationTable;
  meeting_action: MeetingActionTable;
  meeting_invitation: MeetingInvitationTable;
}
