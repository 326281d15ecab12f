import type { ColumnType } from 'kysely';

export interface DisclosureTable {
  id: string;
  hub_id: string;
  /** NULL when not tied to one contact */
  contact_id: string | null;
  person_ids: ColumnType<string[], string[] | undefined, string[]>;
  recipient_kind: 'agency' | 'referrer' | 'service' | 'data-subject' | 'other';
  recipient_agency_id: string | null;
  recipient_name: string;
  recipient_email: string | null;
  /** enquiry | feedback | referral-on | export | letter | secure-email | meeting */
  channel: string;
  /** false records a decision NOT to share (golden rule 7) */
  shared: boolean;
  what: string;
  purpose: string;
  legal_basis: string;
  consent_basis: 'consent' | 'override' | 'not-required';
  /** [{ responseId, itemId, originAgencyId, permissionId }] */
  items: ColumnType<unknown[], string | undefined, string>;
  reason_not_shared: string | null;
  decided_by: string;
  decided_at: Date;
  source_type: string | null;
  source_id: string | null;
}

export interface PartialDB {
  disclosure: DisclosureTable;
}
