import { sql, type Kysely } from 'kysely';

/**
 * The disclosure ledger (C5, C6, C11): every decision to share or not share information about
 * people — with a partner agency through an information request, with a referrer as feedback,
 * with a service outside the MASH — what, to whom, why, on what basis, by whom. Golden rule 7
 * (003): the record of the decision exists whether or not information was shared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosure (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- the contact it concerns; NULL for a disclosure not tied to one contact (e.g. a subject access response)
      contact_id uuid,
      -- the people in the person index whose information it is (empty when only contact subjects are named)
      person_ids uuid[] not null default '{}',
      -- 'agency' (a partner in the hub), 'referrer', 'service' (outside the MASH), 'data-subject', 'other'
      recipient_kind text not null check (recipient_kind in ('agency', 'referrer', 'service', 'data-subject', 'other')),
      -- the partner agency, when the recipient is one
      recipient_agency_id uuid references agency(id),
      -- organisation or role of the recipient; never the free-text life story of a person
      recipient_name text not null,
      recipient_email text,
      -- 'enquiry', 'feedback', 'referral-on', 'export', 'letter', 'secure-email', 'meeting'
      channel text not null,
      -- true when information was shared; false records a decision not to share (golden rule 7)
      shared boolean not null,
      -- what was shared, in a line (categories, not content)
      what text not null,
      purpose text not null,
      -- e.g. 'uk-gdpr-6-1-e', 'dpa-2018-sch-1-para-18', 'consent'
      legal_basis text not null,
      -- consent, or a recorded override of it
      consent_basis text not null check (consent_basis in ('consent', 'override', 'not-required')),
      -- items of agency responses included, each with the originating agency whose permission was recorded
      items jsonb not null default '[]'::jsonb,
      reason_not_shared text,
      decided_by uuid not null references app_user(id),
      decided_at timestamptz not null,
      -- the record (enquiry, decision, meeting) that caused it
      source_type text,
      source_id uuid
    )`.execute(db);
  await sql`create index disclosure_contact on disclosure (hub_id, contact_id)`.execute(db);
  await sql`create index disclosure_persons on disclosure using gin (person_ids)`.execute(db);
  await sql`create index disclosure_recipient on disclosure (hub_id, recipient_agency_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
